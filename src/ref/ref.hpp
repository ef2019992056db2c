// Independent reference for BN254 G1 on GMP: affine chord/tangent arithmetic, double-and-add and a
// naive MSM. Slow and obviously right; shares no code with src/math (tests compare the two through
// the 64-byte canonical little-endian encoding). Fine up to n ≈ 2^12.
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <string>
#include <vector>

namespace zkmsm::ref {

// Affine point; `infinity` set means the point at infinity (x, y are then ignored and kept 0).
struct Point {
  bool infinity = true;
  mpz_class x, y;

  bool operator==(const Point& o) const {
    return infinity == o.infinity && (infinity || (x == o.x && y == o.y));
  }
};

const mpz_class& p();  // base field modulus
const mpz_class& r();  // scalar field modulus (group order)
Point generator();     // (1, 2)

// 64 bytes: x then y, each 32-byte little-endian canonical; 64 zero bytes = infinity.
Point from_le_bytes(const uint8_t* p64);
void to_le_bytes(const Point& pt, uint8_t* out64);
mpz_class scalar_from_le_bytes(const uint8_t* s32);
void scalar_to_le_bytes(const mpz_class& s, uint8_t* out32);  // requires 0 <= s < 2^256

bool on_curve(const Point& pt);  // infinity counts as on the curve
Point neg(const Point& pt);
Point add(const Point& a, const Point& b);
Point mul(const mpz_class& k, const Point& pt);  // k may be any integer (negative: k·P = |k|·(−P))
Point msm(const std::vector<Point>& points, const std::vector<mpz_class>& scalars);

// Known-discrete-log oracle: ((Σ s_i·k_i) mod r)·G, the MSM of points k_i·G with scalars s_i.
Point oracle_expected(const std::vector<mpz_class>& k, const std::vector<mpz_class>& s);

std::string to_hex_be(const mpz_class& v);  // "0x" + 64 lowercase hex digits; requires 0 <= v < 2^256

}  // namespace zkmsm::ref
