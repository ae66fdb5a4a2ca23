/*
 * kube.h: Kubernetes manifests: the sysctls of each pod spec in their
 * objects (Pod, the workload kinds' templates, CronJob's job
 * template), one scope a pod.
 *
 * Ownership: scopes and findings go to the reader_out.
 */
#ifndef SYSCTL_LINT_KUBE_H
#define SYSCTL_LINT_KUBE_H

#include <stdbool.h>

struct reader_out;
struct ydoc;

/* Whether the document is one this reader reads. */
bool	kube_is_doc(const struct ydoc *);
void	kube_read_doc(const struct ydoc *, struct reader_out *);

#endif
