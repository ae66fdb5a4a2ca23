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

/* One reading gives both spellings, the hash and the checks' facts. */
static void
read_is(struct check_counts *c, const char *key, const char *path,
    const char *dotted)
{
	struct key_spelling	ks;
	char			*p = key_to_path(key, strlen(key));
	char			*buf = malloc(KEY_READ_SIZE(strlen(key)));

	key_read(key, strlen(key), buf, &ks);
	CHECK_STR(c, ks.path, path);
	CHECK_STR(c, ks.path, p);
	CHECK_STR(c, ks.dotted, dotted);
	CHECK(c, ks.hash == key_hash(path));
	CHECK(c, ks.glob == key_is_glob(key, strlen(key)));
	free(buf);
	free(p);
}

static size_t
stray_of(const char *key)
{
	struct key_spelling	ks;
	char			buf[KEY_READ_SIZE(64)];

	key_read(key, strlen(key), buf, &ks);
	return ks.stray;
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
	read_is(&c, "net.ipv4.conf.eth0/100.forwarding",
	    "net/ipv4/conf/eth0.100/forwarding",
	    "net.ipv4.conf.eth0/100.forwarding");
	read_is(&c, ".net..core.somaxconn.", "net/core/somaxconn",
	    "net.core.somaxconn");
	read_is(&c, "...", "", "");
	CHECK(&c, key_is_glob("net.ipv4.conf.*.rp_filter", 25));
	CHECK(&c, key_is_glob("a.b?", 4));
	CHECK(&c, key_is_glob("a.[ab]", 6));
	CHECK(&c, !key_is_glob("net.ipv4.ip_forward", 19));
	CHECK(&c, stray_of("net..ipv4") == 4);
	CHECK(&c, stray_of(".net") == 0);
	CHECK(&c, stray_of("net.") == 3);
	CHECK(&c, stray_of("net.ipv4.conf.eth0/100.x") == 24);
	read_is(&c, "net.ipv4.conf.*.rp_filter", "net/ipv4/conf/*/rp_filter",
	    "net.ipv4.conf.*.rp_filter");
	read_is(&c, "/net/ipv4/ip_forward//", "net/ipv4/ip_forward",
	    "net.ipv4.ip_forward");
	{
		struct key_spelling	ks;
		char			buf[KEY_READ_SIZE(19)];

		key_read("net.ipv4. tcp_syn\xC3\xA9", 19, buf, &ks);
		CHECK(&c, ks.blank == 9 && !ks.printable);
		key_read("vm.swappiness", 13, buf, &ks);
		CHECK(&c, ks.blank == 13 && ks.printable && !ks.glob);
	}
	return check_done(&c);
}
