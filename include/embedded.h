/*
 * embedded.h: the files of rules/ compiled into the binary, so that an
 * installed sysctl-lint needs nothing beside it.  Generated at build time
 * by tools/embed.c; the data is static and never freed.
 */
#ifndef SYSCTL_LINT_EMBEDDED_H
#define SYSCTL_LINT_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char	*name;	/* path relative to the source tree */
	const char	*data;
	size_t		 len;
};

extern const struct embedded_file	embedded_files[];
extern const size_t			embedded_nfiles;

#endif
