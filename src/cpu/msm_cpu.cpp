// Each window pass runs three steps over its windows:
//   1. sort: count each window's nonzero digit magnitudes, prefix-sum over all (window, bucket) pairs,
//      scatter point indices (with the digit's sign) bucket-major;
//   2. accumulate: cut the sorted digits into equal chunks — whatever the bucket sizes, so skewed
//      scalars load the threads evenly — sum each chunk's runs of equal buckets batch-affine, and
//      combine the bucket pieces cut at chunk edges the same way;
//   3. reduce: per window, W = Σ k·B_k by running sums.
// After the last pass the window sums are folded by Horner's rule.
#include "cpu/msm_cpu.hpp"

#include <algorithm>
#include <cassert>

#include "cpu/accumulate.hpp"
#include "cpu/parallel.hpp"
#include "math/digits.hpp"
#include "plan/regions.hpp"

namespace zkmsm::cpu {

using math::Fp;
using math::G1Affine;
using math::G1Xyzz;

namespace {

constexpr uint32_t kNoKey = UINT32_MAX;

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

struct Pass {
  const Plan& plan;
  const G1Affine* bases;
  const uint64_t* scalars;
  unsigned first_window, windows;
  uint32_t* offsets;  // windows·B + 1 bucket starts; global bucket g = local window·B + magnitude − 1
  uint32_t* sorted;   // point index | sign bit, bucket-major
  G1Affine* buckets;
  std::byte* chunk_scratch;
  std::byte* edge_pieces;

  uint32_t buckets_per_window() const { return plan.buckets_per_window(); }

  void sort_digits() const {
    const uint64_t n = plan.n;
    const uint32_t b = buckets_per_window();
    const uint64_t total_buckets = uint64_t{windows} * b;
    std::fill(offsets, offsets + total_buckets + 1, 0u);
    parallel_for(plan.threads, windows, [&](size_t w, unsigned) {
      uint32_t* counts = offsets + w * b;  // count of magnitude m lands in counts[m] = start of bucket m
      for (uint64_t i = 0; i < n; ++i) {
        const uint32_t mag = math::signed_digit(scalars + 4 * i, first_window + w, plan.c) & ~math::kDigitSignBit;
        if (mag) ++counts[mag];
      }
    });
    for (uint64_t g = 1; g <= total_buckets; ++g) offsets[g] += offsets[g - 1];
    // Scatter with offsets[g] as the cursor; afterwards offsets[g] holds the start of g + 1.
    parallel_for(plan.threads, windows, [&](size_t w, unsigned) {
      uint32_t* cursor = offsets + w * b - 1;
      for (uint64_t i = 0; i < n; ++i) {
        const uint32_t d = math::signed_digit(scalars + 4 * i, first_window + w, plan.c);
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
    const uint64_t chunks = plan::cpu_chunk_count(digits);
    RunScratch pieces = scratch_at(edge_pieces, 2 * chunks);
    parallel_for(plan.threads, chunks, [&](size_t chunk, unsigned worker) {
      RunScratch s = scratch_at(chunk_scratch + worker * plan::kCpuChunk * plan::kCpuChunkEntryBytes, plan::kCpuChunk);
      const uint64_t begin = chunk * plan::kCpuChunk, end = std::min(digits, begin + plan::kCpuChunk);
      uint32_t g = static_cast<uint32_t>(std::upper_bound(offsets, offsets + total_buckets + 1, begin) - offsets - 1);
      for (uint64_t i = begin; i < end; ++i) {
        while (offsets[g + 1] <= i) ++g;
        const uint32_t e = sorted[i];
        const G1Affine& p = bases[e & ~math::kDigitSignBit];
        s.points[i - begin] = (e & math::kDigitSignBit) ? -p : p;
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

  void reduce(G1Xyzz* window_sums) const {
    const uint32_t b = buckets_per_window();
    parallel_for(plan.threads, windows, [&](size_t w, unsigned) {
      G1Xyzz running = G1Xyzz::infinity(), sum = G1Xyzz::infinity();
      for (uint32_t k = b; k >= 1; --k) {
        const uint64_t g = w * b + k - 1;
        if (offsets[g + 1] != offsets[g]) running = running.add_mixed(buckets[g]);
        sum += running;
      }
      window_sums[first_window + w] = sum;
    });
  }
};

}  // namespace

G1Affine msm(const Plan& plan, const G1Affine* bases, const uint64_t* scalars, std::byte* arena) {
  G1Xyzz* window_sums = region<G1Xyzz>(plan, arena, "window_sums");
  for (unsigned p = 0; p < plan.window_passes; ++p) {
    const Pass pass{plan,
                    bases,
                    scalars,
                    plan.pass_first_window(p),
                    plan.pass_window_count(p),
                    region<uint32_t>(plan, arena, "bucket_offsets"),
                    region<uint32_t>(plan, arena, "sorted_digits"),
                    region<G1Affine>(plan, arena, "buckets"),
                    region<std::byte>(plan, arena, "chunk_scratch"),
                    region<std::byte>(plan, arena, "edge_pieces")};
    pass.sort_digits();
    pass.accumulate();
    pass.reduce(window_sums);
  }
  G1Xyzz acc = G1Xyzz::infinity();
  for (unsigned j = plan.windows; j-- > 0;) {
    for (unsigned i = 0; i < plan.c; ++i) acc = acc.dbl();
    acc += window_sums[j];
  }
  return acc.to_affine();
}

}  // namespace zkmsm::cpu
