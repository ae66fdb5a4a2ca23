/*
 * libFuzzer target: a rule file (JSON, with conditions and patterns)
 * loaded into a catalogue that already holds the built-in rules, then,
 * when it loads, run over settings its conditions and patterns can
 * reach: known keys with tuples and strings, and long keys that make
 * a backtracking pattern give up.  fuzz_rules.dict holds the tokens.
 */
#include <string.h>

#include "fuzz.h"

static const char settings[] =
    "kernel.panic = 1\n"
    "vm.swappiness = -9223372036854775808\n"
    "net.ipv4.tcp_rmem = 4096 87380 6291456\n"
    "net.ipv4.tcp_congestion_control = bbr\n"
    "net.ipv4.ip_local_reserved_ports = 8080,9000-9010\n"
    "net.core.somaxconn = 0x7fffffffffffffff\n"
    "net.ipv4.conf.eth0.forwarding = 1\n"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab = 1\n"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! = 2\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct catalog	*cat = catalog_new();
	char		*err = NULL;

	if (!catalog_load_builtin(cat, &err))
		abort();
	if (catalog_add_json(cat, "fuzz.json", (const char *)data, len, &err))
		fuzz_lint_with(cat, (const uint8_t *)settings,
		    sizeof(settings) - 1, conf_parse, 0, (int)(len % 2) - 1);
	else
		free(err);
	catalog_free(cat);
	return 0;
}
