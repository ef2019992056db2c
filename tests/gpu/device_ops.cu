#include <cuda_runtime.h>

#include "cuda/cuda_status.hpp"
#include "device_ops.hpp"

namespace zkmsm::gpu_test {
namespace {

using math::Fp;
using math::Fr;
using math::G1Affine;
using math::G1Xyzz;

__global__ void field_kernel(const Fp* a, const Fp* b, const Fr* fa, const Fr* fb, size_t n, Fp* out, Fr* fr_out) {
  const size_t i = blockIdx.x * size_t{blockDim.x} + threadIdx.x;
  if (i >= n) return;
  out[0 * n + i] = a[i] * b[i];
  out[1 * n + i] = a[i] + b[i];
  out[2 * n + i] = a[i] - b[i];
  out[3 * n + i] = a[i].sqr();
  out[4 * n + i] = -a[i];
  out[5 * n + i] = a[i].inverse();
  fr_out[i] = fa[i] * fb[i];
}

__global__ void point_kernel(const G1Affine* p, const G1Affine* q, size_t n, G1Affine* out) {
  const size_t i = blockIdx.x * size_t{blockDim.x} + threadIdx.x;
  if (i >= n) return;
  const G1Xyzz xp = G1Xyzz::from_affine(p[i]);
  out[0 * n + i] = xp.add_mixed(q[i]).to_affine();
  out[1 * n + i] = (xp + G1Xyzz::from_affine(q[i])).to_affine();
  out[2 * n + i] = xp.dbl().to_affine();
  out[3 * n + i] = math::affine_add_finish(p[i], q[i], math::affine_add_denominator(p[i], q[i]).inverse());
}

template <class T>
struct DeviceBuffer {
  T* d = nullptr;
  ~DeviceBuffer() {
    if (d) cudaFree(d);
  }
  Status upload(const std::vector<T>& h) {
    ZK_CUDA_TRY(cudaMalloc(&d, h.size() * sizeof(T) + 1));
    ZK_CUDA_TRY(cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice));
    return Status::Ok();
  }
  Status alloc(size_t count) {
    ZK_CUDA_TRY(cudaMalloc(&d, count * sizeof(T) + 1));
    return Status::Ok();
  }
};

template <class T>
Status download(const T* d, size_t count, std::vector<T>& h) {
  h.resize(count);
  ZK_CUDA_TRY(cudaMemcpy(h.data(), d, count * sizeof(T), cudaMemcpyDeviceToHost));
  return Status::Ok();
}

unsigned blocks(size_t n) { return static_cast<unsigned>((n + 127) / 128); }

}  // namespace

Status device_field_ops(const std::vector<Fp>& a, const std::vector<Fp>& b, const std::vector<Fr>& fa,
                        const std::vector<Fr>& fb, FieldResults& out) {
  const size_t n = a.size();
  DeviceBuffer<Fp> da, db, dout;
  DeviceBuffer<Fr> dfa, dfb, dfr;
  for (Status s : {da.upload(a), db.upload(b), dfa.upload(fa), dfb.upload(fb), dout.alloc(6 * n), dfr.alloc(n)})
    if (!s.ok()) return s;
  field_kernel<<<blocks(n), 128>>>(da.d, db.d, dfa.d, dfb.d, n, dout.d, dfr.d);
  ZK_CUDA_TRY(cudaGetLastError());
  ZK_CUDA_TRY(cudaDeviceSynchronize());
  std::vector<Fp>* outs[] = {&out.mul, &out.add, &out.sub, &out.sqr, &out.neg, &out.inv};
  for (int k = 0; k < 6; ++k)
    if (Status s = download(dout.d + k * n, n, *outs[k]); !s.ok()) return s;
  return download(dfr.d, n, out.fr_mul);
}

Status device_point_ops(const std::vector<G1Affine>& p, const std::vector<G1Affine>& q, PointResults& out) {
  const size_t n = p.size();
  DeviceBuffer<G1Affine> dp, dq, dout;
  for (Status s : {dp.upload(p), dq.upload(q), dout.alloc(4 * n)})
    if (!s.ok()) return s;
  point_kernel<<<blocks(n), 128>>>(dp.d, dq.d, n, dout.d);
  ZK_CUDA_TRY(cudaGetLastError());
  ZK_CUDA_TRY(cudaDeviceSynchronize());
  std::vector<G1Affine>* outs[] = {&out.mixed, &out.full, &out.dbl, &out.affine};
  for (int k = 0; k < 4; ++k)
    if (Status s = download(dout.d + k * n, n, *outs[k]); !s.ok()) return s;
  return Status::Ok();
}

}  // namespace zkmsm::gpu_test
