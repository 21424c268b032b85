# More jobs than free background worker slots: the dump runs with the workers
# it got (at worst the leader alone) and says so in a WARNING.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('slots');
$node->init;
$node->append_conf('postgresql.conf', "max_worker_processes = 0\n");
$node->start;
load_rich($node, 'rich');
$node->safe_psql('rich', q{SELECT lo_from_bytea(0, '\x00010203'::bytea)});

my $dir = archive_dir('no_slots');
my ($ret, $out, $err) = $node->psql('rich', "SELECT pd_dump('$dir', 4)");
is($ret, 0, 'no free slot: the dump still succeeds');
like($err, qr/WARNING:  pd_dump could start only 0 of 4 parallel workers/, 'WARNING says so');
like($err, qr/The leader process does all the work itself/, 'and who does the work');
roundtrip_ok($node, 'rich', $dir, 'copy_none', 'leader alone', '-j2');

# two slots; the logical replication launcher takes one of them
$node->append_conf('postgresql.conf', "max_worker_processes = 2\n");
$node->restart;
$dir = archive_dir('one_slot');
($ret, $out, $err) = $node->psql('rich', "SELECT pd_dump('$dir', 8)");
is($ret, 0, 'one free slot of eight wanted: success');
like($err, qr/could start only 1 of 8 parallel workers/, 'WARNING counts the workers');
like($err, qr/max_worker_processes \(currently 2\)/, 'HINT names the setting');
roundtrip_ok($node, 'rich', $dir, 'copy_one', 'one worker', '-j2');

$node->stop;
done_testing();
