/*
 * expr.h: the condition language of data rules.
 *
 *	cond  := or [ "?" cond ":" cond ]
 *	or    := and { "||" and }        and := not { "&&" not }
 *	not   := "!" not | cmp           cmp := shift [ op shift ]
 *	shift := sum { "<<" sum }
 *	op    := "==" | "!=" | "<" | "<=" | ">" | ">="
 *	sum   := term { ("+" | "-" | "&") term }
 *	term  := unary { ("*" | "/" | "%") unary }
 *	unary := "-" unary | primary
 *	primary := NUMBER | VERSION | STRING | "true" | "false" | "kernel"
 *	        | ref | FUNC "(" ref ")" | "(" cond ")"
 *	ref   := ("value" | KEY) [ "[" NUMBER "]" ]
 *	FUNC  := "set" | "default" | "count" | "min" | "max"
 *
 * NUMBER is decimal, within 64 signed bits, or 0x hexadecimal, a 64-bit
 * pattern (0xffffffffffffffff is -1); VERSION is "4.12" and compares
 * with "kernel"; KEY is a dotted sysctl key; "value" is the key the rule
 * matched; min() and max() read a list value ("8080,9000-9010", as
 * ip_local_reserved_ports) and give its lowest and highest number.
 * A key's value is what the unit sets, else the target
 * kernel's default; a value nobody knows (an unset key whose default is
 * a formula) is "missing", and any comparison with it is false, so a
 * rule never fires on what it cannot know.
 *
 * Ownership: expr_compile() returns a tree the caller frees with
 * expr_free(); the environment's strings belong to the environment.
 */
#ifndef SYSCTL_LINT_EXPR_H
#define SYSCTL_LINT_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum expr_kind {
	EV_MISSING,
	EV_BOOL,
	EV_NUM,
	EV_STR,
	EV_VERSION
};

struct expr_val {
	enum expr_kind	 kind;
	int64_t		 num;		/* EV_BOOL, EV_NUM, EV_VERSION */
	const char	*str;		/* EV_STR: not NUL-terminated */
	size_t		 len;
};

/* How a reference is used: its value, whether it is set, ... */
enum expr_ref {
	REF_VALUE,
	REF_SET,
	REF_DEFAULT,
	REF_COUNT,
	REF_MIN,
	REF_MAX
};

/*
 * The environment a condition is evaluated in.  resolve() answers a
 * reference (key NULL for "value", index -1 for none).
 */
struct expr_env {
	void	*ctx;
	void	(*resolve)(void *ctx, const char *key, int index,
		    enum expr_ref, struct expr_val *out);
	int64_t	  kernel;	/* EXPR_VERSION(major, minor) */
};

#define EXPR_VERSION(maj, min)	((int64_t)(maj) * 65536 + (min))

struct expr;

/*
 * Compiles text.  On a syntax error returns NULL, sets *err (caller
 * frees) and *col to the 1-based column of the error.  A condition of
 * more than 10,000 operands and operators, or nested more than 64 deep,
 * is an error too: evaluating and freeing recurse only as deep as the
 * nesting.
 */
struct expr	*expr_compile(const char *text, char **err, size_t *col);
void		 expr_free(struct expr *);
/* True if the condition holds; missing values make it false. */
bool		 expr_true(const struct expr *, const struct expr_env *);
/* Evaluates to a value (for computed message fields). */
void		 expr_eval(const struct expr *, const struct expr_env *,
		    struct expr_val *);
/*
 * Calls fn with each key the condition names (dotted, as written; not
 * "value"), in every branch, whether or not an evaluation would read it:
 * what a rule depends on, for --explain.  A key may come more than once.
 */
void		 expr_each_key(const struct expr *,
		    void (*fn)(void *ctx, const char *key), void *ctx);

#endif
