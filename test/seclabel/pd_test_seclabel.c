/*
 * A test-only security label provider ("pd_test") that accepts any label
 * except "forbidden", so that the tests can create security labels to dump.
 * Installed by scripts/test.sh; loaded with shared_preload_libraries.
 */
#include "postgres.h"

#include "commands/seclabel.h"
#include "fmgr.h"

PG_MODULE_MAGIC;

void _PG_init(void);

static void
pd_test_check_label(const ObjectAddress *object, const char *seclabel)
{
	if (seclabel != NULL && strcmp(seclabel, "forbidden") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_NAME),
				 errmsg("label \"%s\" is not allowed", seclabel)));
}

void
_PG_init(void)
{
	register_label_provider("pd_test", pd_test_check_label);
	/* a second provider: an object with two labels (pg_dump writes them in one entry) */
	register_label_provider("pd_test_b", pd_test_check_label);
}
