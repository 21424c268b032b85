/*
 * SHA-256 through the server's cryptohash (OpenSSL when built with it),
 * for the manifest: what pd_dump writes is hashed as it is written, and
 * pd_verify hashes what it reads.  The time spent hashing is counted, so
 * that a dump can report what its manifest cost.
 */
#pragma once

#include "pg_includes.h"

extern "C" {
#include "common/cryptohash.h"
#include "common/sha2.h"
}

typedef struct PdSha256 {
    pg_cryptohash_ctx *ctx;
    uint64 ns; /* CPU time spent in updates, nanoseconds */
} PdSha256;

/* ERROR if the context cannot be made (it is released with the resource owner). */
extern void pd_sha256_begin(PdSha256 *h);
extern void pd_sha256_update(PdSha256 *h, const void *data, size_t len);
/* Writes the digest and frees the context. */
extern void pd_sha256_final(PdSha256 *h, uint8 digest[PG_SHA256_DIGEST_LENGTH]);
