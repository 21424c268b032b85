/*
 * pd_restore's last step: applying an archive's statistics file
 * (statistics_format.h) to the restored tables.  The leader starts one
 * worker connected to the target as the calling role; that worker reads the
 * file as untrusted input and writes pg_statistic and pg_class there.
 */
#pragma once

#include <vector>

#include "pg_includes.h"

namespace pd {
struct TocEntry;
class EntrySource;
class RestorePlan;
}

/*
 * After every other entry: applies dir's statistics file (if the archive
 * has one) in database dboid, for the tables, materialized views and
 * indexes whose entries this restore restored (succeeded[item], per plan
 * item).
 */
extern void pd_restore_statistics(const char *dir, Oid dboid, const pd::EntrySource *entries,
                                  const pd::RestorePlan *plan, const bool *succeeded);

extern "C" PGDLLEXPORT void pd_statistics_worker_main(Datum main_arg);
