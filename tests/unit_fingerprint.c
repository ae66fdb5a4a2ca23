/*
 * Unit tests: fingerprint.c against GitHub's own test vectors
 * (github/codeql-action src/fingerprints.test.ts).
 */
#include <stdlib.h>

#include "check.h"
#include "fingerprint.h"

static void
lines_are(struct check_counts *c, const char *text,
    const char *const *want, size_t nwant)
{
	size_t	  n, i;
	char	**h = fingerprint_lines(text, strlen(text), &n);

	for (i = 0; i < nwant; i++)
		CHECK_STR(c, i + 1 <= n ? h[i + 1] : NULL, want[i]);
	fingerprint_free(h, n);
}

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	static const char *const empty[] = { "c129715d7a2bc9a3:1" };
	static const char *const abcd[] = { "271789c17abda88f:1",
	    "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1" };
	static const char *const sysctl[] = { "d93e1bab85110baa:1",
	    "84679d0796fc25f3:1", "c129715d7a2bc9a3:1" };

	lines_are(&c, "", empty, 1);
	lines_are(&c, " a\nb\n  \t\tc\n d", abcd, 4);
	lines_are(&c, "net.ipv4.ip_forward = 1\nkernel.kptr_restrict=2\n",
	    sysctl, 3);
	/* CRLF hashes like LF; key fingerprints are distinct per field. */
	lines_are(&c, "net.ipv4.ip_forward = 1\r\nkernel.kptr_restrict=2\r\n",
	    sysctl, 3);
	/*
	 * Pinned: code scanning matches alerts across runs by this value,
	 * so a change to the hash reopens every alert a repository has.
	 */
	CHECK(&c, fingerprint_key("SL1", "a.conf", "k", 0) ==
	    UINT64_C(0x558b43e33bcd0b09));
	CHECK(&c, fingerprint_key("SL1", "a.conf", "k", 0) !=
	    fingerprint_key("SL1", "a.conf", "k", 1));
	CHECK(&c, fingerprint_key("SL1", "a.conf", NULL, 0) !=
	    fingerprint_key("SL1", "a.con", "f", 0));
	return check_done(&c);
}
