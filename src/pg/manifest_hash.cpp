#include "manifest_hash.h"

#include <time.h>

namespace {

void hash_failed(PdSha256 *h, const char *what) {
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("could not %s SHA-256 checksum: %s", what,
                                                            pg_cryptohash_error(h->ctx))));
}

/* CPU time of this process, so that a loaded machine does not inflate the figure. */
uint64 cpu_ns(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return 0;
    return (uint64) ts.tv_sec * 1000000000 + (uint64) ts.tv_nsec;
}

} // namespace

void pd_sha256_begin(PdSha256 *h) {
    h->ns = 0;
    h->ctx = pg_cryptohash_create(PG_SHA256);
    if (h->ctx == NULL)
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
    if (pg_cryptohash_init(h->ctx) < 0)
        hash_failed(h, "initialize");
}

void pd_sha256_update(PdSha256 *h, const void *data, size_t len) {
    uint64 start = cpu_ns();
    if (pg_cryptohash_update(h->ctx, (const uint8 *) data, len) < 0)
        hash_failed(h, "update");
    h->ns += cpu_ns() - start;
}

void pd_sha256_final(PdSha256 *h, uint8 digest[PG_SHA256_DIGEST_LENGTH]) {
    if (pg_cryptohash_final(h->ctx, digest, PG_SHA256_DIGEST_LENGTH) < 0)
        hash_failed(h, "finalize");
    pg_cryptohash_free(h->ctx);
    h->ctx = NULL;
}
