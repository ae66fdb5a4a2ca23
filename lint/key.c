/*
 * key.c: normalises sysctl keys the way the loaders do (procps-ng
 * src/sysctl.c slashdot(), systemd src/shared/sysctl-util.c
 * sysctl_normalize()), and spells paths back in sysctl -a's dotted form.
 */
#include <string.h>

#include "key.h"
#include "util.h"

static bool
is_sep(char c)
{
	return c == '.' || c == '/';
}

/* Writes the path key names into out (len + 1 bytes); returns its length. */
static size_t
path_into(const char *key, size_t len, char *out)
{
	size_t	 i, n = 0;
	bool	 swap = false;

	for (i = 0; i < len; i++)
		if (is_sep(key[i])) {
			swap = key[i] == '.';
			break;
		}
	for (i = 0; i < len; i++) {
		char	c = key[i];

		if (swap && c == '.')
			c = '/';
		else if (swap && c == '/')
			c = '.';
		if (c == '/' && (n == 0 || out[n - 1] == '/'))
			continue;
		out[n++] = c;
	}
	while (n > 0 && out[n - 1] == '/')
		n--;
	out[n] = '\0';
	return n;
}

/* Writes the dotted spelling of path[0, n) and a NUL into out. */
static void
dotted_into(const char *path, size_t n, char *out)
{
	size_t	i;

	for (i = 0; i < n; i++)
		out[i] = path[i] == '/' ? '.' : path[i] == '.' ? '/' : path[i];
	out[n] = '\0';
}

char *
key_to_path(const char *key, size_t len)
{
	char	*out = xmalloc(len + 1);

	path_into(key, len, out);
	return out;
}

char *
key_path_to_dotted(const char *path)
{
	size_t	 n = strlen(path);
	char	*out = xmalloc(n + 1);

	dotted_into(path, n, out);
	return out;
}

char *
key_spellings(const char *key, size_t len, char **dotted)
{
	char	*out = xmalloc(2 * (len + 1));
	size_t	 n = path_into(key, len, out);

	*dotted = out + n + 1;
	dotted_into(out, n, *dotted);
	return out;
}

bool
key_is_glob(const char *key, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (key[i] == '*' || key[i] == '?' || key[i] == '[')
			return true;
	return false;
}

size_t
key_stray_separator(const char *key, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (!is_sep(key[i]))
			continue;
		if (i == 0 || i + 1 == len || is_sep(key[i - 1]))
			return i;
	}
	return len;
}
