/*
 * libFuzzer target: sysctl -a text read as a snapshot, judged against
 * the key database for the kernel line it names, then reported.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog.h"
#include "conf.h"
#include "emit.h"
#include "finding.h"
#include "snapshot.h"
#include "source.h"
#include "unit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	/* Loaded once: the catalogue is the same for every input. */
	static struct catalog	*cat;
	static FILE		*sink;
	struct findings		*fs;
	struct unit_file	 uf;
	struct unit		 u;
	struct emit_ctx		 ctx;
	char			*err = NULL;

	if (cat == NULL) {
		cat = catalog_new();
		if (!catalog_load_builtin(cat, &err))
			abort();
		sink = fopen("/dev/null", "w");
	}
	fs = findings_new(cat);
	uf.src = source_from_mem("fuzz.snap", (const char *)data, len);
	uf.conf = snapshot_parse(uf.src, fs);
	u.label = NULL;
	u.files = &uf;
	u.n = u.cap = u.nread = 1;
	u.snapshot = 1;
	u.loader = NULL;
	unit_check(&u, fs, snapshot_kernel_line(&u));
	findings_sort(fs);
	ctx.out = sink;
	ctx.fs = fs;
	ctx.kernel = NULL;
	ctx.units = ctx.files = 1;
	ctx.color = false;
	ctx.quiet = false;
	emit_json(&ctx);
	findings_free(fs);
	conf_free(uf.conf);
	source_free(uf.src);
	return 0;
}
