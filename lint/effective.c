/*
 * effective.c: merges a unit's assignments into the settings in force
 * (systemd src/sysctl/sysctl.c parse_line(): a repeated key replaces the
 * earlier entry and goes to the end), prints them with provenance, and
 * compares them with what a running kernel reported.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "effective.h"
#include "finding.h"
#include "jsonw.h"
#include "key.h"
#include "keydb.h"
#include "keyset.h"
#include "source.h"
#include "unit.h"
#include "utf8.h"
#include "util.h"
#include "value.h"

/* An entry of the unit, in apply order. */
struct ordered {
	const struct source	*src;
	const struct conf_entry	*ent;
	bool			 assumed;
	bool			 replaced;	/* by a later one */
	size_t			*slot;		/* its key's in the index */
};

/*
 * Each key's last assignment (or exclusion) survives, at its own place:
 * the survivors in apply order are the order systemd-sysctl applies
 * them in.
 */
static void
record_repeat(struct effective *e, const struct ordered *earlier,
    const struct ordered *later)
{
	struct effective_repeat	*r = &e->repeats[e->nrepeats++];

	r->earlier.src = earlier->src;
	r->earlier.ent = earlier->ent;
	r->later.src = later->src;
	r->later.ent = later->ent;
}

void
effective_build(const struct unit *u, struct effective *e)
{
	const struct conf	*c;
	struct ordered		*v;
	size_t			 n = 0, i, j, keep;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < u->n; i++)
		if ((c = u->files[i].conf) != NULL)
			n += c->n;
	v = xcalloc(n + 1, sizeof(struct ordered));
	e->repeats = xcalloc(n + 1, sizeof(struct effective_repeat));
	/* By (path, kind): each key's last entry, later its item. */
	e->by_path = keyset_new(n);
	for (n = 0, i = 0; i < u->n; i++) {
		if ((c = u->files[i].conf) == NULL)
			continue;
		for (j = 0; j < c->n; j++) {
			if (c->entries[j].key.len == 0 &&
			    !c->entries[j].key_is_file)
				continue;
			v[n].src = u->files[i].src;
			v[n].ent = &c->entries[j];
			v[n].assumed = u->files[i].assumed;
			v[n].slot = keyset_slot(e->by_path, v[n].ent->path,
			    (int)v[n].ent->kind);
			if (*v[n].slot != KEYSET_NONE) {
				v[*v[n].slot].replaced = true;
				if (v[n].ent->kind == CONF_ASSIGN)
					record_repeat(e, &v[*v[n].slot],
					    &v[n]);
			}
			*v[n].slot = n;
			n++;
		}
	}
	for (i = 0, keep = 0; i < n; i++)
		keep += !v[i].replaced;
	e->v = xcalloc(keep + 1, sizeof(struct effective_item));
	for (i = 0; i < n; i++) {
		if (v[i].replaced)
			continue;
		*v[i].slot = e->n;
		e->v[e->n].src = v[i].src;
		e->v[e->n].ent = v[i].ent;
		e->v[e->n].assumed = v[i].assumed;
		e->n++;
	}
	e->cap = e->n;
	free(v);
}

const struct effective_item *
effective_find(const struct effective *e, const char *path)
{
	size_t	i;

	if (e->by_path == NULL)
		return NULL;
	i = keyset_get(e->by_path, path, CONF_ASSIGN);
	return i != KEYSET_NONE ? &e->v[i] : NULL;
}

void
effective_free(struct effective *e)
{
	free(e->v);
	keyset_free(e->by_path);
	free(e->repeats);
	memset(e, 0, sizeof(*e));
}

/*
 * True when the two paths name files of one directory that is not the
 * packages' own (lib/sysctl.d, usr/lib/sysctl.d): there, packages
 * layering their defaults by the numbers of their names is how the
 * directory is meant to be used.
 */
static bool
same_directory(const char *a, const char *b)
{
	static const char	 vendor[] = "lib/sysctl.d";
	const char		*sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t			 n = sizeof(vendor) - 1, len;

	if (sa == NULL || sb == NULL)
		return sa == sb;
	if (sa - a != sb - b || memcmp(a, b, (size_t)(sa - a)) != 0)
		return false;
	len = (size_t)(sa - a);
	return !(len >= n && memcmp(sa - n, vendor, n) == 0 &&
	    (len == n || sa[-(ptrdiff_t)n - 1] == '/'));
}

static void
report_repeat(struct findings *fs, const struct effective_repeat *r)
{
	const struct source	*ps = r->earlier.src, *cs = r->later.src;
	const struct conf_entry	*pe = r->earlier.ent, *ce = r->later.ent;
	char			*pv, *cv;
	bool			 same;
	struct msg_arg		 a[3];
	struct finding		*f;

	pv = xstrndup(ps->data + pe->value.off, pe->value.len);
	cv = xstrndup(cs->data + ce->value.off, ce->value.len);
	same = strcmp(pv, cv) == 0;
	a[0].name = "key";
	a[0].value = ce->dotted;
	a[1].name = "value";
	a[1].value = cv;
	a[2].name = "previous";
	a[2].value = pv;
	if (ps != cs && !same) {
		f = findings_builtin(fs, same_directory(ps->path, cs->path) ?
		    BI_CONFLICTING_SET_FILES : BI_OVERRIDDEN_ASSIGNMENT, ps,
		    pe->line, a, ARRAY_LEN(a));
		if (f != NULL) {
			finding_set_key(f, pe->dotted);
			finding_set_value(f, pv, strlen(pv));
			finding_add_related(f, cs, ce->line,
			    "the assignment that wins");
		}
	} else {
		f = findings_builtin(fs, same ? BI_REPEATED_ASSIGNMENT :
		    BI_CONFLICTING_ASSIGNMENT, cs, ce->line, a, ARRAY_LEN(a));
		if (f != NULL) {
			finding_set_key(f, ce->dotted);
			finding_set_value(f, cv, strlen(cv));
			finding_add_related(f, ps, pe->line, same ?
			    "the same value was set here first" :
			    "the earlier value, which this one replaces, was "
			    "set here");
		}
	}
	free(pv);
	free(cv);
}

/* A value text's leading number (blank or junk: 0). */
static long long
leading_number(const struct source *src, const struct conf_entry *ent)
{
	char		*text = xstrndup(src->data + ent->value.off,
			    ent->value.len);
	long long	 v = strtoll(text, NULL, 10);

	free(text);
	return v;
}

/* Below the newest line's minimum: the write fails and clears nothing. */
static bool
below_minimum(const struct keydb_key *k, long long v)
{
	const struct keydb_range *r = &k->ranges[k->nranges - 1];

	return (r->bounded & KEYDB_MIN) && v < r->lo;
}

static void
report_cleared(struct findings *fs, const struct effective_item *gone,
    const struct effective_item *later)
{
	char			*value = xstrndup(gone->src->data +
				    gone->ent->value.off, gone->ent->value.len);
	const struct msg_arg	 a[] = {
		{ "key", gone->ent->dotted },
		{ "value", value },
		{ "partner", later->ent->dotted },
	};
	struct finding		*f;

	f = findings_builtin(fs, BI_CLEARED_BY_PARTNER, gone->src,
	    gone->ent->line, a, ARRAY_LEN(a));
	if (f != NULL) {
		finding_set_key(f, gone->ent->dotted);
		finding_set_value(f, value, strlen(value));
		finding_add_related(f, later->src, later->ent->line,
		    "the write that sets it to 0");
	}
	free(value);
}

void
effective_report_cleared(const struct effective *e, struct findings *fs)
{
	const struct effective_item	*later, *gone;
	const struct keydb_key		*k;
	size_t				 i;

	for (i = 0; (k = keydb_clearing(i)) != NULL; i++)
		if ((later = effective_find(e, k->path)) != NULL &&
		    !later->ent->glob && k->nranges > 0 &&
		    !below_minimum(k, leading_number(later->src, later->ent)) &&
		    (gone = effective_find(e, k->clears)) != NULL &&
		    gone < later && !gone->assumed &&
		    leading_number(gone->src, gone->ent) != 0)
			report_cleared(fs, gone, later);
}

void
effective_report_repeats(const struct effective *e, struct findings *fs)
{
	size_t	i;

	for (i = 0; i < e->nrepeats; i++)
		report_repeat(fs, &e->repeats[i]);
}

void
effective_print(const struct effective *e, FILE *out)
{
	size_t	i, line, col;

	for (i = 0; i < e->n; i++) {
		const struct conf_entry *ent = e->v[i].ent;

		source_locate(e->v[i].src, ent->line.off, &line, &col);
		if (ent->kind == CONF_EXCLUDE || ent->ignore_failure)
			fputc('-', out);
		utf8_puts_escaped(out, ent->dotted, UTF8_LINE_START);
		if (ent->kind != CONF_EXCLUDE) {
			fputs(" = ", out);
			utf8_put_escaped(out, e->v[i].src->data +
			    ent->value.off, ent->value.len, 0);
		}
		fputs("  # ", out);
		utf8_puts_escaped(out, e->v[i].src->path, 0);
		fprintf(out, ":%zu\n", line);
	}
}

void
effective_print_heading(const struct unit *u, FILE *out)
{
	fputs("# ", out);
	utf8_puts_escaped(out, u->label, 0);
	if (u->loader != NULL)
		fprintf(out, ", as read by %s", u->loader);
	fputc('\n', out);
}

void
effective_print_json(const struct unit *u, const struct effective *e,
    struct jsonw *w)
{
	size_t	i, line, col;

	jsonw_object_begin(w);
	jsonw_key(w, "unit");
	jsonw_string(w, u->label);
	jsonw_key(w, "loader");
	jsonw_string_or_null(w, u->loader);
	jsonw_key(w, "settings");
	jsonw_array_begin(w);
	for (i = 0; i < e->n; i++) {
		const struct conf_entry *ent = e->v[i].ent;

		source_locate(e->v[i].src, ent->line.off, &line, &col);
		jsonw_object_begin(w);
		jsonw_key(w, "key");
		jsonw_string(w, ent->dotted);
		jsonw_key(w, "value");
		if (ent->kind == CONF_EXCLUDE)
			jsonw_null(w);
		else
			jsonw_stringn(w, e->v[i].src->data + ent->value.off,
			    ent->value.len);
		jsonw_key(w, "exclude");
		jsonw_bool(w, ent->kind == CONF_EXCLUDE);
		jsonw_key(w, "ignore_failure");
		jsonw_bool(w, ent->kind != CONF_EXCLUDE &&
		    ent->ignore_failure);
		jsonw_key(w, "file");
		jsonw_string(w, e->v[i].src->path);
		jsonw_key(w, "line");
		jsonw_uint(w, line);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_object_end(w);
}

/*
 * Do two values hold the same numbers (or the same words)?  Read token
 * by token: a long value costs no token array.
 */
static bool
same_value(const char *a, size_t alen, const char *b, size_t blen)
{
	struct value_token	x, y;
	size_t			pa = 0, pb = 0;
	bool			more_a, more_b;

	for (;;) {
		more_a = value_next(a, alen, &pa, &x);
		more_b = value_next(b, blen, &pb, &y);
		if (!more_a || !more_b)
			return more_a == more_b;
		if (x.number && y.number ? x.negative != y.negative ||
		    x.magnitude != y.magnitude : x.len != y.len ||
		    memcmp(a + x.off, b + y.off, x.len) != 0)
			return false;
	}
}

void
effective_drift(const struct effective *e, const struct effective *running,
    struct findings *fs)
{
	const struct effective_item	*run;
	size_t				 i;
	const struct conf_entry		*ce, *se;
	char				*value, *reported;
	struct msg_arg			 a[3];
	struct finding			*fd;

	for (i = 0; i < e->n; i++) {
		ce = e->v[i].ent;
		/* Drift is between what the boot writes and what runs. */
		if (e->v[i].assumed || ce->kind != CONF_ASSIGN || ce->glob ||
		    (run = effective_find(running, ce->path)) == NULL)
			continue;
		se = run->ent;
		if (same_value(e->v[i].src->data + ce->value.off,
		    ce->value.len, run->src->data + se->value.off,
		    se->value.len))
			continue;
		value = xstrndup(e->v[i].src->data + ce->value.off,
		    ce->value.len);
		reported = xstrndup(run->src->data + se->value.off,
		    se->value.len);
		a[0].name = "key";
		a[0].value = ce->dotted;
		a[1].name = "value";
		a[1].value = value;
		a[2].name = "running";
		a[2].value = reported;
		fd = findings_builtin(fs, BI_DRIFT, e->v[i].src, ce->line, a,
		    ARRAY_LEN(a));
		if (fd != NULL) {
			finding_set_key(fd, ce->dotted);
			finding_set_value(fd, value, strlen(value));
			finding_add_related(fd, run->src, se->line,
			    "the value the running kernel reported");
		}
		free(value);
		free(reported);
	}
}
