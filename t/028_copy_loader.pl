# pd_restore's own COPY text loader (src/pg/copy_loader.cpp) against COPY
# itself (parallel_dump.restore_fast_input = off): the same data file, put
# into a pg_dump archive in place of a table's data, must give the same rows,
# or the same ERROR with the same CONTEXT (line, column, value), whatever the
# escapes, line lengths, end markers, encodings and constraints.  Tables the
# loader does not take (an index, a trigger, a default to compute) still
# restore through COPY, and a first line ending in "\r\n" is left to COPY.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('copyload', "log_min_messages = debug1\n");
$node->safe_psql('postgres',
    "CREATE DATABASE src ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
$node->safe_psql('postgres', 'CREATE EXTENSION parallel_dump');
$node->safe_psql('src', q{
CREATE DOMAIN small_pos AS int CHECK (VALUE BETWEEN 1 AND 100);
CREATE TABLE t (id int, v text, b bytea, n numeric, ts timestamptz, j jsonb);
CREATE TABLE c (id int NOT NULL CHECK (id > 0), d small_pos, v text);
CREATE TABLE gone (a int, x int, z text);
ALTER TABLE gone DROP COLUMN x;
CREATE TABLE ix (id int PRIMARY KEY, v text);
CREATE TABLE trg (id int, v text);
CREATE FUNCTION trg_up() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.v := upper(NEW.v); RETURN NEW; END$$;
CREATE TRIGGER up BEFORE INSERT ON trg FOR EACH ROW EXECUTE FUNCTION trg_up();
INSERT INTO t VALUES (1, 'x', '\x00', 1, now(), '{}');
INSERT INTO c VALUES (1, 1, 'x');
INSERT INTO gone VALUES (1, 'x');
INSERT INTO ix VALUES (1, 'x');
INSERT INTO trg VALUES (1, 'x');
});
my $archive = archive_dir('base');
command_ok([ 'pg_dump', '-Fd', '-Z0', '-f', $archive, '-d', $node->connstr('src') ], 'pg_dump of the source');

# the data file of each table (pg_dump -Z0: NNNN.dat)
my %file;
for my $line (split /\n/, `pg_restore -l $archive`) {
    $file{$2} = "$1.dat" if $line =~ /^(\d+); \d+ \d+ TABLE DATA public (\w+) /;
}
is(scalar(keys %file), 5, 'five tables with data');

sub write_file { my ($path, $bytes) = @_; open(my $fh, '>:raw', $path) or die $!; print $fh $bytes; close $fh; }
sub read_file { my ($path) = @_; open(my $fh, '<:raw', $path) or die $!; local $/; my $b = <$fh>; close $fh; return $b; }
my %original = map { $_ => read_file("$archive/$file{$_}") } keys %file;

my $round = 0;
my %loaded; # by mode: whether the last restore_both's table went through the loader
# Restores the archive with table $table's data replaced by $data, once with
# COPY and once with the loader; returns (rows or error) for each.
# $data_only: into the schema restored first (the table is not new: no
# FREEZE; its index and trigger are there).
sub restore_both {
    my ($table, $data, $data_only) = @_;
    write_file("$archive/$file{$table}", $data);
    my @out;
    for my $mode ('off', 'on') {
        $round++;
        my $db = "r${round}_$mode";
        $node->safe_psql('postgres', "CREATE DATABASE $db ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        $node->safe_psql('postgres', "SELECT restored FROM pd_restore('$archive', '$db', 1, schema_only => true)")
          if $data_only;
        my $log_from = -s $node->logfile;
        my ($rc, $stdout, $stderr) = $node->psql('postgres',
            "SET parallel_dump.restore_fast_input = $mode; SELECT restored, failed FROM pd_restore('$archive', '$db', 1"
              . ($data_only ? ', data_only => true' : '') . ')');
        my $log = substr(slurp_file($node->logfile), $log_from);
        $loaded{$mode} = $log =~ /rows of $table loaded without COPY's parser/ ? 1 : 0;
        if ($rc != 0) {
            # the error and its COPY context; not the worker's lines
            my @keep = grep { !/restore worker|^\s*$/ } split /\n/, $stderr;
            push @out, join("\n", @keep);
        } else {
            push @out, $node->safe_psql($db,
                "SELECT coalesce(string_agg(format('%s', r), E'\\n' ORDER BY ordinality), '') FROM "
                  . "(SELECT r, row_number() OVER () AS ordinality FROM $table r) s");
        }
    }
    write_file("$archive/$file{$table}", $original{$table});
    return @out;
}

sub same {
    my ($table, $data, $name, $expect, $data_only) = @_;
    my ($copy, $loader) = restore_both($table, $data, $data_only);
    is($loader, $copy, "$name: the loader as COPY");
    like($copy, $expect, "$name: what COPY gives") if $expect;
}

my $ts = '2025-01-01 00:00:00+00';
# --- rows: escapes, NULLs, lines of every length, end markers ---
same('t', "1\tplain\t\\\\x41\t1.5\t$ts\t{\"a\": 1}\n\\.\n\n\n", 'one row', qr/plain/);
is_deeply(\%loaded, { off => 0, on => 1 }, 'the loader took the plain table, and only with fast input on');
same('t', join('', map { "$_\tv$_\t\\N\t$_\t$ts\t[$_]\n" } 1 .. 2500) . "\\.\n", '2,500 rows (batches of 1,000)', qr/v2500/);
same('t', "1\t\\N\t\\N\t\\N\t\\N\t\\N\n2\t\\\\N\t\\\\x\t0\t$ts\tnull\n", 'NULL and a literal \\N');
same('t', "1\ta\\tb\\nc\\rd\\be\\ff\\vg\\\\h\\qi\t\\\\x00\t1\t$ts\t{}\n", 'every escape');
same('t', "1\t\\101\\1010\\7\\x41\\x4g\\xg\\x\t\\N\t1\t$ts\t{}\n", 'octal and hex escapes');
same('t', "1\t\\303\\251t\\xc3\\xa9\t\\N\t1\t$ts\t{}\n", 'escaped UTF-8 bytes', qr/été|ét/);
same('t', "1\tcaf\xc3\xa9\t\\N\t1\t$ts\t{}\n", 'raw UTF-8');
same('t', "1\tend with backslash\\\n2\tx\t\\N\t1\t$ts\t{}\n", 'an escaped newline joins two lines');
same('t', "1\tx\t\\N\t1\t$ts\t{}\n2\ty\t\\N\t2\t$ts\t{}\\.\n3\tz\t\\N\t3\t$ts\t{}\n", '"\\." after text ends its line, and the data goes on');
same('t', "1\tx\t\\N\t1\t$ts\t{}", 'no newline at the end');
same('t', "1\tx\t\\N\t1\t$ts\t{}\n\\.", 'a marker without its newline');
same('t', "1\tx\t\\N\t1\t$ts\t{}\n\\.\r\n", 'a marker in another newline style');
same('t', "1\tx\t\\N\t1\t$ts\t{}\n\\.x\n", 'a corrupt marker');
same('t', "", 'an empty file');
same('t', "1\t" . ('é' x 700000) . "\t\\N\t1\t$ts\t{}\n2\tx\t\\N\t2\t$ts\t{}\n", 'a 1.4 MB line (past the first buffer)');
same('t', join('', map { "$_\t" . ('a\\t' x ($_ * 3000)) . "\t\\N\t1\t$ts\t{}\n" } 1 .. 40), 'long lines with escapes across reads');
same('t', "1\tx\t\\N\t1\t$ts\t{}\r\n2\ty\t\\N\t2\t$ts\t{}\r\n\\.\r\n", 'a file in "\\r\\n" style (COPY reads it)', qr/^\(1,x/);
is($loaded{on}, 0, 'a first line ending in "\\r\\n" is left to COPY');

# --- errors: the same message, hint and context ---
same('t', "1\tx\t\\N\t1\t$ts\t{}\textra\n", 'extra data', qr/extra data after last expected column.*\n.*line 1: "1\tx/s);
same('t', "1\tx\t\\N\n", 'missing data', qr/missing data for column "n"/);
same('t', "1\tx\t\\N\t1\t$ts\t{}\n2\ty\rz\t\\N\t1\t$ts\t{}\n", 'a literal carriage return', qr/literal carriage return.*\n.*HINT/s);
same('t', "1\tx\t\\N\tabc\t$ts\t{}\n", 'a bad numeric', qr/invalid input syntax for type numeric: "abc".*column n: "abc"/s);
same('t', "1\tx\t\\N\t1\tnot a time\t{}\n", 'a bad timestamptz', qr/column ts/);
same('t', "1\t\\377\t\\N\t1\t$ts\t{}\n", 'an escape making invalid UTF-8', qr/invalid byte sequence/);
same('t', "1\t\\0\t\\N\t1\t$ts\t{}\n", 'an escape making a zero byte', qr/invalid byte sequence/);
same('t', "1\tx\xff\t\\N\t1\t$ts\t{}\n", 'raw invalid UTF-8', qr/invalid byte sequence/);
same('t', "1\t" . ('x' x 300) . "\t\\N\t1\t$ts\t{\n", 'a bad jsonb after a long value', qr/column j/);
same('c', "1\t5\tok\n", 'constraints hold', qr/ok/);
same('c', "0\t5\tno\n", 'a CHECK constraint', qr/violates check constraint "c_id_check"/);
same('c', "\\N\t5\tno\n", 'NOT NULL', qr/null value in column "id"/);
same('c', "1\t500\tno\n", 'a domain constraint', qr/violates check constraint "small_pos_check".*column d: "500"/s);
same('c', "1\t\\N\tnull domain\n", 'a NULL for a domain', qr/null domain/);

# --- tables the loader leaves to COPY still restore ---
same('gone', "1\tz\n2\t\\N\n", 'a dropped column', qr/\(2,\)/);
is($loaded{on}, 1, 'a table with a dropped column goes through the loader');
same('t', "1\tx\t\\N\t1\t$ts\t{}\n", 'data only: a table not created in the transaction', qr/\(1,x/, 1);
is($loaded{on}, 1, 'data only: the loader, without FREEZE');
same('ix', "1\ta\n2\tb\n", 'a table with an index', qr/\(2,b\)/, 1);
same('ix', "1\ta\n1\tb\n", 'a table with an index: a duplicate key', qr/duplicate key value violates unique constraint "ix_pkey"/, 1);
is($loaded{on}, 0, 'a table with an index is left to COPY');
same('trg', "1\ta\n2\tb\n", 'a table with a trigger', qr/\(2,B\)/, 1);
is($loaded{on}, 0, 'a table with a trigger is left to COPY');

# the loader takes the plain tables: the rows are frozen as COPY FREEZE leaves them
$node->safe_psql('postgres', "CREATE DATABASE frozen ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
$node->safe_psql('postgres', "SELECT restored FROM pd_restore('$archive', 'frozen', 1)");
$node->safe_psql('frozen', 'CREATE EXTENSION pageinspect');
is($node->safe_psql('frozen',
        "SELECT bool_and((t_infomask & 768) = 768) FROM heap_page_items(get_raw_page('t', 0))"),
    't', 'the loaded rows are frozen (FREEZE, as COPY does for a table created in the transaction)');

done_testing();
