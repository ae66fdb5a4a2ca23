/*
 * pipeline.h: one run of the linter, its passes in their one order.
 *
 * Every input becomes a unit of settings: a file or a sysctl.d set, the
 * files an image root's boot applies, a snapshot of a running kernel
 * (sysctl -a text, /proc/sys or a copy of it), or a unit the caller made
 * in memory.  The unit passes judge each unit as it is read; the run
 * passes then compare the configuration with the running values, show
 * or write the fixes, and prepare and write the reports.  The order of both lives in one table,
 * in pipeline.c.  The command line and the fuzz targets call
 * pipeline_run(), so that what is fuzzed is the road every run takes.
 *
 * Ownership: the job, its inputs and its reports stay the caller's, and
 * so does a PIPELINE_UNIT unit; the run frees every unit it loads.
 * Findings go to the caller's set; tool errors to the caller's list.
 */
#ifndef SYSCTL_LINT_PIPELINE_H
#define SYSCTL_LINT_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "image.h"

struct emitter;
struct errlist;
struct findings;
struct unit;

enum pipeline_source {
	PIPELINE_PATH,		/* a file, a sysctl.d directory or "-" */
	PIPELINE_SNAPSHOT,	/* sysctl -a text or a /proc/sys tree */
	PIPELINE_IMAGE,		/* an image root */
	PIPELINE_UNIT		/* already read, by the caller */
};

/*
 * focus: for a set read for the sake of some of its files (named on the
 * command line), those files' paths as the set spells them; findings
 * are then reported only where they concern one of them.
 */
struct pipeline_input {
	enum pipeline_source	 source;
	const char		*path;		/* not for PIPELINE_UNIT */
	struct unit		*unit;		/* PIPELINE_UNIT only */
	char *const		*focus;
	size_t			 nfocus;
};

/*
 * A report: written to out, named name in a write error, or, when out
 * is NULL, to the file path, whole or not at all (outfile.h).
 */
struct pipeline_report {
	const struct emitter	*emitter;
	FILE			*out;
	const char		*name;
	const char		*path;
	bool			 color;
};

/* What a run does with the fixes of the findings it keeps. */
enum pipeline_fix {
	PIPELINE_FIX_NONE,
	PIPELINE_FIX_DIFF,	/* writes them to diff_out as a diff */
	PIPELINE_FIX_APPLY	/* writes them to the files */
};

/* What the fixes of a run changed. */
struct pipeline_fixed {
	size_t	fixes;		/* fixes applied */
	size_t	files;		/* files they changed */
};

struct pipeline_job {
	const struct pipeline_input	*inputs;
	size_t				 ninputs;	/* one snapshot and one
							   image at most */
	const char			*stdin_label;
	enum loader			 loader;
	int				 source_type;	/* an enum reader_type,
							   for files */
	const char			*kubernetes;	/* "1.29", or NULL: the
							   newest known */
	int				 line;		/* the kernel line, or -1:
							   the inputs' */
	const char			*fallback_kernel; /* "6.1" when neither
							   gives one, or NULL */
	bool				 inline_suppressions;
	const char			*baseline;	/* or NULL */
	const char			*write_baseline; /* or NULL */
	bool				 quiet;		/* no summary line */
	/* Instead of the reports, the settings in force, to print_out. */
	bool				 print_effective;
	bool				 print_json;	/* as JSON, not text */
	FILE				*print_out;
	const struct pipeline_report	*reports;
	size_t				 nreports;
	/*
	 * Fixes: the safe ones, or all (unsafe_fixes), of the files the
	 * run reads (not a snapshot's); a file reached through a symbolic
	 * link is written only with fix_links, at a target inside the
	 * image root, or else the working directory.  A fix run adds what
	 * it changed to *fixed; a report run after one shows *fixed in the
	 * text summary.
	 */
	enum pipeline_fix		 fix;
	bool				 unsafe_fixes;
	bool				 fix_links;
	FILE				*diff_out;	/* PIPELINE_FIX_DIFF */
	struct pipeline_fixed		*fixed;		/* or NULL */
	struct errlist			*fix_errs;	/* the fix pass's tool
							   errors, or NULL:
							   the run's */
};

/*
 * Runs the job: reads every input, runs the passes, writes the reports.
 * The findings are left sorted and limited, as reported.
 */
void	pipeline_run(const struct pipeline_job *, struct findings *,
	    struct errlist *);

#endif
