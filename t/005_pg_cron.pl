# pd_dump scheduled with pg_cron: each run expands the path template anew,
# so two runs give two complete archives.  A second job runs pd_dump with
# keep => 3 (and statistics => true) beside older archives of its template:
# its one scheduled run leaves the three newest archives and never touches a
# directory that is not a complete archive.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('cron', qq{shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
cron.use_background_workers = on
});
$node->safe_psql('postgres', 'CREATE EXTENSION pg_cron');
$node->safe_psql('postgres', 'CREATE DATABASE shop');
$node->safe_psql('shop', q{
  CREATE EXTENSION parallel_dump;
  CREATE TABLE orders AS SELECT g AS id, now() AS at FROM generate_series(1, 20000) g;
  ALTER TABLE orders ADD PRIMARY KEY (id);});

my $base = archive_dir('cron');
mkdir $base or die;

# retention: pg_cron 1.4 schedules by the minute, so the older archives of
# the template are made by direct calls, with names of earlier times
my $kbase = archive_dir('cron_keep');
mkdir $kbase or die;
my @old = map { "keep-20200101-00000$_" } 1 .. 4;
$node->safe_psql('shop', "SELECT pd_dump('$kbase/$_', 1, statistics => true)") for @old;
mkdir "$kbase/keep-20190101-000000" or die;                         # not an archive
open(my $fh, '>', "$kbase/keep-20190101-000000/notes") or die; print $fh "mine\n"; close $fh;
$node->safe_psql('shop', "SELECT pd_dump('$kbase/keep-20180101-000000', 1)");
unlink("$kbase/keep-20180101-000000/backup_manifest") or die;       # an archive without a manifest

my $job = $node->safe_psql('postgres', qq{SELECT cron.schedule_in_database('nightly', '* * * * *',
  \$\$SELECT pd_dump('$base/shop-%Y%m%d-%H%M%S', 2)\$\$, 'shop')});
ok($job > 0, 'job scheduled in database shop');
my $keep_job = $node->safe_psql('postgres', qq{SELECT cron.schedule_in_database('retention', '* * * * *',
  \$\$SELECT pd_dump('$kbase/keep-%Y%m%d-%H%M%S', 1, keep => 3, statistics => true)\$\$, 'shop')});
ok(wait_for($node, 'postgres', qq{SELECT count(*) >= 1 FROM cron.job_run_details
                                  WHERE jobid = $keep_job AND status IN ('succeeded', 'failed')}, 70),
    'the retention job ran within 70 s');
$node->safe_psql('postgres', "SELECT cron.unschedule($keep_job)");
is($node->safe_psql('postgres', qq{SELECT string_agg(status, ',') FROM cron.job_run_details WHERE jobid = $keep_job}),
   'succeeded', 'its run succeeded');
opendir(my $kdh, $kbase) or die;
my @kept = sort grep { !/^\./ } readdir($kdh);
closedir($kdh);
my @new = grep { !/^keep-20(?:1|20)/ } @kept;
is(scalar(@new), 1, 'the run wrote one archive of the template: ' . join(' ', @new));
is(join(' ', grep { /^keep-20(?:1|20)/ } @kept),
   "keep-20180101-000000 keep-20190101-000000 $old[2] $old[3]",
   'the two newest older archives remain, the two oldest are gone, the rest is untouched');
ok(-f "$kbase/$new[0]/statistics.dat.gz" && -f "$kbase/$new[0]/backup_manifest", 'the new archive is complete');
ok(-f "$kbase/keep-20190101-000000/notes", 'the directory that is no archive keeps its file');
ok(-f "$kbase/keep-20180101-000000/toc.dat", 'the archive without a manifest is untouched');

ok(wait_for($node, 'postgres', qq{SELECT count(*) >= 2 FROM cron.job_run_details
                                  WHERE jobid = $job AND status IN ('succeeded', 'failed')}, 200),
    'the job ran twice');
$node->safe_psql('postgres', "SELECT cron.unschedule($job)");
my $details = $node->safe_psql('postgres', q{SELECT string_agg(status || ': ' || coalesce(return_message, ''), E'\n'
  ORDER BY runid) FROM cron.job_run_details});
unlike($details, qr/failed/, 'no run failed') or diag($details);

opendir(my $dh, $base) or die;
my @archives = sort grep { /^shop-\d{8}-\d{6}$/ } readdir($dh);
closedir($dh);
ok(scalar(@archives) >= 2, 'two archives with expanded names: ' . join(' ', @archives));
for my $a (@archives[0 .. 1]) {
    ok(-f "$base/$a/toc.dat", "$a is complete");
    is(restore_archive($node, "$base/$a", 'shop_copy', '-j2'), '', "$a restores");
    is($node->safe_psql('shop_copy', 'SELECT count(*) FROM orders'), '20000', "$a has every row");
}

$node->stop;
done_testing();
