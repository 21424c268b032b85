-- Roles the rich schema grants to; roles belong to the cluster, not the database.
CREATE ROLE rich_owner;
CREATE ROLE rich_reader;
CREATE ROLE "Rich Writer";
