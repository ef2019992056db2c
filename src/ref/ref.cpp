#include "ref/ref.hpp"

#include <stdexcept>

namespace zkmsm::ref {

namespace {
mpz_class mod(const mpz_class& a, const mpz_class& m) {
  mpz_class t = a % m;  // C semantics: sign follows a
  if (t < 0) t += m;
  return t;
}
mpz_class inv_p(const mpz_class& a) {
  mpz_class out;
  if (mpz_invert(out.get_mpz_t(), a.get_mpz_t(), p().get_mpz_t()) == 0) throw std::domain_error("ref: no inverse");
  return out;
}
mpz_class from_le32(const uint8_t* b) {
  mpz_class v;
  mpz_import(v.get_mpz_t(), 32, -1, 1, 0, 0, b);  // least significant byte first
  return v;
}
void to_le32(const mpz_class& v, uint8_t* out) {
  if (v < 0 || mpz_sizeinbase(v.get_mpz_t(), 2) > 256) throw std::range_error("ref: value does not fit 32 bytes");
  size_t count = 0;
  uint8_t buf[32] = {};
  mpz_export(buf, &count, -1, 1, 0, 0, v.get_mpz_t());
  for (int i = 0; i < 32; ++i) out[i] = buf[i];
}
}  // namespace

const mpz_class& p() {
  static const mpz_class v("21888242871839275222246405745257275088696311157297823662689037894645226208583");
  return v;
}
const mpz_class& r() {
  static const mpz_class v("21888242871839275222246405745257275088548364400416034343698204186575808495617");
  return v;
}
Point generator() { return {false, 1, 2}; }

Point from_le_bytes(const uint8_t* p64) {
  Point pt{false, from_le32(p64), from_le32(p64 + 32)};
  if (pt.x == 0 && pt.y == 0) return Point{};
  return pt;
}
void to_le_bytes(const Point& pt, uint8_t* out64) {
  if (pt.infinity) {
    for (int i = 0; i < 64; ++i) out64[i] = 0;
    return;
  }
  to_le32(pt.x, out64);
  to_le32(pt.y, out64 + 32);
}
mpz_class scalar_from_le_bytes(const uint8_t* s32) { return from_le32(s32); }
void scalar_to_le_bytes(const mpz_class& s, uint8_t* out32) { to_le32(s, out32); }

bool on_curve(const Point& pt) {
  if (pt.infinity) return true;
  if (pt.x < 0 || pt.x >= p() || pt.y < 0 || pt.y >= p()) return false;
  return mod(pt.y * pt.y - pt.x * pt.x * pt.x - 3, p()) == 0;
}

Point neg(const Point& pt) {
  if (pt.infinity) return pt;
  return {false, pt.x, mod(-pt.y, p())};
}

Point add(const Point& a, const Point& b) {
  if (a.infinity) return b;
  if (b.infinity) return a;
  mpz_class lambda;
  if (a.x == b.x) {
    if (mod(a.y + b.y, p()) == 0) return Point{};                      // P + (−P)
    lambda = mod(3 * a.x * a.x * inv_p(mod(2 * a.y, p())), p());        // tangent
  } else {
    lambda = mod((b.y - a.y) * inv_p(mod(b.x - a.x, p())), p());        // chord
  }
  mpz_class x3 = mod(lambda * lambda - a.x - b.x, p());
  mpz_class y3 = mod(lambda * (a.x - x3) - a.y, p());
  return {false, x3, y3};
}

Point mul(const mpz_class& k, const Point& pt) {
  if (k < 0) return mul(-k, neg(pt));
  Point acc;  // infinity
  for (long i = static_cast<long>(mpz_sizeinbase(k.get_mpz_t(), 2)) - 1; i >= 0; --i) {
    acc = add(acc, acc);
    if (mpz_tstbit(k.get_mpz_t(), i)) acc = add(acc, pt);
  }
  return acc;
}

Point msm(const std::vector<Point>& points, const std::vector<mpz_class>& scalars) {
  if (points.size() != scalars.size()) throw std::invalid_argument("ref::msm: size mismatch");
  Point acc;
  for (size_t i = 0; i < points.size(); ++i) acc = add(acc, mul(scalars[i], points[i]));
  return acc;
}

Point oracle_expected(const std::vector<mpz_class>& k, const std::vector<mpz_class>& s) {
  if (k.size() != s.size()) throw std::invalid_argument("ref::oracle_expected: size mismatch");
  mpz_class sum = 0;
  for (size_t i = 0; i < k.size(); ++i) sum += s[i] * k[i];
  return mul(mod(sum, r()), generator());
}

std::string to_hex_be(const mpz_class& v) {
  if (v < 0 || mpz_sizeinbase(v.get_mpz_t(), 2) > 256) throw std::range_error("ref::to_hex_be: out of range");
  std::string digits = v.get_str(16);
  return "0x" + std::string(64 - digits.size(), '0') + digits;
}

}  // namespace zkmsm::ref
