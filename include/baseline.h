/*
 * baseline.h: accepted findings, recorded once and hidden afterwards.
 *
 * A baseline lists findings by rule id, file, key and occurrence (the
 * n-th finding of that rule on that key in that file), not by line, so
 * it survives edits that move lines.  The file is JSON:
 * {"version": 1, "findings": [{"rule": ..., "path": ..., "key": ...,
 * "occurrence": 0}, ...]}.
 *
 * Ownership: nothing is kept between calls.
 */
#ifndef SYSCTL_LINT_BASELINE_H
#define SYSCTL_LINT_BASELINE_H

#include <stdbool.h>
#include <stdio.h>

struct findings;

/*
 * Drops the sorted findings the baseline at path lists, and counts them
 * in *hidden.  False and *err (caller frees) when the file cannot be
 * read or is not a baseline.
 */
bool	baseline_apply(struct findings *, const char *path, size_t *hidden,
	    char **err);
/*
 * Writes the (sorted) findings as a baseline to f; the caller checks
 * the stream's errors.
 */
void	baseline_write(const struct findings *, FILE *f);

#endif
