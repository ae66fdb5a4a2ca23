/*
 * compose.h: compose files: the sysctls: of each service, as a map or as a list
 * of key=value, one scope a service.
 *
 * Ownership: scopes and findings go to the reader_out.
 */
#ifndef SYSCTL_LINT_COMPOSE_H
#define SYSCTL_LINT_COMPOSE_H

#include <stdbool.h>

struct reader_out;
struct ydoc;

/* Whether the document is one this reader reads. */
bool	compose_is_doc(const struct ydoc *);
void	compose_read_doc(const struct ydoc *, struct reader_out *);

#endif
