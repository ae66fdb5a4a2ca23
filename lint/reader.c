/*
 * reader.c: picks the reader of a file and gives the YAML readers what
 * they share: scopes, and assignments made of two scalars.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ansible.h"
#include "compose.h"
#include "conf.h"
#include "finding.h"
#include "kube.h"
#include "reader.h"
#include "tuned.h"
#include "util.h"
#include "ydoc.h"

/* ORDER READER: indexed by enum reader_type. */
static const char *const type_names[] = {
	"auto", "sysctl", "tuned", "kubernetes", "compose", "ansible"
};

int
reader_type_parse(const char *s)
{
	size_t	i;

	for (i = 1; i < ARRAY_LEN(type_names); i++)
		if (strcmp(s, type_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
reader_type_name(enum reader_type t)
{
	return type_names[t];
}

struct reader_scope *
reader_scope(struct reader_out *out, char *label, enum unit_runtime rt)
{
	void			*v = out->v;
	struct reader_scope	*sc;

	xgrow(&v, &out->cap, out->n + 1, sizeof(struct reader_scope));
	out->v = v;
	sc = &out->v[out->n++];
	memset(sc, 0, sizeof(*sc));
	sc->conf = conf_new(out->src);
	sc->label = label;
	sc->runtime = rt;
	return sc;
}

void
reader_out_free(struct reader_out *out)
{
	size_t	i;

	for (i = 0; i < out->n; i++)
		free(out->v[i].label);
	free(out->v);
	memset(out, 0, sizeof(*out));
}

void
reader_not_judged(struct reader_out *out, struct span sp, const char *key,
    const char *why)
{
	struct msg_arg	 a[] = { { "why", why } };
	struct finding	*f;

	f = findings_builtin(out->fs, BI_NOT_JUDGED, out->src, sp, a,
	    ARRAY_LEN(a));
	if (f != NULL && key != NULL)
		finding_set_key(f, key);
}

void
reader_malformed(struct reader_out *out, struct span sp, const char *what)
{
	struct msg_arg	a[] = { { "what", what } };

	findings_builtin(out->fs, BI_MALFORMED_ENTRY, out->src, sp, a,
	    ARRAY_LEN(a));
}

static const char *
node_kind(const yaml_node_t *n)
{
	return n->type == YAML_MAPPING_NODE ? "a mapping" :
	    n->type == YAML_SEQUENCE_NODE ? "a list" : "empty";
}

/* The YAML null: no text, '~' or null, which the tools read as "". */
static bool
is_null(const yaml_node_t *n)
{
	const char	*s = (const char *)n->data.scalar.value;
	size_t		 len = n->data.scalar.length;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
	    n->data.scalar.style != YAML_ANY_SCALAR_STYLE)
		return false;
	return len == 0 || (len == 1 && s[0] == '~') || (len == 4 &&
	    (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
	    memcmp(s, "NULL", 4) == 0));
}

static bool
has(const char *d, struct span sp, const char *needle)
{
	size_t	n = strlen(needle), i;

	for (i = sp.off; i + n <= (size_t)sp.off + sp.len; i++)
		if (memcmp(d + i, needle, n) == 0)
			return true;
	return false;
}

/* Why the tool rewrites the text at sp before the kernel sees it. */
static const char *
expanded(const char *d, struct span sp, unsigned checks)
{
	if ((checks & READER_JINJA) && (has(d, sp, "{{") || has(d, sp, "{%")))
		return "Ansible fills in its '{{ }}' templates when the task "
		    "runs";
	if ((checks & READER_DOLLAR) && has(d, sp, "$"))
		return "compose fills in '$VARIABLE' and '${VARIABLE}' from "
		    "the environment";
	return NULL;
}

/* A quoted copy of the value, as the fix of a number YAML reads. */
static void
report_not_string(struct reader_out *out, const struct ydoc *y,
    const yaml_node_t *value, struct span vs, const char *key)
{
	struct finding	*f;
	struct msg_arg	 a[2];
	char		*text = xstrndup(out->src->data + vs.off, vs.len);
	char		*fix;

	a[0].name = "key";
	a[0].value = key;
	a[1].name = "text";
	a[1].value = text;
	f = findings_builtin(out->fs, BI_NON_STRING_VALUE, out->src,
	    ydoc_span(y, value), a, ARRAY_LEN(a));
	if (f != NULL) {
		finding_set_key(f, key);
		finding_set_value(f, text, vs.len);
		fix = xasprintf("\"%s\"", text);
		finding_set_fix(f, ydoc_span(y, value), "quote the value", fix,
		    false);
		free(fix);
	}
	free(text);
}

void
reader_add(struct reader_out *out, struct reader_scope *sc, struct span line,
    struct span ks, struct span vs, unsigned checks)
{
	const char	*d = out->src->data, *why;
	char		*kt;

	if ((why = expanded(d, ks, checks)) != NULL) {
		reader_not_judged(out, ks, NULL, why);
		return;
	}
	if ((why = expanded(d, vs, checks)) != NULL) {
		kt = xstrndup(d + ks.off, ks.len);
		reader_not_judged(out, vs, kt, why);
		free(kt);
		return;
	}
	(void)conf_add(sc->conf, line, ks, vs, out->fs, ks.len > 0 ? ks :
	    line, ((checks & READER_QUOTES) ? CONF_CHECK_QUOTES : 0) |
	    ((checks & READER_COMMENTS) ? CONF_CHECK_COMMENTS : 0));
}

void
reader_add_yaml(struct reader_out *out, struct reader_scope *sc,
    const struct ydoc *y, const yaml_node_t *key, const yaml_node_t *value,
    struct span line, unsigned checks)
{
	const char		*d = out->src->data;
	struct span		 ks, vs;
	char			*kt, *what;

	if (!ydoc_is_scalar(key)) {
		reader_malformed(out, ydoc_span(y, key), "the key is not a "
		    "YAML scalar");
		return;
	}
	if (!ydoc_text(y, key, &ks)) {
		reader_not_judged(out, ydoc_span(y, key), NULL, "the key is "
		    "written with YAML escapes or folded lines");
		return;
	}
	/* A '#' that reaches a YAML value is no YAML comment: it is sent. */
	checks |= READER_COMMENTS;
	kt = xstrndup(d + ks.off, ks.len);
	if (value != NULL && !ydoc_is_scalar(value)) {
		what = xasprintf("the value of '%s' is %s, not a YAML scalar",
		    kt, node_kind(value));
		reader_malformed(out, ydoc_span(y, value), what);
		free(what);
	} else if (value == NULL || is_null(value)) {
		vs.off = value != NULL ? ydoc_span(y, value).off : ks.off +
		    ks.len;
		vs.len = 0;
		reader_add(out, sc, line, ks, vs, checks);
	} else if (!ydoc_text(y, value, &vs))
		reader_not_judged(out, ydoc_span(y, value), kt, "the value is "
		    "written with YAML escapes or folded lines");
	else {
		if ((checks & READER_STRING_VALUE) && !ydoc_is_string(value) &&
		    expanded(d, vs, checks) == NULL)
			report_not_string(out, y, value, vs, kt);
		reader_add(out, sc, line, ks, vs, checks);
	}
	free(kt);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *
base_name(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

static bool
is_yaml_name(const char *name)
{
	return ends_with(name, ".yaml") || ends_with(name, ".yml");
}

/* compose.yaml, docker-compose.yml and their override files. */
static bool
is_compose_name(const char *name)
{
	return is_yaml_name(name) && (strncmp(name, "compose.", 8) == 0 ||
	    strncmp(name, "docker-compose.", 15) == 0);
}

struct yaml_read {
	struct reader_out	*out;
	enum reader_type	 type;		/* forced, or READER_AUTO */
	size_t			 placed;	/* documents a reader took */
};

static void
read_document(const struct ydoc *y, void *ctx)
{
	struct yaml_read	*r = ctx;
	enum reader_type	 t = r->type;

	if (t == READER_AUTO)
		t = kube_is_doc(y) ? READER_KUBERNETES : compose_is_doc(y) ?
		    READER_COMPOSE : ansible_is_doc(y) ? READER_ANSIBLE :
		    READER_AUTO;
	switch (t) {
	case READER_KUBERNETES:
		kube_read_doc(y, r->out);
		break;
	case READER_COMPOSE:
		compose_read_doc(y, r->out);
		break;
	case READER_ANSIBLE:
		ansible_read_doc(y, r->out);
		break;
	default:
		return;
	}
	r->placed++;
}

static void
count_placed(const struct ydoc *y, void *ctx)
{
	size_t	*n = ctx;

	if (kube_is_doc(y) || compose_is_doc(y) || ansible_is_doc(y))
		(*n)++;
}

bool
reader_is_config(const struct source *src)
{
	size_t	n = 0;

	if (strcmp(base_name(src->path), "tuned.conf") == 0 ||
	    is_compose_name(base_name(src->path)))
		return true;
	return ydoc_each(src, NULL, count_placed, &n) && n > 0;
}

bool
reader_read(const struct source *src, enum reader_type type,
    struct findings *fs, struct reader_out *out, char **err)
{
	const char		*name = base_name(src->path);
	struct yaml_read	 r;
	bool			 ok;

	memset(out, 0, sizeof(*out));
	out->src = src;
	out->fs = fs;
	if (type == READER_AUTO)
		type = is_compose_name(name) ? READER_COMPOSE :
		    is_yaml_name(name) ? READER_AUTO :
		    strcmp(name, "tuned.conf") == 0 ? READER_TUNED :
		    READER_SYSCTL;
	if (type == READER_SYSCTL) {
		out->sysctl = true;
		reader_scope(out, NULL, UNIT_HOST);
		conf_free(out->v[0].conf);
		out->v[0].conf = conf_parse(src, fs);
		return true;
	}
	if (type == READER_TUNED) {
		tuned_read(out);
		return true;
	}
	r.out = out;
	r.type = type;
	r.placed = 0;
	ok = ydoc_each(src, fs, read_document, &r);
	if (ok && r.placed == 0 && type == READER_AUTO) {
		*err = xasprintf("cannot tell what '%s' configures: it holds "
		    "no Kubernetes object (kind:), no compose services: and no "
		    "Ansible task list; name its syntax with --source",
		    src->path);
		return false;
	}
	/* The file's own scope, for its findings outside any scope. */
	if (out->n == 0)
		reader_scope(out, NULL, UNIT_HOST);
	return true;
}
