/*
 * Unit tests: conf.c reads lines as the loaders do and reports what the
 * syntax shows, each at its byte span.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "check.h"
#include "conf.h"
#include "finding.h"

struct fixture {
	struct catalog	*cat;
	struct findings	*fs;
	struct source	*src;
	struct conf	*conf;
};

static void
parse_len(struct fixture *fx, const char *text, size_t len,
    enum conf_reader reader)
{
	char	*err = NULL;

	fx->cat = catalog_new();
	if (!catalog_load_builtin(fx->cat, &err))
		abort();
	fx->fs = findings_new(fx->cat);
	fx->src = source_from_mem("t.conf", text, len);
	fx->conf = conf_parse_as(fx->src, reader, fx->fs);
}

static void
parse(struct fixture *fx, const char *text)
{
	parse_len(fx, text, strlen(text), CONF_READ_BOTH);
}

static void
done(struct fixture *fx)
{
	conf_free(fx->conf);
	findings_free(fx->fs);
	source_free(fx->src);
	catalog_free(fx->cat);
}

/* True if a finding of rule name sits at byte offset off, len bytes. */
static int
has(const struct fixture *fx, const char *name, uint32_t off, uint32_t len)
{
	size_t	i;

	for (i = 0; i < findings_count(fx->fs); i++) {
		const struct finding *f = findings_at(fx->fs, i);

		if (strcmp(f->rule->name, name) == 0 && f->span.off == off &&
		    f->span.len == len)
			return 1;
	}
	return 0;
}

/* The finding of rule name, or NULL. */
static const struct finding *
find(const struct fixture *fx, const char *name)
{
	size_t	i;

	for (i = 0; i < findings_count(fx->fs); i++)
		if (strcmp(findings_at(fx->fs, i)->rule->name, name) == 0)
			return findings_at(fx->fs, i);
	return NULL;
}

/*
 * A lone CR or a NUL ends a line for systemd-sysctl only: the text
 * after it is judged as its own line unless procps alone is read.
 */
static void
check_line_ends(struct check_counts *c)
{
	static const char	 cr[] = "# x\rnet.ipv4.ip_forward = 1\n";
	static const char	 nul[] = "kernel.panic = 1\0vm.swappiness = 5\n"
				    "kernel.sysrq = 1\0\n";
	char			 big[8100 + sizeof(nul)];
	const struct finding	*f;
	struct fixture		 fx;

	parse_len(&fx, cr, sizeof(cr) - 1, CONF_READ_BOTH);
	CHECK(c, fx.conf->n == 1);
	CHECK(c, fx.conf->n == 1 &&
	    strcmp(fx.conf->entries[0].dotted, "net.ipv4.ip_forward") == 0);
	f = find(&fx, "carriage-return");
	CHECK(c, f != NULL && f->severity == SEV_ERROR && f->span.off == 3);
	CHECK(c, f != NULL && strstr(f->message,
	    "applies 'net.ipv4.ip_forward = 1'") != NULL);
	done(&fx);

	parse_len(&fx, cr, sizeof(cr) - 1, CONF_READ_SYSTEMD);
	CHECK(c, fx.conf->n == 1);
	f = find(&fx, "carriage-return");
	CHECK(c, f != NULL && f->severity == SEV_WARNING);
	done(&fx);

	parse_len(&fx, cr, sizeof(cr) - 1, CONF_READ_PROCPS);
	CHECK(c, fx.conf->n == 0);
	CHECK(c, find(&fx, "carriage-return") != NULL);
	done(&fx);

	/* Past the binary probe, so the file counts as text. */
	memset(big, '#', 8100);
	big[8099] = '\n';
	memcpy(big + 8100, nul, sizeof(nul));
	parse_len(&fx, big, sizeof(big) - 1, CONF_READ_BOTH);
	CHECK(c, fx.conf->n == 3);
	CHECK(c, fx.conf->n == 3 &&
	    strcmp(fx.conf->entries[1].dotted, "vm.swappiness") == 0);
	f = find(&fx, "nul-byte");
	CHECK(c, f != NULL && strstr(f->message,
	    "applies 'vm.swappiness = 5'") != NULL);
	CHECK(c, has(&fx, "nul-byte", 8100 + 35 + 16, 1));
	done(&fx);

	parse_len(&fx, big, sizeof(big) - 1, CONF_READ_PROCPS);
	CHECK(c, fx.conf->n == 2);
	CHECK(c, fx.conf->n == 2 && fx.conf->entries[0].value.len == 1);
	CHECK(c, has(&fx, "nul-byte", 8100 + 35 + 16, 1));
	done(&fx);
}

static const char *
span_text(const struct fixture *fx, struct span sp, char *buf, size_t n)
{
	snprintf(buf, n, "%.*s", (int)sp.len, fx->src->data + sp.off);
	return buf;
}

int
main(void)
{
	struct check_counts	c = { 0, 0 };
	struct fixture		fx;
	char			b[128];

	/* Clean input: comments, blanks, CRLF, '-', globs, '/' keys. */
	parse(&fx, "# c\n\n  \t\nkernel.sysrq = 1\r\n-vm.swappiness=10\n"
	    "net/ipv4/ip_forward=0\nnet.ipv4.conf.*.rp_filter = 2\n"
	    "-net.ipv4.conf.lo.rp_filter\n"
	    "net.ipv4.conf.eth0/100.forwarding = 1\n");
	CHECK(&c, findings_count(fx.fs) == 0);
	CHECK(&c, fx.conf->n == 6);
	CHECK_STR(&c, span_text(&fx, fx.conf->entries[0].key, b, sizeof(b)),
	    "kernel.sysrq");
	CHECK_STR(&c, span_text(&fx, fx.conf->entries[0].value, b,
	    sizeof(b)), "1");
	CHECK(&c, fx.conf->entries[1].ignore_failure);
	CHECK_STR(&c, fx.conf->entries[1].path, "vm/swappiness");
	CHECK_STR(&c, fx.conf->entries[2].dotted, "net.ipv4.ip_forward");
	CHECK(&c, fx.conf->entries[3].glob);
	CHECK(&c, fx.conf->entries[4].kind == CONF_EXCLUDE);
	CHECK_STR(&c, fx.conf->entries[5].path,
	    "net/ipv4/conf/eth0.100/forwarding");
	done(&fx);

	/* The first '=' splits; the rest is the value, '=' included. */
	parse(&fx, "kernel.core_pattern = |/bin/x a=b\n");
	CHECK(&c, findings_count(fx.fs) == 0);
	CHECK_STR(&c, span_text(&fx, fx.conf->entries[0].value, b,
	    sizeof(b)), "|/bin/x a=b");
	done(&fx);

	parse(&fx, "a.b = 1 net.ipv4.x= 2 vm.y = 3\n");
	CHECK(&c, has(&fx, "multiple-assignments", 8, 13));
	CHECK(&c, has(&fx, "multiple-assignments", 22, 8));
	done(&fx);

	parse(&fx, "a.b = 16 # note\nc.d = x;y\n");
	CHECK(&c, has(&fx, "trailing-comment", 9, 6));
	CHECK(&c, findings_count(fx.fs) == 1);	/* "x;y" is no comment */
	done(&fx);

	parse(&fx, "a.b = \"1 2\"\nc.d='x\n");
	CHECK(&c, has(&fx, "quoted-value", 6, 5));
	CHECK(&c, has(&fx, "quoted-value", 16, 2));
	CHECK_STR(&c, findings_at(fx.fs, 0)->fix->replacement, "1 2");
	done(&fx);

	parse(&fx, "a.b\xc2\xa0= 1\na.c = 1\xe2\x80\x8b\n");
	CHECK(&c, has(&fx, "invisible-character", 3, 2));
	CHECK(&c, has(&fx, "invisible-character", 16, 3));
	done(&fx);

	parse(&fx, "a.b\xef\xbc\x9d" "1\n");
	CHECK(&c, has(&fx, "fullwidth-character", 3, 3));
	CHECK(&c, fx.conf->n == 1);
	done(&fx);

	parse(&fx, "\xe2\x97\x8f net.x = 1\n");
	CHECK(&c, has(&fx, "non-ascii-key", 0, 3));
	CHECK(&c, has(&fx, "whitespace-in-key", 3, 1));
	done(&fx);

	parse(&fx, "= 1\nx.y =\nx..y = 1\n; c\n- x.y = 1\n-a.*\nfoo\n");
	CHECK(&c, has(&fx, "empty-key", 0, 1));
	CHECK(&c, has(&fx, "empty-value", 8, 1));
	CHECK(&c, has(&fx, "repeated-separator", 10, 4));
	CHECK(&c, has(&fx, "semicolon-comment", 19, 1));
	CHECK(&c, has(&fx, "prefix-whitespace", 23, 2));
	CHECK(&c, has(&fx, "glob-exclusion", 34, 3));
	CHECK(&c, has(&fx, "not-an-assignment", 38, 3));
	done(&fx);

	parse(&fx, "\xef\xbb\xbfx.y = 1\na.b = 1\rc.d = 2\nz.z = \xff\n");
	CHECK(&c, has(&fx, "byte-order-mark", 0, 3));
	CHECK(&c, has(&fx, "carriage-return", 18, 1));
	CHECK(&c, has(&fx, "invalid-utf8", 33, 1));
	CHECK_STR(&c, fx.conf->entries[0].dotted, "x.y");
	done(&fx);

	check_line_ends(&c);
	return check_done(&c);
}
