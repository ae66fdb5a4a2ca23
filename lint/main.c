/*
 * main.c: wires a run together: options, catalogue, units, findings,
 * report, exit status.  Only this file writes tool errors to stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "catalog.h"
#include "config.h"
#include "effective.h"
#include "emit.h"
#include "engine.h"
#include "errlist.h"
#include "finding.h"
#include "image.h"
#include "jsonw.h"
#include "keydb.h"
#include "keyinfo.h"
#include "opts.h"
#include "outfile.h"
#include "snapshot.h"
#include "suppress.h"
#include "unit.h"
#include "util.h"
#include "version.h"

enum exit_status {
	EXIT_CLEAN = 0,		/* nothing at or above the fail level */
	EXIT_FINDINGS = 1,	/* something is */
	EXIT_TOOL = 2		/* a tool error; wins over findings */
};

static int
tool_error(const char *msg)
{
	errlist_print(stderr, msg);
	return EXIT_TOOL;
}

static int
usage_error(const char *msg)
{
	tool_error(msg);
	fputs("Try 'sysctl-lint --help' for more information.\n", stderr);
	return EXIT_TOOL;
}

/*
 * A closed descriptor 0, 1 or 2 is held by /dev/null opened read-only:
 * files opened later cannot take its number (a report written into a
 * temporary or an input), and writes to it still fail, as they must.
 */
static void
hold_standard_fds(void)
{
	int	fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) != fd)
			_exit(EXIT_TOOL);
}

/*
 * The errno of a failed write to standard output, or 0.  The error is
 * cleared once read, so that it is reported once.
 */
static int
stdout_failure(void)
{
	int	e;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	e = errno != 0 ? errno : EIO;
	clearerr(stdout);
	return e;
}

/* A report that did not reach standard output is a tool error. */
static int
check_stdout(int rc)
{
	int	e;

	if ((e = stdout_failure()) == 0)
		return rc;
	fprintf(stderr, "sysctl-lint: error: cannot write standard output: "
	    "%s\n", strerror(e));
	return EXIT_TOOL;
}

static void
list_rules_text(const struct catalog *cat)
{
	size_t	i;

	for (i = 0; i < catalog_count(cat); i++) {
		const struct rule *r = catalog_rule(cat, i);

		printf("%-8s %-24s %-8s %s%s\n", r->id, r->name,
		    severity_name(r->severity), r->summary,
		    r->enabled ? "" : " (off by default)");
	}
}

static void
list_rules_json(const struct catalog *cat)
{
	struct jsonw	*w = jsonw_new(stdout);
	size_t		 i, j;

	jsonw_array_begin(w);
	for (i = 0; i < catalog_count(cat); i++) {
		const struct rule *r = catalog_rule(cat, i);

		jsonw_object_begin(w);
		jsonw_key(w, "id");
		jsonw_string(w, r->id);
		jsonw_key(w, "name");
		jsonw_string(w, r->name);
		jsonw_key(w, "severity");
		jsonw_string(w, severity_name(r->severity));
		jsonw_key(w, "summary");
		jsonw_string(w, r->summary);
		jsonw_key(w, "enabled");
		jsonw_bool(w, r->enabled);
		jsonw_key(w, "tags");
		jsonw_array_begin(w);
		for (j = 0; j < r->ntags; j++)
			jsonw_string(w, r->tags[j]);
		jsonw_array_end(w);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_finish(w);
}

static void
explain(const struct rule *r)
{
	size_t	i;

	printf("%s %s (%s)\n\n%s\n\n%s\n", r->id, r->name,
	    severity_name(r->severity), r->summary, r->explanation);
	if (r->nrefs > 0)
		printf("\nReferences:\n");
	for (i = 0; i < r->nrefs; i++)
		printf("  - %s\n", r->refs[i]);
}

/* Writes the -o FORMAT:PATH reports; a file that fails is a tool error. */
static void
write_outputs(const struct options *o, const struct emit_ctx *ctx,
    struct errlist *errs)
{
	struct emit_ctx	 c = *ctx;
	struct outfile	*f;
	const char	*colon;
	char		*fmt, *err;
	size_t		 i;

	for (i = 0; i < o->noutputs; i++) {
		colon = strchr(o->outputs[i], ':');
		fmt = xstrndup(o->outputs[i], (size_t)(colon - o->outputs[i]));
		c.color = false;
		if ((f = outfile_open(colon + 1, &err)) == NULL)
			errlist_add(errs, err);
		else {
			c.out = outfile_stream(f);
			emit_lookup(fmt)->emit(&c);
			if (!outfile_commit(f, &err))
				errlist_add(errs, err);
		}
		free(fmt);
	}
}

/*
 * Refuses outputs that would replace a file the run reads.  The baseline
 * being refreshed is the exception: it is read before it is replaced.
 */
static bool
check_outputs(const struct options *o, const struct config *cfg,
    char **err)
{
	const char	**in = xcalloc(o->npaths + 4, sizeof(char *));
	size_t		  n = 0, i;
	bool		  distinct = true;

	for (i = 0; i < o->npaths; i++)
		in[n++] = o->paths[i];
	in[n++] = o->rules;
	in[n++] = cfg != NULL ? cfg->path : NULL;
	in[n++] = o->snapshot;
	if (o->write_baseline != NULL)
		distinct = outfile_distinct(o->write_baseline, in, n, err);
	in[n++] = o->baseline;
	for (i = 0; distinct && i < o->noutputs; i++)
		distinct = outfile_distinct(strchr(o->outputs[i], ':') + 1,
		    in, n, err);
	free(in);
	return distinct;
}

/* The settings in force of each configuration unit (not snapshots). */
static void
print_effective(struct unit *const *units, size_t n)
{
	struct effective	e;
	size_t			i;

	for (i = 0; i < n; i++) {
		if (units[i]->snapshot)
			continue;
		if (n > 1)
			effective_print_heading(units[i], stdout);
		effective_build(units[i], &e);
		effective_print(&e, stdout);
		effective_free(&e);
	}
}

static bool
want_color(const char *when)
{
	const char	*nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0)
		return false;
	return isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0);
}

/* Checks the option values that name a fixed set of words. */
/* The release, and the kernel lines its key database knows. */
static void
print_version(void)
{
	size_t	i;

	printf("sysctl-lint %s\nkey database: Linux", SYSCTL_LINT_VERSION);
	for (i = 0; i < keydb_nlines; i++)
		printf(" %s", keydb_lines[i]);
	putchar('\n');
}

static bool
check_words(const struct options *o, char **err)
{
	enum severity	sev;
	size_t		i;

	if (emit_lookup(o->format) == NULL) {
		*err = xasprintf("unknown format '%s' (use %s)", o->format,
		    emit_names());
		return false;
	}
	for (i = 0; i < o->noutputs; i++) {
		const char	*colon = strchr(o->outputs[i], ':');
		char		*fmt;
		bool		 known;

		if (colon == NULL || colon[1] == '\0') {
			*err = xasprintf("'%s' is not FORMAT:PATH",
			    o->outputs[i]);
			return false;
		}
		fmt = xstrndup(o->outputs[i], (size_t)(colon - o->outputs[i]));
		known = emit_lookup(fmt) != NULL;
		free(fmt);
		if (!known) {
			*err = xasprintf("unknown format in '%s' (use %s)",
			    o->outputs[i], emit_names());
			return false;
		}
	}
	if (strcmp(o->fail_level, "none") != 0 &&
	    !severity_parse(o->fail_level, &sev)) {
		*err = xasprintf("unknown fail level '%s' (use note, warning, "
		    "error or none)", o->fail_level);
		return false;
	}
	if (!severity_parse(o->severity, &sev)) {
		*err = xasprintf("unknown severity '%s' (use note, warning or "
		    "error)", o->severity);
		return false;
	}
	if (o->print_effective && strcmp(o->format, "text") != 0) {
		*err = xasprintf("--print-effective prints text only, not "
		    "--format '%s'", o->format);
		return false;
	}
	if (o->loader != NULL && o->root == NULL) {
		*err = xstrdup("--loader needs --root: it chooses the file set "
		    "of an image");
		return false;
	}
	if (o->loader != NULL && image_loader_parse(o->loader) < 0) {
		*err = xasprintf("unknown loader '%s' (use systemd, procps or "
		    "auto)", o->loader);
		return false;
	}
	if (o->kernel != NULL && keydb_line_for(o->kernel) < 0) {
		*err = xasprintf("cannot read kernel version '%s' (use X.Y or "
		    "X.Y.Z)", o->kernel);
		return false;
	}
	if (strcmp(o->color, "auto") != 0 && strcmp(o->color, "always") != 0 &&
	    strcmp(o->color, "never") != 0) {
		*err = xasprintf("unknown colour mode '%s' (use auto, always "
		    "or never)", o->color);
		return false;
	}
	return true;
}

/* Applies the config's rule selections and severity overrides. */
static bool
apply_config(struct findings *fs, const struct config *cfg, char **err)
{
	const struct rule	*r;
	enum severity		 sev;
	size_t			 i;
	char			*e = NULL;

	/* Config values are not quoted back: see config_load(). */
	for (i = 0; i < cfg->nsel; i++)
		if (!findings_select(fs, cfg->sel[i], cfg->sel_enable[i], &e)) {
			*err = xasprintf("%s:%zu: '%s' names a rule that does "
			    "not exist (see --list-rules)", cfg->path,
			    cfg->sel_line[i], cfg->sel_enable[i] ? "enable" :
			    "disable");
			free(e);
			return false;
		}
	for (i = 0; i < cfg->noverrides; i++) {
		if ((r = catalog_find(findings_catalog(fs),
		    cfg->overrides[i].rule)) == NULL) {
			*err = xasprintf("%s:%zu: 'set-severity' names a rule "
			    "that does not exist (see --list-rules)",
			    cfg->path, cfg->overrides[i].line);
			return false;
		}
		severity_parse(cfg->overrides[i].severity, &sev);
		findings_set_severity(fs, r, sev);
	}
	return true;
}

/*
 * The passes over one unit: its keys, then, on the settings in force,
 * the repeats and the data rules.  A snapshot holds one value per key,
 * so it repeats nothing; the data rules judge its values when it is the
 * whole input (an audit of a running kernel), and otherwise drift
 * compares the configuration with them.  The settings in force are left
 * in eff, which the caller frees.
 */
static void
judge(struct findings *fs, const struct unit *u, int line, bool rules,
    struct effective *eff, struct emit_ctx *ctx, struct errlist *errs)
{
	unit_check(u, fs, line);
	effective_build(u, eff);
	if (!u->snapshot)
		effective_report_repeats(eff, fs);
	if (rules)
		engine_run(fs, eff, line, errs);
	ctx->units++;
	ctx->files += u->nread;
}

/*
 * The config found from the working directory, unless it lies in the
 * image or snapshot being audited: an audited tree never configures its
 * own audit (--config can still name any file).
 */
static char *
find_config(const struct options *o)
{
	const char	*trees[2] = { o->root, o->snapshot };
	char		*path = config_find();
	size_t		 i;

	for (i = 0; path != NULL && i < ARRAY_LEN(trees); i++)
		if (trees[i] != NULL && config_within(path, trees[i])) {
			fprintf(stderr, "sysctl-lint: note: not reading '%s': "
			    "it is inside the audited '%s' (--config names a "
			    "config to use)\n", path, trees[i]);
			free(path);
			path = NULL;
		}
	return path;
}

static int
lint(const struct options *o, struct catalog *cat, const struct config *cfg)
{
	struct findings	 *fs = findings_new(cat);
	struct errlist	  errs = ERRLIST_INIT;
	struct unit	**units;
	struct emit_ctx	  ctx;
	enum severity	  sev, fail;
	char		 *err = NULL;
	struct unit	 *snap = NULL, *image = NULL;
	struct outfile	 *bl = NULL;
	struct effective  eff, snap_eff, image_eff;
	size_t		  i, nunits, before;
	int		  rc = EXIT_CLEAN, line = -1, image_line = -1;
	int		  out_errno, side;

	if (!check_outputs(o, cfg, &err) ||
	    (cfg != NULL && !apply_config(fs, cfg, &err))) {
		rc = tool_error(err);
		free(err);
		findings_free(fs);
		return rc;
	}
	for (i = 0; i < o->nsel; i++)
		if (!findings_select(fs, o->sel[i].list, o->sel[i].enable,
		    &err)) {
			rc = usage_error(err);
			free(err);
			findings_free(fs);
			return rc;
		}
	severity_parse(o->severity, &sev);
	findings_set_min_severity(fs, sev);
	memset(&ctx, 0, sizeof(ctx));
	if (o->kernel != NULL) {
		line = keydb_line_for(o->kernel);
		ctx.kernel = keydb_lines[line];
		if ((side = keydb_version_outside(o->kernel)) != 0)
			fprintf(stderr, "sysctl-lint: note: --kernel is %s "
			    "known line: judged as %s\n", side < 0 ?
			    "older than the oldest" : "newer than the newest",
			    keydb_lines[line]);
	}
	units = xcalloc(o->npaths + 3, sizeof(struct unit *));
	nunits = 0;
	/* The kernel line: --kernel, else the snapshot's, else the image's. */
	if (o->snapshot != NULL) {
		snap = units[nunits++] = snapshot_load(o->snapshot, fs, &errs);
		if (line < 0)
			line = snapshot_kernel_line(snap);
	}
	if (o->root != NULL) {
		image = units[nunits++] = image_load(o->root,
		    (enum loader)image_loader_parse(o->loader), fs, &errs,
		    &image_line);
		if (line < 0)
			line = image_line;
	}
	if (line >= 0)
		ctx.kernel = keydb_lines[line];
	memset(&snap_eff, 0, sizeof(snap_eff));
	memset(&image_eff, 0, sizeof(image_eff));
	if (snap != NULL)
		judge(fs, snap, line, image == NULL && o->npaths == 0,
		    &snap_eff, &ctx, &errs);
	if (image != NULL)
		judge(fs, image, line, true, &image_eff, &ctx, &errs);
	/*
	 * Each PATH is judged on its own, suppressions included, as soon as
	 * it is read; one that leaves no finding is freed at once, so that a
	 * fleet of clean files is linted in the memory of about one.
	 */
	for (i = 0; i < o->npaths; i++) {
		before = findings_received(fs);
		units[nunits] = unit_load(o->paths[i],
		    o->stdin_filename != NULL ? o->stdin_filename : "<stdin>",
		    fs, &errs);
		judge(fs, units[nunits], line, true, &eff, &ctx, &errs);
		effective_free(&eff);
		if (!o->no_inline_suppressions)
			suppress_apply(fs, &units[nunits], 1);
		if (!o->print_effective && findings_received(fs) == before) {
			unit_free(units[nunits]);
			continue;
		}
		nunits++;
	}
	/* Drift findings are at the image's assignments, suppressible there. */
	if (image != NULL && snap != NULL)
		effective_drift(&image_eff, &snap_eff, fs);
	effective_free(&image_eff);
	effective_free(&snap_eff);
	if (!o->no_inline_suppressions && image != NULL)
		suppress_apply(fs, &image, 1);
	findings_sort(fs);
	/*
	 * The new baseline lists every finding, numbered before a baseline
	 * drops any, so that a refresh keeps the entries still found; it
	 * replaces the old one only once that has been read, and a run with
	 * a tool error leaves it as it was.
	 */
	if (o->write_baseline != NULL) {
		if ((bl = outfile_open(o->write_baseline, &err)) == NULL)
			errlist_add(&errs, err);
		else
			baseline_write(fs, outfile_stream(bl));
	}
	if (o->baseline != NULL && !baseline_apply(fs, o->baseline, &err))
		errlist_add(&errs, err);
	if (bl != NULL && errs.n > 0)
		outfile_discard(bl);
	else if (bl != NULL && !outfile_commit(bl, &err))
		errlist_add(&errs, err);
	findings_limit(fs);
	ctx.out = stdout;
	ctx.fs = fs;
	ctx.color = want_color(o->color);
	ctx.quiet = o->quiet;
	ctx.errs = &errs;
	if (o->print_effective) {
		/* A set missing an unreadable file would show wrong values. */
		if (errs.n == 0)
			print_effective(units, nunits);
	} else
		emit_lookup(o->format)->emit(&ctx);
	if ((out_errno = stdout_failure()) != 0)
		errlist_add(&errs, xasprintf("cannot write standard output: "
		    "%s", strerror(out_errno)));
	write_outputs(o, &ctx, &errs);
	if (!o->print_effective && strcmp(o->fail_level, "none") != 0 &&
	    severity_parse(o->fail_level, &fail)) {
		for (i = fail; i <= SEV_ERROR; i++)
			if (findings_tally(fs, (enum severity)i) > 0)
				rc = EXIT_FINDINGS;
	}
	for (i = 0; i < errs.n; i++)
		rc = tool_error(errs.msgs[i]);
	errlist_free(&errs);
	for (i = 0; i < nunits; i++)
		unit_free(units[i]);
	free(units);
	findings_free(fs);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct options	 o;
	struct catalog	*cat;
	struct config	*cfg;
	char		*path;
	const struct rule *r;
	char		*err = NULL;
	int		 rc;

	hold_standard_fds();
	if (!opts_parse(argc, argv, &o, &err)) {
		rc = usage_error(err);
		free(err);
		opts_free(&o);
		return rc;
	}
	/* The project file, then defaults, under the command line. */
	cfg = NULL;
	path = NULL;
	if (!o.no_config && !o.help && !o.version)
		path = o.config != NULL ? xstrdup(o.config) : find_config(&o);
	if (path != NULL && (cfg = config_load(path, &err)) == NULL) {
		rc = tool_error(err);
		free(err);
		free(path);
		opts_free(&o);
		return rc;
	}
	free(path);
	if (o.fail_level == NULL)
		o.fail_level = cfg != NULL && cfg->fail_level != NULL ?
		    cfg->fail_level : "warning";
	if (o.severity == NULL)
		o.severity = cfg != NULL && cfg->severity != NULL ?
		    cfg->severity : "note";
	if (o.baseline == NULL && cfg != NULL)
		o.baseline = cfg->baseline;
	if (!check_words(&o, &err)) {
		rc = usage_error(err);
		free(err);
		config_free(cfg);
		opts_free(&o);
		return rc;
	}
	if (o.loader == NULL)
		o.loader = "auto";
	if (o.help || o.version) {
		if (o.help)
			opts_help(stdout);
		else
			print_version();
		config_free(cfg);
		opts_free(&o);
		return check_stdout(EXIT_CLEAN);
	}
	cat = catalog_new();
	if (!catalog_load_builtin(cat, &err) || (o.rules != NULL &&
	    !catalog_load_file(cat, o.rules, &err))) {
		rc = tool_error(err);
		free(err);
	} else if (o.list_rules) {
		if (strcmp(o.format, "json") == 0)
			list_rules_json(cat);
		else
			list_rules_text(cat);
		rc = EXIT_CLEAN;
	} else if (o.explain != NULL) {
		if ((r = catalog_find(cat, o.explain)) != NULL) {
			explain(r);
			rc = EXIT_CLEAN;
		} else if (!keyinfo_explain(stdout, cat, o.explain,
		    strcmp(o.format, "json") == 0, &err)) {
			rc = tool_error(err);
			free(err);
		} else {
			rc = EXIT_CLEAN;
		}
	} else if (o.npaths == 0 && o.snapshot == NULL && o.root == NULL)
		rc = usage_error("no input: give a file, a directory, or - "
		    "for standard input");
	else
		rc = lint(&o, cat, cfg);
	catalog_free(cat);
	config_free(cfg);
	opts_free(&o);
	return check_stdout(rc);
}
