// Each window pass runs three steps over its windows:
//   1. sort: count each window's nonzero digit magnitudes, prefix-sum over all (window, bucket) pairs,
//      scatter point indices (with the digit's sign) bucket-major;
//   2. accumulate: cut the sorted digits into equal chunks — whatever the bucket sizes, so skewed
//      scalars load the threads evenly — sum each chunk's runs of equal buckets batch-affine, and
//      combine the bucket pieces cut at chunk edges the same way;
//   3. reduce: per window, W = Σ k·B_k by running sums, batch-affine over residue classes of buckets.
// After the last pass the window sums are folded by Horner's rule.
#include "cpu/msm_cpu.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "cpu/accumulate.hpp"
#include "cpu/parallel.hpp"
#include "math/digits.hpp"
#include "plan/cpu_sizing.hpp"
#include "plan/regions.hpp"

namespace zkmsm::cpu {

using math::Fp;
using math::G1Affine;
using math::G1Xyzz;

namespace {

constexpr uint32_t kNoKey = UINT32_MAX;
// Residue classes of the batch-affine bucket reduction (see Pass::reduce); at most chunk_scratch / 4 per worker.
constexpr uint64_t kReduceClasses = 512;

template <class T>
T* region(const Plan& plan, std::byte* arena, const char* name) {
  const Region* r = plan.find(name);
  assert(r && r->lifetime != Lifetime::context);
  return reinterpret_cast<T*>(arena + (r->offset - plan.context_bytes()));
}

RunScratch scratch_at(std::byte* base, size_t capacity) {
  RunScratch s;
  s.points = reinterpret_cast<G1Affine*>(base);
  s.denominators = reinterpret_cast<Fp*>(s.points + capacity);
  s.prefix = s.denominators + capacity;
  s.keys = reinterpret_cast<uint32_t*>(s.prefix + capacity);
  s.capacity = capacity;
  return s;
}

// p or −p without a branch (the digit signs are random): y ↦ m − y where y ≠ 0 (infinity stays (0, 0)).
inline G1Affine signed_base(const G1Affine& p, uint32_t negative) {
  G1Affine out;
  out.x = p.x;
  const uint64_t* y = p.y.l;
  uint64_t borrow = 0, ny[4];
  for (int k = 0; k < 4; ++k) ny[k] = math::sub_borrow(Fp::M[k], y[k], borrow);
  const uint64_t nonzero = (y[0] | y[1] | y[2] | y[3]) != 0;
  const uint64_t mask = 0 - (static_cast<uint64_t>(negative != 0) & nonzero);
  for (int k = 0; k < 4; ++k) out.y.l[k] = y[k] ^ ((y[k] ^ ny[k]) & mask);
  return out;
}

struct Pass {
  const Plan& plan;
  WorkerPool& pool;
  const G1Affine* bases;
  const uint64_t* scalars;
  unsigned first_window, windows;
  uint32_t* offsets;  // windows·B + 1 bucket starts; global bucket g = local window·B + magnitude − 1
  uint32_t* sorted;   // point index | sign bit, bucket-major
  uint32_t* digits;   // windows·n signed digits (magnitude | sign bit), point order
  G1Affine* buckets;
  std::byte* chunk_scratch;
  std::byte* edge_pieces;

  uint32_t buckets_per_window() const { return plan.buckets_per_window(); }
  // Entries of each worker's slice of chunk_scratch.
  uint64_t chunk_entries() const {
    return plan::cpu_chunk_len(uint64_t{plan::cpu_windows_in_flight(plan.windows_per_pass, plan.threads)} * plan.n,
                               plan.threads);
  }
  RunScratch worker_scratch(unsigned worker) const {
    const uint64_t len = chunk_entries();
    return scratch_at(chunk_scratch + worker * len * plan::kCpuChunkEntryBytes, len);
  }

  // One task per window: a counting pass that also keeps each point's digit (so the scalars are read once
  // per window, not twice), then the scatter from the kept digits.
  void sort_digits() const {
    const uint64_t n = plan.n;
    const uint32_t b = buckets_per_window();
    const uint64_t total_buckets = uint64_t{windows} * b;
    std::fill(offsets, offsets + total_buckets + 1, 0u);
    pool.parallel_for(windows, [&](size_t w, unsigned) {
      uint32_t* counts = offsets + w * b;  // count of magnitude m lands in counts[m] = start of bucket m
      uint32_t* kept = digits + w * n;
      const unsigned window = first_window + static_cast<unsigned>(w);
      for (uint64_t i = 0; i < n; ++i) {
        const uint32_t d = math::signed_digit(scalars + 4 * i, window, plan.c);
        kept[i] = d;
        const uint32_t mag = d & ~math::kDigitSignBit;
        if (mag) ++counts[mag];
      }
    });
    for (uint64_t g = 1; g <= total_buckets; ++g) offsets[g] += offsets[g - 1];
    // Scatter with offsets[g] as the cursor; afterwards offsets[g] holds the start of g + 1.
    pool.parallel_for(windows, [&](size_t w, unsigned) {
      uint32_t* cursor = offsets + w * b - 1;
      const uint32_t* kept = digits + w * n;
      for (uint64_t i = 0; i < n; ++i) {
        const uint32_t d = kept[i];
        const uint32_t mag = d & ~math::kDigitSignBit;
        if (mag) sorted[cursor[mag]++] = static_cast<uint32_t>(i) | (d & math::kDigitSignBit);
      }
    });
    for (uint64_t g = total_buckets; g > 0; --g) offsets[g] = offsets[g - 1];
    offsets[0] = 0;
  }

  void accumulate() const {
    const uint64_t total_buckets = uint64_t{windows} * buckets_per_window();
    const uint64_t digits = offsets[total_buckets];
    const uint64_t chunk_len = chunk_entries();
    const uint64_t chunks = plan::cpu_chunk_count(digits, chunk_len);
    RunScratch pieces = scratch_at(edge_pieces, plan::cpu_edge_piece_capacity(digits, chunk_len));
    pool.parallel_for(chunks, [&](size_t chunk, unsigned worker) {
      RunScratch s = worker_scratch(worker);
      const uint64_t begin = chunk * chunk_len, end = std::min(digits, begin + chunk_len);
      uint32_t g = static_cast<uint32_t>(std::upper_bound(offsets, offsets + total_buckets + 1, begin) - offsets - 1);
      constexpr uint64_t kAhead = 24;  // gather distance in bucket order (24–160 measured alike)
      auto prefetch = [&](uint64_t i) {  // both lines, in case the bases are not 64-byte aligned
        const char* p = reinterpret_cast<const char*>(bases + (sorted[i] & ~math::kDigitSignBit));
        __builtin_prefetch(p);
        __builtin_prefetch(p + sizeof(G1Affine) - 1);
      };
      for (uint64_t i = begin; i < std::min(end, begin + kAhead); ++i) prefetch(i);
      for (uint64_t i = begin; i < end; ++i) {
        if (i + kAhead < end) prefetch(i + kAhead);
        while (offsets[g + 1] <= i) ++g;
        const uint32_t e = sorted[i];
        s.points[i - begin] = signed_base(bases[e & ~math::kDigitSignBit], e & math::kDigitSignBit);
        s.keys[i - begin] = g;
      }
      const size_t left = sum_equal_keys(s, end - begin);
      // Buckets wholly inside the chunk are final; the (at most two) cut at its edges become pieces.
      pieces.keys[2 * chunk] = pieces.keys[2 * chunk + 1] = kNoKey;
      for (size_t k = 0; k < left; ++k) {
        const uint32_t key = s.keys[k];
        const bool cut_start = offsets[key] < begin, cut_end = offsets[key + 1] > end;
        if (!cut_start && !cut_end) {
          buckets[key] = s.points[k];
        } else {
          const size_t slot = 2 * chunk + (cut_start ? 0 : 1);
          pieces.points[slot] = s.points[k];
          pieces.keys[slot] = key;
        }
      }
    });
    size_t m = 0;
    for (size_t i = 0; i < 2 * chunks; ++i) {
      if (pieces.keys[i] == kNoKey) continue;
      pieces.points[m] = pieces.points[i];
      pieces.keys[m++] = pieces.keys[i];
    }
    m = sum_equal_keys(pieces, m);
    for (size_t k = 0; k < m; ++k) buckets[pieces.keys[k]] = pieces.points[k];
  }

  // W = Σ k·B_k over k = 1..N. The buckets are split into `classes` = S residue classes, bucket
  // k = j + S·m (j = 1..S, m = 0..L−1, L = N/S), so W = Σ_j j·U_j + S·Σ_j V_j with U_j = Σ_m B_{j+S·m}
  // and V_j = Σ_m m·B_{j+S·m}. All S classes run their sums over m (from the top) at once, batch-affine:
  // each step adds U_j += B and V_j += U_j(before this step) — 2S independent additions sharing one
  // inversion (sum_equal_keys, one round). The S pairs (U_j, V_j) are then folded in XYZZ.
  // Scratch: the worker's slice of chunk_scratch (free once the accumulation is done), 4S entries.
  void reduce(G1Xyzz* window_sums) const {
    const uint32_t b = buckets_per_window();
    const uint32_t classes = static_cast<uint32_t>(std::min<uint64_t>({b, kReduceClasses, chunk_entries() / 4}));
    const uint32_t steps = b / classes;
    pool.parallel_for(windows, [&](size_t w, unsigned worker) {
      RunScratch s = worker_scratch(worker);
      const G1Affine* bk = buckets + w * b;  // bk[k − 1] = B_k
      const uint32_t* off = offsets + w * b;
      // Entries 2j, 2j + 1 hold U, V of class j + 1 between steps.
      for (uint32_t j = 0; j < 2 * classes; ++j) s.points[j] = G1Affine::infinity();
      for (uint32_t m = steps; m-- > 0;) {
        // Spread (U, V) to the pairs (U, B), (V, U), from the top so nothing is overwritten early.
        for (uint32_t j = classes; j-- > 0;) {
          const G1Affine u = s.points[2 * j], v = s.points[2 * j + 1];
          const uint32_t k = j + classes * m;
          s.points[4 * j] = u;
          s.points[4 * j + 1] = off[k + 1] != off[k] ? bk[k] : G1Affine::infinity();
          s.points[4 * j + 2] = v;
          s.points[4 * j + 3] = u;
          s.keys[4 * j] = s.keys[4 * j + 1] = 2 * j;
          s.keys[4 * j + 2] = s.keys[4 * j + 3] = 2 * j + 1;
        }
        sum_equal_keys(s, 4 * uint64_t{classes});
      }
      G1Xyzz running = G1Xyzz::infinity(), weighted = G1Xyzz::infinity(), v = G1Xyzz::infinity();
      for (uint32_t j = classes; j-- > 0;) {
        running = running.add_mixed(s.points[2 * j]);
        weighted += running;
        v = v.add_mixed(s.points[2 * j + 1]);
      }
      for (uint32_t i = 1; i < classes; i *= 2) v = v.dbl();
      window_sums[first_window + w] = weighted + v;
    });
  }
};

}  // namespace

G1Affine msm(const Plan& plan, const G1Affine* bases, const uint64_t* scalars, std::byte* arena) {
  G1Xyzz* window_sums = region<G1Xyzz>(plan, arena, "window_sums");
  // Each pass's windows go through sort, accumulate and reduce `in_flight` at a time.
  const unsigned in_flight = plan::cpu_windows_in_flight(plan.windows_per_pass, plan.threads);
  WorkerPool pool(plan.threads);
  static const bool profile = std::getenv("ZKMSM_CPU_PROFILE") != nullptr;
  double ms[3] = {0, 0, 0};
  for (unsigned p = 0; p < plan.window_passes; ++p) {
    const unsigned first = plan.pass_first_window(p), end = first + plan.pass_window_count(p);
    for (unsigned w = first; w < end; w += in_flight) {
      const Pass pass{plan,
                      pool,
                      bases,
                      scalars,
                      w,
                      std::min(in_flight, end - w),
                      region<uint32_t>(plan, arena, "bucket_offsets"),
                      region<uint32_t>(plan, arena, "sorted_digits"),
                      region<uint32_t>(plan, arena, "window_digits"),
                      region<G1Affine>(plan, arena, "buckets"),
                      region<std::byte>(plan, arena, "chunk_scratch"),
                      region<std::byte>(plan, arena, "edge_pieces")};
      auto t0 = std::chrono::steady_clock::now();
      pass.sort_digits();
      auto t1 = std::chrono::steady_clock::now();
      pass.accumulate();
      auto t2 = std::chrono::steady_clock::now();
      pass.reduce(window_sums);
      auto t3 = std::chrono::steady_clock::now();
      ms[0] += std::chrono::duration<double, std::milli>(t1 - t0).count();
      ms[1] += std::chrono::duration<double, std::milli>(t2 - t1).count();
      ms[2] += std::chrono::duration<double, std::milli>(t3 - t2).count();
    }
  }
  if (profile) std::fprintf(stderr, "cpu: sort %.1f ms, accumulate %.1f ms, reduce %.1f ms\n", ms[0], ms[1], ms[2]);
  G1Xyzz acc = G1Xyzz::infinity();
  for (unsigned j = plan.windows; j-- > 0;) {
    for (unsigned i = 0; i < plan.c; ++i) acc = acc.dbl();
    acc += window_sums[j];
  }
  return acc.to_affine();
}

}  // namespace zkmsm::cpu
