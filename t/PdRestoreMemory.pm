# Runs pd_restore in the background and samples the private memory
# (RssAnon: what a leak grows; shared buffers are not in it) of its leader
# (the calling backend) and of its workers every 0.05 s, for tests that bound
# pd_restore's memory.
package PdRestoreMemory;
use strict;
use warnings;
use Exporter 'import';
use IPC::Run;
use Time::HiRes qw(time sleep);

our @EXPORT = qw(pd_restore_sampled);

# pd_restore_sampled($node, $call): runs "SELECT restored, failed FROM $call"
# from database postgres; returns a hash: restored, failed, stderr, seconds,
# leader and worker (peak kB).
sub pd_restore_sampled {
    my ($node, $call) = @_;
    my ($stdout, $stderr) = ('', '');
    my $sql = "SELECT restored, failed FROM $call";
    my $t0 = time();
    my $h = IPC::Run::start([ 'psql', '-XAtq', '-d', $node->connstr('postgres'), '-c', $sql ],
        '>', \$stdout, '2>', \$stderr);
    my %peak;
    my $like = substr($sql, 0, 40) =~ s/'/''/gr;
    while ($h->pumpable) {
        $h->pump_nb;
        my $procs = $node->safe_psql('postgres', qq{SELECT pid, CASE WHEN backend_type = 'client backend'
          THEN 'leader' ELSE 'worker' END FROM pg_stat_activity WHERE backend_type = 'parallel_dump restore worker'
          OR (query LIKE '$like%' AND pid <> pg_backend_pid())});
        for my $line (split /\n/, $procs) {
            my ($pid, $role) = split /\|/, $line;
            open(my $fh, '<', "/proc/$pid/status") or next;
            my ($kb) = join('', <$fh>) =~ /^RssAnon:\s+(\d+) kB/m;
            close $fh;
            $peak{$role} = $kb if defined $kb && (!defined $peak{$role} || $kb > $peak{$role});
        }
        sleep(0.05);
    }
    $h->finish;
    my ($restored, $failed) = $stdout =~ /^(\d+)\|(\d+)$/m;
    return (restored => $restored, failed => $failed, stderr => $stderr, seconds => time() - $t0,
        leader => $peak{leader}, worker => $peak{worker});
}

1;
