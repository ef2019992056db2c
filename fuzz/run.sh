#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a bounded time.
# Usage: fuzz/run.sh [--seconds S] [--build DIR] [--jobs J] [--no-run] [target...]
#   targets: raw ptau wtns bb arkworks gnark (default: all). Corpora persist in DIR/corpus/<target>.
# Prints one line per target (executions, corpus size, findings). Exit 0 no findings, 1 a finding, 2 usage.
# Not part of CI: clang is installed here on demand (Debian package), only for fuzzing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds=60 build="$root/build-fuzz" run=1 targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --no-run) run=0; shift ;;
    raw|ptau|wtns|bb|arkworks|gnark) targets+=("$1"); shift ;;
    *) echo "usage: fuzz/run.sh [--seconds S] [--build DIR] [--no-run] [target...]" >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=(raw ptau wtns bb arkworks gnark)

if ! command -v clang++ >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "fuzz: installing clang" >&2
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq clang >/dev/null
fi
# Serialise builds when several ctest fuzz tests start together.
mkdir -p "$build"
exec 9>"$build/.lock"
flock 9
cmake -S "$root/fuzz" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 >/dev/null
# Seeds: small valid files of every format (scripts/node/fuzz_seeds.mjs), made once.
if [ ! -f "$build/seeds/.done" ]; then
  node "$root/scripts/node/fuzz_seeds.mjs" "$build/seeds"
  touch "$build/seeds/.done"
fi
flock -u 9
((run)) || exit 0

status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"; artifacts="$build/artifacts/$t/"
  mkdir -p "$corpus" "$artifacts"
  log="$build/fuzz_$t.log"
  set +e
  "$build/fuzz_$t" "$corpus" "$build/seeds/$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  findings=$(find "$artifacts" -type f | wc -l)
  echo "fuzz_$t: ${seconds}s, $execs executions, corpus $(ls "$corpus" | wc -l) inputs, $findings finding(s), exit $rc"
  if ((rc != 0 || findings != 0)); then
    status=1
    grep -m5 -E 'ERROR|invariant|SUMMARY' "$log" >&2 || true
  fi
done
exit $status
