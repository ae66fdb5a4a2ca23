/*
 * keyinfo.h: --explain for keys: what the key database knows of one
 * key, of the keys a glob matches ("net.ipv4.tcp_*") or of those under a
 * prefix ("net.core."): per kernel line its type, range, default and
 * mode (consecutive lines with the same facts as one row), its module,
 * Kconfig symbol, network-namespace scope and source file, the rules
 * that apply to it or read it, the curated facts, and the kernel
 * document that describes it.
 *
 * Ownership: the caller owns the stream and the catalogue; *err, when
 * set, is the caller's to free.
 */
#ifndef SYSCTL_LINT_KEYINFO_H
#define SYSCTL_LINT_KEYINFO_H

#include <stdbool.h>
#include <stdio.h>

struct catalog;

/*
 * Writes the explanation of what (dotted or path form) to out, as text
 * or as one JSON array.  Returns false, writing nothing, when it names
 * no known or removed key, and sets *err (with the nearest known key
 * when one is close).
 */
bool	keyinfo_explain(FILE *out, const struct catalog *, const char *what,
	    bool json, char **err);

#endif
