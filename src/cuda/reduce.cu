// Window reduction W = Σ_k k·B_k (k = 1..2^(c−1)) as a tree, so no thread walks a whole window:
// the serial depth is what costs at small n (one dependent XYZZ addition is ~µs for a lone thread).
// Every level's output is a pair of arrays (U_q, V_q) per window with W = Σ_q U_q + Σ_q q·V_q.
//   Level 0 (buckets e_k, k = 0..B−1, weight k + 1): thread q takes `span` buckets and running sums
//   from its top give U_q = Σ_{k∈q} (k − q·span + 1)·e_k, R_q = Σ_{k∈q} e_k; V_q = span·R_q.
//   Level ≥ 1 (pairs (U_j, V_j)): thread q gives U'_q = Σ_{j∈q} U_j + Σ_{j∈q} (j − q·span)·V_j
//   (running sums over V, skipping the bottom entry) and V'_q = span·Σ_{j∈q} V_j, since
//   Σ_j j·V_j = Σ_q [Σ_{j∈q} (j − q·span)·V_j + q·span·Σ_{j∈q} V_j].
// The last level has one thread per window and writes W = U_0. Empty buckets were not written this
// pass, so level 0 reads a bucket only when its digit range is nonempty (every bucket when they hold
// running sums over point chunks, all set at the start of the pass).
#include "cuda/pipeline.cuh"

namespace zkmsm::cuda {
namespace {

using math::G1Xyzz;

constexpr unsigned kReduceThreads = 128;

__global__ void __launch_bounds__(kReduceThreads)
    reduce_level(const G1Xyzz* __restrict__ buckets, const uint32_t* __restrict__ ends,
                 const G1Xyzz* __restrict__ in, uint64_t entries, uint32_t span, unsigned log_span, unsigned windows,
                 bool running_buckets, G1Xyzz* out, G1Xyzz* window_sums) {
  const uint64_t outputs = entries / span;
  const uint64_t t = blockIdx.x * uint64_t{blockDim.x} + threadIdx.x;
  if (t >= windows * outputs) return;
  const uint64_t w = t / outputs, j = t % outputs;
  const G1Xyzz* u_in = in;
  const G1Xyzz* v_in = in + windows * entries;
  G1Xyzz running = G1Xyzz::infinity(), sum = G1Xyzz::infinity();
  const uint64_t bottom = j * span;
  if (buckets) {
    for (uint64_t k = bottom + span; k-- > bottom;) {
      const uint64_t idx = w * entries + k;
      const uint32_t start = idx ? ends[idx - 1] : 0;
      if (running_buckets || ends[idx] > start) running += buckets[idx];
      sum += running;
    }
  } else {
    G1Xyzz u_sum = G1Xyzz::infinity();  // independent of `running`: two chains in flight
    for (uint64_t k = bottom + span; k-- > bottom;) {
      const uint64_t idx = w * entries + k;
      u_sum += u_in[idx];
      running += v_in[idx];
      if (k > bottom) sum += running;
    }
    sum += u_sum;
  }
  if (outputs == 1) {
    window_sums[w] = sum;
    return;
  }
  for (unsigned d = 0; d < log_span; ++d) running = running.dbl();
  out[w * outputs + j] = sum;
  out[windows * outputs + w * outputs + j] = running;
}

}  // namespace

cudaError_t reduce_windows(const PassArgs& a, cudaStream_t stream) {
  const plan::cuda::Layout& l = a.layout;
  G1Xyzz* buffers[2] = {reinterpret_cast<G1Xyzz*>(a.d_scratch + l.reduce_a_offset()),
                        reinterpret_cast<G1Xyzz*>(a.d_scratch + l.reduce_b_offset())};
  const auto levels = plan::cuda::reduce_levels(uint64_t{1} << (a.c - 1));
  for (size_t k = 0; k < levels.size(); ++k) {
    const auto& level = levels[k];
    unsigned log_span = 0;
    while ((uint64_t{1} << log_span) < level.span) ++log_span;
    const uint64_t threads = a.windows * level.outputs();
    const unsigned blocks = static_cast<unsigned>((threads + kReduceThreads - 1) / kReduceThreads);
    reduce_level<<<blocks, kReduceThreads, 0, stream>>>(
        k == 0 ? a.d_buckets : nullptr, a.d_bucket_ends, k == 0 ? nullptr : buffers[(k - 1) % 2], level.entries,
        static_cast<uint32_t>(level.span), log_span, a.windows, a.running_buckets, buffers[k % 2],
        a.d_window_sums + a.first_window);
  }
  return cudaGetLastError();
}

}  // namespace zkmsm::cuda
