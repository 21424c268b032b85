#!/usr/bin/env bash
# A demo a newcomer can watch, as root on a fresh Debian bookworm machine:
# installs and builds parallel_dump, starts a throwaway cluster, builds a
# sample database, dumps it from SQL with 2 background workers, restores the
# archive with stock pg_restore -j 2 and shows that both databases match, then
# restores it once more inside the server with pd_restore.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "installing dependencies and building"
bash scripts/install-deps.sh
export PATH=/usr/lib/postgresql/15/bin:$PATH
make -s -j2 >/dev/null && make -s install >/dev/null
echo "parallel_dump installed into $(pg_config --pkglibdir)"

demo=/tmp/pd-demo
port=5488
step "starting a throwaway cluster in $demo (port $port)"
if [ -f "$demo/data/postmaster.pid" ]; then
    runuser -u postgres -- pg_ctl -D "$demo/data" -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$demo"
mkdir -p "$demo/archives"
chown -R postgres "$demo"
runuser -u postgres -- initdb -D "$demo/data" -A trust >/dev/null
cat >> "$demo/data/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$demo'
max_worker_processes = 16
CONF
runuser -u postgres -- pg_ctl -D "$demo/data" -l "$demo/server.log" -w start >/dev/null
trap 'runuser -u postgres -- pg_ctl -D "$demo/data" -m fast stop >/dev/null 2>&1 || true' EXIT
psql_() { runuser -u postgres -- psql -X -h "$demo" -p "$port" -v ON_ERROR_STOP=1 "$@"; }

step "building the sample database 'shop' (pgbench tables and a schema with many object kinds)"
psql_ -q -c "CREATE DATABASE shop"
runuser -u postgres -- pgbench -h "$demo" -p "$port" -i -q -s 5 shop 2>&1 | tail -1
psql_ -q -f "$root/t/data/rich_roles.sql" postgres
psql_ -q -f "$root/t/data/rich_schema.sql" shop >/dev/null
psql_ -d shop -c "SELECT count(*) AS tables, pg_size_pretty(pg_database_size('shop')) AS size
  FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"

step "dumping from SQL: SELECT pd_dump('$demo/archives/shop-%Y%m%d-%H%M%S', 2)"
psql_ -d shop -c "CREATE EXTENSION parallel_dump"
archive=$(psql_ -d shop -Atc "SELECT pd_dump('$demo/archives/shop-%Y%m%d-%H%M%S', 2)")
echo "archive written: $archive"
ls -la "$archive" | head -12
echo "..."
runuser -u postgres -- pg_restore -l "$archive" | sed -n '1,12p;/TABLE DATA/p' | head -30

step "restoring with stock pg_restore -j 2 into 'shop_restored'"
psql_ -q -c "CREATE DATABASE shop_restored"
runuser -u postgres -- pg_restore -j 2 -h "$demo" -p "$port" -d shop_restored "$archive"
echo "restored"

step "comparing the two databases"
dump_() { runuser -u postgres -- pg_dump -h "$demo" -p "$port" "$@" | grep -v '^\\\(un\)\?restrict'; }
if diff <(dump_ -s shop) <(dump_ -s shop_restored) >/dev/null; then s=same; else s=DIFFERENT; fi
if diff <(dump_ -a shop) <(dump_ -a shop_restored) >/dev/null; then d=same; else d=DIFFERENT; fi
echo "schema (pg_dump -s):            $s"
echo "rows and sequences (pg_dump -a): $d"
psql_ -d shop_restored -c "SELECT (SELECT count(*) FROM pgbench_accounts) AS accounts,
  (SELECT count(*) FROM shop.customer) AS customers, (SELECT last_value FROM shop.order_no) AS order_no"
[ "$s" = same ] && [ "$d" = same ] || { echo "DIFFERENT: the restored database differs"; exit 1; }
echo "MATCH: the restored database is identical"

step "restoring the same archive inside the server: SELECT * FROM pd_restore(..., 'shop_in_server', 2)"
psql_ -q -c "CREATE DATABASE shop_in_server"
psql_ -d shop -c "SELECT * FROM pd_restore('$archive', 'shop_in_server', 2)"
if diff <(dump_ -s shop) <(dump_ -s shop_in_server) >/dev/null && diff <(dump_ -a shop) <(dump_ -a shop_in_server) >/dev/null; then
    echo "MATCH: pd_restore gave the same database"
else
    echo "DIFFERENT: pd_restore's copy differs"; exit 1
fi
