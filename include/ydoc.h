/*
 * ydoc.h: YAML files read through libyaml's document API, with every
 * node located in the bytes of its source.
 *
 * libyaml counts positions in characters after a byte order mark; the
 * spans here are byte ranges of the source, as every finding needs.  A
 * scalar's text is the span between its quotes, and is exact only when
 * the value YAML reads is those very bytes (no escape, no folded line):
 * ydoc_text() says so.
 *
 * Ownership: a ydoc lives for one call of the caller's function and
 * points into the source, which outlives it.
 */
#ifndef SYSCTL_LINT_YDOC_H
#define SYSCTL_LINT_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#include "source.h"

struct findings;
struct ydoc_map;

struct ydoc {
	const struct source	*src;
	yaml_document_t		*doc;
	const struct ydoc_map	*map;
	size_t			 index;		/* of the document, from 0 */
};

/*
 * Calls fn with each document of src in turn.  A file YAML cannot read
 * gets a source-syntax finding at the place libyaml names; the
 * documents before it were given to fn.  Returns false then.  fs may
 * be NULL: the file is only looked at.
 */
bool		 ydoc_each(const struct source *, struct findings *,
		    void (*fn)(const struct ydoc *, void *), void *ctx);

yaml_node_t	*ydoc_root(const struct ydoc *);
/* The node of id, or NULL (0, an alias to nothing). */
yaml_node_t	*ydoc_node(const struct ydoc *, int id);
/*
 * The value of the key spelt key in mapping map (the first, when YAML
 * repeats it), and its key node in *keynode when not NULL; NULL when map
 * is not a mapping or lacks the key.
 */
yaml_node_t	*ydoc_get(const struct ydoc *, const yaml_node_t *map,
		    const char *key, yaml_node_t **keynode);
/* Follows a path of keys from map, NULL at the first one missing. */
yaml_node_t	*ydoc_path(const struct ydoc *, const yaml_node_t *map,
		    const char *const *keys, size_t n);
bool		 ydoc_is_scalar(const yaml_node_t *);
/* A scalar whose value is exactly s. */
bool		 ydoc_scalar_is(const yaml_node_t *, const char *s);
/*
 * A scalar YAML 1.1 reads as a string: quoted, a block, tagged !!str, or
 * plain text that is no number, boolean or null.
 */
bool		 ydoc_is_string(const yaml_node_t *);
/* The bytes of a node, start to end. */
struct span	 ydoc_span(const struct ydoc *, const yaml_node_t *);
/* The bytes from the first of two nodes to the end of the last. */
struct span	 ydoc_join(const struct ydoc *, const yaml_node_t *,
		    const yaml_node_t *);
/*
 * The bytes of a scalar's value (inside its quotes); false when the value
 * differs from them (escapes, folded or block lines), or n is no scalar.
 */
bool		 ydoc_text(const struct ydoc *, const yaml_node_t *,
		    struct span *);

#endif
