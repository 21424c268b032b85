/* A text store in a temporary file, for unit tests: its bytes are not on the C++ heap, as the server's BufFile. */
#pragma once

#include <cstdio>
#include <stdexcept>

#include "../../src/pure/text_store.h"

namespace unit {

class FileStore final : public pd::TextStore {
  public:
    FileStore() : f_(std::tmpfile()) {}
    ~FileStore() override { std::fclose(f_); }
    uint64_t append(const char *data, size_t len) override {
        std::fseek(f_, 0, SEEK_END);
        std::fwrite(data, 1, len, f_);
        uint64_t at = size_;
        size_ += len;
        return at;
    }
    void read(uint64_t offset, char *out, size_t len) override {
        std::fseek(f_, static_cast<long>(offset), SEEK_SET);
        if (std::fread(out, 1, len, f_) != len)
            throw std::runtime_error("short read");
    }
    uint64_t size() const override { return size_; }

  private:
    std::FILE *f_;
    uint64_t size_ = 0;
};

} // namespace unit
