/*
 * effective.c: merges a unit's assignments into the settings in force
 * (systemd src/sysctl/sysctl.c parse_line(): a repeated key replaces the
 * earlier entry and goes to the end), prints them with provenance, and
 * compares them with what a running kernel reported.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "effective.h"
#include "finding.h"
#include "source.h"
#include "unit.h"
#include "util.h"
#include "value.h"

void
effective_build(const struct unit *u, struct effective *e)
{
	const struct conf	*c;
	size_t			 i, j, k;
	void			*p;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < u->n; i++) {
		if ((c = u->files[i].conf) == NULL)
			continue;
		for (j = 0; j < c->n; j++) {
			if (c->entries[j].key.len == 0)
				continue;
			for (k = 0; k < e->n; k++)
				if (strcmp(e->v[k].ent->path,
				    c->entries[j].path) == 0 &&
				    e->v[k].ent->kind == c->entries[j].kind)
					break;
			if (k < e->n) {
				memmove(&e->v[k], &e->v[k + 1],
				    (e->n - k - 1) * sizeof(e->v[0]));
				e->n--;
			}
			p = e->v;
			xgrow(&p, &e->cap, e->n + 1, sizeof(e->v[0]));
			e->v = p;
			e->v[e->n].src = u->files[i].src;
			e->v[e->n].ent = &c->entries[j];
			e->n++;
		}
	}
}

void
effective_free(struct effective *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

void
effective_print(const struct effective *e, FILE *out)
{
	size_t	i, line, col;

	for (i = 0; i < e->n; i++) {
		const struct conf_entry *ent = e->v[i].ent;

		source_locate(e->v[i].src, ent->line.off, &line, &col);
		if (ent->kind == CONF_EXCLUDE)
			fprintf(out, "-%s", ent->dotted);
		else
			fprintf(out, "%s%s = %.*s", ent->ignore_failure ?
			    "-" : "", ent->dotted, (int)ent->value.len,
			    e->v[i].src->data + ent->value.off);
		fprintf(out, "  # %s:%zu\n", e->v[i].src->path, line);
	}
}

/* Do two values hold the same numbers (or the same words)? */
static bool
same_value(const char *a, size_t alen, const char *b, size_t blen)
{
	struct value	va, vb;
	size_t		i;
	bool		same;

	value_split(a, alen, &va);
	value_split(b, blen, &vb);
	same = va.n == vb.n;
	for (i = 0; same && i < va.n; i++) {
		const struct value_token *x = &va.tok[i], *y = &vb.tok[i];

		if (x->number && y->number)
			same = x->negative == y->negative &&
			    x->magnitude == y->magnitude;
		else
			same = x->len == y->len && memcmp(a + x->off,
			    b + y->off, x->len) == 0;
	}
	value_free(&va);
	value_free(&vb);
	return same;
}

void
effective_drift(const struct effective *e, const struct unit *snap,
    struct findings *fs)
{
	size_t			 i, f, j;
	const struct conf	*c;
	const struct conf_entry	*ce, *se;
	char			*value, *running;
	struct msg_arg		 a[3];
	struct finding		*fd;

	for (i = 0; i < e->n; i++) {
		ce = e->v[i].ent;
		if (ce->kind != CONF_ASSIGN || ce->glob)
			continue;
		se = NULL;
		for (f = 0; se == NULL && f < snap->n; f++) {
			if ((c = snap->files[f].conf) == NULL)
				continue;
			for (j = 0; j < c->n; j++)
				if (strcmp(c->entries[j].path, ce->path) == 0) {
					se = &c->entries[j];
					break;
				}
		}
		if (se == NULL || same_value(e->v[i].src->data + ce->value.off,
		    ce->value.len, c->src->data + se->value.off,
		    se->value.len))
			continue;
		value = xstrndup(e->v[i].src->data + ce->value.off,
		    ce->value.len);
		running = xstrndup(c->src->data + se->value.off, se->value.len);
		a[0].name = "key";
		a[0].value = ce->dotted;
		a[1].name = "value";
		a[1].value = value;
		a[2].name = "running";
		a[2].value = running;
		fd = findings_builtin(fs, BI_DRIFT, e->v[i].src, ce->line, a,
		    ARRAY_LEN(a));
		if (fd != NULL) {
			finding_set_key(fd, ce->dotted);
			finding_set_value(fd, value, strlen(value));
			finding_add_related(fd, c->src, se->line,
			    "the value the running kernel reported");
		}
		free(value);
		free(running);
	}
}
