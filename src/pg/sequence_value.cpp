/*
 * Reads a sequence's one row through the table access method under the
 * active snapshot (sequence rows are updated in place, so this is their
 * current state, as a SELECT from the sequence returns it), between taking
 * and releasing an ACCESS SHARE lock of its own.
 */
#include "sequence_value.h"

#include "memory_report.h"

extern "C" {
#include "access/relation.h"
#include "utils/inval.h"
}

namespace {

const int kSequencesPerCacheReset = 1000;
int sequences_read = 0;

} // namespace

void pd_read_sequence(Oid seqid, const char *label, int64 *last_value, bool *is_called) {
    LockRelationOid(seqid, AccessShareLock); /* honours lock_timeout */
    Relation rel = try_relation_open(seqid, NoLock);
    if (rel == NULL)
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE), errmsg("sequence %s was dropped while the dump ran", label)));
    if (rel->rd_rel->relkind != RELKIND_SEQUENCE)
        ereport(ERROR, (errcode(ERRCODE_WRONG_OBJECT_TYPE), errmsg("\"%s\" is not a sequence", label)));
    if (pg_class_aclcheck(seqid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
        aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_SEQUENCE, RelationGetRelationName(rel));
    pd_read_uncounted(rel);

    TupleTableSlot *slot = table_slot_create(rel, NULL);
    TableScanDesc scan = table_beginscan(rel, GetActiveSnapshot(), 0, NULL);
    if (!table_scan_getnextslot(scan, ForwardScanDirection, slot))
        ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("sequence %s has no row", label)));
    slot_getallattrs(slot);
    /* pg_sequence_data: last_value int8, log_cnt int8, is_called bool */
    *last_value = DatumGetInt64(slot->tts_values[0]);
    *is_called = DatumGetBool(slot->tts_values[2]);
    table_endscan(scan);
    ExecDropSingleTupleTableSlot(slot);
    relation_close(rel, NoLock);
    UnlockRelationOid(seqid, AccessShareLock);
    /*
     * Each sequence opened leaves a relation cache entry of some kB behind;
     * empty the caches now and then, as every backend does when its
     * invalidation queue overflows (which can happen at any lock taken).
     */
    if (++sequences_read % kSequencesPerCacheReset == 0)
        InvalidateSystemCaches();
}
