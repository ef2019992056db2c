// arkworks (ark-serialize / ark-ec short_weierstrass), uncompressed G1: x then y, each 32 B little-endian
// canonical; SWFlags in the top two bits of the last byte (byte 63):
//   bit 6 PointAtInfinity (coordinates written as zero), bit 7 YIsNegative (y > −y, i.e. y > (p−1)/2),
//   both set = invalid. arkworks' own uncompressed deserializer ignores the sign bit (y is explicit) and
//   so do we; we are stricter on infinity (coordinates must be zero, as arkworks writes them).
// A Vec<G1Affine> is prefixed by its length as u64 little-endian; files with or without it are read.
#include "io/codec.hpp"

namespace zkmsm::io::detail {

using math::Fp;
using math::G1Affine;

const char* decode_arkworks_record(const uint8_t* rec, G1Affine& out) {
  const uint8_t flags = rec[63] >> 6;
  if (flags == 3) return "both the infinity and the y-sign flag are set (byte 63)";
  uint8_t y_bytes[32];
  std::memcpy(y_bytes, rec + 32, 32);
  y_bytes[31] &= 0x3f;
  uint64_t x[4], y[4];
  load_le(rec, x);
  load_le(y_bytes, y);
  const bool zero = (x[0] | x[1] | x[2] | x[3] | y[0] | y[1] | y[2] | y[3]) == 0;
  if (flags == 1) {
    if (!zero) return "infinity flag set but the coordinates are not zero";
    out = G1Affine::infinity();
    return nullptr;
  }
  if (!Fp::is_canonical(x)) return "x coordinate is not below p";
  if (!Fp::is_canonical(y)) return "y coordinate is not below p";
  if (zero) return "(0, 0) without the infinity flag is not a point";
  out = {Fp::from_canonical(x), Fp::from_canonical(y)};
  return nullptr;
}

void encode_arkworks_record(const uint8_t* raw, uint8_t* rec) {
  std::memcpy(rec, raw, 64);
  if (all_bytes(raw, 64, 0)) {
    rec[63] = 0x40;
    return;
  }
  uint64_t y[4];
  load_le(raw + 32, y);
  if (y_is_largest(y)) rec[63] |= 0x80;
}

}  // namespace zkmsm::io::detail
