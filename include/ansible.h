/*
 * ansible.h: Ansible playbooks and task files: the tasks of the sysctl module
 * (ansible.posix.sysctl), one scope a play or a task file.
 *
 * Ownership: scopes and findings go to the reader_out.
 */
#ifndef SYSCTL_LINT_ANSIBLE_H
#define SYSCTL_LINT_ANSIBLE_H

#include <stdbool.h>

struct reader_out;
struct ydoc;

/* Whether the document is one this reader reads. */
bool	ansible_is_doc(const struct ydoc *);
void	ansible_read_doc(const struct ydoc *, struct reader_out *);

#endif
