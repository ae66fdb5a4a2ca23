/*
 * pattern.h: the regular expressions of rule key patterns (pcre2),
 * anchored at both ends so that "net\\.ipv4\\..*" means the whole key.
 * No pcre2 type leaves pattern.c.
 *
 * Ownership: pattern_compile() returns an object freed by pattern_free().
 */
#ifndef SYSCTL_LINT_PATTERN_H
#define SYSCTL_LINT_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

struct pattern;

/*
 * Compiles re.  On error returns NULL, sets *err (caller frees) and
 * *col to the 1-based column in re.
 */
struct pattern	*pattern_compile(const char *re, char **err, size_t *col);
bool		 pattern_match(const struct pattern *, const char *s);
void		 pattern_free(struct pattern *);

#endif
