/*
 * utf8.h: decoding UTF-8, naming the characters that hide in
 * configuration files (no-break spaces, zero-width marks, full-width
 * forms), and writing text from input so that printing it is safe.
 */
#ifndef SYSCTL_LINT_UTF8_H
#define SYSCTL_LINT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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

/*
 * True for what must not reach a terminal or a CI log as is: C0 and C1
 * controls, DEL, and the invisible format characters (directional
 * marks, embeddings, overrides and isolates, zero-width characters,
 * line and paragraph separators, tags).
 */
bool		 utf8_is_unsafe(uint32_t cp);

/* Bytes an escape takes at most: "\u{10ffff}" and a NUL. */
#define UTF8_ESCAPE_MAX	16

/*
 * The character at s (n > 0 bytes available) as it is shown: writes
 * its escape into esc ("\n", "\x1b", "\u202e", "\xff" for a byte that
 * is not UTF-8) and returns the bytes of s it covers; for a character
 * safe to print, esc is left "" and the bytes are the caller's to copy.
 */
size_t		 utf8_escape(const char *s, size_t n,
		    char esc[UTF8_ESCAPE_MAX]);

/* utf8_put_escaped(): s starts a line of output. */
#define UTF8_LINE_START	1u

/*
 * Writes s[0, n) with every unsafe character (NUL included) or invalid
 * byte escaped, so that
 * text from input cannot move the cursor, recolour, hide or reorder
 * what follows, or start a line of its own.  With UTF8_LINE_START, a
 * "::" that would begin the line (blanks aside) is written "\x3a:": CI
 * runners read such a line as a workflow command.
 */
void		 utf8_put_escaped(FILE *, const char *s, size_t n,
		    unsigned flags);
/* utf8_put_escaped() of a string. */
void		 utf8_puts_escaped(FILE *, const char *s, unsigned flags);

#endif
