/*
 * libFuzzer target: the sysctl.d parser alone, so that its syntax paths
 * get every cycle.  Every span an entry or directive holds must lie
 * within the input: every later stage relies on it without checking.
 */
#include "fuzz.h"

static void
check_span(const struct source *src, struct span s)
{
	if ((size_t)s.off + s.len > src->len)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct findings	*fs = findings_new(fuzz_catalog());
	struct source	*src;
	struct conf	*conf;
	size_t		 i;

	src = source_from_mem("fuzz.conf", (const char *)data, len);
	conf = conf_parse(src, fs);
	for (i = 0; i < conf->n; i++) {
		check_span(src, conf->entries[i].line);
		check_span(src, conf->entries[i].key);
		check_span(src, conf->entries[i].value);
	}
	for (i = 0; i < conf->ndirs; i++) {
		check_span(src, conf->dirs[i].span);
		check_span(src, conf->dirs[i].ids);
		check_span(src, conf->dirs[i].target);
	}
	conf_free(conf);
	source_free(src);
	findings_free(fs);
	return 0;
}
