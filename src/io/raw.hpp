// Whole-file reads and writes, and the raw formats (docs/FORMATS.md): points n × 64 bytes
// (x then y, 32-byte little-endian canonical; zeros = infinity), scalars n × 32 bytes little-endian.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "zkmsm/status.hpp"

namespace zkmsm::io {

Status read_file(const std::string& path, std::vector<uint8_t>& out);
Status write_file(const std::string& path, const std::vector<uint8_t>& bytes);

// Read a raw file of fixed-size records; fails (naming the file) when its size is not a multiple.
Status read_raw_records(const std::string& path, uint64_t record_bytes, std::vector<uint8_t>& out, uint64_t& count);

}  // namespace zkmsm::io
