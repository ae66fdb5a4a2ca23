/*
 * pipeline.c: the passes of a run, in their one order.
 *
 * The unit passes run on each unit as soon as it is read, so that a
 * fleet of clean files is linted in the memory of about one: a unit
 * that leaves no finding is freed at once.  The run passes follow, once
 * every unit is judged.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "container.h"
#include "defaults.h"
#include "effective.h"
#include "emit.h"
#include "engine.h"
#include "errlist.h"
#include "finding.h"
#include "jsonw.h"
#include "keydb.h"
#include "outfile.h"
#include "pipeline.h"
#include "snapshot.h"
#include "suppress.h"
#include "unit.h"
#include "util.h"
#include "version.h"

/* A unit of the run, with the settings it leaves in force. */
struct slot {
	struct unit		*unit;
	bool			 owned;		/* loaded by the run */
	bool			 rules;		/* the data rules judge it */
	bool			 drift;		/* kept for drift */
	const struct pipeline_input *in;
	size_t			 first;		/* its first kept finding */
	struct effective	 eff;
};

struct run {
	const struct pipeline_job *job;
	struct findings		*fs;
	struct errlist		*errs;
	int			 line;
	struct slot		*slots;		/* kept: findings or wanted */
	size_t			 nslots;
	size_t			 capslots;
	struct slot		*snapshot;	/* into slots, or NULL */
	struct slot		*image;
	size_t			 units;		/* judged, for the summary */
	size_t			 files;
	size_t			 baselined;	/* findings the baseline hid */
};

struct pass {
	const char	*name;
	void		(*run)(struct run *, struct slot *);
};

/*
 * The syntax pass is the reading itself: the parser reports what it
 * cannot take as findings at the bytes concerned.
 */
static void
pass_keys(struct run *r, struct slot *s)
{
	unit_check(s->unit, r->fs, r->line);
}

/* A pod's or a container's keys against what its runtime lets through. */
static void
pass_containers(struct run *r, struct slot *s)
{
	container_check(s->unit, r->fs, r->line, r->job->kubernetes);
}

/*
 * An image's unset keys keep the kernel's defaults, which the rules
 * then judge; after the key checks, since nothing writes them, and not
 * for --print-effective, which shows what the boot applies.
 */
static void
pass_defaults(struct run *r, struct slot *s)
{
	if (s->in->source == PIPELINE_IMAGE && !r->job->print_effective)
		defaults_add(s->unit, r->fs, r->line);
}

static void
pass_settings(struct run *r, struct slot *s)
{
	(void)r;
	effective_build(s->unit, &s->eff);
}

/*
 * A snapshot holds one value per key, after every write: it repeats
 * nothing, and a partner's write has already cleared its key.
 */
static void
pass_repeats(struct run *r, struct slot *s)
{
	if (!s->unit->snapshot) {
		effective_report_repeats(&s->eff, r->fs);
		effective_report_cleared(&s->eff, r->fs);
	}
}

static void
pass_rules(struct run *r, struct slot *s)
{
	if (s->rules)
		engine_run(r->fs, &s->eff, r->line, r->errs);
}

/*
 * A file's suppressions apply as soon as it is judged, so that a file
 * they leave clean can be freed; an image's wait for drift, whose
 * findings are at its assignments.  A snapshot has no comments.
 */
static void
pass_suppress_unit(struct run *r, struct slot *s)
{
	if (r->job->inline_suppressions && !s->drift && !s->unit->snapshot)
		suppress_apply(r->fs, &s->unit, 1);
}

struct focus {
	const struct unit		*unit;
	const struct pipeline_input	*in;
};

static bool
in_focus(const struct pipeline_input *in, const struct source *src)
{
	size_t	i;

	for (i = 0; i < in->nfocus; i++)
		if (strcmp(in->focus[i], src->path) == 0)
			return true;
	return false;
}

static bool
out_of_focus(const struct finding *f, void *ctx)
{
	const struct focus	*fc = ctx;
	size_t			 i;
	bool			 ours = false;

	for (i = 0; i < fc->unit->n && !ours; i++)
		ours = fc->unit->files[i].src == f->src;
	if (!ours || in_focus(fc->in, f->src))
		return false;
	for (i = 0; i < f->nrelated; i++)
		if (in_focus(fc->in, f->related[i].src))
			return false;
	return true;
}

/*
 * The files of a set that were not named were read for context only:
 * what is wrong in them alone is not this run's to report.
 */
static void
pass_focus(struct run *r, struct slot *s)
{
	struct focus	fc = { s->unit, s->in };

	if (s->in->nfocus > 0)
		findings_drop_if_from(r->fs, s->first, out_of_focus, &fc);
}

static const struct pass unit_passes[] = {
	{ "keys",	pass_keys },
	{ "containers",	pass_containers },
	{ "defaults",	pass_defaults },
	{ "settings",	pass_settings },
	{ "repeats",	pass_repeats },
	{ "rules",	pass_rules },
	{ "suppress",	pass_suppress_unit },
	{ "focus",	pass_focus },
};

/* Drift findings are at the image's assignments, suppressible there. */
static void
pass_drift(struct run *r, struct slot *unused)
{
	(void)unused;
	if (r->image != NULL && r->snapshot != NULL)
		effective_drift(&r->image->eff, &r->snapshot->eff, r->fs);
}

static void
pass_suppress_image(struct run *r, struct slot *unused)
{
	(void)unused;
	if (r->job->inline_suppressions && r->image != NULL)
		suppress_apply(r->fs, &r->image->unit, 1);
}

static void
pass_sort(struct run *r, struct slot *unused)
{
	(void)unused;
	findings_sort(r->fs);
}

/*
 * The new baseline lists every finding, numbered before a baseline
 * drops any, so that a refresh keeps the entries still found; it
 * replaces the old one only once that has been read, and a run with a
 * tool error leaves it as it was.
 */
static void
pass_baseline(struct run *r, struct slot *unused)
{
	const struct pipeline_job *job = r->job;
	struct outfile	*bl = NULL;
	char		*err = NULL;

	(void)unused;
	if (job->write_baseline != NULL) {
		if ((bl = outfile_open(job->write_baseline, &err)) == NULL)
			errlist_add_at(r->errs, job->write_baseline, err);
		else
			baseline_write(r->fs, outfile_stream(bl));
	}
	if (job->baseline != NULL && !baseline_apply(r->fs, job->baseline,
	    &r->baselined, &err))
		errlist_add_at(r->errs, job->baseline, err);
	if (bl != NULL && r->errs->n > 0)
		outfile_discard(bl);
	else if (bl != NULL && !outfile_commit(bl, &err))
		errlist_add_at(r->errs, job->write_baseline, err);
}

static void
pass_limit(struct run *r, struct slot *unused)
{
	(void)unused;
	findings_limit(r->fs);
}

/* A set missing an unreadable file would show wrong values. */
static void
print_effective(struct run *r)
{
	FILE		*out = r->job->print_out;
	struct effective e;
	struct jsonw	*w = NULL;
	size_t		 i, n = 0;

	if (r->errs->n > 0)
		return;
	for (i = 0; i < r->nslots; i++)
		if (!r->slots[i].unit->snapshot)
			n++;
	if (r->job->print_json) {
		w = jsonw_new(out);
		jsonw_object_begin(w);
		jsonw_key(w, "tool");
		jsonw_object_begin(w);
		jsonw_key(w, "name");
		jsonw_string(w, "sysctl-lint");
		jsonw_key(w, "version");
		jsonw_string(w, SYSCTL_LINT_VERSION);
		jsonw_object_end(w);
		jsonw_key(w, "units");
		jsonw_array_begin(w);
	}
	for (i = 0; i < r->nslots; i++) {
		if (r->slots[i].unit->snapshot)
			continue;
		effective_build(r->slots[i].unit, &e);
		if (w != NULL)
			effective_print_json(r->slots[i].unit, &e, w);
		else {
			if (n > 1)
				effective_print_heading(r->slots[i].unit, out);
			effective_print(&e, out);
		}
		effective_free(&e);
	}
	if (w != NULL) {
		jsonw_array_end(w);
		jsonw_object_end(w);
		jsonw_finish(w);
	}
}

/* The errno of a failed write to f, or 0; the error is cleared. */
static int
stream_failure(FILE *f)
{
	int	e, earlier = errno;

	/*
	 * A write that failed while the buffer filled left its errno; the
	 * final flush may find nothing left to write and set none.
	 */
	errno = 0;
	if (fflush(f) == 0 && !ferror(f))
		return 0;
	e = errno != 0 ? errno : earlier != 0 ? earlier : EIO;
	clearerr(f);
	return e;
}

/*
 * Each report sees the tool errors of the reports before it, so the
 * first (standard output) is written before any file is tried.
 */
static void
pass_emit(struct run *r, struct slot *unused)
{
	const struct pipeline_job *job = r->job;
	struct emit_ctx	 ctx;
	struct outfile	*f;
	char		*err = NULL;
	size_t		 i;
	int		 e;

	(void)unused;
	if (job->print_effective) {
		errno = 0;
		print_effective(r);
		if ((e = stream_failure(job->print_out)) != 0)
			errlist_add(r->errs, xasprintf("cannot write standard "
			    "output: %s", strerror(e)));
		return;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.fs = r->fs;
	ctx.errs = r->errs;
	ctx.kernel = r->line >= 0 ? keydb_lines[r->line] : NULL;
	ctx.units = r->units;
	ctx.files = r->files;
	ctx.baselined = r->baselined;
	ctx.quiet = job->quiet;
	for (i = 0; i < job->nreports; i++) {
		const struct pipeline_report *rep = &job->reports[i];

		ctx.color = rep->color;
		errno = 0;	/* what a failed write sets is its own */
		if (rep->out != NULL) {
			ctx.out = rep->out;
			rep->emitter->emit(&ctx);
			if ((e = stream_failure(rep->out)) != 0)
				errlist_add(r->errs, xasprintf("cannot write "
				    "%s: %s", rep->name, strerror(e)));
		} else if ((f = outfile_open(rep->path, &err)) == NULL)
			errlist_add_at(r->errs, rep->path, err);
		else {
			ctx.out = outfile_stream(f);
			rep->emitter->emit(&ctx);
			if (!outfile_commit(f, &err))
				errlist_add_at(r->errs, rep->path, err);
		}
	}
}

static const struct pass run_passes[] = {
	{ "drift",	pass_drift },
	{ "suppress",	pass_suppress_image },
	{ "sort",	pass_sort },
	{ "baseline",	pass_baseline },
	{ "limit",	pass_limit },
	{ "emit",	pass_emit },
};

static struct unit *
read_input(struct run *r, const struct pipeline_input *in, int *line)
{
	const struct pipeline_job *job = r->job;

	*line = -1;
	switch (in->source) {
	case PIPELINE_PATH:
		return unit_load(in->path, job->stdin_label != NULL ?
		    job->stdin_label : "<stdin>", job->source_type, r->fs,
		    r->errs);
	case PIPELINE_SNAPSHOT: {
		struct unit	*u = snapshot_load(in->path, r->fs, r->errs);

		*line = snapshot_kernel_line(u);
		return u;
	}
	case PIPELINE_IMAGE:
		return image_load(in->path, job->loader, r->fs, r->errs, line);
	case PIPELINE_UNIT:
		return in->unit;
	}
	abort();
}

/*
 * Runs the unit passes on u; keeps it if it is still needed.  before:
 * the findings received before u was read, whose own findings (syntax,
 * unreadable members) point into it too; first: the number kept then.
 */
static void
judge(struct run *r, const struct pipeline_input *in, struct unit *u,
    bool rules, size_t before, size_t first)
{
	struct slot	 s;
	size_t		 i;

	if (u == NULL)
		return;
	memset(&s, 0, sizeof(s));
	s.unit = u;
	s.owned = in->source != PIPELINE_UNIT;
	s.rules = rules;
	s.in = in;
	s.first = first;
	s.drift = in->source == PIPELINE_SNAPSHOT ||
	    in->source == PIPELINE_IMAGE;
	for (i = 0; i < ARRAY_LEN(unit_passes); i++)
		unit_passes[i].run(r, &s);
	r->units++;
	r->files += u->nread;
	if (!s.drift)
		effective_free(&s.eff);
	if (!s.drift && !r->job->print_effective &&
	    findings_received(r->fs) == before) {
		if (s.owned)
			unit_free(u);
		return;
	}
	r->slots[r->nslots] = s;
	if (in->source == PIPELINE_SNAPSHOT)
		r->snapshot = &r->slots[r->nslots];
	else if (in->source == PIPELINE_IMAGE)
		r->image = &r->slots[r->nslots];
	r->nslots++;
}

/* Room for more slots; the snapshot's and the image's move with them. */
static void
grow_slots(struct run *r)
{
	size_t	snap = r->snapshot != NULL ? (size_t)(r->snapshot - r->slots) :
		    SIZE_MAX;
	size_t	img = r->image != NULL ? (size_t)(r->image - r->slots) :
		    SIZE_MAX;

	r->capslots *= 2;
	r->slots = xreallocarray(r->slots, r->capslots, sizeof(*r->slots));
	r->snapshot = snap != SIZE_MAX ? &r->slots[snap] : NULL;
	r->image = img != SIZE_MAX ? &r->slots[img] : NULL;
}

/*
 * Judges what an input stands for: a unit, and the units chained after
 * it when the file holds several configurations (the pods of one
 * manifest), each on its own.  The findings of the reading count as the
 * first one's.
 */
static void
judge_input(struct run *r, const struct pipeline_input *in)
{
	struct unit	*u, *next;
	size_t		 before = findings_received(r->fs);
	size_t		 first = findings_count(r->fs);
	int		 line;

	for (u = read_input(r, in, &line); u != NULL; u = next) {
		next = u->next;
		u->next = NULL;
		if (r->nslots == r->capslots)
			grow_slots(r);
		judge(r, in, u, true, before, first);
		before = findings_received(r->fs);
		first = findings_count(r->fs);
	}
}

/*
 * The kernel line is the job's, else the snapshot's, else the image's,
 * else the job's fallback, so both are read before any file.  A snapshot's values are judged by
 * the data rules only when it is the whole input, an audit of a running
 * kernel; beside a configuration, drift compares them with it.
 */
void
pipeline_run(const struct pipeline_job *job, struct findings *fs,
    struct errlist *errs)
{
	static const enum pipeline_source early_kinds[] = {
		PIPELINE_SNAPSHOT, PIPELINE_IMAGE
	};
	struct run	 r;
	struct unit	**early;
	size_t		 i, j;
	int		 line;

	memset(&r, 0, sizeof(r));
	r.job = job;
	r.fs = fs;
	r.errs = errs;
	r.line = job->line;
	r.capslots = job->ninputs + 1;
	r.slots = xcalloc(r.capslots, sizeof(*r.slots));
	early = xcalloc(job->ninputs + 1, sizeof(*early));
	for (j = 0; j < ARRAY_LEN(early_kinds); j++)
		for (i = 0; i < job->ninputs; i++)
			if (job->inputs[i].source == early_kinds[j]) {
				early[i] = read_input(&r, &job->inputs[i],
				    &line);
				if (r.line < 0)
					r.line = line;
			}
	if (r.line < 0 && job->fallback_kernel != NULL)
		r.line = keydb_line_for(job->fallback_kernel);
	for (j = 0; j < ARRAY_LEN(early_kinds); j++)
		for (i = 0; i < job->ninputs; i++)
			if (job->inputs[i].source == early_kinds[j])
				judge(&r, &job->inputs[i], early[i],
				    early_kinds[j] != PIPELINE_SNAPSHOT ||
				    job->ninputs == 1, 0, 0);
	for (i = 0; i < job->ninputs; i++)
		if (job->inputs[i].source != PIPELINE_SNAPSHOT &&
		    job->inputs[i].source != PIPELINE_IMAGE)
			judge_input(&r, &job->inputs[i]);
	free(early);
	for (i = 0; i < ARRAY_LEN(run_passes); i++)
		run_passes[i].run(&r, NULL);
	for (i = 0; i < r.nslots; i++) {
		effective_free(&r.slots[i].eff);
		if (r.slots[i].owned)
			unit_free(r.slots[i].unit);
	}
	free(r.slots);
}
