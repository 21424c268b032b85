#!/usr/bin/env bash
# Fetches PostgreSQL 15's own regression tests (src/test/regress of Debian's
# postgresql-15 source package, through apt) and builds their C helper
# module, for t/011: the database those tests leave behind is the classic
# test of pg_dump.  Prints the directory; idempotent.
#
# apt finds the sources: deb-src entries are derived from the machine's own
# apt sources (each "deb" entry gets a "deb-src" twin) in a private apt
# configuration under the cache, so the system's configuration is untouched.
# The newest source version apt knows is tried first, then older ones.
set -euo pipefail
cache=${PD_REGRESS_CACHE:-/var/cache/parallel_dump}
mkdir -p "$cache"
pg_config=${PG_CONFIG:-pg_config}

for dir in $(ls -d "$cache"/pg-regress-* 2>/dev/null | sort -Vr); do
    if [ -f "$dir/.complete" ]; then
        echo "$dir"
        exit 0
    fi
done

apt_dir="$cache/apt"
rm -rf "$apt_dir"
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial"
# one-line sources: "deb [options] uri suite components" -> "deb-src ..."
cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    sed -n -E 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' > "$apt_dir/sources.list" || true
# deb822 sources: every stanza whose Types has "deb" again, as deb-src
for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
        function flush() { if (isdeb && body != "") printf "Types: deb-src\n%s\n", body; body = ""; isdeb = 0 }
        /^[[:space:]]*$/ { flush(); next }
        /^#/ { next }
        /^Types:/ { for (i = 2; i <= NF; i++) if ($i == "deb") isdeb = 1; next }
        { body = body $0 "\n" }
        END { flush() }
    ' "$f" > "$apt_dir/sources.list.d/$(basename "$f")"
done
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list"
          -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
          -o "Dir::State::Lists=$apt_dir/lists"
          -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
          -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")
apt-get "${apt_opts[@]}" -qq update >&2 || { echo "apt-get update of the source indices failed" >&2; exit 1; }

# newest first: every source version of postgresql-15 apt knows
versions=$(apt-cache "${apt_opts[@]}" showsrc postgresql-15 2>/dev/null |
           awk '/^Package: /{p = $2} /^Version: / && p == "postgresql-15" {print $2}' | sort -Vru)
[ -n "$versions" ] || { echo "apt knows no source package postgresql-15" >&2; exit 1; }
for v in $versions; do
    upstream=${v%%-*}
    upstream=${upstream#*:}
    dir="$cache/pg-regress-$upstream"
    work=$(mktemp -d "$cache/src.XXXXXX")
    if ! (cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only "postgresql-15=$v" >&2); then
        rm -rf "$work"
        continue
    fi
    tarball=$(ls "$work"/postgresql-15_*.orig.tar.* 2>/dev/null | head -1)
    if [ -z "$tarball" ]; then
        rm -rf "$work"
        continue
    fi
    tar -xf "$tarball" -C "$work" "postgresql-$upstream/src/test/regress" "postgresql-$upstream/contrib/spi"
    rm -rf "$dir"
    mv "$work/postgresql-$upstream/src/test/regress" "$dir"
    cp "$work/postgresql-$upstream/contrib/spi/autoinc.c" "$work/postgresql-$upstream/contrib/spi/refint.c" "$dir/"
    rm -rf "$work"
    # the C functions the tests call (regress.so; autoinc.so and refint.so of
    # contrib/spi), built against the installed server
    printf 'MODULES = regress autoinc refint\nPGXS := $(shell %s --pgxs)\ninclude $(PGXS)\n' "$pg_config" > "$dir/Makefile.module"
    make -s -C "$dir" -f Makefile.module PG_CONFIG="$pg_config" >/dev/null
    chmod -R a+rX "$dir"
    touch "$dir/.complete"
    echo "$dir"
    exit 0
done
echo "could not fetch PostgreSQL 15's sources through apt (versions tried: $(echo $versions))" >&2
exit 1
