/*
 * A hash index of 64-bit keys to 32-bit ids that stores only the ids: an
 * open-addressing table (linear probing, at most 3/4 full) of 4-byte
 * slots, the keys read back from where the caller keeps them (key_of(id)).
 * The dump plan indexes some 100,000s of objects with it: about 8 bytes per
 * key, where a node-based std::unordered_map cost 40 (a node of its own per
 * key and a bucket pointer).  No erase: rebuild the index instead.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "spill_heap.h"

namespace pd {

class FlatIndex {
  public:
    static constexpr uint32_t kNone = UINT32_MAX;

    /* The id whose key_of(id) is key, or kNone. */
    template <typename KeyOf> uint32_t find(uint64_t key, KeyOf key_of) const {
        if (slots_.empty())
            return kNone;
        for (size_t s = home(key);; s = (s + 1) & mask()) {
            uint32_t id = slots_[s];
            if (id == kNone || key_of(id) == key)
                return id;
        }
    }
    /* Adds id, whose key (key_of(id)) is in no other id of the index. */
    template <typename KeyOf> void insert(uint32_t id, KeyOf key_of) {
        if (id == kNone)
            throw std::length_error("flat index beyond 4 billion ids");
        if (4 * (count_ + 1) > 3 * slots_.size()) {
            spill_vector<uint32_t> old;
            old.swap(slots_);
            slots_.assign(old.empty() ? 16 : 2 * old.size(), kNone);
            for (uint32_t o : old)
                if (o != kNone)
                    place(o, key_of(o));
        }
        place(id, key_of(id));
        count_++;
    }
    size_t size() const { return count_; }
    void clear() {
        spill_vector<uint32_t>().swap(slots_);
        count_ = 0;
    }

  private:
    size_t mask() const { return slots_.size() - 1; }
    /* Fibonacci hashing: object ids of one class differ in their low bits only */
    size_t home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask(); }
    void place(uint32_t id, uint64_t key) {
        size_t s = home(key);
        while (slots_[s] != kNone)
            s = (s + 1) & mask();
        slots_[s] = id;
    }
    spill_vector<uint32_t> slots_;
    size_t count_ = 0;
};

} // namespace pd
