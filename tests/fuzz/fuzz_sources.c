/*
 * libFuzzer target: the readers of other sources (tuned, and YAML as
 * Kubernetes, compose and Ansible read it), chosen by the input's first
 * byte.  Every span an entry holds, and every finding's, must lie within
 * the input: libyaml counts characters, and their conversion to bytes
 * is where an off-by-one would hide.
 */
#include "fuzz.h"
#include "reader.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const enum reader_type types[] = {
		READER_AUTO, READER_TUNED, READER_KUBERNETES, READER_COMPOSE,
		READER_ANSIBLE
	};
	struct findings		*fs = findings_new(fuzz_catalog());
	struct reader_out	 out;
	struct source		*src;
	char			*err = NULL;
	size_t			 i, j;

	src = source_from_mem("fuzz.yaml", (const char *)data, len);
	if (reader_read(src, types[len > 0 ? data[0] % 5 : 0], fs, &out,
	    &err)) {
		for (i = 0; i < out.n; i++) {
			const struct conf *c = out.v[i].conf;

			for (j = 0; j < c->n; j++) {
				fuzz_check_span(src, c->entries[j].line);
				fuzz_check_span(src, c->entries[j].key);
				fuzz_check_span(src, c->entries[j].value);
			}
			conf_free(out.v[i].conf);
		}
	}
	free(err);
	for (i = 0; i < findings_count(fs); i++)
		fuzz_check_span(src, findings_at(fs, i)->span);
	reader_out_free(&out);
	source_free(src);
	findings_free(fs);
	return 0;
}
