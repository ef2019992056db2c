#include "io/synthetic.hpp"

#include <cstring>
#include <random>

#include "cpu/parallel.hpp"
#include "math/batch_affine.hpp"
#include "math/digits.hpp"

namespace zkmsm::io {

using math::Fp;
using math::Fr;
using math::G1Affine;
using math::G1Jacobian;

namespace {

constexpr uint64_t kSeedChunk = 1 << 14;  // points per independently seeded generator

void random_below_r(std::mt19937_64& rng, uint64_t* out) {
  do {
    for (int i = 0; i < 4; ++i) out[i] = rng();
    out[3] &= (uint64_t{1} << 62) - 1;  // r < 2^254: rejection needs ≈ 1.3 draws
  } while (!Fr::is_canonical(out));
}

// Fixed-base table: table[j·2^w + d] = d·2^(w·j)·G in affine, for every w-bit digit d of a scalar.
struct FixedBaseTable {
  unsigned w, digits;
  std::vector<G1Affine> points;

  FixedBaseTable(unsigned window_bits, unsigned threads) : w(window_bits), digits((256 + w - 1) / w) {
    const uint64_t size = uint64_t{1} << w;
    points.resize(digits * size);
    cpu::parallel_for(threads, digits, [&](size_t j, unsigned) {
      uint64_t shift[4] = {0, 0, 0, 0};
      shift[(w * j) / 64] = uint64_t{1} << ((w * j) % 64);
      const G1Affine step = math::scalar_mul(G1Affine::generator(), shift).to_affine();
      std::vector<G1Jacobian> row(size);
      row[0] = G1Jacobian::infinity();
      for (uint64_t d = 1; d < size; ++d) row[d] = row[d - 1].add_mixed(step);
      to_affine(row, points.data() + j * size);
    });
  }

  static void to_affine(const std::vector<G1Jacobian>& in, G1Affine* out) {
    std::vector<Fp> z(in.size()), scratch(in.size());
    for (size_t i = 0; i < in.size(); ++i) z[i] = in[i].Z;
    math::batch_inverse(z.data(), scratch.data(), static_cast<int64_t>(z.size()));
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i].is_infinity()) {
        out[i] = G1Affine::infinity();
        continue;
      }
      const Fp z2 = z[i].sqr();
      out[i] = {in[i].X * z2, in[i].Y * z2 * z[i]};
    }
  }

  const G1Affine& entry(const uint64_t* k, unsigned j) const {
    return points[(uint64_t{j} << w) + math::scalar_bits(k, w * j, w)];
  }
};

}  // namespace

const char* dist_name(ScalarDist d) {
  switch (d) {
    case ScalarDist::uniform: return "uniform";
    case ScalarDist::small: return "small";
    case ScalarDist::all_equal: return "all-equal";
    case ScalarDist::sparse: return "sparse";
    case ScalarDist::half_ones: return "half-ones";
    case ScalarDist::max: return "max";
  }
  return "?";
}

bool parse_dist(const std::string& name, ScalarDist& out) {
  for (ScalarDist d : kAllDists)
    if (name == dist_name(d)) {
      out = d;
      return true;
    }
  return false;
}

void synthetic_bases(uint64_t n, uint64_t seed, unsigned threads, std::vector<G1Affine>& bases,
                     std::vector<uint64_t>& dlogs) {
  bases.resize(n);
  dlogs.resize(4 * n);
  if (n == 0) return;
  const FixedBaseTable table(n >= (1 << 16) ? 16 : 8, threads);
  const uint64_t chunks = (n + kSeedChunk - 1) / kSeedChunk;
  cpu::parallel_for(threads, chunks, [&](size_t chunk, unsigned) {
    std::mt19937_64 rng(seed * 0x9e3779b97f4a7c15ull + chunk);
    const uint64_t begin = chunk * kSeedChunk, end = std::min(n, begin + kSeedChunk);
    for (uint64_t i = begin; i < end; ++i) {
      do random_below_r(rng, &dlogs[4 * i]);
      while ((dlogs[4 * i] | dlogs[4 * i + 1] | dlogs[4 * i + 2] | dlogs[4 * i + 3]) == 0);
      bases[i] = table.entry(&dlogs[4 * i], 0);
    }
    // Add the remaining table entries batch-affine, one shared inversion per digit position.
    std::vector<Fp> den(end - begin), scratch(end - begin);
    for (unsigned j = 1; j < table.digits; ++j) {
      for (uint64_t i = begin; i < end; ++i)
        den[i - begin] = math::affine_add_denominator(bases[i], table.entry(&dlogs[4 * i], j));
      math::batch_inverse(den.data(), scratch.data(), static_cast<int64_t>(end - begin));
      for (uint64_t i = begin; i < end; ++i)
        bases[i] = math::affine_add_finish(bases[i], table.entry(&dlogs[4 * i], j), den[i - begin]);
    }
  });
}

void mix_in_edge_cases(std::vector<G1Affine>& bases, std::vector<uint64_t>& dlogs, uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0xed9eca5e5ull);
  for (size_t i = 1; i < bases.size(); ++i) {
    const uint64_t roll = rng() % 8;
    if (roll > 2) continue;
    const size_t j = rng() % i;  // an earlier base
    uint64_t* k = &dlogs[4 * i];
    if (roll == 0) {
      bases[i] = G1Affine::infinity();
      std::fill(k, k + 4, 0);
    } else if (roll == 1) {
      bases[i] = bases[j];
      std::copy(&dlogs[4 * j], &dlogs[4 * j + 4], k);
    } else {
      bases[i] = -bases[j];
      (-Fr::from_canonical(&dlogs[4 * j])).to_canonical(k);
    }
  }
}

std::vector<uint64_t> synthetic_scalars(uint64_t n, ScalarDist dist, uint64_t seed) {
  std::vector<uint64_t> s(4 * n, 0);
  std::mt19937_64 rng(seed ^ 0x5ca1ab1e5ca1ab1eull);
  uint64_t shared[4];
  random_below_r(rng, shared);
  const uint64_t r_minus_1[4] = {Fr::M[0] - 1, Fr::M[1], Fr::M[2], Fr::M[3]};
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t* out = &s[4 * i];
    switch (dist) {
      case ScalarDist::uniform: random_below_r(rng, out); break;
      case ScalarDist::small: out[0] = rng() & 0xffff; break;
      case ScalarDist::all_equal: std::memcpy(out, shared, 32); break;
      case ScalarDist::sparse:
        if (rng() % 10 == 0) random_below_r(rng, out);
        break;
      case ScalarDist::half_ones:
        if (rng() & 1) out[0] = 1;
        else random_below_r(rng, out);
        break;
      case ScalarDist::max: std::memcpy(out, r_minus_1, 32); break;
    }
  }
  return s;
}

G1Affine oracle_expected(const std::vector<uint64_t>& dlogs, const uint64_t* scalars, uint64_t n) {
  Fr sum = Fr::zero();
  for (uint64_t i = 0; i < n; ++i) sum += Fr::from_canonical(&dlogs[4 * i]) * Fr::from_canonical(scalars + 4 * i);
  uint64_t k[4];
  sum.to_canonical(k);
  return math::scalar_mul(G1Affine::generator(), k).to_affine();
}

std::vector<uint8_t> points_to_bytes(const std::vector<G1Affine>& points) {
  std::vector<uint8_t> out(points.size() * 64, 0);
  for (size_t i = 0; i < points.size(); ++i) {
    if (points[i].is_infinity()) continue;
    uint64_t x[4], y[4];
    points[i].x.to_canonical(x);
    points[i].y.to_canonical(y);
    std::memcpy(&out[64 * i], x, 32);
    std::memcpy(&out[64 * i + 32], y, 32);
  }
  return out;
}

std::vector<uint8_t> scalars_to_bytes(const std::vector<uint64_t>& scalars) {
  std::vector<uint8_t> out(scalars.size() * 8);
  std::memcpy(out.data(), scalars.data(), out.size());
  return out;
}

}  // namespace zkmsm::io
