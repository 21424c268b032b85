#include "error_trap.h"

extern "C" {
#include "utils/resowner.h"
}

char *pd_trap_errors(void (*fn)(void *arg), void *arg) {
    MemoryContext cxt = CurrentMemoryContext;
    ResourceOwner owner = CurrentResourceOwner;
    char *volatile message = NULL;
    BeginInternalSubTransaction(NULL);
    MemoryContextSwitchTo(cxt);
    PG_TRY();
    {
        fn(arg);
        ReleaseCurrentSubTransaction();
        MemoryContextSwitchTo(cxt);
        CurrentResourceOwner = owner;
    }
    PG_CATCH();
    {
        MemoryContextSwitchTo(cxt);
        ErrorData *e = CopyErrorData();
        FlushErrorState();
        RollbackAndReleaseCurrentSubTransaction();
        MemoryContextSwitchTo(cxt);
        CurrentResourceOwner = owner;
        if (e->sqlerrcode == ERRCODE_QUERY_CANCELED)
            ReThrowError(e);
        message = e->message;
    }
    PG_END_TRY();
    return message;
}
