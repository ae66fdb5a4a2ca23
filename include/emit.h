/*
 * emit.h: report writers, one row of the emitter table per --format.
 *
 * An emitter reads the sorted findings and writes a whole report to
 * ctx->out; line and column numbers are computed here, from spans.
 * Emitters own nothing.
 */
#ifndef SYSCTL_LINT_EMIT_H
#define SYSCTL_LINT_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct errlist;
struct findings;

struct emit_ctx {
	FILE			*out;
	const struct findings	*fs;
	const struct errlist	*errs;		/* tool errors, or NULL */
	const char		*kernel;	/* target line, or NULL */
	size_t			 units;
	size_t			 files;
	size_t			 baselined;	/* findings a baseline hid */
	bool			 color;		/* text only */
	bool			 quiet;		/* text: no summary line */
	/* Text: the run reports what a --fix left, after these fixes. */
	bool			 fixing;
	size_t			 fixes;
	size_t			 fixed_files;
};

struct emitter {
	const char	*name;
	void		(*emit)(const struct emit_ctx *);
};

/* The emitter named name, in any case, or NULL. */
const struct emitter	*emit_lookup(const char *name);
/* The format name nearest to the len bytes at name, or NULL. */
const char		*emit_suggest(const char *name, size_t len);
/* The rows of the table, in order (for running every emitter). */
size_t			 emit_count(void);
const struct emitter	*emit_at(size_t);
/*
 * The i-th format name, or NULL past the last: for --help, completions
 * and messages (words_join()).  The first row is the default format.
 */
const char		*emit_word(size_t);

void	emit_text(const struct emit_ctx *);
void	emit_json(const struct emit_ctx *);
void	emit_sarif(const struct emit_ctx *);
void	emit_github(const struct emit_ctx *);
void	emit_gitlab(const struct emit_ctx *);

#endif
