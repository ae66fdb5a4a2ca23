/* Unit tests: key.c normalisation, after sysctl.d(5)'s examples. */
#include <stdlib.h>

#include "check.h"
#include "key.h"

static void
path_is(struct check_counts *c, const char *key, const char *want)
{
	char	*p = key_to_path(key, strlen(key));

	CHECK_STR(c, p, want);
	free(p);
}

/* Both spellings from one call, as the parsers take them. */
static void
spellings_are(struct check_counts *c, const char *key, const char *path,
    const char *dotted)
{
	char	*d, *p = key_spellings(key, strlen(key), &d);

	CHECK_STR(c, p, path);
	CHECK_STR(c, d, dotted);
	free(p);
}

static void
dotted_is(struct check_counts *c, const char *path, const char *want)
{
	char	*d = key_path_to_dotted(path);

	CHECK_STR(c, d, want);
	free(d);
}

int
main(void)
{
	struct check_counts	c = { 0, 0 };

	path_is(&c, "net.ipv4.conf.eth0/100.forwarding",
	    "net/ipv4/conf/eth0.100/forwarding");
	path_is(&c, "net/ipv4/conf/eth0.100/forwarding",
	    "net/ipv4/conf/eth0.100/forwarding");
	path_is(&c, "kernel.sysrq", "kernel/sysrq");
	path_is(&c, "net..ipv4.tcp_fin_timeout", "net/ipv4/tcp_fin_timeout");
	path_is(&c, "/net/ipv4/ip_forward/", "net/ipv4/ip_forward");
	path_is(&c, "vm", "vm");
	dotted_is(&c, "net/ipv4/conf/eth0.100/forwarding",
	    "net.ipv4.conf.eth0/100.forwarding");
	dotted_is(&c, "kernel/sysrq", "kernel.sysrq");
	spellings_are(&c, "net.ipv4.conf.eth0/100.forwarding",
	    "net/ipv4/conf/eth0.100/forwarding",
	    "net.ipv4.conf.eth0/100.forwarding");
	spellings_are(&c, ".net..core.somaxconn.", "net/core/somaxconn",
	    "net.core.somaxconn");
	spellings_are(&c, "...", "", "");
	CHECK(&c, key_is_glob("net.ipv4.conf.*.rp_filter", 25));
	CHECK(&c, key_is_glob("a.b?", 4));
	CHECK(&c, key_is_glob("a.[ab]", 6));
	CHECK(&c, !key_is_glob("net.ipv4.ip_forward", 19));
	CHECK(&c, key_stray_separator("net..ipv4", 9) == 4);
	CHECK(&c, key_stray_separator(".net", 4) == 0);
	CHECK(&c, key_stray_separator("net.", 4) == 3);
	CHECK(&c, key_stray_separator("net.ipv4.conf.eth0/100.x", 24) == 24);
	return check_done(&c);
}
