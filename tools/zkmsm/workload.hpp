// An MSM input for the CLI: synthetic (with its oracle) or read from files in any supported format
// (checked by the GMP reference when small).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/formats.hpp"
#include "io/synthetic.hpp"
#include "zkmsm/msm.hpp"

namespace zkmsm::cli {

// What `--points FILE[:format] --scalars FILE[:format]` and friends ask for.
struct FileInputs {
  std::string points;   // FILE[:format]; format guessed from the header or extension when not given
  std::string scalars;  // FILE[:format]
  uint64_t bases_offset = 0;                        // bases are points K .. K+n−1
  io::PtauBases ptau_bases = io::PtauBases::tau;    // .ptau: section 2 or the Lagrange bases (section 12)
  uint64_t batch = 1;                               // the scalars file holds batch × n scalars
  uint64_t n = 0;                                   // 0 = every scalar in the file (÷ batch); else the first n
  bool scalars_montgomery = false;                  // raw scalars stored in Montgomery form
};

struct Workload {
  uint64_t n = 0;
  uint64_t batch = 1;
  std::vector<uint8_t> points;   // raw layout, n points
  std::vector<uint8_t> scalars;  // raw layout, batch × n scalars, vector after vector
  std::vector<uint64_t> dlogs;   // synthetic only: kᵢ with Pᵢ = kᵢ·G
  std::string source;            // "synthetic uniform seed 1" or the file names and formats

  // edge_cases: mix infinity, duplicate and negated bases in (see io::mix_in_edge_cases). With batch > 1
  // vector b draws its scalars with seed + b.
  static Workload synthetic(uint64_t n, io::ScalarDist dist, uint64_t seed, unsigned threads, bool edge_cases = false,
                            uint64_t batch = 1);
  static Status from_files(const FileInputs& in, Workload& out);
  // Raw files, n = the number of scalars, bases = the first n points.
  static Status from_files(const std::string& points_path, const std::string& scalars_path, Workload& out);

  // Largest file input the GMP reference checks in reasonable time.
  static constexpr uint64_t kReferenceLimit = 1 << 14;
  // The independent expected value of batch item `item`: the oracle for synthetic input, the GMP
  // reference for small files.
  std::optional<AffinePoint> expected(uint64_t item = 0) const;
  const char* check_method() const { return dlogs.empty() ? "reference" : "oracle"; }
};

}  // namespace zkmsm::cli
