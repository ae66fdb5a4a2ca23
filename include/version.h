/*
 * version.h: the release, as --version, JSON and SARIF report it.
 */
#ifndef SYSCTL_LINT_VERSION_H
#define SYSCTL_LINT_VERSION_H

#define SYSCTL_LINT_VERSION	"0.1.0"
/*
 * Where the project lives: SARIF's informationUri and every rule's
 * helpUri.  debian/control, debian/copyright and README.md name the same
 * home; tests/sarif.sh checks they agree.
 */
#define SYSCTL_LINT_URL		"https://github.com/sysctl-lint/sysctl-lint"
/* rules.md as tagged for this release (tags are vX.Y.Z). */
#define SYSCTL_LINT_RULES_URL	SYSCTL_LINT_URL "/blob/v" SYSCTL_LINT_VERSION \
				"/rules.md"

#endif
