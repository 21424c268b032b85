#include "manifest_files.h"

#include <sys/stat.h>
#include <time.h>

#include "../pure/manifest.h"
#include "cxx_guard.h"
#include "data_file.h"
#include "manifest_hash.h"
#include "manifest_sort.h"

namespace {

/*
 * This process's records not passed on yet, kBatch at most: a worker sends
 * them to the leader when they are kBatch (pd_manifest_stream) and after
 * each item, the leader moves them into its sort (manifest_sort.h), so that
 * neither holds more whatever the number of files.  Freed with the
 * transaction (the callback forgets them then).
 */
const int64 kBatch = 256;
PdFileRecord *records = NULL;
int64 nrecords = 0;
int64 capacity = 0;
MemoryContext list_cxt = NULL;
MemoryContextCallback list_gone;
/* the leader's every record (pd_manifest_begin); NULL in a worker */
PdRecordSort *sorted = NULL;
/* a worker's leader, once pd_manifest_stream is called */
PdPoolWorker *stream_to = NULL;
int64 nfiles = 0; /* what the leader listed in all */

/* What this dump wrote of the manifest, for the cleanup of a failed dump. */
volatile bool tmp_created = false;
volatile bool manifest_created = false;

#define PD_MANIFEST_TMP "backup_manifest.tmp"

void forget_list(void *) {
    records = NULL;
    nrecords = capacity = 0;
    list_cxt = NULL;
    sorted = NULL;
}

void ensure_list(void) {
    if (list_cxt != NULL)
        return;
    list_cxt = AllocSetContextCreate(TopTransactionContext, "pd_dump manifest", ALLOCSET_DEFAULT_SIZES);
    list_gone.func = forget_list;
    list_gone.arg = NULL;
    MemoryContextRegisterResetCallback(list_cxt, &list_gone);
}

/* The leader: the records waiting go to its sort. */
void flush_to_sort(void) {
    for (int64 i = 0; i < nrecords; i++)
        pd_record_sort_put(sorted, &records[i]);
    nfiles += nrecords;
    nrecords = 0;
}

void add_record(const PdFileRecord *r) {
    ensure_list();
    if (nrecords == kBatch && sorted != NULL)
        flush_to_sort();
    else if (nrecords == kBatch && stream_to != NULL)
        pd_manifest_send(stream_to);
    if (nrecords == capacity) {
        int64 want = capacity == 0 ? 256 : capacity * 2;
        Size bytes = (Size) want * sizeof(PdFileRecord);
        records = records == NULL ? (PdFileRecord *) MemoryContextAllocHuge(list_cxt, bytes)
                                  : (PdFileRecord *) repalloc_huge(records, bytes);
        capacity = want;
    }
    records[nrecords++] = *r;
}

/* "2026-12-01 03:00:00 GMT", as pg_basebackup writes Last-Modified. */
void last_modified(const char *dir, const char *name, char *out, size_t cap) {
    char *path = psprintf("%s/%s", dir, name);
    struct stat st;
    if (lstat(path, &st) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not stat file \"%s\": %m", path)));
    struct tm tm;
    time_t t = st.st_mtime;
    if (gmtime_r(&t, &tm) == NULL || strftime(out, cap, "%Y-%m-%d %H:%M:%S GMT", &tm) == 0)
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("could not format the time of file \"%s\"", path)));
    pfree(path);
}

/* Appends to the manifest's file and to its running checksum. */
void put(PdDataFile *f, PdSha256 *sum, const char *text, size_t len) {
    pd_data_file_put(f, text, len);
    pd_data_file_row_end(f);
    pd_sha256_update(sum, text, len);
}

} // namespace

void pd_manifest_begin(void) {
    /* a sort left by a dump that failed in a subtransaction: its file went with the subtransaction */
    if (list_cxt != NULL)
        MemoryContextDelete(list_cxt);
    ensure_list();
    sorted = pd_record_sort_begin(list_cxt);
    nfiles = 0;
    tmp_created = manifest_created = false;
}

void pd_manifest_stream(PdPoolWorker *w) { stream_to = w; }

void pd_manifest_note(const char *path, uint64 size, const uint8 *digest, uint64 hash_ns) {
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (strncmp(name, pd::kManifestName, strlen(pd::kManifestName)) == 0)
        return;
    PdFileRecord r;
    memset(&r, 0, sizeof r);
    r.type = PD_MSG_FILE;
    if (strlcpy(r.name, name, sizeof r.name) >= sizeof r.name)
        elog(ERROR, "parallel_dump: archive file name \"%s\" is too long for the manifest", name);
    r.size = size;
    r.hash_ns = hash_ns;
    memcpy(r.digest, digest, PG_SHA256_DIGEST_LENGTH);
    add_record(&r);
}

void pd_manifest_send(PdPoolWorker *w) {
    for (int64 i = 0; i < nrecords; i++)
        pd_pool_worker_reply(w, &records[i], sizeof(PdFileRecord));
    nrecords = 0;
}

bool pd_manifest_receive(const void *data, Size len) {
    if (len == 0 || ((const char *) data)[0] != PD_MSG_FILE)
        return false;
    if (len != sizeof(PdFileRecord))
        elog(ERROR, "parallel_dump worker sent a malformed file record");
    PdFileRecord r;
    memcpy(&r, data, sizeof r);
    r.name[PD_MANIFEST_NAME_SIZE - 1] = '\0';
    add_record(&r);
    return true;
}

void pd_write_manifest(const char *dir) {
    if (sorted == NULL)
        elog(ERROR, "parallel_dump: the manifest is written by a dump's leader only");
    flush_to_sort();
    char *tmp = psprintf("%s/" PD_MANIFEST_TMP, dir);
    PdDataFile f;
    PdSha256 sum;
    pd_data_file_open(&f, tmp, 0, &tmp_created);
    pd_sha256_begin(&sum);
    char line[512];
    size_t len = 0;
    pd::cxx_call([&] {
        std::string s = pd::manifest_start();
        len = strlcpy(line, s.c_str(), sizeof line);
    });
    put(&f, &sum, line, len);
    uint64 bytes = 0, hash_ns = 0;
    PdFileRecord record;
    for (int64 i = 0; pd_record_sort_next(sorted, &record); i++) {
        CHECK_FOR_INTERRUPTS();
        const PdFileRecord *r = &record;
        char mtime[64];
        last_modified(dir, r->name, mtime, sizeof mtime);
        pd::cxx_call([&] {
            pd::ManifestFile mf;
            mf.path = r->name;
            mf.size = r->size;
            mf.last_modified = mtime;
            mf.algorithm = "SHA256";
            mf.checksum = pd::hex_string(r->digest, PG_SHA256_DIGEST_LENGTH);
            std::string s = pd::manifest_file_entry(mf, i == 0);
            len = strlcpy(line, s.c_str(), sizeof line);
        });
        put(&f, &sum, line, len);
        bytes += r->size;
        hash_ns += r->hash_ns;
    }
    pd::cxx_call([&] {
        std::string s = pd::manifest_files_end();
        len = strlcpy(line, s.c_str(), sizeof line);
    });
    put(&f, &sum, line, len);
    uint8 digest[PG_SHA256_DIGEST_LENGTH];
    pd_sha256_final(&sum, digest);
    pd::cxx_call([&] {
        std::string s = pd::manifest_checksum_line(pd::hex_string(digest, PG_SHA256_DIGEST_LENGTH));
        len = strlcpy(line, s.c_str(), sizeof line);
    });
    pd_data_file_put(&f, line, len);
    pd_data_file_finish(&f);
    pd_record_sort_end(sorted);
    sorted = NULL;
    char *final_name = psprintf("%s/%s", dir, pd::kManifestName);
    (void) durable_rename(tmp, final_name, ERROR);
    manifest_created = true;
    tmp_created = false;
    fsync_fname(dir, true);
    ereport(DEBUG1, (errmsg_internal("pd_dump manifest: %lld files, " UINT64_FORMAT " bytes hashed in %.3f s of CPU",
                                     (long long) nfiles, bytes, (double) hash_ns / 1e9)));
}

void pd_remove_manifest(const char *dir) {
    char path[MAXPGPATH * 2];
    if (tmp_created) {
        snprintf(path, sizeof path, "%s/" PD_MANIFEST_TMP, dir);
        (void) unlink(path);
    }
    if (manifest_created) {
        snprintf(path, sizeof path, "%s/%s", dir, pd::kManifestName);
        (void) unlink(path);
    }
    tmp_created = manifest_created = false;
}
