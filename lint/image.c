/*
 * image.c: the sysctl file set of an image root, in apply order
 * (systemd src/basic/conf-files.c conf_files_list(); procps-ng
 * src/sysctl.c PreloadSystem()).  Files that a boot would not read get
 * a note saying why; the rest become one unit.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "conf.h"
#include "errlist.h"
#include "finding.h"
#include "image.h"
#include "keydb.h"
#include "root.h"
#include "source.h"
#include "unit.h"
#include "util.h"

/* Search order of both loaders (procps up to 3.3.16 put run first). */
static const char *const conf_dirs[] = {
	"etc/sysctl.d", "run/sysctl.d", "usr/local/lib/sysctl.d",
	"usr/lib/sysctl.d", "lib/sysctl.d"
};

struct candidate {
	char	*name;
	char	*path;		/* relative to the root */
	char	*hidden_by;	/* path that claimed the name first */
};

int
image_loader_parse(const char *s)
{
	if (strcmp(s, "auto") == 0)
		return LOADER_AUTO;
	if (strcmp(s, "systemd") == 0)
		return LOADER_SYSTEMD;
	if (strcmp(s, "procps") == 0)
		return LOADER_PROCPS;
	return -1;
}

static int
candidate_cmp(const void *a, const void *b)
{
	const struct candidate	*x = a, *y = b;
	int			 c = strcmp(x->name, y->name);

	/* Same names: the winner (hidden_by == NULL) first. */
	if (c != 0)
		return c;
	return (x->hidden_by != NULL) - (y->hidden_by != NULL);
}

/* A note at a file that is not read, located at its first byte. */
static void
note_file(struct unit *u, enum builtin b, const char *path,
    const struct msg_arg *args, size_t nargs, struct findings *fs,
    const char *related)
{
	struct source	*src = source_from_mem(path, "", 0);
	struct span	 sp = { 0, 0 };
	struct finding	*f;
	size_t		 i;

	f = findings_builtin(fs, b, src, sp, args, nargs);
	unit_add_file(u, src, NULL, false);
	if (f == NULL || related == NULL)
		return;
	/* The related place is the file that wins, at its first line. */
	for (i = 0; i < u->n; i++)
		if (strcmp(u->files[i].src->path, related) == 0) {
			finding_add_related(f, u->files[i].src, sp,
			    "this file takes the name");
			return;
		}
}

/* dev/ino of the files read so far, to read each file once. */
struct seen_file {
	dev_t	dev;
	ino_t	ino;
	size_t	index;		/* into the unit */
};

/* What reading a candidate gave: lines, a mask, or nothing. */
enum outcome {
	READ_LINES,
	READ_MASK,	/* a link to /dev/null or an empty file */
	READ_NOTHING
};

static enum outcome
read_candidate(struct unit *u, const struct root *r, const char *path,
    struct findings *fs, struct errlist *errs, struct seen_file **seen,
    size_t *nseen, size_t *capseen)
{
	struct root_file	 f;
	struct source		*src;
	char			*err = NULL;
	const char		*reason = NULL;
	struct msg_arg		 a[1];
	size_t			 i;
	void			*p;

	root_lookup(r, path, &f);
	switch (f.kind) {
	case ROOT_REGULAR:
		break;
	case ROOT_DEVNULL:
		return READ_MASK;
	case ROOT_DANGLING:
		reason = "it is a link to a file that does not exist";
		break;
	case ROOT_LOOP:
		reason = "it is a loop of symbolic links";
		break;
	case ROOT_OTHER:
		reason = "it is not a regular file";
		break;
	case ROOT_DIRECTORY:
		reason = "it is a directory";
		break;
	case ROOT_MISSING:
		/* Only etc/sysctl.conf is looked up without being listed. */
		return READ_NOTHING;
	case ROOT_ERROR:
		reason = strerror(f.err);
		break;
	}
	if (reason != NULL) {
		if (f.fd >= 0)
			close(f.fd);
		a[0].name = "reason";
		a[0].value = reason;
		note_file(u, BI_SKIPPED_FILE, path, a, 1, fs, NULL);
		return READ_NOTHING;
	}
	for (i = 0; i < *nseen; i++)
		if ((*seen)[i].dev == f.dev && (*seen)[i].ino == f.ino) {
			/* Read once, at its last place: drop the earlier. */
			struct unit_file *uf = &u->files[(*seen)[i].index];

			conf_free(uf->conf);
			uf->conf = NULL;
			u->nread--;
			break;
		}
	src = source_load_fd(f.fd, path, &err);
	close(f.fd);
	if (src == NULL) {
		errlist_add(errs, err);
		return READ_NOTHING;
	}
	p = *seen;
	xgrow(&p, capseen, *nseen + 1, sizeof(struct seen_file));
	*seen = p;
	(*seen)[*nseen].dev = f.dev;
	(*seen)[*nseen].ino = f.ino;
	(*seen)[*nseen].index = u->n;
	(*nseen)++;
	unit_add_file(u, src, conf_parse(src, fs), true);
	return src->len == 0 ? READ_MASK : READ_LINES;
}

/* Collects *.conf names by directory precedence. */
static struct candidate *
collect(const struct root *r, size_t *n)
{
	struct candidate	*v = NULL;
	size_t			 cap = 0, i, j, k, nn;
	char			**names;
	struct root_file	 f;
	dev_t			 dirdev[ARRAY_LEN(conf_dirs)];
	ino_t			 dirino[ARRAY_LEN(conf_dirs)];
	void			*p;

	*n = 0;
	for (i = 0; i < ARRAY_LEN(conf_dirs); i++) {
		root_lookup(r, conf_dirs[i], &f);
		if (f.fd >= 0)
			close(f.fd);
		dirdev[i] = f.dev;
		dirino[i] = f.ino;
		if (f.kind != ROOT_DIRECTORY)
			continue;
		for (j = 0; j < i; j++)
			if (dirdev[j] == f.dev && dirino[j] == f.ino)
				break;
		if (j < i)
			continue;	/* lib -> usr/lib: the same directory */
		if ((names = root_names(r, conf_dirs[i], &nn)) == NULL)
			continue;
		for (j = 0; j < nn; j++) {
			if (!unit_is_conf_name(names[j]))
				continue;
			p = v;
			xgrow(&p, &cap, *n + 1, sizeof(struct candidate));
			v = p;
			v[*n].name = xstrdup(names[j]);
			v[*n].path = xasprintf("%s/%s", conf_dirs[i],
			    names[j]);
			v[*n].hidden_by = NULL;
			for (k = 0; k < *n; k++)
				if (v[k].hidden_by == NULL &&
				    strcmp(v[k].name, names[j]) == 0) {
					v[*n].hidden_by = xstrdup(v[k].path);
					break;
				}
			(*n)++;
		}
		strv_free(names, nn);
	}
	if (*n > 1)
		qsort(v, *n, sizeof(struct candidate), candidate_cmp);
	return v;
}

/* Compares "X.Y.Z..." version strings numerically. */
static int
version_cmp(const char *a, const char *b)
{
	unsigned long	x, y;
	char		*ea, *eb;

	while (*a != '\0' && *b != '\0') {
		x = strtoul(a, &ea, 10);
		y = strtoul(b, &eb, 10);
		if (x != y)
			return x < y ? -1 : 1;
		if (ea == a || eb == b || *ea != '.' || *eb != '.')
			return 0;
		a = ea + 1;
		b = eb + 1;
	}
	return 0;
}

/* The newest kernel the image carries, as a key database line. */
static int
detect_kernel(const struct root *r)
{
	static const char *const dirs[] = { "usr/lib/modules", "lib/modules",
	    "boot" };
	char		**names, *best = NULL;
	const char	*v;
	size_t		  i, j, n;
	int		  line;

	for (i = 0; i < ARRAY_LEN(dirs); i++) {
		if ((names = root_names(r, dirs[i], &n)) == NULL)
			continue;
		for (j = 0; j < n; j++) {
			v = names[j];
			if (i == 2) {
				if (strncmp(v, "config-", 7) != 0)
					continue;
				v += 7;
			}
			if (keydb_line_for(v) < 0)
				continue;
			if (best == NULL || version_cmp(v, best) > 0) {
				free(best);
				best = xstrdup(v);
			}
		}
		strv_free(names, n);
	}
	line = best != NULL ? keydb_line_for(best) : -1;
	free(best);
	return line;
}

/* Is dir this system's own root?  Then the running kernel counts. */
static bool
is_system_root(const char *dir)
{
	struct stat	a, b;

	return stat(dir, &a) == 0 && stat("/", &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

struct unit *
image_load(const char *dir, enum loader loader, struct findings *fs,
    struct errlist *errs, int *kernel_line)
{
	struct unit		*u = xcalloc(1, sizeof(*u));
	struct root		*r;
	struct candidate	*v;
	struct seen_file	*seen = NULL;
	size_t			 n, i, nseen = 0, capseen = 0;
	char			*err = NULL;
	struct msg_arg		 a[2];
	enum outcome		 winner = READ_NOTHING;

	u->label = xstrdup(dir);
	*kernel_line = -1;
	if ((r = root_open(dir, &err)) == NULL) {
		errlist_add(errs, err);
		return u;
	}
	if (loader == LOADER_AUTO)
		loader = root_exists(r, "usr/lib/systemd/systemd-sysctl") ||
		    root_exists(r, "lib/systemd/systemd-sysctl") ?
		    LOADER_SYSTEMD : LOADER_PROCPS;
	u->loader = loader == LOADER_SYSTEMD ? "systemd" : "procps";
	*kernel_line = detect_kernel(r);
	if (*kernel_line < 0 && is_system_root(dir)) {
		struct utsname	un;

		if (uname(&un) == 0)
			*kernel_line = keydb_line_for(un.release);
	}
	v = collect(r, &n);
	for (i = 0; i < n; i++) {
		if (v[i].hidden_by == NULL) {
			winner = read_candidate(u, r, v[i].path, fs, errs,
			    &seen, &nseen, &capseen);
			continue;
		}
		a[0].name = "winner";
		a[0].value = v[i].hidden_by;
		note_file(u, winner == READ_MASK ? BI_MASKED_FILE :
		    BI_SHADOWED_FILE, v[i].path, a, 1, fs, v[i].hidden_by);
	}
	if (loader == LOADER_PROCPS)
		read_candidate(u, r, "etc/sysctl.conf", fs, errs, &seen,
		    &nseen, &capseen);
	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
		free(v[i].hidden_by);
	}
	free(v);
	free(seen);
	root_close(r);
	return u;
}
