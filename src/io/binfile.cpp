#include "io/binfile.hpp"

#include <fmt/format.h>

#include "io/codec.hpp"

namespace zkmsm::io::detail {

const BinSection* BinFile::find(uint32_t type) const {
  for (const BinSection& s : sections)
    if (s.type == type) return &s;
  return nullptr;
}

Status parse_binfile(const uint8_t* data, size_t size, const char magic[4], uint32_t max_version,
                     const std::string& name, BinFile& out) {
  out = {};
  const std::string want(magic, 4);
  if (size < 12)
    return Status::InvalidArgument(
        fmt::format("{}: truncated: {} bytes is too short for a '{}' file header (12 bytes)", name, size, want));
  if (std::memcmp(data, magic, 4) != 0) {
    std::string got;
    for (int i = 0; i < 4; ++i) got += (data[i] >= 32 && data[i] < 127) ? static_cast<char>(data[i]) : '?';
    return Status::InvalidArgument(fmt::format("{}: bad magic '{}' at byte offset 0 (expected '{}')", name, got, want));
  }
  out.version = u32_le(data + 4);
  if (out.version < 1 || out.version > max_version)
    return Status::InvalidArgument(fmt::format("{}: unsupported {} version {} at byte offset 4 (expected 1..{})", name,
                                               want, out.version, max_version));
  const uint32_t count = u32_le(data + 8);
  uint64_t pos = 12;
  for (uint32_t i = 0; i < count; ++i) {
    if (size - pos < 12)
      return Status::InvalidArgument(fmt::format(
          "{}: truncated: section header {} of {} at byte offset {} runs past the end of the file ({} bytes)", name, i,
          count, pos, size));
    BinSection s{u32_le(data + pos), pos + 12, u64_le(data + pos + 4)};
    if (s.size > size - s.offset)
      return Status::InvalidArgument(fmt::format(
          "{}: truncated: section {} (type {}) at byte offset {} declares {} bytes but only {} remain", name, i,
          s.type, pos, s.size, size - s.offset));
    if (out.find(s.type))
      return Status::InvalidArgument(
          fmt::format("{}: section type {} appears twice (second at byte offset {})", name, s.type, pos));
    out.sections.push_back(s);
    pos = s.offset + s.size;
  }
  if (pos != size)
    return Status::InvalidArgument(fmt::format("{}: {} unexpected bytes after the last of {} sections (byte offset {})",
                                               name, size - pos, count, pos));
  return Status::Ok();
}

Status require_section(const BinFile& file, uint32_t type, const char* what, const std::string& name,
                       const BinSection*& out) {
  out = file.find(type);
  if (!out) return Status::InvalidArgument(fmt::format("{}: missing section {} ({})", name, type, what));
  return Status::Ok();
}

}  // namespace zkmsm::io::detail
