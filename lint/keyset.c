/*
 * keyset.c: open addressing with linear probing, at most half full, so
 * a probe sequence stays short; the stored hash spares most strcmp().
 */
#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "util.h"

struct keyset_slot {
	const char	*path;		/* NULL: empty */
	uint32_t	 hash;
	int		 tag;
	size_t		 number;
};

struct keyset {
	struct keyset_slot	*slots;
	size_t			 mask;		/* slots - 1, a power of 2 */
	size_t			 n;
	size_t			 max;
};

struct keyset *
keyset_new(size_t max)
{
	struct keyset	*s = xcalloc(1, sizeof(*s));
	size_t		 size = 8;

	/* Past SIZE_MAX / 2, xcalloc() fails loudly. */
	while (size / 2 < max && size < SIZE_MAX / 2 + 1)
		size *= 2;
	s->slots = xcalloc(size, sizeof(*s->slots));
	s->mask = size - 1;
	s->max = max;
	return s;
}

void
keyset_free(struct keyset *s)
{
	if (s == NULL)
		return;
	free(s->slots);
	free(s);
}

static struct keyset_slot *
probe(const struct keyset *s, const char *path, uint32_t hash, int tag)
{
	size_t			 i = hash & s->mask;
	struct keyset_slot	*sl;

	for (;; i = (i + 1) & s->mask) {
		sl = &s->slots[i];
		if (sl->path == NULL || (sl->hash == hash && sl->tag == tag &&
		    strcmp(sl->path, path) == 0))
			return sl;
	}
}

size_t *
keyset_slot(struct keyset *s, const char *path, uint32_t hash, int tag)
{
	struct keyset_slot	*sl = probe(s, path, hash, tag);

	if (sl->path == NULL) {
		/* A full table would make probe() loop for ever. */
		if (s->n == s->max)
			abort();
		s->n++;
		sl->path = path;
		sl->hash = hash;
		sl->tag = tag;
		sl->number = KEYSET_NONE;
	}
	return &sl->number;
}

size_t
keyset_get(const struct keyset *s, const char *path, uint32_t hash, int tag)
{
	const struct keyset_slot *sl = probe(s, path, hash, tag);

	return sl->path != NULL ? sl->number : KEYSET_NONE;
}
