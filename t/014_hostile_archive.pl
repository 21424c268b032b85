# A damaged or hostile toc.dat given to pd_list and pd_restore: an ERROR,
# never a crash; memory bounded by the file, not by what the file claims; a
# long parse answers cancel; text not valid in its encoding is refused.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes ();

my $node = new_node('hostile');
$node->safe_psql('postgres', "CREATE DATABASE u8 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
$node->safe_psql('u8', 'CREATE EXTENSION parallel_dump');
$node->safe_psql('postgres', "CREATE DATABASE target ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
my $started = $node->safe_psql('postgres', 'SELECT pg_postmaster_start_time()');

# --- writing toc.dat as pg_dump 15 does (integers: sign byte, 4 bytes little-endian) ---
sub toc_int { my ($v) = @_; return pack('CV', $v < 0 ? 1 : 0, abs($v)); }
sub toc_str { my ($s) = @_; return defined $s ? toc_int(length($s)) . $s : toc_int(-1); }
sub toc_header {
    my ($dbname, $count) = @_;
    return 'PGDMP' . pack('C6', 1, 14, 0, 4, 8, 3) . toc_int(-1) . join('', map { toc_int(1) } 1 .. 7)
      . toc_str($dbname) . toc_str('15.0') . toc_str('15.0') . toc_int($count);
}
# an entry as pg_dump writes it for a large object
sub blob_entry {
    my ($id) = @_;
    my $oid = 16384 + $id;
    return toc_int($id) . toc_int(0) . toc_str('2613') . toc_str($oid) . toc_str($oid) . toc_str('BLOB')
      . toc_int(2) . toc_str("SELECT pg_catalog.lo_create('$oid');\n")
      . toc_str("SELECT pg_catalog.lo_unlink('$oid');\n") . toc_str(undef) . toc_str('') . toc_str('')
      . toc_str('') . toc_str('postgres') . toc_str('false') . toc_int(-1) . toc_str(undef);
}
sub write_toc {
    my ($name, $bytes) = @_;
    my $dir = archive_dir($name);
    mkdir $dir unless -d $dir;
    open(my $fh, '>:raw', "$dir/toc.dat") or die "$dir: $!";
    print $fh $bytes;
    close $fh;
    return $dir;
}

# Runs $sql in one session and returns (stderr, growth of the backend's peak
# virtual size in kB): VmPeak counts memory reserved even when never touched.
sub vm_peak_growth {
    my ($db, $sql) = @_;
    my $peak = q{SELECT substring(pg_read_file('/proc/self/status') from 'VmPeak:\s*(\d+)')};
    my ($ret, $out, $err) = $node->psql($db, "$peak;\n$sql;\n$peak;", on_error_stop => 0);
    my @kb = grep { /^\d+$/ } split /\n/, $out;
    return ($err, @kb == 2 ? $kb[1] - $kb[0] : -1);
}

# --- a count that the file's size cannot hold ---------------------------------
# 20 MB in the database name, then a count of 1.25 million entries (what a
# bound of file size / 16 allowed): reserving room for them took ~600 MB.
my $huge = write_toc('huge_count', toc_header('x' x (20 << 20), 1_250_000) . blob_entry(1));
my ($err, $growth) = vm_peak_growth('u8', "SELECT count(*) FROM pd_list('$huge')");
like($err, qr/ERROR:  could not read archive .*invalid TOC entry count 1250000/, 'pd_list: huge count is an ERROR');
ok($growth >= 0 && $growth < 150 * 1024, "pd_list: backend peak grew by $growth kB for a 20 MB file");
($err, $growth) = vm_peak_growth('u8', "SELECT * FROM pd_restore('$huge', 'target', 1)");
like($err, qr/ERROR:  could not read archive .*invalid TOC entry count 1250000/, 'pd_restore: huge count is an ERROR');
ok($growth >= 0 && $growth < 150 * 1024, "pd_restore: backend peak grew by $growth kB for a 20 MB file");

# a string that claims 2 GB, a negative length, a count of 2^31-1
my $long = write_toc('long_string', toc_header('db', 1) . toc_int(1) . toc_int(0) . toc_str('0') . toc_str('0')
      . toc_int(0x7fffffff) . ('y' x 200));
($err, $growth) = vm_peak_growth('u8', "SELECT count(*) FROM pd_list('$long')");
like($err, qr/string length runs past the end of the file/, 'a 2 GB string length is an ERROR');
ok($growth >= 0 && $growth < 20 * 1024, "and the backend peak grew by $growth kB");
my $neg = write_toc('negative', toc_header('db', 1) . toc_int(1) . toc_int(0) . toc_int(-5) . ('z' x 200));
($err) = vm_peak_growth('u8', "SELECT count(*) FROM pd_list('$neg')");
like($err, qr/invalid string length -5/, 'a negative length is an ERROR');
my $max = write_toc('max_count', toc_header('db', 0x7fffffff));
($err) = vm_peak_growth('u8', "SELECT * FROM pd_restore('$max', 'target', 1)");
like($err, qr/invalid TOC entry count 2147483647/, 'pd_restore: count 2^31-1 is an ERROR');

# --- a long parse answers cancel ----------------------------------------------
my $n = 300_000;
my $big = toc_header('db', $n) . join('', map { blob_entry($_) } 1 .. $n);
my $many = write_toc('many', $big);
my $t0 = Time::HiRes::time();
is($node->safe_psql('u8', "SELECT count(*) FROM pd_list('$many')"), $n, sprintf('a TOC of %d entries (%.0f MB) lists', $n, length($big) / 1e6));
# a timeout well inside the parse however loaded the machine: a fifth of the
# whole listing's time (at least 10 ms; a fixed 10 ms fired before the parse
# began at load 20)
my $timeout_ms = int(1000 * (Time::HiRes::time() - $t0) / 5);
$timeout_ms = 10 if $timeout_ms < 10;
my ($ret, $out);
($ret, $out, $err) = $node->psql('u8', "SET statement_timeout = '${timeout_ms}ms'; SELECT count(*) FROM pd_list('$many')");
like($err, qr/canceling statement due to statement timeout/, 'statement_timeout stops pd_list');
like($err, qr/reading the table of contents of archive/, 'while it parses the TOC');

# --- text that is not valid in its encoding -------------------------------------
$node->safe_psql('u8', 'CREATE TABLE enc_probe (a int); INSERT INTO enc_probe VALUES (1)');
my $real = archive_dir('real');
$node->safe_psql('u8', "SELECT pd_dump('$real', 1)");
my $toc = slurp_file("$real/toc.dat");
my $tag = 'enc_probe';
my $forged = $toc;
my $hits = ($forged =~ s/\Q@{[toc_str($tag)]}\E/toc_str("enc\xffprobe")/e);
ok($hits, 'forged a tag with an invalid UTF-8 byte');
my $badenc = write_toc('bad_utf8', $forged);
($ret, $out, $err) = $node->psql('u8', "SELECT count(*) FROM pd_list('$badenc')");
like($err, qr/ERROR:  invalid byte sequence for encoding "UTF8": 0xff.*CONTEXT:  converting the tag of TOC entry \d+/s,
    'invalid UTF-8 in a tag is an ERROR naming the entry');
(my $nul = $toc) =~ s/\Q@{[toc_str($tag)]}\E/toc_str("enc\0probe")/e;
($ret, $out, $err) = $node->psql('u8', "SELECT count(*) FROM pd_list('@{[write_toc('nul', $nul)]}')");
like($err, qr/invalid byte sequence for encoding "UTF8": 0x00.*CONTEXT:  converting the tag of TOC entry \d+/s,
    'a NUL byte in a tag is an ERROR');
is($node->safe_psql('u8', "SELECT name FROM pd_list('$real') WHERE kind = 'TABLE'"), 'enc_probe', 'the real archive lists');

# an archive of a LATIN1 database, listed from a UTF8 one: converted
$node->safe_psql('postgres', "CREATE DATABASE l1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
$node->safe_psql('l1', "CREATE EXTENSION parallel_dump; CREATE TABLE \"caf\xe9\" (a int)");
my $latin = archive_dir('latin1');
$node->safe_psql('l1', "SELECT pd_dump('$latin', 1)");
is($node->safe_psql('u8', "SELECT encode(convert_to(name, 'UTF8'), 'hex') FROM pd_list('$latin') WHERE kind = 'TABLE'"),
    '636166c3a9', 'a LATIN1 tag comes back as UTF-8');

# --- fuzz: random flips and truncations of a real toc.dat -------------------------
srand(14);
my @sql;
for my $i (1 .. 200) {
    my $m = $toc;
    for (1 .. 1 + int(rand(6))) {
        substr($m, int(rand(length($m))), 1) = chr(int(rand(256)));
    }
    $m = substr($m, 0, int(rand(length($m)))) if $i % 4 == 0;
    my $dir = write_toc("fuzz$i", $m);
    push @sql, "SELECT count(*) FROM pd_list('$dir');";
}
($ret, $out, $err) = $node->psql('u8', join("\n", @sql), on_error_stop => 0);
my $answers = scalar(grep { /^\d+$/ } split /\n/, $out);
my $errors = () = $err =~ /\bERROR: /g;
is($answers + $errors, 200, "every damaged TOC gave rows ($answers) or an ERROR ($errors)");
ok($errors >= 50, 'damage is mostly an ERROR');

is($node->safe_psql('postgres', 'SELECT pg_postmaster_start_time()'), $started, 'the server never restarted');
$node->stop;
unlike(slurp_file($node->logfile), qr/terminated by signal|server process .* was terminated/, 'no process crashed');
done_testing();
