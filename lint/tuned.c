/*
 * tuned.c: the sysctl options of a tuned profile.
 *
 * tuned reads a profile with Python's configparser (tuned/profiles/
 * loader.py, 2.2x: delimiters '=', inline comments '#', strict=False,
 * option names kept as written):
 *  - lines whose first non-blank character is '#' or ';' are comments,
 *    and a '#' after a blank ends a value;
 *  - "[name]" starts a section; an option before any section, or a line
 *    with no '=', fails the whole profile (MissingSectionHeaderError,
 *    ParsingError);
 *  - a line indented deeper than its option continues the option's
 *    value;
 *  - a repeated option keeps its last value.
 * The sysctl plugin (tuned/plugins/plugin_sysctl.py) takes the options
 * of the [sysctl] section, or of a section with type=sysctl, less the
 * options every unit has (tuned/profiles/unit.py); it removes one pair
 * of double quotes, expands ${variables} and ${f:functions}, and reads a
 * leading '<' or '>' as "only if lower / higher than now".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "finding.h"
#include "reader.h"
#include "source.h"
#include "tuned.h"
#include "util.h"

/* Options of every section that are no sysctl. */
static const char *const unit_options[] = {
	"cpuinfo_regex", "devices", "devices_udev_regex", "drop", "enabled",
	"priority", "replace", "script_post", "script_pre", "type",
	"uname_regex"
};

struct line {
	uint32_t	s, e;		/* without outer blanks */
	uint32_t	indent;		/* blanks before s */
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void
get_line(const struct source *src, size_t n, struct line *l)
{
	uint32_t	s, e;

	source_line(src, n, &s, &e);
	if (n == 1 && e - s >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	l->indent = 0;
	while (s < e && is_blank(src->data[s])) {
		s++;
		l->indent++;
	}
	while (e > s && is_blank(src->data[e - 1]))
		e--;
	l->s = s;
	l->e = e;
}

static bool
is_comment(const char *d, const struct line *l)
{
	return l->s == l->e || d[l->s] == '#' || d[l->s] == ';';
}

/* The value's end: before a '#' that follows a blank. */
static uint32_t
value_end(const char *d, uint32_t s, uint32_t e)
{
	uint32_t	i;

	for (i = s; i < e; i++)
		if (d[i] == '#' && i > s && is_blank(d[i - 1]))
			break;
	while (i > s && is_blank(d[i - 1]))
		i--;
	return i;
}

static bool
span_is(const char *d, uint32_t s, uint32_t e, const char *word)
{
	size_t	n = strlen(word);

	return e - s == n && memcmp(d + s, word, n) == 0;
}

static bool
has_expansion(const char *d, uint32_t s, uint32_t e)
{
	uint32_t	i;

	for (i = s; i + 1 < e; i++)
		if (d[i] == '$' && d[i + 1] == '{')
			return true;
	return false;
}

static bool
is_unit_option(const char *d, uint32_t s, uint32_t e)
{
	size_t	i;

	for (i = 0; i < ARRAY_LEN(unit_options); i++)
		if (span_is(d, s, e, unit_options[i]))
			return true;
	return false;
}

/*
 * Whether the section starting after line n is a sysctl plugin's: named
 * sysctl without a type, or typed sysctl.
 */
static bool
section_is_sysctl(const struct source *src, size_t n, uint32_t ns,
    uint32_t ne)
{
	const char	*d = src->data;
	struct line	 l;
	uint32_t	 eq, ke;

	for (n++; n <= src->nlines; n++) {
		get_line(src, n, &l);
		if (is_comment(d, &l))
			continue;
		if (d[l.s] == '[')
			break;
		for (eq = l.s; eq < l.e && d[eq] != '='; eq++)
			continue;
		for (ke = eq; ke > l.s && is_blank(d[ke - 1]); ke--)
			continue;
		if (eq < l.e && span_is(d, l.s, ke, "type")) {
			eq++;
			while (eq < l.e && is_blank(d[eq]))
				eq++;
			return span_is(d, eq, value_end(d, eq, l.e), "sysctl");
		}
	}
	return span_is(d, ns, ne, "sysctl");
}

/* Whether an indented line after line n continues its value. */
static bool
continued(const struct source *src, size_t n, uint32_t indent)
{
	struct line	l;

	for (n++; n <= src->nlines; n++) {
		get_line(src, n, &l);
		if (is_comment(src->data, &l))
			continue;
		return l.indent > indent;
	}
	return false;
}

static void
syntax(struct reader_out *out, struct span sp, const char *problem)
{
	struct msg_arg	a[] = { { "problem", problem } };

	findings_builtin(out->fs, BI_SOURCE_SYNTAX, out->src, sp, a,
	    ARRAY_LEN(a));
}

static void
read_option(struct reader_out *out, struct reader_scope *sc,
    const struct line *l, uint32_t eq, bool more)
{
	const char	*d = out->src->data;
	uint32_t	 ke = eq, vs = eq + 1, ve;
	char		*key;

	while (ke > l->s && is_blank(d[ke - 1]))
		ke--;
	while (vs < l->e && is_blank(d[vs]))
		vs++;
	ve = value_end(d, vs, l->e);
	if (is_unit_option(d, l->s, ke))
		return;
	key = xstrndup(d + l->s, ke - l->s);
	if (more)
		reader_not_judged(out, span_between(vs, ve), key, "the value goes on "
		    "on an indented line, which tuned joins to it");
	else if (has_expansion(d, vs, ve))
		reader_not_judged(out, span_between(vs, ve), key, "tuned expands "
		    "'${...}' when it applies the profile");
	else {
		if (ve - vs >= 2 && d[vs] == '"' && d[ve - 1] == '"') {
			vs++;
			ve--;
		}
		if (ve - vs > 1 && (d[vs] == '<' || d[vs] == '>'))
			vs++;
		reader_add(out, sc, span_between(l->s, l->e), span_between(l->s, ke),
		    span_between(vs, ve), READER_QUOTES);
	}
	free(key);
}

void
tuned_read(struct reader_out *out)
{
	const struct source	*src = out->src;
	const char		*d = src->data;
	struct reader_scope	*sc = reader_scope(out, NULL, UNIT_HOST);
	struct line		 l, opt = { 0, 0, 0 };
	size_t			 n;
	uint32_t		 eq, close;
	bool			 section = false, sysctl = false, in_opt = false;

	for (n = 1; n <= src->nlines; n++) {
		get_line(src, n, &l);
		if (is_comment(d, &l))
			continue;
		if (in_opt && l.indent > opt.indent)
			continue;	/* reported with its option */
		in_opt = false;
		if (d[l.s] == '[') {
			for (close = l.s; close < l.e && d[close] != ']'; close++)
				continue;
			if (close == l.e || close == l.s + 1) {
				syntax(out, span_between(l.s, l.e), "tuned cannot read "
				    "the profile: a section header is '[name]'");
				continue;
			}
			section = true;
			sysctl = section_is_sysctl(src, n, l.s + 1, close);
			continue;
		}
		for (eq = l.s; eq < l.e && d[eq] != '='; eq++)
			continue;
		if (!section || eq == l.e || eq == l.s) {
			syntax(out, span_between(l.s, l.e), !section ? "tuned cannot "
			    "read the profile: an option before any [section]" :
			    eq == l.e ? "tuned cannot read the profile: a line "
			    "that is no name = value option" : "tuned cannot "
			    "read the profile: an option without a name");
			continue;
		}
		opt = l;
		in_opt = true;
		if (sysctl)
			read_option(out, sc, &l, eq, continued(src, n,
			    l.indent));
	}
}
