/* Unit tests: opts.c parsing from the options table. */
#include <stdlib.h>

#include "check.h"
#include "opts.h"

/* Copies of the words of one command line; opts point into them. */
struct cmdline {
	char	*argv[16];
	int	 argc;
};

static bool
parse(struct cmdline *cl, const char *const *words, struct options *o,
    char **err)
{
	for (cl->argc = 0; words[cl->argc] != NULL && cl->argc < 15;
	    cl->argc++)
		cl->argv[cl->argc] = strdup(words[cl->argc]);
	cl->argv[cl->argc] = NULL;
	return opts_parse(cl->argc, cl->argv, o, err);
}

static void
release(struct cmdline *cl, struct options *o)
{
	int	i;

	opts_free(o);
	for (i = 0; i < cl->argc; i++)
		free(cl->argv[i]);
}

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	struct options		 o;
	struct cmdline		 cl;
	char			*err = NULL;
	static const char *const a1[] = { "x", "-fjson", "--fail-level=error",
				    "--disable", "SL1", "--enable=SL1002", "-",
				    "--", "--odd", NULL };
	static const char *const a2[] = { "x", "--nope", NULL };
	static const char *const a3[] = { "x", "--format", NULL };
	static const char *const a4[] = { "x", "--quiet=1", NULL };
	static const char *const a5[] = { "x", "-q", "-S", "error", "f", NULL };

	CHECK(&c, parse(&cl, a1, &o, &err));
	CHECK_STR(&c, o.format, "json");
	CHECK_STR(&c, o.fail_level, "error");
	CHECK(&c, o.severity == NULL);		/* resolved after the config */
	CHECK(&c, o.nsel == 2 && !o.sel[0].enable && o.sel[1].enable);
	CHECK_STR(&c, o.sel[0].list, "SL1");
	CHECK(&c, o.npaths == 2);
	CHECK_STR(&c, o.paths[0], "-");
	CHECK_STR(&c, o.paths[1], "--odd");
	release(&cl, &o);

	CHECK(&c, !parse(&cl, a2, &o, &err));
	CHECK_STR(&c, err, "unknown option '--nope'");
	free(err);
	release(&cl, &o);
	CHECK(&c, !parse(&cl, a3, &o, &err));
	CHECK_STR(&c, err, "option '--format' needs FORMAT");
	free(err);
	release(&cl, &o);
	CHECK(&c, !parse(&cl, a4, &o, &err));
	CHECK_STR(&c, err, "option '--quiet' takes no argument");
	free(err);
	release(&cl, &o);
	CHECK(&c, parse(&cl, a5, &o, &err));
	CHECK(&c, o.quiet && o.npaths == 1);
	CHECK_STR(&c, o.severity, "error");
	release(&cl, &o);
	return check_done(&c);
}
