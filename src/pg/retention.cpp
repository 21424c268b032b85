#include "retention.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "../pure/manifest.h"
#include "../pure/path_template.h"
#include "cxx_guard.h"
#include "error_trap.h"
#include "manifest_read.h"

namespace {

typedef struct Candidate {
    char *name;
    pd::CivilTime when;
} Candidate;

typedef struct Retention {
    const char *parent;   /* the directory the archives are in */
    const char *pattern;  /* the template's last component */
    const char *written;  /* the name of the archive just written */
    int keep;
} Retention;

const char *last_component(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The template without trailing slashes, as the path it expands to. */
char *trimmed(const char *tmpl) {
    char *t = pstrdup(tmpl);
    size_t len = strlen(t);
    while (len > 1 && t[len - 1] == '/')
        t[--len] = '\0';
    return t;
}

bool has_placeholders(const char *s) {
    bool yes = false;
    pd::cxx_call([&] { yes = pd::path_template_has_placeholders(s); });
    return yes;
}

/* Newest first: by the time the name gives, then by name. */
int compare_candidates(const void *a, const void *b) {
    const Candidate *x = (const Candidate *) a, *y = (const Candidate *) b;
    const int kx[6] = {x->when.year, x->when.month, x->when.day, x->when.hour, x->when.minute, x->when.second};
    const int ky[6] = {y->when.year, y->when.month, y->when.day, y->when.hour, y->when.minute, y->when.second};
    for (int i = 0; i < 6; i++)
        if (kx[i] != ky[i])
            return kx[i] > ky[i] ? -1 : 1;
    return -strcmp(x->name, y->name);
}

/*
 * A complete pd_dump archive: a real directory whose valid manifest lists
 * toc.dat and exactly the directory's other files, each a regular file of
 * the listed size.
 */
bool complete_archive(const char *path) {
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return false;
    bool exists;
    char *error;
    pd::Manifest *m = pd_read_manifest(path, &exists, &error);
    if (m == NULL)
        return false;
    bool has_toc = false;
    for (size_t i = 0; i < m->files.size(); i++) {
        const pd::ManifestFile &f = m->files[i];
        const char *name = f.path.c_str();
        if (!pd_manifest_plain_name(name) || strlen(name) != f.path.size() || strcmp(name, pd::kManifestName) == 0)
            return false;
        char *file = psprintf("%s/%s", path, name);
        if (lstat(file, &sb) != 0 || !S_ISREG(sb.st_mode) || (uint64) sb.st_size != f.size)
            return false;
        pfree(file);
        has_toc |= strcmp(name, "toc.dat") == 0;
    }
    /* nothing else: the manifest's files and the manifest (names are unique in a directory) */
    size_t count = 0;
    DIR *d = AllocateDir(path);
    struct dirent *de;
    while ((de = ReadDir(d, path)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            count++;
    FreeDir(d);
    bool unique = true;
    pd::cxx_call([&] {
        std::vector<std::string> names;
        for (const pd::ManifestFile &f : m->files)
            names.push_back(f.path);
        std::sort(names.begin(), names.end());
        unique = std::adjacent_find(names.begin(), names.end()) == names.end();
    });
    return has_toc && unique && count == m->files.size() + 1;
}

/* Removes what complete_archive saw: the listed files, the manifest, the directory. */
void remove_archive(const char *path) {
    bool exists;
    char *error;
    pd::Manifest *m = pd_read_manifest(path, &exists, &error);
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->files.size(); i++) {
        char *file = psprintf("%s/%s", path, m->files[i].path.c_str());
        if (unlink(file) != 0 && errno != ENOENT)
            ereport(WARNING, (errcode_for_file_access(), errmsg("could not remove file \"%s\": %m", file)));
        pfree(file);
    }
    char *manifest = psprintf("%s/%s", path, pd::kManifestName);
    if (unlink(manifest) != 0)
        ereport(WARNING, (errcode_for_file_access(), errmsg("could not remove file \"%s\": %m", manifest)));
    if (rmdir(path) != 0)
        ereport(WARNING, (errcode_for_file_access(), errmsg("could not remove directory \"%s\": %m", path)));
}

void apply(void *arg) {
    Retention *r = (Retention *) arg;
    int n = 0, cap = 16;
    Candidate *c = (Candidate *) palloc(sizeof(Candidate) * cap);
    DIR *d = AllocateDir(r->parent);
    struct dirent *de;
    while ((de = ReadDir(d, r->parent)) != NULL) {
        CHECK_FOR_INTERRUPTS();
        if (strcmp(de->d_name, r->written) == 0)
            continue;
        pd::CivilTime when;
        bool match = false;
        pd::cxx_call([&] { match = pd::match_path_template(r->pattern, de->d_name, &when); });
        if (!match)
            continue;
        if (n == cap) {
            cap *= 2;
            c = (Candidate *) repalloc(c, sizeof(Candidate) * cap);
        }
        c[n].name = pstrdup(de->d_name);
        c[n].when = when;
        n++;
    }
    FreeDir(d);
    qsort(c, (size_t) n, sizeof(Candidate), compare_candidates);
    MemoryContext each = AllocSetContextCreate(CurrentMemoryContext, "pd_dump retention", ALLOCSET_DEFAULT_SIZES);
    int kept = 1; /* the archive just written */
    for (int i = 0; i < n; i++) {
        CHECK_FOR_INTERRUPTS();
        MemoryContext old = MemoryContextSwitchTo(each);
        char *path = psprintf("%s/%s", r->parent, c[i].name);
        if (complete_archive(path)) {
            if (kept < r->keep) {
                kept++;
            } else {
                remove_archive(path);
                ereport(NOTICE, (errmsg("pd_dump removed old archive \"%s\"", path),
                                 errdetail("keep => %d keeps the %d newest archives of this path.", r->keep,
                                           r->keep)));
            }
        }
        MemoryContextSwitchTo(old);
        MemoryContextReset(each);
    }
    MemoryContextDelete(each);
}

} // namespace

void pd_check_retention(const char *tmpl, int keep) {
    if (keep < 1)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("keep must be at least 1"),
                        errhint("keep => N keeps the N newest archives of the path's template, this one included.")));
    tmpl = trimmed(tmpl);
    const char *last = last_component(tmpl);
    char *parent = pnstrdup(tmpl, (Size) (last - tmpl));
    if (!has_placeholders(last))
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("keep needs a path whose last component has placeholders"),
                        errhint("Name each archive after its time, for example '/backups/shop-%%Y%%m%%d-%%H%%M%%S'.")));
    if (has_placeholders(parent))
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("keep needs a path whose placeholders are all in its last component"),
                        errdetail("Archives are looked for in one directory, the parent of the archive.")));
}

void pd_apply_retention(const char *tmpl, const char *written, int keep) {
    Retention r;
    const char *name = last_component(written);
    r.parent = name - written > 1 ? pnstrdup(written, (Size) (name - written - 1)) : "/";
    r.pattern = last_component(trimmed(tmpl));
    r.written = name;
    r.keep = keep;
    char *message = pd_trap_errors(apply, &r);
    if (message != NULL)
        ereport(WARNING, (errmsg("pd_dump could not remove old archives: %s", message),
                          errdetail("The archive \"%s\" was written.", written)));
}
