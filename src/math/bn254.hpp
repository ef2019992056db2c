// BN254 (alt_bn128, the Ethereum curve) constants: base field Fp, scalar field Fr, y² = x³ + 3.
#pragma once
#include <cstdint>

#include "math/field.hpp"

namespace zkmsm::math {

struct FpParams {
  // p = 21888242871839275222246405745257275088696311157297823662689037894645226208583
  static constexpr uint64_t kModulus[4] = {0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d,
                                           0x30644e72e131a029};
};
struct FrParams {
  // r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
  static constexpr uint64_t kModulus[4] = {0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d,
                                           0x30644e72e131a029};
};

using Fp = Field<FpParams>;
using Fr = Field<FrParams>;

constexpr int kScalarBits = 254;  // r < 2^254

// Square root in Fp (p ≡ 3 mod 4): a^((p+1)/4). Returns false when a is not a square.
ZK_HD constexpr bool fp_sqrt(const Fp& a, Fp& out) {
  // (p + 1) / 4
  constexpr uint64_t e[4] = {0x4f082305b61f3f52, 0x65e05aa45a1c72a3, 0x6e14116da0605617, 0x0c19139cb84c680a};
  out = a.pow(e);
  return out.sqr() == a;
}

}  // namespace zkmsm::math
