/*
 * suppress.h: inline suppressions.  "# sysctl-lint: disable=ID[,ID]
 * [-- reason]" on its own line silences those rules on the next
 * assignment; "# sysctl-lint: disable-file=ID[,ID]" in the whole file.
 * Ids may be rule ids or names.  A suppression naming no rule, or
 * silencing nothing, is a note of its own.
 *
 * Ownership: nothing is kept.
 */
#ifndef SYSCTL_LINT_SUPPRESS_H
#define SYSCTL_LINT_SUPPRESS_H

#include <stddef.h>

struct findings;
struct unit;

/* Applies the directives of every file of the units. */
void	suppress_apply(struct findings *, struct unit *const *, size_t);

#endif
