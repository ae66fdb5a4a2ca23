/*
 * container.c: the keys a container may set, from rules/containers.json.
 *
 * runc validates a container's sysctls before it starts
 * (libcontainer/configs/validate/validator.go sysctl()): the IPC keys
 * and fs.mqueue.* need a private IPC namespace, net.* a private network
 * namespace, kernel.domainname a private UTS namespace; any other key
 * fails the start.  Inside a network namespace, the kernel registers
 * some net.* tables for the initial namespace only, or shares one value
 * read-only (rules/keys.json "netns").  The kubelet admits a pod's
 * sysctls only from its safe set or the node's --allowed-unsafe-sysctls
 * list, which may name only keys it knows as namespaced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "conf.h"
#include "container.h"
#include "embedded.h"
#include "finding.h"
#include "keydb.h"
#include "unit.h"
#include "util.h"

#define CONTAINERS_FILE	"rules/containers.json"

struct facts {
	cJSON		*root;
	const cJSON	*runc;
	const cJSON	*kubelet;
	const cJSON	*kube;
};

static bool
load(struct facts *k)
{
	size_t	i;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < embedded_nfiles; i++)
		if (strcmp(embedded_files[i].name, CONTAINERS_FILE) == 0)
			k->root = cJSON_ParseWithLength(embedded_files[i].data,
			    embedded_files[i].len);
	if (k->root == NULL)
		return false;
	k->runc = cJSON_GetObjectItemCaseSensitive(k->root, "runc");
	k->kubelet = cJSON_GetObjectItemCaseSensitive(k->root, "kubelet");
	k->kube = cJSON_GetObjectItemCaseSensitive(k->root, "kubernetes");
	return k->runc != NULL && k->kubelet != NULL && k->kube != NULL;
}

static const cJSON *
member(const cJSON *o, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(o, name);
}

static const char *
text(const cJSON *o, const char *name)
{
	const cJSON	*v = member(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Whether set (an object of "keys" and "prefixes") holds key. */
static bool
in_set(const cJSON *set, const char *key)
{
	const cJSON	*v;

	cJSON_ArrayForEach(v, member(set, "keys"))
		if (cJSON_IsString(v) && strcmp(v->valuestring, key) == 0)
			return true;
	cJSON_ArrayForEach(v, member(set, "prefixes"))
		if (cJSON_IsString(v) && strncmp(key, v->valuestring,
		    strlen(v->valuestring)) == 0)
			return true;
	return false;
}

const char *
container_pod_status(const char *dotted, const struct keydb_range *r,
    char *buf, size_t len)
{
	struct facts	 k;
	const cJSON	*v;
	const char	*why = NULL, *since = NULL, *kernel = NULL;

	if (!load(&k)) {
		cJSON_Delete(k.root);
		return NULL;
	}
	cJSON_ArrayForEach(v, member(k.runc, "refused"))
		if (text(v, "key") != NULL && strcmp(text(v, "key"), dotted) == 0)
			why = text(v, "why");
	if (why == NULL && in_set(member(k.runc, "net"), dotted) && r != NULL &&
	    (r->netns == NETNS_INIT || r->netns == NETNS_GLOBAL))
		why = r->netns == NETNS_INIT ? "the kernel has it in the "
		    "initial network namespace only" : "every network namespace "
		    "shares one value, read-only in a container's";
	if (why == NULL && !in_set(member(k.runc, "ipc"), dotted) &&
	    !in_set(member(k.runc, "net"), dotted) &&
	    !in_set(member(k.runc, "uts"), dotted))
		why = "no namespace isolates it";
	cJSON_ArrayForEach(v, member(k.kube, "safe"))
		if (text(v, "key") != NULL && strcmp(text(v, "key"), dotted) == 0) {
			since = text(v, "since");
			kernel = text(v, "kernel");
		}
	if (why != NULL)
		snprintf(buf, len, "cannot be set in a container or pod (%s)",
		    why);
	else if (!in_set(member(k.kubelet, "namespaced"), dotted))
		snprintf(buf, len, "a container may set it; a pod may not (the "
		    "kubelet knows no namespace for it)");
	else if (since != NULL)
		snprintf(buf, len, "safe in pods since Kubernetes %s%s%s%s",
		    since, kernel != NULL ? ", on kernels " : "",
		    kernel != NULL ? kernel : "", kernel != NULL ?
		    " and later" : "");
	else
		snprintf(buf, len, "a pod may set it only on nodes whose "
		    "kubelet allows it (--allowed-unsafe-sysctls)");
	cJSON_Delete(k.root);
	return buf;
}

static bool
parse_version(const char *s, unsigned *maj, unsigned *min)
{
	char	*end;
	unsigned long a, b;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	a = strtoul(s, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return false;
	b = strtoul(end + 1, &end, 10);
	if (*end != '\0' && *end != '.' && *end != '-')
		return false;
	if (a > 1000 || b > 1000)
		return false;
	*maj = (unsigned)a;
	*min = (unsigned)b;
	return true;
}

/* a < b: -1, equal: 0, a > b: 1, as X.Y versions. */
static int
version_cmp(const char *a, const char *b)
{
	unsigned	am = 0, an = 0, bm = 0, bn = 0;

	(void)parse_version(a, &am, &an);
	(void)parse_version(b, &bm, &bn);
	if (am != bm)
		return am < bm ? -1 : 1;
	return an < bn ? -1 : an > bn;
}

bool
container_version_ok(const char *version)
{
	unsigned	maj, min;
	const char	*p;

	for (p = version; *p != '\0'; p++)
		if ((*p < '0' || *p > '9') && *p != '.')
			return false;
	return parse_version(version, &maj, &min);
}

struct judge {
	const struct facts	*k;
	const struct unit	*u;
	struct findings		*fs;
	const struct source	*src;
	const struct conf_entry	*ent;
	int			 line;
	const char		*kubernetes;
};

static void
report(const struct judge *j, enum builtin b, const struct msg_arg *a,
    size_t n)
{
	struct finding	*f = findings_builtin(j->fs, b, j->src, j->ent->key,
			    a, n);

	if (f != NULL) {
		finding_set_key(f, j->ent->dotted);
		finding_set_value(f, j->src->data + j->ent->value.off,
		    j->ent->value.len);
	}
}

/* Why the key cannot be set in the unit's container, or NULL. */
static const char *
refusal(const struct judge *j, char *buf, size_t len)
{
	const char		*key = j->ent->dotted, *why;
	const cJSON		*v;
	const struct keydb_key	*kk;
	const struct keydb_range *r;
	bool			 pod = j->u->runtime == UNIT_POD;

	cJSON_ArrayForEach(v, member(j->k->runc, "refused"))
		if ((why = text(v, "key")) != NULL && strcmp(why, key) == 0)
			return text(v, "why");
	if (in_set(member(j->k->runc, "ipc"), key)) {
		if (j->u->host_ipc)
			return pod ? "the pod shares the host's IPC namespace "
			    "(hostIPC: true)" : "the service shares the host's "
			    "IPC namespace (ipc: host), where runc refuses it";
	} else if (in_set(member(j->k->runc, "net"), key)) {
		if (j->u->host_net)
			return pod ? "the pod uses the host's network namespace "
			    "(hostNetwork: true)" : "the service uses the "
			    "host's network namespace (network_mode: host), "
			    "where runc refuses it";
		kk = keydb_lookup_hashed(j->ent->path, j->ent->hash);
		if (kk->nranges == 0)
			return NULL;
		r = keydb_range(kk, j->line >= 0 ? (size_t)j->line :
		    kk->ranges[kk->nranges - 1].to);
		if (r == NULL)
			return NULL;
		snprintf(buf, len, "on Linux %s %s (%s)",
		    keydb_lines[j->line >= 0 ? (size_t)j->line : r->to],
		    r->netns == NETNS_INIT ? "the kernel has it in the initial "
		    "network namespace only, not in a container's" : "one "
		    "value is shared by every network namespace, read-only in "
		    "a container's", r->src != NULL ? r->src : kk->src);
		if (r->netns == NETNS_INIT || r->netns == NETNS_GLOBAL)
			return buf;
	} else if (!in_set(member(j->k->runc, "uts"), key))
		return "no namespace isolates it, and runc refuses keys outside "
		    "the IPC, network and UTS namespaces";
	if (pod && !in_set(member(j->k->kubelet, "namespaced"), key))
		return "the kubelet knows no namespace for it, so no node may "
		    "allow it";
	return NULL;
}

static void
check_safe(const struct judge *j, const char *target)
{
	const cJSON	*v;
	const char	*since, *kernel;
	struct msg_arg	 a[3];

	a[0].name = "key";
	a[0].value = j->ent->dotted;
	a[1].name = "kubernetes";
	a[1].value = target;
	cJSON_ArrayForEach(v, member(j->k->kube, "safe")) {
		if (text(v, "key") == NULL || strcmp(text(v, "key"),
		    j->ent->dotted) != 0)
			continue;
		since = text(v, "since");
		kernel = text(v, "kernel");
		if (since != NULL && version_cmp(target, since) < 0) {
			a[2].name = "since";
			a[2].value = since;
			report(j, BI_SAFE_SYSCTL_TOO_NEW, a, 3);
		} else if (kernel != NULL && j->line >= 0 &&
		    version_cmp(keydb_lines[j->line], kernel) < 0) {
			a[2].name = "why";
			a[2].value = "; the kubelet counts it safe only on "
			    "kernels it exists on, and this one is older";
			report(j, BI_UNSAFE_POD_SYSCTL, a, 3);
		}
		return;
	}
	a[2].name = "why";
	a[2].value = "";
	report(j, BI_UNSAFE_POD_SYSCTL, a, 3);
}

void
container_check(const struct unit *u, struct findings *fs, int line,
    const char *kubernetes)
{
	struct facts	 k;
	struct judge	 j;
	struct msg_arg	 a[3];
	const char	*why, *target;
	char		 buf[256];
	size_t		 i, e;

	if (u->runtime == UNIT_HOST)
		return;
	if (!load(&k) || (target = kubernetes != NULL ? kubernetes :
	    text(k.kube, "newest")) == NULL) {
		cJSON_Delete(k.root);
		return;
	}
	j.k = &k;
	j.u = u;
	j.fs = fs;
	j.line = line;
	j.kubernetes = target;
	for (i = 0; i < u->n; i++) {
		const struct conf *c = u->files[i].conf;

		j.src = u->files[i].src;
		for (e = 0; c != NULL && e < c->n; e++) {
			j.ent = &c->entries[e];
			/* Keys the key checks reject are theirs alone. */
			if (j.ent->kind != CONF_ASSIGN || j.ent->key.len == 0 ||
			    !j.ent->printable || j.ent->glob ||
			    keydb_lookup_hashed(j.ent->path,
			    j.ent->hash) == NULL)
				continue;
			if ((why = refusal(&j, buf, sizeof(buf))) != NULL) {
				a[0].name = "key";
				a[0].value = j.ent->dotted;
				a[1].name = "where";
				a[1].value = u->runtime == UNIT_POD ? "a pod" :
				    "a container";
				a[2].name = "why";
				a[2].value = why;
				report(&j, BI_HOST_ONLY_KEY, a, 3);
			} else if (u->runtime == UNIT_POD)
				check_safe(&j, target);
		}
	}
	cJSON_Delete(k.root);
}
