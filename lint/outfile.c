/*
 * outfile.c: write to a temporary, then rename it over the target: for
 * reports, baselines and the files --fix changes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
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

/* Whether the file open on fd holds exactly the n bytes of want. */
static bool
holds(int fd, const char *want, size_t n)
{
	char	buf[65536];
	size_t	off = 0;
	ssize_t	r;

	for (;;) {
		if ((r = read(fd, buf, sizeof(buf))) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (r == 0)
			return off == n;
		if ((size_t)r > n - off || memcmp(buf, want + off,
		    (size_t)r) != 0)
			return false;
		off += (size_t)r;
	}
}

/* Writes all of data to fd; the errno of the failure, or 0. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	w;

	while (len > 0) {
		if ((w = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/*
 * Why the file at path, open on fd, is not to be replaced, or NULL; a
 * message to free.
 */
static char *
refusal(const char *path, int fd, const struct stat *was, const char *old,
    size_t oldlen, struct stat *st)
{
	if (fstat(fd, st) != 0)
		return xasprintf("cannot fix '%s': %s", path, strerror(errno));
	if (!S_ISREG(st->st_mode))
		return xasprintf("not fixing '%s': it is not a regular file",
		    path);
	if (st->st_dev != was->st_dev || st->st_ino != was->st_ino ||
	    !holds(fd, old, oldlen))
		return xasprintf("not fixing '%s': it changed since it was "
		    "read", path);
	if (st->st_nlink > 1)
		return xasprintf("not fixing '%s': it has %ju names (hard "
		    "links), which a new file would split", path,
		    (uintmax_t)st->st_nlink);
	if ((st->st_mode & 0222) == 0 || access(path, W_OK) != 0)
		return xasprintf("not fixing '%s': it is read-only", path);
	return NULL;
}

/* Syncs the directory of path, so that the rename lasts a crash. */
static void
sync_dir(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir = slash == NULL ? xstrdup(".") : slash == path ?
			    xstrdup("/") : xstrndup(path, (size_t)(slash -
			    path));
	int		 fd;

	/* Not every file system syncs a directory: the rename stands. */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

bool
outfile_replace(const char *path, const struct stat *was, const char *old,
    size_t oldlen, const char *data, size_t len, char **err)
{
	struct stat	 st, tst;
	char		*tmp;
	int		 fd, e = 0;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
	    O_NOCTTY);
	if (fd < 0) {
		e = errno;
		*err = e == ELOOP ? xasprintf("not fixing '%s': it is a "
		    "symbolic link", path) : xasprintf("cannot fix '%s': %s",
		    path, strerror(e));
		return false;
	}
	*err = refusal(path, fd, was, old, oldlen, &st);
	close(fd);
	if (*err != NULL)
		return false;
	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		*err = xasprintf("cannot fix '%s': %s", path, strerror(errno));
		free(tmp);
		return false;
	}
	/* The owner first: a change of owner drops set-id bits. */
	if (fstat(fd, &tst) != 0 || ((tst.st_uid != st.st_uid ||
	    tst.st_gid != st.st_gid) && fchown(fd, st.st_uid, st.st_gid) != 0))
		e = errno;
	else if (fchmod(fd, st.st_mode & 07777) != 0)
		e = errno;
	else if ((e = write_all(fd, data, len)) == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0) {
		unlink(tmp);
		*err = xasprintf("cannot fix '%s': %s", path, strerror(e));
	} else
		sync_dir(path);
	free(tmp);
	return e == 0;
}
