/*
 * version.h: the release, as --version, JSON and SARIF report it.
 */
#ifndef SYSCTL_LINT_VERSION_H
#define SYSCTL_LINT_VERSION_H

#define SYSCTL_LINT_VERSION	"0.1.0"

#endif
