/*
 * keydb-gen: compiles the key database (rules/keys.json, format 1) and
 * its curated overlay (rules/key-facts.json) into the C tables of
 * include/keydb_data.h, so that sysctl-lint parses no JSON at run time.
 *
 * Usage: keydb-gen KEYS.json FACTS.json [DOCS.json] > keydb_data.c
 * DOCS.json (rules/key-docs.json, tools/keydb/docs.py) names the kernel
 * document and section of each key.
 * Fails (exit 1, naming the file and the key) on malformed data, and
 * when the overlay names a key the harvest does not have, unless the
 * overlay entry describes the key itself (a distribution patch).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "key.h"

struct range {
	int		 from, to;
	const char	*type;
	int		 count;
	unsigned	 mode;
	const cJSON	*min, *max, *def;
	const char	*handler;
	/* {"when": TEXT, "min": N, "max": N, "mode": "0444"}, or NULL */
	const cJSON	*cond;
	/* {"match": "whole" | "prefix" | "each", "words": [...]}, or NULL */
	const cJSON	*values;
	int		 maxlen;	/* a string's buffer; 0 = unknown */
	/* The version object: src, netns, module, kconfig, config there. */
	const cJSON	*obj;
};

struct key {
	char		*path;
	const char	*src, *module, *kconfig, *config, *note, *since;
	const char	*action, *patch, *netns, *doc, *doc_section;
	/* [[N, "meaning"], ...] and what other values act as, or NULL */
	const cJSON	*domain;
	const char	*otherwise;
	char		*clears;	/* path of the key a write zeroes */
	int		 flags;
	struct range	*ranges;
	int		 nranges;
};

static const char *const types[] = {
	"int", "uint", "u8", "ulong", "bool", "jiffies", "ms_jiffies",
	"userhz_jiffies", "string", "bitmap", "custom", NULL
};
static const char *const type_enums[] = {
	"KT_INT", "KT_UINT", "KT_U8", "KT_ULONG", "KT_BOOL", "KT_JIFFIES",
	"KT_MS_JIFFIES", "KT_USERHZ", "KT_STRING", "KT_BITMAP", "KT_CUSTOM"
};

static const char	*lines[32];
static int		 nlines;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
    noreturn));

static void
die(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "keydb-gen: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static cJSON *
load(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;
	cJSON	*root;

	if (f == NULL)
		die("cannot open '%s'%s", path, "");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die("cannot read '%s'%s", path, "");
	buf[n] = '\0';
	fclose(f);
	if ((root = cJSON_Parse(buf)) == NULL)
		die("%s: invalid JSON near '%.40s'", path, cJSON_GetErrorPtr());
	free(buf);
	return root;
}

static const char *
str(const cJSON *obj, const char *member)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(obj, member);

	return cJSON_IsString(it) ? it->valuestring : NULL;
}

static int
line_index(const char *v, const char *key)
{
	int	i;

	if (v == NULL)
		return nlines - 1;
	for (i = 0; i < nlines; i++)
		if (strcmp(lines[i], v) == 0)
			return i;
	die("key '%s': unknown kernel line '%s'", key, v);
	return -1;
}

/* Dotted name to /proc/sys path: swap '.' and '/'. */
static char *
to_path(const char *dotted)
{
	char	*p = strdup(dotted), *q;

	for (q = p; *q != '\0'; q++)
		if (*q == '.')
			*q = '/';
		else if (*q == '/')
			*q = '.';
	return p;
}

static void
put_cstr(const char *s)
{
	if (s == NULL) {
		fputs("NULL", stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F)
			printf("\\%03o", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

/*
 * A bound as a number, if it is one (a formula is not).  A double holds
 * integers exactly up to 2^53: past that the JSON must give the number
 * as a string (LONG_MAX read as a double is 2^63, which is no int64_t).
 */
static int
numeric(const cJSON *v, long long *out, const char *key)
{
	char	*end;

	if (cJSON_IsNumber(v)) {
		if (v->valuedouble > 9007199254740992.0 ||
		    v->valuedouble < -9007199254740992.0)
			die("key '%s': %s: integers past 2^53 must be strings",
			    key, cJSON_PrintUnformatted(v));
		*out = (long long)v->valuedouble;
		return v->valuedouble == (double)*out;
	}
	if (cJSON_IsString(v) && v->valuestring[0] != '\0') {
		errno = 0;
		*out = strtoll(v->valuestring, &end, 0);
		return *end == '\0' && errno == 0;
	}
	return 0;
}

/* An int64_t initialiser; the most negative one has no literal. */
static void
put_int64(long long v)
{
	if (v == LLONG_MIN)
		printf("(-9223372036854775807LL - 1), ");
	else
		printf("%lldLL, ", v);
}

/* A bound or default: a JSON number or string, printed as a C string. */
static void
put_scalar(const cJSON *v)
{
	char	buf[64];

	if (v == NULL || cJSON_IsNull(v))
		fputs("NULL", stdout);
	else if (cJSON_IsString(v))
		put_cstr(v->valuestring);
	else if (cJSON_IsNumber(v)) {
		if (v->valuedouble == (double)(long long)v->valuedouble)
			snprintf(buf, sizeof(buf), "%lld",
			    (long long)v->valuedouble);
		else
			snprintf(buf, sizeof(buf), "%.17g", v->valuedouble);
		put_cstr(buf);
	} else
		fputs("NULL", stdout);
}

static const char *
match_enum(const char *m)
{
	if (m == NULL)
		return NULL;
	if (strcmp(m, "whole") == 0)
		return "KM_WHOLE";
	if (strcmp(m, "prefix") == 0)
		return "KM_PREFIX";
	if (strcmp(m, "each") == 0)
		return "KM_EACH";
	if (strcmp(m, "ipv6") == 0)
		return "KM_IPV6";
	return NULL;
}

/* The words of a "values" object, one space between them. */
static void
put_words(const cJSON *values)
{
	const cJSON	*w;
	int		 n = 0;

	if (values == NULL) {
		fputs("NULL, KM_NONE", stdout);
		return;
	}
	/* The set is every address; the words say so in findings. */
	if (strcmp(str(values, "match"), "ipv6") == 0) {
		fputs("\"an IPv6 address\", KM_IPV6", stdout);
		return;
	}
	putchar('"');
	cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(values,
	    "words")) {
		if (!cJSON_IsString(w) || w->valuestring[0] == '\0' ||
		    strpbrk(w->valuestring, " \t\"\\") != NULL)
			die("a word of \"values\" is no plain word%s%s", "",
			    "");
		printf("%s%s", n++ > 0 ? " " : "", w->valuestring);
	}
	printf("\", %s", match_enum(str(values, "match")));
}

static void
read_ranges(struct key *k, const cJSON *versions, const char *name)
{
	const cJSON	*v;
	int		 i = 0;

	k->nranges = cJSON_GetArraySize(versions);
	k->ranges = calloc((size_t)k->nranges + 1, sizeof(struct range));
	cJSON_ArrayForEach(v, versions) {
		struct range	*r = &k->ranges[i++];
		const cJSON	*c = cJSON_GetObjectItemCaseSensitive(v, "count");
		const char	*mode = str(v, "mode");
		int		 t;

		r->from = line_index(str(v, "from") != NULL ? str(v, "from") :
		    lines[0], name);
		r->to = line_index(str(v, "to"), name);
		r->type = str(v, "type") != NULL ? str(v, "type") : "custom";
		/* A tuple is checked element by element, by its type. */
		if (strcmp(r->type, "tuple") == 0)
			r->type = str(v, "elem") != NULL ? str(v, "elem") :
			    "int";
		for (t = 0; types[t] != NULL; t++)
			if (strcmp(types[t], r->type) == 0)
				break;
		if (types[t] == NULL)
			r->type = "custom";
		r->count = cJSON_IsNumber(c) ? c->valueint : 0;
		r->mode = mode != NULL ? (unsigned)strtoul(mode, NULL, 8) :
		    0644;
		r->min = cJSON_GetObjectItemCaseSensitive(v, "min");
		r->max = cJSON_GetObjectItemCaseSensitive(v, "max");
		r->def = cJSON_GetObjectItemCaseSensitive(v, "default");
		r->handler = str(v, "handler");
		r->cond = cJSON_GetObjectItemCaseSensitive(v, "cond");
		r->values = cJSON_GetObjectItemCaseSensitive(v, "values");
		/*
		 * Only proc_dostring cuts a long value silently; handlers of
		 * their own parse it.  A size of 4 or less is the harvest
		 * reading sizeof of a pointer or a struct member it could
		 * not resolve (proc_do_uts_string buffers hold 65 bytes).
		 */
		c = cJSON_GetObjectItemCaseSensitive(v, "maxlen");
		r->maxlen = cJSON_IsNumber(c) && c->valueint > 4 &&
		    c->valueint <= 65535 && strcmp(r->type, "string") == 0 &&
		    r->handler != NULL &&
		    strncmp(r->handler, "proc_dostring", 13) == 0 ?
		    c->valueint : 0;
		r->obj = v;
		if (cJSON_IsNull(r->values))
			r->values = NULL;
		if (r->values != NULL && match_enum(str(r->values, "match"))
		    == NULL)
			die("%s: \"values\" needs a \"match\" of whole, prefix, "
			    "each or ipv6%s", name, "");
		if (r->cond != NULL && str(r->cond, "when") == NULL)
			die("%s: a \"cond\" without \"when\"%s", name, "");
		/* keycheck.c judges each range once: in order, disjoint. */
		if (r->from > r->to || (i > 1 && r->from <= r[-1].to))
			die("%s: versions out of order or overlapping%s", name,
			    "");
	}
}

/*
 * keydb.c finds a template by putting one placeholder, or two in a row,
 * after the text before the first '<': a template of another shape could
 * never be found.
 */
static void
check_template(const char *path)
{
	const char	*lt = strchr(path, '<'), *gt = strchr(lt, '>');
	size_t		 hl = (size_t)(gt - lt) + 1;
	const char	*rest = gt + 1;

	if (lt != path && lt[-1] != '/')
		die("template '%s': a placeholder must be a whole segment%s",
		    path, "");
	if (rest[0] == '/' && strncmp(rest + 1, lt, hl) == 0)
		rest += 1 + hl;
	if (strchr(rest, '<') != NULL || (*rest != '/' && *rest != '\0'))
		die("template '%s': placeholders must follow one another%s",
		    path, "");
}

/*
 * A key field as one interval has it: the version object states it only
 * where it differs from the key's (which describes the newest line),
 * null included.
 */
static const char *
over(const struct range *r, const char *member, const char *keyval)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(r->obj, member);

	if (it == NULL)
		return keyval;
	return cJSON_IsString(it) ? it->valuestring : NULL;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct key *)a)->path,
	    ((const struct key *)b)->path);
}

static const char *
type_enum(const char *t)
{
	int	i;

	for (i = 0; types[i] != NULL; i++)
		if (strcmp(types[i], t) == 0)
			return type_enums[i];
	return "KT_CUSTOM";
}

static const char *
netns_enum(const char *n)
{
	if (n == NULL)
		return "NETNS_NONE";
	if (strcmp(n, "per-netns") == 0)
		return "NETNS_PER";
	if (strcmp(n, "init-only") == 0)
		return "NETNS_INIT";
	if (strcmp(n, "global") == 0)
		return "NETNS_GLOBAL";
	return "NETNS_NONE";
}

/*
 * A documented value set: "values": [[0, "meaning"], ...] with
 * "otherwise", what the kernel makes of any other value it accepts.
 */
static void
read_domain(struct key *k, const cJSON *it)
{
	const cJSON	*vals = cJSON_GetObjectItemCaseSensitive(it, "values");
	const cJSON	*v;

	if (!cJSON_IsArray(vals) || cJSON_GetArraySize(vals) == 0 ||
	    str(it, "otherwise") == NULL)
		die("%s: \"values\" needs [N, \"meaning\"] pairs and "
		    "\"otherwise\"%s", it->string, "");
	cJSON_ArrayForEach(v, vals)
		if (cJSON_GetArraySize(v) != 2 ||
		    !cJSON_IsNumber(cJSON_GetArrayItem(v, 0)) ||
		    !cJSON_IsString(cJSON_GetArrayItem(v, 1)))
			die("%s: a value is not [N, \"meaning\"]%s",
			    it->string, "");
	k->domain = vals;
	k->otherwise = str(it, "otherwise");
}

/* The values, "0 1 2", or with their meanings, "0 (off), 1 (on)". */
static void
put_domain(const cJSON *vals, bool meanings)
{
	const cJSON	*v;
	char		 buf[1024];
	size_t		 o = 0;
	int		 n;

	if (vals == NULL) {
		fputs("NULL", stdout);
		return;
	}
	buf[0] = '\0';
	cJSON_ArrayForEach(v, vals) {
		n = meanings ? snprintf(buf + o, sizeof(buf) - o,
		    "%s%d (%s)", o > 0 ? ", " : "",
		    cJSON_GetArrayItem(v, 0)->valueint,
		    cJSON_GetArrayItem(v, 1)->valuestring) :
		    snprintf(buf + o, sizeof(buf) - o, "%s%d", o > 0 ? " " : "",
		    cJSON_GetArrayItem(v, 0)->valueint);
		if (n < 0 || (size_t)n >= sizeof(buf) - o)
			die("value meanings too long%s%s", "", "");
		o += (size_t)n;
	}
	put_cstr(buf);
}

int
main(int argc, char *argv[])
{
	cJSON		*kj, *fj, *dj = NULL;
	const cJSON	*docs = NULL, *arr, *it, *facts, *gone;
	struct key	*keys;
	int		 nkeys = 0, cap, i, j, nt, *hslots;
	size_t		 hsize, h;

	if (argc != 3 && argc != 4)
		die("usage: keydb-gen KEYS.json FACTS.json [DOCS.json]%s%s", "",
		    "");
	kj = load(argv[1]);
	fj = load(argv[2]);
	if (argc == 4) {
		dj = load(argv[3]);
		docs = cJSON_GetObjectItemCaseSensitive(dj, "keys");
	}
	arr = cJSON_GetObjectItemCaseSensitive(kj, "lines");
	cJSON_ArrayForEach(it, arr)
		if (cJSON_IsString(it) && nlines < 32)
			lines[nlines++] = it->valuestring;
	if (nlines == 0)
		die("%s: no \"lines\"%s", argv[1], "");
	arr = cJSON_GetObjectItemCaseSensitive(kj, "keys");
	facts = cJSON_GetObjectItemCaseSensitive(fj, "keys");
	cap = cJSON_GetArraySize(arr) + cJSON_GetArraySize(facts) + 1;
	keys = calloc((size_t)cap, sizeof(struct key));
	cJSON_ArrayForEach(it, arr) {
		const char	*name = str(it, "name");
		struct key	*k = &keys[nkeys++];

		if (name == NULL)
			die("%s: a key without a name%s", argv[1], "");
		k->path = to_path(name);
		k->src = str(it, "src");
		k->module = str(it, "module");
		k->kconfig = str(it, "kconfig");
		k->config = str(it, "config");
		k->netns = str(it, "netns");
		if (docs != NULL) {
			const cJSON *d = cJSON_GetObjectItemCaseSensitive(docs,
			    name);

			k->doc = str(d, "file");
			k->doc_section = str(d, "section");
		}
		if (strchr(k->path, '<') != NULL) {
			check_template(k->path);
			k->flags |= 1;
		}
		read_ranges(k, cJSON_GetObjectItemCaseSensitive(it,
		    "versions"), name);
	}
	/* The overlay: facts about harvested keys, or whole patch keys. */
	cJSON_ArrayForEach(it, facts) {
		char		*path = to_path(it->string);
		struct key	*k = NULL;
		const cJSON	*vers;

		for (i = 0; i < nkeys; i++)
			if (strcmp(keys[i].path, path) == 0)
				k = &keys[i];
		vers = cJSON_GetObjectItemCaseSensitive(it, "versions");
		if (k == NULL && vers == NULL)
			die("%s: '%s' is not in the harvest and has no "
			    "\"versions\"", argv[2], it->string);
		if (k == NULL) {
			k = &keys[nkeys++];
			k->path = path;
		} else
			free(path);
		/* Curated ranges replace harvested ones (custom handlers). */
		if (vers != NULL) {
			free(k->ranges);
			read_ranges(k, vers, it->string);
		}
		if (str(it, "patch") != NULL) {
			k->flags |= 2;
			k->patch = str(it, "patch");
		}
		if (str(it, "no_effect_since") != NULL) {
			k->flags |= 4;
			k->since = str(it, "no_effect_since");
		}
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it,
		    "fields_independent")))
			k->flags |= 16;
		if (str(it, "action") != NULL) {
			k->flags |= 8;
			k->action = str(it, "action");
		}
		if (cJSON_GetObjectItemCaseSensitive(it, "values") != NULL)
			read_domain(k, it);
		if (str(it, "clears") != NULL)
			k->clears = to_path(str(it, "clears"));
		if (str(it, "note") != NULL)
			k->note = str(it, "note");
		if (str(it, "module") != NULL)
			k->module = str(it, "module");
		if (str(it, "netns") != NULL)
			k->netns = str(it, "netns");
		if (str(it, "src") != NULL)
			k->src = str(it, "src");
	}
	qsort(keys, (size_t)nkeys, sizeof(struct key), key_cmp);
	for (i = 1; i < nkeys; i++)
		if (strcmp(keys[i - 1].path, keys[i].path) == 0)
			die("key '%s' is listed twice%s", keys[i].path, "");

	printf("/* Generated by tools/keydb-gen.c from %s and %s; do not "
	    "edit. */\n#include <stddef.h>\n#include \"keydb_data.h\"\n\n",
	    argv[1], argv[2]);
	printf("const char *const keydb_lines[] = {");
	for (i = 0; i < nlines; i++)
		printf(" \"%s\",", lines[i]);
	printf(" NULL };\nconst size_t keydb_nlines = %d;\n\n", nlines);
	for (i = 0; i < nkeys; i++) {
		printf("static const struct keydb_range r%d[] = {\n", i);
		for (j = 0; j < keys[i].nranges; j++) {
			const struct range *r = &keys[i].ranges[j];
			long long	lo = 0, hi = 0, clo = 0, chi = 0;
			int		b = 0, cb = 0;
			unsigned	cmode = 0;
			const char	*name = keys[i].path;

			if (numeric(r->min, &lo, name))
				b |= 1;
			if (numeric(r->max, &hi, name))
				b |= 2;
			if (r->cond != NULL) {
				if (numeric(cJSON_GetObjectItemCaseSensitive(
				    r->cond, "min"), &clo, name))
					cb |= 1;
				if (numeric(cJSON_GetObjectItemCaseSensitive(
				    r->cond, "max"), &chi, name))
					cb |= 2;
				if (str(r->cond, "mode") != NULL)
					cmode = (unsigned)strtoul(str(r->cond,
					    "mode"), NULL, 8);
			}
			printf("\t{ %d, %d, %s, %d, 0%o, %d, ", r->from, r->to,
			    type_enum(r->type), r->count, r->mode, b);
			put_int64(lo);
			put_int64(hi);
			put_scalar(r->min);
			fputs(", ", stdout);
			put_scalar(r->max);
			fputs(", ", stdout);
			put_scalar(r->def);
			fputs(", ", stdout);
			put_cstr(r->handler);
			fputs(", ", stdout);
			put_cstr(r->cond != NULL ? str(r->cond, "when") : NULL);
			printf(", %d, 0%o, ", cb, cmode);
			put_int64(clo);
			put_int64(chi);
			put_words(r->values);
			printf(", %d, %s, ", r->maxlen, netns_enum(over(r, "netns",
			    keys[i].netns)));
			put_cstr(over(r, "src", keys[i].src));
			fputs(", ", stdout);
			put_cstr(over(r, "module", keys[i].module));
			fputs(", ", stdout);
			put_cstr(over(r, "kconfig", keys[i].kconfig));
			fputs(", ", stdout);
			put_cstr(over(r, "config", keys[i].config));
			fputs(" },\n", stdout);
		}
		printf("\t{ 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL, "
		    "NULL, 0, 0, 0, 0, NULL, 0, 0, 0, NULL, NULL, NULL, NULL }"
		    "\n};\n");
	}
	printf("\nconst struct keydb_key keydb_table[] = {\n");
	for (i = 0; i < nkeys; i++) {
		const struct key *k = &keys[i];

		fputs("\t{ ", stdout);
		put_cstr(k->path);
		fputs(", ", stdout);
		put_cstr(k->src);
		fputs(", ", stdout);
		put_cstr(k->module);
		fputs(", ", stdout);
		put_cstr(k->kconfig);
		fputs(", ", stdout);
		put_cstr(k->config);
		fputs(", ", stdout);
		put_cstr(k->note);
		fputs(", ", stdout);
		put_cstr(k->since);
		fputs(", ", stdout);
		put_cstr(k->action);
		fputs(", ", stdout);
		put_cstr(k->patch);
		fputs(", ", stdout);
		put_cstr(k->doc);
		fputs(", ", stdout);
		put_cstr(k->doc_section);
		fputs(", ", stdout);
		put_domain(k->domain, false);
		fputs(", ", stdout);
		put_domain(k->domain, true);
		fputs(", ", stdout);
		put_cstr(k->otherwise);
		fputs(", ", stdout);
		put_cstr(k->clears);
		printf(", %s, %d, %d, r%d },\n", netns_enum(k->netns),
		    k->flags, k->nranges, i);
	}
	printf("};\nconst size_t keydb_ntable = %d;\n\n", nkeys);
	/* The few keys whose write zeroes another, for a pass per unit. */
	printf("const uint16_t keydb_clearing_index[] = {");
	for (i = 0, nt = 0; i < nkeys; i++)
		if (keys[i].clears != NULL) {
			printf(" %d,", i);
			nt++;
		}
	printf(" 0 };\nconst size_t keydb_nclearing = %d;\n\n", nt);
	/* Sorted keys put templates sharing a prefix side by side. */
	printf("const struct keydb_prefix keydb_template_prefixes[] = {\n");
	nt = 0;
	for (i = 0, j = -1; i < nkeys; i++) {
		const char	*lt = strchr(keys[i].path, '<');
		size_t		 n = lt != NULL ? (size_t)(lt - keys[i].path) : 0;

		if (lt == NULL || (j >= 0 && strlen(keys[j].path) >= n &&
		    strncmp(keys[j].path, keys[i].path, n) == 0 &&
		    keys[j].path[n] == '<'))
			continue;
		printf("\t{ \"%.*s\", %zu },\n", (int)n, keys[i].path, n);
		j = i;
		nt++;
	}
	printf("\t{ NULL, 0 }\n};\nconst size_t keydb_ntemplate_prefixes = "
	    "%d;\n\n", nt);
	gone = cJSON_GetObjectItemCaseSensitive(fj, "gone");
	/*
	 * Exact lookups go through a hash of the path (key_hash(), linear
	 * probing, at most a quarter full); slots hold index + 1.
	 */
	if (nkeys >= 65535)
		die("too many keys for 16-bit slots%s%s", "", "");
	hsize = 16;
	while (hsize < 4 * (size_t)nkeys)
		hsize *= 2;
	hslots = calloc(hsize, sizeof(int));
	for (i = 0; i < nkeys; i++) {
		size_t	slot = key_hash(keys[i].path) & (hsize - 1);

		while (hslots[slot] != 0)
			slot = (slot + 1) & (hsize - 1);
		hslots[slot] = i + 1;
	}
	printf("const uint16_t keydb_hash_slots[] = {");
	for (h = 0; h < hsize; h++)
		printf("%s%d,", h % 16 == 0 ? "\n\t" : " ", hslots[h]);
	printf("\n};\nconst size_t keydb_hash_mask = %zu;\n\n", hsize - 1);
	free(hslots);
	printf("const struct keydb_gone keydb_gone_table[] = {\n");
	nt = 0;
	/* Sorted by the overlay's author; checked here. */
	cJSON_ArrayForEach(it, gone) {
		char	*path = to_path(str(it, "name"));

		fputs("\t{ ", stdout);
		put_cstr(path);
		fputs(", ", stdout);
		put_cstr(str(it, "removed"));
		fputs(", ", stdout);
		put_cstr(str(it, "note"));
		fputs(" },\n", stdout);
		free(path);
		nt++;
	}
	printf("\t{ NULL, NULL, NULL }\n};\nconst size_t keydb_ngone = %d;\n",
	    nt);
	return 0;
}
