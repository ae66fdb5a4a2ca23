/*
 * emit.c: the table of report formats.
 */
#include <string.h>
#include <strings.h>

#include "emit.h"
#include "util.h"

/*
 * Column: --format name, writer.  --format, -o, --help, the messages and
 * the shell completions all read the names here; the first row is the
 * default.
 */
static const struct emitter emitters[] = {
	{ "text", emit_text },
	{ "json", emit_json },
	{ "sarif", emit_sarif },
	{ "github", emit_github },
	{ "gitlab", emit_gitlab },
};

/* Any case: -f SARIF is as clear as -f sarif. */
const struct emitter *
emit_lookup(const char *name)
{
	size_t	i;

	for (i = 0; i < ARRAY_LEN(emitters); i++)
		if (strcasecmp(name, emitters[i].name) == 0)
			return &emitters[i];
	return NULL;
}

const char *
emit_suggest(const char *name, size_t len)
{
	const char	*names[ARRAY_LEN(emitters)];
	size_t		 i;

	for (i = 0; i < ARRAY_LEN(emitters); i++)
		names[i] = emitters[i].name;
	return word_nearest(name, len, names, ARRAY_LEN(names));
}

size_t
emit_count(void)
{
	return ARRAY_LEN(emitters);
}

const struct emitter *
emit_at(size_t i)
{
	return i < ARRAY_LEN(emitters) ? &emitters[i] : NULL;
}

const char *
emit_word(size_t i)
{
	return i < ARRAY_LEN(emitters) ? emitters[i].name : NULL;
}
