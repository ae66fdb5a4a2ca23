/*
 * opts.c: the options table and its parser.  Long options take their
 * argument as --name=ARG or --name ARG, short ones as -xARG or -x ARG;
 * "--" ends the options and "-" alone is standard input.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "emit.h"
#include "image.h"
#include "opts.h"
#include "util.h"

enum opt_kind {
	OPT_BOOL,	/* sets a bool */
	OPT_STRING,	/* sets a const char *, the last one wins */
	OPT_ENABLE,	/* appends an enabling selection */
	OPT_DISABLE,	/* appends a disabling selection */
	OPT_OUTPUT	/* appends a FORMAT:PATH report */
};

/*
 * An argument that is one word of a table: --help lists the words, from
 * the table that parses them, after the row's help.
 */
struct opt_words {
	const char	*(*word)(size_t);	/* NULL past the last */
	int		  def;		/* index of the default, or -1 */
	const char	 *last;		/* between the last two words */
	const char	 *tail;		/* help after the words */
};

struct opt {
	char			 short_name;	/* 0 if none */
	const char		*long_name;
	const char		*arg;		/* argument name for --help */
	enum opt_kind		 kind;
	size_t			 field;	/* offsetof(struct options, ...) */
	const struct opt_words	*words;		/* or NULL */
	const char		*help;
};

#define FIELD(f)	offsetof(struct options, f)

/* The emitter table's first row is the default format. */
static const struct opt_words format_words = { emit_word, 0, ", ", "" };
static const struct opt_words fail_level_words = {
	fail_level_word, OPTS_FAIL_LEVEL, ", ", ""
};
static const struct opt_words severity_words = {
	severity_word, OPTS_SEVERITY, ", ", ""
};
/* auto is the default: the tail says what it picks. */
static const struct opt_words loader_words = {
	image_loader_word, -1, ", or ",
	" (default: systemd when the image has it)"
};

/*
 * Column: short, long, argument, kind, field, words, help.  Sorted by
 * long.
 */
static const struct opt opt_table[] = {
	{ 0, "baseline", "FILE", OPT_STRING, FIELD(baseline), NULL,
	  "hide the findings FILE lists (by rule, file, key, occurrence)" },
	{ 0, "color", "WHEN", OPT_STRING, FIELD(color), NULL,
	  "colour text output: auto (a terminal or FORCE_COLOR, NO_COLOR "
	  "unset), always, never" },
	{ 0, "config", "FILE", OPT_STRING, FIELD(config), NULL,
	  "read settings from FILE instead of the .sysctl-lintrc found "
	  "from the working directory upwards" },
	{ 0, "diff", NULL, OPT_BOOL, FIELD(diff), NULL,
	  "print the fixes as a unified diff (a/ and b/ paths, for git "
	  "apply and patch -p1) instead of the report, and change nothing" },
	{ 0, "disable", "IDS", OPT_DISABLE, 0, NULL,
	  "turn off rules: ids, names, id prefixes, tags such as "
	  "'hardening', or 'all' "
	  "(comma-separated, repeatable)" },
	{ 0, "enable", "IDS", OPT_ENABLE, 0, NULL,
	  "turn rules back on, as --disable names them" },
	{ 0, "explain", "ID-OR-KEY", OPT_STRING, FIELD(explain), NULL,
	  "print a rule's explanation, or what is known of a key, glob or "
	  "prefix (net.core.somaxconn, 'net.ipv4.tcp_*', net.core.; "
	  "JSON with --format json), and exit" },
	{ 0, "fail-level", "LEVEL", OPT_STRING, FIELD(fail_level),
	  &fail_level_words, "exit 1 when a finding is at or above LEVEL: " },
	{ 0, "fix", NULL, OPT_BOOL, FIELD(fix), NULL,
	  "apply the safe fixes to the files, each written whole or not at "
	  "all, then report what is left" },
	{ 0, "fix-through-links", NULL, OPT_BOOL, FIELD(fix_through_links),
	  NULL,
	  "with --fix: write a file reached through a symbolic link at its "
	  "target, if that is inside --root or the working directory" },
	{ 'f', "format", "FORMAT", OPT_STRING, FIELD(format), &format_words,
	  "report format on standard output, in any case: " },
	{ 'h', "help", NULL, OPT_BOOL, FIELD(help), NULL,
	  "print this help and exit" },
	{ 'k', "kernel", "X.Y[.Z]", OPT_STRING, FIELD(kernel), NULL,
	  "judge for this kernel: the newest known line at or below it, "
	  "or the nearest one (with a note)" },
	{ 0, "kubernetes", "X.Y", OPT_STRING, FIELD(kubernetes), NULL,
	  "judge pod sysctls for this Kubernetes release's kubelet "
	  "(default: the newest known)" },
	{ 0, "list-rules", NULL, OPT_BOOL, FIELD(list_rules), NULL,
	  "list the rules (as JSON with --format json) and exit" },
	{ 0, "loader", "WHICH", OPT_STRING, FIELD(loader), &loader_words,
	  "with --root: " },
	{ 0, "print-effective", NULL, OPT_BOOL, FIELD(print_effective),
	  NULL,
	  "print the settings in force, each with the file and line it "
	  "comes from, instead of a report (text or json)" },
	{ 0, "no-config", NULL, OPT_BOOL, FIELD(no_config), NULL,
	  "read no .sysctl-lintrc" },
	{ 0, "no-inline-suppressions", NULL, OPT_BOOL,
	  FIELD(no_inline_suppressions), NULL,
	  "ignore '# sysctl-lint: disable' comments (for audits)" },
	{ 'o', "output", "FORMAT:PATH", OPT_OUTPUT, 0, NULL,
	  "also write a report in FORMAT to PATH (repeatable)" },
	{ 'q', "quiet", NULL, OPT_BOOL, FIELD(quiet), NULL,
	  "leave out the summary line of the text report" },
	{ 0, "root", "DIR", OPT_STRING, FIELD(root), NULL,
	  "lint the files an image's boot applies, as if DIR were /" },
	{ 0, "rules", "FILE", OPT_STRING, FIELD(rules), NULL,
	  "add the rules of a rule file (a team policy; JSON as in rules/)" },
	{ 'S', "severity", "LEVEL", OPT_STRING, FIELD(severity),
	  &severity_words, "report findings at or above LEVEL: " },
	{ 0, "snapshot", "PATH", OPT_STRING, FIELD(snapshot), NULL,
	  "also read a kernel's values: sysctl -a output, or a copy of "
	  "/proc/sys" },
	{ 0, "source", "TYPE", OPT_STRING, FIELD(source), NULL,
	  "read files as TYPE: sysctl, tuned, kubernetes, compose, ansible "
	  "(default: by name and content)" },
	{ 0, "stdin-filename", "NAME", OPT_STRING, FIELD(stdin_filename),
	  NULL,
	  "name standard input ('-') NAME in reports" },
	{ 0, "unsafe-fixes", NULL, OPT_BOOL, FIELD(unsafe_fixes), NULL,
	  "with --fix or --diff: the unsafe fixes too (guesses such as a "
	  "did-you-mean key, and fixes that change what a line sets)" },
	{ 0, "version", NULL, OPT_BOOL, FIELD(version), NULL,
	  "print the version and the key database's kernel lines, and exit" },
	{ 0, "write-baseline", "FILE", OPT_STRING, FIELD(write_baseline),
	  NULL,
	  "record the findings in FILE as accepted" },
};

static const struct opt *
find_long(const char *name, size_t n)
{
	size_t	i;

	for (i = 0; i < ARRAY_LEN(opt_table); i++)
		if (strlen(opt_table[i].long_name) == n &&
		    strncmp(opt_table[i].long_name, name, n) == 0)
			return &opt_table[i];
	return NULL;
}

static const struct opt *
find_short(char c)
{
	size_t	i;

	for (i = 0; i < ARRAY_LEN(opt_table); i++)
		if (opt_table[i].short_name == c)
			return &opt_table[i];
	return NULL;
}

static void
apply(const struct opt *o, const char *arg, struct options *opts)
{
	char	*base = (char *)opts;

	switch (o->kind) {
	case OPT_BOOL:
		*(bool *)(void *)(base + o->field) = true;
		break;
	case OPT_STRING:
		*(const char **)(void *)(base + o->field) = arg;
		break;
	case OPT_OUTPUT:
		opts->outputs = xreallocarray(opts->outputs,
		    opts->noutputs + 1, sizeof(char *));
		opts->outputs[opts->noutputs++] = arg;
		break;
	case OPT_ENABLE:
	case OPT_DISABLE:
		opts->sel = xreallocarray(opts->sel, opts->nsel + 1,
		    sizeof(struct selection));
		opts->sel[opts->nsel].enable = o->kind == OPT_ENABLE;
		opts->sel[opts->nsel].list = arg;
		opts->nsel++;
		break;
	}
}

bool
opts_parse(int argc, char *argv[], struct options *opts, char **err)
{
	const struct opt	*o;
	const char		*a, *eq, *arg;
	int			 i;
	bool			 only_paths = false;

	memset(opts, 0, sizeof(*opts));
	/* fail_level and severity stay NULL: a config file may set them. */
	opts->format = emit_word(0);
	opts->color = "auto";
	/* loader stays NULL: main tells a --loader without --root. */
	opts->paths = xcalloc((size_t)argc + 1, sizeof(char *));
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (only_paths || a[0] != '-' || a[1] == '\0') {
			opts->paths[opts->npaths++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_paths = true;
			continue;
		}
		arg = NULL;
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			o = find_long(a + 2, eq != NULL ? (size_t)(eq - a - 2) :
			    strlen(a + 2));
			if (o == NULL) {
				*err = xasprintf("unknown option '%.*s'",
				    eq != NULL ? (int)(eq - a) : (int)strlen(a),
				    a);
				return false;
			}
			if (eq != NULL && o->arg == NULL) {
				*err = xasprintf("option '--%s' takes no "
				    "argument", o->long_name);
				return false;
			}
			if (eq != NULL)
				arg = eq + 1;
		} else {
			if ((o = find_short(a[1])) == NULL) {
				*err = xasprintf("unknown option '-%c'", a[1]);
				return false;
			}
			if (a[2] != '\0' && o->arg == NULL) {
				*err = xasprintf("option '-%c' takes no "
				    "argument", a[1]);
				return false;
			}
			if (a[2] != '\0')
				arg = a + 2;
		}
		if (o->arg != NULL && arg == NULL) {
			if (i + 1 >= argc) {
				*err = xasprintf("option '--%s' needs %s",
				    o->long_name, o->arg);
				return false;
			}
			arg = argv[++i];
		}
		apply(o, arg, opts);
	}
	return true;
}

void
opts_free(struct options *opts)
{
	free(opts->outputs);
	free(opts->sel);
	free(opts->paths);
}

/* The help of a row into buf, its words listed from their table. */
static void
row_help(const struct opt *o, char *buf, size_t size)
{
	const struct opt_words	*w = o->words;
	char			*list;

	if (w == NULL) {
		snprintf(buf, size, "%s", o->help);
		return;
	}
	list = words_join(w->word, w->last, w->def >= 0 ?
	    w->word((size_t)w->def) : NULL);
	snprintf(buf, size, "%s%s%s", o->help, list, w->tail);
	free(list);
}

void
opts_help(FILE *f)
{
	size_t	i;
	char	left[64], help[OPTS_HELP_MAX];

	fputs("usage: sysctl-lint [OPTIONS] PATH...\n\n"
	    "Lints sysctl.conf and sysctl.d files as procps-ng and "
	    "systemd-sysctl read them,\nand the sysctls of tuned "
	    "profiles, Kubernetes manifests, compose files and\nAnsible "
	    "tasks.\n"
	    "PATH is a file, a directory (its *.conf files in name order, "
	    "as one set),\nor - for standard input.  Each PATH is judged "
	    "on its own.\n\noptions:\n", f);
	for (i = 0; i < ARRAY_LEN(opt_table); i++) {
		const struct opt *o = &opt_table[i];

		if (o->short_name != 0)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
			    o->short_name, o->long_name,
			    o->arg != NULL ? "=" : "",
			    o->arg != NULL ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s",
			    o->long_name, o->arg != NULL ? "=" : "",
			    o->arg != NULL ? o->arg : "");
		row_help(o, help, sizeof(help));
		fprintf(f, "  %-26s %s\n", left, help);
	}
	fputs("\nexit status: 0 no finding at or above the fail level, "
	    "1 some finding is,\n2 a tool error (bad option, unreadable "
	    "input, bad rule file).\n", f);
}

bool
opts_doc(size_t i, struct opt_doc *d)
{
	if (i >= ARRAY_LEN(opt_table))
		return false;
	d->short_name = opt_table[i].short_name;
	d->long_name = opt_table[i].long_name;
	d->arg = opt_table[i].arg;
	d->word = opt_table[i].words != NULL ? opt_table[i].words->word :
	    NULL;
	row_help(&opt_table[i], d->help, sizeof(d->help));
	return true;
}
