/*
 * The ALTER ... OWNER TO statement pg_restore runs after an ownable object's
 * definition, built from its TOC entry; shared by pd_restore and pd_mirror,
 * which each decide whether the owner may be set.
 */
#pragma once

#include "../pure/toc_archive.h"
#include "pg_includes.h"

/* palloc'd, or NULL when the entry has no owner or is not ownable that way. */
extern char *pd_owner_statement(const pd::TocEntry &e);
