/*
 * emit_sarif.c: SARIF 2.1.0 for GitHub code scanning and other viewers.
 *
 * One run; the driver lists every rule a result uses (ruleIndex points
 * into that list); each result has one physical location with a full
 * region (columns are Unicode code points, endColumn exclusive),
 * related places, GitHub's primaryLocationLineHash and a key-based
 * fingerprint that survives moved lines, and a fix where there is one.
 * Tool errors become notifications of a failed invocation.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "emit.h"
#include "errlist.h"
#include "finding.h"
#include "fingerprint.h"
#include "jsonw.h"
#include "util.h"
#include "version.h"

#define SEV_SARIF_(e, word, gh, sarif, problem, gitlab, color)	sarif,
#define SEV_PROBLEM_(e, word, gh, sarif, problem, gitlab, color)	problem,
static const char *const sarif_level[] = { SEVERITIES(SEV_SARIF_) };
static const char *const problem_severity[] = { SEVERITIES(SEV_PROBLEM_) };
#undef SEV_SARIF_
#undef SEV_PROBLEM_

static void
put_text(struct jsonw *w, const char *key, const char *text)
{
	jsonw_key(w, key);
	jsonw_object_begin(w);
	jsonw_key(w, "text");
	jsonw_string(w, text);
	jsonw_object_end(w);
}

/*
 * A message object (SARIF 2.1.0 section 3.11): in plain text,
 * "[text](target)" is an embedded link, and a literal '[', ']' or '\\'
 * is escaped with a backslash (3.11.6).  Text quoted from input must
 * not make a link; the only links are the ones put_result_message()
 * adds to related locations.
 */
static void
escape_message(struct buf *b, const char *text)
{
	for (; *text != '\0'; text++) {
		if (*text == '[' || *text == ']' || *text == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *text);
	}
}

static void
put_message(struct jsonw *w, const char *key, const char *text)
{
	struct buf	b = BUF_INIT;

	escape_message(&b, text);
	put_text(w, key, buf_str(&b));
	buf_free(&b);
}

/*
 * A result's message, with a link to each related location (its id is
 * its index + 1): viewers such as GitHub show related locations only
 * where the message links them (3.11.6, 3.27.22).  The link names the
 * place, "line N" in the same file or "PATH:N" in another.
 */
static void
put_result_message(struct jsonw *w, const struct finding *f)
{
	struct buf	b = BUF_INIT;
	size_t		i, line, col;

	escape_message(&b, f->message);
	for (i = 0; i < f->nrelated; i++) {
		const struct related	*r = &f->related[i];

		buf_puts(&b, i == 0 ? " (see [" : ", [");
		source_locate(r->src, r->span.off, &line, &col);
		if (r->src != f->src && strcmp(r->src->path, f->src->path) != 0) {
			escape_message(&b, r->src->path);
			buf_printf(&b, ":%zu", line);
		} else
			buf_printf(&b, "line %zu", line);
		buf_printf(&b, "](%zu)", i + 1);
	}
	if (f->nrelated > 0)
		buf_putc(&b, ')');
	put_text(w, "message", buf_str(&b));
	buf_free(&b);
}

/* "multiple-assignments" -> "MultipleAssignments". */
static char *
pascal_case(const char *name)
{
	char	*out = xstrdup(name), *o = out;
	int	 up = 1;

	for (; *name != '\0'; name++) {
		if (*name == '-') {
			up = 1;
			continue;
		}
		*o++ = up && *name >= 'a' && *name <= 'z' ? (char)(*name - 32) :
		    *name;
		up = 0;
	}
	*o = '\0';
	return out;
}

/* A relative path as a URI reference: '/' kept, the rest escaped. */
static char *
uri_of(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char	*out = xmalloc(strlen(path) * 3 + 8), *o = out;

	if (path[0] == '/') {
		memcpy(o, "file://", 7);
		o += 7;
	}
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (; *path != '\0'; path++) {
		unsigned char	c = (unsigned char)*path;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("/-._~", c) != NULL)
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* A region object's members: start and end, endColumn exclusive. */
static void
put_region_fields(struct jsonw *w, const struct source *src, struct span sp)
{
	size_t	line, col, eline, ecol;

	source_locate(src, sp.off, &line, &col);
	source_locate(src, sp.off + sp.len, &eline, &ecol);
	jsonw_key(w, "startLine");
	jsonw_uint(w, line);
	jsonw_key(w, "startColumn");
	jsonw_uint(w, col);
	jsonw_key(w, "endLine");
	jsonw_uint(w, eline);
	jsonw_key(w, "endColumn");
	jsonw_uint(w, ecol);
}

static void
put_region(struct jsonw *w, const struct source *src, struct span sp)
{
	jsonw_key(w, "region");
	jsonw_object_begin(w);
	put_region_fields(w, src, sp);
	jsonw_object_end(w);
}

static void
put_artifact_path(struct jsonw *w, const char *path)
{
	char	*uri = uri_of(path);

	jsonw_key(w, "artifactLocation");
	jsonw_object_begin(w);
	jsonw_key(w, "uri");
	jsonw_string(w, uri);
	if (path[0] != '/') {
		jsonw_key(w, "uriBaseId");
		jsonw_string(w, "SRCROOT");
	}
	jsonw_object_end(w);
	free(uri);
}

static void
put_artifact(struct jsonw *w, const struct source *src)
{
	put_artifact_path(w, source_checkout_path(src));
}

static void
put_location(struct jsonw *w, const struct source *src, struct span sp)
{
	jsonw_key(w, "physicalLocation");
	jsonw_object_begin(w);
	put_artifact(w, src);
	put_region(w, src, sp);
	jsonw_object_end(w);
}

/*
 * The anchor GitHub gives a rules.md heading (tools/rules-md.py writes
 * "## ID"): lower case, punctuation other than '-' and '_' dropped,
 * spaces turned into '-'.
 */
static void
put_anchor(struct buf *b, const char *heading)
{
	for (; *heading != '\0'; heading++) {
		char	c = *heading;

		if (c >= 'A' && c <= 'Z')
			buf_putc(b, (char)(c + 32));
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_')
			buf_putc(b, c);
		else if (c == ' ')
			buf_putc(b, '-');
	}
}

static void
put_rule(struct jsonw *w, const struct rule *r)
{
	char	*name = pascal_case(r->name);
	size_t	 i;

	jsonw_object_begin(w);
	jsonw_key(w, "id");
	jsonw_string(w, r->id);
	jsonw_key(w, "name");
	jsonw_string(w, name);
	put_text(w, "shortDescription", r->summary);
	put_text(w, "fullDescription", r->explanation);
	jsonw_key(w, "help");
	jsonw_object_begin(w);
	jsonw_key(w, "text");
	jsonw_string(w, r->explanation);
	jsonw_key(w, "markdown");
	{
		struct buf	b = BUF_INIT;

		buf_printf(&b, "**%s** `%s`\n\n%s\n\n%s\n", r->id, r->name,
		    r->summary, r->explanation);
		for (i = 0; i < r->nrefs; i++)
			buf_printf(&b, "%s- %s\n", i == 0 ? "\nSources:\n\n" :
			    "", r->refs[i]);
		jsonw_string(w, buf_str(&b));
		buf_free(&b);
	}
	jsonw_object_end(w);
	/* A rule of a --rules file has no page of ours. */
	if (r->shipped) {
		struct buf	b = BUF_INIT;

		jsonw_key(w, "helpUri");
		buf_puts(&b, SYSCTL_LINT_RULES_URL "#");
		put_anchor(&b, r->id);
		jsonw_string(w, buf_str(&b));
		buf_free(&b);
	}
	jsonw_key(w, "defaultConfiguration");
	jsonw_object_begin(w);
	jsonw_key(w, "level");
	jsonw_string(w, sarif_level[r->severity]);
	jsonw_object_end(w);
	jsonw_key(w, "properties");
	jsonw_object_begin(w);
	jsonw_key(w, "tags");
	jsonw_array_begin(w);
	for (i = 0; i < r->ntags; i++)
		jsonw_string(w, r->tags[i]);
	jsonw_array_end(w);
	jsonw_key(w, "precision");
	jsonw_string(w, r->when == NULL ? "very-high" : "high");
	jsonw_key(w, "problem.severity");
	jsonw_string(w, problem_severity[r->severity]);
	if (r->security_severity != NULL) {
		jsonw_key(w, "security-severity");
		jsonw_string(w, r->security_severity);
	}
	jsonw_object_end(w);
	jsonw_object_end(w);
	free(name);
}

static void
put_result(struct jsonw *w, const struct finding *f, size_t index,
    const char *hash, uint64_t keyhash)
{
	size_t	i;
	char	hex[24];

	jsonw_object_begin(w);
	jsonw_key(w, "ruleId");
	jsonw_string(w, f->rule->id);
	jsonw_key(w, "ruleIndex");
	jsonw_uint(w, index);
	jsonw_key(w, "level");
	jsonw_string(w, sarif_level[f->severity]);
	put_result_message(w, f);
	jsonw_key(w, "locations");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	put_location(w, f->src, f->span);
	jsonw_object_end(w);
	jsonw_array_end(w);
	if (f->nrelated > 0) {
		jsonw_key(w, "relatedLocations");
		jsonw_array_begin(w);
		for (i = 0; i < f->nrelated; i++) {
			jsonw_object_begin(w);
			jsonw_key(w, "id");
			jsonw_uint(w, i + 1);
			put_message(w, "message", f->related[i].message);
			put_location(w, f->related[i].src, f->related[i].span);
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
	}
	jsonw_key(w, "partialFingerprints");
	jsonw_object_begin(w);
	if (hash != NULL) {
		jsonw_key(w, "primaryLocationLineHash");
		jsonw_string(w, hash);
	}
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)keyhash);
	jsonw_key(w, "sysctlKey/v1");
	jsonw_string(w, hex);
	jsonw_object_end(w);
	if (f->fix != NULL) {
		jsonw_key(w, "fixes");
		jsonw_array_begin(w);
		jsonw_object_begin(w);
		put_message(w, "description", f->fix->description);
		jsonw_key(w, "artifactChanges");
		jsonw_array_begin(w);
		jsonw_object_begin(w);
		put_artifact(w, f->src);
		jsonw_key(w, "replacements");
		jsonw_array_begin(w);
		jsonw_object_begin(w);
		jsonw_key(w, "deletedRegion");
		jsonw_object_begin(w);
		put_region_fields(w, f->src, f->fix->span);
		jsonw_object_end(w);
		put_text(w, "insertedContent", f->fix->replacement);
		jsonw_object_end(w);
		jsonw_array_end(w);
		jsonw_object_end(w);
		jsonw_array_end(w);
		jsonw_object_end(w);
		jsonw_array_end(w);
	}
	jsonw_object_end(w);
}

void
emit_sarif(const struct emit_ctx *ctx)
{
	const struct catalog	 *cat = findings_catalog(ctx->fs);
	struct jsonw		 *w = jsonw_new(ctx->out);
	size_t			  n = findings_count(ctx->fs), i, j, nused = 0;
	size_t			  occ, col, k, m, *lines;
	const struct rule	**used;
	const struct source	 *src;
	char			**hashes;

	/* The rules results use, in id order (the catalogue's order). */
	used = xcalloc(catalog_count(cat) + 1, sizeof(*used));
	for (i = 0; i < catalog_count(cat); i++)
		for (j = 0; j < n; j++)
			if (findings_at(ctx->fs, j)->rule ==
			    catalog_rule(cat, i)) {
				used[nused++] = catalog_rule(cat, i);
				break;
			}
	jsonw_object_begin(w);
	jsonw_key(w, "$schema");
	jsonw_string(w, "https://json.schemastore.org/sarif-2.1.0.json");
	jsonw_key(w, "version");
	jsonw_string(w, "2.1.0");
	jsonw_key(w, "runs");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	jsonw_key(w, "tool");
	jsonw_object_begin(w);
	jsonw_key(w, "driver");
	jsonw_object_begin(w);
	jsonw_key(w, "name");
	jsonw_string(w, "sysctl-lint");
	jsonw_key(w, "semanticVersion");
	jsonw_string(w, SYSCTL_LINT_VERSION);
	jsonw_key(w, "informationUri");
	jsonw_string(w, SYSCTL_LINT_URL);
	jsonw_key(w, "rules");
	jsonw_array_begin(w);
	for (i = 0; i < nused; i++)
		put_rule(w, used[i]);
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_object_end(w);
	jsonw_key(w, "invocations");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	jsonw_key(w, "executionSuccessful");
	jsonw_bool(w, ctx->errs == NULL || ctx->errs->n == 0);
	if (ctx->errs != NULL && ctx->errs->n > 0) {
		jsonw_key(w, "toolExecutionNotifications");
		jsonw_array_begin(w);
		for (i = 0; i < ctx->errs->n; i++) {
			jsonw_object_begin(w);
			jsonw_key(w, "level");
			jsonw_string(w, sarif_level[SEV_ERROR]);
			put_message(w, "message", ctx->errs->msgs[i]);
			if (ctx->errs->paths[i] != NULL) {
				jsonw_key(w, "locations");
				jsonw_array_begin(w);
				jsonw_object_begin(w);
				jsonw_key(w, "physicalLocation");
				jsonw_object_begin(w);
				put_artifact_path(w, ctx->errs->paths[i]);
				jsonw_object_end(w);
				jsonw_object_end(w);
				jsonw_array_end(w);
			}
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
	}
	jsonw_object_end(w);
	jsonw_array_end(w);
	jsonw_key(w, "columnKind");
	jsonw_string(w, "unicodeCodePoints");
	jsonw_key(w, "results");
	jsonw_array_begin(w);
	/*
	 * Findings come sorted by source: the line hashes of each source's
	 * lines with findings are computed at once, in one pass over it.
	 */
	lines = xcalloc(n + 1, sizeof(size_t));
	for (i = 0; i < n; i = k) {
		src = findings_at(ctx->fs, i)->src;
		for (k = i; k < n && findings_at(ctx->fs, k)->src == src; k++)
			source_locate(src, findings_at(ctx->fs, k)->span.off,
			    &lines[k - i], &col);
		hashes = fingerprint_lines(src->data, src->len, lines, k - i);
		for (m = i; m < k; m++) {
			const struct finding *f = findings_at(ctx->fs, m);

			for (j = 0; j < nused && used[j] != f->rule; j++)
				continue;
			occ = findings_occurrence(ctx->fs, m);
			put_result(w, f, j, hashes[m - i], fingerprint_key(
			    f->rule->id, f->src->path, f->key, occ));
		}
		fingerprint_free(hashes, k - i);
	}
	free(lines);
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_finish(w);
	free(used);
}
