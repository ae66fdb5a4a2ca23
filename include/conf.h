/*
 * conf.h: the sysctl.conf / sysctl.d line syntax, read exactly as
 * procps-ng 4 (sysctl -p, --system) and systemd-sysctl read it, into
 * entries that point into their source.
 *
 * Parsing reports every finding the syntax alone shows (through the
 * findings sink) and keeps going: no line is dropped without one.
 *
 * Ownership: a conf owns its entries and their path/dotted strings (in
 * its arena); spans point into the source, which must outlive the conf.
 */
#ifndef SYSCTL_LINT_CONF_H
#define SYSCTL_LINT_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"

struct arena;
struct findings;
struct key_spelling;

/* systemd-sysctl reads lines up to LONG_LINE_MAX (1 MiB) long. */
#define CONF_MAX_LINE	((size_t)1 << 20)
/* procps documents 4096 bytes; the kernel parses one page less one. */
#define CONF_MAX_VALUE	4095
/*
 * Settings read from one sysctl.d file, and from one snapshot; a file
 * past them is generated or corrupt, and would cost memory in
 * proportion.  A host with thousands of interfaces lists ~10^5 keys.
 */
#define CONF_MAX_ENTRIES	100000
#define CONF_MAX_SNAPSHOT	1000000

enum conf_kind {
	CONF_ASSIGN,	/* key = value, or -key = value */
	CONF_EXCLUDE	/* -key: keep a glob from setting key */
};

struct conf_entry {
	enum conf_kind	 kind;
	struct span	 line;		/* the line without outer blanks */
	struct span	 key;		/* as written, without the '-' */
	/*
	 * The key is the name of the entry's file, not a part of its text
	 * (a /proc/sys copy): key is then empty, at the file's start.
	 */
	bool		 key_is_file;
	struct span	 value;		/* without outer blanks */
	bool		 ignore_failure;	/* '-' prefix */
	bool		 glob;
	char		*path;		/* /proc/sys path the key names */
	char		*dotted;	/* the same, as sysctl -a spells it */
	uint32_t	 hash;		/* key_hash(path) */
	bool		 printable;	/* key is printable ASCII, no blank */
};

/*
 * "# sysctl-lint: disable=ID[,ID] [-- reason]" before an assignment, or
 * "# sysctl-lint: disable-file=ID[,ID]" anywhere in the file.
 */
struct conf_directive {
	struct span	 span;		/* the comment */
	struct span	 ids;		/* the list, without the reason */
	bool		 whole_file;
	struct span	 target;	/* the next assignment's line */
};

struct conf {
	const struct source	*src;
	struct conf_entry	*entries;
	size_t			 n;
	size_t			 cap;
	struct conf_directive	*dirs;
	size_t			 ndirs;
	size_t			 capdirs;
	struct arena		*strings;	/* the entries' spellings */
};

/*
 * Whose line ends to read by: a lone CR or a NUL ends a line for
 * systemd-sysctl, not for procps.  Both: the systemd reading, which
 * holds every assignment either loader applies, with findings where
 * the procps reading differs.
 */
enum conf_reader {
	CONF_READ_BOTH,
	CONF_READ_SYSTEMD,
	CONF_READ_PROCPS
};

/* Parses src as both loaders read it (a file outside an image). */
struct conf	*conf_parse(const struct source *, struct findings *);
struct conf	*conf_parse_as(const struct source *, enum conf_reader,
		    struct findings *);
/* An empty conf of src, for a reader of another syntax (snapshots). */
struct conf	*conf_new(const struct source *);
/* What conf_add() checks of a value besides its characters and length. */
#define CONF_CHECK_QUOTES	0x01	/* quotes reach the kernel */
#define CONF_CHECK_COMMENTS	0x02	/* a '#' after a blank does too */

/*
 * Adds an assignment another syntax read (tuned, YAML): its line, key
 * and value are spans of the conf's source, the text the loader writes.
 * The key's spelling and the value's characters are judged as in a
 * sysctl.d line; an empty key or value is reported at empty.
 */
struct conf_entry *conf_add(struct conf *, struct span line, struct span key,
		    struct span value, struct findings *, struct span empty,
		    unsigned checks);
/*
 * Gives ent the key key[0, len): its path, dotted spelling and hash,
 * kept by the conf.  What else the reading found is left in ks.
 */
void		 conf_set_key(struct conf *, struct conf_entry *,
		    const char *key, size_t len, struct key_spelling *ks);
void		 conf_free(struct conf *);

#endif
