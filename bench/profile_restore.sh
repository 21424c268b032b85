#!/usr/bin/env bash
# Where a restore's CPU goes: perf profiles of pd_restore jobs 2 and of
# pg_restore -j 2's server backends (plus, separately, the pg_restore client)
# on the two archives bench/bench.sh made (run bench.sh first with the same
# BENCH_DIR: its cluster's data directory and out/{pg,pd} are reused; this
# script starts that cluster and stops it again).  Profiles the whole
# restore, then each big table's data alone (restored with tables => / -t
# into a fresh database: CREATE TABLE and COPY, no index).  Prints for each
# the top symbols by self time (perf report --no-children) and the split by
# shared object.  perf records the whole machine; the reports keep the
# samples of the cluster's processes (their pids polled during each run).
# Run as root.  TABLES (default "orders events pgbench_accounts"), ARCHIVES
# ("pg pd": whose whole restores are profiled), TOP (25).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
dir=${BENCH_DIR:-/tmp/pd-bench}
port=${BENCH_PORT:-5477}
top=${TOP:-25}
tables=${TABLES:-orders events pgbench_accounts}
prof=$dir/perf
mkdir -p "$prof"
[ -f "$dir/data/postmaster.pid" ] || pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
trap 'runuser -u postgres -- pg_ctl -D "$dir/data" -m fast stop >/dev/null 2>&1 || true' EXIT
pm=$(head -1 "$dir/data/postmaster.pid")
out=$dir/out

fresh_db() { psql_ -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" postgres; }

# the cluster's processes now (the postmaster and its children), one pid a line
cluster_pids() {
    local c k
    echo "$pm"
    for c in /proc/$pm/task/*/children; do k=(); read -r -a k < "$c" 2>/dev/null || true; printf '%s\n' "${k[@]}"; done
}
# profiled NAME CMD...: CMD run under perf record; the report keeps the
# samples of the cluster's processes only (their pids polled during the run:
# perf -p with inheritance left the new backends' code unresolved)
profiled() {
    local name=$1; shift
    sync; psql_ -c CHECKPOINT postgres
    perf record -q -a -F 499 -o "$prof/$name.data" >/dev/null 2>&1 &
    local perf_pid=$!
    sleep 1
    : > "$prof/$name.pids"
    (while :; do cluster_pids >> "$prof/$name.pids"; sleep 0.2; done) &
    local poll=$!
    timed "$@" >/dev/null
    kill "$poll" 2>/dev/null || true; wait "$poll" 2>/dev/null || true
    kill -INT "$perf_pid"; wait "$perf_pid" || true
    local pids
    pids=$(sort -un "$prof/$name.pids" | paste -sd,)
    echo "== $name: wall $wall s, cpu $cpu s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    report "$prof/$name" --pid "$pids"
}

# report DATA PERF-OPTIONS...: the share of each shared object, then the top
# symbols (percentages of the samples kept); PostgreSQL's static functions
# have no symbol in Debian's binary: named after the exported symbol before
# them ("postgres:after EndCopyFrom" is copyfromparse.c's line and field
# parsing), so that they add up by source file
report() {
    local data=$1; shift
    perf report -q -i "$data.data" "$@" --percentage relative --no-children --sort dso,sym 2>/dev/null \
        > "$data.txt" || true
    local exe
    exe=$(command -v postgres)
    python3 - "$data.txt" "$top" "$exe" <<'PY'
import bisect, subprocess, sys
syms = []
for line in subprocess.run(['nm', '-D', '--defined-only', sys.argv[3]], capture_output=True, text=True).stdout.splitlines():
    p = line.split()
    if len(p) >= 3:
        syms.append((int(p[0], 16), p[2]))
syms.sort()
addrs = [a for a, _ in syms]
by_dso, by_sym = {}, {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) < 4 or not p[0].endswith('%'):
        continue
    pct, dso, sym = float(p[0][:-1]), p[1], p[3]
    if dso == 'postgres' and sym.startswith('0x') and syms:
        i = bisect.bisect_right(addrs, int(sym, 16)) - 1
        sym = 'after ' + syms[max(i, 0)][1]
    by_dso[dso] = by_dso.get(dso, 0) + pct
    by_sym[dso + ':' + sym] = by_sym.get(dso + ':' + sym, 0) + pct
print('  by object: ' + ', '.join('%s %.1f%%' % kv for kv in sorted(by_dso.items(), key=lambda kv: -kv[1])[:6]))
for k, v in sorted(by_sym.items(), key=lambda kv: -kv[1])[:int(sys.argv[2])]:
    print('  %5.2f%%  %s' % (v, k))
PY
    echo
}

pd_r() { psql_ -Atc "SELECT restored, failed FROM pd_restore('$1', '$2', 2 $3)" postgres; }
pg_r() { pg pg_restore -j 2 -h "$dir" -p "$port" -d "$2" $3 "$1"; }

for a in ${ARCHIVES:-pg pd}; do
    fresh_db r_prof; profiled "pd_restore_${a}_all" pd_r "$out/$a" r_prof ""
    fresh_db r_prof; profiled "pg_restore_${a}_all" pg_r "$out/$a" r_prof ""
done
for t in $tables; do
    fresh_db r_prof; profiled "pd_restore_pg_$t" pd_r "$out/pg" r_prof ", tables => '{$t}'"
    fresh_db r_prof; profiled "pg_restore_pg_$t" pg_r "$out/pg" r_prof "-t $t"
done
# the pg_restore client itself (inflate, reading, sending), whole restore of pg_dump's archive
fresh_db r_prof
perf record -q -F 499 -o "$prof/pg_restore_client.data" -- \
    runuser -u postgres -- pg_restore -j 2 -h "$dir" -p "$port" -d r_prof "$out/pg" >/dev/null 2>&1
echo "== the pg_restore -j 2 client, pg_dump's archive"
report "$prof/pg_restore_client"
