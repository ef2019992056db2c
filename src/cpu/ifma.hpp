// 8-lane BN254 Fp arithmetic on AVX-512 IFMA (vpmadd52luq/vpmadd52huq): each __m512i holds one 52-bit
// limb of 8 field elements (5 limbs, radix 2^52). Values use the same Montgomery form as math::Fp
// (R = 2^256): the multiplication reduces by 2^208 in four 52-bit steps and a fifth 48-bit step, so
// converting to and from Fp is a bit shuffle, never a multiplication, and results are bit-identical
// once fully reduced. Host only; callers check ifma::available() first.
#pragma once
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "math/bn254.hpp"

#define ZKMSM_IFMA __attribute__((target("avx512f,avx512ifma,avx512vl,avx512dq,avx512bw"), always_inline)) inline

namespace zkmsm::cpu::ifma {

inline bool available() {
  static const bool ok = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512ifma") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512bw");
  }();
  return ok;
}

constexpr uint64_t kMask52 = (uint64_t{1} << 52) - 1;
constexpr uint64_t kMask48 = (uint64_t{1} << 48) - 1;

// p in radix 2^52, and −p⁻¹ mod 2^52.
struct Consts {
  uint64_t p[5];
  uint64_t p2[5];  // 2p
  uint64_t pinv;
};
constexpr Consts kConsts = [] {
  const uint64_t* m = math::FpParams::kModulus;
  Consts c{};
  c.p[0] = m[0] & kMask52;
  c.p[1] = ((m[0] >> 52) | (m[1] << 12)) & kMask52;
  c.p[2] = ((m[1] >> 40) | (m[2] << 24)) & kMask52;
  c.p[3] = ((m[2] >> 28) | (m[3] << 36)) & kMask52;
  c.p[4] = m[3] >> 16;
  uint64_t carry = 0;
  for (int k = 0; k < 5; ++k) {
    const uint64_t t = 2 * c.p[k] + carry;
    c.p2[k] = t & kMask52;
    carry = t >> 52;
  }
  c.pinv = math::Fp::kInvNeg & kMask52;
  return c;
}();

struct V {  // 8 field elements, limb-major
  __m512i l[5];
};

// Spill and reload through memory that need not be 64-byte aligned.
ZKMSM_IFMA void store_v(V* at, const V& v) {
  for (int k = 0; k < 5; ++k) _mm512_storeu_si512(reinterpret_cast<std::byte*>(at) + 64 * k, v.l[k]);
}
ZKMSM_IFMA V load_v(const V* at) {
  V v;
  for (int k = 0; k < 5; ++k) v.l[k] = _mm512_loadu_si512(reinterpret_cast<const std::byte*>(at) + 64 * k);
  return v;
}

ZKMSM_IFMA __m512i bc(uint64_t v) { return _mm512_set1_epi64(static_cast<long long>(v)); }

// a + k·p − b for inputs whose limbs are < 2^52, normalised (limbs < 2^52). The caller picks k so the
// result is nonnegative; kp holds k·p in radix 2^52 with limbs possibly above 2^52 (normalised below).
ZKMSM_IFMA V sub_plus(const V& a, const V& b, const uint64_t* kp) {
  const __m512i mask = bc(kMask52);
  V r;
  __m512i carry = _mm512_setzero_si512();
  for (int k = 0; k < 5; ++k) {
    __m512i t = _mm512_add_epi64(_mm512_sub_epi64(_mm512_add_epi64(a.l[k], bc(kp[k])), b.l[k]), carry);
    carry = _mm512_srai_epi64(t, 52);
    r.l[k] = _mm512_and_si512(t, mask);
  }
  r.l[4] = _mm512_add_epi64(r.l[4], _mm512_slli_epi64(carry, 52));  // top limb keeps its excess
  return r;
}

// a + b, normalised; the sum must stay below 2^260.
ZKMSM_IFMA V add(const V& a, const V& b) {
  const __m512i mask = bc(kMask52);
  V r;
  __m512i carry = _mm512_setzero_si512();
  for (int k = 0; k < 5; ++k) {
    __m512i t = _mm512_add_epi64(_mm512_add_epi64(a.l[k], b.l[k]), carry);
    carry = _mm512_srli_epi64(t, 52);
    r.l[k] = k < 4 ? _mm512_and_si512(t, mask) : t;
  }
  return r;
}

// Per lane: m ? b : a.
ZKMSM_IFMA V blend(__mmask8 m, const V& a, const V& b) {
  V r;
  for (int j = 0; j < 5; ++j) r.l[j] = _mm512_mask_blend_epi64(m, a.l[j], b.l[j]);
  return r;
}

// Lanes where a == b (both normalised).
ZKMSM_IFMA __mmask8 equal(const V& a, const V& b) {
  __mmask8 eq = 0xff;
  for (int j = 0; j < 5; ++j) eq &= _mm512_cmpeq_epi64_mask(a.l[j], b.l[j]);
  return eq;
}

// Subtracts k·p (per lane) when the value is ≥ k·p; kp is k·p in radix 2^52 (normalised). Input < 2^256.
ZKMSM_IFMA V reduce_once(const V& a, const uint64_t* kp = kConsts.p) {
  const __m512i mask = bc(kMask52);
  V t;
  __m512i borrow = _mm512_setzero_si512();
  for (int k = 0; k < 5; ++k) {
    __m512i d = _mm512_add_epi64(_mm512_sub_epi64(a.l[k], bc(kp[k])), borrow);
    borrow = _mm512_srai_epi64(d, 52);
    t.l[k] = _mm512_and_si512(d, mask);
  }
  const __mmask8 negative = _mm512_movepi64_mask(borrow);  // a < p: keep a
  V r;
  for (int k = 0; k < 5; ++k) r.l[k] = _mm512_mask_blend_epi64(negative, t.l[k], a.l[k]);
  return r;
}

// Montgomery product a·b·2^−256 mod p for a·b < p·2^256 (e.g. both < 2p): the result is < 2p, not
// fully reduced (lazy); reduce_once() makes it canonical.
ZKMSM_IFMA V mul(const V& a, const V& b) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i mask = bc(kMask52);
  __m512i z[10];
  for (int k = 0; k < 10; ++k) z[k] = zero;
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) {
      z[i + j] = _mm512_madd52lo_epu64(z[i + j], a.l[i], b.l[j]);
      z[i + j + 1] = _mm512_madd52hi_epu64(z[i + j + 1], a.l[i], b.l[j]);
    }
  }
  const __m512i pinv = bc(kConsts.pinv);
  __m512i p[5];
  for (int j = 0; j < 5; ++j) p[j] = bc(kConsts.p[j]);
  for (int i = 0; i < 5; ++i) {
    __m512i m = _mm512_madd52lo_epu64(zero, z[i], pinv);
    if (i == 4) m = _mm512_and_si512(m, bc(kMask48));
    for (int j = 0; j < 5; ++j) {
      z[i + j] = _mm512_madd52lo_epu64(z[i + j], m, p[j]);
      if (i + j + 1 < 10) z[i + j + 1] = _mm512_madd52hi_epu64(z[i + j + 1], m, p[j]);
    }
    if (i < 4) z[i + 1] = _mm512_add_epi64(z[i + 1], _mm512_srli_epi64(z[i], 52));
  }
  // z4 ≡ 0 mod 2^48; the result is (z4 + z5·2^52 + … + z9·2^260) / 2^48.
  for (int k = 4; k < 9; ++k) {
    z[k + 1] = _mm512_add_epi64(z[k + 1], _mm512_srli_epi64(z[k], 52));
    z[k] = _mm512_and_si512(z[k], mask);
  }
  V r;
  for (int k = 0; k < 5; ++k)
    r.l[k] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(z[4 + k], 48), _mm512_slli_epi64(z[5 + k], 4)), mask);
  return r;
}

// Loads limb-major values from 8 Fp elements at byte stride `stride` (gather) and back.
ZKMSM_IFMA V load(const math::Fp* base, const __m512i& offsets_bytes) {
  const __m512i mask = bc(kMask52);
  const uint64_t* b = base->l;
  __m512i w0 = _mm512_mask_i64gather_epi64(_mm512_setzero_si512(), 0xff, offsets_bytes, b + 0, 1);
  __m512i w1 = _mm512_mask_i64gather_epi64(_mm512_setzero_si512(), 0xff, offsets_bytes, b + 1, 1);
  __m512i w2 = _mm512_mask_i64gather_epi64(_mm512_setzero_si512(), 0xff, offsets_bytes, b + 2, 1);
  __m512i w3 = _mm512_mask_i64gather_epi64(_mm512_setzero_si512(), 0xff, offsets_bytes, b + 3, 1);
  V r;
  r.l[0] = _mm512_and_si512(w0, mask);
  r.l[1] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w0, 52), _mm512_slli_epi64(w1, 12)), mask);
  r.l[2] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w1, 40), _mm512_slli_epi64(w2, 24)), mask);
  r.l[3] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w2, 28), _mm512_slli_epi64(w3, 36)), mask);
  r.l[4] = _mm512_srli_epi64(w3, 16);
  return r;
}
// Value must be < 2^256 with normalised limbs.
ZKMSM_IFMA void store(const V& v, math::Fp* base, const __m512i& offsets_bytes) {
  uint64_t* b = base->l;
  _mm512_i64scatter_epi64(b + 0, offsets_bytes, _mm512_or_si512(v.l[0], _mm512_slli_epi64(v.l[1], 52)), 1);
  _mm512_i64scatter_epi64(b + 1, offsets_bytes, _mm512_or_si512(_mm512_srli_epi64(v.l[1], 12), _mm512_slli_epi64(v.l[2], 40)), 1);
  _mm512_i64scatter_epi64(b + 2, offsets_bytes, _mm512_or_si512(_mm512_srli_epi64(v.l[2], 24), _mm512_slli_epi64(v.l[3], 28)), 1);
  _mm512_i64scatter_epi64(b + 3, offsets_bytes, _mm512_or_si512(_mm512_srli_epi64(v.l[3], 36), _mm512_slli_epi64(v.l[4], 16)), 1);
}

}  // namespace zkmsm::cpu::ifma
