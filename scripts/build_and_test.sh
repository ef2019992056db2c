#!/usr/bin/env bash
# Sets up, builds and runs every host test (the README's test command; CI runs exactly this).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DZKMSM_BUILD_TESTS=ON -DZKMSM_BUILD_BENCH=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" -LE 'gpu|fuzz'
