#!/usr/bin/env bash
# The one-big-table case: a database where one 4M-row orders-like table
# (numeric, timestamptz, jsonb, text) holds nearly all the data.  Runs
# pd_dump jobs 1, pd_dump jobs 2 and pg_dump -Fd -j 2, alternating, ROUNDS
# times (default 5), and prints for each the median wall time, the median CPU
# seconds of client plus server processes, and the archive size.
#
# CPU seconds: the client's are what GNU time reports for the client command
# (psql, or pg_dump with its forked workers).  The server's are read from
# /proc around each run: the postmaster's cutime + cstime (the CPU of every
# child it has reaped: the backends and background workers of the run, once
# they exit) plus utime + stime of its children still alive (checkpointer,
# WAL writer, ...), taken before and after; the difference is what the server
# spent during the run, whichever processes did the work.
#
# Run as root, with the extension already installed into the PostgreSQL of
# PG_BIN (default /usr/lib/postgresql/15/bin); it starts its own cluster.
# (Its setup is its own: it shares nothing with bench/bench.sh.)
set -euo pipefail
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
export PATH=$bin:$PATH
rows=${ROWS:-4000000}
rounds=${ROUNDS:-5}
port=${PORT:-5479}
dir=${DIR:-/tmp/pd-big-table}
tick=$(getconf CLK_TCK)

if [ -f "$dir/data/postmaster.pid" ]; then
    runuser -u postgres -- pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"; mkdir -p "$dir/out"; chown -R postgres "$dir"
runuser -u postgres -- initdb -D "$dir/data" -A trust >/dev/null
cat >> "$dir/data/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$dir'
listen_addresses = ''
max_worker_processes = 16
shared_buffers = 512MB
max_wal_size = 4GB
autovacuum = off
CONF
runuser -u postgres -- pg_ctl -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
trap 'runuser -u postgres -- pg_ctl -D "$dir/data" -m fast stop >/dev/null 2>&1 || true' EXIT
psql_() { runuser -u postgres -- psql -X -q -h "$dir" -p "$port" -v ON_ERROR_STOP=1 "$@"; }

echo "building: one table of $rows orders-like rows, and a few small ones"
psql_ -c "CREATE DATABASE big"
psql_ -d big -c "CREATE TABLE orders AS SELECT g::bigint AS id, (g % 50000)::int AS customer,
    round((g % 100000) * 0.37 + 1, 2)::numeric(12,2) AS amount,
    '2025-01-01 00:00:00+00'::timestamptz + g * interval '7 seconds' AS created,
    (ARRAY['new','paid','shipped','returned'])[g % 4 + 1] AS status,
    jsonb_build_object('sku', 'SKU-' || (g % 9973), 'qty', g % 7 + 1, 'gift', g % 11 = 0) AS doc,
    md5(g::text) AS note
  FROM generate_series(1, $rows) g" \
  -c "ALTER TABLE orders ADD PRIMARY KEY (id)" \
  -c "CREATE TABLE customers AS SELECT g AS id, 'customer ' || g AS name FROM generate_series(1, 50000) g" \
  -c "CREATE TABLE settings AS SELECT g AS id, 'value ' || g AS v FROM generate_series(1, 100) g" \
  -c "VACUUM ANALYZE" -c "CREATE EXTENSION parallel_dump"
psql_ -d big -Atc "SELECT 'database ' || pg_size_pretty(pg_database_size('big')) || ', orders '
    || pg_size_pretty(pg_table_size('orders'))"

# CPU ticks of the server so far (see the top of this file)
server_ticks() {
    local pm sum=0 f
    pm=$(head -1 "$dir/data/postmaster.pid")
    f=$(sed 's/^.*) //' "/proc/$pm/stat")
    set -- $f
    sum=$(( ${14} + ${15} ))             # cutime + cstime (fields 16, 17)
    for c in $(cat /proc/$pm/task/*/children 2>/dev/null); do
        f=$(sed 's/^.*) //' "/proc/$c/stat" 2>/dev/null) || continue
        set -- $f
        sum=$(( sum + ${12} + ${13} ))   # utime + stime (fields 14, 15)
    done
    echo "$sum"
}

# run NAME CMD...: appends "wall cpu" to $dir/NAME.times
run() {
    local name=$1; shift
    sync
    local s0 s1 t
    s0=$(server_ticks)
    /usr/bin/time -o "$dir/time.out" -f "%e %U %S" "$@" >/dev/null 2>>"$dir/$name.log"
    t=$(tail -1 "$dir/time.out")
    s1=$(server_ticks)
    set -- $t
    echo "$1 $(awk "BEGIN { printf \"%.2f\", $2 + $3 + ($s1 - $s0) / $tick }")" >> "$dir/$name.times"
    echo "  $name: wall $1 s, client cpu $(awk "BEGIN { print $2 + $3 }") s, server cpu $(awk "BEGIN { print ($s1 - $s0) / $tick }") s"
}

for r in $(seq 1 "$rounds"); do
    echo "round $r"
    # the order rotates, so that no tool always runs first (or right after another)
    for k in 0 1 2; do
        case $(( (r + k) % 3 )) in
        0) rm -rf "$dir/out/pd1"
           run pd_dump_j1 runuser -u postgres -- psql -X -q -h "$dir" -p "$port" -d big -Atc \
               "SET client_min_messages = debug1; SELECT pd_dump('$dir/out/pd1', 1)" ;;
        1) rm -rf "$dir/out/pd2"
           run pd_dump_j2 runuser -u postgres -- psql -X -q -h "$dir" -p "$port" -d big -Atc \
               "SET client_min_messages = debug1; SELECT pd_dump('$dir/out/pd2', 2)" ;;
        2) rm -rf "$dir/out/pg2"
           run pg_dump_j2 runuser -u postgres -- pg_dump -h "$dir" -p "$port" -Fd -j 2 -f "$dir/out/pg2" big ;;
        esac
    done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
printf "%-12s %10s %10s %10s\n" "" "wall s" "cpu s" "size MB"
for n in pd_dump_j1 pd_dump_j2 pg_dump_j2; do
    w=$(cut -d' ' -f1 "$dir/$n.times" | median)
    c=$(cut -d' ' -f2 "$dir/$n.times" | median)
    case $n in pd_dump_j1) a=pd1 ;; pd_dump_j2) a=pd2 ;; *) a=pg2 ;; esac
    printf "%-12s %10s %10s %10.1f\n" "$n" "$w" "$c" "$(du -sb "$dir/out/$a" | awk '{ print $1 / 1048576 }')"
    eval "wall_$n=$w"
done
echo "pd_dump jobs 1 / jobs 2 (speedup): $(awk "BEGIN { printf \"%.2f\", $wall_pd_dump_j1 / $wall_pd_dump_j2 }")"
echo "pd_dump jobs 2 / pg_dump -Fd -j 2 (time): $(awk "BEGIN { printf \"%.2f\", $wall_pd_dump_j2 / $wall_pg_dump_j2 }")"
echo "pd_dump's phases and the cost of appending the pieces (last run, jobs 2):"
grep -E "phase|pieces" "$dir/pd_dump_j2.log" | tail -8 | sed 's/^/  /' 

# the jobs-2 archive restores exactly with stock pg_restore -j 2
psql_ -c "CREATE DATABASE check_restore"
runuser -u postgres -- pg_restore -j 2 -h "$dir" -p "$port" -d check_restore "$dir/out/pd2"
q="SELECT count(*), md5(string_agg(md5(o::text), '' ORDER BY id)) FROM orders o"
a=$(psql_ -d big -Atc "$q"); b=$(psql_ -d check_restore -Atc "$q")
[ "$a" = "$b" ] && echo "pg_restore -j 2 of pd_dump's jobs-2 archive: orders identical ($a)" \
    || { echo "pg_restore -j 2 of pd_dump's jobs-2 archive: orders DIFFER ($a vs $b)"; exit 1; }
