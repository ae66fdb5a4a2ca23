/*
 * check.h: a minimal test kit.  Each CHECK counts a pass or prints the
 * failing expression; check_done() prints "N passed, N failed" and
 * returns the exit status.  Counters live in the test's main().
 */
#ifndef SYSCTL_LINT_CHECK_H
#define SYSCTL_LINT_CHECK_H

#include <stdio.h>
#include <string.h>

struct check_counts {
	int	passed;
	int	failed;
};

#define CHECK(c, expr) do {						\
	if (expr)							\
		(c)->passed++;						\
	else {								\
		(c)->failed++;						\
		fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__,	\
		    #expr);						\
	}								\
} while (0)

#define CHECK_STR(c, got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)		\
		(c)->passed++;						\
	else {								\
		(c)->failed++;						\
		fprintf(stderr, "%s:%d: FAIL: %s: got \"%s\", want \"%s\"\n", \
		    __FILE__, __LINE__, #got, g_ ? g_ : "(null)",		\
		    w_ ? w_ : "(null)");				\
	}								\
} while (0)

static inline int
check_done(const struct check_counts *c)
{
	printf("%d passed, %d failed\n", c->passed, c->failed);
	return c->failed == 0 ? 0 : 1;
}

#endif
