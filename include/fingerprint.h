/*
 * fingerprint.h: stable identities of findings for CI systems.
 *
 * fingerprint_lines() computes GitHub code scanning's
 * primaryLocationLineHash for every line of a source, exactly as the
 * upload action does (github/codeql-action src/fingerprints.ts): a
 * rolling hash over the next 100 characters, blanks skipped.
 * fingerprint_key() hashes what survives edits that move lines: rule,
 * path, key and occurrence.
 *
 * Ownership: fingerprint_lines() returns an array of nlines + 1 strings
 * (index = line number; [0] unused) freed with fingerprint_free().
 */
#ifndef SYSCTL_LINT_FINGERPRINT_H
#define SYSCTL_LINT_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

char	**fingerprint_lines(const char *data, size_t len, size_t *nlines);
void	  fingerprint_free(char **, size_t nlines);
/* FNV-1a over the parts, NUL-separated; printed as 16 hex digits. */
uint64_t  fingerprint_key(const char *rule, const char *path,
	    const char *key, size_t occurrence);

#endif
