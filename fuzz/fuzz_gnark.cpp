// libFuzzer target: the gnark reader (points and scalars).
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zkmsm;
  const uint8_t* p = data;
  size_t n = size;
  const io::PointQuery q = fuzz::query_from(p, n);
  fuzz::run_points(io::Format::gnark, p, n, q);
  fuzz::run_scalars(io::Format::gnark, data, size);
  return 0;
}
