# The fast COPY writers (src/pg/fast_output.cpp, fast_jsonb.cpp) against the output functions:
# pd_dump's data file of a table of edge values, and of 100k random rows, is
# byte for byte what COPY TO writes under the dump's settings, in several
# session time zones (DST edges, LMT and other historical offsets).
# Then the fast input parsers (src/pg/fast_input.cpp) against the input
# functions: pd_restore of those archives, in verify mode (both parsers on
# every value, a different datum fails the restore) and in the default mode,
# against COPY FROM of the same text (text and binary form of every column).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PdTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = new_node('fast_output');
$node->safe_psql('postgres', 'CREATE DATABASE fo');
$node->safe_psql('fo', 'CREATE EXTENSION parallel_dump');

my @tstz = (
    "'infinity'", "'-infinity'", "'2000-01-01 00:00:00+00'", "'2021-03-14 06:59:59.999999+00'",
    "'2021-03-14 07:00:00+00'", "'2021-11-07 05:59:59+00'", "'2021-11-07 06:00:00+00'",
    "'2021-03-28 01:00:00+00'", "'2021-10-31 00:59:59.5+00'", "'2021-10-31 01:00:00+00'",
    "'1850-06-01 12:00:00+00'", "'1883-11-18 17:00:00+00'", "'1900-01-01 00:00:00+00'",
    "'1937-07-01 00:00:00+00'", "'1942-02-09 10:00:00+00'", "'1972-01-07 00:00:00+00'",
    "'0001-01-01 00:00:00+00 BC'", "'4713-11-24 00:00:00+00 BC'", "'294276-12-31 23:59:59.999999+00'",
    "'2038-01-19 03:14:08+00'", "'2100-07-01 12:00:00.000001+00'", "'1969-12-31 23:59:59.123456+00'");

# column => [type, literals]; row i of table edge holds the i-th literal of each column
my @columns = (
    [ b   => 'boolean', [ 'true', 'false' ] ],
    [ i2  => 'int2',    [ '-32768', '32767', '0', '-1', '7' ] ],
    [ i4  => 'int4',    [ '-2147483648', '2147483647', '0', '-10', '1000000' ] ],
    [ i8  => 'int8',    [ '-9223372036854775808', '9223372036854775807', '0', '-1', '10000000000' ] ],
    [ o   => 'oid',     [ '0', '4294967295', '1', '2147483648' ] ],
    [ f4  => 'float4',  [ map {"'$_'"} qw(NaN Infinity -Infinity -0 0 1.17549435e-38 3.4028235e+38 1e-45
          0.1 123456.7 1e7 1e-5 -2.5 16777217 1e38) ] ],
    [ f8  => 'float8',  [ map {"'$_'"} qw(NaN Infinity -Infinity -0 0 5e-324 1.7976931348623157e308
          2.2250738585072014e-308 0.1 1e15 1e16 1e22 123456789012345678 -1.5e-300 0.30000000000000004) ] ],
    [ n   => 'numeric', [ map {"'$_'"} qw(NaN Infinity -Infinity 0 0.000 -0.0001 0.1 100 10000 1e4
          12345678901234567890.123456789 -999999999999999999999 1e-1000 1e-16383 -1e131071 9.99e130
          0.00001234 123.4500 1e63 1e64 1e-64 1e-65 -0.5 1e300 -1e-300 1e252 1e-256) ] ],
    [ t   => 'text', [ "''", "'plain'", "E'tab\\there'", "E'nl\\nx'", "E'cr\\rx'", "E'back\\\\slash'",
          "E'\\b\\f\\v'", "'é ü 日本 ∞'", "E'\\\\N'", "'\\.'", "E'\\x01\\x7f\\x1f'", "E'end\\\\'",
          "repeat(E'ab\\tc', 5000)", "(SELECT string_agg(md5(g::text), E'\\n') FROM generate_series(1, 8000) g)" ] ],
    [ vc  => 'varchar(20)', [ "''", "E'a\\tb'", "'x  '", "'ünïcødé'" ] ],
    [ bc  => 'char(5)',     [ "'a'", "''", "E'\\n'", "'abcde'", "'é'" ] ],
    [ nm  => 'name',        [ "'abc'", "E'tab\\tname'", "repeat('n', 70)", "''" ] ],
    [ u   => 'uuid', [ "'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
          "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'" ] ],
    [ d   => 'date', [ map {"'$_'"} ('infinity', '-infinity', '4713-01-01 BC', '0001-01-01 BC', '0001-01-01',
          '1999-12-31', '2000-02-29', '5874897-12-31', '1582-10-10') ] ],
    [ ts  => 'timestamp', [ map {"'$_'"} ('infinity', '-infinity', '4713-01-01 00:00:00 BC',
          '294276-12-31 23:59:59.999999', '2000-01-01 00:00:00.000001', '1900-01-01 12:34:56.5',
          '0044-03-15 12:00 BC', '2021-03-14 02:30:00') ] ],
    [ tz  => 'timestamptz', \@tstz ],
    [ dp  => 'posint', [ '1', '2147483647' ] ],
    [ dt  => 'shorttext', [ "E'dom\\tain'", "''" ] ],
    [ dn  => 'money_amount', [ '12.34', "'-0.01'" ] ],
    # jsonb (src/pg/fast_jsonb.cpp): scalars at the top, nesting, escapes, numbers, key order
    [ j   => 'jsonb', [ qq{'{"a": [1, "x\\ty"], "b": null}'}, q{'"raw string"'}, q{'123.4500'}, q{'true'},
          q{'false'}, q{'null'}, q{'[]'}, q{'{}'}, q{'[[]]'}, q{'[{}, {"": ""}, [[], {}]]'},
          q{'{"k": "\u0001\u001f\b\f\n\r\t\"\\\\\/ \u007f", "\\\\N": "\\\\."}'},
          q{'[0, -0, 1e400, -1.5e-300, 12345678901234567890.123456789, 1e-7, 0.000, -42]'},
          q{'{"a": {"b": {"c": [1, [2, [3, {"d": null, "e": [true, false]}]]]}}}'},
          q{'{"é": "日本 ∞", "tab\tkey": 1}'},
          q{'{"bb": 1, "a": 2, "aaa": 3, "a": 4}'}, q{'"back\\\\slash\\\\"'},
          q{to_jsonb(repeat('x', 3000))}, q{to_jsonb(repeat(E'a\tb', 30000))},
          q{(SELECT jsonb_agg(md5(g::text)) FROM generate_series(1, 20000) g)} ] ],
    [ dj  => 'json_doc', [ qq{'{"k": 1}'}, q{'[1, "x"]'} ] ],
    # types without a fast writer, between the others
    [ iv  => 'interval', [ "'1 year 2 mons -3 days 04:05:06.789'", "'-178000000 years'" ] ],
    [ by  => 'bytea', [ "'\\x00ff5c'" ] ],
    [ arr => 'int4[]', [ "'{1,NULL,3}'" ] ]);

$node->safe_psql('fo', q{
    CREATE DOMAIN posint AS int4 CHECK (VALUE > 0);
    CREATE DOMAIN shorttext AS text CHECK (length(VALUE) < 100);
    CREATE DOMAIN money_amount AS numeric(12, 2);
    CREATE DOMAIN json_doc AS jsonb;
});
$node->safe_psql('fo',
    'CREATE TABLE edge (id int, ' . join(', ', map {"$_->[0] $_->[1]"} @columns) . ')');
my $rows = 0;
for (@columns) { $rows = @{ $_->[2] } if @{ $_->[2] } > $rows }
for my $i (0 .. $rows - 1) {
    my @values = map { $_->[2][$i] // 'NULL' } @columns;
    $node->safe_psql('fo', "INSERT INTO edge VALUES ($i, " . join(', ', @values) . ')');
}
$node->safe_psql('fo', 'INSERT INTO edge (id) VALUES (-1)');    # every column NULL
# a value stored out of line and one compressed in the tuple
$node->safe_psql('fo', q{INSERT INTO edge (id, t, n) VALUES
    (-2, (SELECT string_agg(md5(g::text), E'\t') FROM generate_series(1, 20000) g), 1),
    (-3, repeat(E'\\x', 3000), 2)});
is($node->safe_psql('fo', q{SELECT pg_column_compression(t) IS NOT NULL FROM edge WHERE id = -3}), 't',
    'one text value is compressed in the tuple');
# jsonb: compressed in the tuple below and above 64 kB (the output function's path above), and out of line
is($node->safe_psql('fo', q{SELECT string_agg(concat_ws(':', pg_column_compression(j) IS NOT NULL AND id < 18,
      pg_column_size(j) < 2100, octet_length(j::text) > 65536), ',' ORDER BY id) FROM edge WHERE id BETWEEN 16 AND 18}),
    't:t:f,t:t:t,f:f:t',
    'jsonb values compressed in the tuple (small and big) and one stored out of line');

# 100k random rows of each covered type; 10% NULLs
$node->safe_psql('fo', q{
    CREATE TABLE rnd AS SELECT g AS id,
      CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.5 END AS b,
      floor(random() * 65536 - 32768)::int2 AS i2,
      floor(random() * 4294967296 - 2147483648)::int4 AS i4,
      (CASE WHEN random() < 0.5 THEN floor(random() * 1000) ELSE (random() - 0.5) * 1.8e19 END)::int8 AS i8,
      floor(random() * 4294967296)::int8::text::oid AS o,
      ((random() - 0.5) * 10 ^ (floor(random() * 63) - 25))::float4 AS f4,
      ((random() - 0.5) * 10 ^ (floor(random() * 600) - 300))::float8 AS f8,
      CASE WHEN random() < 0.1 THEN NULL
           WHEN random() < 0.5 THEN round(((random() - 0.5) * 1e6)::numeric, floor(random() * 6)::int)
           ELSE round(((random() - 0.5) * 1e15)::numeric * 10::numeric ^ (floor(random() * 80) - 40)::int,
                      floor(random() * 70)::int) END AS n,
      CASE WHEN random() < 0.1 THEN NULL ELSE
        (SELECT string_agg(substr(E'ab\t\n\r\\\b\f\vé日 x.N', floor(random() * 17)::int + 1, 1), '')
           FROM generate_series(1, floor(random() * 30)::int + g % 2) s) END AS t,
      gen_random_uuid() AS u,
      '2000-01-01'::date + floor((random() - 0.5) * 2e6)::int AS d,
      '2000-01-01'::timestamp + (random() - 0.5) * interval '5000 years' + random() * interval '1 second' AS ts,
      '2000-01-01'::timestamptz + (random() - 0.5) * interval '500 years' + random() * interval '1 second' AS tz,
      CASE WHEN random() < 0.1 THEN NULL
           WHEN random() < 0.1 THEN to_jsonb(round(((random() - 0.5) * 1e6)::numeric, floor(random() * 6)::int))
           ELSE jsonb_build_object(
             coalesce((SELECT string_agg(substr(E'ab\t\n\\\\"\x01é', floor(random() * 8)::int + 1, 1), '')
                FROM generate_series(1, floor(random() * 4)::int + g % 2) s), ''),
             (SELECT string_agg(substr(E'ab\t\n\r\\\b\f\v"\x01\x1f\x7fé日 x.N/', floor(random() * 21)::int + 1, 1), '')
                FROM generate_series(1, floor(random() * 30)::int) s),
             'n', round(((random() - 0.5) * 1e15)::numeric * 10::numeric ^ (floor(random() * 80) - 40)::int,
                        floor(random() * 70)::int),
             'b', random() < 0.5, 'z', NULL,
             'a', jsonb_build_array(g, NULL, random() < 0.5, jsonb_build_object(), jsonb_build_array()))
      END AS j
    FROM generate_series(1, 100000) g;
});

# COPY TO STDOUT's bytes under the dump's settings in time zone $zone
sub copy_of {
    my ($table, $zone) = @_;
    my $file = $node->basedir . "/copy_$table.txt";
    $node->safe_psql('fo', qq{SET timezone = '$zone'; SET DateStyle = ISO; SET IntervalStyle = postgres;
        SET extra_float_digits = 3; SET bytea_output = hex; COPY $table TO '$file'});
    return slurp_file($file);
}

my $round = 0;
sub check_zone {
    my ($zone, @tables) = @_;
    $node->safe_psql('fo', "ALTER DATABASE fo SET timezone = '$zone'");
    my $dir = archive_dir('fo_' . $round++);
    $node->safe_psql('fo', "SELECT pd_dump('$dir', 1, 0)");
    for my $table (@tables) {
        my $file = $node->safe_psql('fo',
            "SELECT data_file FROM pd_list('$dir') WHERE kind = 'TABLE DATA' AND name = '$table'");
        my $data = slurp_file("$dir/$file");
        ok($data =~ s/\\\.\n\n\n\z//, "$zone: $table data file ends with pg_dump's trailer");
        my $expected = copy_of($table, $zone);
        ok(length($expected) > 0, "$zone: COPY of $table is not empty");
        same_text($data, $expected, "$zone: $table identical to COPY TO");
    }
    return $dir;
}

# typmods: numeric(p,s) (the fast parser takes values needing no rounding),
# char(n) (n ASCII characters), a negative scale and timestamp(3)/
# timestamptz(0) (left to the input functions)
$node->safe_psql('fo', q{
    CREATE TABLE tm AS SELECT g AS id,
      round(((random() - 0.5) * 2e10)::numeric, 2)::numeric(12, 2) AS n122,
      round(((random() - 0.5) * 99999)::numeric)::numeric(5, 0) AS n50,
      (floor(random() * 1000) / 1000)::numeric(3, 3) AS n33,
      round(((random() - 0.5) * 1e7)::numeric)::numeric(7, -2) AS nneg,
      round(((random() - 0.5) * 1e6)::numeric, floor(random() * 8)::int)::numeric(1000, 500) AS nbig,
      ('2000-01-01'::timestamp + (random() - 0.5) * interval '300 years')::timestamp(3) AS ts3,
      ('2000-01-01'::timestamptz + (random() - 0.5) * interval '300 years')::timestamptz(0) AS tz0,
      '1999-01-01'::date + g AS d,
      (CASE WHEN g % 7 = 0 THEN 'é' || g WHEN g % 5 = 0 THEN E'\\t' || g ELSE g::text END)::char(12) AS c12
    FROM generate_series(1, 20000) g;
    INSERT INTO tm VALUES (-1, '9999999999.99', '99999', '0.999', '999999900', 'NaN', 'infinity', '-infinity',
                               'infinity', ''),
                          (-2, '-9999999999.99', '-99999', '0', '-100', '0', '0001-01-01 BC', '2000-01-01',
                               '4713-01-01 BC', 'abcdefghijkl'),
                          (-3, 'NaN', '0', '0.001', '0', '-0.00000000001', '1999-12-31 23:59:59.999',
                               '1850-01-01 00:00:00+00', '9999-12-31', 'ab  '),
                          (-4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
});

my %archive;
$archive{$_} = check_zone($_, 'edge') for ('UTC', 'America/New_York', 'Europe/Amsterdam', 'Asia/Kolkata',
    'Pacific/Chatham', 'America/St_Johns', 'Australia/Lord_Howe', 'Africa/Monrovia', 'Europe/Moscow',
    '<+0530>-05:30');
$archive{"rnd $_"} = check_zone($_, 'rnd') for ('America/New_York', 'Australia/Lord_Howe');

# pd_restore of archive $dir in verify mode, then in the default mode,
# where tables @tables must equal COPY FROM of their data files' text
my $restores = 0;
sub restore_check {
    my ($what, $dir, @tables) = @_;
    my $db = 'r' . $restores++;
    $node->safe_psql('fo', "CREATE DATABASE ${db}v; CREATE DATABASE $db");
    my $log_offset = -s $node->logfile;
    is($node->safe_psql('fo', "SET parallel_dump.restore_fast_input = verify;
        SELECT failed FROM pd_restore('$dir', '${db}v', 2)"),
        '0', "$what: pd_restore in verify mode: every datum as the input functions make it");
    my $log = slurp_file($node->logfile, $log_offset);
    for my $table (@tables) {
        my ($fast) = $log =~ /fast input verified for $table: (\d+) values by the fast parsers/;
        ok(($fast // 0) > 0, "$what: $table: the fast parsers took values (" . ($fast // 0) . ')');
    }
    is($node->safe_psql('fo', "SELECT failed FROM pd_restore('$dir', '$db', 2)"), '0', "$what: pd_restore");
    for my $table (@tables) {
        my $file = $node->safe_psql('fo',
            "SELECT data_file FROM pd_list('$dir') WHERE kind = 'TABLE DATA' AND name = '$table'");
        my $data = slurp_file("$dir/$file");
        $data =~ s/\\\.\n\n\n\z//;
        my $text = $node->basedir . "/in_$table.txt";
        unlink $text;
        append_to_file($text, $data);
        $node->safe_psql($db, "CREATE TABLE ${table}_copy (LIKE $table); COPY ${table}_copy FROM '$text'");
        for my $format ('text', 'binary') {
            my ($a, $b) = map { $node->basedir . "/out_$_.$format" } ($table, "${table}_copy");
            $node->safe_psql($db, "COPY (SELECT * FROM $table ORDER BY id) TO '$a' (FORMAT $format);
                COPY (SELECT * FROM ${table}_copy ORDER BY id) TO '$b' (FORMAT $format)");
            my ($ga, $gb) = (slurp_file($a), slurp_file($b));
            ok(length($gb) > 100 && $ga eq $gb, "$what: $table loaded by pd_restore = by COPY FROM ($format)");
        }
    }
}
restore_check($_, $archive{$_}, 'edge', 'tm')
  for ('UTC', 'Africa/Monrovia', 'Pacific/Chatham', 'America/St_Johns', '<+0530>-05:30');
restore_check('rnd America/New_York', $archive{'rnd America/New_York'}, 'rnd', 'edge', 'tm');

done_testing();
