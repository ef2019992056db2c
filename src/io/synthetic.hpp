// Synthetic inputs with a known-discrete-log oracle: bases Pᵢ = kᵢ·G for random recorded kᵢ, so that
// Σ sᵢ·Pᵢ = (Σ sᵢ·kᵢ mod r)·G can be checked at any n.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "math/g1.hpp"

namespace zkmsm::io {

enum class ScalarDist { uniform, small, all_equal, sparse, half_ones, max };
const char* dist_name(ScalarDist d);
bool parse_dist(const std::string& name, ScalarDist& out);
inline constexpr ScalarDist kAllDists[] = {ScalarDist::uniform, ScalarDist::small,     ScalarDist::all_equal,
                                           ScalarDist::sparse,  ScalarDist::half_ones, ScalarDist::max};

// n independent bases kᵢ·G (kᵢ uniform in [1, r)); dlogs gets kᵢ as 4 canonical limbs each.
// Deterministic in (n, seed) whatever the thread count.
void synthetic_bases(uint64_t n, uint64_t seed, unsigned threads, std::vector<math::G1Affine>& bases,
                     std::vector<uint64_t>& dlogs);

// Overwrites some bases with the cases batch-affine code gets wrong — infinity, a duplicate of an
// earlier base, the negation of an earlier base — keeping dlogs true (0, kⱼ, r − kⱼ), so the oracle holds.
void mix_in_edge_cases(std::vector<math::G1Affine>& bases, std::vector<uint64_t>& dlogs, uint64_t seed);

// n canonical scalars (4 limbs each) drawn from `dist`:
//   uniform [0, r) · small [0, 2^16) · all_equal one uniform value · sparse 90 % zero, rest uniform ·
//   half_ones half are 1, rest uniform · max every scalar r − 1.
std::vector<uint64_t> synthetic_scalars(uint64_t n, ScalarDist dist, uint64_t seed);

// (Σ sᵢ·kᵢ mod r)·G.
math::G1Affine oracle_expected(const std::vector<uint64_t>& dlogs, const uint64_t* scalars, uint64_t n);

// Canonical little-endian bytes of points (64 B each, infinity = zeros) and scalars (32 B each).
std::vector<uint8_t> points_to_bytes(const std::vector<math::G1Affine>& points);
std::vector<uint8_t> scalars_to_bytes(const std::vector<uint64_t>& scalars);

}  // namespace zkmsm::io
