// snarkjs powers of tau (.ptau), version 1 (snarkjs src/powersoftau_*.js, @iden3/binfileutils):
//   section 1  header: n8 (u32 = 32) · q (n8 B LE = p) · power (u32) · ceremonyPower (u32)
//   section 2  τ powers in G1: 2^(power+1) − 1 points
//   section 12 Lagrange bases in G1 (after `snarkjs powersoftau prepare phase2`): for each domain size
//              2^k, k = 0 … power+1, its 2^k bases in turn, so domain 2^k starts at point 2^k − 1
//              (2^(power+2) − 1 points in all)
// G1 points are x‖y, 32 B little-endian Montgomery each (radix 2^256); (0, 0) is the point at infinity.
#include "io/binfile.hpp"
#include "io/codec.hpp"
#include "math/bn254.hpp"

namespace zkmsm::io::detail {

namespace {
constexpr uint32_t kMaxPower = 28;  // the two-adicity of r: snarkjs' largest domain for bn128
}

Status parse_ptau_points(const uint8_t* data, size_t size, const PointQuery& q, const std::string& name,
                         std::vector<uint8_t>& out, uint64_t& n) {
  out.clear();
  n = 0;
  BinFile file;
  if (Status s = parse_binfile(data, size, "ptau", 1, name, file); !s.ok()) return s;
  const BinSection* header;
  if (Status s = require_section(file, 1, "header", name, header); !s.ok()) return s;
  if (header->size != 4 + 32 + 8)
    return Status::InvalidArgument(fmt::format("{}: header section at byte offset {} has {} bytes, expected 44 "
                                               "(n8, q, power, ceremonyPower for a 32-byte field)",
                                               name, header->offset - 12, header->size));
  const uint8_t* h = data + header->offset;
  if (const uint32_t n8 = u32_le(h); n8 != 32)
    return Status::InvalidArgument(
        fmt::format("{}: header n8 = {} at byte offset {}, expected 32 (BN254)", name, n8, header->offset));
  uint64_t modulus[4];
  load_le(h + 4, modulus);
  for (int i = 0; i < 4; ++i)
    if (modulus[i] != math::FpParams::kModulus[i])
      return Status::InvalidArgument(fmt::format(
          "{}: header q at byte offset {} is not the BN254 (alt_bn128) base field modulus", name, header->offset + 4));
  const uint32_t power = u32_le(h + 36);
  if (power < 1 || power > kMaxPower)
    return Status::InvalidArgument(
        fmt::format("{}: header power = {} at byte offset {}, expected 1..{}", name, power, header->offset + 36,
                    kMaxPower));

  const bool lagrange = q.ptau_bases == PtauBases::lagrange;
  const uint32_t type = lagrange ? 12 : 2;
  const BinSection* section = file.find(type);
  if (!section)
    return Status::InvalidArgument(
        lagrange ? fmt::format("{}: no Lagrange bases (section 12); run `snarkjs powersoftau prepare phase2` first",
                               name)
                 : fmt::format("{}: missing section 2 (τ powers in G1)", name));
  const uint64_t total = lagrange ? (uint64_t{1} << (power + 2)) - 1 : (uint64_t{1} << (power + 1)) - 1;
  if (section->size != total * 64)
    return Status::InvalidArgument(fmt::format("{}: section {} at byte offset {} holds {} bytes; power {} needs {} "
                                               "points = {} bytes (truncated or mislabelled file?)",
                                               name, type, section->offset - 12, section->size, power, total,
                                               total * 64));
  const uint8_t* points = data + section->offset;
  if (!lagrange) {
    uint64_t first, count;
    if (Status s = select_range(q, total, name, "τ powers", first, count); !s.ok()) return s;
    if (Status s = decode_records(decode_mont_record, points + first * 64, count, first, section->offset + first * 64,
                                  name, out);
        !s.ok())
      return s;
    n = count;
    return Status::Ok();
  }
  const uint64_t domain = q.count;
  if (domain == PointQuery::kAll || domain == 0 || (domain & (domain - 1)) != 0)
    return Status::InvalidArgument(fmt::format(
        "{}: Lagrange bases need a domain size that is a power of two (n = number of scalars); got {}", name,
        domain == PointQuery::kAll ? std::string("none") : std::to_string(domain)));
  if (domain > (uint64_t{1} << power))
    return Status::InvalidArgument(fmt::format("{}: Lagrange domain {} is larger than this ceremony's 2^{} = {}", name,
                                               domain, power, uint64_t{1} << power));
  if (q.offset != 0)
    return Status::InvalidArgument(fmt::format("{}: --bases-offset {} does not apply to Lagrange bases", name, q.offset));
  const uint64_t first = domain - 1;
  if (Status s = decode_records(decode_mont_record, points + first * 64, domain, 0, section->offset + first * 64, name,
                                out);
      !s.ok())
    return s;
  n = domain;
  return Status::Ok();
}

}  // namespace zkmsm::io::detail
