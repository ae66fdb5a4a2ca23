/*
 * expr.c: a recursive-descent compiler for rule conditions and a tree
 * evaluator.  Values carry a kind; "missing" propagates through
 * arithmetic and makes comparisons false.
 *
 * A run of operators of one precedence level ("a && b && c",
 * "x + y - z") is one OP_CHAIN node: its first operand, then a list of
 * links, each an operator and its right operand, folded left to right.
 * As a tree of binary nodes the run would be as deep as it is long, and
 * evaluating or freeing it would recurse as deep.  So the tree is only
 * as deep as the nesting EXPR_MAX_DEPTH bounds (times the few levels of
 * the grammar), and every recursion here with it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "util.h"

/* Deepest nesting accepted; rule conditions are a line or two. */
#define EXPR_MAX_DEPTH	64
/* Most nodes in one condition: the longest rule has a few dozen. */
#define EXPR_MAX_NODES	10000
/* Version parts beyond these would overflow EXPR_VERSION(). */
#define EXPR_MAX_MAJOR	65535
#define EXPR_MAX_MINOR	65535

enum op {
	OP_NUM, OP_STR, OP_BOOL, OP_VERSION, OP_KERNEL, OP_REF,
	OP_NOT, OP_NEG, OP_OR, OP_AND,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_ADD, OP_SUB, OP_BAND, OP_MUL, OP_DIV, OP_MOD, OP_SHL, OP_COND,
	OP_CHAIN
};

struct expr {
	enum op		 op;		/* a link's operator in a chain */
	int64_t		 num;
	char		*str;		/* OP_STR text, OP_REF key or NULL */
	int		 index;		/* OP_REF: -1 for none */
	enum expr_ref	 ref;
	struct expr	*a, *b, *c;	/* c: OP_COND's else */
	struct expr	*next;		/* OP_CHAIN and its links: next link */
};

struct parser {
	const char	*s;
	const char	*p;
	char		*err;
	const char	*errat;
	int		 depth;
	size_t		 nodes;
};

static struct expr *parse_or(struct parser *);

static struct expr *
node(struct parser *ps, enum op op, struct expr *a, struct expr *b)
{
	struct expr	*e = xcalloc(1, sizeof(*e));

	ps->nodes++;
	e->op = op;
	e->a = a;
	e->b = b;
	e->index = -1;
	return e;
}

void
expr_free(struct expr *e)
{
	struct expr	*link, *next;

	if (e == NULL)
		return;
	for (link = e->next; link != NULL; link = next) {
		next = link->next;
		expr_free(link->a);
		free(link);
	}
	expr_free(e->a);
	expr_free(e->b);
	expr_free(e->c);
	free(e->str);
	free(e);
}

static void
skip(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n')
		ps->p++;
}

static struct expr *
fail(struct parser *ps, const char *msg)
{
	if (ps->err == NULL) {
		ps->err = xstrdup(msg);
		ps->errat = ps->p;
	}
	return NULL;
}

static bool
accept(struct parser *ps, const char *tok)
{
	size_t	n = strlen(tok);

	skip(ps);
	if (strncmp(ps->p, tok, n) != 0)
		return false;
	ps->p += n;
	return true;
}

static bool
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' ||
	    c == '/';
}

/*
 * A decimal number fits in 64 signed bits; a hexadecimal one is a
 * 64-bit pattern (0xffffffffffffffff is -1), as the operators wrap.
 * Anything longer is refused rather than clamped.
 */
static struct expr *
parse_number(struct parser *ps)
{
	char			*end;
	unsigned long long	 hex;
	long long		 major, minor;
	struct expr		*e;

	errno = 0;
	if (ps->p[0] == '0' && (ps->p[1] == 'x' || ps->p[1] == 'X')) {
		hex = strtoull(ps->p, &end, 16);
		if (errno == ERANGE)
			return fail(ps, "number out of range (over 64 bits)");
		e = node(ps, OP_NUM, NULL, NULL);
		e->num = (int64_t)hex;
		ps->p = end;
		return e;
	}
	major = strtoll(ps->p, &end, 10);
	if (errno == ERANGE)
		return fail(ps, "number out of range (over 9223372036854775807)");
	if (*end == '.' && end[1] >= '0' && end[1] <= '9') {
		minor = strtoll(end + 1, &end, 10);
		if (errno == ERANGE || major > EXPR_MAX_MAJOR ||
		    minor > EXPR_MAX_MINOR)
			return fail(ps, "version out of range");
		e = node(ps, OP_VERSION, NULL, NULL);
		e->num = EXPR_VERSION(major, minor);
	} else {
		e = node(ps, OP_NUM, NULL, NULL);
		e->num = major;
	}
	ps->p = end;
	return e;
}

/* A reference: "value" or a key, with an optional [index]. */
static struct expr *
parse_ref(struct parser *ps, const char *w, size_t n, enum expr_ref ref)
{
	struct expr	*e = node(ps, OP_REF, NULL, NULL);
	char		*end;
	long		 index;

	e->ref = ref;
	if (!(n == 5 && strncmp(w, "value", 5) == 0))
		e->str = xstrndup(w, n);
	skip(ps);
	if (*ps->p == '[') {
		ps->p++;
		skip(ps);
		index = strtol(ps->p, &end, 10);
		if (end == ps->p || index < 0 || index > 64) {
			expr_free(e);
			return fail(ps, "expected an index from 0 to 64");
		}
		e->index = (int)index;
		ps->p = end;
		if (!accept(ps, "]")) {
			expr_free(e);
			return fail(ps, "expected ']'");
		}
	}
	return e;
}

static struct expr *
parse_primary(struct parser *ps)
{
	static const struct {
		const char	*name;
		enum expr_ref	 ref;
	} funcs[] = {
		{ "set", REF_SET }, { "default", REF_DEFAULT },
		{ "count", REF_COUNT }, { "min", REF_MIN }, { "max", REF_MAX }
	};
	const char	*w;
	size_t		 n, i;
	struct expr	*e;

	skip(ps);
	if (*ps->p >= '0' && *ps->p <= '9')
		return parse_number(ps);
	if (*ps->p == '"') {
		w = ++ps->p;
		while (*ps->p != '"' && *ps->p != '\0')
			ps->p++;
		if (*ps->p != '"')
			return fail(ps, "unterminated string");
		e = node(ps, OP_STR, NULL, NULL);
		e->str = xstrndup(w, (size_t)(ps->p - w));
		ps->p++;
		return e;
	}
	if (*ps->p == '(') {
		ps->p++;
		if ((e = parse_or(ps)) == NULL)
			return NULL;
		if (!accept(ps, ")")) {
			expr_free(e);
			return fail(ps, "expected ')'");
		}
		return e;
	}
	w = ps->p;
	while (is_word(*ps->p))
		ps->p++;
	n = (size_t)(ps->p - w);
	if (n == 0)
		return fail(ps, "expected a number, a string, a key or '('");
	if ((n == 4 && strncmp(w, "true", 4) == 0) ||
	    (n == 5 && strncmp(w, "false", 5) == 0)) {
		e = node(ps, OP_BOOL, NULL, NULL);
		e->num = n == 4;
		return e;
	}
	if (n == 6 && strncmp(w, "kernel", 6) == 0)
		return node(ps, OP_KERNEL, NULL, NULL);
	skip(ps);
	if (*ps->p == '(') {
		for (i = 0; i < ARRAY_LEN(funcs); i++)
			if (strlen(funcs[i].name) == n &&
			    strncmp(w, funcs[i].name, n) == 0)
				break;
		if (i == ARRAY_LEN(funcs)) {
			ps->p = w;
			return fail(ps, "unknown function (use set, default, "
			    "count, min or max)");
		}
		ps->p++;
		skip(ps);
		w = ps->p;
		while (is_word(*ps->p))
			ps->p++;
		if (ps->p == w)
			return fail(ps, "expected a key or 'value'");
		e = parse_ref(ps, w, (size_t)(ps->p - w), funcs[i].ref);
		if (e != NULL && !accept(ps, ")")) {
			expr_free(e);
			return fail(ps, "expected ')'");
		}
		return e;
	}
	if (!(n == 5 && strncmp(w, "value", 5) == 0) &&
	    memchr(w, '.', n) == NULL) {
		ps->p = w;
		return fail(ps, "expected a dotted key, 'value' or 'kernel'");
	}
	return parse_ref(ps, w, n, REF_VALUE);
}

static struct expr *
parse_unary(struct parser *ps)
{
	struct expr	*e;

	/* Every operand comes here: counting nodes here bounds them all. */
	if (ps->nodes >= EXPR_MAX_NODES) {
		skip(ps);
		return fail(ps, "condition too long (over 10000 operands and "
		    "operators)");
	}
	if (++ps->depth > EXPR_MAX_DEPTH)
		return fail(ps, "nested too deeply");
	if (accept(ps, "-")) {
		e = parse_unary(ps);
		e = e == NULL ? NULL : node(ps, OP_NEG, e, NULL);
	} else
		e = parse_primary(ps);
	ps->depth--;
	return e;
}

/*
 * One left-associative level: ops[i] maps to codes[i].  Its operands
 * and operators make one OP_CHAIN node; without chain, of one link.
 */
static struct expr *
parse_level(struct parser *ps, struct expr *(*next)(struct parser *),
    const char *const *ops, const enum op *codes, size_t nops, bool chain)
{
	struct expr	*e, *r, *run = NULL, **tail = NULL;
	size_t		 i;

	if ((e = next(ps)) == NULL)
		return NULL;
	for (;;) {
		skip(ps);
		for (i = 0; i < nops; i++) {
			size_t	n = strlen(ops[i]);

			/* "&" is not "&&", "<" is not "<=". */
			if (strncmp(ps->p, ops[i], n) == 0 &&
			    !(n == 1 && (ps->p[1] == ps->p[0] ||
			    ps->p[1] == '=')))
				break;
		}
		if (i == nops)
			return e;
		ps->p += strlen(ops[i]);
		if ((r = next(ps)) == NULL) {
			expr_free(e);
			return NULL;
		}
		if (run == NULL) {
			e = run = node(ps, OP_CHAIN, e, NULL);
			tail = &run->next;
		}
		*tail = node(ps, codes[i], r, NULL);
		tail = &(*tail)->next;
		if (!chain)
			return e;
	}
}

static struct expr *
parse_term(struct parser *ps)
{
	static const char *const ops[] = { "*", "/", "%" };
	static const enum op codes[] = { OP_MUL, OP_DIV, OP_MOD };

	return parse_level(ps, parse_unary, ops, codes, 3, true);
}

static struct expr *
parse_sum(struct parser *ps)
{
	static const char *const ops[] = { "+", "-", "&" };
	static const enum op codes[] = { OP_ADD, OP_SUB, OP_BAND };

	return parse_level(ps, parse_term, ops, codes, 3, true);
}

static struct expr *
parse_shift(struct parser *ps)
{
	static const char *const ops[] = { "<<" };
	static const enum op codes[] = { OP_SHL };

	return parse_level(ps, parse_sum, ops, codes, 1, true);
}

static struct expr *
parse_cmp(struct parser *ps)
{
	static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">" };
	static const enum op codes[] = { OP_EQ, OP_NE, OP_LE, OP_GE, OP_LT,
	    OP_GT };

	return parse_level(ps, parse_shift, ops, codes, 6, false);
}

static struct expr *
parse_not(struct parser *ps)
{
	struct expr	*e;

	skip(ps);
	if (ps->p[0] == '!' && ps->p[1] != '=') {
		ps->p++;
		if (++ps->depth > EXPR_MAX_DEPTH)
			return fail(ps, "nested too deeply");
		e = parse_not(ps);
		ps->depth--;
		return e == NULL ? NULL : node(ps, OP_NOT, e, NULL);
	}
	return parse_cmp(ps);
}

static struct expr *
parse_and(struct parser *ps)
{
	static const char *const ops[] = { "&&" };
	static const enum op codes[] = { OP_AND };

	return parse_level(ps, parse_not, ops, codes, 1, true);
}

/* cond := or [ "?" cond ":" cond ] */
static struct expr *
parse_or(struct parser *ps)
{
	static const char *const ops[] = { "||" };
	static const enum op codes[] = { OP_OR };
	struct expr	*e, *a, *b;

	if (++ps->depth > EXPR_MAX_DEPTH)
		return fail(ps, "nested too deeply");
	e = parse_level(ps, parse_and, ops, codes, 1, true);
	if (e != NULL && accept(ps, "?")) {
		if ((a = parse_or(ps)) == NULL) {
			expr_free(e);
			return NULL;
		}
		if (!accept(ps, ":")) {
			expr_free(e);
			expr_free(a);
			return fail(ps, "expected ':'");
		}
		if ((b = parse_or(ps)) == NULL) {
			expr_free(e);
			expr_free(a);
			return NULL;
		}
		e = node(ps, OP_COND, e, a);
		e->c = b;
	}
	ps->depth--;
	return e;
}

struct expr *
expr_compile(const char *text, char **err, size_t *col)
{
	struct parser	 ps = { text, text, NULL, NULL, 0, 0 };
	struct expr	*e = parse_or(&ps);

	skip(&ps);
	if (e != NULL && *ps.p != '\0') {
		expr_free(e);
		e = fail(&ps, "unexpected text after the condition");
	}
	if (e == NULL) {
		*err = ps.err != NULL ? ps.err : xstrdup("invalid condition");
		*col = (size_t)((ps.errat != NULL ? ps.errat : ps.p) - text) + 1;
	}
	return e;
}

static int
compare(const struct expr_val *x, const struct expr_val *y, bool *ok)
{
	size_t	n;
	int	c;

	*ok = true;
	if (x->kind == EV_STR && y->kind == EV_STR) {
		n = x->len < y->len ? x->len : y->len;
		c = memcmp(x->str, y->str, n);
		return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
	}
	if (x->kind == EV_MISSING || y->kind == EV_MISSING ||
	    x->kind == EV_STR || y->kind == EV_STR ||
	    (x->kind == EV_VERSION) != (y->kind == EV_VERSION)) {
		*ok = false;
		return 0;
	}
	return (x->num > y->num) - (x->num < y->num);
}

static void
set_num(struct expr_val *v, enum expr_kind k, int64_t n)
{
	memset(v, 0, sizeof(*v));
	v->kind = k;
	v->num = n;
}

static bool
truthy(const struct expr_val *v)
{
	return v->kind == EV_BOOL && v->num != 0;
}

/* x = x OP y for a binary operator; y is evaluated only when needed. */
static void
apply(enum op op, struct expr_val *x, const struct expr *y_expr,
    const struct expr_env *env)
{
	struct expr_val	l = *x, y;
	bool		ok;
	int		c;

	memset(x, 0, sizeof(*x));
	switch (op) {
	case OP_OR:
		set_num(x, EV_BOOL, truthy(&l) || expr_true(y_expr, env));
		return;
	case OP_AND:
		set_num(x, EV_BOOL, truthy(&l) && expr_true(y_expr, env));
		return;
	case OP_EQ:
	case OP_NE:
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		expr_eval(y_expr, env, &y);
		c = compare(&l, &y, &ok);
		if (!ok)
			return;		/* missing: neither true nor false */
		/* Strings are equal or not; they have no order here. */
		if (l.kind == EV_STR && op != OP_EQ && op != OP_NE)
			return;
		set_num(x, EV_BOOL, op == OP_EQ ? c == 0 : op == OP_NE ?
		    c != 0 : op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 :
		    op == OP_GT ? c > 0 : c >= 0);
		return;
	case OP_ADD:
	case OP_SUB:
	case OP_BAND:
	case OP_MUL:
	case OP_DIV:
	case OP_MOD:
	case OP_SHL:
		if (l.kind != EV_NUM)
			return;
		expr_eval(y_expr, env, &y);
		if (y.kind != EV_NUM)
			return;
		if ((op == OP_DIV || op == OP_MOD) && y.num == 0)
			return;
		if (op == OP_SHL) {
			if (y.num >= 0 && y.num < 63 && l.num >= 0)
				set_num(x, EV_NUM, (int64_t)((uint64_t)l.num <<
				    y.num));
			return;
		}
		/* Unsigned arithmetic wraps instead of overflowing. */
		set_num(x, EV_NUM, op == OP_ADD ?
		    (int64_t)((uint64_t)l.num + (uint64_t)y.num) :
		    op == OP_SUB ?
		    (int64_t)((uint64_t)l.num - (uint64_t)y.num) :
		    op == OP_BAND ? l.num & y.num :
		    op == OP_MUL ?
		    (int64_t)((uint64_t)l.num * (uint64_t)y.num) :
		    (l.num == INT64_MIN && y.num == -1) ? 0 :
		    op == OP_DIV ? l.num / y.num : l.num % y.num);
		return;
	case OP_NUM:
	case OP_STR:
	case OP_BOOL:
	case OP_VERSION:
	case OP_KERNEL:
	case OP_REF:
	case OP_NOT:
	case OP_NEG:
	case OP_COND:
	case OP_CHAIN:
		return;		/* not binary: never a link */
	}
}

void
expr_eval(const struct expr *e, const struct expr_env *env,
    struct expr_val *out)
{
	const struct expr	*link;
	struct expr_val		 x;

	memset(out, 0, sizeof(*out));
	switch (e->op) {
	case OP_NUM:
		set_num(out, EV_NUM, e->num);
		return;
	case OP_BOOL:
		set_num(out, EV_BOOL, e->num);
		return;
	case OP_VERSION:
		set_num(out, EV_VERSION, e->num);
		return;
	case OP_KERNEL:
		set_num(out, EV_VERSION, env->kernel);
		return;
	case OP_STR:
		out->kind = EV_STR;
		out->str = e->str;
		out->len = strlen(e->str);
		return;
	case OP_REF:
		env->resolve(env->ctx, e->str, e->index, e->ref, out);
		return;
	case OP_NOT:
		set_num(out, EV_BOOL, !expr_true(e->a, env));
		return;
	case OP_COND:
		expr_eval(expr_true(e->a, env) ? e->b : e->c, env, out);
		return;
	case OP_NEG:
		expr_eval(e->a, env, &x);
		/* In unsigned arithmetic: -INT64_MIN wraps to itself. */
		if (x.kind == EV_NUM)
			set_num(out, EV_NUM, (int64_t)(0 - (uint64_t)x.num));
		return;
	case OP_CHAIN:
		expr_eval(e->a, env, out);
		for (link = e->next; link != NULL; link = link->next)
			apply(link->op, out, link->a, env);
		return;
	case OP_OR:
	case OP_AND:
	case OP_EQ:
	case OP_NE:
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
	case OP_ADD:
	case OP_SUB:
	case OP_BAND:
	case OP_MUL:
	case OP_DIV:
	case OP_MOD:
	case OP_SHL:
		return;		/* only links of a chain carry these */
	}
}

void
expr_each_key(const struct expr *e, void (*fn)(void *, const char *),
    void *ctx)
{
	const struct expr	*link;

	if (e == NULL)
		return;
	if (e->op == OP_REF && e->str != NULL)
		fn(ctx, e->str);
	for (link = e->next; link != NULL; link = link->next)
		expr_each_key(link->a, fn, ctx);
	expr_each_key(e->a, fn, ctx);
	expr_each_key(e->b, fn, ctx);
	expr_each_key(e->c, fn, ctx);
}

bool
expr_true(const struct expr *e, const struct expr_env *env)
{
	struct expr_val	v;

	expr_eval(e, env, &v);
	return truthy(&v);
}
