/*
 * The files of one dump with their sizes and SHA-256 digests, gathered as
 * they are written, and backup_manifest made from them at the end.  A
 * worker sends its records to the leader as they come and after each item
 * (PD_MSG_FILE messages, ahead of the item's reply); the leader adds them,
 * with what it wrote itself, to a sort that spills to a temporary file
 * (manifest_sort.h): memory stays flat however many files a dump writes.
 */
#pragma once

#include "pg_includes.h"
#include "worker_pool.h"

extern "C" {
#include "common/sha2.h"
}

/* Worker -> leader: one file written. */
#define PD_MSG_FILE 'F'
#define PD_MANIFEST_NAME_SIZE 32

typedef struct PdFileRecord {
    char type; /* PD_MSG_FILE */
    char name[PD_MANIFEST_NAME_SIZE]; /* relative to the archive directory */
    uint64 size;
    uint64 hash_ns; /* CPU time spent hashing it */
    uint8 digest[PG_SHA256_DIGEST_LENGTH];
} PdFileRecord;

/* The leader, as a dump starts: an empty list, in the transaction's memory. */
extern void pd_manifest_begin(void);
/* Any process: path was written with size bytes and this digest (the manifest itself is never listed). */
extern void pd_manifest_note(const char *path, uint64 size, const uint8 *digest, uint64 hash_ns);
/*
 * A worker, before its first item: what it notes goes to the leader w as
 * it goes, some hundred records at a time, not only after each item (the
 * item of the large objects writes a file per large object).
 */
extern void pd_manifest_stream(PdPoolWorker *w);
/* A worker, after an item: sends what it noted to the leader and forgets it. */
extern void pd_manifest_send(PdPoolWorker *w);
/* The leader: true if the message was a file record (then kept); false for other messages. */
extern bool pd_manifest_receive(const void *data, Size len);
/*
 * The leader, last: writes dir/backup_manifest (through a temporary name,
 * fsynced, renamed) listing every noted file, with their modification times.
 */
extern void pd_write_manifest(const char *dir);
/* Best effort, never an ERROR: removes the manifest (or its temporary file) if this dump wrote it. */
extern void pd_remove_manifest(const char *dir);
