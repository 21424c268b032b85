/* The spill heap's allocator and the allocator hook containers use (see spill_heap.h). */
#include "spill_heap.h"

#include <stdexcept>

namespace pd {

namespace {
SpillHeap *installed = nullptr;
/* every heap alive, so that memory is freed into the heap it came from */
constexpr int kMaxHeaps = 8;
SpillHeap *alive[kMaxHeaps];

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }
} // namespace

SpillHeap::SpillHeap(SpillBacking *backing) : backing_(backing) {
    for (SpillHeap *&slot : alive)
        if (slot == nullptr) {
            slot = this;
            return;
        }
    throw std::length_error("too many spill heaps at once");
}

SpillHeap::~SpillHeap() {
    for (SpillHeap *&slot : alive)
        if (slot == this)
            slot = nullptr;
    if (installed == this)
        installed = nullptr;
}

bool SpillHeap::owns(const void *p) const {
    const char *c = static_cast<const char *>(p);
    for (const auto &[start, len] : segments_)
        if (c >= start && c < start + len)
            return true;
    return false;
}

int SpillHeap::class_of(size_t n, size_t *block) {
    if (n == 0)
        n = 1;
    if (n <= kSmallLimit) {
        *block = (n + kAlign - 1) / kAlign * kAlign;
        return static_cast<int>(*block / kAlign) - 1;
    }
    int k = 0;
    size_t size = kSmallLimit * 2;
    while (size < n) {
        if (size > (SIZE_MAX >> 2))
            return -1;
        size <<= 1;
        k++;
    }
    *block = size;
    int c = static_cast<int>(kSmallLimit / kAlign) + k;
    return c < kClasses ? c : -1;
}

char *SpillHeap::bump(size_t block) {
    if (static_cast<size_t>(end_ - top_) < block) {
        /* the rest of the last segment stays unused: a new one, twice the last (within bounds) or the block's */
        size_t len = segments_.empty() ? kFirstSegment : segments_.back().second * 2;
        if (len > kMaxSegment)
            len = kMaxSegment;
        if (len < block)
            len = round_up(block, kFirstSegment);
        segments_.reserve(segments_.size() + 1);
        char *start = backing_->map(len);
        if (start == nullptr)
            throw std::bad_alloc();
        segments_.emplace_back(start, len);
        mapped_ += len;
        top_ = start;
        end_ = start + len;
    }
    char *p = top_;
    top_ += block;
    return p;
}

void *SpillHeap::allocate(size_t n) {
    size_t block = 0;
    int c = class_of(n, &block);
    if (c < 0)
        throw std::bad_alloc();
    void *p = nullptr;
    if (block >= kReleaseBytes) {
        std::vector<char *> &list = free_big_[c];
        if (!list.empty()) {
            if (!backing_->recommit(list.back(), block))
                throw std::bad_alloc();
            p = list.back();
            list.pop_back();
        }
    } else if (free_[c] != nullptr) {
        p = free_[c];
        free_[c] = *static_cast<void **>(p);
    }
    if (p == nullptr)
        p = bump(block);
    live_ += block;
    if (live_ > peak_live_)
        peak_live_ = live_;
    return p;
}

void SpillHeap::deallocate(void *p, size_t n) noexcept {
    size_t block = 0;
    int c = class_of(n, &block);
    if (p == nullptr || c < 0)
        return;
    live_ -= block;
    if (block >= kReleaseBytes) {
        try {
            free_big_[c].push_back(static_cast<char *>(p));
        } catch (...) {
            return; /* not reused, only lost to this heap */
        }
        backing_->release(static_cast<char *>(p), block);
        return;
    }
    *static_cast<void **>(p) = free_[c];
    free_[c] = p;
}

void install_spill_heap(SpillHeap *heap) { installed = heap; }

SpillHeap *installed_spill_heap() { return installed; }

void *spill_allocate(size_t n) {
    if (installed != nullptr)
        return installed->allocate(n);
    return ::operator new(n);
}

void spill_deallocate(void *p, size_t n) noexcept {
    for (SpillHeap *heap : alive)
        if (heap != nullptr && heap->owns(p)) {
            heap->deallocate(p, n);
            return;
        }
    ::operator delete(p);
}

} // namespace pd
