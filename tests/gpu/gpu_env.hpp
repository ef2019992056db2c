// Shared by the GPU tests: skip cleanly where no CUDA device is usable.
#pragma once
#include <gtest/gtest.h>

#include "zkmsm/msm.hpp"

#define ZK_REQUIRE_GPU()                                                                     \
  do {                                                                                       \
    if (!::zkmsm::cuda_available()) GTEST_SKIP() << "no CUDA device: GPU test skipped";      \
  } while (0)
