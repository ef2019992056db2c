// Prover file formats <-> zkmsm's raw layout, with validation (docs/FORMATS.md has the byte layouts).
//
// Every reader checks sizes, headers and section tables, coordinates < p, points on the curve and scalars
// < r, and fails with one line naming the input, the point/scalar index and the byte offset; it never
// returns a partial result. Output is always the raw layout: 64 B per point (x‖y, 32 B little-endian
// canonical each, 64 zero bytes = infinity) and 32 B per scalar (little-endian canonical).
//
//   format    points                                         scalars
//   raw       n × 64 B, LE canonical, zeros = ∞              n × 32 B LE canonical
//   ptau      snarkjs .ptau, section 2 (τ powers) or 12      -
//             (Lagrange bases), LE Montgomery, (0,0) = ∞
//   wtns      -                                              snarkjs .wtns, section 2, 32 B LE canonical
//   bb        barretenberg bn254_g1.dat: 64 B, x‖y canonical,  -
//             4 limbs each, low limb first, every limb BE;
//             64 × 0xFF = ∞
//   arkworks  ark-serialize uncompressed: x‖y LE, flags in   32 B LE canonical; optional u64 LE length
//             the top two bits of byte 63; optional u64 LE   prefix (Vec<Fr>)
//             length prefix (Vec<G1Affine>)
//   gnark     gnark-crypto RawBytes: x‖y BE, flags in the    32 B BE canonical; optional u32 BE length
//             top two bits of byte 0; optional u32 BE        prefix (fr.Vector)
//             length prefix ([]G1Affine, RawEncoding)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zkmsm/status.hpp"

namespace zkmsm::io {

enum class Format { raw, ptau, wtns, bb, arkworks, gnark };
const char* format_name(Format f);
bool parse_format(std::string_view name, Format& out);
bool format_has_points(Format f);   // raw, ptau, bb, arkworks, gnark
bool format_has_scalars(Format f);  // raw, wtns, arkworks, gnark
bool format_can_write_points(Format f);  // raw, bb, arkworks, gnark (a .ptau needs a whole ceremony)

// "FILE:format" → (FILE, format). A suffix that is not a format name stays part of the path.
void split_spec(const std::string& spec, std::string& path, std::optional<Format>& format);
// Header magic first ("ptau", "wtns"), then the extension (.ptau, .wtns, .dat = bb, .ark = arkworks,
// .gnark = gnark), then a barretenberg header (point 0 = G = (1, 2) in its layout); otherwise raw.
Format guess_format(const std::string& path, const uint8_t* data, size_t size);

enum class PtauBases { tau, lagrange };
const char* ptau_bases_name(PtauBases b);

struct PointQuery {
  static constexpr uint64_t kAll = ~uint64_t{0};
  uint64_t offset = 0;     // first point wanted (--bases-offset K)
  uint64_t count = kAll;   // points wanted; kAll = every point from `offset` on
  // .ptau only: τ powers (section 2) or the Lagrange bases of the domain of size `count` (section 12;
  // `count` a power of two, offset 0).
  PtauBases ptau_bases = PtauBases::tau;
};

// In-memory parsers (the fuzz targets drive these). `name` starts every error message.
Status parse_points(Format f, const uint8_t* data, size_t size, const PointQuery& query, const std::string& name,
                    std::vector<uint8_t>& out, uint64_t& n);
Status parse_scalars(Format f, const uint8_t* data, size_t size, const std::string& name, std::vector<uint8_t>& out,
                     uint64_t& n);

// Files (memory-mapped, so only the part of a large .ptau that is used is read).
Status read_points(const std::string& path, Format f, const PointQuery& query, std::vector<uint8_t>& out,
                   uint64_t& n);
Status read_scalars(const std::string& path, Format f, std::vector<uint8_t>& out, uint64_t& n);
// Reads the first bytes of a file to guess its format (see guess_format).
Status guess_file_format(const std::string& path, Format& out);

// Headerless point records in memory, n of them (the C API's "raw pointer + format"): raw, bb, arkworks,
// gnark (no length prefix), or ptau meaning snarkjs/ffjavascript's in-memory layout (LE Montgomery).
Status decode_point_records(Format f, const uint8_t* data, uint64_t n, const std::string& name,
                            std::vector<uint8_t>& out);

// Scalars held in Montgomery form (s·2^256 mod r, 32 B little-endian: ffjavascript's internal Fr, ICICLE's
// are_scalars_montgomery_form): each checked < r and converted to canonical, in place. On failure
// nothing is changed.
Status scalars_from_montgomery(uint8_t* scalars, uint64_t n, const std::string& name);

// Writers from the raw layout (valid input assumed: it comes from a reader). Points: raw, bb, arkworks,
// gnark (with the library's own slice length prefix, so ark/gnark slice decoders read the file
// directly). Scalars: raw, wtns (snarkjs version 2, prime r), arkworks, gnark.
Status encode_points(Format f, const uint8_t* raw, uint64_t n, std::vector<uint8_t>& out);
Status encode_scalars(Format f, const uint8_t* raw, uint64_t n, std::vector<uint8_t>& out);

}  // namespace zkmsm::io
