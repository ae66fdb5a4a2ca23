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
#include <string.h>

#include "catalog.h"
#include "conf.h"
#include "emit.h"
#include "errlist.h"
#include "finding.h"
#include "pipeline.h"
#include "source.h"
#include "unit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parses src into a conf, for a sysctl.d file or a snapshot. */
typedef struct conf *fuzz_parse_fn(const struct source *, struct findings *);

/* Aborts when span s leaves src: every later stage relies on it. */
static inline void
fuzz_check_span(const struct source *src, struct span s)
{
	if ((size_t)s.off + s.len > src->len)
		abort();
}

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
 * The run main() makes of the job's one input, through pipeline_run():
 * every pass, inline suppressions, the job's baselines and the report
 * limits, then every emitter, so that each sees findings of every kind.
 * The findings stay with the caller, sorted and limited.
 */
static inline void
fuzz_run(struct pipeline_job *job, struct findings *fs)
{
	static FILE		*sink;
	struct pipeline_report	*reps;
	struct errlist		 errs = ERRLIST_INIT;
	size_t			 i;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	if ((reps = calloc(emit_count(), sizeof(*reps))) == NULL)
		abort();
	for (i = 0; i < emit_count(); i++) {
		reps[i].emitter = emit_at(i);
		reps[i].out = sink;
		reps[i].name = "/dev/null";
		reps[i].color = 1;
	}
	job->ninputs = 1;
	job->inline_suppressions = 1;
	job->reports = reps;
	job->nreports = emit_count();
	pipeline_run(job, fs, &errs);
	errlist_free(&errs);
	free(reps);
}

/* fuzz_run() of a unit the caller made. */
static inline void
fuzz_judge(struct unit *u, struct findings *fs, int line)
{
	struct pipeline_input	in = { .source = PIPELINE_UNIT };
	struct pipeline_job	job = { 0 };

	in.unit = u;
	job.inputs = &in;
	job.line = line;
	fuzz_run(&job, fs);
}

/* fuzz_judge() of one in-memory file parsed by parse, with cat's rules. */
static inline void
fuzz_lint_with(const struct catalog *cat, const uint8_t *data, size_t len,
    fuzz_parse_fn *parse, int snapshot, int line)
{
	static char		 label[] = "fuzz.conf";
	struct findings		*fs;
	struct unit_file	 uf;
	struct unit		 u = { 0 };

	fs = findings_new(cat);
	uf.src = source_from_mem(label, (const char *)data, len);
	uf.conf = parse(uf.src, fs);
	u.label = label;
	u.files = &uf;
	u.n = u.cap = u.nread = 1;
	u.snapshot = snapshot;
	fuzz_judge(&u, fs, line);
	findings_free(fs);
	conf_free(uf.conf);
	source_free(uf.src);
}

static inline void
fuzz_lint(const uint8_t *data, size_t len, fuzz_parse_fn *parse,
    int snapshot, int line)
{
	fuzz_lint_with(fuzz_catalog(), data, len, parse, snapshot, line);
}

#endif
