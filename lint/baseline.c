/*
 * baseline.c: reads (with cJSON) and writes (with jsonw) baselines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "baseline.h"
#include "finding.h"
#include "jsonw.h"
#include "source.h"
#include "util.h"

/*
 * Occurrences are counted in size_t; 10^15 is far past any count and
 * exact in a double.
 */
#define OCCURRENCE_MAX	1e15

struct entry {
	const char	*rule;
	const char	*path;
	const char	*key;		/* NULL for none */
	size_t		 occurrence;
};

struct table {
	struct entry	*v;
	size_t		 n;
	bool		*hit;		/* per finding, decided beforehand */
	size_t		 index;		/* of the finding being judged */
};

static bool
listed_in(const struct table *t, const struct finding *f, size_t occ)
{
	size_t	i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].rule, f->rule->id) == 0 &&
		    strcmp(t->v[i].path, f->src->path) == 0 &&
		    (t->v[i].key == NULL) == (f->key == NULL) &&
		    (f->key == NULL || strcmp(t->v[i].key, f->key) == 0) &&
		    t->v[i].occurrence == occ)
			return true;
	return false;
}

/* Dropping compacts the list, so occurrences are counted before it. */
static bool
listed(const struct finding *f, void *ctx)
{
	struct table	*t = ctx;

	(void)f;
	return t->hit[t->index++];
}

bool
baseline_apply(struct findings *fs, const char *path, char **err)
{
	struct source	*src;
	cJSON		*root;
	const cJSON	*list, *it, *r, *p, *k, *o;
	struct table	 t = { NULL, 0, NULL, 0 };
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
	t.v = xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof(*t.v));
	cJSON_ArrayForEach(it, list) {
		r = cJSON_GetObjectItemCaseSensitive(it, "rule");
		p = cJSON_GetObjectItemCaseSensitive(it, "path");
		k = cJSON_GetObjectItemCaseSensitive(it, "key");
		o = cJSON_GetObjectItemCaseSensitive(it, "occurrence");
		if (!cJSON_IsString(r) || !cJSON_IsString(p) ||
		    !cJSON_IsNumber(o)) {
			*err = xasprintf("'%s': entry %zu lacks rule, path or "
			    "occurrence", path, i + 1);
			free(t.v);
			cJSON_Delete(root);
			return false;
		}
		/* Converting a double out of size_t's range is undefined. */
		if (!(o->valuedouble >= 0 && o->valuedouble <= OCCURRENCE_MAX &&
		    (double)(size_t)o->valuedouble == o->valuedouble)) {
			*err = xasprintf("'%s' is not a sysctl-lint baseline: "
			    "entry %zu has an occurrence that is not a whole "
			    "number from 0 to %.0f", path, i + 1,
			    OCCURRENCE_MAX);
			free(t.v);
			cJSON_Delete(root);
			return false;
		}
		t.v[i].rule = r->valuestring;
		t.v[i].path = p->valuestring;
		t.v[i].key = cJSON_IsString(k) ? k->valuestring : NULL;
		t.v[i].occurrence = (size_t)o->valuedouble;
		i++;
	}
	t.n = i;
	t.hit = xcalloc(findings_count(fs) + 1, sizeof(bool));
	for (i = 0; i < findings_count(fs); i++)
		t.hit[i] = listed_in(&t, findings_at(fs, i),
		    findings_occurrence(fs, i));
	findings_drop_if(fs, listed, &t);
	free(t.hit);
	free(t.v);
	cJSON_Delete(root);
	return true;
}

bool
baseline_write(const struct findings *fs, const char *path, char **err)
{
	FILE		*f = fopen(path, "w");
	struct jsonw	*w;
	size_t		 i;

	if (f == NULL) {
		*err = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		return false;
	}
	w = jsonw_new(f);
	jsonw_object_begin(w);
	jsonw_key(w, "version");
	jsonw_uint(w, 1);
	jsonw_key(w, "findings");
	jsonw_array_begin(w);
	for (i = 0; i < findings_count(fs); i++) {
		const struct finding *fd = findings_at(fs, i);

		jsonw_object_begin(w);
		jsonw_key(w, "rule");
		jsonw_string(w, fd->rule->id);
		jsonw_key(w, "path");
		jsonw_string(w, fd->src->path);
		jsonw_key(w, "key");
		jsonw_string_or_null(w, fd->key);
		jsonw_key(w, "occurrence");
		jsonw_uint(w, findings_occurrence(fs, i));
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_finish(w);
	if (fclose(f) != 0) {
		*err = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		return false;
	}
	return true;
}
