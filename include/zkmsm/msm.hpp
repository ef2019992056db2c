// zkmsm: multi-scalar multiplication Q = Σ sᵢ·Pᵢ on BN254 G1.
//
// A Context holds prepared bases (uploaded once, sppark/ICICLE style); each msm() call takes n ≤ bases
// scalars and uses the first n bases. Byte layouts (see docs/FORMATS.md):
//   point  = 64 bytes, x then y, each 32-byte little-endian canonical; 64 zero bytes = infinity
//   scalar = 32 bytes, little-endian canonical, < r (larger values are rejected, not reduced)
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "zkmsm/plan.hpp"
#include "zkmsm/status.hpp"

namespace zkmsm {

constexpr uint64_t kPointBytes = 64;
constexpr uint64_t kScalarBytes = 32;

struct AffinePoint {
  bool infinity = true;
  std::array<uint8_t, 32> x{}, y{};  // canonical, little-endian; zero when infinity

  // From the raw 64-byte layout (x then y, little-endian canonical; 64 zero bytes = infinity).
  static AffinePoint from_raw(const uint8_t* bytes64);
  std::string x_hex() const;  // "0x" + 64 lower-case hex digits, big-endian
  std::string y_hex() const;
  bool operator==(const AffinePoint&) const = default;
};

struct MsmStats {
  Plan plan;
  double wall_ms = 0;              // the whole call, result on the host
  uint64_t peak_bytes_measured = 0;  // bases + working memory actually taken
};

class BackendImpl;

class Context {
 public:
  // Validates every point (coordinates < p, on the curve) and prepares them for `config.backend`.
  static Status create(const uint8_t* bases, uint64_t n, const MsmConfig& config, std::unique_ptr<Context>& out);
  ~Context();

  // Q = Σ_{i<n} scalars[i]·bases[i]. Plans for (n, config) first; a budget that cannot fit is refused
  // before any memory is taken.
  Status msm(const uint8_t* scalars, uint64_t n, AffinePoint& out, MsmStats* stats = nullptr);
  // As msm(), for a config other than the context's (same backend), e.g. another budget or pass count.
  Status msm(const uint8_t* scalars, uint64_t n, const MsmConfig& config, AffinePoint& out, MsmStats* stats = nullptr);

  // As msm(), with the n scalars (same layout) already in CUDA device memory (16-byte aligned), e.g.
  // the output of a GPU NTT: the CUDA backend reads them in place (the plan has no scalars region,
  // scalars_in_place) and checks them there (a scalar ≥ r is refused, named); one point chunk. The
  // scalars must be ready when called (the engine's own stream does not wait for other streams); the
  // call has finished reading them when it returns. The CPU backend, or a pointer that is not device
  // memory, is refused.
  Status msm_device(const void* d_scalars, uint64_t n, AffinePoint& out, MsmStats* stats = nullptr);
  Status msm_device(const void* d_scalars, uint64_t n, const MsmConfig& config, AffinePoint& out,
                    MsmStats* stats = nullptr);

  // A batch (ICICLE's batch_size, points shared in the batch): `batch` scalar vectors of n scalars each,
  // back to back (batch·n·32 bytes), over the same first n bases; out gets `batch` results in order.
  // Planned once; every scalar is checked (CPU: all before the first MSM runs; CUDA: on the device,
  // item by item), and out is only written when all succeed. stats (when given) holds the plan, the
  // whole batch's wall time and the largest peak.
  Status msm_batch(const uint8_t* scalars, uint64_t n, uint64_t batch, std::vector<AffinePoint>& out,
                   MsmStats* stats = nullptr);
  Status msm_batch(const uint8_t* scalars, uint64_t n, uint64_t batch, const MsmConfig& config,
                   std::vector<AffinePoint>& out, MsmStats* stats = nullptr);

  uint64_t size() const { return n_; }
  Backend backend() const { return config_.backend; }
  const MsmConfig& config() const { return config_; }
  BackendImpl& impl() { return *impl_; }

  Context(uint64_t n, const MsmConfig& config, std::unique_ptr<BackendImpl> impl);

 private:
  uint64_t n_;
  MsmConfig config_;
  std::unique_ptr<BackendImpl> impl_;
};

// Whether a CUDA device is usable here (false on machines without a GPU or driver).
bool cuda_available();
// Build and runtime facts for `zkmsm info`.
std::string version();

}  // namespace zkmsm
