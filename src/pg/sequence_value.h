/*
 * A sequence's current state, as pg_dump's "SELECT last_value, is_called
 * FROM seq" reads it, but without keeping the sequence's lock to the end of
 * the transaction: a dump of 20,000 serial columns must not need 20,000
 * lock slots.
 */
#pragma once

#include "pg_includes.h"

/* Needs SELECT on the sequence; an ERROR naming label if it was dropped. */
extern void pd_read_sequence(Oid seqid, const char *label, int64 *last_value, bool *is_called);
