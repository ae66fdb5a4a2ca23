/*
 * image.h: the sysctl files an image root's boot applies, found as
 * systemd-sysctl or procps `sysctl --system` finds them.
 *
 * Both look in etc/sysctl.d, run/sysctl.d, usr/local/lib/sysctl.d,
 * usr/lib/sysctl.d and lib/sysctl.d (a directory reached twice, as
 * lib -> usr/lib, counts once); a name in an earlier directory hides the
 * same name in later ones; a file linked to /dev/null, or empty, masks
 * its name; the survivors apply in name order across directories.
 * procps then reads etc/sysctl.conf last; systemd never reads it, except
 * through a link such as etc/sysctl.d/99-sysctl.conf.  A file reached
 * twice (that link, then sysctl.conf) is read once, at its last place.
 *
 * Ownership: the unit is freed with unit_free(); paths in it are
 * relative to the root.
 */
#ifndef SYSCTL_LINT_IMAGE_H
#define SYSCTL_LINT_IMAGE_H

#include <stddef.h>

#include "conf.h"

struct errlist;
struct findings;
struct unit;

/*
 * Column: enum constant, the word (--loader, the rc file's loader =, a
 * unit's "as read by"), how its files are read.  In --help's order.
 * LOADER_AUTO becomes systemd when the image has it, procps otherwise,
 * before anything is read: its reader is that of a unit of no loader.
 */
#define LOADERS(X) \
	X(LOADER_SYSTEMD,	"systemd",	CONF_READ_SYSTEMD) \
	X(LOADER_PROCPS,	"procps",	CONF_READ_PROCPS) \
	X(LOADER_AUTO,		"auto",		CONF_READ_BOTH)

#define LOADER_ENUM_(e, word, reader)	e,
enum loader {
	LOADERS(LOADER_ENUM_)
};
#undef LOADER_ENUM_
#define LOADER_ONE_(e, word, reader)	+ 1
enum { LOADER_COUNT = 0 LOADERS(LOADER_ONE_) };
#undef LOADER_ONE_

/* Parses a loader word; -1 for anything else. */
int		 image_loader_parse(const char *);
/* The i-th loader word, or NULL past the last (words_join()). */
const char	*image_loader_word(size_t);
/* How the loader reads a sysctl file. */
enum conf_reader image_loader_reader(enum loader);
/*
 * Reads the files the boot of root applies.  *kernel_line is set to the
 * kernel line of the newest kernel the image holds (usr/lib/modules,
 * boot/config-*), or -1.
 */
struct unit	*image_load(const char *root, enum loader,
		    struct findings *, struct errlist *, int *kernel_line);

#endif
