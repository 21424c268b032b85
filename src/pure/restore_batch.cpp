/* Batches of a restore's serial phases, and which may run at once (restore_batch.h). */
#include "restore_batch.h"

#include <algorithm>
#include <stdexcept>

#include "no_postgres.h"

namespace pd {
namespace {

/* how far back a full batch looks for a place to end (a few entries: a table's family) */
const int kCutLookBack = 8;

bool starts_with(const OptString &s, const char *prefix) {
    return s && s->compare(0, std::char_traits<char>::length(prefix), prefix) == 0;
}

bool relation_kind(const TocEntry &e) { return e.desc == "TABLE" || e.desc == "SEQUENCE"; }

/*
 * The kinds whose locks on existing objects are known: a table without
 * parents (CREATE TABLE locks only its schema, in a mode nothing here
 * conflicts with; a child would lock its parents), a sequence of its own
 * (not an identity column's, which alters its table), OWNED BY (locks the
 * sequence and its table) and a column default (locks its table).
 */
bool concurrent_kind(const TocEntry &e, const std::vector<const TocEntry *> &deps) {
    if (e.desc == "TABLE") {
        for (const TocEntry *d : deps)
            if (d->desc == "TABLE")
                return false;
        return starts_with(e.defn, "CREATE TABLE ") && e.defn->find(" INHERITS (") == std::string::npos &&
               e.defn->find(" PARTITION OF ") == std::string::npos;
    }
    if (e.desc == "SEQUENCE")
        return starts_with(e.defn, "CREATE SEQUENCE ");
    return e.desc == "SEQUENCE OWNED BY" || e.desc == "DEFAULT";
}

} // namespace

/*
 * A table with a serial column (TABLE, SEQUENCE, SEQUENCE OWNED BY and
 * DEFAULT entries) holds 9 locks until commit, measured; an entry on a
 * large object (lo_create, its ACL or COMMENT) about one.
 */
int entry_locks(const TocEntry &e) {
    if (e.desc == "BLOB" || ((e.desc == "ACL" || e.desc == "COMMENT" || e.desc == "SECURITY LABEL") &&
                             e.tag.compare(0, 13, "LARGE OBJECT ") == 0))
        return 1;
    return 8;
}

std::vector<BatchEntry> batch_entries(const std::vector<const TocEntry *> &phase, bool clean, bool concurrent) {
    std::unordered_map<int, int> position;
    for (size_t i = 0; i < phase.size(); i++)
        if (phase[i])
            position.emplace(phase[i]->dump_id, static_cast<int>(i));
    std::vector<BatchEntry> out(phase.size());
    for (size_t i = 0; i < phase.size(); i++) {
        BatchEntry &b = out[i];
        const TocEntry *e = phase[i];
        if (!e) {
            b.alone = true;
            continue;
        }
        const OptString &sql = clean ? e->drop_stmt : e->defn;
        b.bytes = static_cast<long long>((sql ? sql->size() : 0) + e->tag.size() + 256);
        b.locks = entry_locks(*e);
        std::vector<const TocEntry *> deps;
        for (int id : e->deps) {
            auto p = position.find(id);
            if (p == position.end())
                continue;
            const TocEntry &d = *phase[p->second];
            deps.push_back(&d);
            b.deps.push_back(p->second);
            if (relation_kind(d))
                b.refs.push_back(p->second);
            for (int id2 : d.deps) {
                auto p2 = position.find(id2);
                if (p2 != position.end() && relation_kind(*phase[p2->second]))
                    b.refs.push_back(p2->second);
            }
        }
        b.concurrent = concurrent && !clean && concurrent_kind(*e, deps);
    }
    return out;
}

BatchSchedule::BatchSchedule(std::vector<BatchEntry> entries, BatchLimits limits)
    : entries_(std::move(entries)), limits_(limits), committed_(entries_.size(), 0) {}

/* Entry k may join the batch starting at first, beside running batches or alone. */
bool BatchSchedule::may_join(int k, int first, bool beside) const {
    const BatchEntry &e = entries_[k];
    if (!beside)
        return true; /* nothing else runs: as one batch after another */
    if (!e.concurrent)
        return false;
    for (int d : e.deps)
        if (!(d >= first && d < k) && d >= 0 && d < (int) committed_.size() && !committed_[d])
            return false;
    for (int r : e.refs)
        if (referenced_.count(r))
            return false;
    return true;
}

int BatchSchedule::next(int *first) {
    int n = static_cast<int>(entries_.size());
    if (cursor_ >= n || exclusive_running_)
        return 0;
    bool beside = !running_.empty();
    int start = cursor_, count = 0, locks = 0;
    long long bytes = 0;
    bool full = false;
    for (int k = start; k < n; k++) {
        const BatchEntry &e = entries_[k];
        if (count > 0 && (e.alone || count >= limits_.entries || locks + e.locks > limits_.locks ||
                          bytes + e.bytes > limits_.bytes)) {
            full = !e.alone;
            break;
        }
        if (!may_join(k, start, beside) || (count > 0 && entries_[start].alone))
            break;
        count++;
        locks += e.locks;
        bytes += e.bytes;
    }
    if (count == 0)
        return 0;
    /*
     * A full batch ends, if it can, before an entry that needs none of its
     * entries (a table's sequence and OWNED BY stay with it): the next batch
     * may then start beside it at once.
     */
    for (int c = start + count; full && c > start + 1 && c >= start + count - kCutLookBack; c--)
        if (std::none_of(entries_[c].deps.begin(), entries_[c].deps.end(),
                         [&](int d) { return d >= start && d < c; })) {
            count = c - start;
            break;
        }
    Running r{count, false, {}};
    for (int k = start; k < start + count; k++) {
        r.exclusive |= !entries_[k].concurrent;
        r.refs.insert(r.refs.end(), entries_[k].refs.begin(), entries_[k].refs.end());
    }
    std::sort(r.refs.begin(), r.refs.end());
    r.refs.erase(std::unique(r.refs.begin(), r.refs.end()), r.refs.end());
    for (int ref : r.refs)
        referenced_[ref]++;
    exclusive_running_ = r.exclusive;
    running_.emplace(start, std::move(r));
    cursor_ = start + count;
    *first = start;
    return count;
}

void BatchSchedule::done(int first) {
    auto it = running_.find(first);
    if (it == running_.end())
        throw std::logic_error("a batch reported done that was not running");
    for (int k = first; k < first + it->second.count; k++)
        committed_[k] = 1;
    for (int ref : it->second.refs)
        if (--referenced_[ref] == 0)
            referenced_.erase(ref);
    if (it->second.exclusive)
        exclusive_running_ = false;
    running_.erase(it);
}

} // namespace pd
