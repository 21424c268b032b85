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

# --- CPU and time of a run, medians (bench.sh, big_table.sh) ---
#
# CPU seconds of a run: the client's are what GNU time reports for the client
# command (psql, or pg_dump/pg_restore with the workers they fork and wait
# for).  The server's are read from /proc around the run: the postmaster's
# cutime + cstime (every child it has reaped: the backends and background
# workers of the run, once they exit) plus utime + stime of its children
# still alive (checkpointer, WAL writer, a backend not reaped yet), before and
# after; the difference is what the whole cluster spent during the run,
# whichever processes did the work.
# A child reaped while the children are being read was counted nowhere: gone
# from the list, and not yet in the cutime read before.  That is the moment
# pg_restore's backends exit (the client has just closed its connections),
# so a run could lose nearly all its server CPU (2.9 s read for 22-26 s).
# The sum is therefore read again until the postmaster's cutime + cstime is
# the same before and after the children were read (no child was reaped in
# between).  Read with bash's builtins only: no fork per child.
bench_tick=$(getconf CLK_TCK)
bench_stat_fields() { # PID: fields 3.. of /proc/PID/stat (after "pid (comm) ") in $stat_f
    local line
    read -r line 2>/dev/null < "/proc/$1/stat" || return 1 # (2> first: the failed < is silent)
    read -r -a stat_f <<< "${line##*) }"
}
# bench_server_ticks [DATADIR]: the cluster of DATADIR ($dir/data by
# default; bench/mirror.sh counts two clusters), in clock ticks; the
# postmaster's own utime + stime count too (it forks every backend)
bench_server_ticks() {
    local pm sum reaped again c kids try k
    read -r pm < "${1:-$dir/data}/postmaster.pid"
    for try in 1 2 3 4 5 6 7 8 9 10; do
        bench_stat_fields "$pm" || return 1
        reaped=$(( stat_f[13] + stat_f[14] )) # cutime, cstime (fields 16, 17)
        sum=$(( stat_f[11] + stat_f[12] + reaped )) # + utime, stime (fields 14, 15)
        kids=
        for c in /proc/$pm/task/*/children; do # (no newline at its end: read "fails" at EOF)
            k=(); read -r -a k 2>/dev/null < "$c" || true; kids+=" ${k[*]}"
        done
        for c in $kids; do
            bench_stat_fields "$c" || continue
            sum=$(( sum + stat_f[11] + stat_f[12] ))
        done
        bench_stat_fields "$pm" || return 1
        again=$(( stat_f[13] + stat_f[14] ))
        [ "$again" = "$reaped" ] && break
    done
    echo "$sum"
}

# bench_run NAME CMD...: runs CMD (a command or a shell function) after a
# CHECKPOINT (its writes are not the next run's); appends "wall cpu
# client_cpu server_cpu" to $dir/NAME.times and its stderr to $dir/NAME.log.
# The client's CPU is the shell's children's (bash's times: every process it
# waited for, with what they waited for in turn).
# (times must run in this shell, not in a $(...) subshell: its file is read after)
bench_children_cpu() {
    awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$dir/times.out"
}
bench_run() {
    local name=$1; shift
    sync; psql_ -c CHECKPOINT postgres
    local s0 s1 c0 c1 t0 t1 line
    s0=$(bench_server_ticks); times > "$dir/times.out"; c0=$(bench_children_cpu); t0=$(now)
    "$@" >/dev/null 2>>"$dir/$name.log"
    t1=$(now); times > "$dir/times.out"; c1=$(bench_children_cpu); s1=$(bench_server_ticks)
    line=$(awk "BEGIN { c = $c1 - $c0; s = ($s1 - $s0) / $bench_tick; printf \"%.2f %.2f %.2f %.2f\", $t1 - $t0, c + s, c, s }")
    echo "$line" >> "$dir/$name.times"
    set -- $line
    echo "  $name: wall $1 s, cpu $2 s (client $3, server $4)"
}

# bench_rounds ROUNDS NAME...: ROUNDS rounds of every NAME, the order rotated
# each round so that none always runs first or right after the same other.
# For each NAME the caller defines cmd_NAME (timed, by bench_run) and may
# define prep_NAME (run before, untimed).
bench_rounds() {
    local rounds=$1; shift
    local names=("$@") n=$# r k name
    for ((r = 0; r < rounds; r++)); do
        echo "round $((r + 1)) (load: $(cut -d' ' -f1-3 /proc/loadavg))"
        for ((k = 0; k < n; k++)); do
            name=${names[$(( (r + k) % n ))]}
            if declare -F "prep_$name" >/dev/null; then "prep_$name"; fi
            bench_run "$name" "cmd_$name"
        done
    done
}

# bench_median NAME FIELD: median of field FIELD (1 wall, 2 cpu) of NAME's runs
bench_median() {
    cut -d' ' -f"$2" "$dir/$1.times" | sort -g |
        awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_orders DB ROWS: table orders in DB (numeric, timestamptz, jsonb, text
# columns, a primary key and one more index), ROWS rows
bench_orders() {
    psql_ -d "$1" -c "CREATE TABLE orders AS SELECT g::bigint AS id, (g % 50000)::int AS customer,
    round((g % 100000) * 0.37 + 1, 2)::numeric(12,2) AS amount,
    '2025-01-01 00:00:00+00'::timestamptz + g * interval '7 seconds' AS created,
    (ARRAY['new','paid','shipped','returned'])[g % 4 + 1] AS status,
    jsonb_build_object('sku', 'SKU-' || (g % 9973), 'qty', g % 7 + 1, 'gift', g % 11 = 0) AS doc,
    md5(g::text) AS note
  FROM generate_series(1, $2) g" \
        -c "ALTER TABLE orders ADD PRIMARY KEY (id)" -c "CREATE INDEX orders_customer ON orders (customer)"
}

# timed <command...>: one run of a command (a shell function too), for runs
# too long to repeat (restore_scale.sh, large_objects.sh): sets $wall (s) and
# $cpu (the cluster's CPU s, as bench_run counts it, plus the client's).
timed() {
    local s0 s1 c0 c1 t0 rc=0
    s0=$(bench_server_ticks); times > "$dir/times.out"; c0=$(bench_children_cpu); t0=$(now)
    "$@" || rc=$?
    wall=$(calc "$(now) - $t0")
    sleep 0.3 # the command's backend exits and is reaped
    times > "$dir/times.out"; c1=$(bench_children_cpu); s1=$(bench_server_ticks)
    cpu=$(awk "BEGIN { printf \"%.1f\", $c1 - $c0 + ($s1 - $s0) / $bench_tick }")
    return $rc
}
