#include "cpu/accumulate.hpp"

#include "math/batch_affine.hpp"

namespace zkmsm::cpu {

using math::Fp;
using math::G1Affine;

size_t sum_equal_keys(RunScratch& s, size_t m) {
  for (;;) {
    size_t pairs = 0;
    for (size_t i = 0; i + 1 < m;) {
      if (s.keys[i] == s.keys[i + 1]) {
        s.denominators[pairs++] = math::affine_add_denominator(s.points[i], s.points[i + 1]);
        i += 2;
      } else {
        i += 1;
      }
    }
    if (pairs == 0) return m;
    math::batch_inverse(s.denominators, s.prefix, static_cast<int64_t>(pairs));
    size_t out = 0, pair = 0;
    for (size_t i = 0; i < m; ++out) {
      if (i + 1 < m && s.keys[i] == s.keys[i + 1]) {
        s.points[out] = math::affine_add_finish(s.points[i], s.points[i + 1], s.denominators[pair++]);
        s.keys[out] = s.keys[i];
        i += 2;
      } else {
        s.points[out] = s.points[i];
        s.keys[out] = s.keys[i];
        i += 1;
      }
    }
    m = out;
  }
}

}  // namespace zkmsm::cpu
