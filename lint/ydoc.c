/*
 * ydoc.c: libyaml's documents, their nodes located in source bytes.
 *
 * libyaml (0.2.5, src/reader.c and scanner.c) counts a mark's index in
 * characters of the decoded input, which starts after a byte order
 * mark; a reader error (bad UTF-8) is at a byte offset instead.  Converting
 * an index walks the UTF-8 from the nearest checkpoint, kept every
 * YDOC_STRIDE characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "util.h"
#include "ydoc.h"

#define YDOC_STRIDE	64

struct ydoc_map {
	const char	*d;
	size_t		 len;
	uint32_t	 bom;		/* bytes before character 0 */
	uint32_t	*marks;		/* byte of each STRIDE-th character */
	size_t		 nmarks;	/* 0: ASCII, a character per byte */
};

static bool
is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

static void
map_build(struct ydoc_map *m, const struct source *src)
{
	size_t	i, n = 0, cap = 0;
	void	*v = NULL;
	bool	 ascii = true;

	memset(m, 0, sizeof(*m));
	m->d = src->data;
	m->len = src->len;
	if (src->len >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0)
		m->bom = 3;
	for (i = m->bom; i < src->len && ascii; i++)
		ascii = (unsigned char)src->data[i] < 0x80;
	if (ascii)
		return;
	for (i = m->bom; i < src->len; i++) {
		if (is_cont(src->data[i]))
			continue;
		if (n % YDOC_STRIDE == 0) {
			xgrow(&v, &cap, m->nmarks + 1, sizeof(uint32_t));
			m->marks = v;
			m->marks[m->nmarks++] = (uint32_t)i;
		}
		n++;
	}
	if (m->nmarks == 0) {
		xgrow(&v, &cap, 1, sizeof(uint32_t));
		m->marks = v;
		m->marks[m->nmarks++] = (uint32_t)src->len;
	}
}

static uint32_t
map_byte(const struct ydoc_map *m, size_t index)
{
	size_t	k, off, left;

	if (m->nmarks == 0)
		off = m->bom + index;
	else {
		k = index / YDOC_STRIDE;
		if (k >= m->nmarks)
			k = m->nmarks - 1;
		off = m->marks[k];
		left = index - k * YDOC_STRIDE;
		while (left > 0 && off < m->len) {
			off++;
			while (off < m->len && is_cont(m->d[off]))
				off++;
			left--;
		}
	}
	return (uint32_t)(off < m->len ? off : m->len);
}

static void
report_error(const struct source *src, const struct ydoc_map *m,
    const yaml_parser_t *p, struct findings *fs)
{
	struct span	 sp;
	struct msg_arg	 a[1];
	char		*text;

	if (p->error == YAML_READER_ERROR)
		sp.off = (uint32_t)(m->bom + p->problem_offset < src->len ?
		    m->bom + p->problem_offset : src->len);
	else
		sp.off = map_byte(m, p->problem_mark.index);
	sp.len = sp.off < src->len ? 1 : 0;
	if (p->error == YAML_MEMORY_ERROR)
		text = xstrdup("not valid YAML: out of memory");
	else
		text = xasprintf("not valid YAML: %s%s%s",
		    p->problem != NULL ? p->problem : "unknown error",
		    p->context != NULL ? " " : "",
		    p->context != NULL ? p->context : "");
	a[0].name = "problem";
	a[0].value = text;
	findings_builtin(fs, BI_SOURCE_SYNTAX, src, sp, a, 1);
	free(text);
}

bool
ydoc_each(const struct source *src, struct findings *fs,
    void (*fn)(const struct ydoc *, void *), void *ctx)
{
	yaml_parser_t	 p;
	yaml_document_t	 doc;
	struct ydoc_map	 m;
	struct ydoc	 y;
	bool		 ok = true;

	map_build(&m, src);
	if (!yaml_parser_initialize(&p)) {
		free(m.marks);
		return false;
	}
	/*
	 * UTF-8 only, so that characters map to bytes; a BOM is then no
	 * longer skipped by libyaml, so the input starts after it.
	 */
	yaml_parser_set_input_string(&p, (const unsigned char *)src->data +
	    m.bom, src->len - m.bom);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	y.src = src;
	y.doc = &doc;
	y.map = &m;
	for (y.index = 0;; y.index++) {
		if (!yaml_parser_load(&p, &doc)) {
			if (fs != NULL)
				report_error(src, &m, &p, fs);
			ok = false;
			break;
		}
		if (yaml_document_get_root_node(&doc) == NULL) {
			yaml_document_delete(&doc);
			break;
		}
		fn(&y, ctx);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&p);
	free(m.marks);
	return ok;
}

yaml_node_t *
ydoc_root(const struct ydoc *y)
{
	return yaml_document_get_root_node(y->doc);
}

yaml_node_t *
ydoc_node(const struct ydoc *y, int id)
{
	return yaml_document_get_node(y->doc, id);
}

bool
ydoc_is_scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE;
}

bool
ydoc_scalar_is(const yaml_node_t *n, const char *s)
{
	size_t	len = strlen(s);

	return ydoc_is_scalar(n) && n->data.scalar.length == len &&
	    memcmp(n->data.scalar.value, s, len) == 0;
}

yaml_node_t *
ydoc_get(const struct ydoc *y, const yaml_node_t *map, const char *key,
    yaml_node_t **keynode)
{
	const yaml_node_pair_t	*pr;
	yaml_node_t		*k;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (pr = map->data.mapping.pairs.start;
	    pr < map->data.mapping.pairs.top; pr++) {
		k = ydoc_node(y, pr->key);
		if (!ydoc_scalar_is(k, key))
			continue;
		if (keynode != NULL)
			*keynode = k;
		return ydoc_node(y, pr->value);
	}
	return NULL;
}

yaml_node_t *
ydoc_path(const struct ydoc *y, const yaml_node_t *map,
    const char *const *keys, size_t n)
{
	const yaml_node_t	*cur = map;
	yaml_node_t		*next = NULL;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if ((next = ydoc_get(y, cur, keys[i], NULL)) == NULL)
			return NULL;
		cur = next;
	}
	return next;
}

struct span
ydoc_span(const struct ydoc *y, const yaml_node_t *n)
{
	struct span	sp;
	uint32_t	e;

	sp.off = map_byte(y->map, n->start_mark.index);
	e = map_byte(y->map, n->end_mark.index);
	sp.len = e > sp.off ? e - sp.off : 0;
	return sp;
}

struct span
ydoc_join(const struct ydoc *y, const yaml_node_t *a, const yaml_node_t *b)
{
	struct span	sa = ydoc_span(y, a), sb = ydoc_span(y, b);
	uint32_t	s = sa.off < sb.off ? sa.off : sb.off;
	uint32_t	e = sa.off + sa.len > sb.off + sb.len ? sa.off + sa.len :
			    sb.off + sb.len;

	sa.off = s;
	sa.len = e - s;
	return sa;
}

bool
ydoc_text(const struct ydoc *y, const yaml_node_t *n, struct span *out)
{
	struct span	 all;
	uint32_t	 vlen, end;
	const char	*d = y->src->data;

	if (!ydoc_is_scalar(n) || n->data.scalar.length > UINT32_MAX)
		return false;
	all = ydoc_span(y, n);
	vlen = (uint32_t)n->data.scalar.length;
	end = all.off + all.len;
	switch (n->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		if (all.len < 2)
			return false;
		end--;
		break;
	case YAML_PLAIN_SCALAR_STYLE:
	case YAML_ANY_SCALAR_STYLE:
		break;
	default:
		return false;
	}
	if (end < all.off + vlen)
		return false;
	out->off = end - vlen;
	out->len = vlen;
	return memcmp(d + out->off, n->data.scalar.value, vlen) == 0;
}

static bool
all_digits(const char *s, size_t n, const char *set)
{
	size_t	i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (strchr(set, s[i]) == NULL || s[i] == '\0')
			return false;
	return true;
}

/* YAML 1.1 integers and floats, as go-yaml v2 resolves plain scalars. */
static bool
is_number(const char *s, size_t n)
{
	size_t	i, dots = 0, digits = 0;

	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		s++;
		n--;
	}
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return all_digits(s + 2, n - 2, "0123456789abcdefABCDEF_");
	if (n > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'o'))
		return all_digits(s + 2, n - 2, "01234567_");
	if (n == 4 && (memcmp(s, ".inf", 4) == 0 || memcmp(s, ".Inf", 4) == 0
	    || memcmp(s, ".INF", 4) == 0))
		return true;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.')
			dots++;
		else if ((s[i] == 'e' || s[i] == 'E') && digits > 0 &&
		    dots == 1 && i + 1 < n)
			return all_digits(s + i + 1 + (s[i + 1] == '-' ||
			    s[i + 1] == '+'), n - i - 1 - (s[i + 1] == '-' ||
			    s[i + 1] == '+'), "0123456789");
		else if (s[i] != '_')
			return false;
	}
	return digits > 0 && dots <= 1;
}

bool
ydoc_is_string(const yaml_node_t *n)
{
	static const char *const words[] = {
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"true", "True", "TRUE", "false", "False", "FALSE", "on", "On",
		"ON", "off", "Off", "OFF", "~", "null", "Null", "NULL",
		".nan", ".NaN", ".NAN"
	};
	const char	*s;
	size_t		 len, i;

	if (!ydoc_is_scalar(n))
		return false;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
	    n->data.scalar.style != YAML_ANY_SCALAR_STYLE)
		return true;
	s = (const char *)n->data.scalar.value;
	len = n->data.scalar.length;
	if (len == 0)
		return false;
	for (i = 0; i < ARRAY_LEN(words); i++)
		if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
			return false;
	return !is_number(s, len);
}
