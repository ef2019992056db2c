// barretenberg's SRS file bn254_g1.dat (the G1 part of Aztec's Ignition transcript, as `bb` downloads
// it): no header, 64 B per point, x then y. Each coordinate is canonical (not Montgomery) and stored as
// four 64-bit limbs, least significant limb first, each limb big-endian — barretenberg reads it with
// memcpy + __builtin_bswap64 per limb (srs/io.hpp, read_affine_elements_from_buffer). That is not a
// 32-byte big-endian integer: G = (1, 2) starts 00 00 00 00 00 00 00 01, then 24 zero bytes.
// Point 0 is G. The SRS holds no point at infinity; 64 × 0xFF (barretenberg's serialize_to_buffer
// convention, and never a valid coordinate here) is read and written as infinity.
#include "io/codec.hpp"

namespace zkmsm::io::detail {

using math::Fp;
using math::G1Affine;

namespace {

void load_limbs_be(const uint8_t* b, uint64_t* limbs) {
  for (int i = 0; i < 4; ++i) {
    uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v = (v << 8) | b[8 * i + k];
    limbs[i] = v;
  }
}

void store_limbs_be(const uint64_t* limbs, uint8_t* b) {
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 8; ++k) b[8 * i + k] = static_cast<uint8_t>(limbs[i] >> (56 - 8 * k));
}

}  // namespace

const char* decode_bb_record(const uint8_t* rec, G1Affine& out) {
  if (all_bytes(rec, 64, 0xff)) {
    out = G1Affine::infinity();
    return nullptr;
  }
  uint64_t x[4], y[4];
  load_limbs_be(rec, x);
  load_limbs_be(rec + 32, y);
  if (!Fp::is_canonical(x)) return "x coordinate is not below p";
  if (!Fp::is_canonical(y)) return "y coordinate is not below p";
  if ((x[0] | x[1] | x[2] | x[3] | y[0] | y[1] | y[2] | y[3]) == 0)
    return "(0, 0) is not a point (infinity is written as 64 × 0xFF)";
  out = {Fp::from_canonical(x), Fp::from_canonical(y)};
  return nullptr;
}

void encode_bb_record(const uint8_t* raw, uint8_t* rec) {
  if (all_bytes(raw, 64, 0)) {
    std::memset(rec, 0xff, 64);
    return;
  }
  uint64_t x[4], y[4];
  load_le(raw, x);
  load_le(raw + 32, y);
  store_limbs_be(x, rec);
  store_limbs_be(y, rec + 32);
}

bool is_bb_generator(const uint8_t* rec) {
  static constexpr uint8_t g[64] = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
  return std::memcmp(rec, g, 64) == 0;
}

}  // namespace zkmsm::io::detail
