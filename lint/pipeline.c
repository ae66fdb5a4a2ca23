/*
 * pipeline.c: the passes of a run, in their one order.
 *
 * The unit passes run on each unit as soon as it is read, so that a
 * fleet of clean files is linted in the memory of about one: a unit
 * that leaves no finding is freed at once.  The run passes follow, once
 * every unit is judged; the fix pass judges the units it fixes again,
 * with the unit passes, as many times as its rounds take.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "conf.h"
#include "container.h"
#include "defaults.h"
#include "effective.h"
#include "emit.h"
#include "engine.h"
#include "errlist.h"
#include "finding.h"
#include "fix.h"
#include "jsonw.h"
#include "keydb.h"
#include "outfile.h"
#include "pipeline.h"
#include "root.h"
#include "snapshot.h"
#include "source.h"
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
	bool			 whole;		/* read without a tool error */
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

/*
 * Fixes: each unit's files are fixed in rounds.  A round applies the
 * fixes that do not overlap, and the unit, fixed so far, is judged
 * again in memory, as a run would judge it, so that a fix an overlap
 * held back gets its turn and a second --fix finds nothing to do.
 */
#define FIX_ROUNDS	10

/* A file the fixes may change, and its text so far. */
struct fixable {
	const struct source	*orig;		/* as the run read it */
	const struct source	*cur;		/* as the last round judged it */
	struct fix_text		*text;
	size_t			 fixes;
};

/* Files already written or shown, by identity: each is fixed once. */
struct fix_seen {
	dev_t	*dev;
	ino_t	*ino;
	size_t	 n;
};

static bool
to_apply(const struct run *r, const struct finding *f)
{
	return f->fix != NULL && (f->fix->safe || r->job->unsafe_fixes);
}

static int
by_source(const void *a, const void *b)
{
	uintptr_t	x = (uintptr_t)(*(const struct finding *const *)a)->src;
	uintptr_t	y = (uintptr_t)(*(const struct finding *const *)b)->src;

	return x < y ? -1 : x > y;
}

/* The findings of fs with a fix to apply, in order of their source. */
static const struct finding **
fixes_of(const struct run *r, const struct findings *fs, size_t *n)
{
	const struct finding	**v;
	size_t			  i, total = findings_count(fs);

	v = xcalloc(total + 1, sizeof(*v));
	*n = 0;
	for (i = 0; i < total; i++)
		if (to_apply(r, findings_at(fs, i)))
			v[(*n)++] = findings_at(fs, i);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), by_source);
	return v;
}

/* The range [*lo, *hi) of v whose findings are in src. */
static void
of_source(const struct finding *const *v, size_t n, const struct source *src,
    size_t *lo, size_t *hi)
{
	size_t	a = 0, b = n, mid;

	while (a < b) {
		mid = a + (b - a) / 2;
		if ((uintptr_t)v[mid]->src < (uintptr_t)src)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	for (b = a; b < n && v[b]->src == src; b++)
		continue;
	*hi = b;
}

static enum conf_reader
unit_reader(const struct unit *u)
{
	int	l = u->loader != NULL ? image_loader_parse(u->loader) : -1;

	return l >= 0 ? image_loader_reader((enum loader)l) : CONF_READ_BOTH;
}

/*
 * The unit of s again, its fixable files as fixed so far, judged by the
 * unit passes into a set of its own (suppressions and the baseline
 * applied, as the run applies them), which *out receives.
 */
static struct unit *
relint(struct run *r, const struct slot *s, struct fixable *fx, size_t nfx,
    struct findings **out)
{
	const struct unit	*u = s->unit;
	struct unit		*nu = xcalloc(1, sizeof(*nu));
	struct findings		*fs = findings_new_like(r->fs);
	struct errlist		 errs = ERRLIST_INIT;
	struct run		 r2 = *r;
	struct slot		 s2;
	struct source		*src;
	const char		*data;
	size_t			 i, k = 0, len, nbl;
	char			*err = NULL;

	nu->label = xstrdup(u->label);
	nu->snapshot = u->snapshot;
	nu->loader = u->loader;
	for (i = 0; i < u->n; i++) {
		const struct unit_file *uf = &u->files[i];
		bool	mine = k < nfx && fx[k].orig == uf->src;

		/* The defaults pass adds the kernel's defaults again. */
		if (uf->assumed)
			continue;
		data = uf->src->data;
		len = uf->src->len;
		if (mine && fx[k].text != NULL)
			data = fix_text_data(fx[k].text, &len);
		src = source_from_mem(uf->src->path, data, len);
		if (uf->src->checkout != NULL)
			src->checkout = xstrdup(uf->src->checkout);
		unit_add_file(nu, src, uf->conf != NULL ? conf_parse_as(src,
		    unit_reader(u), fs) : NULL, uf->conf != NULL);
		if (mine)
			fx[k++].cur = src;
	}
	memset(&s2, 0, sizeof(s2));
	s2.unit = nu;
	s2.rules = s->rules;
	s2.in = s->in;
	r2.fs = fs;
	r2.errs = &errs;
	for (i = 0; i < ARRAY_LEN(unit_passes); i++)
		unit_passes[i].run(&r2, &s2);
	effective_free(&s2.eff);
	findings_sort(fs);
	/* The run read the baseline already: it reads the same now. */
	if (r->job->baseline != NULL && !baseline_apply(fs, r->job->baseline,
	    &nbl, &err))
		free(err);
	errlist_free(&errs);
	*out = fs;
	return nu;
}

/* Applies a round of fixes to the files; how many it applied. */
static size_t
fix_round(struct fixable *fx, size_t nfx, const struct finding *const *v,
    size_t nv)
{
	size_t	k, lo, hi, n, total = 0;

	for (k = 0; k < nfx; k++) {
		of_source(v, nv, fx[k].cur, &lo, &hi);
		if (lo == hi)
			continue;
		if (fx[k].text == NULL)
			fx[k].text = fix_text_new(fx[k].orig->data,
			    fx[k].orig->len);
		n = fix_text_apply(fx[k].text, v + lo, hi - lo);
		fx[k].fixes += n;
		total += n;
	}
	return total;
}

/* Is real (a resolved path) top, or inside it? */
static bool
inside(const char *real, const char *top)
{
	char	*t = realpath(top, NULL);
	size_t	 n;
	bool	 in;

	if (t == NULL)
		return false;
	n = strcmp(t, "/") == 0 ? 0 : strlen(t);
	in = strncmp(real, t, n) == 0 && real[n] == '/';
	free(t);
	return in;
}

/* Where a fixed file is written, and what is there now. */
struct place {
	char		*path;		/* NULL: not found */
	struct stat	 st;
	bool		 linked;	/* reached through a symbolic link */
	char		*why;		/* why it is not written, or NULL */
};

/* A file the fixes changed, waiting to be shown or written. */
struct fixed_file {
	const struct slot	*slot;
	struct fixable		 fx;
	struct place		 pl;
};

/*
 * Finds the file src of the unit of s was read from: a file of an image
 * through its root, links followed inside it; else the path as given,
 * and a link there to its target.  Sets pl->why when the file cannot be
 * written, or only through a link it may not follow.
 */
static void
locate(const struct run *r, const struct slot *s, const struct source *src,
    struct place *pl)
{
	struct root		*root;
	struct root_file	 f;
	struct stat		 lst;
	char			 link[64];
	const char		*top = ".";

	memset(pl, 0, sizeof(*pl));
	if (s->in->source == PIPELINE_IMAGE) {
		top = s->in->path;
		if ((root = root_open(top, &pl->why)) == NULL)
			return;
		root_lookup(root, src->path, &f);
		root_close(root);
		if (f.kind != ROOT_REGULAR) {
			if (f.fd >= 0)
				close(f.fd);
			pl->why = xasprintf("not fixing '%s': it is no longer "
			    "a regular file", src->path);
			return;
		}
		snprintf(link, sizeof(link), "/proc/self/fd/%d", f.fd);
		pl->linked = f.links > 0;
		if ((pl->path = realpath(link, NULL)) == NULL ||
		    fstat(f.fd, &pl->st) != 0)
			pl->why = xasprintf("cannot fix '%s': %s", src->path,
			    strerror(errno));
		close(f.fd);
	} else if (strcmp(s->in->path, "-") == 0) {
		pl->why = xasprintf("cannot fix '%s' in place: it is standard "
		    "input (--diff shows its fixes)", src->path);
		return;
	} else if (lstat(src->path, &lst) != 0) {
		pl->why = xasprintf("cannot fix '%s': %s", src->path,
		    strerror(errno));
		return;
	} else {
		pl->linked = S_ISLNK(lst.st_mode);
		pl->path = pl->linked ? realpath(src->path, NULL) :
		    xstrdup(src->path);
		if (pl->path == NULL || stat(pl->path, &pl->st) != 0)
			pl->why = xasprintf("cannot fix '%s': %s", src->path,
			    strerror(errno));
	}
	if (pl->why != NULL || !pl->linked)
		return;
	if (!r->job->fix_links)
		pl->why = xasprintf("not fixing '%s': it is reached through a "
		    "symbolic link (--fix-through-links writes its target)",
		    src->path);
	else if (!inside(pl->path, top))
		pl->why = xasprintf("not fixing '%s': its link leads to '%s', "
		    "outside %s", src->path, pl->path, s->in->source ==
		    PIPELINE_IMAGE ? "the root" : "the working directory");
}

static struct errlist *
fix_errs(const struct run *r)
{
	return r->job->fix_errs != NULL ? r->job->fix_errs : r->errs;
}

/* Whether the file at pl was written or shown already; records it. */
static bool
seen_before(struct fix_seen *seen, const struct place *pl)
{
	size_t	i;

	if (pl->path == NULL)
		return false;
	for (i = 0; i < seen->n; i++)
		if (seen->dev[i] == pl->st.st_dev &&
		    seen->ino[i] == pl->st.st_ino)
			return true;
	seen->dev = xreallocarray(seen->dev, seen->n + 1, sizeof(dev_t));
	seen->ino = xreallocarray(seen->ino, seen->n + 1, sizeof(ino_t));
	seen->dev[seen->n] = pl->st.st_dev;
	seen->ino[seen->n++] = pl->st.st_ino;
	return false;
}

/*
 * Shows or writes the fixed text of one file, unless it was by another
 * name (a link and its target, a file named twice).
 */
static void
fix_output(struct run *r, const struct fixed_file *ff, struct fix_seen *seen)
{
	const struct pipeline_job *job = r->job;
	const struct fixable	*fx = &ff->fx;
	const char		*data;
	size_t			 len;
	char			*err = NULL;

	if (seen_before(seen, &ff->pl))
		return;
	if (job->fix == PIPELINE_FIX_DIFF)
		fix_text_diff(fx->text, fx->orig->path, job->diff_out);
	else if (ff->pl.why != NULL) {
		errlist_add_at(fix_errs(r), fx->orig->path,
		    xstrdup(ff->pl.why));
		return;
	} else {
		data = fix_text_data(fx->text, &len);
		if (!outfile_replace(ff->pl.path, &ff->pl.st, fx->orig->data,
		    fx->orig->len, data, len, &err)) {
			errlist_add_at(fix_errs(r), fx->orig->path, err);
			return;
		}
	}
	if (job->fixed != NULL) {
		job->fixed->fixes += fx->fixes;
		job->fixed->files++;
	}
}

static bool
fixable(const struct slot *s, const struct unit_file *uf)
{
	/* Fixes are spans of sysctl.d syntax; YAML and tuned have their own. */
	return uf->conf != NULL && !uf->assumed && !uf->foreign &&
	    !s->unit->snapshot &&
	    (s->in->source == PIPELINE_PATH ||
	    s->in->source == PIPELINE_IMAGE) &&
	    (s->in->nfocus == 0 || in_focus(s->in, uf->src));
}

struct fixed_list {
	struct fixed_file	*v;
	size_t			 n;
	size_t			 cap;
};

/* Fixes the files of s in rounds; the changed ones join out. */
static void
fix_slot(struct run *r, const struct slot *s, const struct finding *const *all,
    size_t nall, struct fixed_list *out)
{
	struct fixable		 *fx = xcalloc(s->unit->n + 1, sizeof(*fx));
	struct unit		 *cur = NULL, *next;
	struct findings		 *fs = NULL, *nfs;
	const struct finding	**v = NULL;
	const struct finding *const *use = all;
	size_t			  i, nfx = 0, nuse = nall, round, lo, hi;
	bool			  any = false;
	void			 *p;

	for (i = 0; i < s->unit->n; i++)
		if (fixable(s, &s->unit->files[i])) {
			fx[nfx].orig = fx[nfx].cur = s->unit->files[i].src;
			of_source(all, nall, fx[nfx].orig, &lo, &hi);
			any = any || lo < hi;
			nfx++;
		}
	if (any && !s->whole) {
		errlist_add(fix_errs(r), xasprintf("not fixing the files of "
		    "'%s': part of it could not be read", s->unit->label));
		any = false;
	}
	for (round = 0; any && round < FIX_ROUNDS; round++) {
		if (fix_round(fx, nfx, use, nuse) == 0 ||
		    round + 1 == FIX_ROUNDS)
			break;
		next = relint(r, s, fx, nfx, &nfs);
		unit_free(cur);
		findings_free(fs);
		free(v);
		cur = next;
		fs = nfs;
		use = v = fixes_of(r, fs, &nuse);
	}
	for (i = 0; i < nfx; i++) {
		if (fx[i].text == NULL || !fix_text_changed(fx[i].text)) {
			fix_text_free(fx[i].text);
			continue;
		}
		p = out->v;
		xgrow(&p, &out->cap, out->n + 1, sizeof(*out->v));
		out->v = p;
		out->v[out->n].slot = s;
		out->v[out->n].fx = fx[i];
		locate(r, s, fx[i].orig, &out->v[out->n].pl);
		out->n++;
	}
	free(v);
	findings_free(fs);
	unit_free(cur);
	free(fx);
}

/*
 * After the baseline, so that what it hides is not fixed either, and
 * before the report limits, which concern the report only.
 */
static void
pass_fix(struct run *r, struct slot *unused)
{
	const struct finding	**all;
	struct fixed_list	  done = { NULL, 0, 0 };
	struct fix_seen		  seen = { NULL, NULL, 0 };
	size_t			  i, nall;
	int			  linked;

	(void)unused;
	if (r->job->fix == PIPELINE_FIX_NONE)
		return;
	all = fixes_of(r, r->fs, &nall);
	for (i = 0; i < r->nslots; i++)
		fix_slot(r, &r->slots[i], all, nall, &done);
	free(all);
	/* A link after the files: its target may be one of them. */
	for (linked = 0; linked <= 1; linked++)
		for (i = 0; i < done.n; i++)
			if (done.v[i].pl.linked == (linked == 1))
				fix_output(r, &done.v[i], &seen);
	for (i = 0; i < done.n; i++) {
		fix_text_free(done.v[i].fx.text);
		free(done.v[i].pl.path);
		free(done.v[i].pl.why);
	}
	free(done.v);
	free(seen.dev);
	free(seen.ino);
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
	if (job->fix == PIPELINE_FIX_NONE && job->fixed != NULL) {
		ctx.fixing = true;
		ctx.fixes = job->fixed->fixes;
		ctx.fixed_files = job->fixed->files;
	}
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
	{ "fix",	pass_fix },
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
    bool rules, bool whole, size_t before, size_t first)
{
	struct slot	 s;
	size_t		 i;

	if (u == NULL)
		return;
	memset(&s, 0, sizeof(s));
	s.unit = u;
	s.owned = in->source != PIPELINE_UNIT;
	s.rules = rules;
	s.whole = whole;
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
	size_t		 nerrs = r->errs->n;
	bool		 whole;
	int		 line;

	u = read_input(r, in, &line);
	/* A read that met a tool error leaves its files as they are. */
	whole = r->errs->n == nerrs;
	for (; u != NULL; u = next) {
		next = u->next;
		u->next = NULL;
		if (r->nslots == r->capslots)
			grow_slots(r);
		judge(r, in, u, true, whole, before, first);
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
	bool		*whole;
	size_t		 i, j, nerrs;
	int		 line;

	memset(&r, 0, sizeof(r));
	r.job = job;
	r.fs = fs;
	r.errs = errs;
	r.line = job->line;
	r.capslots = job->ninputs + 1;
	r.slots = xcalloc(r.capslots, sizeof(*r.slots));
	early = xcalloc(job->ninputs + 1, sizeof(*early));
	whole = xcalloc(job->ninputs + 1, sizeof(*whole));
	for (j = 0; j < ARRAY_LEN(early_kinds); j++)
		for (i = 0; i < job->ninputs; i++)
			if (job->inputs[i].source == early_kinds[j]) {
				nerrs = errs->n;
				early[i] = read_input(&r, &job->inputs[i],
				    &line);
				whole[i] = errs->n == nerrs;
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
				    job->ninputs == 1, whole[i], 0, 0);
	for (i = 0; i < job->ninputs; i++)
		if (job->inputs[i].source != PIPELINE_SNAPSHOT &&
		    job->inputs[i].source != PIPELINE_IMAGE)
			judge_input(&r, &job->inputs[i]);
	free(early);
	free(whole);
	for (i = 0; i < ARRAY_LEN(run_passes); i++)
		run_passes[i].run(&r, NULL);
	for (i = 0; i < r.nslots; i++) {
		effective_free(&r.slots[i].eff);
		if (r.slots[i].owned)
			unit_free(r.slots[i].unit);
	}
	free(r.slots);
}
