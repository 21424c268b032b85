#!/usr/bin/env bash
# Many small large objects (LOBS, default "200000 1000000"; the first 100 of
# each database with a COMMENT and a GRANT): pd_dump jobs 2 against
# pg_dump -Fd -j 2, and pd_restore jobs 2 against pg_restore -j 2 of the same
# (pd_dump's) archive, in one cluster.  For each: wall time and the peak
# private memory (RssAnon, sampled every 0.5 s) of the calling backend (the
# leader), of the parallel_dump workers, of the server backends serving the
# pg_ tools, and of the pg_ tools' own processes; then whether both copies
# equal the source (contents, owners, comments, privileges).  RUNS (default
# 1) repeats each measurement and prints the median; pg_dump is left out
# above PG_DUMP_MAX objects, pg_restore above PG_RESTORE_MAX; PG_RESTORE_TIMEOUT
# (seconds, default none) cuts a pg_restore that runs longer, and then the
# ratio printed is an upper bound.  Each archive holds a file per large object:
# on tmpfs (BENCH_DIR) that is a page each, ~4 GB per million.
# COLD=1 empties the page cache before each restore (both tools read the
# archive's files from disk, as after a dump that did not fit in memory);
# else both read it warm.
# Run as root; not part of CI.  PGBIN=<dir> picks the PostgreSQL binaries
# (where the extension must already be installed).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
sizes=${LOBS:-200000 1000000}
runs=${RUNS:-1}
dir=${BENCH_DIR:-/tmp/pd-lo-bench}
port=${BENCH_PORT:-5491}
bench_cluster <<< "max_wal_size = 4GB"
sql() { psql_ "$@"; }
calc_digits=2
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# sample <file>: until killed, the largest RssAnon (kB) seen per class of process (one perl process)
sample() {
    LEADER_DB=${LEADER_DB:-none} exec perl -e '
        my ($out, $datadir, $port, %peak) = @ARGV;
        my $leader = "postgres: postgres $ENV{LEADER_DB} [local]";
        open(my $pf, "<", "$datadir/postmaster.pid") or die; my $postmaster = <$pf> + 0; close $pf;
        while (1) {
            for my $p (glob "/proc/[0-9]*") {
                open(my $s, "<", "$p/status") or next;
                my $status = join("", <$s>); close $s;
                my ($ppid) = $status =~ /^PPid:\s+(\d+)/m;
                my ($kb) = $status =~ /^RssAnon:\s+(\d+)/m;
                next unless defined $kb && defined $ppid;
                open(my $c, "<", "$p/cmdline") or next;
                my $cmd = join("", <$c>); close $c;
                $cmd =~ tr/\0/ /;
                my $class;
                if ($ppid == $postmaster) {   # this cluster only
                    $class = $cmd =~ /^postgres: (\S+: )?parallel_dump/ ? "worker"
                        : index($cmd, $leader) == 0 ? "leader"
                        : $cmd =~ /^postgres: postgres \S+ \[local\]/ ? "backend" : next;
                } elsif ($cmd =~ /^pg_(dump|restore) .* -p $port /) {
                    $class = "tool";
                } else {
                    next;
                }
                $peak{$class} = $kb if $kb > ($peak{$class} // 0);
            }
            open(my $o, ">", "$out.tmp") or die; print $o map { "$_ $peak{$_}\n" } sort keys %peak; close $o;
            rename "$out.tmp", $out;
            select(undef, undef, undef, 0.5);
        }' "$1" "$dir/data" "$port"
}

# measure <label> <command...>: runs it RUNS times; prints the median wall time and CPU seconds (the
# cluster's and the command's own, lib.sh's timed) and the memory peaks of the last run; a failed run
# (a pg_dump cut by its timeout, for one) says so
measure() {
    local label=$1; shift
    local times=() cpus=() r sampler
    for ((r = 1; r <= runs; r++)); do
        [ -n "${BEFORE:-}" ] && eval "$BEFORE"
        sync
        rm -f "$dir/peaks"; sample "$dir/peaks" & sampler=$!
        timed "$@" >/dev/null 2>"$dir/last.err" || echo "   $label failed (exit $?): $(tail -1 "$dir/last.err")"
        times+=("$wall"); cpus+=("$cpu")
        sleep 0.6; kill "$sampler"; wait "$sampler" 2>/dev/null || true
    done
    last_time=$(echo "${times[@]}" | median)
    printf '%-34s %8s s wall %8s s CPU  (runs: %s)  peak RssAnon kB: %s\n' "$label" "$last_time" \
        "$(echo "${cpus[@]}" | median)" "${times[*]}" "$(awk '{ printf "%s %s  ", $1, $2 }' "$dir/peaks" 2>/dev/null)"
}

lobs_sql="SELECT count(*) || ' ' || md5(string_agg(m.oid || ' ' || pg_get_userbyid(m.lomowner) || ' '
    || coalesce(m.lomacl::text, '-') || ' ' || coalesce(obj_description(m.oid, 'pg_largeobject'), '-') || ' '
    || md5(lo_get(m.oid)), ',' ORDER BY m.oid)) FROM pg_largeobject_metadata m"
sql -c "CREATE EXTENSION parallel_dump" -c "CREATE ROLE lo_reader" -c "CREATE ROLE lo_owner"
for n in $sizes; do
    db=lobs$n
    sql -c "CREATE DATABASE $db"
    sql -d "$db" -c "CREATE EXTENSION parallel_dump"
    for ((from = 1; from <= n; from += 100000)); do
        to=$((from + 99999 > n ? n : from + 99999))
        sql -d "$db" -c "SELECT count(lo_from_bytea(0, convert_to('large object ' || g, 'UTF8')))
                         FROM generate_series($from, $to) g" >/dev/null
    done
    sql -d "$db" -c "DO \$\$DECLARE o oid; BEGIN
        FOR o IN SELECT oid FROM pg_largeobject_metadata ORDER BY oid LIMIT 100 LOOP
          EXECUTE format('COMMENT ON LARGE OBJECT %s IS %L', o, 'comment of ' || o);
          EXECUTE format('GRANT SELECT ON LARGE OBJECT %s TO lo_reader', o);
          EXECUTE format('ALTER LARGE OBJECT %s OWNER TO lo_owner', o);
        END LOOP; END\$\$"
    want=$(sql -d "$db" -Atc "$lobs_sql")
    echo "== $n large objects (first 100 with COMMENT, GRANT, another owner); load: $(uptime | sed 's/.*load/load/')"
    pd=$dir/out/pd$n; pgd=$dir/out/pg$n
    LEADER_DB=$db BEFORE="rm -rf $pd" measure "pd_dump jobs 2" sql -Atc "SELECT pd_dump('$pd', 2)" -d "$db"
    pd_dump_time=$last_time
    echo "   toc.dat $(stat -c %s "$pd/toc.dat") bytes"
    if [ "$n" -le "${PG_DUMP_MAX:-1000000}" ]; then
        BEFORE="rm -rf $pgd" measure "pg_dump -Fd -j 2 (cut at ${PG_DUMP_TIMEOUT:-1800} s)" \
            timeout "${PG_DUMP_TIMEOUT:-1800}" runuser -u postgres -- pg_dump -Fd -j 2 -h "$dir" -p "$port" -f "$pgd" "$db"
        echo "   pd_dump / pg_dump = $(calc "$pd_dump_time / $last_time")"
        rm -rf "$pgd"
    fi
    cold=; [ "${COLD:-0}" = 1 ] && cold="; sync; echo 3 > /proc/sys/vm/drop_caches"
    LEADER_DB=postgres BEFORE="sql -c 'DROP DATABASE IF EXISTS r_pd' -c 'CREATE DATABASE r_pd'$cold" \
        measure "pd_restore jobs 2" sql -Atc "SELECT restored, failed FROM pd_restore('$pd', 'r_pd', 2)"
    pd_restore_time=$last_time
    checked=r_pd
    if [ "$n" -le "${PG_RESTORE_MAX:-1000000}" ]; then
        limit=${PG_RESTORE_TIMEOUT:-0}
        BEFORE="sql -c 'DROP DATABASE IF EXISTS r_pg WITH (FORCE)' -c 'CREATE DATABASE r_pg'$cold" \
            measure "pg_restore -j 2 (same archive)$([ "$limit" -gt 0 ] && echo " (cut at $limit s)")" \
            timeout "${limit}" runuser -u postgres -- pg_restore -j 2 -h "$dir" -p "$port" -d r_pg "$pd"
        if [ "$limit" -gt 0 ] && awk "BEGIN { exit !($last_time >= $limit - 0.5) }"; then
            echo "   pg_restore was cut at $limit s: pd_restore / pg_restore < $(calc "$pd_restore_time / $last_time")"
        else
            echo "   pd_restore / pg_restore = $(calc "$pd_restore_time / $last_time")"
            checked="r_pd r_pg"
        fi
    fi
    for r in $checked; do
        [ "$(sql -d $r -Atc "$lobs_sql")" = "$want" ] && echo "   $r equals the source" || echo "   $r DIFFERS from the source"
    done
    rm -rf "$pd"
    sql -c "DROP DATABASE r_pd" -c "DROP DATABASE IF EXISTS r_pg WITH (FORCE)" -c "DROP DATABASE $db"
done
