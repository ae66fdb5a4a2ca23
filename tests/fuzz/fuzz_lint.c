/*
 * libFuzzer target: a whole run over one sysctl.d input, judged with no
 * target kernel or for 4.14 (the input length picks), to every format.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_lint(data, len, conf_parse, 0, (int)(len % 2) - 1);
	return 0;
}
