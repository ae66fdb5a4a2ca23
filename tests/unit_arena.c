/* Unit tests: arena.c hands out pieces that stay put until the end. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "check.h"

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	struct arena		*a = arena_new(0);
	char			*piece[1000], *big;
	size_t			 i, j;
	bool			 intact = true, disjoint;

	/* Many pieces across many chunks, each filled with its number. */
	for (i = 0; i < 1000; i++) {
		piece[i] = arena_alloc(a, i % 37 + 1);
		memset(piece[i], (int)(i % 251), i % 37 + 1);
	}
	/* A piece larger than a chunk, between small ones. */
	big = arena_alloc(a, 100000);
	memset(big, 0x5A, 100000);
	piece[0] = arena_alloc(a, 1);
	piece[0][0] = 0;
	for (i = 0; i < 1000; i++)
		for (j = 0; j < i % 37 + 1; j++)
			if (piece[i][j] != (char)(i % 251))
				intact = false;
	CHECK(&c, intact);
	CHECK(&c, big[0] == 0x5A && big[99999] == 0x5A);
	/* No two consecutive pieces overlap, wherever the arena put them. */
	disjoint = true;
	for (i = 2; i < 1000; i++) {
		/* As integers: pieces of two chunks are unrelated objects. */
		uintptr_t	lo = (uintptr_t)piece[i - 1],
				hi = (uintptr_t)piece[i];

		if (hi < lo + (i - 1) % 37 + 1 && lo < hi + i % 37 + 1)
			disjoint = false;
	}
	CHECK(&c, disjoint);
	CHECK(&c, arena_alloc(a, 0) != NULL);
	arena_free(a);
	arena_free(NULL);
	return check_done(&c);
}
