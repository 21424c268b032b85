#!/usr/bin/env bash
# Archives of the test corpora under several option sets, for proving that a
# change to the catalog queries changes no byte of any archive: make them with
# the old build and with the new one from the same cluster, then `diff -r`.
#
#   catalog-archives.sh setup DATADIR      a cluster with the corpora of t/data (and
#                                          PostgreSQL's regression database when
#                                          PD_PG_REGRESS_DIR is set), the extension in each
#   catalog-archives.sh dump DATADIR OUT   pd_dump of every database with every option set
#
# Run as the cluster's OS user with the PostgreSQL 15 bin directory first in PATH.
# Data files are written uncompressed (and once with the default gzip level);
# the creation time in toc.dat's header is masked.  The cluster is kept between
# runs because object OIDs are part of the archives.
set -euo pipefail
cmd=$1 data=$(readlink -f "$2")
here=$(cd "$(dirname "$0")/.." && pwd)
port=${PD_PORT:-54329}
sock=$data/sock
psql_do() { psql -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" "$@"; }
start() { pg_ctl -D "$data/pgdata" -l "$data/server.log" -o "-p $port -k $sock -c listen_addresses=''" -w start >/dev/null; }
stop() { pg_ctl -D "$data/pgdata" -m fast -w stop >/dev/null; }
corpora="rich:rich_schema.sql app:app_schema.sql parts:partition_schema.sql kinds:more_kinds.sql edge:edge_kinds.sql"

if [ "$cmd" = setup ]; then
    mkdir -p "$data/sock"
    initdb -D "$data/pgdata" -A trust --no-sync >/dev/null
    printf '%s\n' "max_worker_processes = 16" "max_locks_per_transaction = 1024" "max_prepared_transactions = 5" \
        >>"$data/pgdata/postgresql.conf"
    start
    psql_do -d postgres -f "$here/t/data/rich_roles.sql" >/dev/null
    for c in $corpora; do
        db=${c%%:*}
        psql_do -d postgres -c "CREATE DATABASE $db"
        psql_do -d "$db" -f "$here/t/data/${c#*:}" >/dev/null
    done
    psql_do -d rich -f "$here/t/data/partition_schema.sql" >/dev/null
    psql_do -d rich -c "SELECT lo_from_bytea(0, 'large'::bytea)" >/dev/null
    if psql_do -d postgres -Atc "SELECT 1 FROM pg_available_extensions WHERE name = 'pd_test_config'" | grep -q 1; then
        psql_do -d postgres -c "CREATE DATABASE cfg"
        psql_do -d cfg -c "CREATE EXTENSION pd_test_config; INSERT INTO pd_cfg VALUES (10, 'mine', false);"
    fi
    if [ -n "${PD_PG_REGRESS_DIR:-}" ] && [ -f "$PD_PG_REGRESS_DIR/parallel_schedule" ]; then
        pkglib=$(pg_config --pkglibdir)
        "$pkglib/pgxs/src/test/regress/pg_regress" --inputdir="$PD_PG_REGRESS_DIR" --outputdir="$data/regress_out" \
            --bindir="$(pg_config --bindir)" --dlpath="$PD_PG_REGRESS_DIR" --host="$sock" --port="$port" \
            --schedule="$PD_PG_REGRESS_DIR/parallel_schedule" --max-connections=8 >"$data/regress.log" 2>&1 || true
    fi
    for db in $(psql_do -d postgres -Atc "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')"); do
        psql_do -d "$db" -c "CREATE EXTENSION parallel_dump"
    done
    stop
    exit 0
fi

out=$(readlink -f "$3")
mkdir -p "$out"
start
trap stop EXIT
options=(
    "default|0"
    "gzip|-1"
    "schema_only|0, schema_only => true"
    "data_only|0, data_only => true"
    "no_privileges|0, no_privileges => true"
    "no_owner|0, no_owner => true, no_comments => true"
    "via_root|0, load_via_partition_root => true"
    "schemas|0, schemas => '{shop, part, public}'"
    "exclude_schemas|0, exclude_schemas => '{public}'"
    "tables|0, tables => '{shop.*, part.*, public.*}'"
    "exclude_tables|0, exclude_tables => '{shop.customer, part.h*}', exclude_table_data => '{public.*}'"
)
for db in $(psql_do -d postgres -Atc "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1') ORDER BY 1"); do
    for o in "${options[@]}"; do
        name=${o%%|*} args=${o#*|}
        dir=$out/$db-$name
        rm -rf "$dir"
        if ! psql_do -d "$db" -c "SELECT pd_dump('$dir', 2, $args)" >/dev/null 2>"$out/$db-$name.err"; then
            rm -rf "$dir"
            continue # the same failure (e.g. no matching schema) on both builds: kept in the .err file
        fi
        # bytes 16..50: the creation time (seven 5-byte integers after the compression)
        perl -e 'open my $f, "+<", $ARGV[0] or die; seek $f, 16, 0; print $f "\0" x 35' "$dir/toc.dat"
    done
done
