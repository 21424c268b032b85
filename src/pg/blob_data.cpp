#include "blob_data.h"

extern "C" {
#include "libpq/libpq-fs.h"
#include "storage/large_object.h"
}

#include "data_file.h"

namespace {

const int kReadSize = 65536;
const int kOidsPerFetch = 1000;

uint64 write_one_blob(const char *directory, Oid oid, int compression, char *chunk, PdBlobFiles *created) {
    char *path = psprintf("%s/blob_%u.dat%s", directory, oid, compression == 0 ? "" : ".gz");
    PdDataFile f;
    pd_data_file_open(&f, path, compression, NULL);
    created->last_blob = oid;
    created->any_blob = true;
    LargeObjectDesc *lo = inv_open(oid, INV_READ, CurrentMemoryContext);
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        int n = inv_read(lo, chunk, kReadSize);
        if (n <= 0)
            break;
        pd_data_file_put(&f, chunk, (size_t) n);
        pd_data_file_row_end(&f); /* a blob has no rows: any chunk may end a member */
    }
    inv_close(lo);
    pd_data_file_finish(&f);
    return f.bytes;
}

} // namespace

uint64 pd_write_blobs(const char *directory, int compression, uint64 *file_bytes, PdBlobFiles *created) {
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    Portal portal = SPI_cursor_open_with_args(NULL, "SELECT oid FROM pg_catalog.pg_largeobject_metadata ORDER BY oid",
                                              0, NULL, NULL, NULL, true, 0);
    char *toc_path = psprintf("%s/blobs.toc", directory);
    PdDataFile toc;
    pd_data_file_open(&toc, toc_path, 0, &created->toc_created); /* pg_dump never compresses blobs.toc */
    char *chunk = (char *) palloc(kReadSize);
    /* each object's path, descriptor and buffers, freed before the next */
    MemoryContext blobcxt = AllocSetContextCreate(CurrentMemoryContext, "pd_dump large object", ALLOCSET_DEFAULT_SIZES);
    uint64 bytes = 0, count = 0;
    for (;;) {
        SPI_cursor_fetch(portal, true, kOidsPerFetch);
        if (SPI_processed == 0)
            break;
        for (uint64 i = 0; i < SPI_processed; i++) {
            bool isnull;
            Oid oid = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
            MemoryContext old = MemoryContextSwitchTo(blobcxt);
            bytes += write_one_blob(directory, oid, compression, chunk, created);
            MemoryContextSwitchTo(old);
            MemoryContextReset(blobcxt);
            char line[64];
            int len = snprintf(line, sizeof line, "%u blob_%u.dat\n", oid, oid);
            pd_data_file_put(&toc, line, (size_t) len);
            pd_data_file_row_end(&toc);
            count++;
        }
        SPI_freetuptable(SPI_tuptable);
    }
    SPI_cursor_close(portal);
    MemoryContextDelete(blobcxt);
    pfree(chunk);
    pd_data_file_finish(&toc);
    /* inv_open keeps pg_largeobject open; lo_open's end-of-transaction hook would close it */
    close_lo_relation(true);
    SPI_finish();
    *file_bytes = bytes + toc.bytes;
    return count;
}
