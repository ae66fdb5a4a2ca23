/* Unit tests: arena.c hands out pieces that stay put until the end. */
#include <stdbool.h>
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
	bool			 intact = true;

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
	/* Pieces do not overlap: consecutive small ones are adjacent. */
	CHECK(&c, piece[2] != piece[1] && piece[3] != piece[2]);
	CHECK(&c, arena_alloc(a, 0) != NULL);
	arena_free(a);
	arena_free(NULL);
	return check_done(&c);
}
