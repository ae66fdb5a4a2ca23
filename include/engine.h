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
 * Ownership: nothing is kept; findings go to the sink.
 */
#ifndef SYSCTL_LINT_ENGINE_H
#define SYSCTL_LINT_ENGINE_H

struct effective;
struct findings;

/* line: the target kernel line (index into keydb_lines), or -1. */
void	engine_run(struct findings *, const struct effective *, int line);

#endif
