/*
 * Unit tests: ydoc.c, YAML nodes located in source bytes (libyaml counts
 * characters after a byte order mark), scalar text and YAML 1.1 types;
 * reader.c's choice of a reader.
 */
#include <stdlib.h>

#include "catalog.h"
#include "check.h"
#include "conf.h"
#include "finding.h"
#include "reader.h"
#include "source.h"
#include "ydoc.h"

struct seen {
	struct check_counts	*c;
	int			 docs;
};

/* Checks that the scalar value of key in the root spans want's bytes. */
static void
text_at(const struct ydoc *y, struct check_counts *c, const char *key,
    const char *want)
{
	yaml_node_t	*v = ydoc_get(y, ydoc_root(y), key, NULL);
	struct span	 sp;

	CHECK(c, v != NULL && ydoc_text(y, v, &sp));
	if (v != NULL && ydoc_text(y, v, &sp))
		CHECK(c, sp.len == strlen(want) && memcmp(y->src->data + sp.off,
		    want, sp.len) == 0);
}

static void
first(const struct ydoc *y, void *ctx)
{
	struct seen	*s = ctx;
	struct check_counts *c = s->c;
	yaml_node_t	*v;
	struct span	 sp;

	s->docs++;
	if (s->docs > 1)
		return;
	/* After a BOM and multibyte characters, bytes are still exact. */
	text_at(y, c, "b", "x\xc3\xa9y");
	text_at(y, c, "c", "1 2");
	v = ydoc_get(y, ydoc_root(y), "d", NULL);
	CHECK(c, !ydoc_text(y, v, &sp));	/* '' reads as ' */
	v = ydoc_get(y, ydoc_root(y), "e", NULL);
	CHECK(c, !ydoc_text(y, v, &sp));	/* "\t" is an escape */
	v = ydoc_get(y, ydoc_root(y), "f", NULL);
	CHECK(c, !ydoc_text(y, v, &sp));	/* a block scalar */
	CHECK(c, !ydoc_is_string(ydoc_get(y, ydoc_root(y), "n", NULL)));
	CHECK(c, !ydoc_is_string(ydoc_get(y, ydoc_root(y), "h", NULL)));
	CHECK(c, !ydoc_is_string(ydoc_get(y, ydoc_root(y), "y", NULL)));
	CHECK(c, !ydoc_is_string(ydoc_get(y, ydoc_root(y), "fl", NULL)));
	CHECK(c, ydoc_is_string(ydoc_get(y, ydoc_root(y), "c", NULL)));
	CHECK(c, ydoc_is_string(ydoc_get(y, ydoc_root(y), "q", NULL)));
	CHECK(c, ydoc_is_string(ydoc_get(y, ydoc_root(y), "w", NULL)));
	CHECK(c, ydoc_get(y, ydoc_root(y), "zz", NULL) == NULL);
}

int
main(void)
{
	static const char yaml[] = "\xEF\xBB\xBF" "a: \xe2\x82\xac\n"
	    "b: x\xc3\xa9y\n" "c: \"1 2\"\n" "d: 'it''s'\n" "e: \"a\\tb\"\n"
	    "f: |\n  1\n" "n: 1024\n" "h: 0x1F\n" "y: yes\n" "fl: 1.5\n"
	    "q: '1024'\n" "w: 4096 87380\n" "---\n" "x: 1\n";
	struct check_counts	 c = { 0, 0 };
	struct catalog		*cat = catalog_new();
	struct findings		*fs;
	struct source		*src;
	struct reader_out	 out;
	struct seen		 s = { &c, 0 };
	char			*err = NULL;

	CHECK(&c, catalog_load_builtin(cat, &err));
	fs = findings_new(cat);
	src = source_from_mem("t.yaml", yaml, sizeof(yaml) - 1);
	CHECK(&c, ydoc_each(src, fs, first, &s));
	CHECK(&c, s.docs == 2);
	source_free(src);

	/* A syntax error: a finding at the byte libyaml names. */
	src = source_from_mem("bad.yaml", "a: \xc3\xa9\nb: [\n", 11);
	s.docs = 0;
	CHECK(&c, !ydoc_each(src, fs, first, &s));
	CHECK(&c, findings_count(fs) == 1 &&
	    findings_at(fs, 0)->rule == catalog_builtin(cat, BI_SOURCE_SYNTAX));
	source_free(src);

	/* Readers: by name, by content, and a YAML file none places. */
	CHECK(&c, reader_type_parse("kubernetes") == READER_KUBERNETES);
	CHECK(&c, reader_type_parse("auto") == -1);
	CHECK(&c, reader_type_parse("k8s") == -1);
	src = source_from_mem("x.yaml", "a: 1\n", 5);
	CHECK(&c, !reader_read(src, READER_AUTO, fs, &out, &err));
	CHECK(&c, err != NULL && strstr(err, "--source") != NULL);
	free(err);
	err = NULL;
	reader_out_free(&out);
	CHECK(&c, reader_read(src, READER_COMPOSE, fs, &out, &err));
	CHECK(&c, out.n == 1 && out.v[0].conf->n == 0);
	conf_free(out.v[0].conf);
	reader_out_free(&out);
	CHECK(&c, !reader_is_config(src));
	source_free(src);
	src = source_from_mem("dir/compose.yml",
	    "services:\n  a:\n    sysctls: [net.core.somaxconn=1]\n"
	    "  b:\n    sysctls: {kernel.msgmax: 8}\n", 88);
	CHECK(&c, reader_is_config(src));
	CHECK(&c, reader_read(src, READER_AUTO, fs, &out, &err));
	CHECK(&c, out.n == 2 && out.v[0].runtime == UNIT_CONTAINER);
	CHECK(&c, out.n == 2 && out.v[0].conf->n == 1 &&
	    strcmp(out.v[0].conf->entries[0].dotted, "net.core.somaxconn") ==
	    0 && out.v[1].conf->n == 1);
	CHECK_STR(&c, out.n == 2 ? out.v[1].label : NULL,
	    "dir/compose.yml (service b)");
	for (size_t i = 0; i < out.n; i++)
		conf_free(out.v[i].conf);
	reader_out_free(&out);
	source_free(src);

	findings_free(fs);
	catalog_free(cat);
	return check_done(&c);
}
