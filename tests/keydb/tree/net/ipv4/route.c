// A fake kernel file for tests/keydb-tools.sh: the shapes harvest.py must
// read as Linux writes them (net/ipv4/route.c since 4.20).
#include <linux/sysctl.h>

static const char ipv4_route_flush_procname[] = "flush";

static struct ctl_table ipv4_route_netns_table[] = {
	{
		.procname	= ipv4_route_flush_procname,
		.maxlen		= sizeof(int),
		.mode		= 0200,
		.proc_handler	= ipv4_sysctl_rtcache_flush,
	},
	{ },
};

static __net_init int sysctl_route_net_init(struct net *net)
{
	net->ipv4.route_hdr = register_net_sysctl(net, "net/ipv4/route",
	    ipv4_route_netns_table);
	return 0;
}
