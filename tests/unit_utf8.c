/* Unit tests: utf8.c decoding and the invisible-character table. */
#include "check.h"
#include "utf8.h"

int
main(void)
{
	struct check_counts	c = { 0, 0 };
	uint32_t		cp = 0;

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
	return check_done(&c);
}
