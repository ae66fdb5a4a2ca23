/*
 * defaults.h: what a boot leaves at the kernel's default, made visible
 * to the rules that judge it.
 *
 * An image audit judges the values its boot applies; a key no file sets
 * keeps the kernel's default, which the hardening baselines judge as
 * well.  For each key that an enabled rule tagged "hardening" names
 * exactly, that no file of the unit sets, and whose default for the
 * target line is a plain number, one assignment is added to a file of
 * its own, "<kernel X defaults>", applied before every real file.  Its
 * findings are located there, so a report says the value was never set.
 *
 * Ownership: the file is the unit's, freed with it.
 */
#ifndef SYSCTL_LINT_DEFAULTS_H
#define SYSCTL_LINT_DEFAULTS_H

struct findings;
struct unit;

/* line: the target kernel line, or -1 for the newest. */
void	defaults_add(struct unit *, struct findings *, int line);

#endif
