/*
 * errlist.c: a list of tool error messages, and how one is shown.
 */
#include <stdlib.h>

#include "errlist.h"
#include "utf8.h"
#include "util.h"

void
errlist_print(FILE *out, const char *msg)
{
	fputs("sysctl-lint: error: ", out);
	utf8_puts_escaped(out, msg, 0);
	fputc('\n', out);
}

void
errlist_add_at(struct errlist *el, const char *path, char *msg)
{
	void	*m = el->msgs, *p = el->paths;
	size_t	 cap = el->cap;

	xgrow(&m, &el->cap, el->n + 1, sizeof(char *));
	xgrow(&p, &cap, el->n + 1, sizeof(char *));
	el->msgs = m;
	el->paths = p;
	el->paths[el->n] = path != NULL ? xstrdup(path) : NULL;
	el->msgs[el->n++] = msg;
}

void
errlist_add(struct errlist *el, char *msg)
{
	errlist_add_at(el, NULL, msg);
}

void
errlist_free(struct errlist *el)
{
	size_t	i;

	for (i = 0; i < el->n; i++) {
		free(el->msgs[i]);
		free(el->paths[i]);
	}
	free(el->msgs);
	free(el->paths);
	el->msgs = el->paths = NULL;
	el->n = el->cap = 0;
}
