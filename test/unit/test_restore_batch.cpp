/* Batches of a serial restore phase: limits, archive order, and which batches may run at once. */
#include "../../src/pure/restore_batch.h"
#include "unit.h"

using namespace pd;

namespace {

TocEntry entry(int id, const char *desc, const char *tag, std::vector<int> deps, const char *defn) {
    TocEntry e;
    e.dump_id = id;
    e.desc = desc;
    e.tag = tag;
    e.section = SECTION_PRE_DATA;
    e.nspace = std::string("public");
    e.deps = std::move(deps);
    e.defn = std::string(defn);
    return e;
}

/* n tables with a serial column as pg_dump 15 writes them: TABLE, SEQUENCE, OWNED BY each, then the DEFAULTs */
std::vector<TocEntry> serial_tables(int n) {
    std::vector<TocEntry> v;
    for (int i = 0; i < n; i++) {
        int t = 10 + 3 * i;
        v.push_back(entry(t, "TABLE", "t", {}, "CREATE TABLE public.t (id integer NOT NULL);\n"));
        v.push_back(entry(t + 1, "SEQUENCE", "t_id_seq", {t}, "CREATE SEQUENCE public.t_id_seq;\n"));
        v.push_back(entry(t + 2, "SEQUENCE OWNED BY", "t_id_seq", {t + 1}, "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;\n"));
    }
    for (int i = 0; i < n; i++)
        v.push_back(entry(10000 + i, "DEFAULT", "t id", {10 + 3 * i, 11 + 3 * i}, "ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT 1;\n"));
    return v;
}

std::vector<const TocEntry *> pointers(const std::vector<TocEntry> &v) {
    std::vector<const TocEntry *> p;
    for (const TocEntry &e : v)
        p.push_back(&e);
    return p;
}

BatchLimits locks_limit(int locks) {
    BatchLimits l;
    l.locks = locks;
    return l;
}

} // namespace

TEST(batch_serial_one_at_a_time) {
    auto v = serial_tables(10); /* 40 entries of 8 locks each */
    BatchSchedule s(batch_entries(pointers(v), false, false), locks_limit(100));
    int first = -1, second = -1;
    CHECK(s.next(&first) == 12 && first == 0); /* 12 x 8 locks fit in 100 */
    CHECK(s.next(&second) == 0);               /* not concurrent: nothing beside it */
    s.done(first);
    CHECK(s.next(&second) == 12 && second == 12);
    s.done(second);
    int total = 24;
    while (!s.finished()) {
        int k = s.next(&first);
        CHECK(k > 0);
        total += k;
        s.done(first);
    }
    CHECK(total == 40);
}

TEST(batch_concurrent_tables_cut_at_a_table) {
    auto v = serial_tables(10);
    BatchSchedule s(batch_entries(pointers(v), false, true), locks_limit(100));
    int a = -1, b = -1, c = -1;
    /* 12 entries' locks fit, and the 13th begins a table */
    CHECK(s.next(&a) == 12 && a == 0);
    CHECK(s.next(&b) == 12 && b == 12); /* the next tables beside it */
    CHECK(s.running() == 2);
    CHECK(s.next(&c) == 6 && c == 24); /* the last two tables; the DEFAULTs need the tables committed */
    CHECK(s.next(&c) == 0);
    s.done(a);
    s.done(b);
    s.done(24);
    /* the defaults: tables and sequences committed, each default touches its own table only */
    CHECK(s.next(&a) == 10 && a == 30);
    s.done(a);
    CHECK(s.finished());
}

TEST(batch_cut_keeps_a_family_together) {
    auto v = serial_tables(10);
    /* 13 entries' locks fit: the batch would end after a TABLE; it ends before it instead */
    BatchSchedule s(batch_entries(pointers(v), false, true), locks_limit(104));
    int a = -1, b = -1;
    CHECK(s.next(&a) == 12);
    CHECK(s.next(&b) == 12 && b == 12);
}

TEST(batch_waits_for_what_it_needs) {
    auto v = serial_tables(3);
    BatchLimits l;
    l.entries = 2; /* too few to keep a table's family together */
    BatchSchedule s(batch_entries(pointers(v), false, true), l);
    int a = -1, b = -1;
    CHECK(s.next(&a) == 2 && a == 0); /* TABLE, SEQUENCE */
    CHECK(s.next(&b) == 0);           /* the OWNED BY needs the SEQUENCE, not committed yet */
    s.done(a);
    CHECK(s.next(&a) == 2 && a == 2); /* OWNED BY, the next TABLE */
    CHECK(s.next(&b) == 0);           /* its SEQUENCE needs that TABLE */
    s.done(a);
    CHECK(s.next(&a) == 2 && a == 4);
    s.done(a);
}

TEST(batch_default_not_beside_its_sequence_owner) {
    std::vector<TocEntry> v;
    v.push_back(entry(1, "TABLE", "t", {}, "CREATE TABLE public.t (id integer);\n"));
    v.push_back(entry(2, "SEQUENCE", "s", {1}, "CREATE SEQUENCE public.s;\n"));
    v.push_back(entry(3, "TABLE", "u", {}, "CREATE TABLE public.u (id integer);\n"));
    v.push_back(entry(4, "SEQUENCE OWNED BY", "s", {2}, "ALTER SEQUENCE public.s OWNED BY public.t.id;\n"));
    v.push_back(entry(5, "DEFAULT", "t id", {1}, "ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT 0;\n"));
    v.push_back(entry(6, "DEFAULT", "u id", {3}, "ALTER TABLE ONLY public.u ALTER COLUMN id SET DEFAULT 0;\n"));
    BatchLimits l;
    l.entries = 1;
    BatchSchedule s(batch_entries(pointers(v), false, true), l);
    int p[6];
    CHECK(s.next(&p[0]) == 1 && p[0] == 0);
    CHECK(s.next(&p[1]) == 0); /* the SEQUENCE needs t */
    s.done(p[0]);
    CHECK(s.next(&p[1]) == 1 && p[1] == 1);
    CHECK(s.next(&p[2]) == 1 && p[2] == 2); /* u beside s */
    s.done(p[1]);
    s.done(p[2]);
    CHECK(s.next(&p[3]) == 1 && p[3] == 3); /* OWNED BY locks t through s */
    CHECK(s.next(&p[4]) == 0);              /* the default of t would lock t too: it waits */
    s.done(p[3]);
    CHECK(s.next(&p[4]) == 1 && p[4] == 4);
    CHECK(s.next(&p[5]) == 1 && p[5] == 5); /* u's default touches only u */
}

TEST(batch_other_kinds_run_alone) {
    std::vector<TocEntry> v;
    v.push_back(entry(1, "TABLE", "a", {}, "CREATE TABLE public.a (id integer);\n"));
    v.push_back(entry(2, "FUNCTION", "f()", {}, "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"));
    v.push_back(entry(3, "TABLE", "b", {}, "CREATE TABLE public.b (id integer);\n"));
    v.push_back(entry(4, "TABLE", "c", {3}, "CREATE TABLE public.c (id integer) INHERITS (public.b);\n"));
    v.push_back(entry(5, "TABLE", "d", {}, "CREATE TABLE public.d (id integer);\n"));
    BatchLimits l;
    l.entries = 1;
    BatchSchedule s(batch_entries(pointers(v), false, true), l);
    int a, b;
    CHECK(s.next(&a) == 1 && a == 0);
    CHECK(s.next(&b) == 0); /* a function is not run beside anything */
    s.done(a);
    CHECK(s.next(&a) == 1 && a == 1);
    CHECK(s.next(&b) == 0); /* nor is anything run beside it */
    s.done(a);
    CHECK(s.next(&a) == 1 && a == 2);
    CHECK(s.next(&b) == 0); /* a child table locks its parent: not beside others */
    s.done(a);
    CHECK(s.next(&a) == 1 && a == 3);
    CHECK(s.next(&b) == 0);
    s.done(a);
    CHECK(s.next(&a) == 1 && a == 4);
    s.done(a);
    CHECK(s.finished());
    /* clean's DROPs always one batch at a time */
    BatchSchedule drops(batch_entries(pointers(v), true, true), l);
    CHECK(drops.next(&a) == 1 && drops.next(&b) == 0);
}
