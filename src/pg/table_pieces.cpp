#include "table_pieces.h"

#include "../pure/table_ranges.h"
#include "cpu_time.h"
#include "cxx_guard.h"
#include "data_file.h"
#include "manifest_files.h"
#include "module_settings.h"

extern "C" {
#include "utils/timestamp.h"
#include "access/relation.h"
#include "storage/bufmgr.h"
}

namespace {

/* The most pieces of one table (pure/table_ranges.h's default). */
const int kMaxPieces = 1024;

/*
 * The main fork's blocks of a heap table, counted now (after the snapshot),
 * or 0 when it cannot be cut: another table access method, or a lock that
 * another session holds or waits for (the table is then dumped whole, and a
 * worker's NOWAIT lock sends it to the leader as any table).
 */
BlockNumber heap_blocks(Oid relid) {
    if (!ConditionalLockRelationOid(relid, AccessShareLock))
        return 0;
    BlockNumber n = 0;
    Relation rel = try_relation_open(relid, NoLock);
    if (rel != NULL) {
        if (rel->rd_rel->relkind == RELKIND_RELATION && rel->rd_tableam == GetHeapamTableAmRoutine())
            n = RelationGetNumberOfBlocks(rel);
        relation_close(rel, NoLock);
    }
    /* (with the locks taken up front this only gives back the count just added) */
    UnlockRelationOid(relid, AccessShareLock);
    return n;
}

} // namespace

PdTablePieces *pd_plan_table_pieces(const pd::DataItem *items, int nitems, int jobs, pd::WorkScheduler *scheduler) {
    PdTablePieces *p = (PdTablePieces *) MemoryContextAllocZero(TopTransactionContext, sizeof(PdTablePieces));
    p->nitems = nitems;
    p->first = (int *) MemoryContextAlloc(TopTransactionContext, sizeof(int) * (nitems + 1));
    p->count = (int *) MemoryContextAllocZero(TopTransactionContext, sizeof(int) * (nitems + 1));
    p->appended = (int *) MemoryContextAllocZero(TopTransactionContext, sizeof(int) * (nitems + 1));
    p->sha = (PdSha256 *) MemoryContextAllocZero(TopTransactionContext, sizeof(PdSha256) * (nitems + 1));
    p->hashed = (uint64 *) MemoryContextAllocZero(TopTransactionContext, sizeof(uint64) * (nitems + 1));
    pd::SplitPolicy policy;
    policy.jobs = jobs;
    policy.min_table = (int64) pd_dump_split_size_kb * 1024;
    policy.max_pieces = kMaxPieces;
    for (int i = 0; i < nitems; i++)
        policy.total_bytes += items[i].size_bytes;
    int64 threshold = -1;
    pd::cxx_call([&] { threshold = pd::split_threshold(policy); });

    BlockNumber *blocks = (BlockNumber *) palloc0(sizeof(BlockNumber) * (nitems + 1));
    int candidates = 0;
    for (int i = 0; i < nitems; i++) {
        p->first[i] = -1;
        if (threshold >= 0 && items[i].kind == pd::DATA_TABLE && items[i].size_bytes > threshold &&
            (blocks[i] = heap_blocks(items[i].relid)) > 1)
            candidates++;
    }
    PdPiece *pieces = (PdPiece *) MemoryContextAlloc(TopTransactionContext,
                                                     sizeof(PdPiece) * ((Size) candidates * kMaxPieces + 1));
    int npieces = 0;
    pd::cxx_call([&] {
        for (int i = 0; i < nitems; i++) {
            if (blocks[i] < 2)
                continue;
            std::vector<pd::BlockRange> ranges = pd::plan_table_ranges(items[i].size_bytes, blocks[i], policy);
            if (ranges.empty())
                continue;
            p->first[i] = nitems + npieces;
            p->count[i] = (int) ranges.size();
            for (size_t k = 0; k < ranges.size(); k++)
                pieces[npieces++] = PdPiece{i, (int) k, {ranges[k].start, ranges[k].end}};
        }
        for (int i = 0; i < nitems; i++) {
            std::vector<int> deps;
            for (int k = 0; k < p->count[i]; k++)
                deps.push_back(p->first[i] + k);
            scheduler->add(deps.empty() ? items[i].size_bytes : 0, deps);
        }
        /* a piece's own size: the tail's shrink, and largest first is block order */
        int64_t previous = 0;
        for (int k = 0; k < npieces; k++) {
            int item = pieces[k].table_item;
            pd::BlockRange r{pieces[k].range.start, pieces[k].range.end};
            int64_t size = std::max<int64_t>(pd::range_bytes(r, items[item].size_bytes, blocks[item]), 1);
            /* (a block more from rounding must not put a piece ahead of the one before it) */
            if (pieces[k].number > 0)
                size = std::min(size, previous);
            scheduler->add(size);
            previous = size;
        }
    });
    p->pieces = pieces;
    p->nids = nitems + npieces;
    p->written = (bool *) MemoryContextAllocZero(TopTransactionContext, sizeof(bool) * (p->nids + 1));
    for (int i = 0; i < nitems; i++) {
        if (p->count[i] == 0)
            continue;
        const PdBlockRange &first = pieces[p->first[i] - nitems].range;
        const PdBlockRange &last = pieces[p->first[i] - nitems + p->count[i] - 1].range;
        ereport(DEBUG1, (errmsg_internal("pd_dump: table %s is read in %d pieces, of %u blocks down to %u",
                                         items[i].label.c_str(), p->count[i], first.end - first.start,
                                         blocks[i] - Min(last.start, blocks[i]))));
    }
    pfree(blocks);
    return p;
}

int pd_piece_table_item(const PdTablePieces *p, int id) {
    return id < p->nitems ? id : p->pieces[id - p->nitems].table_item;
}

const PdPiece *pd_piece_of(const PdTablePieces *p, int id) {
    return id < p->nitems ? NULL : &p->pieces[id - p->nitems];
}

bool pd_piece_is_join(const PdTablePieces *p, int id) { return id < p->nitems && p->first[id] >= 0; }

void pd_piece_file_name(char *buf, size_t size, int dump_id, int number) {
    snprintf(buf, size, "%d.dat.part%d", dump_id, number);
}

char *pd_piece_path(const char *directory, int dump_id, int number, int compression) {
    if (number == 0)
        return pd_data_file_path(directory, dump_id, compression);
    char name[64];
    pd_piece_file_name(name, sizeof name, dump_id, number);
    return psprintf("%s/%s", directory, name);
}

void pd_piece_written(PdTablePieces *p, int id, const pd::DataItem *items, const char *directory,
                      int compression, volatile bool *created) {
    const PdPiece *piece = pd_piece_of(p, id);
    if (piece == NULL)
        return;
    p->written[id] = true;
    int item = piece->table_item;
    int dump_id = items[item].dump_id;
    char *dst = pd_piece_path(directory, dump_id, 0, compression);
    for (; p->appended[item] < p->count[item] && p->written[p->first[item] + p->appended[item]];
         p->appended[item]++) {
        int k = p->appended[item];
        /* piece 0 wrote the table's file itself: its bytes begin the file's hash */
        if (k == 0) {
            TimestampTz start = GetCurrentTimestamp();
            pd_sha256_begin(&p->sha[item]);
            p->hashed[item] = pd_data_file_hash_from(dst, 0, &p->sha[item]);
            p->hash_us += GetCurrentTimestamp() - start;
            continue;
        }
        /* the others are appended, and hashed on the way */
        char *src = pd_piece_path(directory, dump_id, k, compression);
        TimestampTz start = GetCurrentTimestamp();
        double cpu = pd_cpu_seconds();
        uint64 n = pd_data_file_append(dst, src, &p->sha[item]);
        p->append_bytes += n;
        p->hashed[item] += n;
        p->append_us += GetCurrentTimestamp() - start;
        p->append_cpu += pd_cpu_seconds() - cpu;
        if (unlink(src) != 0)
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not remove file \"%s\": %m", src)));
        created[p->first[item] + k] = false;
        pfree(src);
    }
    pfree(dst);
}

void pd_piece_finish_table(PdTablePieces *p, int id, const pd::DataItem *items, const char *directory,
                           int compression) {
    if (p->appended[id] != p->count[id])
        elog(ERROR, "parallel_dump: table %s has %d of its %d pieces in its data file", items[id].label.c_str(),
             p->appended[id], p->count[id]);
    char *path = pd_piece_path(directory, items[id].dump_id, 0, compression);
    TimestampTz t0 = GetCurrentTimestamp();
    pd_data_file_sync(path);
    TimestampTz t1 = GetCurrentTimestamp();
    uint8 digest[PG_SHA256_DIGEST_LENGTH];
    uint64 hash_ns = p->sha[id].ns;
    pd_sha256_final(&p->sha[id], digest);
    pd_manifest_note(path, p->hashed[id], digest, hash_ns);
    pfree(path);
    ereport(DEBUG1, (errmsg_internal("pd_dump: table %s: %d pieces in its data file; so far appending "
                                     UINT64_FORMAT " bytes (hashed on the way) took %.3f s (leader CPU %.3f s), "
                                     "hashing the first pieces %.3f s; "
                                     "the final fsync %.3f s", items[id].label.c_str(), p->count[id],
                                     p->append_bytes, (double) p->append_us / 1e6, p->append_cpu,
                                     (double) p->hash_us / 1e6, (double) (t1 - t0) / 1e6)));
}
