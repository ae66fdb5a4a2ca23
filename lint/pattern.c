/*
 * pattern.c: pcre2 behind a three-function interface.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "pattern.h"
#include "util.h"

struct pattern {
	pcre2_code		*code;
	pcre2_match_data	*md;
};

struct pattern *
pattern_compile(const char *re, char **err, size_t *col)
{
	struct pattern	*p;
	int		 ec;
	PCRE2_SIZE	 off;
	PCRE2_UCHAR	 msg[256];
	pcre2_code	*code;

	code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF, &ec, &off, NULL);
	if (code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		*err = xstrdup((const char *)msg);
		*col = (size_t)off + 1;
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->code = code;
	p->md = pcre2_match_data_create_from_pattern(code, NULL);
	if (p->md == NULL) {
		pcre2_code_free(code);
		free(p);
		*err = xstrdup("out of memory");
		*col = 1;
		return NULL;
	}
	return p;
}

bool
pattern_match(const struct pattern *p, const char *s)
{
	return pcre2_match(p->code, (PCRE2_SPTR)s, strlen(s), 0, 0, p->md,
	    NULL) >= 0;
}

void
pattern_free(struct pattern *p)
{
	if (p == NULL)
		return;
	pcre2_match_data_free(p->md);
	pcre2_code_free(p->code);
	free(p);
}
