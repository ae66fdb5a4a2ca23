/*
 * libFuzzer target: a baseline file.  The input is split at its first
 * NUL: the sysctl.d text before it is judged, the bytes after it are read
 * as the baseline that hides some of its findings, and the findings are
 * written back as a baseline, as --baseline and --write-baseline do.
 * Files live in a private directory made once per process.
 */
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static const char *
scratch_dir(void)
{
	static char	dir[] = "/tmp/fuzz-baseline.XXXXXX";
	static int	made;

	if (!made) {
		if (mkdtemp(dir) == NULL)
			abort();
		made = 1;
	}
	return dir;
}

static void
write_file(const char *path, const uint8_t *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL)
		abort();
	if (len > 0 && fwrite(data, 1, len, f) != len)
		abort();
	if (fclose(f) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const uint8_t		*nul = memchr(data, '\0', len);
	size_t			 conf_len = nul != NULL ?
				    (size_t)(nul - data) : len;
	static char		 label[] = "fuzz.conf";
	char			 in_path[64], out_path[64];
	struct pipeline_input	 in = { .source = PIPELINE_UNIT };
	struct pipeline_job	 job = { 0 };
	struct findings		*fs;
	struct unit_file	 uf;
	struct unit		 u = { 0 };

	snprintf(in_path, sizeof(in_path), "%s/in.json", scratch_dir());
	snprintf(out_path, sizeof(out_path), "%s/out.json", scratch_dir());
	write_file(in_path, nul != NULL ? nul + 1 : data,
	    nul != NULL ? len - conf_len - 1 : 0);

	fs = findings_new(fuzz_catalog());
	uf.src = source_from_mem(label, (const char *)data, conf_len);
	uf.conf = conf_parse(uf.src, fs);
	u.label = label;
	u.files = &uf;
	u.n = u.cap = u.nread = 1;
	in.unit = &u;
	job.inputs = &in;
	job.line = -1;
	job.baseline = in_path;
	job.write_baseline = out_path;
	fuzz_run(&job, fs);
	findings_free(fs);
	conf_free(uf.conf);
	source_free(uf.src);
	return 0;
}
