/*
 * keydb.h: every sysctl key of the kernel lines sysctl-lint knows, with
 * its type, enforced range, mode and default per line.
 *
 * The data lives in rules/keys.json (harvested from kernel sources and
 * booted kernels, see tools/keydb/) and rules/key-facts.json (curated:
 * keys removed before the oldest line, keys without effect, distribution
 * patches).  tools/keydb-gen.c compiles both into static tables at build
 * time, so a run parses no JSON.  Everything here is static data: the
 * caller owns nothing and frees nothing.
 *
 * Keys are held in /proc/sys path form ("net/ipv4/tcp_rmem").  Per-device
 * trees are templates whose device part is the segment "<dev>", matching
 * any interface name; other generated directories use "<n>" likewise.
 */
#ifndef SYSCTL_LINT_KEYDB_H
#define SYSCTL_LINT_KEYDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How the kernel parses a write: the ctl_table handler's family. */
enum keydb_type {
	KT_INT,		/* proc_dointvec*: signed 32-bit */
	KT_UINT,	/* proc_douintvec*: unsigned 32-bit */
	KT_U8,		/* proc_dou8vec_minmax: 0..255 */
	KT_ULONG,	/* proc_doulongvec*: unsigned long */
	KT_BOOL,	/* proc_dobool */
	KT_JIFFIES,	/* seconds, stored as jiffies */
	KT_MS_JIFFIES,	/* milliseconds, stored as jiffies */
	KT_USERHZ,	/* USER_HZ ticks */
	KT_STRING,	/* proc_dostring and names looked up by the kernel */
	KT_BITMAP,	/* comma list of numbers and ranges */
	KT_CUSTOM	/* a handler of its own; no generic check */
};

enum keydb_netns {
	NETNS_NONE,	/* not a network key, or unknown */
	NETNS_PER,	/* exists in every network namespace */
	NETNS_INIT,	/* initial namespace only: absent in containers */
	NETNS_GLOBAL	/* one value; read-only in child namespaces */
};

#define KEYDB_TEMPLATE	0x01	/* path has a "<dev>" or "<n>" segment */
#define KEYDB_PATCH	0x02	/* added by a distribution patch */
#define KEYDB_NO_EFFECT	0x04	/* accepted, but changes nothing */
#define KEYDB_ACTION	0x08	/* a write does something once */
#define KEYDB_FIELDS	0x10	/* each number a setting of its own */

/* How a string key's value must match its words (keydb_range.words). */
enum keydb_match {
	KM_NONE,	/* any string */
	KM_WHOLE,	/* the whole value is one of the words */
	KM_PREFIX,	/* the value begins with one of them */
	KM_EACH,	/* each blank-separated word is one; none at all too */
	KM_IPV6		/* an IPv6 address (words only describe it) */
};

#define KEYDB_MIN	0x01	/* keydb_range.lo holds the minimum */
#define KEYDB_MAX	0x02	/* keydb_range.hi holds the maximum */

/* One interval of kernel lines over which a key behaves the same. */
struct keydb_range {
	uint8_t		 from;		/* index into keydb_lines */
	uint8_t		 to;		/* inclusive */
	uint8_t		 type;		/* enum keydb_type */
	uint8_t		 count;		/* values; 0 = a variable number */
	uint16_t	 mode;		/* 0644, 0444, ... */
	uint8_t		 bounded;	/* KEYDB_MIN | KEYDB_MAX: numeric bounds */
	int64_t		 lo;		/* the bounds, when numeric */
	int64_t		 hi;
	const char	*min;		/* number or formula; NULL = none */
	const char	*max;
	const char	*def;		/* default or how it is computed */
	const char	*handler;
	/*
	 * A kernel config (or page size, or HZ) under which the handler
	 * refuses more: narrower bounds (cbounded, clo, chi) or another
	 * mode (cmode, 0 = the same).  lo/hi then hold what every config
	 * accepts.  NULL when the range does not depend on the build.
	 */
	const char	*cond;
	uint8_t		 cbounded;	/* KEYDB_MIN | KEYDB_MAX for clo, chi */
	uint16_t	 cmode;
	int64_t		 clo;
	int64_t		 chi;
	/* The words the handler accepts, separated by one space, or NULL. */
	const char	*words;
	uint8_t		 match;		/* enum keydb_match */
	/*
	 * A string's buffer in bytes (proc_dostring keeps maxlen - 1
	 * characters and drops the rest); 0 when unknown.
	 */
	uint16_t	 maxlen;
	/*
	 * Where the key comes from over these lines: the key's own fields
	 * describe the newest line, and a table moved between files (or
	 * became per network namespace) in older ones.
	 */
	uint8_t		 netns;		/* enum keydb_netns */
	const char	*src;
	const char	*module;
	const char	*kconfig;
	const char	*config;
};

struct keydb_key {
	const char		 *path;
	const char		 *src;		/* kernel source file */
	const char		 *module;	/* module it needs, or NULL */
	const char		 *kconfig;	/* Kconfig symbol building src */
	const char		 *config;	/* #if guard of the entry, or NULL */
	const char		 *note;		/* curated fact, or NULL */
	const char		 *since;	/* for KEYDB_NO_EFFECT */
	const char		 *action;	/* for KEYDB_ACTION: what a
						   write does */
	const char		 *patch;	/* for KEYDB_PATCH: which, as
						   "the X patch" */
	/*
	 * The kernel document describing the key, and the title it has
	 * there (NULL: the document has no section of its own for it).
	 */
	const char		 *doc;
	const char		 *doc_section;
	/*
	 * The values the kernel documents, "0 1 2", the same with their
	 * meanings, and what it makes of any other value it accepts
	 * ("as 2, loose"); NULL for a key without such a set.
	 */
	const char		 *domain;
	const char		 *domain_text;
	const char		 *otherwise;
	/* The key (as a path) that a write of this one sets to 0, or NULL. */
	const char		 *clears;
	uint8_t			  netns;	/* enum keydb_netns */
	uint8_t			  flags;
	uint16_t		  nranges;
	const struct keydb_range *ranges;
};

/* A key that left the kernel before the oldest line known here. */
struct keydb_gone {
	const char	*path;
	const char	*removed;	/* version, e.g. "4.12" */
	const char	*note;
};

extern const char *const	keydb_lines[];
extern const size_t		keydb_nlines;

/* The key path names (exact, or through a template), or NULL. */
const struct keydb_key	*keydb_lookup(const char *path);
/* The same, for a path whose key_hash() the caller has at hand. */
const struct keydb_key	*keydb_lookup_hashed(const char *path,
			    uint32_t hash);
/* A key removed before the oldest known line, or NULL. */
const struct keydb_gone	*keydb_gone(const char *path);
/* The range of key that covers line, or NULL if line lacks the key. */
const struct keydb_range *keydb_range(const struct keydb_key *, size_t line);
/*
 * True if some line's handler of k keeps a value as written, or much of
 * it: a string without a fixed set of words (or only a fixed first
 * word), or a handler of its own.  Numbers, bitmaps and words from a
 * set are parsed, and the kernel refuses text that is not one.
 */
bool			 keydb_keeps_text(const struct keydb_key *);
/* True if the glob pattern (path form) matches some known key. */
bool			 keydb_glob_matches(const char *pattern);
/* The i-th key whose write sets another to 0 (clears), or NULL. */
const struct keydb_key	*keydb_clearing(size_t i);
/* The known key nearest to path by edit distance, or NULL if none is near. */
const struct keydb_key	*keydb_suggest(const char *path);
/*
 * Index of the newest known line at or below version "X.Y[.Z]", which
 * may go on with a suffix of uname -r ("-26-amd64"); the oldest line if
 * version is older.  -1 if version does not parse: numbers are digits
 * only (no sign, no blank) and below 100000.
 */
int			 keydb_line_for(const char *version);
/*
 * -1 if version is older than the oldest known line, 1 if its X.Y is
 * newer than the newest, else 0 (also when it does not parse).
 */
int			 keydb_version_outside(const char *version);
/* Number of keys, and the i-th (in path order), for tests and tools. */
size_t			 keydb_count(void);
const struct keydb_key	*keydb_at(size_t);

#endif
