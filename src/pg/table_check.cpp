/*
 * Compares a locked table's current definition (its relation cache entry,
 * rebuilt from the latest committed catalog when the lock was taken) with
 * the catalog rows the dump's snapshot sees.  Only what decides which rows
 * the snapshot reads and how they are decoded is compared: a GRANT, a new
 * index or trigger, a rename or new statistics targets change nothing in the
 * rows, so they do not stop the dump.
 */
#include "table_check.h"

extern "C" {
#include "access/genam.h"
#include "catalog/pg_attribute.h"
#include "utils/fmgroids.h"
}

namespace {

void report_change(const char *label, const char *detail) {
    ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                    errmsg("table %s changed while the dump ran", label), errdetail_internal("%s", detail),
                    errhint(PD_CHANGED_TABLE_HINT)));
}

/* The snapshot's pg_class row of relid: false if it sees none. */
bool class_in_snapshot(Oid relid, Snapshot snapshot, Oid *filenode, int *natts) {
    Relation cls = table_open(RelationRelationId, AccessShareLock);
    ScanKeyData key;
    ScanKeyInit(&key, Anum_pg_class_oid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relid));
    SysScanDesc scan = systable_beginscan(cls, ClassOidIndexId, true, snapshot, 1, &key);
    HeapTuple tuple = systable_getnext(scan);
    bool found = HeapTupleIsValid(tuple);
    if (found) {
        Form_pg_class c = (Form_pg_class) GETSTRUCT(tuple);
        *filenode = c->relfilenode;
        *natts = c->relnatts;
    }
    systable_endscan(scan);
    table_close(cls, AccessShareLock);
    return found;
}

/* What differs between the snapshot's columns and desc in what decoding needs, or NULL. */
char *changed_columns(Oid relid, Snapshot snapshot, TupleDesc desc) {
    Relation att = table_open(AttributeRelationId, AccessShareLock);
    ScanKeyData key[2];
    ScanKeyInit(&key[0], Anum_pg_attribute_attrelid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relid));
    ScanKeyInit(&key[1], Anum_pg_attribute_attnum, BTGreaterStrategyNumber, F_INT2GT, Int16GetDatum(0));
    SysScanDesc scan = systable_beginscan(att, AttributeRelidNumIndexId, true, snapshot, 2, key);
    char *changed = NULL;
    int seen = 0;
    HeapTuple tuple;
    while (changed == NULL && HeapTupleIsValid(tuple = systable_getnext(scan))) {
        Form_pg_attribute then = (Form_pg_attribute) GETSTRUCT(tuple);
        seen++;
        Form_pg_attribute now = then->attnum <= desc->natts ? TupleDescAttr(desc, then->attnum - 1) : NULL;
        if (now == NULL || then->atttypid != now->atttypid || then->attisdropped != now->attisdropped ||
            then->attgenerated != now->attgenerated)
            changed = psprintf("Column \"%s\" was added, dropped or retyped since the dump's snapshot.",
                               NameStr(then->attname));
    }
    systable_endscan(scan);
    table_close(att, AccessShareLock);
    if (changed == NULL && seen != desc->natts)
        changed = psprintf("The dump's snapshot sees %d columns, the table has %d now.", seen, desc->natts);
    return changed;
}

} // namespace

void pd_check_table_as_in_snapshot(Relation rel, Snapshot snapshot, const char *label) {
    Oid relid = RelationGetRelid(rel);
    Oid filenode = InvalidOid;
    int natts = 0;
    if (!class_in_snapshot(relid, snapshot, &filenode, &natts))
        report_change(label, "The dump's snapshot does not see this table.");
    if (filenode != rel->rd_rel->relfilenode)
        report_change(label, "Its storage was replaced since the dump's snapshot (by TRUNCATE, or by an ALTER TABLE, "
                             "CLUSTER or VACUUM FULL that rewrote it): the rows the snapshot sees are gone.");
    TupleDesc desc = RelationGetDescr(rel);
    if (natts != desc->natts)
        report_change(label, psprintf("It had %d columns in the dump's snapshot and has %d now.", natts,
                                      desc->natts));
    char *columns = changed_columns(relid, snapshot, desc);
    if (columns != NULL)
        report_change(label, columns);
}
