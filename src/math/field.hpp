// Prime field in Montgomery form over 4×64-bit limbs, for moduli below 2^254 (BN254's p and r).
// The top limb of both moduli is < 2^62, which lets the multiplication skip the final carry word
// (the "no-carry" CIOS variant) and lets add/sub work without a fifth limb.
#pragma once
#include <cstdint>

#include "math/limbs.hpp"
#include "math/mont_ptx.hpp"
#include "math/mont_x86.hpp"

namespace zkmsm::math {

namespace detail {
// 2^k mod m computed by doubling; used only at compile time.
constexpr void pow2_mod(const uint64_t* m, int k, uint64_t* out) {
  uint64_t x[4] = {1, 0, 0, 0};
  for (int i = 0; i < k; ++i) {
    uint64_t carry = 0;
    for (int j = 0; j < 4; ++j) x[j] = add_carry(x[j], x[j], carry);
    if (carry || geq(x, m)) {
      uint64_t borrow = 0;
      for (int j = 0; j < 4; ++j) x[j] = sub_borrow(x[j], m[j], borrow);
    }
  }
  for (int j = 0; j < 4; ++j) out[j] = x[j];
}
}  // namespace detail

// Params supplies `static constexpr uint64_t kModulus[4]`.
template <class Params>
struct Field {
  uint64_t l[4];  // Montgomery form: value·2^256 mod m

  static constexpr const uint64_t* M = Params::kModulus;  // host-side view (tests, I/O)
  // The modulus limbs as scalar constants: device code cannot read a host constexpr array ("undefined
  // in device code"), but it may use constexpr scalars, which fold into immediates.
  static constexpr uint64_t kM0 = Params::kModulus[0], kM1 = Params::kModulus[1], kM2 = Params::kModulus[2],
                            kM3 = Params::kModulus[3];
  ZK_HD static constexpr uint64_t mod(int i) { return i == 0 ? kM0 : i == 1 ? kM1 : i == 2 ? kM2 : kM3; }
  static constexpr uint64_t kInvNeg = [] {  // −m⁻¹ mod 2^64 by Newton iteration
    uint64_t inv = 1;
    for (int i = 0; i < 7; ++i) inv *= 2 - Params::kModulus[0] * inv;
    return ~inv + 1;
  }();
  struct Limbs {
    uint64_t v[4];
  };
  static constexpr Limbs kR = [] {
    Limbs o{};
    detail::pow2_mod(Params::kModulus, 256, o.v);
    return o;
  }();
  static constexpr Limbs kR2 = [] {
    Limbs o{};
    detail::pow2_mod(Params::kModulus, 512, o.v);
    return o;
  }();

  ZK_HD static constexpr Field zero() { return Field{{0, 0, 0, 0}}; }
  ZK_HD static constexpr Field one() { return Field{{kR.v[0], kR.v[1], kR.v[2], kR.v[3]}}; }

  // From a canonical integer < m (caller checks the bound; see is_canonical).
  ZK_HD static constexpr Field from_canonical(const uint64_t* v) {
    Field a{{v[0], v[1], v[2], v[3]}};
    return a * Field{{kR2.v[0], kR2.v[1], kR2.v[2], kR2.v[3]}};
  }
  ZK_HD static constexpr Field from_u64(uint64_t v) {
    const uint64_t t[4] = {v, 0, 0, 0};
    return from_canonical(t);
  }
  ZK_HD static constexpr bool is_canonical(const uint64_t* v) {
    const uint64_t m[4] = {mod(0), mod(1), mod(2), mod(3)};
    return !geq(v, m);
  }

  ZK_HD constexpr void to_canonical(uint64_t* out) const {
    Field r = *this * Field{{1, 0, 0, 0}};
    for (int i = 0; i < 4; ++i) out[i] = r.l[i];
  }

  ZK_HD constexpr bool is_zero() const { return (l[0] | l[1] | l[2] | l[3]) == 0; }
  ZK_HD constexpr bool operator==(const Field& o) const {
    return ((l[0] ^ o.l[0]) | (l[1] ^ o.l[1]) | (l[2] ^ o.l[2]) | (l[3] ^ o.l[3])) == 0;
  }
  ZK_HD constexpr bool operator!=(const Field& o) const { return !(*this == o); }

  ZK_HD constexpr Field operator+(const Field& b) const {
#if defined(__CUDA_ARCH__)
    // Device fast path (PTX carry chains, branch-free reduction; src/math/mont_ptx.hpp).
    if (!__builtin_is_constant_evaluated()) {
      Field r;
      ptx::mod_add<kM0, kM1, kM2, kM3>(r.l, l, b.l);
      return r;
    }
#endif
    Field r{};
    uint64_t carry = 0;
    for (int i = 0; i < 4; ++i) r.l[i] = add_carry(l[i], b.l[i], carry);
    r.reduce_once();
    return r;
  }
  ZK_HD constexpr Field operator-(const Field& b) const {
#if defined(__CUDA_ARCH__)
    if (!__builtin_is_constant_evaluated()) {
      Field r;
      ptx::mod_sub<kM0, kM1, kM2, kM3>(r.l, l, b.l);
      return r;
    }
#endif
    Field r{};
    uint64_t borrow = 0;
    for (int i = 0; i < 4; ++i) r.l[i] = sub_borrow(l[i], b.l[i], borrow);
    if (borrow) {
      uint64_t carry = 0;
      for (int i = 0; i < 4; ++i) r.l[i] = add_carry(r.l[i], mod(i), carry);
    }
    return r;
  }
  ZK_HD constexpr Field operator-() const { return zero() - *this; }
  ZK_HD constexpr Field dbl() const { return *this + *this; }

  // CIOS Montgomery multiplication, no-carry variant (valid because m's top limb < 2^63 − 1).
  ZK_HD constexpr Field operator*(const Field& b) const {
#if defined(__CUDA_ARCH__)
    // Device fast path (8×32-bit PTX carry chains, src/math/mont_ptx.hpp); bit-identical to mul_portable.
    if (!__builtin_is_constant_evaluated()) {
      Field r;
      ptx::mont_mul<kM0, kM1, kM2, kM3, kInvNeg>(r.l, l, b.l);
      return r;
    }
#endif
#if defined(ZKMSM_HOST_ADX)
    // Host fast path (mulx/adcx/adox, src/math/mont_x86.hpp); bit-identical to mul_portable. Kept
    // small so that it inlines into the curve formulas.
    if (!__builtin_is_constant_evaluated() && x86::kHaveAdx) {
      Field r;
      x86::mont_mul(r.l, l, b.l, Params::kModulus, kInvNeg);
      return r;
    }
#endif
    return mul_portable(b);
  }
  ZK_HD constexpr Field mul_portable(const Field& b) const {
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; ++i) {
      uint64_t a_carry = 0;
      t[0] = mac(l[0], b.l[i], t[0], a_carry);
      const uint64_t m = t[0] * kInvNeg;
      uint64_t m_carry = 0;
      mac(m, mod(0), t[0], m_carry);
      for (int j = 1; j < 4; ++j) {
        t[j] = mac(l[j], b.l[i], t[j], a_carry);
        t[j - 1] = mac(m, mod(j), t[j], m_carry);
      }
      t[3] = a_carry + m_carry;
    }
    Field r{{t[0], t[1], t[2], t[3]}};
    r.reduce_once();
    return r;
  }
  ZK_HD constexpr Field sqr() const {
#if defined(__CUDA_ARCH__)
    // Device squaring: 36 word products for a² instead of 64 (src/math/mont_ptx.hpp); same result as a·a.
    if (!__builtin_is_constant_evaluated()) {
      Field r;
      ptx::mont_sqr<kM0, kM1, kM2, kM3, kInvNeg>(r.l, l);
      return r;
    }
#endif
    return *this * *this;
  }
  ZK_HD constexpr Field& operator+=(const Field& b) { return *this = *this + b; }
  ZK_HD constexpr Field& operator-=(const Field& b) { return *this = *this - b; }
  ZK_HD constexpr Field& operator*=(const Field& b) { return *this = *this * b; }

  // this^e for a canonical 4-limb exponent (square-and-multiply, MSB first).
  ZK_HD constexpr Field pow(const uint64_t* e) const {
    Field r = one();
    for (int i = 255; i >= 0; --i) {
      r = r.sqr();
      if ((e[i / 64] >> (i % 64)) & 1) r = r * *this;
    }
    return r;
  }

  // Fermat inverse; inverse of zero is zero (callers that care test is_zero first).
  ZK_HD constexpr Field inverse() const {
    uint64_t e[4] = {mod(0) - 2, mod(1), mod(2), mod(3)};  // m − 2 (m is odd and > 2, no borrow)
    return pow(e);
  }

 private:
  ZK_HD constexpr void reduce_once() {
    const uint64_t m[4] = {mod(0), mod(1), mod(2), mod(3)};
    if (geq(l, m)) {
      uint64_t borrow = 0;
      for (int i = 0; i < 4; ++i) l[i] = sub_borrow(l[i], m[i], borrow);
    }
  }
};

// Montgomery's trick: replaces each nonzero a[i] by its inverse with one field inversion and 3(n−1)
// multiplications. Zero entries stay zero. `scratch` holds n elements.
template <class F>
ZK_HD void batch_inverse(F* a, F* scratch, int64_t n) {
  F acc = F::one();
  for (int64_t i = 0; i < n; ++i) {
    scratch[i] = acc;
    if (!a[i].is_zero()) acc = acc * a[i];
  }
  F inv = acc.inverse();
  for (int64_t i = n - 1; i >= 0; --i) {
    if (a[i].is_zero()) continue;
    F ai_inv = inv * scratch[i];
    inv = inv * a[i];
    a[i] = ai_inv;
  }
}

}  // namespace zkmsm::math
