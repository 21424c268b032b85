/*
 * The fast COPY TEXT writers: for each kind, what the type's PostgreSQL 15
 * output function prints, written into the row buffer.  Integers, floats
 * and date/time go through the very routines the output functions use
 * (pg_ltoa, the shortest-decimal float printer, timestamp2tm + EncodeDateTime
 * into the row buffer); text is escaped straight from the varlena; numeric
 * and uuid are printed from their bytes by src/pure/copy_numbers; jsonb
 * by fast_jsonb.cpp.
 */
#include "fast_output.h"

extern "C" {
#include "common/shortest_dec.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/fmgroids.h"
#include "utils/uuid.h"
}

#include "../pure/copy_numbers.h"
#include "../pure/copy_text.h"
#include "fast_jsonb.h"
#include "row_buffer.h"

namespace {

void append_escaped_bytes(StringInfo buf, const char *s, size_t n) {
    char *out = pd_row_reserve(buf, pd::copy_text_escaped_bound(n));
    pd_row_advance(buf, pd::copy_text_escape(s, n, out));
}

/* A varlena's bytes when they lie in the tuple; NULL for TOAST pointers and compressed data. */
inline const char *inline_bytes(Datum value, size_t *len) {
    struct varlena *v = (struct varlena *) DatumGetPointer(value);
    if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
        return NULL;
    *len = VARSIZE_ANY_EXHDR(v);
    return VARDATA_ANY(v);
}

bool append_text(StringInfo buf, Datum value) {
    size_t len;
    const char *s = inline_bytes(value, &len);
    if (s != NULL) {
        append_escaped_bytes(buf, s, len);
        return true;
    }
    struct varlena *v = (struct varlena *) DatumGetPointer(value);
    if (VARATT_IS_EXTERNAL(v))
        return false; /* out-of-line values take the generic path, which handles huge ones */
    /* compressed in the tuple: decompress once, escape from the result */
    struct varlena *plain = pg_detoast_datum_packed(v);
    append_escaped_bytes(buf, VARDATA_ANY(plain), VARSIZE_ANY_EXHDR(plain));
    pfree(plain);
    return true;
}

bool append_numeric(StringInfo buf, Datum value) {
    size_t len;
    const unsigned char *p = (const unsigned char *) inline_bytes(value, &len);
    if (p == NULL)
        return false;
    size_t bound = pd::numeric_text_bound(p, len);
    if (bound == 0)
        return false;
    size_t n = pd::numeric_to_text(p, len, pd_row_reserve(buf, bound));
    if (n == 0)
        return false;
    pd_row_advance(buf, n);
    return true;
}

void append_uuid(StringInfo buf, Datum value) {
    char *out = pd_row_reserve(buf, pd::kUuidTextLen);
    pd::uuid_to_text(DatumGetUUIDP(value)->data, out);
    pd_row_advance(buf, pd::kUuidTextLen);
}

/*
 * Dates and timestamps are printed in place: their text (digits, signs,
 * separators, "BC", zone abbreviations) never holds a byte COPY escapes.
 */
inline char *reserve_datetime(StringInfo buf) { return pd_row_reserve(buf, MAXDATELEN + 1); }

/* date_out */
void append_date(StringInfo buf, Datum value) {
    DateADT date = DatumGetDateADT(value);
    char *text = reserve_datetime(buf);
    if (DATE_NOT_FINITE(date))
        EncodeSpecialDate(date, text);
    else {
        struct pg_tm tm;
        j2date(date + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
        EncodeDateOnly(&tm, DateStyle, text);
    }
    pd_row_advance(buf, strlen(text));
}

/* timestamp_out and timestamptz_out; false when out of range (the output function raises the error) */
bool append_timestamp(StringInfo buf, Datum value, bool with_zone) {
    Timestamp ts = DatumGetTimestamp(value);
    char *text = reserve_datetime(buf);
    if (TIMESTAMP_NOT_FINITE(ts))
        EncodeSpecialTimestamp(ts, text);
    else {
        struct pg_tm tm;
        fsec_t fsec;
        int tz = 0;
        const char *tzn = NULL;
        /* the session time zone for timestamptz; none for timestamp, as the output functions do */
        if (timestamp2tm(ts, with_zone ? &tz : NULL, &tm, &fsec, with_zone ? &tzn : NULL, NULL) != 0)
            return false;
        EncodeDateTime(&tm, fsec, with_zone, tz, tzn, DateStyle, text);
    }
    pd_row_advance(buf, strlen(text));
    return true;
}

/* The kind whose writer matches an output function, for values of that length and passing. */
struct KindOf {
    Oid output_function;
    PdFastKind kind;
    int16 len;
    bool byval;
};

const KindOf kKinds[] = {
    {F_BOOLOUT, PD_FAST_BOOL, 1, true},
    {F_INT2OUT, PD_FAST_INT2, 2, true},
    {F_INT4OUT, PD_FAST_INT4, 4, true},
    {F_INT8OUT, PD_FAST_INT8, 8, FLOAT8PASSBYVAL},
    {F_OIDOUT, PD_FAST_OID, 4, true},
    {F_FLOAT4OUT, PD_FAST_FLOAT4, 4, true},
    {F_FLOAT8OUT, PD_FAST_FLOAT8, 8, FLOAT8PASSBYVAL},
    {F_NUMERIC_OUT, PD_FAST_NUMERIC, -1, false},
    {F_TEXTOUT, PD_FAST_TEXT, -1, false},
    {F_VARCHAROUT, PD_FAST_TEXT, -1, false},
    {F_BPCHAROUT, PD_FAST_TEXT, -1, false},
    {F_NAMEOUT, PD_FAST_NAME, NAMEDATALEN, false},
    {F_UUID_OUT, PD_FAST_UUID, UUID_LEN, false},
    {F_DATE_OUT, PD_FAST_DATE, 4, true},
    {F_TIMESTAMP_OUT, PD_FAST_TIMESTAMP, 8, FLOAT8PASSBYVAL},
    {F_TIMESTAMPTZ_OUT, PD_FAST_TIMESTAMPTZ, 8, FLOAT8PASSBYVAL},
    {F_JSONB_OUT, PD_FAST_JSONB, -1, false},
};

} // namespace

PdFastKind pd_fast_output_kind(Form_pg_attribute att) {
    Oid func;
    bool varlena;
    /* a domain's output function is its base type's (CREATE DOMAIN copies it) */
    getTypeOutputInfo(att->atttypid, &func, &varlena);
    for (const KindOf &k : kKinds) {
        if (k.output_function != func)
            continue;
        if (k.len != att->attlen || k.byval != att->attbyval)
            return PD_FAST_NONE;
        /* float4out/float8out print the shortest exact form only with extra_float_digits > 0 */
        if ((k.kind == PD_FAST_FLOAT4 || k.kind == PD_FAST_FLOAT8) && extra_float_digits <= 0)
            return PD_FAST_NONE;
        return k.kind;
    }
    return PD_FAST_NONE;
}

bool pd_fast_output_append(StringInfo buf, PdFastKind kind, Datum value) {
    char *out;
    switch (kind) {
    case PD_FAST_NONE:
        return false;
    case PD_FAST_BOOL:
        out = pd_row_reserve(buf, 1);
        *out = DatumGetBool(value) ? 't' : 'f';
        pd_row_advance(buf, 1);
        return true;
    case PD_FAST_INT2: /* pg_itoa, pg_ltoa and pg_lltoa write a NUL after the digits */
        out = pd_row_reserve(buf, 8);
        buf->len += pg_itoa(DatumGetInt16(value), out);
        return true;
    case PD_FAST_INT4:
        out = pd_row_reserve(buf, 12);
        buf->len += pg_ltoa(DatumGetInt32(value), out);
        return true;
    case PD_FAST_INT8:
        out = pd_row_reserve(buf, 21);
        buf->len += pg_lltoa(DatumGetInt64(value), out);
        return true;
    case PD_FAST_OID: /* oidout's "%u" */
        out = pd_row_reserve(buf, 10);
        pd_row_advance(buf, pg_ultoa_n(DatumGetObjectId(value), out));
        return true;
    case PD_FAST_FLOAT4:
        out = pd_row_reserve(buf, FLOAT_SHORTEST_DECIMAL_LEN);
        buf->len += float_to_shortest_decimal_buf(DatumGetFloat4(value), out);
        return true;
    case PD_FAST_FLOAT8:
        out = pd_row_reserve(buf, DOUBLE_SHORTEST_DECIMAL_LEN);
        buf->len += double_to_shortest_decimal_buf(DatumGetFloat8(value), out);
        return true;
    case PD_FAST_NUMERIC:
        return append_numeric(buf, value);
    case PD_FAST_TEXT:
        return append_text(buf, value);
    case PD_FAST_NAME: {
        const char *s = NameStr(*DatumGetName(value));
        append_escaped_bytes(buf, s, strnlen(s, NAMEDATALEN));
        return true;
    }
    case PD_FAST_UUID:
        append_uuid(buf, value);
        return true;
    case PD_FAST_DATE:
        append_date(buf, value);
        return true;
    case PD_FAST_TIMESTAMP:
        return append_timestamp(buf, value, false);
    case PD_FAST_TIMESTAMPTZ:
        return append_timestamp(buf, value, true);
    case PD_FAST_JSONB:
        return pd_fast_jsonb_append(buf, value);
    }
    return false;
}
