#include "workload.hpp"

#include <fmt/format.h>

#include <cstring>
#include <thread>

#include "api/backend.hpp"
#include "io/formats.hpp"
#include "io/raw.hpp"
#include "ref/ref.hpp"

namespace zkmsm::cli {

Workload Workload::synthetic(uint64_t n, io::ScalarDist dist, uint64_t seed, unsigned threads, bool edge_cases,
                             uint64_t batch) {
  Workload w;
  w.n = n;
  w.batch = batch;
  std::vector<math::G1Affine> bases;
  io::synthetic_bases(n, seed, threads ? threads : std::thread::hardware_concurrency(), bases, w.dlogs);
  if (edge_cases) io::mix_in_edge_cases(bases, w.dlogs, seed);
  w.points = io::points_to_bytes(bases);
  for (uint64_t b = 0; b < batch; ++b) {
    const std::vector<uint8_t> s = io::scalars_to_bytes(io::synthetic_scalars(n, dist, seed + b));
    w.scalars.insert(w.scalars.end(), s.begin(), s.end());
  }
  w.source = fmt::format("synthetic {}{} seed {}", io::dist_name(dist), edge_cases ? " with edge cases" : "", seed);
  if (batch > 1) w.source += fmt::format(", batch of {}", batch);
  return w;
}

Status Workload::from_files(const FileInputs& in, Workload& out) {
  out = Workload{};
  std::string points_path, scalars_path;
  std::optional<io::Format> points_format, scalars_format;
  io::split_spec(in.points, points_path, points_format);
  io::split_spec(in.scalars, scalars_path, scalars_format);
  const bool points_guessed = !points_format, scalars_guessed = !scalars_format;
  if (!points_format)
    if (Status s = io::guess_file_format(points_path, points_format.emplace()); !s.ok()) return s;
  if (!scalars_format)
    if (Status s = io::guess_file_format(scalars_path, scalars_format.emplace()); !s.ok()) return s;
  // A reader's error on a guessed headerless format says so, and how to choose another (.ptau and .wtns
  // carry a magic of their own, so their errors speak for themselves).
  const auto hint = [](const Status& s, bool guessed, io::Format f) {
    if (!guessed || s.code() != StatusCode::invalid_argument || f == io::Format::ptau || f == io::Format::wtns)
      return s;
    return Status(s.code(), fmt::format("{} (read as {}, guessed from the name or header; write FILE:format to "
                                        "choose raw|ptau|wtns|bb|arkworks|gnark)",
                                        s.message(), io::format_name(f)));
  };
  if (!io::format_has_scalars(*scalars_format))
    return Status::InvalidArgument(fmt::format("{}: a {} file holds no scalars (formats with scalars: raw, wtns, "
                                               "arkworks, gnark)", scalars_path, io::format_name(*scalars_format)));
  if (!io::format_has_points(*points_format))
    return Status::InvalidArgument(fmt::format("{}: a {} file holds no points (formats with points: raw, ptau, bb, "
                                               "arkworks, gnark)", points_path, io::format_name(*points_format)));
  if (in.ptau_bases == io::PtauBases::lagrange && *points_format != io::Format::ptau)
    return Status::InvalidArgument(
        fmt::format("--ptau-bases lagrange needs a .ptau points file ({} is {})", points_path,
                    io::format_name(*points_format)));
  if (in.batch == 0) return Status::InvalidArgument("--batch must be at least 1");

  if (in.scalars_montgomery && *scalars_format != io::Format::raw)
    return Status::InvalidArgument(fmt::format("--scalars-montgomery applies to raw scalars ({} is {})", scalars_path,
                                               io::format_name(*scalars_format)));
  uint64_t total = 0;
  if (Status s = io::read_scalars(scalars_path, *scalars_format, out.scalars, total); !s.ok())
    return hint(s, scalars_guessed, *scalars_format);
  if (in.scalars_montgomery)
    if (Status s = io::scalars_from_montgomery(out.scalars.data(), total, scalars_path); !s.ok()) return s;
  out.batch = in.batch;
  if (in.n) {
    if (in.n > total / in.batch)
      return Status::InvalidArgument(fmt::format("{}: --n {} × --batch {} scalars wanted but the file holds {}",
                                                 scalars_path, in.n, in.batch, total));
    out.n = in.n;
    // Batch vectors are taken back to back from the file's start: vector b = scalars [b·n, (b+1)·n).
    out.scalars.resize(in.n * in.batch * kScalarBytes);
  } else {
    if (total % in.batch != 0)
      return Status::InvalidArgument(fmt::format("{}: {} scalars do not split into --batch {} equal vectors",
                                                 scalars_path, total, in.batch));
    out.n = total / in.batch;
  }
  io::PointQuery query;
  query.offset = in.bases_offset;
  query.count = out.n;
  query.ptau_bases = in.ptau_bases;
  uint64_t points = 0;
  if (Status s = io::read_points(points_path, *points_format, query, out.points, points); !s.ok())
    return hint(s, points_guessed, *points_format);
  out.source = fmt::format("{} ({}{}{}) × {} ({}{})", points_path, io::format_name(*points_format),
                           *points_format == io::Format::ptau ? std::string(", ") + io::ptau_bases_name(in.ptau_bases)
                                                              : std::string(),
                           in.bases_offset ? fmt::format(", from point {}", in.bases_offset) : std::string(),
                           scalars_path, io::format_name(*scalars_format),
                           in.batch > 1 ? fmt::format(", batch of {}", in.batch) : std::string());
  return Status::Ok();
}

Status Workload::from_files(const std::string& points_path, const std::string& scalars_path, Workload& out) {
  FileInputs in;
  in.points = points_path + ":raw";
  in.scalars = scalars_path + ":raw";
  return from_files(in, out);
}

std::optional<AffinePoint> Workload::expected(uint64_t item) const {
  const uint8_t* item_scalars = scalars.data() + item * n * kScalarBytes;
  if (!dlogs.empty()) {
    std::vector<uint64_t> limbs(4 * n);
    std::memcpy(limbs.data(), item_scalars, n * kScalarBytes);
    return encode_point(io::oracle_expected(dlogs, limbs.data(), n));
  }
  if (n > kReferenceLimit) return std::nullopt;
  std::vector<ref::Point> bases(n);
  std::vector<mpz_class> ks(n);
  for (uint64_t i = 0; i < n; ++i) {
    bases[i] = ref::from_le_bytes(&points[i * kPointBytes]);
    ks[i] = ref::scalar_from_le_bytes(item_scalars + i * kScalarBytes);
  }
  uint8_t raw[64];
  ref::to_le_bytes(ref::msm(bases, ks), raw);
  return AffinePoint::from_raw(raw);
}

}  // namespace zkmsm::cli
