/*
 * snapshot.c: reads `sysctl -a` output (procps-ng src/sysctl.c
 * ReadSetting(): "%s = %s\n", key in dotted form) or a copy of
 * /proc/sys into entries the key checks judge like any other.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf.h"
#include "errlist.h"
#include "finding.h"
#include "key.h"
#include "keydb.h"
#include "snapshot.h"
#include "source.h"
#include "unit.h"
#include "util.h"

/* A copied /proc/sys is about 10 levels deep; more is a loop or junk. */
#define MAX_DEPTH	16
/* Files read from one copied tree. */
#define MAX_FILES	100000

static struct conf_entry *
add_entry(struct conf *c, uint32_t ls, uint32_t le)
{
	void			*v = c->entries;
	struct conf_entry	*ent;

	xgrow(&v, &c->cap, c->n + 1, sizeof(struct conf_entry));
	c->entries = v;
	ent = &c->entries[c->n++];
	memset(ent, 0, sizeof(*ent));
	ent->kind = CONF_ASSIGN;
	ent->line.off = ls;
	ent->line.len = le - ls;
	return ent;
}


/* One line of sysctl -a output. */
static void
parse_line(struct conf *c, struct findings *fs, uint32_t s, uint32_t e)
{
	const char		*d = c->src->data;
	struct conf_entry	*ent;
	uint32_t		 i, ve;
	struct span		 sp = { s, e - s };
	char			*text;
	struct key_spelling	 ks;
	struct msg_arg		 a[1];

	if (e > s && d[e - 1] == '\r')
		e--;
	if (s == e)
		return;
	/* The key ends at the first " =" followed by a blank or the end. */
	for (i = s; i + 1 < e; i++)
		if (d[i] == ' ' && d[i + 1] == '=' && (i + 2 == e ||
		    d[i + 2] == ' '))
			break;
	if (i + 1 >= e || i == s) {
		/* "sysctl: permission denied on key ..." and the like. */
		text = xstrndup(d + s, e - s);
		a[0].name = "text";
		a[0].value = text;
		findings_builtin(fs, BI_SNAPSHOT_LINE, c->src, sp, a, 1);
		free(text);
		return;
	}
	ent = add_entry(c, s, e);
	ent->key.off = s;
	ent->key.len = i - s;
	ve = i + 2 < e ? i + 3 : e;
	ent->value.off = ve;
	ent->value.len = e - ve;
	conf_set_key(c, ent, d + ent->key.off, ent->key.len, &ks);
}

struct conf *
snapshot_parse(const struct source *src, struct findings *fs)
{
	struct conf	*c = conf_new(src);
	size_t		 line;
	uint32_t	 s, e;
	char		 limit[32];
	struct msg_arg	 a[2];
	struct span	 sp;

	for (line = 1; line <= src->nlines; line++) {
		source_line(src, line, &s, &e);
		if (c->n == CONF_MAX_SNAPSHOT && s < e) {
			snprintf(limit, sizeof(limit), "%d", CONF_MAX_SNAPSHOT);
			a[0].name = "limit";
			a[0].value = limit;
			a[1].name = "what";
			a[1].value = "settings in one snapshot";
			sp.off = s;
			sp.len = (uint32_t)(src->len - s);
			findings_builtin(fs, BI_TOO_MANY_ENTRIES, src, sp, a, 2);
			break;
		}
		parse_line(c, fs, s, e);
	}
	return c;
}

/*
 * One file of a /proc/sys copy: its path below the root is the key, its
 * first line the value (later lines of a multi-line value are ignored).
 * The key is no part of the file's text, so its findings are at the
 * file's start.
 */
static void
read_proc_file(struct unit *u, const char *fspath, const char *rel,
    struct errlist *errs)
{
	struct source		*src;
	struct conf		*c;
	struct conf_entry	*ent;
	struct key_spelling	 ks;
	char			*err = NULL, *key;
	uint32_t		 e;

	if ((src = source_load(fspath, fspath, &err)) == NULL) {
		errlist_add(errs, err);
		return;
	}
	c = conf_new(src);
	for (e = 0; e < src->len && src->data[e] != '\n'; e++)
		continue;
	ent = add_entry(c, 0, e);
	ent->key_is_file = true;
	ent->value.off = 0;
	ent->value.len = e;
	/*
	 * rel is a path already ("net/ipv4/conf/eth0.100/forwarding"): a
	 * leading '/' keeps a '.' before the first '/' from being read as
	 * the dotted form's separator, and is dropped from the path.
	 */
	key = xasprintf("/%s", rel);
	conf_set_key(c, ent, key, strlen(key), &ks);
	free(key);
	unit_add_file(u, src, c, true);
}

static void
walk(struct unit *u, const char *dir, const char *rel, int depth,
    bool *full, struct errlist *errs)
{
	char		*path, *sub, **names, *err = NULL;
	size_t		 n = 0, i;
	struct stat	 st;

	if (depth > MAX_DEPTH) {
		errlist_add(errs, xasprintf("'%s' is nested more than %d "
		    "directories deep", dir, MAX_DEPTH));
		return;
	}
	if ((names = dir_names_at(dir, &n, &err)) == NULL) {
		errlist_add(errs, err);
		return;
	}
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		sub = *rel == '\0' ? xstrdup(names[i]) :
		    xasprintf("%s/%s", rel, names[i]);
		/* lstat: a copy holds no links worth following. */
		if (lstat(path, &st) == -1)
			st.st_mode = 0;		/* gone since the listing */
		if (S_ISDIR(st.st_mode))
			walk(u, path, sub, depth + 1, full, errs);
		else if (S_ISREG(st.st_mode) && u->n < MAX_FILES)
			read_proc_file(u, path, sub, errs);
		else if (S_ISREG(st.st_mode) && !*full) {
			errlist_add(errs, xasprintf("'%s': more than %d files "
			    "in the copy; the rest are not read", path,
			    MAX_FILES));
			*full = true;
		}
		free(sub);
		free(path);
	}
	strv_free(names, n);
}

struct unit *
snapshot_load(const char *path, struct findings *fs, struct errlist *errs)
{
	struct unit	*u = xcalloc(1, sizeof(*u));
	struct source	*src;
	struct stat	 st;
	char		*err = NULL;
	bool		 full = false;

	u->label = xstrdup(path);
	u->snapshot = 1;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		walk(u, path, "", 0, &full, errs);
	else if ((src = source_load(path, path, &err)) == NULL)
		errlist_add(errs, err);
	else
		unit_add_file(u, src, snapshot_parse(src, fs), true);
	return u;
}

int
snapshot_kernel_line(const struct unit *u)
{
	size_t			 i, j;
	const struct conf	*c;
	char			*v;
	int			 line;

	for (i = 0; i < u->n; i++) {
		c = u->files[i].conf;
		for (j = 0; c != NULL && j < c->n; j++) {
			if (strcmp(c->entries[j].path,
			    "kernel/osrelease") != 0)
				continue;
			v = xstrndup(c->src->data + c->entries[j].value.off,
			    c->entries[j].value.len);
			line = keydb_line_for(v);
			free(v);
			return line;
		}
	}
	return -1;
}
