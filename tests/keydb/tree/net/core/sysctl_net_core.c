// A fake kernel file for tests/keydb-tools.sh: bounds set in #ifdef
// branches (bpf_jit_enable), an unsigned 64-bit maximum, a bool whose
// maxlen is an int's (fs/lockd/svc.c nsm_use_hostnames, <= 6.1).
#include <linux/sysctl.h>
#include <linux/demo.h>

static unsigned long demo_wide_max = DEMO_WIDE_MAX;

static struct ctl_table net_core_table[] = {
	{
		.procname	= "bpf_jit_enable",
		.data		= &bpf_jit_enable,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
# ifdef CONFIG_BPF_JIT_ALWAYS_ON
		.extra1		= SYSCTL_ONE,
		.extra2		= SYSCTL_ONE,
# else
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_TWO,
# endif
	},
	{
		.procname	= "demo_wide",
		.data		= &demo_wide,
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
		.extra2		= &demo_wide_max,
	},
	{
		.procname	= "demo_bool",
		.data		= &demo_bool,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dobool,
	},
	{ }
};

static __init int sysctl_core_init(void)
{
	register_net_sysctl(&init_net, "net/core", net_core_table);
	return 0;
}
