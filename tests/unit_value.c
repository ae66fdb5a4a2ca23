/* Unit tests: value.c reads numbers as the kernel's proc_get_long(). */
#include "check.h"
#include "value.h"

int
main(void)
{
	struct check_counts	c = { 0, 0 };
	struct value		v;
	const char		*text = " 4096\t0x10 -5 010 08 1s - 0 ";

	value_split(text, strlen(text), &v);
	CHECK(&c, v.n == 8);
	CHECK(&c, v.tok[0].off == 1 && v.tok[0].len == 4);
	CHECK(&c, v.tok[0].number && v.tok[0].magnitude == 4096);
	CHECK(&c, v.tok[1].number && v.tok[1].magnitude == 16);
	CHECK(&c, v.tok[2].number && v.tok[2].negative &&
	    v.tok[2].magnitude == 5);
	CHECK(&c, v.tok[3].number && v.tok[3].octal &&
	    v.tok[3].magnitude == 8);
	CHECK(&c, !v.tok[4].number);		/* '8' is no octal digit */
	CHECK(&c, !v.tok[5].number);		/* a unit is not a number */
	CHECK(&c, !v.tok[6].number);
	CHECK(&c, v.tok[7].number && !v.tok[7].octal &&
	    v.tok[7].magnitude == 0);
	value_free(&v);

	text = "99999999999999999999999";
	value_split(text, strlen(text), &v);
	CHECK(&c, v.n == 1 && v.tok[0].number && v.tok[0].overflow);
	value_free(&v);
	/* Past the inline tokens, then past the first allocation. */
	text = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 "
	    "25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40";
	value_split(text, strlen(text), &v);
	CHECK(&c, v.n == 40 && v.tok[0].magnitude == 1 &&
	    v.tok[3].magnitude == 4 && v.tok[4].magnitude == 5 &&
	    v.tok[39].magnitude == 40 && v.tok[39].off == strlen(text) - 2);
	value_free(&v);
	value_split("", 0, &v);
	CHECK(&c, v.n == 0);
	value_free(&v);

	return check_done(&c);
}
