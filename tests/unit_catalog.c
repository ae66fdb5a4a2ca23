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
