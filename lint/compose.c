/*
 * compose.c: the sysctls of compose services.
 *
 * The Compose Specification (spec.md, "sysctls") takes a map of key to
 * value, or a list of "key=value" strings; network_mode: host and
 * ipc: host share the host's namespaces, where runc refuses the keys
 * they would isolate (libcontainer/configs/validate/validator.go).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "reader.h"
#include "util.h"
#include "ydoc.h"

bool
compose_is_doc(const struct ydoc *y)
{
	const yaml_node_t	*root = ydoc_root(y), *svc;

	svc = ydoc_get(y, root, "services", NULL);
	return svc != NULL && svc->type == YAML_MAPPING_NODE &&
	    ydoc_get(y, root, "kind", NULL) == NULL;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* "key=value": split at the first '=', blanks around both trimmed. */
static void
read_item(const struct ydoc *y, struct reader_out *out,
    struct reader_scope *sc, const yaml_node_t *item)
{
	const char	*d = out->src->data;
	struct span	 all, ks, vs;
	uint32_t	 eq, s, e;

	if (!ydoc_is_scalar(item)) {
		reader_malformed(out, ydoc_span(y, item), "a sysctls list item "
		    "is key=value text");
		return;
	}
	if (!ydoc_text(y, item, &all)) {
		reader_not_judged(out, ydoc_span(y, item), NULL, "the item is "
		    "written with YAML escapes or folded lines");
		return;
	}
	for (eq = all.off; eq < all.off + all.len && d[eq] != '='; eq++)
		continue;
	if (eq == all.off + all.len) {
		reader_malformed(out, all, "a sysctls list item is key=value "
		    "text: this one has no '='");
		return;
	}
	for (s = all.off, e = eq; s < e && is_blank(d[s]); s++)
		continue;
	while (e > s && is_blank(d[e - 1]))
		e--;
	ks.off = s;
	ks.len = e - s;
	for (s = eq + 1, e = all.off + all.len; s < e && is_blank(d[s]); s++)
		continue;
	while (e > s && is_blank(d[e - 1]))
		e--;
	vs.off = s;
	vs.len = e - s;
	reader_add(out, sc, all, ks, vs, READER_DOLLAR | READER_COMMENTS);
}

static void
read_service(const struct ydoc *y, struct reader_out *out,
    const yaml_node_t *name, const yaml_node_t *svc)
{
	const yaml_node_pair_t	*pr;
	const yaml_node_item_t	*it;
	yaml_node_t		*list, *k, *v;
	struct reader_scope	*sc;

	if ((list = ydoc_get(y, svc, "sysctls", NULL)) == NULL)
		return;
	sc = reader_scope(out, xasprintf("%s (service %.*s)", out->src->path,
	    ydoc_is_scalar(name) ? (int)name->data.scalar.length : 1,
	    ydoc_is_scalar(name) ? (const char *)name->data.scalar.value :
	    "-"), UNIT_CONTAINER);
	sc->host_net = ydoc_scalar_is(ydoc_get(y, svc, "network_mode", NULL),
	    "host");
	sc->host_ipc = ydoc_scalar_is(ydoc_get(y, svc, "ipc", NULL), "host");
	if (list->type == YAML_MAPPING_NODE) {
		for (pr = list->data.mapping.pairs.start;
		    pr < list->data.mapping.pairs.top; pr++) {
			k = ydoc_node(y, pr->key);
			v = ydoc_node(y, pr->value);
			if (k != NULL && v != NULL)
				reader_add_yaml(out, sc, y, k, v,
				    ydoc_join(y, k, v), READER_DOLLAR);
		}
	} else if (list->type == YAML_SEQUENCE_NODE) {
		for (it = list->data.sequence.items.start;
		    it < list->data.sequence.items.top; it++)
			if ((v = ydoc_node(y, *it)) != NULL)
				read_item(y, out, sc, v);
	} else if (!ydoc_scalar_is(list, ""))
		reader_malformed(out, ydoc_span(y, list), "sysctls: is neither "
		    "a map nor a list");
}

void
compose_read_doc(const struct ydoc *y, struct reader_out *out)
{
	const yaml_node_t	*svcs = ydoc_get(y, ydoc_root(y), "services",
				    NULL);
	const yaml_node_pair_t	*pr;

	if (svcs == NULL || svcs->type != YAML_MAPPING_NODE)
		return;
	for (pr = svcs->data.mapping.pairs.start;
	    pr < svcs->data.mapping.pairs.top; pr++)
		read_service(y, out, ydoc_node(y, pr->key),
		    ydoc_node(y, pr->value));
}
