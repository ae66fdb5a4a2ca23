/*
 * catalog.c: loads rule catalogue files (JSON, read with cJSON) into
 * plain structs and binds the built-in rules by name.  No cJSON type
 * leaves this file.  The rule engine's conditions are not read here.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "catalog.h"
#include "embedded.h"
#include "expr.h"
#include "key.h"
#include "keyset.h"
#include "pattern.h"
#include "source.h"
#include "util.h"

/*
 * Rules are appended as a file is read and sorted by id once it is
 * read; ids and names index them in a hash set (tags below), so a file
 * of n rules loads in O(n log n), not the O(n^2) of a sorted insertion
 * that renumbered every rule each time.
 */
struct catalog {
	struct rule	**rules;	/* sorted by id between files */
	size_t		  nrules;
	size_t		  cap;
	struct keyset	 *names;	/* id and name -> index in rules */
	size_t		  names_max;
	const struct rule *builtin[BUILTIN_COUNT];
};

enum { NAME_ID, NAME_NAME };

#define BUILTIN_NAME(e, name)	name,
static const char *const builtin_names[BUILTIN_COUNT] = {
	BUILTIN_RULES(BUILTIN_NAME)
};
#undef BUILTIN_NAME

/*
 * The built-in rules whose checks compute a fix (conf.c, keycheck.c):
 * each must say in the catalogue how safe its fixes are, and no other
 * built-in rule may claim a fix it never offers.
 */
static const enum builtin builtin_fixes[] = {
	BI_MULTIPLE_ASSIGNMENTS, BI_TRAILING_COMMENT, BI_QUOTED_VALUE,
	BI_INVISIBLE_CHARACTER, BI_FULLWIDTH_CHARACTER, BI_REPEATED_SEPARATOR,
	BI_UNKNOWN_KEY, BI_RUNNING_KEY_UNKNOWN, BI_REMOVED_KEY,
	BI_VALUE_OUT_OF_RANGE, BI_NON_STRING_VALUE
};

/* ORDER FIX: indexed by enum fix_safety. */
static const char *const fix_names[] = {
	NULL, "safe", "unsafe", "unsafe-in-text"
};

#define SEV_WORD_(e, word, gh, sarif, problem, gitlab, color)	word,
static const char *const severity_names[] = { SEVERITIES(SEV_WORD_) };
#undef SEV_WORD_

const char *
severity_name(enum severity sev)
{
	return severity_names[sev];
}

const char *
severity_word(size_t i)
{
	return i < ARRAY_LEN(severity_names) ? severity_names[i] : NULL;
}

const char *
fail_level_word(size_t i)
{
	return i == ARRAY_LEN(severity_names) ? FAIL_LEVEL_NONE :
	    severity_word(i);
}

bool
severity_parse(const char *s, enum severity *sev)
{
	size_t	i;

	for (i = 0; i < ARRAY_LEN(severity_names); i++)
		if (strcmp(s, severity_names[i]) == 0) {
			*sev = (enum severity)i;
			return true;
		}
	return false;
}

const char *
fix_safety_name(enum fix_safety fs)
{
	return fix_names[fs];
}

static bool
is_builtin_name(const char *name)
{
	size_t	i;

	for (i = 0; i < BUILTIN_COUNT; i++)
		if (strcmp(builtin_names[i], name) == 0)
			return true;
	return false;
}

struct catalog *
catalog_new(void)
{
	return xcalloc(1, sizeof(struct catalog));
}

static void
rule_free(struct rule *r)
{
	size_t	i;

	free(r->security_severity);
	for (i = 0; i < r->nkeys; i++) {
		free(r->keys[i].text);
		free(r->keys[i].path);
		pattern_free(r->keys[i].re);
	}
	free(r->keys);
	for (i = 0; i < r->nlets; i++) {
		free(r->lets[i].name);
		expr_free(r->lets[i].expr);
	}
	free(r->lets);
	expr_free(r->when);
	free(r->fix_description);
	free(r->fix_replacement);
	free(r->id);
	free(r->name);
	free(r->summary);
	free(r->message);
	free(r->explanation);
	free(r->origin);
	strv_free(r->tags, r->ntags);
	strv_free(r->refs, r->nrefs);
	free(r);
}

void
catalog_free(struct catalog *cat)
{
	size_t	i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->nrules; i++)
		rule_free(cat->rules[i]);
	free(cat->rules);
	keyset_free(cat->names);
	free(cat);
}

bool
rule_has_tag(const struct rule *r, const char *tag)
{
	size_t	i;

	for (i = 0; i < r->ntags; i++)
		if (strcmp(r->tags[i], tag) == 0)
			return true;
	return false;
}

/*
 * GitHub ranks code-scanning alerts by this number: one decimal from
 * "0.0" to "10.0", as CVSS scores are written.
 */
static bool
is_security_severity(const char *s)
{
	if (strcmp(s, "10.0") == 0)
		return true;
	return s[0] >= '0' && s[0] <= '9' && s[1] == '.' &&
	    s[2] >= '0' && s[2] <= '9' && s[3] == '\0';
}

/*
 * A security rule must say how grave it is, and only security rules
 * may: the number means nothing to code scanning without the tag.
 */
static bool
read_security_severity(struct rule *r, const cJSON *obj, const char *origin,
    char **err)
{
	const cJSON	*it = cJSON_GetObjectItemCaseSensitive(obj,
	    "security-severity");
	bool		 security = rule_has_tag(r, "security");

	if (it == NULL && !security)
		return true;
	if (it == NULL || !security) {
		*err = xasprintf("%s: rule '%s': 'security-severity' and the "
		    "'security' tag go together", origin, r->id);
		return false;
	}
	if (!cJSON_IsString(it) || !is_security_severity(it->valuestring)) {
		*err = xasprintf("%s: rule '%s': 'security-severity' must be "
		    "a string from \"0.0\" to \"10.0\"", origin, r->id);
		return false;
	}
	r->security_severity = xstrdup(it->valuestring);
	return true;
}

static bool
is_kebab(const char *s)
{
	if (*s < 'a' || *s > 'z')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    (*s == '-' && s[1] != '-' && s[1] != '\0')))
			return false;
	return true;
}

static bool
is_rule_id(const char *s)
{
	size_t	n = 0;

	for (; (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
	    *s == '-' || *s == '_'; s++)
		n++;
	return *s == '\0' && n >= 2 && n <= 32;
}

/*
 * Reads a required string member; on failure builds the error message
 * naming the file and the rule.
 */
static char *
get_string(const cJSON *obj, const char *member, const char *origin,
    const char *rule, char **err)
{
	const cJSON	*item = cJSON_GetObjectItemCaseSensitive(obj, member);

	if (!cJSON_IsString(item) || item->valuestring[0] == '\0') {
		*err = xasprintf("%s: rule '%s': '%s' must be a non-empty "
		    "string", origin, rule, member);
		return NULL;
	}
	return xstrdup(item->valuestring);
}

static bool
get_strv(const cJSON *obj, const char *member, const char *origin,
    const char *rule, char ***out, size_t *n, char **err)
{
	const cJSON	*arr = cJSON_GetObjectItemCaseSensitive(obj, member);
	const cJSON	*it;
	size_t		 i = 0;

	*out = NULL;
	*n = 0;
	if (arr == NULL)
		return true;
	if (!cJSON_IsArray(arr)) {
		*err = xasprintf("%s: rule '%s': '%s' must be an array of "
		    "strings", origin, rule, member);
		return false;
	}
	*out = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(char *));
	cJSON_ArrayForEach(it, arr) {
		if (!cJSON_IsString(it)) {
			*err = xasprintf("%s: rule '%s': '%s' must be an "
			    "array of strings", origin, rule, member);
			*n = i;
			return false;
		}
		(*out)[i++] = xstrdup(it->valuestring);
	}
	*n = i;
	return true;
}

static struct expr *
compile_expr(const char *text, const char *origin, const char *rule,
    const char *what, char **err)
{
	struct expr	*e;
	char		*msg = NULL;
	size_t		 col = 0;

	if ((e = expr_compile(text, &msg, &col)) == NULL) {
		*err = xasprintf("%s: rule '%s': %s:1:%zu: %s", origin, rule,
		    what, col, msg);
		free(msg);
	}
	return e;
}

/* Reads the parts only data rules have: keys, when, let, fix. */
static bool
read_data_rule(struct rule *r, const cJSON *obj, const char *origin,
    char **err)
{
	const cJSON	*keys = cJSON_GetObjectItemCaseSensitive(obj, "keys");
	const cJSON	*let = cJSON_GetObjectItemCaseSensitive(obj, "let");
	const cJSON	*fix = cJSON_GetObjectItemCaseSensitive(obj, "fix");
	const cJSON	*when = cJSON_GetObjectItemCaseSensitive(obj, "when");
	const cJSON	*it, *re;
	struct rule_key	*k;
	char		*msg = NULL;
	size_t		 col = 0;

	if (!cJSON_IsString(when)) {
		*err = xasprintf("%s: rule '%s': 'when' must be a condition "
		    "string", origin, r->id);
		return false;
	}
	if ((r->when = compile_expr(when->valuestring, origin, r->id, "when",
	    err)) == NULL)
		return false;
	if (!cJSON_IsArray(keys) || cJSON_GetArraySize(keys) == 0) {
		*err = xasprintf("%s: rule '%s': 'keys' must list the keys it "
		    "applies to", origin, r->id);
		return false;
	}
	r->keys = xcalloc((size_t)cJSON_GetArraySize(keys), sizeof(*k));
	cJSON_ArrayForEach(it, keys) {
		k = &r->keys[r->nkeys++];
		re = cJSON_GetObjectItemCaseSensitive(it, "regex");
		if (cJSON_IsString(it)) {
			k->text = xstrdup(it->valuestring);
			k->path = key_to_path(k->text, strlen(k->text));
			k->glob = key_is_glob(k->text, strlen(k->text));
		} else if (cJSON_IsString(re)) {
			k->text = xstrdup(re->valuestring);
			if ((k->re = pattern_compile(k->text, &msg,
			    &col)) == NULL) {
				*err = xasprintf("%s: rule '%s': regex:1:%zu: "
				    "%s", origin, r->id, col, msg);
				free(msg);
				return false;
			}
		} else {
			*err = xasprintf("%s: rule '%s': a key is a string or "
			    "{\"regex\": ...}", origin, r->id);
			return false;
		}
	}
	if (let != NULL) {
		if (!cJSON_IsObject(let)) {
			*err = xasprintf("%s: rule '%s': 'let' must map names "
			    "to expressions", origin, r->id);
			return false;
		}
		r->lets = xcalloc((size_t)cJSON_GetArraySize(let) + 1,
		    sizeof(struct rule_let));
		cJSON_ArrayForEach(it, let) {
			struct rule_let *l = &r->lets[r->nlets];

			if (!cJSON_IsString(it)) {
				*err = xasprintf("%s: rule '%s': let '%s' must "
				    "be an expression string", origin, r->id,
				    it->string);
				return false;
			}
			l->name = xstrdup(it->string);
			r->nlets++;
			if ((l->expr = compile_expr(it->valuestring, origin,
			    r->id, it->string, err)) == NULL)
				return false;
		}
	}
	if (fix != NULL) {
		if ((r->fix_description = get_string(fix, "description",
		    origin, r->id, err)) == NULL ||
		    (r->fix_replacement = get_string(fix, "replacement",
		    origin, r->id, err)) == NULL)
			return false;
	}
	return true;
}

/*
 * A built-in rule's "fix" is how safe the fixes its check computes are.
 * A data rule's is an object, whose "safety" says it of the replacement:
 * unsafe unless it says "safe", since a rewrite of a whole line is the
 * author's policy, not the one reading of the line.
 */
static bool
read_fix_safety(struct rule *r, const cJSON *obj, const char *origin,
    char **err)
{
	const cJSON	*fix = cJSON_GetObjectItemCaseSensitive(obj, "fix");
	const cJSON	*safety;
	size_t		 i;
	bool		 data = cJSON_GetObjectItemCaseSensitive(obj,
			    "when") != NULL;

	if (fix == NULL)
		return true;
	if (data && !cJSON_IsObject(fix)) {
		*err = xasprintf("%s: rule '%s': 'fix' must be an object with "
		    "'description' and 'replacement'", origin, r->id);
		return false;
	}
	safety = data ? cJSON_GetObjectItemCaseSensitive(fix, "safety") : fix;
	r->fix = FIX_UNSAFE;
	if (data && safety == NULL)
		return true;
	for (i = 1; cJSON_IsString(safety) && i < ARRAY_LEN(fix_names); i++)
		if (strcmp(safety->valuestring, fix_names[i]) == 0 &&
		    (!data || i != FIX_UNSAFE_IN_TEXT)) {
			r->fix = (enum fix_safety)i;
			return true;
		}
	*err = data ? xasprintf("%s: rule '%s': fix 'safety' must be "
	    "\"safe\" or \"unsafe\"", origin, r->id) : xasprintf("%s: rule "
	    "'%s': 'fix' must be \"safe\", \"unsafe\" or \"unsafe-in-text\"",
	    origin, r->id);
	return false;
}

static struct rule *
rule_from_json(const cJSON *obj, const char *origin, size_t index,
    char **err)
{
	struct rule	*r = xcalloc(1, sizeof(*r));
	const cJSON	*id = cJSON_GetObjectItemCaseSensitive(obj, "id");
	char		*label, *sev, *words;

	label = cJSON_IsString(id) ? xstrdup(id->valuestring) :
	    xasprintf("#%zu", index + 1);
	r->origin = xstrdup(origin);
	if (!cJSON_IsObject(obj)) {
		*err = xasprintf("%s: rule %s: not an object", origin, label);
		goto fail;
	}
	if ((r->id = get_string(obj, "id", origin, label, err)) == NULL ||
	    (r->name = get_string(obj, "name", origin, label, err)) == NULL ||
	    (r->summary = get_string(obj, "summary", origin, label,
	    err)) == NULL ||
	    (r->message = get_string(obj, "message", origin, label,
	    err)) == NULL ||
	    (r->explanation = get_string(obj, "explanation", origin, label,
	    err)) == NULL)
		goto fail;
	if (!is_rule_id(r->id)) {
		*err = xasprintf("%s: rule '%s': id must be 2 to 32 of "
		    "A-Z, 0-9, '-' and '_'", origin, label);
		goto fail;
	}
	if (!is_kebab(r->name)) {
		*err = xasprintf("%s: rule '%s': name '%s' is not kebab-case",
		    origin, label, r->name);
		goto fail;
	}
	if ((sev = get_string(obj, "severity", origin, label, err)) == NULL)
		goto fail;
	if (!severity_parse(sev, &r->severity)) {
		words = words_join(severity_word, " or ", NULL);
		*err = xasprintf("%s: rule '%s': severity '%s' is not %s",
		    origin, label, sev, words);
		free(words);
		free(sev);
		goto fail;
	}
	free(sev);
	if (!get_strv(obj, "tags", origin, label, &r->tags, &r->ntags, err) ||
	    !get_strv(obj, "references", origin, label, &r->refs, &r->nrefs,
	    err) || !read_security_severity(r, obj, origin, err) ||
	    !read_fix_safety(r, obj, origin, err))
		goto fail;
	r->enabled = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(obj,
	    "enabled"));
	if (cJSON_GetObjectItemCaseSensitive(obj, "when") != NULL &&
	    !read_data_rule(r, obj, origin, err))
		goto fail;
	free(label);
	return r;
fail:
	free(label);
	rule_free(r);
	return NULL;
}

/* Makes room in the name index for more rules: a set cannot grow. */
static void
names_reserve(struct catalog *cat, size_t more)
{
	size_t	i;

	if (cat->names != NULL && 2 * (cat->nrules + more) <= cat->names_max)
		return;
	keyset_free(cat->names);
	cat->names_max = 2 * (cat->nrules + more) + 16;
	cat->names = keyset_new(cat->names_max);
	for (i = 0; i < cat->nrules; i++) {
		*keyset_slot(cat->names, cat->rules[i]->id, NAME_ID) = i;
		*keyset_slot(cat->names, cat->rules[i]->name, NAME_NAME) = i;
	}
}

static bool
catalog_insert(struct catalog *cat, struct rule *r, char **err)
{
	size_t	 i;
	void	*p;

	if ((i = keyset_get(cat->names, r->id, NAME_ID)) != KEYSET_NONE ||
	    (i = keyset_get(cat->names, r->name, NAME_NAME)) != KEYSET_NONE) {
		*err = xasprintf("%s: rule '%s': id or name '%s' already "
		    "defined in %s", r->origin, r->id,
		    strcmp(cat->rules[i]->id, r->id) == 0 ? r->id : r->name,
		    cat->rules[i]->origin);
		return false;
	}
	p = cat->rules;
	xgrow(&p, &cat->cap, cat->nrules + 1, sizeof(struct rule *));
	cat->rules = p;
	*keyset_slot(cat->names, r->id, NAME_ID) = cat->nrules;
	*keyset_slot(cat->names, r->name, NAME_NAME) = cat->nrules;
	cat->rules[cat->nrules++] = r;
	return true;
}

static int
rule_id_cmp(const void *a, const void *b)
{
	const struct rule *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

/* Sorts by id and numbers each rule: the sink indexes by it. */
static void
renumber(struct catalog *cat)
{
	size_t	i;

	if (cat->nrules > 1)
		qsort(cat->rules, cat->nrules, sizeof(struct rule *),
		    rule_id_cmp);
	for (i = 0; i < cat->nrules; i++) {
		cat->rules[i]->index = i;
		*keyset_slot(cat->names, cat->rules[i]->id, NAME_ID) = i;
		*keyset_slot(cat->names, cat->rules[i]->name, NAME_NAME) = i;
	}
}

bool
catalog_add_json(struct catalog *cat, const char *origin, const char *text,
    size_t len, char **err)
{
	cJSON		*root;
	const cJSON	*rules, *it;
	const char	*where;
	struct source	*src;
	struct rule	*r;
	size_t		 line, col, i = 0;

	root = cJSON_ParseWithLengthOpts(text, len, &where, 0);
	if (root == NULL) {
		src = source_from_mem(origin, text, len);
		where = cJSON_GetErrorPtr();
		if (where == NULL || where < text || where > text + len)
			where = text + len;
		source_locate(src, (uint32_t)(where - text), &line, &col);
		*err = xasprintf("%s:%zu:%zu: invalid JSON", origin, line, col);
		source_free(src);
		return false;
	}
	rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
	if (!cJSON_IsArray(rules)) {
		*err = xasprintf("%s: expected an object with a \"rules\" "
		    "array", origin);
		cJSON_Delete(root);
		return false;
	}
	names_reserve(cat, (size_t)cJSON_GetArraySize(rules));
	cJSON_ArrayForEach(it, rules) {
		if ((r = rule_from_json(it, origin, i++, err)) == NULL ||
		    !catalog_insert(cat, r, err)) {
			if (r != NULL)
				rule_free(r);
			renumber(cat);
			cJSON_Delete(root);
			return false;
		}
	}
	renumber(cat);
	cJSON_Delete(root);
	return true;
}

/* The catalogue's "fix" of each built-in rule matches its check. */
static bool
check_builtin_fixes(const struct catalog *cat, char **err)
{
	bool	fixes[BUILTIN_COUNT];
	size_t	i;

	memset(fixes, 0, sizeof(fixes));
	for (i = 0; i < ARRAY_LEN(builtin_fixes); i++)
		fixes[builtin_fixes[i]] = true;
	for (i = 0; i < BUILTIN_COUNT; i++) {
		const struct rule *r = cat->builtin[i];

		if (fixes[i] && r->fix == FIX_NONE) {
			*err = xasprintf("%s: rule '%s' computes fixes, but "
			    "its row has no 'fix' saying how safe they are",
			    r->origin, r->id);
			return false;
		}
		if (!fixes[i] && r->fix != FIX_NONE) {
			*err = xasprintf("%s: rule '%s' has a 'fix', but its "
			    "check computes none", r->origin, r->id);
			return false;
		}
	}
	return true;
}

bool
catalog_load_builtin(struct catalog *cat, char **err)
{
	size_t	i;

	for (i = 0; i < embedded_nfiles; i++) {
		const struct embedded_file *f = &embedded_files[i];
		size_t	n = strlen(f->name);

		if (n < 5 || strcmp(f->name + n - 5, ".json") != 0 ||
		    strstr(f->name, "catalog") == NULL)
			continue;
		if (!catalog_add_json(cat, f->name, f->data, f->len, err))
			return false;
	}
	return catalog_bind_builtin(cat, err);
}

bool
catalog_bind_builtin(struct catalog *cat, char **err)
{
	size_t	i;

	for (i = 0; i < cat->nrules; i++)
		cat->rules[i]->shipped = true;
	for (i = 0; i < BUILTIN_COUNT; i++) {
		cat->builtin[i] = catalog_find(cat, builtin_names[i]);
		if (cat->builtin[i] == NULL) {
			*err = xasprintf("the rule catalogue has no rule "
			    "named '%s'", builtin_names[i]);
			return false;
		}
	}
	for (i = 0; i < cat->nrules; i++)
		if (cat->rules[i]->when == NULL &&
		    !is_builtin_name(cat->rules[i]->name)) {
			*err = xasprintf("%s: rule '%s' has no condition and is "
			    "not built in", cat->rules[i]->origin,
			    cat->rules[i]->id);
			return false;
		}
	return check_builtin_fixes(cat, err);
}

bool
catalog_load_file(struct catalog *cat, const char *path, char **err)
{
	struct source	*src;
	size_t		 i;
	bool		 ok;

	if ((src = source_load(path, path, err)) == NULL)
		return false;
	ok = catalog_add_json(cat, path, src->data, src->len, err);
	source_free(src);
	for (i = 0; ok && i < cat->nrules; i++)
		if (strcmp(cat->rules[i]->origin, path) == 0 &&
		    cat->rules[i]->when == NULL) {
			*err = xasprintf("%s: rule '%s' has no 'when' "
			    "condition", path, cat->rules[i]->id);
			ok = false;
		}
	return ok;
}

size_t
catalog_count(const struct catalog *cat)
{
	return cat->nrules;
}

const struct rule *
catalog_rule(const struct catalog *cat, size_t i)
{
	return i < cat->nrules ? cat->rules[i] : NULL;
}

const struct rule *
catalog_find(const struct catalog *cat, const char *what)
{
	size_t	i;

	if (cat->names == NULL)
		return NULL;
	if ((i = keyset_get(cat->names, what, NAME_ID)) == KEYSET_NONE)
		i = keyset_get(cat->names, what, NAME_NAME);
	return i != KEYSET_NONE ? cat->rules[i] : NULL;
}

const struct rule *
catalog_builtin(const struct catalog *cat, enum builtin b)
{
	return cat->builtin[b];
}

size_t
rule_placeholder(const char *p)
{
	size_t	n;

	if (*p != '{')
		return 0;
	n = strcspn(p + 1, "{}");
	return p[1 + n] == '}' ? n + 2 : 0;
}

char *
rule_format(const char *tmpl, const struct msg_arg *args, size_t nargs)
{
	struct buf	 b = BUF_INIT;
	const char	*p;
	size_t		 i, n;

	for (p = tmpl; *p != '\0'; p++) {
		if ((n = rule_placeholder(p)) == 0) {
			buf_putc(&b, *p);
			continue;
		}
		for (i = 0; i < nargs; i++)
			if (strlen(args[i].name) == n - 2 &&
			    strncmp(args[i].name, p + 1, n - 2) == 0)
				break;
		if (i == nargs) {
			buf_putc(&b, *p);
			continue;
		}
		buf_puts(&b, args[i].value);
		p += n - 1;
	}
	return buf_detach(&b);
}
