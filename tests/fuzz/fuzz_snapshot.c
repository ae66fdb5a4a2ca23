/*
 * libFuzzer target: sysctl -a text read as a snapshot, judged against
 * the key database, then reported.
 */
#include "fuzz.h"
#include "snapshot.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_lint(data, len, snapshot_parse, 1, (int)(len % 2) - 1);
	return 0;
}
