/*
 * Reading an archive's backup_manifest as untrusted input (pd_verify,
 * retention): a size limit, the bounded parser of manifest.h, and its
 * Manifest-Checksum checked with SHA-256; and hashing a file of the archive
 * to compare with its entry.
 */
#pragma once

#include "pg_includes.h"

extern "C" {
#include "common/sha2.h"
}

namespace pd {
struct Manifest;
}

/* The most bytes of a manifest read (some 5 million files). */
#define PD_MAX_MANIFEST_BYTES ((int64) 1024 * 1024 * 1024)

/*
 * dir/backup_manifest parsed, its checksum verified; the result is freed
 * with the current memory context.  NULL with *exists false when there is
 * none; NULL with *error (palloc'd, fit for a problem row) when it cannot be
 * read, does not parse or its checksum does not match.  Errors reading the
 * file (EIO) are ERRORs.
 */
extern pd::Manifest *pd_read_manifest(const char *dir, bool *exists, char **error);

/* A plain file name of the archive directory (no '/', not . or ..). */
extern bool pd_manifest_plain_name(const char *name);

/* SHA-256 of dir/name, read in pieces, answering cancel; ERROR if it cannot be read. */
extern void pd_hash_file(const char *dir, const char *name, uint8 digest[PG_SHA256_DIGEST_LENGTH]);

/* Whether digest equals the hex checksum of a manifest entry. */
extern bool pd_digest_matches(const uint8 digest[PG_SHA256_DIGEST_LENGTH], const char *hex);
