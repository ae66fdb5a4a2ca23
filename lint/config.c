/*
 * config.c: finds and reads .sysctl-lintrc.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "source.h"
#include "util.h"

#define CONFIG_NAME	".sysctl-lintrc"

char *
config_find(const char *input)
{
	struct stat	 st;
	char		*dir, *cand, *slash;

	if (input == NULL || strcmp(input, "-") == 0)
		dir = xstrdup(".");
	else if (stat(input, &st) == 0 && S_ISDIR(st.st_mode))
		dir = xstrdup(input);
	else if ((slash = strrchr(input, '/')) != NULL)
		dir = slash == input ? xstrdup("/") :
		    xstrndup(input, (size_t)(slash - input));
	else
		dir = xstrdup(".");
	for (;;) {
		cand = xasprintf("%s/%s", dir, CONFIG_NAME);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			free(dir);
			return cand;
		}
		free(cand);
		cand = xasprintf("%s/.git", dir);
		if (stat(cand, &st) == 0 || strcmp(dir, "/") == 0) {
			free(cand);
			free(dir);
			return NULL;
		}
		free(cand);
		/* Up one level: "a/b" -> "a/b/.."; stop at the real root. */
		cand = xasprintf("%s/..", dir);
		if (strlen(cand) > 4096) {
			free(cand);
			free(dir);
			return NULL;
		}
		{
			struct stat	here, up;

			if (stat(dir, &here) == 0 && stat(cand, &up) == 0 &&
			    here.st_dev == up.st_dev &&
			    here.st_ino == up.st_ino) {
				free(cand);
				free(dir);
				return NULL;
			}
		}
		free(dir);
		dir = cand;
	}
}

static void
push(struct config *c, bool enable, const char *s, size_t len)
{
	c->sel = xreallocarray(c->sel, c->nsel + 1, sizeof(char *));
	c->sel_enable = xreallocarray(c->sel_enable, c->nsel + 1,
	    sizeof(bool));
	c->sel[c->nsel] = xstrndup(s, len);
	c->sel_enable[c->nsel++] = enable;
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

static bool
is_level(const char *s, size_t n, bool none_ok)
{
	return (n == 4 && memcmp(s, "note", 4) == 0) ||
	    (n == 7 && memcmp(s, "warning", 7) == 0) ||
	    (n == 5 && memcmp(s, "error", 5) == 0) ||
	    (none_ok && n == 4 && memcmp(s, "none", 4) == 0);
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
			push(c, KEY("enable"), vs, (size_t)(ve - vs));
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
			c->noverrides++;
		} else {
			*err = xasprintf("%s:%zu: unknown key or bad value "
			    "'%.*s' (keys: enable, disable, severity, "
			    "fail-level, set-severity, baseline)", path, line,
			    (int)(e - s), s);
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
	for (i = 0; i < c->noverrides; i++) {
		free(c->overrides[i].rule);
		free(c->overrides[i].severity);
	}
	free(c->sel);
	free(c->overrides);
	free(c->severity);
	free(c->fail_level);
	free(c->baseline);
	free(c->path);
	free(c);
}
