/*
 * discover.c: the search of a directory tree for sysctl inputs.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "discover.h"
#include "errlist.h"
#include "keyset.h"
#include "reader.h"
#include "source.h"
#include "unit.h"
#include "util.h"

/*
 * Deeper than any checkout's layout; a tree past it is generated, and
 * stopping keeps the walk's stack bounded.
 */
#define DISCOVER_MAX_DEPTH	64

/*
 * YAML files larger than this are not opened to see what they hold:
 * manifests and playbooks are small, generated bundles are not.
 */
#define DISCOVER_MAX_YAML	((off_t)1 << 20)

/*
 * Trees that hold no configuration of the project's own: version
 * control, build output, dependencies vendored or installed.
 */
static const char *const skipped_dirs[] = {
	".git", ".hg", ".svn", ".tox", ".venv", "__pycache__", "_build",
	"build", "dist", "node_modules", "target", "third_party", "vendor",
	"venv",
};

struct walk {
	const char *const	*exclude;
	size_t			 nexclude;
	struct discover_list	*out;
	struct errlist		*errs;
};

static struct discover_input *
add_input(struct discover_list *l, const char *path)
{
	void	*p = l->v;

	xgrow(&p, &l->cap, l->n + 1, sizeof(struct discover_input));
	l->v = p;
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].path = xstrdup(path);
	return &l->v[l->n++];
}

static void
add_focus(struct discover_input *in, const char *file)
{
	in->focus = xreallocarray(in->focus, in->nfocus + 1, sizeof(char *));
	in->focus[in->nfocus++] = xstrdup(file);
}

void
discover_free(struct discover_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		strv_free(l->v[i].focus, l->v[i].nfocus);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

bool
discover_is_set(const char *dir)
{
	char	**names, *err = NULL;
	size_t	  n, i;
	bool	  set = false;

	if ((names = dir_names_at(dir, &n, &err)) == NULL) {
		free(err);
		return true;	/* reading it as a set reports the error */
	}
	for (i = 0; i < n && !set; i++)
		set = unit_is_conf_name(names[i]);
	strv_free(names, n);
	return set;
}

static bool
excluded(const struct walk *w, const char *path, const char *rel,
    const char *name)
{
	size_t	i;

	for (i = 0; i < w->nexclude; i++)
		if (fnmatch(w->exclude[i], path, 0) == 0 ||
		    fnmatch(w->exclude[i], rel, 0) == 0 ||
		    fnmatch(w->exclude[i], name, 0) == 0)
			return true;
	return false;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool
mentions_sysctl(const struct source *src)
{
	const char	*p = src->data, *end = src->data + src->len;

	while ((p = memchr(p, 's', (size_t)(end - p))) != NULL &&
	    end - p >= 6) {
		if (memcmp(p, "sysctl", 6) == 0)
			return true;
		p++;
	}
	return false;
}

/*
 * A file of another source: a tuned profile, a compose file, or YAML
 * that mentions sysctls and is a manifest or a task list.  Reading the
 * few YAML files that name sysctl keeps the walk cheap.
 */
static bool
other_source(const char *path, const char *name, const struct stat *st)
{
	struct source	*src;
	char		*err = NULL;
	bool		 yes;

	if (!S_ISREG(st->st_mode))
		return false;
	if (strcmp(name, "tuned.conf") == 0)
		return true;
	if ((!ends_with(name, ".yaml") && !ends_with(name, ".yml")) ||
	    st->st_size > DISCOVER_MAX_YAML)
		return false;
	if ((src = source_load(path, path, &err)) == NULL) {
		free(err);
		return false;
	}
	yes = mentions_sysctl(src) && reader_is_config(src);
	source_free(src);
	return yes;
}

static bool
skipped(const char *name)
{
	size_t	i;

	for (i = 0; i < ARRAY_LEN(skipped_dirs); i++)
		if (strcmp(name, skipped_dirs[i]) == 0)
			return true;
	return false;
}

/* path: as reported; rel: below the searched directory ("" at its top). */
static void
walk_dir(struct walk *w, const char *path, const char *rel, int depth)
{
	char		**names, *err = NULL, *child, *child_rel;
	size_t		  n, i;
	struct stat	  st;

	if (depth > DISCOVER_MAX_DEPTH) {
		errlist_add_at(w->errs, path, xasprintf("not searched below "
		    "'%s': deeper than %d directories", path,
		    DISCOVER_MAX_DEPTH));
		return;
	}
	if ((names = dir_names_at(path, &n, &err)) == NULL) {
		errlist_add_at(w->errs, path, err);
		return;
	}
	for (i = 0; i < n; i++) {
		child = strcmp(path, ".") == 0 ? xstrdup(names[i]) :
		    xasprintf("%s/%s", path, names[i]);
		child_rel = *rel == '\0' ? xstrdup(names[i]) :
		    xasprintf("%s/%s", rel, names[i]);
		if (excluded(w, child, child_rel, names[i]) ||
		    lstat(child, &st) == -1)
			;
		else if (S_ISDIR(st.st_mode) && strcmp(names[i],
		    "sysctl.d") == 0 && discover_is_set(child))
			add_input(w->out, child);
		else if (S_ISDIR(st.st_mode) && !skipped(names[i]))
			walk_dir(w, child, child_rel, depth + 1);
		else if (!S_ISDIR(st.st_mode) &&
		    (strcmp(names[i], "sysctl.conf") == 0 ||
		    other_source(child, names[i], &st)))
			add_input(w->out, child);
		free(child_rel);
		free(child);
	}
	strv_free(names, n);
}

void
discover_tree(const char *dir, const char *const *exclude, size_t nexclude,
    struct discover_list *out, struct errlist *errs)
{
	struct walk	 w = { exclude, nexclude, out, errs };
	char		*top = xstrdup(dir);
	size_t		 len = strlen(top);

	/* "dir/" and "dir" name one tree, reported one way. */
	while (len > 1 && top[len - 1] == '/')
		top[--len] = '\0';
	walk_dir(&w, top, "", 0);
	free(top);
}

/*
 * The directory of a file named as PATH, when it is called sysctl.d and
 * the file is one its loader reads (caller frees), else NULL.
 */
static char *
set_of(const char *arg)
{
	const char	*slash = strrchr(arg, '/'), *name;
	char		*dir;
	struct stat	 st;

	if (slash == NULL || slash == arg || !unit_is_conf_name(slash + 1))
		return NULL;
	dir = xstrndup(arg, (size_t)(slash - arg));
	name = strrchr(dir, '/');
	name = name != NULL ? name + 1 : dir;
	if (strcmp(name, "sysctl.d") != 0 || stat(dir, &st) == -1 ||
	    !S_ISDIR(st.st_mode) || stat(arg, &st) == -1 ||
	    !S_ISREG(st.st_mode)) {
		free(dir);
		return NULL;
	}
	return dir;
}

void
discover_args(const char *const *args, size_t nargs,
    const char *const *exclude, size_t nexclude, struct discover_list *out,
    struct errlist *errs)
{
	struct keyset	*sets = keyset_new(nargs);
	char		**dirs = xcalloc(nargs + 1, sizeof(char *));
	struct stat	 st;
	size_t		 i, *slot, before;

	for (i = 0; i < nargs; i++) {
		if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 &&
		    S_ISDIR(st.st_mode) && !discover_is_set(args[i])) {
			before = out->n;
			discover_tree(args[i], exclude, nexclude, out, errs);
			if (out->n == before)
				errlist_add_at(errs, args[i], xasprintf(
				    "found nothing to lint in '%s': no "
				    "sysctl.conf, no sysctl.d directory with "
				    "*.conf files, no tuned.conf and no YAML "
				    "with sysctls", args[i]));
			continue;
		}
		if ((dirs[i] = set_of(args[i])) == NULL) {
			add_input(out, args[i]);
			continue;
		}
		/* The index keeps dirs[i], which outlives it. */
		if (*(slot = keyset_slot(sets, dirs[i], 0)) == KEYSET_NONE) {
			add_input(out, dirs[i]);
			*slot = out->n - 1;
		}
		add_focus(&out->v[*slot], args[i]);
	}
	keyset_free(sets);
	strv_free(dirs, nargs);
}
