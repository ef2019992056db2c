// Measured == planned on the CPU. This binary's global operator new/delete count every allocation
// made, on any thread, while a probe is armed; the CPU MSM must take exactly its planned arena and
// nothing else, write only inside its planned regions, and report the plan's peak as measured.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <vector>

#include "api/backend.hpp"
#include "cpu/msm_cpu.hpp"
#include "io/synthetic.hpp"
#include "plan/regions.hpp"
#include "zkmsm/msm.hpp"

namespace {

// Every block carries a 16-byte (or `align`-byte) header holding its size and the header's length,
// so that frees can be counted too.
struct Counter {
  std::atomic<bool> armed{false};
  std::atomic<uint64_t> allocations{0}, bytes{0}, largest{0};
  std::atomic<int64_t> live{0}, high{0};
} counter;

void note(int64_t delta, uint64_t size) {
  if (!counter.armed.load(std::memory_order_relaxed)) return;
  const int64_t now = counter.live.fetch_add(delta) + delta;
  for (int64_t h = counter.high.load(); now > h && !counter.high.compare_exchange_weak(h, now);) {
  }
  if (delta > 0) {
    ++counter.allocations;
    counter.bytes += size;
    for (uint64_t l = counter.largest.load(); size > l && !counter.largest.compare_exchange_weak(l, size);) {
    }
  }
}

void* allocate(size_t size, size_t align) {
  const size_t header = align > 16 ? align : 16;
  const size_t total = (header + size + align - 1) / align * align;
  void* raw = align > 16 ? std::aligned_alloc(align, total) : std::malloc(header + size);
  if (!raw) return nullptr;
  auto* p = static_cast<unsigned char*>(raw) + header;
  const uint64_t fields[2] = {size, header};
  std::memcpy(p - 16, fields, 16);
  note(static_cast<int64_t>(size), size);
  return p;
}

void release(void* ptr) noexcept {
  if (!ptr) return;
  auto* p = static_cast<unsigned char*>(ptr);
  uint64_t fields[2];
  std::memcpy(fields, p - 16, 16);
  note(-static_cast<int64_t>(fields[0]), fields[0]);
  std::free(p - fields[1]);
}

void* allocate_or_throw(size_t size, size_t align) {
  if (void* p = allocate(size, align)) return p;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(size_t size) { return allocate_or_throw(size, 16); }
void* operator new[](size_t size) { return allocate_or_throw(size, 16); }
void* operator new(size_t size, std::align_val_t a) { return allocate_or_throw(size, static_cast<size_t>(a)); }
void* operator new[](size_t size, std::align_val_t a) { return allocate_or_throw(size, static_cast<size_t>(a)); }
void* operator new(size_t size, const std::nothrow_t&) noexcept { return allocate(size, 16); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return allocate(size, 16); }
void* operator new(size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate(size, static_cast<size_t>(a));
}
void* operator new[](size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate(size, static_cast<size_t>(a));
}
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, size_t) noexcept { release(p); }
void operator delete[](void* p, size_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { release(p); }

namespace {
using namespace zkmsm;

struct Usage {
  uint64_t allocations, bytes, largest;
  int64_t high, live;  // relative to the start of the probe
};

template <class Fn>
Usage probe(Fn&& fn) {
  counter.allocations = 0;
  counter.bytes = 0;
  counter.largest = 0;
  counter.live = 0;
  counter.high = 0;
  counter.armed = true;
  fn();
  counter.armed = false;
  return {counter.allocations, counter.bytes, counter.largest, counter.high, counter.live};
}

struct Case {
  uint64_t n;
  unsigned c, passes;
};
// Several n (with and without padding after the bases), c and pass counts, the last pass short or not.
const Case kCases[] = {{1, 4, 1}, {33, 8, 5}, {1000, 13, 1}, {1000, 13, 3}, {5000, 11, 23}, {20000, 14, 2}};

struct Input {
  std::vector<uint64_t> dlogs, scalars;
  std::vector<math::G1Affine> bases;
  math::G1Affine expected;
};

const Input& input(uint64_t n) {
  static std::map<uint64_t, Input> cache;
  Input& in = cache[n];
  if (in.bases.empty() && n) {
    io::synthetic_bases(n, 7, 2, in.bases, in.dlogs);
    in.scalars = io::synthetic_scalars(n, io::ScalarDist::uniform, 7);
    in.expected = io::oracle_expected(in.dlogs, in.scalars.data(), n);
  }
  return in;
}

std::unique_ptr<Context> context_for(const Input& in, uint64_t n, unsigned threads) {
  MsmConfig config;
  config.threads = threads;
  std::unique_ptr<Context> ctx;
  const std::vector<uint8_t> bytes = io::points_to_bytes(in.bases);
  EXPECT_TRUE(Context::create(bytes.data(), n, config, ctx).ok());
  return ctx;
}

Plan plan_for(const Case& k, unsigned threads) {
  MsmConfig config;
  config.c = k.c;
  config.window_passes = k.passes;
  Plan p;
  EXPECT_TRUE(make_plan(k.n, config, DeviceModel::cpu(threads), p).ok());
  return p;
}

// One thread: the backend's MSM allocates exactly one block, its planned working arena.
TEST(Memory, CpuMsmTakesOnlyThePlannedArena) {
  for (const Case& k : kCases) {
    SCOPED_TRACE(testing::Message() << "n " << k.n << " c " << k.c << " passes " << k.passes);
    const Input& in = input(k.n);
    auto ctx = context_for(in, k.n, 1);
    const Plan plan = plan_for(k, 1);
    math::G1Affine out;
    uint64_t peak = 0;
    Status s;
    const Usage u = probe([&] { s = ctx->impl().msm(plan, in.scalars.data(), out, peak); });
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_TRUE(out == in.expected);
    EXPECT_EQ(u.allocations, 1u);
    EXPECT_EQ(u.bytes, plan.working_bytes());
    EXPECT_EQ(u.high, static_cast<int64_t>(plan.working_bytes()));
    EXPECT_EQ(u.live, 0);
    EXPECT_EQ(peak, plan.peak_bytes);
  }
}

// Several threads: besides the arena, the only allocations are the fork-join's thread launch records
// (per fork-join the pool vector, per worker the std::jthread state and its stop state): each small,
// all freed by the end of the call, and their number set by the thread and pass counts, not by n.
// (A pool created outside the call would make this zero as with one thread.)
TEST(Memory, ThreadedCpuMsmAddsOnlySmallThreadRecords) {
  constexpr uint64_t kThreadRecordLimit = 1024;
  constexpr uint64_t kForkJoinsPerPass = 4;  // count, scatter, accumulate, reduce
  constexpr uint64_t kRecordsPerWorker = 3;
  for (const Case& k : kCases) {
    SCOPED_TRACE(testing::Message() << "n " << k.n << " c " << k.c << " passes " << k.passes);
    const Input& in = input(k.n);
    auto ctx = context_for(in, k.n, 2);
    const Plan plan = plan_for(k, 2);
    math::G1Affine out;
    uint64_t peak = 0;
    const Usage u = probe([&] { ASSERT_TRUE(ctx->impl().msm(plan, in.scalars.data(), out, peak).ok()); });
    EXPECT_TRUE(out == in.expected);
    EXPECT_EQ(u.live, 0);
    EXPECT_EQ(peak, plan.peak_bytes);
    if (plan.working_bytes() > kThreadRecordLimit) EXPECT_EQ(u.largest, plan.working_bytes());
    const uint64_t others = u.allocations - 1;
    EXPECT_LE(u.bytes - plan.working_bytes(), others * kThreadRecordLimit);
    EXPECT_LE(others, kForkJoinsPerPass * plan.window_passes * kRecordsPerWorker * (plan.threads - 1));
    EXPECT_LE(u.high, static_cast<int64_t>(plan.working_bytes() + 16 * kThreadRecordLimit));
  }
}

// The arena's planned regions bound every write: with a gap of canary bytes after each region's
// exact size (not its aligned size), no canary changes.
TEST(Memory, CpuMsmWritesOnlyInsideItsRegions) {
  constexpr uint64_t kGap = 4096;
  constexpr std::byte kCanary{0xA5};
  for (const Case& k : kCases) {
    SCOPED_TRACE(testing::Message() << "n " << k.n << " c " << k.c << " passes " << k.passes);
    const Input& in = input(k.n);
    Plan spaced = plan_for(k, 2);
    uint64_t shift = 0;
    for (Region& r : spaced.regions) {
      if (r.lifetime == Lifetime::context) continue;
      shift += kGap;
      r.offset += shift;
    }
    spaced.peak_bytes += shift + kGap;
    std::vector<std::byte> arena(spaced.working_bytes(), kCanary);
    const math::G1Affine out = cpu::msm(spaced, in.bases.data(), in.scalars.data(), arena.data());
    EXPECT_TRUE(out == in.expected);
    const uint64_t base = spaced.context_bytes();
    for (const Region& r : spaced.regions) {
      if (r.lifetime == Lifetime::context) continue;
      const uint64_t begin = r.offset - base + r.bytes, end = r.offset - base + plan::aligned_bytes(r.bytes) + kGap;
      for (uint64_t i = begin; i < end; ++i)
        ASSERT_EQ(arena[i], kCanary) << r.name << ": write " << (i - begin) << " bytes past its end";
    }
  }
}

// Context reports the plan's peak as measured: the bases block is the plan's context bytes and the
// arena its working bytes; creating the context keeps exactly the bases block (plus the objects).
TEST(Memory, ContextMeasuredPeakEqualsPlannedPeak) {
  for (const Case& k : kCases) {
    for (unsigned threads : {1u, 2u}) {
      SCOPED_TRACE(testing::Message() << "n " << k.n << " c " << k.c << " passes " << k.passes << " threads "
                                      << threads);
      const Input& in = input(k.n);
      const std::vector<uint8_t> points = io::points_to_bytes(in.bases);
      const std::vector<uint8_t> scalars = io::scalars_to_bytes(in.scalars);
      MsmConfig config;
      config.threads = threads;
      std::unique_ptr<Context> ctx;
      const Usage created = probe([&] { ASSERT_TRUE(Context::create(points.data(), k.n, config, ctx).ok()); });
      const Plan plan = plan_for(k, threads);
      EXPECT_GE(created.live, static_cast<int64_t>(plan.context_bytes()));
      EXPECT_LE(created.live, static_cast<int64_t>(plan.context_bytes() + 1024));

      config.c = k.c;
      config.window_passes = k.passes;
      AffinePoint q;
      MsmStats stats;
      ASSERT_TRUE(ctx->msm(scalars.data(), k.n, config, q, &stats).ok());
      EXPECT_EQ(q, encode_point(in.expected));
      EXPECT_EQ(stats.plan.window_passes, k.passes);
      EXPECT_EQ(stats.plan.peak_bytes, plan.peak_bytes);
      EXPECT_EQ(stats.peak_bytes_measured, stats.plan.peak_bytes);
    }
  }
}

// A budget nothing fits is refused before the arena is taken: only the planner's small bookkeeping
// is allocated, and all of it is freed.
TEST(Memory, RefusedBudgetAllocatesNoArena) {
  const Input& in = input(1000);
  auto ctx = context_for(in, 1000, 1);
  const std::vector<uint8_t> scalars = io::scalars_to_bytes(in.scalars);
  MsmConfig config;
  config.memory_budget_bytes = 1 << 10;
  AffinePoint q;
  StatusCode code = StatusCode::ok;
  const Usage u = probe([&] { code = ctx->msm(scalars.data(), 1000, config, q).code(); });
  EXPECT_EQ(code, StatusCode::out_of_memory);
  EXPECT_LT(u.largest, uint64_t{64} << 10);
  EXPECT_EQ(u.live, 0);
}

}  // namespace
