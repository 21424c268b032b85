#!/usr/bin/env bash
# Runs every test of parallel_dump: unit tests of the pure C++ part,
# pg_regress for the SQL surface and the TAP tests (clusters, pg_restore,
# pg_cron).  Run as root on Debian bookworm; ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/install-deps.sh || exit 1
export PATH=/usr/lib/postgresql/15/bin:$PATH
make -s clean >/dev/null 2>&1
make -s -j2 >/dev/null || { echo "build failed"; make 2>&1 | tail -30; exit 1; }
make -s install >/dev/null || { echo "make install failed"; exit 1; }
# test-only fixtures: an extension with configuration tables (t/008) and a
# security label provider (t/010)
install -m 644 test/extension/pd_test_config* "$(pg_config --sharedir)/extension/"
make -s -j2 -C test/seclabel install >/dev/null || { echo "building the label provider fixture failed"; exit 1; }

# PostgreSQL's own regression tests, whose database t/011 round-trips
export PD_PG_REGRESS_DIR
PD_PG_REGRESS_DIR=$(bash scripts/fetch-pg-regress.sh) || { echo "fetching PostgreSQL's regression tests failed"; exit 1; }

passed=0; failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }

echo "== unit tests"
unit_log=$(mktemp)
make -s -j2 unitcheck 2>&1 | tee "$unit_log"
line=$(grep -E '^unit: [0-9]+ passed, [0-9]+ failed' "$unit_log" | tail -1)
if [ -n "$line" ]; then
    count "$(echo "$line" | sed -E 's/unit: ([0-9]+) passed.*/\1/')" "$(echo "$line" | sed -E 's/.* ([0-9]+) failed/\1/')"
else
    count 0 1
fi

# PostgreSQL refuses to run as root: the server tests run as "postgres" in a
# copy of the tree that user owns.
work=$(mktemp -d /tmp/pd-test.XXXXXX)
cp -a "$root/." "$work/"
chown -R postgres "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

echo "== pg_regress"
regress_log=$(mktemp)
as_pg make -C "$work" installcheck TAP_TESTS= 2>&1 | tee "$regress_log"
count "$(grep -cE '^(ok|test) .* ok|\.\.\. ok' "$regress_log")" "$(grep -cE 'FAILED|failed \(ignored\)' "$regress_log")"
[ -f "$work/regression.diffs" ] && cat "$work/regression.diffs"

# t/020 fills a small file system on the target (a full disk): root mounts one
# for the TAP run and unmounts it afterwards; without it that case skips
small_fs=/tmp/pd-small-fs
if [ "$(id -u)" = 0 ] && mkdir -p "$small_fs" &&
    mount -t tmpfs -o size=24m,uid="$(id -u postgres)",mode=0700 tmpfs "$small_fs"; then
    export PD_SMALL_FS=$small_fs
    trap 'umount "$small_fs" 2>/dev/null; rmdir "$small_fs" 2>/dev/null' EXIT
else
    echo "(no small file system mounted: t/020's full-disk case skips)"
fi

# One test at a time unless PD_TAP_JOBS says more (PD_TAP_JOBS=2: two at a
# time; they share nothing fixed: PostgreSQL::Test's port locks, archives
# and pg_regress output in temporary directories; but a few checks bound
# timings or sample a worker's locks and are not proved to hold beside
# another test on two cores).  The longest go first so that with two lanes
# both end together; then every other test.
slow="t/011_regression_database.pl t/016_fidelity.pl t/025_large_objects.pl t/026_leader_memory.pl t/005_pg_cron.pl"
tests=$slow
for t in t/*.pl; do
    case " $slow " in *" $t "*) ;; *) tests="$tests $t" ;; esac
done
echo "== TAP"
tap_log=$(mktemp)
as_pg make -C "$work" installcheck REGRESS= PROVE_TESTS="$tests" PROVE_FLAGS="-j${PD_TAP_JOBS:-1} --timer" 2>&1 |
    sed -u 's/\r/\n/g' | tee "$tap_log" | grep --line-buffered -E '^(\[[0-9:]+\] )?t/|^(not ok|# +Failed|Result|Files=)|Wstat|^Dubious|^Failed [0-9]+/|Failed tests?:'
# prove's summary: Tests= counts every test run (a failing TODO test is
# expected to fail: prove does not count it as failed), "Failed: N" each
# file's failures (prove runs without -v: its "ok N" lines are not shown)
total=$(sed -nE 's/^Files=[0-9]+, Tests=([0-9]+),.*/\1/p' "$tap_log" | tail -1)
tap_failed=0
for n in $(sed -nE 's/^t\/.*\(Wstat: .* Tests: [0-9]+ Failed: ([0-9]+)\)$/\1/p' "$tap_log"); do
    tap_failed=$((tap_failed + n))
done
count "$(( ${total:-0} - tap_failed ))" "$tap_failed"
if ! grep -q '^Result: PASS' "$tap_log"; then
    count 0 1
    for f in "$work"/tmp_check/log/regress_log_*; do
        grep -q 'not ok' "$f" && { echo "--- $f"; grep -B2 -A20 'not ok' "$f" | head -80; }
    done
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
