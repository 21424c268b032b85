#include "blob_data.h"

extern "C" {
#include "libpq/libpq-fs.h"
#include "storage/large_object.h"
#include "utils/guc.h"
}

#include <fcntl.h>
#include <unistd.h>

#include "data_file.h"

#ifdef HAVE_SYNCFS
#define PD_BLOB_SYNC_DEFAULT PD_BLOB_SYNC_SYNCFS
#else
#define PD_BLOB_SYNC_DEFAULT PD_BLOB_SYNC_FSYNC
#endif
int pd_blob_sync_method = PD_BLOB_SYNC_DEFAULT;

namespace {

const struct config_enum_entry kSyncMethods[] = {{"fsync", PD_BLOB_SYNC_FSYNC, false},
#ifdef HAVE_SYNCFS
                                                 {"syncfs", PD_BLOB_SYNC_SYNCFS, false},
#endif
                                                 {NULL, 0, false}};

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
    bool syncfs_at_end; /* more than a batch with syncfs: the whole file system at the end */
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
    if (!ws->syncfs_at_end)
        ws->unsynced[ws->nunsynced++] = oid;
    if (ws->nunsynced == kSyncBatch) {
        if (pd_blob_sync_method == PD_BLOB_SYNC_SYNCFS) {
            ws->syncfs_at_end = true; /* these and all the next: one syncfs() covers them */
            ws->nunsynced = 0;
        } else {
            sync_batch(ws);
        }
    }
    char line[64];
    int len = snprintf(line, sizeof line, "%u blob_%u.dat\n", oid, oid);
    pd_data_file_put(ws->toc, line, (size_t) len);
    pd_data_file_row_end(ws->toc);
}

/*
 * One syncfs() of the archive's file system, after the last file: every
 * file, inode and directory entry written reaches the disk together, in
 * one journal commit, where an fsync per file of a new file is a commit
 * each on ext4 or XFS (most of a million large objects' dump time).  It
 * also writes back whatever else is dirty on that file system, as
 * PostgreSQL's recovery_init_sync_method = syncfs does; on Linux since 5.8
 * it reports a write-back error of that file system.
 */
void sync_file_system(const char *directory) {
#ifdef HAVE_SYNCFS
    int fd = OpenTransientFile(directory, O_RDONLY | PG_BINARY);
    if (fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open file \"%s\": %m", directory)));
    pgstat_report_wait_start(WAIT_EVENT_DATA_FILE_SYNC);
    int rc = syncfs(fd);
    pgstat_report_wait_end();
    if (rc < 0)
        ereport(ERROR, (errcode_for_file_access(),
                        errmsg("could not synchronize file system for file \"%s\": %m", directory)));
    CloseTransientFile(fd);
#else
    (void) directory;
#endif
}

} // namespace

void pd_blob_define_setting(void) {
    DefineCustomEnumVariable("parallel_dump.blob_sync_method",
                             "How pd_dump makes the files of many large objects durable.",
                             "syncfs: more than 1,024 objects' files are made durable by one syncfs() of the "
                             "archive's file system at the end of the large objects (which also writes back "
                             "anything else dirty on it); fsync: each file is fsynced, in batches of 1,024.",
                             &pd_blob_sync_method, PD_BLOB_SYNC_DEFAULT, kSyncMethods, PGC_SIGHUP, 0, NULL, NULL,
                             NULL);
}

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
    if (ws->syncfs_at_end) {
        sync_file_system(directory);
        elog(DEBUG1, "pd_dump: the files of %llu large objects made durable by one syncfs()",
             (unsigned long long) count);
    } else {
        sync_batch(ws);
    }
    pd_data_file_finish(&toc);
    *file_bytes = ws->bytes + toc.bytes;
    pfree(ws);
    return count;
}
