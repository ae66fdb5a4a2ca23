/*
 * keydb.c: lookups in the generated key tables: exact keys by binary
 * search, per-device keys through their templates, globs, the kernel
 * line for a version, and the nearest key for "did you mean".
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "key.h"
#include "keydb_data.h"
#include "util.h"

/* Farthest edit distance a suggestion may be. */
#define SUGGEST_MAX	3
/* Longest key compared; no known key is near this long. */
#define KEY_MAX		128

static const struct keydb_key *
find_exact(const char *path, uint32_t hash)
{
	size_t			 h = hash & keydb_hash_mask;
	const struct keydb_key	*k;

	for (; keydb_hash_slots[h] != 0; h = (h + 1) & keydb_hash_mask) {
		k = &keydb_table[keydb_hash_slots[h] - 1];
		if (strcmp(k->path, path) == 0)
			return k;
	}
	return NULL;
}

/*
 * Templates are in the table too.  A template's placeholders follow one
 * of a few prefixes ("net/ipv4/conf/"): after the prefix path starts
 * with, its next segment, or next two, replaced by a placeholder name
 * the template, if there is one.  Each such candidate is offered to try
 * until it takes one.
 */
static bool
template_candidates(const char *path, bool (*try)(const char *, void *),
    void *arg)
{
	static const char *const holders[] = { "<dev>", "<n>" };
	const struct keydb_prefix *pre;
	const char		*rest;
	char			 cand[512];
	size_t			 len = strlen(path), t, h, nseg, o, hl;

	for (t = 0; t < keydb_ntemplate_prefixes; t++) {
		pre = &keydb_template_prefixes[t];
		if (len <= pre->len || memcmp(path, pre->text, pre->len) != 0)
			continue;
		rest = path + pre->len;
		for (nseg = 1; nseg <= 2; nseg++) {
			if (*rest == '/' || *rest == '\0')
				break;
			rest += strcspn(rest, "/");
			for (h = 0; h < ARRAY_LEN(holders); h++) {
				hl = strlen(holders[h]);
				if (pre->len + 2 * (hl + 1) + strlen(rest) >=
				    sizeof(cand))
					continue;
				memcpy(cand, pre->text, pre->len);
				o = pre->len;
				memcpy(cand + o, holders[h], hl);
				o += hl;
				if (nseg == 2) {
					cand[o++] = '/';
					memcpy(cand + o, holders[h], hl);
					o += hl;
				}
				strcpy(cand + o, rest);
				if (try(cand, arg))
					return true;
			}
			if (*rest == '/')
				rest++;
		}
	}
	return false;
}

static bool
try_exact(const char *cand, void *arg)
{
	const struct keydb_key	**found = arg;

	return (*found = find_exact(cand, key_hash(cand))) != NULL;
}

static const struct keydb_key *
find_template(const char *path)
{
	const struct keydb_key	*k = NULL;

	return template_candidates(path, try_exact, &k) ? k : NULL;
}

const struct keydb_key *
keydb_lookup_hashed(const char *path, uint32_t hash)
{
	const struct keydb_key	*k = find_exact(path, hash);

	return k != NULL ? k : find_template(path);
}

const struct keydb_key *
keydb_lookup(const char *path)
{
	return keydb_lookup_hashed(path, key_hash(path));
}

const struct keydb_gone *
keydb_gone(const char *path)
{
	size_t	i;

	for (i = 0; i < keydb_ngone; i++)
		if (strcmp(keydb_gone_table[i].path, path) == 0)
			return &keydb_gone_table[i];
	return NULL;
}

const struct keydb_range *
keydb_range(const struct keydb_key *k, size_t line)
{
	size_t	i;

	for (i = 0; i < k->nranges; i++)
		if (k->ranges[i].from <= line && line <= k->ranges[i].to)
			return &k->ranges[i];
	return NULL;
}

bool
keydb_keeps_text(const struct keydb_key *k)
{
	size_t	i;

	for (i = 0; i < k->nranges; i++) {
		const struct keydb_range *r = &k->ranges[i];

		if (r->type == KT_CUSTOM || (r->type == KT_STRING &&
		    (r->match == KM_NONE || r->match == KM_PREFIX)))
			return true;
	}
	return false;
}

static bool
glob_matches_table(const char *pattern)
{
	size_t	i;

	/* glob(3) as the loaders run it: '*' does not cross a '/'. */
	for (i = 0; i < keydb_ntable; i++)
		if (fnmatch(pattern, keydb_table[i].path, FNM_PATHNAME) == 0)
			return true;
	return false;
}

static bool
try_glob(const char *cand, void *unused)
{
	(void)unused;
	return glob_matches_table(cand);
}

/*
 * A glob over device names ("net.ipv4.conf.lxc*.rp_filter") names the
 * keys of interfaces that come and go: systemd-sysctl applies it again
 * to each new interface (its udev rule runs it with --prefix), so it
 * matches when the per-device template has a key of that shape.
 */
const struct keydb_key *
keydb_clearing(size_t i)
{
	return i < keydb_nclearing ? &keydb_table[keydb_clearing_index[i]] :
	    NULL;
}

bool
keydb_glob_matches(const char *pattern)
{
	return glob_matches_table(pattern) ||
	    template_candidates(pattern, try_glob, NULL);
}

/*
 * Optimal string alignment distance (Damerau-Levenshtein without
 * repeated edits of a substring) of a[0, la) and b[0, lb), or limit + 1
 * when it is past limit.  Only the band of cells within limit of the
 * diagonal can stay within it (Ukkonen), so a row costs 2 * limit + 1
 * cells, and the rows stop as soon as no cell of the band, with the
 * length still to align, can come back within limit.  A common prefix
 * changes no distance and is skipped first: keys of one directory share
 * a long one.
 */
static size_t
edit_distance(const char *a, size_t la, const char *b, size_t lb,
    size_t limit)
{
	size_t	 rows[3][KEY_MAX + 2];
	size_t	*prev2 = rows[0], *prev = rows[1], *cur = rows[2], *tmp;
	size_t	 i, j, lo, hi, d, best, rest, over = limit + 1;

	while (la > 0 && lb > 0 && *a == *b) {
		a++;
		b++;
		la--;
		lb--;
	}
	if ((la > lb ? la - lb : lb - la) > limit || lb > KEY_MAX)
		return over;
	for (j = 0; j <= lb; j++)
		prev[j] = j <= limit ? j : over;
	prev[lb + 1] = over;
	for (i = 1; i <= la; i++) {
		lo = i > limit ? i - limit : 1;
		hi = i + limit < lb ? i + limit : lb;
		cur[lo - 1] = lo == 1 && i <= limit ? i : over;
		/* Column 0, when in the band, is a cell as well. */
		best = cur[lo - 1] + (la - i > lb ? (la - i) - lb :
		    lb - (la - i));
		for (j = lo; j <= hi; j++) {
			d = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			if (d > over)
				d = over;
			cur[j] = d;
			/* What is left to align costs at least its skew. */
			rest = la - i > lb - j ? (la - i) - (lb - j) :
			    (lb - j) - (la - i);
			if (d + rest < best)
				best = d + rest;
		}
		if (hi < lb)
			cur[hi + 1] = over;
		if (best > limit)
			return over;
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[lb];
}

/*
 * Suggestions come from keys under the same top directory ("net",
 * "vm"): typos hide in the later parts, and the table's order makes
 * that directory one contiguous run, found by binary search.  Keys
 * whose length is too far off cost one comparison each.
 */
const struct keydb_key *
keydb_suggest(const char *path)
{
	const struct keydb_key	*best = NULL;
	size_t			 lo = 0, hi = keydb_ntable, mid, d, limit;
	size_t			 bestd = SUGGEST_MAX + 1, rootlen, len, klen;
	const char		*slash = strchr(path, '/');

	if (slash == NULL)
		return NULL;
	rootlen = (size_t)(slash - path) + 1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strncmp(keydb_table[mid].path, path, rootlen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Short keys may differ by less; a third of the length at most. */
	len = strlen(path);
	limit = len / 3;
	if (limit > SUGGEST_MAX)
		limit = SUGGEST_MAX;
	for (; lo < keydb_ntable && strncmp(keydb_table[lo].path, path,
	    rootlen) == 0; lo++) {
		if (keydb_table[lo].flags & KEYDB_TEMPLATE)
			continue;
		if (bestd == 0)
			break;
		klen = strlen(keydb_table[lo].path);
		if ((len > klen ? len - klen : klen - len) > limit)
			continue;
		d = edit_distance(path, len, keydb_table[lo].path, klen,
		    bestd <= limit ? bestd - 1 : limit);
		if (d < bestd && d <= limit) {
			bestd = d;
			best = &keydb_table[lo];
		}
	}
	return best;
}

/*
 * Reads the decimal number at *s: digits only (no sign, no blank), at
 * most KEYDB_VERSION_MAX, and moves *s past it.
 */
#define KEYDB_VERSION_MAX	99999

static bool
read_number(const char **s, unsigned long *n)
{
	const char	*p = *s;
	unsigned long	 v = 0;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > KEYDB_VERSION_MAX)
			return false;
	}
	*s = p;
	*n = v;
	return true;
}

/*
 * "X.Y", "X.Y.Z", either followed by a local suffix as uname -r has it
 * ("-26-amd64", "+", "_rc1", "~bpo").
 */
static bool
parse_version(const char *s, unsigned long *major, unsigned long *minor)
{
	unsigned long	patch;

	if (!read_number(&s, major) || *s++ != '.' || !read_number(&s, minor))
		return false;
	if (*s == '.') {
		s++;
		if (!read_number(&s, &patch))
			return false;
	}
	return *s == '\0' || strchr("-+_~", *s) != NULL;
}

static int
version_cmp(unsigned long amaj, unsigned long amin, const char *line)
{
	unsigned long	lmaj, lmin;

	parse_version(line, &lmaj, &lmin);
	if (amaj != lmaj)
		return amaj < lmaj ? -1 : 1;
	return amin < lmin ? -1 : amin > lmin;
}

int
keydb_line_for(const char *version)
{
	unsigned long	 major, minor;
	size_t		 i;
	int		 found = 0;

	if (!parse_version(version, &major, &minor))
		return -1;
	for (i = 0; i < keydb_nlines; i++)
		if (version_cmp(major, minor, keydb_lines[i]) >= 0)
			found = (int)i;
	return found;
}

int
keydb_version_outside(const char *version)
{
	unsigned long	major, minor;

	if (!parse_version(version, &major, &minor))
		return 0;
	if (version_cmp(major, minor, keydb_lines[0]) < 0)
		return -1;
	return version_cmp(major, minor, keydb_lines[keydb_nlines - 1]) > 0;
}

size_t
keydb_count(void)
{
	return keydb_ntable;
}

const struct keydb_key *
keydb_at(size_t i)
{
	return i < keydb_ntable ? &keydb_table[i] : NULL;
}
