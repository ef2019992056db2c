#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include "cli.hpp"

namespace zkmsm::cli {

bool parse_count(const std::string& text, uint64_t& out) {
  if (auto caret = text.find('^'); caret != std::string::npos) {
    if (text.substr(0, caret) != "2") return false;
    uint64_t e;
    if (!parse_count(text.substr(caret + 1), e) || e > 62) return false;
    out = uint64_t{1} << e;
    return true;
  }
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || v < 0 || v != std::floor(v) || v > 9.2e18) return false;
  out = static_cast<uint64_t>(v);
  return true;
}

bool parse_bytes(const std::string& text, uint64_t& out) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end == text.c_str() || v < 0) return false;
  const std::string unit = end;
  double scale = 0;
  const std::pair<const char*, double> units[] = {{"", 1},       {"B", 1},         {"KB", 1e3},       {"MB", 1e6},
                                                  {"GB", 1e9},   {"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
                                                  {"K", 1 << 10}, {"M", 1 << 20},  {"G", 1 << 30}};
  for (const auto& [name, factor] : units)
    if (unit == name) scale = factor;
  if (scale == 0) return false;
  out = static_cast<uint64_t>(std::llround(v * scale));
  return true;
}

void CommonOptions::add_to(CLI::App& app, bool with_size) {
  app.add_option("--backend", backend, "cpu, cuda or auto (CUDA when a device is present)")
      ->check(CLI::IsMember({"cpu", "cuda", "auto"}));
  app.add_option("--threads", threads, "CPU threads (0 = all cores)");
  app.add_option("--c", c, "window width in bits (0 = planner's choice)");
  app.add_option("--window-passes", window_passes, "force this many window passes (0 = fewest that fit)");
  app.add_option("--point-chunks", point_chunks, "CUDA: stream the scalars in this many chunks (0 = planner's choice)");
  app.add_option("--memory-budget", memory_budget, "memory budget, e.g. 96MiB, 1.5GiB, 100000000 (0 = none)");
  app.add_flag("--json", json, "print one JSON object on stdout");
  if (with_size) {
    app.add_option("--n", n, "number of points, e.g. 1000 or 2^20");
    app.add_option("--log-n", log_n, "n = 2^log_n")->check(CLI::Range(0, 30));
  }
}

std::string CommonOptions::to_config(MsmConfig& config) const {
  config.backend = backend == "cuda" ? Backend::cuda : backend == "auto" ? Backend::automatic : Backend::cpu;
  config.threads = threads;
  config.c = c;
  config.window_passes = window_passes;
  config.point_chunks = point_chunks;
  if (!parse_bytes(memory_budget, config.memory_budget_bytes))
    return fmt::format("--memory-budget: cannot read '{}' (try 96MiB, 1.5GiB or a byte count)", memory_budget);
  return {};
}

bool CommonOptions::size(uint64_t& out, std::string& error) const {
  if (!n.empty()) {
    if (!parse_count(n, out)) {
      error = fmt::format("--n: cannot read '{}' (try 1000 or 2^20)", n);
      return false;
    }
    return true;
  }
  if (log_n >= 0) {
    out = uint64_t{1} << log_n;
    return true;
  }
  return false;
}

int report(const Status& status) {
  if (status.ok()) return kExitOk;
  std::fprintf(stderr, "zkmsm: %s\n", status.message().c_str());
  const bool input_error = status.code() == StatusCode::invalid_argument || status.code() == StatusCode::io_error ||
                           status.code() == StatusCode::out_of_memory;
  return input_error ? kExitUsage : kExitFailure;
}

}  // namespace zkmsm::cli
