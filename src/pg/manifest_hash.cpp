#include "manifest_hash.h"

#include "portability/instr_time.h"

namespace {

void hash_failed(PdSha256 *h, const char *what) {
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("could not %s SHA-256 checksum: %s", what,
                                                            pg_cryptohash_error(h->ctx))));
}

} // namespace

void pd_sha256_begin(PdSha256 *h) {
    h->us = 0;
    h->ctx = pg_cryptohash_create(PG_SHA256);
    if (h->ctx == NULL)
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
    if (pg_cryptohash_init(h->ctx) < 0)
        hash_failed(h, "initialize");
}

void pd_sha256_update(PdSha256 *h, const void *data, size_t len) {
    instr_time start, end;
    INSTR_TIME_SET_CURRENT(start);
    if (pg_cryptohash_update(h->ctx, (const uint8 *) data, len) < 0)
        hash_failed(h, "update");
    INSTR_TIME_SET_CURRENT(end);
    INSTR_TIME_SUBTRACT(end, start);
    h->us += (uint64) INSTR_TIME_GET_MICROSEC(end);
}

void pd_sha256_final(PdSha256 *h, uint8 digest[PG_SHA256_DIGEST_LENGTH]) {
    if (pg_cryptohash_final(h->ctx, digest, PG_SHA256_DIGEST_LENGTH) < 0)
        hash_failed(h, "finalize");
    pg_cryptohash_free(h->ctx);
    h->ctx = NULL;
}
