/*
 * Writing one relation's statistics records (statistics_format.h) into the
 * current database's catalogs, as ANALYZE would have: pg_statistic rows
 * replaced for (relation, column, inherit), and relpages, reltuples and
 * relallvisible in pg_class.  Each problem that only concerns one record
 * (a changed column type, an operator missing in the target, a value its
 * type refuses) is a WARNING and that record is skipped.
 */
#pragma once

#include "../pure/statistics_format.h"
#include "pg_includes.h"

/*
 * The target relation of a relation record, locked as ANALYZE locks it;
 * InvalidOid (with a WARNING, unless the relation is simply absent) when
 * its statistics are not applied.
 */
extern Oid pd_stats_open_relation(const pd::StatsRelation *rec);
/* One column record of relation relid (label: schema.name for messages); true if written. */
extern bool pd_stats_apply_column(Oid relid, const char *label, const pd::StatsColumn *rec);
/* The relation's pg_class figures, a transactional update; then its relcache entry is invalidated. */
extern void pd_stats_apply_relation(Oid relid, const pd::StatsRelation *rec);
