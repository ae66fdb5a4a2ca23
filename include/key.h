/*
 * key.h: sysctl key spelling, as procps and systemd-sysctl read it.
 *
 * A key may use '.' or '/' between its parts.  When the first separator
 * is '.', the two are swapped, so that "net.ipv4.conf.eth0/100.forwarding"
 * names /proc/sys/net/ipv4/conf/eth0.100/forwarding (sysctl.d(5)).  The
 * linter keys everything on that /proc/sys path and reports keys in the
 * dotted form sysctl -a prints.
 *
 * Ownership: functions returning char * return a new string the caller
 * frees.
 */
#ifndef SYSCTL_LINT_KEY_H
#define SYSCTL_LINT_KEY_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The path under /proc/sys that key names, with repeated and outer
 * separators dropped as systemd's path_simplify() drops them.
 */
char	*key_to_path(const char *key, size_t len);
/* The dotted spelling of a /proc/sys path ("a/b.c/d" -> "a.b/c.d"). */
char	*key_path_to_dotted(const char *path);
/*
 * Both spellings of key in one allocation, for the many keys a run
 * reads: returns the path and points *dotted into the same block, so
 * only the path is freed.
 */
char	*key_spellings(const char *key, size_t len, char **dotted);
/* True if the key holds a glob(7) metacharacter: '*', '?' or '['. */
bool	 key_is_glob(const char *key, size_t len);
/*
 * Offset of the first separator that repeats its predecessor, or that
 * begins or ends the key; len if there is none.
 */
size_t	 key_stray_separator(const char *key, size_t len);

#endif
