/*
 * effective.h: the settings a unit leaves in force, in the order the
 * loader applies them, with the place each comes from.
 *
 * As systemd-sysctl does, a key set again keeps its last value and moves
 * to the place of its last assignment; an exclusion (-key) is kept as
 * an entry without value.
 *
 * Ownership: the items point into the unit, which must outlive them;
 * effective_free() releases the array only.
 */
#ifndef SYSCTL_LINT_EFFECTIVE_H
#define SYSCTL_LINT_EFFECTIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct conf_entry;
struct findings;
struct jsonw;
struct keyset;
struct source;
struct unit;

struct effective_item {
	const struct source	*src;
	const struct conf_entry	*ent;
	bool			 assumed;	/* a default, not set */
};

/* An assignment of a key that an assignment later in the unit repeats. */
struct effective_repeat {
	struct effective_item	 earlier;
	struct effective_item	 later;
};

struct effective {
	struct effective_item	*v;		/* in apply order */
	size_t			 n;
	size_t			 cap;
	struct keyset		*by_path;	/* items, by path and kind */
	struct effective_repeat	*repeats;	/* in the later's order */
	size_t			 nrepeats;
};

void	effective_build(const struct unit *, struct effective *);
/*
 * Reports each key set again: within one file a mistake (a warning when
 * the value changes), across files how sysctl.d overrides, so the losing
 * assignment gets a note pointing at the winner.
 */
void	effective_report_repeats(const struct effective *, struct findings *);
/*
 * Reports a key that a later write of its partner sets to 0 (the
 * vm.dirty_* ratio and byte pairs): only the last written is in force.
 */
void	effective_report_cleared(const struct effective *, struct findings *);
/* The assignment in force for path, or NULL. */
const struct effective_item *effective_find(const struct effective *,
	    const char *path);
void	effective_free(struct effective *);
/*
 * Writes "key = value  # path:line" lines, like a merged --cat-config,
 * with what came from input escaped as in the text report.
 */
void	effective_print(const struct effective *, FILE *);
/* "# label, as read by loader": the line before a unit's settings. */
void	effective_print_heading(const struct unit *, FILE *);
/*
 * The same as one JSON object of effective.schema.json's "units": the
 * unit's label and loader, and per setting its key, value, file and
 * line.
 */
void	effective_print_json(const struct unit *, const struct effective *,
	    struct jsonw *);
/*
 * Reports each assignment whose value a snapshot's settings (running)
 * show otherwise, at the assignment, with the snapshot's line related.
 */
void	effective_drift(const struct effective *,
	    const struct effective *running, struct findings *);

#endif
