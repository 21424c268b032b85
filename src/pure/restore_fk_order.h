/*
 * A data-only restore loads rows into tables whose foreign keys exist
 * already, so the rows a key refers to must be in before the rows that refer
 * to them.  pg_dump -a's archives say so (a table's data depends on the data
 * of the tables it refers to); an archive with its schema, pg_dump's or
 * pd_dump's, says it only through its FK CONSTRAINT entries.  This reads the
 * order from those: the constraint's table is the one its ALTER TABLE names,
 * the tables it refers to are the other tables it depends on (directly or
 * through the key it uses), and a partitioned table stands for the data of
 * its partitions (TABLE ATTACH).
 */
#pragma once

#include <unordered_map>
#include <vector>

#include "restore_plan.h"
#include "toc_archive.h"

namespace pd {

/*
 * Makes each data item of items depend on the data items of the tables its
 * table's foreign keys refer to (data_of_table: TABLE dump id -> the item
 * loading its rows), within one phase, leaving out what would close a cycle
 * (circular foreign keys cannot be ordered; such rows may still fail, as
 * with pg_restore -a).
 */
void order_data_by_foreign_keys(const EntrySource &entries, const DumpIdMap &data_of_table,
                                spill_vector<RestoreItem> *items);

} // namespace pd
