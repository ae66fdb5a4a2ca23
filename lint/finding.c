/*
 * finding.c: the findings sink: rule selection, severity threshold,
 * message rendering, and the final sort that makes output deterministic.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "finding.h"
#include "key.h"
#include "keyset.h"
#include "util.h"

/* Findings left out past a limit: where the first was, how many, how bad. */
struct left_out {
	const struct source	*src;
	struct span		 span;
	size_t			 count;
	enum severity		 worst;
};

/* Findings kept of one file, in an open-addressed table by source. */
struct per_file {
	const struct source	*src;		/* NULL: empty slot */
	size_t			 kept;
	struct left_out		 left;
};

struct findings {
	const struct catalog	*cat;
	bool			*enabled;	/* by catalogue index */
	int			*severity;	/* override, or -1 */
	enum severity		 min;
	struct finding		*v;
	size_t			 n;
	size_t			 cap;
	struct per_file		*files;
	size_t			 nfiles;
	size_t			 capfiles;	/* 0 or a power of 2 */
	struct left_out		 left;		/* past FINDINGS_KEEP */
	size_t			 received;	/* kept or left out */
	bool			 sorted;
};

struct findings *
findings_new(const struct catalog *cat)
{
	struct findings	*fs = xcalloc(1, sizeof(*fs));
	size_t		 i;

	fs->cat = cat;
	fs->enabled = xcalloc(catalog_count(cat) + 1, sizeof(bool));
	fs->severity = xcalloc(catalog_count(cat) + 1, sizeof(int));
	for (i = 0; i < catalog_count(cat); i++) {
		fs->enabled[i] = catalog_rule(cat, i)->enabled;
		fs->severity[i] = -1;
	}
	fs->min = SEV_NOTE;
	return fs;
}

static void	finding_release(struct finding *);
static void	number_occurrences(struct findings *);

void
findings_free(struct findings *fs)
{
	size_t	i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	free(fs->files);
	free(fs->enabled);
	free(fs->severity);
	free(fs);
}

const struct catalog *
findings_catalog(const struct findings *fs)
{
	return fs->cat;
}

bool
findings_select(struct findings *fs, const char *list, bool enable,
    char **err)
{
	char	*copy = xstrdup(list), *word, *next;
	size_t	 i, n, hits;
	bool	 ok = true;

	for (word = copy; word != NULL; word = next) {
		if ((next = strchr(word, ',')) != NULL)
			*next++ = '\0';
		if (*word == '\0')
			continue;
		n = strlen(word);
		hits = 0;
		for (i = 0; i < catalog_count(fs->cat); i++) {
			const struct rule *r = catalog_rule(fs->cat, i);

			if (strcmp(word, "all") == 0 ||
			    strcmp(word, r->name) == 0 ||
			    strncmp(word, r->id, n) == 0) {
				fs->enabled[i] = enable;
				hits++;
			}
		}
		if (hits == 0) {
			*err = xasprintf("'%s' names no rule", word);
			ok = false;
			break;
		}
	}
	free(copy);
	return ok;
}

bool
findings_enabled(const struct findings *fs, const struct rule *r)
{
	return fs->enabled[r->index];
}

void
findings_set_min_severity(struct findings *fs, enum severity min)
{
	fs->min = min;
}

void
findings_set_severity(struct findings *fs, const struct rule *r,
    enum severity sev)
{
	fs->severity[r->index] = (int)sev;
}

static size_t
file_slot(const struct per_file *files, size_t cap, const struct source *src)
{
	size_t	i = ((uintptr_t)src >> 4) * 2654435761u & (cap - 1);

	while (files[i].src != NULL && files[i].src != src)
		i = (i + 1) & (cap - 1);
	return i;
}

/* The tally of src's findings, made on first use. */
static struct per_file *
per_file(struct findings *fs, const struct source *src)
{
	struct per_file	*old = fs->files;
	size_t		 i, oldcap = fs->capfiles;

	if (2 * (fs->nfiles + 1) > fs->capfiles) {
		fs->capfiles = oldcap == 0 ? 16 : 2 * oldcap;
		fs->files = xcalloc(fs->capfiles, sizeof(struct per_file));
		for (i = 0; i < oldcap; i++)
			if (old[i].src != NULL)
				fs->files[file_slot(fs->files, fs->capfiles,
				    old[i].src)] = old[i];
		free(old);
	}
	i = file_slot(fs->files, fs->capfiles, src);
	if (fs->files[i].src == NULL) {
		fs->files[i].src = src;
		fs->nfiles++;
	}
	return &fs->files[i];
}

static void
leave_out(struct left_out *l, const struct source *src, struct span span,
    enum severity sev)
{
	if (l->count++ == 0) {
		l->src = src;
		l->span = span;
		l->worst = sev;
	} else if (sev > l->worst)
		l->worst = sev;
}

static struct finding *
append(struct findings *fs, const struct rule *r, enum severity sev,
    const struct source *src, struct span span, const struct msg_arg *args,
    size_t nargs)
{
	struct finding	*f;
	void		*p = fs->v;

	xgrow(&p, &fs->cap, fs->n + 1, sizeof(struct finding));
	fs->v = p;
	f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->rule = r;
	f->severity = sev;
	f->src = src;
	f->span = span;
	f->message = rule_format(r->message, args, nargs);
	f->seq = fs->n++;
	return f;
}

struct finding *
findings_add(struct findings *fs, const struct rule *r,
    const struct source *src, struct span span, const struct msg_arg *args,
    size_t nargs)
{
	struct per_file	*pf;
	int		 o = fs->severity[r->index];
	enum severity	 sev = o >= 0 ? (enum severity)o : r->severity;

	if (!findings_enabled(fs, r) || sev < fs->min)
		return NULL;
	fs->received++;
	pf = per_file(fs, src);
	if (pf->kept >= FINDINGS_KEEP_PER_FILE) {
		leave_out(&pf->left, src, span, sev);
		return NULL;
	}
	if (fs->n >= FINDINGS_KEEP) {
		leave_out(&fs->left, src, span, sev);
		return NULL;
	}
	pf->kept++;
	fs->sorted = false;
	return append(fs, r, sev, src, span, args, nargs);
}

/* One report-truncated finding for what l counted, which it resets. */
static void
report_left_out(struct findings *fs, struct left_out *l, const char *scope,
    size_t limit)
{
	const struct rule	*r = catalog_builtin(fs->cat,
				    BI_REPORT_TRUNCATED);
	char			 count[32], lim[32];
	struct msg_arg		 a[3];

	if (l->count == 0 || !findings_enabled(fs, r))
		return;
	snprintf(count, sizeof(count), "%zu", l->count);
	snprintf(lim, sizeof(lim), "%zu", limit);
	a[0].name = "count";
	a[0].value = count;
	a[1].name = "scope";
	a[1].value = scope;
	a[2].name = "limit";
	a[2].value = lim;
	append(fs, r, l->worst, l->src, l->span, a, 3);
	l->count = 0;
}

void
finding_reformat(struct finding *f, const struct msg_arg *args, size_t nargs)
{
	free(f->message);
	f->message = rule_format(f->rule->message, args, nargs);
}

struct finding *
findings_builtin(struct findings *fs, enum builtin b,
    const struct source *src, struct span span, const struct msg_arg *args,
    size_t nargs)
{
	return findings_add(fs, catalog_builtin(fs->cat, b), src, span, args,
	    nargs);
}

void
finding_set_key(struct finding *f, const char *key)
{
	free(f->key);
	f->key = key == NULL ? NULL : xstrdup(key);
}

void
finding_set_value(struct finding *f, const char *value, size_t len)
{
	free(f->value);
	f->value = value == NULL ? NULL : xstrndup(value, len);
}

void
finding_add_related(struct finding *f, const struct source *src,
    struct span span, const char *message)
{
	f->related = xreallocarray(f->related, f->nrelated + 1,
	    sizeof(struct related));
	f->related[f->nrelated].src = src;
	f->related[f->nrelated].span = span;
	f->related[f->nrelated].message = xstrdup(message);
	f->nrelated++;
}

void
finding_set_fix(struct finding *f, const char *description,
    const char *replacement)
{
	if (f->fix == NULL)
		f->fix = xcalloc(1, sizeof(*f->fix));
	else {
		free(f->fix->description);
		free(f->fix->replacement);
	}
	f->fix->description = xstrdup(description);
	f->fix->replacement = xstrdup(replacement);
}

static void
finding_release(struct finding *f)
{
	size_t	j;

	free(f->message);
	free(f->key);
	free(f->value);
	for (j = 0; j < f->nrelated; j++)
		free(f->related[j].message);
	free(f->related);
	if (f->fix != NULL) {
		free(f->fix->description);
		free(f->fix->replacement);
		free(f->fix);
	}
}

void
findings_drop_if(struct findings *fs,
    bool (*pred)(const struct finding *, void *), void *ctx)
{
	size_t	i, kept = 0;

	for (i = 0; i < fs->n; i++) {
		if (pred(&fs->v[i], ctx)) {
			finding_release(&fs->v[i]);
			continue;
		}
		fs->v[kept++] = fs->v[i];
	}
	if (kept < fs->n) {
		fs->n = kept;
		/* Sorted findings keep their numbers current (baselines). */
		if (fs->sorted)
			number_occurrences(fs);
	}
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->src->path, y->src->path)) != 0)
		return c;
	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	if (x->span.off != y->span.off)
		return x->span.off < y->span.off ? -1 : 1;
	if ((c = strcmp(x->rule->id, y->rule->id)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Numbers each finding among the sorted ones with its rule, file and
 * key, by a hash of those three: a run may hold FINDINGS_MAX findings.
 */
static void
number_occurrences(struct findings *fs)
{
	struct keyset	*seen = keyset_new(fs->n);
	struct arena	*names = arena_new(4096);
	struct finding	*f;
	size_t		 i, len, *slot;
	char		*name;

	for (i = 0; i < fs->n; i++) {
		f = &fs->v[i];
		/* Lengths first: no path or key can make two names alike. */
		len = (size_t)snprintf(NULL, 0, "%s %zu:%s %zu:%s", f->rule->id,
		    strlen(f->src->path), f->src->path,
		    f->key != NULL ? strlen(f->key) : 0,
		    f->key != NULL ? f->key : "-") + 1;
		name = arena_alloc(names, len);
		snprintf(name, len, "%s %zu:%s %zu:%s", f->rule->id,
		    strlen(f->src->path), f->src->path,
		    f->key != NULL ? strlen(f->key) : 0,
		    f->key != NULL ? f->key : "-");
		slot = keyset_slot(seen, name, 0);
		f->occurrence = *slot == KEYSET_NONE ? 0 : *slot + 1;
		*slot = f->occurrence;
	}
	keyset_free(seen);
	arena_free(names);
}

void
findings_sort(struct findings *fs)
{
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(struct finding), finding_cmp);
	number_occurrences(fs);
	fs->sorted = true;
}

/* Counts finding i as left out (past a report limit) and releases it. */
static void
cut(struct findings *fs, size_t i, struct left_out *l)
{
	struct finding	*f = &fs->v[i];

	/* The note goes to the first place left out in its file. */
	if (l->count > 0 && l->src == f->src && f->span.off < l->span.off)
		l->span = f->span;
	leave_out(l, f->src, f->span, f->severity);
	finding_release(f);
}

void
findings_limit(struct findings *fs)
{
	struct per_file	*pf;
	size_t		 i, kept, notes = 0, budget;

	/* Each file's first FINDINGS_MAX_PER_FILE, in order. */
	for (i = 0; i < fs->capfiles; i++)
		fs->files[i].kept = 0;
	for (i = 0, kept = 0; i < fs->n; i++) {
		pf = per_file(fs, fs->v[i].src);
		if (pf->kept++ >= FINDINGS_MAX_PER_FILE) {
			cut(fs, i, &pf->left);
			continue;
		}
		fs->v[kept++] = fs->v[i];
	}
	fs->n = kept;
	for (i = 0; i < fs->capfiles; i++)
		notes += fs->files[i].src != NULL &&
		    fs->files[i].left.count > 0;
	/* Then the first findings of the run, leaving room for the notes. */
	if (fs->n + notes + (fs->left.count > 0) > FINDINGS_MAX) {
		budget = notes + 1 < FINDINGS_MAX ? FINDINGS_MAX - notes - 1 : 0;
		for (i = budget; i < fs->n; i++)
			cut(fs, i, &fs->left);
		fs->n = budget;
	}
	for (i = 0; i < fs->capfiles; i++)
		if (fs->files[i].src != NULL)
			report_left_out(fs, &fs->files[i].left,
			    "findings in this file", FINDINGS_MAX_PER_FILE);
	report_left_out(fs, &fs->left, "findings in this run", FINDINGS_MAX);
	findings_sort(fs);
}

size_t
findings_count(const struct findings *fs)
{
	return fs->n;
}

size_t
findings_received(const struct findings *fs)
{
	return fs->received;
}

const struct finding *
findings_at(const struct findings *fs, size_t i)
{
	return &fs->v[i];
}

size_t
findings_tally(const struct findings *fs, enum severity sev)
{
	size_t	i, n = 0;

	for (i = 0; i < fs->n; i++)
		if (fs->v[i].severity == sev)
			n++;
	return n;
}


size_t
findings_occurrence(const struct findings *fs, size_t i)
{
	return fs->v[i].occurrence;
}
