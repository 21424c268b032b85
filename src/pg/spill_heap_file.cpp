/* A dump leader's spill heap in a temporary file mapped into memory (spill_heap_file.h). */
#include "spill_heap_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdexcept>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

#include "../pure/spill_heap.h"
#include "cxx_guard.h"

namespace {

/*
 * Segments of the file, one after another, each mapped on its own.  A
 * segment is committed with fallocate when it is mapped (and a released
 * block again before reuse), so that a full disk fails here, as an
 * exception, and never as a SIGBUS when a page of a hole is first written;
 * a released block goes with MADV_REMOVE (its pages and blocks).  Plain
 * system calls: these run inside the plan's C++ code.
 */
class FileBacking final : public pd::SpillBacking {
  public:
    explicit FileBacking(int fd) : fd_(fd) {}
    ~FileBacking() override {
        for (const Segment &s : segments_)
            munmap(s.start, s.len);
    }
    char *map(size_t len) override {
        segments_.reserve(segments_.size() + 1);
        off_t at = (off_t) file_end_;
        if (ftruncate(fd_, at + (off_t) len) != 0)
            fail("extend", errno);
        int rc = posix_fallocate(fd_, at, (off_t) len);
        if (rc != 0)
            fail("extend", rc);
        void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, at);
        if (p == MAP_FAILED)
            fail("map", errno);
        segments_.push_back(Segment{(char *) p, len, file_end_});
        file_end_ += len;
        return (char *) p;
    }
    void release(char *p, size_t len) override {
        /* a file system without hole punching keeps the blocks: they are reused */
        (void) madvise(p, len, MADV_REMOVE);
    }
    bool recommit(char *p, size_t len) override {
        for (const Segment &s : segments_)
            if (p >= s.start && p < s.start + s.len) {
                int rc = posix_fallocate(fd_, (off_t) (s.offset + (size_t) (p - s.start)), (off_t) len);
                if (rc != 0)
                    fail("extend", rc);
                return true;
            }
        return false;
    }

  private:
    struct Segment {
        char *start;
        size_t len;
        size_t offset; /* in the file */
    };
    [[noreturn]] static void fail(const char *what, int err) {
        throw std::runtime_error(std::string("could not ") + what + " the leader's temporary plan file: " +
                                 strerror(err));
    }
    int fd_;
    size_t file_end_ = 0;
    std::vector<Segment> segments_;
};

} // namespace

struct PdSpillHeap {
    int fd;
    FileBacking *backing;
    pd::SpillHeap *heap;
};

PdSpillHeap *pd_spill_heap_create(void) {
    /* a temporary file where temp_tablespaces say, named and removed by PostgreSQL */
    File file = OpenTemporaryFile(false);
    if (!AcquireExternalFD()) {
        FileClose(file);
        ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_RESOURCES),
                        errmsg("could not open the leader's temporary plan file: too many open files")));
    }
    int fd = fcntl(FileGetRawDesc(file), F_DUPFD_CLOEXEC, 0);
    int saved = errno;
    /* closing the file removes its name; the duplicate keeps it open for the mappings */
    FileClose(file);
    if (fd < 0) {
        ReleaseExternalFD();
        errno = saved;
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open the leader's temporary plan file: %m")));
    }
    PdSpillHeap *h = (PdSpillHeap *) MemoryContextAllocZero(TopMemoryContext, sizeof(PdSpillHeap));
    h->fd = fd;
    pd::cxx_call([&] {
        h->backing = new FileBacking(fd);
        h->heap = new pd::SpillHeap(h->backing);
        pd::install_spill_heap(h->heap);
    });
    return h;
}

void pd_spill_heap_destroy(PdSpillHeap *h) {
    if (h == NULL)
        return;
    pd::install_spill_heap(nullptr);
    if (h->heap != nullptr && h->heap->live() != 0) {
        /* freeing it later must find it: keep it (a bug, but never a crash) */
        elog(LOG, "parallel_dump's plan file still holds %zu bytes in use: kept until the backend exits",
             h->heap->live());
        return;
    }
    delete h->heap;
    delete h->backing; /* unmaps the segments */
    close(h->fd);
    ReleaseExternalFD();
    pfree(h);
}

uint64 pd_spill_heap_peak_kb(const PdSpillHeap *h) {
    return h == NULL || h->heap == NULL ? 0 : (uint64) (h->heap->peak_live() / 1024);
}
