/*
 * keydb_data.h: the tables tools/keydb-gen.c generates, shared by the
 * generated file and keydb.c only.  Not part of keydb's interface.
 */
#ifndef SYSCTL_LINT_KEYDB_DATA_H
#define SYSCTL_LINT_KEYDB_DATA_H

#include "keydb.h"

/* Sorted by path (strcmp), templates included. */
extern const struct keydb_key	keydb_table[];
extern const size_t		keydb_ntable;
/*
 * keydb_table by key_hash() of the path: index + 1, 0 for an empty
 * slot, probed linearly from hash & keydb_hash_mask.
 */
extern const uint16_t		keydb_hash_slots[];
extern const size_t		keydb_hash_mask;
/* What comes before the first placeholder of a template ("net/ipv4/conf/"). */
struct keydb_prefix {
	const char	*text;
	size_t		 len;
};
/* Each prefix once. */
extern const struct keydb_prefix keydb_template_prefixes[];
extern const size_t		keydb_ntemplate_prefixes;
/* keydb_table indices of the keys with a clears partner. */
extern const uint16_t		keydb_clearing_index[];
extern const size_t		keydb_nclearing;
/* Sorted by path. */
extern const struct keydb_gone	keydb_gone_table[];
extern const size_t		keydb_ngone;

#endif
