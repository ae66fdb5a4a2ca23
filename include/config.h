/*
 * config.h: the project file .sysctl-lintrc, in sysctl's own key = value
 * syntax ('#' comments):
 *
 *	enable = SL4021            disable = SL4017,SL3004
 *	severity = warning         fail-level = error
 *	set-severity = SL4012=note baseline = sysctl-lint.baseline
 *	exclude = old, images/[a-z]*
 *	kernel = 6.1               loader = systemd
 *	kubernetes = 1.29
 *
 * One config serves a whole run.  It is searched from the working
 * directory upwards, stopping at a directory that holds .git, never from
 * an input: what is linted does not choose how it is judged, and the
 * order of the inputs does not matter.  Command-line options win over it.
 *
 * Ownership: a config owns its strings; free it with config_free().
 */
#ifndef SYSCTL_LINT_CONFIG_H
#define SYSCTL_LINT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config_override {
	char	*rule;
	char	*severity;
	size_t	 line;		/* of the config, for messages */
};

struct config {
	char			 *path;
	char			**sel;		/* enable/disable lists, in order */
	bool			 *sel_enable;
	size_t			 *sel_line;
	size_t			  nsel;
	char			 *severity;
	char			 *fail_level;
	char			 *baseline;
	char			 *kernel;	/* the target line, as -k */
	char			 *loader;	/* as --loader, for --root */
	char			 *kubernetes;	/* the release, as --kubernetes */
	char			**exclude;	/* globs discovery skips */
	size_t			  nexclude;
	struct config_override	 *overrides;
	size_t			  noverrides;
};

/* The .sysctl-lintrc above the working directory (caller frees), or NULL. */
char		*config_find(void);
/*
 * True if the config file at path lies in the directory tree (both
 * resolved), or either cannot be resolved.  A tree of "/" holds nothing:
 * auditing the running system is auditing one's own.
 */
bool		 config_within(const char *path, const char *tree);
/*
 * Reads a config file.  NULL and *err (caller frees, naming the file and
 * line, quoting at most a key) on a read error, an unknown key or a bad
 * value.
 */
struct config	*config_load(const char *path, char **err);
void		 config_free(struct config *);

#endif
