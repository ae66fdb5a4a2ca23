/*
 * main.c: wires a run together: options, catalogue, units, findings,
 * report, exit status.  Only this file writes tool errors to stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "config.h"
#include "container.h"
#include "discover.h"
#include "emit.h"
#include "errlist.h"
#include "finding.h"
#include "image.h"
#include "jsonw.h"
#include "keydb.h"
#include "keyinfo.h"
#include "opts.h"
#include "outfile.h"
#include "pipeline.h"
#include "reader.h"
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
	int	e, earlier = errno;

	/*
	 * A write that failed while the buffer filled left its errno; the
	 * final flush may find nothing left to write and set none.
	 */
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	e = errno != 0 ? errno : earlier != 0 ? earlier : EIO;
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
	if (r->fix == FIX_SAFE || r->fix == FIX_UNSAFE_IN_TEXT)
		printf("\nFix: safe, applied by --fix%s.\n",
		    r->fix == FIX_SAFE ? "" : ", except in the value of a "
		    "key the kernel keeps as text, where it is unsafe");
	else if (r->fix == FIX_UNSAFE)
		printf("\nFix: unsafe, applied only with --unsafe-fixes.\n");
	if (r->nrefs > 0)
		printf("\nReferences:\n");
	for (i = 0; i < r->nrefs; i++)
		printf("  - %s\n", r->refs[i]);
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

/*
 * FORCE_COLOR asks for colour where no terminal is (CI logs render it);
 * NO_COLOR, the user's wish, wins over it, and --color over both.
 */
static bool
want_color(const char *when)
{
	const char	*nc = getenv("NO_COLOR"), *term = getenv("TERM");
	const char	*fc = getenv("FORCE_COLOR");

	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0)
		return false;
	if (nc != NULL && *nc != '\0')
		return false;
	if (fc != NULL && *fc != '\0' && strcmp(fc, "0") != 0)
		return true;
	return isatty(STDOUT_FILENO) &&
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

/*
 * --fix reads its inputs twice, to fix them and then to report what is
 * left: standard input, a FIFO or a device would be gone the second
 * time, and cannot be written in place anyway.
 */
static bool
fixable_paths(const struct options *o, char **err)
{
	struct stat	st;
	size_t		i;

	for (i = 0; i < o->npaths; i++) {
		if (strcmp(o->paths[i], "-") == 0) {
			*err = xstrdup("--fix cannot write standard input in "
			    "place (--diff shows its fixes)");
			return false;
		}
		if (stat(o->paths[i], &st) == 0 && !S_ISREG(st.st_mode) &&
		    !S_ISDIR(st.st_mode)) {
			*err = xasprintf("--fix cannot write '%s' in place: it "
			    "is not a regular file (--diff shows its fixes)",
			    o->paths[i]);
			return false;
		}
	}
	return true;
}

/*
 * --fix changes files, so it never follows from anything but itself: a
 * snapshot is a kernel's values, not files to change.
 */
static bool
check_fix_words(const struct options *o, char **err)
{
	if (o->fix && !fixable_paths(o, err))
		return false;
	if (o->fix && o->diff)
		*err = xstrdup("--fix writes the fixes and --diff shows them "
		    "without writing: give one of the two");
	else if (o->fix && o->snapshot != NULL)
		*err = xstrdup("--fix changes configuration files: not with "
		    "--snapshot, which holds a kernel's values");
	else if ((o->fix || o->diff) && o->print_effective)
		*err = xasprintf("--print-effective prints the settings, not "
		    "fixes: not with --%s", o->fix ? "fix" : "diff");
	else if (o->diff && strcmp(o->format, "text") != 0)
		*err = xasprintf("--diff writes a diff to standard output, not "
		    "a --format '%s' report (-o %s:PATH writes one beside it)",
		    o->format, o->format);
	else if (o->unsafe_fixes && !o->fix && !o->diff)
		*err = xstrdup("--unsafe-fixes needs --fix or --diff");
	else if (o->fix_through_links && !o->fix)
		*err = xstrdup("--fix-through-links needs --fix");
	else
		return true;
	return false;
}

static bool
check_words(const struct options *o, char **err)
{
	enum severity	sev;
	size_t		i;
	const char	*levels[SEV_COUNT + 1], *near;
	char		*words;

	for (i = 0; i < ARRAY_LEN(levels); i++)
		levels[i] = fail_level_word(i);
	if (emit_lookup(o->format) == NULL) {
		near = emit_suggest(o->format, strlen(o->format));
		words = words_join(emit_word, ", ", NULL);
		*err = near != NULL ? xasprintf("unknown format '%s': did you "
		    "mean '%s'?", o->format, near) : xasprintf("unknown "
		    "format '%s' (use %s)", o->format, words);
		free(words);
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
		near = emit_suggest(fmt, strlen(fmt));
		free(fmt);
		if (!known) {
			words = words_join(emit_word, ", ", NULL);
			*err = near != NULL ? xasprintf("unknown format in "
			    "'%s': did you mean '%s'?", o->outputs[i], near) :
			    xasprintf("unknown format in '%s' (use %s)",
			    o->outputs[i], words);
			free(words);
			return false;
		}
	}
	if (strcmp(o->fail_level, FAIL_LEVEL_NONE) != 0 &&
	    !severity_parse(o->fail_level, &sev)) {
		near = word_nearest(o->fail_level, strlen(o->fail_level),
		    levels, ARRAY_LEN(levels));
		words = words_join(fail_level_word, " or ", NULL);
		*err = near != NULL ? xasprintf("unknown fail level '%s': "
		    "did you mean '%s'?", o->fail_level, near) :
		    xasprintf("unknown fail level '%s' (use %s)",
		    o->fail_level, words);
		free(words);
		return false;
	}
	if (!severity_parse(o->severity, &sev)) {
		words = words_join(severity_word, " or ", NULL);
		*err = xasprintf("unknown severity '%s' (use %s)", o->severity,
		    words);
		free(words);
		return false;
	}
	if (o->print_effective && strcmp(o->format, "text") != 0 &&
	    strcmp(o->format, "json") != 0) {
		*err = xasprintf("--print-effective prints text or json, not "
		    "--format '%s'", o->format);
		return false;
	}
	if (o->loader != NULL && o->root == NULL) {
		*err = xstrdup("--loader needs --root: it chooses the file set "
		    "of an image");
		return false;
	}
	if (o->loader != NULL && image_loader_parse(o->loader) < 0) {
		words = words_join(image_loader_word, " or ", NULL);
		*err = xasprintf("unknown loader '%s' (use %s)", o->loader,
		    words);
		free(words);
		return false;
	}
	if (o->kernel != NULL && keydb_line_for(o->kernel) < 0) {
		*err = xasprintf("cannot read kernel version '%s' (use X.Y or "
		    "X.Y.Z)", o->kernel);
		return false;
	}
	if (o->source != NULL && reader_type_parse(o->source) < 0) {
		*err = xasprintf("unknown source type '%s' (use sysctl, tuned, "
		    "kubernetes, compose or ansible)", o->source);
		return false;
	}
	if (o->kubernetes != NULL && !container_version_ok(o->kubernetes)) {
		*err = xasprintf("cannot read Kubernetes release '%s' (use X.Y, "
		    "such as 1.29)", o->kubernetes);
		return false;
	}
	if (!check_fix_words(o, err))
		return false;
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

/*
 * The inputs of the run: the snapshot, the image, then what the PATH
 * arguments stand for (found holds them).
 */
static struct pipeline_input *
job_inputs(const struct options *o, const struct config *cfg,
    struct discover_list *found, size_t *n, struct errlist *errs)
{
	struct pipeline_input	*in;
	size_t			 i;

	discover_args((const char *const *)o->paths, o->npaths,
	    cfg != NULL ? (const char *const *)cfg->exclude : NULL,
	    cfg != NULL ? cfg->nexclude : 0, found, errs);
	in = xcalloc(found->n + 2, sizeof(*in));
	*n = 0;
	if (o->snapshot != NULL) {
		in[*n].source = PIPELINE_SNAPSHOT;
		in[(*n)++].path = o->snapshot;
	}
	if (o->root != NULL) {
		in[*n].source = PIPELINE_IMAGE;
		in[(*n)++].path = o->root;
	}
	for (i = 0; i < found->n; i++) {
		in[*n].source = PIPELINE_PATH;
		in[*n].path = found->v[i].path;
		in[*n].focus = found->v[i].focus;
		in[(*n)++].nfocus = found->v[i].nfocus;
	}
	return in;
}

/*
 * The reports: --format to standard output, then each -o FORMAT:PATH
 * (checked by check_words()), without colour.  fmts holds the format
 * names the rows point to; the caller frees it and its strings.
 */
static struct pipeline_report *
job_reports(const struct options *o, char ***fmts)
{
	struct pipeline_report	*rep = xcalloc(o->noutputs + 1, sizeof(*rep));
	const char		*colon;
	size_t			 i;

	*fmts = xcalloc(o->noutputs + 1, sizeof(char *));
	rep[0].emitter = emit_lookup(o->format);
	rep[0].out = stdout;
	rep[0].name = "standard output";
	rep[0].color = want_color(o->color);
	for (i = 0; i < o->noutputs; i++) {
		colon = strchr(o->outputs[i], ':');
		(*fmts)[i] = xstrndup(o->outputs[i],
		    (size_t)(colon - o->outputs[i]));
		rep[i + 1].emitter = emit_lookup((*fmts)[i]);
		rep[i + 1].path = colon + 1;
	}
	return rep;
}

/*
 * --fix: a run of its own writes the fixes, and the report run after it
 * reads the files again and reports what is left (the honest account:
 * what a fix turned a line into is judged afresh, and a file that could
 * not be written is reported as it is).  The fix run's tool errors about
 * reading are the report run's too: only its fixing errors are kept.
 */
static void
apply_fixes(struct pipeline_job *job, const struct findings *fs,
    struct errlist *errs, struct pipeline_fixed *fixed)
{
	struct pipeline_job	 fj = *job;
	struct findings		*ffs = findings_new_like(fs);
	struct errlist		 read_errs = ERRLIST_INIT;

	fj.fix = PIPELINE_FIX_APPLY;
	fj.nreports = 0;
	fj.write_baseline = NULL;
	fj.fixed = fixed;
	fj.fix_errs = errs;
	pipeline_run(&fj, ffs, &read_errs);
	errlist_free(&read_errs);
	findings_free(ffs);
	job->fixed = fixed;
}

static int
lint(const struct options *o, struct catalog *cat, const struct config *cfg)
{
	struct findings		*fs = findings_new(cat);
	struct errlist		 errs = ERRLIST_INIT;
	struct pipeline_job	 job;
	struct pipeline_input	*in;
	struct pipeline_report	*rep;
	struct discover_list	 found = DISCOVER_LIST_INIT;
	struct pipeline_fixed	 fixed = { 0, 0 };
	enum severity		 sev, fail;
	char			*err = NULL, **fmts;
	size_t			 i;
	int			 rc = EXIT_CLEAN, side;

	/*
	 * An audited system is judged against the hardening baselines
	 * unless the rc file or the command line turns them off: both
	 * selections come after this one and win.
	 */
	if ((o->snapshot != NULL || o->root != NULL) &&
	    !findings_select(fs, "hardening", true, &err)) {
		rc = tool_error(err);
		free(err);
		findings_free(fs);
		return rc;
	}
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
	memset(&job, 0, sizeof(job));
	job.line = -1;
	if (o->kernel != NULL) {
		job.line = keydb_line_for(o->kernel);
		if ((side = keydb_version_outside(o->kernel)) != 0)
			fprintf(stderr, "sysctl-lint: note: --kernel is %s "
			    "known line: judged as %s\n", side < 0 ?
			    "older than the oldest" : "newer than the newest",
			    keydb_lines[job.line]);
	}
	/* The project's kernel, when no input says which kernel it holds. */
	job.fallback_kernel = cfg != NULL ? cfg->kernel : NULL;
	job.inputs = in = job_inputs(o, cfg, &found, &job.ninputs, &errs);
	job.stdin_label = o->stdin_filename;
	job.loader = (enum loader)image_loader_parse(o->loader);
	job.source_type = o->source != NULL ? reader_type_parse(o->source) :
	    READER_AUTO;
	job.kubernetes = o->kubernetes != NULL ? o->kubernetes :
	    cfg != NULL ? cfg->kubernetes : NULL;
	job.inline_suppressions = !o->no_inline_suppressions;
	job.baseline = o->baseline;
	job.write_baseline = o->write_baseline;
	job.quiet = o->quiet;
	job.print_effective = o->print_effective;
	job.print_json = strcmp(o->format, "json") == 0;
	job.print_out = stdout;
	job.reports = rep = job_reports(o, &fmts);
	job.nreports = o->noutputs + 1;
	job.unsafe_fixes = o->unsafe_fixes;
	job.fix_links = o->fix_through_links;
	if (o->diff) {
		/* The diff takes standard output; -o reports stay. */
		job.fix = PIPELINE_FIX_DIFF;
		job.diff_out = stdout;
		job.reports = rep + 1;
		job.nreports = o->noutputs;
	}
	if (o->fix)
		apply_fixes(&job, fs, &errs, &fixed);
	pipeline_run(&job, fs, &errs);
	/* The findings a baseline records are not failures of that run. */
	if (!o->print_effective && o->write_baseline == NULL &&
	    strcmp(o->fail_level, FAIL_LEVEL_NONE) != 0 &&
	    severity_parse(o->fail_level, &fail)) {
		for (i = fail; i < SEV_COUNT; i++)
			if (findings_tally(fs, (enum severity)i) > 0)
				rc = EXIT_FINDINGS;
	}
	for (i = 0; i < errs.n; i++)
		rc = tool_error(errs.msgs[i]);
	errlist_free(&errs);
	for (i = 0; i < o->noutputs; i++)
		free(fmts[i]);
	free(fmts);
	free(rep);
	free(in);
	discover_free(&found);
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
		    cfg->fail_level : severity_name(OPTS_FAIL_LEVEL);
	if (o.severity == NULL)
		o.severity = cfg != NULL && cfg->severity != NULL ?
		    cfg->severity : severity_name(OPTS_SEVERITY);
	if (o.baseline == NULL && cfg != NULL)
		o.baseline = cfg->baseline;
	/* A loader models an image's boot: for --root runs only. */
	if (o.loader == NULL && cfg != NULL && o.root != NULL)
		o.loader = cfg->loader;
	/* Format names are read in any case, then used in the table's. */
	if (emit_lookup(o.format) != NULL)
		o.format = emit_lookup(o.format)->name;
	if (!check_words(&o, &err)) {
		rc = usage_error(err);
		free(err);
		config_free(cfg);
		opts_free(&o);
		return rc;
	}
	if (o.loader == NULL)
		o.loader = image_loader_word(LOADER_AUTO);
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
		errno = 0;	/* a failed write to stdout leaves its own */
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
