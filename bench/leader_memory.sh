#!/usr/bin/env bash
# pd_dump's memory against the number of objects: for databases of SIZES
# (default "1000 5000 20000") small tables (serial primary key, a text
# column, 10 rows each), then of LOBS (default "20000 200000") small large
# objects (made with lo_from_bytea, 100,000 per transaction), prints the
# leader's peak resident set (VmHWM: it counts every shared buffer the
# process touched, up to shared_buffers) and the most of it that was
# private (RssAnon, sampled), the most its memory contexts held and
# the most malloc had handed out (contexts plus the C++ plan; and the most
# outside the contexts, the plan), the same for
# the worker whose contexts held the most, from pd_dump's DEBUG1 report,
# and pd_dump's wall time; then the same for pd_restore's leader restoring
# that archive into a new database (and its plan file's most in use, for
# both).  An empty SIZES or LOBS skips that part.
# Archives go to OUT_DIR (default /dev/shm/pd-leader-memory: a large object
# is a file, fsync-bound on disk).
# Run as root.  PGBIN the PostgreSQL 15 binaries; NO_INSTALL=1 skips
# building and installing the extension; BENCH_PORT, BENCH_DIR move the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install
sizes=${SIZES-1000 5000 20000}
lobs=${LOBS-20000 200000}
dir=${BENCH_DIR:-/tmp/pd-leader-memory}
port=${BENCH_PORT:-5479}
out=${OUT_DIR:-/dev/shm/pd-leader-memory}
bench_cluster <<< "max_locks_per_transaction = 64"
rm -rf "$out"; mkdir -p "$out"; chown postgres "$out"
mb() { awk "BEGIN { printf \"%.1f MB\", $1 / 1048576 }"; }
echo "load: $(uptime | sed 's/.*load average: //')"

# measure <database> <what>: one pd_dump jobs 2 of it, its figures on one line
measure() {
    local db=$1 what=$2 t0 t1
    t0=$(now)
    psql_ -d "$db" -c "SET client_min_messages = debug1" -c "SELECT pd_dump('$out/$db', 2)" \
        >/dev/null 2>"$dir/$db.log"
    t1=$(now)
    l=$(sed -n 's/.*pd_dump leader: peak resident memory \([0-9]*\) kB, memory contexts \([0-9]*\) bytes at most, malloc \([0-9]*\) bytes at most, outside the contexts \([0-9]*\) bytes at most, private memory \([0-9]*\) kB at most, plan file \([0-9]*\) kB.*/\1 \2 \3 \4 \5 \6/p' "$dir/$db.log")
    # the worker whose contexts held the most (with large objects, the one that dumped them)
    w=$(sed -n 's/.*pd_dump worker [0-9]*: peak resident memory \([0-9]*\) kB, memory contexts \([0-9]*\) bytes, private memory \([0-9]*\) kB.*/\1 \2 \3/p' \
        "$dir/$db.log" | sort -k2,2n | tail -1)
    read -r lrss lctx lmal lheap lpriv lfile <<< "$l"
    read -r wrss wctx wpriv <<< "$w"
    echo "$what: pd_dump $(calc "$t1 - $t0") s; leader VmHWM $(mb "$lrss * 1024") (private $(mb "$lpriv * 1024")), contexts $(mb "$lctx")," \
         "malloc $(mb "$lmal") (outside the contexts $(mb "$lheap")), plan file $(mb "$lfile * 1024"); worker VmHWM $(mb "$wrss * 1024")" \
         "(private $(mb "$wpriv * 1024")), contexts $(mb "$wctx")"
    # pd_restore of that archive into a new database: its leader's figures
    psql_ -c "CREATE DATABASE r_$db" postgres
    t0=$(now)
    psql_ -d "$db" -c "SET client_min_messages = debug1" -c "SELECT * FROM pd_restore('$out/$db', 'r_$db', 2)" \
        >/dev/null 2>"$dir/r_$db.log"
    t1=$(now)
    r=$(sed -n 's/.*pd_restore leader: peak resident memory \([0-9]*\) kB, memory contexts \([0-9]*\) bytes at most, outside the contexts \([0-9]*\) bytes at most, private memory \([0-9]*\) kB at most, plan file \([0-9]*\) kB.*/\1 \2 \3 \4 \5/p' "$dir/r_$db.log")
    read -r rrss rctx rheap rpriv rfile <<< "$r"
    echo "$what: pd_restore $(calc "$t1 - $t0") s; leader VmHWM $(mb "$rrss * 1024") (private $(mb "$rpriv * 1024")), contexts $(mb "$rctx")," \
         "outside the contexts $(mb "$rheap"), plan file $(mb "$rfile * 1024")"
    psql_ -c "DROP DATABASE r_$db" postgres
    rm -rf "${out:?}/$db"
}

for n in $sizes; do
    bench_many_tables "t$n" "$n"
    measure "t$n" "$n tables"
    psql_ -c "DROP DATABASE t$n" postgres
done
for n in $lobs; do
    psql_ -c "CREATE DATABASE lo$n" postgres
    psql_ -d "lo$n" -c "CREATE EXTENSION parallel_dump"
    for ((from = 1; from <= n; from += 100000)); do
        to=$((from + 99999 > n ? n : from + 99999))
        psql_ -d "lo$n" -c "SELECT count(lo_from_bytea(0, convert_to('large object ' || g, 'UTF8')))
                            FROM generate_series($from, $to) g" >/dev/null
    done
    measure "lo$n" "$n large objects"
    psql_ -c "DROP DATABASE lo$n" postgres
done
