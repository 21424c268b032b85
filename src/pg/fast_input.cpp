/* Fast input functions for pd_restore's COPY (see fast_input.h). */
#include "fast_input.h"

extern "C" {
#include "commands/copyfrom_internal.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/numeric.h"
}

#include "../pure/parse_datetime.h"
#include "../pure/parse_numeric.h"

int pd_fast_input_mode = 1;

namespace {

enum Mode { MODE_OFF, MODE_ON, MODE_VERIFY };
const struct config_enum_entry kModes[] = {
    {"off", MODE_OFF, false}, {"on", MODE_ON, false}, {"verify", MODE_VERIFY, false}, {NULL, 0, false}};

const size_t kMaxNumericText = 2003; /* numeric_encode takes at most 1000 digits each side of the point */

/* what verify mode counted since the COPY began */
int64 fast_taken, fast_declined;

/* Every byte ASCII: then each is one character in every server encoding. */
bool ascii(const char *s, size_t len) {
    unsigned char any = 0;
    for (size_t i = 0; i < len; i++)
        any |= (unsigned char) s[i];
    return any < 0x80;
}

bool varlena_result(Oid fn) { return fn == F_NUMERIC_IN || fn == F_BPCHARIN; }

/* The fast parse of str for the builtin input function fn; false: the builtin must do it. */
bool fast_parse(Oid fn, const char *str, int32 typmod, Datum *out) {
    size_t len = strlen(str);
    switch (fn) {
    case F_DATE_IN: {
        int32_t days;
        if (!pd::parse_iso_date(str, len, &days))
            return false;
        *out = DateADTGetDatum(days);
        return true;
    }
    case F_TIMESTAMP_IN:
    case F_TIMESTAMPTZ_IN: {
        int64_t usecs;
        if (typmod != -1 || !(fn == F_TIMESTAMP_IN ? pd::parse_iso_timestamp(str, len, &usecs)
                                                    : pd::parse_iso_timestamptz(str, len, &usecs)))
            return false;
        *out = Int64GetDatum(usecs);
        return true;
    }
    case F_NUMERIC_IN: {
        if (len > kMaxNumericText)
            return false;
        int precision = -1, scale = 0;
        if (typmod >= (int32) VARHDRSZ) {
            precision = ((typmod - VARHDRSZ) >> 16) & 0xffff;
            scale = (((typmod - VARHDRSZ) & 0x7ff) ^ 1024) - 1024;
        }
        uint8_t buf[pd::numeric_encode_bound(kMaxNumericText)];
        size_t n = pd::numeric_encode(str, len, precision, scale, buf);
        if (n == 0)
            return false;
        struct varlena *v = (struct varlena *) palloc(VARHDRSZ + n);
        SET_VARSIZE(v, VARHDRSZ + n);
        memcpy(VARDATA(v), buf, n);
        *out = PointerGetDatum(v);
        return true;
    }
    case F_BPCHARIN: {
        /* char(n) text of exactly n ASCII characters (as pg_dump writes them, padded): bpcharin copies it */
        if (typmod < (int32) VARHDRSZ || len != (size_t) (typmod - VARHDRSZ) || !ascii(str, len))
            return false;
        struct varlena *v = (struct varlena *) palloc(VARHDRSZ + len);
        SET_VARSIZE(v, VARHDRSZ + len);
        memcpy(VARDATA(v), str, len);
        *out = PointerGetDatum(v);
        return true;
    }
    default:
        return false;
    }
}

PGFunction builtin_of(Oid fn) {
    switch (fn) {
    case F_DATE_IN:
        return date_in;
    case F_TIMESTAMP_IN:
        return timestamp_in;
    case F_TIMESTAMPTZ_IN:
        return timestamptz_in;
    case F_NUMERIC_IN:
        return numeric_in;
    case F_BPCHARIN:
        return bpcharin;
    default:
        return NULL;
    }
}

extern "C" Datum pd_fast_in(PG_FUNCTION_ARGS) {
    Datum d;
    if (fast_parse(fcinfo->flinfo->fn_oid, PG_GETARG_CSTRING(0), PG_GETARG_INT32(2), &d))
        return d;
    return builtin_of(fcinfo->flinfo->fn_oid)(fcinfo);
}

/* Both parsers; the builtin's datum is returned, and must be the fast one's byte for byte. */
extern "C" Datum pd_verify_in(PG_FUNCTION_ARGS) {
    Oid fn = fcinfo->flinfo->fn_oid;
    const char *str = PG_GETARG_CSTRING(0);
    Datum builtin = builtin_of(fn)(fcinfo), fast;
    if (!fast_parse(fn, str, PG_GETARG_INT32(2), &fast)) {
        fast_declined++;
        return builtin;
    }
    fast_taken++;
    bool byval = !varlena_result(fn);
    int typlen = varlena_result(fn) ? -1 : fn == F_DATE_IN ? 4 : 8;
    if (!datumIsEqual(builtin, fast, byval, typlen))
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                        errmsg("pd_restore's fast input of \"%s\" differs from %s's", str, get_func_name(fn))));
    return builtin;
}

} // namespace

void pd_fast_input_define_setting(void) {
    DefineCustomEnumVariable("parallel_dump.restore_fast_input",
                             "How pd_restore parses date, timestamp, timestamptz and numeric values.",
                             "on: the canonical text pg_dump writes is parsed directly, anything else by the "
                             "type's input function; off: always the input function; verify: both, and a "
                             "different value is an ERROR (for tests).",
                             &pd_fast_input_mode, MODE_ON, kModes, PGC_USERSET, 0, NULL, NULL, NULL);
}

void pd_fast_input_install(CopyFromState cstate, int mode) {
    fast_taken = fast_declined = 0;
    if (mode == MODE_OFF || cstate->opts.binary)
        return;
    ListCell *lc;
    foreach (lc, cstate->attnumlist) {
        FmgrInfo *f = &cstate->in_functions[lfirst_int(lc) - 1];
        /* exactly the builtin (not a domain's or an extension's function) */
        if (builtin_of(f->fn_oid) != NULL && f->fn_addr == builtin_of(f->fn_oid))
            f->fn_addr = mode == MODE_VERIFY ? pd_verify_in : pd_fast_in;
    }
}

void pd_fast_input_report(const char *table) {
    if (fast_taken + fast_declined > 0)
        ereport(LOG, (errmsg("pd_restore fast input verified for %s: " INT64_FORMAT " values by the fast parsers, "
                             INT64_FORMAT " by the input functions",
                             table, fast_taken, fast_declined)));
}
