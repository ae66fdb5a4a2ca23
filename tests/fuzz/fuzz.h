/*
 * fuzz.h: what the libFuzzer targets share: one lint of an in-memory
 * input, from parsing to both reports, with every allocation freed.
 */
#ifndef SYSCTL_LINT_FUZZ_H
#define SYSCTL_LINT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog.h"
#include "conf.h"
#include "emit.h"
#include "finding.h"
#include "source.h"
#include "unit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parses src into a conf, for a sysctl.d file or a snapshot. */
typedef struct conf *fuzz_parse_fn(const struct source *, struct findings *);

static inline void
fuzz_lint(const uint8_t *data, size_t len, fuzz_parse_fn *parse,
    int snapshot, int line)
{
	/* Loaded once: the catalogue is the same for every input. */
	static struct catalog	*cat;
	static FILE		*sink;
	struct findings		*fs;
	struct unit_file	 uf;
	struct unit		 u = { 0 };
	struct emit_ctx		 ctx = { 0 };
	char			*err = NULL;

	if (cat == NULL) {
		cat = catalog_new();
		if (!catalog_load_builtin(cat, &err))
			abort();
		sink = fopen("/dev/null", "w");
	}
	fs = findings_new(cat);
	uf.src = source_from_mem("fuzz.conf", (const char *)data, len);
	uf.conf = parse(uf.src, fs);
	u.files = &uf;
	u.n = u.cap = u.nread = 1;
	u.snapshot = snapshot;
	unit_check(&u, fs, line);
	findings_sort(fs);
	ctx.out = sink;
	ctx.fs = fs;
	ctx.units = ctx.files = 1;
	ctx.color = 1;
	emit_text(&ctx);
	emit_json(&ctx);
	findings_free(fs);
	conf_free(uf.conf);
	source_free(uf.src);
}

#endif
