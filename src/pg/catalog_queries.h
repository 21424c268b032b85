/*
 * The catalog queries of a dump: src/catalog/NAME.sql, built into the
 * library as pd_sql::NAME by src/catalog/embed.pl (catalog_queries.gen.cpp).
 * Each takes the selection as $1..$6 (see PdSelection) and runs with
 * search_path = '' so that every name it prints is qualified; its header
 * comment says what it returns.  The reader reads columns by name.
 */
#pragma once

namespace pd_sql {

struct CatalogQuery {
    const char *name; /* the file's name without .sql */
    const char *sql;
};

/* the object queries, returning object rows (src/catalog/README.md), in the order pd_dump reads them */
extern const CatalogQuery schemas, extensions, collations, types, shell_types, functions, tables, views, sequences,
    defaults, constraints, indexes, triggers, policies, rules, statistics, event_triggers, publications,
    publication_tables, publication_schemas, large_objects, aggregates, casts, conversions, text_search_parsers,
    text_search_templates, text_search_dictionaries, text_search_configurations, foreign_data_wrappers,
    foreign_servers, user_mappings, foreign_tables, operators, operator_families, operator_classes, languages,
    transforms, access_methods, base_types, subscriptions;

/* the database itself: an object row, and its DATABASE PROPERTIES */
extern const CatalogQuery database, database_properties;

/* everything else */
extern const CatalogQuery subscription_count, aliases, table_data, extension_config_data, large_object_count, large_object_digits,
    sequence_values, sequence_owned_by, materialized_view_refresh, table_attach, index_attach,
    foreign_key_attach_deps, row_security, default_acls, foreign_key_tables, base_type_functions, column_extras,
    constraint_comments, extension_member_acls, catalog_acls, security_labels, dependencies, relations_to_lock,
    extension_version, depends_on_extension;
/* identity sequences after their tables (edges), defaults written in their column (aliases) */
extern const CatalogQuery identity_sequences, inline_defaults;
/* objects pg_dump sorts but does not dump under the selection */
extern const CatalogQuery sort_only;

} // namespace pd_sql
