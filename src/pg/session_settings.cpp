#include "session_settings.h"

namespace {

struct Setting {
    const char *name;
    const char *value;
};

const Setting kDumpSettings[] = {
    {"DateStyle", "ISO"},
    {"IntervalStyle", "postgres"},
    {"extra_float_digits", "3"},
    {"bytea_output", "hex"},
    {"standard_conforming_strings", "on"},
    {"row_security", "off"},
    {"search_path", ""},
    {"quote_all_identifiers", "off"},
    {"xmloption", "content"},
};

} // namespace

void pd_apply_dump_settings(void) {
    for (const Setting &s : kDumpSettings)
        SetConfigOption(s.name, s.value, PGC_USERSET, PGC_S_SESSION);
}

int pd_push_dump_settings(void) {
    int level = NewGUCNestLevel();
    for (const Setting &s : kDumpSettings)
        (void) set_config_option(s.name, s.value, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0,
                                 false);
    return level;
}

void pd_restore_settings(int nest_level) { AtEOXact_GUC(true, nest_level); }
