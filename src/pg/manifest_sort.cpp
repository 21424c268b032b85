/* The leader's file records in a spilling sort (manifest_sort.h). */
#include "manifest_sort.h"

extern "C" {
#include "catalog/pg_type_d.h"
#include "utils/tuplesort.h"
#include "utils/typcache.h"
}

/*
 * A record is sorted as a bytea of its bytes: every record has the same
 * type byte and length, and a name padded with NUL bytes, so bytea's order
 * (memcmp) is the names' strcmp order (names are unique).
 */
struct PdRecordSort {
    Tuplesortstate *sort;
    MemoryContext cxt;
    bool sorted;
};

/* The sort's memory, in kB (tuplesort's least): what does not fit goes to its temporary file. */
static const int kSortMemoryKb = 256;

PdRecordSort *pd_record_sort_begin(MemoryContext cxt) {
    MemoryContext old = MemoryContextSwitchTo(cxt);
    PdRecordSort *s = (PdRecordSort *) palloc0(sizeof(PdRecordSort));
    s->cxt = cxt;
    TypeCacheEntry *bytea = lookup_type_cache(BYTEAOID, TYPECACHE_LT_OPR);
    s->sort = tuplesort_begin_datum(BYTEAOID, bytea->lt_opr, InvalidOid, false, kSortMemoryKb, NULL, TUPLESORT_NONE);
    MemoryContextSwitchTo(old);
    return s;
}

void pd_record_sort_put(PdRecordSort *s, const PdFileRecord *r) {
    union {
        char bytes[VARHDRSZ + sizeof(PdFileRecord)];
        int32 align;
    } v;
    memcpy(v.bytes + VARHDRSZ, r, sizeof *r);
    /* the name's bytes after its end are NUL: they take part in the comparison */
    char *name = v.bytes + VARHDRSZ + offsetof(PdFileRecord, name);
    size_t len = strnlen(r->name, sizeof r->name);
    memset(name + len, 0, sizeof r->name - len);
    SET_VARSIZE(v.bytes, sizeof v.bytes);
    MemoryContext old = MemoryContextSwitchTo(s->cxt);
    tuplesort_putdatum(s->sort, PointerGetDatum(v.bytes), false); /* copied into the sort */
    MemoryContextSwitchTo(old);
}

bool pd_record_sort_next(PdRecordSort *s, PdFileRecord *out) {
    MemoryContext old = MemoryContextSwitchTo(s->cxt);
    if (!s->sorted) {
        tuplesort_performsort(s->sort);
        s->sorted = true;
    }
    Datum d;
    bool isnull;
    bool found = tuplesort_getdatum(s->sort, true, &d, &isnull, NULL);
    MemoryContextSwitchTo(old);
    if (!found)
        return false;
    bytea *b = DatumGetByteaPP(d);
    if (isnull || VARSIZE_ANY_EXHDR(b) != sizeof(PdFileRecord))
        elog(ERROR, "parallel_dump: damaged file record in the manifest's sort");
    memcpy(out, VARDATA_ANY(b), sizeof *out);
    pfree(DatumGetPointer(d)); /* a copy the sort made in s->cxt */
    return true;
}

void pd_record_sort_end(PdRecordSort *s) {
    tuplesort_end(s->sort);
    pfree(s);
}
