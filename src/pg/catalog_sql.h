/*
 * The catalog queries of a dump.  Each object query returns the same 17
 * columns (see CatalogRow): classid, objid, desc, tag, schema, owner, defn,
 * drop statement, tablespace, table AM, comment target, comment tag,
 * comment, ACL keyword, ACL object name, ACL tag, ACL.
 *
 * They run with search_path = '' so every name they print is qualified.
 */
#pragma once

namespace pd_sql {

extern const char *const kObjectQueries[];
/* base type oid, its namespace oid, one of its support functions */
extern const char *const kBaseTypeFunctions;
/* in the object query format too, read only by a superuser */
extern const char *const kSubscriptions;
extern const int kObjectQueryCount;

/* child oid, parent oid, schema, child name, owner, defn: a partition
 * joining its partitioned table, a partition's index joining the parent's */
extern const char *const kTableAttach;
/* referencing table oid, referenced table oid */
extern const char *const kForeignKeyTables;
/* foreign key oid, partition index oid whose INDEX ATTACH the key must follow */
extern const char *const kForeignKeyAttachDeps;
extern const char *const kIndexAttach;
/* relid, table, schema, owner, defn */
extern const char *const kRowSecurity;
/* oid, role, schema or NULL, object type keyword (TABLES ...), acl */
extern const char *const kDefaultAcls;
/* relid, label, kind: every relation the dump reads, to lock up front */
extern const char *const kRelationsToLock;
/* relid, schema, name, owner, copy statement, column count, size, label */
extern const char *const kTableData;
/* kTableData's columns plus the filter condition ('' or 'WHERE ...') */
extern const char *const kExtensionConfigData;
/* seqoid, schema, name, owner, qualified name */
extern const char *const kSequences;
/* seqoid, schema, name, owner, defn, table oid */
extern const char *const kSequenceOwnedBy;
/* matview oid, schema, name, owner, defn */
extern const char *const kMatviewRefresh;
/* relid, schema, table, owner, quoted column, column, comment, acl, relkind */
extern const char *const kColumnExtras;
/* parent classid, parent objid, target, tag, schema, owner, comment */
extern const char *const kConstraintComments;
/* classid, objid, ACL keyword, object name, tag, schema, owner, acl, initprivs: changed
 * privileges on extension members, emitted with the extension */
extern const char *const kExtensionMemberAcls;
/* kExtensionMemberAcls's columns plus the quoted column ('' for the whole object): changed
 * privileges on pg_catalog and its objects */
extern const char *const kCatalogAcls;
/* classid, objid, refclassid, refobjid */
extern const char *const kDependencies;
extern const char *const kAliases;
/* parent classid, parent objid, statement, tag */
extern const char *const kSecurityLabels;

} // namespace pd_sql
