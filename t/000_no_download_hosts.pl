# The project downloads nothing by URL and names no host: sources come
# through apt (scripts/fetch-pg-regress.sh), packages by name.  Every file of
# the tree is read; a URL anywhere fails the test.
use strict;
use warnings;
use File::Find;
use Test::More;

my $root = $ENV{PD_SOURCE_ROOT} // '.';
my @hits;
find(
    {
        preprocess => sub { grep { !/^(\.git|tmp_check|tmp_regress|results|log)$/ } @_ },
        wanted => sub {
            return unless -f $_ && -T $_;
            open(my $fh, '<', $_) or return;
            while (my $line = <$fh>) {
                push @hits, "$File::Find::name:$.: $line" if $line =~ m{\b[a-z][a-z0-9+.-]*://[A-Za-z0-9]}i;
            }
            close $fh;
        },
        no_chdir => 0,
    },
    $root);
is(scalar(@hits), 0, 'no file names a URL') or diag(join('', @hits[0 .. ($#hits < 9 ? $#hits : 9)]));

# the regression sources come through apt's own configuration
open(my $fh, '<', "$root/scripts/fetch-pg-regress.sh") or die "fetch-pg-regress.sh: $!";
my $script = do { local $/; <$fh> };
close $fh;
like($script, qr/apt-get\b.*\bsource\b/, 'PostgreSQL sources are fetched with apt-get source');
unlike($script, qr/\b(curl|wget)\b/, 'no downloader is called');

done_testing();
