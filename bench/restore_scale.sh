#!/usr/bin/env bash
# Scale at default settings (max_locks_per_transaction 64, max_connections
# 100), in one run.  Per size of TABLES (default "10000 20000 40000"; small
# tables: serial primary key, a text column, 10 rows each, built 1,000 per
# transaction): pd_dump jobs 2 (with its phases and the catalog phase's
# share), what pg_dump -Fd -j 2 does (it runs out of lock slots), and
# pd_restore jobs 2 (with its phases) against pg_restore -j 2 of pd_dump's
# archive, each into an empty database, with their ratio.  Then, unless
# LOS=0, bench/large_objects.sh with LOS (default 1000000) large objects:
# pd_dump, pg_dump -Fd -j 2 (cut at PG_DUMP_TIMEOUT s), pd_restore and
# pg_restore -j 2, with memory.  Wall time and CPU seconds (the cluster's
# processes plus the client's) beside it; `uptime` with each size.  RUNS
# (default 1: the table runs take minutes) repeats each measurement and
# prints the median.  PG_TOOLS=0 skips pg_dump and pg_restore (pd_dump and
# pd_restore only, for their growth).  KEEP=1 keeps the cluster, the
# databases t<N> and the archives: a later run with KEEP=1 reuses what is
# there instead of building it again (40,000 tables take a while).
# Run as root; not part of CI.  PGBIN the PostgreSQL 15 binaries;
# NO_INSTALL=1 skips building and installing the extension.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install

tables=${TABLES:-10000 20000 40000}
los=${LOS:-1000000}
runs=${RUNS:-1}
pg_tools=${PG_TOOLS:-1}
keep=${KEEP:-0}
dir=${BENCH_DIR:-/tmp/pd-scale}
port=${BENCH_PORT:-5478}
# nothing about locks or connections: their defaults are the point
if [ "$keep" = 1 ] && [ -f "$dir/data/PG_VERSION" ]; then
    pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w start >/dev/null 2>&1 || true   # (running already: fine)
    mkdir -p "$dir/out"; chown postgres "$dir/out"
else
    bench_cluster <<< "max_wal_size = 4GB"
fi
[ "$keep" = 1 ] && trap - EXIT
psql_ -Atc "SELECT 'max_locks_per_transaction ' || current_setting('max_locks_per_transaction')
  || ', max_connections ' || current_setting('max_connections')" postgres
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure <label> <before> <command...>: RUNS runs (<before> evaluated before each); prints and sets the
# median wall time $m_wall and CPU $m_cpu; the command's output and errors go to $dir/last.{out,err}
measure() {
    local label=$1 before=$2; shift 2
    local walls=() cpus=() r
    for ((r = 1; r <= runs; r++)); do
        eval "$before"
        sync
        timed "$@" >"$dir/last.out" 2>"$dir/last.err" || echo "   $label failed: $(grep -m1 -E 'ERROR|error' "$dir/last.err")"
        walls+=("$wall"); cpus+=("$cpu")
    done
    m_wall=$(echo "${walls[@]}" | median); m_cpu=$(echo "${cpus[@]}" | median)
    printf '   %-28s %8s s wall, %7s s CPU  (runs: %s)\n' "$label" "$m_wall" "$m_cpu" "${walls[*]}"
}
phases() { sed -n "s/^DEBUG: *$1 phase \(.*\)/      \1/p" "$dir/last.err"; }
# pd_restore's DEBUG1 timing line (restore_timing.h), one part per line
restore_timing() { sed -n 's/^DEBUG: *pd_restore timing: //p' "$dir/last.err" | tr ';' '\n' | sed 's/^ */      /'; }

summary=()
for n in $tables; do
    db=t$n
    if [ "$keep" = 1 ] && [ "$(psql_ -Atc "SELECT count(*) FROM pg_database WHERE datname = '$db'" postgres)" = 1 ]; then
        echo "== $n tables (database $db kept from an earlier run)"
    else
        echo "== $n tables (building)"
        bench_many_tables "$db" "$n"
    fi
    echo "   load: $(uptime | sed 's/.*load/load/')"
    pd=$dir/out/pd_$n
    measure "pd_dump jobs 2" "rm -rf $pd" \
        psql_ -d "$db" -c "SET client_min_messages = debug1" -c "SELECT pd_dump('$pd', 2)"
    dump_wall=$m_wall dump_cpu=$m_cpu
    phases pd_dump
    cat_s=$(sed -n 's/^DEBUG: *pd_dump phase catalog: \([0-9.]*\) s.*/\1/p' "$dir/last.err" | grep . || echo 0)
    # the leader's own CPU in the catalog phase: what grows with the tables, whatever the load
    cat_cpu=$(sed -n 's/^DEBUG: *pd_dump phase catalog: .*leader CPU \([0-9.]*\) s.*/\1/p' "$dir/last.err" | grep . || echo 0)
    echo "      catalog phase: $(calc "100 * $cat_s / $dump_wall") % of the dump"
    pgd="not run (PG_TOOLS=0)"
    if [ "$pg_tools" = 1 ]; then
        measure "pg_dump -Fd -j 2" "rm -rf $dir/out/pg_$n" \
            pg pg_dump -h "$dir" -p "$port" -Fd -j 2 -f "$dir/out/pg_$n" "$db"
        pgd=$(grep -m1 -o 'error: .*' "$dir/last.err" || echo "succeeded")
        echo "      pg_dump -Fd -j 2: $pgd"
        rm -rf "$dir/out/pg_$n"
    fi
    measure "pd_restore jobs 2" "psql_ -c 'DROP DATABASE IF EXISTS r_pd' -c 'CREATE DATABASE r_pd' postgres" \
        psql_ -d "$db" -c "SET client_min_messages = debug1" -c "SELECT * FROM pd_restore('$pd', 'r_pd', 2)"
    pdr_wall=$m_wall pdr_cpu=$m_cpu
    restore_timing
    pre_s=$(sed -n 's/^DEBUG: *pd_restore timing: .*pre-data \([0-9.]*\) s.*/\1/p' "$dir/last.err" | grep . || echo 0)
    restores="r_pd" vs="pg_restore not run (PG_TOOLS=0)"
    if [ "$pg_tools" = 1 ]; then
        measure "pg_restore -j 2 (same archive)" "psql_ -c 'DROP DATABASE IF EXISTS r_pg' -c 'CREATE DATABASE r_pg' postgres" \
            pg pg_restore -j 2 -h "$dir" -p "$port" -d r_pg "$pd"
        ratio=$(calc_digits=2 calc "$pdr_wall / $m_wall")
        echo "   pd_restore / pg_restore = $ratio (CPU $(calc_digits=2 calc "$pdr_cpu / $m_cpu"))"
        restores="r_pd r_pg" vs="pg_restore -j 2 ${m_wall} s = ${ratio}"
    fi
    same=$(for r in $db $restores; do psql_ -d $r -Atc "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"; done | sort -u | wc -l)
    [ "$same" = 1 ] || echo "   the restores have a different number of relations than the source"
    summary+=("$n tables: pd_dump ${dump_wall} s, CPU ${dump_cpu} s (catalog ${cat_s} s, its leader CPU ${cat_cpu} s); pg_dump -j 2 ${pgd}; pd_restore ${pdr_wall} s, CPU ${pdr_cpu} s (pre-data ${pre_s} s) / ${vs}; $(uptime | sed 's/.*load/load/')")
    for r in $restores; do psql_ -c "DROP DATABASE $r" postgres; done
    if [ "$keep" != 1 ]; then
        rm -rf "$pd"
        psql_ -c "DROP DATABASE $db" postgres
    fi
done
printf '%s\n' "${summary[@]}"

if [ "$los" -gt 0 ]; then
    trap - EXIT
    pg pg_ctl -D "$dir/data" -m fast stop >/dev/null
    echo "== large objects: bench/large_objects.sh with LOBS=$los; $(uptime | sed 's/.*load/load/')"
    LOBS=$los RUNS=$runs bash bench/large_objects.sh
fi
