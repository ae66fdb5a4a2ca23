/* Unit tests: source.c line table and offset-to-position mapping. */
#include <stdlib.h>

#include "check.h"
#include "source.h"

static void
locate(const struct source *src, uint32_t off, size_t *line, size_t *col)
{
	source_locate(src, off, line, col);
}

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	struct source		*src;
	size_t			 line, col;
	uint32_t		 s, e;
	char			*err = NULL;

	src = source_from_mem("t", "ab\ncd\r\n\xc3\xa9x\n", 11);
	CHECK(&c, src->nlines == 3);
	locate(src, 0, &line, &col);
	CHECK(&c, line == 1 && col == 1);
	locate(src, 2, &line, &col);		/* the first '\n' */
	CHECK(&c, line == 1 && col == 3);
	locate(src, 3, &line, &col);
	CHECK(&c, line == 2 && col == 1);
	locate(src, 9, &line, &col);		/* 'x' after a 2-byte char */
	CHECK(&c, line == 3 && col == 2);
	source_line(src, 2, &s, &e);
	CHECK(&c, s == 3 && e == 6);		/* "cd\r", CR kept */
	source_line(src, 3, &s, &e);
	CHECK(&c, s == 7 && e == 10);
	source_line(src, 4, &s, &e);
	CHECK(&c, s == 11 && e == 11);
	source_free(src);

	/* No trailing newline; empty input. */
	src = source_from_mem("t", "a\nb", 3);
	CHECK(&c, src->nlines == 2);
	locate(src, 3, &line, &col);		/* end of input */
	CHECK(&c, line == 2 && col == 2);
	source_free(src);
	src = source_from_mem("t", "", 0);
	CHECK(&c, src->nlines == 1);
	locate(src, 0, &line, &col);
	CHECK(&c, line == 1 && col == 1);
	source_free(src);

	CHECK(&c, source_chars("\xe4\xb8\xad\xe6\x96\x87", 0, 6) == 2);

	/* Loading: a missing file names itself; a directory is refused. */
	CHECK(&c, source_load("/nonexistent/x.conf", "x.conf", &err) == NULL);
	CHECK(&c, err != NULL && strstr(err, "cannot open 'x.conf'") != NULL);
	free(err);
	err = NULL;
	CHECK(&c, source_load("/", "/", &err) == NULL);
	CHECK(&c, err != NULL && strstr(err, "is a directory") != NULL);
	free(err);
	return check_done(&c);
}
