/*
 * snapshot.h: what a running kernel reported, as `sysctl -a` output, as
 * /proc/sys itself or as a copy of it, read into a unit of assignments
 * that the passes judge as a file's: key checks, the data rules when the
 * snapshot is the whole input, drift against a configuration.
 *
 * `sysctl -a` prints "key = value" lines; vectors keep their TABs, a
 * value may be empty, a multi-line value repeats its key, interface
 * names with dots appear with '/' inside the dotted key, and errors
 * ("sysctl: permission denied on key ...") may be mixed in.  Nothing in
 * a real snapshot is an error: the kernel accepted every value in it.
 *
 * Ownership: the returned unit is freed with unit_free().
 */
#ifndef SYSCTL_LINT_SNAPSHOT_H
#define SYSCTL_LINT_SNAPSHOT_H

struct conf;
struct errlist;
struct findings;
struct source;
struct unit;

/*
 * Parses sysctl -a text held in src into entries, one per key (the
 * later lines of a multi-line value continue it); lines that are not
 * "key = value" become notes.  The conf points into src.
 */
struct conf	*snapshot_parse(const struct source *, struct findings *);
/*
 * Reads a sysctl -a file, or /proc/sys or a copy (a directory) as
 * sysctl -a reads it: a file it cannot read is a note, not an entry.
 */
struct unit	*snapshot_load(const char *path, struct findings *,
		    struct errlist *);
/*
 * The kernel line (index into keydb_lines) the snapshot's
 * kernel.osrelease names, or -1.
 */
int		 snapshot_kernel_line(const struct unit *);

#endif
