#!/usr/bin/env bash
# Runs the GPU tests and the CUDA benchmark on a device machine from binaries carried in
# build-cuda/carry (zkmsm_gpu_tests, zkmsm_cuda_bench, zkmsm, libfmt.so.9, libgmp.so.10).
#   tests/gpu/device_run.sh OUT_DIR STEP...   steps: smoke tests tests24 sanitize cli bench bench24 ab passes sweep cli_bench profile fieldab sass stream chunks csweep
set -u
out=${1:?out dir}; shift
bin=$(cd "$(dirname "$0")/../../build-cuda/carry" && pwd)
export LD_LIBRARY_PATH=$bin${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm --format=csv | tee -a "$out/device.txt"
dists=uniform,all-equal,small,sparse,half-ones
for step in "$@"; do
  echo "=== $step $(date -u +%H:%M:%S)"
  case $step in
    smoke) timeout 120 "$bin/zkmsm_gpu_tests" --gtest_filter='DeviceMath.*:CudaMsm.OracleAtPowersOfTwo:CudaMsm.MatchesCpuBackend' 2>&1 | tee "$out/smoke.log" | tail -25 ;;
    tests) timeout 400 "$bin/zkmsm_gpu_tests" 2>&1 | tee "$out/tests.log" | grep -E "FAILED|OK|PASSED|Failure|MISMATCH|Expected|Which|n=2" | tail -60 ;;
    tests24) timeout 300 "$bin/zkmsm_gpu_tests" --gtest_also_run_disabled_tests --gtest_filter='*2to24*' 2>&1 | tee "$out/tests24.log" | tail -15 ;;
    sanitize) timeout 200 compute-sanitizer --tool memcheck --error-exitcode 9 "$bin/zkmsm_gpu_tests" --gtest_filter='CudaMsm.MatchesCpuBackend' 2>&1 | tee "$out/memcheck.log" | tail -8
              timeout 200 compute-sanitizer --tool racecheck --error-exitcode 9 "$bin/zkmsm_gpu_tests" --gtest_filter='CudaMsm.MatchesCpuBackend' 2>&1 | tee "$out/racecheck.log" | tail -8 ;;
    bench) timeout 300 "$bin/zkmsm_cuda_bench" --log-n 16,18,20,22 --dists $dists --reps 7 > "$out/bench.jsonl" 2> "$out/bench.txt"; cat "$out/bench.txt" ;;
    bench24) timeout 300 "$bin/zkmsm_cuda_bench" --log-n 24 --dists $dists --reps 5 > "$out/bench24.jsonl" 2> "$out/bench24.txt"; cat "$out/bench24.txt" ;;
    cli) timeout 200 "$bin/zkmsm" check 2>&1 | tail -3 | tee "$out/cli.log"
         timeout 100 "$bin/zkmsm" run --backend auto --log-n 20 --dist half-ones --check 2>&1 | tail -5 | tee -a "$out/cli.log" ;;
    ab) for v in zkmsm_cuda_bench_v1 zkmsm_cuda_bench; do  # A/B of two builds on the same warm card
          timeout 100 "$bin/$v" --log-n 16,20,22 --dists uniform,all-equal --reps 7 > "$out/ab_$v.jsonl" 2> "$out/ab_$v.txt"
          echo "--- $v"; cat "$out/ab_$v.txt"; done ;;
    passes) for p in 1 2 5 9 17; do  # the memory/time trade at 2^20 (c = 15 has 17 windows)
              timeout 60 "$bin/zkmsm_cuda_bench" --log-n 20 --passes $p --reps 7 2>&1 >> "$out/passes.jsonl" | tail -1; done ;;
    stream) timeout 250 "$bin/zkmsm_cuda_bench" --log-n 18,19,20,21,22,23,24 --dists uniform,all-equal --reps 5 --chunks 0 \
              > "$out/stream.jsonl" 2> "$out/stream.txt"; cat "$out/stream.txt" ;;
    chunks) for pk in "1 4" "1 8" "1 16" "2 16" "2 64" "4 8" "6 2" "17 1"; do set -- $pk  # passes, chunks at 2^20
              timeout 60 "$bin/zkmsm_cuda_bench" --log-n 20 --passes $1 --chunks $2 --reps 5 2>&1 >> "$out/chunks.jsonl" | tail -1; done ;;
    sweep) timeout 200 "$bin/zkmsm" bench --backend cuda --log-n 20 --sweep memory --repetitions 7 \
             --out "$out/sweep_cuda_2_20.jsonl" 2>&1 | tail -40 ;;
    cli_bench) timeout 200 "$bin/zkmsm" bench --backend cuda --log-n 20 --dist uniform --dist all-equal --dist small \
             --dist sparse --dist half-ones --repetitions 7 --out "$out/bench_cli_2_20.jsonl" 2>&1 | tail -12 ;;
    profile) sec="--section SpeedOfLight --section ComputeWorkloadAnalysis --section InstructionStats --section WarpStateStats --section Occupancy --section SchedulerStats --section LaunchStats --section MemoryWorkloadAnalysis"
             timeout 300 ncu --clock-control none -k "regex:${PROFILE_KERNELS:-accumulate_digits|digits_kernel|combine_pieces|reduce_level|scan}" \
               --launch-count ${PROFILE_LAUNCHES:-24} $sec "$bin/zkmsm_cuda_bench" --log-n ${PROFILE_LOG_N:-22} --dists uniform --reps 1 \
               > "$out/profile.txt" 2>&1; grep -E "^  [a-z_]|Duration|Compute \(SM\) Throughput|Memory Throughput|Issue Slots Busy|Registers Per|Achieved Occupancy|Executed Ipc A" "$out/profile.txt" | head -150
             cuobjdump --dump-sass "$bin/zkmsm_cuda_bench" > "$out/sass.txt" 2>&1; wc -l "$out/sass.txt" ;;
    fieldab) for v in zkmsm_field_bench_v1 zkmsm_field_bench; do echo "--- $v"; "$bin/$v" ${FIELD_ITERS:-2000} | tee "$out/$v.jsonl"; done ;;
    sass) for v in zkmsm_cuda_bench_v1 zkmsm_cuda_bench; do  # opcode histogram of the accumulation kernel
            cuobjdump --dump-sass "$bin/$v" | awk '/Function : /{f = /accumulate_digits/} f' > "$out/sass_acc_$v.txt"
            echo "--- $v: $(grep -c '/\*[0-9a-f]*\*/' "$out/sass_acc_$v.txt") instructions"
            grep -o '\*/ *[@!A-Z0-9_]* *[A-Z][A-Z0-9._]*' "$out/sass_acc_$v.txt" | awk '{print $NF}' | sort | uniq -c | sort -rn | head -25
          done ;;
    csweep) timeout 200 "$bin/zkmsm_cuda_bench" --log-n ${CSWEEP_N:-16,20} --c-sweep ${CSWEEP:-10-18} --reps 5 > "$out/csweep.jsonl" 2> "$out/csweep.txt"; cat "$out/csweep.txt" ;;
  esac
done
