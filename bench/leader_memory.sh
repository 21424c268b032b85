#!/usr/bin/env bash
# pd_dump's memory against the number of tables: for databases of SIZES
# (default "1000 5000 20000") small tables (serial primary key, a text
# column, 10 rows each), prints the leader's peak resident set, the most its
# memory contexts held and the most malloc had handed out (contexts plus
# the C++ plan), and the same for a worker, from pd_dump's DEBUG1 report.
# Run as root.  PGBIN the PostgreSQL 15 binaries; NO_INSTALL=1 skips
# building and installing the extension.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install
sizes=${SIZES:-1000 5000 20000}
dir=/tmp/pd-leader-memory
port=5479
bench_cluster <<< "max_locks_per_transaction = 64"
mb() { awk "BEGIN { printf \"%.1f MB\", $1 / 1048576 }"; }
for n in $sizes; do
    bench_many_tables "t$n" "$n"
    psql_ -d "t$n" -c "SET client_min_messages = debug1" -c "SELECT pd_dump('$dir/out/pd_$n', 2)" \
        >/dev/null 2>"$dir/pd_$n.log"
    l=$(sed -n 's/.*pd_dump leader: peak resident memory \([0-9]*\) kB, memory contexts \([0-9]*\) bytes at most, malloc \([0-9]*\) bytes.*/\1 \2 \3/p' "$dir/pd_$n.log")
    w=$(sed -n 's/.*pd_dump worker 0: peak resident memory \([0-9]*\) kB, memory contexts \([0-9]*\) bytes.*/\1 \2/p' "$dir/pd_$n.log")
    read -r lrss lctx lmal <<< "$l"
    read -r wrss wctx <<< "$w"
    echo "$n tables: leader peak RSS $(mb "$lrss * 1024"), contexts $(mb "$lctx"), malloc $(mb "$lmal");" \
         "worker 0 peak RSS $(mb "$wrss * 1024"), contexts $(mb "$wctx")"
    rm -rf "$dir/out/pd_$n"
    psql_ -c "DROP DATABASE t$n" postgres
done
