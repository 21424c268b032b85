/*
 * The jsonb writer of fast_output.h: PostgreSQL 15's JsonbToCStringWorker
 * (jsonb.c) with indent false, whose add_indent then writes nothing, walking
 * the value with the same JsonbIterator; each scalar is written as
 * jsonb_put_escaped_value writes it (escape_json, numeric_out, true, false,
 * null) and COPY-escaped at once (pure/copy_json.h: only backslashes double).
 */
#include "fast_jsonb.h"

extern "C" {
#include "utils/jsonb.h"
#include "utils/fmgrprotos.h"
}

#include "../pure/copy_json.h"
#include "../pure/copy_numbers.h"
#include "row_buffer.h"

namespace {

/* Bigger values go the output function's way, escaped in pieces into members of bounded size. */
const Size kMaxFastJsonb = 64 * 1024;

inline void put(StringInfo buf, const char *s, size_t n) {
    memcpy(pd_row_reserve(buf, n), s, n);
    pd_row_advance(buf, n);
}

/* numeric_out's text, which holds no byte COPY escapes (digits, '-', '.', NaN) */
void put_numeric(StringInfo buf, Numeric num) {
    struct varlena *v = (struct varlena *) num;
    if (!VARATT_IS_EXTENDED(v) || VARATT_IS_SHORT(v)) {
        const unsigned char *p = (const unsigned char *) VARDATA_ANY(v);
        size_t len = VARSIZE_ANY_EXHDR(v);
        size_t bound = pd::numeric_text_bound(p, len);
        if (bound > 0) {
            size_t n = pd::numeric_to_text(p, len, pd_row_reserve(buf, bound));
            if (n > 0) {
                pd_row_advance(buf, n);
                return;
            }
        }
    }
    char *s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
    put(buf, s, strlen(s));
    pfree(s);
}

/* jsonb_put_escaped_value */
void put_scalar(StringInfo buf, const JsonbValue *v) {
    switch (v->type) {
    case jbvNull:
        put(buf, "null", 4);
        break;
    case jbvString: {
        size_t n = (size_t) v->val.string.len;
        char *out = pd_row_reserve(buf, pd::copy_json_string_bound(n));
        pd_row_advance(buf, pd::copy_json_string(v->val.string.val, n, out));
        break;
    }
    case jbvNumeric:
        put_numeric(buf, v->val.numeric);
        break;
    case jbvBool:
        if (v->val.boolean)
            put(buf, "true", 4);
        else
            put(buf, "false", 5);
        break;
    default:
        elog(ERROR, "unknown jsonb scalar type");
    }
}

/* JsonbToCStringWorker(out, container, len, false) */
void put_container(StringInfo buf, JsonbContainer *in) {
    bool first = true;
    bool raw_scalar = false;
    bool redo_switch = false;
    JsonbValue v;
    JsonbIteratorToken type = WJB_DONE;
    JsonbIterator *it = JsonbIteratorInit(in);
    while (redo_switch || (type = JsonbIteratorNext(&it, &v, false)) != WJB_DONE) {
        redo_switch = false;
        switch (type) {
        case WJB_BEGIN_ARRAY:
            if (!first)
                put(buf, ", ", 2);
            if (!v.val.array.rawScalar)
                put(buf, "[", 1);
            else
                raw_scalar = true;
            first = true;
            break;
        case WJB_BEGIN_OBJECT:
            if (!first)
                put(buf, ", ", 2);
            put(buf, "{", 1);
            first = true;
            break;
        case WJB_KEY:
            if (!first)
                put(buf, ", ", 2);
            first = true;
            put_scalar(buf, &v);
            put(buf, ": ", 2);
            type = JsonbIteratorNext(&it, &v, false);
            if (type == WJB_VALUE) {
                first = false;
                put_scalar(buf, &v);
            } else
                redo_switch = true; /* an object or array: the switch again, with the token just read */
            break;
        case WJB_ELEM:
            if (!first)
                put(buf, ", ", 2);
            first = false;
            put_scalar(buf, &v);
            break;
        case WJB_END_ARRAY:
            if (!raw_scalar)
                put(buf, "]", 1);
            first = false;
            break;
        case WJB_END_OBJECT:
            put(buf, "}", 1);
            first = false;
            break;
        default:
            elog(ERROR, "unknown jsonb iterator token type");
        }
    }
}

} // namespace

bool pd_fast_jsonb_append(StringInfo buf, Datum value) {
    struct varlena *v = (struct varlena *) DatumGetPointer(value);
    if (VARATT_IS_EXTERNAL(v))
        return false;
    if (VARATT_IS_COMPRESSED(v) ? VARDATA_COMPRESSED_GET_EXTSIZE(v) > kMaxFastJsonb
                                : VARSIZE_ANY_EXHDR(v) > kMaxFastJsonb)
        return false;
    /* as jsonb_out's PG_GETARG_JSONB_P: decompressed, or copied to an aligned 4-byte header */
    Jsonb *jb = (Jsonb *) pg_detoast_datum(v);
    put_container(buf, &jb->root);
    if ((Pointer) jb != (Pointer) v)
        pfree(jb);
    return true;
}
