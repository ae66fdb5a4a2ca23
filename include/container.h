/*
 * container.h: what a container runtime and the kubelet let a pod or a
 * compose service set (rules/containers.json, with the key database's
 * network-namespace facts).
 *
 * A key no namespace isolates cannot be set in a container: runc
 * refuses it, and the kubelet refuses a pod that asks for one.  A
 * namespaced key outside the kubelet's safe set starts only on nodes
 * whose kubelet allows it (--allowed-unsafe-sysctls).
 *
 * Ownership: nothing is kept; findings go to the sink.
 */
#ifndef SYSCTL_LINT_CONTAINER_H
#define SYSCTL_LINT_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>

struct findings;
struct keydb_range;
struct unit;

/*
 * What a pod may do with the key (dotted) whose newest line is r, in
 * words for --explain: refused in containers, safe since a release, or
 * allowed per node.  Written into buf; NULL when the facts are missing.
 */
const char	*container_pod_status(const char *dotted,
		    const struct keydb_range *r, char *buf, size_t len);

/* Whether version is a Kubernetes release "X.Y" (digits). */
bool	container_version_ok(const char *version);
/*
 * Judges the keys of a pod or container unit for the kernel line (or
 * -1) and the Kubernetes release (NULL: the newest known); a host unit
 * is left alone.
 */
void	container_check(const struct unit *, struct findings *, int line,
	    const char *kubernetes);

#endif
