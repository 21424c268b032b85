#!/usr/bin/env bash
# The one-big-table case alone (bench/bench.sh runs it too, with the rest):
# a database where one ROWS-row (default 4M) orders-like table (numeric,
# timestamptz, jsonb, text) holds nearly all the data.  Runs pd_dump jobs 1,
# pd_dump jobs 2 and pg_dump -Fd -j 2, alternating, ROUNDS times (default
# 5), and prints for each the median wall time, the median CPU seconds of
# client plus server processes (see bench/lib.sh), and the archive size;
# then checks that stock pg_restore -j 2 restores the jobs-2 archive exactly.
# Run as root: it builds and installs the extension (PGBIN's PostgreSQL;
# NO_INSTALL=1 skips that), then starts its own cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install
rows=${ROWS:-4000000}
rounds=${ROUNDS:-5}
port=${PORT:-5479}
dir=${DIR:-/tmp/pd-big-table}
bench_cluster <<CONF
shared_buffers = 512MB
max_wal_size = 4GB
autovacuum = off
CONF

echo "building: one table of $rows orders-like rows, and a few small ones"
psql_ -c "CREATE DATABASE big" postgres
bench_orders big "$rows"
psql_ -d big -c "CREATE TABLE customers AS SELECT g AS id, 'customer ' || g AS name FROM generate_series(1, 50000) g" \
  -c "CREATE TABLE settings AS SELECT g AS id, 'value ' || g AS v FROM generate_series(1, 100) g" \
  -c "VACUUM ANALYZE" -c "CREATE EXTENSION parallel_dump"
psql_ -d big -Atc "SELECT 'database ' || pg_size_pretty(pg_database_size('big')) || ', orders '
    || pg_size_pretty(pg_table_size('orders'))"

pd() { psql_ -d big -Atc "SET client_min_messages = debug1; SELECT pd_dump('$dir/out/$1', $2)"; }
prep_pd_dump_j1() { rm -rf "$dir/out/pd1"; }
cmd_pd_dump_j1() { pd pd1 1; }
prep_pd_dump_j2() { rm -rf "$dir/out/pd2"; }
cmd_pd_dump_j2() { pd pd2 2; }
prep_pg_dump_j2() { rm -rf "$dir/out/pg2"; }
cmd_pg_dump_j2() { pg pg_dump -h "$dir" -p "$port" -Fd -j 2 -f "$dir/out/pg2" big; }
bench_rounds "$rounds" pd_dump_j1 pd_dump_j2 pg_dump_j2

echo
echo "medians of $rounds alternating runs; load now: $(uptime | sed 's/.*load average: //')"
printf "%-12s %10s %10s %10s\n" "" "wall s" "cpu s" "size MB"
for n in pd_dump_j1 pd_dump_j2 pg_dump_j2; do
    case $n in pd_dump_j1) a=pd1 ;; pd_dump_j2) a=pd2 ;; *) a=pg2 ;; esac
    printf "%-12s %10s %10s %10.1f\n" "$n" "$(bench_median $n 1)" "$(bench_median $n 2)" \
        "$(du -sb "$dir/out/$a" | awk '{ print $1 / 1048576 }')"
done
echo "pd_dump jobs 1 / jobs 2 (speedup): $(calc_digits=2 calc "$(bench_median pd_dump_j1 1) / $(bench_median pd_dump_j2 1)")"
echo "pd_dump jobs 2 / pg_dump -Fd -j 2 (time): $(calc_digits=2 calc "$(bench_median pd_dump_j2 1) / $(bench_median pg_dump_j2 1)")"
echo "pd_dump's phases, the workers' busy and idle time, the cost of appending the pieces (last run, jobs 2):"
grep -E "phase|pieces|worker [0-9]+: [0-9]+ items|leader: [0-9.]+ s" "$dir/pd_dump_j2.log" | tail -11 | sed 's/^/  /'

# the jobs-2 archive restores exactly with stock pg_restore -j 2
psql_ -c "CREATE DATABASE check_restore" postgres
pg pg_restore -j 2 -h "$dir" -p "$port" -d check_restore "$dir/out/pd2"
q="SELECT count(*), md5(string_agg(md5(o::text), '' ORDER BY id)) FROM orders o"
a=$(psql_ -d big -Atc "$q"); b=$(psql_ -d check_restore -Atc "$q")
[ "$a" = "$b" ] && echo "pg_restore -j 2 of pd_dump's jobs-2 archive: orders identical ($a)" \
    || { echo "pg_restore -j 2 of pd_dump's jobs-2 archive: orders DIFFER ($a vs $b)"; exit 1; }
