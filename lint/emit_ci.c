/*
 * emit_ci.c: the two CI formats that are not SARIF.
 *
 * github: workflow commands, one per finding, which GitHub Actions shows
 * as annotations ("::error file=x,line=1,col=2,endLine=1,endColumn=9,
 * title=...::message"); '%', CR and LF are escaped everywhere, and ':'
 * and ',' too in properties; other controls as in the text report.
 * gitlab: the Code Quality report, a JSON array of issues with a
 * description, check name, fingerprint, severity and location.
 */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "emit.h"
#include "errlist.h"
#include "finding.h"
#include "fingerprint.h"
#include "jsonw.h"
#include "utf8.h"

#define SEV_GITHUB_(e, word, gh, sarif, problem, gitlab, color)	gh,
#define SEV_GITLAB_(e, word, gh, sarif, problem, gitlab, color)	gitlab,
static const char *const github_cmd[] = { SEVERITIES(SEV_GITHUB_) };
static const char *const gitlab_sev[] = { SEVERITIES(SEV_GITLAB_) };
#undef SEV_GITHUB_
#undef SEV_GITLAB_

/*
 * The runner decodes %25, %0D and %0A (and %3A, %2C in properties); the
 * other unsafe characters are escaped as in the text report, so that
 * the log shows no raw control either.
 */
static void
put_escaped(FILE *out, const char *s, int property)
{
	size_t	n = strlen(s), i, len;
	char	esc[UTF8_ESCAPE_MAX];

	for (i = 0; i < n; i += len) {
		len = 1;
		switch (s[i]) {
		case '%':
			fputs("%25", out);
			continue;
		case '\r':
			fputs("%0D", out);
			continue;
		case '\n':
			fputs("%0A", out);
			continue;
		case ':':
			fputs(property ? "%3A" : ":", out);
			continue;
		case ',':
			fputs(property ? "%2C" : ",", out);
			continue;
		default:
			break;
		}
		len = utf8_escape(s + i, n - i, esc);
		if (esc[0] != '\0')
			fputs(esc, out);
		else
			fwrite(s + i, 1, len, out);
	}
}

void
emit_github(const struct emit_ctx *ctx)
{
	size_t	i, line, col, eline, ecol;
	char	title[160];

	for (i = 0; i < findings_count(ctx->fs); i++) {
		const struct finding *f = findings_at(ctx->fs, i);

		source_locate(f->src, f->span.off, &line, &col);
		source_locate(f->src, f->span.off + f->span.len, &eline,
		    &ecol);
		fprintf(ctx->out, "::%s file=", github_cmd[f->severity]);
		put_escaped(ctx->out, source_checkout_path(f->src), 1);
		fprintf(ctx->out, ",line=%zu,col=%zu,endLine=%zu,endColumn=%zu,"
		    "title=", line, col, eline, ecol);
		snprintf(title, sizeof(title), "%s %s", f->rule->id,
		    f->rule->name);
		put_escaped(ctx->out, title, 1);
		fputs("::", ctx->out);
		put_escaped(ctx->out, f->message, 0);
		fputc('\n', ctx->out);
	}
	/*
	 * A tool error is an annotation too, at the error level: the log
	 * shows no false green.
	 */
	for (i = 0; ctx->errs != NULL && i < ctx->errs->n; i++) {
		fprintf(ctx->out, "::%s ", github_cmd[SEV_ERROR]);
		if (ctx->errs->paths[i] != NULL) {
			fputs("file=", ctx->out);
			put_escaped(ctx->out, ctx->errs->paths[i], 1);
			fputc(',', ctx->out);
		}
		fputs("title=sysctl-lint tool error::", ctx->out);
		put_escaped(ctx->out, ctx->errs->msgs[i], 0);
		fputc('\n', ctx->out);
	}
}

void
emit_gitlab(const struct emit_ctx *ctx)
{
	struct jsonw	*w = jsonw_new(ctx->out);
	size_t		 i, occ, line, col;
	char		 fp[24], check[160];

	jsonw_array_begin(w);
	for (i = 0; i < findings_count(ctx->fs); i++) {
		const struct finding *f = findings_at(ctx->fs, i);

		occ = findings_occurrence(ctx->fs, i);
		snprintf(fp, sizeof(fp), "%016llx", (unsigned long long)
		    fingerprint_key(f->rule->id, f->src->path, f->key, occ));
		snprintf(check, sizeof(check), "%s %s", f->rule->id,
		    f->rule->name);
		source_locate(f->src, f->span.off, &line, &col);
		jsonw_object_begin(w);
		jsonw_key(w, "description");
		jsonw_string(w, f->message);
		jsonw_key(w, "check_name");
		jsonw_string(w, check);
		jsonw_key(w, "fingerprint");
		jsonw_string(w, fp);
		jsonw_key(w, "severity");
		jsonw_string(w, gitlab_sev[f->severity]);
		jsonw_key(w, "location");
		jsonw_object_begin(w);
		jsonw_key(w, "path");
		jsonw_string(w, source_checkout_path(f->src));
		jsonw_key(w, "lines");
		jsonw_object_begin(w);
		jsonw_key(w, "begin");
		jsonw_uint(w, line);
		jsonw_object_end(w);
		jsonw_object_end(w);
		jsonw_object_end(w);
	}
	/*
	 * An empty report would show as "no new issues": each tool error
	 * is a blocker issue, at its file when known (a location is
	 * required; "." is the checkout).
	 */
	for (i = 0; ctx->errs != NULL && i < ctx->errs->n; i++) {
		const char *path = ctx->errs->paths[i] != NULL ?
		    ctx->errs->paths[i] : ".";

		snprintf(fp, sizeof(fp), "%016llx", (unsigned long long)
		    fingerprint_key("tool-error", path, ctx->errs->msgs[i], 0));
		jsonw_object_begin(w);
		jsonw_key(w, "description");
		jsonw_string(w, ctx->errs->msgs[i]);
		jsonw_key(w, "check_name");
		jsonw_string(w, "sysctl-lint tool error");
		jsonw_key(w, "fingerprint");
		jsonw_string(w, fp);
		jsonw_key(w, "severity");
		jsonw_string(w, "blocker");
		jsonw_key(w, "location");
		jsonw_object_begin(w);
		jsonw_key(w, "path");
		jsonw_string(w, path);
		jsonw_key(w, "lines");
		jsonw_object_begin(w);
		jsonw_key(w, "begin");
		jsonw_uint(w, 1);
		jsonw_object_end(w);
		jsonw_object_end(w);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_finish(w);
}
