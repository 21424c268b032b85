# pd_dump scheduled with pg_cron: each run expands the path template anew,
# so two runs give two complete archives.
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
my $job = $node->safe_psql('postgres', qq{SELECT cron.schedule_in_database('nightly', '* * * * *',
  \$\$SELECT pd_dump('$base/shop-%Y%m%d-%H%M%S', 2)\$\$, 'shop')});
ok($job > 0, 'job scheduled in database shop');
ok(wait_for($node, 'postgres', q{SELECT count(*) >= 2 FROM cron.job_run_details WHERE status IN ('succeeded', 'failed')}, 200),
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
