# Measuring issue 10 (fidelity): pd_dump's and pg_dump 15's directory archives
# of the same database with the same options, compared through what stock
# pg_restore makes of them (-l and -f -).  Only what cannot be equal is masked
# (dump ids, the creation time, the "Dumped by" versions, \restrict keys),
# and what each entry depends on (toc.dat read directly, ids mapped to the
# entries they name).
# Every other difference becomes a record {corpus, opt, part, kind, name, pg, pd};
# a list of known differences (each with its reason) tolerates some of them.
package PdFidelity;

use strict;
use warnings;
use File::Temp qw(tempdir);
use IPC::Run;
use PostgreSQL::Test::Utils;
use Test::More;
use Exporter 'import';

our @EXPORT = qw(fidelity_pair archive_differences split_known describe_difference);

# pd_dump and pg_dump -Fd of $db into fresh directories; returns both paths
# (undef for a dump that failed, with a diag).
sub fidelity_pair {
    my ($node, $db, $tag, $pd_args, $pg_opts, $dirs) = @_;
    my ($pd, $pg) = ("$dirs/pd_$tag", "$dirs/pg_$tag");
    my $args = $pd_args ? ", $pd_args" : '';
    # pg_dump runs while pd_dump does: both read the same unchanging database
    my ($o2, $e2) = ('', '');
    my $h = IPC::Run::start([ 'pg_dump', '-Fd', @$pg_opts, '-f', $pg, '-d', $node->connstr($db) ], '>', \$o2, '2>', \$e2);
    my ($ret, $out, $err) = $node->psql($db, "SELECT pd_dump('$pd', 2$args)");
    if ($ret != 0) { diag("$tag: pd_dump failed: $err"); $pd = undef }
    $h->finish;
    if (!-f "$pg/toc.dat") { diag("$tag: pg_dump failed: $e2"); $pg = undef }
    return ($pd, $pg);
}

# pg_restore -C -l (-C: with the DATABASE entries), header masked where it must differ; returns the header lines
# and the entries as [oids, "KIND schema name owner"].
sub toc_list {
    my ($dir) = @_;
    my ($out) = run_command([ 'pg_restore', '-C', '-l', $dir ]);
    my (@head, @entries);
    for (split /\n/, $out) {
        if (/^(\d+); (\d+ \d+) (.*)$/) {
            push @entries, [ $2, $3 ];
        } elsif (/^;/) {
            s/^(; Archive created at ).*/$1(masked)/;
            s/^(;\s+Dumped by pg_dump version: ).*/$1(masked)/;
            push @head, $_;
        }
    }
    return (\@head, \@entries);
}

# pg_restore -C -f - cut into entries at the "-- Name: ...; Type: ..." comments:
# [key, type, schema.name, text]; the text before the first entry is "(preamble)".
sub script_entries {
    my ($dir, @opts) = @_;
    my ($out) = run_command([ 'pg_restore', '-C', @opts, '-f', '-', $dir ]);
    $out =~ s/^(\\(?:un)?restrict) \S+$/$1 (masked)/mg;
    $out =~ s/^(-- Dumped (from database|by pg_dump) version ).*$/$1(masked)/mg;
    my @lines = split /\n/, $out, -1;
    my @entries = ([ '(preamble)', '(preamble)', '', [] ]);
    my %seen;
    for (my $i = 0; $i < @lines; $i++) {
        if ($lines[$i] eq '-- PostgreSQL database dump complete' && $i > 0 && $lines[ $i - 1 ] eq '--') {
            pop @{ $entries[-1][3] };
            push @entries, [ '(trailer)', '(trailer)', '', ['--'] ];
        } elsif ($lines[$i] eq '--' && $i + 2 < @lines && $lines[ $i + 2 ] eq '--'
            && $lines[ $i + 1 ] =~ /^-- (?:Data for )?Name: (.*); Type: (.*?); Schema: (.*?)(?:; Owner: .*)?$/) {
            my ($name, $type, $schema) = ($1, $2, $3);
            my $key = "$type|$schema|$name";
            $key .= '#' . $seen{$key} if $seen{$key}++;
            push @entries, [ $key, $type, "$schema $name", [] ];
        }
        push @{ $entries[-1][3] }, $lines[$i];
    }
    return \@entries;
}

# toc.dat's entries (pg_dump 15's directory format, archive version 1.14):
# [dump id, "KIND schema name", [dump ids it depends on]], in TOC order.
sub toc_entries {
    my ($dir) = @_;
    open(my $fh, '<:raw', "$dir/toc.dat") or die "$dir/toc.dat: $!";
    my $b = do { local $/; <$fh> };
    close $fh;
    die "$dir/toc.dat: not an archive" unless substr($b, 0, 5) eq 'PGDMP';
    my ($int_size, $format) = (ord(substr($b, 8, 1)), ord(substr($b, 10, 1)));
    my $p = 11;
    my $int = sub {
        my ($sign, $v) = (ord(substr($b, $p, 1)), 0);
        $v |= ord(substr($b, $p + 1 + $_, 1)) << (8 * $_) for 0 .. $int_size - 1;
        $p += 1 + $int_size;
        return $sign ? -$v : $v;
    };
    my $str = sub {
        my $n = $int->();
        return undef if $n < 0;
        my $v = substr($b, $p, $n);
        $p += $n;
        return $v;
    };
    $int->();               # compression
    $int->() for 1 .. 7;    # creation time
    $str->() for 1 .. 3;    # database, server and pg_dump versions
    my @entries;
    for (1 .. $int->()) {
        my ($id) = ($int->(), $int->());    # dump id, had dumper
        my (undef, undef, $tag, $desc) = map { $str->() } 1 .. 4;
        $int->();                           # section
        my (undef, undef, undef, $ns, undef, undef, $owner) = map { $str->() } 1 .. 7;
        $str->();                           # "false": with oids
        my @deps;
        while (defined(my $d = $str->())) { push @deps, $d }
        $str->();                           # the data file's name
        push @entries, [ $id, join(' ', $desc, $ns // '-', $tag), \@deps ];
    }
    return \@entries;
}

# What each entry depends on, by the entries' keys ("KIND schema name", with
# "#n" for the n-th repeat of a key), as a set (pg_dump repeats an id once per
# catalog dependency); an id no entry has is "<none>".
sub entry_dependencies {
    my ($dir) = @_;
    my $entries = toc_entries($dir);
    my (%key_of, %n);
    for my $e (@$entries) {
        my $k = $e->[1];
        $k .= '#' . $n{$k} if $n{$k}++;
        $key_of{ $e->[0] } = $k;
    }
    my %deps;
    for my $e (@$entries) {
        $deps{ $key_of{ $e->[0] } } = { map { ($key_of{$_} // '<none>') => 1 } @{ $e->[2] } };
    }
    return \%deps;
}

# GNU diff of two line lists (no Perl diff module is needed): the change
# groups as [first old index, old lines, first new index, new lines].
sub line_hunks {
    my ($old, $new) = @_;
    my $dir = tempdir('pd_fid_XXXX', TMPDIR => 1, CLEANUP => 1);
    for my $f ([ 'a', $old ], [ 'b', $new ]) {
        open(my $fh, '>:raw', "$dir/$f->[0]") or die "$dir/$f->[0]: $!";
        print $fh map { "$_\n" } @{ $f->[1] };
        close $fh;
    }
    my ($out) = run_command([ 'diff', '--minimal', "$dir/a", "$dir/b" ]);
    my @hunks;
    for (split /\n/, $out) {
        next unless /^(\d+)(?:,(\d+))?([acd])(\d+)(?:,(\d+))?$/;
        my ($a1, $a2, $op, $b1, $b2) = ($1, $2 // $1, $3, $4, $5 // $4);
        my @o = $op eq 'a' ? () : @{$old}[ $a1 - 1 .. $a2 - 1 ];
        my @n = $op eq 'd' ? () : @{$new}[ $b1 - 1 .. $b2 - 1 ];
        push @hunks, [ $op eq 'a' ? $a1 : $a1 - 1, \@o, $op eq 'd' ? $b1 : $b1 - 1, \@n ];
    }
    return @hunks;
}

# Every difference between pg_dump's archive $pg and pd_dump's $pd.
# $o->{restore}: options of pg_restore -f (-O for the no_owner comparison);
# $o->{strip_owner}: compare the lists without their owner column.
sub archive_differences {
    my ($corpus, $opt, $pd, $pg, $o) = @_;
    my @restore_opts = @{ $o->{restore} // [] };
    my @d;
    my $rec = sub { push @d, { corpus => $corpus, opt => $opt, part => $_[0], kind => $_[1],
        name => $_[2], pg => $_[3], pd => $_[4], pg_n => $_[5] // ($_[3] ne '' ? 1 : 0),
        pd_n => $_[6] // ($_[4] ne '' ? 1 : 0) } };

    # pg_restore -l: header, then the entries in order (kind schema name owner),
    # then the catalog/object ids of the entries both have
    my ($h1, $e1) = toc_list($pg);
    my ($h2, $e2) = toc_list($pd);
    if ($o->{strip_owner}) { $_->[1] =~ s/ [^ ]*$// for @$e1, @$e2 }
    for my $h (line_hunks($h1, $h2)) {
        $rec->('list header', '', '', join("\n", @{ $h->[1] }), join("\n", @{ $h->[3] }));
    }
    my @l1 = map { $_->[1] } @$e1;
    my @l2 = map { $_->[1] } @$e2;
    my (%in1, %in2);
    $in1{$_}++ for @l1;
    $in2{$_}++ for @l2;
    for my $h (line_hunks(\@l1, \@l2)) {
        for my $l (@{ $h->[1] }) {
            $rec->($in2{$l} ? 'list moved' : 'list missing', $l, '', $l, $in2{$l} ? $l : '');
        }
        for my $l (@{ $h->[3] }) {
            next if $in1{$l};    # reported once, as moved
            $rec->('list extra', $l, '', '', $l);
        }
    }
    my (%oids1, %n);
    $oids1{ $_->[1] . '#' . $n{ $_->[1] }++ } = $_->[0] for @$e1;
    %n = ();
    for (@$e2) {
        my $k = $_->[1] . '#' . $n{ $_->[1] }++;
        next unless defined $oids1{$k} && $oids1{$k} ne $_->[0];
        $rec->('list oids', $_->[1], '', $oids1{$k}, $_->[0]);
    }

    # what each entry both have depends on, by the entries' names (dump ids
    # differ): the dependencies only pg_dump's lists, then those only pd_dump's
    my $d1 = entry_dependencies($pg);
    my $d2 = entry_dependencies($pd);
    for my $k (sort keys %$d1) {
        next unless exists $d2->{$k};
        my @only_pg = sort grep { !$d2->{$k}{$_} } keys %{ $d1->{$k} };
        my @only_pd = sort grep { !$d1->{$k}{$_} } keys %{ $d2->{$k} };
        $rec->('dependencies', $k, '', join(' | ', @only_pg), join(' | ', @only_pd), 1, 1)
          if @only_pg || @only_pd;
    }

    # pg_restore -f -: the entries both have, text against text (entries only one
    # has are the list's missing and extra ones); one diff call for all of them,
    # with a separator line that only matches itself
    my $s1 = script_entries($pg, @restore_opts);
    my $s2 = script_entries($pd, @restore_opts);
    my %by2 = map { $_->[0] => $_ } @$s2;
    my (@a, @b, @owner);
    my $sep = "\x01 entry boundary \x01";
    for my $x (@$s1) {
        my $y = $by2{ $x->[0] } or next;
        my ($tx, $ty) = (join("\n", @{ $x->[3] }), join("\n", @{ $y->[3] }));
        next if $tx eq $ty;
        push @a, "$sep " . scalar(@owner), @{ $x->[3] };
        push @b, "$sep " . scalar(@owner), @{ $y->[3] };
        push @owner, $x;
    }
    # which entry an old line index belongs to
    my @entry_of;
    my $cur = -1;
    for (@a) { $cur++ if index($_, $sep) == 0; push @entry_of, $cur }
    for my $h (line_hunks(\@a, \@b)) {
        my $x = $owner[ $entry_of[ $h->[0] < @a ? $h->[0] : $#a ] ];
        $x = $owner[ $entry_of[ $h->[0] - 1 ] ] if @{ $h->[1] } == 0 && $h->[0] > 0;
        $rec->('script', $x->[1], $x->[2], join("\n", @{ $h->[1] }), join("\n", @{ $h->[3] }),
            scalar(@{ $h->[1] }), scalar(@{ $h->[3] }));
    }
    return @d;
}

sub describe_difference {
    my ($d) = @_;
    my $what = $d->{part} eq 'script' ? "$d->{kind} $d->{name}" : $d->{kind};
    my $text = '';
    if ($d->{part} ne 'list moved') {
        $text .= join('', map { "\n    - $_" } split /\n/, $d->{pg}, $d->{pg_n});
        $text .= join('', map { "\n    + $_" } split /\n/, $d->{pd}, $d->{pd_n});
    }
    return "$d->{corpus}/$d->{opt} $d->{part}: $what$text";
}

# Splits differences into (unknown, tolerated); counts each known item's hits.
# A known item holds regexes for some of corpus, opt, part, kind, name, pg, pd
# (all given must match) and a reason.
sub split_known {
    my ($known, @diffs) = @_;
    my (@unknown, @tolerated);
    DIFF: for my $d (@diffs) {
        for my $k (@$known) {
            next if grep { defined $k->{$_} && $d->{$_} !~ $k->{$_} } qw(corpus opt part kind name pg pd);
            $k->{hits}++;
            push @tolerated, $d;
            next DIFF;
        }
        push @unknown, $d;
    }
    return (\@unknown, \@tolerated);
}

1;
