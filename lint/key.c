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

char *
key_to_path(const char *key, size_t len)
{
	char	*out = xmalloc(len + 1);
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
	return out;
}

char *
key_path_to_dotted(const char *path)
{
	char	*out = xstrdup(path), *p;

	for (p = out; *p != '\0'; p++)
		if (*p == '/')
			*p = '.';
		else if (*p == '.')
			*p = '/';
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
