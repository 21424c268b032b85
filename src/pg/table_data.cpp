#include "table_data.h"

#include "../pure/copy_text.h"
#include "../pure/gzip_member.h"
#include "data_file.h"
#include "fast_output.h"

namespace {

void append_escaped(StringInfo buf, const char *s) {
    size_t len = strlen(s);
    enlargeStringInfo(buf, (int) pd::copy_text_escaped_bound(len) + 1);
    buf->len += (int) pd::copy_text_escape(s, len, buf->data + buf->len);
    buf->data[buf->len] = '\0';
}

} // namespace

char *pd_data_file_path(const char *directory, int dump_id, int compression) {
    return psprintf("%s/%d.dat%s", directory, dump_id, compression == 0 ? "" : ".gz");
}

void pd_check_table_readable(Oid relid) {
    if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
        aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_TABLE, get_rel_name(relid));
    /* with row_security = off this raises pg_dump's error for RLS-protected tables */
    (void) check_enable_rls(relid, InvalidOid, false);
}

uint64 pd_write_table_data(Oid relid, int expected_ncols, const char *path, int compression,
                           Snapshot snapshot, uint64 *file_bytes) {
    Relation rel = try_table_open(relid, NoLock);
    if (rel == NULL)
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
                        errmsg("table with OID %u was dropped while the dump ran", relid)));
    TupleDesc desc = RelationGetDescr(rel);

    int *cols = (int *) palloc(sizeof(int) * (desc->natts + 1));
    FmgrInfo *out = (FmgrInfo *) palloc(sizeof(FmgrInfo) * (desc->natts + 1));
    PdFastKind *fast = (PdFastKind *) palloc(sizeof(PdFastKind) * (desc->natts + 1));
    int ncols = 0;
    for (int i = 0; i < desc->natts; i++) {
        Form_pg_attribute att = TupleDescAttr(desc, i);
        if (att->attisdropped || att->attgenerated)
            continue; /* COPY leaves out dropped and generated columns */
        Oid func;
        bool varlena;
        getTypeOutputInfo(att->atttypid, &func, &varlena);
        fmgr_info(func, &out[ncols]);
        fast[ncols] = pd_fast_output_kind(att);
        cols[ncols++] = i;
    }
    if (ncols != expected_ncols)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("table \"%s\" changed while the dump ran", RelationGetRelationName(rel)),
                        errdetail("The catalog listed %d columns, the table now has %d.", expected_ncols,
                                  ncols)));

    PdDataFile f;
    pd_data_file_open(&f, path, compression);

    StringInfoData buf;
    initStringInfo(&buf);
    enlargeStringInfo(&buf, (int) pd::kGzipMemberInput + 65536);
    MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_dump row", ALLOCSET_DEFAULT_SIZES);
    TupleTableSlot *slot = table_slot_create(rel, NULL);
    TableScanDesc scan = table_beginscan(rel, snapshot, 0, NULL);
    uint64 rows = 0;

    while (table_scan_getnextslot(scan, ForwardScanDirection, slot)) {
        CHECK_FOR_INTERRUPTS();
        MemoryContext old = MemoryContextSwitchTo(rowcxt);
        slot_getallattrs(slot);
        for (int c = 0; c < ncols; c++) {
            if (c > 0)
                appendStringInfoCharMacro(&buf, '\t');
            int att = cols[c];
            if (slot->tts_isnull[att])
                appendBinaryStringInfo(&buf, "\\N", 2);
            else if (!pd_fast_output_append(&buf, fast[c], slot->tts_values[att]))
                append_escaped(&buf, OutputFunctionCall(&out[c], slot->tts_values[att]));
        }
        appendStringInfoCharMacro(&buf, '\n');
        MemoryContextSwitchTo(old);
        MemoryContextReset(rowcxt);
        rows++;
        if ((size_t) buf.len >= pd::kGzipMemberInput)
            pd_data_file_flush(&f, &buf);
    }
    appendBinaryStringInfo(&buf, pd::kCopyDataTrailer, sizeof(pd::kCopyDataTrailer) - 1);

    table_endscan(scan);
    ExecDropSingleTupleTableSlot(slot);
    MemoryContextDelete(rowcxt);
    table_close(rel, NoLock);

    pd_data_file_finish(&f, &buf);
    pfree(buf.data);
    pfree(cols);
    pfree(out);
    pfree(fast);
    *file_bytes = f.bytes;
    return rows;
}

/*
 * The rows of an extension's configuration table that its filter condition
 * (from pg_extension_config_dump) selects, read with SPI under the active
 * snapshot, like pg_dump's COPY (SELECT ... WHERE ...) TO stdout.
 */
uint64 pd_write_filtered_data(Oid relid, int expected_ncols, const char *path, int compression,
                              uint64 *file_bytes) {
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    Oid types[1] = {OIDOID};
    Datum args[1] = {ObjectIdGetDatum(relid)};
    if (SPI_execute_with_args(
            "SELECT format('SELECT %s FROM ONLY %s %s',"
            " (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a"
            "   WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''),"
            " $1::pg_catalog.regclass, cfg.cond)"
            " FROM pg_catalog.pg_extension x CROSS JOIN LATERAL unnest(x.extconfig, x.extcondition) cfg(rel, cond)"
            " WHERE cfg.rel = $1",
            1, types, args, NULL, true, 1) != SPI_OK_SELECT ||
        SPI_processed != 1)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("table with OID %u is no longer an extension's configuration table", relid)));
    char *query = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

    Portal portal = SPI_cursor_open_with_args(NULL, query, 0, NULL, NULL, NULL, true, 0);
    PdDataFile f;
    pd_data_file_open(&f, path, compression);
    StringInfoData buf;
    initStringInfo(&buf);
    uint64 rows = 0;
    for (;;) {
        SPI_cursor_fetch(portal, true, 1000);
        if (SPI_processed == 0)
            break;
        TupleDesc desc = SPI_tuptable->tupdesc;
        if (desc->natts != expected_ncols)
            ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                            errmsg("table \"%s\" changed while the dump ran", get_rel_name(relid))));
        for (uint64 r = 0; r < SPI_processed; r++) {
            CHECK_FOR_INTERRUPTS();
            for (int c = 0; c < desc->natts; c++) {
                if (c > 0)
                    appendStringInfoCharMacro(&buf, '\t');
                char *v = SPI_getvalue(SPI_tuptable->vals[r], desc, c + 1);
                if (v == NULL)
                    appendBinaryStringInfo(&buf, "\\N", 2);
                else
                    append_escaped(&buf, v);
            }
            appendStringInfoCharMacro(&buf, '\n');
            rows++;
        }
        SPI_freetuptable(SPI_tuptable);
        if ((size_t) buf.len >= pd::kGzipMemberInput)
            pd_data_file_flush(&f, &buf);
    }
    SPI_cursor_close(portal);
    appendBinaryStringInfo(&buf, pd::kCopyDataTrailer, sizeof(pd::kCopyDataTrailer) - 1);
    pd_data_file_finish(&f, &buf);
    SPI_finish();
    *file_bytes = f.bytes;
    return rows;
}
