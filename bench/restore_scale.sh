#!/usr/bin/env bash
# pd_restore at scale against pg_restore -j 2, in the same run: archives of
# many small tables (serial primary key, a text column, 10 rows each; TABLES,
# default "10000 20000 40000") and of many small large objects (LOBS, default
# 200000), made by pd_dump on a source cluster with a raised
# max_locks_per_transaction, restored into a second cluster with default
# settings.  Prints each time and the ratio pd_restore / pg_restore.
# Run as root: it builds and installs the extension, then starts clusters.
# Not part of CI.  NO_INSTALL=1 PGBIN=<dir> uses an installed copy instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=${PGBIN:-/usr/lib/postgresql/15/bin}:$PATH
if [ -z "${NO_INSTALL:-}" ]; then
    bash scripts/install-deps.sh
    make -s -j2 >/dev/null && make -s install >/dev/null
fi

tables=${TABLES:-10000 20000 40000}
lobs=${LOBS:-200000}
dir=${BENCH_DIR:-/tmp/pd-rscale-bench}
src_port=5481
dst_port=5482
pg() { runuser -u postgres -- "$@"; }
for c in src dst; do
    [ -f "$dir/$c/postmaster.pid" ] && pg pg_ctl -D "$dir/$c" -m immediate stop >/dev/null 2>&1 || true
done
rm -rf "$dir"; mkdir -p "$dir/out"; chown -R postgres "$dir"
start_cluster() { # name port extra-conf
    pg initdb -D "$dir/$1" -A trust >/dev/null
    printf 'listen_addresses = '"''"'\nport = %s\nunix_socket_directories = %s\nmax_worker_processes = 16\nmax_wal_size = 4GB\n%s\n' \
        "$2" "'$dir'" "$3" >> "$dir/$1/postgresql.conf"
    pg pg_ctl -D "$dir/$1" -l "$dir/$1.log" -w start >/dev/null
}
start_cluster src $src_port "max_locks_per_transaction = 1024"
start_cluster dst $dst_port ""
trap 'for c in src dst; do runuser -u postgres -- pg_ctl -D "$dir/$c" -m fast stop >/dev/null 2>&1 || true; done' EXIT
src() { pg psql -X -q -h "$dir" -p $src_port -v ON_ERROR_STOP=1 "$@"; }
dst() { pg psql -X -q -h "$dir" -p $dst_port -v ON_ERROR_STOP=1 "$@"; }
dst -c "CREATE EXTENSION parallel_dump"
echo "target: max_locks_per_transaction $(dst -Atc 'SHOW max_locks_per_transaction')"

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }

# compare <label> <archive>: pd_restore jobs 2 and pg_restore -j 2 into fresh databases of the target
compare() {
    dst -c "DROP DATABASE IF EXISTS r_pd" -c "DROP DATABASE IF EXISTS r_pg" -c "CREATE DATABASE r_pd" \
        -c "CREATE DATABASE r_pg"
    sync; local t0; t0=$(now)
    dst -Atc "SELECT restored, failed FROM pd_restore('$2', 'r_pd', 2)" >/dev/null
    local pd; pd=$(calc "$(now) - $t0")
    echo "$1: pd_restore jobs 2 ${pd} s"
    sync; t0=$(now)
    pg pg_restore -j 2 -h "$dir" -p $dst_port -d r_pg "$2"
    local pgr; pgr=$(calc "$(now) - $t0")
    echo "$1: pg_restore -j 2 ${pgr} s; pd_restore / pg_restore = $(calc "$pd / $pgr")"
}

for n in $tables; do
    src -c "DROP DATABASE IF EXISTS t$n" -c "CREATE DATABASE t$n"
    src -d "t$n" -c "CREATE EXTENSION parallel_dump"
    for ((from = 1; from <= n; from += 1000)); do
        to=$((from + 999 > n ? n : from + 999))
        src -d "t$n" -c "DO \$\$BEGIN FOR i IN $from..$to LOOP
          EXECUTE format('CREATE TABLE t%s (id serial PRIMARY KEY, v text)', i);
          EXECUTE format('INSERT INTO t%s (v) SELECT md5(g::text) FROM generate_series(1, 10) g', i);
        END LOOP; END\$\$"
    done
    t0=$(now)
    src -d "t$n" -Atc "SELECT pd_dump('$dir/out/t$n', 2)" >/dev/null
    echo "$n tables: pd_dump jobs 2 (source at max_locks_per_transaction 1024) $(calc "$(now) - $t0") s"
    compare "$n tables" "$dir/out/t$n"
    rm -rf "$dir/out/t$n"
    src -c "DROP DATABASE t$n"
done

if [ "$lobs" -gt 0 ]; then
    src -c "CREATE DATABASE lobs"
    src -d lobs -c "CREATE EXTENSION parallel_dump" \
        -c "SELECT count(lo_from_bytea(0, convert_to('large object ' || g, 'UTF8'))) FROM generate_series(1, $lobs) g" \
        >/dev/null
    t0=$(now)
    src -d lobs -Atc "SELECT pd_dump('$dir/out/lobs', 2)" >/dev/null
    echo "$lobs large objects: pd_dump jobs 2 $(calc "$(now) - $t0") s"
    compare "$lobs large objects" "$dir/out/lobs"
fi
