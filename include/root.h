/*
 * root.h: file lookups inside an image root, as if the root were '/'.
 *
 * Every symbolic link is followed inside the root: an absolute target
 * starts again at the root, and ".." never climbs above it, so nothing
 * outside the root is ever opened.  Loops, dangling links and files
 * that are not regular are reported as kinds, never opened.
 *
 * Ownership: a struct root holds a directory descriptor, released by
 * root_close(); root_lookup() fills a caller-owned struct root_file
 * whose fd (when >= 0) the caller closes.
 */
#ifndef SYSCTL_LINT_ROOT_H
#define SYSCTL_LINT_ROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Links followed in one lookup before it is a loop, as Linux's 40. */
#define ROOT_MAX_HOPS	40

enum root_kind {
	ROOT_REGULAR,		/* fd is open for reading */
	ROOT_DIRECTORY,
	ROOT_MISSING,		/* no such path */
	ROOT_DANGLING,		/* a link whose target does not exist */
	ROOT_LOOP,		/* too many links */
	ROOT_DEVNULL,		/* a link to /dev/null: masks the name */
	ROOT_OTHER,		/* FIFO, socket, device: never opened */
	ROOT_ERROR		/* errno in err */
};

struct root;

struct root_file {
	enum root_kind	 kind;
	int		 fd;
	int		 err;
	dev_t		 dev;
	ino_t		 ino;
	int		 links;		/* symbolic links followed */
};

/* Opens dir as a root; NULL and *err (caller frees) on failure. */
struct root	*root_open(const char *dir, char **err);
void		 root_close(struct root *);
/* Resolves path ("etc/sysctl.d/x.conf", leading '/' allowed). */
void		 root_lookup(const struct root *, const char *path,
		    struct root_file *);
/*
 * The names in directory path, sorted; free with strv_free().  NULL if
 * it is no directory inside the root (*err 0: nothing there, or not a
 * directory, as ENOENT and ENOTDIR) or if it cannot be listed (*err
 * the errno: a directory the loaders would fail to read).
 */
char		**root_names(const struct root *, const char *path,
		    size_t *n, int *err);
/* True if path resolves to an existing file or directory. */
bool		 root_exists(const struct root *, const char *path);

#endif
