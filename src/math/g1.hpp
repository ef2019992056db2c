// BN254 G1 points in affine, Jacobian and XYZZ coordinates (a = 0, b = 3). All additions here are
// complete: they handle P + P, P + (−P) and infinity on either side. Formulas: dbl-2009-l,
// madd-2007-bl, add-2007-bl (Jacobian); madd-2008-s, add-2008-s, dbl-2008-s-1, mdbl-2008-s-1 (XYZZ),
// from the Explicit-Formulas Database.
#pragma once
#include "math/bn254.hpp"

namespace zkmsm::math {

// Affine point; (0, 0) is the point at infinity (it is not on the curve, since 0 ≠ 3).
struct G1Affine {
  Fp x, y;

  ZK_HD static constexpr G1Affine infinity() { return {Fp::zero(), Fp::zero()}; }
  ZK_HD static constexpr G1Affine generator() { return {Fp::from_u64(1), Fp::from_u64(2)}; }
  ZK_HD constexpr bool is_infinity() const { return x.is_zero() && y.is_zero(); }
  ZK_HD constexpr G1Affine operator-() const { return {x, -y}; }
  ZK_HD constexpr bool operator==(const G1Affine& o) const { return x == o.x && y == o.y; }
  ZK_HD constexpr bool is_on_curve() const {
    return is_infinity() || y.sqr() == x.sqr() * x + Fp::from_u64(3);
  }
};

// Jacobian (X, Y, Z) ~ (X/Z², Y/Z³); Z = 0 is infinity.
struct G1Jacobian {
  Fp X, Y, Z;

  ZK_HD static constexpr G1Jacobian infinity() { return {Fp::one(), Fp::one(), Fp::zero()}; }
  ZK_HD static constexpr G1Jacobian from_affine(const G1Affine& a) {
    return a.is_infinity() ? infinity() : G1Jacobian{a.x, a.y, Fp::one()};
  }
  ZK_HD constexpr bool is_infinity() const { return Z.is_zero(); }
  ZK_HD constexpr G1Jacobian operator-() const { return {X, -Y, Z}; }

  ZK_HD constexpr G1Jacobian dbl() const {
    if (is_infinity()) return *this;
    const Fp a = X.sqr(), b = Y.sqr(), c = b.sqr();
    const Fp d = ((X + b).sqr() - a - c).dbl();
    const Fp e = a.dbl() + a, f = e.sqr();
    const Fp x3 = f - d.dbl();
    const Fp y3 = e * (d - x3) - c.dbl().dbl().dbl();
    return {x3, y3, (Y * Z).dbl()};
  }

  ZK_HD constexpr G1Jacobian add_mixed(const G1Affine& q) const {
    if (q.is_infinity()) return *this;
    if (is_infinity()) return from_affine(q);
    const Fp z1z1 = Z.sqr();
    const Fp u2 = q.x * z1z1, s2 = q.y * Z * z1z1;
    const Fp h = u2 - X, r = (s2 - Y).dbl();
    if (h.is_zero()) return r.is_zero() ? dbl() : infinity();
    const Fp hh = h.sqr(), i = hh.dbl().dbl(), j = h * i, v = X * i;
    const Fp x3 = r.sqr() - j - v.dbl();
    const Fp y3 = r * (v - x3) - (Y * j).dbl();
    const Fp z3 = (Z + h).sqr() - z1z1 - hh;
    return {x3, y3, z3};
  }

  ZK_HD constexpr G1Jacobian operator+(const G1Jacobian& q) const {
    if (q.is_infinity()) return *this;
    if (is_infinity()) return q;
    const Fp z1z1 = Z.sqr(), z2z2 = q.Z.sqr();
    const Fp u1 = X * z2z2, u2 = q.X * z1z1;
    const Fp s1 = Y * q.Z * z2z2, s2 = q.Y * Z * z1z1;
    const Fp h = u2 - u1, r = (s2 - s1).dbl();
    if (h.is_zero()) return r.is_zero() ? dbl() : infinity();
    const Fp i = h.dbl().sqr(), j = h * i, v = u1 * i;
    const Fp x3 = r.sqr() - j - v.dbl();
    const Fp y3 = r * (v - x3) - (s1 * j).dbl();
    const Fp z3 = ((Z + q.Z).sqr() - z1z1 - z2z2) * h;
    return {x3, y3, z3};
  }

  ZK_HD constexpr G1Affine to_affine() const {
    if (is_infinity()) return G1Affine::infinity();
    const Fp zi = Z.inverse(), zi2 = zi.sqr();
    return {X * zi2, Y * zi2 * zi};
  }
};

// XYZZ (X, Y, ZZ, ZZZ) ~ (X/ZZ, Y/ZZZ) with ZZ³ = ZZZ²; ZZ = 0 is infinity. Cheapest bucket form
// without inversions: 8M+2S per mixed addition.
struct G1Xyzz {
  Fp X, Y, ZZ, ZZZ;

  ZK_HD static constexpr G1Xyzz infinity() { return {Fp::one(), Fp::one(), Fp::zero(), Fp::zero()}; }
  ZK_HD static constexpr G1Xyzz from_affine(const G1Affine& a) {
    return a.is_infinity() ? infinity() : G1Xyzz{a.x, a.y, Fp::one(), Fp::one()};
  }
  ZK_HD constexpr bool is_infinity() const { return ZZ.is_zero(); }
  ZK_HD constexpr G1Xyzz operator-() const { return {X, -Y, ZZ, ZZZ}; }

  ZK_HD static constexpr G1Xyzz dbl_affine(const G1Affine& a) {
    if (a.is_infinity()) return infinity();
    const Fp u = a.y.dbl(), v = u.sqr(), w = u * v, s = a.x * v;
    const Fp x2 = a.x.sqr(), m = x2.dbl() + x2;
    const Fp x3 = m.sqr() - s.dbl();
    return {x3, m * (s - x3) - w * a.y, v, w};
  }

  ZK_HD constexpr G1Xyzz dbl() const {
    if (is_infinity()) return *this;
    const Fp u = Y.dbl(), v = u.sqr(), w = u * v, s = X * v;
    const Fp x2 = X.sqr(), m = x2.dbl() + x2;
    const Fp x3 = m.sqr() - s.dbl();
    return {x3, m * (s - x3) - w * Y, v * ZZ, w * ZZZ};
  }

  ZK_HD constexpr G1Xyzz add_mixed(const G1Affine& q) const {
    if (q.is_infinity()) return *this;
    if (is_infinity()) return from_affine(q);
    const Fp p = q.x * ZZ - X, r = q.y * ZZZ - Y;
    if (p.is_zero()) return r.is_zero() ? dbl_affine(q) : infinity();
    const Fp pp = p.sqr(), ppp = p * pp, qq = X * pp;
    const Fp x3 = r.sqr() - ppp - qq.dbl();
    return {x3, r * (qq - x3) - Y * ppp, ZZ * pp, ZZZ * ppp};
  }

  ZK_HD constexpr G1Xyzz operator+(const G1Xyzz& q) const {
    if (q.is_infinity()) return *this;
    if (is_infinity()) return q;
    const Fp u1 = X * q.ZZ, s1 = Y * q.ZZZ;
    const Fp p = q.X * ZZ - u1, r = q.Y * ZZZ - s1;
    if (p.is_zero()) return r.is_zero() ? dbl() : infinity();
    const Fp pp = p.sqr(), ppp = p * pp, qq = u1 * pp;
    const Fp x3 = r.sqr() - ppp - qq.dbl();
    return {x3, r * (qq - x3) - s1 * ppp, ZZ * q.ZZ * pp, ZZZ * q.ZZZ * ppp};
  }
  ZK_HD constexpr G1Xyzz& operator+=(const G1Xyzz& q) { return *this = *this + q; }

  ZK_HD constexpr G1Affine to_affine() const {
    if (is_infinity()) return G1Affine::infinity();
    const Fp inv = (ZZ * ZZZ).inverse();  // 1/Z⁵
    return {X * (inv * ZZZ), Y * (inv * ZZ)};
  }
  ZK_HD constexpr G1Jacobian to_jacobian() const {
    if (is_infinity()) return G1Jacobian::infinity();
    // Z' = ZZ·ZZZ gives Z'² = ZZ⁵ and Z'³ = ZZZ⁵ (using ZZ³ = ZZZ²), so X' = X·ZZ⁴ and Y' = Y·ZZZ⁴.
    const Fp zz2 = ZZ.sqr(), zzz2 = ZZZ.sqr();
    return {X * zz2.sqr(), Y * zzz2.sqr(), ZZZ * ZZ};
  }
};

// k·P for a canonical 4-limb scalar (double-and-add, MSB first). For tests and setup, not the MSM.
ZK_HD constexpr G1Jacobian scalar_mul(const G1Affine& p, const uint64_t* k) {
  G1Jacobian acc = G1Jacobian::infinity();
  for (int i = 255; i >= 0; --i) {
    acc = acc.dbl();
    if ((k[i / 64] >> (i % 64)) & 1) acc = acc.add_mixed(p);
  }
  return acc;
}

}  // namespace zkmsm::math
