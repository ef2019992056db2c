// Synthetic bases with known discrete logs, generated once per binary and shared by the GPU tests.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "api/backend.hpp"
#include "io/synthetic.hpp"

namespace zkmsm::gpu_test {

struct Inputs {
  std::vector<math::G1Affine> bases;
  std::vector<uint64_t> dlogs;
  std::vector<uint8_t> bytes;  // raw layout for Context::create
};

// 2^log_n bases (edge = with infinity, duplicates and negations mixed in); cached by (log_n, edge).
const Inputs& inputs(unsigned log_n, bool edge);

// Context over the first n bases of `in`.
std::unique_ptr<Context> make_context(const Inputs& in, uint64_t n, const MsmConfig& config);

// Runs one MSM and compares with the oracle; returns a description of any failure (empty when right).
std::string check_msm(Context& ctx, const Inputs& in, uint64_t n, io::ScalarDist dist, uint64_t seed,
                      const MsmConfig& config, MsmStats* stats = nullptr);

MsmConfig cuda_config(unsigned passes = 0, unsigned c = 0, unsigned point_chunks = 0);

}  // namespace zkmsm::gpu_test
