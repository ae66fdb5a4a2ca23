/*
 * Unit tests: catalog.c loading, validation errors with positions, the
 * binding of built-in rules, and message templates.
 */
#include <stdlib.h>

#include "catalog.h"
#include "check.h"

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
