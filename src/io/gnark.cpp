// gnark-crypto bn254 G1Affine.RawBytes (uncompressed): x then y, each 32 B big-endian canonical; the top
// two bits of byte 0 are the encoding flag: 0b00 uncompressed (the point at infinity is all zeros),
// 0b10/0b11 compressed (32 B, smallest/largest y), 0b01 compressed infinity (32 B). Only uncompressed
// records are valid in a file of 64-byte points. A []G1Affine written by gnark's Encoder is prefixed by
// its length as u32 big-endian; files with or without it are read. G1 has cofactor 1, so on-curve
// points are in the subgroup gnark's SetBytes checks.
#include "io/codec.hpp"

namespace zkmsm::io::detail {

using math::Fp;
using math::G1Affine;

const char* decode_gnark_record(const uint8_t* rec, G1Affine& out) {
  switch (rec[0] >> 6) {
    case 0: break;
    case 1: return "flag 0b01 (compressed infinity, 32 bytes) in a file of uncompressed points";
    default: return "compressed point (flag 0b1x in byte 0): only uncompressed (RawBytes) points are read";
  }
  uint64_t x[4], y[4];
  load_be(rec, x);
  load_be(rec + 32, y);
  if (!Fp::is_canonical(x)) return "x coordinate is not below p";
  if (!Fp::is_canonical(y)) return "y coordinate is not below p";
  out = {Fp::from_canonical(x), Fp::from_canonical(y)};  // (0, 0) = infinity, as in gnark
  return nullptr;
}

void encode_gnark_record(const uint8_t* raw, uint8_t* rec) {
  uint64_t x[4], y[4];
  load_le(raw, x);
  load_le(raw + 32, y);
  store_be(x, rec);
  store_be(y, rec + 32);
}

}  // namespace zkmsm::io::detail
