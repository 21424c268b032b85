#include "manifest_read.h"

#include <sys/stat.h>

#include "../pure/manifest.h"
#include "cxx_guard.h"
#include "manifest_hash.h"

namespace {

const size_t kReadPiece = 1024 * 1024;

struct ManifestOwner {
    pd::Manifest *manifest;
    MemoryContextCallback cleanup;
};

void delete_manifest(void *arg) {
    ManifestOwner *owner = (ManifestOwner *) arg;
    pd::Manifest *m = owner->manifest;
    owner->manifest = nullptr;
    pd::cxx_call([&] { delete m; });
}

/* Opens dir/name for reading, never through a symbolic link; -1 with errno when missing. */
int open_archive_file(const char *path) { return OpenTransientFile(path, O_RDONLY | O_NOFOLLOW | PG_BINARY); }

/* Reads up to len bytes (fewer only at the end of the file), answering cancel. */
size_t read_some(int fd, const char *path, char *buf, size_t len) {
    size_t done = 0;
    while (done < len) {
        CHECK_FOR_INTERRUPTS();
        ssize_t n = read(fd, buf + done, Min(len - done, kReadPiece));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not read file \"%s\": %m", path)));
        if (n == 0)
            break;
        done += (size_t) n;
    }
    return done;
}

} // namespace

bool pd_manifest_plain_name(const char *name) {
    return name[0] != '\0' && strchr(name, '/') == NULL && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 &&
           strlen(name) < 256;
}

pd::Manifest *pd_read_manifest(const char *dir, bool *exists, char **error) {
    *exists = false;
    *error = NULL;
    char *path = psprintf("%s/%s", dir, pd::kManifestName);
    int fd = open_archive_file(path);
    if (fd < 0 && errno == ENOENT)
        return NULL;
    *exists = true;
    if (fd < 0) {
        *error = psprintf("could not open: %m");
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not stat file \"%s\": %m", path)));
    if (!S_ISREG(st.st_mode) || st.st_size > PD_MAX_MANIFEST_BYTES) {
        CloseTransientFile(fd);
        *error = S_ISREG(st.st_mode) ? psprintf("%lld bytes, more than the %lld accepted", (long long) st.st_size,
                                                (long long) PD_MAX_MANIFEST_BYTES)
                                     : pstrdup("not a regular file");
        return NULL;
    }
    size_t len = (size_t) st.st_size;
    char *buf = (char *) MemoryContextAllocHuge(CurrentMemoryContext, len + 1);
    if (read_some(fd, path, buf, len) != len)
        ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("file \"%s\" changed while it was read", path)));
    CloseTransientFile(fd);

    ManifestOwner *owner = (ManifestOwner *) palloc0(sizeof(ManifestOwner));
    owner->cleanup.func = delete_manifest;
    owner->cleanup.arg = owner;
    MemoryContextRegisterResetCallback(CurrentMemoryContext, &owner->cleanup);
    char message[512] = "";
    bool ok = false;
    size_t covered = 0;
    pd::cxx_call([&] {
        owner->manifest = new pd::Manifest();
        std::string err;
        ok = pd::parse_manifest(buf, len, owner->manifest, &err);
        covered = owner->manifest->covered;
        if (!ok)
            strlcpy(message, err.c_str(), sizeof message);
    });
    if (!ok) {
        *error = psprintf("could not parse backup manifest: %s", message);
        pfree(buf);
        return NULL;
    }
    PdSha256 h;
    uint8 digest[PG_SHA256_DIGEST_LENGTH];
    pd_sha256_begin(&h);
    pd_sha256_update(&h, buf, covered);
    pd_sha256_final(&h, digest);
    pfree(buf);
    if (!pd_digest_matches(digest, owner->manifest->checksum.c_str())) {
        *error = pstrdup("manifest checksum mismatch");
        return NULL;
    }
    return owner->manifest;
}

void pd_hash_file(const char *dir, const char *name, uint8 digest[PG_SHA256_DIGEST_LENGTH]) {
    char *path = psprintf("%s/%s", dir, name);
    int fd = open_archive_file(path);
    if (fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open file \"%s\": %m", path)));
    char *buf = (char *) palloc(kReadPiece);
    PdSha256 h;
    pd_sha256_begin(&h);
    size_t n;
    while ((n = read_some(fd, path, buf, kReadPiece)) > 0)
        pd_sha256_update(&h, buf, n);
    pd_sha256_final(&h, digest);
    CloseTransientFile(fd);
    pfree(buf);
    pfree(path);
}

bool pd_digest_matches(const uint8 digest[PG_SHA256_DIGEST_LENGTH], const char *hex) {
    bool same = false;
    pd::cxx_call([&] { same = pd::hex_string(digest, PG_SHA256_DIGEST_LENGTH) == hex; });
    return same;
}
