/*
 * ansible.c: the sysctl tasks of Ansible playbooks and task files.
 *
 * The module (ansible.posix, plugins/modules/sysctl.py) takes name
 * (alias key), value (alias val, a string), state (present, absent) and
 * sysctl_file; state: present requires value.  Its arguments are a
 * mapping or "name=... value=..." text, and a task's args: adds to
 * them.  Tasks live in a play's tasks, pre_tasks, post_tasks and
 * handlers, and inside block, rescue and always.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ansible.h"
#include "reader.h"
#include "util.h"
#include "ydoc.h"

/* Deeper nesting of blocks is generated, and stopping bounds the walk. */
#define ANSIBLE_MAX_DEPTH	32

static const char *const modules[] = {
	"ansible.posix.sysctl", "sysctl"
};
static const char *const play_lists[] = {
	"pre_tasks", "tasks", "post_tasks", "handlers"
};
static const char *const block_lists[] = {
	"block", "rescue", "always"
};

struct walk {
	const struct ydoc	*y;
	struct reader_out	*out;
	struct reader_scope	*sc;		/* made at the first task */
	char			*label;		/* taken by it */
};

bool
ansible_is_doc(const struct ydoc *y)
{
	const yaml_node_t	*root = ydoc_root(y), *first;

	if (root == NULL || root->type != YAML_SEQUENCE_NODE ||
	    root->data.sequence.items.start == root->data.sequence.items.top)
		return false;
	first = ydoc_node(y, *root->data.sequence.items.start);
	return first != NULL && first->type == YAML_MAPPING_NODE;
}

static struct reader_scope *
scope_of(struct walk *w)
{
	if (w->sc == NULL) {
		w->sc = reader_scope(w->out, w->label, UNIT_HOST);
		w->label = NULL;
	}
	return w->sc;
}

/* An argument of a mapping, by its name or its alias. */
static yaml_node_t *
arg(const struct ydoc *y, const yaml_node_t *args, const yaml_node_t *extra,
    const char *name, const char *alias)
{
	yaml_node_t	*n;

	if ((n = ydoc_get(y, args, name, NULL)) == NULL)
		n = ydoc_get(y, args, alias, NULL);
	if (n == NULL)
		n = ydoc_get(y, extra, name, NULL);
	if (n == NULL)
		n = ydoc_get(y, extra, alias, NULL);
	return n;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* "name=net.ipv4.ip_forward value=1": the words of free-form arguments. */
static void
read_free_form(struct walk *w, const yaml_node_t *text, struct span line)
{
	const char	*d = w->out->src->data;
	struct span	 all, ks = { 0, 0 }, vs = { 0, 0 }, word;
	uint32_t	 i, e, eq;
	bool		 key = false, value = false, absent = false;

	if (!ydoc_text(w->y, text, &all)) {
		reader_not_judged(w->out, ydoc_span(w->y, text), NULL, "the "
		    "arguments are written with YAML escapes or folded lines");
		return;
	}
	for (i = all.off, e = all.off + all.len; i < e;) {
		while (i < e && is_blank(d[i]))
			i++;
		for (word.off = i; i < e && !is_blank(d[i]); i++)
			continue;
		word.len = i - word.off;
		for (eq = word.off; eq < i && d[eq] != '='; eq++)
			continue;
		if (eq == i)
			continue;
		if ((eq - word.off == 4 && memcmp(d + word.off, "name", 4) == 0) ||
		    (eq - word.off == 3 && memcmp(d + word.off, "key", 3) == 0)) {
			ks.off = eq + 1;
			ks.len = i - eq - 1;
			key = true;
		} else if ((eq - word.off == 5 && memcmp(d + word.off, "value",
		    5) == 0) || (eq - word.off == 3 && memcmp(d + word.off,
		    "val", 3) == 0)) {
			vs.off = eq + 1;
			vs.len = i - eq - 1;
			value = true;
		} else if (eq - word.off == 5 && memcmp(d + word.off, "state",
		    5) == 0 && i - eq - 1 == 6 && memcmp(d + eq + 1, "absent",
		    6) == 0)
			absent = true;
	}
	if (absent)
		return;
	if (!key || !value) {
		reader_malformed(w->out, all, key ? "the sysctl task sets no "
		    "value= (the module requires it unless state=absent)" :
		    "the sysctl task names no key (name=)");
		return;
	}
	reader_add(w->out, scope_of(w), line, ks, vs, READER_JINJA);
}

static void
read_module(struct walk *w, const yaml_node_t *task, const yaml_node_t *args)
{
	const struct ydoc	*y = w->y;
	yaml_node_t		*extra = ydoc_get(y, task, "args", NULL);
	yaml_node_t		*name, *value, *state;
	struct span		 line = ydoc_span(y, task);

	if (ydoc_is_scalar(args) && args->data.scalar.length > 0) {
		read_free_form(w, args, line);
		return;
	}
	name = arg(y, args, extra, "name", "key");
	value = arg(y, args, extra, "value", "val");
	state = arg(y, args, extra, "state", "state");
	if (ydoc_scalar_is(state, "absent"))
		return;
	if (name == NULL)
		reader_malformed(w->out, ydoc_span(y, args), "the sysctl task "
		    "names no key (name:)");
	else if (value == NULL)
		reader_malformed(w->out, ydoc_span(y, name), "the sysctl task "
		    "sets no value: (the module requires it unless state: "
		    "absent)");
	else
		reader_add_yaml(w->out, scope_of(w), y, name, value, line,
		    READER_JINJA);
}

static void walk_tasks(struct walk *, const yaml_node_t *, int);

static void
read_task(struct walk *w, const yaml_node_t *task, int depth)
{
	yaml_node_t	*n;
	size_t		 i;

	for (i = 0; i < ARRAY_LEN(block_lists); i++)
		if ((n = ydoc_get(w->y, task, block_lists[i], NULL)) != NULL)
			walk_tasks(w, n, depth + 1);
	for (i = 0; i < ARRAY_LEN(modules); i++)
		if ((n = ydoc_get(w->y, task, modules[i], NULL)) != NULL) {
			read_module(w, task, n);
			return;
		}
}

static void
walk_tasks(struct walk *w, const yaml_node_t *list, int depth)
{
	const yaml_node_item_t	*it;
	yaml_node_t		*task;

	if (list == NULL || list->type != YAML_SEQUENCE_NODE ||
	    depth > ANSIBLE_MAX_DEPTH)
		return;
	for (it = list->data.sequence.items.start;
	    it < list->data.sequence.items.top; it++)
		if ((task = ydoc_node(w->y, *it)) != NULL &&
		    task->type == YAML_MAPPING_NODE)
			read_task(w, task, depth);
}

static bool
is_play(const struct ydoc *y, const yaml_node_t *item)
{
	return ydoc_get(y, item, "hosts", NULL) != NULL ||
	    ydoc_get(y, item, "import_playbook", NULL) != NULL ||
	    ydoc_get(y, item, "ansible.builtin.import_playbook", NULL) != NULL;
}

static char *
play_label(const struct ydoc *y, const struct reader_out *out,
    const yaml_node_t *play, size_t i)
{
	const yaml_node_t	*name = ydoc_get(y, play, "name", NULL);

	if (ydoc_is_scalar(name))
		return xasprintf("%s (play %.*s)", out->src->path,
		    (int)name->data.scalar.length, name->data.scalar.value);
	return xasprintf("%s (play %zu)", out->src->path, i + 1);
}

void
ansible_read_doc(const struct ydoc *y, struct reader_out *out)
{
	const yaml_node_t	*root = ydoc_root(y);
	const yaml_node_item_t	*it;
	yaml_node_t		*item;
	struct walk		 w;
	size_t			 i, j;
	bool			 plays;

	/* --source=ansible hands over documents of any shape. */
	if (!ansible_is_doc(y))
		return;
	item = ydoc_node(y, *root->data.sequence.items.start);
	plays = is_play(y, item);
	memset(&w, 0, sizeof(w));
	w.y = y;
	w.out = out;
	if (!plays) {
		walk_tasks(&w, root, 0);
		return;
	}
	for (i = 0, it = root->data.sequence.items.start;
	    it < root->data.sequence.items.top; it++, i++) {
		if ((item = ydoc_node(y, *it)) == NULL ||
		    item->type != YAML_MAPPING_NODE)
			continue;
		w.sc = NULL;
		w.label = play_label(y, out, item, i);
		for (j = 0; j < ARRAY_LEN(play_lists); j++)
			walk_tasks(&w, ydoc_get(y, item, play_lists[j], NULL),
			    0);
		free(w.label);
	}
}
