/*
 * libFuzzer target: an image root built from the input, loaded as
 * --root loads one, then judged and reported.  The input is a list of
 * NUL-separated records, a file's name then its contents; the name's
 * first byte picks the directory it lands in, and contents that start
 * with "->" make a symbolic link to the rest, so that links out of the
 * root, loops and links through files are tried too.  The first byte of
 * the input picks the loader.  The tree lives in a private directory
 * and is removed after each input.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "image.h"

/* Enough for many-file images, few enough to stay fast per input. */
#define MAX_FILES	4000

static const char *const places[] = {
	"etc/sysctl.d", "run/sysctl.d", "usr/local/lib/sysctl.d",
	"usr/lib/sysctl.d", "lib/sysctl.d", "etc", "usr/lib/modules",
	"boot", "usr/lib/systemd",
};

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 ? 0 : -1;
}

/* mkdir -p of the directory part of rel, under root. */
static void
make_parents(const char *root, const char *rel)
{
	char	path[4096];
	size_t	i;

	for (i = 0; rel[i] != '\0'; i++) {
		if (rel[i] != '/')
			continue;
		snprintf(path, sizeof(path), "%s/%.*s", root, (int)i, rel);
		(void)mkdir(path, 0755);
	}
}

/* The record's name as a safe relative path: no "..", no empty parts. */
static void
safe_name(char *out, size_t size, const uint8_t *name, size_t len)
{
	size_t	o = 0, i;

	for (i = 0; i < len && o + 2 < size; i++) {
		unsigned char	c = name[i];

		if (c == '.' && (o == 0 || out[o - 1] == '/'))
			c = '_';
		if (c == '/' && (o == 0 || out[o - 1] == '/'))
			continue;
		if (c != '/' && c != '.' && c != '-' && c != '_' &&
		    !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
		    !(c >= 'A' && c <= 'Z'))
			c = 'x';
		out[o++] = (char)c;
	}
	if (o == 0 || out[o - 1] == '/')
		out[o++] = 'f';
	out[o] = '\0';
}

static void
add_record(const char *root, const uint8_t *name, size_t nlen,
    const uint8_t *body, size_t blen)
{
	char	rel[512], path[4096], tail[400];
	FILE	*f;

	safe_name(tail, sizeof(tail), name + 1, nlen - 1);
	snprintf(rel, sizeof(rel), "%s/%s",
	    places[name[0] % (sizeof(places) / sizeof(places[0]))], tail);
	make_parents(root, rel);
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (blen >= 2 && body[0] == '-' && body[1] == '>') {
		char	target[1024];
		size_t	tlen = blen - 2 < sizeof(target) - 1 ?
			    blen - 2 : sizeof(target) - 1;

		memcpy(target, body + 2, tlen);
		target[tlen] = '\0';
		(void)symlink(target, path);
		return;
	}
	if ((f = fopen(path, "wb")) == NULL)
		return;		/* a directory of that name, say */
	if (blen > 0)
		(void)fwrite(body, 1, blen, f);
	(void)fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char		 base[] = "/tmp/fuzz-image.XXXXXX";
	static int		 made;
	char			 root[64];
	const uint8_t		*p, *end = data + len;
	struct findings		*fs;
	struct pipeline_input	 in = { .source = PIPELINE_IMAGE };
	struct pipeline_job	 job = { 0 };
	int			 files = 0;

	if (len == 0)
		return 0;
	if (!made) {
		if (mkdtemp(base) == NULL)
			abort();
		made = 1;
	}
	snprintf(root, sizeof(root), "%s/root", base);
	if (mkdir(root, 0755) != 0)
		abort();
	job.loader = (enum loader)(data[0] % LOADER_COUNT);
	if (data[0] & 4) {	/* a merged /usr, as Debian 12 has */
		char	usr[80], lib[80];

		snprintf(usr, sizeof(usr), "%s/usr", root);
		snprintf(lib, sizeof(lib), "%s/lib", root);
		(void)mkdir(usr, 0755);
		(void)symlink("usr/lib", lib);
	}
	for (p = data + 1; p < end && files < MAX_FILES; files++) {
		const uint8_t	*name_end = memchr(p, '\0', (size_t)(end - p));
		const uint8_t	*body, *body_end;

		if (name_end == NULL || name_end == p)
			break;
		body = name_end + 1;
		body_end = body < end ?
		    memchr(body, '\0', (size_t)(end - body)) : NULL;
		if (body_end == NULL)
			body_end = end;
		add_record(root, p, (size_t)(name_end - p), body,
		    (size_t)(body_end - body));
		p = body_end + 1;
	}

	fs = findings_new(fuzz_catalog());
	in.path = root;
	job.inputs = &in;
	job.line = -1;
	fuzz_run(&job, fs);
	findings_free(fs);
	if (nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		abort();
	return 0;
}
