/*
 * value.h: a value as the kernel's numeric handlers read it.
 *
 * The kernel splits a write at blanks and reads each number with base 0
 * (kernel/sysctl.c proc_get_long(): "0x10" is 16, "010" is 8), with an
 * optional '-'.  Each token keeps its byte span in the value.
 *
 * A token record is twelve times the two bytes of "1 ": a check that
 * needs a few tokens splits only those (value_split_max()), counts the
 * rest (value_count()) or walks them one by one (value_next()), so that
 * a long value costs no memory in proportion.
 *
 * Ownership: value_split() fills a caller-provided struct value; a value
 * of a few tokens lives inside it, a longer one is allocated, so a
 * struct value is never copied, and value_free() releases it.
 */
#ifndef SYSCTL_LINT_VALUE_H
#define SYSCTL_LINT_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct value_token {
	uint32_t	 off;		/* into the value text */
	uint32_t	 len;
	bool		 number;	/* the whole token is a number */
	bool		 negative;
	bool		 octal;		/* leading 0 followed by digits */
	bool		 overflow;	/* beyond 64 bits */
	uint64_t	 magnitude;
};

/* Enough for every tuple the kernel takes (tcp_rmem has three). */
#define VALUE_INLINE	4

struct value {
	struct value_token	*tok;	/* inline, or allocated */
	size_t			 n;
	struct value_token	 inline_tok[VALUE_INLINE];
};

/* Splits text[0, len) at blanks and reads each token as a number. */
void	value_split(const char *text, size_t len, struct value *);
/* The same for the first max tokens only. */
void	value_split_max(const char *text, size_t len, size_t max,
	    struct value *);
/*
 * Reads the token at or after *pos into *t and moves *pos past it;
 * false when no token is left.  Start with *pos = 0.
 */
bool	value_next(const char *text, size_t len, size_t *pos,
	    struct value_token *t);
/* The number of tokens, none stored. */
size_t	value_count(const char *text, size_t len);
void	value_free(struct value *);

#endif
