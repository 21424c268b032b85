# Helpers shared by the TAP tests: clusters with the extension, the rich test
# schema, and the comparisons that prove a round trip lost nothing.
package PdTest;

use strict;
use warnings;
use FindBin;
use File::Temp qw(tempdir);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Exporter 'import';

our @EXPORT = qw(new_node slurp_data load_rich load_corpus archive_dir schema_of data_of roundtrip_ok
  restore_archive wait_for same_text);

# A started cluster; extra lines go into postgresql.conf.
sub new_node {
    my ($name, $conf) = @_;
    my $node = PostgreSQL::Test::Cluster->new($name);
    $node->init;
    $node->append_conf('postgresql.conf', "max_worker_processes = 16\n" . ($conf // ''));
    $node->start;
    return $node;
}

sub slurp_data {
    my ($file) = @_;
    return PostgreSQL::Test::Utils::slurp_file("$FindBin::RealBin/data/$file");
}

# Creates database $db with the rich schema and the extension.
sub load_rich {
    my ($node, $db) = @_;
    my ($ret) = $node->psql('postgres', slurp_data('rich_roles.sql')); # the roles may exist already
    load_corpus($node, $db, 'rich_schema.sql');
}

# Creates database $db from corpus files of t/data, with the extension.
sub load_corpus {
    my ($node, $db, @files) = @_;
    $node->safe_psql('postgres', "CREATE DATABASE $db");
    $node->safe_psql($db, slurp_data($_)) for @files;
    $node->safe_psql($db, 'CREATE EXTENSION parallel_dump');
}

# A fresh path (not created) under a directory the server may write.
my $archives;
sub archive_dir {
    my ($name) = @_;
    $archives //= tempdir('pd_archives_XXXX', TMPDIR => 1, CLEANUP => 1);
    return "$archives/$name";
}

sub run_ok_output {
    my ($cmd) = @_;
    my ($out, $err) = run_command($cmd);
    return ($out, $err);
}

# pg_dump's view of a database, without the random \restrict keys.
sub schema_of {
    my ($node, $db) = @_;
    my ($out) = run_ok_output([ 'pg_dump', '-s', '-d', $node->connstr($db) ]);
    $out =~ s/^\\(un)?restrict .*$//mg;
    return $out;
}

sub data_of {
    my ($node, $db) = @_;
    my ($out) = run_ok_output([ 'pg_dump', '-a', '-d', $node->connstr($db) ]);
    $out =~ s/^\\(un)?restrict .*$//mg;
    return $out;
}

# Restores $dir into a new database $target with stock pg_restore.
sub restore_archive {
    my ($node, $dir, $target, @opts) = @_;
    $node->safe_psql('postgres', "DROP DATABASE IF EXISTS $target");
    $node->safe_psql('postgres', "CREATE DATABASE $target");
    my ($out, $err) = run_command([ 'pg_restore', @opts, '-d', $node->connstr($target), $dir ]);
    return $err;
}

# is() for long texts: on a difference, shows a unified diff instead of both texts.
sub same_text {
    my ($got, $expected, $name) = @_;
    return pass($name) if $got eq $expected;
    my $dir = tempdir('pd_diff_XXXX', TMPDIR => 1, CLEANUP => 1);
    PostgreSQL::Test::Utils::append_to_file("$dir/expected", $expected);
    PostgreSQL::Test::Utils::append_to_file("$dir/got", $got);
    my ($diff) = run_command([ 'diff', '-u', "$dir/expected", "$dir/got" ]);
    my @lines = split /\n/, $diff;
    diag(join("\n", @lines[0 .. ($#lines < 60 ? $#lines : 60)]));
    return fail($name);
}

# Restores and checks that schema and data (sequences included) are identical.
sub roundtrip_ok {
    my ($node, $db, $dir, $target, $what, @opts) = @_;
    my $err = restore_archive($node, $dir, $target, @opts);
    unlike($err, qr/error/i, "$what: pg_restore @opts reports no error");
    my $s1 = schema_of($node, $db);
    my $s2 = schema_of($node, $target);
    ok(length($s1) > 0, "$what: source schema dumped");
    same_text($s2, $s1, "$what: pg_dump -s identical");
    same_text(data_of($node, $target), data_of($node, $db), "$what: rows and sequences identical");
}

# Polls $sql on $db until it returns 't' or $seconds pass.
sub wait_for {
    my ($node, $db, $sql, $seconds) = @_;
    my $deadline = time() + ($seconds // 60);
    while (time() < $deadline) {
        return 1 if $node->safe_psql($db, $sql) eq 't';
        select(undef, undef, undef, 0.05);
    }
    return 0;
}

1;
