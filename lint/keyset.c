/*
 * keyset.c: open addressing with linear probing, at most half full, so
 * a probe sequence stays short; the stored hash spares most strcmp().
 *
 * Keys come from untrusted files, and FNV-1a (key_hash()) collides on
 * demand: chained colliding blocks give any number of keys of one hash,
 * which would make each insertion scan them all.  Slots are therefore
 * placed by SipHash-1-3 under the 16 random bytes the kernel hands every
 * process (AT_RANDOM): collisions cannot be prepared in a file.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "keyset.h"
#include "util.h"

struct keyset_slot {
	const char	*path;		/* NULL: empty */
	uint64_t	 hash;
	int		 tag;
	size_t		 number;
};

struct keyset {
	struct keyset_slot	*slots;
	size_t			 mask;		/* slots - 1, a power of 2 */
	size_t			 n;
	size_t			 max;
	uint64_t		 k0, k1;	/* the SipHash key */
};

#define ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))

/* One SipRound on v0..v3, a macro so that it is always inlined. */
#define SIPROUND(v0, v1, v2, v3) do {					\
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);	\
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);	\
} while (0)

/*
 * SipHash-1-3 of s (Aumasson and Bernstein), on words in host byte
 * order: the values never leave the process.
 */
static uint64_t
siphash13(const struct keyset *ks, const char *s, size_t len)
{
	uint64_t	v0, v1, v2, v3, m;
	size_t		i;

	v0 = ks->k0 ^ 0x736f6d6570736575ULL;
	v1 = ks->k1 ^ 0x646f72616e646f6dULL;
	v2 = ks->k0 ^ 0x6c7967656e657261ULL;
	v3 = ks->k1 ^ 0x7465646279746573ULL;
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&m, s + i, 8);
		v3 ^= m;
		SIPROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	m = 0;
	memcpy(&m, s + i, len - i);
	m ^= (uint64_t)len << 56;
	v3 ^= m;
	SIPROUND(v0, v1, v2, v3);
	v0 ^= m;
	v2 ^= 0xff;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

struct keyset *
keyset_new(size_t max)
{
	struct keyset		*s = xcalloc(1, sizeof(*s));
	size_t			 size = 8;
	const unsigned char	*random;

	/* Past SIZE_MAX / 2, xcalloc() fails loudly. */
	while (size / 2 < max && size < SIZE_MAX / 2 + 1)
		size *= 2;
	s->slots = xcalloc(size, sizeof(*s->slots));
	s->mask = size - 1;
	s->max = max;
	/* Fixed keys where the auxiliary vector has no AT_RANDOM. */
	if ((random = (const unsigned char *)getauxval(AT_RANDOM)) != NULL) {
		memcpy(&s->k0, random, 8);
		memcpy(&s->k1, random + 8, 8);
	} else {
		s->k0 = 0x0706050403020100ULL;
		s->k1 = 0x0f0e0d0c0b0a0908ULL;
	}
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
probe(const struct keyset *s, const char *path, uint64_t hash, int tag)
{
	size_t			 i = (size_t)hash & s->mask;
	struct keyset_slot	*sl;

	for (;; i = (i + 1) & s->mask) {
		sl = &s->slots[i];
		if (sl->path == NULL || (sl->hash == hash && sl->tag == tag &&
		    strcmp(sl->path, path) == 0))
			return sl;
	}
}

size_t *
keyset_slot(struct keyset *s, const char *path, int tag)
{
	uint64_t		 hash = siphash13(s, path, strlen(path));
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
keyset_get(const struct keyset *s, const char *path, int tag)
{
	const struct keyset_slot *sl = probe(s, path,
	    siphash13(s, path, strlen(path)), tag);

	return sl->path != NULL ? sl->number : KEYSET_NONE;
}
