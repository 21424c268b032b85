# pd_list shows an archive's table of contents like pg_restore -l, for our
# archives and pg_dump's, and treats a damaged archive as hostile input.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('list');
load_rich($node, 'rich');
my $ours = archive_dir('ours');
$node->safe_psql('rich', "SELECT pd_dump('$ours', 2)");
my $theirs = archive_dir('theirs');
command_ok([ 'pg_dump', '-Fd', '-f', $theirs, '-d', $node->connstr('rich') ], 'pg_dump -Fd');

for my $case ([ 'ours', $ours ], [ 'pg_dump', $theirs ]) {
    my ($what, $dir) = @$case;
    my ($restore_list) = run_command([ 'pg_restore', '-l', $dir ]);
    my @expected = grep { /^\d+;/ } split /\n/, $restore_list;
    # pg_restore -l hides the special entries that pd_list shows, and a
    # public-schema entry with nothing to run (ours carries only ownership)
    my $rows = $node->safe_psql('rich', qq{SELECT count(*) FROM pd_list('$dir')
      WHERE kind NOT IN ('ENCODING', 'STDSTRINGS', 'SEARCHPATH', 'DATABASE')
        AND NOT (kind = 'SCHEMA' AND name = 'public' AND owner = 'pg_database_owner')});
    is($rows, scalar(@expected), "$what: as many entries as pg_restore -l lists");
    my $data = $node->safe_psql('rich', qq{SELECT string_agg(schema || '.' || name, ',' ORDER BY name)
      FROM pd_list('$dir') WHERE kind = 'TABLE DATA' AND data_size > 0 AND data_file ~ '^[0-9]+[.]dat\$'});
    like($data, qr/shop\.customer/, "$what: data entries with their file sizes");
    my $kinds = $node->safe_psql('rich', qq{SELECT count(DISTINCT kind) FROM pd_list('$dir')});
    ok($kinds >= 15, "$what: $kinds kinds of entries");
}
my $first = $node->safe_psql('rich', qq{SELECT dump_id || ' ' || section || ' ' || kind FROM pd_list('$ours') LIMIT 1});
is($first, '1 PRE_DATA ENCODING', 'entries come in archive order');

# bad arguments and privileges
my ($ret, $out, $err) = $node->psql('rich', "SELECT * FROM pd_list('relative')");
like($err, qr/relative path not allowed/, 'relative path refused');
($ret, $out, $err) = $node->psql('rich', "SELECT * FROM pd_list(NULL)");
like($err, qr/no archive directory specified/, 'NULL refused');
($ret, $out, $err) = $node->psql('rich', "SELECT * FROM pd_list('/nonexistent/x')");
like($err, qr/could not open input file "\/nonexistent\/x\/toc.dat"/, 'missing archive');
$node->safe_psql('rich', 'CREATE ROLE lister LOGIN');
($ret, $out, $err) = $node->psql('rich', "SELECT * FROM pd_list('$ours')",
    connstr => $node->connstr('rich') . ' user=lister');
like($err, qr/permission denied for function pd_list/, 'EXECUTE is not granted to PUBLIC');

# damaged copies: truncated, flipped, garbage; never a crash, always an answer
my $toc = slurp_file("$ours/toc.dat");
my $bad = archive_dir('bad');
mkdir $bad or die;
srand(42);
my ($errors, $answers) = (0, 0);
my @mutants = (
    substr($toc, 0, 3), 'garbage', '', substr($toc, 0, length($toc) - 1),
    substr($toc, 0, int(length($toc) / 2)), $toc . 'x',
);
for my $i (1 .. 150) {
    my $m = $toc;
    for (1 .. 1 + int(rand(4))) {
        substr($m, int(rand(length($m))), 1) = chr(int(rand(256)));
    }
    push @mutants, $m;
}
for my $m (@mutants) {
    open(my $fh, '>:raw', "$bad/toc.dat") or die;
    print $fh $m;
    close $fh;
    my ($r, $o, $e) = $node->psql('rich', "SELECT count(*) FROM pd_list('$bad')");
    if ($r == 0) { $answers++ } elsif ($e =~ /ERROR/) { $errors++ } else { diag("unexpected: $e") }
}
is($errors + $answers, scalar(@mutants), "every damaged archive gave an ERROR ($errors) or rows ($answers)");
ok($errors >= 6, 'truncated and garbage archives are errors');
is($node->safe_psql('rich', 'SELECT 1'), '1', 'the server is still up');

$node->stop;
unlike(slurp_file($node->logfile), qr/terminated by signal/, 'no process crashed');
done_testing();
