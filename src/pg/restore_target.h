/*
 * Which databases pd_restore may write into.  Its workers connect without
 * pg_hba.conf and past ALLOW_CONNECTIONS false, so the restore itself
 * refuses what no connection of the caller could reach.
 */
#pragma once

#include "pg_includes.h"

/*
 * ERROR unless the calling role may restore into database dboid: it accepts
 * connections, is not template0 (nor any template unless the caller is a
 * superuser), the caller has CONNECT and CREATE on it and, not being a
 * superuser, the privileges of its owner.
 */
extern void pd_restore_check_target(Oid dboid);
