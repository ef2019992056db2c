// Shared pieces of the zkmsm command line: option parsing helpers and the subcommand registry.
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>

#include "zkmsm/plan.hpp"
#include "zkmsm/status.hpp"

namespace zkmsm::cli {

// Exit codes: 0 ok, 1 failure or mismatch, 2 usage or input error.
constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2;

// "1000", "2^20", "1e6" → count; "96MiB", "1.5GiB", "100000000", "64KB" → bytes.
bool parse_count(const std::string& text, uint64_t& out);
bool parse_bytes(const std::string& text, uint64_t& out);

// Options most commands share: backend, threads, c, passes, budget, size.
struct CommonOptions {
  std::string backend = "cpu";
  unsigned threads = 0;
  unsigned c = 0;
  unsigned window_passes = 0;
  unsigned point_chunks = 0;
  std::string memory_budget = "0";
  std::string n;
  int log_n = -1;  // -1 = not given
  bool json = false;

  void add_to(CLI::App& app, bool with_size);
  // Fills config; returns a one-line error (empty when fine).
  std::string to_config(MsmConfig& config) const;
  // n from --n or --log-n; false when neither was given (or unparsable: `error` set).
  bool size(uint64_t& n, std::string& error) const;
};

// Prints "zkmsm: <message>" to stderr and returns the exit code for the status.
int report(const Status& status);

using Action = std::function<int()>;
void add_run(CLI::App& app, Action& action);
void add_check(CLI::App& app, Action& action);
void add_info(CLI::App& app, Action& action);
void add_plan(CLI::App& app, Action& action);
void add_bench(CLI::App& app, Action& action);
void add_convert(CLI::App& app, Action& action);

}  // namespace zkmsm::cli
