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

/* The fast parsers: false when the text is not the canonical form (the builtin must parse it). */
bool fast_date(const char *str, size_t len, int32, Datum *out) {
    int32_t days;
    if (!pd::parse_iso_date(str, len, &days))
        return false;
    *out = DateADTGetDatum(days);
    return true;
}

bool fast_timestamp(const char *str, size_t len, int32 typmod, Datum *out) {
    int64_t usecs;
    if (typmod != -1 || !pd::parse_iso_timestamp(str, len, &usecs))
        return false;
    *out = Int64GetDatum(usecs);
    return true;
}

bool fast_timestamptz(const char *str, size_t len, int32 typmod, Datum *out) {
    int64_t usecs;
    if (typmod != -1 || !pd::parse_iso_timestamptz(str, len, &usecs))
        return false;
    *out = Int64GetDatum(usecs);
    return true;
}

bool fast_numeric(const char *str, size_t len, int32 typmod, Datum *out) {
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

/* char(n) text of exactly n ASCII characters (as pg_dump writes them, padded): bpcharin copies it */
bool fast_bpchar(const char *str, size_t len, int32 typmod, Datum *out) {
    if (typmod < (int32) VARHDRSZ || len != (size_t) (typmod - VARHDRSZ) || !ascii(str, len))
        return false;
    struct varlena *v = (struct varlena *) palloc(VARHDRSZ + len);
    SET_VARSIZE(v, VARHDRSZ + len);
    memcpy(VARDATA(v), str, len);
    *out = PointerGetDatum(v);
    return true;
}

/* The input functions that have a fast parser: what each builds, and the parser. */
struct FastType {
    Oid fn;
    PGFunction builtin;
    bool (*parse)(const char *str, size_t len, int32 typmod, Datum *out);
    bool byval;
    int typlen; /* of the result, for the verify mode's comparison */
};
const FastType kFastTypes[] = {
    {F_DATE_IN, date_in, fast_date, true, 4},
    {F_TIMESTAMP_IN, timestamp_in, fast_timestamp, true, 8},
    {F_TIMESTAMPTZ_IN, timestamptz_in, fast_timestamptz, true, 8},
    {F_NUMERIC_IN, numeric_in, fast_numeric, false, -1},
    {F_BPCHARIN, bpcharin, fast_bpchar, false, -1},
};

const FastType *fast_type(Oid fn) {
    for (const FastType &t : kFastTypes)
        if (t.fn == fn)
            return &t;
    return NULL;
}

extern "C" Datum pd_fast_in(PG_FUNCTION_ARGS) {
    const FastType *t = fast_type(fcinfo->flinfo->fn_oid);
    const char *str = PG_GETARG_CSTRING(0);
    Datum d;
    if (t->parse(str, strlen(str), PG_GETARG_INT32(2), &d))
        return d;
    return t->builtin(fcinfo);
}

/* Both parsers; the builtin's datum is returned, and must be the fast one's byte for byte. */
extern "C" Datum pd_verify_in(PG_FUNCTION_ARGS) {
    const FastType *t = fast_type(fcinfo->flinfo->fn_oid);
    const char *str = PG_GETARG_CSTRING(0);
    Datum builtin = t->builtin(fcinfo), fast;
    if (!t->parse(str, strlen(str), PG_GETARG_INT32(2), &fast)) {
        fast_declined++;
        return builtin;
    }
    fast_taken++;
    if (!datumIsEqual(builtin, fast, t->byval, t->typlen))
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                        errmsg("pd_restore's fast input of \"%s\" differs from %s's", str, get_func_name(t->fn))));
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

bool pd_fast_input_enabled(int mode) { return mode != MODE_OFF; }

void pd_fast_input_install(CopyFromState cstate, int mode) {
    fast_taken = fast_declined = 0;
    if (mode == MODE_OFF || cstate->opts.binary)
        return;
    ListCell *lc;
    foreach (lc, cstate->attnumlist) {
        FmgrInfo *f = &cstate->in_functions[lfirst_int(lc) - 1];
        /* exactly the builtin (not a domain's or an extension's function) */
        const FastType *t = fast_type(f->fn_oid);
        if (t != NULL && f->fn_addr == t->builtin)
            f->fn_addr = mode == MODE_VERIFY ? pd_verify_in : pd_fast_in;
    }
}

void pd_fast_input_report(const char *table) {
    if (fast_taken + fast_declined > 0)
        ereport(LOG, (errmsg("pd_restore fast input verified for %s: " INT64_FORMAT " values by the fast parsers, "
                             INT64_FORMAT " by the input functions",
                             table, fast_taken, fast_declined)));
}
