#!/bin/sh
# Command-line behaviour: exit statuses, tool errors naming their cause,
# standard input, directory units, hostile files (huge lines, NUL bytes,
# FIFOs, link loops).  Inputs that cannot live in git are made here.
# Usage: tests/cli.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"

printf '# tuning\nkernel.sysrq = 1\nvm.swappiness=10\n' >"$t/clean.conf"
printf 'net.ipv4.tcp_fin_timeout = 30 # half\n' >"$t/warn.conf"
printf 'kernel.sysrq = 1\nkernel.sysrq = 1\n' >"$t/note.conf"

lint 0 clean --color=never "$t/clean.conf"
out_has clean "no findings in 1 file (1 unit)"
err_empty clean
lint 1 warning "$t/warn.conf"
out_has warning "warn.conf:1:31: warning:"
lint 0 fail-level-error --fail-level=error "$t/warn.conf"
lint 0 fail-level-none --fail-level none "$t/warn.conf"
lint 0 note-below-default "$t/note.conf"
lint 1 fail-level-note --fail-level=note "$t/note.conf"
lint 0 severity-filter --severity=error "$t/warn.conf"
out_has severity-filter "no findings"
lint 0 quiet -q "$t/clean.conf"
if [ -s "$t/out" ]; then bad "quiet: output not empty"; else ok; fi

# Tool errors: exit 2 and a message naming the cause; they win over
# findings in other inputs.
lint 2 missing "$t/nope.conf"
err_has missing "cannot open '$t/nope.conf': No such file or directory"
lint 2 missing-wins "$t/warn.conf" "$t/nope.conf"
out_has missing-wins "warn.conf:1:31"
out_has missing-wins "^1 tool error (the run is incomplete); 1 warning, 1 note in 1 file (2 units)"
lint 2 missing-summary "$t/nope.conf"
out_has missing-summary "^1 tool error (the run is incomplete) in 0 files"
out_lacks missing-summary "no findings"
# Every format carries the tool errors: no report reads as a clean run.
lint 2 missing-json -f json "$t/nope.conf"
out_has missing-json '"path": "'"$t"'/nope.conf"'
out_has missing-json '"message": "cannot open '"'$t/nope.conf'"
lint 2 missing-github -f github "$t/nope.conf"
out_has missing-github "^::error file=$t/nope.conf,title=sysctl-lint tool error::cannot open"
lint 2 missing-gitlab -f gitlab "$t/nope.conf"
out_has missing-gitlab '"severity": "blocker"'
lint 2 missing-sarif -f sarif "$t/nope.conf"
out_has missing-sarif '"executionSuccessful": false'
out_has missing-sarif '"toolExecutionNotifications"'
out_has missing-sarif '"uri": "file://'"$t"'/nope.conf"'
mkdir "$t/empty-tree"
lint 2 nothing-json -f json "$t/empty-tree"
out_has nothing-json '"path": "'"$t"'/empty-tree"'
lint 2 bad-option --bogus "$t/clean.conf"
err_has bad-option "unknown option '--bogus'"
lint 2 bad-format --format=xml "$t/clean.conf"
err_has bad-format "unknown format 'xml'"
lint 2 bad-fail-level --fail-level=fatal "$t/clean.conf"
err_has bad-fail-level "unknown fail level 'fatal' (use note,"
lint 2 fail-level-typo --fail-level=warnig "$t/clean.conf"
err_has fail-level-typo "unknown fail level 'warnig': did you mean 'warning'?"
lint 2 format-typo -f jsno "$t/clean.conf"
err_has format-typo "unknown format 'jsno': did you mean 'json'?"
lint 2 output-format-typo -o "sarf:$t/x.sarif" "$t/clean.conf"
err_has output-format-typo "unknown format in 'sarf:$t/x.sarif': did you mean 'sarif'?"
# Format names are read in any case.
lint 1 format-case -f SARIF "$t/warn.conf"
out_has format-case '"version": "2.1.0"'
lint 1 output-format-case -o "JSON:$t/case.json" "$t/warn.conf"
if grep -q '"rule": "SL1003"' "$t/case.json"; then ok; else bad "output-format-case: report"; fi
lint 0 list-rules-case --list-rules -f Json
out_has list-rules-case '"id": "SL1003"'
lint 0 print-effective-case --print-effective -f TEXT "$t/clean.conf"
lint 2 missing-arg "$t/clean.conf" --format
err_has missing-arg "option '--format' needs FORMAT"
lint 2 no-input
err_has no-input "no input"
lint 2 bad-disable --disable=SL9999 "$t/clean.conf"
err_has bad-disable "'SL9999' names no rule"
ln -s loop "$t/loop" && ln -s "$t/loop" "$t/loop2" 2>/dev/null
ln -sf "$t/loop" "$t/loop"
lint 2 link-loop "$t/loop"
err_has link-loop "cannot open '$t/loop'"

# Standard input, named by --stdin-filename.
timeout 20 "$bin" --stdin-filename=etc/sysctl.d/x.conf - <"$t/warn.conf" >"$t/out" 2>"$t/err"
if [ $? -eq 1 ]; then ok; else bad "stdin: exit status"; fi
out_has stdin "^etc/sysctl.d/x.conf:1:31: warning"
timeout 20 "$bin" - <"$t/warn.conf" >"$t/out" 2>"$t/err"
out_has stdin-default "^<stdin>:1:31"

# --help comes from the options table: every option it lists parses.
lint 0 help --help
out_has help "usage: sysctl-lint"
for o in $(grep -o -e '--[a-z-]*' "$t/out" | sort -u); do
	# In $t: options that write files (--write-baseline=x) write there.
	(cd "$t" && timeout 20 "$bin" "$o=x" "$t/clean.conf" >/dev/null \
	    2>"$t/err2" </dev/null)
	if grep -q "unknown option" "$t/err2"; then bad "help lists $o, parser rejects it"; else ok; fi
done
lint 0 version --version
out_has version '^sysctl-lint [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*$'
out_has version '^key database: Linux 4\.14 .* 6\.18$'

# The catalogue drives --list-rules and --explain.
lint 0 list-rules --list-rules
out_has list-rules "^SL1002 *multiple-assignments *error"
lint 0 list-rules-json --list-rules --format json
out_has list-rules-json '"id": "SL2001"'
lint 0 explain --explain multiple-assignments
out_has explain "^SL1002 multiple-assignments (error)"
out_has explain "first"
lint 2 explain-unknown --explain SL0000
err_has explain-unknown "no rule or known key 'SL0000'"
# --explain KEY: the key database's facts; a near miss names the key.
lint 0 explain-key --explain net.core.somaxconn
out_has explain-key "^  5.4-6.18: int >= 0 default 4096 mode 0644"
out_has explain-key "namespace: per-netns"
out_has explain-key "rule: SL4006 somaxconn-lowered"
out_has explain-key 'docs: Documentation/networking/ip-sysctl.rst, "somaxconn"'
lint 0 explain-key-path --explain net/core/somaxconn
out_has explain-key-path "^net.core.somaxconn$"
lint 0 explain-glob --explain 'net.ipv4.tcp_*'
out_has explain-glob "^net.ipv4.tcp_syncookies$"
lint 0 explain-prefix --explain net.core.
out_has explain-prefix "^net.core.rmem_max$"
out_lacks explain-prefix "^net.ipv4"
lint 0 explain-key-json --explain net.core.somaxconn --format json
out_has explain-key-json '"how": "applies"'
lint 2 explain-typo --explain net.core.somaxcon
err_has explain-typo "did you mean 'net.core.somaxconn'"
lint 2 explain-glob-none --explain 'net.nothing.*'
err_has explain-glob-none "no known key matches 'net.nothing.\*'"
lint 0 explain-removed --explain net.ipv4.tcp_tw_recycle
out_has explain-removed "removed in 4.12"
lint 0 disable --disable=trailing-comment "$t/warn.conf"
lint 1 disable-all-enable-one --disable all --enable SL1003 "$t/warn.conf"
lint 0 color-never --color=never "$t/warn.conf" --fail-level=none
if grep -q "$(printf '\033')" "$t/out"; then bad "color-never: escapes"; else ok; fi
lint 0 color-always --color=always "$t/warn.conf" --fail-level=none
if grep -q "$(printf '\033')" "$t/out"; then ok; else bad "color-always: no escapes"; fi
# FORCE_COLOR colours where no terminal is; NO_COLOR and --color=never win.
FORCE_COLOR=1 timeout 20 "$bin" --fail-level=none "$t/warn.conf" >"$t/out" 2>&1
if grep -q "$(printf '\033')" "$t/out"; then ok; else bad "force-color: no escapes"; fi
FORCE_COLOR=0 timeout 20 "$bin" --fail-level=none "$t/warn.conf" >"$t/out" 2>&1
if grep -q "$(printf '\033')" "$t/out"; then bad "force-color-0: escapes"; else ok; fi
FORCE_COLOR= timeout 20 "$bin" --fail-level=none "$t/warn.conf" >"$t/out" 2>&1
if grep -q "$(printf '\033')" "$t/out"; then bad "force-color-empty: escapes"; else ok; fi
FORCE_COLOR=1 NO_COLOR=1 timeout 20 "$bin" --fail-level=none "$t/warn.conf" >"$t/out" 2>&1
if grep -q "$(printf '\033')" "$t/out"; then bad "force-color-no-color: escapes"; else ok; fi
FORCE_COLOR=1 timeout 20 "$bin" --color=never --fail-level=none "$t/warn.conf" >"$t/out" 2>&1
if grep -q "$(printf '\033')" "$t/out"; then bad "force-color-never: escapes"; else ok; fi

# A directory is one unit: its *.conf files in name order; other names,
# hidden files, FIFOs, dangling links and /dev/null links are not read.
d=$t/sysctl.d
mkdir "$d"
printf 'vm.swappiness = 10\n' >"$d/10-a.conf"
printf 'vm.swappiness = 60\n' >"$d/9-b.conf"
printf 'not a sysctl file\n' >"$d/README"
printf 'garbage\n' >"$d/.hidden.conf"
mkfifo "$d/20-fifo.conf"
ln -s /dev/null "$d/30-masked.conf"
ln -s "$d/nowhere" "$d/40-dangling.conf"
lint 1 directory --format json "$d"
out_has directory '"units": 1'
out_has directory '"files": 2'
out_has directory "\"message\": \"'vm.swappiness' = '10' here is replaced by '60' from a later file of the same directory\""
out_has directory "\"file\": \"$d/10-a.conf\""
out_has directory "\"message\": \"not read: it is not a regular file\""
out_has directory "masks the name"
out_has directory "No such file or directory"
out_lacks directory "hidden"
out_lacks directory "README"
# A FIFO named on the command line without a writer reads as empty.
mkfifo "$t/pipe.conf"
lint 0 fifo-argument "$t/pipe.conf"

# Hostile input: a line past systemd's 1 MiB limit, a long value, NUL
# bytes, a binary file.  Each is a finding, never a crash or a hang.
awk 'BEGIN { printf "kernel.domainname = "; for (i = 0; i < 1100000; i++) printf "a"; printf "\nvm.swappiness = 1\n" }' >"$t/long.conf"
lint 1 long-line --format json "$t/long.conf"
out_has long-line '"name": "line-too-long"'
out_has long-line '"name": "value-too-long"'
{ i=0; while [ $i -lt 400 ]; do printf 'kernel.sysrq = 1 # padding padding\n'; i=$((i + 1)); done
  printf 'vm.swappiness = 1\000junk\n'; } >"$t/nul.conf"
lint 1 nul-byte --format json --disable=trailing-comment,repeated-assignment "$t/nul.conf"
out_has nul-byte '"name": "nul-byte"'
out_has nul-byte '"line": 401'
out_has nul-byte '"column": 18'
head -c 3000 /dev/urandom >"$t/bin.conf"
printf '\000\001\002' >>"$t/bin.conf"
lint 1 binary --format json "$t/bin.conf"
out_has binary '"name": "binary-file"'
lint 0 empty-file /dev/null

# Snapshots: sysctl -a output and a copied /proc/sys; the kernel line
# comes from kernel.osrelease, and nothing in them is an error.
printf 'kernel.osrelease = 6.1.0-26-amd64\nnet.ipv4.tcp_rmem = 4096\t131072\t6291456\nnet.ipv4.ip_local_reserved_ports = \nsysctl: permission denied on key "net.ipv4.tcp_fastopen_key"\nnet.ipv4.conf.eth0/100.rp_filter = 2\n' >"$t/snap.txt"
lint 0 snapshot-file --format json --snapshot "$t/snap.txt"
out_has snapshot-file '"kernel": "6.1"'
out_has snapshot-file '"name": "snapshot-line"'
out_lacks snapshot-file '"severity": "error"'
mkdir -p "$t/proc/kernel" "$t/proc/net/ipv4/conf/eth0.100"
printf '5.10.0-30-amd64\n' >"$t/proc/kernel/osrelease"
printf '2\n' >"$t/proc/net/ipv4/conf/eth0.100/rp_filter"
printf '4096\t131072\t6291456\n' >"$t/proc/net/ipv4/tcp_rmem"
lint 0 snapshot-dir --format json --snapshot "$t/proc"
out_has snapshot-dir '"kernel": "5.10"'
out_has snapshot-dir '"files": 3'
out_lacks snapshot-dir '"severity": "error"'
lint 2 bad-kernel --kernel=six "$t/clean.conf"
err_has bad-kernel "cannot read kernel version 'six'"
lint 0 kernel-line --kernel 6.3.9 --format json "$t/clean.conf"
out_has kernel-line '"kernel": "6.1"'

# Rule files: a policy adds rules; a broken one is a tool error that
# names the file, the rule and the position.
printf '{"rules": [{"id": "P-1", "name": "p-one", "severity": "error", "summary": "s", "message": "m", "explanation": "e", "keys": ["vm.swappiness"], "when": "value >> 3"}]}' >"$t/bad-when.json"
lint 2 bad-rule-condition --rules "$t/bad-when.json" "$t/clean.conf"
err_has bad-rule-condition "$t/bad-when.json: rule 'P-1': when:1:7: unexpected text after the condition"
printf '{"rules": [{"id": "P-2", "name": "p-two", "severity": "error", "summary": "s", "message": "m", "explanation": "e", "keys": [{"regex": "vm\\\\.(swap"}], "when": "true"}]}' >"$t/bad-re.json"
lint 2 bad-rule-regex --rules "$t/bad-re.json" "$t/clean.conf"
err_has bad-rule-regex "$t/bad-re.json: rule 'P-2': regex:1:"
printf '{"rules": [{"id": "P-3", "name": "p-three", "severity": "error", "summary": "s", "message": "m", "explanation": "e"}]}' >"$t/no-when.json"
lint 2 rule-without-condition --rules "$t/no-when.json" "$t/clean.conf"
err_has rule-without-condition "rule 'P-3' has no 'when' condition"
printf '{"rules": [\n  {"id": "P-4",\n' >"$t/bad-json.json"
lint 2 rule-bad-json --rules "$t/bad-json.json" "$t/clean.conf"
err_has rule-bad-json "bad-json.json:2:16: invalid JSON"
lint 2 rule-missing --rules "$t/none.json" "$t/clean.conf"
err_has rule-missing "cannot open '$t/none.json'"
# A security rule says how grave it is for code scanning, as a CVSS-like
# score string; only security rules may.
for sev in '' '"security-severity": "11.0", ' '"security-severity": 7, ' '"security-severity": "7", '; do
	printf '{"rules": [{"id": "P-5", "name": "p-five", "severity": "warning", "tags": ["security"], %s"summary": "s", "message": "m", "explanation": "e", "keys": ["vm.swappiness"], "when": "true"}]}' "$sev" >"$t/sec.json"
	lint 2 security-severity-bad --rules "$t/sec.json" "$t/clean.conf"
	err_has security-severity-bad "rule 'P-5': 'security-severity'"
done
printf '{"rules": [{"id": "P-6", "name": "p-six", "severity": "warning", "security-severity": "1.0", "summary": "s", "message": "m", "explanation": "e", "keys": ["vm.swappiness"], "when": "true"}]}' >"$t/sec.json"
lint 2 security-severity-untagged --rules "$t/sec.json" "$t/clean.conf"
err_has security-severity-untagged "'security-severity' and the 'security' tag go together"
printf '{"rules": [{"id": "P-7", "name": "p-seven", "severity": "note", "tags": ["security"], "security-severity": "10.0", "summary": "s", "message": "m", "explanation": "e", "keys": ["vm.swappiness"], "when": "false"}]}' >"$t/sec.json"
lint 0 security-severity-ok --rules "$t/sec.json" "$t/clean.conf"
# Tags select rules: the hardening profile is opt-in for plain files and
# on for audits unless turned off.
printf 'kernel.kptr_restrict = 0\n' >"$t/kptr.conf"
lint 0 hardening-off "$t/kptr.conf"
lint 1 hardening-enabled --enable=hardening "$t/kptr.conf"
out_has hardening-enabled 'KSPP recommended settings'
printf 'kernel.kptr_restrict = 0\n' >"$t/kptr.snap"
lint 1 hardening-audit --snapshot "$t/kptr.snap"
out_has hardening-audit 'SL6101'
lint 0 hardening-audit-off --disable=hardening --snapshot "$t/kptr.snap"
printf '{"rules": [{"id": "SL4001", "name": "dup", "severity": "error", "summary": "s", "message": "m", "explanation": "e", "keys": ["a.b"], "when": "true"}]}' >"$t/dup.json"
lint 2 rule-duplicate-id --rules "$t/dup.json" "$t/clean.conf"
err_has rule-duplicate-id "already defined"
# Opt-in rules stay off until enabled.
printf 'net.core.netdev_max_backlog = 5000\n' >"$t/container.conf"
lint 0 opt-in-off --format json "$t/container.conf"
out_lacks opt-in-off "container-netns-key"
lint 0 opt-in-on --format json --enable container-netns-key "$t/container.conf"
out_has opt-in-on '"name": "container-netns-key"'

# A baseline hides accepted findings by rule, file, key and occurrence,
# so moving lines keeps them hidden; new findings still show.
mkdir -p "$t/bl"
printf 'net.ipv4.tcp_syncookies = 0\nvm.swappiness = 10 # old\n' >"$t/bl/a.conf"
(cd "$t/bl" && timeout 20 "$bin" --write-baseline base.json a.conf >/dev/null 2>&1)
# Recording findings is what the run was for: it succeeds.
if [ $? -eq 0 ]; then ok; else bad "write-baseline: exit status"; fi
lint 2 write-baseline-tool-error --write-baseline "$t/bl/b.json" "$t/bl/a.conf" "$t/nope.conf"
if [ -e "$t/bl/b.json" ]; then bad "write-baseline-tool-error: written"; else ok; fi
printf '# moved\n\nnet.ipv4.tcp_syncookies = 0\nvm.swappiness = 10 # old\nkernel.sysrq = 1 # new\n' >"$t/bl/a.conf"
(cd "$t/bl" && timeout 20 "$bin" --baseline base.json a.conf >"$t/out" 2>"$t/err")
if [ $? -eq 1 ]; then ok; else bad "baseline: exit status"; fi
out_has baseline "^a.conf:5:18: warning: '# new'"
out_has baseline "in 1 file (1 unit); 2 hidden by the baseline$"
(cd "$t/bl" && timeout 20 "$bin" -f json --baseline base.json a.conf >"$t/out" 2>"$t/err")
out_has baseline-json '"baselined": 2'
out_lacks baseline "syncookies"
out_lacks baseline "# old"
lint 2 baseline-missing --baseline "$t/none.json" "$t/clean.conf"
err_has baseline-missing "cannot open '$t/none.json'"
printf '[1, 2]' >"$t/notbl.json"
lint 2 baseline-invalid --baseline "$t/notbl.json" "$t/clean.conf"
err_has baseline-invalid "is not a sysctl-lint baseline"
# -o writes more reports from the same run.
lint 1 outputs -o "sarif:$t/r.sarif" -o "gitlab:$t/gl.json" -f github "$t/warn.conf"
out_has outputs "^::warning file="
if grep -q '"ruleId": "SL1003"' "$t/r.sarif" && grep -q '"check_name": "SL1003' "$t/gl.json"; then ok; else bad "outputs: reports"; fi
lint 2 output-bad-format -o "xml:$t/x" "$t/warn.conf"
err_has output-bad-format "unknown format in 'xml:"
lint 2 output-unwritable -o "json:$t/nodir/x.json" "$t/warn.conf"
err_has output-unwritable "cannot write '$t/nodir/x.json'"

# .sysctl-lintrc: found from the working directory upwards, not past a
# .git; the command line wins; errors name the file and line.
mkdir -p "$t/proj/.git" "$t/proj/etc/sysctl.d"
printf 'disable = SL1003\n' >"$t/.sysctl-lintrc"
printf '# team settings\nfail-level = error\nset-severity = SL4023=error\n' >"$t/proj/.sysctl-lintrc"
printf 'net.ipv4.tcp_syncookies = 0\nvm.swappiness = 10 # x\n' >"$t/proj/etc/sysctl.d/a.conf"
top=$(pwd)
cd "$t/proj/etc" || exit 2
lint 1 config --format json sysctl.d/a.conf
out_has config '"rule": "SL4023"'
out_has config '"severity": "error"'
out_has config '"rule": "SL1003"'
lint 0 config-cli-wins --fail-level=none sysctl.d/a.conf
lint 1 no-config --format json --no-config sysctl.d/a.conf
out_lacks no-config '"severity": "error"'
printf 'warning-level = 3\n' >"$t/bad.rc"
lint 2 config-bad --config "$t/bad.rc" "$t/clean.conf"
err_has config-bad "$t/bad.rc:1: unknown key 'warning-level' (keys: enable, disable,"
printf 'diable = SL1003\n' >"$t/typo.rc"
lint 2 config-typo --config "$t/typo.rc" "$t/clean.conf"
err_has config-typo "$t/typo.rc:1: unknown key 'diable': did you mean 'disable'?"
printf 'Fail-Levle = none\n' >"$t/typo.rc"
lint 2 config-typo-case --config "$t/typo.rc" "$t/clean.conf"
err_has config-typo-case "unknown key 'Fail-Levle': did you mean 'fail-level'?"
printf 'disable = all\nenable = SL1003\n' >"$t/only.rc"
lint 1 config-order --format json --config "$t/only.rc" sysctl.d/a.conf
out_lacks config-order '"rule": "SL4023"'
out_has config-order '"rule": "SL1003"'
cd "$top" || exit 2

# Many PATHs in one call: each is judged (and freed) on its own; what
# one leaves must not depend on the others around it.
printf '# sysctl-lint: disable=SL1003\nnet.ipv4.tcp_fin_timeout = 30 # x\n' \
    >"$t/silenced.conf"
printf '# sysctl-lint: disable=SL1003\nkernel.sysrq = 1\n' >"$t/unused.conf"
lint 1 many-paths --no-config "$t/clean.conf" "$t/warn.conf" \
    "$t/clean.conf" "$t/silenced.conf" "$t/unused.conf" "$t/note.conf"
out_has many-paths "^1 warning, 4 notes in 6 files (6 units)$"
out_has many-paths "^$t/warn.conf:1:31: warning: .*SL1003"
out_has many-paths "^$t/unused.conf:1:24: note: .*SL9002"
out_has many-paths "^$t/note.conf:2:1: note: .*SL2002"
out_lacks many-paths "silenced.conf.*SL1003"
lint 0 many-paths-effective --print-effective "$t/clean.conf" "$t/note.conf"
out_has many-paths-effective "^vm.swappiness = 10  # $t/clean.conf:3"
out_has many-paths-effective "^kernel.sysrq = 1  # $t/note.conf:2"
# The same as JSON (effective.schema.json): per unit, key, value and place.
printf -- '-kernel.sysrq = 1\n-net.ipv4.conf.*.rp_filter\n' >"$t/ex.conf"
lint 0 effective-json --print-effective -f json "$t/clean.conf" "$t/ex.conf"
out_has effective-json '"unit": "'"$t"'/clean.conf"'
out_has effective-json '"key": "vm.swappiness"'
out_has effective-json '"value": "10"'
out_has effective-json '"line": 3'
out_has effective-json '"key": "net.ipv4.conf.\*.rp_filter"'
out_has effective-json '"value": null'
out_has effective-json '"ignore_failure": true'
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if len(d["units"]) == 2 and d["units"][0]["settings"][1]["file"].endswith("clean.conf") else 1)' "$t/out"; then ok; else bad "effective-json: structure"; fi
lint 2 effective-json-error --print-effective -f json "$t/clean.conf" "$t/nope.conf"
if [ -s "$t/out" ]; then bad "effective-json-error: output"; else ok; fi

# kernel = and loader = in .sysctl-lintrc: the project's target, used
# when no option and no audited input names one.
rc=$t/rc-kernel
mkdir "$rc"
printf 'vm.swappiness = 150\n' >"$rc/a.conf"
printf 'kernel = 4.14\n' >"$rc/.sysctl-lintrc"
(cd "$rc" && "$bin" a.conf >"$t/out" 2>&1)
out_has rc-kernel "error: 150 is outside 0..100, the range Linux 4.14 accepts"
out_has rc-kernel "kernel 4.14"
(cd "$rc" && "$bin" -k 6.1 a.conf >"$t/out" 2>&1)
out_lacks rc-kernel-option "SL3012"
printf 'kernel = 4.x\n' >"$rc/.sysctl-lintrc"
(cd "$rc" && "$bin" a.conf >"$t/out" 2>&1; echo "rc=$?" >>"$t/out")
out_has rc-kernel-bad "sysctl-lintrc:1: bad value for 'kernel'"
out_has rc-kernel-bad "rc=2"
printf 'loader = procps\n' >"$rc/.sysctl-lintrc"
(cd "$rc" && "$bin" a.conf >"$t/out" 2>&1; echo "rc=$?" >>"$t/out")
out_has rc-loader-no-root "rc=0"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
