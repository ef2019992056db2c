#include "cuda/engine.hpp"

#include <cuda_runtime.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <system_error>
#include <thread>
#include <vector>

#include "cuda/cuda_status.hpp"
#include "cuda/pipeline.cuh"
#include "plan/cuda_sizing.hpp"
#include "plan/regions.hpp"

namespace zkmsm::cuda {

using math::G1Affine;
using math::G1Xyzz;

bool device_present() {
  int count = 0;
  return cudaGetDeviceCount(&count) == cudaSuccess && count > 0;
}

Status query_device(DeviceInfo& out) {
  int device = 0;
  ZK_CUDA_TRY(cudaGetDevice(&device));
  cudaDeviceProp prop{};
  ZK_CUDA_TRY(cudaGetDeviceProperties(&prop, device));
  out.name = prop.name;
  out.sm_count = static_cast<unsigned>(prop.multiProcessorCount);
  out.compute_capability = static_cast<unsigned>(prop.major * 10 + prop.minor);
  out.memory_bytes = prop.totalGlobalMem;
  return Status::Ok();
}

DeviceModel device_model(const DeviceInfo& info) {
  DeviceModel d;
  d.backend = Backend::cuda;
  d.name = info.name;
  d.threads = 1;
  d.sm_count = info.sm_count;
  d.compute_capability = info.compute_capability;
  d.memory_bytes = info.memory_bytes;
  return d;
}

namespace {

// Copies `bytes` from pageable `src` to pinned `dst` on up to 8 host threads (one copies pageable
// memory at ~8 GB/s on the H100 host, slower than the GPU sorts and accumulates a chunk of the same
// scalars), each in pieces of kCopyPieceBytes, and calls `landed(offset, size)` on the copying thread
// after each piece: the caller starts that piece's DMA there, so the device copy runs behind the host's
// rather than after all of it (a chunk's host copy and DMA take about as long each). Returns the first
// CUDA error (of `landed`, or of a helper thread's cudaSetDevice).
template <class Landed>
cudaError_t pipelined_copy(void* dst, const void* src, uint64_t bytes, Landed landed) {
  constexpr uint64_t kPerThread = uint64_t{2} << 20, kCopyPieceBytes = uint64_t{1} << 20;
  const unsigned threads = static_cast<unsigned>(
      std::clamp<uint64_t>(bytes / kPerThread, 1, std::max(1u, std::min(8u, std::thread::hardware_concurrency()))));
  const uint64_t part = (bytes + threads - 1) / threads;
  int device = 0;
  if (cudaError_t e = cudaGetDevice(&device); e != cudaSuccess) return e;
  std::atomic<int> first_error{cudaSuccess};
  auto fail = [&](cudaError_t e) {
    int none = cudaSuccess;
    if (e != cudaSuccess) first_error.compare_exchange_strong(none, e);
  };
  auto copy_part = [&](unsigned t, bool helper) {
    if (helper) fail(cudaSetDevice(device));  // the DMAs go to this device's streams
    const uint64_t end = std::min(bytes, (t + 1) * part);
    for (uint64_t offset = std::min(bytes, t * part); offset < end; offset += kCopyPieceBytes) {
      const uint64_t size = std::min(kCopyPieceBytes, end - offset);
      std::memcpy(static_cast<std::byte*>(dst) + offset, static_cast<const std::byte*>(src) + offset, size);
      fail(landed(offset, size));
    }
  };
  std::vector<std::thread> helpers;
  helpers.reserve(threads);
  unsigned started = 1;
  try {
    for (; started < threads; ++started) helpers.emplace_back(copy_part, started, true);
  } catch (const std::system_error&) {  // no more threads: this one copies the rest
  }
  for (unsigned t = started; t < threads; ++t) copy_part(t, false);
  copy_part(0, false);
  for (std::thread& h : helpers) h.join();
  return static_cast<cudaError_t>(first_error.load());
}

// Pinned staging of host scalars takes at most this much host memory (two chunks of 2^24 points).
constexpr uint64_t kMaxStagingBytes = uint64_t{1} << 30;
// Scalars in one piece go through the pinned staging from this size; smaller ones are copied from
// pageable memory. H100, upload + MSM, pageable against staged: 2^16 points (2 MiB) 1.34–1.46 ms
// against 1.53–1.55, 2^18 (8 MiB) 2.76–2.94 both ways, 2^19 (16 MiB) 5.9–6.1 against 4.2–4.4, 2^20
// 8.8–11.9 against 6.6–6.7.
constexpr uint64_t kStagedUploadBytes = uint64_t{16} << 20;

// The pinned staging a plan's host scalars go through: two chunk buffers when streamed, the scalars in
// one piece from kStagedUploadBytes, else none (0).
uint64_t staging_bytes_for(const Plan& plan) {
  if (plan.scalars_in_place) return 0;
  if (plan.point_chunks > 1) return 2 * plan.chunk_points() * 32;
  return plan.n * 32 >= kStagedUploadBytes ? plan.n * 32 : 0;
}

// Host scalars into device memory on `stream`: through `staging` piece by piece when given, else
// straight from the caller's pageable memory.
cudaError_t copy_in(std::byte* device, const void* host, uint64_t bytes, std::byte* staging, cudaStream_t stream) {
  if (!staging) return cudaMemcpyAsync(device, host, bytes, cudaMemcpyHostToDevice, stream);
  return pipelined_copy(staging, host, bytes, [&](uint64_t offset, uint64_t size) {
    return cudaMemcpyAsync(device + offset, staging + offset, size, cudaMemcpyHostToDevice, stream);
  });
}

}  // namespace

struct Engine::State {
  DeviceInfo info;
  uint64_t n_bases = 0;
  uint64_t context_bytes = 0;  // the bases region, aligned: working regions start here
  std::byte* d_arena = nullptr;
  uint64_t arena_bytes = 0;
  cudaStream_t stream = nullptr;       // the MSM's kernels
  cudaStream_t copy_stream = nullptr;  // streamed scalar chunks
  cudaStream_t sort_stream = nullptr;  // streamed chunks' sorts, beside the previous chunk's combine levels
  cudaEvent_t events[7] = {};  // upload start/stop, passes start/stop, first pass's sort/accumulate/reduce ends
  // Per scalar chunk buffer: its copy has landed / its chunk has been sorted (the buffer may be refilled).
  cudaEvent_t copied[2] = {}, consumed[2] = {};
  // A chunk's digits are sorted (sort stream → MSM stream) / read by level 0 (the next sort may start);
  // the scalar check is reset (MSM stream → sort stream).
  cudaEvent_t digits_sorted = nullptr, digits_read = nullptr, check_reset = nullptr;
  // Pinned host staging of the scalars (two chunk buffers when streamed, else the scalars in one piece;
  // host memory, not part of the arena): a copy from pageable memory would hold the host and the device
  // until it lands and runs at ~9 GB/s, while the host's memcpy into pinned memory overlaps the GPU's
  // work (and, piece by piece, its own DMA), which is asynchronous.
  void* h_staging = nullptr;
  uint64_t staging_bytes = 0;
  std::vector<G1Xyzz> h_bit_sums;
  uint32_t h_scalar_check = 0;

  ~State() {
    for (cudaEvent_t e : events)
      if (e) cudaEventDestroy(e);
    for (int b = 0; b < 2; ++b) {
      if (copied[b]) cudaEventDestroy(copied[b]);
      if (consumed[b]) cudaEventDestroy(consumed[b]);
    }
    if (h_staging) cudaFreeHost(h_staging);
    for (cudaEvent_t e : {digits_sorted, digits_read, check_reset})
      if (e) cudaEventDestroy(e);
    if (sort_stream) cudaStreamDestroy(sort_stream);
    if (copy_stream) cudaStreamDestroy(copy_stream);
    if (stream) cudaStreamDestroy(stream);
    if (d_arena) cudaFree(d_arena);
  }

  // Device address of a working (or the bases) region of `plan` inside the arena.
  template <class T>
  T* region(const Plan& plan, const char* name) const {
    const Region* r = plan.find(name);
    if (r->lifetime == Lifetime::context) return reinterpret_cast<T*>(d_arena + r->offset);
    return reinterpret_cast<T*>(d_arena + context_bytes + (r->offset - plan.context_bytes()));
  }

  Status allocate(uint64_t bytes, const G1Affine* h_bases) {
    if (bytes == 0) return Status::Ok();
    void* p = nullptr;
    ZK_CUDA_TRY(cudaMalloc(&p, bytes));
    d_arena = static_cast<std::byte*>(p);
    arena_bytes = bytes;
    if (n_bases) {
      ZK_CUDA_TRY(cudaMemcpy(d_arena, h_bases, n_bases * sizeof(G1Affine), cudaMemcpyHostToDevice));
      // A pageable copy may return before its DMA lands; the MSM stream does not wait for the legacy one.
      ZK_CUDA_TRY(cudaDeviceSynchronize());
    }
    return Status::Ok();
  }

  // Pinned staging of at least `bytes` into `out`: grown when too small, never shrunk (one buffer
  // serves one-piece uploads and streamed chunks, whose sizes may alternate), at most kMaxStagingBytes
  // of host memory. Past the bound, or if pinning fails, `out` is null and scalars are copied straight
  // from the caller's pageable memory (correct, no overlap). No DMA may be reading the buffer.
  Status stage(uint64_t bytes, std::byte*& out) {
    out = nullptr;
    if (bytes > kMaxStagingBytes) return Status::Ok();
    if (staging_bytes < bytes) {
      if (h_staging) ZK_CUDA_TRY(cudaFreeHost(h_staging));
      h_staging = nullptr, staging_bytes = 0;
      if (cudaMallocHost(&h_staging, bytes) != cudaSuccess) {
        h_staging = nullptr;
        cudaGetLastError();  // clear the error: fall back to pageable copies
        return Status::Ok();
      }
      staging_bytes = bytes;
    }
    out = static_cast<std::byte*>(h_staging);
    return Status::Ok();
  }

  // The plan must list exactly the regions this backend uses, sized for this device.
  Status check_plan(const Plan& plan) const {
    if (plan.backend != Backend::cuda) return Status::InvalidArgument("plan is not for the CUDA backend");
    if (plan.n > n_bases) return Status::InvalidArgument("plan is for more points than the context holds");
    // Every chunk nonempty (make_plan normalises the count): the last starts below n.
    if (plan.point_chunks == 0 || (plan.n && uint64_t{plan.point_chunks - 1} * plan.chunk_points() >= plan.n))
      return Status::InvalidArgument("plan's point chunks do not split its points into nonempty chunks");
    if (uint64_t{plan.windows_per_pass} * plan.chunk_points() >= (uint64_t{1} << 32))
      return Status::InvalidArgument("windows per pass × chunk points must stay below 2^32 (use more window passes)");
    const std::vector<Region> expected =
        plan::cuda_regions(plan.n, plan.chunk_points(), plan.c, plan.windows_per_pass, plan.scalars_in_place,
                           device_model(info));
    for (const Region& e : expected) {
      const Region* r = plan.find(e.name);
      if (!r || r->bytes != e.bytes)
        return Status::Internal("plan region '" + e.name + "' does not match this device's CUDA layout");
    }
    return Status::Ok();
  }
};

Engine::Engine(std::unique_ptr<State> state) : state_(std::move(state)) {}
Engine::~Engine() = default;

const DeviceInfo& Engine::device() const { return state_->info; }
DeviceModel Engine::model() const { return device_model(state_->info); }
uint64_t Engine::arena_bytes() const { return state_->arena_bytes; }
uint64_t Engine::base_count() const { return state_->n_bases; }

Status Engine::create(const std::vector<G1Affine>& bases, const Plan& initial_plan, std::unique_ptr<Engine>& out) {
  auto s = std::make_unique<State>();
  if (Status st = query_device(s->info); !st.ok()) return st;
  s->n_bases = bases.size();
  if (initial_plan.n != s->n_bases) return Status::InvalidArgument("initial plan must cover every base");
  if (Status st = s->check_plan(initial_plan); !st.ok()) return st;
  s->context_bytes = initial_plan.context_bytes();
  ZK_CUDA_TRY(cudaStreamCreateWithFlags(&s->stream, cudaStreamNonBlocking));
  ZK_CUDA_TRY(cudaStreamCreateWithFlags(&s->copy_stream, cudaStreamNonBlocking));
  ZK_CUDA_TRY(cudaStreamCreateWithFlags(&s->sort_stream, cudaStreamNonBlocking));
  for (cudaEvent_t* e : {&s->digits_sorted, &s->digits_read, &s->check_reset})
    ZK_CUDA_TRY(cudaEventCreateWithFlags(e, cudaEventDisableTiming));
  for (cudaEvent_t& e : s->events) ZK_CUDA_TRY(cudaEventCreate(&e));
  for (int b = 0; b < 2; ++b) {
    ZK_CUDA_TRY(cudaEventCreateWithFlags(&s->copied[b], cudaEventDisableTiming));
    ZK_CUDA_TRY(cudaEventCreateWithFlags(&s->consumed[b], cudaEventDisableTiming));
  }
  if (Status st = s->allocate(initial_plan.peak_bytes, bases.data()); !st.ok()) return st;
  auto engine = std::make_unique<Engine>(std::move(s));
  if (Status st = engine->warm_up(initial_plan); !st.ok()) return st;
  out = std::move(engine);
  return Status::Ok();
}

// One-time costs out of the first MSM call: CUDA loads a kernel's module on its first launch (lazy
// loading), and the staging of host scalars is pinned. So two MSMs of zero scalars on two points, one
// resident and one streamed (every kernel of both paths), with the initial plan's c and passes so
// that they need no more working memory than it (the arena stays as planned), then the initial
// plan's staging. H100, 2^20 (2026-11-26): a first `zkmsm run` MSM took 24 ms, now 7.3 (as warm).
Status Engine::warm_up(const Plan& initial_plan) {
  State& s = *state_;
  if (s.n_bases >= 2) {
    const std::vector<uint64_t> zeros(2 * 4, 0);
    for (unsigned chunks : {1u, 2u}) {
      MsmConfig config;
      config.c = initial_plan.c;
      config.window_passes = initial_plan.window_passes;
      config.point_chunks = chunks;
      Plan plan;
      G1Affine ignored;
      if (Status st = make_plan(2, config, model(), plan); !st.ok()) return st;
      if (Status st = msm(plan, zeros.data(), ignored); !st.ok()) return st;
    }
  }
  std::byte* staging = nullptr;
  const uint64_t bytes = staging_bytes_for(initial_plan);
  return bytes ? s.stage(bytes, staging) : Status::Ok();
}

Status Engine::reserve(const Plan& plan) {
  State& s = *state_;
  if (Status st = s.check_plan(plan); !st.ok()) return st;
  const uint64_t needed = s.context_bytes + plan.working_bytes();
  // Grow when the plan needs more; shrink to exactly the plan when the arena breaks this call's budget.
  const bool over_budget = plan.budget_bytes && s.arena_bytes > plan.budget_bytes && needed < s.arena_bytes;
  if (needed <= s.arena_bytes && !over_budget) return Status::Ok();
  std::vector<G1Affine> h_bases(s.n_bases);
  if (s.n_bases)
    ZK_CUDA_TRY(cudaMemcpy(h_bases.data(), s.d_arena, s.n_bases * sizeof(G1Affine), cudaMemcpyDeviceToHost));
  if (s.d_arena) ZK_CUDA_TRY(cudaFree(s.d_arena));
  s.d_arena = nullptr;
  s.arena_bytes = 0;
  return s.allocate(needed, h_bases.data());
}

Status Engine::upload_scalars(const Plan& plan, const uint64_t* h_scalars) {
  State& s = *state_;
  if (plan.point_chunks > 1) return Status::InvalidArgument("a plan with point chunks streams its scalars: call msm");
  if (plan.scalars_in_place) return Status::InvalidArgument("a plan that reads scalars in place has no scalars region");
  if (plan.n == 0) return Status::Ok();
  // A failed streamed call may have left a copy or a sort in flight.
  ZK_CUDA_TRY(cudaStreamSynchronize(s.copy_stream));
  ZK_CUDA_TRY(cudaStreamSynchronize(s.sort_stream));
  std::byte* staging = nullptr;
  if (const uint64_t bytes = staging_bytes_for(plan)) {
    ZK_CUDA_TRY(cudaStreamSynchronize(s.stream));  // an earlier upload may still read the staging
    if (Status st = s.stage(bytes, staging); !st.ok()) return st;
  }
  ZK_CUDA_TRY(cudaEventRecord(s.events[0], s.stream));
  ZK_CUDA_TRY(copy_in(s.region<std::byte>(plan, "scalars"), h_scalars, plan.n * 32, staging, s.stream));
  ZK_CUDA_TRY(cudaEventRecord(s.events[1], s.stream));
  return Status::Ok();
}

Status Engine::msm_device(const Plan& plan, const void* d_scalars, G1Affine& out, RunTimings* timings) {
  if (!plan.scalars_in_place || plan.point_chunks > 1)
    return Status::InvalidArgument("scalars in device memory need a plan that reads them in place, in one piece");
  if (plan.n) {
    cudaPointerAttributes attributes{};
    const bool device = cudaPointerGetAttributes(&attributes, d_scalars) == cudaSuccess &&
                        (attributes.type == cudaMemoryTypeDevice || attributes.type == cudaMemoryTypeManaged);
    cudaGetLastError();  // an unregistered host pointer may leave an error behind
    if (!device) return Status::InvalidArgument("the scalars pointer is not CUDA device memory");
    // The digit kernels load a scalar as two 16-byte words.
    if (reinterpret_cast<uintptr_t>(d_scalars) % 16)
      return Status::InvalidArgument("scalars in device memory must be 16-byte aligned");
  }
  if (Status st = reserve(plan); !st.ok()) return st;
  return execute(plan, nullptr, static_cast<const uint64_t*>(d_scalars), out, timings);
}

Status Engine::run(const Plan& plan, G1Affine& out, RunTimings* timings) {
  if (plan.point_chunks > 1) return Status::InvalidArgument("a plan with point chunks streams its scalars: call msm");
  if (plan.scalars_in_place) return Status::InvalidArgument("a plan that reads scalars in place: call msm_device");
  return execute(plan, nullptr, nullptr, out, timings);
}

// Every window pass; with point chunks, each pass takes the scalars chunk by chunk from h_scalars,
// double-buffered (pinned staging → device buffer k % 2 on the copy stream), and chunk k + 1 is
// staged only after all of chunk k's kernels are queued, so the host's copy overlaps their work.
Status Engine::execute(const Plan& plan, const uint64_t* h_scalars, const uint64_t* d_in_place, G1Affine& out,
                       RunTimings* timings) {
  State& s = *state_;
  out = G1Affine::infinity();
  if (timings) *timings = RunTimings{};
  if (plan.n == 0) return Status::Ok();
  // A failed streamed call may have left a copy or a sort in flight, and an upload a DMA from the
  // staging (which the streamed path refills).
  const bool streamed = plan.point_chunks > 1;
  ZK_CUDA_TRY(cudaStreamSynchronize(s.copy_stream));
  ZK_CUDA_TRY(cudaStreamSynchronize(s.sort_stream));
  if (streamed) ZK_CUDA_TRY(cudaStreamSynchronize(s.stream));
  const uint64_t chunk = plan.chunk_points();
  PassArgs a{};
  a.c = plan.c;
  a.d_bucket_ends = s.region<uint32_t>(plan, "bucket_ends");
  a.d_scan_partials = s.region<uint32_t>(plan, "scan_partials");
  a.d_sorted = s.region<uint32_t>(plan, "sorted_digits");
  a.d_buckets = s.region<G1Xyzz>(plan, "buckets");
  a.d_scratch = s.region<std::byte>(plan, "scratch");
  a.d_bit_sums = s.region<G1Xyzz>(plan, "bit_sums");
  a.d_scalar_check = s.region<uint32_t>(plan, "scalar_check");
  a.layout = plan::cuda::layout(chunk, plan.c, plan.windows_per_pass, s.info.sm_count);
  a.running_buckets = streamed;
  uint64_t* const d_scalars = s.region<uint64_t>(plan, "scalars");  // streamed chunks, or resident scalars
  const G1Affine* const d_bases = s.region<G1Affine>(plan, "bases");
  auto chunk_size = [&](unsigned k) { return std::min(chunk, plan.n - k * chunk); };
  std::byte* staging = nullptr;
  if (streamed)
    if (Status st = s.stage(staging_bytes_for(plan), staging); !st.ok()) return st;
  // Chunk k: into pinned buffer k % 2 once its previous DMA has left it, then to device buffer k % 2
  // once chunk k − 2 has been sorted out of that.
  auto copy_chunk = [&](unsigned k) -> cudaError_t {
    const unsigned b = k % 2;
    if (cudaError_t e = cudaStreamWaitEvent(s.copy_stream, s.consumed[b]); e != cudaSuccess) return e;
    if (staging)
      if (cudaError_t e = cudaEventSynchronize(s.copied[b]); e != cudaSuccess) return e;
    if (cudaError_t e = copy_in(reinterpret_cast<std::byte*>(d_scalars + b * 4 * chunk), h_scalars + k * 4 * chunk,
                                chunk_size(k) * 32, staging ? staging + b * 32 * chunk : nullptr, s.copy_stream);
        e != cudaSuccess)
      return e;
    return cudaEventRecord(s.copied[b], s.copy_stream);
  };
  ZK_CUDA_TRY(cudaMemsetAsync(a.d_scalar_check, 0xff, sizeof(uint32_t), s.stream));
  ZK_CUDA_TRY(cudaEventRecord(s.events[2], s.stream));
  // Streamed, chunk k's sort runs on the sort stream while chunk k − 1's combine levels (a short, serial
  // tail) finish on the MSM stream: it waits for its copy and for level 0 of chunk k − 1, the last
  // reader of bucket_ends and sorted_digits; level 0 of chunk k waits for it.
  cudaStream_t sort_stream = streamed ? s.sort_stream : s.stream;
  if (streamed) {
    ZK_CUDA_TRY(cudaEventRecord(s.check_reset, s.stream));  // the digit counts atomicMin into it
    ZK_CUDA_TRY(cudaStreamWaitEvent(sort_stream, s.check_reset));
  }
  for (unsigned p = 0; p < plan.window_passes; ++p) {
    a.first_window = plan.pass_first_window(p);
    a.windows = plan.pass_window_count(p);
    if (streamed) ZK_CUDA_TRY(clear_buckets(a, s.stream));
    for (unsigned k = 0; k < plan.point_chunks; ++k) {
      if (streamed) {
        if (k == 0) ZK_CUDA_TRY(copy_chunk(0));
        ZK_CUDA_TRY(cudaStreamWaitEvent(sort_stream, s.copied[k % 2]));
      }
      a.d_scalars = d_in_place ? d_in_place : d_scalars + (streamed ? (k % 2) * 4 * chunk : 0);
      a.d_bases = d_bases + k * chunk;
      a.n = static_cast<uint32_t>(chunk_size(k));
      a.first_point = static_cast<uint32_t>(k * chunk);
      ZK_CUDA_TRY(sort_digits(a, sort_stream));
      if (p == 0 && !streamed) ZK_CUDA_TRY(cudaEventRecord(s.events[4], s.stream));
      if (streamed) {
        ZK_CUDA_TRY(cudaEventRecord(s.consumed[k % 2], sort_stream));
        ZK_CUDA_TRY(cudaEventRecord(s.digits_sorted, sort_stream));
        ZK_CUDA_TRY(cudaStreamWaitEvent(s.stream, s.digits_sorted));
      }
      ZK_CUDA_TRY(accumulate_buckets(a, s.stream, streamed ? s.digits_read : nullptr));
      if (streamed) ZK_CUDA_TRY(cudaStreamWaitEvent(sort_stream, s.digits_read));
      if (p == 0 && !streamed) ZK_CUDA_TRY(cudaEventRecord(s.events[5], s.stream));
      // The host's memcpy of the next chunk runs while the GPU works on this one.
      if (streamed && k + 1 < plan.point_chunks) ZK_CUDA_TRY(copy_chunk(k + 1));
    }
    ZK_CUDA_TRY(reduce_windows(a, s.stream));
    if (p == 0 && !streamed) ZK_CUDA_TRY(cudaEventRecord(s.events[6], s.stream));
  }
  ZK_CUDA_TRY(cudaEventRecord(s.events[3], s.stream));
  const uint64_t bits = uint64_t{plan.windows} * plan.c;
  s.h_bit_sums.resize(bits);
  ZK_CUDA_TRY(cudaMemcpyAsync(s.h_bit_sums.data(), a.d_bit_sums, bits * sizeof(G1Xyzz), cudaMemcpyDeviceToHost,
                              s.stream));
  ZK_CUDA_TRY(cudaMemcpyAsync(&s.h_scalar_check, a.d_scalar_check, sizeof(uint32_t), cudaMemcpyDeviceToHost,
                              s.stream));
  ZK_CUDA_TRY(cudaStreamSynchronize(s.stream));
  if (s.h_scalar_check != UINT32_MAX)
    return Status::InvalidArgument("scalar " + std::to_string(s.h_scalar_check) +
                                   ": not below r (scalars must be canonical)");
  if (timings) {
    ZK_CUDA_TRY(cudaEventElapsedTime(&timings->gpu_ms, s.events[2], s.events[3]));
    if (!streamed) {
      ZK_CUDA_TRY(cudaEventElapsedTime(&timings->sort_ms, s.events[2], s.events[4]));
      ZK_CUDA_TRY(cudaEventElapsedTime(&timings->accumulate_ms, s.events[4], s.events[5]));
      ZK_CUDA_TRY(cudaEventElapsedTime(&timings->reduce_ms, s.events[5], s.events[6]));
    }
  }
  // Horner over the T·c bit positions on the host (bit j·c + b carries window j's bit sum b): ~255
  // doublings and additions in one serial chain — ~0.1 ms on a CPU core, far longer on a single GPU
  // thread (~0.7 µs per dependent field multiply there).
  G1Xyzz acc = G1Xyzz::infinity();
  for (uint64_t j = bits; j-- > 0;) acc = acc.dbl() + s.h_bit_sums[j];
  out = acc.to_affine();
  return Status::Ok();
}

Status Engine::msm(const Plan& plan, const uint64_t* h_scalars, G1Affine& out, RunTimings* timings) {
  if (Status st = reserve(plan); !st.ok()) return st;
  if (plan.point_chunks > 1) return execute(plan, h_scalars, nullptr, out, timings);
  if (Status st = upload_scalars(plan, h_scalars); !st.ok()) return st;
  if (Status st = run(plan, out, timings); !st.ok()) return st;
  if (timings && plan.n) ZK_CUDA_TRY(cudaEventElapsedTime(&timings->upload_ms, state_->events[0], state_->events[1]));
  return Status::Ok();
}

}  // namespace zkmsm::cuda
