/* Unit tests: expr.c parsing, precedence, missing values, errors. */
#include <stdlib.h>

#include "check.h"
#include "expr.h"

/* A fixed environment: a.b = 10, t.u = "4096 87380 6291456", s.t = "bbr". */
static void
resolve(void *ctx, const char *key, int index, enum expr_ref ref,
    struct expr_val *out)
{
	(void)ctx;
	memset(out, 0, sizeof(*out));
	if (key == NULL)
		key = "a.b";
	if (ref == REF_SET) {
		out->kind = EV_BOOL;
		out->num = strcmp(key, "a.b") == 0;
		return;
	}
	if (strcmp(key, "a.b") == 0) {
		out->kind = EV_NUM;
		out->num = 10;
	} else if (strcmp(key, "t.u") == 0 && index >= 0 && index < 3) {
		static const int64_t v[] = { 4096, 87380, 6291456 };

		out->kind = EV_NUM;
		out->num = v[index];
	} else if (strcmp(key, "s.t") == 0) {
		out->kind = EV_STR;
		out->str = "bbr";
		out->len = 3;
	}
}

static int
holds(const char *text)
{
	struct expr_env	 env = { NULL, resolve, EXPR_VERSION(6, 1) };
	char		*err = NULL;
	size_t		 col = 0;
	struct expr	*e = expr_compile(text, &err, &col);
	int		 r;

	if (e == NULL) {
		fprintf(stderr, "  compile '%s': %s at %zu\n", text, err, col);
		free(err);
		return -1;
	}
	r = expr_true(e, &env);
	expr_free(e);
	return r;
}

static int64_t
num(const char *text)
{
	struct expr_env	 env = { NULL, resolve, EXPR_VERSION(6, 1) };
	char		*err = NULL;
	size_t		 col = 0;
	struct expr	*e = expr_compile(text, &err, &col);
	struct expr_val	 v;

	if (e == NULL) {
		free(err);
		return -999;
	}
	expr_eval(e, &env, &v);
	expr_free(e);
	return v.kind == EV_NUM ? v.num : -998;
}

static void
bad(struct check_counts *c, const char *text, size_t want_col,
    const char *want)
{
	char	*err = NULL;
	size_t	 col = 0;

	CHECK(c, expr_compile(text, &err, &col) == NULL);
	CHECK(c, col == want_col);
	CHECK(c, err != NULL && strstr(err, want) != NULL);
	if (col != want_col || err == NULL || strstr(err, want) == NULL)
		fprintf(stderr, "  '%.60s': col %zu, %s\n", text, col, err);
	free(err);
}

/* n copies of term joined by op. */
static char *
repeat(const char *term, const char *op, size_t n)
{
	size_t	 lt = strlen(term), lo = strlen(op), i;
	char	*s = malloc(n * (lt + lo) + 1), *p = s;

	for (i = 0; i < n; i++) {
		if (i > 0) {
			memcpy(p, op, lo);
			p += lo;
		}
		memcpy(p, term, lt);
		p += lt;
	}
	*p = '\0';
	return s;
}

/*
 * Long runs of one operator: evaluated in a loop, not one recursion a
 * term, and past the node limit refused with the column of the term.
 */
static void
chains(struct check_counts *c)
{
	char	*s;
	size_t	 col;

	s = repeat("value == 10", " && ", 1999);
	CHECK(c, holds(s) == 1);
	free(s);
	s = repeat("value == 11", " || ", 1999);
	CHECK(c, holds(s) == 0);
	free(s);
	s = repeat("1", " + ", 4999);
	CHECK(c, num(s) == 4999);
	free(s);
	s = repeat("a.b * 2", " - ", 1000);
	CHECK(c, num(s) == 20 - 999 * 20);
	free(s);
	/* 2,000 terms of 4 nodes and their links reach 10,000 nodes. */
	s = repeat("value != 7", " && ", 100000);
	col = 2000 * strlen("value != 7 && ") + 1;
	bad(c, s, col, "condition too long");
	free(s);
	s = repeat("1", " + ", 1000000);
	bad(c, s, 5000 * strlen("1 + ") + 1, "condition too long");
	free(s);
}

int
main(void)
{
	struct check_counts	c = { 0, 0 };

	CHECK(&c, holds("value == 10") == 1);
	CHECK(&c, holds("a.b > 9 && a.b < 11") == 1);
	CHECK(&c, holds("t.u[0] > t.u[1] || t.u[1] > t.u[2]") == 0);
	CHECK(&c, holds("t.u[2] > a.b * 1000") == 1);
	CHECK(&c, holds("s.t != \"cubic\" && s.t != \"reno\"") == 1);
	CHECK(&c, holds("kernel >= 5.13 && kernel < 6.12") == 1);
	CHECK(&c, holds("kernel >= 6.10") == 0);	/* 6.1 < 6.10 */
	CHECK(&c, holds("set(a.b) && !set(x.y)") == 1);
	/* A missing value makes any comparison false, both ways. */
	CHECK(&c, holds("x.y > 0") == 0);
	CHECK(&c, holds("x.y <= 0") == 0);
	CHECK(&c, holds("!(x.y > 0)") == 1);
	CHECK(&c, num("1 + 2 * 3") == 7);
	CHECK(&c, num("(1 << (value / 5 + 1)) - 1") == 7);
	CHECK(&c, num("kernel >= 6.5 ? 131 : 127") == 127);
	CHECK(&c, num("0x607 & 5") == 5);
	CHECK(&c, num("-a.b % 3") == -1);
	CHECK(&c, num("7 / 0") == -998);		/* missing, no trap */
	CHECK(&c, holds("value - (value & 0x607) != 0") == 1);
	CHECK(&c, holds("s.t > \"a\"") == 0);	/* strings have no order */
	bad(&c, "value >> 3", 7, "unexpected text");
	bad(&c, "(a.b > 1", 9, "expected ')'");
	bad(&c, "foo(a.b)", 1, "unknown function");
	CHECK(&c, holds("min(a.b) == 10 && max(a.b) >= 10") == 1);
	bad(&c, "plain > 1", 1, "expected a dotted key");
	bad(&c, "\"open", 6, "unterminated string");
	bad(&c, "a.b[99] > 1", 5, "index");
	bad(&c, "a.b ? 1", 8, "expected ':'");

	/* Negation wraps like the other operators: no signed overflow. */
	CHECK(&c, num("-0x8000000000000000") == INT64_MIN);
	CHECK(&c, num("-(0x7fffffffffffffff + 1)") == INT64_MIN);
	CHECK(&c, num("--0x8000000000000000") == INT64_MIN);
	CHECK(&c, num("0xffffffffffffffff") == -1);	/* a 64-bit pattern */
	CHECK(&c, num("9223372036854775807") == INT64_MAX);
	/* Literals past 64 bits are refused, not clamped or wrapped. */
	bad(&c, "value == 99999999999999999999999", 10, "out of range");
	bad(&c, "99999999999999999999999 == 9223372036854775807", 1,
	    "out of range");
	bad(&c, "9223372036854775808 > 0", 1, "out of range");
	bad(&c, "value & 0x1000000000000000000000000", 9, "out of range");
	bad(&c, "kernel >= 99999999999999.1", 11, "version out of range");
	bad(&c, "kernel >= 6.99999999999999999999", 11,
	    "version out of range");
	bad(&c, "t.u[4294967297] > 1", 5, "index");

	chains(&c);
	return check_done(&c);
}
