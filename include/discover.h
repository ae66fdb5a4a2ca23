/*
 * discover.h: the sysctl inputs of a directory tree, found as in a
 * repository checkout.
 *
 * A directory whose top holds *.conf files is one sysctl.d set, read as
 * it is.  Any other directory is searched: every file named sysctl.conf
 * or tuned.conf is an input, and so is every YAML file (*.yaml, *.yml, up
 * to 1 MiB) that mentions "sysctl" and is a Kubernetes manifest, a compose
 * file or an Ansible task list; every directory named sysctl.d that holds
 * *.conf is one set (its files judged together, as the loader applies
 * them).
 * Version-control, build and vendored trees are not entered, nor are
 * links to directories (a link cannot make the walk loop), nor what an
 * exclusion glob names.  The inputs come out in the order of a walk that
 * sorts the names of each directory, so that a run does not depend on
 * the order a file system lists them in.
 *
 * Ownership: a discover_list owns its inputs and their strings; free
 * it with discover_free().
 */
#ifndef SYSCTL_LINT_DISCOVER_H
#define SYSCTL_LINT_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

struct errlist;

/*
 * One input: a file, a set's directory or "-".  A file named alone
 * inside a directory called sysctl.d is read with that directory, in
 * the context the loader gives it; focus then lists the files that were
 * named, and findings elsewhere in the set are reported only when they
 * concern one of them.
 */
struct discover_input {
	char	 *path;
	char	**focus;	/* NULL: the whole input */
	size_t	  nfocus;
};

struct discover_list {
	struct discover_input	*v;
	size_t			 n;
	size_t			 cap;
};

#define DISCOVER_LIST_INIT	{ NULL, 0, 0 }

/*
 * The inputs the command line's PATH arguments stand for: searched
 * directories expanded, named files of one sysctl.d directory gathered
 * into its set.  A searched directory where nothing is found is a tool
 * error in errs, so that a run never passes on nothing.
 */
void	discover_args(const char *const *args, size_t nargs,
	    const char *const *exclude, size_t nexclude,
	    struct discover_list *out, struct errlist *errs);

/* True when the directory's top holds a *.conf name: it is a set. */
bool	discover_is_set(const char *dir);

/*
 * Appends the inputs found under dir to out, each spelt as dir joined
 * with its path below it ("." adds no prefix).  An exclusion glob is
 * matched (fnmatch(3), no flags, so '*' crosses '/') against the path so
 * spelt, against the path below dir and against the name alone.
 * Directories that cannot be read are tool errors in errs; the walk
 * goes on.
 */
void	discover_tree(const char *dir, const char *const *exclude,
	    size_t nexclude, struct discover_list *out, struct errlist *errs);

void	discover_free(struct discover_list *);

#endif
