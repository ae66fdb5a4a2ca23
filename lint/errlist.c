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
errlist_add(struct errlist *el, char *msg)
{
	void	*p = el->msgs;

	xgrow(&p, &el->cap, el->n + 1, sizeof(char *));
	el->msgs = p;
	el->msgs[el->n++] = msg;
}

void
errlist_free(struct errlist *el)
{
	size_t	i;

	for (i = 0; i < el->n; i++)
		free(el->msgs[i]);
	free(el->msgs);
	el->msgs = NULL;
	el->n = el->cap = 0;
}
