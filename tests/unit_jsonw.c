/* Unit tests: jsonw.c layout and escaping. */
#include <stdlib.h>

#include "check.h"
#include "jsonw.h"

int
main(void)
{
	struct check_counts	 c = { 0, 0 };
	char			*out = NULL;
	size_t			 len = 0;
	FILE			*f = open_memstream(&out, &len);
	struct jsonw		*w = jsonw_new(f);

	jsonw_object_begin(w);
	jsonw_key(w, "s");
	jsonw_stringn(w, "a\"b\\c\n\t\x01\xff\xc3\xa9", 11);
	jsonw_key(w, "e");
	jsonw_array_begin(w);
	jsonw_array_end(w);
	jsonw_key(w, "a");
	jsonw_array_begin(w);
	jsonw_uint(w, 7);
	jsonw_null(w);
	jsonw_bool(w, true);
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_finish(w);
	fclose(f);
	CHECK_STR(&c, out,
	    "{\n"
	    "  \"s\": \"a\\\"b\\\\c\\n\\t\\u0001\\ufffd\xc3\xa9\",\n"
	    "  \"e\": [],\n"
	    "  \"a\": [\n"
	    "    7,\n"
	    "    null,\n"
	    "    true\n"
	    "  ]\n"
	    "}\n");
	free(out);
	return check_done(&c);
}
