/*
 * finding.h: findings and the one sink every check reports through.
 *
 * A check calls findings_add() (or findings_builtin()) with a rule, a
 * source and a span; the sink drops the finding when the rule is
 * disabled or below the reported severity, else renders the rule's
 * message template and keeps it.  Line and column are not stored: the
 * emitters derive them from the span.
 *
 * Ownership: struct findings owns every finding and string in it.  A
 * finding points at its rule (owned by the catalog) and its source
 * (owned by the caller); both must outlive the findings.
 */
#ifndef SYSCTL_LINT_FINDING_H
#define SYSCTL_LINT_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "source.h"

struct related {
	const struct source	*src;
	struct span		 span;
	char			*message;
};

/*
 * A fix replaces the bytes of its span (which may reach past the
 * finding's, to take a line break or a whole line along) with its
 * replacement.  safe: --fix applies it without --unsafe-fixes.
 */
struct fix {
	struct span	 span;
	char		*description;
	char		*replacement;
	bool		 safe;
};

struct finding {
	const struct rule	*rule;
	enum severity		 severity;
	const struct source	*src;
	struct span		 span;
	char			*message;
	char			*key;		/* dotted, or NULL */
	char			*value;		/* raw, or NULL */
	struct related		*related;
	size_t			 nrelated;
	struct fix		*fix;		/* NULL if none */
	size_t			 seq;		/* report order, for a stable sort */
	size_t			 occurrence;	/* see findings_occurrence() */
};

/*
 * A report lists at most FINDINGS_MAX_PER_FILE findings of one file and
 * FINDINGS_MAX in all, report-truncated findings included; the rest are
 * counted in one report-truncated finding per file (and one for the
 * run).  GitHub code scanning keeps 25,000 results of a SARIF run; a file
 * with a thousand findings is generated or junk, and its first ones say
 * what is wrong.  These apply after suppressions and baselines.
 *
 * Memory is bounded earlier: past FINDINGS_KEEP_PER_FILE findings of a
 * file, or FINDINGS_KEEP in all, findings are counted as they come,
 * suppressed or not, and only their identity is kept (rule, file, key,
 * place), so that baselines reach them; past FINDINGS_IDS_KEEP such
 * identities in a run, findings are only counted.
 */
#define FINDINGS_MAX		25000
#define FINDINGS_MAX_PER_FILE	1000
#define FINDINGS_KEEP		250000
#define FINDINGS_KEEP_PER_FILE	10000
#define FINDINGS_IDS_KEEP	1000000

struct findings;

struct findings	*findings_new(const struct catalog *);
void		 findings_free(struct findings *);
const struct catalog *findings_catalog(const struct findings *);

/*
 * Enables or disables the rules a comma-separated list names: ids,
 * names, id prefixes ("SL1") or "all".  Returns false and sets *err
 * (caller frees) when a word matches no rule.
 */
bool		 findings_select(struct findings *, const char *list,
		    bool enable, char **err);
bool		 findings_enabled(const struct findings *, const struct rule *);
void		 findings_set_min_severity(struct findings *, enum severity);
/* Reports every finding of rule r with severity sev instead. */
void		 findings_set_severity(struct findings *, const struct rule *,
		    enum severity);

/*
 * Reports a finding; returns NULL when the rule is not reported.  Past
 * a keep limit, the finding returned is the sink's, for the caller to
 * set the key on; the rest of it is dropped at the next call.
 */
struct finding	*findings_add(struct findings *, const struct rule *,
		    const struct source *, struct span,
		    const struct msg_arg *, size_t nargs);
/*
 * findings_add() of a case that is worse (or milder) than the rule's
 * default: natural stands in for the rule's severity, so -S and the
 * fail level judge what is reported, and a user's override still wins.
 */
struct finding	*findings_add_as(struct findings *, const struct rule *,
		    enum severity natural, const struct source *, struct span,
		    const struct msg_arg *, size_t nargs);
struct finding	*findings_builtin(struct findings *, enum builtin,
		    const struct source *, struct span,
		    const struct msg_arg *, size_t nargs);

/*
 * Renders the message again with args: a check computes a costly
 * argument only once findings_add() has kept the finding.
 */
void		 finding_reformat(struct finding *, const struct msg_arg *,
		    size_t nargs);
void		 finding_set_key(struct finding *, const char *);
void		 finding_set_value(struct finding *, const char *, size_t);
void		 finding_add_related(struct finding *, const struct source *,
		    struct span, const char *message);
/*
 * Gives the finding a fix, as safe as its rule's row says.  in_text:
 * the fix edits a value the kernel keeps as written (a string key, a
 * key not known), where a FIX_UNSAFE_IN_TEXT rule's fix is unsafe.
 */
void		 finding_set_fix(struct finding *, struct span,
		    const char *description, const char *replacement,
		    bool in_text);
/*
 * A set that reports what fs reports (rule selection, severities,
 * threshold), and holds nothing yet.
 */
struct findings	*findings_new_like(const struct findings *fs);

/* Removes the findings pred accepts (suppressed ones). */
void		 findings_drop_if(struct findings *,
		    bool (*pred)(const struct finding *, void *), void *ctx);
/*
 * The same for the kept findings from the from-th on (unsorted, they
 * are in report order: those of the unit judged last).
 */
void		 findings_drop_if_from(struct findings *, size_t from,
		    bool (*pred)(const struct finding *, void *), void *ctx);

/* Sorts by path, position, rule id, then report order. */
void		 findings_sort(struct findings *);
/*
 * Applies the report limits to the sorted findings: what is past them
 * is counted into report-truncated findings, which then take their
 * place in the order.  Run it last, after suppressions and baselines.
 */
void		 findings_limit(struct findings *);
size_t		 findings_count(const struct findings *);
/*
 * Findings reported so far, kept or left out past a limit: a source
 * none of them names can be freed.
 */
size_t		 findings_received(const struct findings *);
const struct finding *findings_at(const struct findings *, size_t);
/*
 * How many sorted findings before the i-th have its rule, file and key:
 * with them, an identity that survives lines moving (fingerprints,
 * baselines).
 */
size_t		 findings_occurrence(const struct findings *, size_t i);
/* What a baseline records of a finding, kept or only counted. */
struct finding_id {
	const struct rule	*rule;
	const struct source	*src;
	const char		*key;		/* or NULL */
	size_t			 occurrence;
};

/*
 * Calls fn with the identity of each sorted finding, those past a keep
 * limit included, in the report's order.
 */
void		 findings_each_id(const struct findings *,
		    void (*fn)(const struct finding_id *, void *), void *ctx);
/*
 * Drops the sorted findings, those past a keep limit included, whose
 * identity pred accepts; pred sees every one before any is dropped.
 */
void		 findings_drop_ids(struct findings *,
		    bool (*pred)(const struct finding_id *, void *),
		    void *ctx);
/* Number of findings of a severity. */
size_t		 findings_tally(const struct findings *, enum severity);

#endif
