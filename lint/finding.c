/*
 * finding.c: the findings sink: rule selection, severity threshold,
 * message rendering, and the final sort that makes output deterministic.
 */
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "util.h"

struct findings {
	const struct catalog	*cat;
	bool			*enabled;	/* by catalogue index */
	int			*severity;	/* override, or -1 */
	enum severity		 min;
	struct finding		*v;
	size_t			 n;
	size_t			 cap;
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

void
findings_free(struct findings *fs)
{
	size_t	i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
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

struct finding *
findings_add(struct findings *fs, const struct rule *r,
    const struct source *src, struct span span, const struct msg_arg *args,
    size_t nargs)
{
	struct finding	*f;
	void		*p;
	int		 o = fs->severity[r->index];
	enum severity	 sev = o >= 0 ? (enum severity)o : r->severity;

	if (!findings_enabled(fs, r) || sev < fs->min)
		return NULL;
	p = fs->v;
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
	fs->n = kept;
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

void
findings_sort(struct findings *fs)
{
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(struct finding), finding_cmp);
}

size_t
findings_count(const struct findings *fs)
{
	return fs->n;
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
	const struct finding	*f = &fs->v[i], *g;
	size_t			 j, n = 0;

	for (j = 0; j < i; j++) {
		g = &fs->v[j];
		if (g->rule == f->rule && strcmp(g->src->path,
		    f->src->path) == 0 && (g->key == NULL) == (f->key == NULL) &&
		    (f->key == NULL || strcmp(g->key, f->key) == 0))
			n++;
	}
	return n;
}
