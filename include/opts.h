/*
 * opts.h: the command line, parsed from one table that also prints
 * --help, so the two cannot drift apart.
 *
 * Ownership: struct options points into argv and owns only its arrays;
 * free them with opts_free().
 */
#ifndef SYSCTL_LINT_OPTS_H
#define SYSCTL_LINT_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One --enable or --disable, kept in command-line order. */
struct selection {
	bool		 enable;
	const char	*list;
};

struct options {
	const char		 *format;
	const char		 *stdin_filename;
	const char		 *fail_level;
	const char		 *severity;
	const char		 *color;
	const char		 *explain;
	const char		 *kernel;
	const char		 *kubernetes;
	const char		 *source;
	const char		 *snapshot;
	const char		 *root;
	const char		 *rules;
	const char		 *loader;
	bool			  fix;
	bool			  diff;
	bool			  unsafe_fixes;
	bool			  fix_through_links;
	bool			  print_effective;
	bool			  no_inline_suppressions;
	bool			  no_config;
	const char		 *config;
	const char		 *baseline;
	const char		 *write_baseline;
	bool			  list_rules;
	bool			  quiet;
	bool			  help;
	bool			  version;
	struct selection	 *sel;
	size_t			  nsel;
	const char		**outputs;	/* FORMAT:PATH */
	size_t			  noutputs;
	const char		**paths;
	size_t			  npaths;
};

/*
 * Fills opts from argv (defaults first).  Returns false and sets *err
 * (caller frees) on an unknown option or a missing argument.
 */
bool	opts_parse(int argc, char *argv[], struct options *opts, char **err);
void	opts_free(struct options *);
/* Writes the usage text built from the options table. */
void	opts_help(FILE *);

/*
 * The --fail-level and --severity when neither the command line nor the
 * rc file sets them (enum severity): --help marks them too.
 */
#define OPTS_FAIL_LEVEL	SEV_WARNING
#define OPTS_SEVERITY	SEV_NOTE

/* The longest help text of an option, its words listed. */
#define OPTS_HELP_MAX	512

/* One row of the options table, as documentation shows it. */
struct opt_doc {
	char		 short_name;	/* 0 if none */
	const char	*long_name;
	const char	*arg;		/* argument name, NULL for a flag */
	/* The words the argument is one of, or NULL (words_join()). */
	const char	*(*word)(size_t);
	char		 help[OPTS_HELP_MAX];
};

/*
 * The i-th row of the table (false past the last), for the generators
 * of the README table and the shell completions.
 */
bool	opts_doc(size_t i, struct opt_doc *);

#endif
