#!/usr/bin/env bash
# Installs zkmsm's build and test dependencies (Debian 12 packages and the pinned npm cross-check
# peers). Idempotent: skips what is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libgmp-dev libcli11-dev libfmt-dev nlohmann-json3-dev libgtest-dev
          libbenchmark-dev nodejs npm python3-matplotlib)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from outside Debian (e.g. nodesource); accept any node >= 18 with npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d scripts/node/node_modules ] || [ scripts/node/package-lock.json -nt scripts/node/node_modules ]; then
  echo "setup: installing npm cross-check peers" >&2
  npm ci --prefix scripts/node --no-audit --no-fund --loglevel=error
  touch scripts/node/node_modules
fi
