/*
 * config.h: the project file .sysctl-lintrc, in sysctl's own key = value
 * syntax ('#' comments):
 *
 *	enable = SL4021            disable = SL4017,SL3004
 *	severity = warning         fail-level = error
 *	set-severity = SL4012=note baseline = sysctl-lint.baseline
 *
 * It is searched from the first input's directory upwards, stopping at
 * a directory that holds .git.  Command-line options win over it.
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
};

struct config {
	char			 *path;
	char			**sel;		/* enable/disable lists, in order */
	bool			 *sel_enable;
	size_t			  nsel;
	char			 *severity;
	char			 *fail_level;
	char			 *baseline;
	struct config_override	 *overrides;
	size_t			  noverrides;
};

/* The .sysctl-lintrc governing input, or NULL if none. */
char		*config_find(const char *input);
/*
 * Reads a config file.  NULL and *err (caller frees, naming the file and
 * line) on a read error, an unknown key or a bad value.
 */
struct config	*config_load(const char *path, char **err);
void		 config_free(struct config *);

#endif
