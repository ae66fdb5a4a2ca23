#!/bin/sh
# Directories searched like a repository, exclusions from the project
# file, and files of one sysctl.d directory judged as their set.
# Usage: tests/discover.sh BINARY
. "$(dirname "$0")/lib.sh"

r=$t/repo
mkdir -p "$r/deploy/etc/sysctl.d" "$r/hosts/db" "$r/.git/hooks" \
    "$r/node_modules/pkg" "$r/vendor/x" "$r/old" "$r/docs/sysctl.d" \
    "$r/deep"
printf 'vm.swappiness = 10\n' >"$r/deploy/etc/sysctl.d/10-a.conf"
printf 'vm.swappiness = 60\nnet.ipv4.tcp_tw_recycle = 1\n' \
    >"$r/deploy/etc/sysctl.d/20-b.conf"
printf 'kernel.sysrq = 1\n' >"$r/deploy/etc/sysctl.d/30-c.conf"
printf 'net.ipv4.tcp_tw_recycle = 1\n' >"$r/hosts/db/sysctl.conf"
for d in .git/hooks node_modules/pkg vendor/x old; do
	printf 'net.ipv4.tcp_tw_recycle = 1\n' >"$r/$d/sysctl.conf"
done
printf 'not a set: no *.conf here\n' >"$r/docs/sysctl.d/README"
ln -s .. "$r/deep/loop"
cd "$r" || exit 2

# From the top: both places found, skipped trees not entered, paths
# relative to the working directory, a link to a directory not followed.
lint 1 repo-root .
out_has repo-root '^deploy/etc/sysctl.d/20-b.conf:2:1: error: .*\[SL3002\]'
out_has repo-root '^hosts/db/sysctl.conf:1:1: error: .*\[SL3002\]'
out_has repo-root '^old/sysctl.conf:1:1: error'
out_lacks repo-root 'node_modules'
out_lacks repo-root 'vendor/'
out_lacks repo-root '\.git/'
out_lacks repo-root 'loop'
out_has repo-root 'in 5 files (3 units)'
# One set per sysctl.d directory: its files disagree within it.
out_has repo-root "10-a.conf:1:1: warning: 'vm.swappiness' = '10' here is replaced by '60' from a later file of the same directory \[SL5005\]"

lint 1 repo-dir-arg "$r/"
out_has repo-dir-arg "^$r/hosts/db/sysctl.conf:1:1"

# exclude = in the project file, by name and by path.
printf 'exclude = old, hosts/*\n' >.sysctl-lintrc
lint 1 repo-exclude .
out_lacks repo-exclude '^old/'
out_lacks repo-exclude '^hosts/'
out_has repo-exclude '^deploy/etc/sysctl.d/20-b.conf'
rm .sysctl-lintrc

# Nothing to lint is a tool error, never a green run.
mkdir "$t/empty"
lint 2 empty-dir "$t/empty"
err_has empty-dir "found nothing to lint in '$t/empty'"
printf 'exclude = *\n' >.sysctl-lintrc
lint 2 all-excluded .
err_has all-excluded "found nothing to lint in '.'"
rm .sysctl-lintrc
# A directory with *.conf at its top is one set, read as it is.
lint 1 set-dir deploy/etc/sysctl.d
out_has set-dir 'in 3 files (1 unit)'

# Files named together from one sysctl.d directory: one set, with the
# directory's other files read for context; what is wrong in a file not
# named stays unreported unless it concerns a named one.
lint 1 pre-commit-pair deploy/etc/sysctl.d/10-a.conf \
    deploy/etc/sysctl.d/30-c.conf
out_has pre-commit-pair "10-a.conf:1:1: warning: .*\[SL5005\]"
out_has pre-commit-pair '20-b.conf:1:1: note: the assignment that wins'
out_lacks pre-commit-pair 'SL3002'
out_has pre-commit-pair '(1 unit)'
lint 1 pre-commit-one deploy/etc/sysctl.d/20-b.conf
out_has pre-commit-one "10-a.conf:1:1: warning: .*\[SL5005\]"
out_has pre-commit-one '20-b.conf:2:1: error: .*\[SL3002\]'
lint 0 pre-commit-clean deploy/etc/sysctl.d/30-c.conf
out_lacks pre-commit-clean 'SL3002'
out_lacks pre-commit-clean 'SL5005'

# Across directories an override is the mechanism's purpose: a note.
mkdir -p img/etc/sysctl.d img/usr/lib/sysctl.d
printf 'vm.swappiness = 1\n' >img/usr/lib/sysctl.d/10-vendor.conf
printf 'vm.swappiness = 2\n' >img/usr/lib/sysctl.d/20-vendor.conf
printf 'vm.swappiness = 3\n' >img/etc/sysctl.d/90-local.conf
lint 0 image-layers --disable=hardening --root img
out_has image-layers "10-vendor.conf:1:1: note: .*\[SL5003\]"
out_has image-layers "20-vendor.conf:1:1: note: .*\[SL5003\]"
out_lacks image-layers 'SL5005'

# Other sources in a tree: tuned profiles by name, YAML that mentions
# sysctl and is a manifest, compose file or task list; not YAML that is
# none of these, nor YAML too large to be anyone's manifest.
mkdir -p other/tuned/fast other/k8s other/ci other/big
printf '[sysctl]\nvm.swappiness = 10\n' >other/tuned/fast/tuned.conf
printf 'services:\n  a:\n    sysctls:\n      kernel.panic: 1\n' \
    >other/compose.yaml
printf 'apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    sysctls:\n    - {name: vm.swappiness, value: "1"}\n' \
    >other/k8s/pod.yml
printf 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\n' \
    >other/k8s/svc.yaml
printf 'jobs:\n  test:\n    steps:\n    - run: sysctl -w vm.swappiness=1\n' \
    >other/ci/workflow.yml
{ printf '# sysctl\n'; head -c 1100000 /dev/zero | tr '\0' '#'; printf '\n- hosts: all\n'; } \
    >other/big/site.yml
lint 1 other-sources other
out_has other-sources "^other/compose.yaml:4:7: error: 'kernel.panic' cannot be set in a container"
out_has other-sources "^other/k8s/pod.yml:6:14: error: 'vm.swappiness' cannot be set in a pod"
out_has other-sources "in 3 files (3 units)"
out_lacks other-sources "workflow.yml"
out_lacks other-sources "svc.yaml"
out_lacks other-sources "site.yml"
lint 0 other-tuned other/tuned
out_has other-tuned "no findings in 1 file (1 unit)"

echo "discover: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
