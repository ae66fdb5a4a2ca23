/*
 * fuzz.h: what the libFuzzer targets share: one lint of an in-memory
 * input, from parsing to every report format, with every allocation
 * freed.
 */
#ifndef SYSCTL_LINT_FUZZ_H
#define SYSCTL_LINT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog.h"
#include "conf.h"
#include "effective.h"
#include "emit.h"
#include "engine.h"
#include "finding.h"
#include "source.h"
#include "suppress.h"
#include "unit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parses src into a conf, for a sysctl.d file or a snapshot. */
typedef struct conf *fuzz_parse_fn(const struct source *, struct findings *);

/* The built-in catalogue, loaded once: it is the same for every input. */
static inline const struct catalog *
fuzz_catalog(void)
{
	static struct catalog	*cat;
	char			*err = NULL;

	if (cat == NULL) {
		cat = catalog_new();
		if (!catalog_load_builtin(cat, &err))
			abort();
	}
	return cat;
}

/*
 * The walk main() takes for one unit: keys, then repeats (not for a
 * snapshot) and the data rules on the settings in force, as for a unit
 * or a snapshot that is the whole input, inline suppressions, then every
 * emitter, so that each sees findings of every kind.
 */
static inline void
fuzz_lint(const uint8_t *data, size_t len, fuzz_parse_fn *parse,
    int snapshot, int line)
{
	static FILE		*sink;
	static void		(*const emitters[])(const struct emit_ctx *) = {
		emit_text, emit_json, emit_sarif, emit_github, emit_gitlab,
	};
	struct findings		*fs;
	struct unit_file	 uf;
	struct unit		 u = { 0 };
	struct unit		*units[1] = { &u };
	struct emit_ctx		 ctx = { 0 };
	struct effective	 eff;
	size_t			 i;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	fs = findings_new(fuzz_catalog());
	uf.src = source_from_mem("fuzz.conf", (const char *)data, len);
	uf.conf = parse(uf.src, fs);
	u.label = (char *)"fuzz.conf";
	u.files = &uf;
	u.n = u.cap = u.nread = 1;
	u.snapshot = snapshot;
	unit_check(&u, fs, line);
	effective_build(&u, &eff);
	if (!snapshot)
		effective_report_repeats(&eff, fs);
	engine_run(fs, &eff, line);
	effective_free(&eff);
	suppress_apply(fs, units, 1);
	findings_sort(fs);
	ctx.out = sink;
	ctx.fs = fs;
	ctx.units = ctx.files = 1;
	ctx.color = 1;
	for (i = 0; i < sizeof(emitters) / sizeof(emitters[0]); i++)
		emitters[i](&ctx);
	findings_free(fs);
	conf_free(uf.conf);
	source_free(uf.src);
}

#endif
