// CUDA runtime errors as zkmsm::Status: every runtime call and every launch is checked, never fatal.
#pragma once
#include <cuda_runtime_api.h>

#include <string>

#include "zkmsm/status.hpp"

namespace zkmsm::cuda {

inline Status cuda_status(cudaError_t e, const char* what) {
  if (e == cudaSuccess) return Status::Ok();
  const StatusCode code = e == cudaErrorMemoryAllocation ? StatusCode::out_of_memory : StatusCode::internal;
  return Status(code, std::string("CUDA: ") + what + ": " + cudaGetErrorString(e));
}

}  // namespace zkmsm::cuda

// Returns a Status from the enclosing function when a CUDA call fails.
#define ZK_CUDA_TRY(call)                                                                   \
  do {                                                                                      \
    if (::zkmsm::Status s_ = ::zkmsm::cuda::cuda_status((call), #call); !s_.ok()) return s_; \
  } while (0)
