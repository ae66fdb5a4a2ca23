/*
 * outfile.c: write to a temporary, then rename it over the target.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

struct outfile {
	char	*path;
	char	*tmp;		/* NULL when writing to a stream */
	FILE	*f;
};

static void
outfile_free(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	free(o);
}

/*
 * A device or FIFO at the target (/dev/stdout, a pipe) is a stream, not
 * a file to replace: it is written to directly.  NULL if it cannot be
 * opened, or has become a regular file meanwhile (errno EEXIST).
 */
static FILE *
open_stream(const char *path)
{
	struct stat	 st;
	FILE		*f;
	int		 fd, e;

	if ((fd = open(path, O_WRONLY | O_NOCTTY)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISREG(st.st_mode))
		e = EEXIST;
	else if ((f = fdopen(fd, "w")) != NULL)
		return f;
	else
		e = errno;
	close(fd);
	errno = e;
	return NULL;
}

struct outfile *
outfile_open(const char *path, char **err)
{
	struct outfile	*o = xcalloc(1, sizeof(*o));
	struct stat	 st;
	mode_t		 mask;
	int		 fd, e;

	o->path = xstrdup(path);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		if ((o->f = open_stream(path)) != NULL)
			return o;
		*err = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		outfile_free(o);
		return NULL;
	}
	o->tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(o->tmp)) < 0) {
		*err = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		outfile_free(o);
		return NULL;
	}
	/* mkstemp() makes it 0600; a report gets the mode fopen() gives. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 ||
	    (o->f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		unlink(o->tmp);
		*err = xasprintf("cannot write '%s': %s", path, strerror(e));
		outfile_free(o);
		return NULL;
	}
	return o;
}

FILE *
outfile_stream(const struct outfile *o)
{
	return o->f;
}

bool
outfile_commit(struct outfile *o, char **err)
{
	int	e = 0;

	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		e = errno != 0 ? errno : EIO;
	else if (o->tmp != NULL && fsync(fileno(o->f)) != 0)
		e = errno;
	if (fclose(o->f) != 0 && e == 0)
		e = errno;
	if (e == 0 && o->tmp != NULL && rename(o->tmp, o->path) != 0)
		e = errno;
	if (e != 0 && o->tmp != NULL)
		unlink(o->tmp);
	if (e != 0) {
		*err = xasprintf("cannot write '%s': %s", o->path,
		    strerror(e));
	}
	outfile_free(o);
	return e == 0;
}

void
outfile_discard(struct outfile *o)
{
	fclose(o->f);
	if (o->tmp != NULL)
		unlink(o->tmp);
	outfile_free(o);
}

static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

bool
outfile_distinct(const char *path, const char *const *files, size_t n,
    char **err)
{
	struct stat	out, in;
	size_t		i;

	/*
	 * The rename replaces the name itself: a link there is replaced,
	 * and what it points to is safe, unless the link is itself named.
	 */
	if (lstat(path, &out) != 0)
		return true;
	for (i = 0; i < n; i++) {
		if (files[i] == NULL || strcmp(files[i], "-") == 0)
			continue;
		if ((stat(files[i], &in) == 0 && same_file(&in, &out)) ||
		    (lstat(files[i], &in) == 0 && same_file(&in, &out))) {
			*err = xasprintf("not writing '%s': it is '%s', an "
			    "input of this run", path, files[i]);
			return false;
		}
	}
	return true;
}
