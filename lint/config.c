/*
 * config.c: finds and reads .sysctl-lintrc.
 */
#include <limits.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "config.h"
#include "container.h"
#include "image.h"
#include "keydb.h"
#include "source.h"
#include "util.h"

#define CONFIG_NAME	".sysctl-lintrc"

/*
 * The search starts in the working directory, never at an input: what is
 * linted must not choose the settings it is judged by, and one run has
 * one config whatever the order of its inputs.
 */
char *
config_find(void)
{
	struct stat	 st, here, up;
	char		*dir, *cand;

	dir = xstrdup(".");
	for (;;) {
		cand = xasprintf("%s/%s", dir, CONFIG_NAME);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			free(dir);
			return cand;
		}
		free(cand);
		cand = xasprintf("%s/.git", dir);
		if (stat(cand, &st) == 0) {
			free(cand);
			free(dir);
			return NULL;
		}
		free(cand);
		/* Up one level: "." -> "./.."; stop at the real root. */
		cand = xasprintf("%s/..", dir);
		if (strlen(cand) > 4096 || stat(dir, &here) != 0 ||
		    stat(cand, &up) != 0 || (here.st_dev == up.st_dev &&
		    here.st_ino == up.st_ino)) {
			free(cand);
			free(dir);
			return NULL;
		}
		free(dir);
		dir = cand;
	}
}

bool
config_within(const char *path, const char *tree)
{
	char	*dir, *top, *slash;
	size_t	 n;
	bool	 in;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[slash == dir] = '\0';
	else
		strcpy(dir, ".");
	top = realpath(tree, NULL);
	slash = realpath(dir, NULL);
	free(dir);
	/* What cannot be resolved is treated as inside: refused. */
	if (top == NULL || slash == NULL) {
		free(top);
		free(slash);
		return true;
	}
	n = strlen(top);
	in = strcmp(top, "/") != 0 && strncmp(slash, top, n) == 0 &&
	    (slash[n] == '\0' || slash[n] == '/');
	free(top);
	free(slash);
	return in;
}

static void
push(struct config *c, bool enable, const char *s, size_t len, size_t line)
{
	c->sel = xreallocarray(c->sel, c->nsel + 1, sizeof(char *));
	c->sel_enable = xreallocarray(c->sel_enable, c->nsel + 1,
	    sizeof(bool));
	c->sel_line = xreallocarray(c->sel_line, c->nsel + 1,
	    sizeof(size_t));
	c->sel[c->nsel] = xstrndup(s, len);
	c->sel_line[c->nsel] = line;
	c->sel_enable[c->nsel++] = enable;
}

static bool
is_kernel(const char *s)
{
	return keydb_line_for(s) >= 0;
}

static bool
is_kubernetes(const char *s)
{
	return container_version_ok(s);
}

static bool
is_loader(const char *s)
{
	return image_loader_parse(s) >= 0;
}

/* Replaces *field by the value [s, e) if valid accepts it. */
static bool
set_word(char **field, const char *s, const char *e,
    bool (*valid)(const char *))
{
	char	*w = xstrndup(s, (size_t)(e - s));

	if (!valid(w)) {
		free(w);
		return false;
	}
	free(*field);
	*field = w;
	return true;
}

/* "exclude = GLOB[, GLOB]...": a glob holds no comma or blank. */
static void
push_excludes(struct config *c, const char *s, const char *e)
{
	const char	*t;

	while (s < e) {
		while (s < e && (*s == ',' || *s == ' ' || *s == '\t'))
			s++;
		for (t = s; t < e && *t != ',' && *t != ' ' && *t != '\t'; t++)
			;
		if (t == s)
			break;
		c->exclude = xreallocarray(c->exclude, c->nexclude + 1,
		    sizeof(char *));
		c->exclude[c->nexclude++] = xstrndup(s, (size_t)(t - s));
		s = t;
	}
}

/*
 * A key as an error message may show it: printable ASCII, other bytes
 * as \xHH, at most KEY_SHOWN bytes of it.  Values are never shown, so
 * a file read by mistake (a secret) does not end up in a log.
 */
#define KEY_SHOWN	32

static char *
shown_key(const char *s, size_t n)
{
	char	*out = xmalloc(KEY_SHOWN * 4 + 4), *o = out;
	size_t	 i;

	for (i = 0; i < n && i < KEY_SHOWN; i++) {
		unsigned char	ch = (unsigned char)s[i];

		if (ch > 0x20 && ch < 0x7f && ch != '\\' && ch != '\'')
			*o++ = (char)ch;
		else
			o += sprintf(o, "\\x%02x", ch);
	}
	if (i < n)
		o += sprintf(o, "...");
	*o = '\0';
	return out;
}

static bool
trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\r'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' ||
	    (*e)[-1] == '\r'))
		(*e)--;
	return *s < *e;
}

/* ORDER: as the unknown-key message lists them. */
static const char *const config_keys[] = {
	"enable", "disable", "severity", "fail-level", "set-severity",
	"baseline", "exclude", "kernel", "kubernetes", "loader"
};

/* The message for a line whose key is unknown or whose value is bad. */
static char *
bad_line(const char *path, size_t line, const char *ks, size_t klen)
{
	const char	*near = NULL;
	char		*shown = shown_key(ks, klen), *msg;
	size_t		 i;
	bool		 known = false;

	for (i = 0; i < ARRAY_LEN(config_keys); i++)
		if (strlen(config_keys[i]) == klen &&
		    memcmp(config_keys[i], ks, klen) == 0)
			known = true;
	if (!known)
		near = word_nearest(ks, klen, config_keys,
		    ARRAY_LEN(config_keys));
	if (known)
		msg = xasprintf("%s:%zu: bad value for '%s' (see the "
		    "FILES section of sysctl-lint(1))", path, line, shown);
	else if (near != NULL)
		msg = xasprintf("%s:%zu: unknown key '%s': did you mean "
		    "'%s'?", path, line, shown, near);
	else
		msg = xasprintf("%s:%zu: unknown key '%s' (keys: enable, "
		    "disable, severity, fail-level, set-severity, baseline, "
		    "exclude, kernel, kubernetes, loader)", path, line, shown);
	free(shown);
	return msg;
}

static bool
is_word(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}

/* A severity word, or "none" too for a fail level. */
static bool
is_level(const char *s, size_t n, bool none_ok)
{
	int	sev;

	for (sev = 0; sev < SEV_COUNT; sev++)
		if (is_word(s, n, severity_name((enum severity)sev)))
			return true;
	return none_ok && is_word(s, n, FAIL_LEVEL_NONE);
}

struct config *
config_load(const char *path, char **err)
{
	struct source	*src;
	struct config	*c;
	size_t		 line;
	uint32_t	 ls, le;
	const char	*s, *e, *eq, *ks, *ke, *vs, *ve, *x;

	if ((src = source_load(path, path, err)) == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	for (line = 1; line <= src->nlines; line++) {
		source_line(src, line, &ls, &le);
		s = src->data + ls;
		e = src->data + le;
		if (!trim(&s, &e) || *s == '#')
			continue;
		if ((eq = memchr(s, '=', (size_t)(e - s))) == NULL) {
			*err = xasprintf("%s:%zu: expected key = value", path,
			    line);
			goto fail;
		}
		ks = s;
		ke = eq;
		vs = eq + 1;
		ve = e;
		trim(&ks, &ke);
		if (!trim(&vs, &ve)) {
			*err = xasprintf("%s:%zu: empty value", path, line);
			goto fail;
		}
#define KEY(k)	((size_t)(ke - ks) == strlen(k) && memcmp(ks, k, strlen(k)) == 0)
		if (KEY("enable") || KEY("disable"))
			push(c, KEY("enable"), vs, (size_t)(ve - vs), line);
		else if (KEY("severity") && is_level(vs, (size_t)(ve - vs),
		    false)) {
			free(c->severity);
			c->severity = xstrndup(vs, (size_t)(ve - vs));
		} else if (KEY("fail-level") && is_level(vs,
		    (size_t)(ve - vs), true)) {
			free(c->fail_level);
			c->fail_level = xstrndup(vs, (size_t)(ve - vs));
		} else if (KEY("baseline")) {
			/* Relative to the directory of the config file. */
			free(c->baseline);
			x = strrchr(path, '/');
			c->baseline = *vs == '/' || x == NULL ?
			    xstrndup(vs, (size_t)(ve - vs)) :
			    xasprintf("%.*s/%.*s", (int)(x - path), path,
			    (int)(ve - vs), vs);
		} else if (KEY("set-severity") &&
		    (x = memchr(vs, '=', (size_t)(ve - vs))) != NULL &&
		    x > vs && is_level(x + 1, (size_t)(ve - x - 1), false)) {
			c->overrides = xreallocarray(c->overrides,
			    c->noverrides + 1, sizeof(*c->overrides));
			c->overrides[c->noverrides].rule = xstrndup(vs,
			    (size_t)(x - vs));
			c->overrides[c->noverrides].severity = xstrndup(x + 1,
			    (size_t)(ve - x - 1));
			c->overrides[c->noverrides].line = line;
			c->noverrides++;
		} else if (KEY("kernel") && set_word(&c->kernel, vs, ve,
		    is_kernel))
			;
		else if (KEY("kubernetes") && set_word(&c->kubernetes, vs,
		    ve, is_kubernetes))
			;
		else if (KEY("loader") && set_word(&c->loader, vs, ve,
		    is_loader))
			;
		else if (KEY("exclude"))
			push_excludes(c, vs, ve);
		else {
			*err = bad_line(path, line, ks, (size_t)(ke - ks));
			goto fail;
		}
#undef KEY
	}
	source_free(src);
	return c;
fail:
	source_free(src);
	config_free(c);
	return NULL;
}

void
config_free(struct config *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nsel; i++)
		free(c->sel[i]);
	free(c->sel_enable);
	free(c->sel_line);
	for (i = 0; i < c->noverrides; i++) {
		free(c->overrides[i].rule);
		free(c->overrides[i].severity);
	}
	for (i = 0; i < c->nexclude; i++)
		free(c->exclude[i]);
	free(c->exclude);
	free(c->sel);
	free(c->overrides);
	free(c->severity);
	free(c->fail_level);
	free(c->baseline);
	free(c->kernel);
	free(c->kubernetes);
	free(c->loader);
	free(c->path);
	free(c);
}
