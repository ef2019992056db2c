// Device fast path for 4×64-bit Montgomery multiplication on NVIDIA GPUs: the same no-carry CIOS as
// Field::mul_portable, but over 8×32-bit words with PTX carry chains (mad.lo.cc / madc.hi.cc), since
// the GPU multiplies 32-bit words natively and emulates every 64-bit product with several.
// Same contract and bit-identical results (output fully reduced, < m) for moduli < 2^254 and inputs
// < m. Modular add and subtract use the same 32-bit carry chains (add.cc/sub.cc), branch-free.
// Host code never sees this header's code. Checked against the host by tests/gpu.
#pragma once
#include <cstdint>
#include <utility>

#if defined(__CUDA_ARCH__)
namespace zkmsm::math::ptx {

// Split 4×64-bit limbs into 8×32-bit words and back (register moves only).
__device__ __forceinline__ void split(uint32_t* w, const uint64_t* v) {
#pragma unroll
  for (int i = 0; i < 4; ++i) w[2 * i] = uint32_t(v[i]), w[2 * i + 1] = uint32_t(v[i] >> 32);
}
__device__ __forceinline__ void join(uint64_t* v, const uint32_t* w) {
#pragma unroll
  for (int i = 0; i < 4; ++i) v[i] = (uint64_t{w[2 * i + 1]} << 32) | w[2 * i];
}

// s = a + b over 8 words, the carry out dropped (callers keep sums below 2^256).
__device__ __forceinline__ void add_words(uint32_t* s, const uint32_t* a, const uint32_t* b) {
  asm("add.cc.u32  %0, %8,  %16;\n\t"
      "addc.cc.u32 %1, %9,  %17;\n\t"
      "addc.cc.u32 %2, %10, %18;\n\t"
      "addc.cc.u32 %3, %11, %19;\n\t"
      "addc.cc.u32 %4, %12, %20;\n\t"
      "addc.cc.u32 %5, %13, %21;\n\t"
      "addc.cc.u32 %6, %14, %22;\n\t"
      "addc.u32    %7, %15, %23;"
      : "=r"(s[0]), "=r"(s[1]), "=r"(s[2]), "=r"(s[3]), "=r"(s[4]), "=r"(s[5]), "=r"(s[6]), "=r"(s[7])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(a[4]), "r"(a[5]), "r"(a[6]), "r"(a[7]), "r"(b[0]),
        "r"(b[1]), "r"(b[2]), "r"(b[3]), "r"(b[4]), "r"(b[5]), "r"(b[6]), "r"(b[7]));
}

// d = a − b over 8 words; returns 0xffffffff when the subtraction borrowed, else 0.
__device__ __forceinline__ uint32_t sub_words(uint32_t* d, const uint32_t* a, const uint32_t* b) {
  uint32_t borrow;
  asm("sub.cc.u32  %0, %9,  %17;\n\t"
      "subc.cc.u32 %1, %10, %18;\n\t"
      "subc.cc.u32 %2, %11, %19;\n\t"
      "subc.cc.u32 %3, %12, %20;\n\t"
      "subc.cc.u32 %4, %13, %21;\n\t"
      "subc.cc.u32 %5, %14, %22;\n\t"
      "subc.cc.u32 %6, %15, %23;\n\t"
      "subc.cc.u32 %7, %16, %24;\n\t"
      "subc.u32    %8, 0, 0;"
      : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]), "=r"(d[4]), "=r"(d[5]), "=r"(d[6]), "=r"(d[7]), "=r"(borrow)
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(a[4]), "r"(a[5]), "r"(a[6]), "r"(a[7]), "r"(b[0]),
        "r"(b[1]), "r"(b[2]), "r"(b[3]), "r"(b[4]), "r"(b[5]), "r"(b[6]), "r"(b[7]));
  return borrow;
}

// v < 2m → v mod m: subtract m and keep the difference unless it borrowed (no branch).
__device__ __forceinline__ void reduce_once(uint32_t* v, const uint32_t* m) {
  uint32_t d[8];
  const uint32_t borrow = sub_words(d, v, m);
#pragma unroll
  for (int i = 0; i < 8; ++i) v[i] = borrow ? v[i] : d[i];
}

// The modulus M0..M3 as 8 words.
template <uint64_t M0, uint64_t M1, uint64_t M2, uint64_t M3>
__device__ __forceinline__ void modulus_words(uint32_t* m) {
  const uint64_t limbs[4] = {M0, M1, M2, M3};
  split(m, limbs);
}

// Pair chains. x[0..3] holds every other word of a 256-bit operand (its even or its odd words), so
// the products x[k]·w land on disjoint aligned word pairs (acc[2k], acc[2k+1]): the low and high
// halves of one product are neighbours in one carry chain, which ptxas turns into one 32×32+64-bit
// IMAD.WIDE.U32(.X) per product instead of two multiply-adds. Two accumulators, one for the even
// and one (a word higher) for the odd products, keep two independent chains in flight.

// acc = Σ x[k]·w·2^(64k) (no carries between pairs).
__device__ __forceinline__ void mul_pairs(uint32_t* acc, const uint32_t* x, uint32_t w) {
#pragma unroll
  for (int k = 0; k < 4; ++k) {
    const uint64_t p = uint64_t{x[k]} * w;
    acc[2 * k] = uint32_t(p), acc[2 * k + 1] = uint32_t(p >> 32);
  }
}

// acc += Σ x[k]·w·2^(64k); the carry out of acc[7] is added to `top`.
__device__ __forceinline__ void mad_pairs(uint32_t* acc, const uint32_t* x, uint32_t w, uint32_t& top) {
  asm("mad.lo.cc.u32  %0, %9,  %13, %0;\n\t"
      "madc.hi.cc.u32 %1, %9,  %13, %1;\n\t"
      "madc.lo.cc.u32 %2, %10, %13, %2;\n\t"
      "madc.hi.cc.u32 %3, %10, %13, %3;\n\t"
      "madc.lo.cc.u32 %4, %11, %13, %4;\n\t"
      "madc.hi.cc.u32 %5, %11, %13, %5;\n\t"
      "madc.lo.cc.u32 %6, %12, %13, %6;\n\t"
      "madc.hi.cc.u32 %7, %12, %13, %7;\n\t"
      "addc.u32       %8, %8, 0;"
      : "+r"(acc[0]), "+r"(acc[1]), "+r"(acc[2]), "+r"(acc[3]), "+r"(acc[4]), "+r"(acc[5]), "+r"(acc[6]),
        "+r"(acc[7]), "+r"(top)
      : "r"(x[0]), "r"(x[1]), "r"(x[2]), "r"(x[3]), "r"(w));
}

// One word down: lo += acc[1] (lo is the aligned accumulator's lowest word, acc the odd one, whose
// word 1 now sits at position 0), and acc[j] = acc[j + 2] + Σ x[k]·w·2^(64k), the carry of the first
// add entering at acc[0]. No carry leaves acc[7] (the CIOS bound t < 2^288).
__device__ __forceinline__ void shift_mad_pairs(uint32_t& lo, uint32_t* acc, const uint32_t* x, uint32_t w) {
  asm("add.cc.u32     %0, %0, %2;\n\t"
      "madc.lo.cc.u32 %1, %9,  %13, %3;\n\t"
      "madc.hi.cc.u32 %2, %9,  %13, %4;\n\t"
      "madc.lo.cc.u32 %3, %10, %13, %5;\n\t"
      "madc.hi.cc.u32 %4, %10, %13, %6;\n\t"
      "madc.lo.cc.u32 %5, %11, %13, %7;\n\t"
      "madc.hi.cc.u32 %6, %11, %13, %8;\n\t"
      "madc.lo.cc.u32 %7, %12, %13, 0;\n\t"
      "madc.hi.u32    %8, %12, %13, 0;"
      : "+r"(lo), "+r"(acc[0]), "+r"(acc[1]), "+r"(acc[2]), "+r"(acc[3]), "+r"(acc[4]), "+r"(acc[5]),
        "+r"(acc[6]), "+r"(acc[7])
      : "r"(x[0]), "r"(x[1]), "r"(x[2]), "r"(x[3]), "r"(w));
}

// The Montgomery step of one CIOS row on (aligned x, odd y): q = x0·inv, then y += m_odd·q and
// x += m_even·q (its carry into y[7]); afterwards x0 = 0 and the value is ready to drop a word.
template <uint32_t Inv32>
__device__ __forceinline__ void reduce_pairs(uint32_t* x, uint32_t* y, const uint32_t* m_even, const uint32_t* m_odd) {
  const uint32_t q = x[0] * Inv32;
  uint32_t no_carry = 0;  // y < 2^256 by the CIOS bound: its chain never carries out
  mad_pairs(y, m_odd, q, no_carry);
  mad_pairs(x, m_even, q, y[7]);
}

// A reduction-only row (Montgomery reduction of a value with no multiplicand row): one word down as
// in shift_mad_pairs, then q = lo·inv from the new lowest word, hi[j] = hi[j + 2] + m_odd·q (plus the
// carry of lo's add) and lo += m_even·q, its carry into hi[7]. One asm statement: the add's carry
// must reach hi's chain across the multiply that makes q.
template <uint32_t Inv32>
__device__ __forceinline__ void shift_reduce_pairs(uint32_t* lo, uint32_t* hi, const uint32_t* m_even,
                                                   const uint32_t* m_odd) {
  uint32_t q;
  asm("add.cc.u32     %0, %0, %2;\n\t"
      "mul.lo.u32     %9, %0, %14;\n\t"
      "madc.lo.cc.u32 %1, %10, %9, %3;\n\t"
      "madc.hi.cc.u32 %2, %10, %9, %4;\n\t"
      "madc.lo.cc.u32 %3, %11, %9, %5;\n\t"
      "madc.hi.cc.u32 %4, %11, %9, %6;\n\t"
      "madc.lo.cc.u32 %5, %12, %9, %7;\n\t"
      "madc.hi.cc.u32 %6, %12, %9, %8;\n\t"
      "madc.lo.cc.u32 %7, %13, %9, 0;\n\t"
      "madc.hi.u32    %8, %13, %9, 0;"
      : "+r"(lo[0]), "+r"(hi[0]), "+r"(hi[1]), "+r"(hi[2]), "+r"(hi[3]), "+r"(hi[4]), "+r"(hi[5]), "+r"(hi[6]),
        "+r"(hi[7]), "=&r"(q)
      : "r"(m_odd[0]), "r"(m_odd[1]), "r"(m_odd[2]), "r"(m_odd[3]), "n"(Inv32));
  mad_pairs(lo, m_even, q, hi[7]);
}

// out = x + (y >> 32) = (y + x·2^32) / 2^32 for y whose lowest word is zero: a row's value once that
// word is dropped (y the accumulator just reduced, x the one a word higher).
__device__ __forceinline__ void drop_word(uint32_t* out, const uint32_t* x, const uint32_t* y) {
  const uint32_t y_down[8] = {y[1], y[2], y[3], y[4], y[5], y[6], y[7], 0};
  add_words(out, x, y_down);
}

// The even and the odd words of an 8-word value.
__device__ __forceinline__ void deal(const uint32_t* v, uint32_t* even, uint32_t* odd) {
#pragma unroll
  for (int k = 0; k < 4; ++k) even[k] = v[2 * k], odd[k] = v[2 * k + 1];
}

// out = a·b·2^−256 mod m (m = M0..M3, inv = −m⁻¹ mod 2^64; its low word is −m⁻¹ mod 2^32). CIOS over
// 32-bit words with the value kept as x + y·2^32 (x aligned, y a word higher, both 8 words): each
// row adds a·b_i and q·m as pair chains, then drops one word, which swaps the two roles (y becomes
// the aligned accumulator; x, less its zero word 0, the higher one, its word 1 folded into y's word 0).
template <uint64_t M0, uint64_t M1, uint64_t M2, uint64_t M3, uint64_t Inv>
__device__ __forceinline__ void mont_mul(uint64_t* out, const uint64_t* a64, const uint64_t* b64) {
  static_assert(M3 < (uint64_t{1} << 62), "the pair-chain bounds need a modulus below 2^254");
  uint32_t m[8], a[8], b[8];
  modulus_words<M0, M1, M2, M3>(m);
  split(a, a64), split(b, b64);
  uint32_t a_even[4], a_odd[4], m_even[4], m_odd[4];
  deal(a, a_even, a_odd), deal(m, m_even, m_odd);
  constexpr uint32_t kInv32 = uint32_t(Inv);
  uint32_t x[8], y[8];
  mul_pairs(x, a_even, b[0]);
  mul_pairs(y, a_odd, b[0]);
  reduce_pairs<kInv32>(x, y, m_even, m_odd);
  // Row i with `lo` aligned and `hi` a word higher (they swap every row).
  auto row = [&](uint32_t* lo, uint32_t* hi, uint32_t w) {
    shift_mad_pairs(lo[0], hi, a_odd, w);
    mad_pairs(lo, a_even, w, hi[7]);
    reduce_pairs<kInv32>(lo, hi, m_even, m_odd);
  };
#pragma unroll
  for (int i = 1; i < 7; i += 2) row(y, x, b[i]), row(x, y, b[i + 1]);
  row(y, x, b[7]);
  // Drop the last word: x is aligned, y's words 1..7 sit at positions 0..6. The sum is < 2m.
  uint32_t t[8];
  drop_word(t, x, y);
  reduce_once(t, m);
  join(out, t);
}

// out = a + b mod m for a, b < m < 2^255: one add chain (no carry leaves 256 bits), one subtract
// chain of m whose final borrow selects the sum or the difference (no branch). Fully reduced.
template <uint64_t M0, uint64_t M1, uint64_t M2, uint64_t M3>
__device__ __forceinline__ void mod_add(uint64_t* out, const uint64_t* a64, const uint64_t* b64) {
  uint32_t a[8], b[8], s[8];
  split(a, a64), split(b, b64);
  add_words(s, a, b);
  uint32_t m[8];
  modulus_words<M0, M1, M2, M3>(m);
  reduce_once(s, m);
  join(out, s);
}

// out = a − b mod m for a, b < m: one subtract chain, then m masked by the final borrow added back
// (adds 0 when there was no borrow; no branch). Fully reduced.
template <uint64_t M0, uint64_t M1, uint64_t M2, uint64_t M3>
__device__ __forceinline__ void mod_sub(uint64_t* out, const uint64_t* a64, const uint64_t* b64) {
  uint32_t a[8], b[8], d[8];
  split(a, a64), split(b, b64);
  const uint32_t mask = sub_words(d, a, b);  // 0xffffffff after a borrow, else 0
  uint32_t m[8];
  modulus_words<M0, M1, M2, M3>(m);
#pragma unroll
  for (int i = 0; i < 8; ++i) m[i] &= mask;
  uint32_t r[8];
  add_words(r, d, m);
  join(out, r);
}

// acc[0..2K) += Σ_{k<K} x[k]·w·2^(64k) as one pair chain, its carry into `top` (the word after it).
template <int K>
__device__ __forceinline__ void mad_pairs_n(uint32_t* acc, const uint32_t* x, uint32_t w, uint32_t& top) {
  if constexpr (K == 4) {
    mad_pairs(acc, x, w, top);
  } else if constexpr (K == 3) {
    asm("mad.lo.cc.u32  %0, %7, %10, %0;\n\t"
        "madc.hi.cc.u32 %1, %7, %10, %1;\n\t"
        "madc.lo.cc.u32 %2, %8, %10, %2;\n\t"
        "madc.hi.cc.u32 %3, %8, %10, %3;\n\t"
        "madc.lo.cc.u32 %4, %9, %10, %4;\n\t"
        "madc.hi.cc.u32 %5, %9, %10, %5;\n\t"
        "addc.u32       %6, %6, 0;"
        : "+r"(acc[0]), "+r"(acc[1]), "+r"(acc[2]), "+r"(acc[3]), "+r"(acc[4]), "+r"(acc[5]), "+r"(top)
        : "r"(x[0]), "r"(x[1]), "r"(x[2]), "r"(w));
  } else if constexpr (K == 2) {
    asm("mad.lo.cc.u32  %0, %5, %7, %0;\n\t"
        "madc.hi.cc.u32 %1, %5, %7, %1;\n\t"
        "madc.lo.cc.u32 %2, %6, %7, %2;\n\t"
        "madc.hi.cc.u32 %3, %6, %7, %3;\n\t"
        "addc.u32       %4, %4, 0;"
        : "+r"(acc[0]), "+r"(acc[1]), "+r"(acc[2]), "+r"(acc[3]), "+r"(top)
        : "r"(x[0]), "r"(x[1]), "r"(w));
  } else if constexpr (K == 1) {
    asm("mad.lo.cc.u32  %0, %3, %4, %0;\n\t"
        "madc.hi.cc.u32 %1, %3, %4, %1;\n\t"
        "addc.u32       %2, %2, 0;"
        : "+r"(acc[0]), "+r"(acc[1]), "+r"(top)
        : "r"(x[0]), "r"(w));
  }
}

// Cross row I of a²: a_I·a_j for j = I+1, I+3, … at odd positions into `odd`, j = I+2, I+4, … at even
// positions into `even` (both indexed by absolute word position).
template <int I>
__device__ __forceinline__ void cross_row(uint32_t* odd, uint32_t* even, const uint32_t* a) {
  constexpr int kOdd = (8 - I) / 2, kEven = (7 - I) / 2;
  uint32_t x[4];
#pragma unroll
  for (int k = 0; k < kOdd; ++k) x[k] = a[I + 1 + 2 * k];
  mad_pairs_n<kOdd>(odd + 2 * I + 1, x, a[I], odd[2 * I + 1 + 2 * kOdd]);
  if constexpr (kEven > 0) {
#pragma unroll
    for (int k = 0; k < kEven; ++k) x[k] = a[I + 2 + 2 * k];
    mad_pairs_n<kEven>(even + 2 * I + 2, x, a[I], even[2 * I + 2 + 2 * kEven]);
  }
}

template <int... I>
__device__ __forceinline__ void cross_rows(uint32_t* odd, uint32_t* even, const uint32_t* a,
                                           std::integer_sequence<int, I...>) {
  (cross_row<I>(odd, even, a), ...);
}

// out = a²·2^−256 mod m: the 512-bit square first (each cross product a_i·a_j, i < j, once, then doubled, plus
// the diagonal a_i²: 28 + 8 word products instead of 64), then the Montgomery reduction of its low half and the
// high half added. Same contract and result as mont_mul(a, a). The cross sum is < 2^480 (its top product sits
// at words 13..14), so the doubling's carry lands in t[15]; the square is < 2^508.
template <uint64_t M0, uint64_t M1, uint64_t M2, uint64_t M3, uint64_t Inv>
__device__ __forceinline__ void mont_sqr(uint64_t* out, const uint64_t* a64) {
  static_assert(M3 < (uint64_t{1} << 62), "the squaring's bounds need a modulus below 2^254");
  uint32_t m[8], a[8];
  modulus_words<M0, M1, M2, M3>(m);
  split(a, a64);
  // Cross products a_i·a_j (i < j) on pair chains: those at odd positions i + j into t, those at even
  // positions into e (so no chain runs through the other's pairs), each row's carry into the word
  // above its last pair, which earlier rows have left at most 2; then t += e.
  uint32_t t[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  uint32_t e[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  cross_rows(t, e, a, std::make_integer_sequence<int, 7>{});
  asm("add.cc.u32  %0, %0, %14;\n\t"
      "addc.cc.u32 %1, %1, %15;\n\t"
      "addc.cc.u32 %2, %2, %16;\n\t"
      "addc.cc.u32 %3, %3, %17;\n\t"
      "addc.cc.u32 %4, %4, %18;\n\t"
      "addc.cc.u32 %5, %5, %19;\n\t"
      "addc.cc.u32 %6, %6, %20;\n\t"
      "addc.cc.u32 %7, %7, %21;\n\t"
      "addc.cc.u32 %8, %8, %22;\n\t"
      "addc.cc.u32 %9, %9, %23;\n\t"
      "addc.cc.u32 %10, %10, %24;\n\t"
      "addc.cc.u32 %11, %11, %25;\n\t"
      "addc.cc.u32 %12, %12, %26;\n\t"
      "addc.u32    %13, %13, 0;"
      : "+r"(t[2]), "+r"(t[3]), "+r"(t[4]), "+r"(t[5]), "+r"(t[6]), "+r"(t[7]), "+r"(t[8]), "+r"(t[9]), "+r"(t[10]),
        "+r"(t[11]), "+r"(t[12]), "+r"(t[13]), "+r"(t[14]), "+r"(t[15])
      : "r"(e[2]), "r"(e[3]), "r"(e[4]), "r"(e[5]), "r"(e[6]), "r"(e[7]), "r"(e[8]), "r"(e[9]), "r"(e[10]), "r"(e[11]),
        "r"(e[12]), "r"(e[13]), "r"(e[14]));
  // doubled (the cross sum is < 2^480, so t[15] takes only the carry)
  asm("add.cc.u32  %0, %0, %0;\n\t"
      "addc.cc.u32 %1, %1, %1;\n\t"
      "addc.cc.u32 %2, %2, %2;\n\t"
      "addc.cc.u32 %3, %3, %3;\n\t"
      "addc.cc.u32 %4, %4, %4;\n\t"
      "addc.cc.u32 %5, %5, %5;\n\t"
      "addc.cc.u32 %6, %6, %6;\n\t"
      "addc.cc.u32 %7, %7, %7;\n\t"
      "addc.cc.u32 %8, %8, %8;\n\t"
      "addc.cc.u32 %9, %9, %9;\n\t"
      "addc.cc.u32 %10, %10, %10;\n\t"
      "addc.cc.u32 %11, %11, %11;\n\t"
      "addc.cc.u32 %12, %12, %12;\n\t"
      "addc.cc.u32 %13, %13, %13;\n\t"
      "addc.u32    %14, 0, 0;"
      : "+r"(t[1]), "+r"(t[2]), "+r"(t[3]), "+r"(t[4]), "+r"(t[5]), "+r"(t[6]), "+r"(t[7]), "+r"(t[8]), "+r"(t[9]), "+r"(t[10]), "+r"(t[11]), "+r"(t[12]), "+r"(t[13]), "+r"(t[14]), "=r"(t[15]));
  // plus the diagonal a_i²·2^(64i); no carry leaves t[15] (a² < 2^512)
  asm("mad.lo.cc.u32  %0, %16, %16, %0;\n\t"
      "madc.hi.cc.u32 %1, %16, %16, %1;\n\t"
      "madc.lo.cc.u32 %2, %17, %17, %2;\n\t"
      "madc.hi.cc.u32 %3, %17, %17, %3;\n\t"
      "madc.lo.cc.u32 %4, %18, %18, %4;\n\t"
      "madc.hi.cc.u32 %5, %18, %18, %5;\n\t"
      "madc.lo.cc.u32 %6, %19, %19, %6;\n\t"
      "madc.hi.cc.u32 %7, %19, %19, %7;\n\t"
      "madc.lo.cc.u32 %8, %20, %20, %8;\n\t"
      "madc.hi.cc.u32 %9, %20, %20, %9;\n\t"
      "madc.lo.cc.u32 %10, %21, %21, %10;\n\t"
      "madc.hi.cc.u32 %11, %21, %21, %11;\n\t"
      "madc.lo.cc.u32 %12, %22, %22, %12;\n\t"
      "madc.hi.cc.u32 %13, %22, %22, %13;\n\t"
      "madc.lo.cc.u32 %14, %23, %23, %14;\n\t"
      "madc.hi.u32    %15, %23, %23, %15;"
      : "+r"(t[0]), "+r"(t[1]), "+r"(t[2]), "+r"(t[3]), "+r"(t[4]), "+r"(t[5]), "+r"(t[6]), "+r"(t[7]), "+r"(t[8]), "+r"(t[9]), "+r"(t[10]), "+r"(t[11]), "+r"(t[12]), "+r"(t[13]), "+r"(t[14]), "+r"(t[15])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(a[4]), "r"(a[5]), "r"(a[6]), "r"(a[7]));
  // Montgomery reduction of the low half (< 2^256, so the result is ≤ m), then the high half added:
  // a² < m² < m·2^254 makes it < m/4, the sum < 2m.
  uint32_t m_even[4], m_odd[4];
  deal(m, m_even, m_odd);
  constexpr uint32_t kInv32 = uint32_t(Inv);
  uint32_t x[8] = {t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]}, y[8];
  const uint32_t q = x[0] * kInv32;
  mul_pairs(y, m_odd, q);
  mad_pairs(x, m_even, q, y[7]);
#pragma unroll
  for (int i = 1; i < 7; i += 2) {
    shift_reduce_pairs<kInv32>(y, x, m_even, m_odd);
    shift_reduce_pairs<kInv32>(x, y, m_even, m_odd);
  }
  shift_reduce_pairs<kInv32>(y, x, m_even, m_odd);
  // Drop the last word (x aligned, y's words 1..7 at positions 0..6), then add the high half.
  uint32_t r[8];
  drop_word(r, x, y);
  add_words(r, r, t + 8);
  reduce_once(r, m);
  join(out, r);
}

}  // namespace zkmsm::math::ptx
#endif
