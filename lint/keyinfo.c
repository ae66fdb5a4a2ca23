/*
 * keyinfo.c: explains keys from the key database (keydb.c) and the
 * catalogue: which keys a query names, each kernel line's facts folded
 * into rows, and the rules whose keys or conditions name the key.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "container.h"
#include "expr.h"
#include "jsonw.h"
#include "key.h"
#include "keydb.h"
#include "keyinfo.h"
#include "pattern.h"
#include "util.h"

/* One key to explain: its database entry and the path asked for. */
struct item {
	const struct keydb_key	*k;
	char			*path;	/* a device's path for a template */
};

static const char *const type_names[] = {
	"int", "uint", "u8", "ulong", "bool", "jiffies (seconds)",
	"ms_jiffies (milliseconds)", "userhz_jiffies (1/100 s)", "string",
	"bitmap", "custom"
};

/* As rules/keys.json names them. */
static const char *const json_types[] = {
	"int", "uint", "u8", "ulong", "bool", "jiffies", "ms_jiffies",
	"userhz_jiffies", "string", "bitmap", "custom"
};

static const char *
netns_text(unsigned n)
{
	switch (n) {
	case NETNS_PER:
		return "per-netns";
	case NETNS_INIT:
		return "init-netns only";
	case NETNS_GLOBAL:
		return "global (read-only in other namespaces)";
	default:
		return NULL;
	}
}

/* What one line's range says of values, as a row shows it. */
static void
value_facts(struct buf *b, const struct keydb_range *r)
{
	buf_puts(b, r->type < ARRAY_LEN(type_names) ? type_names[r->type] :
	    "custom");
	if (r->count > 1)
		buf_printf(b, " x%u", r->count);
	else if (r->count == 0 && r->type != KT_STRING)
		buf_puts(b, " (a variable number of values)");
	if (r->min != NULL && r->max != NULL)
		buf_printf(b, " %s..%s", r->min, r->max);
	else if (r->min != NULL)
		buf_printf(b, " >= %s", r->min);
	else if (r->max != NULL)
		buf_printf(b, " <= %s", r->max);
	if (r->words != NULL)
		buf_printf(b, " (%s)", r->words);
	buf_printf(b, " default %s mode %04o", r->def != NULL ? r->def :
	    "unknown", r->mode);
	if (r->handler != NULL)
		buf_printf(b, " handler %s", r->handler);
	if (r->cond != NULL) {
		buf_printf(b, "; %s:", r->cond);
		if ((r->cbounded & (KEYDB_MIN | KEYDB_MAX)) != 0)
			buf_printf(b, " %lld..%lld", (long long)r->clo,
			    (long long)r->chi);
		if (r->cmode != 0)
			buf_printf(b, " mode %04o", r->cmode);
	}
}

/* Where the lines of a range come from. */
static void
where_facts(struct buf *b, const struct keydb_range *r)
{
	const char	*ns = netns_text(r->netns);

	if (ns != NULL)
		buf_printf(b, "namespace: %s; ", ns);
	buf_printf(b, "module: %s; kconfig: %s; ", r->module != NULL ?
	    r->module : "none", r->kconfig != NULL ? r->kconfig : "none");
	if (r->config != NULL)
		buf_printf(b, "only with: %s; ", r->config);
	buf_printf(b, "source: %s", r->src != NULL ? r->src : "unknown");
}

static char *
facts_of(const struct keydb_range *r, bool where)
{
	struct buf	b = BUF_INIT;

	if (where)
		where_facts(&b, r);
	else
		value_facts(&b, r);
	return buf_detach(&b);
}

/* True if every line that has the key gives the same where_facts(). */
static bool
where_constant(const struct keydb_key *k)
{
	char	*first, *s;
	size_t	 i;
	bool	 same = true;

	if (k->nranges == 0)
		return true;
	first = facts_of(&k->ranges[0], true);
	for (i = 1; i < k->nranges && same; i++) {
		s = facts_of(&k->ranges[i], true);
		same = strcmp(s, first) == 0;
		free(s);
	}
	free(first);
	return same;
}

/* A row: lines from..to (indices) with the same facts. */
struct row {
	size_t			 from, to;
	const struct keydb_range *r;
};

/*
 * Folds the lines into rows: consecutive lines whose facts read the
 * same (ranges of the database may differ in what no row shows).
 */
static size_t
rows_of(const struct keydb_key *k, bool where, struct row *rows)
{
	size_t				 n = 0, i;
	const struct keydb_range	*r;
	char				*cur, *prev = NULL;

	for (i = 0; i < keydb_nlines; i++) {
		if ((r = keydb_range(k, i)) == NULL) {
			free(prev);
			prev = NULL;
			continue;
		}
		cur = facts_of(r, false);
		if (where) {
			char *w = facts_of(r, true);
			char *both = xasprintf("%s|%s", cur, w);

			free(cur);
			free(w);
			cur = both;
		}
		if (prev != NULL && strcmp(prev, cur) == 0)
			rows[n - 1].to = i;
		else {
			rows[n].from = rows[n].to = i;
			rows[n++].r = r;
		}
		free(prev);
		prev = cur;
	}
	free(prev);
	return n;
}

struct refs {
	const char	*path;
	bool		 found;
};

static void
note_ref(void *ctx, const char *key)
{
	struct refs	*rf = ctx;
	char		*p = key_to_path(key, strlen(key));

	if (strcmp(p, rf->path) == 0)
		rf->found = true;
	free(p);
}

/* 2 if the rule applies to path, 1 if its condition reads it, else 0. */
static int
rule_checks(const struct rule *rule, const char *path)
{
	struct refs	 rf = { path, false };
	char		*dotted, *why = NULL;
	size_t		 i;
	bool		 hit = false;

	dotted = key_path_to_dotted(path);
	for (i = 0; i < rule->nkeys && !hit; i++) {
		const struct rule_key *k = &rule->keys[i];

		if (k->re != NULL) {
			hit = pattern_match(k->re, dotted, &why) ==
			    PATTERN_MATCH;
			free(why);
			why = NULL;
		} else if (k->glob)
			hit = fnmatch(k->path, path, FNM_PATHNAME) == 0;
		else
			hit = strcmp(k->path, path) == 0;
	}
	free(dotted);
	if (hit)
		return 2;
	if (rule->when != NULL)
		expr_each_key(rule->when, note_ref, &rf);
	for (i = 0; i < rule->nlets; i++)
		expr_each_key(rule->lets[i].expr, note_ref, &rf);
	return rf.found ? 1 : 0;
}

static void
line_span(struct buf *b, size_t from, size_t to)
{
	if (from == to)
		buf_puts(b, keydb_lines[from]);
	else
		buf_printf(b, "%s-%s", keydb_lines[from], keydb_lines[to]);
}

/* For a key's newest line, what a pod may do with it, or NULL. */
static const char *
pod_status(const struct item *it, char *buf, size_t len)
{
	const struct keydb_key	*k = it->k;
	char			*dotted;
	const char		*s;

	if (k->nranges == 0)
		return NULL;
	dotted = key_path_to_dotted(it->path);
	s = container_pod_status(dotted, &k->ranges[k->nranges - 1], buf, len);
	free(dotted);
	return s;
}

static void
text_item(FILE *out, const struct catalog *cat, const struct item *it)
{
	const struct keydb_key	*k = it->k;
	struct row		*rows = xcalloc(keydb_nlines + 1, sizeof(*rows));
	struct buf		 b = BUF_INIT;
	bool			 wc = where_constant(k);
	size_t			 n = rows_of(k, !wc, rows), i, absent = 0;
	char			*dotted = key_path_to_dotted(it->path), *s;
	char			 kube[256];
	int			 how;

	fprintf(out, "%s\n", dotted);
	for (i = 0; i < n; i++) {
		buf_free(&b);
		line_span(&b, rows[i].from, rows[i].to);
		s = facts_of(rows[i].r, false);
		fprintf(out, "  %s: %s\n", buf_str(&b), s);
		free(s);
		if (!wc) {
			s = facts_of(rows[i].r, true);
			fprintf(out, "    %s\n", s);
			free(s);
		}
		absent += rows[i].to - rows[i].from + 1;
	}
	if (absent < keydb_nlines) {
		fputs("  not in:", out);
		for (i = 0; i < keydb_nlines; i++)
			if (keydb_range(k, i) == NULL)
				fprintf(out, " %s", keydb_lines[i]);
		fputc('\n', out);
	}
	if (wc && k->nranges > 0) {
		s = facts_of(&k->ranges[0], true);
		fprintf(out, "  %s\n", s);
		free(s);
	}
	if (k->flags & KEYDB_PATCH)
		fprintf(out, "  added by %s, not in mainline\n", k->patch);
	if (k->flags & KEYDB_NO_EFFECT)
		fprintf(out, "  no effect since %s\n", k->since);
	if (k->flags & KEYDB_ACTION)
		fprintf(out, "  an action: a write %s, once\n", k->action);
	if (k->domain != NULL)
		fprintf(out, "  values: %s; any other acts %s\n",
		    k->domain_text, k->otherwise);
	if (k->note != NULL)
		fprintf(out, "  note: %s\n", k->note);
	if (pod_status(it, kube, sizeof(kube)) != NULL)
		fprintf(out, "  kubernetes: %s\n", kube);
	for (i = 0; i < catalog_count(cat); i++) {
		const struct rule *r = catalog_rule(cat, i);

		if ((how = rule_checks(r, it->path)) != 0)
			fprintf(out, "  rule: %s %s%s\n", r->id, r->name,
			    how == 1 ? " (reads it)" : "");
	}
	if (k->doc != NULL && k->doc_section != NULL)
		fprintf(out, "  docs: %s, \"%s\"\n", k->doc, k->doc_section);
	else if (k->doc != NULL)
		fprintf(out, "  docs: %s (no section of its own)\n", k->doc);
	buf_free(&b);
	free(dotted);
	free(rows);
}

static void
json_str_field(struct jsonw *w, const char *name, const char *v)
{
	jsonw_key(w, name);
	jsonw_string_or_null(w, v);
}

static void
json_item(struct jsonw *w, const struct catalog *cat, const struct item *it)
{
	const struct keydb_key	*k = it->k;
	struct row		*rows = xcalloc(keydb_nlines + 1, sizeof(*rows));
	size_t			 n = rows_of(k, true, rows), i;
	char			*dotted = key_path_to_dotted(it->path), *s;
	char			 kube[256];
	int			 how;

	jsonw_object_begin(w);
	json_str_field(w, "key", dotted);
	jsonw_key(w, "lines");
	jsonw_array_begin(w);
	for (i = 0; i < n; i++) {
		const struct keydb_range *r = rows[i].r;

		jsonw_object_begin(w);
		json_str_field(w, "from", keydb_lines[rows[i].from]);
		json_str_field(w, "to", keydb_lines[rows[i].to]);
		json_str_field(w, "type", r->type < ARRAY_LEN(json_types) ?
		    json_types[r->type] : "custom");
		jsonw_key(w, "count");
		if (r->count == 0)
			jsonw_null(w);
		else
			jsonw_uint(w, r->count);
		json_str_field(w, "min", r->min);
		json_str_field(w, "max", r->max);
		json_str_field(w, "default", r->def);
		s = xasprintf("%04o", r->mode);
		json_str_field(w, "mode", s);
		free(s);
		json_str_field(w, "handler", r->handler);
		json_str_field(w, "words", r->words);
		json_str_field(w, "build_condition", r->cond);
		json_str_field(w, "netns", netns_text(r->netns));
		json_str_field(w, "module", r->module);
		json_str_field(w, "kconfig", r->kconfig);
		json_str_field(w, "guard", r->config);
		json_str_field(w, "src", r->src);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	json_str_field(w, "no_effect_since", k->flags & KEYDB_NO_EFFECT ?
	    k->since : NULL);
	json_str_field(w, "action", k->flags & KEYDB_ACTION ? k->action :
	    NULL);
	json_str_field(w, "values", k->domain_text);
	json_str_field(w, "otherwise", k->otherwise);
	json_str_field(w, "removed", NULL);
	jsonw_key(w, "patch");
	jsonw_bool(w, (k->flags & KEYDB_PATCH) != 0);
	json_str_field(w, "note", k->note);
	json_str_field(w, "kubernetes", pod_status(it, kube, sizeof(kube)));
	jsonw_key(w, "rules");
	jsonw_array_begin(w);
	for (i = 0; i < catalog_count(cat); i++) {
		const struct rule *r = catalog_rule(cat, i);

		if ((how = rule_checks(r, it->path)) == 0)
			continue;
		jsonw_object_begin(w);
		json_str_field(w, "id", r->id);
		json_str_field(w, "name", r->name);
		json_str_field(w, "how", how == 2 ? "applies" : "reads");
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_key(w, "doc");
	if (k->doc == NULL)
		jsonw_null(w);
	else {
		jsonw_object_begin(w);
		json_str_field(w, "file", k->doc);
		json_str_field(w, "section", k->doc_section);
		jsonw_object_end(w);
	}
	jsonw_object_end(w);
	free(dotted);
	free(rows);
}

static void
gone_item(FILE *out, struct jsonw *w, const struct keydb_gone *g)
{
	char	*dotted = key_path_to_dotted(g->path);

	if (w == NULL) {
		fprintf(out, "%s\n  removed in %s, before every line known "
		    "here\n", dotted, g->removed);
		if (g->note != NULL)
			fprintf(out, "  note: %s\n", g->note);
	} else {
		jsonw_object_begin(w);
		json_str_field(w, "key", dotted);
		jsonw_key(w, "lines");
		jsonw_array_begin(w);
		jsonw_array_end(w);
		json_str_field(w, "no_effect_since", NULL);
		json_str_field(w, "action", NULL);
		json_str_field(w, "values", NULL);
		json_str_field(w, "otherwise", NULL);
		json_str_field(w, "removed", g->removed);
		jsonw_key(w, "patch");
		jsonw_bool(w, false);
		json_str_field(w, "note", g->note);
		json_str_field(w, "kubernetes", NULL);
		jsonw_key(w, "rules");
		jsonw_array_begin(w);
		jsonw_array_end(w);
		jsonw_key(w, "doc");
		jsonw_null(w);
		jsonw_object_end(w);
	}
	free(dotted);
}

/* The keys what names, in path order; *n of them. */
static struct item *
select_keys(const char *what, size_t *n)
{
	size_t			 len = strlen(what), i, cnt = keydb_count();
	char			*path = key_to_path(what, len);
	struct item		*v = xcalloc(cnt + 1, sizeof(*v));
	const struct keydb_key	*k;
	bool			 prefix = len > 0 && (what[len - 1] == '.' ||
				    what[len - 1] == '/');
	size_t			 plen = strlen(path);

	*n = 0;
	if (key_is_glob(what, len) || prefix) {
		for (i = 0; i < cnt; i++) {
			k = keydb_at(i);
			if (prefix ? strncmp(k->path, path, plen) == 0 &&
			    k->path[plen] == '/' :
			    fnmatch(path, k->path, FNM_PATHNAME) == 0) {
				v[*n].k = k;
				v[(*n)++].path = xstrdup(k->path);
			}
		}
	} else if ((k = keydb_lookup(path)) != NULL) {
		v[0].k = k;
		v[(*n)++].path = xstrdup(path);
	}
	free(path);
	return v;
}

bool
keyinfo_explain(FILE *out, const struct catalog *cat, const char *what,
    bool json, char **err)
{
	size_t			 n, i;
	struct item		*v = select_keys(what, &n);
	char			*path = key_to_path(what, strlen(what)), *near;
	const struct keydb_gone	*g = n == 0 ? keydb_gone(path) : NULL;
	const struct keydb_key	*s;
	struct jsonw		*w = NULL;

	if (n == 0 && g == NULL) {
		if (key_is_glob(what, strlen(what)))
			*err = xasprintf("no rule, and no known key matches "
			    "'%s'", what);
		else if ((s = keydb_suggest(path)) != NULL) {
			near = key_path_to_dotted(s->path);
			*err = xasprintf("no rule or known key '%s' (did you "
			    "mean '%s'?)", what, near);
			free(near);
		} else
			*err = xasprintf("no rule or known key '%s' (see "
			    "--list-rules)", what);
		free(path);
		free(v);
		return false;
	}
	if (json) {
		w = jsonw_new(out);
		jsonw_array_begin(w);
	}
	if (g != NULL)
		gone_item(out, w, g);
	for (i = 0; i < n; i++) {
		if (w != NULL)
			json_item(w, cat, &v[i]);
		else {
			if (i > 0)
				fputc('\n', out);
			text_item(out, cat, &v[i]);
		}
		free(v[i].path);
	}
	if (w != NULL) {
		jsonw_array_end(w);
		jsonw_finish(w);
	}
	free(path);
	free(v);
	return true;
}
