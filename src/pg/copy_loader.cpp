/* A plain table's COPY text loaded without COPY's parser (copy_loader.h). */
#include "copy_loader.h"

extern "C" {
#include "access/heapam.h"
#include "commands/copyfrom_internal.h"
#include "commands/progress.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "utils/portal.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
}

#include "../pure/copy_text_parse.h"
#include "progress.h"

using pd::CopyLineStatus;
using pd::COPY_LINE; using pd::COPY_LINE_LAST; using pd::COPY_LINE_MARKED; using pd::COPY_LINE_MORE; using pd::COPY_LINE_NOT_NEWLINE;
using pd::COPY_LINE_LITERAL_CR; using pd::COPY_LINE_MARKER_CORRUPT; using pd::COPY_LINE_MARKER_STYLE;

namespace {

/* As COPY's multi-insert buffer: at most so many rows, or so many bytes of input, per table_multi_insert. */
const int kBatchRows = 1000;
const size_t kBatchBytes = 65535;
const size_t kFirstRead = 64 * 1024; /* grown for longer lines; as COPY's own input buffer */

/* The rows of one batch: slots (made as needed: a small table needs few), and the memory their values live in until inserted. */
typedef struct Batch {
    TupleTableSlot *slots[kBatchRows];
    int nused;
    size_t bytes;
    MemoryContext cxt;
} Batch;

/* The input: bytes [pos, len) of buf not yet consumed (cap bytes allocated, one kept for a '\0'). */
typedef struct Input {
    char *buf;
    size_t cap;
    size_t len;
    size_t pos;
    size_t scan; /* where the line at pos is scanned on from (an offset from pos) */
    bool eof;
    PdDataReader *reader;
} Input;

/* Reads more: moves what is left to the start, grows the buffer when a line fills it. */
void read_more(Input *in) {
    if (in->pos > 0) {
        memmove(in->buf, in->buf + in->pos, in->len - in->pos);
        in->len -= in->pos;
        in->pos = 0;
    }
    if (in->len + 1 >= in->cap) {
        /* COPY's line buffer is a StringInfo: a line stops at MaxAllocSize */
        if (in->cap > MaxAllocSize)
            ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("out of memory"),
                            errdetail("Cannot enlarge string buffer containing %zu bytes by %d more bytes.", in->len,
                                      1)));
        in->cap = Min(in->cap * 2, MaxAllocSize + (Size) 2);
        in->buf = (char *) repalloc_huge(in->buf, in->cap);
    }
    size_t n = pd_data_reader_read(in->reader, in->buf + in->len, 1, in->cap - 1 - in->len);
    pd_progress_copy_read(n);
    if (n == 0)
        in->eof = true;
    in->len += n;
}

void flush(Batch *b, Relation rel, CommandId cid, int ti_options, BulkInsertState bistate) {
    if (b->nused == 0)
        return;
    table_multi_insert(rel, b->slots, b->nused, cid, ti_options, bistate);
    for (int i = 0; i < b->nused; i++)
        ExecClearTuple(b->slots[i]);
    b->nused = 0;
    b->bytes = 0;
    MemoryContextReset(b->cxt);
}

[[noreturn]] void line_error(const char *message, const char *hint) {
    ereport(ERROR, (errcode(ERRCODE_BAD_COPY_FILE_FORMAT), errmsg("%s", message), hint ? errhint("%s", hint) : 0));
    pg_unreachable();
}

} // namespace

bool pd_copy_load_applies(CopyFromState cstate) {
    Relation rel = cstate->rel;
    if (cstate->opts.binary || cstate->opts.csv_mode || strcmp(cstate->opts.delim, "\t") != 0 ||
        strcmp(cstate->opts.null_print, "\\N") != 0 || cstate->need_transcoding || cstate->whereClause != NULL ||
        cstate->num_defaults > 0 || cstate->volatile_defexprs || list_length(cstate->attnumlist) == 0)
        return false;
    if (rel->rd_rel->relkind != RELKIND_RELATION || rel->trigdesc != NULL || rel->rd_rel->relhasindex ||
        rel->rd_rel->relispartition || (rel->rd_att->constr && rel->rd_att->constr->has_generated_stored))
        return false;
    if (cstate->opts.freeze) {
        /* COPY FREEZE's own conditions; where they fail, CopyFrom says so */
        InvalidateCatalogSnapshot();
        if (!ThereAreNoPriorRegisteredSnapshots() || !ThereAreNoReadyPortals())
            return false;
        if (rel->rd_createSubid != GetCurrentSubTransactionId() &&
            rel->rd_newRelfilenodeSubid != GetCurrentSubTransactionId())
            return false;
    }
    return true;
}

bool pd_copy_load(CopyFromState cstate, PdDataReader *reader, uint64 *processed, char **pending, size_t *npending) {
    Relation rel = cstate->rel;
    TupleDesc desc = RelationGetDescr(rel);
    int natts = desc->natts;
    int nfields = list_length(cstate->attnumlist);
    int encoding = cstate->file_encoding; /* COPY verifies its input in that encoding when it converts nothing */
    *processed = 0;

    int ti_options = 0;
    if (rel->rd_createSubid != InvalidSubTransactionId || rel->rd_firstRelfilenodeSubid != InvalidSubTransactionId)
        ti_options |= TABLE_INSERT_SKIP_FSM;
    if (cstate->opts.freeze)
        ti_options |= TABLE_INSERT_FROZEN;
    CommandId cid = GetCurrentCommandId(true);

    /* as CopyFrom sets up its target: ExecConstraints needs the result relation */
    EState *estate = CreateExecutorState();
    ExecInitRangeTable(estate, cstate->range_table);
    ResultRelInfo *rri = makeNode(ResultRelInfo);
    ExecInitResultRelation(estate, rri, 1);
    CheckValidResultRel(rri, CMD_INSERT);
    bool check_constraints = rel->rd_att->constr != NULL;

    MemoryContext caller = CurrentMemoryContext;
    Batch *batch = (Batch *) palloc0(sizeof(Batch));
    batch->cxt = AllocSetContextCreate(caller, "pd_restore COPY rows", ALLOCSET_DEFAULT_SIZES);
    BulkInsertState bistate = GetBulkInsertState();

    /* the fields of a line, by position; attnums of the columns they go to */
    char **fields = (char **) palloc((nfields + 1) * sizeof(char *));
    size_t *lengths = (size_t *) palloc((nfields + 1) * sizeof(size_t));
    bool *verify = (bool *) palloc((nfields + 1) * sizeof(bool));
    int *attnums = (int *) palloc(nfields * sizeof(int));
    int k = 0;
    ListCell *lc;
    foreach (lc, cstate->attnumlist)
        attnums[k++] = lfirst_int(lc) - 1;
    size_t out_cap = 16 * 1024;
    char *out = (char *) palloc(out_cap);

    Input in = {};
    in.cap = kFirstRead;
    in.buf = (char *) palloc(in.cap);
    in.reader = reader;
    bool first_line = true;

    /* COPY's error context: its callback reads the line from line_buf */
    StringInfoData saved_line_buf = cstate->line_buf;
    ErrorContextCallback errcallback;
    errcallback.callback = CopyFromErrorCallback;
    errcallback.arg = (void *) cstate;
    errcallback.previous = error_context_stack;
    error_context_stack = &errcallback;

    bool loaded = true;
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        size_t line_len = 0, next = 0;
        CopyLineStatus s =
            pd::copy_find_line(in.buf + in.pos, in.len - in.pos, in.scan, in.eof, first_line, &line_len, &next);
        if (s == COPY_LINE_MORE) {
            in.scan = next;
            read_more(&in);
            continue;
        }
        if (s == COPY_LINE_NOT_NEWLINE) {
            /* COPY reads this text itself, from its first byte */
            Assert(first_line && *processed == 0 && batch->nused == 0);
            loaded = false;
            break;
        }
        cstate->cur_lineno++;
        cstate->line_buf_valid = false;
        if (s == COPY_LINE_LITERAL_CR)
            line_error("literal carriage return found in data", "Use \"\\r\" to represent carriage return.");
        if (s == COPY_LINE_MARKER_CORRUPT)
            line_error("end-of-copy marker corrupt", NULL);
        if (s == COPY_LINE_MARKER_STYLE)
            line_error("end-of-copy marker does not match previous newline style", NULL);
        if (s == COPY_LINE_LAST && line_len == 0)
            break;

        char *line = in.buf + in.pos;
        /* as COPY verifies its input before it has a line to show */
        int valid = pg_encoding_verifymbstr(encoding, line, (int) line_len);
        if ((size_t) valid < line_len)
            report_invalid_encoding(encoding, line + valid, (int) line_len - valid);
        char saved = line[line_len];
        line[line_len] = '\0'; /* the newline (or a spare byte): for the error context */
        cstate->line_buf.data = line;
        cstate->line_buf.len = (int) line_len;
        cstate->line_buf_valid = true;
        if (out_cap < line_len + 1) {
            out_cap = Max(line_len + 1, out_cap * 2);
            pfree(out);
            out = (char *) MemoryContextAllocHuge(caller, out_cap);
        }
        int found = pd::copy_split_fields(line, line_len, out, fields, lengths, verify, nfields);
        for (int f = 0; f < Min(found, nfields + 1); f++)
            if (verify[f])
                (void) pg_verifymbstr(fields[f], (int) lengths[f], false);
        if (found > nfields)
            line_error("extra data after last expected column", NULL);

        ResetPerTupleExprContext(estate);
        if (batch->slots[batch->nused] == NULL)
            batch->slots[batch->nused] = table_slot_create(rel, &estate->es_tupleTable);
        TupleTableSlot *slot = batch->slots[batch->nused];
        ExecClearTuple(slot);
        memset(slot->tts_values, 0, natts * sizeof(Datum));
        memset(slot->tts_isnull, true, natts * sizeof(bool));
        MemoryContext old = MemoryContextSwitchTo(batch->cxt);
        for (int f = 0; f < nfields; f++) {
            int m = attnums[f];
            Form_pg_attribute att = TupleDescAttr(desc, m);
            if (f >= found)
                ereport(ERROR, (errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
                                errmsg("missing data for column \"%s\"", NameStr(att->attname))));
            cstate->cur_attname = NameStr(att->attname);
            cstate->cur_attval = fields[f];
            slot->tts_values[m] =
                InputFunctionCall(&cstate->in_functions[m], fields[f], cstate->typioparams[m], att->atttypmod);
            slot->tts_isnull[m] = fields[f] == NULL;
            cstate->cur_attname = NULL;
            cstate->cur_attval = NULL;
        }
        MemoryContextSwitchTo(old);
        ExecStoreVirtualTuple(slot);
        slot->tts_tableOid = RelationGetRelid(rel);
        if (check_constraints)
            ExecConstraints(rri, slot, estate);
        line[line_len] = saved;
        cstate->line_buf_valid = false;
        batch->nused++;
        batch->bytes += line_len;
        (*processed)++;
        if (batch->nused == kBatchRows || batch->bytes >= kBatchBytes) {
            flush(batch, rel, cid, ti_options, bistate);
            pgstat_progress_update_param(PROGRESS_COPY_TUPLES_PROCESSED, (int64) *processed);
        }
        if (s != COPY_LINE_MARKED) /* "\." ending a line tells COPY nothing of the newline style */
            first_line = false;
        if (s == COPY_LINE_LAST)
            break;
        in.pos += next;
        in.scan = 0;
    }
    flush(batch, rel, cid, ti_options, bistate);
    pgstat_progress_update_param(PROGRESS_COPY_TUPLES_PROCESSED, (int64) *processed);
    error_context_stack = errcallback.previous;
    cstate->line_buf = saved_line_buf;
    cstate->line_buf_valid = false;

    if (!loaded) {
        *npending = in.len;
        *pending = in.buf;
    } else {
        pfree(in.buf);
    }
    FreeBulkInsertState(bistate);
    table_finish_bulk_insert(rel, ti_options);
    ExecResetTupleTable(estate->es_tupleTable, false);
    ExecCloseResultRelations(estate);
    ExecCloseRangeTableRelations(estate);
    FreeExecutorState(estate);
    MemoryContextDelete(batch->cxt);
    pfree(batch);
    pfree(out);
    pfree(fields);
    pfree(lengths);
    pfree(verify);
    pfree(attnums);
    return loaded;
}
