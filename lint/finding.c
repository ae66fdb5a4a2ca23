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

/*
 * A finding past a keep limit, reduced to what sorting and a baseline
 * need: baselines reach it, though the report only counts it.
 */
struct counted {
	const struct rule	*rule;
	const struct source	*src;
	const char		*key;		/* in findings.keys, or NULL */
	struct span		 span;
	size_t			 seq;
	size_t			 occurrence;
	enum severity		 severity;
	bool			 past_run;	/* FINDINGS_KEEP, not the file's */
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
	size_t			 seq;		/* findings made so far */
	bool			 sorted;
	struct counted		*counted;
	size_t			 ncounted;
	size_t			 capcounted;
	struct arena		*keys;		/* of counted findings */
	/*
	 * What findings_add() hands out for a counted finding, so that the
	 * caller can set its key; settle() moves the key to the record.
	 */
	struct finding		 scratch;
	bool			 scratch_live;
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
	fs->keys = arena_new(4096);
	return fs;
}

struct findings *
findings_new_like(const struct findings *fs)
{
	struct findings	*like = findings_new(fs->cat);
	size_t		 n = catalog_count(fs->cat);

	memcpy(like->enabled, fs->enabled, n * sizeof(bool));
	memcpy(like->severity, fs->severity, n * sizeof(int));
	like->min = fs->min;
	return like;
}

static void	finding_release(struct finding *);
static void	number_occurrences(struct findings *);

/* Moves the key of the counted finding last handed out to its record. */
static void
settle(struct findings *fs)
{
	struct counted	*c;
	size_t		 len;

	if (!fs->scratch_live)
		return;
	c = &fs->counted[fs->ncounted - 1];
	if (fs->scratch.key != NULL) {
		len = strlen(fs->scratch.key) + 1;
		c->key = memcpy(arena_alloc(fs->keys, len), fs->scratch.key,
		    len);
	}
	finding_release(&fs->scratch);
	memset(&fs->scratch, 0, sizeof(fs->scratch));
	fs->scratch_live = false;
}

void
findings_free(struct findings *fs)
{
	size_t	i;

	if (fs == NULL)
		return;
	settle(fs);
	for (i = 0; i < fs->n; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	free(fs->counted);
	arena_free(fs->keys);
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
			    rule_has_tag(r, word) ||
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
	f->seq = fs->seq++;
	fs->n++;
	return f;
}

/*
 * Records a finding past a keep limit, while there is room for its
 * identity; the caller gets a finding to set the key on, nothing else
 * of it is kept.
 */
static struct finding *
count(struct findings *fs, const struct rule *r, enum severity sev,
    const struct source *src, struct span span, struct left_out *l)
{
	struct counted	*c;
	void		*p = fs->counted;

	if (fs->ncounted >= FINDINGS_IDS_KEEP) {
		leave_out(l, src, span, sev);
		return NULL;
	}
	xgrow(&p, &fs->capcounted, fs->ncounted + 1, sizeof(*c));
	fs->counted = p;
	c = &fs->counted[fs->ncounted++];
	memset(c, 0, sizeof(*c));
	c->rule = r;
	c->src = src;
	c->span = span;
	c->seq = fs->seq++;
	c->severity = sev;
	c->past_run = l == &fs->left;
	fs->scratch.rule = r;
	fs->scratch.severity = sev;
	fs->scratch.src = src;
	fs->scratch.span = span;
	fs->scratch_live = true;
	fs->sorted = false;
	return &fs->scratch;
}

struct finding *
findings_add(struct findings *fs, const struct rule *r,
    const struct source *src, struct span span, const struct msg_arg *args,
    size_t nargs)
{
	return findings_add_as(fs, r, r->severity, src, span, args, nargs);
}

struct finding *
findings_add_as(struct findings *fs, const struct rule *r,
    enum severity natural, const struct source *src, struct span span,
    const struct msg_arg *args, size_t nargs)
{
	struct per_file	*pf;
	int		 o = fs->severity[r->index];
	enum severity	 sev = o >= 0 ? (enum severity)o : natural;

	if (!findings_enabled(fs, r) || sev < fs->min)
		return NULL;
	settle(fs);
	fs->received++;
	pf = per_file(fs, src);
	if (pf->kept >= FINDINGS_KEEP_PER_FILE)
		return count(fs, r, sev, src, span, &pf->left);
	if (fs->n >= FINDINGS_KEEP)
		return count(fs, r, sev, src, span, &fs->left);
	pf->kept++;
	fs->sorted = false;
	return append(fs, r, sev, src, span, args, nargs);
}

/*
 * One report-truncated finding for what l counted, which it resets;
 * total is what the scope held, listed or not.
 */
static void
report_left_out(struct findings *fs, struct left_out *l, const char *scope,
    size_t total)
{
	const struct rule	*r = catalog_builtin(fs->cat,
				    BI_REPORT_TRUNCATED);
	char			 count_s[32], total_s[32];
	struct msg_arg		 a[3];

	if (l->count == 0 || !findings_enabled(fs, r))
		return;
	snprintf(count_s, sizeof(count_s), "%zu", l->count);
	snprintf(total_s, sizeof(total_s), "%zu", total);
	a[0].name = "count";
	a[0].value = count_s;
	a[1].name = "scope";
	a[1].value = scope;
	a[2].name = "total";
	a[2].value = total_s;
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
finding_set_fix(struct finding *f, struct span span, const char *description,
    const char *replacement, bool in_text)
{
	enum fix_safety	s = f->rule->fix;

	if (f->fix == NULL)
		f->fix = xcalloc(1, sizeof(*f->fix));
	else {
		free(f->fix->description);
		free(f->fix->replacement);
	}
	f->fix->span = span;
	f->fix->description = xstrdup(description);
	f->fix->replacement = xstrdup(replacement);
	f->fix->safe = s == FIX_SAFE || (s == FIX_UNSAFE_IN_TEXT && !in_text);
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
	findings_drop_if_from(fs, 0, pred, ctx);
}

void
findings_drop_if_from(struct findings *fs, size_t from,
    bool (*pred)(const struct finding *, void *), void *ctx)
{
	size_t	i, kept = from < fs->n ? from : fs->n;

	settle(fs);
	for (i = kept; i < fs->n; i++) {
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

/* The report's order: path, position, rule id, then report order. */
static int
place_cmp(const struct source *as, uint32_t aoff, const struct rule *ar,
    size_t aseq, const struct source *bs, uint32_t boff,
    const struct rule *br, size_t bseq)
{
	int	c;

	if ((c = strcmp(as->path, bs->path)) != 0)
		return c;
	if (as != bs)
		return as < bs ? -1 : 1;
	if (aoff != boff)
		return aoff < boff ? -1 : 1;
	if ((c = strcmp(ar->id, br->id)) != 0)
		return c;
	return aseq < bseq ? -1 : aseq > bseq;
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding	*x = a, *y = b;

	return place_cmp(x->src, x->span.off, x->rule, x->seq, y->src,
	    y->span.off, y->rule, y->seq);
}

static int
counted_cmp(const void *a, const void *b)
{
	const struct counted	*x = a, *y = b;

	return place_cmp(x->src, x->span.off, x->rule, x->seq, y->src,
	    y->span.off, y->rule, y->seq);
}

/* In the merged order, is the i-th kept finding before the j-th counted? */
static bool
kept_first(const struct findings *fs, size_t i, size_t j)
{
	const struct finding	*f;
	const struct counted	*c;

	/* Either array may be empty, and then NULL: index only inside. */
	if (j == fs->ncounted)
		return true;
	if (i == fs->n)
		return false;
	f = &fs->v[i];
	c = &fs->counted[j];
	return place_cmp(f->src, f->span.off, f->rule, f->seq, c->src,
	    c->span.off, c->rule, c->seq) < 0;
}

/* The name findings share when they have one rule, file and key. */
static char *
occurrence_name(struct arena *a, const struct rule *r,
    const struct source *src, const char *key)
{
	/* Lengths first: no path or key can make two names alike. */
#define OCCURRENCE_FORMAT	"%s %zu:%s %zu:%s"
	size_t		 plen = strlen(src->path), klen = key != NULL ?
			    strlen(key) : 0, len;
	char		*name;

	len = (size_t)snprintf(NULL, 0, OCCURRENCE_FORMAT, r->id, plen, src->path, klen,
	    key != NULL ? key : "-") + 1;
	name = arena_alloc(a, len);
	snprintf(name, len, OCCURRENCE_FORMAT, r->id, plen, src->path, klen, key != NULL ?
	    key : "-");
#undef OCCURRENCE_FORMAT
	return name;
}

/*
 * Numbers each finding, kept or counted, among the sorted ones with its
 * rule, file and key, by a hash of those three: a run may hold
 * FINDINGS_KEEP findings and FINDINGS_IDS_KEEP counted ones.
 */
static void
number_occurrences(struct findings *fs)
{
	struct keyset	*seen = keyset_new(fs->n + fs->ncounted);
	struct arena	*names = arena_new(4096);
	size_t		 i = 0, j = 0, *slot, *occ;

	while (i < fs->n || j < fs->ncounted) {
		if (kept_first(fs, i, j)) {
			slot = keyset_slot(seen, occurrence_name(names,
			    fs->v[i].rule, fs->v[i].src, fs->v[i].key), 0);
			occ = &fs->v[i++].occurrence;
		} else {
			slot = keyset_slot(seen, occurrence_name(names,
			    fs->counted[j].rule, fs->counted[j].src,
			    fs->counted[j].key), 0);
			occ = &fs->counted[j++].occurrence;
		}
		*occ = *slot == KEYSET_NONE ? 0 : *slot + 1;
		*slot = *occ;
	}
	keyset_free(seen);
	arena_free(names);
}

void
findings_sort(struct findings *fs)
{
	settle(fs);
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(struct finding), finding_cmp);
	if (fs->ncounted > 1)
		qsort(fs->counted, fs->ncounted, sizeof(struct counted),
		    counted_cmp);
	number_occurrences(fs);
	fs->sorted = true;
}

/* Counts a finding into l; the note goes to the first place in its file. */
static void
leave_out_at(struct left_out *l, const struct source *src, struct span span,
    enum severity sev)
{
	if (l->count > 0 && l->src == src && span.off < l->span.off)
		l->span = span;
	leave_out(l, src, span, sev);
}

/* Counts finding i as left out (past a report limit) and releases it. */
static void
cut(struct findings *fs, size_t i, struct left_out *l)
{
	struct finding	*f = &fs->v[i];

	leave_out_at(l, f->src, f->span, f->severity);
	finding_release(f);
}

void
findings_limit(struct findings *fs)
{
	struct per_file	*pf;
	struct counted	*c;
	size_t		 i, kept, notes = 0, budget, total;

	settle(fs);
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
	/* The counted findings no baseline took are only counted now. */
	for (i = 0; i < fs->ncounted; i++) {
		c = &fs->counted[i];
		leave_out_at(c->past_run ? &fs->left : &per_file(fs,
		    c->src)->left, c->src, c->span, c->severity);
	}
	fs->ncounted = 0;
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
	/* The run's total: listed, and left out of a file or of the run. */
	total = fs->n + fs->left.count;
	for (i = 0; i < fs->capfiles; i++) {
		pf = &fs->files[i];
		if (pf->src == NULL)
			continue;
		total += pf->left.count;
		report_left_out(fs, &pf->left, "findings in this file",
		    (pf->kept < FINDINGS_MAX_PER_FILE ? pf->kept :
		    FINDINGS_MAX_PER_FILE) + pf->left.count);
	}
	report_left_out(fs, &fs->left, "findings in this run", total);
	findings_sort(fs);
}

static struct finding_id
kept_id(const struct finding *f)
{
	struct finding_id	id = { f->rule, f->src, f->key, f->occurrence };

	return id;
}

static struct finding_id
counted_id(const struct counted *c)
{
	struct finding_id	id = { c->rule, c->src, c->key, c->occurrence };

	return id;
}

void
findings_each_id(const struct findings *fs,
    void (*fn)(const struct finding_id *, void *), void *ctx)
{
	struct finding_id	id;
	size_t			i = 0, j = 0;

	while (i < fs->n || j < fs->ncounted) {
		id = kept_first(fs, i, j) ? kept_id(&fs->v[i++]) :
		    counted_id(&fs->counted[j++]);
		fn(&id, ctx);
	}
}

void
findings_drop_ids(struct findings *fs,
    bool (*pred)(const struct finding_id *, void *), void *ctx)
{
	struct finding_id	 id;
	bool			*drop;
	size_t			 i, kept = 0;

	settle(fs);
	/* Decided before anything moves: dropping renumbers the rest. */
	drop = xcalloc(fs->n + 1, sizeof(bool));
	for (i = 0; i < fs->n; i++) {
		id = kept_id(&fs->v[i]);
		drop[i] = pred(&id, ctx);
	}
	for (i = 0; i < fs->ncounted; i++) {
		id = counted_id(&fs->counted[i]);
		if (!pred(&id, ctx))
			fs->counted[kept++] = fs->counted[i];
	}
	fs->ncounted = kept;
	for (i = 0, kept = 0; i < fs->n; i++) {
		if (drop[i]) {
			finding_release(&fs->v[i]);
			continue;
		}
		fs->v[kept++] = fs->v[i];
	}
	fs->n = kept;
	free(drop);
	if (fs->sorted)
		number_occurrences(fs);
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
