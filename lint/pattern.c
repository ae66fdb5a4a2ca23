/*
 * pattern.c: pcre2 behind a small interface.
 *
 * The patterns come from a team's rules, the keys from the files under
 * lint, so a key can be made to drive a backtracking pattern ("(a+)+")
 * through an exponential search.  Every match runs under a match
 * context whose limits cut that search short (pcre2's defaults allow
 * ten million steps a key), JIT-compiled when the library can: when it
 * cannot, the interpreter runs the same pattern under the same limits.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "pattern.h"
#include "util.h"

/*
 * Backtracking steps and nested backtracking points for one key.  A
 * pattern a rule would use needs a few per character of the key.
 */
#define PATTERN_MATCH_LIMIT	100000
#define PATTERN_DEPTH_LIMIT	10000
/* The JIT's stack: 32 KiB at first, grown up to 1 MiB. */
#define PATTERN_JIT_STACK_MIN	(32 * 1024)
#define PATTERN_JIT_STACK_MAX	(1024 * 1024)

struct pattern {
	pcre2_code		*code;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	pcre2_jit_stack		*jit_stack;	/* NULL: the default */
};

struct pattern *
pattern_compile(const char *re, char **err, size_t *col)
{
	struct pattern	*p;
	int		 ec;
	PCRE2_SIZE	 off;
	PCRE2_UCHAR	 msg[256];
	pcre2_code	*code;

	code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF, &ec, &off, NULL);
	if (code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		*err = xstrdup((const char *)msg);
		*col = (size_t)off + 1;
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->code = code;
	p->md = pcre2_match_data_create_from_pattern(code, NULL);
	p->mctx = pcre2_match_context_create(NULL);
	if (p->md == NULL || p->mctx == NULL) {
		pattern_free(p);
		*err = xstrdup("out of memory");
		*col = 1;
		return NULL;
	}
	pcre2_set_match_limit(p->mctx, PATTERN_MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, PATTERN_DEPTH_LIMIT);
	/* Without JIT (not built, no executable memory) it interprets. */
	if (pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0 &&
	    (p->jit_stack = pcre2_jit_stack_create(PATTERN_JIT_STACK_MIN,
	    PATTERN_JIT_STACK_MAX, NULL)) != NULL)
		pcre2_jit_stack_assign(p->mctx, NULL, p->jit_stack);
	return p;
}

enum pattern_result
pattern_match(const struct pattern *p, const char *s, char **why)
{
	PCRE2_UCHAR	msg[256];
	int		rc;

	rc = pcre2_match(p->code, (PCRE2_SPTR)s, strlen(s), 0, 0, p->md,
	    p->mctx);
	if (rc >= 0)
		return PATTERN_MATCH;
	if (rc == PCRE2_ERROR_NOMATCH)
		return PATTERN_NO_MATCH;
	/* A limit hit (or worse): neither a match nor a mismatch. */
	if (pcre2_get_error_message(rc, msg, sizeof(msg)) < 0)
		*why = xasprintf("pcre2 error %d", rc);
	else
		*why = xstrdup((const char *)msg);
	return PATTERN_ERROR;
}

void
pattern_free(struct pattern *p)
{
	if (p == NULL)
		return;
	pcre2_jit_stack_free(p->jit_stack);
	pcre2_match_context_free(p->mctx);
	pcre2_match_data_free(p->md);
	pcre2_code_free(p->code);
	free(p);
}
