/*
 * reader.h: the places sysctl settings are written besides sysctl.d,
 * and the choice of a reader for each file.
 *
 * A reader turns a file into scopes: the configurations the file holds
 * (a tuned profile, a Kubernetes pod, a compose service, an Ansible
 * play), each a conf of entries over the file's own bytes, so that every
 * later pass judges them as it judges sysctl.d lines.  The file is read
 * as its --source type says, else by its name (tuned.conf, compose.yaml)
 * and, for YAML, by what its documents are.
 *
 * Ownership: a reader_out owns its scopes' labels; the confs go to the
 * caller, who frees them (conf_free) once units hold them.
 */
#ifndef SYSCTL_LINT_READER_H
#define SYSCTL_LINT_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"
#include "unit.h"

struct conf;
struct findings;
struct ydoc;
typedef struct yaml_node_s yaml_node_t;

enum reader_type {
	READER_AUTO,
	READER_SYSCTL,
	READER_TUNED,
	READER_KUBERNETES,
	READER_COMPOSE,
	READER_ANSIBLE
};

struct reader_scope {
	struct conf		*conf;
	char			*label;		/* NULL: the file's path */
	enum unit_runtime	 runtime;
	bool			 host_net;
	bool			 host_ipc;
};

struct reader_out {
	const struct source	*src;
	struct findings		*fs;
	struct reader_scope	*v;
	size_t			 n;
	size_t			 cap;
	bool			 sysctl;	/* read as a sysctl.d file */
};

/* The type a --source word names, or -1. */
int		 reader_type_parse(const char *);
const char	*reader_type_name(enum reader_type);

/*
 * Reads src as type into out, which then holds at least one scope (an
 * empty one when the file configures nothing).  A file READER_AUTO
 * cannot place (YAML that is no manifest, compose file or task list)
 * is left unread: false, with *err (caller frees) saying so.
 */
bool		 reader_read(const struct source *, enum reader_type,
		    struct findings *, struct reader_out *out, char **err);
void		 reader_out_free(struct reader_out *);
/*
 * Whether a file found in a tree is one a reader places: named
 * tuned.conf or as a compose file, or YAML holding a Kubernetes object,
 * compose services or an Ansible task list.
 */
bool		 reader_is_config(const struct source *);

/* For the readers: a new scope of out, labelled (label is taken). */
struct reader_scope *reader_scope(struct reader_out *, char *label,
		    enum unit_runtime);

/* What reader_add() and reader_add_yaml() also check. */
#define READER_STRING_VALUE	0x01	/* the value must be a YAML string */
#define READER_JINJA		0x02	/* "{{ }}" is a template */
#define READER_DOLLAR		0x04	/* "$VAR" and "${VAR}" are expanded */
#define READER_QUOTES		0x08	/* quotes reach the kernel */
#define READER_COMMENTS		0x10	/* so does a '#' after a blank */

/*
 * Adds the assignment of the YAML scalars key and value (value NULL:
 * absent) to sc, its line the span line; a text YAML spells with
 * escapes, or that a tool expands, is noted and not judged.
 */
void		 reader_add_yaml(struct reader_out *, struct reader_scope *,
		    const struct ydoc *, const yaml_node_t *key,
		    const yaml_node_t *value, struct span line,
		    unsigned checks);
/* The same for a key and value at spans of the source. */
void		 reader_add(struct reader_out *, struct reader_scope *,
		    struct span line, struct span key, struct span value,
		    unsigned checks);
/*
 * Reports that the text at sp is not judged, for the reason why ("tuned
 * expands '${...}' when it applies the profile").
 */
void		 reader_not_judged(struct reader_out *, struct span sp,
		    const char *key, const char *why);
/* Reports an entry the tool refuses or misreads, at sp: what is wrong. */
void		 reader_malformed(struct reader_out *, struct span sp,
		    const char *what);

#endif
