/*
 * Unit tests: fix.c applies rounds of fixes, resolves overlaps the same
 * way every time, keeps line endings, and writes diffs that patch reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "check.h"
#include "finding.h"
#include "fix.h"

struct fx {
	struct catalog	*cat;
	struct findings	*fs;
	struct source	*src;
};

static void
setup(struct fx *x, const char *text)
{
	char	*err = NULL;

	x->cat = catalog_new();
	if (!catalog_load_builtin(x->cat, &err))
		abort();
	x->fs = findings_new(x->cat);
	x->src = source_from_mem("t.conf", text, strlen(text));
}

static void
teardown(struct fx *x)
{
	findings_free(x->fs);
	source_free(x->src);
	catalog_free(x->cat);
}

/* A finding of rule b with a fix replacing [off, off + len). */
static const struct finding *
mkfix(struct fx *x, enum builtin b, uint32_t off, uint32_t len,
    const char *repl)
{
	struct span	 sp = { off, len };
	struct finding	*f = findings_builtin(x->fs, b, x->src, sp, NULL, 0);

	finding_set_fix(f, sp, "fix", repl, false);
	return f;
}

/* The findings made so far, as fix_text_apply() takes them. */
static size_t
all(const struct fx *x, const struct finding **v)
{
	size_t	i, n = findings_count(x->fs);

	for (i = 0; i < n; i++)
		v[i] = findings_at(x->fs, i);
	return n;
}

static char *
diff_of(const struct fix_text *t, const char *path)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	fix_text_diff(t, path, f);
	fclose(f);
	return buf;
}

static void
test_disjoint(struct check_counts *c)
{
	struct fx		 x;
	struct fix_text		*t;
	const struct finding	*v[8];
	size_t			 len, n;
	char			*d;

	setup(&x, "a = \"1\"\nb = 2\n");
	mkfix(&x, BI_QUOTED_VALUE, 4, 3, "1");
	mkfix(&x, BI_REPEATED_SEPARATOR, 8, 1, "bb");
	t = fix_text_new(x.src->data, x.src->len);
	n = all(&x, v);
	CHECK(c, fix_text_apply(t, v, n) == 2);
	CHECK_STR(c, fix_text_data(t, &len), "a = 1\nbb = 2\n");
	d = diff_of(t, "t.conf");
	CHECK_STR(c, d, "--- a/t.conf\n+++ b/t.conf\n@@ -1,2 +1,2 @@\n"
	    "-a = \"1\"\n-b = 2\n+a = 1\n+bb = 2\n");
	free(d);
	fix_text_free(t);
	teardown(&x);
}

/* At one start the longest fix wins; what overlaps it waits. */
static void
test_overlap(struct check_counts *c)
{
	struct fx		 x;
	struct fix_text		*t;
	const struct finding	*v[8];
	size_t			 len, n;

	setup(&x, "abcdef\n");
	mkfix(&x, BI_INVISIBLE_CHARACTER, 2, 1, "C");
	mkfix(&x, BI_QUOTED_VALUE, 0, 4, "W");
	mkfix(&x, BI_FULLWIDTH_CHARACTER, 0, 4, "X");
	mkfix(&x, BI_TRAILING_COMMENT, 4, 0, "+");
	mkfix(&x, BI_REPEATED_SEPARATOR, 4, 0, "?");
	t = fix_text_new(x.src->data, x.src->len);
	n = all(&x, v);
	/* SL1004 before SL1006 at the same span; one insertion at 4. */
	CHECK(c, fix_text_apply(t, v, n) == 2);
	CHECK_STR(c, fix_text_data(t, &len), "W+ef\n");
	fix_text_free(t);
	/* The same fixes in another order give the same text. */
	t = fix_text_new(x.src->data, x.src->len);
	v[0] = v[4];
	v[4] = findings_at(x.fs, 0);
	CHECK(c, fix_text_apply(t, v, n) == 2);
	CHECK_STR(c, fix_text_data(t, &len), "W+ef\n");
	fix_text_free(t);
	teardown(&x);
}

static void
test_crlf(struct check_counts *c)
{
	struct fx		 x;
	struct fix_text		*t;
	const struct finding	*v[4];
	size_t			 len;

	setup(&x, "a = 1 b = 2\r\nc = 3");
	mkfix(&x, BI_MULTIPLE_ASSIGNMENTS, 5, 6, "\nb = 2");
	mkfix(&x, BI_MULTIPLE_ASSIGNMENTS, 18, 0, "\nd");
	t = fix_text_new(x.src->data, x.src->len);
	CHECK(c, fix_text_apply(t, v, all(&x, v)) == 2);
	/* The last line has no ending: it takes the one before it. */
	CHECK_STR(c, fix_text_data(t, &len), "a = 1\r\nb = 2\r\nc = 3\r\nd");
	fix_text_free(t);
	teardown(&x);
}

/* Deleting the last line of a text without a final break drops the
 * break before it; a text with one keeps it. */
static void
test_final_break(struct check_counts *c)
{
	struct fx		 x;
	struct fix_text		*t;
	const struct finding	*v[2];
	size_t			 len;
	char			*d;

	setup(&x, "a = 1\nb = 2");
	mkfix(&x, BI_REMOVED_KEY, 6, 5, "");
	t = fix_text_new(x.src->data, x.src->len);
	CHECK(c, fix_text_apply(t, v, all(&x, v)) == 1);
	CHECK_STR(c, fix_text_data(t, &len), "a = 1");
	d = diff_of(t, "t.conf");
	CHECK_STR(c, d, "--- a/t.conf\n+++ b/t.conf\n@@ -1,2 +1 @@\n"
	    "-a = 1\n-b = 2\n\\ No newline at end of file\n+a = 1\n"
	    "\\ No newline at end of file\n");
	free(d);
	fix_text_free(t);
	teardown(&x);

	setup(&x, "a = 1\r\nb = 2\r\n");
	mkfix(&x, BI_QUOTED_VALUE, 11, 3, "");
	t = fix_text_new(x.src->data, x.src->len);
	CHECK(c, fix_text_apply(t, v, all(&x, v)) == 1);
	CHECK_STR(c, fix_text_data(t, &len), "a = 1\r\nb = \r\n");
	fix_text_free(t);
	teardown(&x);

	setup(&x, "x");
	mkfix(&x, BI_REMOVED_KEY, 0, 1, "");
	t = fix_text_new(x.src->data, x.src->len);
	CHECK(c, fix_text_apply(t, v, all(&x, v)) == 1);
	CHECK(c, fix_text_changed(t));
	d = diff_of(t, "t.conf");
	CHECK_STR(c, d, "--- a/t.conf\n+++ b/t.conf\n@@ -1 +0,0 @@\n-x\n"
	    "\\ No newline at end of file\n");
	free(d);
	fix_text_free(t);
	teardown(&x);
}

/* Rounds compose: offsets are the text's of the round before. */
static void
test_rounds(struct check_counts *c)
{
	struct fx		 x, y, z;
	struct fix_text		*t;
	const struct finding	*v[2];
	size_t			 len;
	char			*d;

	setup(&x, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
	mkfix(&x, BI_QUOTED_VALUE, 2, 1, "two\ntwo");
	t = fix_text_new(x.src->data, x.src->len);
	CHECK(c, fix_text_apply(t, v, all(&x, v)) == 1);
	/* Round 2, on "1\ntwo\ntwo\n3...": the last line, and line 3. */
	setup(&y, fix_text_data(t, &len));
	mkfix(&y, BI_QUOTED_VALUE, 30, 2, "XII");
	mkfix(&y, BI_QUOTED_VALUE, 6, 3, "2");
	CHECK(c, fix_text_apply(t, v, all(&y, v)) == 2);
	CHECK_STR(c, fix_text_data(t, &len),
	    "1\ntwo\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\nXII\n");
	d = diff_of(t, "./t.conf");
	CHECK_STR(c, d, "--- a/t.conf\n+++ b/t.conf\n"
	    "@@ -1,5 +1,6 @@\n 1\n-2\n+two\n+2\n 3\n 4\n 5\n"
	    "@@ -9,4 +10,4 @@\n 9\n 10\n 11\n-12\n+XII\n");
	free(d);
	/* Round 3 undoes all: no change is left to show. */
	setup(&z, fix_text_data(t, &len));
	mkfix(&z, BI_QUOTED_VALUE, 2, 6, "2\n");
	mkfix(&z, BI_QUOTED_VALUE, 28, 3, "12");
	CHECK(c, fix_text_apply(t, v, all(&z, v)) == 2);
	CHECK(c, !fix_text_changed(t));
	d = diff_of(t, "t.conf");
	CHECK(c, d != NULL && d[0] == '\0');
	free(d);
	fix_text_free(t);
	teardown(&x);
	teardown(&y);
	teardown(&z);
}

static void
test_names(struct check_counts *c)
{
	struct fx		 x;
	struct fix_text		*t;
	const struct finding	*v[1];
	char			*d;

	setup(&x, "a\n");
	mkfix(&x, BI_QUOTED_VALUE, 0, 1, "b");
	t = fix_text_new(x.src->data, x.src->len);
	fix_text_apply(t, v, all(&x, v));
	d = diff_of(t, "/etc/sysctl.d/my file.conf");
	CHECK_STR(c, d, "--- a/etc/sysctl.d/my file.conf\t\n+++ b/etc/"
	    "sysctl.d/my file.conf\t\n@@ -1 +1 @@\n-a\n+b\n");
	free(d);
	d = diff_of(t, "d/\"q\"\t\xc3\xa9.conf");
	CHECK_STR(c, d, "--- \"a/d/\\\"q\\\"\\t\\303\\251.conf\"\n"
	    "+++ \"b/d/\\\"q\\\"\\t\\303\\251.conf\"\n@@ -1 +1 @@\n-a\n+b\n");
	free(d);
	fix_text_free(t);
	teardown(&x);
}

int
main(void)
{
	struct check_counts	c = { 0, 0 };

	test_disjoint(&c);
	test_overlap(&c);
	test_crlf(&c);
	test_final_break(&c);
	test_rounds(&c);
	test_names(&c);
	return check_done(&c);
}
