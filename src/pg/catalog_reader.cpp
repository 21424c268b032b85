#include "catalog_reader.h"

#include "../pure/catalog_rows.h"
#include "catalog_sql.h"
#include "cxx_guard.h"
#include "sequence_value.h"

namespace {

const int kObjectColumns = 17;

/* The selection every catalog query takes as $1..$6 (see catalog_sql.cpp). */
const PdSelection *selection = NULL;

void run_query(const char *sql) {
    static const Oid types[PD_SELECTION_PARAMS] = {OIDARRAYOID, OIDARRAYOID, BOOLOID,
                                                   OIDARRAYOID, OIDARRAYOID, BOOLOID};
    char nulls[PD_SELECTION_PARAMS];
    for (int i = 0; i < PD_SELECTION_PARAMS; i++)
        nulls[i] = selection->isnull[i] ? 'n' : ' ';
    int rc = SPI_execute_with_args(sql, PD_SELECTION_PARAMS, (Oid *) types, (Datum *) selection->values, nulls,
                                   true, 0);
    if (rc != SPI_OK_SELECT)
        elog(ERROR, "parallel_dump catalog query failed: %s", SPI_result_code_string(rc));
}

/*
 * Column i (0-based) of row r of a result.  A needed column is one the query
 * always fills: NULL there means the catalog changed under us.
 */
char *cell(SPITupleTable *t, uint64 r, int i, bool needed) {
    char *v = SPI_getvalue(t->vals[r], t->tupdesc, i + 1);
    if (v == NULL && needed)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("the catalog changed while pd_dump read it"),
                        errdetail("Column %d of a catalog query was unexpectedly NULL.", i + 1)));
    return v;
}

/* Of the last result. */
char *value(uint64 r, int i) { return cell(SPI_tuptable, r, i, false); }
char *required(uint64 r, int i) { return cell(SPI_tuptable, r, i, true); }

/* Columns 0..n-1 of row r; only the columns in nullable (a bit per column) may be NULL. */
#define NULLABLE(col) (1u << (col))
void fetch_row(uint64 r, int n, char **v, unsigned nullable) {
    for (int i = 0; i < n; i++)
        v[i] = cell(SPI_tuptable, r, i, (nullable & NULLABLE(i)) == 0);
}

pd::OptString opt(const char *v) { return v ? pd::OptString(v) : pd::OptString(); }

uint32_t oid_value(const char *v) { return v ? (uint32_t) strtoul(v, NULL, 10) : 0; }

void read_objects(pd::DumpPlan *plan, const char *sql) {
    run_query(sql);
    /* an 18th column, when a query has it: a view's stand-in definition */
    bool has_stand_in = SPI_tuptable->tupdesc->natts > kObjectColumns;
    char *v[kObjectColumns + 1];
    for (uint64 r = 0; r < SPI_processed; r++) {
        for (int i = 0; i < kObjectColumns; i++)
            v[i] = value(r, i);
        v[kObjectColumns] = has_stand_in ? value(r, kObjectColumns) : NULL;
        if (v[2] == NULL || v[3] == NULL)
            elog(ERROR, "parallel_dump catalog query returned an object without a name");
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
            row.stand_in = opt(v[kObjectColumns]);
            /* initdb gives public these privileges, not the built-in default for a schema */
            if (row.desc == "SCHEMA" && row.tag == "public")
                row.acl_base = std::string("{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}");
            plan->add_object(pd::object_from_row(row));
        });
    }
}

void read_subscriptions(pd::DumpPlan *plan) {
    if (superuser()) {
        read_objects(plan, pd_sql::kSubscriptions);
        return;
    }
    run_query("SELECT count(subname) FROM pg_subscription WHERE $3"
              " AND subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
    if (strcmp(required(0, 0), "0") != 0)
        ereport(WARNING, (errmsg("subscriptions not dumped because current user is not a superuser")));
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
void read_table_data_query(pd::DumpPlan *plan, const char *sql, bool config_tables) {
    run_query(sql);
    for (uint64 r = 0; r < SPI_processed; r++) {
        char *v[9];
        fetch_row(r, config_tables ? 9 : 8, v, NULLABLE(3));
        bool filtered = config_tables && v[8][0] != '\0';
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
            e.tag = v[2];
            e.desc = "TABLE DATA";
            e.section = pd::SECTION_DATA;
            e.had_dumper = true;
            e.nspace = std::string(v[1]);
            e.owner = opt(v[3]);
            e.copy_stmt = std::string(v[4]);
            obj.entries.push_back(e);
            if (!filtered)
                plan->add_dependency(obj.key, pd::make_key(RelationRelationId, relid));
            plan->add_object(std::move(obj));
        });
    }
}

void read_table_data(pd::DumpPlan *plan) {
    read_table_data_query(plan, pd_sql::kTableData, false);
    read_table_data_query(plan, pd_sql::kExtensionConfigData, true);
}

/* One BLOBS entry carries the contents of every large object. */
void add_blobs(pd::DumpPlan *plan) {
    run_query("SELECT count(*) FROM pg_largeobject_metadata WHERE $3");
    int64 count = strtoll(required(0, 0), NULL, 10);
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
    run_query(pd_sql::kSequences);
    SPITupleTable *list = SPI_tuptable;
    uint64 count = SPI_processed;
    for (uint64 r = 0; r < count; r++) {
        char *oid = cell(list, r, 0, true);
        char *nspname = cell(list, r, 1, true);
        char *relname = cell(list, r, 2, true);
        char *owner = cell(list, r, 3, false);
        char *qualified = cell(list, r, 4, true);
        bool dumped = false; /* its own SEQUENCE entry, or the table of an identity column */
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
    SPI_freetuptable(list);
}

void read_owned_by(pd::DumpPlan *plan) {
    run_query(pd_sql::kSequenceOwnedBy);
    for (uint64 r = 0; r < SPI_processed; r++) {
        uint32_t seq = oid_value(required(r, 0));
        uint32_t table = oid_value(required(r, 5));
        bool both = false;
        pd::cxx_call([&] {
            both = plan->is_dumped(pd::make_key(RelationRelationId, seq)) &&
                   plan->is_dumped(pd::make_key(RelationRelationId, table));
        });
        if (!both)
            continue;
        add_simple(plan, pd::PSEUDO_OWNED_BY, seq, "SEQUENCE OWNED BY", required(r, 2), required(r, 1),
                   value(r, 3), required(r, 4), RelationRelationId, seq);
        pd::cxx_call([&] {
            plan->add_dependency(pd::make_key(pd::PSEUDO_OWNED_BY, seq), pd::make_key(RelationRelationId, table));
        });
    }
}

/* A partition (or its index) joins its parent once both exist. */
void read_attach(pd::DumpPlan *plan, const char *sql, uint32_t pseudo, const char *desc) {
    run_query(sql);
    for (uint64 r = 0; r < SPI_processed; r++) {
        uint32_t child = oid_value(required(r, 0));
        uint32_t parent = oid_value(required(r, 1));
        add_simple(plan, pseudo, child, desc, required(r, 3), required(r, 2), value(r, 4), required(r, 5),
                   RelationRelationId, child);
        pd::cxx_call([&] {
            plan->add_dependency(pd::make_key(pseudo, child), pd::make_key(RelationRelationId, parent));
        });
    }
}

void read_foreign_key_attach_deps(pd::DumpPlan *plan) {
    run_query(pd_sql::kForeignKeyAttachDeps);
    for (uint64 r = 0; r < SPI_processed; r++) {
        uint32_t fk = oid_value(required(r, 0));
        uint32_t index = oid_value(required(r, 1));
        pd::cxx_call([&] {
            plan->add_dependency(pd::make_key(ConstraintRelationId, fk), pd::make_key(pd::PSEUDO_INDEX_ATTACH, index));
        });
    }
}

void read_row_security(pd::DumpPlan *plan) {
    run_query(pd_sql::kRowSecurity);
    for (uint64 r = 0; r < SPI_processed; r++) {
        uint32_t relid = oid_value(required(r, 0));
        add_simple(plan, pd::PSEUDO_ROW_SECURITY, relid, "ROW SECURITY", required(r, 1), required(r, 2), value(r, 3),
                   required(r, 4), RelationRelationId, relid);
    }
}

void read_default_acls(pd::DumpPlan *plan) {
    run_query(pd_sql::kDefaultAcls);
    for (uint64 r = 0; r < SPI_processed; r++) {
        char *v[5];
        fetch_row(r, 5, v, NULLABLE(2));
        uint32_t oid = oid_value(v[0]);
        pd::cxx_call([&] {
            pd::DumpObject obj;
            obj.key = pd::make_key(DefaultAclRelationId, oid);
            obj.priority = pd::PRIO_DEFAULT_ACL;
            obj.sort_schema = v[2] ? v[2] : "";
            obj.sort_name = std::string(v[1]) + " " + v[3];
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
 * pg_dump, load referenced tables before the tables that refer to them.
 */
void read_data_order(pd::DumpPlan *plan) {
    bool data_only = false;
    pd::cxx_call([&] { data_only = plan->output_options().data_only; });
    if (!data_only)
        return;
    run_query(pd_sql::kForeignKeyTables);
    for (uint64 r = 0; r < SPI_processed; r++) {
        uint32_t from = oid_value(required(r, 0));
        uint32_t to = oid_value(required(r, 1));
        pd::cxx_call([&] {
            plan->add_dependency(pd::make_key(pd::PSEUDO_TABLE_DATA, from), pd::make_key(pd::PSEUDO_TABLE_DATA, to));
        });
    }
}

/*
 * A base type and its I/O functions need each other: the functions are
 * created against the shell type, the type after them (as pg_dump does).
 */
void read_base_type_functions(pd::DumpPlan *plan) {
    run_query(pd_sql::kBaseTypeFunctions);
    for (uint64 r = 0; r < SPI_processed; r++) {
        uint32_t type = oid_value(required(r, 0));
        uint32_t nsp = oid_value(required(r, 1));
        uint32_t fn = oid_value(required(r, 2));
        pd::cxx_call([&] {
            pd::ObjKey full = pd::make_key(TypeRelationId, type), shell = pd::make_key(pd::PSEUDO_SHELL_TYPE, type);
            plan->redirect_dependency(pd::make_key(ProcedureRelationId, fn), full, shell);
            plan->add_dependency(shell, pd::make_key(NamespaceRelationId, nsp));
            plan->add_dependency(full, pd::make_key(ProcedureRelationId, fn));
            plan->add_dependency(full, shell);
        });
    }
}

void read_matview_refresh(pd::DumpPlan *plan) {
    run_query(pd_sql::kMatviewRefresh);
    for (uint64 r = 0; r < SPI_processed; r++)
        add_simple(plan, pd::PSEUDO_MATVIEW_DATA, oid_value(required(r, 0)), "MATERIALIZED VIEW DATA",
                   required(r, 2), required(r, 1), value(r, 3), required(r, 4), RelationRelationId,
                   oid_value(required(r, 0)));
}

void read_column_extras(pd::DumpPlan *plan) {
    run_query(pd_sql::kColumnExtras);
    for (uint64 r = 0; r < SPI_processed; r++) {
        char *v[9];
        fetch_row(r, 9, v, NULLABLE(3) | NULLABLE(6) | NULLABLE(7));
        char *table = quote_qualified_identifier(v[1], v[2]);
        pd::cxx_call([&] {
            pd::ObjKey key = pd::make_key(RelationRelationId, oid_value(v[0]));
            std::string tag = std::string("COLUMN ") + v[2] + "." + v[5];
            if (v[6])
                plan->add_trailing_entry(key, pd::comment_entry(std::string("COLUMN ") + table + "." + v[4], tag,
                                                                 std::string(v[1]), opt(v[3]), v[6]));
            if (v[7] && v[8][0] != 'c')
                plan->add_trailing_entry(key, pd::column_acl_entry(table, v[4], tag, std::string(v[1]),
                                                                   v[3] ? v[3] : "", v[7]));
        });
    }
}

void read_constraint_comments(pd::DumpPlan *plan) {
    run_query(pd_sql::kConstraintComments);
    for (uint64 r = 0; r < SPI_processed; r++) {
        char *v[7];
        fetch_row(r, 7, v, NULLABLE(4) | NULLABLE(5));
        pd::cxx_call([&] {
            plan->add_trailing_entry(pd::make_key(oid_value(v[0]), oid_value(v[1])),
                                     pd::comment_entry(v[2], v[3], opt(v[4]), opt(v[5]), v[6]));
        });
    }
}

/* Security labels follow their objects (and leave with them when not dumped). */
void read_security_labels(pd::DumpPlan *plan) {
    run_query(pd_sql::kSecurityLabels);
    for (uint64 r = 0; r < SPI_processed; r++) {
        char *v[4];
        fetch_row(r, 4, v, 0);
        pd::cxx_call([&] {
            plan->add_trailing_entry(pd::make_key(oid_value(v[0]), oid_value(v[1])),
                                     pd::security_label_entry(v[2], v[3]));
        });
    }
}

/* Privileges changed on objects of an extension travel with the extension. */
void read_extension_member_acls(pd::DumpPlan *plan) {
    run_query(pd_sql::kExtensionMemberAcls);
    for (uint64 r = 0; r < SPI_processed; r++) {
        char *v[9];
        fetch_row(r, 9, v, NULLABLE(5) | NULLABLE(6) | NULLABLE(8));
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
    run_query(pd_sql::kCatalogAcls);
    pd::DumpObject obj;
    auto flush = [&] {
        if (!obj.entries.empty())
            plan->add_object(std::move(obj));
        obj = pd::DumpObject();
    };
    for (uint64 r = 0; r < SPI_processed; r++) {
        char *v[10];
        fetch_row(r, 10, v, NULLABLE(5) | NULLABLE(6) | NULLABLE(8));
        pd::cxx_call([&] {
            pd::ObjKey key = pd::make_key(oid_value(v[0]), oid_value(v[1]));
            if (key != obj.key)
                flush();
            obj.key = key;
            obj.priority = pd::PRIO_DEFAULT_ACL;
            obj.sort_schema = "pg_catalog";
            obj.sort_name = v[4];
            std::string owner = v[6] ? v[6] : "";
            pd::OptString base = opt(v[8]);
            if (v[9][0] == '\0')
                obj.entries.push_back(pd::object_acl_entry(v[2], v[3], v[4], opt(v[5]), owner, v[7], base));
            else
                obj.entries.push_back(pd::column_acl_entry(v[3], v[9], v[4], opt(v[5]), owner, v[7],
                                                           base ? base : pd::OptString("{}")));
        });
    }
    pd::cxx_call(flush);
}

void read_edges(pd::DumpPlan *plan, const char *sql, bool alias) {
    run_query(sql);
    for (uint64 r = 0; r < SPI_processed; r++) {
        bool isnull;
        HeapTuple t = SPI_tuptable->vals[r];
        TupleDesc d = SPI_tuptable->tupdesc;
        Oid classid = DatumGetObjectId(SPI_getbinval(t, d, 1, &isnull));
        Oid objid = DatumGetObjectId(SPI_getbinval(t, d, 2, &isnull));
        Oid refclassid = DatumGetObjectId(SPI_getbinval(t, d, 3, &isnull));
        Oid refobjid = DatumGetObjectId(SPI_getbinval(t, d, 4, &isnull));
        pd::cxx_call([&] {
            pd::ObjKey from = pd::make_key(classid, objid), to = pd::make_key(refclassid, refobjid);
            if (alias)
                plan->add_alias(from, to);
            else
                plan->add_dependency(from, to);
        });
    }
}

} // namespace

PdRelation *pd_list_relations(const PdSelection *sel, int *count) {
    selection = sel;
    run_query(pd_sql::kRelationsToLock);
    int n = (int) SPI_processed;
    PdRelation *rels = (PdRelation *) palloc0(sizeof(PdRelation) * (n + 1));
    for (int r = 0; r < n; r++) {
        rels[r].relid = oid_value(required(r, 0));
        rels[r].label = required(r, 1);
        rels[r].relkind = required(r, 2)[0];
    }
    *count = n;
    return rels;
}

void pd_read_catalog(pd::DumpPlan *plan, const PdSelection *sel) {
    selection = sel;
    add_specials(plan);
    for (int q = 0; q < pd_sql::kObjectQueryCount; q++)
        read_objects(plan, pd_sql::kObjectQueries[q]);
    read_subscriptions(plan);
    read_edges(plan, pd_sql::kAliases, true);
    read_table_data(plan);
    add_blobs(plan);
    read_sequence_values(plan);
    read_owned_by(plan);
    read_matview_refresh(plan);
    read_attach(plan, pd_sql::kTableAttach, pd::PSEUDO_TABLE_ATTACH, "TABLE ATTACH");
    read_attach(plan, pd_sql::kIndexAttach, pd::PSEUDO_INDEX_ATTACH, "INDEX ATTACH");
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
    read_edges(plan, pd_sql::kDependencies, false);
}
