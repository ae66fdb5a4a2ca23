/*
 * defaults.c: the kernel defaults of unset keys, as a file of a unit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "conf.h"
#include "defaults.h"
#include "finding.h"
#include "keydb.h"
#include "keyset.h"
#include "source.h"
#include "unit.h"
#include "util.h"

/* A default the rules can compare: an integer, nothing computed. */
static bool
plain_number(const char *s)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	(void)v;
	return errno == 0 && *end == '\0';
}

/* The paths the unit's files assign, for "is it set?". */
static struct keyset *
set_paths(const struct unit *u)
{
	struct keyset	*set;
	size_t		 i, j, n = 0;

	for (i = 0; i < u->n; i++)
		n += u->files[i].conf != NULL ? u->files[i].conf->n : 0;
	set = keyset_new(n + 1);
	for (i = 0; i < u->n; i++) {
		const struct conf *c = u->files[i].conf;

		for (j = 0; c != NULL && j < c->n; j++)
			if (c->entries[j].path != NULL)
				*keyset_slot(set, c->entries[j].path, 0) = j;
	}
	return set;
}

void
defaults_add(struct unit *u, struct findings *fs, int line)
{
	const struct catalog	*cat = findings_catalog(fs);
	const struct keydb_key	*k;
	const struct keydb_range *r;
	struct keyset		*set = set_paths(u), *added;
	struct buf		 text = BUF_INIT;
	struct source		*src;
	struct unit_file	 uf;
	size_t			 i, j, nkeys = 0, at = line >= 0 ?
				    (size_t)line : keydb_nlines - 1;
	char			*name;

	for (i = 0; i < catalog_count(cat); i++)
		nkeys += catalog_rule(cat, i)->nkeys;
	added = keyset_new(nkeys + 1);
	for (i = 0; i < catalog_count(cat); i++) {
		const struct rule *rule = catalog_rule(cat, i);

		if (rule->when == NULL || !rule_has_tag(rule, "hardening") ||
		    !findings_enabled(fs, rule))
			continue;
		for (j = 0; j < rule->nkeys; j++) {
			const struct rule_key *rk = &rule->keys[j];
			size_t *slot;

			if (rk->glob || rk->re != NULL ||
			    keyset_get(set, rk->path, 0) != KEYSET_NONE ||
			    (k = keydb_lookup(rk->path)) == NULL ||
			    (r = keydb_range(k, at)) == NULL ||
			    !plain_number(r->def))
				continue;
			if (*(slot = keyset_slot(added, rk->path, 0)) !=
			    KEYSET_NONE)
				continue;
			*slot = 1;
			buf_printf(&text, "%s = %s\n", rk->text, r->def);
		}
	}
	keyset_free(added);
	keyset_free(set);
	if (text.len == 0) {
		buf_free(&text);
		return;
	}
	name = xasprintf("<kernel %s defaults>", keydb_lines[at]);
	src = source_from_mem(name, text.data, text.len);
	free(name);
	buf_free(&text);
	/* First, so that every real file applies after it. */
	unit_add_file(u, src, conf_parse(src, fs), false);
	uf = u->files[u->n - 1];
	memmove(&u->files[1], &u->files[0], (u->n - 1) * sizeof(uf));
	u->files[0] = uf;
	u->files[0].assumed = true;
}
