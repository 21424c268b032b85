/*
 * pd_list(path): what pg_restore -l shows of a directory archive (ours or
 * pg_dump 15's), as rows.  The archive is untrusted input: toc.dat is read
 * with a size limit and parsed by the bounded reader, one entry per row (the
 * memory stays flat however many entries), and only data file names of the
 * forms pg_dump writes are looked at on disk.
 */
#include "../pure/restore_plan.h"
#include "../pure/toc_archive.h"
#include "archive_reader.h"
#include "cxx_guard.h"
#include "file_privileges.h"

extern "C" {
PG_FUNCTION_INFO_V1(pd_list);
}

namespace {

const char *section_name(int section) {
    switch (section) {
    case pd::SECTION_PRE_DATA: return "PRE_DATA";
    case pd::SECTION_DATA: return "DATA";
    case pd::SECTION_POST_DATA: return "POST_DATA";
    default: return "NONE";
    }
}

/* An entry's text field in the server's encoding, as a text Datum. */
Datum entry_text(const PdArchiveToc *toc, const pd::TocEntry &e, const std::string &s, const char *field) {
    char *what = psprintf("the %s of TOC entry %d", field, e.dump_id);
    return CStringGetTextDatum(pd_archive_text_to_server(s.data(), s.size(), toc->encoding, what));
}

void reading_context(void *arg) { errcontext("reading the table of contents of archive \"%s\"", (const char *) arg); }

} // namespace

extern "C" Datum pd_list(PG_FUNCTION_ARGS) {
    char *dir = pd_archive_dir_arg(fcinfo, 0, "pd_list");
    /* read as rows are made: nothing kept, however many entries (the tuplestore spills to disk) */
    PdArchiveToc *toc = pd_open_archive_toc(dir);

    InitMaterializedSRF(fcinfo, 0);
    ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
    MemoryContext row_context = AllocSetContextCreate(CurrentMemoryContext, "pd_list row", ALLOCSET_SMALL_SIZES);
    MemoryContext outer = MemoryContextSwitchTo(row_context);
    ErrorContextCallback callback = {error_context_stack, reading_context, dir};
    error_context_stack = &callback;
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        MemoryContextReset(row_context);
        const pd::TocEntry *entry = pd_next_archive_entry(toc);
        if (entry == NULL)
            break;
        const pd::TocEntry &e = *entry;
        Datum values[8];
        bool nulls[8] = {false};
        values[0] = Int32GetDatum(e.dump_id);
        values[1] = CStringGetTextDatum(section_name(e.section));
        values[2] = entry_text(toc, e, e.desc, "type");
        if (e.nspace)
            values[3] = entry_text(toc, e, *e.nspace, "schema");
        else
            nulls[3] = true;
        values[4] = entry_text(toc, e, e.tag, "tag");
        if (e.owner)
            values[5] = entry_text(toc, e, *e.owner, "owner");
        else
            nulls[5] = true;
        bool has_file = e.had_dumper && !e.filename.empty();
        bool safe = false;
        if (has_file)
            pd::cxx_call([&] { safe = pd::safe_data_filename(e.filename); });
        /* only names pg_dump writes (plain ASCII) are shown as such, or looked at on disk */
        if (has_file)
            values[6] = entry_text(toc, e, e.filename, "data file name");
        else
            nulls[6] = true;
        int64 size = safe ? pd_data_file_size(dir, e.filename.c_str()) : -1;
        if (size >= 0)
            values[7] = Int64GetDatum(size);
        else
            nulls[7] = true;
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    }
    error_context_stack = callback.previous;
    MemoryContextSwitchTo(outer);
    MemoryContextDelete(row_context);
    pd_free_archive_toc(toc);
    return (Datum) 0;
}
