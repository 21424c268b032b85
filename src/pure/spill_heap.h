/*
 * Memory for a leader's state that grows with the database (the dump
 * plan's records, its dependency graph and order, the scheduler's items),
 * outside the process's private memory.
 *
 * Containers declared with SpillAllocator (spill_vector, spill_deque,
 * spill_string) take their memory from the spill heap installed for the
 * command that runs, or from operator new when none is: unit tests and code
 * outside a dump use them as ordinary containers.  A heap must outlive the
 * containers that took memory from it.  The server's heap is a
 * temporary file mapped into memory (src/pg/spill_heap_file.h): its pages
 * are the kernel's page cache, written to the file and dropped under memory
 * pressure instead of growing the backend's private memory with every
 * table of a 100,000-table database.
 *
 * SpillHeap itself is the allocator: a bump pointer through segments its
 * backing maps as it grows (1 MB, then twice the last, up to 32 MB, or what
 * one block needs: no large range is reserved ahead, so the process's
 * virtual size follows what is used), and free lists by size class.  The
 * backing commits a segment's space when it maps it and again before a
 * released block is reused, so that a full disk is an exception here, never
 * a SIGBUS when a page is first written; big blocks freed are released.
 */
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace pd {

/* What a SpillHeap's memory comes from. */
class SpillBacking {
  public:
    virtual ~SpillBacking() = default;
    /* A new segment of len bytes (a multiple of 1 MB), usable at once; nullptr when there is no more. */
    virtual char *map(size_t len) = 0;
    /* [p, p + len) of a segment is free: its storage may go. */
    virtual void release(char *p, size_t len) = 0;
    /* [p, p + len), released before, is to be used again; false when it cannot be (no space). */
    virtual bool recommit(char *p, size_t len) = 0;
};

class SpillHeap {
  public:
    /* Allocates from the segments backing maps (not owned; it unmaps them, after the heap is gone). */
    explicit SpillHeap(SpillBacking *backing);
    ~SpillHeap();
    SpillHeap(const SpillHeap &) = delete;
    SpillHeap &operator=(const SpillHeap &) = delete;

    /* n bytes aligned for any object; throws std::bad_alloc when the backing has no more. */
    void *allocate(size_t n);
    /* Gives back p, allocated here with the same n. */
    void deallocate(void *p, size_t n) noexcept;
    bool owns(const void *p) const;
    /* Bytes mapped so far; bytes in use now and at most. */
    size_t mapped() const { return mapped_; }
    size_t live() const { return live_; }
    size_t peak_live() const { return peak_live_; }

    /* Blocks of this size or more are released to the backing when freed. */
    static constexpr size_t kReleaseBytes = size_t(1) << 20;
    static constexpr size_t kFirstSegment = size_t(1) << 20;
    static constexpr size_t kMaxSegment = size_t(32) << 20;

  private:
    static constexpr size_t kAlign = 16;
    static constexpr size_t kSmallLimit = 1024; /* classes of 16 bytes up to here, then powers of two */
    static constexpr int kClasses = kSmallLimit / kAlign + 48;
    /* the class of n bytes and the size its blocks have */
    static int class_of(size_t n, size_t *block);
    char *bump(size_t block);

    SpillBacking *backing_;
    std::vector<std::pair<char *, size_t>> segments_; /* (start, length), in the order mapped */
    char *top_ = nullptr, *end_ = nullptr;              /* what is left of the last segment */
    size_t mapped_ = 0, live_ = 0, peak_live_ = 0;
    /* per small class: freed blocks, each holding the next */
    std::array<void *, kClasses> free_{};
    /* per big class: freed blocks, kept here (their storage is released: nothing can be kept in them) */
    std::array<std::vector<char *>, kClasses> free_big_;
};

/* Makes heap (not owned) the one SpillAllocator uses; nullptr for operator new. */
void install_spill_heap(SpillHeap *heap);
SpillHeap *installed_spill_heap();
/* The installed heap's memory, or operator new's. */
void *spill_allocate(size_t n);
/*
 * Frees p where it came from: the spill heap that owns p (installed or not:
 * every heap alive is known), operator delete otherwise.
 */
void spill_deallocate(void *p, size_t n) noexcept;

template <typename T> struct SpillAllocator {
    using value_type = T;
    SpillAllocator() noexcept = default;
    template <typename U> SpillAllocator(const SpillAllocator<U> &) noexcept {}
    T *allocate(size_t n) {
        if (n > SIZE_MAX / sizeof(T))
            throw std::bad_alloc();
        return static_cast<T *>(spill_allocate(n * sizeof(T)));
    }
    void deallocate(T *p, size_t n) noexcept { spill_deallocate(p, n * sizeof(T)); }
    template <typename U> bool operator==(const SpillAllocator<U> &) const noexcept { return true; }
    template <typename U> bool operator!=(const SpillAllocator<U> &) const noexcept { return false; }
};

template <typename T> using spill_vector = std::vector<T, SpillAllocator<T>>;
template <typename T> using spill_deque = std::deque<T, SpillAllocator<T>>;
using spill_string = std::basic_string<char, std::char_traits<char>, SpillAllocator<char>>;

} // namespace pd
