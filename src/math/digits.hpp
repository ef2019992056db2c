// Signed (Booth-style, carry-free) window digits. Window j of width c reads its c bits plus the top bit
// of window j−1 (the lookback). With w the window bits, l the lookback and t the top bit of w, the
// digit is d = w + l − t·2^c ∈ [−2^(c−1), 2^(c−1)], and Σ_j 2^(jc)·d_j = s as long as the top window's
// top bit is zero, i.e. T·c ≥ 255 for scalars below 2^254.
#pragma once
#include <cstdint>

#include "math/hd.hpp"

namespace zkmsm::math {

constexpr uint32_t kDigitSignBit = 0x80000000u;

// Bits [pos, pos + count) of a 256-bit little-endian scalar; count ≤ 32, bits past 255 read as zero.
ZK_HD constexpr uint32_t scalar_bits(const uint64_t* s, unsigned pos, unsigned count) {
  if (pos >= 256) return 0;
  const unsigned limb = pos / 64, shift = pos % 64;
  // Limbs picked by comparison, not by a run-time index: on the GPU an indexed array goes to local
  // memory (the stack), while selects stay in registers.
  const uint64_t lo = limb == 0 ? s[0] : limb == 1 ? s[1] : limb == 2 ? s[2] : s[3];
  const uint64_t hi = limb == 0 ? s[1] : limb == 1 ? s[2] : limb == 2 ? s[3] : 0;
  uint64_t v = lo >> shift;
  if (shift) v |= hi << (64 - shift);
  return static_cast<uint32_t>(v & ((uint64_t{1} << count) - 1));
}

// Magnitude in [0, 2^(c−1)] with kDigitSignBit set when the digit is negative.
ZK_HD constexpr uint32_t signed_digit(const uint64_t* s, unsigned window, unsigned c) {
  const unsigned pos = window * c;
  const uint32_t raw = pos ? scalar_bits(s, pos - 1, c + 1) : scalar_bits(s, 0, c) << 1;
  const uint32_t negative = (raw >> c) & 1;
  const uint32_t encode = (raw + 1) >> 1;  // w + l
  const uint32_t magnitude = negative ? (1u << c) - encode : encode;
  return magnitude | (negative ? kDigitSignBit : 0u);
}

}  // namespace zkmsm::math
