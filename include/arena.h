/*
 * arena.h: bytes handed out in pieces and released at once, for the
 * many small strings a parsed file holds (two spellings of every key):
 * one malloc() per chunk instead of one per string, and one free().
 *
 * Ownership: the arena owns every piece it hands out; arena_free()
 * releases them all.  Pieces are not aligned: they are for strings.
 */
#ifndef SYSCTL_LINT_ARENA_H
#define SYSCTL_LINT_ARENA_H

#include <stddef.h>

struct arena;

/* An arena that takes memory chunk bytes at a time (a hint). */
struct arena	*arena_new(size_t chunk);
/* n bytes that live as long as the arena; never NULL. */
char		*arena_alloc(struct arena *, size_t n);
void		 arena_free(struct arena *);

#endif
