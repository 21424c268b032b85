/*
 * pd_progress() and pd_progress_workers(): what runs, read from the
 * progress registry.  A consistent copy of the
 * registry is taken under its lock in shared mode; runs and workers whose
 * process is gone are never shown.  As pg_stat_activity hides query text,
 * a run's target and its items' names are NULL for a caller that is not of
 * the run's role and lacks pg_read_all_stats.
 */
#include "progress.h"
#include "progress_registry.h"

extern "C" {
#include "storage/procarray.h"
#include "utils/float.h"
PG_FUNCTION_INFO_V1(pd_progress);
PG_FUNCTION_INFO_V1(pd_progress_workers);
}

namespace {

const char *const kPhaseNames[] = {"catalog", "data", "post-data", "finishing"};

typedef struct RegistryCopy {
    PdRunSlot runs[PD_PROGRESS_MAX_RUNS];
    bool run_ok[PD_PROGRESS_MAX_RUNS];
    uint64 extra_rows[PD_PROGRESS_MAX_RUNS];
    uint64 extra_bytes[PD_PROGRESS_MAX_RUNS];
    PdWorkSlot workers[PD_PROGRESS_MAX_WORKERS];
    bool worker_ok[PD_PROGRESS_MAX_WORKERS];
} RegistryCopy;

RegistryCopy *copy_registry(void) {
    PdProgressRegistry *reg = pd_progress_registry(PD_REGISTRY_READ);
    RegistryCopy *c = (RegistryCopy *) palloc0(sizeof(RegistryCopy));
    LWLockAcquire(&reg->lock, LW_SHARED);
    for (int i = 0; i < PD_PROGRESS_MAX_RUNS; i++) {
        c->run_ok[i] = pd_slot_copy(&reg->runs[i], &c->runs[i], sizeof(PdRunSlot)) &&
                       pd_slot_copy(&reg->runs[i].leader, &c->runs[i].leader, sizeof(PdWorkSlot)) &&
                       c->runs[i].run_id != 0;
        c->extra_rows[i] = pg_atomic_read_u64(&reg->runs[i].extra_rows);
        c->extra_bytes[i] = pg_atomic_read_u64(&reg->runs[i].extra_bytes);
    }
    for (int i = 0; i < PD_PROGRESS_MAX_WORKERS; i++)
        c->worker_ok[i] = pd_slot_copy(&reg->workers[i], &c->workers[i], sizeof(PdWorkSlot)) &&
                          c->workers[i].run_id != 0;
    LWLockRelease(&reg->lock);
    /* a process that is gone is not shown (its exit callback frees its slot; a crash restarts the server) */
    for (int i = 0; i < PD_PROGRESS_MAX_RUNS; i++)
        c->run_ok[i] = c->run_ok[i] && BackendPidGetProc(c->runs[i].pid) != NULL;
    for (int i = 0; i < PD_PROGRESS_MAX_WORKERS; i++)
        c->worker_ok[i] = c->worker_ok[i] && BackendPidGetProc(c->workers[i].pid) != NULL;
    return c;
}

/* pg_stat_activity's rule for query text */
bool may_see(Oid userid) {
    return has_privs_of_role(GetUserId(), ROLE_PG_READ_ALL_STATS) || has_privs_of_role(GetUserId(), userid);
}

Datum text_or_null(const char *s, bool visible, bool *isnull) {
    *isnull = !visible || s[0] == '\0';
    return *isnull ? (Datum) 0 : CStringGetTextDatum(s);
}

/* How long since ts, as now() - ts gives it. */
Datum since(TimestampTz ts, TimestampTz now) { return DirectFunctionCall2(timestamp_mi, now, ts); }

/*
 * The data phase's pace so far applied to the bytes left; NULL when unknown
 * (before the data phase, nothing read yet, or more read than estimated).
 */
bool remaining(const PdRunSlot *r, uint64 bytes, TimestampTz now, Datum *out) {
    if (r->phase != PD_PHASE_DATA || r->data_started == 0 || bytes == 0 || (int64) bytes > r->bytes_total)
        return false;
    double left = (double) (r->bytes_total - (int64) bytes) / (double) bytes;
    *out = DirectFunctionCall2(interval_mul, since(r->data_started, now), Float8GetDatum(left));
    return true;
}

} // namespace

/*
 * pid, command, datname, target, phase, workers, items_done, items_total,
 * bytes_done, bytes_total, rows_done, elapsed, remaining
 */
extern "C" Datum pd_progress(PG_FUNCTION_ARGS) {
    InitMaterializedSRF(fcinfo, 0);
    ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
    RegistryCopy *c = copy_registry();
    TimestampTz now = GetCurrentTimestamp();
    for (int i = 0; i < PD_PROGRESS_MAX_RUNS; i++) {
        if (!c->run_ok[i])
            continue;
        const PdRunSlot *r = &c->runs[i];
        uint64 rows = r->leader.rows + r->leader.item_rows + c->extra_rows[i];
        uint64 bytes = r->leader.bytes + r->leader.item_bytes + c->extra_bytes[i];
        for (int w = 0; w < PD_PROGRESS_MAX_WORKERS; w++)
            if (c->worker_ok[w] && c->workers[w].run_id == r->run_id) {
                rows += c->workers[w].rows + c->workers[w].item_rows;
                bytes += c->workers[w].bytes + c->workers[w].item_bytes;
            }
        Datum v[13];
        bool n[13] = {false};
        char *datname = get_database_name(r->dbid);
        v[0] = Int32GetDatum(r->pid);
        v[1] = CStringGetTextDatum(r->command);
        n[2] = datname == NULL;
        v[2] = n[2] ? (Datum) 0 : DirectFunctionCall1(namein, CStringGetDatum(datname));
        v[3] = text_or_null(r->target, may_see(r->userid), &n[3]);
        v[4] = CStringGetTextDatum(r->phase >= 0 && r->phase < 4 ? kPhaseNames[r->phase] : "unknown");
        v[5] = Int32GetDatum(r->workers);
        v[6] = Int64GetDatum(r->items_done);
        v[7] = Int64GetDatum(r->items_total);
        v[8] = Int64GetDatum((int64) bytes);
        v[9] = Int64GetDatum(r->bytes_total);
        v[10] = Int64GetDatum((int64) rows);
        v[11] = since(r->started, now);
        n[12] = !remaining(r, bytes, now, &v[12]);
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
    }
    return (Datum) 0;
}

/* leader_pid, pid, worker, current_item, items_done, bytes, rows: the leader too, once it has worked */
extern "C" Datum pd_progress_workers(PG_FUNCTION_ARGS) {
    InitMaterializedSRF(fcinfo, 0);
    ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
    RegistryCopy *c = copy_registry();
    for (int i = 0; i < PD_PROGRESS_MAX_RUNS; i++) {
        if (!c->run_ok[i])
            continue;
        const PdRunSlot *r = &c->runs[i];
        bool visible = may_see(r->userid);
        for (int w = -1; w < PD_PROGRESS_MAX_WORKERS; w++) {
            const PdWorkSlot *s = w < 0 ? &r->leader : &c->workers[w];
            if (w >= 0 && !(c->worker_ok[w] && s->run_id == r->run_id))
                continue;
            if (w < 0 && s->item[0] == '\0' && s->items == 0)
                continue; /* the leader has done no item itself */
            Datum v[7];
            bool n[7] = {false};
            v[0] = Int32GetDatum(r->pid);
            v[1] = Int32GetDatum(s->pid);
            v[2] = Int32GetDatum(s->index);
            n[2] = s->index < 0;
            v[3] = text_or_null(s->item, visible, &n[3]);
            v[4] = Int64GetDatum(s->items);
            v[5] = Int64GetDatum((int64) (s->bytes + s->item_bytes));
            v[6] = Int64GetDatum((int64) (s->rows + s->item_rows));
            tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
        }
    }
    return (Datum) 0;
}
