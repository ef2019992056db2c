// GCC 12 reports its own AVX-512 intrinsics (_mm512_undefined_epi32 inside srai/gather) as uninitialised.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "cpu/accumulate.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdlib>

#include "cpu/ifma.hpp"
#include "math/batch_affine.hpp"

namespace zkmsm::cpu {

using math::Fp;
using math::G1Affine;

namespace {

// One round with scalar field arithmetic: pairs neighbours with equal keys, one shared inversion.
size_t round_scalar(RunScratch& s, size_t m, size_t& pairs) {
  pairs = 0;
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
  return out;
}

// The same round on 8 lanes of AVX-512 IFMA. Pairs that need no arithmetic (an infinity, P + (−P)) are
// settled on the spot; all others — distinct x, and doublings P + P — go through the vector batch
// inversion: 8 independent prefix-product chains, one scalar inversion of the 8 chain products.
// Each pair's sum overwrites its first point, then the round compacts.
using ifma::V;

// Byte offsets of the pairs of group g (the last group is padded with its first pair).
ZKMSM_IFMA __m512i group_offsets(const uint32_t* idx, size_t k, size_t g) {
  alignas(64) long long o[8];
  for (int l = 0; l < 8; ++l) {
    const size_t e = g * 8 + l < k ? g * 8 + l : g * 8;
    o[l] = static_cast<long long>(idx[e]) * 64;
  }
  return _mm512_load_si512(o);
}

// x2 − x1, or 2·y1 in doubling lanes (y ≠ 0 on BN254 G1). Both < 2p.
ZKMSM_IFMA V denominator(const V& x1, const V& y1, const V& x2, __mmask8 dbl) {
  V d = ifma::sub_plus(x2, x1, ifma::kConsts.p);
  if (dbl) d = ifma::blend(dbl, d, ifma::add(y1, y1));
  return d;
}

__attribute__((target("avx512f,avx512ifma,avx512vl,avx512dq,avx512bw"))) void add_pairs_ifma(G1Affine* points, const uint32_t* idx, size_t k, V* prefix) {
  const size_t groups = (k + 7) / 8;
  const uint64_t* p1 = ifma::kConsts.p;
  const uint64_t* p2 = ifma::kConsts.p2;
  Fp* base = &points[0].x;
  const __m512i y_off = _mm512_set1_epi64(32), q_off = _mm512_set1_epi64(64), qy_off = _mm512_set1_epi64(96);

  // kChains independent prefix-product chains (group g belongs to chain g mod kChains): one chain would
  // leave the multiplier waiting on each product's latency.
  constexpr size_t kChains = 4;
  V acc[kChains];
  for (size_t g = 0; g < groups; ++g) {
    const __m512i off = group_offsets(idx, k, g);
    const V x1 = ifma::load(base, off), x2 = ifma::load(base, _mm512_add_epi64(off, q_off));
    const __mmask8 dbl = ifma::equal(x1, x2);
    const V y1 = dbl ? ifma::load(base, _mm512_add_epi64(off, y_off)) : x1;
    const V d = denominator(x1, y1, x2, dbl);
    V& a = acc[g % kChains];
    a = g < kChains ? d : ifma::mul(a, d);  // < 2p
    ifma::store_v(prefix + g, a);
  }
  // Invert the chain products (8 lanes × up to kChains chains) with one scalar inversion.
  const size_t chains = std::min(groups, kChains);
  alignas(64) Fp lane[8 * kChains], scratch[8 * kChains];
  const __m512i lane_off = _mm512_set_epi64(7 * 32, 6 * 32, 5 * 32, 4 * 32, 3 * 32, 2 * 32, 32, 0);
  for (size_t j = 0; j < chains; ++j) ifma::store(ifma::reduce_once(acc[j]), lane + 8 * j, lane_off);
  math::batch_inverse(lane, scratch, static_cast<int64_t>(8 * chains));
  V inv[kChains];
  for (size_t j = 0; j < chains; ++j) inv[j] = ifma::load(lane + 8 * j, lane_off);

  for (size_t g = groups; g-- > 0;) {
    const __m512i off = group_offsets(idx, k, g);
    const V x1 = ifma::load(base, off), y1 = ifma::load(base, _mm512_add_epi64(off, y_off));
    const V x2 = ifma::load(base, _mm512_add_epi64(off, q_off)), y2 = ifma::load(base, _mm512_add_epi64(off, qy_off));
    const __mmask8 dbl = ifma::equal(x1, x2);
    V& chain_inv = inv[g % kChains];
    V inv_d = chain_inv;
    if (g >= kChains) {
      inv_d = ifma::mul(chain_inv, ifma::load_v(prefix + g - kChains));
      chain_inv = ifma::mul(chain_inv, denominator(x1, y1, x2, dbl));
    }
    // Bounds: stored coordinates are canonical (< p); mul() takes a·b < p·2^256 and returns < 2p.
    V num = ifma::sub_plus(y2, y1, p1);  // < 2p
    if (dbl) {                           // 3·x1² < 3p, then < 2p
      const V sq = ifma::reduce_once(ifma::mul(x1, x1));
      num = ifma::blend(dbl, num, ifma::reduce_once(ifma::add(ifma::add(sq, sq), sq)));
    }
    const V lambda = ifma::mul(num, inv_d);  // < 2p
    const V l2 = ifma::mul(lambda, lambda);  // < 2p
    // λ² + 2p − x1 − x2 < 4p → canonical by subtracting 2p, then p, where due.
    const V x3 = ifma::reduce_once(ifma::reduce_once(ifma::sub_plus(ifma::sub_plus(l2, x1, p1), x2, p1), p2), p1);
    const V t = ifma::mul(lambda, ifma::sub_plus(x1, x3, p1));  // λ·(x1 − x3 + p) < 2p
    const V y3 = ifma::reduce_once(ifma::reduce_once(ifma::sub_plus(t, y1, p1), p2), p1);  // < 3p → < p
    ifma::store(x3, base, off);
    ifma::store(y3, base, _mm512_add_epi64(off, y_off));
  }
}

size_t round_ifma(RunScratch& s, size_t m, size_t& pairs) {
  assert(s.capacity >= 8);
  // Pair list and per-group prefix products live in the denominators/prefix scratch (64 B per entry,
  // ≥ 128 B per pair; a group of 8 pairs needs 320 B of prefix and 32 B of indices, which fits any
  // capacity ≥ 8 — plan::cpu_edge_piece_capacity keeps the piece list at ≥ 16).
  const size_t max_pairs = m / 2;
  ifma::V* prefix = reinterpret_cast<ifma::V*>(s.denominators);
  uint32_t* idx = reinterpret_cast<uint32_t*>(prefix + (max_pairs + 7) / 8);
  size_t k = 0;
  pairs = 0;
  for (size_t i = 0; i + 1 < m;) {
    if (s.keys[i] != s.keys[i + 1]) {
      i += 1;
      continue;
    }
    ++pairs;
    G1Affine& p = s.points[i];
    const G1Affine& q = s.points[i + 1];
    if (p.is_infinity()) {
      p = q;
    } else if (q.is_infinity()) {
    } else if (p.x == q.x && p.y != q.y) {
      p = G1Affine::infinity();
    } else {
      idx[k++] = static_cast<uint32_t>(i);
    }
    i += 2;
  }
  if (pairs == 0) return m;
  if (k) add_pairs_ifma(s.points, idx, k, prefix);
  size_t out = 0;
  for (size_t i = 0; i < m; ++out) {
    const bool paired = i + 1 < m && s.keys[i] == s.keys[i + 1];
    if (out != i) {
      s.points[out] = s.points[i];
      s.keys[out] = s.keys[i];
    }
    i += paired ? 2 : 1;
  }
  return out;
}

}  // namespace

namespace {
std::atomic<bool> g_vector{ifma::available() && !std::getenv("ZKMSM_NO_IFMA")};
}  // namespace

bool vector_accumulate() { return g_vector.load(std::memory_order_relaxed); }
bool set_vector_accumulate(bool on) {
  const bool ok = !on || ifma::available();
  g_vector.store(on && ok, std::memory_order_relaxed);
  return ok;
}

size_t sum_equal_keys(RunScratch& s, size_t m) {
  const bool vec = vector_accumulate();
  for (;;) {
    size_t pairs = 0;
    m = vec ? round_ifma(s, m, pairs) : round_scalar(s, m, pairs);
    if (pairs == 0) return m;
  }
}

}  // namespace zkmsm::cpu
