/*
 * libFuzzer target: a rule file (JSON, with conditions and patterns)
 * loaded into a catalogue that already holds the built-in rules.
 */
#include <stdint.h>
#include <stdlib.h>

#include "catalog.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct catalog	*cat = catalog_new();
	char		*err = NULL;

	if (!catalog_load_builtin(cat, &err))
		abort();
	if (!catalog_add_json(cat, "fuzz.json", (const char *)data, len,
	    &err))
		free(err);
	catalog_free(cat);
	return 0;
}
