/*
 * emit_text.c: gcc-style diagnostics for people.
 *
 *	path:line:col: severity: message [ID]
 *	    3 | the source line
 *	      |     ^~~~
 *
 * followed by related places as "note:" lines and a summary.  Long
 * lines are shown as a window around the span, so a 1 MiB line prints
 * as one screen line.
 */
#include <stdint.h>
#include <string.h>

#include "emit.h"
#include "errlist.h"
#include "finding.h"
#include "utf8.h"
#include "util.h"

/* Characters of context shown before a span, and at most in all. */
#define CONTEXT_BEFORE	40
#define WINDOW		120

#define C_RESET		"\033[0m"
#define C_BOLD		"\033[1m"
#define C_CARET		"\033[1;32m"

#define SEV_COLOR_(e, word, gh, sarif, problem, gitlab, color)	color,
static const char *const sev_color[] = { SEVERITIES(SEV_COLOR_) };
#undef SEV_COLOR_

static void
put_color(const struct emit_ctx *ctx, const char *code)
{
	if (ctx->color)
		fputs(code, ctx->out);
}

/* Moves i back by up to n characters, not before floor. */
static uint32_t
back_chars(const char *d, uint32_t i, uint32_t floor, size_t n)
{
	while (i > floor && n > 0) {
		i--;
		while (i > floor && ((unsigned char)d[i] & 0xC0) == 0x80)
			i--;
		n--;
	}
	return i;
}

static uint32_t
fwd_chars(const char *d, uint32_t i, uint32_t limit, size_t n)
{
	while (i < limit && n > 0) {
		i++;
		while (i < limit && ((unsigned char)d[i] & 0xC0) == 0x80)
			i++;
		n--;
	}
	return i;
}

/*
 * The character at d[s] as an excerpt shows it: unsafe characters and
 * invalid UTF-8 as '?', one column each.  Returns its length in bytes.
 */
static size_t
shown_char(const char *d, uint32_t s, uint32_t e, uint32_t *cp)
{
	size_t	len = utf8_decode(d + s, e - s, cp);

	if (len == 0 || (*cp != '\t' && utf8_is_unsafe(*cp)))
		*cp = '?';
	return len == 0 ? 1 : len;
}

/* Columns the character shown takes; a TAB counts one. */
static int
shown_width(uint32_t cp)
{
	return cp == '\t' ? 1 : utf8_width(cp);
}

/*
 * Writes data[s, e) for the terminal, as shown_char() shows it, so that
 * the caret lines up.  With pad set, writes instead the blanks that line
 * up with it (TABs kept) and returns the width written.
 */
static size_t
put_segment(FILE *out, const char *d, uint32_t s, uint32_t e, int pad)
{
	uint32_t	cp;
	size_t		len, width = 0;
	int		w;

	while (s < e) {
		len = shown_char(d, s, e, &cp);
		w = shown_width(cp);
		if (pad)
			fputs(cp == '\t' ? "\t" : w == 2 ? "  " :
			    w == 1 ? " " : "", out);
		else if (cp == '?' || cp < 0x80)
			fputc((int)cp, out);
		else
			fwrite(d + s, 1, len, out);
		width += (size_t)w;
		s += (uint32_t)len;
	}
	return width;
}

static void
put_excerpt(const struct emit_ctx *ctx, const struct source *src,
    struct span sp, size_t line)
{
	FILE		*out = ctx->out;
	const char	*d = src->data;
	uint32_t	 ls, le, ws, we, cs, ce;
	size_t		 width, i;
	int		 gutter;
	char		 num[24];

	source_line(src, line, &ls, &le);
	if (ls >= src->len && sp.len == 0)
		return;
	ws = back_chars(d, sp.off, ls, CONTEXT_BEFORE);
	we = fwd_chars(d, ws, le, WINDOW);
	cs = sp.off < we ? sp.off : we;
	ce = sp.off + sp.len < we ? sp.off + sp.len : we;
	gutter = snprintf(num, sizeof(num), "%zu", line);
	fprintf(out, " %*s | ", gutter + 3, num);
	if (ws > ls)
		fputs("...", out);
	put_segment(out, d, ws, we, 0);
	if (we < le)
		fputs("...", out);
	fprintf(out, "\n %*s | ", gutter + 3, "");
	if (ws > ls)
		fputs("   ", out);
	put_segment(out, d, ws, cs, 1);
	put_color(ctx, C_CARET);
	fputc('^', out);
	width = 0;
	for (i = cs; i < ce; ) {
		uint32_t	cp;

		i += shown_char(d, (uint32_t)i, ce, &cp);
		width += (size_t)shown_width(cp);
	}
	for (i = 1; i < width; i++)
		fputc('~', out);
	put_color(ctx, C_RESET);
	fputc('\n', out);
}

static void
put_location(const struct emit_ctx *ctx, const struct source *src,
    struct span sp, size_t *line)
{
	size_t	col;

	source_locate(src, sp.off, line, &col);
	put_color(ctx, C_BOLD);
	utf8_puts_escaped(ctx->out, src->path, UTF8_LINE_START);
	fprintf(ctx->out, ":%zu:%zu:", *line, col);
	put_color(ctx, C_RESET);
}

static void
put_finding(const struct emit_ctx *ctx, const struct finding *f)
{
	FILE	*out = ctx->out;
	size_t	 line, i;

	put_location(ctx, f->src, f->span, &line);
	fputc(' ', out);
	put_color(ctx, sev_color[f->severity]);
	fprintf(out, "%s:", severity_name(f->severity));
	put_color(ctx, C_RESET);
	fputc(' ', out);
	utf8_puts_escaped(out, f->message, 0);
	fprintf(out, " [%s]\n", f->rule->id);
	put_excerpt(ctx, f->src, f->span, line);
	if (f->fix != NULL) {
		fputs(f->fix->safe ? "      = fix: " : "      = unsafe fix: ",
		    out);
		utf8_puts_escaped(out, f->fix->description, 0);
		fputc('\n', out);
	}
	for (i = 0; i < f->nrelated; i++) {
		const struct related *r = &f->related[i];

		put_location(ctx, r->src, r->span, &line);
		put_color(ctx, sev_color[SEV_NOTE]);
		fprintf(out, " %s:", severity_name(SEV_NOTE));
		put_color(ctx, C_RESET);
		fputc(' ', out);
		utf8_puts_escaped(out, r->message, 0);
		fputc('\n', out);
		put_excerpt(ctx, r->src, r->span, line);
	}
}

static void
put_count(FILE *out, size_t n, const char *what, int *first)
{
	if (n == 0)
		return;
	fprintf(out, "%s%zu %s%s", *first == 1 ? "" : *first == 2 ? "; " :
	    ", ", n, what, n == 1 ? "" : "s");
	*first = 0;
}

void
emit_text(const struct emit_ctx *ctx)
{
	size_t	i, n = findings_count(ctx->fs);
	int	first = 1, s;

	for (i = 0; i < n; i++)
		put_finding(ctx, findings_at(ctx->fs, i));
	if (ctx->quiet)
		return;
	/*
	 * After a tool error "no findings" would read as a clean run: the
	 * line says first that the run is incomplete (stderr says why).
	 */
	if (ctx->errs != NULL && ctx->errs->n > 0) {
		fprintf(ctx->out, "%zu tool error%s (the run is incomplete)",
		    ctx->errs->n, ctx->errs->n == 1 ? "" : "s");
		first = 2;
	}
	/* Highest first: "2 errors, 1 note". */
	for (s = SEV_COUNT - 1; s >= 0; s--)
		put_count(ctx->out, findings_tally(ctx->fs, (enum severity)s),
		    severity_name((enum severity)s), &first);
	fprintf(ctx->out, "%s in %zu file%s (%zu unit%s)%s%s",
	    first == 1 ? "no findings" : "", ctx->files,
	    ctx->files == 1 ? "" : "s", ctx->units, ctx->units == 1 ? "" : "s",
	    ctx->kernel != NULL ? ", kernel " : "",
	    ctx->kernel != NULL ? ctx->kernel : "");
	/* A clean line after a baseline is not a clean tree: say so. */
	if (ctx->baselined > 0)
		fprintf(ctx->out, "; %zu hidden by the baseline",
		    ctx->baselined);
	if (ctx->fixing)
		fprintf(ctx->out, "; %zu fix%s applied to %zu file%s",
		    ctx->fixes, ctx->fixes == 1 ? "" : "es", ctx->fixed_files,
		    ctx->fixed_files == 1 ? "" : "s");
	fputc('\n', ctx->out);
}
