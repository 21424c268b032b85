/*
 * The catalog side of restoring statistics: names from the archive are
 * resolved in the target, values are read back with their types' input
 * functions (array_in), and each slot is checked to have the shape the
 * planner's estimators read (so that a damaged or forged file can give bad
 * estimates, never make an estimator read past an array or misread a
 * value's type), before pg_statistic and pg_class are written.
 */
#include "statistics_apply.h"

extern "C" {
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_statistic.h"
#include "parser/parse_type.h"
#include "utils/array.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/inval.h"
#include "utils/regproc.h"
#include "utils/typcache.h"
}

namespace {

/* operator text (regoperator's) to its OID in the target; InvalidOid when missing */
Oid operator_oid(const char *name) {
    LOCAL_FCINFO(fcinfo, 1);
    InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
    fcinfo->args[0].value = PointerGetDatum(cstring_to_text(name));
    fcinfo->args[0].isnull = false;
    Datum d = to_regoperator(fcinfo);
    return fcinfo->isnull ? InvalidOid : DatumGetObjectId(d);
}

/* A one-dimensional array without NULLs of n elements, or NULL with a WARNING. */
ArrayType *read_array(const char *text, Oid elemtype, const char *label, const char *column, int *n) {
    Datum d = OidInputFunctionCall(F_ARRAY_IN, (char *) text, elemtype, -1);
    ArrayType *a = DatumGetArrayTypeP(d);
    if (ARR_NDIM(a) != 1 || ARR_HASNULL(a) || ARR_LBOUND(a)[0] != 1) {
        ereport(WARNING, (errmsg("statistics of column %s of %s are malformed; they are not restored", column, label),
                          errdetail("A statistics array must have one dimension and no NULL elements.")));
        return NULL;
    }
    *n = ARR_DIMS(a)[0];
    return a;
}

/*
 * Whether a slot of kind has the shape PostgreSQL 15's estimators read
 * (selfuncs.c, array_selfuncs.c, rangetypes_selfuncs.c, ts_selfuncs.c):
 * numbers and values present or absent as ANALYZE writes them, with the
 * lengths they index, and values of the type they compare with.  Kinds of
 * other type-specific ANALYZE functions (extensions) cannot be checked.
 */
bool slot_shape_ok(int kind, int nnumbers, bool has_numbers, int nvalues, bool has_values, Oid elemtype,
                   Oid atttype) {
    Oid base = getBaseType(atttype);
    bool column_type = elemtype == atttype || elemtype == base;
    switch (kind) {
    case STATISTIC_KIND_MCV:
        return has_numbers && has_values && nnumbers == nvalues && column_type;
    case STATISTIC_KIND_HISTOGRAM:
        return !has_numbers && has_values && column_type;
    case STATISTIC_KIND_CORRELATION:
        return has_numbers && nnumbers == 1 && !has_values;
    case STATISTIC_KIND_MCELEM: {
        Oid elem = base == TSVECTOROID ? TEXTOID : get_element_type(base);
        return has_numbers && has_values && nnumbers >= nvalues + 2 && OidIsValid(elem) &&
               (elemtype == elem || elemtype == getBaseType(elem));
    }
    case STATISTIC_KIND_DECHIST:
        return has_numbers && nnumbers >= 1 && !has_values && OidIsValid(get_element_type(base));
    case STATISTIC_KIND_RANGE_LENGTH_HISTOGRAM:
        return has_numbers && nnumbers == 1 && has_values && elemtype == FLOAT8OID;
    case STATISTIC_KIND_BOUNDS_HISTOGRAM:
        return !has_numbers && has_values &&
               (column_type || (type_is_multirange(base) && elemtype == get_multirange_range(base)));
    default:
        return false;
    }
}

/* The slot's datums into values/nulls at its place in a pg_statistic row; false (with a WARNING) to skip the row. */
bool slot_datums(const pd::StatsSlot *s, int k, Oid atttype, const char *label, const char *column, Datum *values,
                 bool *nulls) {
    values[Anum_pg_statistic_stakind1 - 1 + k] = Int16GetDatum(s->kind);
    values[Anum_pg_statistic_staop1 - 1 + k] = ObjectIdGetDatum(InvalidOid);
    values[Anum_pg_statistic_stacoll1 - 1 + k] = ObjectIdGetDatum(InvalidOid);
    nulls[Anum_pg_statistic_stanumbers1 - 1 + k] = true;
    nulls[Anum_pg_statistic_stavalues1 - 1 + k] = true;
    if (s->kind == 0)
        return true;
    if (s->op) {
        Oid op = operator_oid(s->op);
        if (!OidIsValid(op)) {
            ereport(WARNING, (errmsg("operator %s does not exist in the target; statistics of column %s of %s are not "
                                     "restored", s->op, column, label)));
            return false;
        }
        values[Anum_pg_statistic_staop1 - 1 + k] = ObjectIdGetDatum(op);
    }
    if (s->collation) {
        Oid coll = get_collation_oid(stringToQualifiedNameList(s->collation), true);
        if (!OidIsValid(coll)) {
            ereport(WARNING, (errmsg("collation %s does not exist in the target; statistics of column %s of %s are "
                                     "not restored", s->collation, column, label)));
            return false;
        }
        values[Anum_pg_statistic_stacoll1 - 1 + k] = ObjectIdGetDatum(coll);
    }
    int nnumbers = 0, nvalues = 0;
    Oid elemtype = InvalidOid;
    if (s->numbers) {
        ArrayType *a = read_array(s->numbers, FLOAT4OID, label, column, &nnumbers);
        if (a == NULL)
            return false;
        values[Anum_pg_statistic_stanumbers1 - 1 + k] = PointerGetDatum(a);
        nulls[Anum_pg_statistic_stanumbers1 - 1 + k] = false;
    }
    if (s->values) {
        int32 typmod;
        parseTypeString(s->values_type, &elemtype, &typmod, true);
        if (!OidIsValid(elemtype)) {
            ereport(WARNING, (errmsg("type %s does not exist in the target; statistics of column %s of %s are not "
                                     "restored", s->values_type, column, label)));
            return false;
        }
        ArrayType *a = read_array(s->values, elemtype, label, column, &nvalues);
        if (a == NULL)
            return false;
        values[Anum_pg_statistic_stavalues1 - 1 + k] = PointerGetDatum(a);
        nulls[Anum_pg_statistic_stavalues1 - 1 + k] = false;
    }
    if (!slot_shape_ok(s->kind, nnumbers, s->numbers != NULL, nvalues, s->values != NULL, elemtype, atttype)) {
        ereport(WARNING, (errmsg("statistics of kind %d of column %s of %s cannot be checked or do not have the "
                                 "shape of their kind; they are not restored", s->kind, column, label)));
        return false;
    }
    return true;
}

/* Inserts or replaces the pg_statistic row (relid, attnum, inherit), as ANALYZE's update_attstats does. */
void write_statistic(Oid relid, AttrNumber attnum, bool inherit, Datum *values, bool *nulls) {
    Relation sd = table_open(StatisticRelationId, RowExclusiveLock);
    bool replaces[Natts_pg_statistic];
    for (int i = 0; i < Natts_pg_statistic; i++)
        replaces[i] = true;
    HeapTuple old = SearchSysCache3(STATRELATTINH, ObjectIdGetDatum(relid), Int16GetDatum(attnum),
                                    BoolGetDatum(inherit));
    if (HeapTupleIsValid(old)) {
        HeapTuple tup = heap_modify_tuple(old, RelationGetDescr(sd), values, nulls, replaces);
        ReleaseSysCache(old);
        CatalogTupleUpdate(sd, &tup->t_self, tup);
        heap_freetuple(tup);
    } else {
        HeapTuple tup = heap_form_tuple(RelationGetDescr(sd), values, nulls);
        CatalogTupleInsert(sd, tup);
        heap_freetuple(tup);
    }
    table_close(sd, RowExclusiveLock);
}

} // namespace

Oid pd_stats_open_relation(const pd::StatsRelation *rec) {
    Oid nsp = get_namespace_oid(rec->schema, true);
    Oid relid = OidIsValid(nsp) ? get_relname_relid(rec->name, nsp) : InvalidOid;
    if (!OidIsValid(relid))
        return InvalidOid;
    const char *label = quote_qualified_identifier(rec->schema, rec->name);
    LockRelationOid(relid, ShareUpdateExclusiveLock); /* as ANALYZE: no two write one relation's statistics */
    HeapTuple tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
    if (!HeapTupleIsValid(tup)) {
        UnlockRelationOid(relid, ShareUpdateExclusiveLock);
        return InvalidOid;
    }
    Form_pg_class form = (Form_pg_class) GETSTRUCT(tup);
    char relkind = form->relkind;
    bool shared = form->relisshared;
    ReleaseSysCache(tup);
    if (relkind != rec->relkind) {
        ereport(WARNING, (errmsg("%s is not of the kind it was in the archive; its statistics are not restored", label)));
        return InvalidOid;
    }
    /* PostgreSQL 15's rule for ANALYZE (vacuum_is_relation_owner) */
    if (!(pg_class_ownercheck(relid, GetUserId()) || (pg_database_ownercheck(MyDatabaseId, GetUserId()) && !shared))) {
        ereport(WARNING, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                          errmsg("permission denied to restore the statistics of %s", label),
                          errdetail("Only the owner of the table or of the database may analyze it.")));
        return InvalidOid;
    }
    return relid;
}

bool pd_stats_apply_column(Oid relid, const char *label, const pd::StatsColumn *rec) {
    AttrNumber attnum = get_attnum(relid, rec->column);
    if (attnum == InvalidAttrNumber || attnum < 0) {
        ereport(WARNING, (errmsg("column %s of %s does not exist in the target; its statistics are not restored",
                                 quote_identifier(rec->column), label)));
        return false;
    }
    Oid atttype, attcoll;
    int32 atttypmod;
    get_atttypetypmodcoll(relid, attnum, &atttype, &atttypmod, &attcoll);
    char *type = format_type_with_typemod(atttype, atttypmod);
    if (strcmp(type, rec->type) != 0) {
        ereport(WARNING, (errmsg("column %s of %s has type %s in the target but %s in the archive; its statistics "
                                 "are not restored", quote_identifier(rec->column), label, type, rec->type)));
        return false;
    }
    Datum values[Natts_pg_statistic];
    bool nulls[Natts_pg_statistic];
    memset(nulls, 0, sizeof nulls);
    values[Anum_pg_statistic_starelid - 1] = ObjectIdGetDatum(relid);
    values[Anum_pg_statistic_staattnum - 1] = Int16GetDatum(attnum);
    values[Anum_pg_statistic_stainherit - 1] = BoolGetDatum(rec->inherit);
    values[Anum_pg_statistic_stanullfrac - 1] = Float4GetDatum(rec->nullfrac);
    values[Anum_pg_statistic_stawidth - 1] = Int32GetDatum(rec->width);
    values[Anum_pg_statistic_stadistinct - 1] = Float4GetDatum(rec->distinct);
    const char *column = quote_identifier(rec->column);
    for (int k = 0; k < pd::kStatsSlots; k++)
        if (!slot_datums(&rec->slots[k], k, atttype, label, column, values, nulls))
            return false;
    write_statistic(relid, attnum, rec->inherit, values, nulls);
    return true;
}

void pd_stats_apply_relation(Oid relid, const pd::StatsRelation *rec) {
    Relation pgc = table_open(RelationRelationId, RowExclusiveLock);
    HeapTuple tup = SearchSysCacheCopy1(RELOID, ObjectIdGetDatum(relid));
    if (!HeapTupleIsValid(tup))
        elog(ERROR, "cache lookup failed for relation %u", relid);
    Form_pg_class form = (Form_pg_class) GETSTRUCT(tup);
    form->relpages = rec->relpages;
    form->reltuples = rec->reltuples;
    form->relallvisible = rec->relallvisible;
    /* transactional, unlike vac_update_relstats's in-place update: it commits or rolls back with the rest */
    CatalogTupleUpdate(pgc, &tup->t_self, tup);
    heap_freetuple(tup);
    table_close(pgc, RowExclusiveLock);
    CacheInvalidateRelcacheByRelid(relid);
}
