#!/usr/bin/env bash
# Sets up, builds and runs a demo MSM (2^16 points, checked against the known-discrete-log oracle)
# on the CPU, or on CUDA when a GPU is present.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DZKMSM_BUILD_TESTS=OFF -DZKMSM_BUILD_BENCH=OFF
cmake --build build -j"$(nproc)" --target zkmsm_cli
build/tools/zkmsm/zkmsm run --log-n 16 --check --backend auto "$@"
