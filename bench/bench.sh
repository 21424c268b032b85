#!/usr/bin/env bash
# The bench of issue 14, all in one run on one cluster, alternating, medians
# of ROUNDS (default 5) runs, wall time and CPU seconds (client plus the
# whole cluster's processes, see bench/lib.sh) side by side:
# - the bench database: pgbench scale SCALE (30), an orders table of ROWS
#   (3M) rows with numeric/timestamptz/jsonb columns, an events table of
#   EVENTS (ROWS/3) rows; ~1.2 GB at the defaults.  pd_dump jobs 2 against
#   pg_dump -Fd -j 2, and pd_restore jobs 2 against pg_restore -j 2 of
#   pg_dump's archive AND of pd_dump's, into a fresh database each time;
# - one table holding nearly all the data (BIG_ROWS, 4M, orders-like rows):
#   pd_dump jobs 1, jobs 2 and pg_dump -Fd -j 2 (bench/big_table.sh runs
#   this part alone), and the restores of pd_dump's jobs-2 archive.
# Prints the medians, the ratios and the sizes, with uptime's load.
# Quick run: SCALE=5 ROWS=300000 BIG_ROWS=400000 ROUNDS=1 (a few minutes).
# PARTS (default dump,restore,big,bigrestore) picks what is timed: e.g.
# PARTS=restore,big times the restores of the bench database (its two
# archives then made once, untimed) and the one-big-table dumps.
# Run as root: it builds and installs the extension (PGBIN's PostgreSQL;
# NO_INSTALL=1 skips that), then starts its own cluster.  Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install

scale=${SCALE:-30}
rows=${ROWS:-3000000}
events=${EVENTS:-$((rows / 3))}
big_rows=${BIG_ROWS:-4000000}
rounds=${ROUNDS:-5}
dir=${BENCH_DIR:-/tmp/pd-bench}
port=${BENCH_PORT:-5477}
bench_cluster <<CONF
shared_buffers = 512MB
max_wal_size = 4GB
autovacuum = off
CONF
echo "PostgreSQL: $(pg_config --version), $(nproc) cores; rounds: $rounds"

echo "building the bench database: pgbench scale $scale, orders $rows rows, events $events rows"
psql_ -c "CREATE DATABASE bench" -c "CREATE DATABASE big" postgres
pg pgbench -h "$dir" -p "$port" -i -q -s "$scale" bench >/dev/null 2>&1
bench_orders bench "$rows"
psql_ -d bench -c "CREATE TABLE events AS SELECT g AS id, now() - g * interval '1 second' AS at,
  (g % 1000) AS kind, md5(g::text) AS payload, (g * 0.37)::numeric(12,2) AS amount
  FROM generate_series(1, $events) g" -c "ALTER TABLE events ADD PRIMARY KEY (id)" \
    -c "CREATE EXTENSION parallel_dump" -c "VACUUM ANALYZE"
echo "building the one-big-table database: orders $big_rows rows, and two small tables"
bench_orders big "$big_rows"
psql_ -d big -c "CREATE TABLE customers AS SELECT g AS id, 'customer ' || g AS name FROM generate_series(1, 50000) g" \
    -c "CREATE TABLE settings AS SELECT g AS id, 'value ' || g AS v FROM generate_series(1, 100) g" \
    -c "CREATE EXTENSION parallel_dump" -c "VACUUM ANALYZE"
psql_ -c "CREATE EXTENSION parallel_dump" postgres   # pd_restore is called from here
for db in bench big; do
    psql_ -d $db -Atc "SELECT '$db: ' || pg_size_pretty(pg_database_size('$db'))"
done

out=$dir/out
parts=,${PARTS:-dump,restore,big,bigrestore},
part() { [[ $parts == *,$1,* ]]; }
dump_pd() { psql_ -d "$1" -Atc "SET client_min_messages = debug1; SELECT pd_dump('$2', $3)"; }
dump_pg() { pg pg_dump -h "$dir" -p "$port" -Fd -j 2 -f "$2" "$1"; }
fresh_db() { psql_ -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" postgres; }
restore_pd() { psql_ -Atc "SET client_min_messages = debug1; ${3:-} SELECT restored, failed FROM pd_restore('$1', '$2', 2)" postgres; }
restore_pg() { pg pg_restore -j 2 -h "$dir" -p "$port" -d "$2" "$1"; }

prep_pd_dump() { rm -rf "$out/pd"; }
cmd_pd_dump() { dump_pd bench "$out/pd" 2; }
prep_pg_dump() { rm -rf "$out/pg"; }
cmd_pg_dump() { dump_pg bench "$out/pg"; }
if part dump; then
    echo; echo "== dumps of the bench database"
    bench_rounds "$rounds" pd_dump pg_dump
elif part restore; then
    echo; echo "== the bench database's archives, made once (untimed)"
    prep_pd_dump; cmd_pd_dump >/dev/null; prep_pg_dump; cmd_pg_dump
fi

for a in pg pd; do
    eval "prep_pd_restore_$a() { fresh_db r_pd; }; cmd_pd_restore_$a() { restore_pd '$out/$a' r_pd; }"
    eval "prep_pg_restore_$a() { fresh_db r_pg; }; cmd_pg_restore_$a() { restore_pg '$out/$a' r_pg; }"
done
# pd_restore with the input functions only (parallel_dump.restore_fast_input = off): what the fast parsers save
prep_pd_restore_pg_slow() { fresh_db r_pd; }
cmd_pd_restore_pg_slow() { restore_pd "$out/pg" r_pd "SET parallel_dump.restore_fast_input = off;"; }
if part restore; then
    echo; echo "== restores of the bench database (pg_dump's archive, pd_dump's archive)"
    bench_rounds "$rounds" pd_restore_pg pg_restore_pg pd_restore_pd pg_restore_pd pd_restore_pg_slow
fi

prep_big_pd1() { rm -rf "$out/big1"; }
cmd_big_pd1() { dump_pd big "$out/big1" 1; }
prep_big_pd2() { rm -rf "$out/big2"; }
cmd_big_pd2() { dump_pd big "$out/big2" 2; }
prep_big_pg2() { rm -rf "$out/bigpg"; }
cmd_big_pg2() { dump_pg big "$out/bigpg"; }
if part big; then
    echo; echo "== dumps of the one-big-table database"
    bench_rounds "$rounds" big_pd1 big_pd2 big_pg2
elif part bigrestore; then
    prep_big_pd2; cmd_big_pd2 >/dev/null
fi
prep_big_pd_restore() { fresh_db r_pd; }
cmd_big_pd_restore() { restore_pd "$out/big2" r_pd; }
prep_big_pd_restore_whole() { fresh_db r_pdw; }
cmd_big_pd_restore_whole() { restore_pd "$out/big2" r_pdw "SET parallel_dump.restore_split_size = 0;"; }
prep_big_pg_restore() { fresh_db r_pg; }
cmd_big_pg_restore() { restore_pg "$out/big2" r_pg; }
if part bigrestore; then
    echo; echo "== restores of pd_dump's jobs-2 archive of the one-big-table database"
    echo "   (pd_restore at the default restore_split_size, and with 0: the big table loaded whole)"
    bench_rounds "$rounds" big_pd_restore big_pg_restore big_pd_restore_whole

    # the last restores hold what was dumped
    q="SELECT count(*), md5(string_agg(md5(o::text), '' ORDER BY id)) FROM orders o"
    src=$(psql_ -d big -Atc "$q")
    for db in r_pd r_pg r_pdw; do
        [ "$(psql_ -d $db -Atc "$q")" = "$src" ] || { echo "ERROR: orders of $db differ from big's"; exit 1; }
    done
    echo "both restores of the one-big-table archive: orders identical to the source ($src)"
fi
if part restore; then
    # the restores of the bench database hold its rows too (pd_restore loaded orders in pieces)
    q="SELECT count(*), md5(string_agg(md5(o::text), '' ORDER BY id)) FROM orders o"
    src=$(psql_ -d bench -Atc "$q")
    for db in r_pd r_pg; do
        [ "$(psql_ -d $db -Atc "$q")" = "$src" ] || { echo "ERROR: orders of $db differ from bench's"; exit 1; }
    done
    echo "the last restores of the bench database: orders identical to the source ($src)"
fi

mb() { [ -e "$1" ] || return 0; du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }
echo
echo "medians of $rounds alternating runs; load now: $(uptime | sed 's/.*load average: //')"
printf "%-24s %9s %9s %9s\n" "" "wall s" "cpu s" "size MB"
row() {
    [ -s "$dir/$2.times" ] || return 0 # a part not run
    printf "%-24s %9s %9s %9s\n" "$1" "$(bench_median "$2" 1)" "$(bench_median "$2" 2)" "${3:-}"
}
row "pd_dump jobs 2" pd_dump "$(mb "$out/pd")"
row "pg_dump -Fd -j 2" pg_dump "$(mb "$out/pg")"
part dump || ! part restore || echo "archives: pd_dump jobs 2 $(mb "$out/pd") MB, pg_dump -Fd -j 2 $(mb "$out/pg") MB"
row "pd_restore, pg archive" pd_restore_pg
row "pg_restore, pg archive" pg_restore_pg
row "pd_restore, pd archive" pd_restore_pd
row "pg_restore, pd archive" pg_restore_pd
row "pd_restore pg, fast off" pd_restore_pg_slow
row "big: pd_dump jobs 1" big_pd1 "$(mb "$out/big1")"
row "big: pd_dump jobs 2" big_pd2 "$(mb "$out/big2")"
row "big: pg_dump -Fd -j 2" big_pg2 "$(mb "$out/bigpg")"
row "big: pd_restore" big_pd_restore
row "big: pd_restore, split 0" big_pd_restore_whole
row "big: pg_restore -j 2" big_pg_restore
ratio() { # label num den field goal
    [ -s "$dir/$2.times" ] && [ -s "$dir/$3.times" ] || return 0
    awk -v l="$1" -v a="$(bench_median "$2" "$4")" -v b="$(bench_median "$3" "$4")" -v g="$5" \
        'BEGIN { printf "%-44s %5.2f   (goal %s)\n", l, a / b, g }'
}
echo
ratio "pd_dump / pg_dump -Fd -j 2, time" pd_dump pg_dump 1 "<= 0.4"
ratio "pd_dump / pg_dump -Fd -j 2, cpu" pd_dump pg_dump 2 "-"
[ -d "$out/pd" ] && [ -d "$out/pg" ] && awk -v a="$(du -sb "$out/pd" | cut -f1)" -v b="$(du -sb "$out/pg" | cut -f1)" \
    'BEGIN { printf "%-44s %5.2f   (goal <= 1.0)\n", "pd_dump / pg_dump -Fd -j 2, size", a / b }'
ratio "pd_restore / pg_restore -j 2, pg archive" pd_restore_pg pg_restore_pg 1 "<= 0.8"
ratio "  the same, cpu" pd_restore_pg pg_restore_pg 2 "-"
ratio "pd_restore / pg_restore -j 2, pd archive" pd_restore_pd pg_restore_pd 1 "<= 0.7"
ratio "  the same, cpu" pd_restore_pd pg_restore_pd 2 "-"
ratio "pd_restore fast input on / off, pg archive" pd_restore_pg pd_restore_pg_slow 1 "-"
ratio "  the same, cpu" pd_restore_pg pd_restore_pg_slow 2 "-"
ratio "big: pd_dump jobs 1 / jobs 2, time" big_pd1 big_pd2 1 ">= 1.8"
ratio "big: pd_dump jobs 2 / pg_dump -j 2, time" big_pd2 big_pg2 1 "-"
ratio "big: pd_restore / pg_restore -j 2, time" big_pd_restore big_pg_restore 1 "-"
ratio "big: pd_restore split 0 / pg_restore -j 2" big_pd_restore_whole big_pg_restore 1 "-"
if [ -s "$dir/big_pd2.log" ]; then
    echo "big: pd_dump jobs 2's phases, workers' busy and idle time, appending (last run):"
    grep -E "phase|pieces|worker [0-9]+: [0-9]+ items|leader: [0-9.]+ s" "$dir/big_pd2.log" | tail -11 | sed 's/^/  /'
fi
