/*
 * Unit tests: keydb.c lookups, and facts the generated database must
 * hold (kernel-facts for the keys common tuning guides name).
 */
#include "check.h"
#include "key.h"
#include "keydb.h"

static size_t
line(const char *v)
{
	size_t	i;

	for (i = 0; i < keydb_nlines; i++)
		if (strcmp(keydb_lines[i], v) == 0)
			return i;
	return 999;
}

static void
suggests(struct check_counts *c, const char *typo, const char *want)
{
	const struct keydb_key	*k = keydb_suggest(typo);

	CHECK_STR(c, k != NULL ? k->path : NULL, want);
}

/* The range of key at kernel line v, or NULL. */
static const struct keydb_range *
at(const char *path, const char *v)
{
	const struct keydb_key	*k = keydb_lookup(path);

	return k == NULL ? NULL : keydb_range(k, line(v));
}

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	const struct keydb_key	*k;
	const struct keydb_range *r;
	size_t			 i;
	/* Every key two widely copied tuning texts name. */
	static const char *const advice_keys[] = {
		"net/ipv4/tcp_syncookies", "net/ipv4/tcp_tw_reuse",
		"net/ipv4/tcp_fin_timeout", "net/ipv4/tcp_keepalive_time",
		"net/ipv4/ip_local_port_range", "net/ipv4/tcp_max_syn_backlog",
		"net/ipv4/tcp_max_tw_buckets", "net/core/netdev_max_backlog",
		"net/core/somaxconn", "net/core/wmem_default",
		"net/core/rmem_default", "net/core/rmem_max",
		"net/core/wmem_max", "net/ipv4/tcp_timestamps",
		"net/ipv4/tcp_synack_retries", "net/ipv4/tcp_syn_retries",
		"net/ipv4/tcp_wmem", "net/ipv4/tcp_rmem", "net/ipv4/tcp_mem",
		"net/ipv4/tcp_max_orphans", "net/ipv4/tcp_congestion_control",
		"net/ipv4/tcp_available_congestion_control",
		"net/ipv4/tcp_fastopen", "net/ipv4/tcp_abort_on_overflow",
		"net/core/netdev_budget", "net/ipv4/tcp_moderate_rcvbuf",
		NULL
	};

	CHECK(&c, keydb_nlines >= 9);
	CHECK_STR(&c, keydb_lines[0], "4.14");
	CHECK(&c, keydb_line_for("6.1") == (int)line("6.1"));
	CHECK(&c, keydb_line_for("6.3") == (int)line("6.1"));
	CHECK(&c, keydb_line_for("5.13.2") == (int)line("5.10"));
	CHECK(&c, keydb_line_for("6.1.0-26-amd64") == (int)line("6.1"));
	CHECK(&c, keydb_line_for("4.9") == 0);
	CHECK(&c, keydb_line_for("x") == -1);
	CHECK(&c, keydb_line_for("6") == -1);
	/* Digits only: strtoul() would take a sign, blanks and overflow. */
	CHECK(&c, keydb_line_for("-1.5") == -1);
	CHECK(&c, keydb_line_for("+6.1") == -1);
	CHECK(&c, keydb_line_for(" 6.1") == -1);
	CHECK(&c, keydb_line_for("99999999999999999999.1") == -1);
	CHECK(&c, keydb_line_for("6.1x") == -1);
	CHECK(&c, keydb_line_for("3.10.0-1160.el7.x86_64") == 0);
	CHECK(&c, keydb_version_outside("3.10") < 0);
	CHECK(&c, keydb_version_outside("4.14") == 0);
	CHECK(&c, keydb_version_outside("6.18.7") == 0);
	CHECK(&c, keydb_version_outside("7.0") > 0);

	for (i = 1; i < keydb_count(); i++)
		if (strcmp(keydb_at(i - 1)->path, keydb_at(i)->path) >= 0)
			break;
	CHECK(&c, i == keydb_count());
	for (i = 0; advice_keys[i] != NULL; i++) {
		k = keydb_lookup(advice_keys[i]);
		CHECK(&c, k != NULL && k->nranges > 0);
		if (k == NULL)
			fprintf(stderr, "  missing: %s\n", advice_keys[i]);
	}
	CHECK(&c, keydb_lookup("net/ipv4/tcp_tw_recycle") == NULL);
	CHECK(&c, keydb_gone("net/ipv4/tcp_tw_recycle") != NULL);
	CHECK_STR(&c, keydb_gone("net/ipv4/tcp_tw_recycle")->removed, "4.12");

	/* Templates match any interface name, dots included. */
	k = keydb_lookup("net/ipv4/conf/eth0.100/rp_filter");
	CHECK(&c, k != NULL && (k->flags & KEYDB_TEMPLATE));
	CHECK(&c, keydb_lookup("net/ipv4/conf/eth0/nonexistent") == NULL);
	CHECK(&c, keydb_lookup_hashed("net/ipv4/conf/eth0.100/rp_filter",
	    key_hash("net/ipv4/conf/eth0.100/rp_filter")) == k);
	/* Two placeholders in a row, and <n> where <dev> finds nothing. */
	k = keydb_lookup("kernel/sched_domain/cpu0/domain1/max_interval");
	CHECK(&c, k != NULL && strcmp(k->path,
	    "kernel/sched_domain/<n>/<n>/max_interval") == 0);
	k = keydb_lookup("net/ipv6/neigh/wlan0/base_reachable_time_ms");
	CHECK(&c, k != NULL && strcmp(k->path,
	    "net/ipv6/neigh/<dev>/base_reachable_time_ms") == 0);
	CHECK(&c, keydb_lookup("net/ipv4/conf//rp_filter") == NULL);
	CHECK(&c, keydb_lookup("net/ipv4/conf/") == NULL);
	CHECK(&c, keydb_lookup("kernel/sched_domain/cpu0") == NULL);
	CHECK(&c, keydb_glob_matches("net/ipv4/conf/*/rp_filter"));
	CHECK(&c, !keydb_glob_matches("net/ipv4/conf/*/rp_filterx"));

	suggests(&c, "net/ipv4/tcp_timestsmps", "net/ipv4/tcp_timestamps");
	suggests(&c, "net/ipv4/tcp_keepalive_intval",
	    "net/ipv4/tcp_keepalive_intvl");
	suggests(&c, "net/ipv4/tcp_max_syn/backlog",
	    "net/ipv4/tcp_max_syn_backlog");
	CHECK(&c, keydb_suggest("completely/unrelated/thing") == NULL);

	/* Facts from the kernel sources (kernel-facts.md section 2). */
	r = at("net/ipv4/tcp_keepalive_probes", "5.4");
	CHECK(&c, r != NULL && r->type == KT_INT);
	r = at("net/ipv4/tcp_keepalive_probes", "5.15");
	CHECK(&c, r != NULL && r->type == KT_U8);
	r = at("net/ipv4/tcp_syn_retries", "6.1");
	CHECK(&c, r != NULL && r->min != NULL && strcmp(r->min, "1") == 0 &&
	    r->max != NULL && strcmp(r->max, "127") == 0);
	CHECK(&c, r != NULL && r->bounded == (KEYDB_MIN | KEYDB_MAX) &&
	    r->lo == 1 && r->hi == 127);
	/* Another key's value is no numeric bound. */
	r = at("net/ipv4/ipfrag_low_thresh", "6.1");
	CHECK(&c, r != NULL && !(r->bounded & KEYDB_MAX));
	/* LONG_MAX exactly, not a double's 2^63. */
	r = at("fs/file-max", "6.1");
	CHECK(&c, r != NULL && (r->bounded & KEYDB_MAX) &&
	    r->hi == 9223372036854775807LL);
	/* Bounds a build option narrows. */
	r = at("net/core/bpf_jit_enable", "6.1");
	CHECK(&c, r != NULL && r->lo == 0 && r->hi == 2 && r->cond != NULL &&
	    r->cbounded == (KEYDB_MIN | KEYDB_MAX) && r->clo == 1 &&
	    r->chi == 1);
	r = at("net/ipv4/ip_local_port_range", "6.1");
	CHECK(&c, r != NULL && r->count == 2);
	r = at("net/ipv4/tcp_available_congestion_control", "6.1");
	CHECK(&c, r != NULL && (r->mode & 0222) == 0);
	k = keydb_lookup("net/ipv4/tcp_low_latency");
	CHECK(&c, k != NULL && (k->flags & KEYDB_NO_EFFECT));
	k = keydb_lookup("kernel/unprivileged_userns_clone");
	CHECK(&c, k != NULL && (k->flags & KEYDB_PATCH));
	return check_done(&c);
}
