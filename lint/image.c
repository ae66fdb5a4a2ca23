/*
 * image.c: the sysctl file set of an image root, in apply order
 * (systemd src/basic/conf-files.c conf_files_list(); procps-ng
 * src/sysctl.c PreloadSystem()).  Files that a boot would not read get
 * a note saying why; the rest become one unit.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
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
#include "reader.h"
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
	size_t	 dir;		/* index into conf_dirs: precedence */
};

#define LOADER_WORD_(e, word, reader)	word,
#define LOADER_READER_(e, word, reader)	reader,
static const char *const loader_words[] = { LOADERS(LOADER_WORD_) };
static const enum conf_reader loader_readers[] = { LOADERS(LOADER_READER_) };
#undef LOADER_WORD_
#undef LOADER_READER_

int
image_loader_parse(const char *s)
{
	size_t	i;

	for (i = 0; i < ARRAY_LEN(loader_words); i++)
		if (strcmp(s, loader_words[i]) == 0)
			return (int)i;
	return -1;
}

const char *
image_loader_word(size_t i)
{
	return i < ARRAY_LEN(loader_words) ? loader_words[i] : NULL;
}

enum conf_reader
image_loader_reader(enum loader l)
{
	return loader_readers[l];
}

/* By name, then by directory: each name's winner comes first. */
static int
candidate_cmp(const void *a, const void *b)
{
	const struct candidate	*x = a, *y = b;
	int			 c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return (x->dir > y->dir) - (x->dir < y->dir);
}

/*
 * A note at a file that is not read, located at its first byte; winner
 * is the file that takes its name, or NULL.
 */
static void
note_file(struct unit *u, enum builtin b, const char *path,
    const struct msg_arg *args, size_t nargs, struct findings *fs,
    const struct source *winner)
{
	struct source	*src = source_from_mem(path, "", 0);
	struct span	 sp = { 0, 0 };
	struct finding	*f;

	f = findings_builtin(fs, b, src, sp, args, nargs);
	unit_add_file(u, src, NULL, false);
	if (f != NULL && winner != NULL)
		finding_add_related(f, winner, sp, "this file takes the name");
}

/*
 * The files read so far by dev/ino, to read each file once: an open
 * hash table, kept at most half full.
 */
struct seen_file {
	dev_t	dev;
	ino_t	ino;
	size_t	index;		/* into the unit, plus one; 0 is free */
};

struct seen_set {
	struct seen_file	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 n;
};

static size_t
seen_hash(dev_t dev, ino_t ino)
{
	uint64_t	h = ((uint64_t)dev * 0x9E3779B97F4A7C15u) ^ (uint64_t)ino;

	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9u;
	return (size_t)(h ^ (h >> 32));
}

/* The slot of (dev, ino): its entry, or the free slot to fill. */
static struct seen_file *
seen_slot(struct seen_set *s, dev_t dev, ino_t ino)
{
	size_t			 i;
	struct seen_file	*e;

	for (i = seen_hash(dev, ino) & (s->cap - 1);; i = (i + 1) &
	    (s->cap - 1)) {
		e = &s->slots[i];
		if (e->index == 0 || (e->dev == dev && e->ino == ino))
			return e;
	}
}

static void
seen_grow(struct seen_set *s)
{
	struct seen_set	 g = { NULL, s->cap == 0 ? 64 : 2 * s->cap, s->n };
	size_t		 i;

	g.slots = xcalloc(g.cap, sizeof(struct seen_file));
	for (i = 0; i < s->cap; i++)
		if (s->slots[i].index != 0)
			*seen_slot(&g, s->slots[i].dev, s->slots[i].ino) =
			    s->slots[i];
	free(s->slots);
	*s = g;
}

/* A file or directory of the image that exists but cannot be read. */
static void
add_open_error(struct errlist *errs, const char *what, const char *root,
    const char *path, int err)
{
	size_t	n = strlen(root);
	char	*full;

	while (n > 1 && root[n - 1] == '/')
		n--;
	full = xasprintf("%.*s/%s", (int)n, root, path);
	errlist_add_at(errs, full, xasprintf("cannot open %s'%s': %s", what,
	    full, strerror(err)));
	free(full);
}

/* What reading a candidate gave: lines, a mask, or nothing. */
enum outcome {
	READ_LINES,
	READ_MASK,	/* a link to /dev/null or an empty file */
	READ_NOTHING
};

/*
 * Reads the file at path, which was listed in its directory when
 * listed is set.  A file the loader cannot open is a tool error, since
 * the set would be incomplete.
 */
static enum outcome
read_candidate(struct unit *u, const struct root *r, const char *path,
    bool listed, enum conf_reader reader, struct findings *fs,
    struct errlist *errs, struct seen_set *seen)
{
	struct root_file	 f;
	struct source		*src;
	struct seen_file	*e;
	char			*err = NULL;
	const char		*reason = NULL;
	struct msg_arg		 a[1];

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
		/* etc/sysctl.conf is looked up without being listed. */
		if (!listed)
			return READ_NOTHING;
		reason = f.err == ENOTDIR ? "its link runs through something "
		    "that is not a directory" : "it is gone";
		break;
	case ROOT_ERROR:
		if (f.fd >= 0)
			close(f.fd);
		add_open_error(errs, "", u->label, path, f.err);
		return READ_NOTHING;
	}
	if (reason != NULL) {
		if (f.fd >= 0)
			close(f.fd);
		a[0].name = "reason";
		a[0].value = reason;
		note_file(u, BI_SKIPPED_FILE, path, a, 1, fs, NULL);
		return READ_NOTHING;
	}
	if (2 * (seen->n + 1) > seen->cap)
		seen_grow(seen);
	e = seen_slot(seen, f.dev, f.ino);
	if (e->index != 0) {
		/* Read once, at its last place: drop the earlier. */
		struct unit_file *uf = &u->files[e->index - 1];

		conf_free(uf->conf);
		uf->conf = NULL;
		u->nread--;
	}
	if ((src = source_load_fd(f.fd, path, &err)) != NULL)
		source_set_checkout(src, f.fd);
	close(f.fd);
	if (src == NULL) {
		errlist_add(errs, err);
		return READ_NOTHING;
	}
	if (e->index == 0)
		seen->n++;
	e->dev = f.dev;
	e->ino = f.ino;
	e->index = u->n + 1;
	unit_add_file(u, src, conf_parse_as(src, reader, fs), true);
	return src->len == 0 ? READ_MASK : READ_LINES;
}

/*
 * Collects the *.conf names of the directories, each name's winner
 * (the first directory's) before the names it hides.  A directory that
 * is there but cannot be listed is a tool error, as for the loaders.
 */
static struct candidate *
collect(const struct root *r, const char *label, size_t *n,
    struct errlist *errs)
{
	struct candidate	*v = NULL;
	size_t			 cap = 0, i, j, nn;
	char			**names;
	struct root_file	 f;
	dev_t			 dirdev[ARRAY_LEN(conf_dirs)];
	ino_t			 dirino[ARRAY_LEN(conf_dirs)];
	int			 err;
	void			*p;

	*n = 0;
	for (i = 0; i < ARRAY_LEN(conf_dirs); i++) {
		root_lookup(r, conf_dirs[i], &f);
		if (f.fd >= 0)
			close(f.fd);
		dirdev[i] = f.dev;
		dirino[i] = f.ino;
		if (f.kind == ROOT_DIRECTORY) {
			for (j = 0; j < i; j++)
				if (dirdev[j] == f.dev && dirino[j] == f.ino)
					break;
			if (j < i)
				continue;	/* lib -> usr/lib: the same */
		}
		if ((names = root_names(r, conf_dirs[i], &nn, &err)) ==
		    NULL) {
			if (err != 0)
				add_open_error(errs, "directory ", label,
				    conf_dirs[i], err);
			continue;
		}
		for (j = 0; j < nn; j++) {
			if (!unit_is_conf_name(names[j]))
				continue;
			p = v;
			xgrow(&p, &cap, *n + 1, sizeof(struct candidate));
			v = p;
			v[*n].name = xstrdup(names[j]);
			v[*n].path = xasprintf("%s/%s", conf_dirs[i],
			    names[j]);
			v[*n].dir = i;
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
	int		  line, err;

	for (i = 0; i < ARRAY_LEN(dirs); i++) {
		if ((names = root_names(r, dirs[i], &n, &err)) == NULL)
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

/*
 * systemd-sysctl reads etc/sysctl.conf only through a link in a
 * sysctl.d directory; one it does not reach is worth a note.
 */
static void
note_unread_sysctl_conf(struct unit *u, const struct root *r,
    struct seen_set *seen, struct findings *fs)
{
	static const char	 path[] = "etc/sysctl.conf";
	struct root_file	 f;
	struct msg_arg		 a[] = { { "reason", "systemd-sysctl does not "
	    "read etc/sysctl.conf; a link such as "
	    "etc/sysctl.d/99-sysctl.conf makes it apply" } };

	root_lookup(r, path, &f);
	if (f.fd >= 0)
		close(f.fd);
	if (f.kind != ROOT_REGULAR || (seen->cap > 0 &&
	    seen_slot(seen, f.dev, f.ino)->index != 0))
		return;
	note_file(u, BI_SKIPPED_FILE, path, a, ARRAY_LEN(a), fs, NULL);
}

/*
 * A small file of the image (tuned's active_profile, tuned-main.conf),
 * or NULL when it is not a regular file there.
 */
static struct source *
read_small(const struct root *r, const char *path)
{
	struct root_file	 f;
	struct source		*src;
	char			*err = NULL;

	root_lookup(r, path, &f);
	if (f.kind != ROOT_REGULAR) {
		if (f.fd >= 0)
			close(f.fd);
		return NULL;
	}
	src = source_load_fd(f.fd, path, &err);
	if (src != NULL)
		source_set_checkout(src, f.fd);
	close(f.fd);
	free(err);
	return src;
}

/*
 * tuned-main.conf's reapply_sysctl (1 unless it says 0 or false): tuned
 * writes the sysctl files again after its profile's [sysctl] section,
 * so that they win (tuned/daemon/daemon.py, tuned 2.21).
 */
static bool
tuned_reapplies(const struct root *r)
{
	struct source	*src = read_small(r, "etc/tuned/tuned-main.conf");
	const char	*p, *end, *v;
	bool		 reapply = true;
	size_t		 n;

	for (p = src != NULL ? src->data : NULL; p != NULL &&
	    p < src->data + src->len; p = end + 1) {
		if ((end = memchr(p, '\n', (size_t)(src->data + src->len - p)))
		    == NULL)
			end = src->data + src->len;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		n = strlen("reapply_sysctl");
		if ((size_t)(end - p) <= n || memcmp(p, "reapply_sysctl", n) != 0)
			continue;
		for (v = p + n; v < end && (*v == ' ' || *v == '\t' ||
		    *v == '='); v++)
			continue;
		reapply = !(v < end && (*v == '0' || *v == 'f' || *v == 'F' ||
		    *v == 'n' || *v == 'N'));
	}
	source_free(src);
	return reapply;
}

/* The profile directories tuned searches, the local ones first. */
static const char *const tuned_dirs[] = {
	"etc/tuned/profiles", "etc/tuned", "usr/lib/tuned/profiles",
	"usr/lib/tuned"
};

/*
 * Deepest chain of include= parents followed, and most profiles read in
 * all: tuned's own chains are short, and a hostile image must not make
 * the reading exponential (a profile including itself many times).
 */
#define TUNED_MAX_DEPTH		8
#define TUNED_MAX_PROFILES	64

struct tuned_walk {
	struct unit		*u;
	const struct root	*r;
	struct findings		*fs;
	bool			 first;	/* before the sysctl files */
	size_t			 at;	/* where the next profile goes */
	size_t			 looked;	/* profiles looked up */
};

static void	tuned_profile(struct tuned_walk *, const char *, size_t, int);

/*
 * Calls tuned_profile() for each name of the blank- or comma-separated
 * list text[0, n); a name with '/', "." or "..", or a ${...} expansion
 * is not looked up.
 */
static void
tuned_names(struct tuned_walk *w, const char *text, size_t n, int depth)
{
	const char	*p = text, *end = text + n, *q;

	while (p < end) {
		while (p < end && (isspace((unsigned char)*p) || *p == ','))
			p++;
		for (q = p; q < end && !isspace((unsigned char)*q) && *q != ',';
		    q++)
			continue;
		if (q > p && memchr(p, '/', (size_t)(q - p)) == NULL &&
		    memchr(p, '$', (size_t)(q - p)) == NULL &&
		    !(q - p <= 2 && p[0] == '.'))
			tuned_profile(w, p, (size_t)(q - p), depth);
		p = q;
	}
}

/* The parents a profile's [main] section names with include=. */
static void
tuned_parents(struct tuned_walk *w, const struct source *src, int depth)
{
	const char	*p = src->data, *end = src->data + src->len, *e, *v;
	bool		 in_main = false;

	for (; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && *p == '[')
			in_main = (size_t)(e - p) >= 6 &&
			    memcmp(p, "[main]", 6) == 0;
		else if (in_main && (size_t)(e - p) > 7 &&
		    memcmp(p, "include", 7) == 0) {
			for (v = p + 7; v < e && (*v == ' ' || *v == '\t');
			    v++)
				continue;
			if (v < e && *v == '=')
				tuned_names(w, v + 1, (size_t)(e - v - 1),
				    depth + 1);
		}
	}
}

/*
 * One profile, its include= parents first (they apply before it and
 * it overrides them, tuned/profiles/loader.py, tuned 2.21).
 */
static void
tuned_profile(struct tuned_walk *w, const char *name, size_t n, int depth)
{
	struct reader_out	 out;
	struct source		*src = NULL;
	struct unit_file	 uf;
	char			*path, *err = NULL;
	size_t			 i;

	if (depth > TUNED_MAX_DEPTH || w->looked++ >= TUNED_MAX_PROFILES)
		return;
	for (i = 0; src == NULL && i < ARRAY_LEN(tuned_dirs); i++) {
		path = xasprintf("%s/%.*s/tuned.conf", tuned_dirs[i], (int)n,
		    name);
		src = read_small(w->r, path);
		free(path);
	}
	if (src == NULL)
		return;
	tuned_parents(w, src, depth);
	if (!reader_read(src, READER_TUNED, w->fs, &out, &err)) {
		free(err);
		reader_out_free(&out);
		source_free(src);
		return;
	}
	unit_add_file(w->u, src, out.v[0].conf, true);
	out.v[0].conf = NULL;
	reader_out_free(&out);
	w->u->files[w->u->n - 1].foreign = true;
	if (!w->first)
		return;
	uf = w->u->files[w->u->n - 1];
	memmove(&w->u->files[w->at + 1], &w->u->files[w->at],
	    (w->u->n - 1 - w->at) * sizeof(uf));
	w->u->files[w->at++] = uf;
}

/*
 * The active tuned profiles (etc/tuned/active_profile: names separated
 * by blanks, applied in order) join the unit, each after its include=
 * parents: before the sysctl files when tuned writes those again after
 * its profile, else after them, so that a key both set is reported at
 * the place that loses.
 */
static void
read_tuned(struct unit *u, const struct root *r, struct findings *fs)
{
	struct source		*act = read_small(r, "etc/tuned/active_profile");
	struct tuned_walk	 w = { u, r, fs, false, 0, 0 };

	if (act == NULL)
		return;
	w.first = tuned_reapplies(r);
	tuned_names(&w, act->data, act->len, 0);
	source_free(act);
}

struct unit *
image_load(const char *dir, enum loader loader, struct findings *fs,
    struct errlist *errs, int *kernel_line)
{
	struct unit		*u = xcalloc(1, sizeof(*u));
	struct root		*r;
	struct candidate	*v;
	struct seen_set		 seen = { NULL, 0, 0 };
	size_t			 n, i, first;
	char			*err = NULL;
	struct msg_arg		 a[1];
	enum outcome		 winner = READ_NOTHING;
	const struct source	*winsrc = NULL;
	enum conf_reader	 reader;

	u->label = xstrdup(dir);
	*kernel_line = -1;
	if ((r = root_open(dir, &err)) == NULL) {
		errlist_add_at(errs, dir, err);
		return u;
	}
	if (loader == LOADER_AUTO)
		loader = root_exists(r, "usr/lib/systemd/systemd-sysctl") ||
		    root_exists(r, "lib/systemd/systemd-sysctl") ?
		    LOADER_SYSTEMD : LOADER_PROCPS;
	u->loader = image_loader_word(loader);
	reader = image_loader_reader(loader);
	*kernel_line = detect_kernel(r);
	if (*kernel_line < 0 && is_system_root(dir)) {
		struct utsname	un;

		if (uname(&un) == 0)
			*kernel_line = keydb_line_for(un.release);
	}
	v = collect(r, dir, &n, errs);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i].name, v[i - 1].name) != 0) {
			first = i;
			winner = read_candidate(u, r, v[i].path, true, reader,
			    fs, errs, &seen);
			/* The place that locates the winner, if any. */
			winsrc = u->n > 0 && strcmp(u->files[u->n - 1].src->path,
			    v[i].path) == 0 ? u->files[u->n - 1].src : NULL;
			continue;
		}
		a[0].name = "winner";
		a[0].value = v[first].path;
		note_file(u, winner == READ_MASK ? BI_MASKED_FILE :
		    BI_SHADOWED_FILE, v[i].path, a, 1, fs, winsrc);
	}
	if (loader == LOADER_PROCPS)
		read_candidate(u, r, "etc/sysctl.conf", false, reader, fs,
		    errs, &seen);
	else
		note_unread_sysctl_conf(u, r, &seen, fs);
	read_tuned(u, r, fs);
	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
	}
	free(v);
	free(seen.slots);
	root_close(r);
	return u;
}
