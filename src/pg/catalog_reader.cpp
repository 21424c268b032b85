#include "catalog_reader.h"

#include "../pure/catalog_rows.h"
#include "../pure/dump_order.h"
#include "catalog/pg_database.h"
#include "catalog_queries.h"
#include "cpu_time.h"
#include "cxx_guard.h"
#include "memory_report.h"
#include "sequence_value.h"

extern "C" {
#include "utils/inval.h"
}

namespace {

/* The selection every catalog query takes as $1..$6 (see src/catalog/README.md). */
const PdSelection *selection = NULL;
/* The query being read, for messages. */
const char *current_query = "";

Oid selection_types[PD_SELECTION_PARAMS] = {OIDARRAYOID, OIDARRAYOID, BOOLOID, OIDARRAYOID, OIDARRAYOID, BOOLOID};

/* The selection's NULL flags, as SPI takes them. */
void selection_nulls(char *nulls) {
    for (int i = 0; i < PD_SELECTION_PARAMS; i++)
        nulls[i] = selection->isnull[i] ? 'n' : ' ';
}

/*
 * The catalog is read without JIT: over a few thousand catalog rows a
 * query's cost estimate passes jit_above_cost, and compiling the plan of the
 * tables query then took 18 s of a 300-table dump whose queries all run in
 * 2 s without it.  And with work_mem 1MB and hash_mem_multiplier 1, so that
 * the executor memory of a query does not grow with the database: hash
 * joins, sorts and Memoize spill or evict past 1 MB (at 20,000 tables the
 * defaults let defaults.sql build an 11.7 MB hash, table_data.sql 6.7 MB).
 * The queries test membership with correlated [NOT] EXISTS (an anti or semi
 * join, or an index probe per row), not with a NOT IN over pg_depend that
 * the planner hashes only below work_mem (src/catalog/README.md).  For the
 * whole read, as the SQL functions the queries call plan their own
 * statements as they run.  Returns the GUC nest level to close with
 * AtEOXact_GUC (an error's abort closes it too).
 */
int read_catalog_settings() {
    int level = NewGUCNestLevel();
    (void) set_config_option("jit", "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
    (void) set_config_option("work_mem", "1MB", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
    (void) set_config_option("hash_mem_multiplier", "1", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0,
                             false);
    return level;
}

/* Runs a query whose whole (small) result SPI_tuptable then holds. */
void run_query(const pd_sql::CatalogQuery &query) {
    char nulls[PD_SELECTION_PARAMS];
    selection_nulls(nulls);
    current_query = query.name;
    /* the peak is reached while the previous query's rows are still held */
    pd_memory_sample();
    int rc = SPI_execute_with_args(query.sql, PD_SELECTION_PARAMS, selection_types, (Datum *) selection->values,
                                   nulls, true, 0);
    if (rc != SPI_OK_SELECT)
        elog(ERROR, "parallel_dump catalog query %s failed: %s", query.name, SPI_result_code_string(rc));
}

/*
 * The numbers of the named columns of a result (looked up once per
 * query; rows are then read by number).  A name the query lacks is 0 when
 * optional, else an error naming the query.
 */
void find_columns(TupleDesc desc, const char *const *names, int n, int *nums, bool optional = false) {
    for (int i = 0; i < n; i++) {
        nums[i] = SPI_fnumber(desc, names[i]);
        if (nums[i] <= 0) {
            if (!optional)
                elog(ERROR, "parallel_dump catalog query %s returns no column \"%s\"", current_query, names[i]);
            nums[i] = 0;
        }
    }
}

/*
 * The rows of a catalog query, read through a cursor kBatchRows at a time,
 * so that SPI holds one batch whatever the size of the database; what a
 * row's cells allocate lives in a context reset at every row.  A value that
 * must outlive its row is copied into outer (SPI's procedure context).
 */
const long kBatchRows = 1000;
struct Rows {
    Portal portal;
    SPITupleTable *table; /* the current batch */
    uint64 count;         /* rows in it */
    uint64 next;          /* the next row of it to hand out */
    uint64 row;           /* the row handed out last */
    uint64 total;         /* rows handed out so far */
    TimestampTz start;
    double cpu_start; /* pd_cpu_seconds() when the query began */
    MemoryContext rowcxt;
    MemoryContext outer;
};

void fetch_batch(Rows *rows) {
    if (rows->table != NULL)
        SPI_freetuptable(rows->table);
    SPI_cursor_fetch(rows->portal, true, kBatchRows);
    rows->table = SPI_tuptable;
    rows->count = SPI_processed;
    rows->next = 0;
}

/* Opens query's cursor, reads its first batch and finds its columns names[0..n-1]. */
void open_rows(Rows *rows, const pd_sql::CatalogQuery &query, const char *const *names, int n, int *nums) {
    char nulls[PD_SELECTION_PARAMS];
    selection_nulls(nulls);
    current_query = query.name;
    pd_memory_sample();
    memset(rows, 0, sizeof *rows);
    rows->start = GetCurrentTimestamp();
    rows->cpu_start = pd_cpu_seconds();
    rows->outer = CurrentMemoryContext;
    rows->portal = SPI_cursor_open_with_args(NULL, query.sql, PD_SELECTION_PARAMS, selection_types,
                                             (Datum *) selection->values, nulls, true, CURSOR_OPT_NO_SCROLL);
    rows->rowcxt = AllocSetContextCreate(rows->outer, "pd_dump catalog row", ALLOCSET_SMALL_SIZES);
    fetch_batch(rows);
    if (rows->table == NULL)
        elog(ERROR, "parallel_dump catalog query %s returned no rows", query.name);
    find_columns(rows->table->tupdesc, names, n, nums);
}

/*
 * Moves to the next row (rows->row of rows->table), with the row's context
 * current; false (and the cursor closed, outer current) after the last.
 */
bool next_row(Rows *rows) {
    MemoryContextSwitchTo(rows->outer);
    MemoryContextReset(rows->rowcxt);
    if (rows->next >= rows->count && rows->count > 0) {
        pd_memory_sample();
        /*
         * The functions a catalog query calls per row (pg_get_indexdef,
         * pg_relation_size, ...) leave catalog and relation cache entries
         * of some kB per object behind: empty the caches between batches, as
         * every backend does when its invalidation queue overflows.
         */
        InvalidateSystemCaches();
        fetch_batch(rows);
    }
    if (rows->next >= rows->count) {
        /* with client_min_messages = debug2: where the catalog phase's time goes */
        ereport(DEBUG2, (errmsg_internal("pd_dump catalog query %s: " UINT64_FORMAT " rows, %.3f s, CPU %.3f s",
                                         current_query, rows->total,
                                         (double) TimestampDifferenceMilliseconds(rows->start,
                                                                                  GetCurrentTimestamp()) /
                                             1000.0,
                                         pd_cpu_seconds() - rows->cpu_start)));
        SPI_freetuptable(rows->table);
        SPI_cursor_close(rows->portal);
        MemoryContextDelete(rows->rowcxt);
        MemoryContextSwitchTo(rows->outer);
        memset(rows, 0, sizeof *rows);
        return false;
    }
    rows->row = rows->next++;
    rows->total++;
    MemoryContextSwitchTo(rows->rowcxt);
    return true;
}

/*
 * Column number col of row r of a result.  A needed column is one the query
 * always fills: NULL there means the catalog changed under us.
 */
char *cell(SPITupleTable *t, uint64 r, int col, bool needed) {
    char *v = col > 0 ? SPI_getvalue(t->vals[r], t->tupdesc, col) : NULL;
    if (v == NULL && needed)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("the catalog changed while pd_dump read it"),
                        errdetail("Column \"%s\" of catalog query %s was unexpectedly NULL.",
                                  col > 0 ? NameStr(TupleDescAttr(t->tupdesc, col - 1)->attname) : "?",
                                  current_query)));
    return v;
}

/* The values of the current row in the columns nums[0..n-1]; only the
 * columns in nullable (a bit per position) may be NULL. */
#define NULLABLE(pos) (1u << (pos))
void fetch_row(const Rows &rows, const int *nums, int n, char **v, unsigned nullable) {
    for (int i = 0; i < n; i++)
        v[i] = cell(rows.table, rows.row, nums[i], (nullable & NULLABLE(i)) == 0);
}

pd::OptString opt(const char *v) { return v ? pd::OptString(v) : pd::OptString(); }

uint32_t oid_value(const char *v) { return v ? (uint32_t) strtoul(v, NULL, 10) : 0; }

/* The named column of the one row a query returns. */
char *single_value(const pd_sql::CatalogQuery &query, const char *name) {
    int num;
    run_query(query);
    find_columns(SPI_tuptable->tupdesc, &name, 1, &num);
    if (SPI_processed != 1)
        elog(ERROR, "parallel_dump catalog query %s returned " UINT64_FORMAT " rows instead of one", query.name,
             SPI_processed);
    return cell(SPI_tuptable, 0, num, true);
}

/* The columns of an object row (src/catalog/README.md); the optional ones (stand_in,
 * acl_base, sort_name, sort_ties) only some queries have. */
const char *const kObjectColumns[] = {"classid",   "objid",          "kind",        "tag",     "schema",
                                      "owner",     "defn",           "drop_stmt",   "tablespace", "tableam",
                                      "comment_target", "comment_tag", "comment",   "acl_kind", "acl_name",
                                      "acl_tag",   "acl",            "stand_in",    "acl_base",
                                      "sort_name", "sort_ties"};
const int kObjectColumnCount = lengthof(kObjectColumns);
const int kOptionalObjectColumns = 4;

/*
 * ALTER ... DEPENDS ON EXTENSION statements (depends_on_extension.sql), read
 * before the objects: each is appended to its object's own definition, as
 * pg_dump's append_depends_on_extension does.  Sorted by (classid, objid).
 */
struct ExtensionDependency {
    uint32_t classid;
    uint32_t objid;
    const char *stmt;
};
ExtensionDependency *extension_dependencies = NULL;
uint64 extension_dependency_count = 0;

void read_depends_on_extension() {
    static const char *const cols[] = {"classid", "objid", "stmt"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::depends_on_extension, cols, lengthof(cols), nums);
    /* kept to the end of the catalog reading, in SPI's procedure context */
    MemoryContext keep = rows.outer;
    uint64 size = 16;
    extension_dependency_count = 0;
    extension_dependencies = (ExtensionDependency *) MemoryContextAlloc(keep, sizeof(ExtensionDependency) * size);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, 0);
        if (extension_dependency_count == size) {
            size *= 2;
            extension_dependencies =
                (ExtensionDependency *) repalloc(extension_dependencies, sizeof(ExtensionDependency) * size);
        }
        extension_dependencies[extension_dependency_count++] = {oid_value(v[0]), oid_value(v[1]),
                                                                MemoryContextStrdup(keep, v[2])};
    }
}

/* The statements to append to an object's definition, or NULL (binary search; raises no error). */
const char *depends_on_extension_of(uint32_t classid, uint32_t objid) {
    uint64 lo = 0, hi = extension_dependency_count;
    while (lo < hi) {
        uint64 mid = lo + (hi - lo) / 2;
        const ExtensionDependency &d = extension_dependencies[mid];
        if (d.classid == classid && d.objid == objid)
            return d.stmt;
        if (d.classid < classid || (d.classid == classid && d.objid < objid))
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The columns large_objects.sql adds to its object rows: its large objects' security labels. */
const char *const kLabelColumns[] = {"labels", "label_tag"};

/* Where an object-row query's columns are; large_objects: it is large_objects.sql. */
struct ObjectColumns {
    int nums[kObjectColumnCount];
    int label_nums[lengthof(kLabelColumns)];
    bool large_objects;
};

/* Opens an object-row query and finds its columns. */
void open_objects(Rows *rows, const pd_sql::CatalogQuery &query, ObjectColumns *cols, bool large_objects) {
    const int required = kObjectColumnCount - kOptionalObjectColumns;
    open_rows(rows, query, kObjectColumns, required, cols->nums);
    find_columns(rows->table->tupdesc, &kObjectColumns[required], kOptionalObjectColumns, &cols->nums[required],
                 true);
    cols->large_objects = large_objects;
    if (large_objects)
        find_columns(rows->table->tupdesc, kLabelColumns, lengthof(kLabelColumns), cols->label_nums);
}

/*
 * Adds the object of the current row (in the row's context); adjust (if any)
 * changes it before it is added.  A large object's row (large_objects.sql)
 * brings its security labels, and large objects are added in their order.
 */
void add_object_row(pd::DumpPlan *plan, const Rows &rows, const ObjectColumns &cols,
                    void (*adjust)(pd::DumpObject *)) {
    char *v[kObjectColumnCount];
    char *labels[lengthof(kLabelColumns)] = {NULL, NULL};
    fetch_row(rows, cols.nums, kObjectColumnCount, v, ~(NULLABLE(2) | NULLABLE(3)));
    if (cols.large_objects)
        fetch_row(rows, cols.label_nums, lengthof(kLabelColumns), labels, NULLABLE(0));
    pd::cxx_call([&] {
        pd::CatalogRow row;
        row.classid = oid_value(v[0]);
        row.objid = oid_value(v[1]);
        row.desc = v[2];
        row.tag = v[3];
        row.nspace = opt(v[4]);
        row.owner = opt(v[5]);
        row.defn = opt(v[6]);
        row.drop_stmt = opt(v[7]);
        row.tablespace = opt(v[8]);
        row.tableam = opt(v[9]);
        row.comment_target = opt(v[10]);
        row.comment_tag = opt(v[11]);
        row.comment = opt(v[12]);
        row.acl_kind = opt(v[13]);
        row.acl_name = opt(v[14]);
        row.acl_tag = opt(v[15]);
        row.acl = opt(v[16]);
        row.stand_in = opt(v[17]);
        row.acl_base = opt(v[18]);
        if (const char *ext = depends_on_extension_of(row.classid, row.objid))
            if (row.defn)
                *row.defn += ext;
        pd::DumpObject obj = pd::object_from_row(row);
        /* what pg_dump sorts the object by, where the tag is not its name (dump_order.h) */
        if (v[19])
            obj.sort_name = v[19];
        if (v[20])
            obj.sort_ties = pd::parse_text_array(v[20]);
        if (adjust)
            adjust(&obj);
        /* pg_dump gives a user mapping's entry no catalog id (0 0) */
        if (row.desc == "USER MAPPING")
            obj.entries[0].tableoid = obj.entries[0].oid = "0";
        if (!cols.large_objects) {
            plan->add_object(std::move(obj));
            return;
        }
        /* one entry with every provider's label, as pg_dump's dumpSecLabel */
        if (labels[0])
            obj.entries.push_back(pd::security_label_entry(labels[0], labels[1], {}, obj.entries[0].owner));
        plan->add_large_object(std::move(obj));
    });
}

/* Adds the objects of an object-row query; adjust (if any) changes each before it is added. */
void read_objects(pd::DumpPlan *plan, const pd_sql::CatalogQuery &query, void (*adjust)(pd::DumpObject *) = NULL) {
    ObjectColumns cols;
    Rows rows;
    open_objects(&rows, query, &cols, false);
    while (next_row(&rows))
        add_object_row(plan, rows, cols, adjust);
}

/*
 * The large objects, in pg_dump's order (by the oid as text, as strcmp)
 * without sorting them (a sort of a million rows held work_mem, then
 * spilled): the oids of one number of digits sort as text as they sort as
 * numbers, so large_objects.sql is read once per number of digits the
 * oids have (large_object_digits.sql: mostly one or two), each in oid order
 * (its index: no sort either, enable_sort is off for it), and the cursors
 * are merged.  An oid of d digits sorts as text where
 * oid * 10^(10 - d) sorts, after the shorter ones with that value.
 */
const int kOidDigits = 10;

uint64 text_order_key(Oid oid, int digits) {
    uint64 key = oid;
    for (int d = digits; d < kOidDigits; d++)
        key *= 10;
    return key;
}

void read_large_objects(pd::DumpPlan *plan) {
    int level = NewGUCNestLevel();
    (void) set_config_option("enable_sort", "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
    /* the query without its final semicolon, as a subquery */
    const char *sql = pd_sql::large_objects.sql;
    const char *semicolon = strrchr(sql, ';');
    int body = semicolon ? (int) (semicolon - sql) : (int) strlen(sql);
    /* a cursor for each number of digits there are large objects of */
    int digits[kOidDigits];
    int ndigits = 0;
    run_query(pd_sql::large_object_digits);
    {
        int num;
        static const char *const name = "digits";
        find_columns(SPI_tuptable->tupdesc, &name, 1, &num);
        for (uint64 r = 0; r < SPI_processed && ndigits < kOidDigits; r++)
            digits[ndigits++] = (int) strtol(cell(SPI_tuptable, r, num, true), NULL, 10);
        SPI_freetuptable(SPI_tuptable);
    }
    Rows streams[kOidDigits];
    ObjectColumns cols[kOidDigits];
    bool live[kOidDigits];
    uint64 key[kOidDigits];
    /* each cursor's contexts beside the others' (next_row leaves its row's context current) */
    MemoryContext outer = CurrentMemoryContext;
    for (int d = 0; d < ndigits; d++) {
        MemoryContextSwitchTo(outer);
        if (digits[d] < 1 || digits[d] > kOidDigits || (d > 0 && digits[d] <= digits[d - 1]))
            elog(ERROR, "parallel_dump catalog query large_object_digits returned %d digits", digits[d]);
        uint64 low = 1;
        for (int i = 1; i < digits[d]; i++)
            low *= 10;
        uint64 high = Min(low * 10 - 1, (uint64) PG_UINT32_MAX);
        pd_sql::CatalogQuery query = {pd_sql::large_objects.name,
                                      psprintf("SELECT * FROM (\n%.*s\n) lo WHERE lo.objid BETWEEN %llu AND %llu "
                                               "ORDER BY lo.objid",
                                               body, sql, (unsigned long long) low, (unsigned long long) high)};
        open_objects(&streams[d], query, &cols[d], true);
        live[d] = next_row(&streams[d]);
    }
    for (;;) {
        int next = -1;
        for (int d = 0; d < ndigits; d++) {
            if (!live[d])
                continue;
            bool isnull;
            Oid oid = DatumGetObjectId(SPI_getbinval(streams[d].table->vals[streams[d].row],
                                                     streams[d].table->tupdesc, cols[d].nums[1], &isnull));
            key[d] = text_order_key(oid, digits[d]);
            /* equal keys: the fewer digits first (d ascending) */
            if (next < 0 || key[d] < key[next])
                next = d;
        }
        if (next < 0)
            break;
        MemoryContextSwitchTo(streams[next].rowcxt);
        add_object_row(plan, streams[next], cols[next], NULL);
        live[next] = next_row(&streams[next]);
    }
    MemoryContextSwitchTo(outer);
    AtEOXact_GUC(true, level);
}

void read_subscriptions(pd::DumpPlan *plan) {
    if (superuser()) {
        read_objects(plan, pd_sql::subscriptions);
        return;
    }
    if (strcmp(single_value(pd_sql::subscription_count, "subscriptions"), "0") != 0)
        ereport(WARNING, (errmsg("subscriptions not dumped because current user is not a superuser")));
}

/* Objects only sorted, not dumped (sort_only.sql, dump_plan.h's DumpObject::sort_only); read after the dumped ones. */
void read_sort_only(pd::DumpPlan *plan) {
    static const char *const cols[] = {"classid", "objid", "kind", "schema", "sort_name", "sort_ties"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::sort_only, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(3) | NULLABLE(5));
        pd::cxx_call([&] {
            pd::DumpObject obj;
            obj.key = pd::make_key(oid_value(v[0]), oid_value(v[1]));
            if (plan->is_dumped(obj.key)) /* dumped after all (a sequence of a selected table) */
                return;
            obj.priority = pd::priority_for_desc(v[2]);
            obj.sort_schema = v[3] ? v[3] : "";
            obj.sort_name = v[4];
            if (v[5])
                obj.sort_ties = pd::parse_text_array(v[5]);
            obj.sort_only = true;
            pd::TocEntry e;
            e.desc = v[2];
            e.tag = v[4];
            e.section = pd::section_for_desc(v[2]);
            obj.entries.push_back(e);
            plan->add_object(std::move(obj));
        });
    }
}

/* The three entries pg_restore reads as settings rather than running. */
void add_specials(pd::DumpPlan *plan) {
    const char *encoding = GetDatabaseEncodingName();
    pd::cxx_call([&] {
        const char *tags[] = {"ENCODING", "STDSTRINGS", "SEARCHPATH"};
        std::string defs[] = {std::string("SET client_encoding = '") + encoding + "';\n",
                              "SET standard_conforming_strings = 'on';\n",
                              "SELECT pg_catalog.set_config('search_path', '', false);\n"};
        for (int i = 0; i < 3; i++) {
            pd::DumpObject obj;
            obj.key = pd::make_key(pd::PSEUDO_SPECIAL, (uint32_t) i + 1);
            obj.priority = pd::PRIO_SPECIAL;
            obj.sort_name = std::string(1, (char) ('0' + i));
            pd::TocEntry e;
            e.tag = tags[i];
            e.desc = tags[i];
            e.section = pd::SECTION_PRE_DATA;
            e.defn = defs[i];
            obj.entries.push_back(e);
            plan->add_object(std::move(obj));
        }
    });
}

/* Schemas; public, made by initdb, has no entry of its own unless its owner changed (schemas.sql). */
void read_schemas(pd::DumpPlan *plan) {
    read_objects(plan, pd_sql::schemas, [](pd::DumpObject *obj) { obj->own_entry_omitted = !obj->entries[0].defn; });
}

/* Extensions have no owner; pg_dump gives their comments an empty one. */
void read_extensions(pd::DumpPlan *plan) {
    read_objects(plan, pd_sql::extensions, [](pd::DumpObject *obj) {
        for (size_t k = 1; k < obj->entries.size(); k++)
            if (obj->entries[k].desc == "COMMENT")
                obj->entries[k].owner = std::string();
    });
}

/*
 * The DATABASE entry (with its comment and privileges) and the DATABASE
 * PROPERTIES entry, right after the three settings entries, as pg_dump's
 * dumpDatabase writes them before any object.  pg_restore runs them only
 * with --create; pd_restore never does.
 */
void read_database(pd::DumpPlan *plan) {
    read_objects(plan, pd_sql::database, [](pd::DumpObject *obj) {
        obj->priority = pd::PRIO_SPECIAL;
        obj->sort_name = "3";
    });
    static const char *const cols[] = {"tag", "owner", "defn", "drop_stmt"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::database_properties, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(1));
        pd::cxx_call([&] {
            pd::DumpObject obj;
            obj.key = pd::make_key(pd::PSEUDO_DATABASE_PROPERTIES, MyDatabaseId);
            obj.priority = pd::PRIO_SPECIAL;
            obj.sort_name = "4";
            pd::TocEntry e;
            e.tag = v[0];
            e.desc = "DATABASE PROPERTIES";
            e.section = pd::SECTION_PRE_DATA;
            e.owner = opt(v[1]);
            e.defn = std::string(v[2]);
            e.drop_stmt = std::string(v[3]);
            obj.entries.push_back(e);
            plan->add_dependency(obj.key, pd::make_key(DatabaseRelationId, MyDatabaseId));
            plan->add_object(std::move(obj));
        });
    }
}

/* An object of its own kind, attached to the object it belongs to. */
void add_simple(pd::DumpPlan *plan, uint32_t pseudo, uint32_t objid, const char *desc, const char *tag,
                const char *nspace, const char *owner, const char *defn, uint32_t depends_on_class,
                uint32_t depends_on) {
    pd::cxx_call([&] {
        pd::DumpObject obj;
        obj.key = pd::make_key(pseudo, objid);
        obj.priority = pd::priority_for_desc(desc);
        obj.sort_schema = nspace;
        obj.sort_name = tag;
        pd::TocEntry e;
        /* pg_dump's catalog ids: 0 <relation> for a refresh (the table data's) and row security, else 0 0 */
        if (pseudo == pd::PSEUDO_MATVIEW_DATA || pseudo == pd::PSEUDO_ROW_SECURITY)
            e.oid = std::to_string(objid);
        e.tag = tag;
        e.desc = desc;
        e.section = pd::section_for_desc(desc);
        e.nspace = opt(nspace);
        e.owner = opt(owner);
        e.defn = defn;
        obj.entries.push_back(e);
        if (pseudo == pd::PSEUDO_MATVIEW_DATA)
            obj.refreshes = pd::make_key(depends_on_class, depends_on);
        plan->add_dependency(obj.key, pd::make_key(depends_on_class, depends_on));
        plan->add_object(std::move(obj));
    });
}

/*
 * TABLE DATA items.  A configuration table of an extension is read through
 * its filter condition when it has one; its data entry then depends on
 * nothing, so that pg_restore -j does not TRUNCATE the rows CREATE EXTENSION
 * put there.
 */
void read_table_data_query(pd::DumpPlan *plan, const pd_sql::CatalogQuery &query, bool config_tables) {
    static const char *const cols[] = {"relid", "schema", "tag", "owner", "copy_stmt", "columns", "size", "label",
                                       "defn", "filter"};
    const int n = config_tables ? 10 : 9;
    int nums[10];
    Rows rows;
    open_rows(&rows, query, cols, n, nums);
    while (next_row(&rows)) {
        char *v[10];
        fetch_row(rows, nums, n, v, NULLABLE(3) | NULLABLE(8));
        bool filtered = config_tables && v[9][0] != '\0';
        pd::cxx_call([&] {
            pd::DumpObject obj;
            uint32_t relid = oid_value(v[0]);
            obj.key = pd::make_key(pd::PSEUDO_TABLE_DATA, relid);
            obj.priority = pd::PRIO_TABLE_DATA;
            obj.sort_schema = v[1];
            obj.sort_name = v[2];
            obj.is_table_data = true;
            obj.data.kind = filtered ? pd::DATA_FILTERED : pd::DATA_TABLE;
            obj.data.relid = relid;
            obj.data.ncols = atoi(v[5]);
            obj.data.size_bytes = strtoll(v[6], NULL, 10);
            obj.data.label = v[7];
            pd::TocEntry e;
            e.oid = v[0]; /* pg_dump's catalog id of table data: 0 <table oid> */
            e.tag = v[2];
            e.desc = "TABLE DATA";
            e.section = pd::SECTION_DATA;
            e.had_dumper = true;
            e.nspace = std::string(v[1]);
            e.owner = opt(v[3]);
            e.copy_stmt = std::string(v[4]);
            e.defn = opt(v[8]); /* "-- load via partition root ...", as pg_dump writes it */
            obj.entries.push_back(e);
            if (!filtered)
                plan->add_dependency(obj.key, pd::make_key(RelationRelationId, relid));
            plan->add_object(std::move(obj));
        });
    }
}

void read_table_data(pd::DumpPlan *plan) {
    read_table_data_query(plan, pd_sql::table_data, false);
    read_table_data_query(plan, pd_sql::extension_config_data, true);
}

/* One BLOBS entry carries the contents of every large object. */
void add_blobs(pd::DumpPlan *plan) {
    int64 count = strtoll(single_value(pd_sql::large_object_count, "large_objects"), NULL, 10);
    if (count == 0)
        return;
    pd::cxx_call([&] {
        pd::DumpObject obj;
        obj.key = pd::make_key(pd::PSEUDO_BLOBS, 0);
        obj.priority = pd::PRIO_BLOB_DATA;
        obj.is_table_data = true;
        obj.data.kind = pd::DATA_BLOBS;
        obj.data.size_bytes = count * 1024; /* as pg_restore estimates it */
        obj.data.label = "large objects";
        pd::TocEntry e;
        e.tag = "BLOBS";
        e.desc = "BLOBS";
        e.section = pd::SECTION_DATA;
        e.had_dumper = true;
        obj.entries.push_back(e);
        plan->add_object(std::move(obj));
    });
}

void read_sequence_values(pd::DumpPlan *plan) {
    static const char *const cols[] = {"relid", "schema", "tag", "owner", "qualified", "config", "selected"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::sequence_values, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(3));
        char *oid = v[0], *nspname = v[1], *relname = v[2], *owner = v[3], *qualified = v[4];
        bool config = strcmp(v[5], "t") == 0;
        bool dumped = strcmp(v[6], "t") == 0; /* an extension's, selected */
        /* else: its own SEQUENCE entry, or the table of an identity column */
        if (!config)
            pd::cxx_call([&] { dumped = plan->is_dumped(pd::make_key(RelationRelationId, oid_value(oid))); });
        if (!dumped)
            continue;
        /* sequences are not MVCC: read the current state, as pg_dump does (keeping no lock) */
        int64 last_value;
        bool called;
        pd_read_sequence(oid_value(oid), qualified, &last_value, &called);
        char *last = psprintf(INT64_FORMAT, last_value);
        char *defn = psprintf("SELECT pg_catalog.setval(%s, %s, %s);\n", quote_literal_cstr(qualified), last,
                              called ? "true" : "false");
        add_simple(plan, pd::PSEUDO_SEQUENCE_SET, oid_value(oid), "SEQUENCE SET", relname, nspname, owner, defn,
                   RelationRelationId, oid_value(oid));
    }
}

void read_owned_by(pd::DumpPlan *plan) {
    static const char *const cols[] = {"relid", "schema", "tag", "owner", "defn", "table_oid"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::sequence_owned_by, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(3));
        uint32_t seq = oid_value(v[0]);
        uint32_t table = oid_value(v[5]);
        bool both = false;
        pd::cxx_call([&] {
            both = plan->is_dumped(pd::make_key(RelationRelationId, seq)) &&
                   plan->is_dumped(pd::make_key(RelationRelationId, table));
        });
        if (!both)
            continue;
        /* dumpSequence writes it right after the sequence (which follows the table: pg_depend 'a') */
        pd::cxx_call([&] {
            pd::TocEntry e;
            e.tag = v[2];
            e.desc = "SEQUENCE OWNED BY";
            e.section = pd::section_for_desc(e.desc);
            e.nspace = opt(v[1]);
            e.owner = opt(v[3]);
            e.defn = std::string(v[4]);
            plan->add_trailing_entry(pd::make_key(RelationRelationId, seq), std::move(e));
        });
    }
}

/* A partition (or its index) joins its parent once both exist. */
void read_attach(pd::DumpPlan *plan, const pd_sql::CatalogQuery &query, uint32_t pseudo, const char *desc) {
    static const char *const cols[] = {"child", "parent", "schema", "tag", "owner", "defn", "child_table", "parent_table"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, query, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(4));
        uint32_t child = oid_value(v[0]);
        uint32_t parent = oid_value(v[1]);
        uint32_t child_table = oid_value(v[6]), parent_table = oid_value(v[7]);
        add_simple(plan, pseudo, child, desc, v[3], v[2], v[4], v[5], RelationRelationId, child);
        pd::cxx_call([&] {
            pd::ObjKey key = pd::make_key(pseudo, child);
            plan->add_dependency(key, pd::make_key(RelationRelationId, parent));
            if (child_table != child)
                plan->add_dependency(key, pd::make_key(RelationRelationId, child_table));
            if (parent_table != parent)
                plan->add_dependency(key, pd::make_key(RelationRelationId, parent_table));
        });
    }
}

void read_foreign_key_attach_deps(pd::DumpPlan *plan) {
    static const char *const cols[] = {"constraint_oid", "index_oid"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::foreign_key_attach_deps, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, 0);
        uint32_t fk = oid_value(v[0]);
        uint32_t index = oid_value(v[1]);
        pd::cxx_call([&] {
            plan->add_dependency(pd::make_key(ConstraintRelationId, fk), pd::make_key(pd::PSEUDO_INDEX_ATTACH, index));
        });
    }
}

void read_row_security(pd::DumpPlan *plan) {
    static const char *const cols[] = {"relid", "tag", "schema", "owner", "defn"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::row_security, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(3));
        uint32_t relid = oid_value(v[0]);
        add_simple(plan, pd::PSEUDO_ROW_SECURITY, relid, "ROW SECURITY", v[1], v[2], v[3], v[4], RelationRelationId,
                   relid);
    }
}

void read_default_acls(pd::DumpPlan *plan) {
    static const char *const cols[] = {"oid", "role", "schema", "objects", "acl"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::default_acls, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(2));
        uint32_t oid = oid_value(v[0]);
        pd::cxx_call([&] {
            pd::DumpObject obj;
            obj.key = pd::make_key(DefaultAclRelationId, oid);
            obj.priority = pd::PRIO_DEFAULT_ACL;
            obj.sort_schema = v[2] ? v[2] : "";
            /* getDefaultACLs: named by defaclobjtype, told apart by the role */
            static const char *const objtypes[][2] = {
                {"TABLES", "r"}, {"SEQUENCES", "S"}, {"FUNCTIONS", "f"}, {"TYPES", "T"}, {"SCHEMAS", "n"}};
            for (const auto &t : objtypes)
                if (strcmp(v[3], t[0]) == 0)
                    obj.sort_name = t[1];
            obj.sort_ties = {v[1]};
            pd::TocEntry e = pd::default_acl_entry(v[1], opt(v[2]), v[3], v[4]);
            e.tableoid = std::to_string(DefaultAclRelationId);
            e.oid = std::to_string(oid);
            obj.entries.push_back(e);
            plan->add_object(std::move(obj));
        });
    }
}

/*
 * A data-only archive has no constraints to run after the data, so, like
 * pg_dump, load referenced tables before the tables that refer to them
 * (in the order only: a TABLE DATA entry lists its table alone).
 */
void read_data_order(pd::DumpPlan *plan) {
    bool data_only = false;
    pd::cxx_call([&] { data_only = plan->output_options().data_only; });
    if (!data_only)
        return;
    static const char *const cols[] = {"referencing", "referenced"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::foreign_key_tables, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, 0);
        uint32_t from = oid_value(v[0]);
        uint32_t to = oid_value(v[1]);
        pd::cxx_call([&] {
            plan->add_order_dependency(pd::make_key(pd::PSEUDO_TABLE_DATA, from),
                                       pd::make_key(pd::PSEUDO_TABLE_DATA, to));
        });
    }
}

/*
 * A base type and its I/O functions need each other: the functions are
 * created against the shell type, the type after them (as pg_dump does).
 */
void read_base_type_functions(pd::DumpPlan *plan) {
    static const char *const cols[] = {"type_oid", "schema_oid", "function_oid"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::base_type_functions, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, 0);
        uint32_t type = oid_value(v[0]);
        uint32_t nsp = oid_value(v[1]);
        uint32_t fn = oid_value(v[2]);
        pd::cxx_call([&] {
            pd::ObjKey full = pd::make_key(TypeRelationId, type), shell = pd::make_key(pd::PSEUDO_SHELL_TYPE, type);
            plan->redirect_dependency(pd::make_key(ProcedureRelationId, fn), full, shell);
            plan->add_order_dependency(shell, pd::make_key(NamespaceRelationId, nsp));
            plan->add_dependency(full, pd::make_key(ProcedureRelationId, fn));
            plan->add_order_dependency(full, shell);
        });
    }
}

void read_matview_refresh(pd::DumpPlan *plan) {
    /* pg_dump -a refreshes no materialized view (the refresh is post-data) */
    bool data_only = false;
    pd::cxx_call([&] { data_only = plan->output_options().data_only; });
    if (data_only)
        return;
    static const char *const cols[] = {"relid", "schema", "tag", "owner", "defn"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::materialized_view_refresh, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(3));
        add_simple(plan, pd::PSEUDO_MATVIEW_DATA, oid_value(v[0]), "MATERIALIZED VIEW DATA", v[2], v[1], v[3], v[4],
                   RelationRelationId, oid_value(v[0]));
    }
}

void read_column_extras(pd::DumpPlan *plan) {
    static const char *const cols[] = {"relid", "schema",  "table_name", "owner",  "column_quoted",
                                       "tag",   "comment", "acl",        "relkind", "initprivs"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::column_extras, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(3) | NULLABLE(6) | NULLABLE(7) | NULLABLE(9));
        char *table = quote_qualified_identifier(v[1], v[2]);
        pd::cxx_call([&] {
            pd::ObjKey key = pd::make_key(RelationRelationId, oid_value(v[0]));
            const char *tag = v[5];
            if (v[6])
                plan->add_trailing_entry(key, pd::comment_entry(std::string("COLUMN ") + table + "." + v[4], tag,
                                                                 std::string(v[1]), opt(v[3]), v[6]));
            if ((v[7] || v[9]) && v[8][0] != 'c')
                plan->add_trailing_entry(key, pd::column_acl_entry(table, v[4], tag, std::string(v[1]),
                                                                   v[3] ? v[3] : "", v[7] ? v[7] : "", opt(v[9])));
        });
    }
}

void read_constraint_comments(pd::DumpPlan *plan) {
    static const char *const cols[] = {"classid", "objid", "target", "tag", "schema", "owner", "comment"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::constraint_comments, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(4) | NULLABLE(5));
        pd::cxx_call([&] {
            pd::ObjKey key = pd::make_key(oid_value(v[0]), oid_value(v[1]));
            pd::TocEntry comment = pd::comment_entry(v[2], v[3], opt(v[4]), opt(v[5]), v[6]);
            if (oid_value(v[0]) != ConstraintRelationId) {
                plan->add_trailing_entry(key, std::move(comment));
                return;
            }
            /* the index behind a constraint: pg_dump dumps the index object for its comment alone,
             * sorted among the indexes by its name, after the constraint */
            if (!plan->is_dumped(key))
                return;
            pd::DumpObject obj;
            obj.key = pd::make_key(pd::PSEUDO_INDEX_COMMENT, oid_value(v[1]));
            obj.priority = pd::PRIO_INDEX;
            obj.sort_schema = v[4] ? v[4] : "";
            obj.sort_name = comment.tag.substr(strlen("INDEX "));
            obj.entries.push_back(std::move(comment));
            plan->add_dependency(obj.key, key);
            plan->add_object(std::move(obj));
        });
    }
}

/* Security labels follow their objects (and leave with them when not dumped). */
void read_security_labels(pd::DumpPlan *plan) {
    static const char *const cols[] = {"classid", "objid", "statement", "tag", "schema", "owner"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::security_labels, cols, lengthof(cols), nums);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, NULLABLE(4) | NULLABLE(5));
        pd::cxx_call([&] {
            plan->add_trailing_entry(pd::make_key(oid_value(v[0]), oid_value(v[1])),
                                     pd::security_label_entry(v[2], v[3], opt(v[4]), opt(v[5])));
        });
    }
}

/* The columns of extension_member_acls.sql; catalog_acls.sql adds the last. */
const char *const kAclColumns[] = {"classid", "objid", "acl_kind", "acl_name",  "acl_tag",      "schema",
                                   "owner",   "acl",   "initprivs", "column_quoted"};

/* Privileges changed on objects of an extension travel with the extension. */
void read_extension_member_acls(pd::DumpPlan *plan) {
    int nums[lengthof(kAclColumns) - 1];
    Rows rows;
    open_rows(&rows, pd_sql::extension_member_acls, kAclColumns, lengthof(kAclColumns) - 1, nums);
    while (next_row(&rows)) {
        char *v[lengthof(kAclColumns) - 1];
        fetch_row(rows, nums, lengthof(kAclColumns) - 1, v, NULLABLE(5) | NULLABLE(6) | NULLABLE(8));
        pd::cxx_call([&] {
            /* the base is what CREATE EXTENSION gave the object (pg_init_privs) */
            plan->add_trailing_entry(pd::make_key(oid_value(v[0]), oid_value(v[1])),
                                     pd::object_acl_entry(v[2], v[3], v[4], opt(v[5]), v[6] ? v[6] : "", v[7],
                                                          opt(v[8] ? v[8] : "{}")));
        });
    }
}

/*
 * Privileges changed on pg_catalog and its objects: objects of their own
 * (nothing creates them), one per catalog object with its columns' entries.
 */
void read_catalog_acls(pd::DumpPlan *plan) {
    const int n = lengthof(kAclColumns);
    int nums[n];
    Rows rows;
    open_rows(&rows, pd_sql::catalog_acls, kAclColumns, n, nums);
    /*
     * every value first, copied out of its row: an object's rows follow each
     * other, and no C++ object may be alive while fetch_row can raise an error
     */
    MemoryContext keep = AllocSetContextCreate(rows.outer, "pd_dump catalog privileges", ALLOCSET_DEFAULT_SIZES);
    uint64 count = 0, size = 16;
    char **v = (char **) MemoryContextAlloc(keep, sizeof(char *) * n * size);
    while (next_row(&rows)) {
        if (count == size) {
            size *= 2;
            v = (char **) repalloc(v, sizeof(char *) * n * size);
        }
        char **row = &v[count++ * n];
        fetch_row(rows, nums, n, row, NULLABLE(5) | NULLABLE(6) | NULLABLE(8));
        for (int i = 0; i < n; i++)
            row[i] = row[i] ? MemoryContextStrdup(keep, row[i]) : NULL;
    }
    pd::cxx_call([&] {
        pd::DumpObject obj;
        for (uint64 r = 0; r < count; r++) {
            char **row = &v[r * n];
            pd::ObjKey key = pd::make_key(oid_value(row[0]), oid_value(row[1]));
            if (key != obj.key && !obj.entries.empty()) {
                plan->add_object(std::move(obj));
                obj = pd::DumpObject();
            }
            obj.key = key;
            obj.priority = pd::PRIO_DEFAULT_ACL;
            obj.sort_schema = "pg_catalog";
            obj.sort_name = row[4];
            std::string owner = row[6] ? row[6] : "";
            pd::OptString base = opt(row[8]);
            if (row[9][0] == '\0')
                obj.entries.push_back(pd::object_acl_entry(row[2], row[3], row[4], opt(row[5]), owner, row[7], base));
            else
                obj.entries.push_back(pd::column_acl_entry(row[3], row[9], row[4], opt(row[5]), owner, row[7],
                                                           base ? base : pd::OptString("{}")));
        }
        if (!obj.entries.empty())
            plan->add_object(std::move(obj));
    });
    MemoryContextDelete(keep);
}

/* Edges are many: read as oids (the queries return type oid), not as text. */
void read_edges(pd::DumpPlan *plan, const pd_sql::CatalogQuery &query, bool alias) {
    static const char *const cols[] = {"classid", "objid", "refclassid", "refobjid"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, query, cols, lengthof(cols), nums);
    for (int i = 0; i < (int) lengthof(cols); i++)
        if (SPI_gettypeid(rows.table->tupdesc, nums[i]) != OIDOID)
            elog(ERROR, "parallel_dump catalog query %s: column \"%s\" is not of type oid", query.name, cols[i]);
    while (next_row(&rows)) {
        bool isnull;
        HeapTuple t = rows.table->vals[rows.row];
        TupleDesc d = rows.table->tupdesc;
        Oid classid = DatumGetObjectId(SPI_getbinval(t, d, nums[0], &isnull));
        Oid objid = DatumGetObjectId(SPI_getbinval(t, d, nums[1], &isnull));
        Oid refclassid = DatumGetObjectId(SPI_getbinval(t, d, nums[2], &isnull));
        Oid refobjid = DatumGetObjectId(SPI_getbinval(t, d, nums[3], &isnull));
        pd::cxx_call([&] {
            pd::ObjKey from = pd::make_key(classid, objid), to = pd::make_key(refclassid, refobjid);
            if (alias)
                plan->add_alias(from, to);
            else
                plan->add_dependency(from, to);
        });
    }
}


/*
 * The queries use the SQL fragments the extension's update scripts install
 * (pd_user_schema, pd_member_objects, ...; 0.2 brought them, 0.3 and 0.4
 * changed some): a database whose extension is older must be updated first.
 */
void check_extension_version() {
    static const char *const without_fragments[] = {"0.1", "0.2", "0.3"};
    char *version = single_value(pd_sql::extension_version, "extversion");
    for (const char *old : without_fragments)
        if (strcmp(version, old) == 0)
            ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                            errmsg("extension \"parallel_dump\" is at version %s in this database, but its library needs "
                                   "version 0.4 or later",
                                   version),
                            errhint("Run ALTER EXTENSION parallel_dump UPDATE.")));
}

} // namespace

PdRelation *pd_list_relations(const PdSelection *sel, int *count) {
    selection = sel;
    int level = read_catalog_settings();
    check_extension_version();
    static const char *const cols[] = {"relid", "label", "relkind"};
    int nums[lengthof(cols)];
    Rows rows;
    open_rows(&rows, pd_sql::relations_to_lock, cols, lengthof(cols), nums);
    /* the caller's: in SPI's procedure context, until SPI_finish */
    MemoryContext keep = rows.outer;
    int n = 0, size = 64;
    PdRelation *rels = (PdRelation *) MemoryContextAllocZero(keep, sizeof(PdRelation) * size);
    while (next_row(&rows)) {
        char *v[lengthof(cols)];
        fetch_row(rows, nums, lengthof(cols), v, 0);
        if (n + 1 >= size) {
            size *= 2;
            rels = (PdRelation *) repalloc(rels, sizeof(PdRelation) * size);
        }
        rels[n].relid = oid_value(v[0]);
        rels[n].label = MemoryContextStrdup(keep, v[1]);
        rels[n].relkind = v[2][0];
        n++;
    }
    AtEOXact_GUC(true, level);
    *count = n;
    return rels;
}

void pd_read_catalog(pd::DumpPlan *plan, const PdSelection *sel) {
    static const pd_sql::CatalogQuery *const object_queries[] = {
        &pd_sql::collations,
        &pd_sql::types,            &pd_sql::shell_types,         &pd_sql::functions,
        &pd_sql::tables,           &pd_sql::views,               &pd_sql::sequences,
        &pd_sql::defaults,         &pd_sql::constraints,         &pd_sql::indexes,
        &pd_sql::triggers,         &pd_sql::policies,            &pd_sql::rules,
        &pd_sql::statistics,       &pd_sql::event_triggers,      &pd_sql::publications,
        &pd_sql::publication_tables, &pd_sql::publication_schemas,
        &pd_sql::aggregates,       &pd_sql::casts,               &pd_sql::conversions,
        &pd_sql::text_search_parsers, &pd_sql::text_search_templates, &pd_sql::text_search_dictionaries,
        &pd_sql::text_search_configurations, &pd_sql::foreign_data_wrappers, &pd_sql::foreign_servers,
        &pd_sql::user_mappings,    &pd_sql::foreign_tables,      &pd_sql::operators,
        &pd_sql::operator_families, &pd_sql::operator_classes,   &pd_sql::languages,
        &pd_sql::transforms,       &pd_sql::access_methods,      &pd_sql::base_types};
    selection = sel;
    int level = read_catalog_settings();
    add_specials(plan);
    read_depends_on_extension();
    read_database(plan);
    read_schemas(plan);
    read_extensions(plan);
    for (const pd_sql::CatalogQuery *query : object_queries)
        read_objects(plan, *query);
    read_large_objects(plan);
    read_subscriptions(plan);
    read_sort_only(plan);
    read_edges(plan, pd_sql::aliases, true);
    read_edges(plan, pd_sql::identity_sequences, false);
    read_edges(plan, pd_sql::inline_defaults, true);
    read_table_data(plan);
    add_blobs(plan);
    read_sequence_values(plan);
    read_owned_by(plan);
    read_matview_refresh(plan);
    read_attach(plan, pd_sql::table_attach, pd::PSEUDO_TABLE_ATTACH, "TABLE ATTACH");
    read_attach(plan, pd_sql::index_attach, pd::PSEUDO_INDEX_ATTACH, "INDEX ATTACH");
    read_foreign_key_attach_deps(plan);
    read_row_security(plan);
    read_default_acls(plan);
    read_data_order(plan);
    read_base_type_functions(plan);
    read_column_extras(plan);
    read_constraint_comments(plan);
    read_extension_member_acls(plan);
    read_catalog_acls(plan);
    read_security_labels(plan);
    read_edges(plan, pd_sql::dependencies, false);
    AtEOXact_GUC(true, level);
}
