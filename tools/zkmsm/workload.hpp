// An MSM input for the CLI: synthetic (with its oracle) or read from raw files (checked by the
// GMP reference when small).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/synthetic.hpp"
#include "zkmsm/msm.hpp"

namespace zkmsm::cli {

struct Workload {
  uint64_t n = 0;
  std::vector<uint8_t> points;   // raw layout
  std::vector<uint8_t> scalars;  // raw layout
  std::vector<uint64_t> dlogs;   // synthetic only: kᵢ with Pᵢ = kᵢ·G
  std::string source;            // "synthetic uniform seed 1" or the file names

  // edge_cases: mix infinity, duplicate and negated bases in (see io::mix_in_edge_cases).
  static Workload synthetic(uint64_t n, io::ScalarDist dist, uint64_t seed, unsigned threads, bool edge_cases = false);
  static Status from_files(const std::string& points_path, const std::string& scalars_path, Workload& out);

  // Largest file input the GMP reference checks in reasonable time.
  static constexpr uint64_t kReferenceLimit = 1 << 14;
  // The independent expected value: the oracle for synthetic input, the GMP reference for small files.
  std::optional<AffinePoint> expected() const;
  const char* check_method() const { return dlogs.empty() ? "reference" : "oracle"; }
};

}  // namespace zkmsm::cli
