/*
 * sysprobe - write a planned set of values into the guest's /proc/sys and
 * record what the kernel did.  Runs inside the kboot qemu guest only (a
 * static binary in the throw-away initramfs, started by guest-init.sh);
 * it never runs on a build machine.
 *
 *   sysprobe PLAN FROM    probe the jobs FROM.. of PLAN, report on stdout
 *   sysprobe --restore    write back the value saved before the job that
 *                         was running when a previous sysprobe died
 *
 * Every write is what systemd-sysctl and procps do: open(O_WRONLY), one
 * write(2) of "<value>\n" at offset 0, close.  After each probe the file
 * is read back (a fresh open and one read(2): the integer handlers return
 * nothing for a read at an offset > 0) and, if it changed, the original
 * bytes are written back.
 *
 * PLAN lines (TAB separated, built on the host by gen-plan.py):
 *   P key template   a probe of a key; a key's probes are consecutive
 *   G template       the probes of a writable key the plan does not name
 *   U                the place in the job order of the keys the plan does
 *                    not name (found by walking /proc/sys)
 *   S pattern reason a key (fnmatch pattern) never to touch
 *   L pattern        an unplanned key to probe after all others
 *   C pattern N      an unplanned key that gets no generic number above N
 * Templates are literal values or, built from the value read before the
 * key's first probe (its elements split at blanks):
 *   @CUR@  the value itself      @CUR+@  one element more (the last again)
 *   @CUR-@ one element fewer     @SUB0:x@ / @SUBL:x@  first / last element x
 *
 * Output lines (TAB separated; values escaped: \\ \t \n \r, \xHH):
 *   K index key original      a job starts (original "!ERRNO" if unreadable)
 *   P key value result readback restore
 *        result: ok, ok:BYTES (short write), ERRNO, open:ERRNO
 *        readback: the value read after the write, "!ERRNO", "-" unreadable
 *        restore: same (nothing to undo), ok, diff:VALUE, ERRNO, - (none)
 *   M key                     a planned key the guest does not have
 *   S key reason              a key skipped by an S pattern
 *   E index                   the job is done
 * The job index and the original value are saved in /tmp before each job
 * so that guest-init.sh can restore and resume after a crash or timeout.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
	VALUE_MAX = 65536,	/* one read(2) of a /proc/sys file */
	PROBE_TIMEOUT = 20,	/* seconds per write + read back + restore */
	ENOTSUPP_KERNEL = 524	/* kernel-internal, not in <errno.h> */
};

static const char progress_path[] = "/tmp/kboot-progress";
static const char saved_path[] = "/tmp/kboot-saved";

struct strvec {
	char **v;
	size_t n, cap;
};

/* A key and its probe templates; "path" is its file under /proc/sys. */
struct job {
	char *key;
	char *path;
	struct strvec templates;
};

struct jobvec {
	struct job *v;
	size_t n, cap;
};

struct plan {
	struct jobvec jobs;	/* P lines, then (at U) the walked keys */
	struct strvec generic;	/* G templates */
	struct strvec skip;	/* S patterns, reason after a TAB */
	struct strvec late;	/* L patterns */
	struct strvec cap;	/* C patterns, each followed by its limit */
	size_t unplanned_at;	/* job index of the U marker */
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		perror("sysprobe");
		exit(3);
	}
	return q;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

static void strvec_push(struct strvec *sv, const char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? 2 * sv->cap : 16;
		sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n++] = xstrdup(s);
}

static void strvec_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

static const char *errno_name(int e)
{
	static char unknown[16];	/* only for errnos glibc has no name for */
	const char *s = e == ENOTSUPP_KERNEL ? "ENOTSUPP" : strerrorname_np(e);

	if (s)
		return s;
	snprintf(unknown, sizeof unknown, "E%d", e);
	return unknown;
}

/* procps key <-> path: '.' and '/' swap places below /proc/sys. */
static char *key_to_path(const char *key)
{
	size_t n = strlen(key);
	char *p = xrealloc(NULL, n + sizeof "/proc/sys/");
	char *d = stpcpy(p, "/proc/sys/");

	for (size_t i = 0; i <= n; i++)
		d[i] = key[i] == '.' ? '/' : key[i] == '/' ? '.' : key[i];
	return p;
}

static char *path_to_key(const char *path)
{
	char *k = xstrdup(path + strlen("/proc/sys/"));

	for (char *c = k; *c; c++)
		*c = *c == '.' ? '/' : *c == '/' ? '.' : *c;
	return k;
}

static void put_escaped(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\\': fputs("\\\\", out); break;
		case '\t': fputs("\\t", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(out, "\\x%02x", c);
			else
				fputc(c, out);
		}
	}
}

/* One read(2) at offset 0.  Returns the length, or -errno. */
static ssize_t read_value(const char *path, char *buf)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, VALUE_MAX - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/*
 * One write(2) of LEN bytes at offset 0.  Returns the bytes written, or
 * -errno; *opened tells an open failure from a write failure.
 */
static ssize_t write_value(const char *path, const char *buf, size_t len,
			   int *opened)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	*opened = fd >= 0;
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

/* Save (or clear) the state a crash recovery needs. */
static void save_progress(size_t index, const char *path, const char *orig,
			  ssize_t orig_len)
{
	FILE *f = fopen(progress_path, "w");

	if (f) {
		fprintf(f, "%zu\n%s\n%d\n", index, path, orig_len >= 0);
		fclose(f);
	}
	f = fopen(saved_path, "w");
	if (f) {
		if (orig_len > 0)
			fwrite(orig, 1, (size_t)orig_len, f);
		fclose(f);
	}
}

/* Elements of a value: split at blanks and newlines. */
static void split_elements(const char *value, struct strvec *out)
{
	char *copy = xstrdup(value), *save = NULL;

	for (char *t = strtok_r(copy, " \t\n", &save); t;
	     t = strtok_r(NULL, " \t\n", &save))
		strvec_push(out, t);
	free(copy);
}

static void join_elements(const struct strvec *el, size_t n, char *out,
			  size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && len < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
					i ? " " : "", el->v[i]);
}

/*
 * Expand a template into OUT; 0 when it does not apply (it needs the
 * current value and there is none, or there is no element to drop).
 */
static int expand(const char *tpl, const struct strvec *cur, int have_cur,
		  char *out, size_t cap)
{
	if (tpl[0] != '@') {
		snprintf(out, cap, "%s", tpl);
		return 1;
	}
	if (!have_cur)
		return 0;
	if (strcmp(tpl, "@CUR@") == 0) {
		join_elements(cur, cur->n, out, cap);
		return 1;
	}
	if (strcmp(tpl, "@CUR-@") == 0) {
		if (cur->n < 2)
			return 0;
		join_elements(cur, cur->n - 1, out, cap);
		return 1;
	}
	if (strcmp(tpl, "@CUR+@") == 0) {
		if (cur->n == 0)
			return 0;
		join_elements(cur, cur->n, out, cap);
		size_t len = strlen(out);
		snprintf(out + len, cap - len, " %s", cur->v[cur->n - 1]);
		return 1;
	}
	if (strncmp(tpl, "@SUB0:", 6) == 0 || strncmp(tpl, "@SUBL:", 6) == 0) {
		size_t at = tpl[4] == '0' ? 0 : cur->n - 1;
		const char *x = tpl + 6;
		size_t xlen = strcspn(x, "@");
		size_t len = 0;

		if (cur->n == 0)
			return 0;
		out[0] = '\0';
		for (size_t i = 0; i < cur->n && len < cap; i++) {
			if (i == at)
				len += (size_t)snprintf(out + len, cap - len,
						"%s%.*s", i ? " " : "",
						(int)xlen, x);
			else
				len += (size_t)snprintf(out + len, cap - len,
						"%s%s", i ? " " : "",
						cur->v[i]);
		}
		return 1;
	}
	return 0;
}

static int same_value(const char *a, ssize_t alen, const char *b, ssize_t blen)
{
	return alen == blen && (alen <= 0 || memcmp(a, b, (size_t)alen) == 0);
}

/* Probe one value; ORIG is what the key held before (orig_len < 0: none). */
static void probe(FILE *out, const struct job *j, const char *value,
		  const char *orig, ssize_t orig_len, char *buf)
{
	size_t vlen = strlen(value);
	char *line = xrealloc(NULL, vlen + 2);
	int opened, ropened;
	ssize_t w, r;

	memcpy(line, value, vlen);
	line[vlen] = '\n';
	alarm(PROBE_TIMEOUT);
	w = write_value(j->path, line, vlen + 1, &opened);
	free(line);
	r = read_value(j->path, buf);

	fputs("P\t", out);
	fputs(j->key, out);
	fputc('\t', out);
	put_escaped(out, value, vlen);
	if (w >= 0 && (size_t)w == vlen + 1)
		fputs("\tok\t", out);
	else if (w >= 0)
		fprintf(out, "\tok:%zd\t", w);
	else
		fprintf(out, "\t%s%s\t", opened ? "" : "open:",
			errno_name((int)-w));
	if (r >= 0)
		put_escaped(out, buf, (size_t)r && buf[r - 1] == '\n' ?
			    (size_t)r - 1 : (size_t)r);
	else if (r == -EACCES)
		fputc('-', out);
	else
		fprintf(out, "!%s", errno_name((int)-r));

	if (orig_len < 0 || w < 0) {
		fputs(w < 0 && orig_len >= 0 ? "\tsame\n" : "\t-\n", out);
	} else if (same_value(buf, r, orig, orig_len)) {
		fputs("\tsame\n", out);
	} else {
		ssize_t rw = write_value(j->path, orig, (size_t)orig_len,
					 &ropened);
		ssize_t rr = read_value(j->path, buf);

		if (rw < 0)
			fprintf(out, "\t%s\n", errno_name((int)-rw));
		else if (same_value(buf, rr, orig, orig_len))
			fputs("\tok\n", out);
		else {
			fputs("\tdiff:", out);
			if (rr >= 0)
				put_escaped(out, buf, (size_t)rr);
			fputc('\n', out);
		}
	}
	alarm(0);
	fflush(out);
}

static void run_job(FILE *out, size_t index, const struct job *j, char *orig,
		    char *buf, char *value)
{
	ssize_t orig_len = read_value(j->path, orig);
	struct strvec cur = { 0 };
	struct strvec done = { 0 };

	save_progress(index, j->path, orig, orig_len);
	fprintf(out, "K\t%zu\t%s\t", index, j->key);
	if (orig_len >= 0)
		put_escaped(out, orig, (size_t)orig_len);
	else
		fprintf(out, "!%s", errno_name((int)-orig_len));
	fputc('\n', out);
	fflush(out);
	if (orig_len >= 0)
		split_elements(orig, &cur);

	for (size_t t = 0; t < j->templates.n; t++) {
		size_t d;

		if (!expand(j->templates.v[t], &cur, orig_len >= 0, value,
			    VALUE_MAX))
			continue;
		for (d = 0; d < done.n && strcmp(done.v[d], value) != 0; d++)
			;
		if (d < done.n)
			continue;	/* the same value twice, e.g. @CUR@ = 0 */
		strvec_push(&done, value);
		probe(out, j, value, orig, orig_len, buf);
	}
	strvec_free(&cur);
	strvec_free(&done);
	fprintf(out, "E\t%zu\n", index);
	fflush(out);
}

static struct job *add_job(struct jobvec *jv, const char *key)
{
	if (jv->n == jv->cap) {
		jv->cap = jv->cap ? 2 * jv->cap : 256;
		jv->v = xrealloc(jv->v, jv->cap * sizeof *jv->v);
	}
	struct job *j = &jv->v[jv->n++];
	j->key = xstrdup(key);
	j->path = key_to_path(key);
	j->templates = (struct strvec){ 0 };
	return j;
}

static void read_plan(const char *file, struct plan *pl)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f) {
		perror(file);
		exit(2);
	}
	pl->unplanned_at = (size_t)-1;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		char *a = strchr(line, '\t');
		char *b = a ? strchr(a + 1, '\t') : NULL;
		if (a)
			*a++ = '\0';
		if (b)
			*b++ = '\0';
		if (strcmp(line, "P") == 0 && a && b) {
			struct jobvec *jv = &pl->jobs;
			struct job *j = jv->n && strcmp(jv->v[jv->n - 1].key, a) == 0
				? &jv->v[jv->n - 1] : add_job(jv, a);
			strvec_push(&j->templates, b);
		} else if (strcmp(line, "G") == 0 && a) {
			strvec_push(&pl->generic, a);
		} else if (strcmp(line, "S") == 0 && a) {
			strvec_push(&pl->skip, a);	/* b: the reason */
			strvec_push(&pl->skip, b ? b : "");
		} else if (strcmp(line, "L") == 0 && a) {
			strvec_push(&pl->late, a);
		} else if (strcmp(line, "C") == 0 && a && b) {
			strvec_push(&pl->cap, a);
			strvec_push(&pl->cap, b);
		} else if (strcmp(line, "U") == 0) {
			pl->unplanned_at = pl->jobs.n;
		}
	}
	free(line);
	fclose(f);
	if (pl->unplanned_at == (size_t)-1)
		pl->unplanned_at = pl->jobs.n;
}

/* Every regular file below DIR, in readdir order (procps' order). */
static void walk(const char *dir, struct strvec *paths)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p = xrealloc(NULL, n);
		struct stat st;
		snprintf(p, n, "%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			walk(p, paths);
		else if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
			strvec_push(paths, p);
		free(p);
	}
	closedir(d);
}

static const char *skip_reason(const struct plan *pl, const char *key)
{
	for (size_t i = 0; i + 1 < pl->skip.n; i += 2)
		if (fnmatch(pl->skip.v[i], key, 0) == 0)
			return pl->skip.v[i + 1];
	return NULL;
}

static int is_late(const struct plan *pl, const char *key)
{
	for (size_t i = 0; i < pl->late.n; i++)
		if (fnmatch(pl->late.v[i], key, 0) == 0)
			return 1;
	return 0;
}

/* Whether a generic template is a number above the key's C limit. */
static int over_cap(const struct plan *pl, const char *key, const char *tpl)
{
	char *end;
	unsigned long long n;

	if (tpl[0] < '0' || tpl[0] > '9')
		return 0;
	errno = 0;
	n = strtoull(tpl, &end, 10);
	if (*end)
		return 0;
	for (size_t i = 0; i + 1 < pl->cap.n; i += 2)
		if (fnmatch(pl->cap.v[i], key, 0) == 0)
			return errno == ERANGE ||
			       n > strtoull(pl->cap.v[i + 1], NULL, 10);
	return 0;
}

/* A job for a key the plan does not name: the generic set. */
static void add_unplanned(struct jobvec *jobs, const struct plan *pl,
			  const char *key, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return;
	struct job *j = add_job(jobs, key);
	if (!(st.st_mode & S_IWUSR)) {
		strvec_push(&j->templates, "@CUR@");
		return;
	}
	for (size_t g = 0; g < pl->generic.n; g++)
		if (!over_cap(pl, key, pl->generic.v[g]))
			strvec_push(&j->templates, pl->generic.v[g]);
}

/*
 * The job list: the planned keys the guest has (the others reported as
 * M), with the keys the plan does not name inserted at the U marker, or
 * at the end when an L pattern names them.
 */
static void build_jobs(FILE *out, const struct plan *pl, struct jobvec *jobs)
{
	struct strvec paths = { 0 };
	struct strvec late = { 0 };	/* keys, then paths */

	walk("/proc/sys", &paths);
	for (size_t i = 0; i <= pl->jobs.n; i++) {
		if (i == pl->unplanned_at) {
			for (size_t p = 0; p < paths.n; p++) {
				char *key = path_to_key(paths.v[p]);
				size_t k;
				const char *why;

				for (k = 0; k < pl->jobs.n &&
				     strcmp(pl->jobs.v[k].key, key) != 0; k++)
					;
				if (k < pl->jobs.n) {
					free(key);
					continue;
				}
				if ((why = skip_reason(pl, key))) {
					fprintf(out, "S\t%s\t%s\n", key, why);
				} else if (is_late(pl, key)) {
					strvec_push(&late, key);
					strvec_push(&late, paths.v[p]);
				} else {
					add_unplanned(jobs, pl, key, paths.v[p]);
				}
				free(key);
			}
		}
		if (i == pl->jobs.n) {
			for (size_t l = 0; l + 1 < late.n; l += 2)
				add_unplanned(jobs, pl, late.v[l], late.v[l + 1]);
			break;
		}
		const struct job *src = &pl->jobs.v[i];
		if (access(src->path, F_OK) != 0) {
			fprintf(out, "M\t%s\n", src->key);
			continue;
		}
		struct job *j = add_job(jobs, src->key);
		for (size_t t = 0; t < src->templates.n; t++)
			strvec_push(&j->templates, src->templates.v[t]);
	}
	strvec_free(&paths);
	strvec_free(&late);
}

static void free_jobs(struct jobvec *jv)
{
	for (size_t i = 0; i < jv->n; i++) {
		free(jv->v[i].key);
		free(jv->v[i].path);
		strvec_free(&jv->v[i].templates);
	}
	free(jv->v);
}

/* After a crash: write back the value saved before the interrupted job. */
static int restore_saved(FILE *out)
{
	FILE *f = fopen(progress_path, "r");
	char path[4096], *orig = xrealloc(NULL, VALUE_MAX);
	size_t index = 0, len;
	int have = 0, opened;

	if (!f || fscanf(f, "%zu %4095s %d", &index, path, &have) != 3) {
		if (f)
			fclose(f);
		free(orig);
		return 1;
	}
	fclose(f);
	f = fopen(saved_path, "r");
	len = f ? fread(orig, 1, VALUE_MAX, f) : 0;
	if (f)
		fclose(f);
	if (have && len > 0) {
		ssize_t w = write_value(path, orig, len, &opened);
		fprintf(out, "R\t%zu\t%s\n", index,
			w >= 0 ? "ok" : errno_name((int)-w));
	} else {
		fprintf(out, "R\t%zu\t-\n", index);
	}
	free(orig);
	return 0;
}

int main(int argc, char **argv)
{
	struct plan pl = { 0 };
	struct jobvec jobs = { 0 };
	char *orig, *buf, *value;
	size_t from;

	if (argc == 2 && strcmp(argv[1], "--restore") == 0)
		return restore_saved(stdout);
	if (argc != 3) {
		fputs("usage: sysprobe PLAN FROM | sysprobe --restore\n", stderr);
		return 2;
	}
	from = strtoul(argv[2], NULL, 10);
	read_plan(argv[1], &pl);
	build_jobs(stdout, &pl, &jobs);
	orig = xrealloc(NULL, VALUE_MAX);
	buf = xrealloc(NULL, VALUE_MAX);
	value = xrealloc(NULL, VALUE_MAX);
	for (size_t i = from; i < jobs.n; i++)
		run_job(stdout, i, &jobs.v[i], orig, buf, value);
	save_progress(jobs.n, "-", NULL, -1);
	printf("D\t%zu\n", jobs.n);
	free(orig);
	free(buf);
	free(value);
	free_jobs(&jobs);
	free_jobs(&pl.jobs);
	strvec_free(&pl.generic);
	strvec_free(&pl.skip);
	strvec_free(&pl.late);
	strvec_free(&pl.cap);
	return 0;
}
