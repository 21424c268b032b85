/*
 * pd_dump(..., keep => N): after a successful dump into a path made from a
 * template (%Y%m%d...), the older archives of the same template beyond the
 * N newest are removed.  Only directories that are complete pd_dump
 * archives count and are removed: toc.dat and a valid backup_manifest (its
 * checksum matches) that lists exactly the files of the directory, with
 * their sizes.  Anything else (another directory that matches the
 * template, an archive without a manifest, one with an extra file) is never
 * touched, nor is the archive just written.
 */
#pragma once

#include "pg_includes.h"

/* Before the dump: ERROR unless keep >= 1 and the template's placeholders are all in its last component. */
extern void pd_check_retention(const char *tmpl, int keep);

/*
 * After the dump into written (tmpl expanded): removes the older archives,
 * with a NOTICE for each.  Never an ERROR once the dump succeeded: a
 * problem is a WARNING and leaves the directories as they are.
 */
extern void pd_apply_retention(const char *tmpl, const char *written, int keep);
