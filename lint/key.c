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
	struct key_spelling	 ks;
	char			*buf = xmalloc(KEY_READ_SIZE(len));

	/* The path opens the buffer; the dotted spelling after it is unused. */
	key_read(key, len, buf, &ks);
	return buf;
}

char *
key_path_to_dotted(const char *path)
{
	size_t	 n = strlen(path);
	char	*out = xmalloc(n + 1);

	dotted_into(path, n, out);
	return out;
}

/* What key_read() must notice about a byte; 0 for most key bytes. */
enum {
	KC_SEP = 1,		/* '.' or '/' */
	KC_GLOB = 2,		/* '*', '?', '[' */
	KC_ODD = 4,		/* control, space, DEL, non-ASCII */
	KC_BLANK = 8		/* ' ' or TAB */
};

#define O	KC_ODD
#define O16	O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O

static const unsigned char key_class[256] = {
	O, O, O, O, O, O, O, O, O, KC_ODD | KC_BLANK, O, O, O, O, O, O,
	O16,
	['\x20'] = KC_ODD | KC_BLANK,
	['*'] = KC_GLOB, ['.'] = KC_SEP, ['/'] = KC_SEP,
	['?'] = KC_GLOB, ['['] = KC_GLOB,
	['\x7F'] = KC_ODD,
	O16, O16, O16, O16, O16, O16, O16, O16
};

#undef O16
#undef O

void
key_read(const char *key, size_t len, char *buf, struct key_spelling *ks)
{
	char		*path = buf, *dotted = buf + len + 1;
	size_t		 i, n = 0;
	uint32_t	 h = KEY_FNV_OFFSET;
	bool		 swap = false;
	unsigned char	 c, cls;

	for (i = 0; i < len; i++)
		if (is_sep(key[i])) {
			swap = key[i] == '.';
			break;
		}
	ks->stray = ks->blank = len;
	ks->glob = false;
	ks->printable = true;
	for (i = 0; i < len; i++) {
		c = (unsigned char)key[i];
		if ((cls = key_class[c]) == 0) {
			path[n] = dotted[n] = (char)c;
			h = (h ^ c) * KEY_FNV_PRIME;
			n++;
			continue;
		}
		if (cls & KC_SEP) {
			/* At either end, or right after another one. */
			if (ks->stray == len && (i == 0 || i + 1 == len ||
			    is_sep(key[i - 1])))
				ks->stray = i;
			/* '.' (0x2E) and '/' (0x2F) differ in the low bit. */
			if (swap)
				c ^= 1;
			if (c == '/' && (n == 0 || path[n - 1] == '/'))
				continue;
			path[n] = (char)c;
			dotted[n] = (char)(c ^ 1);
		} else {
			if (cls & KC_ODD)
				ks->printable = false;
			if ((cls & KC_BLANK) && ks->blank == len)
				ks->blank = i;
			if (cls & KC_GLOB)
				ks->glob = true;
			path[n] = dotted[n] = (char)c;
		}
		h = (h ^ c) * KEY_FNV_PRIME;
		n++;
	}
	path[n] = dotted[n] = '\0';
	/*
	 * A trailing separator is dropped; a NUL ends the path as C reads
	 * it.  Either way the hash is key_hash() of what remains.
	 */
	if (n > 0 && path[n - 1] == '/') {
		path[--n] = '\0';
		dotted[n] = '\0';
		h = key_hash(path);
	} else if (!ks->printable && memchr(path, '\0', n) != NULL)
		h = key_hash(path);
	ks->path = path;
	ks->dotted = dotted;
	ks->hash = h;
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
