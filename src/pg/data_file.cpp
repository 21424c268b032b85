#include "data_file.h"

#include "../pure/copy_text.h"
#include "../pure/gzip_member.h"
#include "manifest_files.h"

namespace {

/* Room in the buffer: the longest member. */
const size_t kBufferSize = pd::kGzipMemberMaxInput + 1;

/* Kept free for the separators and NULL markers put between escaped pieces. */
const size_t kSlack = 8192;

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
    if (f->sink) {
        f->sink(f->sink_arg, data, len);
        f->bytes += (uint64) len;
        return;
    }
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
        /* a piece is hashed as it joins its table's file (table_pieces.h) */
        if (!f->piece)
            pd_sha256_update(&f->sha, data, (size_t) n);
        data += n;
        len -= (size_t) n;
        f->bytes += (uint64) n;
    }
}

/* Writes the buffer out (one gzip member when compressing) and empties it. */
void flush(PdDataFile *f, bool at_row_end) {
    StringInfo buf = &f->buf;
    if (f->gz) {
        size_t need = pd::gzip_member_bound(f->gz, (size_t) buf->len);
        if (need > f->zcap) {
            f->zbuf = f->zbuf ? (char *) repalloc(f->zbuf, need) : (char *) MemoryContextAlloc(f->cxt, need);
            f->zcap = need;
        }
        size_t n = pd::gzip_member(f->gz, buf->data, (size_t) buf->len, f->zbuf, f->zcap, f->in_row);
        if (n == 0)
            elog(ERROR, "gzip compression of a data chunk failed");
        write_all(f, f->zbuf, n);
    } else if (buf->len > 0) {
        write_all(f, buf->data, (size_t) buf->len);
    }
    f->in_row = !at_row_end;
    resetStringInfo(buf);
}

} // namespace

void pd_data_file_open(PdDataFile *f, const char *path, int compression, volatile bool *created) {
    memset(f, 0, sizeof *f);
    f->path = path;
    f->gz = compression == 0 ? nullptr : compressor_for(compression);
    f->cxt = CurrentMemoryContext;
    initStringInfo(&f->buf);
    enlargeStringInfo(&f->buf, (int) kBufferSize);
    pd_sha256_begin(&f->sha);
    /* O_EXCL alone already refuses an existing symbolic link; O_NOFOLLOW says so */
    f->fd = OpenTransientFile(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | PG_BINARY);
    if (f->fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not create file \"%s\": %m", path)));
    if (created)
        *created = true;
}

void pd_data_file_open_sink(PdDataFile *f, PdDataSink sink, void *arg) {
    memset(f, 0, sizeof *f);
    f->fd = -1;
    f->path = "(sink)";
    f->sink = sink;
    f->sink_arg = arg;
    f->cxt = CurrentMemoryContext;
    initStringInfo(&f->buf);
    enlargeStringInfo(&f->buf, (int) kBufferSize);
}

void pd_data_file_put(PdDataFile *f, const char *data, size_t len) {
    appendBinaryStringInfo(&f->buf, data, (int) len);
}

void pd_data_file_put_escaped(PdDataFile *f, const char *value, size_t len) {
    StringInfo buf = &f->buf;
    for (size_t done = 0; done < len;) {
        size_t piece = Min(len - done, pd::kCopyEscapePiece);
        /* a row longer than the longest member goes on in the next one */
        if ((size_t) buf->len + pd::copy_text_escaped_bound(piece) + kSlack > pd::kGzipMemberMaxInput) {
            CHECK_FOR_INTERRUPTS();
            flush(f, false);
        }
        enlargeStringInfo(buf, (int) pd::copy_text_escaped_bound(piece) + 1);
        buf->len += (int) pd::copy_text_escape(value + done, piece, buf->data + buf->len);
        buf->data[buf->len] = '\0';
        done += piece;
    }
}

void pd_data_file_value_written(PdDataFile *f) {
    if ((size_t) f->buf.len + kSlack > pd::kGzipMemberMaxInput) {
        CHECK_FOR_INTERRUPTS();
        flush(f, false);
    }
}

/*
 * A sink gets smaller pieces: its reader (the target's COPY) works while the
 * next piece is formatted, instead of waiting for a megabyte at a time.
 */
const size_t kSinkPiece = 64 * 1024;

void pd_data_file_row_end(PdDataFile *f) {
    if ((size_t) f->buf.len >= (f->sink ? kSinkPiece : pd::kGzipMemberInput))
        flush(f, true);
}

void pd_data_file_finish(PdDataFile *f) {
    /* a compressed file always gets a member, so an empty one is valid gzip */
    if (f->buf.len > 0 || (f->gz && f->bytes == 0 && !f->piece))
        flush(f, true);
    if (f->sink == NULL && !f->piece && f->sync_later)
        pg_flush_data(f->fd, 0, 0);
    else if (f->sink == NULL && !f->piece && pg_fsync(f->fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not fsync file \"%s\": %m", f->path)));
    if (f->sink == NULL && CloseTransientFile(f->fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not close file \"%s\": %m", f->path)));
    f->fd = -1;
    /* a sink writes no file; a piece of a split table is noted as part of the whole file, once it is joined */
    if (f->sink == NULL) {
        uint8 digest[PG_SHA256_DIGEST_LENGTH];
        pd_sha256_final(&f->sha, digest);
        if (!f->piece)
            pd_manifest_note(f->path, f->bytes, digest, f->sha.ns);
    }
    if (f->zbuf)
        pfree(f->zbuf);
    f->zbuf = NULL;
    pfree(f->buf.data);
    f->buf.data = NULL;
}

namespace {

int open_or_fail(const char *path, int flags) {
    int fd = OpenTransientFile(path, flags | O_NOFOLLOW | PG_BINARY);
    if (fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open file \"%s\": %m", path)));
    return fd;
}

void close_or_fail(int fd, const char *path) {
    if (CloseTransientFile(fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not close file \"%s\": %m", path)));
}

} // namespace

uint64 pd_data_file_append(const char *dst, const char *src, PdSha256 *sha) {
    int in = open_or_fail(src, O_RDONLY);
    PdDataFile out;
    memset(&out, 0, sizeof out);
    out.path = dst;
    out.sha = *sha; /* write_all hashes what it writes */
    out.fd = open_or_fail(dst, O_WRONLY);
    off_t start = lseek(out.fd, 0, SEEK_END);
    if (start < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not seek to end of file \"%s\": %m", dst)));
    const size_t step = 1024 * 1024;
    char *buf = (char *) palloc(step);
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        pgstat_report_wait_start(WAIT_EVENT_COPY_FILE_READ);
        ssize_t n = read(in, buf, step);
        pgstat_report_wait_end();
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not read file \"%s\": %m", src)));
        if (n == 0)
            break;
        write_all(&out, buf, (size_t) n);
    }
    pfree(buf);
    *sha = out.sha;
    if (out.bytes > 0)
        pg_flush_data(out.fd, start, (off_t) out.bytes);
    close_or_fail(out.fd, dst);
    close_or_fail(in, src);
    return out.bytes;
}

uint64 pd_data_file_hash_from(const char *path, uint64 offset, PdSha256 *sha) {
    int fd = open_or_fail(path, O_RDONLY);
    const size_t step = 1024 * 1024;
    char *buf = (char *) palloc(step);
    uint64 end = offset;
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        pgstat_report_wait_start(WAIT_EVENT_COPY_FILE_READ);
        ssize_t n = pread(fd, buf, step, (off_t) end);
        pgstat_report_wait_end();
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not read file \"%s\": %m", path)));
        if (n == 0)
            break;
        pd_sha256_update(sha, buf, (size_t) n);
        end += (uint64) n;
    }
    pfree(buf);
    if (end > offset)
        pg_flush_data(fd, (off_t) offset, (off_t) (end - offset));
    close_or_fail(fd, path);
    return end;
}

void pd_data_file_sync(const char *path) {
    int fd = open_or_fail(path, O_RDONLY);
    if (pg_fsync(fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not fsync file \"%s\": %m", path)));
    close_or_fail(fd, path);
}
