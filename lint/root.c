/*
 * root.c: confined path resolution under an image root.  The walk holds
 * one descriptor, of the directory reached so far, and its depth below
 * the root, and follows each link by hand: an absolute target goes back
 * to the root, ".." climbs one level but never above the root.  Only
 * real directories are entered (never a link), so their ".." is the
 * parent the walk came from.  Linux sets no depth limit, and neither
 * does this: the link hops bound the walk.  Only the final component of
 * a regular file is ever opened for reading, with O_NONBLOCK so that
 * even a race with a FIFO cannot hang.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "root.h"
#include "util.h"

struct root {
	int	fd;
};

struct root *
root_open(const char *dir, char **err)
{
	struct root	*r;
	int		 fd;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1) {
		*err = xasprintf("cannot open root '%s': %s", dir,
		    strerror(errno));
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->fd = fd;
	return r;
}

void
root_close(struct root *r)
{
	if (r == NULL)
		return;
	close(r->fd);
	free(r);
}

/* Where a walk stands: a directory and its depth below the root. */
struct walk {
	int	root;
	int	fd;		/* root, or a descriptor the walk owns */
	size_t	depth;
};

static void
walk_to_root(struct walk *w)
{
	if (w->fd != w->root)
		close(w->fd);
	w->fd = w->root;
	w->depth = 0;
}

/* Enters directory name of the current one; -1 and errno on failure. */
static int
walk_enter(struct walk *w, const char *name)
{
	int	fd = openat(w->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);

	if (fd == -1)
		return -1;
	if (w->fd != w->root)
		close(w->fd);
	w->fd = fd;
	w->depth++;
	return 0;
}

/* Climbs to the parent, staying at the root; -1 and errno on failure. */
static int
walk_up(struct walk *w)
{
	int	fd;

	if (w->depth <= 1) {
		walk_to_root(w);
		return 0;
	}
	if ((fd = openat(w->fd, "..", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return -1;
	close(w->fd);
	w->fd = fd;
	w->depth--;
	return 0;
}

void
root_lookup(const struct root *r, const char *path, struct root_file *out)
{
	struct walk	 w = { r->fd, r->fd, 0 };
	int		 hops = 0, fd, flags;
	struct buf	 rest = BUF_INIT, next = BUF_INIT;
	char		 comp[256], target[4096];
	const char	*p, *slash;
	size_t		 n;
	ssize_t		 tl;
	struct stat	 st;
	bool		 linked_devnull = false;

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	buf_puts(&rest, path);
	for (;;) {
		p = buf_str(&rest);
		while (*p == '/')
			p++;
		if (*p == '\0') {
			/* The path named a directory (or the root). */
			out->kind = ROOT_DIRECTORY;
			break;
		}
		slash = strchr(p, '/');
		n = slash != NULL ? (size_t)(slash - p) : strlen(p);
		if (n >= sizeof(comp)) {
			out->kind = ROOT_ERROR;
			out->err = ENAMETOOLONG;
			break;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		buf_free(&next);
		buf_puts(&next, p + n);
		buf_free(&rest);
		buf_puts(&rest, buf_str(&next));
		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0) {
			if (walk_up(&w) == -1) {
				out->kind = ROOT_ERROR;
				out->err = errno;
				break;
			}
			continue;
		}
		if (fstatat(w.fd, comp, &st,
		    AT_SYMLINK_NOFOLLOW) == -1) {
			out->kind = hops > 0 && errno == ENOENT ?
			    ROOT_DANGLING : errno == ENOENT || errno ==
			    ENOTDIR ? ROOT_MISSING : ROOT_ERROR;
			out->err = errno;
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			if (++hops > ROOT_MAX_HOPS) {
				out->kind = ROOT_LOOP;
				out->err = ELOOP;
				break;
			}
			tl = readlinkat(w.fd, comp, target,
			    sizeof(target) - 1);
			if (tl < 0) {
				out->kind = ROOT_ERROR;
				out->err = errno;
				break;
			}
			target[tl] = '\0';
			if (strcmp(target, "/dev/null") == 0 &&
			    *buf_str(&rest) == '\0')
				linked_devnull = true;
			if (target[0] == '/')
				walk_to_root(&w);
			buf_free(&next);
			buf_puts(&next, target);
			buf_puts(&next, "/");
			buf_puts(&next, buf_str(&rest));
			buf_free(&rest);
			buf_puts(&rest, buf_str(&next));
			if (linked_devnull)
				break;
			continue;
		}
		p = buf_str(&rest);
		while (*p == '/')
			p++;
		if (*p != '\0') {
			/* An inner component: descend into the directory. */
			if (!S_ISDIR(st.st_mode)) {
				out->kind = ROOT_MISSING;
				out->err = ENOTDIR;
				break;
			}
			if (walk_enter(&w, comp) == -1) {
				out->kind = ROOT_ERROR;
				out->err = errno;
				break;
			}
			continue;
		}
		out->dev = st.st_dev;
		out->ino = st.st_ino;
		if (S_ISDIR(st.st_mode)) {
			out->kind = ROOT_DIRECTORY;
			fd = openat(w.fd, comp, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			out->fd = fd;
			if (fd == -1)
				out->err = errno;
		} else if (!S_ISREG(st.st_mode))
			out->kind = ROOT_OTHER;
		else {
			fd = openat(w.fd, comp, O_RDONLY |
			    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
			if (fd == -1) {
				out->kind = ROOT_ERROR;
				out->err = errno;
				break;
			}
			flags = fcntl(fd, F_GETFL);
			if (flags != -1)
				(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
			out->kind = ROOT_REGULAR;
			out->fd = fd;
		}
		break;
	}
	if (linked_devnull) {
		out->kind = ROOT_DEVNULL;
		out->fd = -1;
	}
	out->links = hops;
	walk_to_root(&w);
	buf_free(&rest);
	buf_free(&next);
}

bool
root_exists(const struct root *r, const char *path)
{
	struct root_file	f;

	root_lookup(r, path, &f);
	if (f.fd >= 0)
		close(f.fd);
	return f.kind == ROOT_REGULAR || f.kind == ROOT_DIRECTORY ||
	    f.kind == ROOT_OTHER;
}

char **
root_names(const struct root *r, const char *path, size_t *n, int *err)
{
	struct root_file	f;
	char			**names;

	*n = 0;
	*err = 0;
	root_lookup(r, path, &f);
	if (f.kind != ROOT_DIRECTORY || f.fd < 0) {
		if (f.fd >= 0)
			close(f.fd);
		/* What is not there, or no directory, holds no names. */
		if (f.kind != ROOT_MISSING && f.kind != ROOT_DANGLING &&
		    f.kind != ROOT_REGULAR && f.kind != ROOT_OTHER &&
		    f.kind != ROOT_DEVNULL)
			*err = f.err != 0 ? f.err : EIO;
		return NULL;
	}
	if ((names = dir_names(f.fd, n)) == NULL)
		*err = errno != 0 ? errno : EIO;
	return names;
}
