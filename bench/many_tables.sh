#!/usr/bin/env bash
# Many small tables at default settings (max_locks_per_transaction 64):
# builds databases of 10,000, 20,000 and 40,000 tables (serial primary key,
# a text column, 10 rows each; 1,000 tables per transaction), and prints per
# size pd_dump's time (jobs 2) with the share of its catalog phase, and what
# pg_dump -Fd -j 2 does (it runs out of lock slots).  With RESTORE=1 (the
# default) also pd_restore (jobs 2) against pg_restore -j 2 of pd_dump's
# archive, each into an empty database.
# Run as root.  SIZES="10000 20000" picks sizes; PGBIN the PostgreSQL 15
# binaries; NO_INSTALL=1 skips building and installing the extension.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install

sizes=${SIZES:-10000 20000 40000}
restore=${RESTORE:-1}
dir=/tmp/pd-many
port=5478
# nothing about locks or connections: their defaults are the point
bench_cluster < /dev/null
psql_ -Atc "SELECT 'max_locks_per_transaction ' || current_setting('max_locks_per_transaction')
  || ', max_connections ' || current_setting('max_connections')" postgres

summary=()
for n in $sizes; do
    db=t$n
    echo "building $n tables"
    bench_many_tables "$db" "$n"
    sync; t0=$(now)
    psql_ -d "$db" -c "SET client_min_messages = debug1" -c "SELECT pd_dump('$dir/out/pd_$n', 2)" \
        >/dev/null 2>"$dir/pd_$n.log" || echo "pd_dump failed: $(grep -m1 'ERROR' "$dir/pd_$n.log")"
    t1=$(now)
    phase() { sed -n "s/.*pd_dump phase $1: \([0-9.]*\) s.*/\1/p" "$dir/pd_$n.log" | grep . || echo 0; }
    tpd=$(calc "$t1 - $t0"); cat_s=$(phase catalog); plan_s=$(phase plan); data_s=$(phase data)
    echo "$n tables: pd_dump ${tpd} s (lock $(phase lock) s, catalog ${cat_s} s, plan ${plan_s} s," \
         "data ${data_s} s, toc $(phase toc) s); catalog phase $(calc "100 * $cat_s / $tpd") %"
    grep -E '(leader|worker 0): peak resident' "$dir/pd_$n.log" | sed 's/^DEBUG: */  /'

    t0=$(now)
    if pg pg_dump -h "$dir" -p "$port" -Fd -j 2 -f "$dir/out/pg_$n" "$db" 2>"$dir/pg_$n.log"; then
        pgres="succeeded"
    else
        pgres="failed: $(grep -m1 -o 'ERROR: .*' "$dir/pg_$n.log" || head -1 "$dir/pg_$n.log")"
    fi
    t1=$(now)
    echo "$n tables: pg_dump -Fd -j 2 $pgres after $(calc "$t1 - $t0") s"
    line="$n tables: pd_dump ${tpd} s (catalog ${cat_s} s = $(calc "100 * $cat_s / $tpd") %); pg_dump -j 2 $pgres"

    if [ "$restore" = 1 ]; then
        psql_ -c "CREATE DATABASE r_pd_$n" -c "CREATE DATABASE r_pg_$n" postgres
        sync; t0=$(now)
        psql_ -d "$db" -Atc "SELECT * FROM pd_restore('$dir/out/pd_$n', 'r_pd_$n', 2)" >/dev/null \
            2>"$dir/pdr_$n.log" || echo "pd_restore failed: $(head -3 "$dir/pdr_$n.log")"
        t1=$(now)
        pg pg_restore -j 2 -h "$dir" -p "$port" -d "r_pg_$n" "$dir/out/pd_$n" 2>"$dir/pgr_$n.log" ||
            echo "pg_restore failed: $(head -3 "$dir/pgr_$n.log")"
        t2=$(now)
        echo "$n tables: pd_restore jobs 2 $(calc "$t1 - $t0") s, pg_restore -j 2 $(calc "$t2 - $t1") s"
        line="$line; pd_restore jobs 2 $(calc "$t1 - $t0") s, pg_restore -j 2 $(calc "$t2 - $t1") s"
        psql_ -c "DROP DATABASE r_pd_$n" -c "DROP DATABASE r_pg_$n" postgres
    fi
    summary+=("$line")
    rm -rf "$dir/out/pd_$n" "$dir/out/pg_$n"
    psql_ -c "DROP DATABASE $db" postgres
done

echo
printf '%s\n' "${summary[@]}"
