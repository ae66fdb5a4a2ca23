/*
 * Unit tests: pipeline.c, the order of a run's passes.  Each test runs
 * a job over units made in memory and looks at what the order implies:
 * a suppression sees the repeat it names, findings come out sorted, a
 * snapshot's values meet the data rules only when it is alone, reports
 * reach their streams and files, and a file that cannot be written is a
 * tool error.
 */
#include <stdlib.h>
#include <unistd.h>

#include "catalog.h"
#include "check.h"
#include "conf.h"
#include "emit.h"
#include "errlist.h"
#include "finding.h"
#include "pipeline.h"
#include "snapshot.h"
#include "source.h"
#include "unit.h"

struct fixture {
	struct findings	*fs;
	struct errlist	 errs;
	struct unit	 u;
	char		*out;		/* the text report */
	size_t		 outlen;
};

static void
unit_of(struct unit *u, const char *name, const char *text, bool snapshot,
    struct findings *fs)
{
	static char	 label[] = "unit";
	struct source	*src = source_from_mem(name, text, strlen(text));

	memset(u, 0, sizeof(*u));
	u->label = label;
	u->snapshot = snapshot;
	unit_add_file(u, src, snapshot ? snapshot_parse(src, fs) :
	    conf_parse(src, fs), true);
}

static void
unit_release(struct unit *u)
{
	size_t	i;

	for (i = 0; i < u->n; i++) {
		conf_free(u->files[i].conf);
		source_free(u->files[i].src);
	}
	free(u->files);
}

/* Runs one in-memory file through a job with a text report. */
static void
run_text(struct fixture *fx, const struct catalog *cat, const char *text,
    bool snapshot, const char *extra_report_path)
{
	struct pipeline_input	in = { .source = PIPELINE_UNIT };
	struct pipeline_report	rep[2];
	struct pipeline_job	job;
	FILE			*out;

	memset(fx, 0, sizeof(*fx));
	memset(rep, 0, sizeof(rep));
	memset(&job, 0, sizeof(job));
	fx->fs = findings_new(cat);
	unit_of(&fx->u, "a.conf", text, snapshot, fx->fs);
	out = open_memstream(&fx->out, &fx->outlen);
	in.unit = &fx->u;
	rep[0].emitter = emit_lookup("text");
	rep[0].out = out;
	rep[0].name = "the test's stream";
	rep[1].emitter = emit_lookup("json");
	rep[1].path = extra_report_path;
	job.inputs = &in;
	job.ninputs = 1;
	job.line = -1;
	job.inline_suppressions = true;
	job.reports = rep;
	job.nreports = extra_report_path != NULL ? 2 : 1;
	pipeline_run(&job, fx->fs, &fx->errs);
	fclose(out);
}

static void
fixture_close(struct fixture *fx)
{
	findings_free(fx->fs);
	unit_release(&fx->u);
	errlist_free(&fx->errs);
	free(fx->out);
}

static bool
has_rule(const struct findings *fs, const char *id)
{
	size_t	i;

	for (i = 0; i < findings_count(fs); i++)
		if (strcmp(findings_at(fs, i)->rule->id, id) == 0)
			return true;
	return false;
}

/* The repeat pass runs before suppressions, which can then drop it. */
static void
test_suppress_after_repeats(struct check_counts *c, const struct catalog *cat)
{
	struct fixture	fx;

	run_text(&fx, cat, "vm.swappiness = 10\nvm.swappiness = 20\n",
	    false, NULL);
	CHECK(c, has_rule(fx.fs, "SL2001"));
	CHECK(c, strstr(fx.out, "[SL2001]") != NULL);
	fixture_close(&fx);

	run_text(&fx, cat, "vm.swappiness = 10\n"
	    "# sysctl-lint: disable=SL2001\nvm.swappiness = 20\n", false, NULL);
	CHECK(c, !has_rule(fx.fs, "SL2001"));
	CHECK(c, !has_rule(fx.fs, "SL9002"));	/* it did suppress */
	CHECK(c, strstr(fx.out, "no findings") != NULL);
	fixture_close(&fx);
}

/*
 * The key pass reports line 3 before the repeat pass reports line 2:
 * sorting, before the reports, puts line 2 first.
 */
static void
test_sorted(struct check_counts *c, const struct catalog *cat)
{
	struct fixture	fx;
	size_t		i;

	run_text(&fx, cat, "vm.swappiness = 10\nvm.swappiness = 20\n"
	    "net.ipv4.tcp_tw_recycle = 1\n", false, NULL);
	CHECK(c, findings_count(fx.fs) >= 2);
	for (i = 1; i < findings_count(fx.fs); i++)
		CHECK(c, findings_at(fx.fs, i - 1)->span.off <=
		    findings_at(fx.fs, i)->span.off);
	CHECK(c, strcmp(findings_at(fx.fs, 0)->rule->id, "SL2001") == 0);
	fixture_close(&fx);
}

/*
 * A snapshot in memory is the whole input: the data rules judge its
 * values (tcp_tw_reuse without timestamps), and it repeats nothing.
 */
static void
test_snapshot_rules(struct check_counts *c, const struct catalog *cat)
{
	struct fixture	fx;

	run_text(&fx, cat, "net.ipv4.tcp_timestamps = 0\n"
	    "net.ipv4.tcp_tw_reuse = 1\n", true, NULL);
	CHECK(c, findings_count(fx.fs) > 0);
	CHECK(c, !has_rule(fx.fs, "SL2001"));
	fixture_close(&fx);
}

/* A report to a file is written whole; one that cannot be is an error. */
static void
test_report_files(struct check_counts *c, const struct catalog *cat)
{
	char		 dir[] = "/tmp/unit-pipeline.XXXXXX", path[64];
	struct fixture	 fx;
	FILE		*f;

	CHECK(c, mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/report.json", dir);
	run_text(&fx, cat, "vm.swappiness = 10\nvm.swappiness = 20\n",
	    false, path);
	CHECK(c, fx.errs.n == 0);
	CHECK(c, (f = fopen(path, "r")) != NULL);
	if (f != NULL)
		fclose(f);
	fixture_close(&fx);
	unlink(path);

	snprintf(path, sizeof(path), "%s/no/such/dir/report.json", dir);
	run_text(&fx, cat, "vm.swappiness = 10\n", false, path);
	CHECK(c, fx.errs.n == 1);
	CHECK(c, fx.errs.n == 1 && strstr(fx.errs.msgs[0], "no/such") != NULL);
	fixture_close(&fx);
	rmdir(dir);
}

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	struct catalog		*cat = catalog_new();
	char			*err = NULL;

	if (!catalog_load_builtin(cat, &err)) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	test_suppress_after_repeats(&c, cat);
	test_sorted(&c, cat);
	test_snapshot_rules(&c, cat);
	test_report_files(&c, cat);
	catalog_free(cat);
	return check_done(&c);
}
