/*
 * fingerprint.c: GitHub's line hash and a key-based fingerprint.
 *
 * The line hash reads the file as UTF-16 code units (JavaScript's
 * charCodeAt), skips spaces and tabs, turns CR into LF and drops an LF
 * right after a CR, and keeps a base-37 rolling hash modulo 2^64 over a
 * window of 100 characters; when the window has moved 100 characters
 * past a line's start, that hash belongs to the line.  A sentinel 65535
 * and 100 zeros flush the last lines.  Equal hashes are told apart by
 * an occurrence counter: "hex:1", "hex:2".  A first pass keeps every
 * line's hash; a second counts, in a keyset, only the hashes of the
 * lines asked for, so that a file costs 9 bytes a line and its length
 * in time, whatever its lines repeat.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fingerprint.h"
#include "keyset.h"
#include "utf8.h"
#include "util.h"

#define BLOCK	100
/* 16 hex digits and a NUL. */
#define HEX_LEN	17

struct hasher {
	uint32_t	 window[BLOCK];
	long		 lines_at[BLOCK];	/* line starting there, or -1 */
	uint64_t	 hash;
	uint64_t	 first_mod;		/* 37^100 */
	size_t		 index;
	long		 line;
	int		 line_start;
	int		 prev_cr;
	uint64_t	*hashes;		/* by line number */
	bool		*has;
	size_t		 nlines;
};

/* Each line gets its hash once, in line order. */
static void
output(struct hasher *h)
{
	long	line = h->lines_at[h->index];

	if (line >= 1 && (size_t)line <= h->nlines && !h->has[line]) {
		h->hashes[line] = h->hash;
		h->has[line] = true;
	}
	h->lines_at[h->index] = -1;
}

static void
update(struct hasher *h, uint32_t c)
{
	uint32_t	begin = h->window[h->index];

	h->window[h->index] = c;
	h->hash = 37 * h->hash + c - h->first_mod * begin;
	h->index = (h->index + 1) % BLOCK;
}

static void
feed(struct hasher *h, uint32_t c)
{
	if (c == ' ' || c == '\t' || (h->prev_cr && c == '\n')) {
		h->prev_cr = 0;
		return;
	}
	if (c == '\r') {
		c = '\n';
		h->prev_cr = 1;
	} else
		h->prev_cr = 0;
	if (h->lines_at[h->index] != -1)
		output(h);
	if (h->line_start) {
		h->line_start = 0;
		h->lines_at[h->index] = ++h->line;
	}
	if (c == '\n')
		h->line_start = 1;
	update(h, c);
}

/* The hash of every line, as the upload action computes it. */
static void
hash_lines(struct hasher *h, const char *data, size_t len)
{
	size_t		i, n, lines = 1;
	uint32_t	cp;

	for (i = 0; i < len; i++)
		if (data[i] == '\n' || data[i] == '\r')
			lines++;
	memset(h, 0, sizeof(*h));
	h->nlines = lines + 1;
	h->hashes = xcalloc(h->nlines + 1, sizeof(uint64_t));
	h->has = xcalloc(h->nlines + 1, sizeof(bool));
	for (i = 0; i < BLOCK; i++)
		h->lines_at[i] = -1;
	h->first_mod = 1;
	for (i = 0; i < BLOCK; i++)
		h->first_mod *= 37;
	h->line_start = 1;
	for (i = 0; i < len; i += n) {
		/* Node decodes UTF-8; bad bytes become U+FFFD. */
		if ((n = utf8_decode(data + i, len - i, &cp)) == 0) {
			n = 1;
			cp = 0xFFFD;
		}
		if (cp >= 0x10000) {
			feed(h, 0xD800 + ((cp - 0x10000) >> 10));
			feed(h, 0xDC00 + ((cp - 0x10000) & 0x3FF));
		} else
			feed(h, cp);
	}
	feed(h, 65535);
	for (i = 0; i < BLOCK; i++) {
		if (h->lines_at[h->index] != -1)
			output(h);
		update(h, 0);
	}
}

/* A line wanted, and where its hash goes. */
struct wanted {
	size_t	line;
	size_t	index;
};

static int
by_line(const void *a, const void *b)
{
	const struct wanted	*x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

char **
fingerprint_lines(const char *data, size_t len, const size_t *lines,
    size_t nwant)
{
	struct hasher	  h;
	struct keyset	 *counts = keyset_new(nwant);
	struct arena	 *hex = arena_new(4096);
	struct wanted	 *want = xcalloc(nwant + 1, sizeof(*want));
	char		**out = xcalloc(nwant + 1, sizeof(char *));
	char		 *name, buf[HEX_LEN];
	size_t		  i, k, line, *count;

	hash_lines(&h, data, len);
	/* Only the hashes of the lines wanted are counted. */
	for (i = 0; i < nwant; i++) {
		want[i].line = lines[i];
		want[i].index = i;
		if (lines[i] < 1 || lines[i] > h.nlines || !h.has[lines[i]])
			continue;
		name = arena_alloc(hex, HEX_LEN);
		snprintf(name, HEX_LEN, "%llx",
		    (unsigned long long)h.hashes[lines[i]]);
		*keyset_slot(counts, name, 0) = 0;
	}
	qsort(want, nwant, sizeof(*want), by_line);
	/* Equal hashes are numbered in line order. */
	for (line = 1, k = 0; line <= h.nlines && k < nwant; line++) {
		if (!h.has[line])
			continue;
		snprintf(buf, sizeof(buf), "%llx",
		    (unsigned long long)h.hashes[line]);
		if (keyset_get(counts, buf, 0) == KEYSET_NONE)
			continue;
		count = keyset_slot(counts, buf, 0);
		++*count;
		for (; k < nwant && want[k].line <= line; k++)
			if (want[k].line == line)
				out[want[k].index] = xasprintf("%s:%zu", buf,
				    *count);
	}
	free(want);
	arena_free(hex);
	keyset_free(counts);
	free(h.hashes);
	free(h.has);
	return out;
}

void
fingerprint_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

uint64_t
fingerprint_key(const char *rule, const char *path, const char *key,
    size_t occurrence)
{
	const char	*parts[3] = { rule, path, key != NULL ? key : "" };
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 i;
	const char	*p;

	for (i = 0; i < 3; i++) {
		for (p = parts[i]; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
		h = (h ^ 0) * 0x100000001b3ULL;
	}
	for (i = 0; i < sizeof(occurrence); i++)
		h = (h ^ ((occurrence >> (8 * i)) & 0xFF)) * 0x100000001b3ULL;
	return h;
}
