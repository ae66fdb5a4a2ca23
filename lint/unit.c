/*
 * unit.c: turns a PATH argument into the list of sources it stands for,
 * parses them, and judges what only the whole unit shows: a key set
 * again after an earlier assignment.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "errlist.h"
#include "finding.h"
#include "keycheck.h"
#include "reader.h"
#include "source.h"
#include "unit.h"
#include "util.h"

void
unit_add_file(struct unit *u, struct source *src, struct conf *conf,
    bool read)
{
	void	*p = u->files;

	xgrow(&p, &u->cap, u->n + 1, sizeof(struct unit_file));
	u->files = p;
	u->files[u->n].src = src;
	u->files[u->n].conf = conf;
	u->files[u->n].assumed = false;
	u->files[u->n].foreign = false;
	u->n++;
	if (read)
		u->nread++;
}

/* A further configuration of the file: a unit of its own, after u. */
static void
chain_scope(struct unit *u, struct source *src, struct reader_scope *sc)
{
	struct unit	*v = xcalloc(1, sizeof(*v)), **tail = &u->next;

	while (*tail != NULL)
		tail = &(*tail)->next;
	*tail = v;
	v->label = sc->label != NULL ? sc->label : xstrdup(src->path);
	sc->label = NULL;
	v->runtime = sc->runtime;
	v->host_net = sc->host_net;
	v->host_ipc = sc->host_ipc;
	unit_add_file(v, source_ref(src), sc->conf, false);
	v->files[v->n - 1].foreign = true;
}

/*
 * Reads src with the reader type names into u: the first configuration
 * the file holds is u's, each other one a unit chained after it.
 */
static void
read_source(struct unit *u, struct source *src, int type,
    struct findings *fs, struct errlist *errs)
{
	struct reader_out	 out;
	struct reader_scope	*sc;
	char			*err = NULL;
	size_t			 i;

	if (!reader_read(src, (enum reader_type)type, fs, &out, &err)) {
		errlist_add_at(errs, src->path, err);
		reader_out_free(&out);
		source_free(src);
		return;
	}
	sc = &out.v[0];
	if (sc->label != NULL) {
		free(u->label);
		u->label = sc->label;
		sc->label = NULL;
	}
	u->runtime = sc->runtime;
	u->host_net = sc->host_net;
	u->host_ipc = sc->host_ipc;
	unit_add_file(u, src, sc->conf, true);
	u->files[u->n - 1].foreign = !out.sysctl;
	for (i = 1; i < out.n; i++)
		chain_scope(u, src, &out.v[i]);
	reader_out_free(&out);
}

static void
read_file(struct unit *u, const char *fspath, const char *display,
    int type, struct findings *fs, struct errlist *errs)
{
	struct source	*src;
	char		*err = NULL;

	if ((src = source_load(fspath, display, &err)) == NULL) {
		errlist_add_at(errs, display, err);
		return;
	}
	read_source(u, src, type, fs, errs);
}

void
unit_skip_file(struct unit *u, const char *display, const char *reason,
    struct findings *fs)
{
	struct source	*src = source_from_mem(display, "", 0);
	struct span	 sp = { 0, 0 };
	struct msg_arg	 a[] = { { "reason", reason } };

	findings_builtin(fs, BI_SKIPPED_FILE, src, sp, a, ARRAY_LEN(a));
	unit_add_file(u, src, NULL, false);
}

bool
unit_is_conf_name(const char *name)
{
	size_t	n = strlen(name);

	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".conf") == 0;
}

static void
read_dir(struct unit *u, const char *dir, struct findings *fs,
    struct errlist *errs)
{
	char		**names, *path, link[64], *err = NULL;
	size_t		  n = 0, i, dl = strlen(dir);
	struct stat	  st;
	ssize_t		  ll;

	if ((names = dir_names_at(dir, &n, &err)) == NULL) {
		errlist_add_at(errs, dir, err);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!unit_is_conf_name(names[i]))
			continue;
		path = xasprintf("%.*s/%s", (int)(dl > 1 && dir[dl - 1] == '/' ?
		    dl - 1 : dl), dir, names[i]);
		ll = readlink(path, link, sizeof(link) - 1);
		if (ll >= 0)
			link[ll] = '\0';
		if (ll >= 0 && strcmp(link, "/dev/null") == 0)
			unit_skip_file(u, path, "it is linked to /dev/null, which "
			    "masks the name", fs);
		else if (stat(path, &st) == -1)
			unit_skip_file(u, path, strerror(errno), fs);
		else if (!S_ISREG(st.st_mode))
			unit_skip_file(u, path, "it is not a regular file", fs);
		else
			read_file(u, path, path, READER_SYSCTL, fs, errs);
		free(path);
	}
	strv_free(names, n);
}

struct unit *
unit_load(const char *arg, const char *stdin_name, int type,
    struct findings *fs, struct errlist *errs)
{
	struct unit	*u = xcalloc(1, sizeof(*u));
	struct source	*src;
	struct stat	 st;
	char		*err = NULL;

	u->label = xstrdup(arg);
	if (strcmp(arg, "-") == 0) {
		if ((src = source_load_fd(STDIN_FILENO, stdin_name,
		    &err)) == NULL)
			errlist_add_at(errs, stdin_name, err);
		else
			read_source(u, src, type, fs, errs);
	} else if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
		read_dir(u, arg, fs, errs);
	else
		read_file(u, arg, arg, type, fs, errs);
	return u;
}

void
unit_check(const struct unit *u, struct findings *fs, int line)
{
	size_t	i, j;

	for (i = 0; i < u->n; i++) {
		const struct conf *c = u->files[i].conf;

		for (j = 0; c != NULL && j < c->n; j++)
			keycheck_entry(fs, u->files[i].src, &c->entries[j],
			    line, u->snapshot);
	}
}

void
unit_free(struct unit *u)
{
	struct unit	*next;
	size_t		 i;

	for (; u != NULL; u = next) {
		next = u->next;
		for (i = 0; i < u->n; i++) {
			conf_free(u->files[i].conf);
			source_free(u->files[i].src);
		}
		free(u->files);
		free(u->label);
		free(u);
	}
}
