/*
 * value.c: tokenises values and reads numbers the way the kernel does.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

static int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static void
read_number(const char *s, size_t n, struct value_token *t)
{
	size_t		i = 0;
	unsigned	base = 10;
	int		d;

	if (i < n && s[i] == '-') {
		t->negative = true;
		i++;
	}
	if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		base = 16;
		i += 2;
	} else if (i + 1 < n && s[i] == '0') {
		base = 8;
		t->octal = true;
		i++;
	}
	if (i >= n && base != 8)
		return;
	for (; i < n; i++) {
		d = digit_value(s[i]);
		if (d >= (int)base)
			return;
		if (t->magnitude > (UINT64_MAX - (unsigned)d) / base)
			t->overflow = true;
		else
			t->magnitude = t->magnitude * base + (unsigned)d;
	}
	t->number = true;
}

bool
value_next(const char *text, size_t len, size_t *pos, struct value_token *t)
{
	size_t	i = *pos, s;

	while (i < len && is_blank(text[i]))
		i++;
	if (i >= len) {
		*pos = len;
		return false;
	}
	s = i;
	while (i < len && !is_blank(text[i]))
		i++;
	memset(t, 0, sizeof(*t));
	t->off = (uint32_t)s;
	t->len = (uint32_t)(i - s);
	read_number(text + s, i - s, t);
	*pos = i;
	return true;
}

size_t
value_count(const char *text, size_t len)
{
	size_t	i = 0, n = 0;

	while (i < len) {
		while (i < len && is_blank(text[i]))
			i++;
		if (i >= len)
			break;
		n++;
		while (i < len && !is_blank(text[i]))
			i++;
	}
	return n;
}

void
value_split_max(const char *text, size_t len, size_t max, struct value *v)
{
	size_t			 pos = 0, cap = VALUE_INLINE;
	struct value_token	 t;
	void			*p;

	v->tok = v->inline_tok;
	v->n = 0;
	while (v->n < max && value_next(text, len, &pos, &t)) {
		if (v->n == cap) {
			if (v->tok == v->inline_tok) {
				v->tok = xcalloc(2 * cap, sizeof(*v->tok));
				memcpy(v->tok, v->inline_tok,
				    sizeof(v->inline_tok));
				cap *= 2;
			} else {
				p = v->tok;
				xgrow(&p, &cap, v->n + 1, sizeof(*v->tok));
				v->tok = p;
			}
		}
		v->tok[v->n++] = t;
	}
}

void
value_split(const char *text, size_t len, struct value *v)
{
	value_split_max(text, len, SIZE_MAX, v);
}

void
value_free(struct value *v)
{
	if (v->tok != v->inline_tok)
		free(v->tok);
	v->tok = v->inline_tok;
	v->n = 0;
}
