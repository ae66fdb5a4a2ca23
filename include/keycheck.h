/*
 * keycheck.h: judges assignments against the key database: unknown,
 * removed and version-dependent keys, read-only and module keys, and
 * values of the wrong type, count or range for the target kernel.
 *
 * Ownership: nothing is kept; findings go to the sink.
 */
#ifndef SYSCTL_LINT_KEYCHECK_H
#define SYSCTL_LINT_KEYCHECK_H

struct conf_entry;
struct findings;
struct source;

/*
 * Checks one entry.  line is the target kernel line (an index into
 * keydb_lines), or -1 when none is known: then version-dependent
 * findings say for which lines they hold.  For a snapshot (values a
 * kernel reported) only the key's existence is judged.
 */
void	keycheck_entry(struct findings *, const struct source *,
	    const struct conf_entry *, int line, int snapshot);

#endif
