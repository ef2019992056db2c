#include "bench.hpp"

namespace zkmsm::cli {

int bench_throughput(const BenchOptions&) { return report(Status::Unavailable("zkmsm bench: throughput mode is being built")); }

}  // namespace zkmsm::cli
