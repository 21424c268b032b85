# A dump that is cancelled, times out, or loses a worker stops every worker
# promptly and leaves no archive behind that could pass for a complete one.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('cancel');
$node->safe_psql('postgres', 'CREATE DATABASE slow');
$node->safe_psql('slow', q{
  CREATE EXTENSION parallel_dump;
  CREATE TABLE big1 AS SELECT g AS id, repeat(md5(g::text), 10) AS pad FROM generate_series(1, 1500000) g;
  CREATE TABLE big2 AS SELECT * FROM big1;
  CREATE TABLE small AS SELECT 1 AS x;});

my $workers_sql = q{SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'parallel_dump worker'};

sub no_workers_left {
    my ($what) = @_;
    ok(wait_for($node, 'postgres', "SELECT ($workers_sql) = 0", 10), "$what: no worker left behind");
}

sub no_archive {
    my ($dir, $what) = @_;
    ok(!-e "$dir/toc.dat", "$what: no toc.dat");
    ok(!-e $dir, "$what: the directory the dump created is gone");
}

# --- cancel -------------------------------------------------------------------
my $dir = archive_dir('cancelled');
my $leader = $node->background_psql('slow', on_error_stop => 0);
my $pid = $leader->query_safe('SELECT pg_backend_pid()');
$leader->query_until(qr/go/, "\\echo go\nSELECT pd_dump('$dir', 2);\n");
ok(wait_for($node, 'postgres', "SELECT ($workers_sql) = 2"), 'two workers run');
$node->safe_psql('postgres', "SELECT pg_cancel_backend($pid)");
my ($out, $ret) = $leader->query('SELECT 1');
like($leader->{stderr}, qr/canceling statement due to user request/, 'cancel reaches the caller');
no_workers_left('cancel');
no_archive($dir, 'cancel');

# --- statement_timeout, into a directory that existed (and stays) ------------------
$dir = archive_dir('timeout');
mkdir $dir or die;
$leader->{stderr} = '';
# well inside the data phase: a fast machine dumps these 1.1 GB in 1.4 s
$leader->query("SET statement_timeout = '300ms'");
$leader->query("SELECT pd_dump('$dir', 2)");
like($leader->{stderr}, qr/canceling statement due to statement timeout/, 'statement_timeout ends the dump');
no_workers_left('statement_timeout');
ok(-d $dir, 'statement_timeout: a directory that existed before is kept');
opendir(my $dh, $dir) or die;
is(scalar(grep { !/^\.\.?$/ } readdir($dh)), 0, 'statement_timeout: and emptied');
closedir($dh);
$leader->query('RESET statement_timeout');

# --- a worker that dies -----------------------------------------------------------
$dir = archive_dir('worker_killed');
$leader->{stderr} = '';
$leader->query_until(qr/go/, "\\echo go\nSELECT pd_dump('$dir', 2);\n");
ok(wait_for($node, 'postgres', "SELECT ($workers_sql) = 2"), 'two workers run again');
$node->safe_psql('postgres', q{SELECT pg_terminate_backend(pid) FROM pg_stat_activity
  WHERE backend_type = 'parallel_dump worker' AND query LIKE 'pd_dump: COPY public.big%' LIMIT 1});
$leader->query('SELECT 1');
like($leader->{stderr}, qr/terminating background worker/, "the worker's error reaches the caller");
like($leader->{stderr}, qr/parallel_dump worker \d, dumping table public\.big\d/, 'naming worker and table');
no_workers_left('worker killed');
no_archive($dir, 'worker killed');

# --- the leader itself is terminated (FATAL skips the error handler) ------------
$dir = archive_dir('leader_killed');
my $doomed = $node->background_psql('slow', on_error_stop => 0);
my $doomed_pid = $doomed->query_safe('SELECT pg_backend_pid()');
$doomed->query_until(qr/go/, "\\echo go\nSELECT pd_dump('$dir', 2);\n");
ok(wait_for($node, 'postgres', "SELECT ($workers_sql) = 2"), 'two workers run for the doomed leader');
ok(wait_for($node, 'postgres', "SELECT count(*) > 0 FROM pg_ls_dir('$dir') f WHERE f LIKE '%.dat.gz'"),
    'data files are being written');
$node->safe_psql('postgres', "SELECT pg_terminate_backend($doomed_pid)");
ok(wait_for($node, 'postgres', "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $doomed_pid)", 10),
    'the leader is gone');
no_workers_left('leader terminated');
no_archive($dir, 'leader terminated');
eval { $doomed->quit };

# --- lock_timeout while the leader locks ------------------------------------------
$dir = archive_dir('lock_timeout');
my $holder = $node->background_psql('slow');
$holder->query_safe('BEGIN; LOCK TABLE small IN ACCESS EXCLUSIVE MODE');
$leader->{stderr} = '';
$leader->query("SET lock_timeout = '300ms'; SELECT pd_dump('$dir', 2); RESET lock_timeout");
like($leader->{stderr}, qr/canceling statement due to lock timeout/, 'lock_timeout is honoured');
like($leader->{stderr}, qr/while locking table public\.small for pd_dump/, 'the error names the table');
no_archive($dir, 'lock_timeout');
$holder->query_safe('COMMIT');
$holder->quit;

# --- the session survives all this and can dump again ------------------------------
$dir = archive_dir('after');
$leader->{stderr} = '';
$leader->query("SELECT pd_dump('$dir', 2)");
like($leader->{stderr}, qr/\A[^\n]*NOTICE:  pd_dump: \d+ of \d+ items, \d+ rows, \d+ bytes of table data in [\d.]+ s\n?\z/,
    'a later dump in the same session works (its only message is the summary)');
ok(-f "$dir/toc.dat", 'and is complete');
$leader->quit;

# --- a write error (file size limit standing in for a full disk) -----------------
# The server ignores SIGXFSZ, so writing past the limit fails with EFBIG.
$node->stop;
my $pgdata = $node->data_dir;
my $logfile = $node->logfile;
system_or_bail('bash', '-c', "ulimit -f 40000 && pg_ctl -D '$pgdata' -l '$logfile' -w start >/dev/null");
$dir = archive_dir('file_too_large');
my ($rc, $o, $e) = $node->psql('slow', "SELECT pd_dump('$dir', 2, 0)");
isnt($rc, 0, 'a write error fails the dump');
like($e, qr/could not write to file ".*\.dat(\.part\d+)?": File too large/, 'with the file and the reason');
like($e, qr/dumping table public\.big\d/, 'and the table');
no_workers_left('write error');
no_archive($dir, 'write error');

$node->stop;
my $log = slurp_file($node->logfile);
unlike($log, qr/terminated by signal|server process .* was terminated/, 'no process crashed');
done_testing();
