/*
 * arena.c: a list of chunks, the newest first, filled from the front.
 * A piece larger than the chunk size gets a chunk of its own, so one
 * long key costs only its size.
 */
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "util.h"

/* Chunk sizes stay between these whatever the hint. */
#define ARENA_MIN	256
#define ARENA_MAX	(1024 * 1024)

struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 size;
	char		 data[];
};

struct arena {
	struct chunk	*head;
	size_t		 chunk;
};

struct arena *
arena_new(size_t chunk)
{
	struct arena	*a = xcalloc(1, sizeof(*a));

	a->chunk = chunk < ARENA_MIN ? ARENA_MIN : chunk > ARENA_MAX ?
	    ARENA_MAX : chunk;
	return a;
}

char *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c = a->head;
	size_t		 size;

	if (c == NULL || c->size - c->used < n) {
		size = n > a->chunk ? n : a->chunk;
		if (size > SIZE_MAX - sizeof(*c))
			size = SIZE_MAX - sizeof(*c);	/* xmalloc fails */
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		/* A big piece's chunk goes behind, to keep the head's room. */
		if (n > a->chunk && a->head != NULL) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	c->used += n;
	return c->data + c->used - n;
}

void
arena_free(struct arena *a)
{
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}
