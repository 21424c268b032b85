/*
 * COPY BINARY from a scan under the snapshot (mirror_binary.h): per row the
 * field count, then each field's length and its send function's bytes.
 */
#include "mirror_binary.h"
#include "progress.h"

namespace {

/* "PGCOPY\n\377\r\n\0", then flags and header extension length (both 0) */
const char kHeader[19] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n', '\0', 0, 0, 0, 0, 0, 0, 0, 0};

typedef struct BinaryColumn {
    int attno;
    FmgrInfo send;
} BinaryColumn;

/* A column COPY copies (not dropped, not generated). */
bool copied(Form_pg_attribute att) { return !att->attisdropped && !att->attgenerated; }

void put_int32(PdDataFile *f, int32 v) {
    uint32 n = pg_hton32((uint32) v);
    pd_data_file_put(f, (const char *) &n, 4);
}

/*
 * A type whose send format means the same on a server of the same major
 * version: built in (same OIDs), with send and receive, not an OID alias
 * (regclass sends the OID, which the target gives another object) and not
 * composite (whose send format carries column type OIDs, of catalogs' row
 * types with OID aliases in them).  An array when its element is so.
 */
bool binary_safe_type(Oid type) {
    static const Oid aliases[] = {REGCLASSOID, REGTYPEOID, REGPROCOID, REGPROCEDUREOID, REGOPEROID,
                                  REGOPERATOROID, REGCONFIGOID, REGDICTIONARYOID, REGNAMESPACEOID, REGROLEOID,
                                  REGCOLLATIONOID};
    if (type >= FirstNormalObjectId)
        return false;
    for (Oid a : aliases)
        if (type == a)
            return false;
    HeapTuple tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(type));
    if (!HeapTupleIsValid(tup))
        return false;
    Form_pg_type t = (Form_pg_type) GETSTRUCT(tup);
    bool ok = OidIsValid(t->typsend) && OidIsValid(t->typreceive) && t->typtype != TYPTYPE_COMPOSITE &&
              t->typtype != TYPTYPE_PSEUDO;
    Oid elem = t->typlen == -1 ? t->typelem : InvalidOid;
    ReleaseSysCache(tup);
    return ok && (!OidIsValid(elem) || binary_safe_type(elem));
}

} // namespace

bool pd_mirror_binary_ok(PdRemote *target, Oid relid) {
    if (target->server_version / 10000 != PG_VERSION_NUM / 10000 ||
        strcmp(target->server_encoding, GetDatabaseEncodingName()) != 0)
        return false;
    Relation rel = RelationIdGetRelation(relid);
    if (!RelationIsValid(rel))
        return false;
    TupleDesc desc = RelationGetDescr(rel);
    bool ok = true;
    for (int i = 0; i < desc->natts && ok; i++) {
        Form_pg_attribute att = TupleDescAttr(desc, i);
        ok = !copied(att) || binary_safe_type(att->atttypid);
    }
    RelationClose(rel);
    return ok;
}

uint64 pd_table_binary_rows_to(PdDataFile *f, Oid relid, const char *label, int expected_ncols, Snapshot snapshot,
                               const PdBlockRange *range) {
    Relation rel = pd_open_table_as_in_snapshot(relid, label, snapshot);
    TupleDesc desc = RelationGetDescr(rel);
    BinaryColumn *cols = (BinaryColumn *) palloc0(sizeof(BinaryColumn) * (desc->natts + 1));
    int ncols = 0;
    for (int i = 0; i < desc->natts; i++) {
        Form_pg_attribute att = TupleDescAttr(desc, i);
        if (!copied(att))
            continue;
        Oid func;
        bool varlena;
        getTypeBinaryOutputInfo(att->atttypid, &func, &varlena);
        fmgr_info(func, &cols[ncols].send);
        cols[ncols++].attno = i;
    }
    if (ncols != expected_ncols)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("table %s changed while the dump ran", label),
                        errdetail("The catalog listed %d columns, the table now has %d.", expected_ncols, ncols)));
    pd_data_file_put(f, kHeader, sizeof kHeader);
    MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_mirror row", ALLOCSET_DEFAULT_SIZES);
    TupleTableSlot *slot = table_slot_create(rel, NULL);
    pd_progress_work_begin(label);
    /* physical order, as pd_dump's scan */
    TableScanDesc scan = table_beginscan_strat(rel, snapshot, 0, NULL, true, false);
    bool any = range == NULL || pd_limit_scan(rel, scan, range, label);
    uint64 rows = 0;
    uint16 nfields = pg_hton16((uint16) ncols);
    while (any && table_scan_getnextslot(scan, ForwardScanDirection, slot)) {
        CHECK_FOR_INTERRUPTS();
        MemoryContext old = MemoryContextSwitchTo(rowcxt);
        slot_getallattrs(slot);
        pd_data_file_put(f, (const char *) &nfields, 2);
        for (int c = 0; c < ncols; c++) {
            int att = cols[c].attno;
            if (slot->tts_isnull[att]) {
                put_int32(f, -1);
                continue;
            }
            bytea *b = SendFunctionCall(&cols[c].send, slot->tts_values[att]);
            put_int32(f, (int32) VARSIZE(b) - VARHDRSZ);
            pd_data_file_put(f, VARDATA(b), VARSIZE(b) - VARHDRSZ);
            pd_data_file_value_written(f);
        }
        MemoryContextSwitchTo(old);
        MemoryContextReset(rowcxt);
        rows++;
        pd_data_file_row_end(f);
        pd_progress_scan_tick(rows, scan);
    }
    const char trailer[2] = {'\377', '\377'};
    pd_data_file_put(f, trailer, 2);
    pd_progress_scan_end(relid, rows, scan, range != NULL);
    table_endscan(scan);
    ExecDropSingleTupleTableSlot(slot);
    MemoryContextDelete(rowcxt);
    table_close(rel, NoLock);
    pfree(cols);
    return rows;
}
