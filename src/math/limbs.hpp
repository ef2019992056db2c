// 4×64-bit little-endian limb helpers shared by Fp and Fr (host and device).
#pragma once
#include <cstdint>

#include "math/hd.hpp"

namespace zkmsm::math {

constexpr int kLimbs = 4;

// Returns the low 64 bits of a*b + c + carry and stores the high 64 bits in carry.
ZK_HD constexpr uint64_t mac(uint64_t a, uint64_t b, uint64_t c, uint64_t& carry) {
#if defined(__CUDA_ARCH__)
  uint64_t lo = a * b;
  uint64_t hi = __umul64hi(a, b);
  lo += c;
  hi += lo < c;
  lo += carry;
  hi += lo < carry;
  carry = hi;
  return lo;
#else
  unsigned __int128 t = static_cast<unsigned __int128>(a) * b + c + carry;
  carry = static_cast<uint64_t>(t >> 64);
  return static_cast<uint64_t>(t);
#endif
}

ZK_HD constexpr uint64_t add_carry(uint64_t a, uint64_t b, uint64_t& carry) {
  uint64_t s = a + b;
  uint64_t c1 = s < a;
  uint64_t t = s + carry;
  carry = c1 | (t < s);
  return t;
}

ZK_HD constexpr uint64_t sub_borrow(uint64_t a, uint64_t b, uint64_t& borrow) {
  uint64_t d = a - b;
  uint64_t b1 = a < b;
  uint64_t t = d - borrow;
  borrow = b1 | (d < borrow);
  return t;
}

// a >= b for 4-limb numbers.
ZK_HD constexpr bool geq(const uint64_t* a, const uint64_t* b) {
  for (int i = kLimbs - 1; i >= 0; --i) {
    if (a[i] != b[i]) return a[i] > b[i];
  }
  return true;
}

}  // namespace zkmsm::math
