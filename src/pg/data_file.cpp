#include "data_file.h"

#include "../pure/gzip_member.h"

namespace {

/* One compressor per process and level, kept for the process's life. */
libdeflate_compressor *compressor_for(int compression) {
    static libdeflate_compressor *cached = nullptr;
    static int cached_level = -2;
    if (cached && cached_level == compression)
        return cached;
    pd::gzip_free(cached);
    cached = pd::gzip_new(compression);
    cached_level = compression;
    if (!cached)
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory"),
                        errdetail("Could not allocate a gzip compressor.")));
    return cached;
}

void write_all(PdDataFile *f, const char *data, size_t len) {
    while (len > 0) {
        errno = 0;
        pgstat_report_wait_start(WAIT_EVENT_COPY_FILE_WRITE);
        ssize_t n = write(f->fd, data, len);
        pgstat_report_wait_end();
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (errno == 0)
                errno = ENOSPC; /* a short write without an error means the disk is full */
            ereport(ERROR, (errcode_for_file_access(),
                            errmsg("could not write to file \"%s\": %m", f->path)));
        }
        data += n;
        len -= (size_t) n;
        f->bytes += (uint64) n;
    }
}

} // namespace

void pd_data_file_open(PdDataFile *f, const char *path, int compression) {
    memset(f, 0, sizeof *f);
    f->path = path;
    f->gz = compression == 0 ? nullptr : compressor_for(compression);
    f->fd = OpenTransientFile(path, O_WRONLY | O_CREAT | O_EXCL | PG_BINARY);
    if (f->fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not create file \"%s\": %m", path)));
}

void pd_data_file_flush(PdDataFile *f, StringInfo buf) {
    if (f->gz) {
        size_t need = pd::gzip_member_bound(f->gz, (size_t) buf->len);
        if (need > f->zcap) {
            f->zbuf = f->zbuf ? (char *) repalloc(f->zbuf, need) : (char *) palloc(need);
            f->zcap = need;
        }
        size_t n = pd::gzip_member(f->gz, buf->data, (size_t) buf->len, f->zbuf, f->zcap);
        if (n == 0)
            elog(ERROR, "gzip compression of a data chunk failed");
        write_all(f, f->zbuf, n);
    } else if (buf->len > 0) {
        write_all(f, buf->data, (size_t) buf->len);
    }
    resetStringInfo(buf);
}

void pd_data_file_finish(PdDataFile *f, StringInfo buf) {
    /* a compressed file always gets a member, so an empty one is valid gzip */
    if (buf->len > 0 || (f->gz && f->bytes == 0))
        pd_data_file_flush(f, buf);
    if (pg_fsync(f->fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not fsync file \"%s\": %m", f->path)));
    if (CloseTransientFile(f->fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not close file \"%s\": %m", f->path)));
    f->fd = -1;
    if (f->zbuf)
        pfree(f->zbuf);
    f->zbuf = NULL;
}
