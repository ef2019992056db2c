// Fp and Fr (src/math) against GMP, at the carry edges and on random values.
#include <gmpxx.h>
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "math/bn254.hpp"
#include "ref/ref.hpp"

namespace {
using zkmsm::math::Fp;
using zkmsm::math::Fr;

mpz_class to_mpz(const uint64_t* v) {
  mpz_class out;
  mpz_import(out.get_mpz_t(), 4, -1, sizeof(uint64_t), 0, 0, v);
  return out;
}
void to_limbs(const mpz_class& a, uint64_t* v) {  // requires 0 <= a < 2^256
  for (int i = 0; i < 4; ++i) v[i] = 0;
  size_t count = 0;
  mpz_export(v, &count, -1, sizeof(uint64_t), 0, 0, a.get_mpz_t());
}
mpz_class pow2(int k) { return mpz_class(1) << k; }
mpz_class modp(const mpz_class& a, const mpz_class& m) {
  mpz_class t = a % m;
  return t < 0 ? t + m : t;
}

template <class F>
const mpz_class& modulus() {
  if constexpr (std::is_same_v<F, Fp>) return zkmsm::ref::p();
  else return zkmsm::ref::r();
}

// A field element paired with the integer it stands for.
template <class F>
struct Sample {
  F f;
  mpz_class v;
};

template <class F>
F from_mpz(const mpz_class& a) {
  uint64_t t[4];
  to_limbs(a, t);
  return F::from_canonical(t);
}
// The integer f stands for. Also checks the invariant that the stored Montgomery limbs are fully
// reduced (< m): operator== compares limbs, so an unreduced result would compare unequal.
template <class F>
mpz_class value(const F& f) {
  EXPECT_TRUE(F::is_canonical(f.l)) << "unreduced limbs";
  uint64_t t[4];
  f.to_canonical(t);
  EXPECT_TRUE(F::is_canonical(t));
  return to_mpz(t);
}

// Canonical values at limb boundaries, 0/1/2, m−1, m−2, (m−1)/2, and the same set used as raw
// Montgomery limbs (so operands and intermediate results both hit the edges), plus random values.
template <class F>
std::vector<Sample<F>> samples(int n_random) {
  const mpz_class& m = modulus<F>();
  std::vector<mpz_class> edges = {0, 1, 2, 3, m - 1, m - 2, m - 3, (m - 1) / 2, (m + 1) / 2, m - pow2(64)};
  for (int k : {64, 128, 192}) {
    edges.push_back(pow2(k) - 1);
    edges.push_back(pow2(k));
    edges.push_back(pow2(k) + 1);
  }
  edges.push_back(pow2(253));
  edges.push_back(pow2(253) - 1);
  std::vector<Sample<F>> out;
  const mpz_class rinv = [&] {  // 2^−256 mod m
    mpz_class t;
    const mpz_class r = pow2(256);
    mpz_invert(t.get_mpz_t(), r.get_mpz_t(), m.get_mpz_t());
    return t;
  }();
  for (const mpz_class& e : edges) {
    out.push_back({from_mpz<F>(e), e});
    F raw{};
    to_limbs(e, raw.l);
    out.push_back({raw, modp(e * rinv, m)});
  }
  std::mt19937_64 rng(0x5eed + m.get_ui());
  for (int i = 0; i < n_random; ++i) {
    uint64_t t[4] = {rng(), rng(), rng(), rng()};
    const int mode = i % 4;  // sprinkle in all-ones / all-zero limbs
    if (mode == 1) t[i % 3] = ~0ull;
    if (mode == 2) t[i % 3] = 0;
    const mpz_class v = to_mpz(t) % m;
    out.push_back({from_mpz<F>(v), v});
  }
  return out;
}

template <class F>
class FieldTest : public ::testing::Test {};
using FieldTypes = ::testing::Types<Fp, Fr>;
TYPED_TEST_SUITE(FieldTest, FieldTypes);

TYPED_TEST(FieldTest, ModulusAndConstants) {
  using F = TypeParam;
  const mpz_class& m = modulus<F>();
  EXPECT_EQ(to_mpz(F::M), m);
  EXPECT_EQ(to_mpz(F::kR.v), pow2(256) % m);
  EXPECT_EQ(to_mpz(F::kR2.v), pow2(512) % m);
  EXPECT_EQ(F::M[0] * (~F::kInvNeg + 1), 1u);  // kInvNeg = −m⁻¹ mod 2^64
  EXPECT_EQ(value(F::one()), 1);
  EXPECT_EQ(value(F::zero()), 0);
  EXPECT_TRUE(F::zero().is_zero());
  EXPECT_EQ(value(F::from_u64(~0ull)), pow2(64) - 1);
}

TYPED_TEST(FieldTest, IsCanonical) {
  using F = TypeParam;
  const mpz_class& m = modulus<F>();
  uint64_t t[4];
  for (const mpz_class& bad : std::vector<mpz_class>{m, m + 1, m + pow2(64), pow2(254), pow2(256) - 1}) {
    to_limbs(bad, t);
    EXPECT_FALSE(F::is_canonical(t)) << bad.get_str(16);
  }
  for (const mpz_class& good : std::vector<mpz_class>{0, 1, m - 1, m - pow2(64), pow2(192)}) {
    to_limbs(good, t);
    EXPECT_TRUE(F::is_canonical(t)) << good.get_str(16);
  }
}

TYPED_TEST(FieldTest, CanonicalRoundTripAndMontgomeryForm) {
  using F = TypeParam;
  const mpz_class& m = modulus<F>();
  for (const auto& s : samples<F>(300)) {
    uint64_t t[4];
    s.f.to_canonical(t);
    ASSERT_EQ(to_mpz(t), s.v);
    EXPECT_EQ(F::from_canonical(t), s.f);
    EXPECT_EQ(to_mpz(s.f.l), (s.v * pow2(256)) % m);  // stored limbs are v·2^256 mod m
  }
}

TYPED_TEST(FieldTest, BinaryOps) {
  using F = TypeParam;
  const mpz_class& m = modulus<F>();
  const auto ss = samples<F>(60);  // all pairs: edges × edges, edges × random, random × random
  for (const auto& a : ss) {
    for (const auto& b : ss) {
      ASSERT_EQ(value(a.f + b.f), (a.v + b.v) % m) << a.v.get_str(16) << " + " << b.v.get_str(16);
      ASSERT_EQ(value(a.f - b.f), modp(a.v - b.v, m)) << a.v.get_str(16) << " - " << b.v.get_str(16);
      ASSERT_EQ(value(a.f * b.f), (a.v * b.v) % m) << a.v.get_str(16) << " * " << b.v.get_str(16);
      ASSERT_EQ(a.f == b.f, a.v == b.v);
    }
  }
}

TYPED_TEST(FieldTest, UnaryOps) {
  using F = TypeParam;
  const mpz_class& m = modulus<F>();
  std::mt19937_64 rng(99);
  for (const auto& a : samples<F>(300)) {
    ASSERT_EQ(value(a.f.sqr()), (a.v * a.v) % m) << a.v.get_str(16);
    ASSERT_EQ(value(-a.f), modp(-a.v, m)) << a.v.get_str(16);
    ASSERT_EQ(value(a.f.dbl()), (2 * a.v) % m) << a.v.get_str(16);
    if (a.v == 0) {
      EXPECT_TRUE(a.f.inverse().is_zero());
    } else {
      mpz_class inv;
      mpz_invert(inv.get_mpz_t(), a.v.get_mpz_t(), m.get_mpz_t());
      ASSERT_EQ(value(a.f.inverse()), inv) << a.v.get_str(16);
    }
    uint64_t e[4] = {rng(), rng(), rng(), rng()};  // any 256-bit exponent
    mpz_class want;
    const mpz_class ez = to_mpz(e);
    mpz_powm(want.get_mpz_t(), a.v.get_mpz_t(), ez.get_mpz_t(), m.get_mpz_t());
    ASSERT_EQ(value(a.f.pow(e)), want) << a.v.get_str(16);
  }
}

TYPED_TEST(FieldTest, BatchInverseWithZeros) {
  using F = TypeParam;
  const mpz_class& m = modulus<F>();
  const auto ss = samples<F>(40);
  for (int n : {0, 1, 2, 7, static_cast<int>(ss.size())}) {
    std::vector<F> a(n), scratch(n);
    std::vector<mpz_class> v(n);
    for (int i = 0; i < n; ++i) {
      const bool zero = (i % 5 == 0) || i == n - 1 || (n > 10 && i == 1);  // first, last, runs of zeros
      a[i] = zero ? F::zero() : ss[(i * 7) % ss.size()].f;
      v[i] = zero ? mpz_class(0) : ss[(i * 7) % ss.size()].v;
    }
    zkmsm::math::batch_inverse(a.data(), scratch.data(), n);
    for (int i = 0; i < n; ++i) {
      mpz_class want = 0;
      if (v[i] != 0) mpz_invert(want.get_mpz_t(), v[i].get_mpz_t(), m.get_mpz_t());
      ASSERT_EQ(value(a[i]), want) << "n=" << n << " i=" << i;
    }
  }
  // All zero: stays all zero.
  std::vector<F> z(5, F::zero()), scratch(5);
  zkmsm::math::batch_inverse(z.data(), scratch.data(), 5);
  for (const F& x : z) EXPECT_TRUE(x.is_zero());
}

TEST(FpSqrt, SquaresAndNonSquares) {
  const mpz_class& p = zkmsm::ref::p();
  int squares = 0, non_squares = 0;
  for (const auto& a : samples<Fp>(200)) {
    Fp root;
    const bool is_sq = mpz_legendre(a.v.get_mpz_t(), p.get_mpz_t()) >= 0;  // 0 counts as a square
    ASSERT_EQ(zkmsm::math::fp_sqrt(a.f, root), is_sq) << a.v.get_str(16);
    if (is_sq) {
      ASSERT_EQ(value(root.sqr()), a.v);
      ++squares;
    } else {
      ++non_squares;
    }
    // a² is always a square, with root ±a.
    Fp r2;
    ASSERT_TRUE(zkmsm::math::fp_sqrt(a.f.sqr(), r2));
    const mpz_class got = value(r2);
    EXPECT_TRUE(got == a.v || got == modp(-a.v, p)) << a.v.get_str(16);
  }
  EXPECT_GT(squares, 50);
  EXPECT_GT(non_squares, 50);
  Fp root;
  EXPECT_FALSE(zkmsm::math::fp_sqrt(-Fp::one(), root));  // p ≡ 3 mod 4: −1 is a non-square
  EXPECT_TRUE(zkmsm::math::fp_sqrt(Fp::zero(), root));
  EXPECT_TRUE(root.is_zero());
  EXPECT_TRUE(zkmsm::math::fp_sqrt(Fp::from_u64(4), root));
  EXPECT_TRUE(value(root) == 2 || value(root) == p - 2);
}

}  // namespace
