/* The spill heap (spill_heap.h): its allocator over a reserved range and the containers that use it. */
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <vector>

#include "../../src/pure/spill_heap.h"
#include "alloc_count.h"
#include "unit.h"

using namespace pd;

namespace {

/* A backing in malloc's memory that records what the heap asks of it. */
struct RecordingBacking final : SpillBacking {
    size_t mapped = 0, released = 0, recommits = 0, limit = SIZE_MAX;
    std::vector<char *> segments;
    ~RecordingBacking() override {
        for (char *p : segments)
            std::free(p);
    }
    char *map(size_t len) override {
        if (mapped + len > limit)
            return nullptr;
        mapped += len;
        segments.push_back(static_cast<char *>(std::aligned_alloc(4096, len)));
        return segments.back();
    }
    void release(char *, size_t len) override { released += len; }
    bool recommit(char *, size_t) override {
        recommits++;
        return true;
    }
};

} // namespace

TEST(spill_heap_reuses_freed_blocks_and_maps_as_it_grows) {
    RecordingBacking b;
    SpillHeap heap(&b);
    CHECK_EQ(b.mapped, size_t(0)); /* nothing reserved ahead */
    void *a = heap.allocate(24);
    CHECK(heap.owns(a));
    CHECK_EQ(reinterpret_cast<uintptr_t>(a) % 16, uintptr_t(0));
    CHECK_EQ(b.mapped, SpillHeap::kFirstSegment);
    void *c = heap.allocate(30); /* the same class: 32 bytes */
    CHECK(c != a);
    heap.deallocate(a, 24);
    CHECK_EQ(heap.allocate(17), a); /* reused */
    CHECK_EQ(heap.live(), size_t(64));
    int local = 0;
    CHECK(!heap.owns(&local));

    /* a big block: a segment of its own size; freed, it goes back to the backing, and comes again when reused */
    void *big = heap.allocate(3 << 20);
    CHECK(heap.owns(big));
    CHECK_EQ(b.mapped, SpillHeap::kFirstSegment + (size_t(4) << 20));
    heap.deallocate(big, 3 << 20);
    CHECK_EQ(b.released, size_t(4) << 20); /* its class: 4 MB */
    CHECK_EQ(heap.allocate((3 << 20) + 5), big);
    CHECK_EQ(b.recommits, size_t(1));
    CHECK_EQ(heap.peak_live(), size_t(64) + (size_t(4) << 20));

    /* segments double up to their bound */
    for (int i = 0; i < 200; i++)
        heap.allocate(512 << 10);
    CHECK(heap.mapped() >= size_t(100) << 20);
    CHECK(heap.mapped() < size_t(200) << 20);
}

TEST(spill_heap_backing_full_is_bad_alloc) {
    RecordingBacking b;
    b.limit = 8 << 20; /* the disk fills */
    SpillHeap heap(&b);
    heap.allocate(4 << 20);
    bool thrown = false;
    try {
        heap.allocate(4 << 20); /* a segment of 4 MB more would pass the limit */
    } catch (const std::bad_alloc &) {
        thrown = true;
    }
    CHECK(thrown);
    thrown = false;
    try {
        heap.allocate(SIZE_MAX / 2);
    } catch (const std::bad_alloc &) {
        thrown = true;
    }
    CHECK(thrown);
}

TEST(spill_containers_use_the_installed_heap_and_free_where_they_came_from) {
    RecordingBacking b;
    std::vector<int> before_install(1000, 1);
    spill_vector<int> ordinary(1000, 2); /* no heap installed: operator new */
    auto heap = std::make_unique<SpillHeap>(&b);
    CHECK(!heap->owns(ordinary.data()));
    install_spill_heap(heap.get());
    size_t live_new = unit::heap_live();
    spill_vector<int> v;
    for (int i = 0; i < 100000; i++)
        v.push_back(i);
    spill_string s(5000, 'x');
    spill_deque<long> d(20000, 7);
    CHECK(heap->owns(v.data()));
    CHECK(heap->owns(s.data()));
    CHECK(heap->owns(&d.back()));
    CHECK(unit::heap_live() - live_new < 1024); /* nothing of theirs on operator new */
    ordinary.assign(5000, 3); /* reallocated in the heap, the old block back to operator new */
    CHECK(heap->owns(ordinary.data()));
    install_spill_heap(nullptr);
    spill_vector<int> after(100, 4);
    CHECK(!heap->owns(after.data()));
    /* freed after the heap was uninstalled: still into it */
    spill_vector<int>().swap(v);
    spill_string().swap(s);
    spill_deque<long>().swap(d);
    spill_vector<int>().swap(ordinary);
    CHECK_EQ(heap->live(), size_t(0));
    CHECK_EQ(before_install.size(), size_t(1000));
}
