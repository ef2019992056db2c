// libFuzzer target: the snarkjs .ptau reader, τ powers (section 2) and Lagrange bases (section 12).
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zkmsm;
  if (size == 0) return 0;
  // Byte 0: bit 0 picks the section; the low bits of the rest the offset/count (a Lagrange domain).
  const uint8_t b = data[0];
  io::PointQuery q;
  if (b & 1) {
    q.ptau_bases = io::PtauBases::lagrange;
    q.count = uint64_t{1} << ((b >> 1) & 7);
    if (b & 0x80) q.count += 1;  // not a power of two: must be refused
  } else if (b & 0x80) {
    q.offset = (b >> 1) & 7;
    q.count = (b >> 4) & 7;
  }
  fuzz::run_points(io::Format::ptau, data + 1, size - 1, q);
  return 0;
}
