/*
 * source.c: reads an input whole and builds the table of line starts
 * that turns byte offsets into line and column numbers when reporting.
 * It does not interpret the bytes: parsing is conf.c's job.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"
#include "util.h"

static void
source_index(struct source *src)
{
	size_t		 cap = 0, i;
	void		*lines = NULL;
	const char	*nl;

	xgrow(&lines, &cap, 1, sizeof(uint32_t));
	src->lines = lines;
	src->lines[0] = 0;
	src->nlines = 1;
	/* memchr() goes a word or a vector at a time. */
	for (i = 0; i + 1 < src->len; i = (size_t)(nl - src->data) + 1) {
		if ((nl = memchr(src->data + i, '\n', src->len - 1 - i)) ==
		    NULL)
			break;
		lines = src->lines;
		xgrow(&lines, &cap, src->nlines + 1, sizeof(uint32_t));
		src->lines = lines;
		src->lines[src->nlines++] = (uint32_t)(nl - src->data + 1);
	}
}

struct source *
source_from_mem(const char *display, const char *data, size_t len)
{
	struct source	*src = xcalloc(1, sizeof(*src));

	src->path = xstrdup(display);
	src->data = xmalloc(len + 1);
	if (len > 0)
		memcpy(src->data, data, len);
	src->data[len] = '\0';
	src->len = len;
	source_index(src);
	return src;
}

/*
 * Reads fd to its end; st is what fstat() said of it, or NULL.  A
 * regular file is read into a buffer of its size, and no further than
 * that size: a file that grows meanwhile is read as it was.
 */
static struct source *
load_fd(int fd, const struct stat *st, const char *display, char **err)
{
	char		*data = NULL;
	size_t		 len = 0, cap = 0, size = 0;
	ssize_t		 n;
	struct source	*src;
	void		*p;

	if (st != NULL && S_ISREG(st->st_mode) && st->st_size > 0 &&
	    (size_t)st->st_size <= SOURCE_MAX_SIZE) {
		size = (size_t)st->st_size;
		cap = size + 1;
		data = xmalloc(cap);
	}
	while (size == 0 || len < size) {
		p = data;
		xgrow(&p, &cap, cap > len ? len + 1 : len + 65536, 1);
		data = p;
		n = read(fd, data + len, (size > 0 ? size : cap) - len);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*err = xasprintf("cannot read '%s': %s", display,
			    strerror(errno));
			free(data);
			return NULL;
		}
		len += (size_t)n;
		if (len > SOURCE_MAX_SIZE) {
			*err = xasprintf("'%s' is larger than %zu MiB",
			    display, SOURCE_MAX_SIZE >> 20);
			free(data);
			return NULL;
		}
	}
	src = xcalloc(1, sizeof(*src));
	src->path = xstrdup(display);
	/* Keep no slack: a run may hold thousands of files at once. */
	src->data = xreallocarray(data, len + 1, 1);
	src->data[len] = '\0';
	src->len = len;
	source_index(src);
	return src;
}

struct source *
source_load_fd(int fd, const char *display, char **err)
{
	struct stat	st;

	return load_fd(fd, fstat(fd, &st) == 0 ? &st : NULL, display, err);
}

struct source *
source_load(const char *fspath, const char *display, char **err)
{
	struct source	*src;
	struct stat	 st;
	int		 fd, flags;

	/* O_NONBLOCK: opening a FIFO without a writer must not hang. */
	fd = open(fspath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd == -1) {
		*err = xasprintf("cannot open '%s': %s", display,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1) {
		*err = xasprintf("cannot stat '%s': %s", display,
		    strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = xasprintf("'%s' is a directory", display);
		close(fd);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > SOURCE_MAX_SIZE) {
		*err = xasprintf("'%s' is larger than %zu MiB", display,
		    SOURCE_MAX_SIZE >> 20);
		close(fd);
		return NULL;
	}
	/* A FIFO or device is then read with blocking reads. */
	if (!S_ISREG(st.st_mode) && (flags = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	src = load_fd(fd, &st, display, err);
	if (src != NULL)
		source_set_checkout(src, fd);
	close(fd);
	return src;
}

void
source_set_checkout(struct source *src, int fd)
{
	char	 link[64], *real, *cwd;
	size_t	 n;

	free(src->checkout);
	src->checkout = NULL;
	/* Linux names the file an descriptor is open on here. */
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((real = realpath(link, NULL)) == NULL)
		return;
	if ((cwd = getcwd(NULL, 0)) != NULL) {
		n = strcmp(cwd, "/") == 0 ? 0 : strlen(cwd);
		if (strncmp(real, cwd, n) == 0 && real[n] == '/' &&
		    real[n + 1] != '\0')
			src->checkout = xstrdup(real + n + 1);
	}
	free(cwd);
	free(real);
}

const char *
source_checkout_path(const struct source *src)
{
	return src->checkout != NULL ? src->checkout : src->path;
}

struct source *
source_ref(struct source *src)
{
	src->extra_refs++;
	return src;
}

void
source_free(struct source *src)
{
	if (src == NULL)
		return;
	if (src->extra_refs > 0) {
		src->extra_refs--;
		return;
	}
	free(src->path);
	free(src->checkout);
	free(src->data);
	free(src->lines);
	free(src);
}

size_t
source_chars(const char *data, uint32_t from, uint32_t to)
{
	size_t	n = 0;

	for (; from < to; from++)
		if (((unsigned char)data[from] & 0xC0) != 0x80)
			n++;
	return n;
}

void
source_locate(const struct source *src, uint32_t off, size_t *line,
    size_t *col)
{
	size_t	lo = 0, hi = src->nlines, mid;

	/* Last line start <= off, by binary search. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo + 1;
	*col = source_chars(src->data, src->lines[lo], off) + 1;
}

void
source_line(const struct source *src, size_t line, uint32_t *start,
    uint32_t *end)
{
	uint32_t	s, e;

	if (line == 0 || line > src->nlines) {
		*start = *end = (uint32_t)src->len;
		return;
	}
	s = src->lines[line - 1];
	e = line < src->nlines ? src->lines[line] : (uint32_t)src->len;
	if (e > s && src->data[e - 1] == '\n')
		e--;
	*start = s;
	*end = e;
}
