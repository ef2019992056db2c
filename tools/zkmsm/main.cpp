// zkmsm command line: plan, run, check, bench, convert, info. Human text goes to stderr, JSON to stdout.
#include "cli.hpp"

int main(int argc, char** argv) {
  using namespace zkmsm::cli;
  CLI::App app{"zkmsm: multi-scalar multiplication on BN254 G1"};
  app.require_subcommand(1);
  Action action;
  add_run(app, action);
  add_check(app, action);
  add_info(app, action);
  add_plan(app, action);
  add_bench(app, action);
  add_convert(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  try {
    return action();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zkmsm: %s\n", e.what());
    return kExitFailure;
  }
}
