/*
 * Finding (or creating) the progress registry in shared memory without
 * shared_preload_libraries: ShmemInitStruct from a running backend takes
 * its room from the spare space at the end of the main segment.  When that
 * space is gone (the lock table grows into it too) ShmemInitStruct raises
 * an ERROR, releasing its own lock first; here it is caught and becomes a
 * WARNING for a dump or restore, which then runs unregistered, or an ERROR
 * with a HINT for the views.
 */
#include "progress_registry.h"

namespace {

/* set once the registry is initialised (its name has the layout's size: another layout is another name) */
const uint64 kMagic = UINT64CONST(0x70645f70726f6731); /* "pd_prog1" */

PdProgressRegistry *registry = NULL;
bool warned = false;

void init_registry(PdProgressRegistry *r) {
    memset((void *) r, 0, sizeof *r);
    r->tranche = LWLockNewTrancheId();
    LWLockInitialize(&r->lock, r->tranche);
    r->next_run_id = 1;
    for (int i = 0; i < PD_PROGRESS_MAX_RUNS; i++) {
        pg_atomic_init_u64(&r->runs[i].extra_rows, 0);
        pg_atomic_init_u64(&r->runs[i].extra_bytes, 0);
    }
    pg_write_barrier();
    r->magic = kMagic;
}

/* ShmemInitStruct, whose only ERRORs are "no room": true with *out, or false with the error copied. */
bool find_or_create(PdProgressRegistry **out, ErrorData **error) {
    char name[48];
    snprintf(name, sizeof name, "parallel_dump progress %zu", (size_t) PD_PROGRESS_REGISTRY_SIZE);
    MemoryContext cxt = CurrentMemoryContext;
    /* errfinish zeroes these before the longjmp; nothing here holds interrupts or a critical section */
    uint32 holdoff = InterruptHoldoffCount, cancel_holdoff = QueryCancelHoldoffCount, crit = CritSectionCount;
    volatile bool ok = false;
    PG_TRY();
    {
        bool found;
        *out = (PdProgressRegistry *) ShmemInitStruct(name, PD_PROGRESS_REGISTRY_SIZE, &found);
        ok = true;
    }
    PG_CATCH();
    {
        InterruptHoldoffCount = holdoff;
        QueryCancelHoldoffCount = cancel_holdoff;
        CritSectionCount = crit;
        MemoryContextSwitchTo(cxt);
        *error = CopyErrorData();
        FlushErrorState();
    }
    PG_END_TRY();
    return ok;
}

} // namespace

PdProgressRegistry *pd_progress_registry(PdRegistryNeed need) {
    if (registry != NULL)
        return registry;
    PdProgressRegistry *r = NULL;
    ErrorData *error = NULL;
    if (!find_or_create(&r, &error)) {
        if (need == PD_REGISTRY_READ)
            ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY),
                            errmsg("parallel_dump: no shared memory left for the progress registry"),
                            errdetail("%s", error->message),
                            errhint("The registry needs %zu bytes of the spare shared memory PostgreSQL keeps; "
                                    "it is there again after a restart of the server.",
                                    (size_t) PD_PROGRESS_REGISTRY_SIZE)));
        if (need == PD_REGISTRY_RUN && !warned)
            ereport(WARNING, (errcode(ERRCODE_OUT_OF_MEMORY),
                              errmsg("parallel_dump: no shared memory left for the progress registry; "
                                     "this run is not shown in pd_progress"),
                              errdetail("%s", error->message),
                              errhint("It is there again after a restart of the server.")));
        warned = warned || need == PD_REGISTRY_RUN;
        FreeErrorData(error);
        return NULL;
    }
    /* the creator initialises it after ShmemInitStruct has returned: the first to take the lock does */
    LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
    if (r->magic != kMagic)
        init_registry(r);
    LWLockRelease(AddinShmemInitLock);
    LWLockRegisterTranche(r->tranche, "parallel_dump progress");
    registry = r;
    return registry;
}

bool pd_slot_copy(const void *slot, void *copy, Size size) {
    const volatile int *changecount = (const volatile int *) slot;
    for (int tries = 0; tries < 10000; tries++) {
        int before = *changecount;
        pg_read_barrier();
        memcpy(copy, slot, size);
        pg_read_barrier();
        if (before == *changecount && (before & 1) == 0)
            return true;
        pg_spin_delay();
    }
    return false;
}
