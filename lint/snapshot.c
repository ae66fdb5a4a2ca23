/*
 * snapshot.c: reads `sysctl -a` output (procps-ng src/sysctl.c
 * ReadSetting(): "%s = %s\n", key in dotted form), /proc/sys or a copy
 * of it into entries that every pass judges as it judges a file's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
/*
 * The bytes of a tree's file that can hold a value: the longest the
 * kernel parses (conf.h) and its newline.  One byte more is read, to
 * tell a longer file.
 */
#define VALUE_READ	(CONF_MAX_VALUE + 1)

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


/*
 * A value longer than the kernel parses: a list (ip_local_reserved_ports)
 * can be, and a configuration could not restore it in one write.
 */
static void
report_too_long(struct findings *fs, const struct source *src,
    const struct conf_entry *ent, const char *length)
{
	struct msg_arg	 a[1] = { { "length", length } };
	struct finding	*f;

	f = findings_builtin(fs, BI_VALUE_TOO_LONG, src, ent->value, a, 1);
	if (f != NULL)
		finding_set_key(f, ent->dotted);
}

/*
 * One line of sysctl -a output; true for a "key = value" line.  procps
 * prints each line of a multi-line value (dev.cdrom.info) with its key:
 * a line with the key of the line before continues that value, which
 * is judged by its first line, as a copied tree's file is.
 */
static bool
parse_line(struct conf *c, struct findings *fs, uint32_t s, uint32_t e,
    bool after_value)
{
	const char		*d = c->src->data;
	struct conf_entry	*ent;
	uint32_t		 i, ve;
	struct span		 sp = { s, e - s };
	char			*text, length[32];
	struct key_spelling	 ks;
	struct msg_arg		 a[1];

	if (e > s && d[e - 1] == '\r')
		e--;
	if (s == e)
		return false;
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
		return false;
	}
	if (after_value && c->entries[c->n - 1].key.len == i - s &&
	    memcmp(d + c->entries[c->n - 1].key.off, d + s, i - s) == 0)
		return true;
	ent = add_entry(c, s, e);
	ent->key.off = s;
	ent->key.len = i - s;
	ve = i + 2 < e ? i + 3 : e;
	ent->value.off = ve;
	ent->value.len = e - ve;
	conf_set_key(c, ent, d + ent->key.off, ent->key.len, &ks);
	if (ent->value.len > CONF_MAX_VALUE) {
		snprintf(length, sizeof(length), "%u", ent->value.len);
		report_too_long(fs, c->src, ent, length);
	}
	return true;
}

struct conf *
snapshot_parse(const struct source *src, struct findings *fs)
{
	struct conf	*c = conf_new(src);
	size_t		 line, nvalues = 0;
	bool		 value = false;
	uint32_t	 s, e;
	char		 limit[32];
	struct msg_arg	 a[2];
	struct span	 sp;

	for (line = 1; line <= src->nlines; line++) {
		source_line(src, line, &s, &e);
		if (nvalues == CONF_MAX_SNAPSHOT && s < e) {
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
		value = parse_line(c, fs, s, e, value);
		nvalues += value;
	}
	return c;
}

/*
 * Reads the first size bytes of the file at path, or less if it is
 * shorter; -1 (errno set) if it cannot be opened or read.
 */
static ssize_t
read_head(const char *path, char *buf, size_t size)
{
	size_t	len = 0;
	ssize_t	n;
	int	fd, saved;

	/* O_NONBLOCK: a FIFO put in place since the listing must not hang. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY |
	    O_NOFOLLOW);
	if (fd == -1)
		return -1;
	while (len < size) {
		if ((n = read(fd, buf + len, size - len)) == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		len += (size_t)n;
	}
	close(fd);
	return (ssize_t)len;
}

/*
 * One file of /proc/sys or of a copy: its path below the root is the
 * key, its first line the value (later lines of a multi-line value are
 * ignored).  Only the first VALUE_READ bytes are read: sysctl -a shows
 * no more of a value the kernel would accept.  The key is no part of
 * the file's text, so its findings are at the file's start.
 *
 * As procps-ng 4 sysctl -a (src/sysctl.c ReadSetting()), a file without
 * the owner's read bit is a write-only key (vm.drop_caches) and is not
 * opened, and one that cannot be read (EACCES for a reader other than
 * root, EIO from net.ipv6.conf.*.stable_secret while unset) has no
 * value: each is noted as a file not read.  Other errors are the
 * copy's, and tool errors.
 */
static void
read_proc_file(struct unit *u, const char *fspath, const char *rel,
    mode_t mode, struct findings *fs, struct errlist *errs)
{
	struct source		*src;
	struct conf		*c;
	struct conf_entry	*ent;
	struct key_spelling	 ks;
	char			*key, *why, head[VALUE_READ + 1], length[32];
	ssize_t			 n;
	size_t			 len;
	uint32_t		 e;

	if ((mode & S_IRUSR) == 0) {
		why = xasprintf("it has no read permission (mode %04o), so "
		    "sysctl -a skips it too", (unsigned)(mode & 07777));
		unit_skip_file(u, fspath, why, fs);
		free(why);
		return;
	}
	if ((n = read_head(fspath, head, sizeof(head))) == -1 &&
	    (errno == EACCES || errno == EPERM || errno == EIO)) {
		why = xasprintf("reading it fails (%s), as it does for "
		    "sysctl -a", strerror(errno));
		unit_skip_file(u, fspath, why, fs);
		free(why);
		return;
	}
	if (n == -1) {
		errlist_add_at(errs, fspath, xasprintf("cannot read '%s': %s",
		    fspath, strerror(errno)));
		return;
	}
	len = (size_t)n < VALUE_READ ? (size_t)n : VALUE_READ;
	src = source_from_mem(fspath, head, len);
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
	if ((size_t)n > VALUE_READ) {
		snprintf(length, sizeof(length), "more than %d", VALUE_READ);
		report_too_long(fs, src, ent, length);
	}
	unit_add_file(u, src, c, true);
}

static void
walk(struct unit *u, const char *dir, const char *rel, int depth,
    bool *full, struct findings *fs, struct errlist *errs)
{
	char		*path, *sub, **names, *err = NULL;
	size_t		 n = 0, i;
	struct stat	 st;

	if (depth > MAX_DEPTH) {
		errlist_add_at(errs, dir, xasprintf("'%s' is nested more "
		    "than %d directories deep", dir, MAX_DEPTH));
		return;
	}
	if ((names = dir_names_at(dir, &n, &err)) == NULL) {
		errlist_add_at(errs, dir, err);
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
			walk(u, path, sub, depth + 1, full, fs, errs);
		else if (S_ISREG(st.st_mode) && u->n < MAX_FILES)
			read_proc_file(u, path, sub, st.st_mode, fs, errs);
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
		walk(u, path, "", 0, &full, fs, errs);
	else if ((src = source_load(path, path, &err)) == NULL)
		errlist_add_at(errs, path, err);
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
