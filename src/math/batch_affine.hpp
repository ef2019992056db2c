// Affine addition split around its one inversion, so that many independent additions can share a
// single inversion (Montgomery's trick). Complete: P + P doubles, P + (−P) and infinity are handled.
#pragma once
#include "math/g1.hpp"

namespace zkmsm::math {

// The value whose inverse affine_add_finish needs; zero when the sum needs no inversion.
ZK_HD constexpr Fp affine_add_denominator(const G1Affine& p, const G1Affine& q) {
  if (p.is_infinity() || q.is_infinity()) return Fp::zero();
  if (p.x != q.x) return q.x - p.x;
  if (p.y == q.y) return p.y.dbl();  // doubling: λ = 3x² / 2y (y ≠ 0 on BN254 G1)
  return Fp::zero();                 // P + (−P)
}

// p + q given inv = 1 / affine_add_denominator(p, q) (ignored when that was zero).
ZK_HD constexpr G1Affine affine_add_finish(const G1Affine& p, const G1Affine& q, const Fp& inv) {
  if (p.is_infinity()) return q;
  if (q.is_infinity()) return p;
  Fp lambda;
  if (p.x != q.x) {
    lambda = (q.y - p.y) * inv;
  } else if (p.y == q.y) {
    const Fp x2 = p.x.sqr();
    lambda = (x2.dbl() + x2) * inv;
  } else {
    return G1Affine::infinity();
  }
  const Fp x3 = lambda.sqr() - p.x - q.x;
  return {x3, lambda * (p.x - x3) - p.y};
}

}  // namespace zkmsm::math
