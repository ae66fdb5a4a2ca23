/*
 * emit_json.c: the JSON report, the contract programs read (its schema
 * is report.schema.json).  Columns count characters; end_column is
 * exclusive, one past the span's last character, as in SARIF.  Tool
 * errors are in the report as well as on stderr, so that a program
 * reading only the report sees a failed run.
 */
#include "emit.h"
#include "errlist.h"
#include "finding.h"
#include "jsonw.h"
#include "keyset.h"
#include "version.h"

/*
 * The report's format: 2 gives each rule's texts once, under "rules",
 * rather than in every finding.
 */
#define REPORT_FORMAT	2

static void
put_position(struct jsonw *w, const struct source *src, struct span sp,
    bool with_end)
{
	size_t	line, col;

	source_locate(src, sp.off, &line, &col);
	jsonw_key(w, "file");
	jsonw_string(w, src->path);
	jsonw_key(w, "line");
	jsonw_uint(w, line);
	jsonw_key(w, "column");
	jsonw_uint(w, col);
	if (!with_end)
		return;
	source_locate(src, sp.off + sp.len, &line, &col);
	jsonw_key(w, "end_line");
	jsonw_uint(w, line);
	jsonw_key(w, "end_column");
	jsonw_uint(w, col);
}

/* The place a fix replaces, which may differ from its finding's. */
static void
put_fix_span(struct jsonw *w, const struct source *src, struct span sp)
{
	size_t	line, col;

	source_locate(src, sp.off, &line, &col);
	jsonw_key(w, "line");
	jsonw_uint(w, line);
	jsonw_key(w, "column");
	jsonw_uint(w, col);
	source_locate(src, sp.off + sp.len, &line, &col);
	jsonw_key(w, "end_line");
	jsonw_uint(w, line);
	jsonw_key(w, "end_column");
	jsonw_uint(w, col);
}

static void
put_finding(struct jsonw *w, const struct finding *f)
{
	size_t	i;

	jsonw_object_begin(w);
	jsonw_key(w, "rule");
	jsonw_string(w, f->rule->id);
	jsonw_key(w, "name");
	jsonw_string(w, f->rule->name);
	jsonw_key(w, "severity");
	jsonw_string(w, severity_name(f->severity));
	jsonw_key(w, "message");
	jsonw_string(w, f->message);
	put_position(w, f->src, f->span, true);
	jsonw_key(w, "key");
	jsonw_string_or_null(w, f->key);
	jsonw_key(w, "value");
	jsonw_string_or_null(w, f->value);
	jsonw_key(w, "related");
	jsonw_array_begin(w);
	for (i = 0; i < f->nrelated; i++) {
		jsonw_object_begin(w);
		put_position(w, f->related[i].src, f->related[i].span, false);
		jsonw_key(w, "message");
		jsonw_string(w, f->related[i].message);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	if (f->fix != NULL) {
		jsonw_key(w, "fix");
		jsonw_object_begin(w);
		jsonw_key(w, "description");
		jsonw_string(w, f->fix->description);
		jsonw_key(w, "replacement");
		jsonw_string(w, f->fix->replacement);
		put_fix_span(w, f->src, f->fix->span);
		jsonw_key(w, "safe");
		jsonw_bool(w, f->fix->safe);
		jsonw_object_end(w);
	}
	jsonw_object_end(w);
}

/* The rules of the findings, each once, in the order first reported. */
static void
put_rules(struct jsonw *w, const struct findings *fs)
{
	size_t		 i, n = findings_count(fs);
	struct keyset	*seen = keyset_new(n + 1);
	const struct rule *r;
	size_t		*slot;

	jsonw_object_begin(w);
	for (i = 0; i < n; i++) {
		r = findings_at(fs, i)->rule;
		if (*(slot = keyset_slot(seen, r->id, 0)) != KEYSET_NONE)
			continue;
		*slot = i;
		jsonw_key(w, r->id);
		jsonw_object_begin(w);
		jsonw_key(w, "name");
		jsonw_string(w, r->name);
		jsonw_key(w, "summary");
		jsonw_string(w, r->summary);
		jsonw_key(w, "explanation");
		jsonw_string(w, r->explanation);
		jsonw_object_end(w);
	}
	jsonw_object_end(w);
	keyset_free(seen);
}

void
emit_json(const struct emit_ctx *ctx)
{
	struct jsonw	*w = jsonw_new(ctx->out);
	size_t		 i, n = findings_count(ctx->fs);
	int		 s;

	jsonw_object_begin(w);
	jsonw_key(w, "tool");
	jsonw_object_begin(w);
	jsonw_key(w, "name");
	jsonw_string(w, "sysctl-lint");
	jsonw_key(w, "version");
	jsonw_string(w, SYSCTL_LINT_VERSION);
	jsonw_object_end(w);
	jsonw_key(w, "format");
	jsonw_uint(w, REPORT_FORMAT);
	jsonw_key(w, "kernel");
	jsonw_string_or_null(w, ctx->kernel);
	jsonw_key(w, "findings");
	jsonw_array_begin(w);
	for (i = 0; i < n; i++)
		put_finding(w, findings_at(ctx->fs, i));
	jsonw_array_end(w);
	jsonw_key(w, "rules");
	put_rules(w, ctx->fs);
	/* A report with tool errors is incomplete: it says so itself. */
	jsonw_key(w, "errors");
	jsonw_array_begin(w);
	for (i = 0; ctx->errs != NULL && i < ctx->errs->n; i++) {
		jsonw_object_begin(w);
		jsonw_key(w, "message");
		jsonw_string(w, ctx->errs->msgs[i]);
		jsonw_key(w, "path");
		jsonw_string_or_null(w, ctx->errs->paths[i]);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_key(w, "summary");
	jsonw_object_begin(w);
	jsonw_key(w, "units");
	jsonw_uint(w, ctx->units);
	jsonw_key(w, "files");
	jsonw_uint(w, ctx->files);
	/* A count per severity word, highest first (report.schema.json). */
	for (s = SEV_COUNT - 1; s >= 0; s--) {
		jsonw_key(w, severity_name((enum severity)s));
		jsonw_uint(w, findings_tally(ctx->fs, (enum severity)s));
	}
	jsonw_key(w, "baselined");
	jsonw_uint(w, ctx->baselined);
	jsonw_object_end(w);
	jsonw_object_end(w);
	jsonw_finish(w);
}
