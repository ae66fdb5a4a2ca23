/*
 * errlist.h: tool errors collected while a run goes on, so that every
 * unreadable input is named before the run exits with status 2.
 *
 * Ownership: the list owns its messages and its copies of the paths.
 */
#ifndef SYSCTL_LINT_ERRLIST_H
#define SYSCTL_LINT_ERRLIST_H

#include <stddef.h>
#include <stdio.h>

struct errlist {
	char	**msgs;
	char	**paths;	/* the file each concerns, or NULL */
	size_t	  n;
	size_t	  cap;
};

#define ERRLIST_INIT	{ NULL, NULL, 0, 0 }

/* Appends msg, taking ownership of it. */
void	errlist_add(struct errlist *, char *msg);
/* The same, for an error about the file at path (copied). */
void	errlist_add_at(struct errlist *, const char *path, char *msg);
void	errlist_free(struct errlist *);
/*
 * Writes "sysctl-lint: error: msg" as a line, with the paths and text
 * msg quotes from input escaped as in the text report.
 */
void	errlist_print(FILE *, const char *msg);

#endif
