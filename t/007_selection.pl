# pg_dump's selection and output options, as pd_dump's named arguments:
# each archive restores to the same database as pg_dump's with the same
# options.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('selection');
load_rich($node, 'src');
$node->safe_psql('src', slurp_data('partition_schema.sql'));
$node->safe_psql('src', q{SELECT lo_from_bytea(0, 'large'::bytea)});
$node->safe_psql('src', q{CREATE TABLE public.emp_list (id int PRIMARY KEY); CREATE TABLE public.emp_2 (x text);
  INSERT INTO public.emp_list VALUES (1), (2);});

# targets get the extensions and schemas a partial dump does not create
my $prelude = q{CREATE EXTENSION IF NOT EXISTS pgcrypto; CREATE EXTENSION IF NOT EXISTS citext;
  CREATE EXTENSION IF NOT EXISTS btree_gist;};

sub restore_into {
    my ($dir, $db, $pre, @opts) = @_;
    $node->safe_psql('postgres', "DROP DATABASE IF EXISTS $db");
    $node->safe_psql('postgres', "CREATE DATABASE $db");
    $node->safe_psql($db, $pre) if $pre;
    my ($out, $err) = run_command([ 'pg_restore', @opts, '-d', $node->connstr($db), $dir ]);
    my $errors = () = $err =~ /error:/g;
    return $errors;
}

my $case = 0;
sub same_as_pg_dump {
    my (%a) = @_;
    $case++;
    my $ours = archive_dir("pd_$case");
    my $theirs = archive_dir("pg_$case");
    my $args = $a{pd} ? ", $a{pd}" : '';
    my ($ret, $out, $err) = $node->psql('src', "SELECT pd_dump('$ours', 2$args)");
    is($ret, 0, "$a{what}: pd_dump succeeds") or diag($err);
    command_ok([ 'pg_dump', '-Fd', @{ $a{pg} }, '-f', $theirs, '-d', $node->connstr('src') ], "$a{what}: pg_dump");
    my $pre = $a{pre} // '';
    my $e1 = restore_into($ours, "pd_$case", $pre, @{ $a{restore_pd} // $a{restore} // [] });
    my $e2 = restore_into($theirs, "pg_$case", $pre, @{ $a{restore} // [] });
    is($e1, $e2, "$a{what}: as many restore errors as pg_dump's archive ($e2)");
    same_text(schema_of($node, "pd_$case"), schema_of($node, "pg_$case"), "$a{what}: same schema as pg_dump's");
    same_text(data_of($node, "pd_$case"), data_of($node, "pg_$case"), "$a{what}: same data as pg_dump's");
    my ($l1) = run_command([ 'pg_restore', '-l', $ours ]);
    my ($l2) = run_command([ 'pg_restore', '-l', $theirs ]);
    my @k1 = sort map { /^\d+; \d+ \d+ (.*?) \S+ \S+$/ ? $1 : () } grep { /^\d+;/ } split /\n/, $l1;
    my @k2 = sort map { /^\d+; \d+ \d+ (.*?) \S+ \S+$/ ? $1 : () } grep { /^\d+;/ } split /\n/, $l2;
    return (\@k1, \@k2);
}

same_as_pg_dump(what => 'schemas', pd => q{schemas => '{shop}'}, pg => [ '-n', 'shop' ], pre => $prelude);
same_as_pg_dump(what => 'schema pattern', pd => q{schemas => ARRAY['s*p', '"Mixed Case"']},
    pg => [ '-n', 's*p', '-n', '"Mixed Case"' ], pre => $prelude);
same_as_pg_dump(what => 'exclude_schemas', pd => q{exclude_schemas => '{shop, part}'},
    pg => [ '-N', 'shop', '-N', 'part' ]);
same_as_pg_dump(what => 'tables', pd => q{tables => ARRAY['shop.stock', 'shop.cache', '"Mixed Case".*']},
    pg => [ '-t', 'shop.stock', '-t', 'shop.cache', '-t', '"Mixed Case".*' ],
    pre => q{CREATE SCHEMA shop; CREATE SCHEMA "Mixed Case";});
same_as_pg_dump(what => 'unqualified table pattern', pd => q{tables => '{emp*}'}, pg => [ '-t', 'emp*' ]);
same_as_pg_dump(what => 'exclude_tables', pd => q{exclude_tables => ARRAY['shop.customer', '"shop"."Order Line"', 'part.events*']},
    pg => [ '-T', 'shop.customer', '-T', '"shop"."Order Line"', '-T', 'part.events*' ]);
same_as_pg_dump(what => 'exclude_table_data', pd => q{exclude_table_data => '{shop.customer, part.h*}'},
    pg => [ '--exclude-table-data', 'shop.customer', '--exclude-table-data', 'part.h*' ]);
same_as_pg_dump(what => 'schema_only', pd => q{schema_only => true}, pg => [ '-s' ]);
my $schema = schema_of($node, 'src');
same_as_pg_dump(what => 'data_only', pd => q{data_only => true}, pg => [ '-a' ],
    pre => slurp_data('rich_schema.sql') =~ s/^(INSERT|SELECT|REFRESH|UPDATE).*?;$//gmsr);
same_as_pg_dump(what => 'no_privileges', pd => q{no_privileges => true}, pg => [ '-x' ]);
same_as_pg_dump(what => 'no_comments', pd => q{no_comments => true}, pg => [ '--no-comments' ]);
same_as_pg_dump(what => 'no_blobs', pd => q{no_blobs => true}, pg => [ '--no-blobs' ]);
same_as_pg_dump(what => 'no_owner', pd => q{no_owner => true}, pg => [], restore => [ '--no-owner' ],
    restore_pd => []);
same_as_pg_dump(what => 'load_via_partition_root', pd => q{load_via_partition_root => true},
    pg => [ '--load-via-partition-root' ], restore => [ '-j2' ]);

# what the archive itself holds
my $dir = archive_dir('schema_only_list');
$node->safe_psql('src', "SELECT pd_dump('$dir', schema_only => true)");
my $kinds = $node->safe_psql('src', "SELECT string_agg(DISTINCT kind, ',') FROM pd_list('$dir')");
unlike($kinds, qr/TABLE DATA|SEQUENCE SET|BLOB/, 'schema_only: no data entries');
$dir = archive_dir('data_only_list');
$node->safe_psql('src', "SELECT pd_dump('$dir', data_only => true)");
$kinds = $node->safe_psql('src', "SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) FROM pd_list('$dir')");
# pg_dump -a: the database's entries, large objects with their comments and
# privileges, no REFRESH MATERIALIZED VIEW
my $pg_dir = archive_dir('data_only_list_pg');
command_ok([ 'pg_dump', '-Fd', '-a', '-f', $pg_dir, '-d', $node->connstr('src') ], 'pg_dump -a');
my $pg_kinds = $node->safe_psql('src', "SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) FROM pd_list('$pg_dir')");
like($kinds, qr/^BLOB,BLOBS,DATABASE,(DATABASE PROPERTIES,)?ENCODING,SEARCHPATH,SEQUENCE SET,STDSTRINGS,TABLE DATA$/,
    'data_only: only data entries, the database and large objects');
is($kinds, $pg_kinds, "data_only: the kinds of entries of pg_dump -a");
$dir = archive_dir('root_list');
$node->safe_psql('src', "SELECT pd_dump('$dir', load_via_partition_root => true)");
my ($script) = run_command([ 'pg_restore', '-f', '-', '-a', '-t', 'events_2024', $dir ]);
like($script, qr/COPY part\.events \(id, at, kind, payload\) FROM stdin;/, 'partition data goes through the root');

$node->stop;
done_testing();
