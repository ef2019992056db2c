#include "bench.hpp"

namespace zkmsm::cli {

int bench_memory_sweep(const BenchOptions&) { return report(Status::Unavailable("zkmsm bench: the memory sweep is being built")); }

}  // namespace zkmsm::cli
