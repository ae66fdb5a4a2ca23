/*
 * outfile.h: reports and baselines written whole or not at all.
 *
 * The text goes to a temporary made beside the target (mkstemp, same
 * directory, so same file system), is flushed and synced, and renamed
 * over the target only when every write succeeded.  On any failure the
 * temporary is removed and the target stays as it was.  A symbolic link
 * at the target is replaced by the file, not written through.  A device
 * or FIFO at the target (-o sarif:/dev/stdout) is written to directly.
 *
 * Ownership: an outfile owns its stream and names until
 * outfile_commit() or outfile_discard(), which free it.
 */
#ifndef SYSCTL_LINT_OUTFILE_H
#define SYSCTL_LINT_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

struct outfile;

/* A file to be written at path; NULL and *err (caller frees) if not. */
struct outfile	*outfile_open(const char *path, char **err);
/* The stream to write to; its errors are checked by outfile_commit(). */
FILE		*outfile_stream(const struct outfile *);
/*
 * Puts the file in place of the target.  False and *err (caller frees,
 * naming the target) if a write, the sync or the rename failed.
 */
bool		 outfile_commit(struct outfile *, char **err);
/* Drops the file, leaving the target as it was. */
void		 outfile_discard(struct outfile *);
/*
 * Replaces the regular file at path, which must still be the file was
 * describes (device, inode) and hold the oldlen bytes of old, with the
 * len bytes of data: written whole or not at all, as reports are, then
 * the directory synced.  The new file keeps the old one's mode, owner
 * and group.  Refused, with *err (caller frees, naming path): a link, a
 * directory or anything but a regular file at path; a file without
 * write permission (to root too: its mode says it is not to be
 * edited), or with more than one name, which a rename would split.
 */
bool		 outfile_replace(const char *path, const struct stat *was,
		    const char *old, size_t oldlen, const char *data,
		    size_t len, char **err);
/*
 * False and *err (caller frees, naming path) when path is one of the n
 * files, or a name of one (st_dev and st_ino; NULL and "-" are skipped).
 */
bool		 outfile_distinct(const char *path, const char *const *files,
		    size_t n, char **err);

#endif
