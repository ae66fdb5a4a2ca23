/*
 * Unit tests: effective.c (which assignment stays in force, in what
 * order, what counts as a repeat) and engine.c (a data rule's condition
 * over those settings: values set, the target kernel's defaults, values
 * nobody knows).
 */
#include <stdlib.h>

#include "catalog.h"
#include "check.h"
#include "conf.h"
#include "effective.h"
#include "engine.h"
#include "errlist.h"
#include "finding.h"
#include "keydb.h"
#include "source.h"
#include "unit.h"

struct fixture {
	struct findings	*fs;
	struct unit	 u;
};

/* A unit of in-memory files, each text a NULL-terminated list's entry. */
static void
fixture_open(struct fixture *fx, const struct catalog *cat,
    const char *const *texts)
{
	static char	label[] = "unit";
	size_t		i;
	char		name[32];

	memset(fx, 0, sizeof(*fx));
	fx->fs = findings_new(cat);
	fx->u.label = label;
	for (i = 0; texts[i] != NULL; i++) {
		struct source	*src;

		snprintf(name, sizeof(name), "%zu.conf", i + 1);
		src = source_from_mem(name, texts[i], strlen(texts[i]));
		unit_add_file(&fx->u, src, conf_parse(src, fx->fs), true);
	}
}

static void
fixture_close(struct fixture *fx)
{
	size_t	i;

	for (i = 0; i < fx->u.n; i++) {
		conf_free(fx->u.files[i].conf);
		source_free(fx->u.files[i].src);
	}
	free(fx->u.files);
	findings_free(fx->fs);
}

/* The value an item holds, as written. */
static const char *
item_value(const struct effective_item *it, char *buf, size_t size)
{
	snprintf(buf, size, "%.*s", (int)it->ent->value.len,
	    it->src->data + it->ent->value.off);
	return buf;
}

static void
test_order_and_repeats(struct check_counts *c, const struct catalog *cat)
{
	static const char *const texts[] = {
		"vm.swappiness = 10\nkernel.panic = 5\nvm.swappiness = 20\n",
		"kernel.panic = 7\n-net.ipv4.conf.all.rp_filter\n",
		NULL,
	};
	struct fixture			 fx;
	struct effective		 eff;
	const struct effective_item	*it;
	char				 buf[64];

	fixture_open(&fx, cat, texts);
	effective_build(&fx.u, &eff);
	/* Each key once, at the place of its last assignment. */
	CHECK(c, eff.n == 3);
	if (eff.n == 3) {
		CHECK_STR(c, eff.v[0].ent->dotted, "vm.swappiness");
		CHECK_STR(c, eff.v[0].src->path, "1.conf");
		CHECK_STR(c, item_value(&eff.v[0], buf, sizeof(buf)), "20");
		CHECK_STR(c, eff.v[1].ent->dotted, "kernel.panic");
		CHECK_STR(c, eff.v[1].src->path, "2.conf");
		CHECK(c, eff.v[2].ent->kind == CONF_EXCLUDE);
	}
	it = effective_find(&eff, "kernel/panic");
	CHECK(c, it != NULL && strcmp(item_value(it, buf, sizeof(buf)),
	    "7") == 0);
	CHECK(c, effective_find(&eff, "kernel/no_such") == NULL);
	/* One repeat within a file, one across files, in the later's order. */
	CHECK(c, eff.nrepeats == 2);
	if (eff.nrepeats == 2) {
		CHECK_STR(c, eff.repeats[0].later.ent->dotted, "vm.swappiness");
		CHECK(c, eff.repeats[0].earlier.src == eff.repeats[0].later.src);
		CHECK_STR(c, eff.repeats[1].earlier.src->path, "1.conf");
		CHECK_STR(c, eff.repeats[1].later.src->path, "2.conf");
	}
	effective_free(&eff);
	fixture_close(&fx);
}

/* Runs the rules on texts for kernel line, and counts rule's findings. */
static size_t
fired(const struct catalog *cat, const char *rule, const char *text,
    int line)
{
	const char *const	 texts[] = { text, NULL };
	struct fixture		 fx;
	struct effective	 eff;
	struct errlist		 errs = ERRLIST_INIT;
	size_t			 i, n = 0;

	fixture_open(&fx, cat, texts);
	effective_build(&fx.u, &eff);
	engine_run(fx.fs, &eff, line, &errs);
	if (errs.n != 0)
		n = 1000;	/* no pattern here can hit a limit */
	errlist_free(&errs);
	for (i = 0; i < findings_count(fx.fs); i++)
		if (strcmp(findings_at(fx.fs, i)->rule->id, rule) == 0)
			n++;
	effective_free(&eff);
	fixture_close(&fx);
	return n;
}

static const char rules_json[] =
    "{\"rules\": ["
    "{\"id\": \"T-1\", \"name\": \"t-default\", \"severity\": \"warning\","
    " \"summary\": \"s\", \"keys\": [\"net.ipv4.tcp_tw_reuse\"],"
    " \"when\": \"value == 1 && net.ipv4.tcp_timestamps == 0\","
    " \"message\": \"{net.ipv4.tcp_timestamps}\", \"explanation\": \"e\"},"
    "{\"id\": \"T-2\", \"name\": \"t-set\", \"severity\": \"warning\","
    " \"summary\": \"s\", \"keys\": [\"net.ipv4.tcp_tw_reuse\"],"
    " \"when\": \"!set(net.ipv4.tcp_timestamps)\","
    " \"message\": \"m\", \"explanation\": \"e\"},"
    "{\"id\": \"T-3\", \"name\": \"t-vector\", \"severity\": \"warning\","
    " \"summary\": \"s\", \"keys\": [\"net.ipv4.tcp_rmem\"],"
    " \"when\": \"count(value) == 3 && value[2] > value[1]\","
    " \"message\": \"m\", \"explanation\": \"e\"},"
    "{\"id\": \"T-4\", \"name\": \"t-range\", \"severity\": \"warning\","
    " \"summary\": \"s\", \"keys\": [\"net.ipv4.ip_local_reserved_ports\"],"
    " \"when\": \"min(value) == 8080 && max(value) == 9010\","
    " \"message\": \"m\", \"explanation\": \"e\"},"
    "{\"id\": \"T-5\", \"name\": \"t-missing\", \"severity\": \"warning\","
    " \"summary\": \"s\", \"keys\": [\"vm.swappiness\"],"
    " \"when\": \"value[5] == 0 || value[5] != 0\","
    " \"message\": \"m\", \"explanation\": \"e\"}"
    "]}";

static void
test_engine(struct check_counts *c, struct catalog *cat)
{
	int	line = keydb_line_for("6.1");

	CHECK(c, line >= 0);
	/* A value the unit sets. */
	CHECK(c, fired(cat, "T-1", "net.ipv4.tcp_tw_reuse = 1\n"
	    "net.ipv4.tcp_timestamps = 0\n", line) == 1);
	/* Unset, the target kernel's default (1) is read: no finding. */
	CHECK(c, fired(cat, "T-1", "net.ipv4.tcp_tw_reuse = 1\n", line) == 0);
	CHECK(c, fired(cat, "T-2", "net.ipv4.tcp_tw_reuse = 1\n", line) == 1);
	CHECK(c, fired(cat, "T-2", "net.ipv4.tcp_tw_reuse = 1\n"
	    "net.ipv4.tcp_timestamps = 1\n", line) == 0);
	/* Only the last assignment counts. */
	CHECK(c, fired(cat, "T-1", "net.ipv4.tcp_tw_reuse = 1\n"
	    "net.ipv4.tcp_timestamps = 0\nnet.ipv4.tcp_timestamps = 1\n",
	    line) == 0);
	CHECK(c, fired(cat, "T-3", "net.ipv4.tcp_rmem = 4096 87380 6291456\n",
	    line) == 1);
	CHECK(c, fired(cat, "T-3", "net.ipv4.tcp_rmem = 4096 87380\n",
	    line) == 0);
	CHECK(c, fired(cat, "T-4",
	    "net.ipv4.ip_local_reserved_ports = 9000-9010,8080\n", line) == 1);
	/* An element nobody knows makes every comparison false. */
	CHECK(c, fired(cat, "T-5", "vm.swappiness = 10\n", line) == 0);
}

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	struct catalog		*cat = catalog_new();
	char			*err = NULL;

	if (!catalog_load_builtin(cat, &err) ||
	    !catalog_add_json(cat, "unit.rules", rules_json,
	    sizeof(rules_json) - 1, &err)) {
		fprintf(stderr, "catalogue: %s\n", err);
		free(err);
		catalog_free(cat);
		return 1;
	}
	test_order_and_repeats(&c, cat);
	test_engine(&c, cat);
	catalog_free(cat);
	return check_done(&c);
}
