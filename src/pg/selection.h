/*
 * pg_dump's selection options (-n, -N, -t, -T, --exclude-table-data,
 * --strict-names, --load-via-partition-root) turned into the parameters
 * of the catalog queries.  Table patterns without a schema match tables
 * visible in the caller's search_path, as pg_dump's do.
 */
#pragma once

#include "catalog_reader.h"
#include "dump_leader.h"

extern void pd_resolve_selection(const PdDumpOptions *options, PdSelection *selection);
