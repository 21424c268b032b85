/* The dump plan's text store in a temporary BufFile (text_spill.h). */
#include "text_spill.h"

#include <stdexcept>
#include <string>

namespace {

/* BufFile splits a temporary file into segments of this size (buffile.c's MAX_PHYSICAL_FILESIZE). */
constexpr uint64_t kSegmentBytes = 0x40000000;

enum SpillOp { SPILL_WRITE, SPILL_READ, SPILL_SEEK };

/*
 * One BufFile call.  An ERROR it raises is caught here, its message copied
 * into message, and the error state cleared: the caller throws it as a C++
 * exception, which cxx_call turns back into an ERROR.  No object with a
 * destructor lives on this frame.
 */
bool spill_call(SpillOp op, BufFile *file, char *buf, size_t len, uint64_t offset, char *message, size_t msglen) {
    MemoryContext cxt = CurrentMemoryContext;
    volatile bool ok = true;
    PG_TRY();
    {
        if (op == SPILL_WRITE) {
            BufFileWrite(file, buf, len);
        } else if (op == SPILL_READ) {
            if (BufFileRead(file, buf, len) != len)
                ereport(ERROR, (errcode_for_file_access(), errmsg("could not read pd_dump's temporary file: "
                                                                  "unexpected end of file")));
        } else if (BufFileSeek(file, (int) (offset / kSegmentBytes), (off_t) (offset % kSegmentBytes), SEEK_SET) !=
                   0) {
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not seek in pd_dump's temporary file")));
        }
    }
    PG_CATCH();
    {
        MemoryContextSwitchTo(cxt);
        ErrorData *e = CopyErrorData();
        FlushErrorState();
        strlcpy(message, e->message ? e->message : "error in pd_dump's temporary file", msglen);
        FreeErrorData(e);
        ok = false;
    }
    PG_END_TRY();
    return ok;
}

void check(bool ok, const char *message) {
    if (!ok)
        throw std::runtime_error(message);
}

} // namespace

namespace pd {

void SpillTextStore::seek(uint64_t offset) {
    if (offset == position_)
        return;
    char message[512];
    check(spill_call(SPILL_SEEK, file_, nullptr, 0, offset, message, sizeof message), message);
    position_ = offset;
}

uint64_t SpillTextStore::append(const char *data, size_t len) {
    seek(size_);
    char message[512];
    check(spill_call(SPILL_WRITE, file_, const_cast<char *>(data), len, 0, message, sizeof message), message);
    uint64_t at = size_;
    size_ += len;
    position_ = size_;
    return at;
}

void SpillTextStore::read(uint64_t offset, char *out, size_t len) {
    if (offset > size_ || len > size_ - offset)
        throw std::logic_error("read beyond the end of pd_dump's temporary file");
    seek(offset);
    char message[512];
    check(spill_call(SPILL_READ, file_, out, len, 0, message, sizeof message), message);
    position_ = offset + len;
}

} // namespace pd

BufFile *pd_spill_file_create(void) {
    MemoryContext old = MemoryContextSwitchTo(TopTransactionContext);
    BufFile *file = BufFileCreateTemp(false);
    MemoryContextSwitchTo(old);
    return file;
}

void pd_spill_file_close(BufFile *file) {
    if (file != NULL)
        BufFileClose(file);
}
