/*
 * root.c: confined path resolution under an image root.  The walk keeps
 * a stack of directory descriptors, one per component, and follows each
 * link by hand: an absolute target pops back to the root, ".." pops one
 * level but never the root itself.  Only the final component of a
 * regular file is ever opened for reading, with O_NONBLOCK so that even
 * a race with a FIFO cannot hang.
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

/* Directory levels a lookup may descend. */
#define ROOT_MAX_DEPTH	64

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

/* Pops the descriptor stack down to depth keep (the root stays). */
static void
pop_to(int *stack, int *depth, int keep)
{
	while (*depth > keep)
		close(stack[--(*depth)]);
}

void
root_lookup(const struct root *r, const char *path, struct root_file *out)
{
	int		 stack[ROOT_MAX_DEPTH];
	int		 depth = 1, hops = 0, fd, flags;
	struct buf	 rest = BUF_INIT, next = BUF_INIT;
	char		 comp[256], target[4096];
	const char	*p, *slash;
	size_t		 n;
	ssize_t		 tl;
	struct stat	 st;
	bool		 linked_devnull = false;

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	stack[0] = r->fd;
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
			pop_to(stack, &depth, depth > 1 ? depth - 1 : 1);
			continue;
		}
		if (fstatat(stack[depth - 1], comp, &st,
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
			tl = readlinkat(stack[depth - 1], comp, target,
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
				pop_to(stack, &depth, 1);
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
			if (!S_ISDIR(st.st_mode) || depth >= ROOT_MAX_DEPTH) {
				out->kind = ROOT_MISSING;
				out->err = ENOTDIR;
				break;
			}
			fd = openat(stack[depth - 1], comp, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd == -1) {
				out->kind = ROOT_ERROR;
				out->err = errno;
				break;
			}
			stack[depth++] = fd;
			continue;
		}
		out->dev = st.st_dev;
		out->ino = st.st_ino;
		if (S_ISDIR(st.st_mode)) {
			out->kind = ROOT_DIRECTORY;
			fd = openat(stack[depth - 1], comp, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			out->fd = fd;
		} else if (!S_ISREG(st.st_mode))
			out->kind = ROOT_OTHER;
		else {
			fd = openat(stack[depth - 1], comp, O_RDONLY |
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
	pop_to(stack, &depth, 1);
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
root_names(const struct root *r, const char *path, size_t *n)
{
	struct root_file	f;

	*n = 0;
	root_lookup(r, path, &f);
	if (f.kind != ROOT_DIRECTORY || f.fd < 0) {
		if (f.fd >= 0)
			close(f.fd);
		return NULL;
	}
	return dir_names(f.fd, n);
}
