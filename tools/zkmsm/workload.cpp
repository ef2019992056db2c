#include "workload.hpp"

#include <fmt/format.h>

#include <cstring>
#include <thread>

#include "api/backend.hpp"
#include "io/raw.hpp"
#include "ref/ref.hpp"

namespace zkmsm::cli {

Workload Workload::synthetic(uint64_t n, io::ScalarDist dist, uint64_t seed, unsigned threads, bool edge_cases) {
  Workload w;
  w.n = n;
  std::vector<math::G1Affine> bases;
  io::synthetic_bases(n, seed, threads ? threads : std::thread::hardware_concurrency(), bases, w.dlogs);
  if (edge_cases) io::mix_in_edge_cases(bases, w.dlogs, seed);
  w.points = io::points_to_bytes(bases);
  w.scalars = io::scalars_to_bytes(io::synthetic_scalars(n, dist, seed));
  w.source = fmt::format("synthetic {}{} seed {}", io::dist_name(dist), edge_cases ? " with edge cases" : "", seed);
  return w;
}

Status Workload::from_files(const std::string& points_path, const std::string& scalars_path, Workload& out) {
  uint64_t points = 0;
  if (Status s = io::read_raw_records(points_path, kPointBytes, out.points, points); !s.ok()) return s;
  if (Status s = io::read_raw_records(scalars_path, kScalarBytes, out.scalars, out.n); !s.ok()) return s;
  if (points != out.n)
    return Status::InvalidArgument(
        fmt::format("{} holds {} points but {} holds {} scalars", points_path, points, scalars_path, out.n));
  out.source = points_path + " × " + scalars_path;
  return Status::Ok();
}

std::optional<AffinePoint> Workload::expected() const {
  if (!dlogs.empty()) {
    std::vector<uint64_t> limbs(4 * n);
    std::memcpy(limbs.data(), scalars.data(), n * kScalarBytes);
    return encode_point(io::oracle_expected(dlogs, limbs.data(), n));
  }
  if (n > kReferenceLimit) return std::nullopt;
  std::vector<ref::Point> bases(n);
  std::vector<mpz_class> ks(n);
  for (uint64_t i = 0; i < n; ++i) {
    bases[i] = ref::from_le_bytes(&points[i * kPointBytes]);
    ks[i] = ref::scalar_from_le_bytes(&scalars[i * kScalarBytes]);
  }
  const ref::Point q = ref::msm(bases, ks);
  AffinePoint out;
  out.infinity = q.infinity;
  if (!out.infinity) {
    uint8_t bytes[64];
    ref::to_le_bytes(q, bytes);
    std::memcpy(out.x.data(), bytes, 32);
    std::memcpy(out.y.data(), bytes + 32, 32);
  }
  return out;
}

}  // namespace zkmsm::cli
