/*
 * unit.h: one PATH argument of a run, read as one configuration.
 *
 * A unit is a file, a directory (its *.conf files in name order, as one
 * sysctl.d set) or standard input.  Precedence, repeated keys and
 * relations between keys are judged within a unit, never across units.
 *
 * Ownership: a unit owns its sources and parsed confs.  Findings point
 * into its sources, so free the unit after the findings are emitted.
 */
#ifndef SYSCTL_LINT_UNIT_H
#define SYSCTL_LINT_UNIT_H

#include <stdbool.h>
#include <stddef.h>

struct conf;
struct errlist;
struct findings;
struct source;

struct unit_file {
	struct source	*src;
	struct conf	*conf;		/* NULL for a file not read */
	bool		 assumed;	/* kernel defaults no file sets */
	bool		 foreign;	/* another syntax: tuned, YAML */
};

/*
 * Where a unit's settings are written: the host's /proc/sys, or a
 * container's, which lets only namespaced keys through.
 */
enum unit_runtime {
	UNIT_HOST,
	UNIT_POD,		/* a Kubernetes pod: the kubelet, then runc */
	UNIT_CONTAINER		/* a compose service: Docker, then runc */
};

struct unit {
	char		 *label;	/* the argument as given, or the
					   configuration within it */
	struct unit_file *files;	/* in the order they apply */
	size_t		  n;
	size_t		  cap;
	size_t		  nread;	/* files actually read */
	int		  snapshot;	/* values a kernel reported */
	const char	 *loader;	/* an image's: "systemd", "procps" */
	enum unit_runtime runtime;
	bool		  host_net;	/* shares the host's network namespace */
	bool		  host_ipc;	/* and its IPC namespace */
	/*
	 * The next configuration read from the same argument (the pods of
	 * one manifest), a unit of its own sharing the source; a caller
	 * that judges them one by one detaches each.
	 */
	struct unit	 *next;
};

/*
 * Appends a file to the unit in apply order; conf is NULL for a file
 * that is not read (it still locates notes), and read counts it as read.
 */
void		 unit_add_file(struct unit *, struct source *, struct conf *,
		    bool read);
/*
 * Adds a file that is not read, with a note giving the reason, located
 * at its name.
 */
void		 unit_skip_file(struct unit *, const char *display,
		    const char *reason, struct findings *);
/* systemd's rule for sysctl.d names: "*.conf", not hidden. */
bool		 unit_is_conf_name(const char *name);

/*
 * Reads and parses the unit named by arg ("-" is standard input, shown
 * as stdin_name).  A file is read in the syntax type names (an enum
 * reader_type; READER_AUTO: as its name and content tell), and may hold
 * several configurations: the further ones are chained on next.
 * Unreadable inputs are added to errs; skipped directory members (not
 * regular files) become findings.
 */
struct unit	*unit_load(const char *arg, const char *stdin_name, int type,
		    struct findings *, struct errlist *errs);
/*
 * Judges every assignment of the unit against the key database for the
 * kernel line (an index into keydb_lines, or -1 for none).  Keys set
 * more than once are effective_report_repeats()'s.
 */
void		 unit_check(const struct unit *, struct findings *, int line);
/* Frees u and the units still chained after it. */
void		 unit_free(struct unit *);

#endif
