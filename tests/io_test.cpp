// Readers and writers in src/io: round trips, and rejection of malformed input with an error that names
// the input, the index and the byte offset (truncation, bad header, off-curve, coordinate ≥ p, scalar ≥ r,
// count mismatch). Real snarkjs files are checked against ffjavascript by scripts/node/ptau_crosscheck.mjs.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "api/backend.hpp"
#include "io/formats.hpp"
#include "io/raw.hpp"
#include "io/synthetic.hpp"
#include "math/bn254.hpp"
#include "zkmsm/msm.hpp"

namespace zkmsm {
namespace {

using io::Format;
using math::Fp;
using math::G1Affine;

std::vector<uint8_t> sample_points(uint64_t n, uint64_t seed = 7) {
  std::vector<G1Affine> bases;
  std::vector<uint64_t> dlogs;
  io::synthetic_bases(n, seed, 1, bases, dlogs);
  io::mix_in_edge_cases(bases, dlogs, seed);  // infinity, duplicates, negations
  bases[1] = G1Affine::infinity();
  return io::points_to_bytes(bases);
}

std::vector<uint8_t> sample_scalars(uint64_t n) {
  std::vector<uint64_t> s = io::synthetic_scalars(n, io::ScalarDist::uniform, 3);
  const uint64_t r_minus_1[4] = {math::FrParams::kModulus[0] - 1, math::FrParams::kModulus[1],
                                 math::FrParams::kModulus[2], math::FrParams::kModulus[3]};
  std::memcpy(&s[0], r_minus_1, 32);
  std::memset(&s[4], 0, 32);
  return io::scalars_to_bytes(s);
}

void put_u32(std::vector<uint8_t>& o, uint32_t v) {
  for (int k = 0; k < 4; ++k) o.push_back(static_cast<uint8_t>(v >> (8 * k)));
}
void put_u64(std::vector<uint8_t>& o, uint64_t v) {
  for (int k = 0; k < 8; ++k) o.push_back(static_cast<uint8_t>(v >> (8 * k)));
}
void put_limbs(std::vector<uint8_t>& o, const uint64_t* l) {
  for (int i = 0; i < 4; ++i) put_u64(o, l[i]);
}

// Raw (canonical) points → snarkjs' Montgomery little-endian records.
std::vector<uint8_t> to_montgomery(const std::vector<uint8_t>& raw) {
  std::vector<uint8_t> out;
  for (size_t off = 0; off < raw.size(); off += 64) {
    uint64_t x[4], y[4];
    std::memcpy(x, &raw[off], 32);
    std::memcpy(y, &raw[off + 32], 32);
    const Fp fx = (x[0] | x[1] | x[2] | x[3] | y[0] | y[1] | y[2] | y[3]) ? Fp::from_canonical(x) : Fp::zero();
    const Fp fy = (x[0] | x[1] | x[2] | x[3] | y[0] | y[1] | y[2] | y[3]) ? Fp::from_canonical(y) : Fp::zero();
    put_limbs(out, fx.l);
    put_limbs(out, fy.l);
  }
  return out;
}

// A .ptau laid out as snarkjs writes it (sections 1, 2 and optionally 12; others are not read).
struct PtauParts {
  uint32_t power = 3;
  std::vector<uint8_t> tau;       // raw points, 2^(power+1) − 1
  std::vector<uint8_t> lagrange;  // raw points, 2^(power+2) − 1, empty = no section 12
};

std::vector<uint8_t> make_ptau(const PtauParts& p) {
  std::vector<uint8_t> o = {'p', 't', 'a', 'u'};
  put_u32(o, 1);
  put_u32(o, p.lagrange.empty() ? 3 : 4);
  put_u32(o, 1);
  put_u64(o, 44);
  put_u32(o, 32);
  put_limbs(o, math::FpParams::kModulus);
  put_u32(o, p.power);
  put_u32(o, p.power);
  const std::vector<uint8_t> tau = to_montgomery(p.tau);
  put_u32(o, 2);
  put_u64(o, tau.size());
  o.insert(o.end(), tau.begin(), tau.end());
  put_u32(o, 3);  // a stand-in for the G2 section: skipped by the reader
  put_u64(o, 128);
  o.insert(o.end(), 128, 0);
  if (!p.lagrange.empty()) {
    const std::vector<uint8_t> lag = to_montgomery(p.lagrange);
    put_u32(o, 12);
    put_u64(o, lag.size());
    o.insert(o.end(), lag.begin(), lag.end());
  }
  return o;
}

PtauParts sample_ptau(uint32_t power = 3, bool lagrange = true) {
  PtauParts p;
  p.power = power;
  p.tau = sample_points((uint64_t{2} << power) - 1, 11);
  if (lagrange) p.lagrange = sample_points((uint64_t{4} << power) - 1, 12);
  return p;
}

::testing::AssertionResult fails_with(const Status& s, std::initializer_list<std::string> parts) {
  if (s.ok()) return ::testing::AssertionFailure() << "succeeded";
  for (const std::string& part : parts)
    if (s.message().find(part) == std::string::npos)
      return ::testing::AssertionFailure() << "message '" << s.message() << "' lacks '" << part << "'";
  return ::testing::AssertionSuccess();
}

Status points_of(Format f, const std::vector<uint8_t>& bytes, std::vector<uint8_t>& out, io::PointQuery q = {}) {
  uint64_t n = 0;
  Status s = io::parse_points(f, bytes.data(), bytes.size(), q, "in.file", out, n);
  if (s.ok()) EXPECT_EQ(out.size(), n * 64);
  else EXPECT_TRUE(out.empty() && n == 0) << "partial result";
  return s;
}

Status scalars_of(Format f, const std::vector<uint8_t>& bytes, std::vector<uint8_t>& out) {
  uint64_t n = 0;
  Status s = io::parse_scalars(f, bytes.data(), bytes.size(), "in.file", out, n);
  if (s.ok()) EXPECT_EQ(out.size(), n * 32);
  else EXPECT_TRUE(out.empty() && n == 0) << "partial result";
  return s;
}

// Coordinate bytes of p in each format's byte order.
void write_p(uint8_t* dst, bool big_endian) {
  uint8_t le[32];
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 8; ++k) le[8 * i + k] = static_cast<uint8_t>(math::FpParams::kModulus[i] >> (8 * k));
  for (int i = 0; i < 32; ++i) dst[i] = big_endian ? le[31 - i] : le[i];
}
// barretenberg's layout: limbs low first, each limb big-endian.
void write_p_bb(uint8_t* dst) {
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 8; ++k) dst[8 * i + k] = static_cast<uint8_t>(math::FpParams::kModulus[i] >> (56 - 8 * k));
}

// ---- round trips ----

TEST(IoFormats, PointRoundTripEveryWritableFormat) {
  const std::vector<uint8_t> raw = sample_points(37);
  for (Format f : {Format::raw, Format::bb, Format::arkworks, Format::gnark}) {
    SCOPED_TRACE(io::format_name(f));
    std::vector<uint8_t> encoded, back;
    ASSERT_TRUE(io::encode_points(f, raw.data(), 37, encoded).ok());
    ASSERT_TRUE(points_of(f, encoded, back).ok());
    EXPECT_EQ(back, raw);
    // arkworks and gnark files without the slice length prefix read the same.
    if (f == Format::arkworks || f == Format::gnark) {
      encoded.erase(encoded.begin(), encoded.begin() + (f == Format::arkworks ? 8 : 4));
      ASSERT_TRUE(points_of(f, encoded, back).ok());
      EXPECT_EQ(back, raw);
    }
  }
}

TEST(IoFormats, EncodingsMatchTheLibrariesLayouts) {
  // G = (1, 2) and infinity, byte for byte.
  std::vector<uint8_t> raw(128, 0);
  raw[0] = 1;
  raw[32] = 2;
  std::vector<uint8_t> bb, ark, gnark;
  ASSERT_TRUE(io::encode_points(Format::bb, raw.data(), 2, bb).ok());
  // barretenberg: four limbs per coordinate, low limb first, each limb big-endian.
  for (int i = 0; i < 64; ++i) EXPECT_EQ(bb[i], i == 7 ? 1 : i == 39 ? 2 : 0) << i;
  for (int i = 64; i < 128; ++i) EXPECT_EQ(bb[i], 0xff);
  ASSERT_TRUE(io::encode_points(Format::arkworks, raw.data(), 2, ark).ok());
  EXPECT_EQ(ark[0], 2);  // u64 LE length
  EXPECT_EQ(ark[8], 1);
  EXPECT_EQ(ark[8 + 32], 2);
  EXPECT_EQ(ark[8 + 63], 0x00);   // y = 2 is the "positive" root: no flag
  EXPECT_EQ(ark[8 + 127], 0x40);  // PointAtInfinity
  ASSERT_TRUE(io::encode_points(Format::gnark, raw.data(), 2, gnark).ok());
  EXPECT_EQ(gnark[3], 2);  // u32 BE length
  EXPECT_EQ(gnark[4 + 31], 1);
  EXPECT_EQ(gnark[4 + 63], 2);
  for (int i = 4 + 64; i < 4 + 128; ++i) EXPECT_EQ(gnark[i], 0);
  // −G has y = p − 2 > (p − 1)/2: arkworks sets YIsNegative (bit 7 of byte 63), and ignores it on read.
  std::vector<uint8_t> neg(64, 0);
  neg[0] = 1;
  write_p(&neg[32], false);
  neg[32] -= 2;  // p − 2 (the low byte of p is 0x47)
  ASSERT_TRUE(io::encode_points(Format::arkworks, neg.data(), 1, ark).ok());
  EXPECT_EQ(ark[8 + 63] & 0xc0, 0x80);
  std::vector<uint8_t> back;
  ASSERT_TRUE(points_of(Format::arkworks, ark, back).ok());
  EXPECT_EQ(back, neg);
}

TEST(IoFormats, ScalarRoundTripEveryFormat) {
  const std::vector<uint8_t> raw = sample_scalars(19);
  for (Format f : {Format::raw, Format::wtns, Format::arkworks, Format::gnark}) {
    SCOPED_TRACE(io::format_name(f));
    std::vector<uint8_t> encoded, back;
    ASSERT_TRUE(io::encode_scalars(f, raw.data(), 19, encoded).ok());
    ASSERT_TRUE(scalars_of(f, encoded, back).ok());
    EXPECT_EQ(back, raw);
  }
}

TEST(IoFormats, PtauTauAndLagrangeSections) {
  const PtauParts parts = sample_ptau(3);
  const std::vector<uint8_t> file = make_ptau(parts);
  std::vector<uint8_t> out;
  ASSERT_TRUE(points_of(Format::ptau, file, out).ok());
  EXPECT_EQ(out, parts.tau);
  io::PointQuery q;
  q.offset = 5;
  q.count = 4;
  ASSERT_TRUE(points_of(Format::ptau, file, out, q).ok());
  EXPECT_EQ(out, std::vector<uint8_t>(parts.tau.begin() + 5 * 64, parts.tau.begin() + 9 * 64));
  // Domain 2^k starts at point 2^k − 1 of section 12.
  for (uint64_t domain : {1, 2, 4, 8}) {
    q = {};
    q.ptau_bases = io::PtauBases::lagrange;
    q.count = domain;
    ASSERT_TRUE(points_of(Format::ptau, file, out, q).ok());
    EXPECT_EQ(out, std::vector<uint8_t>(parts.lagrange.begin() + (domain - 1) * 64,
                                        parts.lagrange.begin() + (2 * domain - 1) * 64));
  }
  // The C API's headerless Montgomery records decode the same way.
  const std::vector<uint8_t> mont = to_montgomery(parts.tau);
  ASSERT_TRUE(io::decode_point_records(Format::ptau, mont.data(), parts.tau.size() / 64, "mem", out).ok());
  EXPECT_EQ(out, parts.tau);
}

TEST(IoFormats, GuessAndSpec) {
  const std::vector<uint8_t> ptau = make_ptau(sample_ptau(1, false));
  EXPECT_EQ(io::guess_format("x.bin", ptau.data(), ptau.size()), Format::ptau);
  const uint8_t wtns[4] = {'w', 't', 'n', 's'};
  EXPECT_EQ(io::guess_format("x", wtns, 4), Format::wtns);
  EXPECT_EQ(io::guess_format("bn254_g1.dat", nullptr, 0), Format::bb);
  EXPECT_EQ(io::guess_format("srs.ark", nullptr, 0), Format::arkworks);
  EXPECT_EQ(io::guess_format("srs.gnark", nullptr, 0), Format::gnark);
  EXPECT_EQ(io::guess_format("points.bin", nullptr, 0), Format::raw);
  std::vector<uint8_t> g(128, 0);
  g[0] = 1;
  g[32] = 2;
  std::vector<uint8_t> bb;
  ASSERT_TRUE(io::encode_points(Format::bb, g.data(), 2, bb).ok());
  EXPECT_EQ(io::guess_format("srs", bb.data(), bb.size()), Format::bb);  // starts with G in bb's layout
  EXPECT_EQ(io::guess_format("srs", g.data(), g.size()), Format::raw);

  std::string path;
  std::optional<Format> f;
  io::split_spec("a/b.bin:gnark", path, f);
  EXPECT_EQ(path, "a/b.bin");
  EXPECT_EQ(f, Format::gnark);
  io::split_spec("c:/dir/file", path, f);  // not a format suffix: stays in the path
  EXPECT_EQ(path, "c:/dir/file");
  EXPECT_FALSE(f.has_value());
}

// ---- rejections ----

TEST(IoReject, Truncation) {
  std::vector<uint8_t> raw = sample_points(4), out, enc;
  for (Format f : {Format::raw, Format::bb, Format::arkworks, Format::gnark}) {
    SCOPED_TRACE(io::format_name(f));
    ASSERT_TRUE(io::encode_points(f, raw.data(), 4, enc).ok());
    enc.pop_back();
    EXPECT_TRUE(fails_with(points_of(f, enc, out), {"in.file", "truncated"}));
  }
  std::vector<uint8_t> ptau = make_ptau(sample_ptau(2));
  for (size_t cut : {size_t{1}, size_t{64}, ptau.size() - 20, ptau.size() - 5}) {
    std::vector<uint8_t> t(ptau.begin(), ptau.end() - cut);
    EXPECT_TRUE(fails_with(points_of(Format::ptau, t, out), {"in.file", "truncated"})) << cut;
  }
  std::vector<uint8_t> scalars = sample_scalars(4);
  ASSERT_TRUE(io::encode_scalars(Format::wtns, scalars.data(), 4, enc).ok());
  for (size_t keep : {size_t{0}, size_t{11}, size_t{30}, enc.size() - 1}) {
    std::vector<uint8_t> t(enc.begin(), enc.begin() + keep);
    EXPECT_TRUE(fails_with(scalars_of(Format::wtns, t, out), {"in.file"})) << keep;
  }
  scalars.pop_back();
  EXPECT_TRUE(fails_with(scalars_of(Format::raw, scalars, out), {"in.file", "not a multiple of 32"}));
}

TEST(IoReject, BadHeader) {
  std::vector<uint8_t> out;
  std::vector<uint8_t> ptau = make_ptau(sample_ptau(2));
  std::vector<uint8_t> bad = ptau;
  bad[3] = 'X';
  EXPECT_TRUE(fails_with(points_of(Format::ptau, bad, out), {"in.file", "bad magic 'ptaX'", "byte offset 0"}));
  bad = ptau;
  bad[4] = 2;  // version
  EXPECT_TRUE(fails_with(points_of(Format::ptau, bad, out), {"unsupported ptau version 2"}));
  bad = ptau;
  bad[12 + 12 + 4] ^= 1;  // q
  EXPECT_TRUE(fails_with(points_of(Format::ptau, bad, out), {"not the BN254", "byte offset 28"}));
  bad = ptau;
  bad[12 + 12] = 48;  // n8
  EXPECT_TRUE(fails_with(points_of(Format::ptau, bad, out), {"n8 = 48"}));
  bad = ptau;
  bad[12 + 12 + 36] = 3;  // power 3 with sections sized for power 2
  EXPECT_TRUE(fails_with(points_of(Format::ptau, bad, out), {"section 2", "power 3"}));
  bad = ptau;
  bad[12 + 12 + 36] = 0;
  EXPECT_TRUE(fails_with(points_of(Format::ptau, bad, out), {"power = 0"}));
  bad = ptau;
  bad.push_back(0);  // a byte after the last section
  EXPECT_TRUE(fails_with(points_of(Format::ptau, bad, out), {"unexpected bytes after the last"}));
  bad = ptau;
  bad[12 + 12 + 44] = 1;  // section 2 relabelled as a second header
  EXPECT_TRUE(fails_with(points_of(Format::ptau, bad, out), {"appears twice"}));
  // Lagrange bases asked of a file without section 12.
  const std::vector<uint8_t> no_lagrange = make_ptau(sample_ptau(2, false));
  io::PointQuery q;
  q.ptau_bases = io::PtauBases::lagrange;
  q.count = 4;
  EXPECT_TRUE(fails_with(points_of(Format::ptau, no_lagrange, out, q), {"prepare phase2"}));
  q.count = 6;
  EXPECT_TRUE(fails_with(points_of(Format::ptau, ptau, out, q), {"power of two"}));
  q.count = 8;
  EXPECT_TRUE(fails_with(points_of(Format::ptau, ptau, out, q), {"larger than this ceremony"}));
  q.count = 2;
  q.offset = 1;
  EXPECT_TRUE(fails_with(points_of(Format::ptau, ptau, out, q), {"does not apply to Lagrange"}));
  // Points never come from a witness, nor Lagrange bases from a flat file.
  EXPECT_TRUE(fails_with(points_of(Format::wtns, ptau, out), {"holds no points"}));
  q = {};
  q.ptau_bases = io::PtauBases::lagrange;
  q.count = 1;
  std::vector<uint8_t> raw = sample_points(2);
  EXPECT_TRUE(fails_with(points_of(Format::raw, raw, out, q), {"only from a .ptau"}));

  const std::vector<uint8_t> s = sample_scalars(3);
  std::vector<uint8_t> wtns;
  ASSERT_TRUE(io::encode_scalars(Format::wtns, s.data(), 3, wtns).ok());
  bad = wtns;
  bad[0] = 'W';
  EXPECT_TRUE(fails_with(scalars_of(Format::wtns, bad, out), {"bad magic 'Wtns'"}));
  bad = wtns;
  bad[4] = 3;
  EXPECT_TRUE(fails_with(scalars_of(Format::wtns, bad, out), {"unsupported wtns version 3"}));
  bad = wtns;
  bad[12 + 12 + 4] ^= 1;  // prime
  EXPECT_TRUE(fails_with(scalars_of(Format::wtns, bad, out), {"scalar field modulus"}));
  bad = wtns;
  bad[12] = 3;  // the header section retyped: no section 1
  EXPECT_TRUE(fails_with(scalars_of(Format::wtns, bad, out), {"missing section 1"}));
}

TEST(IoReject, OffCurvePoint) {
  std::vector<uint8_t> raw = sample_points(6), enc, out;
  // Point 3: y + 1 (still < p, off the curve). Pick a finite point.
  size_t idx = 3;
  while (std::vector<uint8_t>(raw.begin() + idx * 64, raw.begin() + idx * 64 + 64) == std::vector<uint8_t>(64, 0)) ++idx;
  raw[idx * 64 + 32] ^= 1;
  for (Format f : {Format::raw, Format::bb, Format::arkworks, Format::gnark}) {
    SCOPED_TRACE(io::format_name(f));
    ASSERT_TRUE(io::encode_points(f, raw.data(), 6, enc).ok());
    const uint64_t header = f == Format::arkworks ? 8 : f == Format::gnark ? 4 : 0;
    EXPECT_TRUE(fails_with(points_of(f, enc, out),
                           {"in.file", "point " + std::to_string(idx),
                            "byte offset " + std::to_string(header + idx * 64), "not on the curve"}));
  }
  PtauParts parts = sample_ptau(2);
  parts.tau = sample_points(7);
  parts.tau[idx * 64 + 32] ^= 1;
  const std::vector<uint8_t> ptau = make_ptau(parts);
  EXPECT_TRUE(fails_with(points_of(Format::ptau, ptau, out), {"point " + std::to_string(idx), "not on the curve"}));
  // Context::create (raw pointer) validates too.
  std::unique_ptr<Context> ctx;
  EXPECT_TRUE(fails_with(Context::create(raw.data(), 6, MsmConfig{}, ctx), {"not on the curve"}));
  // (0, 0) is infinity only where the format says so.
  std::vector<uint8_t> zeros(64, 0);
  EXPECT_TRUE(fails_with(points_of(Format::bb, zeros, out), {"64 × 0xFF"}));
  EXPECT_TRUE(fails_with(points_of(Format::arkworks, zeros, out), {"without the infinity flag"}));
  EXPECT_TRUE(points_of(Format::gnark, zeros, out).ok());
  EXPECT_TRUE(points_of(Format::raw, zeros, out).ok());
}

TEST(IoReject, CoordinateNotBelowP) {
  std::vector<uint8_t> raw = sample_points(3), enc, out;
  for (Format f : {Format::raw, Format::bb, Format::arkworks, Format::gnark}) {
    SCOPED_TRACE(io::format_name(f));
    ASSERT_TRUE(io::encode_points(f, raw.data(), 3, enc).ok());
    const uint64_t header = f == Format::arkworks ? 8 : f == Format::gnark ? 4 : 0;
    const bool be = f == Format::gnark;
    const auto put_p = [&](uint8_t* dst) { f == Format::bb ? write_p_bb(dst) : write_p(dst, be); };
    put_p(&enc[header + 2 * 64]);  // point 2: x = p
    if (f == Format::arkworks) enc[header + 2 * 64 + 63] &= 0x3f;
    EXPECT_TRUE(fails_with(points_of(f, enc, out), {"point 2", "x coordinate is not below p"}));
    ASSERT_TRUE(io::encode_points(f, raw.data(), 3, enc).ok());
    put_p(&enc[header + 32]);  // point 0 (finite): y = p
    if (f == Format::arkworks) enc[header + 63] &= 0x3f;  // flags live in y's top byte
    EXPECT_TRUE(fails_with(points_of(f, enc, out), {"point 0", "y coordinate is not below p"}));
  }
  PtauParts parts = sample_ptau(1, false);
  std::vector<uint8_t> ptau = make_ptau(parts);
  const size_t section2 = 12 + 12 + 44 + 12;
  write_p(&ptau[section2 + 64], false);
  EXPECT_TRUE(fails_with(points_of(Format::ptau, ptau, out),
                         {"point 1", "byte offset " + std::to_string(section2 + 64), "Montgomery", "not below p"}));
}

TEST(IoReject, ScalarNotBelowR) {
  std::vector<uint8_t> raw = sample_scalars(5), enc, out;
  for (Format f : {Format::raw, Format::wtns, Format::arkworks, Format::gnark}) {
    SCOPED_TRACE(io::format_name(f));
    ASSERT_TRUE(io::encode_scalars(f, raw.data(), 5, enc).ok());
    const uint64_t header = f == Format::wtns ? 12 + 12 + 40 + 12 : f == Format::arkworks ? 8 : f == Format::gnark ? 4 : 0;
    uint8_t r[32];
    for (int i = 0; i < 4; ++i)
      for (int k = 0; k < 8; ++k) r[8 * i + k] = static_cast<uint8_t>(math::FrParams::kModulus[i] >> (8 * k));
    for (int i = 0; i < 32; ++i) enc[header + 2 * 32 + i] = f == Format::gnark ? r[31 - i] : r[i];
    EXPECT_TRUE(fails_with(scalars_of(f, enc, out), {"in.file", "scalar 2",
                                                     "byte offset " + std::to_string(header + 64), "not below r"}));
  }
  // The library refuses too (scalars ≥ r are rejected, never reduced).
  const std::vector<uint8_t> points = sample_points(5);
  std::unique_ptr<Context> ctx;
  ASSERT_TRUE(Context::create(points.data(), 5, MsmConfig{}, ctx).ok());
  std::memset(&raw[3 * 32], 0xff, 32);
  AffinePoint q;
  EXPECT_TRUE(fails_with(ctx->msm(raw.data(), 5, q), {"scalar 3", "not below r"}));
}

TEST(IoReject, CountMismatch) {
  std::vector<uint8_t> out, enc;
  const std::vector<uint8_t> raw = sample_points(4);
  ASSERT_TRUE(io::encode_points(Format::arkworks, raw.data(), 4, enc).ok());
  enc[0] = 5;
  EXPECT_TRUE(fails_with(points_of(Format::arkworks, enc, out), {"length prefix says 5 points", "holds 4"}));
  ASSERT_TRUE(io::encode_points(Format::gnark, raw.data(), 4, enc).ok());
  enc[3] = 3;
  EXPECT_TRUE(fails_with(points_of(Format::gnark, enc, out), {"length prefix says 3 points"}));
  // Fewer points than needed from the offset.
  io::PointQuery q;
  q.offset = 2;
  q.count = 3;
  EXPECT_TRUE(fails_with(points_of(Format::raw, raw, out, q), {"3 points needed from offset 2", "only 4"}));
  q.offset = 5;
  q.count = 0;
  EXPECT_TRUE(fails_with(points_of(Format::raw, raw, out, q), {"offset 5 is past the end"}));
  // .wtns header count vs section 2.
  const std::vector<uint8_t> s = sample_scalars(3);
  ASSERT_TRUE(io::encode_scalars(Format::wtns, s.data(), 3, enc).ok());
  enc[12 + 12 + 36] = 4;
  EXPECT_TRUE(fails_with(scalars_of(Format::wtns, enc, out), {"declares 4 values", "holds 96 bytes"}));
  ASSERT_TRUE(io::encode_scalars(Format::gnark, s.data(), 3, enc).ok());
  enc[3] = 2;
  EXPECT_TRUE(fails_with(scalars_of(Format::gnark, enc, out), {"length prefix says 2 scalars"}));
}

TEST(IoReject, FlagBits) {
  std::vector<uint8_t> raw = sample_points(2), enc, out;
  raw.assign(128, 0);
  raw[0] = 1;
  raw[32] = 2;  // G, then infinity
  ASSERT_TRUE(io::encode_points(Format::arkworks, raw.data(), 2, enc).ok());
  std::vector<uint8_t> bad = enc;
  bad[8 + 127] = 0xc0;
  EXPECT_TRUE(fails_with(points_of(Format::arkworks, bad, out), {"point 1", "both the infinity and the y-sign"}));
  bad = enc;
  bad[8 + 64] = 1;  // infinity flag with x ≠ 0
  EXPECT_TRUE(fails_with(points_of(Format::arkworks, bad, out), {"infinity flag set but"}));
  ASSERT_TRUE(io::encode_points(Format::gnark, raw.data(), 2, enc).ok());
  for (uint8_t flag : {0x40, 0x80, 0xc0}) {
    bad = enc;
    bad[4] |= flag;
    EXPECT_TRUE(fails_with(points_of(Format::gnark, bad, out), {"point 0", "compressed"})) << int(flag);
  }
}

TEST(IoFiles, ReadWriteAndMissingFile) {
  const std::string dir = ::testing::TempDir();
  const std::vector<uint8_t> raw = sample_points(9);
  std::vector<uint8_t> enc, out;
  ASSERT_TRUE(io::encode_points(Format::gnark, raw.data(), 9, enc).ok());
  ASSERT_TRUE(io::write_file(dir + "/p.gnark", enc).ok());
  Format f;
  ASSERT_TRUE(io::guess_file_format(dir + "/p.gnark", f).ok());
  EXPECT_EQ(f, Format::gnark);
  uint64_t n = 0;
  io::PointQuery q;
  q.count = 5;
  q.offset = 4;
  ASSERT_TRUE(io::read_points(dir + "/p.gnark", f, q, out, n).ok());
  EXPECT_EQ(n, 5u);
  EXPECT_EQ(out, std::vector<uint8_t>(raw.begin() + 4 * 64, raw.end()));
  Status s = io::read_points(dir + "/absent.ptau", Format::ptau, {}, out, n);
  EXPECT_EQ(s.code(), StatusCode::io_error);
  EXPECT_TRUE(fails_with(s, {"absent.ptau", "cannot open"}));
  std::vector<uint8_t> empty;
  ASSERT_TRUE(io::write_file(dir + "/empty.bin", empty).ok());
  ASSERT_TRUE(io::read_scalars(dir + "/empty.bin", Format::raw, out, n).ok());
  EXPECT_EQ(n, 0u);
}

TEST(IoFormats, MontgomeryScalars) {
  const std::vector<uint8_t> canonical = sample_scalars(9);
  std::vector<uint8_t> mont(canonical.size());
  for (size_t i = 0; i < 9; ++i) {
    uint64_t s[4];
    std::memcpy(s, &canonical[32 * i], 32);
    const math::Fr f = math::Fr::from_canonical(s);
    std::memcpy(&mont[32 * i], f.l, 32);
  }
  std::vector<uint8_t> converted = mont;
  ASSERT_TRUE(io::scalars_from_montgomery(converted.data(), 9, "m").ok());
  EXPECT_EQ(converted, canonical);
  std::memset(&mont[32 * 4], 0xff, 32);
  converted = mont;
  EXPECT_TRUE(fails_with(io::scalars_from_montgomery(converted.data(), 9, "m"), {"scalar 4", "Montgomery", "not below r"}));
  EXPECT_EQ(converted, mont);  // untouched on failure
}

// ---- batch MSMs ----

TEST(Batch, MatchesSingleMsmsAndRejectsAsAWhole) {
  const uint64_t n = 200, batch = 3;
  const std::vector<uint8_t> points = sample_points(n);
  std::vector<uint8_t> scalars;
  for (uint64_t b = 0; b < batch; ++b) {
    const std::vector<uint8_t> s = io::scalars_to_bytes(io::synthetic_scalars(n, io::kAllDists[b], 40 + b));
    scalars.insert(scalars.end(), s.begin(), s.end());
  }
  std::unique_ptr<Context> ctx;
  ASSERT_TRUE(Context::create(points.data(), n, MsmConfig{}, ctx).ok());
  std::vector<AffinePoint> results;
  MsmStats stats;
  ASSERT_TRUE(ctx->msm_batch(scalars.data(), n, batch, results, &stats).ok());
  ASSERT_EQ(results.size(), batch);
  EXPECT_EQ(stats.plan.n, n);
  for (uint64_t b = 0; b < batch; ++b) {
    AffinePoint single;
    ASSERT_TRUE(ctx->msm(scalars.data() + b * n * 32, n, single).ok());
    EXPECT_EQ(results[b], single) << b;
  }
  // A bad scalar in item 2 fails the whole batch before any result is written.
  std::vector<uint8_t> bad = scalars;
  std::memset(&bad[(2 * n + 17) * 32], 0xff, 32);
  std::vector<AffinePoint> untouched;
  EXPECT_TRUE(fails_with(ctx->msm_batch(bad.data(), n, batch, untouched), {"batch item 2", "scalar 17"}));
  EXPECT_TRUE(untouched.empty());
  EXPECT_FALSE(ctx->msm_batch(scalars.data(), n, 0, untouched).ok());
  EXPECT_FALSE(ctx->msm_batch(scalars.data(), n + 1, 1, untouched).ok());
  // Unaligned scalars are fine.
  std::vector<uint8_t> shifted(scalars.size() + 1);
  std::memcpy(shifted.data() + 1, scalars.data(), scalars.size());
  ASSERT_TRUE(ctx->msm_batch(shifted.data() + 1, n, batch, untouched).ok());
  EXPECT_EQ(untouched, results);
}

}  // namespace
}  // namespace zkmsm
