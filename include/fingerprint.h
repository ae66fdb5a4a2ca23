/*
 * fingerprint.h: stable identities of findings for CI systems.
 *
 * fingerprint_lines() computes GitHub code scanning's
 * primaryLocationLineHash for the lines of a source that are asked for,
 * exactly as the upload action does for every line (github/codeql-action
 * src/fingerprints.ts): a rolling hash over the next 100 characters,
 * blanks skipped, numbered among the equal hashes of earlier lines.
 * fingerprint_key() hashes what survives edits that move lines: rule,
 * path, key and occurrence.
 *
 * Ownership: fingerprint_lines() returns an array of n strings, [i] for
 * lines[i] (1-based; NULL for a line the source does not have), freed
 * with fingerprint_free(v, n).
 */
#ifndef SYSCTL_LINT_FINGERPRINT_H
#define SYSCTL_LINT_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

char	**fingerprint_lines(const char *data, size_t len,
	    const size_t *lines, size_t n);
void	  fingerprint_free(char **, size_t n);
/* FNV-1a over the parts, NUL-separated; printed as 16 hex digits. */
uint64_t  fingerprint_key(const char *rule, const char *path,
	    const char *key, size_t occurrence);

#endif
