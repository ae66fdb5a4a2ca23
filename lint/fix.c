/*
 * fix.c: rounds of fixes applied to a text, and its unified diff.
 *
 * The text is kept as the original, the current text, and the blocks
 * where the two differ: original bytes [o0, o1) became current bytes
 * [n0, n1).  Outside the blocks both hold the same bytes, in the same
 * order, so a round of edits only merges the blocks it touches, and the
 * diff is the blocks widened to whole lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "finding.h"
#include "fix.h"
#include "util.h"

struct block {
	size_t	o0, o1;		/* in the original */
	size_t	n0, n1;		/* in the current text */
};

struct fix_text {
	char		*orig;
	size_t		 olen;
	char		*cur;
	size_t		 len;
	struct block	*b;		/* in order, disjoint */
	size_t		 nb;
};

/* One replacement of a round, in the current text's offsets. */
struct edit {
	size_t		 off;
	size_t		 len;
	char		*repl;
	size_t		 rlen;
};

struct fix_text *
fix_text_new(const char *data, size_t len)
{
	struct fix_text	*t = xcalloc(1, sizeof(*t));

	t->orig = xmalloc(len + 1);
	memcpy(t->orig, data, len);
	t->orig[len] = '\0';
	t->olen = len;
	t->cur = xmalloc(len + 1);
	memcpy(t->cur, data, len);
	t->cur[len] = '\0';
	t->len = len;
	return t;
}

void
fix_text_free(struct fix_text *t)
{
	if (t == NULL)
		return;
	free(t->orig);
	free(t->cur);
	free(t->b);
	free(t);
}

const char *
fix_text_data(const struct fix_text *t, size_t *len)
{
	*len = t->len;
	return t->cur;
}

const char *
fix_text_original(const struct fix_text *t, size_t *len)
{
	*len = t->olen;
	return t->orig;
}

bool
fix_text_changed(const struct fix_text *t)
{
	return t->nb > 0;
}

static void
push_block(struct block **v, size_t *n, size_t *cap, const struct block *b)
{
	void	*p = *v;

	xgrow(&p, cap, *n + 1, sizeof(**v));
	*v = p;
	(*v)[(*n)++] = *b;
}

/*
 * Applies edits (in order, disjoint) to the current text.  Each run of
 * edits and old blocks that overlap or touch becomes one block, whose
 * original range the unchanged text around it tells: before a block,
 * an offset of the current text maps back by the last block's shift.
 */
static void
apply_edits(struct fix_text *t, const struct edit *e, size_t n)
{
	struct buf	 out = BUF_INIT;
	struct block	*nb = NULL, blk;
	size_t		 nnb = 0, cap = 0, i = 0, j = 0, pos = 0, k;
	size_t		 last_o1 = 0, last_n1 = 0, c0, c1, first, p;

	while (i < n || j < t->nb) {
		c0 = i < n ? e[i].off : SIZE_MAX;
		if (j < t->nb && t->b[j].n0 < c0)
			c0 = t->b[j].n0;
		blk.o0 = c0 - last_n1 + last_o1;
		c1 = c0;
		first = i;
		for (;;) {
			if (i < n && e[i].off <= c1) {
				if (e[i].off + e[i].len > c1)
					c1 = e[i].off + e[i].len;
				i++;
			} else if (j < t->nb && t->b[j].n0 <= c1) {
				if (t->b[j].n1 > c1)
					c1 = t->b[j].n1;
				last_o1 = t->b[j].o1;
				last_n1 = t->b[j].n1;
				j++;
			} else
				break;
		}
		blk.o1 = c1 - last_n1 + last_o1;
		buf_add(&out, t->cur + pos, c0 - pos);
		blk.n0 = out.len;
		for (p = c0, k = first; k < i; k++) {
			buf_add(&out, t->cur + p, e[k].off - p);
			buf_add(&out, e[k].repl, e[k].rlen);
			p = e[k].off + e[k].len;
		}
		buf_add(&out, t->cur + p, c1 - p);
		blk.n1 = out.len;
		pos = c1;
		/* A block that undoes itself is no change. */
		if (blk.o1 - blk.o0 == blk.n1 - blk.n0 && memcmp(t->orig +
		    blk.o0, out.data == NULL ? "" : out.data + blk.n0,
		    blk.n1 - blk.n0) == 0)
			continue;
		push_block(&nb, &nnb, &cap, &blk);
	}
	buf_add(&out, t->cur + pos, t->len - pos);
	free(t->cur);
	free(t->b);
	t->len = out.len;
	t->cur = out.data != NULL ? buf_detach(&out) : xstrdup("");
	t->b = nb;
	t->nb = nnb;
}

/*
 * Whether the line at off ends with CRLF: the line's own ending, or
 * for a last line without one, the line's before it.
 */
static bool
crlf_at(const char *d, size_t len, size_t off)
{
	const char	*nl = memchr(d + off, '\n', len - off);
	size_t		 i;

	if (nl != NULL)
		return nl > d && nl[-1] == '\r';
	for (i = off; i > 0; i--)
		if (d[i - 1] == '\n')
			return i >= 2 && d[i - 2] == '\r';
	return false;
}

static void
set_repl(struct edit *ed, const char *r, bool crlf)
{
	struct buf	b = BUF_INIT;
	size_t		i, n = strlen(r);

	for (i = 0; i < n; i++) {
		if (crlf && r[i] == '\n' && (i == 0 || r[i - 1] != '\r'))
			buf_putc(&b, '\r');
		buf_putc(&b, r[i]);
	}
	ed->rlen = b.len;
	ed->repl = b.data != NULL ? buf_detach(&b) : xstrdup("");
}

static int
finding_order(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	int	c;

	if (x->fix->span.off != y->fix->span.off)
		return x->fix->span.off < y->fix->span.off ? -1 : 1;
	if (x->fix->span.len != y->fix->span.len)
		return x->fix->span.len > y->fix->span.len ? -1 : 1;
	if ((c = strcmp(x->rule->id, y->rule->id)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static bool
ends_line(const char *d, size_t len)
{
	return len > 0 && d[len - 1] == '\n';
}

/*
 * A round that deleted the last line of a text without a final line
 * break leaves the line break before it: it goes too, and a text that
 * ended with one keeps it.
 */
static void
keep_final_break(struct fix_text *t, bool had, bool had_crlf)
{
	struct edit	ed;
	bool		has = ends_line(t->cur, t->len);

	if (t->len == 0 || has == had)
		return;
	memset(&ed, 0, sizeof(ed));
	if (had) {
		ed.off = t->len;
		set_repl(&ed, "\n", had_crlf);
	} else {
		ed.len = t->len >= 2 && t->cur[t->len - 2] == '\r' ? 2 : 1;
		ed.off = t->len - ed.len;
		ed.repl = xstrdup("");
	}
	apply_edits(t, &ed, 1);
	free(ed.repl);
}

size_t
fix_text_apply(struct fix_text *t, const struct finding *const *fs, size_t n)
{
	const struct finding	**v;
	struct edit		 *ed;
	size_t			  i, m = 0, end = 0, zero_at = SIZE_MAX;
	bool			  had, had_crlf;

	if (n == 0)
		return 0;
	v = xcalloc(n, sizeof(*v));
	memcpy(v, fs, n * sizeof(*v));
	qsort(v, n, sizeof(*v), finding_order);
	ed = xcalloc(n, sizeof(*ed));
	for (i = 0; i < n; i++) {
		const struct fix *f = v[i]->fix;
		size_t	off = f->span.off, len = f->span.len;

		if (off > t->len || len > t->len - off || off < end ||
		    (len == 0 && off == zero_at))
			continue;
		ed[m].off = off;
		ed[m].len = len;
		set_repl(&ed[m], f->replacement, strchr(f->replacement,
		    '\n') != NULL && crlf_at(t->cur, t->len, off));
		m++;
		end = off + len;
		zero_at = len == 0 ? off : SIZE_MAX;
	}
	had = ends_line(t->cur, t->len);
	had_crlf = had && t->len >= 2 && t->cur[t->len - 2] == '\r';
	if (m > 0) {
		apply_edits(t, ed, m);
		keep_final_break(t, had, had_crlf);
	}
	for (i = 0; i < m; i++)
		free(ed[i].repl);
	free(ed);
	free(v);
	return m;
}

/* Unified diff output. */

/* A change of whole lines: original [ol0, ol1), current [nl0, nl1). */
struct change {
	size_t	ol0, ol1;
	size_t	nl0, nl1;
};

/* The start of each line; a last line may lack its line break. */
static size_t *
line_starts(const char *d, size_t len, size_t *n)
{
	size_t	*v = NULL, cap = 0, i;
	void	*p;

	*n = 0;
	for (i = 0; i < len; i++)
		if (i == 0 || d[i - 1] == '\n') {
			p = v;
			xgrow(&p, &cap, *n + 1, sizeof(*v));
			v = p;
			v[(*n)++] = i;
		}
	return v;
}

/* The index of the line starting at off, or n when off is the end. */
static size_t
line_index(const size_t *starts, size_t n, size_t off)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (starts[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
at_line_end(const char *d, size_t len, size_t off)
{
	return off == 0 || off == len || d[off - 1] == '\n';
}

/*
 * Widens the blocks to whole lines: the bytes before a block, back to
 * its line's start, and after it, up to a line end both texts reach,
 * are the same in both; blocks whose lines meet become one change.
 */
/* Adds a change; one right after the last joins it, as diff shows them. */
static void
add_change(struct change *v, size_t *n, const size_t *os, size_t onl,
    const size_t *ns, size_t nnl, const size_t at[4])
{
	struct change	c;

	c.ol0 = line_index(os, onl, at[0]);
	c.ol1 = line_index(os, onl, at[1]);
	c.nl0 = line_index(ns, nnl, at[2]);
	c.nl1 = line_index(ns, nnl, at[3]);
	if (*n > 0 && v[*n - 1].ol1 == c.ol0) {
		v[*n - 1].ol1 = c.ol1;
		v[*n - 1].nl1 = c.nl1;
	} else
		v[(*n)++] = c;
}

static struct change *
changes_of(const struct fix_text *t, const size_t *os, size_t onl,
    const size_t *ns, size_t nnl, size_t *nch)
{
	struct change	*v = xcalloc(t->nb + 1, sizeof(*v));
	size_t		 i, at[4] = { 0, 0, 0, 0 }, s, k;
	size_t		*o0 = &at[0], *o1 = &at[1], *n0 = &at[2], *n1 = &at[3];
	bool		 open = false;

	*nch = 0;
	for (i = 0; i <= t->nb; i++) {
		if (i < t->nb) {
			const struct block *b = &t->b[i];

			for (s = b->o0; s > 0 && t->orig[s - 1] != '\n'; s--)
				continue;
			if (open && s < *o1) {
				*o1 = b->o1;
				*n1 = b->n1;
			} else {
				if (open)
					add_change(v, nch, os, onl, ns, nnl, at);
				*o0 = s;
				*n0 = b->n0 - (b->o0 - s);
				*o1 = b->o1;
				*n1 = b->n1;
				open = true;
			}
			if (!at_line_end(t->orig, t->olen, *o1) ||
			    !at_line_end(t->cur, t->len, *n1)) {
				for (k = *o1; k < t->olen &&
				    t->orig[k] != '\n'; k++)
					continue;
				k = k < t->olen ? k + 1 : k;
				*n1 += k - *o1;
				*o1 = k;
			}
		} else if (open)
			add_change(v, nch, os, onl, ns, nnl, at);
	}
	return v;
}

static void
put_lines(FILE *out, char mark, const char *d, size_t len,
    const size_t *starts, size_t n, size_t from, size_t to)
{
	size_t	i, s, e;

	for (i = from; i < to; i++) {
		s = starts[i];
		e = i + 1 < n ? starts[i + 1] : len;
		fputc(mark, out);
		fwrite(d + s, 1, e - s, out);
		if (e == s || d[e - 1] != '\n')
			fputs("\n\\ No newline at end of file\n", out);
	}
}

/* "-A,B": a range of count lines from first (0-based), as diff writes it. */
static void
put_range(FILE *out, char sign, size_t first, size_t count)
{
	if (count == 1)
		fprintf(out, "%c%zu", sign, first + 1);
	else
		fprintf(out, "%c%zu,%zu", sign, count == 0 ? first : first + 1,
		    count);
}

static void
put_name(FILE *out, const char *mark, const char *prefix, const char *path)
{
	const unsigned char	*p;
	bool			 quote = false;

	while (path[0] == '/' || (path[0] == '.' && path[1] == '/'))
		path += path[0] == '/' ? 1 : 2;
	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '\\')
			quote = true;
	if (!quote) {
		fprintf(out, "%s %s%s%s\n", mark, prefix, path,
		    strchr(path, ' ') != NULL ? "\t" : "");
		return;
	}
	fprintf(out, "%s \"%s", mark, prefix);
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		switch (*p) {
		case '\a': fputs("\\a", out); break;
		case '\b': fputs("\\b", out); break;
		case '\t': fputs("\\t", out); break;
		case '\n': fputs("\\n", out); break;
		case '\v': fputs("\\v", out); break;
		case '\f': fputs("\\f", out); break;
		case '\r': fputs("\\r", out); break;
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		default:
			if (*p < 0x20 || *p >= 0x7F)
				fprintf(out, "\\%03o", (unsigned)*p);
			else
				fputc(*p, out);
		}
	}
	fputs("\"\n", out);
}

void
fix_text_diff(const struct fix_text *t, const char *path, FILE *out)
{
	size_t		*os, *ns, onl, nnl, nch, i, j, from, to, before, after;
	struct change	*ch;

	if (t->nb == 0)
		return;
	os = line_starts(t->orig, t->olen, &onl);
	ns = line_starts(t->cur, t->len, &nnl);
	ch = changes_of(t, os, onl, ns, nnl, &nch);
	put_name(out, "---", "a/", path);
	put_name(out, "+++", "b/", path);
	for (i = 0; i < nch; i = j) {
		/* Changes whose contexts meet make one hunk. */
		for (j = i + 1; j < nch && ch[j].ol0 - ch[j - 1].ol1 <=
		    2 * FIX_CONTEXT; j++)
			continue;
		before = ch[i].ol0 < FIX_CONTEXT ? ch[i].ol0 : FIX_CONTEXT;
		after = onl - ch[j - 1].ol1 < FIX_CONTEXT ?
		    onl - ch[j - 1].ol1 : FIX_CONTEXT;
		from = ch[i].ol0 - before;
		to = ch[j - 1].ol1 + after;
		fputs("@@ ", out);
		put_range(out, '-', from, to - from);
		fputc(' ', out);
		put_range(out, '+', ch[i].nl0 - before, ch[j - 1].nl1 + after -
		    (ch[i].nl0 - before));
		fputs(" @@\n", out);
		put_lines(out, ' ', t->orig, t->olen, os, onl, from, ch[i].ol0);
		for (; i < j; i++) {
			put_lines(out, '-', t->orig, t->olen, os, onl,
			    ch[i].ol0, ch[i].ol1);
			put_lines(out, '+', t->cur, t->len, ns, nnl, ch[i].nl0,
			    ch[i].nl1);
			put_lines(out, ' ', t->orig, t->olen, os, onl,
			    ch[i].ol1, i + 1 < j ? ch[i + 1].ol0 : to);
		}
	}
	free(ch);
	free(os);
	free(ns);
}
