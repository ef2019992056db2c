// snarkjs witness (.wtns), version ≤ 2 (snarkjs src/wtns_utils.js):
//   section 1  header: n8 (u32 = 32) · q (n8 B LE = r) · nWitness (u32)
//   section 2  nWitness values, n8 B each, little-endian canonical (< r)
#include "io/binfile.hpp"
#include "io/codec.hpp"
#include "math/bn254.hpp"

namespace zkmsm::io::detail {

Status parse_wtns_scalars(const uint8_t* data, size_t size, const std::string& name, std::vector<uint8_t>& out,
                          uint64_t& n) {
  out.clear();
  n = 0;
  BinFile file;
  if (Status s = parse_binfile(data, size, "wtns", 2, name, file); !s.ok()) return s;
  const BinSection *header, *values;
  if (Status s = require_section(file, 1, "header", name, header); !s.ok()) return s;
  if (header->size < 4)
    return Status::InvalidArgument(fmt::format("{}: header section at byte offset {} is {} bytes, too short", name,
                                               header->offset - 12, header->size));
  const uint8_t* h = data + header->offset;
  if (const uint32_t n8 = u32_le(h); n8 != 32)
    return Status::InvalidArgument(
        fmt::format("{}: header n8 = {} at byte offset {}, expected 32 (BN254 scalars)", name, n8, header->offset));
  if (header->size != 4 + 32 + 4)
    return Status::InvalidArgument(fmt::format("{}: header section at byte offset {} has {} bytes, expected 40", name,
                                               header->offset - 12, header->size));
  uint64_t modulus[4];
  load_le(h + 4, modulus);
  for (int i = 0; i < 4; ++i)
    if (modulus[i] != math::FrParams::kModulus[i])
      return Status::InvalidArgument(fmt::format(
          "{}: header prime at byte offset {} is not the BN254 scalar field modulus r", name, header->offset + 4));
  const uint64_t count = u32_le(h + 36);
  if (Status s = require_section(file, 2, "witness values", name, values); !s.ok()) return s;
  if (values->size != count * 32)
    return Status::InvalidArgument(fmt::format(
        "{}: header declares {} values ({} bytes) but section 2 at byte offset {} holds {} bytes", name, count,
        count * 32, values->offset - 12, values->size));
  if (Status s = decode_scalar_records(false, data + values->offset, count, values->offset, name, out); !s.ok())
    return s;
  n = count;
  return Status::Ok();
}

void encode_wtns(const uint8_t* raw, uint64_t n, std::vector<uint8_t>& out) {
  out.clear();
  out.reserve(12 + 12 + 40 + 12 + n * 32);
  for (char c : {'w', 't', 'n', 's'}) out.push_back(static_cast<uint8_t>(c));
  put_u32_le(out, 2);  // version
  put_u32_le(out, 2);  // sections
  put_u32_le(out, 1);
  put_u64_le(out, 40);
  put_u32_le(out, 32);
  uint8_t r[32];
  store_le(math::FrParams::kModulus, r);
  out.insert(out.end(), r, r + 32);
  put_u32_le(out, static_cast<uint32_t>(n));
  put_u32_le(out, 2);
  put_u64_le(out, n * 32);
  out.insert(out.end(), raw, raw + n * 32);
}

}  // namespace zkmsm::io::detail
