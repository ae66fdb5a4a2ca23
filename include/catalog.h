/*
 * catalog.h: the rule catalogue, loaded from the JSON files in rules/.
 *
 * Every finding the linter can report is a rule of the catalogue: its
 * stable id, kebab-case name, default severity, one-line summary,
 * message template and explanation live in data, not in C.  The same
 * table feeds diagnostics, --list-rules, --explain, rules.md and the
 * SARIF rule metadata.
 *
 * Rules checked by C code ("built-in" rules) are bound by name to the
 * BUILTIN_RULES table below; loading fails if the catalogue lacks one.
 *
 * Ownership: the catalog owns every struct rule and string in it; they
 * live until catalog_free().
 */
#ifndef SYSCTL_LINT_CATALOG_H
#define SYSCTL_LINT_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The severities, lowest first: "at or above a level" compares these
 * values.  Each row is all the linter says of its severity.
 * Column: enum constant, the word (--severity, --fail-level, the rc
 * file, rules/, text and JSON reports), GitHub workflow command, SARIF
 * level, GitHub code scanning problem.severity, GitLab Code Quality
 * severity, ANSI colour of the text report.
 */
#define SEVERITIES(X) \
	X(SEV_NOTE,    "note",    "notice",  "note",    "recommendation", \
	    "info",     "\033[1;36m") \
	X(SEV_WARNING, "warning", "warning", "warning", "warning", \
	    "major",    "\033[1;35m") \
	X(SEV_ERROR,   "error",   "error",   "error",   "error", \
	    "critical", "\033[1;31m")

#define SEV_ENUM_(e, word, gh, sarif, problem, gitlab, color)	e,
enum severity {
	SEVERITIES(SEV_ENUM_)
};
#undef SEV_ENUM_
/* How many rows SEVERITIES has: SEV_COUNT - 1 is the highest. */
#define SEV_ONE_(e, word, gh, sarif, problem, gitlab, color)	+ 1
enum { SEV_COUNT = 0 SEVERITIES(SEV_ONE_) };
#undef SEV_ONE_
/* The fail level below every severity: nothing fails the run. */
#define FAIL_LEVEL_NONE	"none"

/* Column: enum constant, rule name in the catalogue. */
#define BUILTIN_RULES(X) \
	X(BI_NOT_ASSIGNMENT,		"not-an-assignment") \
	X(BI_MULTIPLE_ASSIGNMENTS,	"multiple-assignments") \
	X(BI_TRAILING_COMMENT,		"trailing-comment") \
	X(BI_QUOTED_VALUE,		"quoted-value") \
	X(BI_INVISIBLE_CHARACTER,	"invisible-character") \
	X(BI_FULLWIDTH_CHARACTER,	"fullwidth-character") \
	X(BI_NON_ASCII_KEY,		"non-ascii-key") \
	X(BI_NON_ASCII_VALUE,		"non-ascii-value") \
	X(BI_WHITESPACE_IN_KEY,		"whitespace-in-key") \
	X(BI_EMPTY_KEY,			"empty-key") \
	X(BI_EMPTY_VALUE,		"empty-value") \
	X(BI_REPEATED_SEPARATOR,	"repeated-separator") \
	X(BI_SEMICOLON_COMMENT,		"semicolon-comment") \
	X(BI_PREFIX_WHITESPACE,		"prefix-whitespace") \
	X(BI_GLOB_EXCLUSION,		"glob-exclusion") \
	X(BI_BYTE_ORDER_MARK,		"byte-order-mark") \
	X(BI_CARRIAGE_RETURN,		"carriage-return") \
	X(BI_NUL_BYTE,			"nul-byte") \
	X(BI_BINARY_FILE,		"binary-file") \
	X(BI_INVALID_UTF8,		"invalid-utf8") \
	X(BI_LINE_TOO_LONG,		"line-too-long") \
	X(BI_VALUE_TOO_LONG,		"value-too-long") \
	X(BI_TOO_MANY_ENTRIES,		"too-many-entries") \
	X(BI_SOURCE_SYNTAX,		"source-syntax") \
	X(BI_NOT_JUDGED,		"not-judged") \
	X(BI_NON_STRING_VALUE,		"non-string-value") \
	X(BI_MALFORMED_ENTRY,		"malformed-entry") \
	X(BI_CONFLICTING_ASSIGNMENT,	"conflicting-assignment") \
	X(BI_REPEATED_ASSIGNMENT,	"repeated-assignment") \
	X(BI_CLEARED_BY_PARTNER,	"cleared-by-partner") \
	X(BI_SKIPPED_FILE,		"skipped-file") \
	X(BI_UNKNOWN_KEY,		"unknown-key") \
	X(BI_RUNNING_KEY_UNKNOWN,	"running-key-unknown") \
	X(BI_REMOVED_KEY,		"removed-key") \
	X(BI_KEY_NOT_IN_KERNEL,		"key-not-in-kernel") \
	X(BI_VERSION_DEPENDENT_KEY,	"version-dependent-key") \
	X(BI_NO_EFFECT_KEY,		"no-effect-key") \
	X(BI_ACTION_KEY,		"action-key") \
	X(BI_PATCH_KEY,			"patch-key") \
	X(BI_MODULE_KEY,		"module-key") \
	X(BI_DEVICE_KEY,		"device-key") \
	X(BI_READ_ONLY_KEY,		"read-only-key") \
	X(BI_NOT_A_NUMBER,		"not-a-number") \
	X(BI_OCTAL_VALUE,		"octal-value") \
	X(BI_VALUE_COUNT,		"value-count") \
	X(BI_VALUE_OUT_OF_RANGE,	"value-out-of-range") \
	X(BI_BUILD_DEPENDENT_VALUE,	"build-dependent-value") \
	X(BI_VALUE_NOT_STORED,		"value-not-stored") \
	X(BI_UNDOCUMENTED_VALUE,	"undocumented-value") \
	X(BI_UNKNOWN_WORD,		"unknown-word") \
	X(BI_GLOB_MATCHES_NOTHING,	"glob-matches-nothing") \
	X(BI_SNAPSHOT_LINE,		"snapshot-line") \
	X(BI_SHADOWED_FILE,		"shadowed-file") \
	X(BI_MASKED_FILE,		"masked-file") \
	X(BI_OVERRIDDEN_ASSIGNMENT,	"overridden-assignment") \
	X(BI_CONFLICTING_SET_FILES,	"conflicting-set-files") \
	X(BI_DRIFT,			"drift") \
	X(BI_HOST_ONLY_KEY,		"host-only-key") \
	X(BI_UNSAFE_POD_SYSCTL,		"unsafe-pod-sysctl") \
	X(BI_SAFE_SYSCTL_TOO_NEW,	"safe-sysctl-too-new") \
	X(BI_UNKNOWN_SUPPRESSION,	"unknown-suppression") \
	X(BI_UNUSED_SUPPRESSION,	"unused-suppression") \
	X(BI_REPORT_TRUNCATED,		"report-truncated")

#define BUILTIN_ENUM(e, name)	e,
enum builtin {
	BUILTIN_RULES(BUILTIN_ENUM)
	BUILTIN_COUNT
};
#undef BUILTIN_ENUM

struct expr;
struct pattern;

/*
 * How far the fixes of a rule keep what the loaders and the kernel make
 * of a line (the catalogue's "fix"): --fix applies the safe ones, and
 * --unsafe-fixes the others too.
 */
enum fix_safety {
	FIX_NONE,		/* the rule offers no fix */
	/* The reading is kept, or a refused line gets its one reading. */
	FIX_SAFE,
	/* A guess, or a change to what a working line sets. */
	FIX_UNSAFE,
	/* Safe, but unsafe in a value the kernel keeps as written. */
	FIX_UNSAFE_IN_TEXT
};

/* A key a data rule applies to: exact, a glob, or a pcre2 pattern. */
struct rule_key {
	char		*text;		/* as written */
	char		*path;		/* exact or glob, in path form */
	bool		 glob;
	struct pattern	*re;		/* matched against the dotted key */
};

/* A value a data rule computes for its message: {name}. */
struct rule_let {
	char		*name;
	struct expr	*expr;
};

struct rule {
	char		 *id;		/* stable, e.g. "SL1002" */
	char		 *name;		/* kebab-case */
	char		 *summary;	/* one line */
	char		 *message;	/* template with {name} fields */
	char		 *explanation;	/* why, what the loaders do, the fix */
	char		**tags;
	size_t		  ntags;
	char		**refs;		/* sources the explanation cites */
	size_t		  nrefs;
	char		 *origin;	/* catalogue file it came from */
	size_t		  index;	/* in id order; set by the catalog */
	enum severity	  severity;	/* default */
	bool		  enabled;	/* by default */
	bool		  shipped;	/* built in, so documented in rules.md */
	/* "0.0" to "10.0" for rules tagged security, else NULL. */
	char		 *security_severity;
	/* Data rules only (when != NULL); built-in rules are checked in C. */
	struct expr	 *when;
	struct rule_key	 *keys;
	size_t		  nkeys;
	struct rule_let	 *lets;
	size_t		  nlets;
	enum fix_safety	  fix;		/* built-in and data rules alike */
	char		 *fix_description;
	char		 *fix_replacement;	/* a message template */
};

/* A named value interpolated into a message template as {name}. */
struct msg_arg {
	const char	*name;
	const char	*value;
};

struct catalog;

const char	*severity_name(enum severity);
bool		 severity_parse(const char *, enum severity *);
/*
 * The i-th word, lowest first, or NULL past the last: of the severities,
 * and of the fail levels (the severities, then FAIL_LEVEL_NONE).
 */
const char	*severity_word(size_t);
const char	*fail_level_word(size_t);
/* "safe", "unsafe", "unsafe-in-text", or NULL for FIX_NONE. */
const char	*fix_safety_name(enum fix_safety);

/* Whether the rule carries the tag: selections name rules by tag. */
bool		 rule_has_tag(const struct rule *, const char *);

struct catalog	*catalog_new(void);
void		 catalog_free(struct catalog *);
/*
 * Adds the rules of one catalogue file (text of len bytes, named origin
 * in errors).  Returns false and sets *err (caller frees) on a syntax
 * error, a missing field or a duplicate id or name; the message names
 * the file, the rule and the line and column.
 */
bool		 catalog_add_json(struct catalog *, const char *origin,
		    const char *text, size_t len, char **err);
/* Adds the catalogue files built into the binary and binds built-ins. */
bool		 catalog_load_builtin(struct catalog *, char **err);
/*
 * Binds the built-in rules of the catalogue files added so far (what
 * catalog_load_builtin() does after adding them): each must be there,
 * every rule without a condition must be one, and each says in its
 * "fix" how safe the fixes of its check are, exactly when it has any.
 */
bool		 catalog_bind_builtin(struct catalog *, char **err);
/* Adds a user's rule file (every rule must have a condition). */
bool		 catalog_load_file(struct catalog *, const char *path,
		    char **err);

size_t		 catalog_count(const struct catalog *);
/* Rules in id order. */
const struct rule *catalog_rule(const struct catalog *, size_t);
/* Finds a rule by id or by name; NULL if none. */
const struct rule *catalog_find(const struct catalog *, const char *);
const struct rule *catalog_builtin(const struct catalog *, enum builtin);

/*
 * The length of the placeholder "{name}" at p, braces included, or 0:
 * a name holds no brace, so "{a{b}" is '{', 'a' and then "{b}".  Each
 * brace is looked at once: rendering is linear in the template.
 */
size_t		 rule_placeholder(const char *p);
/*
 * Renders a message template: each {name} is replaced by the value of
 * the argument of that name; an unknown {name} is kept as written.
 * The caller frees the result.
 */
char		*rule_format(const char *tmpl, const struct msg_arg *,
		    size_t nargs);

#endif
