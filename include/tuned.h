/*
 * tuned.h: tuned profiles (tuned.conf): the options of the [sysctl]
 * section, or of any section of type sysctl, as one scope.
 *
 * Ownership: scopes and findings go to the reader_out.
 */
#ifndef SYSCTL_LINT_TUNED_H
#define SYSCTL_LINT_TUNED_H

struct reader_out;

void	tuned_read(struct reader_out *);

#endif
