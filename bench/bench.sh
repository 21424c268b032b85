#!/usr/bin/env bash
# Compares pd_dump (jobs 2) with pg_dump -Fd -j 2 at default compression on a
# ~1 GB database (pgbench scale 30 plus one 3M-row table), and pd_restore
# (jobs 2) with pg_restore -j 2 of the same archive into an empty database,
# for that database and for one where a single table holds nearly all rows,
# measured in the same run on the same cluster.  Prints ratios (pd / pg).
# Run as root: it builds and installs the extension, then starts a cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install

scale=${SCALE:-30}
rows=${ROWS:-3000000}
rounds=${ROUNDS:-2}
dir=/tmp/pd-bench
port=5477
bench_cluster <<CONF
shared_buffers = 512MB
max_wal_size = 4GB
CONF

echo "building the database: pgbench scale $scale + a $rows-row table"
psql_ -c "CREATE DATABASE bench"
pg pgbench -h "$dir" -p "$port" -i -q -s "$scale" bench >/dev/null 2>&1
psql_ -d bench -c "CREATE TABLE events AS SELECT g AS id, now() - g * interval '1 second' AS at,
  (g % 1000) AS kind, md5(g::text) AS payload, (g * 0.37)::numeric(12,2) AS amount
  FROM generate_series(1, $rows) g" -c "ALTER TABLE events ADD PRIMARY KEY (id)" -c "VACUUM ANALYZE"
psql_ -d bench -c "CREATE EXTENSION parallel_dump"
psql_ -d bench -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('bench'))"

calc_digits=3
best_pd=999999; best_pg=999999; size_pd=0; size_pg=0
for r in $(seq 1 "$rounds"); do
    sync; t0=$(now)
    psql_ -d bench -Atc "SELECT pd_dump('$dir/out/pd_$r', 2)" >/dev/null
    t1=$(now)
    pg pg_dump -h "$dir" -p "$port" -Fd -j 2 -f "$dir/out/pg_$r" bench
    t2=$(now)
    tpd=$(calc "$t1 - $t0"); tpg=$(calc "$t2 - $t1")
    echo "round $r: pd_dump ${tpd}s, pg_dump ${tpg}s"
    best_pd=$(calc "($tpd < $best_pd) ? $tpd : $best_pd")
    best_pg=$(calc "($tpg < $best_pg) ? $tpg : $best_pg")
    size_pd=$(du -sb "$dir/out/pd_$r" | cut -f1); size_pg=$(du -sb "$dir/out/pg_$r" | cut -f1)
    [ "$r" = 1 ] || rm -rf "$dir/out/pd_$r"
    rm -rf "$dir/out/pg_$r"
done

# restore the same archive both ways, into an empty database each time;
# sets best_pdr and best_pgr
restore_rounds() {
    local archive=$1 label=$2 settings=${3:-}
    best_pdr=999999; best_pgr=999999
    for r in $(seq 1 "$rounds"); do
        psql_ -c "DROP DATABASE IF EXISTS r_pd" -c "CREATE DATABASE r_pd"
        sync; t0=$(now)
        psql_ -d bench -Atc "$settings SELECT * FROM pd_restore('$archive', 'r_pd', 2)" >/dev/null
        t1=$(now)
        psql_ -c "DROP DATABASE IF EXISTS r_pg" -c "CREATE DATABASE r_pg"
        sync; t2=$(now)
        pg pg_restore -j 2 -h "$dir" -p "$port" -d r_pg "$archive"
        t3=$(now)
        tpd=$(calc "$t1 - $t0"); tpg=$(calc "$t3 - $t2")
        echo "$label round $r: pd_restore ${tpd}s, pg_restore ${tpg}s"
        best_pdr=$(calc "($tpd < $best_pdr) ? $tpd : $best_pdr")
        best_pgr=$(calc "($tpg < $best_pgr) ? $tpg : $best_pgr")
    done
}
restore_rounds "$dir/out/pd_1" restore

bench_pdr=$best_pdr; bench_pgr=$best_pgr

# a database where one table holds nearly all rows, restored with pieces
# (parallel_dump.restore_split_size = 8MB: several workers load that table)
psql_ -c "CREATE DATABASE one"
psql_ -d one -c "CREATE TABLE events AS SELECT g AS id, now() - g * interval '1 second' AS at,
  (g % 1000) AS kind, md5(g::text) AS payload, (g * 0.37)::numeric(12,2) AS amount
  FROM generate_series(1, $rows) g" -c "ALTER TABLE events ADD PRIMARY KEY (id)" \
  -c "CREATE TABLE settings AS SELECT g AS id, 'value ' || g AS v FROM generate_series(1, 100) g" \
  -c "VACUUM ANALYZE" -c "CREATE EXTENSION parallel_dump"
psql_ -d one -Atc "SELECT pd_dump('$dir/out/one', 2)" >/dev/null
restore_rounds "$dir/out/one" "one-table restore" "SET parallel_dump.restore_split_size = '8MB';"
one_pdr=$best_pdr; one_pgr=$best_pgr

echo
echo "pd_dump (jobs 2):  best ${best_pd} s, $(calc "$size_pd / 1048576") MB"
echo "pg_dump -Fd -j 2:  best ${best_pg} s, $(calc "$size_pg / 1048576") MB"
echo "time ratio pd/pg: $(calc "$best_pd / $best_pg")"
echo "size ratio pd/pg: $(calc "$size_pd / $size_pg")"
echo "pd_restore (jobs 2): best ${bench_pdr} s; pg_restore -j 2: best ${bench_pgr} s"
echo "restore time ratio pd/pg: $(calc "$bench_pdr / $bench_pgr")"
echo "one dominant table, restore_split_size 8MB: pd_restore best ${one_pdr} s; pg_restore -j 2 best ${one_pgr} s"
echo "one-table restore time ratio pd/pg: $(calc "$one_pdr / $one_pgr")"
