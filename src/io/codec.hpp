// Internal to src/io: byte-order helpers, the per-record point decoders each format supplies, and the
// shared driver that validates records and writes the raw layout.
#pragma once
#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "io/formats.hpp"
#include "math/g1.hpp"

namespace zkmsm::io::detail {

inline void load_le(const uint8_t* b, uint64_t* limbs) {
  for (int i = 0; i < 4; ++i) {
    uint64_t v = 0;
    for (int k = 7; k >= 0; --k) v = (v << 8) | b[8 * i + k];
    limbs[i] = v;
  }
}
inline void load_be(const uint8_t* b, uint64_t* limbs) {
  for (int i = 0; i < 4; ++i) {
    uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v = (v << 8) | b[24 - 8 * i + k];
    limbs[i] = v;
  }
}
inline void store_le(const uint64_t* limbs, uint8_t* b) {
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 8; ++k) b[8 * i + k] = static_cast<uint8_t>(limbs[i] >> (8 * k));
}
inline void store_be(const uint64_t* limbs, uint8_t* b) {
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 8; ++k) b[31 - 8 * i - k] = static_cast<uint8_t>(limbs[i] >> (8 * k));
}
inline uint32_t u32_le(const uint8_t* b) { return b[0] | b[1] << 8 | b[2] << 16 | uint32_t{b[3]} << 24; }
inline uint64_t u64_le(const uint8_t* b) { return u32_le(b) | uint64_t{u32_le(b + 4)} << 32; }
inline uint32_t u32_be(const uint8_t* b) { return uint32_t{b[0]} << 24 | b[1] << 16 | b[2] << 8 | b[3]; }
inline void put_u32_le(std::vector<uint8_t>& o, uint32_t v) {
  for (int k = 0; k < 4; ++k) o.push_back(static_cast<uint8_t>(v >> (8 * k)));
}
inline void put_u64_le(std::vector<uint8_t>& o, uint64_t v) {
  for (int k = 0; k < 8; ++k) o.push_back(static_cast<uint8_t>(v >> (8 * k)));
}
inline void put_u32_be(std::vector<uint8_t>& o, uint32_t v) {
  for (int k = 3; k >= 0; --k) o.push_back(static_cast<uint8_t>(v >> (8 * k)));
}
inline bool all_bytes(const uint8_t* b, size_t n, uint8_t v) {
  for (size_t i = 0; i < n; ++i)
    if (b[i] != v) return false;
  return true;
}

// y is "negative" / lexicographically largest (arkworks YIsNegative, gnark's largest root): y > (p−1)/2.
bool y_is_largest(const uint64_t* y_canonical);

// One 64-byte point record → affine point (Montgomery, internal). Returns nullptr when fine, else what
// is wrong ("x coordinate is not below p", "unknown flag bits ..."). The driver checks the curve equation.
using RecordDecoder = const char* (*)(const uint8_t* record, math::G1Affine& out);
const char* decode_raw_record(const uint8_t* rec, math::G1Affine& out);
const char* decode_mont_record(const uint8_t* rec, math::G1Affine& out);  // ptau / ffjavascript
const char* decode_bb_record(const uint8_t* rec, math::G1Affine& out);
const char* decode_arkworks_record(const uint8_t* rec, math::G1Affine& out);
const char* decode_gnark_record(const uint8_t* rec, math::G1Affine& out);
void encode_bb_record(const uint8_t* raw, uint8_t* rec);
bool is_bb_generator(const uint8_t* rec);  // G = (1, 2) in barretenberg's layout
void encode_arkworks_record(const uint8_t* raw, uint8_t* rec);
void encode_gnark_record(const uint8_t* raw, uint8_t* rec);

// Decodes `count` records starting at data (which sits at byte `file_offset` of the input and holds
// point index `first_index`), validating each, appending raw-layout bytes to out.
Status decode_records(RecordDecoder decode, const uint8_t* data, uint64_t count, uint64_t first_index,
                      uint64_t file_offset, const std::string& name, std::vector<uint8_t>& out);

// Scalars: 32-byte records, little- or big-endian canonical, each < r.
Status decode_scalar_records(bool big_endian, const uint8_t* data, uint64_t count, uint64_t file_offset,
                             const std::string& name, std::vector<uint8_t>& out);

// Applies PointQuery offset/count to a flat array of `total` records; sets first/count or fails.
Status select_range(const PointQuery& q, uint64_t total, const std::string& name, const char* what, uint64_t& first,
                    uint64_t& count);

// A flat point array with an optional library length prefix (arkworks u64 LE, gnark u32 BE).
Status parse_prefixed_points(RecordDecoder decode, unsigned prefix_bytes, bool prefix_big_endian, const uint8_t* data,
                             size_t size, const PointQuery& q, const std::string& name, std::vector<uint8_t>& out,
                             uint64_t& n);
Status parse_prefixed_scalars(bool big_endian, unsigned prefix_bytes, const uint8_t* data, size_t size,
                              const std::string& name, std::vector<uint8_t>& out, uint64_t& n);

// Per-format containers.
Status parse_ptau_points(const uint8_t* data, size_t size, const PointQuery& q, const std::string& name,
                         std::vector<uint8_t>& out, uint64_t& n);
Status parse_wtns_scalars(const uint8_t* data, size_t size, const std::string& name, std::vector<uint8_t>& out,
                          uint64_t& n);
void encode_wtns(const uint8_t* raw, uint64_t n, std::vector<uint8_t>& out);

}  // namespace zkmsm::io::detail
