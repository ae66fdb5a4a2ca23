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

struct errlist;
struct findings;
struct unit;

enum loader {
	LOADER_AUTO,		/* systemd when the image has it */
	LOADER_SYSTEMD,
	LOADER_PROCPS
};

/* Parses "systemd", "procps" or "auto"; -1 for anything else. */
int		 image_loader_parse(const char *);
/*
 * Reads the files the boot of root applies.  *kernel_line is set to the
 * kernel line of the newest kernel the image holds (usr/lib/modules,
 * boot/config-*), or -1.
 */
struct unit	*image_load(const char *root, enum loader,
		    struct findings *, struct errlist *, int *kernel_line);

#endif
