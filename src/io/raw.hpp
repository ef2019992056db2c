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

// A read-only view of a whole file (mmap where possible, so only the pages used are read).
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();
  Status open(const std::string& path);
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
  std::vector<uint8_t> fallback_;  // files mmap refuses (pipes, /proc) are read whole
};

}  // namespace zkmsm::io
