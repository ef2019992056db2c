// Device arithmetic (src/math compiled by nvcc) against the same code on the host, for random values
// and carry edges (0, 1, p − 1, limb boundaries, raw Montgomery extremes) and for point additions with
// P + P, P + (−P) and infinity.
#include <gtest/gtest.h>

#include <random>

#include "device_ops.hpp"
#include "gpu_env.hpp"
#include "io/synthetic.hpp"

namespace zkmsm {
namespace {

using math::Fp;
using math::Fr;
using math::G1Affine;

template <class F>
std::vector<F> values(size_t random_count, uint64_t seed) {
  const uint64_t m[4] = {F::M[0], F::M[1], F::M[2], F::M[3]};
  const uint64_t canonical[][4] = {
      {0, 0, 0, 0},           {1, 0, 0, 0},          {2, 0, 0, 0},           {m[0] - 1, m[1], m[2], m[3]},
      {m[0] - 2, m[1], m[2], m[3]}, {~0ull, 0, 0, 0}, {0, 1, 0, 0},           {~0ull, ~0ull, 0, 0},
      {0, 0, 1, 0},           {0, 0, 0, 1},          {~0ull, ~0ull, ~0ull, 0}, {0, 0, 0, m[3] - 1},
  };
  std::vector<F> out;
  for (const auto& c : canonical) out.push_back(F::from_canonical(c));
  // Raw Montgomery limbs at the extremes (each is a valid element, being < m).
  out.push_back(F{{m[0] - 1, m[1], m[2], m[3]}});
  out.push_back(F{{~0ull, ~0ull, ~0ull, m[3] - 1}});
  out.push_back(F{{1, 0, 0, 0}});
  std::mt19937_64 rng(seed);
  while (out.size() < random_count) {
    uint64_t v[4] = {rng(), rng(), rng(), rng() & ((uint64_t{1} << 62) - 1)};
    if (F::is_canonical(v)) out.push_back(F{{v[0], v[1], v[2], v[3]}});
  }
  return out;
}

TEST(DeviceMath, FieldOpsMatchHost) {
  ZK_REQUIRE_GPU();
  std::vector<Fp> a = values<Fp>(4096, 1), b = values<Fp>(4096, 2);
  std::vector<Fr> fa = values<Fr>(4096, 3), fb = values<Fr>(4096, 4);
  // Every edge value against every edge value too.
  const size_t edges = 15;
  for (size_t i = 0; i < edges; ++i)
    for (size_t j = 0; j < edges; ++j) {
      a.push_back(a[i]), b.push_back(b[j]);
      fa.push_back(fa[i]), fb.push_back(fb[j]);
    }
  // Sums that are exactly m (a + (−a) → 0) and differences that are exactly zero (a − a), for the
  // device add/sub chains' reduction step.
  for (size_t i = 0; i < 256; ++i) {
    a.push_back(a[i]), b.push_back(-a[i]), fa.push_back(fa[i]), fb.push_back(-fa[i]);
    a.push_back(a[i]), b.push_back(a[i]), fa.push_back(fa[i]), fb.push_back(fa[i]);
  }
  gpu_test::FieldResults r;
  ASSERT_TRUE(gpu_test::device_field_ops(a, b, fa, fb, r).ok());
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(r.mul[i], a[i] * b[i]) << "mul " << i;
    ASSERT_EQ(r.add[i], a[i] + b[i]) << "add " << i;
    ASSERT_EQ(r.sub[i], a[i] - b[i]) << "sub " << i;
    ASSERT_EQ(r.sqr[i], a[i].sqr()) << "sqr " << i;
    ASSERT_EQ(r.neg[i], -a[i]) << "neg " << i;
    ASSERT_EQ(r.inv[i], a[i].inverse()) << "inv " << i;
    ASSERT_EQ(r.fr_mul[i], fa[i] * fb[i]) << "fr mul " << i;
  }
}

TEST(DeviceMath, PointOpsMatchHost) {
  ZK_REQUIRE_GPU();
  std::vector<G1Affine> bases;
  std::vector<uint64_t> dlogs;
  io::synthetic_bases(1024, 5, 2, bases, dlogs);
  std::vector<G1Affine> p, q;
  for (size_t i = 0; i + 1 < bases.size(); i += 2) p.push_back(bases[i]), q.push_back(bases[i + 1]);
  for (size_t i = 0; i < 8; ++i) {  // P + P, P + (−P), ∞ + Q, P + ∞, ∞ + ∞
    p.push_back(bases[i]), q.push_back(bases[i]);
    p.push_back(bases[i]), q.push_back(-bases[i]);
    p.push_back(G1Affine::infinity()), q.push_back(bases[i]);
    p.push_back(bases[i]), q.push_back(G1Affine::infinity());
  }
  p.push_back(G1Affine::infinity()), q.push_back(G1Affine::infinity());
  gpu_test::PointResults r;
  ASSERT_TRUE(gpu_test::device_point_ops(p, q, r).ok());
  for (size_t i = 0; i < p.size(); ++i) {
    const G1Affine sum = math::G1Jacobian::from_affine(p[i]).add_mixed(q[i]).to_affine();
    ASSERT_EQ(r.mixed[i], sum) << i;
    ASSERT_EQ(r.full[i], sum) << i;
    ASSERT_EQ(r.affine[i], sum) << i;
    ASSERT_EQ(r.dbl[i], math::G1Jacobian::from_affine(p[i]).dbl().to_affine()) << i;
  }
}

}  // namespace
}  // namespace zkmsm
