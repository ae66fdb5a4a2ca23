/*
 * keycheck.c: what the key database says about one assignment.
 *
 * The kernel's rules, per handler (kernel/sysctl.c): proc_dointvec
 * takes signed 32-bit numbers, *_minmax handlers refuse (EINVAL) any
 * element outside [extra1, extra2], proc_dou8vec_minmax (5.13+) refuses
 * anything outside 0..255, unsigned handlers refuse '-'.  A vector
 * handler reads at most its count of numbers and ignores the rest; a
 * shorter write sets only the leading elements.  An empty write sets
 * nothing and fails (EINVAL).  The jiffies handlers convert first
 * (kernel/sysctl.c do_proc_dointvec_*jiffies_conv(), 4.14 to 6.18):
 * seconds must fit INT_MAX/HZ, milliseconds go through the u32 of
 * msecs_to_jiffies(), USER_HZ ticks are stored whatever they become.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "finding.h"
#include "keycheck.h"
#include "key.h"
#include "keydb.h"
#include "util.h"
#include "value.h"

struct ctx {
	struct findings		*fs;
	const struct source	*src;
	const struct conf_entry	*ent;
	const struct keydb_key	*key;
	int			 line;
	int			 snapshot;
};

/* report() at a severity the case decides rather than the rule's. */
static struct finding *
report_as(const struct ctx *c, enum builtin b, enum severity sev,
    struct span sp, const struct msg_arg *args, size_t nargs)
{
	struct finding	*f = findings_add_as(c->fs,
			    catalog_builtin(findings_catalog(c->fs), b), sev,
			    c->src, sp, args, nargs);

	if (f != NULL) {
		finding_set_key(f, c->ent->dotted);
		finding_set_value(f, c->src->data + c->ent->value.off,
		    c->ent->value.len);
	}
	return f;
}

static struct finding *
report(const struct ctx *c, enum builtin b, struct span sp,
    const struct msg_arg *args, size_t nargs)
{
	struct finding	*f = findings_builtin(c->fs, b, c->src, sp, args,
			    nargs);

	if (f != NULL) {
		finding_set_key(f, c->ent->dotted);
		finding_set_value(f, c->src->data + c->ent->value.off,
		    c->ent->value.len);
	}
	return f;
}

/* "4.14", "4.14-5.10" or "5.15 and later" for lines [from, to]. */
static void
lines_text(char *buf, size_t n, size_t from, size_t to)
{
	if (to + 1 == keydb_nlines && from > 0)
		snprintf(buf, n, "%s and later", keydb_lines[from]);
	else if (from == to)
		snprintf(buf, n, "%s", keydb_lines[from]);
	else
		snprintf(buf, n, "%s to %s", keydb_lines[from], keydb_lines[to]);
}

/*
 * The line of the entry with its line break, when the entry is all the
 * line holds; else the entry alone (a line a lone CR splits for
 * systemd holds more).
 */
static struct span
entry_line(const struct ctx *c)
{
	const char	*d = c->src->data;
	size_t		 line, col;
	uint32_t	 s, e, next;
	struct span	 sp;

	source_locate(c->src, c->ent->line.off, &line, &col);
	source_line(c->src, line, &s, &e);
	next = e < c->src->len ? e + 1 : e;
	while (s < e && (d[s] == ' ' || d[s] == '\t' || d[s] == '\r' ||
	    d[s] == '\v' || d[s] == '\f'))
		s++;
	while (e > s && (d[e - 1] == ' ' || d[e - 1] == '\t' ||
	    d[e - 1] == '\r' || d[e - 1] == '\v' || d[e - 1] == '\f'))
		e--;
	if (s != c->ent->line.off || e != c->ent->line.off + c->ent->line.len)
		return c->ent->line;
	source_line(c->src, line, &s, &e);
	sp.off = s;
	sp.len = next - s;
	return sp;
}

static void
check_unknown(const struct ctx *c)
{
	const struct keydb_gone	*g = keydb_gone(c->ent->path);
	const struct keydb_key	*s;
	char			*dotted, hint[256];
	struct msg_arg		 a[3];
	struct finding		*f;

	a[0].name = "key";
	a[0].value = c->ent->dotted;
	if (g != NULL && !c->snapshot) {
		a[1].name = "removed";
		a[1].value = g->removed;
		f = report(c, BI_REMOVED_KEY, c->ent->key, a, 2);
		if (f != NULL)
			finding_set_fix(f, entry_line(c), "delete the line", "",
			    false);
		return;
	}
	/*
	 * The nearest known key costs an edit distance to each key of the
	 * top directory: only a finding the sink kept (its rule enabled,
	 * at the reported severity, within the keep limits) gets it.
	 */
	a[1].name = "hint";
	a[1].value = "";
	/* A kernel that reports a key has it: the database lacks it. */
	f = report(c, c->snapshot ? BI_RUNNING_KEY_UNKNOWN : BI_UNKNOWN_KEY,
	    c->ent->key, a, 2);
	if (f == NULL || (s = keydb_suggest(c->ent->path)) == NULL)
		return;
	dotted = key_path_to_dotted(s->path);
	snprintf(hint, sizeof(hint), "; did you mean '%s'?", dotted);
	a[1].value = hint;
	finding_reformat(f, a, 2);
	finding_set_fix(f, c->ent->key, "use the known key", dotted, false);
	free(dotted);
}

/* Lines where the key exists: first and last, and whether all of them. */
static void
key_span(const struct keydb_key *k, size_t *first, size_t *last, bool *all)
{
	size_t	i, covered = 0;

	*first = keydb_nlines;
	*last = 0;
	for (i = 0; i < k->nranges; i++) {
		if (k->ranges[i].from < *first)
			*first = k->ranges[i].from;
		if (k->ranges[i].to > *last)
			*last = k->ranges[i].to;
		covered += (size_t)(k->ranges[i].to - k->ranges[i].from) + 1;
	}
	*all = covered >= keydb_nlines;
}

/* Reports a key absent from the target line or from some known lines. */
static bool
check_versions(const struct ctx *c)
{
	size_t		 first, last;
	bool		 all;
	char		 when[96], why[160];
	struct msg_arg	 a[3];

	key_span(c->key, &first, &last, &all);
	if (c->key->nranges == 0 || all || (c->line < 0 && c->snapshot) ||
	    (c->line >= 0 && keydb_range(c->key, (size_t)c->line) != NULL))
		return true;
	lines_text(when, sizeof(when), first, last);
	a[0].name = "key";
	a[0].value = c->ent->dotted;
	/*
	 * No target kernel: judged as the newest line would judge it, but
	 * short of an error, since some known line has the key.
	 */
	if (c->line < 0) {
		a[1].name = "lines";
		a[1].value = when;
		report_as(c, BI_VERSION_DEPENDENT_KEY, last + 1 < keydb_nlines ?
		    SEV_WARNING : SEV_NOTE, c->ent->key, a, 2);
		return true;
	}
	if ((size_t)c->line < first)
		snprintf(why, sizeof(why), "it was added after %s (known in "
		    "%s)", keydb_lines[c->line], when);
	else if ((size_t)c->line > last)
		snprintf(why, sizeof(why), "it was removed after %s",
		    keydb_lines[last]);
	else
		snprintf(why, sizeof(why), "it exists in %s, not in this line",
		    when);
	a[1].name = "kernel";
	a[1].value = keydb_lines[c->line];
	a[2].name = "why";
	a[2].value = why;
	report(c, BI_KEY_NOT_IN_KERNEL, c->ent->key, a, 3);
	return false;
}

/* A key some builds make read-only: the write fails there. */
static void
check_build_mode(const struct ctx *c, const struct keydb_range *r)
{
	char		 tok[64];
	struct msg_arg	 a[3];

	snprintf(tok, sizeof(tok), "%.*s", (int)c->ent->value.len,
	    c->src->data + c->ent->value.off);
	a[0].name = "key";
	a[0].value = c->ent->dotted;
	a[1].name = "token";
	a[1].value = tok;
	a[2].name = "when";
	a[2].value = r->cond;
	/* Most builds take the write: a fact, not a likely mistake. */
	report_as(c, BI_BUILD_DEPENDENT_VALUE, SEV_NOTE, c->ent->key, a, 3);
}

/*
 * True when the target line is version since or later (a fact "since
 * 5.18" holds from the 6.1 line on), or when there is no target.
 */
static bool
line_reaches(int line, const char *since)
{
	int	first, side = keydb_version_outside(since);

	if (line < 0 || side < 0)
		return true;
	if (side > 0)
		return false;
	first = keydb_line_for(since);
	if (strcmp(keydb_lines[first], since) != 0)
		first++;
	return line >= first;
}

static void
check_facts(const struct ctx *c, const struct keydb_range *r)
{
	struct msg_arg	a[2];

	a[0].name = "key";
	a[0].value = c->ent->dotted;
	if ((c->key->flags & KEYDB_NO_EFFECT) &&
	    line_reaches(c->line, c->key->since)) {
		a[1].name = "since";
		a[1].value = c->key->since;
		report(c, BI_NO_EFFECT_KEY, c->ent->key, a, 2);
	}
	if (c->key->flags & KEYDB_PATCH) {
		a[1].name = "patch";
		a[1].value = c->key->patch;
		report(c, BI_PATCH_KEY, c->ent->key, a, 2);
	}
	if (c->key->flags & KEYDB_ACTION) {
		a[1].name = "action";
		a[1].value = c->key->action;
		report(c, BI_ACTION_KEY, c->ent->line, a, 2);
	}
	if (c->key->module != NULL) {
		a[1].name = "module";
		a[1].value = c->key->module;
		report(c, BI_MODULE_KEY, c->ent->key, a, 2);
	}
	if (r != NULL && (r->mode & 0222) == 0)
		report(c, BI_READ_ONLY_KEY, c->ent->key, a, 1);
	else if (r != NULL && r->cond != NULL && r->cmode != 0 &&
	    (r->cmode & 0222) == 0)
		check_build_mode(c, r);
}

static bool
is_numeric(const struct keydb_range *r)
{
	switch ((enum keydb_type)r->type) {
	case KT_INT:
	case KT_UINT:
	case KT_U8:
	case KT_ULONG:
	case KT_BOOL:
	case KT_JIFFIES:
	case KT_MS_JIFFIES:
	case KT_USERHZ:
		return true;
	case KT_STRING:
	case KT_BITMAP:
	case KT_CUSTOM:
		return false;
	}
	return false;
}

/* HZ values a kernel may be built with (x86 Kconfig), lowest first. */
static const int64_t hz_choices[] = { 100, 250, 300, 1000 };
#define HZ_LOWEST	100
#define INT_LIMIT	2147483647LL

/* The bounds the handler enforces at every HZ, type limits included. */
static void
bounds(const struct keydb_range *r, int64_t *lo, int64_t *hi, bool *has_hi)
{
	*has_hi = true;
	switch ((enum keydb_type)r->type) {
	case KT_U8:
		*lo = 0;
		*hi = 255;
		break;
	case KT_UINT:
		*lo = 0;
		*hi = 4294967295LL;
		break;
	case KT_ULONG:
	case KT_USERHZ:
		*lo = r->type == KT_ULONG ? 0 : INT64_MIN;
		*has_hi = false;
		*hi = 0;
		break;
	case KT_JIFFIES:
		*lo = -(INT_LIMIT / HZ_LOWEST);
		*hi = INT_LIMIT / HZ_LOWEST;
		break;
	case KT_MS_JIFFIES:
		*lo = 0;
		*hi = INT_LIMIT;
		break;
	case KT_INT:
	case KT_BOOL:
	case KT_STRING:
	case KT_BITMAP:
	case KT_CUSTOM:
		*lo = -2147483648LL;
		*hi = INT_LIMIT;
		break;
	}
	if ((r->bounded & KEYDB_MIN) && r->lo > *lo)
		*lo = r->lo;
	if ((r->bounded & KEYDB_MAX) && (!*has_hi || r->hi < *hi)) {
		*hi = r->hi;
		*has_hi = true;
	}
}

/* The token as a signed 64-bit number; false past that range. */
static bool
token_value(const struct value_token *t, int64_t *v)
{
	if (t->overflow || t->magnitude > 9223372036854775807ULL)
		return false;
	*v = t->negative ? -(int64_t)t->magnitude : (int64_t)t->magnitude;
	return true;
}

/*
 * The milliseconds msecs_to_jiffies() sees: the kernel negates the
 * unsigned long it parsed and passes it as an unsigned int.
 */
static uint32_t
ms_seen(const struct value_token *t)
{
	return (uint32_t)(t->negative ? 0 - t->magnitude : t->magnitude);
}

/* Is token t refused by range r at every HZ?  Sets the bounds. */
static bool
refused(const struct keydb_range *r, const struct value_token *t,
    int64_t *lo, int64_t *hi, bool *has_hi)
{
	int64_t	v;

	bounds(r, lo, hi, has_hi);
	if (t->overflow)
		return true;
	if (r->type == KT_MS_JIFFIES)	/* past the int: see altered() */
		return ms_seen(t) > INT_LIMIT || ms_seen(t) < *lo ||
		    ms_seen(t) > *hi;
	if (!token_value(t, &v))
		return t->negative || *has_hi;
	return v < *lo || (*has_hi && v > *hi);
}

/*
 * USER_HZ ticks (1/100 s) as the jiffies of a build: clock_t_to_jiffies()
 * multiplies and truncates (include/linux/jiffies.h, kernel/time/time.c).
 */
static uint64_t
userhz_to_jiffies(uint64_t v, int64_t hz)
{
	return v > UINT64_MAX / (uint64_t)hz ? UINT64_MAX : v * (uint64_t)hz / 100;
}

/*
 * What a build reads back for a value it stores in whole ticks, or -1
 * when the ticks overflow the int they are kept in.  Milliseconds round
 * up to a tick and back up to a millisecond (msecs_to_jiffies(),
 * jiffies_to_msecs()); USER_HZ ticks truncate both ways
 * (clock_t_to_jiffies(), jiffies_to_clock_t()).
 */
static int64_t
tick_readback(const struct keydb_range *r, uint64_t v, int64_t hz)
{
	uint64_t	j;

	if (r->type == KT_MS_JIFFIES) {
		j = (v * (uint64_t)hz + 999) / 1000;
		return (int64_t)((j * 1000 + (uint64_t)hz - 1) / (uint64_t)hz);
	}
	j = userhz_to_jiffies(v, hz);
	if (j > INT_LIMIT)
		return -1;
	return (int64_t)(j * 100 / (uint64_t)hz);
}

/* Builds named first when a value's ticks differ: Debian's and Ubuntu's. */
static const int64_t hz_named[] = { 250, 100, 300 };

/*
 * A value every build accepts may still be refused by some: the lowest
 * HZ refusing a jiffies value (0 if none), or the range's own
 * condition.  Writes what refuses it into why.
 */
static bool
refused_by_build(const struct keydb_range *r, const struct value_token *t,
    char *why, size_t n)
{
	int64_t	v;
	size_t	i;

	if (!token_value(t, &v))
		v = INT64_MAX;
	for (i = 0; i < ARRAY_LEN(hz_choices); i++) {
		int64_t	hz = hz_choices[i];

		if (r->type == KT_JIFFIES &&
		    (v > INT_LIMIT / hz || v < -(INT_LIMIT / hz))) {
			snprintf(why, n, "when CONFIG_HZ is %lld or more",
			    (long long)hz);
			return true;
		}
	}
	if (r->cond == NULL || (r->cbounded == 0))
		return false;
	if ((r->cbounded & KEYDB_MIN) && v < r->clo) {
		if (r->cbounded & KEYDB_MAX)
			snprintf(why, n, "%s (range %lld..%lld there)", r->cond,
			    (long long)r->clo, (long long)r->chi);
		else
			snprintf(why, n, "%s (minimum %lld there)", r->cond,
			    (long long)r->clo);
		return true;
	}
	if ((r->cbounded & KEYDB_MAX) && v > r->chi) {
		if (r->cbounded & KEYDB_MIN)
			snprintf(why, n, "%s (range %lld..%lld there)", r->cond,
			    (long long)r->clo, (long long)r->chi);
		else
			snprintf(why, n, "%s (maximum %lld there)", r->cond,
			    (long long)r->chi);
		return true;
	}
	return false;
}

/*
 * A value accepted but stored as something else, and how bad that is:
 * a bool's number other than 0 and 1 (kernel/sysctl.c
 * do_proc_dobool_conv()), milliseconds past the u32 msecs_to_jiffies()
 * takes, USER_HZ ticks whose jiffies overflow the int they are kept in
 * (the handler stores the wrapped number, or since 6.18's converters
 * refuses it: at HZ=100 past INT_MAX ticks, so at every HZ, an error),
 * and values that are no whole number of ticks of some HZ.  A tick
 * rounding that moves the value by less than half is a note: 250 ms
 * kept as 252 ms at HZ=250 is what was meant.
 */
static bool
altered(const struct keydb_range *r, const struct value_token *t,
    char *stored, size_t n, enum severity *sev)
{
	int64_t		v, back;
	uint64_t	m, diff;
	size_t		i;

	*sev = SEV_WARNING;
	if (t->overflow)
		return false;
	/* proc_dobool keeps only whether the number is zero. */
	if (r->type == KT_BOOL) {
		if (t->magnitude <= 1 && !(t->negative && t->magnitude == 1))
			return false;
		snprintf(stored, n, "1 (a bool keeps only whether it is 0)");
		return true;
	}
	if (r->type == KT_MS_JIFFIES && !(token_value(t, &v) && v >= 0 &&
	    v <= INT_LIMIT)) {
		*sev = SEV_ERROR;	/* at every HZ */
		snprintf(stored, n, "%lu ms (msecs_to_jiffies() takes 32 bits)",
		    (unsigned long)ms_seen(t));
		return true;
	}
	if (r->type != KT_USERHZ && r->type != KT_MS_JIFFIES)
		return false;
	if (t->negative) {
		snprintf(stored, n, "-1 jiffies");
		return true;
	}
	m = t->magnitude;
	if (r->type == KT_USERHZ && userhz_to_jiffies(m, HZ_LOWEST) > INT_LIMIT) {
		*sev = SEV_ERROR;
		snprintf(stored, n, "another number, or refuses it, at any HZ "
		    "(its jiffies overflow an int)");
		return true;
	}
	for (i = 0; i < ARRAY_LEN(hz_choices); i++)
		if (r->type == KT_USERHZ &&
		    tick_readback(r, m, hz_choices[i]) < 0) {
			snprintf(stored, n, "another number, or refuses it, when "
			    "CONFIG_HZ is %lld or more (its jiffies overflow an "
			    "int)", (long long)hz_choices[i]);
			return true;
		}
	for (i = 0; i < ARRAY_LEN(hz_named); i++) {
		back = tick_readback(r, m, hz_named[i]);
		if (back == (int64_t)m)
			continue;
		diff = back > (int64_t)m ? (uint64_t)back - m :
		    m - (uint64_t)back;
		if (back != 0 && diff * 2 < m)
			*sev = SEV_NOTE;
		snprintf(stored, n, "%lld when CONFIG_HZ is %lld (whole ticks "
		    "of %s ms%s)", (long long)back, (long long)hz_named[i],
		    hz_named[i] == 250 ? "4" : hz_named[i] == 100 ? "10" : "3.3",
		    r->type == KT_USERHZ ? ", read in 1/100 s" : "");
		return true;
	}
	return false;
}

/*
 * The bound nearest to a number every line in scope refuses, which is
 * a guess at what was meant (65536 for the last port, 65535): false
 * when there is none to name.
 */
static bool
nearest_bound(const struct keydb_range *r, const struct value_token *t,
    int64_t lo, int64_t hi, bool has_hi, int64_t *out)
{
	int64_t	v;

	if (r->type == KT_MS_JIFFIES)	/* its refusals wrap: see altered() */
		return false;
	if (!token_value(t, &v))
		v = t->negative ? INT64_MIN : INT64_MAX;
	if (v < lo)
		*out = lo;
	else if (has_hi && v > hi)
		*out = hi;
	else
		return false;
	return true;
}

static void
report_range(const struct ctx *c, const struct value_token *t,
    const struct keydb_range *r, const char *kernel_text, int64_t lo,
    int64_t hi, bool has_hi, enum severity sev)
{
	char		 tok[64], range[96], near[32];
	struct msg_arg	 a[4];
	struct span	 sp = { c->ent->value.off + t->off, t->len };
	struct finding	*f;
	int64_t		 b;

	snprintf(tok, sizeof(tok), "%.*s", (int)t->len,
	    c->src->data + c->ent->value.off + t->off);
	if (has_hi)
		snprintf(range, sizeof(range), "%lld..%lld", (long long)lo,
		    (long long)hi);
	else
		snprintf(range, sizeof(range), "%lld or more", (long long)lo);
	a[0].name = "key";
	a[0].value = c->ent->dotted;
	a[1].name = "token";
	a[1].value = tok;
	a[2].name = "range";
	a[2].value = range;
	a[3].name = "kernel";
	a[3].value = kernel_text;
	f = report_as(c, BI_VALUE_OUT_OF_RANGE, sev, sp, a, 4);
	/* Only where every line in scope refuses the number. */
	if (f != NULL && sev == SEV_ERROR &&
	    nearest_bound(r, t, lo, hi, has_hi, &b)) {
		snprintf(near, sizeof(near), "%lld", (long long)b);
		finding_set_fix(f, sp, "use the nearest number the kernel "
		    "accepts", near, false);
	}
}

/*
 * A number every line in scope accepts may still be refused by some
 * builds, or stored as another number: at most a warning, naming what
 * it depends on.  The newest range in scope speaks for the others.
 */
static void
check_build(const struct ctx *c, const struct value_token *t,
    const struct keydb_range *r)
{
	char		 tok[64], why[160];
	struct msg_arg	 a[3];
	struct span	 sp = { c->ent->value.off + t->off, t->len };
	enum builtin	 b;
	enum severity	 sev = SEV_WARNING;

	if (refused_by_build(r, t, why, sizeof(why)))
		b = BI_BUILD_DEPENDENT_VALUE;
	else if (altered(r, t, why, sizeof(why), &sev))
		b = BI_VALUE_NOT_STORED;
	else
		return;
	snprintf(tok, sizeof(tok), "%.*s", (int)t->len,
	    c->src->data + c->ent->value.off + t->off);
	a[0].name = "key";
	a[0].value = c->ent->dotted;
	a[1].name = "token";
	a[1].value = tok;
	a[2].name = b == BI_VALUE_NOT_STORED ? "stored" : "when";
	a[2].value = why;
	if (b == BI_VALUE_NOT_STORED && sev != SEV_WARNING)
		report_as(c, b, sev, sp, a, 3);
	else
		report(c, b, sp, a, 3);
}

/*
 * Checks each number against every line the finding concerns: the
 * target line, or else all known lines, naming those that refuse it.
 * A key's ranges are in order and disjoint (tools/keydb-gen.c makes
 * sure), so each range is judged once.  With no target, a value is an
 * error only when every line that has the key refuses it, a warning
 * when the newest of them does, and a note when only older ones do.
 */
static void
check_range(const struct ctx *c, const struct value *v, size_t count)
{
	size_t			 i, ri, first, last, nref, nin;
	const struct keydb_range *r, *last_r, *newest;
	bool			 newest_refuses;
	enum severity		 sev;
	int64_t			 lo = 0, hi = 0;
	bool			 has_hi = false;
	char			 text[96];

	for (i = 0; i < v->n && (count == 0 || i < count); i++) {
		if (!v->tok[i].number)
			continue;
		nref = nin = 0;
		first = last = 0;
		last_r = newest = NULL;
		newest_refuses = false;
		for (ri = 0; ri < c->key->nranges; ri++) {
			r = &c->key->ranges[ri];
			if (c->line >= 0 && (r->from > (size_t)c->line ||
			    r->to < (size_t)c->line))
				continue;
			if (!is_numeric(r))
				continue;
			newest = r;
			nin++;
			newest_refuses = refused(r, &v->tok[i], &lo, &hi,
			    &has_hi);
			if (!newest_refuses)
				continue;
			if (nref++ == 0)
				first = r->from;
			last = r->to;
			last_r = r;
		}
		if (nref == 0) {
			if (newest != NULL)
				check_build(c, &v->tok[i], newest);
			continue;
		}
		sev = c->line >= 0 || nref == nin ? SEV_ERROR :
		    newest_refuses ? SEV_WARNING : SEV_NOTE;
		if (c->line >= 0)
			snprintf(text, sizeof(text), "Linux %s",
			    keydb_lines[c->line]);
		else {
			lines_text(text + 6, sizeof(text) - 6, first, last);
			memcpy(text, "Linux ", 6);
		}
		bounds(last_r, &lo, &hi, &has_hi);
		report_range(c, &v->tok[i], last_r, text, lo, hi, has_hi, sev);
	}
}

static bool
has_non_ascii(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/* Is v one of the space-separated numbers of domain? */
static bool
in_domain(const char *domain, int64_t v)
{
	const char	*p = domain;
	char		*end;
	long long	 d;

	while (*p != '\0') {
		d = strtoll(p, &end, 10);
		if (end == p)
			return false;
		if (d == v)
			return true;
		p = end;
		while (*p == ' ')
			p++;
	}
	return false;
}

/*
 * A value the kernel takes but documents no meaning for: it acts as one
 * of the documented ones (rp_filter = 3 is loose validation), almost
 * surely not what was meant.  Values the range refuses have their own
 * finding.
 */
static void
check_domain(const struct ctx *c, const struct keydb_range *r,
    const struct value *v)
{
	int64_t			 n, lo, hi;
	bool			 has_hi;
	char			 num[32];
	const struct msg_arg	 a[] = {
		{ "key", c->ent->dotted },
		{ "value", num },
		{ "values", c->key->domain_text },
		{ "otherwise", c->key->otherwise },
	};
	struct span		 sp;

	if (c->key->domain == NULL || v->n != 1 || !v->tok[0].number ||
	    refused(r, &v->tok[0], &lo, &hi, &has_hi) ||
	    !token_value(&v->tok[0], &n) || in_domain(c->key->domain, n))
		return;
	snprintf(num, sizeof(num), "%lld", (long long)n);
	sp.off = c->ent->value.off + v->tok[0].off;
	sp.len = v->tok[0].len;
	/*
	 * A switch tested only for zero is on, which is what a number
	 * other than 1 was most likely meant to say: a fact, not a mistake.
	 */
	report_as(c, BI_UNDOCUMENTED_VALUE, strcmp(c->key->domain, "0 1") == 0 ?
	    SEV_NOTE : SEV_WARNING, sp, a, ARRAY_LEN(a));
}

static void
check_snapshot_domain(const struct ctx *c, const struct keydb_range *r)
{
	struct value	v;

	if (c->key->domain == NULL || c->ent->value.len > CONF_MAX_VALUE)
		return;
	value_split_max(c->src->data + c->ent->value.off, c->ent->value.len,
	    2, &v);
	check_domain(c, r, &v);
	value_free(&v);
}

static void
check_value(const struct ctx *c, const struct keydb_range *r)
{
	struct value	 v;
	const char	*text = c->src->data + c->ent->value.off;
	size_t		 i, count = r->count;
	char		 tok[64], num[32];
	struct msg_arg	 a[3];
	struct span	 sp;

	if (!is_numeric(r))
		return;
	a[0].name = "key";
	a[0].value = c->ent->dotted;
	/* A numeric handler that read no number fails the write. */
	if (c->ent->value.len == 0) {
		a[1].name = "token";
		a[1].value = "";
		report(c, BI_NOT_A_NUMBER, c->ent->value, a, 2);
		return;
	}
	/*
	 * Too long values (the kernel takes no such write), quoted values
	 * and pasted text have findings of their own.
	 */
	if (c->ent->value.len > CONF_MAX_VALUE || text[0] == '"' ||
	    text[0] == '\'')
		return;
	/* The handler reads count numbers: one more tells a longer value. */
	value_split_max(text, c->ent->value.len, count > 0 ? count + 1 :
	    SIZE_MAX, &v);
	for (i = 0; i < v.n && (count == 0 || i < count); i++) {
		const struct value_token *t = &v.tok[i];

		/* Non-ASCII text has a syntax finding of its own. */
		if (has_non_ascii(text + t->off, t->len))
			continue;
		if (t->number && !(t->octal && t->magnitude >= 8))
			continue;
		sp.off = c->ent->value.off + t->off;
		sp.len = t->len;
		snprintf(tok, sizeof(tok), "%.*s", (int)t->len, text + t->off);
		a[1].name = "token";
		a[1].value = tok;
		report(c, t->number ? BI_OCTAL_VALUE : BI_NOT_A_NUMBER, sp,
		    a, 2);
	}
	if (count > 0 && v.n != count && (v.n < count ||
	    v.tok[count].number)) {
		snprintf(num, sizeof(num), "%zu", count);
		a[1].name = "count";
		a[1].value = num;
		snprintf(tok, sizeof(tok), "%zu", v.n <= count ? v.n :
		    value_count(text, c->ent->value.len));
		a[2].name = "given";
		a[2].value = tok;
		/*
		 * Fewer numbers set the first fields and keep the others:
		 * where each field is a setting of its own, that is how
		 * `kernel.printk = 4` sets only the console level.
		 */
		report_as(c, BI_VALUE_COUNT, v.n < count &&
		    (c->key->flags & KEYDB_FIELDS) ? SEV_NOTE : SEV_WARNING,
		    c->ent->value, a, 3);
	}
	check_range(c, &v, count);
	check_domain(c, r, &v);
	value_free(&v);
}

/* Is word[0, n) one of the space-separated words? */
static bool
known_word(const char *words, const char *word, size_t n, bool prefix)
{
	const char	*w = words, *end;
	size_t		 wl;

	while (*w != '\0') {
		end = strchr(w, ' ');
		wl = end != NULL ? (size_t)(end - w) : strlen(w);
		if (prefix ? n >= wl && memcmp(w, word, wl) == 0 :
		    n == wl && memcmp(w, word, n) == 0)
			return true;
		w += wl;
		if (*w == ' ')
			w++;
	}
	return false;
}

static void
report_word(const struct ctx *c, const struct keydb_range *r,
    struct span sp)
{
	char		 tok[64];
	struct msg_arg	 a[3];

	snprintf(tok, sizeof(tok), "%.*s", (int)sp.len, c->src->data +
	    sp.off);
	a[0].name = "key";
	a[0].value = c->ent->dotted;
	a[1].name = "token";
	a[1].value = tok;
	a[2].name = "words";
	a[2].value = r->words;
	report(c, BI_UNKNOWN_WORD, sp, a, 3);
}

/*
 * proc_dostring keeps what fits its buffer, less the NUL, and drops the
 * rest without an error (kernel/sysctl.c _proc_do_string(), 4.14 to
 * 6.18): a core_pattern of 200 characters is cut after 127.
 */
static void
check_length(const struct ctx *c, const struct keydb_range *r)
{
	const char	*text = c->src->data + c->ent->value.off;
	char		 tok[64], stored[96];
	struct msg_arg	 a[3];

	if (r->type != KT_STRING || r->maxlen == 0 ||
	    c->ent->value.len < r->maxlen || text[0] == '"' || text[0] == '\'')
		return;
	snprintf(tok, sizeof(tok), "%.32s...", text);
	snprintf(stored, sizeof(stored), "only its first %u characters (the "
	    "buffer holds %u bytes)", (unsigned)r->maxlen - 1u,
	    (unsigned)r->maxlen);
	a[0].name = "key";
	a[0].value = c->ent->dotted;
	a[1].name = "token";
	a[1].value = tok;
	a[2].name = "stored";
	a[2].value = stored;
	report(c, BI_VALUE_NOT_STORED, c->ent->value, a, 3);
}

/* String keys whose handler looks the value up in a fixed set. */
static void
check_words(const struct ctx *c, const struct keydb_range *r)
{
	const char	*text = c->src->data + c->ent->value.off;
	struct value	 v;
	struct span	 sp;
	struct in6_addr	 a6;
	size_t		 i;

	/* Quoted and too long values have findings of their own. */
	if (text[0] == '"' || text[0] == '\'' ||
	    c->ent->value.len > CONF_MAX_VALUE)
		return;
	if (r->match == KM_IPV6) {
		char	addr[64];

		/* in6_pton() and inet_pton() read the same text forms. */
		snprintf(addr, sizeof(addr), "%.*s", (int)c->ent->value.len,
		    text);
		if (c->ent->value.len >= sizeof(addr) ||
		    inet_pton(AF_INET6, addr, &a6) != 1)
			report_word(c, r, c->ent->value);
		return;
	}
	if (r->match != KM_EACH) {
		if (!known_word(r->words, text, c->ent->value.len,
		    r->match == KM_PREFIX))
			report_word(c, r, c->ent->value);
		return;
	}
	value_split(text, c->ent->value.len, &v);
	for (i = 0; i < v.n; i++)
		if (!known_word(r->words, text + v.tok[i].off, v.tok[i].len,
		    false)) {
			sp.off = c->ent->value.off + v.tok[i].off;
			sp.len = v.tok[i].len;
			report_word(c, r, sp);
		}
	value_free(&v);
}

/*
 * A bitmap (proc_do_large_bitmap) is a comma list of numbers and a-b
 * ranges, each below the bitmap's size (the range's maximum), or
 * nothing, which clears it.
 */
static void
check_bitmap(const struct ctx *c, const struct keydb_range *r)
{
	const char	*text = c->src->data + c->ent->value.off;
	size_t		 n = c->ent->value.len, i = 0;
	struct value_token t;
	struct msg_arg	 a[2];
	char		 tok[64], kernel[96];

	if (text[0] == '"' || text[0] == '\'')
		return;	/* quoted values have a finding of their own */
	while (i < n) {
		memset(&t, 0, sizeof(t));
		t.off = (uint32_t)i;
		for (; i < n && text[i] >= '0' && text[i] <= '9'; i++)
			if (t.magnitude > (UINT64_MAX - 9) / 10)
				t.overflow = true;
			else
				t.magnitude = t.magnitude * 10 +
				    (uint64_t)(text[i] - '0');
		t.len = (uint32_t)(i - t.off);
		t.number = t.len > 0;
		if (!t.number || (i < n && text[i] != ',' && text[i] != '-')) {
			struct span sp = { c->ent->value.off + t.off,
			    (uint32_t)(n - t.off) };

			snprintf(tok, sizeof(tok), "%.*s", (int)sp.len,
			    text + t.off);
			a[0].name = "key";
			a[0].value = c->ent->dotted;
			a[1].name = "token";
			a[1].value = tok;
			report(c, BI_NOT_A_NUMBER, sp, a, 2);
			return;
		}
		if ((r->bounded & KEYDB_MAX) && (t.overflow ||
		    t.magnitude > (uint64_t)r->hi)) {
			if (c->line >= 0)
				snprintf(kernel, sizeof(kernel), "Linux %s",
				    keydb_lines[c->line]);
			else {
				memcpy(kernel, "Linux ", 6);
				lines_text(kernel + 6, sizeof(kernel) - 6,
				    r->from, r->to);
			}
			report_range(c, &t, r, kernel, 0, r->hi, true,
			    c->line >= 0 || (r->from == 0 &&
			    (size_t)r->to + 1 == keydb_nlines) ? SEV_ERROR :
			    SEV_WARNING);
			return;
		}
		if (i < n)
			i++;
	}
}

/* A name the kernel gives (eth0, wlan1), which predictable naming replaces. */
static bool
kernel_device_name(const char *name)
{
	size_t	n = strncmp(name, "eth", 3) == 0 ? 3 :
		    strncmp(name, "wlan", 4) == 0 ? 4 : 0;

	return n > 0 && name[n] >= '0' && name[n] <= '9';
}

/*
 * A key of one named interface, through the per-device template: it
 * does something only where an interface of that name exists, which
 * predictable names (enp3s0, ens5) make rare for eth0 and the like.
 */
static void
check_device(const struct ctx *c)
{
	const char	*holder, *dev, *end;
	char		 name[64];
	size_t		 n;
	struct msg_arg	 a[2];

	if (!(c->key->flags & KEYDB_TEMPLATE) ||
	    (holder = strstr(c->key->path, "<dev>")) == NULL || strncmp(c->key->path, c->ent->path,
	    (size_t)(holder - c->key->path)) != 0)
		return;
	dev = c->ent->path + (holder - c->key->path);
	end = strchr(dev, '/');
	n = end != NULL ? (size_t)(end - dev) : strlen(dev);
	if (n >= sizeof(name))
		n = sizeof(name) - 1;
	memcpy(name, dev, n);
	name[n] = '\0';
	/*
	 * Only the kernel's own names, which udev's predictable naming
	 * replaces; a name someone chose (bond0, br-lan, enp3s0) is
	 * presumably the name of an interface that exists.
	 */
	if (!kernel_device_name(name))
		return;
	a[0].name = "key";
	a[0].value = c->ent->dotted;
	a[1].name = "device";
	a[1].value = name;
	report(c, BI_DEVICE_KEY, c->ent->key, a, 2);
}

void
keycheck_entry(struct findings *fs, const struct source *src,
    const struct conf_entry *ent, int line, int snapshot)
{
	struct ctx		 c;
	const struct keydb_range *r;
	struct msg_arg		 a[1];

	/* Keys the syntax checks already rejected are not looked up. */
	if (ent->kind != CONF_ASSIGN || (ent->key.len == 0 &&
	    !ent->key_is_file) || !ent->printable)
		return;
	c.fs = fs;
	c.src = src;
	c.ent = ent;
	c.line = line;
	c.snapshot = snapshot;
	if (ent->glob) {
		if (!keydb_glob_matches(ent->path)) {
			a[0].name = "key";
			a[0].value = ent->dotted;
			report(&c, BI_GLOB_MATCHES_NOTHING, ent->key, a, 1);
		}
		return;
	}
	if ((c.key = keydb_lookup_hashed(ent->path, ent->hash)) == NULL) {
		check_unknown(&c);
		return;
	}
	if (!snapshot)
		check_device(&c);
	if (!check_versions(&c))
		return;
	r = keydb_range(c.key, line >= 0 ? (size_t)line :
	    c.key->ranges[c.key->nranges - 1].to);
	/* What a running value means is judged; whether it fits is not. */
	if (snapshot) {
		if (r != NULL && is_numeric(r))
			check_snapshot_domain(&c, r);
		return;
	}
	check_facts(&c, r);
	if (r == NULL || (r->mode & 0222) == 0)
		return;
	check_length(&c, r);
	if (r->type == KT_BITMAP)
		check_bitmap(&c, r);
	else if (r->words != NULL)
		check_words(&c, r);
	else
		check_value(&c, r);
}
