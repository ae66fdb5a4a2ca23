/*
 * jsonw.c: streaming JSON writer.  Containers that stay empty print as
 * {} and []; members go one per line, indented by two spaces a level.
 */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "utf8.h"
#include "util.h"

#define JSONW_DEPTH	32

struct jsonw {
	FILE	*f;
	int	 depth;
	bool	 empty[JSONW_DEPTH];	/* no member written yet */
	bool	 after_key;
};

struct jsonw *
jsonw_new(FILE *f)
{
	struct jsonw	*w = xcalloc(1, sizeof(*w));

	w->f = f;
	return w;
}

void
jsonw_finish(struct jsonw *w)
{
	fputc('\n', w->f);
	free(w);
}

static void
indent(struct jsonw *w)
{
	int	i;

	fputc('\n', w->f);
	for (i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Separates and indents a new value, unless it follows its key. */
static void
value_start(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->empty[w->depth - 1])
		fputc(',', w->f);
	w->empty[w->depth - 1] = false;
	indent(w);
}

static void
open_container(struct jsonw *w, char c)
{
	value_start(w);
	fputc(c, w->f);
	if (w->depth < JSONW_DEPTH)
		w->empty[w->depth] = true;
	w->depth++;
}

static void
close_container(struct jsonw *w, char c)
{
	w->depth--;
	if (!w->empty[w->depth])
		indent(w);
	fputc(c, w->f);
}

void
jsonw_object_begin(struct jsonw *w)
{
	open_container(w, '{');
}

void
jsonw_object_end(struct jsonw *w)
{
	close_container(w, '}');
}

void
jsonw_array_begin(struct jsonw *w)
{
	open_container(w, '[');
}

void
jsonw_array_end(struct jsonw *w)
{
	close_container(w, ']');
}

static void
jsonw_escape(FILE *f, const char *s, size_t n)
{
	size_t		i = 0, len;
	uint32_t	cp;
	unsigned char	c;

	fputc('"', f);
	while (i < n) {
		c = (unsigned char)s[i];
		if (c >= 0x80) {
			len = utf8_decode(s + i, n - i, &cp);
			if (len == 0) {
				fputs("\\ufffd", f);
				i++;
			} else {
				fwrite(s + i, 1, len, f);
				i += len;
			}
			continue;
		}
		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20 || c == 0x7F)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
		i++;
	}
	fputc('"', f);
}

void
jsonw_key(struct jsonw *w, const char *k)
{
	value_start(w);
	jsonw_escape(w->f, k, strlen(k));
	fputs(": ", w->f);
	w->after_key = true;
}

void
jsonw_stringn(struct jsonw *w, const char *s, size_t n)
{
	value_start(w);
	jsonw_escape(w->f, s, n);
}

void
jsonw_string(struct jsonw *w, const char *s)
{
	jsonw_stringn(w, s, strlen(s));
}

void
jsonw_string_or_null(struct jsonw *w, const char *s)
{
	if (s == NULL)
		jsonw_null(w);
	else
		jsonw_string(w, s);
}

void
jsonw_uint(struct jsonw *w, unsigned long long v)
{
	value_start(w);
	fprintf(w->f, "%llu", v);
}

void
jsonw_bool(struct jsonw *w, bool v)
{
	value_start(w);
	fputs(v ? "true" : "false", w->f);
}

void
jsonw_null(struct jsonw *w)
{
	value_start(w);
	fputs("null", w->f);
}
