/*
 * util.h: allocation that never returns NULL, and small helpers.
 *
 * Every x*() allocator prints a message and exits with status 2 when
 * memory runs out, so no caller carries an out-of-memory path.  The
 * caller owns (and frees with free()) whatever these return.
 */
#ifndef SYSCTL_LINT_UTIL_H
#define SYSCTL_LINT_UTIL_H

#include <stddef.h>

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a)	__attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) PRINTF_LIKE(1, 2);

/*
 * Grows *vec (of *cap elements of size sz) so that it holds at least
 * need elements; doubles to keep appends amortised O(1).
 */
void	 xgrow(void **vec, size_t *cap, size_t need, size_t sz);

/* qsort(3) comparison of an array of strings, by strcmp(). */
int	 strptr_cmp(const void *, const void *);
/* Frees n strings and the array holding them. */
void	 strv_free(char **, size_t n);
/*
 * The names in the directory open on fd, "." and ".." left out, sorted
 * by strcmp(); fd is closed.  NULL (errno set) if it cannot be read.
 * Free the result with strv_free().
 */
char	**dir_names(int fd, size_t *n);
/*
 * The same for the directory at path; NULL, with *err (caller frees)
 * naming the directory, if it cannot be opened or read.
 */
char	**dir_names_at(const char *path, size_t *n, char **err);
/*
 * The word of words[0..n) nearest to the len bytes at s, compared
 * without case, for a "did you mean" after a mistyped option value or
 * configuration key; NULL when none is within a third of its length
 * (at least 1, at most 3 edits).  The key database has its own, tuned
 * for its thousands of long keys.
 */
const char *word_nearest(const char *s, size_t len,
	    const char *const *words, size_t n);
/*
 * The words word(0), word(1), ... up to the first NULL, joined for a
 * message or --help: ", " between them but last between the final two,
 * and " (default)" after def (if not NULL): "note, warning or error",
 * "text (default), json, sarif".  Word lists come from the tables that
 * parse them, so that a message cannot forget a row.
 */
char	*words_join(const char *(*word)(size_t), const char *last,
	    const char *def);

#endif
