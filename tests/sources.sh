#!/bin/sh
# Sources other than sysctl.d: the choice of a reader by --source, by
# name and by content; what a YAML file none of them places gives; the
# Kubernetes release a run judges for.  The findings themselves are the
# golden files' (fixtures/sources/).
# Usage: tests/sources.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"

pod='apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.tcp_keepalive_time
      value: "600"
'
printf '%s' "$pod" >"$t/pod.yaml"
printf 'name: not a manifest\nitems: [1, 2]\n' >"$t/other.yaml"
printf 'services:\n  a:\n    sysctls:\n      vm.swappiness: 10\n' >"$t/svc.yaml"

# A YAML file no reader places is a tool error that names it and the way
# out, never a clean run.
lint 2 unplaced "$t/other.yaml"
err_has unplaced "cannot tell what '$t/other.yaml' configures"
err_has unplaced "name its syntax with --source"
out_lacks unplaced "no findings"
# Named with --source, the same file is read, and holds nothing.
lint 0 unplaced-forced --source=kubernetes "$t/other.yaml"
out_has unplaced-forced "no findings in 1 file (1 unit)"

# Content: a manifest is read as one; a compose-shaped file of another
# name as compose, whose runtime refuses vm.*.
lint 0 pod-content "$t/pod.yaml"
out_has pod-content "no findings in 1 file (1 unit)"
lint 1 compose-content "$t/svc.yaml"
out_has compose-content "svc.yaml:4:7: error: 'vm.swappiness' cannot be set in a container"

# The release judged: 1.28 kubelets do not count keepalive safe.
lint 1 kubernetes-old --kubernetes=1.28 "$t/pod.yaml"
out_has kubernetes-old "only since Kubernetes 1.29: a 1.28 kubelet"
lint 0 kubernetes-new --kubernetes 1.30 "$t/pod.yaml"
mkdir "$t/proj"
printf 'kubernetes = 1.27\n' >"$t/proj/.sysctl-lintrc"
lint 1 kubernetes-rc --config "$t/proj/.sysctl-lintrc" "$t/pod.yaml"
out_has kubernetes-rc "a 1.27 kubelet"
lint 0 kubernetes-option-wins --config "$t/proj/.sysctl-lintrc" \
    --kubernetes 1.29 "$t/pod.yaml"
printf 'kubernetes = 1.x\n' >"$t/proj/bad-rc"
lint 2 kubernetes-rc-bad --config "$t/proj/bad-rc" "$t/pod.yaml"
err_has kubernetes-rc-bad "bad value for 'kubernetes'"
lint 2 kubernetes-bad --kubernetes=v1.29 "$t/pod.yaml"
err_has kubernetes-bad "cannot read Kubernetes release 'v1.29'"

# --source: a word of the list, for files and standard input.
lint 2 source-bad --source=k8s "$t/pod.yaml"
err_has source-bad "unknown source type 'k8s'"
printf '%s' "$pod" >"$t/stdin.yaml"
timeout 20 "$bin" --source kubernetes --kubernetes 1.28 - <"$t/stdin.yaml" \
    >"$t/out" 2>"$t/err"
if [ $? -eq 1 ] && grep -q "^<stdin>:8:13: warning:" "$t/out"; then ok; else
	bad "stdin --source: $(head -3 "$t/out")"; fi
# Without --source, standard input is named by --stdin-filename.
timeout 20 "$bin" --stdin-filename=compose.yaml - <"$t/svc.yaml" \
    >"$t/out" 2>"$t/err"
if [ $? -eq 1 ] && grep -q "^compose.yaml:4:7: error:" "$t/out"; then ok; else
	bad "stdin compose name: $(head -3 "$t/out")"; fi
# sysctl syntax on demand: a YAML file read as sysctl.d lines.
lint 1 source-sysctl --source=sysctl "$t/pod.yaml"
out_has source-sysctl "pod.yaml:1:1: error: line is not an assignment"

# A directory is a sysctl.d set: its YAML files are not read.
mkdir "$t/set"
printf 'kernel.sysrq = 1\n' >"$t/set/10-a.conf"
cp "$t/other.yaml" "$t/set/x.yaml"
lint 0 set-ignores-yaml "$t/set"

# Each pod is a unit of its own: the same key in two pods is no repeat.
{ printf '%s---\n' "$pod"; printf '%s' "$pod"; } >"$t/two.yaml"
lint 0 two-pods --kubernetes 1.30 "$t/two.yaml"
out_has two-pods "no findings in 1 file (2 units)"
lint 0 two-pods-effective --print-effective -f json "$t/two.yaml"
out_has two-pods-effective '"unit": "'"$t"'/two.yaml (Pod/p)"'

# tuned: by name only; a profile's sysctls judged.
mkdir "$t/prof"
printf '[main]\nsummary=x\n[sysctl]\nvm.swappiness = 201\n' >"$t/prof/tuned.conf"
lint 1 tuned-name --kernel 6.1 "$t/prof/tuned.conf"
out_has tuned-name "tuned.conf:4:17: error:"
cp "$t/prof/tuned.conf" "$t/prof/other.conf"
lint 1 tuned-other-name "$t/prof/other.conf"
out_has tuned-other-name "other.conf:1:1: error: line is not an assignment"
lint 1 tuned-forced --kernel 6.1 --source=tuned "$t/prof/other.conf"

echo "sources: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
