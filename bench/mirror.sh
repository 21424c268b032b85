#!/usr/bin/env bash
# Copies one ~1.2 GB database (pgbench scale 30 plus a 3M-row table) from one
# cluster to a second cluster on the same machine three ways, alternating, in
# the same run: pd_mirror (jobs 2), pgcopydb clone (--table-jobs 2
# --index-jobs 2) and pg_dump -Fd -j 2 -Z 0 followed by pg_restore -j 2.
# Prints each round and the medians of wall-clock and CPU seconds (CPU: both
# clusters' server processes plus the client programs), with the load.  A
# fourth variant, pd_mirror with parallel_dump.dump_split_size = 0, shows
# what cutting the biggest table (pgbench_accounts) into pieces gains.
# Run as root: it builds and installs the extension (into PG_CONFIG's
# installation), then starts two clusters.  ROUNDS (default 5), SCALE, ROWS,
# BENCH_DIR, SRC_PORT, DST_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-pg_config}
bin=$($PG_CONFIG --bindir)
export PATH=$bin:$PATH
# bench_server_ticks (the CPU of a cluster); the helpers below are this script's own
PGBIN=$bin
. bench/lib.sh
make -s -j2 PG_CONFIG="$PG_CONFIG" >/dev/null && make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
command -v pgcopydb >/dev/null || { echo "pgcopydb is not installed (scripts/install-deps.sh)" >&2; exit 1; }

scale=${SCALE:-30}
rows=${ROWS:-3000000}
rounds=${ROUNDS:-5}
dir=${BENCH_DIR:-/tmp/pd-mirror-bench}
src_port=${SRC_PORT:-5478}
dst_port=${DST_PORT:-5479}
pg() { runuser -u postgres -- env PATH="$PATH" "$@"; }
for c in src dst; do
    [ -f "$dir/$c/postmaster.pid" ] && pg pg_ctl -D "$dir/$c" -m immediate stop >/dev/null 2>&1 || true
done
rm -rf "$dir"; mkdir -p "$dir/out"; chown -R postgres "$dir"
for c in src dst; do
    port=$src_port; [ $c = dst ] && port=$dst_port
    pg initdb -D "$dir/$c" -A trust >/dev/null
    cat >> "$dir/$c/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$dir'
max_worker_processes = 16
shared_buffers = 256MB
max_wal_size = 4GB
CONF
    pg pg_ctl -D "$dir/$c" -l "$dir/$c.log" -w start >/dev/null
done
trap 'for c in src dst; do pg pg_ctl -D "$dir/$c" -m fast stop >/dev/null 2>&1 || true; done' EXIT
psql_() { pg psql -X -q -h "$dir" -v ON_ERROR_STOP=1 "$@"; }
src_conn="host=$dir port=$src_port dbname=bench"

echo "building the database: pgbench scale $scale + a $rows-row table"
psql_ -p $src_port -c "CREATE DATABASE bench"
pg pgbench -h "$dir" -p $src_port -i -q -s "$scale" bench >/dev/null 2>&1
psql_ -p $src_port -d bench -c "CREATE TABLE events AS SELECT g AS id, now() - g * interval '1 second' AS at,
  (g % 1000) AS kind, md5(g::text) AS payload, (g * 0.37)::numeric(12,2) AS amount
  FROM generate_series(1, $rows) g" -c "ALTER TABLE events ADD PRIMARY KEY (id)" -c "VACUUM ANALYZE" \
  -c "CREATE EXTENSION parallel_dump"
psql_ -p $src_port -d bench -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('bench'))"
psql_ -p $src_port -d bench -Atc "SELECT 'tables: ' || string_agg(relname || ' ' || pg_size_pretty(pg_table_size(oid)), ', '
  ORDER BY pg_table_size(oid) DESC) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"

# CPU seconds of cluster $1 (src or dst) so far, as bench/lib.sh counts them
cluster_cpu() { awk -v t="$(bench_server_ticks "$dir/$1")" -v hz="$bench_tick" 'BEGIN { printf "%.2f", t / hz }'; }
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }
fresh_target() {
    psql_ -p $dst_port -c "DROP DATABASE IF EXISTS copy" -c "CREATE DATABASE copy TEMPLATE template0"
    sync
}
# CPU seconds of the programs this script ran and waited for
client_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($16 + $17) / hz }' /proc/$$/stat; }
# runs "$@", appends "wall cpu" to $dir/out/$label.times
measure() {
    local label=$1; shift
    local c0 d0 u0 t0 t1 c1 d1 u1
    c0=$(cluster_cpu src); d0=$(cluster_cpu dst); u0=$(client_cpu); t0=$(date +%s.%N)
    "$@" >/dev/null 2>"$dir/out/$label.err" || { cat "$dir/out/$label.err" >&2; exit 1; }
    t1=$(date +%s.%N); c1=$(cluster_cpu src); d1=$(cluster_cpu dst); u1=$(client_cpu)
    local wall cpu; wall=$(calc "$t1 - $t0"); cpu=$(calc "$c1 - $c0 + $d1 - $d0 + $u1 - $u0")
    echo "$wall $cpu" >> "$dir/out/$label.times"
    printf '  %-20s %7s s wall %7s s CPU\n' "$label" "$wall" "$cpu"
}
pd_mirror_run() {
    pg psql -X -q -h "$dir" -p $src_port -d bench -v ON_ERROR_STOP=1 -Atc \
        "SELECT * FROM pd_mirror('host=$dir port=$dst_port dbname=copy', 2)"
}
pd_mirror_whole_run() {
    pg psql -X -q -h "$dir" -p $src_port -d bench -v ON_ERROR_STOP=1 -Atc "SET parallel_dump.dump_split_size = 0" \
        -c "SELECT * FROM pd_mirror('host=$dir port=$dst_port dbname=copy', 2)"
}
pgcopydb_run() {
    rm -rf "$dir/out/pgcopydb"
    pg pgcopydb clone --source "$src_conn" --target "host=$dir port=$dst_port dbname=copy" \
        --table-jobs 2 --index-jobs 2 --dir "$dir/out/pgcopydb"
}
dump_restore_run() {
    rm -rf "$dir/out/dump"
    pg pg_dump -h "$dir" -p $src_port -Fd -j 2 -Z 0 -f "$dir/out/dump" bench &&
        pg pg_restore -j 2 -h "$dir" -p $dst_port -d copy "$dir/out/dump"
}
for r in $(seq 1 "$rounds"); do
    echo "round $r (load: $(uptime | sed 's/.*load average: //'))"
    fresh_target; measure pd_mirror pd_mirror_run
    fresh_target; measure pd_mirror_whole pd_mirror_whole_run
    fresh_target; measure pgcopydb pgcopydb_run
    fresh_target; measure pg_dump+pg_restore dump_restore_run
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
for label in pd_mirror pd_mirror_whole pgcopydb pg_dump+pg_restore; do
    w=$(cut -d' ' -f1 "$dir/out/$label.times" | median); c=$(cut -d' ' -f2 "$dir/out/$label.times" | median)
    printf 'median of %d: %-20s %7s s wall %7s s CPU\n' "$rounds" "$label" "$w" "$c"
    eval "wall_${label//[^a-z]/_}=$w"
done
echo "load: $(uptime | sed 's/.*load average: //') on $(nproc) cores"
echo "pd_mirror / pgcopydb wall: $(calc "$wall_pd_mirror / $wall_pgcopydb")"
echo "pd_mirror (split) / pd_mirror (whole tables) wall: $(calc "$wall_pd_mirror / $wall_pd_mirror_whole")"
echo "pd_mirror / pg_dump+pg_restore wall: $(calc "$wall_pd_mirror / $wall_pg_dump_pg_restore")"
