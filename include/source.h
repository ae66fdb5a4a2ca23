/*
 * source.h: one input read whole into memory, with its line table.
 *
 * Every token elsewhere is a struct span, a byte range into a source's
 * data.  Line and column numbers are derived from the line table only
 * when a finding is reported: lines and columns are 1-based, and a
 * column counts characters (UTF-8 lead bytes), not bytes.
 *
 * Ownership: a source owns its path and data.  Spans, findings and
 * parsed entries point into it, so it must outlive them all.
 */
#ifndef SYSCTL_LINT_SOURCE_H
#define SYSCTL_LINT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* Largest input read; past it the input is a tool error. */
#define SOURCE_MAX_SIZE	((size_t)64 << 20)

struct span {
	uint32_t	off;
	uint32_t	len;
};

/* The span of bytes [s, e). */
static inline struct span
span_between(uint32_t s, uint32_t e)
{
	struct span	sp = { s, e - s };

	return sp;
}

struct source {
	char		*path;		/* as shown in reports */
	/*
	 * The file as the working directory's tree holds it, for reports
	 * that a code host places on a checkout: its real path, links
	 * resolved (a host shows a link's content at its target), relative
	 * to the working directory; NULL when it lies outside, is no file
	 * (standard input, memory) or cannot be told.
	 */
	char		*checkout;
	char		*data;		/* len bytes plus a NUL */
	size_t		 len;
	uint32_t	*lines;		/* offset of each line start */
	size_t		 nlines;
	/*
	 * Holders besides the first: the units of a file that holds
	 * several configurations (pods, services) share it.
	 */
	unsigned	 extra_refs;
};

/*
 * Reads the file at fspath, shown in reports as display.  A FIFO or
 * device given by name is read (process substitution hands over pipes);
 * reading never blocks waiting for a writer to appear.  On failure
 * returns NULL and sets *err to a message the caller frees.
 */
struct source	*source_load(const char *fspath, const char *display,
		    char **err);
/*
 * Sets src->checkout from fd, open on the file src was read from (a
 * file of an image, read through its root).
 */
void		 source_set_checkout(struct source *, int fd);
/* src->checkout, or else src->path. */
const char	*source_checkout_path(const struct source *);
/* Reads all of an open descriptor (stdin); same contract as above. */
struct source	*source_load_fd(int fd, const char *display, char **err);
/* Copies len bytes of data into a new source. */
struct source	*source_from_mem(const char *display, const char *data,
		    size_t len);
/* One more holder of src; each calls source_free() once. */
struct source	*source_ref(struct source *);
/* Drops a holder; the last one frees the source. */
void		 source_free(struct source *);

/* Converts a byte offset to a 1-based line and character column. */
void		 source_locate(const struct source *, uint32_t off,
		    size_t *line, size_t *col);
/* The bytes of line (1-based) without its '\n'. */
void		 source_line(const struct source *, size_t line,
		    uint32_t *start, uint32_t *end);
/* Number of characters (UTF-8 lead bytes) in data[from, to). */
size_t		 source_chars(const char *data, uint32_t from, uint32_t to);

#endif
