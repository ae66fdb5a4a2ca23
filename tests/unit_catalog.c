/*
 * Unit tests: catalog.c loading, validation errors with positions, the
 * binding of built-in rules, and message templates.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "catalog.h"
#include "check.h"
#include "embedded.h"

static void
bad(struct check_counts *c, const char *json, const char *want)
{
	struct catalog	*cat = catalog_new();
	char		*err = NULL;

	CHECK(c, !catalog_add_json(cat, "t.json", json, strlen(json), &err));
	CHECK(c, err != NULL && strstr(err, want) != NULL);
	if (err != NULL && strstr(err, want) == NULL)
		fprintf(stderr, "  got: %s\n", err);
	free(err);
	catalog_free(cat);
}

/* A file of n data rules, ids ID0..ID(n-1) in reverse order. */
static char *
rule_file(const char *prefix, size_t from, size_t n)
{
	size_t	 cap = 200 * n + 32, off, i;
	char	*s = malloc(cap);

	off = (size_t)snprintf(s, cap, "{\"rules\": [");
	for (i = n; i-- > 0;)
		off += (size_t)snprintf(s + off, cap - off, "%s{\"id\": "
		    "\"%s%zu\", \"name\": \"%s-%zu\", \"severity\": "
		    "\"note\", \"summary\": \"s\", \"explanation\": \"e\", "
		    "\"message\": \"m\", \"keys\": [\"a.b\"], \"when\": "
		    "\"value == 1\"}", i + 1 < n ? ", " : "", prefix,
		    from + i, "r", from + i);
	snprintf(s + off, cap - off, "]}");
	return s;
}

/*
 * Rules from several files, each given in reverse: in id order and
 * numbered after each file, found by id and by name, duplicates named
 * with the file that defined them first.
 */
static void
many_rules(struct check_counts *c)
{
	struct catalog		*cat = catalog_new();
	const struct rule	*r;
	char			*a = rule_file("B", 0, 3000);
	char			*b = rule_file("A", 3000, 3000);
	char			*dup = rule_file("C", 2999, 1);
	char			*err = NULL;
	size_t			 i;
	int			 sorted = 1;

	CHECK(c, catalog_add_json(cat, "a.json", a, strlen(a), &err));
	CHECK(c, catalog_count(cat) == 3000);
	CHECK(c, catalog_add_json(cat, "b.json", b, strlen(b), &err));
	CHECK(c, catalog_count(cat) == 6000);
	for (i = 0; i < catalog_count(cat); i++) {
		r = catalog_rule(cat, i);
		if (r->index != i || (i > 0 && strcmp(catalog_rule(cat,
		    i - 1)->id, r->id) >= 0) || catalog_find(cat, r->id) != r ||
		    catalog_find(cat, r->name) != r)
			sorted = 0;
	}
	CHECK(c, sorted);
	CHECK_STR(c, catalog_rule(cat, 0)->id, "A3000");
	r = catalog_find(cat, "r-2999");
	CHECK(c, r != NULL && strcmp(r->id, "B2999") == 0);
	/* C2999 is new, its name r-2999 is not. */
	CHECK(c, !catalog_add_json(cat, "c.json", dup, strlen(dup), &err));
	CHECK(c, err != NULL && strstr(err, "c.json: rule 'C2999': id or "
	    "name 'r-2999' already defined in a.json") != NULL);
	CHECK(c, catalog_count(cat) == 6000 && catalog_find(cat, "C2999") ==
	    NULL);
	free(err);
	free(a);
	free(b);
	free(dup);
	catalog_free(cat);
}

/* The "fix" of a rule: how safe its fixes are, checked as it is read. */
static void
fix_safety(struct check_counts *c)
{
	struct catalog		*cat = catalog_new();
	const struct rule	*r;
	char			*err = NULL;
	static const char	 data[] = "{\"rules\": [{\"id\": \"X1\", "
	    "\"name\": \"a-b\", \"summary\": \"s\", \"message\": \"m\", "
	    "\"explanation\": \"e\", \"severity\": \"note\", \"keys\": "
	    "[\"a.b\"], \"when\": \"value == 1\", \"fix\": {\"description\": "
	    "\"d\", \"replacement\": \"{key} = 0\"}}, {\"id\": \"X2\", "
	    "\"name\": \"c-d\", \"summary\": \"s\", \"message\": \"m\", "
	    "\"explanation\": \"e\", \"severity\": \"note\", \"keys\": "
	    "[\"a.b\"], \"when\": \"value == 1\", \"fix\": {\"description\": "
	    "\"d\", \"replacement\": \"r\", \"safety\": \"safe\"}}]}";

	CHECK(c, catalog_load_builtin(cat, &err));
	r = catalog_builtin(cat, BI_QUOTED_VALUE);
	CHECK(c, r->fix == FIX_UNSAFE_IN_TEXT);
	CHECK(c, catalog_builtin(cat, BI_UNKNOWN_KEY)->fix == FIX_UNSAFE);
	CHECK(c, catalog_builtin(cat, BI_REPEATED_SEPARATOR)->fix == FIX_SAFE);
	CHECK(c, catalog_builtin(cat, BI_EMPTY_KEY)->fix == FIX_NONE);
	CHECK_STR(c, fix_safety_name(FIX_UNSAFE_IN_TEXT), "unsafe-in-text");
	/* A data rule's fix is unsafe unless it says otherwise. */
	CHECK(c, catalog_add_json(cat, "d.json", data, strlen(data), &err));
	CHECK(c, catalog_find(cat, "X1")->fix == FIX_UNSAFE);
	CHECK(c, catalog_find(cat, "X2")->fix == FIX_SAFE);
	catalog_free(cat);

	bad(c, "{\"rules\": [{\"id\": \"X1\", \"name\": \"a-b\", "
	    "\"summary\": \"s\", \"message\": \"m\", \"explanation\": \"e\", "
	    "\"severity\": \"note\", \"fix\": \"maybe\"}]}",
	    "rule 'X1': 'fix' must be \"safe\", \"unsafe\" or "
	    "\"unsafe-in-text\"");
	bad(c, "{\"rules\": [{\"id\": \"X1\", \"name\": \"a-b\", "
	    "\"summary\": \"s\", \"message\": \"m\", \"explanation\": \"e\", "
	    "\"severity\": \"note\", \"keys\": [\"a.b\"], \"when\": "
	    "\"value == 1\", \"fix\": \"safe\"}]}",
	    "rule 'X1': 'fix' must be an object");
	bad(c, "{\"rules\": [{\"id\": \"X1\", \"name\": \"a-b\", "
	    "\"summary\": \"s\", \"message\": \"m\", \"explanation\": \"e\", "
	    "\"severity\": \"note\", \"keys\": [\"a.b\"], \"when\": "
	    "\"value == 1\", \"fix\": {\"description\": \"d\", "
	    "\"replacement\": \"r\", \"safety\": \"unsafe-in-text\"}}]}",
	    "fix 'safety' must be \"safe\" or \"unsafe\"");
}

/*
 * The shipped catalogue, with the first "from" of the file that has
 * one replaced by "to", bound: NULL, or the error.
 */
static char *
bind_edited(const char *from, const char *to)
{
	struct catalog	*cat = catalog_new();
	char		*err = NULL, *text;
	const char	*at;
	size_t		 i, n;
	bool		 ok = true;

	for (i = 0; ok && i < embedded_nfiles; i++) {
		const struct embedded_file *f = &embedded_files[i];

		if (strstr(f->name, "catalog") == NULL)
			continue;
		text = malloc(f->len + strlen(to) + 1);
		if ((at = strstr(f->data, from)) != NULL) {
			n = (size_t)(at - f->data);
			memcpy(text, f->data, n);
			strcpy(text + n, to);
			strcat(text, at + strlen(from));
		} else
			strcpy(text, f->data);
		ok = catalog_add_json(cat, f->name, text, strlen(text), &err);
		free(text);
	}
	if (ok && catalog_bind_builtin(cat, &err))
		err = NULL;
	catalog_free(cat);
	return err;
}

/*
 * A built-in rule whose check computes fixes must say how safe they
 * are, and one that computes none must not claim any.
 */
static void
builtin_fixes(struct check_counts *c)
{
	char	*err;

	err = bind_edited("", "");
	CHECK(c, err == NULL);
	free(err);
	err = bind_edited("\"fix\": \"safe\",", "");
	CHECK(c, err != NULL && strstr(err, "rule 'SL1012' computes fixes, "
	    "but its row has no 'fix'") != NULL);
	free(err);
	err = bind_edited("\"name\": \"empty-key\",", "\"name\": "
	    "\"empty-key\", \"fix\": \"safe\",");
	CHECK(c, err != NULL && strstr(err, "rule 'SL1010' has a 'fix', but "
	    "its check computes none") != NULL);
	free(err);
}

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	struct catalog		*cat = catalog_new();
	const struct rule	*r, *prev = NULL;
	char			*err = NULL, *m;
	size_t			 i;
	struct msg_arg		 args[] = { { "key", "a.b" }, { "v", "1" } };

	CHECK(&c, catalog_load_builtin(cat, &err));
	CHECK(&c, err == NULL);
	for (i = 0; i < catalog_count(cat); i++) {
		r = catalog_rule(cat, i);
		CHECK(&c, prev == NULL || strcmp(prev->id, r->id) < 0);
		CHECK(&c, r->index == i);
		CHECK(&c, catalog_find(cat, r->name) == r);
		prev = r;
	}
	r = catalog_builtin(cat, BI_MULTIPLE_ASSIGNMENTS);
	CHECK(&c, r != NULL && strcmp(r->name, "multiple-assignments") == 0);
	CHECK(&c, catalog_find(cat, "no-such-rule") == NULL);
	catalog_free(cat);

	m = rule_format("'{key}' = {v} {unknown} {", args, 2);
	CHECK_STR(&c, m, "'a.b' = 1 {unknown} {");
	free(m);
	/* A name holds no brace: the innermost braces are the placeholder. */
	m = rule_format("{{key}} {a{v}} {v{} {}", args, 2);
	CHECK_STR(&c, m, "{a.b} {a1} {v{} {}");
	free(m);
	CHECK(&c, rule_placeholder("{key} x") == 5);
	CHECK(&c, rule_placeholder("{k{ey}") == 0);
	CHECK(&c, rule_placeholder("{key") == 0);

	many_rules(&c);
	fix_safety(&c);
	builtin_fixes(&c);

	bad(&c, "{\"rules\": [\n  {\"id\": \"X1\",\n}", "t.json:3:1: invalid JSON");
	bad(&c, "{\"rule\": []}", "expected an object with a \"rules\" array");
	bad(&c, "{\"rules\": [{\"id\": \"X1\", \"name\": \"a\"}]}",
	    "rule 'X1': 'summary' must be a non-empty string");
	bad(&c, "{\"rules\": [{\"id\": \"X1\", \"name\": \"Bad_Name\", "
	    "\"summary\": \"s\", \"message\": \"m\", \"explanation\": \"e\", "
	    "\"severity\": \"error\"}]}", "name 'Bad_Name' is not kebab-case");
	bad(&c, "{\"rules\": [{\"id\": \"X1\", \"name\": \"a-b\", "
	    "\"summary\": \"s\", \"message\": \"m\", \"explanation\": \"e\", "
	    "\"severity\": \"fatal\"}]}", "severity 'fatal' is not");
	bad(&c, "{\"rules\": [{\"id\": \"X1\", \"name\": \"a-b\", "
	    "\"summary\": \"s\", \"message\": \"m\", \"explanation\": \"e\", "
	    "\"severity\": \"note\"}, {\"id\": \"X1\", \"name\": \"c-d\", "
	    "\"summary\": \"s\", \"message\": \"m\", \"explanation\": \"e\", "
	    "\"severity\": \"note\"}]}", "already defined");
	return check_done(&c);
}
