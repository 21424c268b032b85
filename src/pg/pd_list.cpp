/*
 * pd_list(path): what pg_restore -l shows of a directory archive (ours or
 * pg_dump 15's), as rows.  The archive is untrusted input: toc.dat is read
 * with a size limit and parsed by the bounded reader, and only data file
 * names of the forms pg_dump writes are looked at on disk.
 */
#include <sys/stat.h>

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

} // namespace

extern "C" Datum pd_list(PG_FUNCTION_ARGS) {
    pd_require_file_role(false, "read an archive on the server");
    if (PG_ARGISNULL(0))
        ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("no archive directory specified")));
    char *dir = text_to_cstring(PG_GETARG_TEXT_PP(0));
    if (!is_absolute_path(dir))
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("relative path not allowed for pd_list: \"%s\"", dir)));
    size_t len;
    char *bytes = pd_read_toc_file(dir, &len);

    std::vector<pd::TocEntry> *entries = nullptr;
    char error[512] = "";
    pd::cxx_call([&] {
        entries = new std::vector<pd::TocEntry>();
        pd::ArchiveHeader header;
        std::string err;
        if (!pd::parse_toc(std::string(bytes, len), &header, entries, &err))
            strlcpy(error, err.c_str(), sizeof error);
    });
    PG_TRY();
    {
        if (error[0])
            ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("could not read archive \"%s\": %s", dir, error)));
        InitMaterializedSRF(fcinfo, 0);
        ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
        for (const pd::TocEntry &e : *entries) {
            Datum values[8];
            bool nulls[8] = {false};
            values[0] = Int32GetDatum(e.dump_id);
            values[1] = CStringGetTextDatum(section_name(e.section));
            values[2] = CStringGetTextDatum(e.desc.c_str());
            if (e.nspace)
                values[3] = CStringGetTextDatum(e.nspace->c_str());
            else
                nulls[3] = true;
            values[4] = CStringGetTextDatum(e.tag.c_str());
            if (e.owner)
                values[5] = CStringGetTextDatum(e.owner->c_str());
            else
                nulls[5] = true;
            bool has_file = e.had_dumper && !e.filename.empty();
            if (has_file)
                values[6] = CStringGetTextDatum(e.filename.c_str());
            else
                nulls[6] = true;
            bool safe = false;
            if (has_file)
                pd::cxx_call([&] { safe = pd::safe_data_filename(e.filename); });
            int64 size = safe ? pd_data_file_size(dir, e.filename.c_str()) : -1;
            if (size >= 0)
                values[7] = Int64GetDatum(size);
            else
                nulls[7] = true;
            tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
        }
    }
    PG_FINALLY();
    {
        delete entries;
    }
    PG_END_TRY();
    return (Datum) 0;
}
