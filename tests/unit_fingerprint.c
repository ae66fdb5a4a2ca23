/*
 * Unit tests: fingerprint.c against GitHub's own test vectors
 * (github/codeql-action src/fingerprints.test.ts).
 */
#include <stdlib.h>

#include "check.h"
#include "fingerprint.h"

/* Lines 1..nwant in order, then backwards, then each alone. */
static void
lines_are(struct check_counts *c, const char *text,
    const char *const *want, size_t nwant)
{
	size_t	  lines[16] = { 0 }, i;
	char	**h;

	for (i = 0; i < nwant; i++)
		lines[i] = i + 1;
	h = fingerprint_lines(text, strlen(text), lines, nwant);
	for (i = 0; i < nwant; i++)
		CHECK_STR(c, h[i], want[i]);
	fingerprint_free(h, nwant);
	for (i = 0; i < nwant; i++)
		lines[i] = nwant - i;
	h = fingerprint_lines(text, strlen(text), lines, nwant);
	for (i = 0; i < nwant; i++)
		CHECK_STR(c, h[i], want[nwant - 1 - i]);
	fingerprint_free(h, nwant);
	for (i = 0; i < nwant; i++) {
		lines[0] = i + 1;
		h = fingerprint_lines(text, strlen(text), lines, 1);
		CHECK_STR(c, h[0], want[i]);
		fingerprint_free(h, 1);
	}
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
	/* Equal hashes are numbered in line order, whatever is asked. */
	{
		static const size_t	 ask[] = { 40, 1, 150, 2, 40, 151, 0 };
		static const char *const rep[] = { "137aeebb8a0ee3a9:40",
		    "137aeebb8a0ee3a9:1", "ca465be0c8569565:1",
		    "137aeebb8a0ee3a9:2", "137aeebb8a0ee3a9:40" };
		char	 text[6 * 150 + 1], **h;
		size_t	 i;

		for (i = 0; i < 150; i++)
			memcpy(text + 6 * i, "bogus\n", 6);
		text[6 * 150] = '\0';
		h = fingerprint_lines(text, strlen(text), ask, 7);
		for (i = 0; i < 5; i++)
			CHECK_STR(&c, h[i], rep[i]);
		CHECK(&c, h[6] == NULL);
		fingerprint_free(h, 7);
	}
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
