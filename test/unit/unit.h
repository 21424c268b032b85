/* A minimal unit-test harness: TEST(name) { CHECK(...); } */
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace unit {

struct Case {
    const char *name;
    std::function<void()> body;
};

inline std::vector<Case> &cases() {
    static std::vector<Case> all;
    return all;
}

inline int &failures() {
    static int n = 0;
    return n;
}

struct Register {
    Register(const char *name, std::function<void()> body) { cases().push_back({name, std::move(body)}); }
};

} // namespace unit

#define TEST(name)                                                  \
    static void test_##name();                                      \
    static unit::Register register_##name(#name, test_##name);      \
    static void test_##name()

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            std::printf("    %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);    \
            unit::failures()++;                                                         \
        }                                                                               \
    } while (0)

#define CHECK_EQ(a, b)                                                                  \
    do {                                                                                \
        auto va_ = (a);                                                                 \
        auto vb_ = (b);                                                                 \
        if (!(va_ == vb_)) {                                                            \
            std::printf("    %s:%d: CHECK_EQ failed: %s != %s\n", __FILE__, __LINE__, #a, #b); \
            unit::failures()++;                                                         \
        }                                                                               \
    } while (0)
