// zkmsm convert: points or scalars from one format to another, validated on the way in.
//   zkmsm convert --points pot12.ptau --to bb --out bn254_g1.dat [--n 4096] [--bases-offset K] [--ptau-bases lagrange]
//   zkmsm convert --scalars witness.wtns --to raw --out scalars.bin
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "io/formats.hpp"
#include "io/raw.hpp"

namespace zkmsm::cli {

namespace {

struct ConvertOptions {
  std::string points, scalars, to, out, n, ptau_bases = "tau";
  uint64_t bases_offset = 0;
  bool json = false;
};

int convert(const ConvertOptions& o) {
  if (o.points.empty() == o.scalars.empty())
    return report(Status::InvalidArgument("give exactly one of --points and --scalars"));
  const bool points = !o.points.empty();
  io::Format to;
  if (!io::parse_format(o.to, to)) return report(Status::InvalidArgument("--to: unknown format " + o.to));
  if (points ? !io::format_can_write_points(to) : !io::format_has_scalars(to))
    return report(Status::InvalidArgument(fmt::format("--to {}: cannot write {} in that format", o.to,
                                                      points ? "points" : "scalars")));
  std::string path;
  std::optional<io::Format> from;
  io::split_spec(points ? o.points : o.scalars, path, from);
  if (!from)
    if (Status s = io::guess_file_format(path, from.emplace()); !s.ok()) return report(s);

  std::vector<uint8_t> raw, encoded;
  uint64_t n = 0;
  if (points) {
    io::PointQuery q;
    q.offset = o.bases_offset;
    q.ptau_bases = o.ptau_bases == "lagrange" ? io::PtauBases::lagrange : io::PtauBases::tau;
    if (!o.n.empty() && !parse_count(o.n, q.count))
      return report(Status::InvalidArgument(fmt::format("--n: cannot read '{}'", o.n)));
    if (Status s = io::read_points(path, *from, q, raw, n); !s.ok()) return report(s);
    if (Status s = io::encode_points(to, raw.data(), n, encoded); !s.ok()) return report(s);
  } else {
    if (o.bases_offset || o.ptau_bases != "tau")
      return report(Status::InvalidArgument("--bases-offset and --ptau-bases apply to --points"));
    if (Status s = io::read_scalars(path, *from, raw, n); !s.ok()) return report(s);
    if (!o.n.empty()) {
      uint64_t want;
      if (!parse_count(o.n, want) || want > n)
        return report(Status::InvalidArgument(fmt::format("--n {}: the file holds {} scalars", o.n, n)));
      n = want;
    }
    if (Status s = io::encode_scalars(to, raw.data(), n, encoded); !s.ok()) return report(s);
  }
  if (Status s = io::write_file(o.out, encoded); !s.ok()) return report(s);
  const char* kind = points ? "points" : "scalars";
  std::fprintf(stderr, "zkmsm: wrote %llu %s from %s (%s) to %s (%s), %zu bytes\n", static_cast<unsigned long long>(n),
               kind, path.c_str(), io::format_name(*from), o.out.c_str(), io::format_name(to), encoded.size());
  if (o.json)
    std::printf("%s\n", nlohmann::json{{"kind", kind},
                                       {"n", n},
                                       {"from", path},
                                       {"from_format", io::format_name(*from)},
                                       {"out", o.out},
                                       {"to_format", io::format_name(to)},
                                       {"bytes", encoded.size()}}
                            .dump()
                            .c_str());
  return kExitOk;
}

}  // namespace

void add_convert(CLI::App& app, Action& action) {
  auto o = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app.add_subcommand("convert", "convert points or scalars between file formats (validated)");
  cmd->add_option("--points", o->points, "points FILE[:format] (raw|ptau|bb|arkworks|gnark; guessed if absent)");
  cmd->add_option("--scalars", o->scalars, "scalars FILE[:format] (raw|wtns|arkworks|gnark; guessed if absent)");
  cmd->add_option("--to", o->to, "output format: raw|bb|arkworks|gnark for points, raw|wtns|arkworks|gnark for scalars")
      ->required();
  cmd->add_option("--out", o->out, "output file")->required();
  cmd->add_option("--n", o->n, "take only this many points (from --bases-offset) or scalars, e.g. 4096 or 2^12");
  cmd->add_option("--bases-offset", o->bases_offset, "first point to take (default 0)");
  cmd->add_option("--ptau-bases", o->ptau_bases, ".ptau: tau (section 2) or lagrange (section 12, domain --n)")
      ->check(CLI::IsMember({"tau", "lagrange"}));
  cmd->add_flag("--json", o->json, "print one JSON object on stdout");
  cmd->callback([&action, o] { action = [o] { return convert(*o); }; });
}

}  // namespace zkmsm::cli
