/*
 * util.c: allocators that exit on failure, so that the rest of the
 * program never tests for NULL after allocating.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static void
oom(void)
{
	fputs("sysctl-lint: error: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz);

	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	p = realloc(p, n * sz == 0 ? 1 : n * sz);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
xgrow(void **vec, size_t *cap, size_t need, size_t sz)
{
	size_t	n;

	if (need <= *cap)
		return;
	n = *cap < 8 ? 8 : *cap;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			oom();
		n *= 2;
	}
	*vec = xreallocarray(*vec, n, sz);
	*cap = n;
}

int
strptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strv_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

char **
dir_names(int fd, size_t *n)
{
	DIR		*dp;
	struct dirent	*de;
	char		**names;
	size_t		  cap = 0;
	void		 *p = NULL;

	*n = 0;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return NULL;
	}
	xgrow(&p, &cap, 1, sizeof(char *));
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		xgrow(&p, &cap, *n + 1, sizeof(char *));
		names = p;
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	names = p;
	if (*n > 1)
		qsort(names, *n, sizeof(char *), strptr_cmp);
	return names;
}

char **
dir_names_at(const char *path, size_t *n, char **err)
{
	int	  fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char	**names;

	*n = 0;
	if (fd == -1 || (names = dir_names(fd, n)) == NULL) {
		*err = xasprintf("cannot open directory '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	return names;
}

/* Words longer than this are not option words: no suggestion. */
#define WORD_MAX	32

/* Optimal string alignment distance: a transposition is one edit. */
static size_t
word_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t	d[WORD_MAX + 1][WORD_MAX + 1], i, j, c, best;

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			c = tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]);
			best = d[i - 1][j - 1] + c;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 &&
			    tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) ==
			    tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

const char *
word_nearest(const char *s, size_t len, const char *const *words, size_t n)
{
	const char	*best = NULL;
	size_t		 i, d, lw, limit, bestd = SIZE_MAX;

	if (len == 0 || len > WORD_MAX)
		return NULL;
	for (i = 0; i < n; i++) {
		if ((lw = strlen(words[i])) > WORD_MAX)
			continue;
		limit = lw / 3 < 1 ? 1 : lw / 3 > 3 ? 3 : lw / 3;
		d = word_distance(s, len, words[i], lw);
		if (d <= limit && d < bestd) {
			best = words[i];
			bestd = d;
		}
	}
	return best;
}

char *
words_join(const char *(*word)(size_t), const char *last, const char *def)
{
	const char	*w;
	char		*out, *p;
	size_t		 i, n, size = 1;

	for (n = 0; (w = word(n)) != NULL; n++)
		size += strlen(w) + strlen(last) + sizeof(" (default), ");
	p = out = xmalloc(size);
	*p = '\0';
	for (i = 0; i < n; i++) {
		w = word(i);
		p += snprintf(p, size - (size_t)(p - out), "%s%s%s",
		    i == 0 ? "" : i + 1 == n ? last : ", ", w,
		    def != NULL && strcmp(w, def) == 0 ? " (default)" : "");
	}
	return out;
}
