// Shared by the libFuzzer targets: drive one reader on arbitrary bytes and check what must hold.
// A reader must either fail with a message that names the input, or succeed with exactly n valid records
// (points decode again as raw and re-encode byte-identically); anything else aborts (a finding).
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "io/formats.hpp"

namespace zkmsm::fuzz {

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
  }
}

inline void check_failure(const Status& s, const std::vector<uint8_t>& out, uint64_t n) {
  require(!s.message().empty(), "failure without a message");
  require(s.message().rfind("input", 0) == 0, "error does not start with the input's name");
  require(out.empty() && n == 0, "partial result on failure");
}

// Points in raw layout must themselves parse as raw, giving the same bytes.
inline void check_points(const std::vector<uint8_t>& raw, uint64_t n) {
  require(raw.size() == n * 64, "points output size != 64·n");
  std::vector<uint8_t> again;
  uint64_t m = 0;
  Status s = io::parse_points(io::Format::raw, raw.data(), raw.size(), {}, "input", again, m);
  require(s.ok() && m == n && again == raw, "reader output is not valid raw points");
  for (io::Format f : {io::Format::bb, io::Format::arkworks, io::Format::gnark}) {
    std::vector<uint8_t> encoded, back;
    require(io::encode_points(f, raw.data(), n, encoded).ok(), "encode_points failed");
    s = io::parse_points(f, encoded.data(), encoded.size(), {}, "input", back, m);
    require(s.ok() && m == n && back == raw, "points round trip through a writer changed them");
  }
}

inline void check_scalars(const std::vector<uint8_t>& raw, uint64_t n) {
  require(raw.size() == n * 32, "scalars output size != 32·n");
  for (io::Format f : {io::Format::raw, io::Format::wtns, io::Format::arkworks, io::Format::gnark}) {
    std::vector<uint8_t> encoded, back;
    uint64_t m = 0;
    require(io::encode_scalars(f, raw.data(), n, encoded).ok(), "encode_scalars failed");
    Status s = io::parse_scalars(f, encoded.data(), encoded.size(), "input", back, m);
    require(s.ok() && m == n && back == raw, "scalars round trip through a writer changed them");
  }
}

inline void run_points(io::Format f, const uint8_t* data, size_t size, const io::PointQuery& q) {
  std::vector<uint8_t> out;
  uint64_t n = 0;
  const Status s = io::parse_points(f, data, size, q, "input", out, n);
  if (s.ok()) {
    if (q.count != io::PointQuery::kAll) require(n == q.count, "wrong point count");
    check_points(out, n);
  } else {
    check_failure(s, out, n);
  }
}

inline void run_scalars(io::Format f, const uint8_t* data, size_t size) {
  std::vector<uint8_t> out;
  uint64_t n = 0;
  const Status s = io::parse_scalars(f, data, size, "input", out, n);
  if (s.ok()) check_scalars(out, n);
  else check_failure(s, out, n);
}

// The first byte (when present) picks a query: offset and count in small ranges, or everything.
inline io::PointQuery query_from(const uint8_t*& data, size_t& size) {
  io::PointQuery q;
  if (size == 0) return q;
  const uint8_t b = *data++;
  --size;
  if (b & 0x80) {
    q.offset = (b >> 4) & 0x3;
    q.count = b & 0xf;
  }
  return q;
}

}  // namespace zkmsm::fuzz
