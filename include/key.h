/*
 * key.h: sysctl key spelling, as procps and systemd-sysctl read it.
 *
 * A key may use '.' or '/' between its parts.  When the first separator
 * is '.', the two are swapped, so that "net.ipv4.conf.eth0/100.forwarding"
 * names /proc/sys/net/ipv4/conf/eth0.100/forwarding (sysctl.d(5)).  The
 * linter keys everything on that /proc/sys path and reports keys in the
 * dotted form sysctl -a prints.
 *
 * Ownership: functions returning char * return a new string the caller
 * frees.
 */
#ifndef SYSCTL_LINT_KEY_H
#define SYSCTL_LINT_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEY_FNV_OFFSET	2166136261u
#define KEY_FNV_PRIME	16777619u

/*
 * The path under /proc/sys that key names, with repeated and outer
 * separators dropped as systemd's path_simplify() drops them.
 */
char	*key_to_path(const char *key, size_t len);
/* The dotted spelling of a /proc/sys path ("a/b.c/d" -> "a.b/c.d"). */
char	*key_path_to_dotted(const char *path);
/* True if the key holds a glob(7) metacharacter: '*', '?' or '['. */
bool	 key_is_glob(const char *key, size_t len);

/*
 * FNV-1a of a path, the hash every key index uses (keyset, and the
 * table tools/keydb-gen.c builds, hence inline here).
 */
static inline uint32_t
key_hash(const char *path)
{
	uint32_t	h = KEY_FNV_OFFSET;

	while (*path != '\0')
		h = (h ^ (unsigned char)*path++) * KEY_FNV_PRIME;
	return h;
}

/* What one reading of a key as written gives. */
struct key_spelling {
	char		*path;		/* as key_to_path(), in the buffer */
	char		*dotted;	/* in the buffer too */
	uint32_t	 hash;		/* key_hash(path) */
	/*
	 * The first separator that repeats its predecessor, or begins or
	 * ends the key; len if none.
	 */
	size_t		 stray;
	size_t		 blank;		/* first ' ' or TAB, or len */
	bool		 glob;		/* as key_is_glob() */
	bool		 printable;	/* printable ASCII without blanks */
};

/* The buffer key_read() needs for a key of len bytes. */
#define KEY_READ_SIZE(len)	(2 * ((len) + 1))

/*
 * Everything the parsers need of a key, in one pass: a run reads many
 * keys.  Both spellings are written into buf, of KEY_READ_SIZE(len)
 * bytes, which the caller owns.
 */
void	 key_read(const char *key, size_t len, char *buf,
	    struct key_spelling *);

#endif
