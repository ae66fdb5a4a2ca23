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

void
value_split(const char *text, size_t len, struct value *v)
{
	size_t	i = 0, s, cap = VALUE_INLINE;
	void	*p;

	v->tok = v->inline_tok;
	v->n = 0;
	while (i < len) {
		while (i < len && is_blank(text[i]))
			i++;
		if (i >= len)
			break;
		s = i;
		while (i < len && !is_blank(text[i]))
			i++;
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
		memset(&v->tok[v->n], 0, sizeof(struct value_token));
		v->tok[v->n].off = (uint32_t)s;
		v->tok[v->n].len = (uint32_t)(i - s);
		read_number(text + s, i - s, &v->tok[v->n]);
		v->n++;
	}
}

void
value_free(struct value *v)
{
	if (v->tok != v->inline_tok)
		free(v->tok);
	v->tok = v->inline_tok;
	v->n = 0;
}
