# Shared by the bench scripts (sourced, not run): building and installing the
# extension, one scratch cluster, and the small helpers every script uses.
# The caller sets $dir (the scratch directory) and $port before bench_cluster.
# PGBIN picks the PostgreSQL 15 binaries; NO_INSTALL=1 skips building and
# installing the extension.

pgbin=${PGBIN:-/usr/lib/postgresql/15/bin}
export PATH=$pgbin:$PATH

pg() { runuser -u postgres -- "$@"; }
psql_() { pg psql -X -q -h "$dir" -p "$port" -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${calc_digits:-1}f\", $* }"; }

bench_install() {
    [ "${NO_INSTALL:-0}" = 1 ] && return 0
    bash scripts/install-deps.sh
    make -s -j2 PG_CONFIG="$pgbin/pg_config" >/dev/null && make -s install PG_CONFIG="$pgbin/pg_config" >/dev/null
}

# A fresh cluster in $dir/data on $port (the unix socket in $dir), stopped on
# exit; extra postgresql.conf lines on stdin.
bench_cluster() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        pg pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"; mkdir -p "$dir/out"; chown -R postgres "$dir"
    pg initdb -D "$dir/data" -A trust >/dev/null
    { printf "port = %s\nunix_socket_directories = '%s'\nmax_worker_processes = 16\n" "$port" "$dir"; cat; } \
        >> "$dir/data/postgresql.conf"
    pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
    trap 'runuser -u postgres -- pg_ctl -D "$dir/data" -m fast stop >/dev/null 2>&1 || true' EXIT
}

# Database $1 with $2 small tables (serial primary key, a text column, 10
# rows each; 1,000 tables per transaction) and the extension.
bench_many_tables() {
    psql_ -c "CREATE DATABASE $1" postgres
    psql_ -d "$1" -v n="$2" <<'SQL'
SELECT format($f$DO $$BEGIN FOR i IN %s..%s LOOP
  EXECUTE format('CREATE TABLE t%%s (id serial PRIMARY KEY, v text)', lpad(i::text, 6, '0'));
  EXECUTE format('INSERT INTO t%%s (v) SELECT ''row '' || g FROM generate_series(1, 10) g', lpad(i::text, 6, '0'));
END LOOP; END$$;$f$, b, least(b + 999, :n))
FROM generate_series(1, :n, 1000) b \gexec
CREATE EXTENSION parallel_dump;
SQL
}

# CPU seconds used so far by the cluster in $dir/data: the postmaster, its
# live children and the children it has reaped (backends and workers that
# exited count there once the postmaster has waited for them).
cluster_cpu() {
    local pm; pm=$(head -1 "$dir/data/postmaster.pid")
    { cat "/proc/$pm/stat"; for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do cat "/proc/$c/stat" 2>/dev/null; done; } |
        awk -v hz="$(getconf CLK_TCK)" -v pm="$pm" '{ sub(/^.*\) /, ""); t += $12 + $13; if (NR == 1) t += $14 + $15 }
            END { printf "%.1f", t / hz }'
}

# timed <command...>: runs it (a shell function too); sets $wall (s) and $cpu (the cluster's CPU s
# plus the command's own user+system CPU s, as bash's times counts its children)
timed() {
    local c0 t0 rc=0; c0=$(cluster_cpu); t0=$(now)
    ( "$@"; rc=$?; times >"$dir/client_times"; exit $rc ) || rc=$?
    wall=$(calc "$(now) - $t0")
    sleep 0.3 # the command's backend exits and is reaped
    local client; client=$(tail -1 "$dir/client_times" | tr 'ms' '  ' | awk '{ print $1 * 60 + $2 + $3 * 60 + $4 }')
    cpu=$(calc "$(cluster_cpu) - $c0 + $client")
    return $rc
}
