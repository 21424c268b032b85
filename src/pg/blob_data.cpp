#include "blob_data.h"

extern "C" {
#include "libpq/libpq-fs.h"
#include "storage/large_object.h"
}

#include "data_file.h"

namespace {

const int kReadSize = 65536;
const int kOidsPerFetch = 1000;
/* blob files written, their write-back started, before they are fsynced one after another */
const int kSyncBatch = 1024;

typedef struct WriteState {
    const char *directory;
    int compression;
    PdBlobFiles *created;
    PdDataFile *toc;
    uint64 bytes;
    Oid unsynced[kSyncBatch]; /* written, not yet fsynced */
    int nunsynced;
} WriteState;

char *blob_path(const WriteState *ws, Oid oid) {
    return psprintf("%s/blob_%u.dat%s", ws->directory, oid, ws->compression == 0 ? "" : ".gz");
}

/*
 * fsyncs the batch's files.  By now the kernel has written most of them
 * back (their write-back began at close), and neighbours share the blocks
 * of inodes and directory: far fewer waits than an fsync at each close.
 */
void sync_batch(WriteState *ws) {
    for (int i = 0; i < ws->nunsynced; i++) {
        CHECK_FOR_INTERRUPTS();
        char *path = blob_path(ws, ws->unsynced[i]);
        pd_data_file_sync(path);
        pfree(path);
    }
    ws->nunsynced = 0;
}

void put_piece(const char *data, int len, void *arg) {
    PdDataFile *f = (PdDataFile *) arg;
    pd_data_file_put(f, data, (size_t) len);
    pd_data_file_row_end(f); /* a blob has no rows: any chunk may end a member */
}

/* One blob_<oid>.dat[.gz] and its line in blobs.toc. */
void write_one_blob(Oid oid, void *arg) {
    WriteState *ws = (WriteState *) arg;
    char *path = blob_path(ws, oid);
    PdDataFile f;
    pd_data_file_open(&f, path, ws->compression, NULL);
    f.sync_later = true;
    ws->created->last_blob = oid;
    ws->created->any_blob = true;
    pd_read_blob(oid, put_piece, &f);
    pd_data_file_finish(&f);
    ws->bytes += f.bytes;
    ws->unsynced[ws->nunsynced++] = oid;
    if (ws->nunsynced == kSyncBatch)
        sync_batch(ws);
    char line[64];
    int len = snprintf(line, sizeof line, "%u blob_%u.dat\n", oid, oid);
    pd_data_file_put(ws->toc, line, (size_t) len);
    pd_data_file_row_end(ws->toc);
}

} // namespace

void pd_read_blob(Oid oid, PdBlobPiece piece, void *arg) {
    char *chunk = (char *) palloc(kReadSize);
    LargeObjectDesc *lo = inv_open(oid, INV_READ, CurrentMemoryContext);
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        int n = inv_read(lo, chunk, kReadSize);
        if (n <= 0)
            break;
        piece(chunk, n, arg);
    }
    inv_close(lo);
    pfree(chunk);
}

uint64 pd_for_each_blob(PdBlobVisitor visit, void *arg) {
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "SPI_connect failed");
    Portal portal = SPI_cursor_open_with_args(NULL, "SELECT oid FROM pg_catalog.pg_largeobject_metadata ORDER BY oid",
                                              0, NULL, NULL, NULL, true, 0);
    /* each object's path, descriptor and buffers, freed before the next */
    MemoryContext blobcxt = AllocSetContextCreate(CurrentMemoryContext, "parallel_dump large object",
                                                  ALLOCSET_DEFAULT_SIZES);
    uint64 count = 0;
    for (;;) {
        SPI_cursor_fetch(portal, true, kOidsPerFetch);
        if (SPI_processed == 0)
            break;
        for (uint64 i = 0; i < SPI_processed; i++) {
            bool isnull;
            Oid oid = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
            MemoryContext old = MemoryContextSwitchTo(blobcxt);
            visit(oid, arg);
            MemoryContextSwitchTo(old);
            MemoryContextReset(blobcxt);
            count++;
        }
        SPI_freetuptable(SPI_tuptable);
    }
    SPI_cursor_close(portal);
    MemoryContextDelete(blobcxt);
    /* inv_open keeps pg_largeobject open; lo_open's end-of-transaction hook would close it */
    close_lo_relation(true);
    SPI_finish();
    return count;
}

uint64 pd_write_blobs(const char *directory, int compression, uint64 *file_bytes, PdBlobFiles *created) {
    char *toc_path = psprintf("%s/blobs.toc", directory);
    PdDataFile toc;
    pd_data_file_open(&toc, toc_path, 0, &created->toc_created); /* pg_dump never compresses blobs.toc */
    WriteState *ws = (WriteState *) palloc0(sizeof(WriteState));
    ws->directory = directory;
    ws->compression = compression;
    ws->created = created;
    ws->toc = &toc;
    uint64 count = pd_for_each_blob(write_one_blob, ws);
    sync_batch(ws);
    pd_data_file_finish(&toc);
    *file_bytes = ws->bytes + toc.bytes;
    pfree(ws);
    return count;
}
