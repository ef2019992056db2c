// Format dispatch, guessing, the raw format and the shared record driver.
#include "io/formats.hpp"

#include "io/codec.hpp"
#include "io/raw.hpp"

namespace zkmsm::io {

using math::Fp;
using math::Fr;
using math::G1Affine;

namespace {

constexpr const char* kFormatNames[] = {"raw", "ptau", "wtns", "bb", "arkworks", "gnark"};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

const char* format_name(Format f) { return kFormatNames[static_cast<int>(f)]; }

bool parse_format(std::string_view name, Format& out) {
  for (int i = 0; i < 6; ++i)
    if (name == kFormatNames[i]) {
      out = static_cast<Format>(i);
      return true;
    }
  return false;
}

bool format_has_points(Format f) { return f != Format::wtns; }
bool format_has_scalars(Format f) { return f != Format::ptau && f != Format::bb; }
bool format_can_write_points(Format f) { return format_has_points(f) && f != Format::ptau; }

const char* ptau_bases_name(PtauBases b) { return b == PtauBases::tau ? "tau" : "lagrange"; }

void split_spec(const std::string& spec, std::string& path, std::optional<Format>& format) {
  path = spec;
  format.reset();
  const size_t colon = spec.rfind(':');
  if (colon == std::string::npos) return;
  Format f;
  if (parse_format(std::string_view(spec).substr(colon + 1), f)) {
    path = spec.substr(0, colon);
    format = f;
  }
}

Format guess_format(const std::string& path, const uint8_t* data, size_t size) {
  if (size >= 4 && std::memcmp(data, "ptau", 4) == 0) return Format::ptau;
  if (size >= 4 && std::memcmp(data, "wtns", 4) == 0) return Format::wtns;
  if (ends_with(path, ".ptau")) return Format::ptau;
  if (ends_with(path, ".wtns")) return Format::wtns;
  if (ends_with(path, ".dat")) return Format::bb;
  if (ends_with(path, ".ark") || ends_with(path, ".arkworks")) return Format::arkworks;
  if (ends_with(path, ".gnark")) return Format::gnark;
  // barretenberg's SRS starts with G = (1, 2) in its limb-wise big-endian layout.
  if (size >= 64 && size % 64 == 0 && detail::is_bb_generator(data)) return Format::bb;
  return Format::raw;
}

Status guess_file_format(const std::string& path, Format& out) {
  MappedFile file;
  if (Status s = file.open(path); !s.ok()) return s;
  out = guess_format(path, file.data(), file.size());
  return Status::Ok();
}

namespace detail {

bool y_is_largest(const uint64_t* y) {
  // (p − 1) / 2
  static constexpr uint64_t half[4] = {0x9e10460b6c3e7ea3, 0xcbc0b548b438e546, 0xdc2822db40c0ac2e,
                                       0x183227397098d014};
  for (int i = 3; i >= 0; --i)
    if (y[i] != half[i]) return y[i] > half[i];
  return false;
}

const char* decode_raw_record(const uint8_t* rec, G1Affine& out) {
  uint64_t x[4], y[4];
  load_le(rec, x);
  load_le(rec + 32, y);
  if (!Fp::is_canonical(x)) return "x coordinate is not below p";
  if (!Fp::is_canonical(y)) return "y coordinate is not below p";
  out = {Fp::from_canonical(x), Fp::from_canonical(y)};  // (0, 0) stays (0, 0): infinity
  return nullptr;
}

const char* decode_mont_record(const uint8_t* rec, G1Affine& out) {
  uint64_t x[4], y[4];
  load_le(rec, x);
  load_le(rec + 32, y);
  if (!Fp::is_canonical(x)) return "x coordinate (Montgomery form) is not below p";
  if (!Fp::is_canonical(y)) return "y coordinate (Montgomery form) is not below p";
  // snarkjs and zkmsm share the Montgomery radix 2^256, so the limbs are zkmsm's internal form as is.
  for (int i = 0; i < 4; ++i) {
    out.x.l[i] = x[i];
    out.y.l[i] = y[i];
  }
  return nullptr;
}

Status decode_records(RecordDecoder decode, const uint8_t* data, uint64_t count, uint64_t first_index,
                      uint64_t file_offset, const std::string& name, std::vector<uint8_t>& out) {
  const size_t base = out.size();
  out.resize(base + count * 64);
  for (uint64_t i = 0; i < count; ++i) {
    const uint8_t* rec = data + i * 64;
    G1Affine p;
    const char* error = decode(rec, p);
    if (!error && !p.is_on_curve()) error = "not on the curve y² = x³ + 3";
    if (error) {
      out.resize(base);
      return Status::InvalidArgument(
          fmt::format("{}: point {} at byte offset {}: {}", name, first_index + i, file_offset + i * 64, error));
    }
    uint8_t* dst = out.data() + base + i * 64;
    if (p.is_infinity()) {
      std::memset(dst, 0, 64);
    } else {
      uint64_t x[4], y[4];
      p.x.to_canonical(x);
      p.y.to_canonical(y);
      store_le(x, dst);
      store_le(y, dst + 32);
    }
  }
  return Status::Ok();
}

Status decode_scalar_records(bool big_endian, const uint8_t* data, uint64_t count, uint64_t file_offset,
                             const std::string& name, std::vector<uint8_t>& out) {
  out.resize(count * 32);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t s[4];
    if (big_endian) load_be(data + 32 * i, s);
    else load_le(data + 32 * i, s);
    if (!Fr::is_canonical(s)) {
      out.clear();
      return Status::InvalidArgument(fmt::format("{}: scalar {} at byte offset {}: value is not below r", name, i,
                                                 file_offset + 32 * i));
    }
    store_le(s, out.data() + 32 * i);
  }
  return Status::Ok();
}

Status select_range(const PointQuery& q, uint64_t total, const std::string& name, const char* what, uint64_t& first,
                    uint64_t& count) {
  if (q.offset > total)
    return Status::InvalidArgument(
        fmt::format("{}: bases offset {} is past the end of the {} {}", name, q.offset, total, what));
  first = q.offset;
  count = q.count == PointQuery::kAll ? total - q.offset : q.count;
  if (count > total - q.offset)
    return Status::InvalidArgument(fmt::format("{}: {} points needed from offset {} but the file holds only {} {}",
                                               name, count, q.offset, total, what));
  return Status::Ok();
}

Status parse_prefixed_points(RecordDecoder decode, unsigned prefix_bytes, bool prefix_big_endian, const uint8_t* data,
                             size_t size, const PointQuery& q, const std::string& name, std::vector<uint8_t>& out,
                             uint64_t& n) {
  out.clear();
  n = 0;
  uint64_t header = 0;
  if (prefix_bytes && size % 64 == prefix_bytes) {
    const uint64_t declared = prefix_bytes == 8 ? u64_le(data) : prefix_big_endian ? u32_be(data) : u32_le(data);
    if (declared != (size - prefix_bytes) / 64)
      return Status::InvalidArgument(fmt::format("{}: length prefix says {} points but the file holds {}", name,
                                                 declared, (size - prefix_bytes) / 64));
    header = prefix_bytes;
  } else if (size % 64 != 0) {
    return Status::InvalidArgument(
        prefix_bytes ? fmt::format("{}: size {} bytes is not a multiple of 64, nor a {}-byte length prefix plus "
                                   "64-byte points (truncated?)", name, size, prefix_bytes)
                     : fmt::format("{}: size {} bytes is not a multiple of 64 (truncated?)", name, size));
  }
  uint64_t first, count;
  if (Status s = select_range(q, (size - header) / 64, name, "points", first, count); !s.ok()) return s;
  if (Status s = decode_records(decode, data + header + first * 64, count, first, header + first * 64, name, out);
      !s.ok())
    return s;
  n = count;
  return Status::Ok();
}

Status parse_prefixed_scalars(bool big_endian, unsigned prefix_bytes, const uint8_t* data, size_t size,
                              const std::string& name, std::vector<uint8_t>& out, uint64_t& n) {
  out.clear();
  n = 0;
  uint64_t header = 0;
  if (prefix_bytes && size % 32 == prefix_bytes % 32 && size >= prefix_bytes && prefix_bytes % 32 != 0) {
    const uint64_t declared = prefix_bytes == 8 ? u64_le(data) : big_endian ? u32_be(data) : u32_le(data);
    if (declared != (size - prefix_bytes) / 32)
      return Status::InvalidArgument(fmt::format("{}: length prefix says {} scalars but the file holds {}", name,
                                                 declared, (size - prefix_bytes) / 32));
    header = prefix_bytes;
  } else if (size % 32 != 0) {
    return Status::InvalidArgument(
        fmt::format("{}: size {} bytes is not a multiple of 32 (truncated?)", name, size));
  }
  if (Status s = decode_scalar_records(big_endian, data + header, (size - header) / 32, header, name, out); !s.ok())
    return s;
  n = (size - header) / 32;
  return Status::Ok();
}

}  // namespace detail

Status parse_points(Format f, const uint8_t* data, size_t size, const PointQuery& q, const std::string& name,
                    std::vector<uint8_t>& out, uint64_t& n) {
  out.clear();
  n = 0;
  if (q.ptau_bases == PtauBases::lagrange && f != Format::ptau)
    return Status::InvalidArgument(fmt::format("{}: Lagrange bases come only from a .ptau file (this is {})", name,
                                               format_name(f)));
  switch (f) {
    case Format::raw: return detail::parse_prefixed_points(detail::decode_raw_record, 0, false, data, size, q, name, out, n);
    case Format::bb: return detail::parse_prefixed_points(detail::decode_bb_record, 0, false, data, size, q, name, out, n);
    case Format::arkworks:
      return detail::parse_prefixed_points(detail::decode_arkworks_record, 8, false, data, size, q, name, out, n);
    case Format::gnark:
      return detail::parse_prefixed_points(detail::decode_gnark_record, 4, true, data, size, q, name, out, n);
    case Format::ptau: return detail::parse_ptau_points(data, size, q, name, out, n);
    case Format::wtns: break;
  }
  return Status::InvalidArgument(fmt::format("{}: a {} file holds no points", name, format_name(f)));
}

Status parse_scalars(Format f, const uint8_t* data, size_t size, const std::string& name, std::vector<uint8_t>& out,
                     uint64_t& n) {
  out.clear();
  n = 0;
  switch (f) {
    case Format::raw: return detail::parse_prefixed_scalars(false, 0, data, size, name, out, n);
    case Format::arkworks: return detail::parse_prefixed_scalars(false, 8, data, size, name, out, n);
    case Format::gnark: return detail::parse_prefixed_scalars(true, 4, data, size, name, out, n);
    case Format::wtns: return detail::parse_wtns_scalars(data, size, name, out, n);
    case Format::ptau:
    case Format::bb: break;
  }
  return Status::InvalidArgument(fmt::format("{}: a {} file holds no scalars", name, format_name(f)));
}

Status read_points(const std::string& path, Format f, const PointQuery& q, std::vector<uint8_t>& out, uint64_t& n) {
  MappedFile file;
  if (Status s = file.open(path); !s.ok()) return s;
  return parse_points(f, file.data(), file.size(), q, path, out, n);
}

Status read_scalars(const std::string& path, Format f, std::vector<uint8_t>& out, uint64_t& n) {
  MappedFile file;
  if (Status s = file.open(path); !s.ok()) return s;
  return parse_scalars(f, file.data(), file.size(), path, out, n);
}

Status decode_point_records(Format f, const uint8_t* data, uint64_t n, const std::string& name,
                            std::vector<uint8_t>& out) {
  out.clear();
  if (n && !data) return Status::InvalidArgument(name + ": null bases pointer");
  detail::RecordDecoder decode = nullptr;
  switch (f) {
    case Format::raw: decode = detail::decode_raw_record; break;
    case Format::ptau: decode = detail::decode_mont_record; break;
    case Format::bb: decode = detail::decode_bb_record; break;
    case Format::arkworks: decode = detail::decode_arkworks_record; break;
    case Format::gnark: decode = detail::decode_gnark_record; break;
    case Format::wtns: return Status::InvalidArgument(name + ": wtns is not a point format");
  }
  return detail::decode_records(decode, data, n, 0, 0, name, out);
}

Status scalars_from_montgomery(uint8_t* scalars, uint64_t n, const std::string& name) {
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t limbs[4];
    detail::load_le(scalars + 32 * i, limbs);
    if (!Fr::is_canonical(limbs))
      return Status::InvalidArgument(
          fmt::format("{}: scalar {} at byte offset {}: Montgomery value is not below r", name, i, 32 * i));
  }
  for (uint64_t i = 0; i < n; ++i) {
    Fr f;
    detail::load_le(scalars + 32 * i, f.l);
    uint64_t canonical[4];
    f.to_canonical(canonical);
    detail::store_le(canonical, scalars + 32 * i);
  }
  return Status::Ok();
}

Status encode_points(Format f, const uint8_t* raw, uint64_t n, std::vector<uint8_t>& out) {
  out.clear();
  switch (f) {
    case Format::raw: out.assign(raw, raw + n * 64); return Status::Ok();
    case Format::bb:
      out.resize(n * 64);
      for (uint64_t i = 0; i < n; ++i) detail::encode_bb_record(raw + 64 * i, out.data() + 64 * i);
      return Status::Ok();
    case Format::arkworks:
      detail::put_u64_le(out, n);
      out.resize(8 + n * 64);
      for (uint64_t i = 0; i < n; ++i) detail::encode_arkworks_record(raw + 64 * i, out.data() + 8 + 64 * i);
      return Status::Ok();
    case Format::gnark:
      if (n > UINT32_MAX) return Status::InvalidArgument("gnark slices hold at most 2^32 − 1 points");
      detail::put_u32_be(out, static_cast<uint32_t>(n));
      out.resize(4 + n * 64);
      for (uint64_t i = 0; i < n; ++i) detail::encode_gnark_record(raw + 64 * i, out.data() + 4 + 64 * i);
      return Status::Ok();
    case Format::ptau:
    case Format::wtns: break;
  }
  return Status::InvalidArgument(fmt::format("cannot write points as {}", format_name(f)));
}

Status encode_scalars(Format f, const uint8_t* raw, uint64_t n, std::vector<uint8_t>& out) {
  out.clear();
  switch (f) {
    case Format::raw: out.assign(raw, raw + n * 32); return Status::Ok();
    case Format::wtns:
      if (n > UINT32_MAX) return Status::InvalidArgument(".wtns files hold at most 2^32 − 1 values");
      detail::encode_wtns(raw, n, out);
      return Status::Ok();
    case Format::arkworks:
      detail::put_u64_le(out, n);
      out.insert(out.end(), raw, raw + n * 32);
      return Status::Ok();
    case Format::gnark: {
      if (n > UINT32_MAX) return Status::InvalidArgument("gnark vectors hold at most 2^32 − 1 elements");
      detail::put_u32_be(out, static_cast<uint32_t>(n));
      out.resize(4 + n * 32);
      for (uint64_t i = 0; i < n; ++i) {
        uint64_t s[4];
        detail::load_le(raw + 32 * i, s);
        detail::store_be(s, out.data() + 4 + 32 * i);
      }
      return Status::Ok();
    }
    case Format::ptau:
    case Format::bb: break;
  }
  return Status::InvalidArgument(fmt::format("cannot write scalars as {}", format_name(f)));
}

}  // namespace zkmsm::io
