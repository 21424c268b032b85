#include "unit.h"

int main() {
    int passed = 0, failed = 0;
    for (const unit::Case &c : unit::cases()) {
        int before = unit::failures();
        c.body();
        bool ok = unit::failures() == before;
        std::printf("%s %s\n", ok ? "ok    " : "FAILED", c.name);
        (ok ? passed : failed)++;
    }
    std::printf("unit: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
