/*
 * libFuzzer target: the sysctl.d parser alone, so that its syntax paths
 * get every cycle.  Every span an entry or directive holds must lie
 * within the input: every later stage relies on it without checking.
 */
#include "fuzz.h"

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
		fuzz_check_span(src, conf->entries[i].line);
		fuzz_check_span(src, conf->entries[i].key);
		fuzz_check_span(src, conf->entries[i].value);
	}
	for (i = 0; i < conf->ndirs; i++) {
		fuzz_check_span(src, conf->dirs[i].span);
		fuzz_check_span(src, conf->dirs[i].ids);
		fuzz_check_span(src, conf->dirs[i].target);
	}
	conf_free(conf);
	source_free(src);
	findings_free(fs);
	return 0;
}
