/*
 * kube.c: the sysctls of Kubernetes pod specs.
 *
 * A pod asks for sysctls in spec.securityContext.sysctls, a list of
 * {name, value} whose value the API types as a string (core/v1 Sysctl,
 * staging/src/k8s.io/api/core/v1/types.go); the workload kinds carry a
 * pod template (spec.template.spec), CronJob one level deeper.  A List
 * holds objects in items.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kube.h"
#include "reader.h"
#include "util.h"
#include "ydoc.h"

/* Where each kind keeps its pod spec. */
static const struct {
	const char	*kind;
	size_t		 n;
	const char	*path[5];
} kinds[] = {
	{ "Pod", 1, { "spec" } },
	{ "PodTemplate", 2, { "template", "spec" } },
	{ "Deployment", 3, { "spec", "template", "spec" } },
	{ "StatefulSet", 3, { "spec", "template", "spec" } },
	{ "DaemonSet", 3, { "spec", "template", "spec" } },
	{ "ReplicaSet", 3, { "spec", "template", "spec" } },
	{ "ReplicationController", 3, { "spec", "template", "spec" } },
	{ "Job", 3, { "spec", "template", "spec" } },
	{ "CronJob", 5, { "spec", "jobTemplate", "spec", "template", "spec" } },
};

bool
kube_is_doc(const struct ydoc *y)
{
	const yaml_node_t	*root = ydoc_root(y);

	return ydoc_is_scalar(ydoc_get(y, root, "kind", NULL)) &&
	    ydoc_get(y, root, "apiVersion", NULL) != NULL;
}

static bool
is_true(const yaml_node_t *n)
{
	return ydoc_scalar_is(n, "true") || ydoc_scalar_is(n, "True") ||
	    ydoc_scalar_is(n, "TRUE");
}

static char *
label_of(const struct ydoc *y, const struct reader_out *out,
    const yaml_node_t *obj, const yaml_node_t *kind)
{
	const char	*names[] = { "metadata", "name" };
	yaml_node_t	*name = ydoc_path(y, obj, names, 2);

	return xasprintf("%s (%.*s/%.*s)", out->src->path,
	    (int)kind->data.scalar.length, kind->data.scalar.value,
	    ydoc_is_scalar(name) ? (int)name->data.scalar.length : 1,
	    ydoc_is_scalar(name) ? (const char *)name->data.scalar.value :
	    "-");
}

static void
read_sysctls(const struct ydoc *y, struct reader_out *out,
    struct reader_scope *sc, const yaml_node_t *list)
{
	const yaml_node_item_t	*it;
	yaml_node_t		*item, *name, *value;

	if (list->type != YAML_SEQUENCE_NODE) {
		reader_malformed(out, ydoc_span(y, list), "securityContext."
		    "sysctls is not a list: Kubernetes takes a list of name: "
		    "and value:");
		return;
	}
	for (it = list->data.sequence.items.start;
	    it < list->data.sequence.items.top; it++) {
		if ((item = ydoc_node(y, *it)) == NULL)
			continue;
		name = ydoc_get(y, item, "name", NULL);
		value = ydoc_get(y, item, "value", NULL);
		if (item->type != YAML_MAPPING_NODE || name == NULL)
			reader_malformed(out, ydoc_span(y, item), "a sysctls "
			    "item needs name: (the API refuses the pod)");
		else
			reader_add_yaml(out, sc, y, name, value,
			    ydoc_span(y, item), READER_STRING_VALUE);
	}
}

static void
read_object(const struct ydoc *y, struct reader_out *out,
    const yaml_node_t *obj)
{
	static const char *const sc_path[] = { "securityContext", "sysctls" };
	yaml_node_t		*kind = ydoc_get(y, obj, "kind", NULL);
	yaml_node_t		*spec, *list;
	struct reader_scope	*sc;
	size_t			 i;

	for (i = 0; i < ARRAY_LEN(kinds); i++)
		if (ydoc_scalar_is(kind, kinds[i].kind))
			break;
	if (i == ARRAY_LEN(kinds) ||
	    (spec = ydoc_path(y, obj, kinds[i].path, kinds[i].n)) == NULL ||
	    (list = ydoc_path(y, spec, sc_path, 2)) == NULL)
		return;
	sc = reader_scope(out, label_of(y, out, obj, kind), UNIT_POD);
	sc->host_net = is_true(ydoc_get(y, spec, "hostNetwork", NULL));
	sc->host_ipc = is_true(ydoc_get(y, spec, "hostIPC", NULL));
	read_sysctls(y, out, sc, list);
}

void
kube_read_doc(const struct ydoc *y, struct reader_out *out)
{
	const yaml_node_t	*root = ydoc_root(y), *items;
	const yaml_node_item_t	*it;

	if (!ydoc_scalar_is(ydoc_get(y, root, "kind", NULL), "List")) {
		read_object(y, out, root);
		return;
	}
	items = ydoc_get(y, root, "items", NULL);
	if (items == NULL || items->type != YAML_SEQUENCE_NODE)
		return;
	for (it = items->data.sequence.items.start;
	    it < items->data.sequence.items.top; it++)
		read_object(y, out, ydoc_node(y, *it));
}
