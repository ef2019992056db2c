// Internal to src/io: snarkjs' sectioned binary container (@iden3/binfileutils), shared by .ptau and .wtns:
//   magic (4 B, e.g. "ptau") · version (u32 LE) · section count (u32 LE) ·
//   per section: type (u32 LE) · size (u64 LE) · size bytes of data.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "zkmsm/status.hpp"

namespace zkmsm::io::detail {

struct BinSection {
  uint32_t type = 0;
  uint64_t offset = 0;  // of the section's data in the file
  uint64_t size = 0;
};

struct BinFile {
  uint32_t version = 0;
  std::vector<BinSection> sections;

  // The one section of `type`; nullptr when absent. Duplicates are rejected by parse_binfile.
  const BinSection* find(uint32_t type) const;
};

// Checks the magic, the version (1..max_version) and that every section lies inside the file, with no
// bytes left over and no section type repeated.
Status parse_binfile(const uint8_t* data, size_t size, const char magic[4], uint32_t max_version,
                     const std::string& name, BinFile& out);
// The section of `type`, or an error naming it ("missing section 2 (τ powers)").
Status require_section(const BinFile& file, uint32_t type, const char* what, const std::string& name,
                       const BinSection*& out);

}  // namespace zkmsm::io::detail
