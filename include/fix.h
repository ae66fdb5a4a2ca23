/*
 * fix.h: the fixes of findings applied to a file's text, and the
 * unified diff they make of it.
 *
 * A fix_text holds a file's original bytes and what its fixes have made
 * of them so far, one round of fixes at a time: a round's fixes are
 * spans of the text the previous round left, so that the file can be
 * linted again in between and a fix that overlapped another gets its
 * turn.  The text keeps where it differs from the original, so that its
 * diff is exact and takes linear time however many rounds it took.
 *
 * Ownership: a fix_text owns copies of both texts; the findings given
 * to fix_text_apply() stay the caller's.
 */
#ifndef SYSCTL_LINT_FIX_H
#define SYSCTL_LINT_FIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct finding;
struct fix_text;

/* Lines of unchanged context around each change of a diff. */
#define FIX_CONTEXT	3

struct fix_text	*fix_text_new(const char *data, size_t len);
void		 fix_text_free(struct fix_text *);
/*
 * Applies the fixes of the n findings (each has one, its span in the
 * current text), in the order of their start, the longest first, then
 * rule id and report order, leaving out each that overlaps one taken
 * before it.  A line break in a replacement is written as the line's
 * own (CRLF in a CRLF line), and the text keeps whether it ended with
 * a line break.  Returns how many were applied.
 */
size_t		 fix_text_apply(struct fix_text *,
		    const struct finding *const *, size_t n);
/* The current text: len bytes, then a NUL. */
const char	*fix_text_data(const struct fix_text *, size_t *len);
/* The original text, as given to fix_text_new(). */
const char	*fix_text_original(const struct fix_text *, size_t *len);
bool		 fix_text_changed(const struct fix_text *);
/*
 * Writes the changes as a unified diff with FIX_CONTEXT lines of
 * context, the file named a/PATH and b/PATH as git names it (a leading
 * '/' or "./" dropped; a name with a control character, a quote, a
 * backslash or a byte past ASCII in C quotes; one with a blank ended by
 * a TAB), so that `git apply` and `patch -p1` take it.  Writes nothing
 * when the text is unchanged.
 */
void		 fix_text_diff(const struct fix_text *, const char *path,
		    FILE *);

#endif
