/*
 * baseline.c: reads (with cJSON) and writes (with jsonw) baselines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "baseline.h"
#include "finding.h"
#include "jsonw.h"
#include "keyset.h"
#include "source.h"
#include "util.h"

/* The identity's format, a literal so that its arguments are checked. */
#define IDENTITY_FORMAT	"%s %zu:%s %zu:%s %zu"

/*
 * Occurrences are counted in size_t; 10^15 is far past any count and
 * exact in a double.
 */
#define OCCURRENCE_MAX	1e15

/*
 * Entries indexed by rule, path, key and occurrence: a scan of every
 * entry for every finding made adopting the linter on a large tree cost
 * their product.
 */
struct table {
	struct keyset	*index;
	struct arena	*names;
	size_t		 hidden;	/* findings listed, so dropped */
};

/* The identity as one string; lengths first, so no two are alike. */
static char *
identity(struct arena *a, const char *rule, const char *path,
    const char *key, size_t occurrence)
{
	size_t		 plen = strlen(path), klen = key != NULL ?
			    strlen(key) : 0, len;
	char		*name;

	len = (size_t)snprintf(NULL, 0, IDENTITY_FORMAT, rule, plen, path, klen,
	    key != NULL ? key : "-", occurrence) + 1;
	name = arena_alloc(a, len);
	snprintf(name, len, IDENTITY_FORMAT, rule, plen, path, klen, key != NULL ? key :
	    "-", occurrence);
	return name;
}

static bool
listed(const struct finding_id *id, void *ctx)
{
	struct table	*t = ctx;
	bool		 in;

	in = keyset_get(t->index, identity(t->names, id->rule->id,
	    id->src->path, id->key, id->occurrence), 0) != KEYSET_NONE;
	t->hidden += in;
	return in;
}

bool
baseline_apply(struct findings *fs, const char *path, size_t *hidden,
    char **err)
{
	struct source	*src;
	cJSON		*root;
	const cJSON	*list, *it, *r, *p, *k, *o;
	struct table	 t = { NULL, NULL, 0 };
	size_t		 i = 0;

	if ((src = source_load(path, path, err)) == NULL)
		return false;
	root = cJSON_ParseWithLength(src->data, src->len);
	source_free(src);
	list = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (root == NULL || !cJSON_IsArray(list)) {
		*err = xasprintf("'%s' is not a sysctl-lint baseline", path);
		cJSON_Delete(root);
		return false;
	}
	t.index = keyset_new((size_t)cJSON_GetArraySize(list));
	t.names = arena_new(4096);
	cJSON_ArrayForEach(it, list) {
		r = cJSON_GetObjectItemCaseSensitive(it, "rule");
		p = cJSON_GetObjectItemCaseSensitive(it, "path");
		k = cJSON_GetObjectItemCaseSensitive(it, "key");
		o = cJSON_GetObjectItemCaseSensitive(it, "occurrence");
		i++;
		if (!cJSON_IsString(r) || !cJSON_IsString(p) ||
		    !cJSON_IsNumber(o)) {
			*err = xasprintf("'%s': entry %zu lacks rule, path or "
			    "occurrence", path, i);
			break;
		}
		/* Converting a double out of size_t's range is undefined. */
		if (!(o->valuedouble >= 0 && o->valuedouble <= OCCURRENCE_MAX &&
		    (double)(size_t)o->valuedouble == o->valuedouble)) {
			*err = xasprintf("'%s' is not a sysctl-lint baseline: "
			    "entry %zu has an occurrence that is not a whole "
			    "number from 0 to %.0f", path, i, OCCURRENCE_MAX);
			break;
		}
		*keyset_slot(t.index, identity(t.names, r->valuestring,
		    p->valuestring, cJSON_IsString(k) ? k->valuestring : NULL,
		    (size_t)o->valuedouble), 0) = i;
	}
	if (it == NULL)
		findings_drop_ids(fs, listed, &t);
	*hidden = t.hidden;
	keyset_free(t.index);
	arena_free(t.names);
	cJSON_Delete(root);
	return it == NULL;
}

static void
put_entry(const struct finding_id *id, void *ctx)
{
	struct jsonw	*w = ctx;

	jsonw_object_begin(w);
	jsonw_key(w, "rule");
	jsonw_string(w, id->rule->id);
	jsonw_key(w, "path");
	jsonw_string(w, id->src->path);
	jsonw_key(w, "key");
	jsonw_string_or_null(w, id->key);
	jsonw_key(w, "occurrence");
	jsonw_uint(w, id->occurrence);
	jsonw_object_end(w);
}

void
baseline_write(const struct findings *fs, FILE *f)
{
	struct jsonw	*w;

	w = jsonw_new(f);
	jsonw_object_begin(w);
	jsonw_key(w, "version");
	jsonw_uint(w, 1);
	jsonw_key(w, "findings");
	jsonw_array_begin(w);
	findings_each_id(fs, put_entry, w);
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_finish(w);
}
