/*
 * engine.h: runs the data rules of the catalogue over a unit's settings
 * in force, with the key database's defaults for the target kernel.
 *
 * For each enabled data rule and each effective assignment of a key the
 * rule applies to, the condition is evaluated with "value" bound to that
 * assignment; when it holds, a finding is reported at the assignment,
 * its message filled from the values the condition read, and every
 * other key it read that the unit sets is a related place.
 *
 * A key a rule's regex gives up on (past pcre2's match limits, see
 * pattern.h) is neither matched nor skipped in silence: a tool error
 * names the rule and the key, and the run goes on.
 *
 * Ownership: nothing is kept; findings go to the sink, tool errors to
 * the list.
 */
#ifndef SYSCTL_LINT_ENGINE_H
#define SYSCTL_LINT_ENGINE_H

struct effective;
struct errlist;
struct findings;

/* line: the target kernel line (index into keydb_lines), or -1. */
void	engine_run(struct findings *, const struct effective *, int line,
	    struct errlist *);

#endif
