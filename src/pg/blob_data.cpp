#include "blob_data.h"

extern "C" {
#include "libpq/libpq-fs.h"
#include "storage/large_object.h"
}

#include "../pure/gzip_member.h"
#include "data_file.h"

namespace {

uint64 write_one_blob(const char *directory, Oid oid, int compression, StringInfo buf) {
    char *path = psprintf("%s/blob_%u.dat%s", directory, oid, compression == 0 ? "" : ".gz");
    PdDataFile f;
    pd_data_file_open(&f, path, compression);
    LargeObjectDesc *lo = inv_open(oid, INV_READ, CurrentMemoryContext);
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        enlargeStringInfo(buf, 65536);
        int n = inv_read(lo, buf->data + buf->len, 65536);
        if (n <= 0)
            break;
        buf->len += n;
        if ((size_t) buf->len >= pd::kGzipMemberInput)
            pd_data_file_flush(&f, buf);
    }
    inv_close(lo);
    pd_data_file_finish(&f, buf);
    pfree(path);
    return f.bytes;
}

} // namespace

uint64 pd_write_blobs(const char *directory, int compression, uint64 *file_bytes) {
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    if (SPI_execute("SELECT oid FROM pg_catalog.pg_largeobject_metadata ORDER BY oid", true, 0) != SPI_OK_SELECT)
        elog(ERROR, "could not list large objects");
    uint64 count = SPI_processed;
    Oid *oids = (Oid *) palloc(sizeof(Oid) * (count + 1));
    for (uint64 i = 0; i < count; i++) {
        bool isnull;
        oids[i] = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
    }

    char *toc_path = psprintf("%s/blobs.toc", directory);
    PdDataFile toc;
    pd_data_file_open(&toc, toc_path, 0); /* pg_dump never compresses blobs.toc */
    StringInfoData lines, data;
    initStringInfo(&lines);
    initStringInfo(&data);
    uint64 bytes = 0;
    for (uint64 i = 0; i < count; i++) {
        bytes += write_one_blob(directory, oids[i], compression, &data);
        appendStringInfo(&lines, "%u blob_%u.dat\n", oids[i], oids[i]);
        if (lines.len >= 65536)
            pd_data_file_flush(&toc, &lines);
    }
    pd_data_file_finish(&toc, &lines);
    /* inv_open keeps pg_largeobject open; lo_open's end-of-transaction hook would close it */
    close_lo_relation(true);
    SPI_finish();
    *file_bytes = bytes + toc.bytes;
    return count;
}
