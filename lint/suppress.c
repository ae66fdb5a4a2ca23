/*
 * suppress.c: drops the findings inline directives silence, then
 * reports directives that name no rule or silenced nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "conf.h"
#include "finding.h"
#include "source.h"
#include "suppress.h"
#include "unit.h"
#include "util.h"

/* One id of one directive. */
struct sid {
	const struct source		*src;
	const struct conf_directive	*dir;
	const struct rule		*rule;	/* NULL: names no rule */
	char				*text;
	struct span			 span;	/* the id in the comment */
	bool				 used;
};

struct sids {
	struct sid	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Ids read from one unit's suppressions: each finding is matched against
 * all of them, and a real file names a handful.  Further ones are not
 * read, so the findings they would silence still show.
 */
#define SUPPRESS_MAX_IDS	1000

static void
add_id(struct sids *s, const struct catalog *cat, const struct source *src,
    const struct conf_directive *dir, uint32_t off, uint32_t len)
{
	void	*p = s->v;

	xgrow(&p, &s->cap, s->n + 1, sizeof(struct sid));
	s->v = p;
	s->v[s->n].src = src;
	s->v[s->n].dir = dir;
	s->v[s->n].text = xstrndup(src->data + off, len);
	s->v[s->n].rule = catalog_find(cat, s->v[s->n].text);
	s->v[s->n].span.off = off;
	s->v[s->n].span.len = len;
	s->v[s->n].used = false;
	s->n++;
}

/*
 * A directive whose list holds no id at all ("disable=,,,") is kept as
 * one id naming no rule, so that it is reported like a misspelt one.
 */
static void
collect(struct sids *s, const struct catalog *cat, const struct source *src,
    const struct conf_directive *dir)
{
	const char	*d = src->data;
	uint32_t	 i = dir->ids.off, end = dir->ids.off + dir->ids.len, j;
	size_t		 first = s->n;

	while (i < end && s->n < SUPPRESS_MAX_IDS) {
		for (j = i; j < end && d[j] != ','; j++)
			continue;
		if (j > i)
			add_id(s, cat, src, dir, i, j - i);
		i = j + 1;
	}
	if (s->n == first && s->n < SUPPRESS_MAX_IDS)
		add_id(s, cat, src, dir, dir->ids.off, dir->ids.len);
}

static bool
silenced(const struct finding *f, void *ctx)
{
	struct sids	*s = ctx;
	size_t		 i;
	bool		 hit = false;

	for (i = 0; i < s->n; i++) {
		struct sid *id = &s->v[i];

		if (id->rule != f->rule || id->src != f->src)
			continue;
		if (!id->dir->whole_file && (id->dir->target.len == 0 ||
		    f->span.off < id->dir->target.off ||
		    f->span.off > id->dir->target.off + id->dir->target.len))
			continue;
		id->used = true;
		hit = true;
	}
	return hit;
}

void
suppress_apply(struct findings *fs, struct unit *const *units, size_t n)
{
	const struct catalog	*cat = findings_catalog(fs);
	struct sids		 s = { NULL, 0, 0 };
	size_t			 i, j, k;
	struct msg_arg		 a[2];

	for (i = 0; i < n; i++)
		for (j = 0; j < units[i]->n; j++) {
			const struct conf *c = units[i]->files[j].conf;

			for (k = 0; c != NULL && k < c->ndirs; k++)
				collect(&s, cat, c->src, &c->dirs[k]);
		}
	if (s.n > 0)
		findings_drop_if(fs, silenced, &s);
	for (i = 0; i < s.n; i++) {
		a[0].name = "id";
		a[0].value = s.v[i].text;
		a[1].name = "where";
		a[1].value = s.v[i].dir->whole_file ? "this file" :
		    "the next assignment";
		if (s.v[i].rule == NULL)
			findings_builtin(fs, BI_UNKNOWN_SUPPRESSION, s.v[i].src,
			    s.v[i].span, a, 2);
		else if (!s.v[i].used)
			findings_builtin(fs, BI_UNUSED_SUPPRESSION, s.v[i].src,
			    s.v[i].span, a, 2);
		free(s.v[i].text);
	}
	free(s.v);
}
