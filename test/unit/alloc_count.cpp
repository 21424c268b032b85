/* Replaces the global operator new/delete with counting ones (see alloc_count.h). */
#include "alloc_count.h"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace {

size_t live = 0, peak = 0;

void *counted(size_t n) {
    void *p = std::malloc(n ? n : 1);
    if (p == nullptr)
        return nullptr;
    live += malloc_usable_size(p);
    if (live > peak)
        peak = live;
    return p;
}

void uncounted(void *p) {
    if (p == nullptr)
        return;
    live -= malloc_usable_size(p);
    std::free(p);
}

} // namespace

namespace unit {
size_t heap_live() { return live; }
size_t heap_peak() { return peak; }
void reset_heap_peak() { peak = live; }
} // namespace unit

void *operator new(size_t n) {
    void *p = counted(n);
    if (p == nullptr)
        throw std::bad_alloc();
    return p;
}
void *operator new[](size_t n) { return operator new(n); }
void *operator new(size_t n, const std::nothrow_t &) noexcept { return counted(n); }
void *operator new[](size_t n, const std::nothrow_t &) noexcept { return counted(n); }
void operator delete(void *p) noexcept { uncounted(p); }
void operator delete[](void *p) noexcept { uncounted(p); }
void operator delete(void *p, size_t) noexcept { uncounted(p); }
void operator delete[](void *p, size_t) noexcept { uncounted(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { uncounted(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { uncounted(p); }
