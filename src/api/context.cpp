#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>

#include "api/backend.hpp"
#include "zkmsm/msm.hpp"

namespace zkmsm {

using math::Fp;
using math::Fr;
using math::G1Affine;

namespace {

std::string hex_be(const std::array<uint8_t, 32>& le) {
  std::string s = "0x";
  for (int i = 31; i >= 0; --i) s += fmt::format("{:02x}", le[i]);
  return s;
}

void load_le(const uint8_t* bytes, uint64_t* limbs) {
  for (int i = 0; i < 4; ++i) std::memcpy(&limbs[i], bytes + 8 * i, 8);  // x86-64 and sm_90 are little-endian
}

void store_le(const Fp& f, std::array<uint8_t, 32>& out) {
  uint64_t limbs[4];
  f.to_canonical(limbs);
  for (int i = 0; i < 4; ++i) std::memcpy(out.data() + 8 * i, &limbs[i], 8);
}

}  // namespace

AffinePoint AffinePoint::from_raw(const uint8_t* bytes64) {
  AffinePoint a;
  std::memcpy(a.x.data(), bytes64, 32);
  std::memcpy(a.y.data(), bytes64 + 32, 32);
  a.infinity = std::all_of(bytes64, bytes64 + 64, [](uint8_t b) { return b == 0; });
  return a;
}

std::string AffinePoint::x_hex() const { return hex_be(x); }
std::string AffinePoint::y_hex() const { return hex_be(y); }

Status decode_points(const uint8_t* bytes, uint64_t n, std::vector<G1Affine>& out) {
  out.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t x[4], y[4];
    load_le(bytes + i * kPointBytes, x);
    load_le(bytes + i * kPointBytes + 32, y);
    if (!Fp::is_canonical(x) || !Fp::is_canonical(y))
      return Status::InvalidArgument(fmt::format("point {}: coordinate is not below p", i));
    out[i] = {Fp::from_canonical(x), Fp::from_canonical(y)};
    if (!out[i].is_on_curve()) return Status::InvalidArgument(fmt::format("point {}: not on the curve", i));
  }
  return Status::Ok();
}

Status check_scalars(const uint64_t* scalars, uint64_t n) {
  for (uint64_t i = 0; i < n; ++i)
    if (!Fr::is_canonical(scalars + 4 * i))
      return Status::InvalidArgument(fmt::format("scalar {}: not below r (scalars must be canonical)", i));
  return Status::Ok();
}

AffinePoint encode_point(const G1Affine& p) {
  AffinePoint a;
  a.infinity = p.is_infinity();
  if (!a.infinity) {
    store_le(p.x, a.x);
    store_le(p.y, a.y);
  }
  return a;
}

bool cuda_available();

Context::Context(uint64_t n, const MsmConfig& config, std::unique_ptr<BackendImpl> impl)
    : n_(n), config_(config), impl_(std::move(impl)) {}
Context::~Context() = default;

Status Context::create(const uint8_t* bases, uint64_t n, const MsmConfig& config, std::unique_ptr<Context>& out) {
  std::vector<G1Affine> points;
  if (Status s = decode_points(bases, n, points); !s.ok()) return s;
  MsmConfig cfg = config;
  if (cfg.backend == Backend::automatic) cfg.backend = cuda_available() ? Backend::cuda : Backend::cpu;
  std::unique_ptr<BackendImpl> impl;
  if (cfg.backend == Backend::cpu) {
    impl = make_cpu_backend(std::move(points));
    if (!impl) return Status::OutOfMemory(fmt::format("cannot allocate {} bytes for {} bases", n * kPointBytes, n));
  } else {
#if defined(ZKMSM_HAVE_CUDA)
    if (Status s = make_cuda_backend(points, cfg, impl); !s.ok()) return s;
#else
    return Status::Unavailable("this build of zkmsm has no CUDA backend (configure with ZKMSM_CUDA=ON)");
#endif
  }
  out = std::make_unique<Context>(n, cfg, std::move(impl));
  return Status::Ok();
}

Status Context::msm(const uint8_t* scalars, uint64_t n, AffinePoint& out, MsmStats* stats) {
  return msm(scalars, n, config_, out, stats);
}

Status Context::msm(const uint8_t* scalars, uint64_t n, const MsmConfig& config, AffinePoint& out,
                    MsmStats* stats) {
  std::vector<AffinePoint> results;
  if (Status s = msm_batch(scalars, n, 1, config, results, stats); !s.ok()) return s;
  out = results[0];
  return Status::Ok();
}

Status Context::msm_device(const void* d_scalars, uint64_t n, AffinePoint& out, MsmStats* stats) {
  return msm_device(d_scalars, n, config_, out, stats);
}

Status Context::msm_device(const void* d_scalars, uint64_t n, const MsmConfig& config, AffinePoint& out,
                           MsmStats* stats) {
  if (n > n_) return Status::InvalidArgument(fmt::format("{} scalars but only {} bases", n, n_));
  if (n && !d_scalars) return Status::InvalidArgument("device scalars pointer is null");
  MsmConfig cfg = config;
  cfg.backend = config_.backend;
  cfg.scalars_in_place = true;  // one point chunk: the planner refuses more
  Plan plan;
  if (Status s = make_plan(n, cfg, impl_->device_model(cfg), plan); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  G1Affine result;
  uint64_t peak = 0;
  if (Status s = impl_->msm_device(plan, d_scalars, result, peak); !s.ok()) return s;
  out = encode_point(result);
  if (stats) {
    stats->wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    stats->peak_bytes_measured = peak;
    stats->plan = std::move(plan);
  }
  return Status::Ok();
}

Status Context::msm_batch(const uint8_t* scalars, uint64_t n, uint64_t batch, std::vector<AffinePoint>& out,
                          MsmStats* stats) {
  return msm_batch(scalars, n, batch, config_, out, stats);
}

Status Context::msm_batch(const uint8_t* scalars, uint64_t n, uint64_t batch, const MsmConfig& config,
                          std::vector<AffinePoint>& out, MsmStats* stats) {
  if (n > n_) return Status::InvalidArgument(fmt::format("{} scalars but only {} bases", n, n_));
  if (batch == 0) return Status::InvalidArgument("batch size must be at least 1");
  if (n != 0 && batch > UINT64_MAX / (n * kScalarBytes))
    return Status::InvalidArgument(fmt::format("batch of {} × {} scalars overflows", batch, n));
  MsmConfig cfg = config;
  cfg.backend = config_.backend;
  Plan plan;
  if (Status s = make_plan(n, cfg, impl_->device_model(cfg), plan); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  // Scalars are read in place when 8-byte aligned (the usual case), else copied once.
  std::vector<uint64_t> aligned;
  const uint64_t* limbs = reinterpret_cast<const uint64_t*>(scalars);
  if (reinterpret_cast<uintptr_t>(scalars) % alignof(uint64_t) != 0) {
    aligned.resize(4 * n * batch);
    std::memcpy(aligned.data(), scalars, n * batch * kScalarBytes);
    limbs = aligned.data();
  }
  // An error of batch item b (its scalars, or the backend's run of it; items before it have run) names it.
  auto in_item = [batch](uint64_t b, const Status& s) {
    return Status(s.code(), batch > 1 ? fmt::format("batch item {}: {}", b, s.message()) : s.message());
  };
  if (!impl_->checks_scalars())
    for (uint64_t b = 0; b < batch; ++b)
      if (Status s = check_scalars(limbs + 4 * n * b, n); !s.ok()) return in_item(b, s);
  // The backends run one MSM at a time for now; a backend-level batch (shared sort buffers, one launch
  // sequence) can replace this loop without changing the interface.
  std::vector<AffinePoint> results(batch);
  uint64_t peak_max = 0;
  for (uint64_t b = 0; b < batch; ++b) {
    G1Affine result;
    uint64_t peak = 0;
    if (Status s = impl_->msm(plan, limbs + 4 * n * b, result, peak); !s.ok()) return in_item(b, s);
    results[b] = encode_point(result);
    peak_max = std::max(peak_max, peak);
  }
  out = std::move(results);
  if (stats) {
    stats->wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    stats->peak_bytes_measured = peak_max;
    stats->plan = std::move(plan);
  }
  return Status::Ok();
}

std::string version() { return "0.1.0"; }

#if !defined(ZKMSM_HAVE_CUDA)
bool cuda_available() { return false; }
#endif

}  // namespace zkmsm
