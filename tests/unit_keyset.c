/* Unit tests: keyset.c, the index the per-unit passes pair keys with. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "key.h"
#include "keyset.h"

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	struct keyset		*s = keyset_new(300);
	char			 paths[300][32];
	size_t			 i, *slot;
	bool			 all = true;

	/* A new slot is empty; the number put in it is read back. */
	slot = keyset_slot(s, "kernel/sysrq", 0);
	CHECK(&c, *slot == KEYSET_NONE);
	*slot = 7;
	CHECK(&c, keyset_get(s, "kernel/sysrq", 0) == 7);
	CHECK(&c, *keyset_slot(s, "kernel/sysrq", 0) == 7);
	/* Another tag is another key: an exclusion beside an assignment. */
	CHECK(&c, keyset_get(s, "kernel/sysrq", 1) == KEYSET_NONE);
	CHECK(&c, keyset_get(s, "vm/swappiness", 0) == KEYSET_NONE);
	/* Many paths in one set stay apart. */
	for (i = 0; i < 298; i++) {
		snprintf(paths[i], sizeof(paths[i]), "net/core/k%zu", i);
		*keyset_slot(s, paths[i], 0) = i;
	}
	for (i = 0; i < 298; i++)
		if (keyset_get(s, paths[i], 0) != i)
			all = false;
	CHECK(&c, all);
	CHECK(&c, keyset_get(s, "net/core/k298", 0) == KEYSET_NONE);
	keyset_free(s);
	keyset_free(NULL);

	/* FNV-1a: the published value of "a", and the empty string. */
	CHECK(&c, key_hash("a") == 0xe40c292cu);
	CHECK(&c, key_hash("") == 2166136261u);
	return check_done(&c);
}
