/*
 * keyset.h: an index from (key path, tag) to a number, for the passes
 * over a unit that pair assignments of the same key: repeats, and the
 * settings left in force.  The tag keeps apart what shares a path but
 * not a meaning (an assignment and an exclusion of one key).
 *
 * Ownership: the set owns its slots; the paths stay the caller's and
 * must outlive it.
 */
#ifndef SYSCTL_LINT_KEYSET_H
#define SYSCTL_LINT_KEYSET_H

#include <stddef.h>
#include <stdint.h>

/* The number of a slot that was just created. */
#define KEYSET_NONE	SIZE_MAX

struct keyset;

/* A set for up to max distinct keys. */
struct keyset	*keyset_new(size_t max);
void		 keyset_free(struct keyset *);
/*
 * The number stored for (path, tag), to read or replace; a new slot
 * holds KEYSET_NONE.  The set must not grow past the max it was made
 * for.  The pointer stays valid as long as the set.
 */
size_t		*keyset_slot(struct keyset *, const char *path, int tag);
/* The number stored for (path, tag), or KEYSET_NONE. */
size_t		 keyset_get(const struct keyset *, const char *path, int tag);

#endif
