/*
 * engine.c: evaluates data rules (catalog.c compiles them, expr.c
 * evaluates their conditions) against effective settings.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "conf.h"
#include "effective.h"
#include "engine.h"
#include "errlist.h"
#include "expr.h"
#include "finding.h"
#include "key.h"
#include "keydb.h"
#include "pattern.h"
#include "source.h"
#include "util.h"
#include "value.h"

/*
 * Values a condition read, kept for the message and related places.
 * Most conditions are false, so they are formatted only for a finding.
 */
struct seen_ref {
	char			*key;		/* as written: "x.y" */
	int			 index;		/* element, or -1 */
	struct expr_val		 val;		/* points into sources or keydb */
	const struct effective_item *item;	/* NULL for a default */
};

struct run {
	const struct effective	*eff;
	const struct effective_item *anchor;
	size_t			 line;		/* kernel line for defaults */
	struct seen_ref		*seen;
	size_t			 nseen;
	size_t			 cap;
	char			 numbuf[32];
};

/*
 * Reads token index of text.  Without an index, a value that starts
 * with a number is that number, as the kernel reads a single-number key
 * (the rest is ignored); any other value is its whole text.
 */
static void
read_value(const char *text, size_t len, int index, struct expr_val *out)
{
	struct value	v;
	size_t		i;

	memset(out, 0, sizeof(*out));
	/* Without an index, whether there is a second token is enough. */
	value_split_max(text, len, index < 0 ? 2 : (size_t)index + 1, &v);
	if (index < 0 && v.n != 1 && (v.n == 0 || !v.tok[0].number)) {
		out->kind = EV_STR;
		out->str = text;
		out->len = len;
		value_free(&v);
		return;
	}
	i = index < 0 ? 0 : (size_t)index;
	if (i < v.n) {
		const struct value_token *t = &v.tok[i];

		if (t->number && !t->overflow &&
		    t->magnitude <= (uint64_t)INT64_MAX) {
			out->kind = EV_NUM;
			out->num = t->negative ? -(int64_t)t->magnitude :
			    (int64_t)t->magnitude;
		} else {
			out->kind = EV_STR;
			out->str = text + t->off;
			out->len = t->len;
		}
	}
	value_free(&v);
}

/*
 * The lowest or highest number of a list value such as "8080,9000-9010"
 * (proc_do_large_bitmap()'s syntax); missing when there is none.
 */
static void
list_extreme(const char *text, size_t len, bool highest,
    struct expr_val *out)
{
	size_t		 i = 0, j;
	char		 buf[32];
	long long	 n;
	char		*end;

	memset(out, 0, sizeof(*out));
	while (i < len) {
		while (i < len && (text[i] < '0' || text[i] > '9'))
			i++;
		for (j = 0; i < len && j + 1 < sizeof(buf) && text[i] >= '0' &&
		    text[i] <= '9'; i++)
			buf[j++] = text[i];
		if (j == 0)
			break;
		buf[j] = '\0';
		n = strtoll(buf, &end, 10);
		if (out->kind == EV_MISSING || (highest ? n > out->num :
		    n < out->num)) {
			out->kind = EV_NUM;
			out->num = n;
		}
	}
}

static void
remember(struct run *r, const char *key, int index,
    const struct effective_item *item, const struct expr_val *v)
{
	void	*p;
	size_t	 i;

	for (i = 0; i < r->nseen; i++)
		if (r->seen[i].index == index &&
		    strcmp(r->seen[i].key, key) == 0)
			return;
	p = r->seen;
	xgrow(&p, &r->cap, r->nseen + 1, sizeof(struct seen_ref));
	r->seen = p;
	r->seen[r->nseen].key = xstrdup(key);
	r->seen[r->nseen].index = index;
	r->seen[r->nseen].val = *v;
	r->seen[r->nseen].item = item;
	r->nseen++;
}

/* The placeholder name of a value read ("x.y[2]") and its text. */
static void
format_seen(const struct seen_ref *s, char **name, char **text)
{
	struct buf	b = BUF_INIT;

	if (s->index >= 0)
		*name = xasprintf("%s[%d]", s->key, s->index);
	else
		*name = xstrdup(s->key);
	if (s->val.kind == EV_NUM)
		buf_printf(&b, "%lld", (long long)s->val.num);
	else if (s->val.kind == EV_STR)
		buf_add(&b, s->val.str, s->val.len);
	else
		buf_puts(&b, "unknown");
	if (s->item == NULL && s->val.kind != EV_MISSING)
		buf_puts(&b, " (the default)");
	*text = buf_detach(&b);
}

static void
resolve(void *ctx, const char *key, int index, enum expr_ref ref,
    struct expr_val *out)
{
	struct run			*r = ctx;
	const struct effective_item	*item;
	const struct keydb_key		*k;
	const struct keydb_range	*range;
	char				*path;

	memset(out, 0, sizeof(*out));
	if (key == NULL) {
		item = r->anchor;
		path = xstrdup(item->ent->path);
	} else {
		path = key_to_path(key, strlen(key));
		item = effective_find(r->eff, path);
	}
	switch (ref) {
	case REF_SET:
		out->kind = EV_BOOL;
		out->num = item != NULL;
		free(path);
		return;
	case REF_MIN:
	case REF_MAX:
		if (item != NULL)
			list_extreme(item->src->data + item->ent->value.off,
			    item->ent->value.len, ref == REF_MAX, out);
		free(path);
		return;
	case REF_COUNT:
		if (item != NULL) {
			out->kind = EV_NUM;
			out->num = (int64_t)value_count(item->src->data +
			    item->ent->value.off, item->ent->value.len);
		}
		free(path);
		return;
	case REF_VALUE:
		if (item != NULL) {
			read_value(item->src->data + item->ent->value.off,
			    item->ent->value.len, index, out);
			/* Messages may name the matched key either way. */
			remember(r, key != NULL ? key : "value", index, item,
			    out);
			if (key == NULL)
				remember(r, item->ent->dotted, index, item,
				    out);
			break;
		}
		/* FALLTHROUGH */
	case REF_DEFAULT:
		if ((k = keydb_lookup(path)) != NULL &&
		    (range = keydb_range(k, r->line)) != NULL &&
		    range->def != NULL)
			read_value(range->def, strlen(range->def), index, out);
		if (key != NULL)
			remember(r, key, index, NULL, out);
		break;
	}
	free(path);
}

/*
 * The settings a rule's pattern gave up on (past its match limits): the
 * rule is not judged there, and the run says so once per rule and unit.
 */
struct gave_up {
	const struct effective_item	*first;
	char				*why;
	size_t				 n;
};

static bool
key_applies(const struct rule_key *k, const struct effective_item *it,
    struct gave_up *gu)
{
	char	*why = NULL;

	if (k->re != NULL) {
		switch (pattern_match(k->re, it->ent->dotted, &why)) {
		case PATTERN_MATCH:
			return true;
		case PATTERN_NO_MATCH:
			return false;
		case PATTERN_ERROR:
			if (gu->n++ == 0) {
				gu->first = it;
				gu->why = why;
			} else
				free(why);
			return false;
		}
	}
	if (k->glob)
		return fnmatch(k->path, it->ent->path, FNM_PATHNAME) == 0;
	return strcmp(k->path, it->ent->path) == 0;
}

/* The tool error for what a rule's pattern gave up on. */
static char *
gave_up_error(const struct rule *rule, const struct gave_up *gu)
{
	const struct effective_item *it = gu->first;
	size_t		 line, col;
	char		 more[64] = "";

	source_locate(it->src, it->ent->line.off, &line, &col);
	if (gu->n > 1)
		snprintf(more, sizeof(more), ", nor on %zu more", gu->n - 1);
	/* The key is the input's: shown only when plain, and not whole. */
	return xasprintf("%s: rule '%s': regex gave up on key '%.80s%s' "
	    "(%s:%zu): %s; the rule was not judged on it%s", rule->origin,
	    rule->id, it->ent->printable ? it->ent->dotted : "?",
	    it->ent->printable && strlen(it->ent->dotted) > 80 ? "..." : "",
	    it->src->path, line, gu->why, more);
}

/*
 * Reads the keys a template names ("{net.core.somaxconn}", "{x.y[1]}")
 * that the condition did not read (it may stop early), so that every
 * placeholder has a value.
 */
static void
read_placeholders(struct run *r, const char *tmpl)
{
	const char	*p, *br;
	char		*name;
	int		 index;
	long		 l;
	size_t		 n;
	struct expr_val	 v;

	for (p = tmpl; *p != '\0'; p++) {
		if ((n = rule_placeholder(p)) == 0)
			continue;
		name = xstrndup(p + 1, n - 2);
		p += n - 1;
		index = -1;
		if ((br = strchr(name, '[')) != NULL) {
			l = strtol(br + 1, NULL, 10);
			index = l >= 0 && l <= 64 ? (int)l : 64;
			name[br - name] = '\0';
		}
		if (strchr(name, '.') != NULL && index < 64)
			resolve(r, name, index, REF_VALUE, &v);
		free(name);
	}
}

static int
index_cmp(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The settings a rule applies to, as indices in apply order: exact keys
 * are looked up in the sorted settings, globs and patterns scanned.
 */
static size_t
candidates(const struct rule *rule, const struct effective *eff,
    size_t *out, struct gave_up *gu)
{
	const struct effective_item	*it;
	size_t				 n = 0, k, j;

	for (k = 0; k < rule->nkeys; k++) {
		const struct rule_key *key = &rule->keys[k];

		if (key->re == NULL && !key->glob) {
			if ((it = effective_find(eff, key->path)) != NULL &&
			    !it->ent->glob)
				out[n++] = (size_t)(it - eff->v);
			continue;
		}
		for (j = 0; j < eff->n; j++)
			if (eff->v[j].ent->kind == CONF_ASSIGN &&
			    !eff->v[j].ent->glob &&
			    key_applies(key, &eff->v[j], gu))
				out[n++] = j;
	}
	if (n > 1)
		qsort(out, n, sizeof(size_t), index_cmp);
	for (k = 0, j = 0; k < n; k++)
		if (j == 0 || out[j - 1] != out[k])
			out[j++] = out[k];
	return j;
}

static void
report(struct findings *fs, const struct rule *rule, struct run *r,
    const struct expr_env *env, const char *kernel)
{
	const struct effective_item *a = r->anchor;
	struct msg_arg	*args;
	struct expr_val	 v;
	struct finding	*f;
	char		*value, **lets, **seen, *repl;
	size_t		 i, n = 0;

	value = xstrndup(a->src->data + a->ent->value.off,
	    a->ent->value.len);
	/* Computed values and placeholders first: they may read more keys. */
	read_placeholders(r, rule->message);
	if (rule->fix_replacement != NULL)
		read_placeholders(r, rule->fix_replacement);
	lets = xcalloc(rule->nlets + 1, sizeof(char *));
	for (i = 0; i < rule->nlets; i++) {
		expr_eval(rule->lets[i].expr, env, &v);
		lets[i] = v.kind == EV_NUM ? xasprintf("%lld",
		    (long long)v.num) : v.kind == EV_STR ?
		    xstrndup(v.str, v.len) : xstrdup("unknown");
	}
	seen = xcalloc(2 * r->nseen + 1, sizeof(char *));
	for (i = 0; i < r->nseen; i++)
		format_seen(&r->seen[i], &seen[2 * i], &seen[2 * i + 1]);
	args = xcalloc(r->nseen + rule->nlets + 3, sizeof(*args));
	args[n].name = "key";
	args[n++].value = a->ent->dotted;
	args[n].name = "value";
	args[n++].value = value;
	args[n].name = "kernel";
	args[n++].value = kernel;
	for (i = 0; i < rule->nlets; i++) {
		args[n].name = rule->lets[i].name;
		args[n++].value = lets[i];
	}
	for (i = 0; i < r->nseen; i++) {
		args[n].name = seen[2 * i];
		args[n++].value = seen[2 * i + 1];
	}
	f = findings_add(fs, rule, a->src, a->ent->line, args, n);
	if (f != NULL) {
		finding_set_key(f, a->ent->dotted);
		finding_set_value(f, value, strlen(value));
		for (i = 0; i < r->nseen; i++) {
			const struct effective_item *it = r->seen[i].item;
			char	*msg;
			size_t	 j;

			/* One related place per key, whatever its elements. */
			for (j = 0; j < i; j++)
				if (r->seen[j].item == it)
					break;
			if (it == NULL || it == a || j < i)
				continue;
			msg = xasprintf("'%s' is set here", it->ent->dotted);
			finding_add_related(f, it->src, it->ent->line, msg);
			free(msg);
		}
		if (rule->fix_description != NULL) {
			repl = rule_format(rule->fix_replacement, args, n);
			finding_set_fix(f, a->ent->line, rule->fix_description,
			    repl, false);
			free(repl);
		}
	}
	for (i = 0; i < rule->nlets; i++)
		free(lets[i]);
	free(lets);
	strv_free(seen, 2 * r->nseen);
	free(args);
	free(value);
}

static void
forget(struct run *r)
{
	size_t	i;

	for (i = 0; i < r->nseen; i++)
		free(r->seen[i].key);
	r->nseen = 0;
}

void
engine_run(struct findings *fs, const struct effective *eff, int line,
    struct errlist *errs)
{
	const struct catalog	*cat = findings_catalog(fs);
	struct run		 r;
	struct expr_env		 env;
	const char		*kernel;
	struct gave_up		 gu;
	size_t			 i, j, n, maxkeys = 0, *cand;
	unsigned		 maj = 0, min = 0;

	memset(&r, 0, sizeof(r));
	r.eff = eff;
	r.line = line >= 0 ? (size_t)line : keydb_nlines - 1;
	sscanf(keydb_lines[r.line], "%u.%u", &maj, &min);
	/* Without a target, rules judge for the newest line and say so. */
	kernel = line >= 0 ? keydb_lines[r.line] : "recent kernels";
	env.ctx = &r;
	env.resolve = resolve;
	env.kernel = EXPR_VERSION(maj, min);
	for (i = 0; i < catalog_count(cat); i++)
		if (catalog_rule(cat, i)->nkeys > maxkeys)
			maxkeys = catalog_rule(cat, i)->nkeys;
	/* Each key adds at most every setting. */
	cand = xcalloc(maxkeys * (eff->n + 1) + 1, sizeof(size_t));
	for (i = 0; i < catalog_count(cat); i++) {
		const struct rule *rule = catalog_rule(cat, i);

		if (rule->when == NULL || !findings_enabled(fs, rule))
			continue;
		memset(&gu, 0, sizeof(gu));
		n = candidates(rule, eff, cand, &gu);
		if (gu.n > 0) {
			errlist_add(errs, gave_up_error(rule, &gu));
			free(gu.why);
		}
		for (j = 0; j < n; j++) {
			r.anchor = &eff->v[cand[j]];
			if (expr_true(rule->when, &env))
				report(fs, rule, &r, &env, kernel);
			forget(&r);
		}
	}
	free(cand);
	free(r.seen);
}
