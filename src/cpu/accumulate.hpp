// Batch-affine bucket accumulation over runs of bucket-sorted points.
#pragma once
#include <cstddef>
#include <cstdint>

#include "math/g1.hpp"

namespace zkmsm::cpu {

// Scratch for reducing up to `capacity` entries at once. `prefix` must directly follow `denominators`
// (capacity elements each): the vector path uses the two as one block of 64 bytes per entry.
struct RunScratch {
  math::G1Affine* points;
  uint32_t* keys;
  math::Fp* denominators;
  math::Fp* prefix;
  size_t capacity;
};

// keys[0..m) is sorted; sums the points of each run of equal keys, pairing neighbours round after
// round with one shared inversion per round. Returns the number of entries left, one per key,
// compacted to the front in key order.
// Uses AVX-512 IFMA when the CPU has it (and ZKMSM_NO_IFMA is unset), scalar arithmetic otherwise; the
// results are identical. Needs s.capacity ≥ 8.
size_t sum_equal_keys(RunScratch& s, size_t m);

// Whether sum_equal_keys takes the 8-lane IFMA path; tests switch it off to cover the scalar path.
// set_vector_accumulate(true) returns false (and stays scalar) on a CPU without AVX-512 IFMA.
bool vector_accumulate();
bool set_vector_accumulate(bool on);

}  // namespace zkmsm::cpu
