/*
 * jsonw.h: a streaming JSON writer with fixed two-space indentation,
 * so that report bytes are defined here, not by a library's habits.
 * Strings are escaped fully; bytes that are not valid UTF-8 become
 * U+FFFD, so the output is always valid JSON.
 *
 * Usage: jsonw_new(), then nested begin/end calls; inside an object,
 * jsonw_key() precedes each value.  The writer does not own the FILE.
 */
#ifndef SYSCTL_LINT_JSONW_H
#define SYSCTL_LINT_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct jsonw;

struct jsonw	*jsonw_new(FILE *);
/* Ends the document with a newline and frees the writer. */
void		 jsonw_finish(struct jsonw *);

void	jsonw_object_begin(struct jsonw *);
void	jsonw_object_end(struct jsonw *);
void	jsonw_array_begin(struct jsonw *);
void	jsonw_array_end(struct jsonw *);
void	jsonw_key(struct jsonw *, const char *);
void	jsonw_string(struct jsonw *, const char *);
void	jsonw_stringn(struct jsonw *, const char *, size_t);
/* A string or null when s is NULL. */
void	jsonw_string_or_null(struct jsonw *, const char *);
void	jsonw_uint(struct jsonw *, unsigned long long);
void	jsonw_bool(struct jsonw *, bool);
void	jsonw_null(struct jsonw *);

#endif
