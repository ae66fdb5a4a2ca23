/*
 * Unit tests: utf8.c decoding, the invisible-character table and the
 * escapes of text shown to people.
 */
#include "check.h"
#include "utf8.h"

int
main(void)
{
	struct check_counts	c = { 0, 0 };
	uint32_t		cp = 0;
	char			esc[UTF8_ESCAPE_MAX];

	CHECK(&c, utf8_decode("A", 1, &cp) == 1 && cp == 'A');
	CHECK(&c, utf8_decode("\xc2\xa0", 2, &cp) == 2 && cp == 0xA0);
	CHECK(&c, utf8_decode("\xef\xbc\x9d", 3, &cp) == 3 && cp == 0xFF1D);
	CHECK(&c, utf8_decode("\xf0\x9f\x98\x80", 4, &cp) == 4 &&
	    cp == 0x1F600);
	CHECK(&c, utf8_decode("\xc0\xaf", 2, &cp) == 0);	/* overlong */
	CHECK(&c, utf8_decode("\xed\xa0\x80", 3, &cp) == 0);	/* surrogate */
	CHECK(&c, utf8_decode("\xe4\xb8", 2, &cp) == 0);	/* truncated */
	CHECK(&c, utf8_decode("\x80", 1, &cp) == 0);
	CHECK(&c, utf8_decode("\xf5\x80\x80\x80", 4, &cp) == 0);
	CHECK(&c, utf8_invisible_name(0xA0) != NULL);
	CHECK(&c, utf8_invisible_name(0x200B) != NULL);
	CHECK(&c, utf8_invisible_name(0xFEFF) != NULL);
	CHECK(&c, utf8_invisible_name(0x3000) != NULL);
	CHECK(&c, utf8_invisible_name(0x01) != NULL);
	CHECK(&c, utf8_invisible_name('\t') == NULL);
	CHECK(&c, utf8_invisible_name(0x4E2D) == NULL);
	CHECK(&c, utf8_is_space_like(0xA0) && utf8_is_space_like(0x3000));
	CHECK(&c, !utf8_is_space_like(0x200B));
	CHECK(&c, utf8_width(0x4E2D) == 2 && utf8_width('a') == 1 &&
	    utf8_width(0x200B) == 0 && utf8_width(0xFF1D) == 2);
	CHECK(&c, utf8_escape("\033[", 2, esc) == 1);
	CHECK_STR(&c, esc, "\\x1b");
	CHECK(&c, utf8_escape("\r", 1, esc) == 1);
	CHECK_STR(&c, esc, "\\r");
	CHECK(&c, utf8_escape("\x7f", 1, esc) == 1);
	CHECK_STR(&c, esc, "\\x7f");
	CHECK(&c, utf8_escape("\xc2\x85", 2, esc) == 2);	/* NEL */
	CHECK_STR(&c, esc, "\\u0085");
	CHECK(&c, utf8_escape("\xe2\x80\xae", 3, esc) == 3);	/* RLO */
	CHECK_STR(&c, esc, "\\u202e");
	CHECK(&c, utf8_escape("\xe2\x81\xa6", 3, esc) == 3);	/* LRI */
	CHECK_STR(&c, esc, "\\u2066");
	CHECK(&c, utf8_escape("\xd8\x9c", 2, esc) == 2);	/* ALM */
	CHECK_STR(&c, esc, "\\u061c");
	CHECK(&c, utf8_escape("\xe2\x80\x8f", 3, esc) == 3);	/* RLM */
	CHECK_STR(&c, esc, "\\u200f");
	CHECK(&c, utf8_escape("\xf3\xa0\x80\x81", 4, esc) == 4);	/* tag */
	CHECK_STR(&c, esc, "\\u{e0001}");
	CHECK(&c, utf8_escape("\xff", 1, esc) == 1);
	CHECK_STR(&c, esc, "\\xff");
	CHECK(&c, utf8_escape("", 1, esc) == 1);		/* NUL */
	CHECK_STR(&c, esc, "\\x00");
	CHECK(&c, utf8_escape("\xe4\xb8\xad", 3, esc) == 3 && esc[0] == '\0');
	CHECK(&c, utf8_escape("\xc2\xa0", 2, esc) == 2 && esc[0] == '\0');
	CHECK(&c, utf8_escape("a", 1, esc) == 1 && esc[0] == '\0');
	CHECK(&c, utf8_is_unsafe(0x1B) && utf8_is_unsafe(0x202A) &&
	    utf8_is_unsafe(0x2069) && !utf8_is_unsafe('a') &&
	    !utf8_is_unsafe(0x3000));
	return check_done(&c);
}
