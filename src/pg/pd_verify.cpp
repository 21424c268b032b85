/*
 * pd_verify(path): one row (file, problem) per problem of a directory
 * archive, nothing for a whole one.  For our archives the manifest (every
 * file listed is there with its size and SHA-256, nothing unlisted); for any
 * archive, pg_dump's too, the TOC parses, every data file is present and
 * reads to its end (each gzip member's CRC and length), each COPY data line
 * has the columns its COPY statement names, and the \. marker ends it.
 * The archive is untrusted input: bounded readers (archive_reader.h), only
 * names pg_dump writes are opened, cancel is answered; each check runs in a
 * subtransaction, so that a damaged file's ERROR becomes its row.
 */
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "../pure/copy_check.h"
#include "../pure/manifest.h"
#include "../pure/restore_plan.h"
#include "../pure/toc_archive.h"
#include "archive_reader.h"
#include "cxx_guard.h"
#include "error_trap.h"
#include "file_privileges.h"
#include "manifest_read.h"

extern "C" {
PG_FUNCTION_INFO_V1(pd_verify);
}

namespace {

const size_t kReadPiece = 256 * 1024;

typedef struct Problem {
    char *file;
    char *problem;
    struct Problem *next;
} Problem;

typedef struct VerifyState {
    const char *dir;
    MemoryContext cxt;  /* the function's: problems and the TOC reader */
    MemoryContext filecxt; /* per file checked, reset after each */
    Problem *first;
    Problem *last;
    /* the file a guarded check is reading, to name it if it fails */
    char current[MAXPGPATH];
} VerifyState;

void add_problem(VerifyState *st, const char *file, const char *problem) {
    MemoryContext old = MemoryContextSwitchTo(st->cxt);
    Problem *p = (Problem *) palloc0(sizeof(Problem));
    p->file = pstrdup(file);
    p->problem = pstrdup(problem);
    if (st->last)
        st->last->next = p;
    else
        st->first = p;
    st->last = p;
    MemoryContextSwitchTo(old);
}

typedef void (*CheckFn)(VerifyState *st, void *arg);

typedef struct Guarded {
    VerifyState *st;
    CheckFn check;
    void *arg;
} Guarded;

void run_check(void *arg) {
    Guarded *g = (Guarded *) arg;
    g->check(g->st, g->arg);
}

/* Runs check so that an ERROR becomes a problem of the file being read (st->current). */
void guarded(VerifyState *st, CheckFn check, void *arg) {
    Guarded g = {st, check, arg};
    char *message = pd_trap_errors(run_check, &g);
    if (message != NULL)
        add_problem(st, st->current, message);
}

/* ---- the manifest ---- */

bool listed(const std::vector<std::string> &sorted, const char *name) {
    bool found = false;
    pd::cxx_call([&] { found = std::binary_search(sorted.begin(), sorted.end(), std::string(name)); });
    return found;
}

void check_listed_file(VerifyState *st, const pd::ManifestFile &f) {
    const char *name = f.path.c_str();
    if (!pd_manifest_plain_name(name) || strlen(name) != f.path.size()) {
        add_problem(st, pd::kManifestName, "lists a path outside the archive directory, which is not looked at");
        return;
    }
    char *path = psprintf("%s/%s", st->dir, name);
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        add_problem(st, name, errno == ENOENT ? "present in the manifest but not on disk" : "cannot be read");
        return;
    }
    if (!S_ISREG(sb.st_mode)) {
        add_problem(st, name, "not a regular file");
        return;
    }
    if ((uint64) sb.st_size != f.size) {
        add_problem(st, name, psprintf("size " UINT64_FORMAT " in the manifest, %lld on disk", (uint64) f.size,
                                       (long long) sb.st_size));
        return;
    }
    if (f.algorithm.empty())
        return;
    if (f.algorithm != "SHA256") {
        add_problem(st, name, psprintf("checksum algorithm %s is not checked (pd_dump writes SHA256)",
                                       f.algorithm.c_str()));
        return;
    }
    uint8 digest[PG_SHA256_DIGEST_LENGTH];
    pd_hash_file(st->dir, name, digest);
    if (!pd_digest_matches(digest, f.checksum.c_str()))
        add_problem(st, name, "checksum mismatch");
}

void check_manifest(VerifyState *st, void *) {
    strlcpy(st->current, pd::kManifestName, sizeof st->current);
    bool exists;
    char *error;
    pd::Manifest *m = pd_read_manifest(st->dir, &exists, &error);
    if (!exists)
        return;
    if (m == NULL) {
        add_problem(st, pd::kManifestName, error);
        return;
    }
    std::vector<std::string> *sorted = nullptr;
    pd::cxx_call([&] {
        sorted = new std::vector<std::string>();
        for (const pd::ManifestFile &f : m->files)
            sorted->push_back(f.path);
        std::sort(sorted->begin(), sorted->end());
    });
    PG_TRY();
    {
        for (size_t i = 0; i < m->files.size(); i++) {
            CHECK_FOR_INTERRUPTS();
            strlcpy(st->current, m->files[i].path.c_str(), sizeof st->current);
            MemoryContext old = MemoryContextSwitchTo(st->filecxt);
            check_listed_file(st, m->files[i]);
            MemoryContextSwitchTo(old);
            MemoryContextReset(st->filecxt);
        }
        strlcpy(st->current, ".", sizeof st->current);
        DIR *d = AllocateDir(st->dir);
        struct dirent *de;
        while ((de = ReadDir(d, st->dir)) != NULL) {
            CHECK_FOR_INTERRUPTS();
            const char *name = de->d_name;
            if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, pd::kManifestName) == 0)
                continue;
            if (!listed(*sorted, name))
                add_problem(st, name, "present on disk but not in the manifest");
        }
        FreeDir(d);
    }
    PG_FINALLY();
    {
        pd::cxx_call([&] { delete sorted; });
    }
    PG_END_TRY();
}

/* ---- the TOC and the data files ---- */

struct CheckerOwner {
    pd::CopyDataChecker *checker;
    MemoryContextCallback cleanup;
};

void delete_checker(void *arg) {
    CheckerOwner *o = (CheckerOwner *) arg;
    pd::CopyDataChecker *c = o->checker;
    o->checker = nullptr;
    pd::cxx_call([&] { delete c; });
}

typedef struct DataFileCheck {
    const char *name; /* as the TOC names it: "<id>.dat" (the reader also tries .gz) */
    int columns;      /* -1: not checked */
    bool copy;        /* COPY text: the \. marker is checked */
} DataFileCheck;

/* The name of the file that exists: name, or name.gz. */
void note_current(VerifyState *st, const char *name) {
    if (pd_plain_data_file_size(st->dir, name) >= 0)
        strlcpy(st->current, name, sizeof st->current);
    else
        snprintf(st->current, sizeof st->current, "%s.gz", name);
}

void check_data_file(VerifyState *st, void *arg) {
    DataFileCheck *c = (DataFileCheck *) arg;
    CheckerOwner *owner = (CheckerOwner *) palloc0(sizeof(CheckerOwner));
    owner->cleanup.func = delete_checker;
    owner->cleanup.arg = owner;
    MemoryContextRegisterResetCallback(CurrentMemoryContext, &owner->cleanup);
    int columns = c->copy ? c->columns : -1;
    pd::cxx_call([&] { owner->checker = new pd::CopyDataChecker(columns); });
    PdDataReader r;
    pd_data_reader_open(&r, st->dir, c->name);
    char *buf = (char *) palloc(kReadPiece);
    bool ok = true;
    for (;;) {
        size_t n = pd_data_reader_read(&r, buf, 1, kReadPiece);
        if (n == 0)
            break;
        if (ok)
            pd::cxx_call([&] { ok = owner->checker->feed(buf, n); });
    }
    char problem[512] = "";
    pd::cxx_call([&] {
        if (ok && c->copy)
            ok = owner->checker->finish();
        if (!ok)
            strlcpy(problem, owner->checker->problem().c_str(), sizeof problem);
    });
    pd_data_reader_close(&r);
    if (!ok)
        add_problem(st, st->current, problem);
}

/* blobs.toc and every large object's file it names. */
void check_blobs(VerifyState *st, void *arg) {
    const char *name = (const char *) arg;
    PdDataReader toc;
    pd_data_reader_open(&toc, st->dir, name);
    char line[256];
    uint64 lineno = 0;
    char *buf = (char *) palloc(kReadPiece);
    while (pd_data_reader_line(&toc, line, sizeof line)) {
        lineno++;
        unsigned int oid;
        char file[128];
        bool safe = false;
        if (sscanf(line, "%u %127s", &oid, file) == 2)
            pd::cxx_call([&] { safe = pd::safe_blob_filename(file); });
        if (!safe) {
            add_problem(st, name, psprintf("line " UINT64_FORMAT " is not \"<oid> blob_<oid>.dat\"", lineno));
            break;
        }
        if (pd_data_file_size(st->dir, file) < 0) {
            add_problem(st, file, psprintf("missing: line " UINT64_FORMAT " of %s names it", lineno, name));
            continue;
        }
        note_current(st, file);
        PdDataReader r;
        pd_data_reader_open(&r, st->dir, file);
        while (pd_data_reader_read(&r, buf, 1, kReadPiece) > 0)
            ;
        pd_data_reader_close(&r);
        strlcpy(st->current, name, sizeof st->current);
    }
    pd_data_reader_close(&toc);
}

void open_toc(VerifyState *st, void *arg) {
    strlcpy(st->current, "toc.dat", sizeof st->current);
    *(PdArchiveToc **) arg = pd_open_archive_toc(st->dir);
}

/* The TOC is read one entry at a time, so memory stays flat however many entries it has. */
typedef struct NextEntry {
    PdArchiveToc *toc;
    const pd::TocEntry *entry;
} NextEntry;

void next_entry(VerifyState *st, void *arg) {
    NextEntry *n = (NextEntry *) arg;
    strlcpy(st->current, "toc.dat", sizeof st->current);
    n->entry = NULL;
    n->entry = pd_next_archive_entry(n->toc);
}

void check_entry(VerifyState *st, const pd::TocEntry &e) {
    const char *name = e.filename.c_str();
    bool safe = false;
    pd::cxx_call([&] { safe = pd::safe_data_filename(e.filename); });
    if (!safe || strlen(name) != e.filename.size()) {
        add_problem(st, "toc.dat", psprintf("TOC entry %d names a data file that is not a name pg_dump writes",
                                            e.dump_id));
        return;
    }
    if (pd_data_file_size(st->dir, name) < 0) {
        add_problem(st, name, psprintf("missing: the data file of TOC entry %d", e.dump_id));
        return;
    }
    note_current(st, name);
    if (e.desc == "BLOBS") {
        guarded(st, check_blobs, (void *) name);
        return;
    }
    DataFileCheck c;
    c.name = name;
    c.copy = e.copy_stmt.has_value() && !e.copy_stmt->empty();
    c.columns = -1;
    if (c.copy) {
        pd::cxx_call([&] { c.columns = pd::copy_statement_columns(*e.copy_stmt); });
        if (c.columns < 0)
            add_problem(st, "toc.dat", psprintf("the COPY statement of TOC entry %d cannot be read", e.dump_id));
    }
    guarded(st, check_data_file, &c);
}

void check_archive(VerifyState *st) {
    NextEntry n = {NULL, NULL};
    guarded(st, open_toc, &n.toc);
    if (n.toc == NULL)
        return;
    /* a damaged entry is toc.dat's problem, and nothing after it can be read */
    for (;;) {
        CHECK_FOR_INTERRUPTS();
        Problem *before = st->last;
        guarded(st, next_entry, &n);
        if (n.entry == NULL || st->last != before)
            break;
        const pd::TocEntry &e = *n.entry;
        if (!e.had_dumper || e.filename.empty())
            continue;
        MemoryContext old = MemoryContextSwitchTo(st->filecxt);
        check_entry(st, e);
        MemoryContextSwitchTo(old);
        MemoryContextReset(st->filecxt);
    }
    pd_free_archive_toc(n.toc);
}

} // namespace

extern "C" Datum pd_verify(PG_FUNCTION_ARGS) {
    char *dir = pd_archive_dir_arg(fcinfo, 0, "pd_verify");
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open directory \"%s\": %m", dir),
                        errhint("pd_verify checks a directory archive, as pg_dump -Fd and pd_dump write them.")));
    InitMaterializedSRF(fcinfo, 0);
    ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

    VerifyState *st = (VerifyState *) palloc0(sizeof(VerifyState));
    st->dir = dir;
    st->cxt = CurrentMemoryContext;
    st->filecxt = AllocSetContextCreate(CurrentMemoryContext, "pd_verify file", ALLOCSET_DEFAULT_SIZES);
    guarded(st, check_manifest, NULL);
    check_archive(st);
    MemoryContextDelete(st->filecxt);

    for (Problem *p = st->first; p != NULL; p = p->next) {
        Datum values[2];
        bool nulls[2] = {false, false};
        values[0] = CStringGetTextDatum(p->file);
        values[1] = CStringGetTextDatum(p->problem);
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    }
    return (Datum) 0;
}
