// barretenberg's SRS file bn254_g1.dat: no header, 64 B per point, x‖y each 32 B big-endian canonical;
// point 0 is G; the point at infinity is written as 64 × 0xFF.
#include "io/codec.hpp"

namespace zkmsm::io::detail {

using math::Fp;
using math::G1Affine;

const char* decode_bb_record(const uint8_t* rec, G1Affine& out) {
  if (all_bytes(rec, 64, 0xff)) {
    out = G1Affine::infinity();
    return nullptr;
  }
  uint64_t x[4], y[4];
  load_be(rec, x);
  load_be(rec + 32, y);
  if (!Fp::is_canonical(x)) return "x coordinate is not below p";
  if (!Fp::is_canonical(y)) return "y coordinate is not below p";
  if ((x[0] | x[1] | x[2] | x[3] | y[0] | y[1] | y[2] | y[3]) == 0)
    return "(0, 0) is not a point (barretenberg writes infinity as 64 × 0xFF)";
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
  store_be(x, rec);
  store_be(y, rec + 32);
}

}  // namespace zkmsm::io::detail
