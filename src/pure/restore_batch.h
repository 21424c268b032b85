/*
 * How a serial phase of a restore (pre-data, privileges, clean's DROPs) is
 * cut into batches, each one transaction of one worker, and which batches
 * may run at the same time.  Batches are runs of consecutive entries in
 * archive order and start in that order.  A batch may start while others
 * run only when all its entries are of a kind whose dependencies the TOC
 * states completely and whose locks on existing objects are known (tables
 * without parents, sequences, OWNED BY, column defaults), each entry's
 * dependencies have committed (or are earlier in the batch), and no entry
 * depends on an object an entry of a running batch depends on: so running
 * batches never need each other's objects nor lock the same existing ones
 * (and cannot deadlock).  Any other entry runs with nothing else running.
 */
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "toc_archive.h"

namespace pd {

struct BatchEntry {
    std::vector<int> deps;   /* positions (in the phase's order) of entries it needs */
    std::vector<int> refs;   /* positions of the tables and sequences it depends on, directly or through one entry */
    long long bytes = 0;     /* its SQL, for the batch's size limit */
    int locks = 1;           /* the locks it may hold until commit (an overestimate) */
    bool alone = false;      /* in a batch of its own (table data, large objects, a run of entries) */
    bool concurrent = false; /* may run beside other batches (see above) */
};

struct BatchLimits {
    int entries = 1000;
    long long bytes = 4 * 1024 * 1024;
    int locks = 2000;
};

/* The locks one entry may take, for a batch's lock budget: an overestimate. */
int entry_locks(const TocEntry &e);

/*
 * A serial phase's entries as BatchSchedule takes them: phase[i] is the
 * i-th entry in archive order, or NULL for a run of large objects' entries
 * (alone).  clean: the entries' DROP statements are run (sizes from them).
 * concurrent: whether any entry may run beside others (false: one batch at
 * a time, as before).
 */
std::vector<BatchEntry> batch_entries(const std::vector<const TocEntry *> &phase, bool clean, bool concurrent);

class BatchSchedule {
  public:
    BatchSchedule(std::vector<BatchEntry> entries, BatchLimits limits);
    /*
     * The next batch a free worker may start: sets *first and returns its
     * number of entries, or 0 when none may start now (wait for a running
     * batch to commit) or every entry has started.
     */
    int next(int *first);
    /* The batch starting at first has ended (committed, or failed: what depends on it goes on, as pg_restore's). */
    void done(int first);
    bool finished() const { return cursor_ == (int) entries_.size() && running_.empty(); }
    int running() const { return (int) running_.size(); }

  private:
    struct Running {
        int count;
        bool exclusive;
        std::vector<int> refs; /* the positions its entries depend on */
    };
    std::vector<BatchEntry> entries_;
    BatchLimits limits_;
    std::vector<char> committed_;
    std::unordered_map<int, Running> running_;  /* by first position */
    std::unordered_map<int, int> referenced_;   /* position -> running batches depending on it */
    int cursor_ = 0;
    bool exclusive_running_ = false;
    bool may_join(int k, int first, bool beside) const;
};

} // namespace pd
