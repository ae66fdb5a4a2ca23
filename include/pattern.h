/*
 * pattern.h: the regular expressions of rule key patterns (pcre2),
 * anchored at both ends so that "net\\.ipv4\\..*" means the whole key.
 * No pcre2 type leaves pattern.c.
 *
 * A match is bounded: past 100,000 backtracking steps (or 10,000 nested
 * backtracking points, or 1 MiB of JIT stack) it gives up, and the
 * caller learns that the key neither matched nor failed to.
 *
 * Ownership: pattern_compile() returns an object freed by pattern_free().
 */
#ifndef SYSCTL_LINT_PATTERN_H
#define SYSCTL_LINT_PATTERN_H

#include <stddef.h>

struct pattern;

/*
 * Compiles re.  On error returns NULL, sets *err (caller frees) and
 * *col to the 1-based column in re.
 */
struct pattern	*pattern_compile(const char *re, char **err, size_t *col);
enum pattern_result {
	PATTERN_NO_MATCH,
	PATTERN_MATCH,
	PATTERN_ERROR		/* gave up past a limit */
};

/* Matches s; on PATTERN_ERROR sets *why (caller frees). */
enum pattern_result pattern_match(const struct pattern *, const char *s,
		    char **why);
void		 pattern_free(struct pattern *);

#endif
