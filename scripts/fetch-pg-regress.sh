#!/usr/bin/env bash
# Fetches PostgreSQL 15's own regression tests (src/test/regress of the
# Debian source package, from Debian's archive) and builds their C helper
# module, for t/011: the database those tests leave behind is the classic
# test of pg_dump.  Prints the directory; idempotent.
set -euo pipefail
cache=${PD_REGRESS_CACHE:-/var/cache/parallel_dump}
mkdir -p "$cache"
pg_config=${PG_CONFIG:-pg_config}

# newest first: the versions apt knows for postgresql-15, upstream part only
versions=$(apt-cache madison postgresql-15 | awk -F'|' '{gsub(/ /, "", $2); sub(/-.*/, "", $2); print $2}' | sort -Vru)
for v in $versions; do
    dir="$cache/pg-regress-$v"
    if [ -f "$dir/.complete" ]; then
        echo "$dir"
        exit 0
    fi
done
for v in $versions; do
    dir="$cache/pg-regress-$v"
    url="http://deb.debian.org/debian/pool/main/p/postgresql-15/postgresql-15_$v.orig.tar.bz2"
    tarball="$cache/postgresql-15_$v.orig.tar.bz2"
    if ! curl -fsS --retry 3 -o "$tarball.part" "$url" 2>/dev/null; then
        rm -f "$tarball.part"
        continue
    fi
    mv "$tarball.part" "$tarball"
    rm -rf "$dir" "$cache/postgresql-$v"
    tar -xjf "$tarball" -C "$cache" "postgresql-$v/src/test/regress" "postgresql-$v/contrib/spi"
    mv "$cache/postgresql-$v/src/test/regress" "$dir"
    cp "$cache/postgresql-$v/contrib/spi/autoinc.c" "$cache/postgresql-$v/contrib/spi/refint.c" "$dir/"
    rm -rf "$cache/postgresql-$v" "$tarball"
    # the C functions the tests call (regress.so; autoinc.so and refint.so of
    # contrib/spi), built against the installed server
    printf 'MODULES = regress autoinc refint\nPGXS := $(shell %s --pgxs)\ninclude $(PGXS)\n' "$pg_config" > "$dir/Makefile.module"
    make -s -C "$dir" -f Makefile.module PG_CONFIG="$pg_config" >/dev/null
    chmod -R a+rX "$dir"
    touch "$dir/.complete"
    echo "$dir"
    exit 0
done
echo "could not fetch PostgreSQL 15's sources (versions tried: $versions)" >&2
exit 1
