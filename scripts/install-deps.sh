#!/usr/bin/env bash
# Installs what building and testing parallel_dump needs on Debian bookworm.
# Idempotent: does nothing when everything is already there.
set -euo pipefail
packages=(postgresql-15 postgresql-server-dev-15 postgresql-15-cron postgresql-contrib
          libipc-run-perl libdeflate-dev libisal-dev zlib1g-dev libpq-dev pkg-config pgcopydb g++ make clang-14 llvm-14
          bzip2)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# the Debian package starts a cluster of its own; tests start their own
command -v pg_config >/dev/null || { echo "pg_config not found" >&2; exit 1; }
