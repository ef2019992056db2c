// zkmsm_field_bench: throughput of the device field and curve arithmetic from registers (no memory
// traffic inside the timed loops), the compute ceiling of bucket accumulation. Each thread runs two
// independent chains of `iters` operations; CUDA events around one launch after a warm-up launch.
// Prints one JSON object per line: op, Gop/s, ns per op per SM.
//
//   zkmsm_field_bench [iters]
#include <cuda_runtime.h>

#include <cstdio>
#include <cstdlib>

#include "math/g1.hpp"

namespace {

using zkmsm::math::Fp;
using zkmsm::math::G1Affine;
using zkmsm::math::G1Xyzz;

enum class Op { mul, sqr, add, madd };

template <Op kOp>
__global__ void __launch_bounds__(128) chains(const Fp* in, Fp* out, int iters) {
  const unsigned t = blockIdx.x * blockDim.x + threadIdx.x;
  Fp a = in[(2 * t) % 64], b = in[(2 * t + 1) % 64];
  const Fp y = in[(t + 7) % 64];
  if constexpr (kOp == Op::madd) {
    const G1Affine p0 = {in[64], in[65]}, p1 = {in[66], in[67]};
    G1Xyzz acc0 = G1Xyzz::from_affine(p0), acc1 = G1Xyzz::from_affine(p1);
    for (int i = 0; i < iters; ++i) acc0 = acc0.add_mixed(p1), acc1 = acc1.add_mixed(p0);
    a = acc0.X + acc1.Y, b = acc0.ZZ + acc1.ZZZ;
  } else {
    for (int i = 0; i < iters; ++i) {
      if constexpr (kOp == Op::mul) a = a * y, b = b * y;
      if constexpr (kOp == Op::sqr) a = a.sqr(), b = b.sqr();
      if constexpr (kOp == Op::add) a = a + y, b = b - y;
    }
  }
  out[t] = a + b;
}

template <Op kOp>
void run(const char* name, const Fp* d_in, Fp* d_out, unsigned blocks, int iters, unsigned sms, double ops_per_iter) {
  chains<kOp><<<blocks, 128>>>(d_in, d_out, 4);
  cudaEvent_t start, stop;
  cudaEventCreate(&start), cudaEventCreate(&stop);
  cudaEventRecord(start);
  chains<kOp><<<blocks, 128>>>(d_in, d_out, iters);
  cudaEventRecord(stop);
  cudaEventSynchronize(stop);
  float ms = 0;
  cudaEventElapsedTime(&ms, start, stop);
  if (cudaGetLastError() != cudaSuccess) {
    std::printf("{\"op\":\"%s\",\"error\":\"launch failed\"}\n", name);
    return;
  }
  const double ops = double(blocks) * 128 * 2 * iters * ops_per_iter;
  std::printf("{\"op\":\"%s\",\"gops\":%.3f,\"ns_per_op_per_sm\":%.3f,\"ms\":%.3f}\n", name, ops / ms / 1e6,
              ms * 1e6 * sms / ops, ms);
}

}  // namespace

int main(int argc, char** argv) {
  const int iters = argc > 1 ? std::atoi(argv[1]) : 2000;
  cudaDeviceProp prop{};
  if (cudaGetDeviceProperties(&prop, 0) != cudaSuccess) {
    std::fprintf(stderr, "zkmsm_field_bench: no CUDA device\n");
    return 1;
  }
  Fp h_in[68];
  for (int i = 0; i < 64; ++i) h_in[i] = Fp::from_u64(0x9e3779b97f4a7c15ull * (i + 1));
  const G1Affine g = G1Affine::generator();
  const G1Affine g2 = zkmsm::math::G1Xyzz::dbl_affine(g).to_affine();
  h_in[64] = g.x, h_in[65] = g.y, h_in[66] = g2.x, h_in[67] = g2.y;
  Fp *d_in = nullptr, *d_out = nullptr;
  const unsigned sms = static_cast<unsigned>(prop.multiProcessorCount), blocks = sms * 16;
  cudaMalloc(&d_in, sizeof h_in);
  cudaMalloc(&d_out, blocks * 128 * sizeof(Fp));
  cudaMemcpy(d_in, h_in, sizeof h_in, cudaMemcpyHostToDevice);
  run<Op::mul>("mul", d_in, d_out, blocks, iters, sms, 1);
  run<Op::sqr>("sqr", d_in, d_out, blocks, iters, sms, 1);
  run<Op::add>("add_sub", d_in, d_out, blocks, iters, sms, 1);
  run<Op::madd>("xyzz_add_mixed", d_in, d_out, blocks, iters / 10, sms, 1);
  cudaFree(d_in), cudaFree(d_out);
  return 0;
}
