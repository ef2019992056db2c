// One arithmetic source for host and device: every function that both sides use is marked ZK_HD.
#pragma once

#if defined(__CUDACC__)
#define ZK_HD __host__ __device__ __forceinline__
#else
#define ZK_HD inline
#endif
