/*
 * The progress registry's layout in shared memory and how it is found
 * (progress.h is the API; this is for progress*.cpp only).
 *
 * Found by name through ShmemInitStruct, created by the first backend that
 * needs it, out of the spare room PostgreSQL leaves in its main segment:
 * nothing has to be loaded at server start.  Each slot has one writer (its
 * run's leader, or its worker), which updates it between two increments of
 * changecount, as pgstat does for backend status; readers copy a slot until
 * they see the same even count before and after.  Taking or freeing a slot,
 * and folding an exiting worker's figures into its run, happen under the
 * registry's LWLock in exclusive mode; readers hold it shared, so a reader
 * never sees a worker's figures twice or not at all.
 */
#pragma once

#include "pg_includes.h"

extern "C" {
#include "port/atomics.h"
#include "storage/lwlock.h"
}

#define PD_PROGRESS_MAX_RUNS 32
#define PD_PROGRESS_MAX_WORKERS 128 /* shared by all runs; beyond, a worker's figures still count */
#define PD_PROGRESS_ITEM_LEN 96
#define PD_PROGRESS_TARGET_LEN 256
#define PD_PROGRESS_COMMAND_LEN 16

/* What one process (a worker, or a leader working itself) has done. */
typedef struct PdWorkSlot {
    int changecount;
    uint64 run_id; /* 0: free */
    int pid;
    int index;                       /* the worker's number in its pool; -1 for the leader */
    char item[PD_PROGRESS_ITEM_LEN]; /* "" when idle */
    uint64 item_rows;                /* of the current item, so far */
    uint64 item_bytes;
    uint64 rows; /* of the items it finished */
    uint64 bytes;
    int64 items;
} PdWorkSlot;

typedef struct PdRunSlot {
    int changecount;
    uint64 run_id; /* 0: free */
    int pid;
    Oid userid;
    Oid dbid;
    char command[PD_PROGRESS_COMMAND_LEN];
    char target[PD_PROGRESS_TARGET_LEN];
    int phase;
    int workers;
    int64 items_done;
    int64 items_total;
    int64 bytes_total;
    TimestampTz started;
    TimestampTz data_started; /* 0 before the data phase */
    PdWorkSlot leader;        /* the leader's own work (its own changecount) */
    /* workers that exited, or found no slot: added under the lock, or atomically */
    pg_atomic_uint64 extra_rows;
    pg_atomic_uint64 extra_bytes;
} PdRunSlot;

typedef struct PdProgressRegistry {
    uint64 magic;
    int tranche;
    LWLock lock;
    uint64 next_run_id; /* under lock */
    PdRunSlot runs[PD_PROGRESS_MAX_RUNS];
    PdWorkSlot workers[PD_PROGRESS_MAX_WORKERS];
} PdProgressRegistry;

/* What to do when the shared memory has no room left for the registry. */
typedef enum PdRegistryNeed {
    PD_REGISTRY_READ,  /* the views: an ERROR with a HINT */
    PD_REGISTRY_RUN,   /* a leader: one WARNING per backend, the run goes on unregistered */
    PD_REGISTRY_QUIET  /* a worker: its leader has said so already */
} PdRegistryNeed;

/* The registry, created if needed; NULL if there is no room for it. */
extern PdProgressRegistry *pd_progress_registry(PdRegistryNeed need);

/* The writer's side of the changecount protocol (no ERROR can happen in between). */
#define PD_SLOT_BEGIN_WRITE(slot)                                                                                    \
    do {                                                                                                             \
        START_CRIT_SECTION();                                                                                        \
        (slot)->changecount++;                                                                                       \
        pg_write_barrier();                                                                                          \
    } while (0)
#define PD_SLOT_END_WRITE(slot)                                                                                      \
    do {                                                                                                             \
        pg_write_barrier();                                                                                          \
        (slot)->changecount++;                                                                                       \
        END_CRIT_SECTION();                                                                                          \
    } while (0)

/* A consistent copy of a slot whose first member is its changecount; false if it kept changing. */
extern bool pd_slot_copy(const void *slot, void *copy, Size size);

/* Size of the registry in shared memory. */
#define PD_PROGRESS_REGISTRY_SIZE (sizeof(PdProgressRegistry))
