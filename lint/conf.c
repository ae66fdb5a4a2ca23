/*
 * conf.c: reads sysctl.conf / sysctl.d syntax line by line.
 *
 * What the loaders do, and so what this reads (procps-ng src/sysctl.c
 * parse_setting_line(), systemd src/sysctl/sysctl.c parse_line()):
 *  - blank lines and lines whose first non-blank character is '#' are
 *    comments; ';' too, except in the newest systemd;
 *  - the first '=' splits key from value; both are stripped of blanks;
 *  - no quoting and no trailing comments: all after '=' is the value;
 *  - "-key = v" ignores a failure to set key; "-key" alone excludes key
 *    from the globs of other lines;
 *  - a lone CR or a NUL ends a line for systemd only (read_line()).
 * Everything a loader would reject or misread becomes a finding here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "finding.h"
#include "key.h"
#include "keydb.h"
#include "utf8.h"
#include "util.h"

/* Character findings per line, so hostile lines stay readable. */
#define MAX_CHAR_FINDINGS	16
/* Bytes searched for a NUL to call a file binary, as git and grep do. */
#define BINARY_PROBE		8000
/* Longest excerpt of input quoted in a message. */
#define QUOTE_MAX		48

enum region {
	REGION_KEY,
	REGION_VALUE,
	REGION_SEPARATOR
};

struct parser {
	const struct source	*src;
	struct findings		*fs;
	struct conf		*conf;
	const char		*d;		/* src->data */
	const struct conf_entry	*cur;		/* entry of the current line */
	enum conf_reader	 reader;
	uint32_t		 prose_end;	/* value text before a comment */
	int			 char_findings;	/* on the current line */
	bool			 plain;		/* the line is printable ASCII */
};

/* ORDER REGION: indexed by enum region. */
static const char *const region_names[] = { "key", "value", "separator" };

/* What the first pass over a line tells apart. */
enum {
	LC_PLAIN,		/* printable ASCII but '=', or TAB */
	LC_EQUALS,
	LC_OTHER		/* control, DEL, non-ASCII: a closer look */
};

#define X	LC_OTHER
#define X16	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X

static const unsigned char line_class[256] = {
	X, X, X, X, X, X, X, X, X, LC_PLAIN, X, X, X, X, X, X,
	X16,
	['='] = LC_EQUALS,
	['\x7F'] = X,
	X16, X16, X16, X16, X16, X16, X16, X16
};

#undef X16
#undef X

/* The kernel roots of sysctl names, to tell a pasted key from prose. */
static const char *const sysctl_roots[] = {
	"abi", "crypto", "debug", "dev", "fs", "kernel", "net", "sunrpc",
	"user", "vm"
};

static bool
is_blank(char c)
{
	/* isspace() for procps; systemd strips " \t\n\r". */
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void
trim(const char *d, uint32_t *s, uint32_t *e)
{
	while (*s < *e && is_blank(d[*s]))
		(*s)++;
	while (*e > *s && is_blank(d[*e - 1]))
		(*e)--;
}

/* A copy of data[s, e) short enough to quote in a message. */
static char *
excerpt(const char *d, uint32_t s, uint32_t e)
{
	uint32_t	n = 0, i = s;
	uint32_t	cp;
	size_t		len;

	while (i < e && n < QUOTE_MAX) {
		len = utf8_decode(d + i, e - i, &cp);
		i += len == 0 ? 1 : (uint32_t)len;
		n++;
	}
	if (i >= e)
		return xstrndup(d + s, e - s);
	return xasprintf("%.*s...", (int)(i - s), d + s);
}

/* Reports a finding, with the key and value of the line's entry. */
static struct finding *
report(struct parser *p, enum builtin b, struct span sp,
    const struct msg_arg *args, size_t nargs)
{
	struct finding	*f = findings_builtin(p->fs, b, p->src, sp, args,
			    nargs);
	const struct conf_entry *ent = p->cur;

	if (f == NULL || ent == NULL || ent->key.len == 0)
		return f;
	finding_set_key(f, ent->dotted);
	if (ent->kind == CONF_ASSIGN)
		finding_set_value(f, p->d + ent->value.off, ent->value.len);
	return f;
}

/* Reports a finding whose message quotes the text of its span. */
static struct finding *
report_text(struct parser *p, enum builtin b, struct span sp)
{
	char		*text = excerpt(p->d, sp.off, sp.off + sp.len);
	struct msg_arg	 a[] = { { "text", text } };
	struct finding	*f = report(p, b, sp, a, ARRAY_LEN(a));

	free(text);
	return f;
}

/*
 * Does the kernel keep the value of ent's key as written (a string key
 * without a fixed set of words, a handler of its own, a key or glob the
 * database does not know)?  A fix in such a value changes what is kept.
 */
static bool
value_is_text(const struct conf_entry *ent)
{
	const struct keydb_key	*k;

	if (ent == NULL || ent->glob || (k = keydb_lookup_hashed(ent->path,
	    ent->hash)) == NULL)
		return true;
	return keydb_keeps_text(k);
}

static void
report_char(struct parser *p, enum builtin b, struct span sp, uint32_t cp,
    const char *name, enum region r, const char *ascii)
{
	char		 cbuf[96];
	struct msg_arg	 args[] = {
		{ "char", cbuf }, { "where", region_names[r] },
		{ "ascii", ascii }
	};
	struct finding	*f;

	if (p->char_findings++ >= MAX_CHAR_FINDINGS)
		return;
	snprintf(cbuf, sizeof(cbuf), "U+%04X %s", (unsigned)cp, name);
	f = report(p, b, sp, args, ARRAY_LEN(args));
	if (f == NULL || ascii == NULL)
		return;
	finding_set_fix(f, sp, ascii[0] == '\0' ? "delete the character" :
	    "replace it with the ASCII character", ascii,
	    r == REGION_VALUE && value_is_text(p->cur));
}

/*
 * Full-width forms of ASCII (U+FF01..U+FF5E).  In a value only those
 * that pass for part of a number or an assignment are reported; other
 * full-width punctuation there is prose, reported as non-ASCII text.
 */
static bool
is_fullwidth_ascii(uint32_t cp, enum region r)
{
	if (cp < 0xFF01 || cp > 0xFF5E)
		return false;
	return r != REGION_VALUE || cp == 0xFF1D || cp == 0xFF0D ||
	    cp == 0xFF0E || (cp >= 0xFF10 && cp <= 0xFF19);
}

static void
report_fullwidth(struct parser *p, struct span sp, enum region r,
    const char *ascii)
{
	char		*text = xstrndup(p->d + sp.off, sp.len);
	struct msg_arg	 a[] = {
		{ "text", text }, { "where", region_names[r] },
		{ "ascii", ascii }
	};
	struct finding	*f;

	if (p->char_findings++ < MAX_CHAR_FINDINGS &&
	    (f = report(p, BI_FULLWIDTH_CHARACTER, sp, a,
	    ARRAY_LEN(a))) != NULL)
		finding_set_fix(f, sp, "replace it with ASCII", ascii,
		    r == REGION_VALUE && value_is_text(p->cur));
	free(text);
}

/*
 * Reports hidden, full-width and (in keys) any non-ASCII characters of
 * data[s, e).  Control characters other than TAB count as hidden.
 */
static void
scan_region(struct parser *p, uint32_t s, uint32_t e, enum region r)
{
	const char	*d = p->d;
	uint32_t	 i = s, cp, run;
	size_t		 len;
	const char	*name;
	char		 ascii[64];
	size_t		 n;
	bool		 other_seen = false;

	if (p->plain)
		return;
	while (i < e) {
		/* Printable ASCII and TAB, the common case, need no decoding. */
		if ((d[i] >= 0x20 && d[i] < 0x7F) || d[i] == '\t') {
			i++;
			continue;
		}
		len = utf8_decode(d + i, e - i, &cp);
		if (len == 0) {		/* reported per line by scan_utf8() */
			i++;
			continue;
		}
		if ((name = utf8_invisible_name(cp)) != NULL) {
			/* At an end of the value a space would be stripped. */
			report_char(p, BI_INVISIBLE_CHARACTER,
			    span_between(i, i + (uint32_t)len), cp, name, r,
			    r == REGION_VALUE && utf8_is_space_like(cp) &&
			    i > s && i + len < e ? " " : "");
		} else if (is_fullwidth_ascii(cp, r)) {
			run = i;
			n = 0;
			while (run < e && n + 1 < sizeof(ascii) &&
			    (len = utf8_decode(d + run, e - run, &cp)) != 0 &&
			    is_fullwidth_ascii(cp, r)) {
				ascii[n++] = (char)(cp - 0xFEE0);
				run += (uint32_t)len;
			}
			ascii[n] = '\0';
			report_fullwidth(p, span_between(i, run), r, ascii);
			i = run;
			continue;
		} else if (!other_seen && r == REGION_KEY) {
			char		 cbuf[16], *text;
			struct msg_arg	 a[2];

			other_seen = true;
			snprintf(cbuf, sizeof(cbuf), "U+%04X", (unsigned)cp);
			text = xstrndup(d + i, len);
			a[0].name = "char";
			a[0].value = cbuf;
			a[1].name = "text";
			a[1].value = text;
			report(p, BI_NON_ASCII_KEY,
			    span_between(i, i + (uint32_t)len), a, ARRAY_LEN(a));
			free(text);
		} else if (!other_seen && i < p->prose_end) {
			other_seen = true;
			for (run = i; run < e && !is_blank(d[run]); run++)
				continue;
			report_text(p, BI_NON_ASCII_VALUE, span_between(i, run));
		}
		i += (uint32_t)len;
	}
}

/* Reports the first byte of data[s, e) that is not valid UTF-8. */
static void
scan_utf8(struct parser *p, uint32_t s, uint32_t e)
{
	uint32_t	i = s, cp;
	size_t		len;
	char		byte[8];
	struct msg_arg	a[] = { { "byte", byte } };

	while (i < e) {
		if ((unsigned char)p->d[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = utf8_decode(p->d + i, e - i, &cp)) == 0) {
			snprintf(byte, sizeof(byte), "0x%02X",
			    (unsigned)(unsigned char)p->d[i]);
			report(p, BI_INVALID_UTF8, span_between(i, i + 1), a, 1);
			return;
		}
		i += (uint32_t)len;
	}
}

/* Is data[s, e) a key someone pasted, such as "net.ipv4.tcp_tw_reuse"? */
static bool
looks_like_key(const char *d, uint32_t s, uint32_t e)
{
	size_t		i, n;
	uint32_t	j;

	if (s < e && d[s] == '-')
		s++;
	for (i = 0; i < ARRAY_LEN(sysctl_roots); i++) {
		n = strlen(sysctl_roots[i]);
		if (e - s > n + 1 && strncmp(d + s, sysctl_roots[i], n) == 0 &&
		    (d[s + n] == '.' || d[s + n] == '/'))
			break;
	}
	if (i == ARRAY_LEN(sysctl_roots))
		return false;
	for (j = s; j < e; j++) {
		char	c = d[j];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    c == '.' || c == '/' || c == '*' || c == '?' ||
		    c == '[' || c == ']' || c == ':'))
			return false;
	}
	return true;
}

/*
 * Finds assignments pasted into a value ("1 net.ipv4.tcp_tw_reuse= 1"):
 * the loaders write them to the first key, so they are never set.
 */
static void
check_pasted_assignments(struct parser *p, const struct conf_entry *ent)
{
	const char	*d = p->d;
	uint32_t	 s = ent->value.off, e = s + ent->value.len;
	uint32_t	 starts[64], ends[64], t, te, k;
	size_t		 n = 0, i;
	char		*first;

	for (t = s; t < e && n < ARRAY_LEN(starts); t = te) {
		while (t < e && is_blank(d[t]))
			t++;
		for (te = t; te < e && !is_blank(d[te]); te++)
			continue;
		if (t == s || t >= e)
			continue;
		/* "key=v", "key=" or "key" followed by "=...". */
		for (k = t; k < te && d[k] != '='; k++)
			continue;
		if (k == t || !looks_like_key(d, t, k))
			continue;
		if (k == te) {
			uint32_t	nx = te;

			while (nx < e && is_blank(d[nx]))
				nx++;
			if (nx >= e || d[nx] != '=')
				continue;
		}
		starts[n++] = t;
	}
	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		ends[i] = i + 1 < n ? starts[i + 1] : e;
		while (ends[i] > starts[i] && is_blank(d[ends[i] - 1]))
			ends[i]--;
	}
	first = xstrndup(d + ent->key.off, ent->key.len);
	for (i = 0; i < n; i++) {
		uint32_t	 ke, fstart;
		char		*key, *repl;
		struct finding	*f;
		struct msg_arg	 a[2];

		for (ke = starts[i]; ke < ends[i] && d[ke] != '=' &&
		    !is_blank(d[ke]); ke++)
			continue;
		key = xstrndup(d + starts[i], ke - starts[i]);
		a[0].name = "key";
		a[0].value = key;
		a[1].name = "first";
		a[1].value = first;
		f = report(p, BI_MULTIPLE_ASSIGNMENTS,
		    span_between(starts[i], ends[i]), a, 2);
		if (f != NULL) {
			/* The blanks before it go, not to end a line. */
			for (fstart = starts[i]; fstart > s &&
			    is_blank(d[fstart - 1]); fstart--)
				continue;
			repl = xasprintf("\n%.*s", (int)(ends[i] - starts[i]),
			    d + starts[i]);
			finding_set_fix(f, span_between(fstart, ends[i]), "put each "
			    "assignment on a line of its own", repl, false);
			free(repl);
		}
		free(key);
	}
	free(first);
}

/*
 * The comment at c goes to a line of its own above the assignment, at
 * the same indent, as the explanation advises: the fix spans the line
 * from its first character to the end of the comment.
 */
static void
fix_trailing_comment(struct parser *p, struct finding *f,
    const struct conf_entry *ent, uint32_t c)
{
	const char	*d = p->d;
	uint32_t	 ls = ent->line.off, is = ls, pe = c;
	uint32_t	 e = ent->value.off + ent->value.len;
	char		*repl;

	while (is > 0 && (d[is - 1] == ' ' || d[is - 1] == '\t'))
		is--;
	while (pe > ls && is_blank(d[pe - 1]))
		pe--;
	/* A ';' comment line is one new systemd refuses: '#' it is. */
	repl = xasprintf("#%.*s\n%.*s%.*s", (int)(e - c - 1), d + c + 1,
	    (int)(ls - is), d + is, (int)(pe - ls), d + ls);
	finding_set_fix(f, span_between(ls, e), "move the comment to a line of "
	    "its own above the setting", repl, value_is_text(ent));
	free(repl);
}

static void
check_value_as(struct parser *p, struct conf_entry *ent, unsigned checks)
{
	const char	*d = p->d;
	uint32_t	 s = ent->value.off, e = s + ent->value.len, j;
	char		*inner, lenbuf[32];
	struct finding	*f;
	struct msg_arg	 a[1];

	if (ent->value.len > CONF_MAX_VALUE) {
		snprintf(lenbuf, sizeof(lenbuf), "%u", ent->value.len);
		a[0].name = "length";
		a[0].value = lenbuf;
		report(p, BI_VALUE_TOO_LONG, ent->value, a, 1);
	}
	p->prose_end = e;
	if ((checks & CONF_CHECK_QUOTES) && (d[s] == '"' || d[s] == '\'')) {
		f = report(p, BI_QUOTED_VALUE, ent->value, NULL, 0);
		/* Only a value in one pair of quotes has one reading. */
		if (f != NULL && e - s > 2 && d[e - 1] == d[s] &&
		    memchr(d + s + 1, '"', e - s - 2) == NULL &&
		    memchr(d + s + 1, '\'', e - s - 2) == NULL) {
			inner = xstrndup(d + s + 1, e - s - 2);
			finding_set_fix(f, ent->value, "remove the quotes",
			    inner, value_is_text(ent));
			free(inner);
		}
	}
	for (j = s; (checks & CONF_CHECK_COMMENTS) && j < e; j++) {
		if ((d[j] != '#' && d[j] != ';') || (j > s &&
		    !is_blank(d[j - 1])))
			continue;
		p->prose_end = j;
		f = report_text(p, BI_TRAILING_COMMENT, span_between(j, e));
		if (f != NULL && j > s)
			fix_trailing_comment(p, f, ent, j);
		break;
	}
	check_pasted_assignments(p, ent);
	scan_region(p, s, e, REGION_VALUE);
}

static void
check_value(struct parser *p, struct conf_entry *ent)
{
	check_value_as(p, ent, CONF_CHECK_QUOTES | CONF_CHECK_COMMENTS);
}

static void
check_key(struct parser *p, const struct conf_entry *ent,
    const struct key_spelling *ks)
{
	uint32_t	 s = ent->key.off, e = s + ent->key.len;
	char		*key;
	struct finding	*f;
	struct msg_arg	 a[2];

	if (ks->blank < ent->key.len || ks->stray < ent->key.len) {
		key = xstrndup(p->d + s, e - s);
		a[0].name = "key";
		a[0].value = key;
		if (ks->blank < ent->key.len)
			report(p, BI_WHITESPACE_IN_KEY, span_between(s +
			    (uint32_t)ks->blank, s + (uint32_t)ks->blank + 1),
			    a, 1);
		/* The spelling the loaders read is the fixed one. */
		if (ks->stray < ent->key.len) {
			a[1].name = "fixed";
			a[1].value = ent->dotted;
			f = report(p, BI_REPEATED_SEPARATOR, ent->key, a, 2);
			if (f != NULL)
				finding_set_fix(f, ent->key, "write each "
				    "separator once", ent->dotted, false);
		}
		free(key);
	}
	p->prose_end = e;
	scan_region(p, s, e, REGION_KEY);
}

static struct conf_entry *
add_entry(struct parser *p, enum conf_kind kind, uint32_t ls, uint32_t le)
{
	struct conf		*c = p->conf;
	struct conf_entry	*ent;
	void			*v = c->entries;
	size_t			 i;

	xgrow(&v, &c->cap, c->n + 1, sizeof(struct conf_entry));
	c->entries = v;
	ent = &c->entries[c->n++];
	memset(ent, 0, sizeof(*ent));
	ent->kind = kind;
	ent->line = span_between(ls, le);
	p->cur = ent;
	/* Directives waiting for their assignment get this line. */
	for (i = c->ndirs; i > 0 && !c->dirs[i - 1].whole_file &&
	    c->dirs[i - 1].target.len == 0; i--)
		c->dirs[i - 1].target = ent->line;
	return ent;
}

/*
 * Records a "sysctl-lint:" comment; s..e is the comment without '#'.
 * Anything else after "sysctl-lint:" is an ordinary comment.
 */
static void
parse_directive(struct parser *p, uint32_t cs, uint32_t s, uint32_t e)
{
	static const char	 tag[] = "sysctl-lint:";
	const char		*d = p->d;
	struct conf		*c = p->conf;
	struct conf_directive	*dir;
	bool			 file;
	uint32_t		 ls, le;
	void			*v;

	while (s < e && is_blank(d[s]))
		s++;
	if (e - s < sizeof(tag) - 1 || memcmp(d + s, tag, sizeof(tag) - 1))
		return;
	s += (uint32_t)sizeof(tag) - 1;
	while (s < e && is_blank(d[s]))
		s++;
	if (e - s > 13 && memcmp(d + s, "disable-file=", 13) == 0) {
		file = true;
		s += 13;
	} else if (e - s > 8 && memcmp(d + s, "disable=", 8) == 0) {
		file = false;
		s += 8;
	} else
		return;
	for (ls = s; ls < e && !is_blank(d[ls]); ls++)
		continue;
	le = ls;
	v = c->dirs;
	xgrow(&v, &c->capdirs, c->ndirs + 1, sizeof(struct conf_directive));
	c->dirs = v;
	dir = &c->dirs[c->ndirs++];
	memset(dir, 0, sizeof(*dir));
	dir->span = span_between(cs, e);
	dir->ids = span_between(s, le);
	dir->whole_file = file;
}

/* Locates a U+FF1D FULLWIDTH EQUALS SIGN in data[s, e), or returns e. */
static uint32_t
find_fullwidth_equals(const char *d, uint32_t s, uint32_t e)
{
	uint32_t	i;

	for (i = s; i + 3 <= e; i++)
		if ((unsigned char)d[i] == 0xEF &&
		    (unsigned char)d[i + 1] == 0xBC &&
		    (unsigned char)d[i + 2] == 0x9D)
			return i;
	return e;
}

static void
parse_assignment(struct parser *p, uint32_t s, uint32_t eq, uint32_t e,
    uint32_t eqlen)
{
	const char		*d = p->d;
	struct conf_entry	*ent = add_entry(p, CONF_ASSIGN, s, e);
	uint32_t		 ks = s, ke = eq, vs = eq + eqlen, ve = e;
	char			*key;
	struct key_spelling	 spelling;
	struct msg_arg		 a[1];

	if (d[ks] == '-') {
		ent->ignore_failure = true;
		ks++;
		if (ks < ke && is_blank(d[ks])) {
			trim(d, &ks, &ke);
			key = xstrndup(d + ks, ke - ks);
			a[0].name = "key";
			a[0].value = key;
			report(p, BI_PREFIX_WHITESPACE, span_between(s, ks), a, 1);
			free(key);
		}
	}
	trim(d, &ks, &ke);
	trim(d, &vs, &ve);
	ent->key = span_between(ks, ke);
	ent->value = span_between(vs, ve);
	conf_set_key(p->conf, ent, d + ks, ke - ks, &spelling);
	if (ks == ke)
		report(p, BI_EMPTY_KEY, span_between(eq, eq + eqlen), NULL, 0);
	else
		check_key(p, ent, &spelling);
	if (vs == ve) {
		a[0].name = "key";
		a[0].value = ent->dotted;
		report(p, BI_EMPTY_VALUE, span_between(eq, eq + eqlen), a, 1);
	} else
		check_value(p, ent);
}

static void
parse_exclusion(struct parser *p, uint32_t s, uint32_t e)
{
	struct conf_entry	*ent = add_entry(p, CONF_EXCLUDE, s, e);
	uint32_t		 ks = s + 1, ke = e;
	struct key_spelling	 spelling;
	struct msg_arg		 a[1];

	if (ks < ke && is_blank(p->d[ks])) {
		trim(p->d, &ks, &ke);
		a[0].name = "key";
		a[0].value = "";
		report(p, BI_PREFIX_WHITESPACE, span_between(s, ks), a, 1);
	}
	trim(p->d, &ks, &ke);
	ent->key = span_between(ks, ke);
	ent->value = span_between(ke, ke);
	conf_set_key(p->conf, ent, p->d + ks, ke - ks, &spelling);
	if (ks == ke) {
		report(p, BI_EMPTY_KEY, span_between(s, s + 1), NULL, 0);
		return;
	}
	check_key(p, ent, &spelling);
	if (ent->glob) {
		a[0].name = "key";
		a[0].value = ent->dotted;
		report(p, BI_GLOB_EXCLUSION, ent->key, a, 1);
	}
}

/*
 * Past CONF_MAX_ENTRIES, a line that holds anything but a comment ends
 * the reading, with a finding over the rest of the file.
 */
static bool
beyond_limit(struct parser *p, uint32_t s, uint32_t e)
{
	const char	*d = p->d;
	char		 limit[32];
	struct msg_arg	 a[2];

	if (p->conf->n < CONF_MAX_ENTRIES)
		return false;
	trim(d, &s, &e);
	if (s == e || d[s] == '#' || d[s] == ';')
		return false;
	snprintf(limit, sizeof(limit), "%d", CONF_MAX_ENTRIES);
	a[0].name = "limit";
	a[0].value = limit;
	a[1].name = "what";
	a[1].value = "settings in one file";
	report(p, BI_TOO_MANY_ENTRIES, span_between(s, (uint32_t)p->src->len), a,
	    2);
	return true;
}

/* Reads one line as its loader ends it, data[s, e) without its end. */
static void
parse_line(struct parser *p, uint32_t s, uint32_t e)
{
	const char	*d = p->d;
	uint32_t	 i, eq;
	unsigned char	 c;
	char		 lenbuf[32];
	struct msg_arg	 a[1];

	p->char_findings = 0;
	p->cur = NULL;
	if ((size_t)(e - s) > CONF_MAX_LINE) {
		snprintf(lenbuf, sizeof(lenbuf), "%u", e - s);
		a[0].name = "length";
		a[0].value = lenbuf;
		report(p, BI_LINE_TOO_LONG, span_between(s, s + 1), a, 1);
	}
	/*
	 * One pass finds the first '=' and whether anything but printable
	 * ASCII and TAB is there; only such lines get the character checks.
	 */
	eq = e;
	p->plain = true;
	for (i = s; i < e; i++) {
		if ((c = line_class[(unsigned char)d[i]]) == LC_PLAIN)
			continue;
		if (c == LC_EQUALS) {
			if (eq == e)
				eq = i;
			continue;
		}
		p->plain = false;
		break;
	}
	if (!p->plain) {
		scan_utf8(p, s, e);
		for (eq = s; eq < e && d[eq] != '='; eq++)
			continue;
	}
	trim(d, &s, &e);
	if (s < e && d[s] == '#')
		parse_directive(p, s, s + 1, e);
	if (s == e || d[s] == '#')
		return;
	if (d[s] == ';') {
		report(p, BI_SEMICOLON_COMMENT, span_between(s, s + 1), NULL, 0);
		return;
	}
	if (eq < e) {
		parse_assignment(p, s, eq, e, 1);
		return;
	}
	if (d[s] == '-') {
		parse_exclusion(p, s, e);
		return;
	}
	/* "key＝value": a look-alike '=' that no loader splits at. */
	if ((eq = find_fullwidth_equals(d, s, e)) < e) {
		parse_assignment(p, s, eq, e, 3);
		report_fullwidth(p, span_between(eq, eq + 3), REGION_SEPARATOR, "=");
		return;
	}
	report_text(p, BI_NOT_ASSIGNMENT, span_between(s, e));
}

/*
 * Where the text after a line break only one loader sees starts and
 * ends: the next systemd line end (NUL, or a CR before the end).
 */
static uint32_t
next_break(const char *d, uint32_t s, uint32_t e)
{
	uint32_t	i;

	for (i = s; i < e; i++)
		if (d[i] == '\0' || (d[i] == '\r' && i + 1 < e))
			return i;
	return e;
}

/* Is data[s, e) an assignment a loader applies? */
static bool
is_assignment(const char *d, uint32_t s, uint32_t e)
{
	trim(d, &s, &e);
	return s < e && d[s] != '#' && d[s] != ';' &&
	    memchr(d + s, '=', e - s) != NULL;
}

/*
 * Reports the line break at b that one loader makes and the other does
 * not, naming the assignment after it; under both readers, a hidden
 * assignment only systemd-sysctl applies is an error.
 */
static void
report_break(struct parser *p, uint32_t b, uint32_t e)
{
	const char	*d = p->d;
	uint32_t	 hs = b + 1, he = next_break(d, b + 1, e);
	bool		 nul = d[b] == '\0', assign = is_assignment(d, hs, he);
	char		*text = NULL, *hidden;
	struct msg_arg	 a[1];
	const struct rule *r;

	if (assign) {
		trim(d, &hs, &he);
		text = excerpt(d, hs, he);
	}
	hidden = !assign ? xstrdup("") : nul ? xasprintf(" and applies "
	    "'%s'", text) : xasprintf(", so only systemd-sysctl applies "
	    "'%s'", text);
	a[0].name = "hidden";
	a[0].value = hidden;
	p->cur = NULL;
	r = catalog_builtin(findings_catalog(p->fs), nul ? BI_NUL_BYTE :
	    BI_CARRIAGE_RETURN);
	/* An assignment one loader applies and the other does not. */
	(void)findings_add_as(p->fs, r, assign &&
	    p->reader == CONF_READ_BOTH ? SEV_ERROR : r->severity, p->src,
	    nul ? span_between(b, e) : span_between(b, b + 1), a, 1);
	free(text);
	free(hidden);
}

/*
 * Reads the text of one '\n'-ended line as the modelled loaders end
 * lines.  procps-ng 4 reads with getline(): only '\n' ends a line, and a
 * NUL ends the C string, so the rest is ignored (src/sysctl.c Preload).
 * systemd 252 read_line_full() (src/basic/fileio.c) also ends a line at
 * a lone CR and at a NUL, and reads on after them.  The systemd reading
 * sees every assignment procps sees, and more, so it is the one judged
 * unless procps alone is modelled; where they differ, a finding says so.
 */
static void
read_line(struct parser *p, uint32_t s, uint32_t e)
{
	const char	*d = p->d;
	uint32_t	 b, seg;
	int		 breaks = 0;

	/* Most lines hold neither byte: memchr() says so fastest. */
	if ((memchr(d + s, '\r', e - s) == NULL && memchr(d + s, '\0',
	    e - s) == NULL) || (b = next_break(d, s, e)) == e) {
		parse_line(p, s, e);
		return;
	}
	if (p->reader == CONF_READ_PROCPS) {
		const char	*nul = memchr(d + s, '\0', e - s);
		uint32_t	 end = nul != NULL ?
				    (uint32_t)(nul - d) : e;

		if (b < end)
			report_break(p, b, end);
		if (nul != NULL)
			report_break(p, end, e);
		parse_line(p, s, end);
		return;
	}
	for (seg = s;; seg = b + 1) {
		b = next_break(d, seg, e);
		if (seg > s && breaks++ < MAX_CHAR_FINDINGS &&
		    (breaks == 1 || is_assignment(d, seg, b)))
			report_break(p, seg - 1, e);
		parse_line(p, seg, b);
		if (b == e)
			break;
	}
}

/* A parser over src for the checks of one entry another reader made. */
static void
parser_init(struct parser *p, const struct source *src, struct conf *c,
    struct findings *fs)
{
	p->src = src;
	p->fs = fs;
	p->conf = c;
	p->d = src->data;
	p->cur = NULL;
	p->reader = CONF_READ_SYSTEMD;
	p->prose_end = 0;
	p->char_findings = 0;
	p->plain = false;
}

struct conf_entry *
conf_add(struct conf *c, struct span line, struct span key,
    struct span value, struct findings *fs, struct span empty,
    unsigned checks)
{
	struct parser		 p;
	struct conf_entry	*ent;
	struct key_spelling	 spelling;
	struct msg_arg		 a[1];

	parser_init(&p, c->src, c, fs);
	ent = add_entry(&p, CONF_ASSIGN, line.off, line.off + line.len);
	ent->key = key;
	ent->value = value;
	conf_set_key(c, ent, p.d + key.off, key.len, &spelling);
	if (key.len == 0)
		report(&p, BI_EMPTY_KEY, empty, NULL, 0);
	else
		check_key(&p, ent, &spelling);
	p.char_findings = 0;
	if (value.len == 0) {
		a[0].name = "key";
		a[0].value = ent->dotted;
		report(&p, BI_EMPTY_VALUE, empty, a, 1);
	} else
		check_value_as(&p, ent, checks);
	return ent;
}

struct conf *
conf_new(const struct source *src)
{
	struct conf	*c = xcalloc(1, sizeof(*c));

	c->src = src;
	/* Keys are a part of the text; their two spellings fit in twice. */
	c->strings = arena_new(2 * src->len);
	return c;
}

void
conf_set_key(struct conf *c, struct conf_entry *ent, const char *key,
    size_t len, struct key_spelling *ks)
{
	key_read(key, len, arena_alloc(c->strings, KEY_READ_SIZE(len)), ks);
	ent->path = ks->path;
	ent->dotted = ks->dotted;
	ent->hash = ks->hash;
	ent->glob = ks->glob;
	ent->printable = ks->printable;
}

struct conf *
conf_parse(const struct source *src, struct findings *fs)
{
	return conf_parse_as(src, CONF_READ_BOTH, fs);
}

struct conf *
conf_parse_as(const struct source *src, enum conf_reader reader,
    struct findings *fs)
{
	struct parser	 p;
	struct conf	*c = conf_new(src);
	size_t		 line, probe;
	uint32_t	 s, e;

	p.src = src;
	p.fs = fs;
	p.conf = c;
	p.d = src->data;
	p.cur = NULL;
	p.reader = reader;
	p.prose_end = 0;
	p.char_findings = 0;
	probe = src->len < BINARY_PROBE ? src->len : BINARY_PROBE;
	if (probe > 0 && memchr(src->data, '\0', probe) != NULL) {
		s = (uint32_t)((const char *)memchr(src->data, '\0', probe) -
		    src->data);
		report(&p, BI_BINARY_FILE, span_between(s, s + 1), NULL, 0);
		return c;
	}
	for (line = 1; line <= src->nlines; line++) {
		source_line(src, line, &s, &e);
		if (line == 1 && e - s >= 3 && memcmp(p.d, "\xEF\xBB\xBF",
		    3) == 0) {
			report(&p, BI_BYTE_ORDER_MARK, span_between(0, 3), NULL, 0);
			s += 3;
		}
		if (beyond_limit(&p, s, e))
			break;
		read_line(&p, s, e);
	}
	return c;
}

void
conf_free(struct conf *c)
{
	if (c == NULL)
		return;
	arena_free(c->strings);
	free(c->entries);
	free(c->dirs);
	free(c);
}
