// Every window-pass count gives the same, correct answer: k = 1..T for several n and c, on skewed
// scalars and bases with infinity, duplicates and negations mixed in, against the known-discrete-log
// oracle. (The engine we follow returned wrong sums for k > 1: per-pass state not reset, bucket
// offsets not applied per pass.)
#include <gtest/gtest.h>

#include <vector>

#include "api/backend.hpp"
#include "io/synthetic.hpp"
#include "plan/regions.hpp"
#include "zkmsm/msm.hpp"

namespace {
using namespace zkmsm;

struct Case {
  uint64_t n;
  unsigned c;
  io::ScalarDist dist;
};

void expect_every_pass_count_agrees(const Case& k) {
  std::vector<math::G1Affine> bases;
  std::vector<uint64_t> dlogs;
  io::synthetic_bases(k.n, 11 + k.c, 2, bases, dlogs);
  io::mix_in_edge_cases(bases, dlogs, 11 + k.c);
  const std::vector<uint64_t> scalars = io::synthetic_scalars(k.n, k.dist, 11 + k.c);
  const AffinePoint expected = encode_point(io::oracle_expected(dlogs, scalars.data(), k.n));
  const std::vector<uint8_t> points = io::points_to_bytes(bases), scalar_bytes = io::scalars_to_bytes(scalars);

  MsmConfig config;
  config.c = k.c;
  std::unique_ptr<Context> ctx;
  ASSERT_TRUE(Context::create(points.data(), k.n, config, ctx).ok());
  for (unsigned passes = 1; passes <= plan::window_count(k.c); ++passes) {
    config.window_passes = passes;
    AffinePoint q;
    MsmStats stats;
    const Status s = ctx->msm(scalar_bytes.data(), k.n, config, q, &stats);
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_EQ(stats.plan.window_passes, passes);
    EXPECT_EQ(q, expected) << "n " << k.n << " c " << k.c << " " << io::dist_name(k.dist) << ": " << passes
                           << " window passes";
  }
}

TEST(Passes, SmallSizes) {
  const io::ScalarDist dists[] = {io::ScalarDist::uniform, io::ScalarDist::small, io::ScalarDist::sparse,
                                  io::ScalarDist::all_equal, io::ScalarDist::half_ones, io::ScalarDist::max};
  unsigned next = 0;
  for (uint64_t n : {1, 100, 1000})
    for (unsigned c : {4u, 8u, 13u}) expect_every_pass_count_agrees({n, c, dists[next++ % std::size(dists)]});
}

// Wide windows: 2^15 buckets per window, so bucket offsets per pass reach far. The bucket reduction
// dominates here whatever n is, so one n is enough.
TEST(Passes, WideWindow) { expect_every_pass_count_agrees({1000, 16, io::ScalarDist::uniform}); }

TEST(Passes, Size2To14) { expect_every_pass_count_agrees({1 << 14, 13, io::ScalarDist::half_ones}); }

}  // namespace
