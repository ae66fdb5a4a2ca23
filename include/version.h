/*
 * version.h: the release, as --version, JSON and SARIF report it.
 */
#ifndef SYSCTL_LINT_VERSION_H
#define SYSCTL_LINT_VERSION_H

#define SYSCTL_LINT_VERSION	"0.1.0"
/* Where the project lives; SARIF viewers link rules from here. */
#define SYSCTL_LINT_URL		"https://github.com/sysctl-lint/sysctl-lint"

#endif
