# sysctl-lint: plain make, C17.  `make run` and `make check` first make
# sure the Debian packages they need are installed (tools/deps.sh).

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
CC	?= cc
PKGS	 = libcjson libpcre2-8 yaml-0.1
B	?= build
# V=1 shows the compiler command lines.
Q	 = $(if $(filter 1,$(V)),,@)

CSTD	 = -std=c17
WARN	 = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
	   -Wmissing-prototypes -Wold-style-definition -Wwrite-strings \
	   -Wcast-qual -Wformat=2 -Wundef -Wvla -Wpointer-arith \
	   -Wimplicit-fallthrough -Wnull-dereference
CFLAGS	?= -O2 -g
ASAN_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=all
ifeq ($(WERROR),1)
WARN	+= -Werror
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# CPPFLAGS and LDFLAGS come from the environment, as a package build
# passes its hardening flags (dpkg-buildflags: fortify, bindnow).
ALL_CFLAGS = $(CSTD) $(WARN) $(CPPFLAGS) $(CFLAGS) -D_POSIX_C_SOURCE=200809L \
	     -D_DEFAULT_SOURCE -Iinclude $(PKG_CFLAGS) -MMD -MP
LDLIBS	 = $(PKG_LIBS)

SRCS	 = $(wildcard lint/*.c)
OBJS	 = $(SRCS:lint/%.c=$(B)/obj/%.o) $(B)/obj/embedded.o \
	   $(B)/obj/keydb_data.o
LIBOBJS	 = $(filter-out $(B)/obj/main.o,$(OBJS))
RULES	 = $(sort $(wildcard rules/catalog*.json))
# Data the binary reads at run time, besides the catalogue.
RUNDATA	 = rules/containers.json
KEYDB	?= rules/keys.json
FACTS	 = rules/key-facts.json
DOCS	 = rules/key-docs.json
COMPLETIONS = $(B)/completions/sysctl-lint.bash \
	      $(B)/completions/_sysctl-lint $(B)/completions/sysctl-lint.fish
UNITS	 = $(patsubst tests/%.c,$(B)/tests/%,$(wildcard tests/unit_*.c))

# Packages: to build, and in addition to run the test suite.
DEB_BUILD = gcc make pkg-config libcjson-dev libpcre2-dev libyaml-dev
DEB_CHECK = python3 python3-jsonschema python3-yaml mandoc pre-commit zsh fish

.PHONY: all run check deps deps-check test asan valgrind install install-strip \
	clean regen fuzz-syntax \
	keydb bench check-sarif

all: $(B)/sysctl-lint $(COMPLETIONS)

$(B)/sysctl-lint: $(OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(B)/obj/%.o: lint/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/gen/embedded.c: $(RULES) $(RUNDATA) $(B)/tools/embed
	@mkdir -p $(@D)
	$(B)/tools/embed $(RULES) $(RUNDATA) > $@.tmp && mv $@.tmp $@

$(B)/obj/embedded.o: $(B)/gen/embedded.c
	@echo "  CC      $@"
	$(Q)$(CC) $(CSTD) $(WARN) $(CPPFLAGS) $(CFLAGS) -Iinclude -c -o $@ $<

$(B)/gen/keydb_data.c: $(KEYDB) $(FACTS) $(DOCS) $(B)/tools/keydb-gen
	@mkdir -p $(@D)
	$(B)/tools/keydb-gen $(KEYDB) $(FACTS) $(DOCS) > $@.tmp && mv $@.tmp $@

$(B)/obj/keydb_data.o: $(B)/gen/keydb_data.c
	@echo "  CC      $@"
	$(Q)$(CC) $(CSTD) $(WARN) $(CPPFLAGS) $(CFLAGS) -Iinclude -c -o $@ $<

$(B)/tools/keydb-gen: tools/keydb-gen.c include/key.h
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CSTD) $(WARN) -O1 -D_POSIX_C_SOURCE=200809L -Iinclude \
	    $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

# The shell completions (and the README's option table, tests/optdoc.sh)
# come from the options table, through tools/optdoc.c.

$(B)/tools/optdoc: tools/optdoc.c $(LIBOBJS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

$(B)/completions/sysctl-lint.bash: $(B)/tools/optdoc
	@mkdir -p $(@D)
	$(Q)$(B)/tools/optdoc bash > $@.tmp && mv $@.tmp $@
$(B)/completions/_sysctl-lint: $(B)/tools/optdoc
	@mkdir -p $(@D)
	$(Q)$(B)/tools/optdoc zsh > $@.tmp && mv $@.tmp $@
$(B)/completions/sysctl-lint.fish: $(B)/tools/optdoc
	@mkdir -p $(@D)
	$(Q)$(B)/tools/optdoc fish > $@.tmp && mv $@.tmp $@

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CSTD) $(WARN) -O1 -o $@ $<

$(B)/tests/%: tests/%.c tests/check.h $(LIBOBJS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIBOBJS) $(LDLIBS)

deps:
	@sh tools/deps.sh $(DEB_BUILD)

deps-check:
	@sh tools/deps.sh $(DEB_BUILD) $(DEB_CHECK)

# Lint this machine's own configuration, as its boot applies it.
run: deps
	@$(MAKE) --no-print-directory all
	$(B)/sysctl-lint --root / --fail-level=none

check: deps-check
	@$(MAKE) --no-print-directory WERROR=1 all $(UNITS) fuzz-syntax
	@$(MAKE) --no-print-directory B=$(B)/asan WERROR=1 \
	    CFLAGS="$(ASAN_CFLAGS)" \
	    $(B)/asan/sysctl-lint $(UNITS:$(B)/%=$(B)/asan/%) \
	    $(COMPLETIONS:$(B)/%=$(B)/asan/%)
	@sh tests/run-all.sh $(B) $(B)/asan

# The fuzz targets compiled (not linked: libFuzzer is clang's) with the
# project's warnings, so that a change of a header they use fails here.
fuzz-syntax:
	$(Q)for t in tests/fuzz/fuzz_*.c; do \
		$(CC) $(filter-out -MMD -MP,$(ALL_CFLAGS)) -fsyntax-only $$t || exit 1; \
	done

# The whole suite against the sanitizer build only.
asan: deps-check
	@$(MAKE) --no-print-directory B=$(B)/asan WERROR=1 \
	    CFLAGS="$(ASAN_CFLAGS)" \
	    $(B)/asan/sysctl-lint $(UNITS:$(B)/%=$(B)/asan/%)
	@sh tests/run-all.sh $(B)/asan

valgrind: all $(UNITS)
	@VALGRIND=1 sh tests/run-all.sh $(B)

# Whole-process time and peak memory against cat and wc -l, measured in
# the same run (tests/bench.sh); BENCH_RUNS sets the repetitions.
bench: all
	@sh tests/bench.sh $(B)/sysctl-lint

# SARIF validation with the SARIF Multitool too (npm, about 100 MB).
MULTITOOL = $(B)/sarifmt/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
check-sarif: all
	@sh tools/deps.sh $(DEB_CHECK) jq libicu72
	@command -v npm >/dev/null || sh tools/deps.sh npm
	@test -x $(MULTITOOL) || npm install --silent --prefix $(B)/sarifmt \
	    @microsoft/sarif-multitool-linux@5.7.0
	@sh tests/sarif.sh $(B)/sysctl-lint $(MULTITOOL)

# Rewrites the golden files; read `git diff fixtures` before committing.
regen: all
	@UPDATE=1 sh tests/golden.sh $(B)/sysctl-lint
	@UPDATE=1 sh tests/fix.sh $(B)/sysctl-lint

# Rebuilds rules/keys.json from kernel sources (tools/keydb; KERNEL_MIRROR
# holds their git directories, see tools/keydb/trees.txt), then merges
# what the booted kernels listed (tools/kboot/data).  Not part of check.
keydb:
	@test -n "$(KERNEL_MIRROR)" || { echo "usage: make keydb KERNEL_MIRROR=DIR" >&2; exit 2; }
	sh tools/keydb/regen.sh $(KERNEL_MIRROR) rules/keys.json
	python3 tools/keydb/boot-merge.py rules/keys.json tools/kboot/data
	python3 tools/keydb/amend.py rules/keys.json

# DESTDIR stages the files for a package: they land in
# $(DESTDIR)$(PREFIX)/... and are not used from there.
SHARE	 = $(DESTDIR)$(PREFIX)/share
install: all
	install -d $(DESTDIR)$(BINDIR) $(SHARE)/man/man1 \
	    $(SHARE)/bash-completion/completions \
	    $(SHARE)/zsh/vendor-completions $(SHARE)/fish/vendor_completions.d
	install -m 755 $(B)/sysctl-lint $(DESTDIR)$(BINDIR)/sysctl-lint
	install -m 644 sysctl-lint.1 $(SHARE)/man/man1/
	install -m 644 $(B)/completions/sysctl-lint.bash \
	    $(SHARE)/bash-completion/completions/sysctl-lint
	install -m 644 $(B)/completions/_sysctl-lint \
	    $(SHARE)/zsh/vendor-completions/_sysctl-lint
	install -m 644 $(B)/completions/sysctl-lint.fish \
	    $(SHARE)/fish/vendor_completions.d/sysctl-lint.fish

STRIP	?= strip
install-strip: install
	$(STRIP) $(DESTDIR)$(BINDIR)/sysctl-lint

clean:
	rm -rf build

-include $(OBJS:.o=.d)

# Fuzzing with libFuzzer (clang): `make fuzz FUZZ_SECONDS=N` runs each
# target for N seconds on a corpus seeded from fixtures/; crashes are
# written to build/fuzz/ and belong in fixtures/ once fixed.
FUZZ_SECONDS	?= 60
FUZZ_CC		?= clang-14
FUZZ_FLAGS	 = -g -O1 -fsanitize=fuzzer,address,undefined \
		   -fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L \
		   -D_DEFAULT_SOURCE -std=c17 -Iinclude $(PKG_CFLAGS)
FUZZ_TARGETS	 = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
DEB_FUZZ	 = clang-14 libfuzzer-14-dev

.PHONY: fuzz fuzz-build FORCE
fuzz-build: $(B)/gen/embedded.c $(B)/gen/keydb_data.c
	@sh tools/deps.sh $(DEB_BUILD) $(DEB_FUZZ)
	@mkdir -p $(B)/fuzz
	@for t in $(FUZZ_TARGETS); do \
		echo "  FUZZCC  $(B)/fuzz/$$t"; \
		$(FUZZ_CC) $(FUZZ_FLAGS) -o $(B)/fuzz/$$t tests/fuzz/$$t.c \
		    $(filter-out lint/main.c,$(SRCS)) $(B)/gen/embedded.c \
		    $(B)/gen/keydb_data.c \
		    $(LDLIBS) || exit 1; \
	done

# One rule per target, so that `make -j2 fuzz` runs two at once.
fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

# Pattern rules do not apply to .PHONY targets: FORCE makes these always run.
# Inputs up to 1 MiB reach the long-input paths (a condition's node
# limit, long values); tests/fuzz/NAME.dict and tests/fuzz/seeds/NAME/
# add a target's own tokens and seeds.
fuzz-run-%: fuzz-build FORCE
	@mkdir -p $(B)/fuzz/corpus-$*
	@cp fixtures/*.conf fixtures/snapshots/*.snap fixtures/*.rules \
	    rules/catalog*.json $(wildcard tests/fuzz/seeds/$*/*) \
	    $(B)/fuzz/corpus-$*/
	@echo "fuzzing $* for $(FUZZ_SECONDS) s"
	@cd $(B)/fuzz && ./$* -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=1048576 -print_final_stats=1 \
	    $(if $(wildcard tests/fuzz/$*.dict),-dict=$(CURDIR)/tests/fuzz/$*.dict) \
	    corpus-$* >log-$*.txt 2>&1; rc=$$?; tail -n 8 log-$*.txt; \
	    exit $$rc

FORCE:
