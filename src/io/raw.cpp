#include "io/raw.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace zkmsm::io {

namespace {
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;
}  // namespace

Status read_file(const std::string& path, std::vector<uint8_t>& out) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return Status::IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  if (std::fseek(f.get(), 0, SEEK_END) != 0) return Status::IoError(fmt::format("{}: cannot seek", path));
  const long size = std::ftell(f.get());
  if (size < 0) return Status::IoError(fmt::format("{}: not a regular file", path));
  std::rewind(f.get());
  out.resize(static_cast<size_t>(size));
  if (size && std::fread(out.data(), 1, out.size(), f.get()) != out.size())
    return Status::IoError(fmt::format("{}: read failed", path));
  return Status::Ok();
}

Status write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  File f(std::fopen(path.c_str(), "wb"));
  if (!f) return Status::IoError(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f.get()) != bytes.size())
    return Status::IoError(fmt::format("{}: write failed", path));
  return Status::Ok();
}

Status read_raw_records(const std::string& path, uint64_t record_bytes, std::vector<uint8_t>& out, uint64_t& count) {
  if (Status s = read_file(path, out); !s.ok()) return s;
  if (out.size() % record_bytes != 0)
    return Status::InvalidArgument(fmt::format("{}: size {} bytes is not a multiple of {} (truncated file?)", path,
                                               out.size(), record_bytes));
  count = out.size() / record_bytes;
  return Status::Ok();
}

MappedFile::~MappedFile() {
  if (mapped_) munmap(const_cast<uint8_t*>(data_), size_);
}

Status MappedFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      ::close(fd);
      data_ = static_cast<const uint8_t*>(p);
      size_ = static_cast<size_t>(st.st_size);
      mapped_ = true;
      return Status::Ok();
    }
  }
  ::close(fd);
  if (Status s = read_file(path, fallback_); !s.ok()) return s;
  data_ = fallback_.data();
  size_ = fallback_.size();
  return Status::Ok();
}

}  // namespace zkmsm::io
