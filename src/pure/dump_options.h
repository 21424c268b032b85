/*
 * pg_dump's output options that decide which TOC entries an archive holds:
 * -s, -a, -x, --no-comments, --no-publications, --no-subscriptions,
 * --no-blobs, and -O (which we apply by recording no owners).
 */
#pragma once

#include "toc_archive.h"

namespace pd {

struct OutputOptions {
    bool schema_only = false;
    bool data_only = false;
    bool no_owner = false;
    bool no_privileges = false;
    bool no_comments = false;
    bool no_publications = false;
    bool no_subscriptions = false;
    bool no_blobs = false;
};

/* Whether an entry belongs in the archive under these options. */
bool entry_wanted(const TocEntry &entry, const OutputOptions &options);

/* What the entry looks like in the archive (owners dropped for no_owner). */
void adjust_entry(TocEntry *entry, const OutputOptions &options);

} // namespace pd
