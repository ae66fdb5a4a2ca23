/*
 * utf8.h: decoding UTF-8 and naming the characters that hide in
 * configuration files (no-break spaces, zero-width marks, full-width
 * forms).
 */
#ifndef SYSCTL_LINT_UTF8_H
#define SYSCTL_LINT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the character at p (n bytes available).  Returns its length
 * in bytes and sets *cp, or returns 0 for a byte that does not start a
 * valid, shortest-form UTF-8 sequence.
 */
size_t		 utf8_decode(const char *p, size_t n, uint32_t *cp);
/* Columns a terminal gives the character: 0, 1 or 2. */
int		 utf8_width(uint32_t cp);
/*
 * The Unicode name of an invisible or whitespace-like character (or a
 * control character), or NULL if cp is not one.
 */
const char	*utf8_invisible_name(uint32_t cp);
/* True for U+3000 and the other characters that look like a space. */
int		 utf8_is_space_like(uint32_t cp);

#endif
