// libFuzzer target: the snarkjs .wtns reader.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  zkmsm::fuzz::run_scalars(zkmsm::io::Format::wtns, data, size);
  return 0;
}
