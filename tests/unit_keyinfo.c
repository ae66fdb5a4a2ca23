/*
 * Unit tests: keyinfo.c explains keys, globs and prefixes from the key
 * database, folds equal lines, names the rules that check a key, and
 * refuses what names no key with the nearest one.
 */
#include <stdlib.h>

#include "catalog.h"
#include "check.h"
#include "keyinfo.h"

/* What keyinfo_explain() writes for what, or NULL; *ok its result. */
static char *
explain(const struct catalog *cat, const char *what, bool json, bool *ok,
    char **err)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);

	*err = NULL;
	*ok = keyinfo_explain(f, cat, what, json, err);
	fclose(f);
	return text;
}

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	struct catalog		*cat = catalog_new();
	char			*err, *out;
	bool			 ok;

	CHECK(&c, catalog_load_builtin(cat, &err));
	out = explain(cat, "net.core.somaxconn", false, &ok, &err);
	CHECK(&c, ok);
	/* 4.14 and 4.19 share facts, as do 5.4 to 6.18: two rows. */
	CHECK(&c, strstr(out, "  4.14-4.19: int >= 0 default 128") != NULL);
	CHECK(&c, strstr(out, "  5.4-6.18: int >= 0 default 4096") != NULL);
	CHECK(&c, strstr(out, "namespace: per-netns") != NULL);
	CHECK(&c, strstr(out, "rule: SL4006 somaxconn-lowered\n") != NULL);
	CHECK(&c, strstr(out, "(reads it)") != NULL);
	CHECK(&c, strstr(out, "ip-sysctl.rst, \"somaxconn\"") != NULL);
	free(out);

	/* tcp_rmem was init-netns only in 4.14: its own row says so. */
	out = explain(cat, "net.ipv4.tcp_rmem", false, &ok, &err);
	CHECK(&c, strstr(out, "  4.14: int x3") != NULL);
	CHECK(&c, strstr(out, "namespace: init-netns only") != NULL);
	free(out);

	out = explain(cat, "net.ipv4.tcp_low_latency", true, &ok, &err);
	CHECK(&c, strstr(out, "\"no_effect_since\": \"4.14\"") != NULL);
	free(out);

	out = explain(cat, "net.ipv4.conf.eth0.rp_filter", false, &ok, &err);
	CHECK(&c, ok && strncmp(out, "net.ipv4.conf.eth0.rp_filter\n", 29)
	    == 0);
	free(out);

	out = explain(cat, "vm.", false, &ok, &err);
	CHECK(&c, ok && strstr(out, "\nvm.swappiness\n") != NULL);
	CHECK(&c, strstr(out, "\nkernel.") == NULL);
	free(out);

	out = explain(cat, "net.core.somaxcon", false, &ok, &err);
	CHECK(&c, !ok && out != NULL && out[0] == '\0');
	CHECK(&c, err != NULL && strstr(err, "did you mean "
	    "'net.core.somaxconn'") != NULL);
	free(err);
	free(out);

	out = explain(cat, "kernel.nope_*", false, &ok, &err);
	CHECK(&c, !ok);
	free(err);
	free(out);

	catalog_free(cat);
	return check_done(&c);
}
