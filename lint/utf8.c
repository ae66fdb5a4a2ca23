/*
 * utf8.c: strict UTF-8 decoding (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), a table of characters that are invisible
 * or pass for ASCII whitespace, and the one escaping every writer of
 * text for people (terminal, CI log, stderr) applies to input.
 */
#include <string.h>

#include "utf8.h"
#include "util.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, i;
	uint32_t		 c, min;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2;
		c = p[0] & 0x1Fu;
		min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3;
		c = p[0] & 0x0Fu;
		min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4;
		c = p[0] & 0x07u;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Column: first code point, last code point, name. */
static const struct {
	uint32_t	 lo, hi;
	const char	*name;
} invisible[] = {
	{ 0x0000, 0x0008, "a control character" },
	{ 0x000A, 0x001F, "a control character" },
	{ 0x007F, 0x007F, "DELETE" },
	{ 0x0080, 0x009F, "a C1 control character" },
	{ 0x00A0, 0x00A0, "NO-BREAK SPACE" },
	{ 0x00AD, 0x00AD, "SOFT HYPHEN" },
	{ 0x034F, 0x034F, "COMBINING GRAPHEME JOINER" },
	{ 0x061C, 0x061C, "ARABIC LETTER MARK" },
	{ 0x115F, 0x1160, "HANGUL FILLER" },
	{ 0x1680, 0x1680, "OGHAM SPACE MARK" },
	{ 0x180E, 0x180E, "MONGOLIAN VOWEL SEPARATOR" },
	{ 0x2000, 0x200A, "a typographic space" },
	{ 0x200B, 0x200B, "ZERO WIDTH SPACE" },
	{ 0x200C, 0x200C, "ZERO WIDTH NON-JOINER" },
	{ 0x200D, 0x200D, "ZERO WIDTH JOINER" },
	{ 0x200E, 0x200F, "a directional mark" },
	{ 0x2028, 0x2028, "LINE SEPARATOR" },
	{ 0x2029, 0x2029, "PARAGRAPH SEPARATOR" },
	{ 0x202A, 0x202E, "a bidirectional formatting character" },
	{ 0x202F, 0x202F, "NARROW NO-BREAK SPACE" },
	{ 0x205F, 0x205F, "MEDIUM MATHEMATICAL SPACE" },
	{ 0x2060, 0x2060, "WORD JOINER" },
	{ 0x2061, 0x2064, "an invisible operator" },
	{ 0x2066, 0x2069, "a bidirectional isolate" },
	{ 0x3000, 0x3000, "IDEOGRAPHIC SPACE" },
	{ 0x3164, 0x3164, "HANGUL FILLER" },
	{ 0xFEFF, 0xFEFF, "ZERO WIDTH NO-BREAK SPACE (byte order mark)" },
	{ 0xFFA0, 0xFFA0, "HALFWIDTH HANGUL FILLER" },
};

const char *
utf8_invisible_name(uint32_t cp)
{
	size_t	i;

	for (i = 0; i < ARRAY_LEN(invisible); i++)
		if (cp >= invisible[i].lo && cp <= invisible[i].hi)
			return invisible[i].name;
	return NULL;
}

int
utf8_is_space_like(uint32_t cp)
{
	return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 &&
	    cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int
utf8_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x0300)
		return 1;
	if (cp == 0 || (cp >= 0x0300 && cp <= 0x036F) ||
	    (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 &&
	    cp <= 0x2069) || cp == 0xFEFF)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 &&
	    cp <= 0xA4CF && cp != 0x303F) || (cp >= 0xAC00 &&
	    cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 &&
	    cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 &&
	    cp <= 0x3FFFD))
		return 2;
	return 1;
}

/* Format characters that are in no finding's table: Unicode Cf, mostly. */
static const struct {
	uint32_t	lo, hi;
} unsafe_extra[] = {
	{ 0x206A, 0x206F },	/* deprecated format characters */
	{ 0xFFF9, 0xFFFB },	/* interlinear annotation */
	{ 0xE0000, 0xE007F },	/* tags */
};

bool
utf8_is_unsafe(uint32_t cp)
{
	size_t	i;

	/* Printable ASCII is most of every input: decided at once. */
	if (cp < 0x7F)
		return cp < 0x20;
	if (cp < 0xA0)
		return true;
	if (utf8_invisible_name(cp) != NULL)
		return !utf8_is_space_like(cp);
	for (i = 0; i < ARRAY_LEN(unsafe_extra); i++)
		if (cp >= unsafe_extra[i].lo && cp <= unsafe_extra[i].hi)
			return true;
	return false;
}

size_t
utf8_escape(const char *s, size_t n, char esc[UTF8_ESCAPE_MAX])
{
	uint32_t	cp;
	size_t		len = utf8_decode(s, n, &cp);

	esc[0] = '\0';
	if (len == 0) {
		snprintf(esc, UTF8_ESCAPE_MAX, "\\x%02x", (unsigned char)*s);
		return 1;
	}
	if (!utf8_is_unsafe(cp))
		return len;
	if (cp == '\n' || cp == '\r' || cp == '\t')
		snprintf(esc, UTF8_ESCAPE_MAX, "\\%c", cp == '\n' ? 'n' :
		    cp == '\r' ? 'r' : 't');
	else if (cp < 0x80)
		snprintf(esc, UTF8_ESCAPE_MAX, "\\x%02x", (unsigned)cp);
	else if (cp <= 0xFFFF)
		snprintf(esc, UTF8_ESCAPE_MAX, "\\u%04x", (unsigned)cp);
	else
		snprintf(esc, UTF8_ESCAPE_MAX, "\\u{%x}", (unsigned)cp);
	return len;
}

void
utf8_put_escaped(FILE *out, const char *s, size_t n, unsigned flags)
{
	size_t		i, len;
	uint32_t	cp;
	bool		start = (flags & UTF8_LINE_START) != 0;
	char		esc[UTF8_ESCAPE_MAX];

	for (i = 0; i < n; i += len) {
		if (start && i + 1 < n && s[i] == ':' && s[i + 1] == ':') {
			fputs("\\x3a", out);
			len = 1;
			start = false;
			continue;
		}
		/* A run of printable ASCII goes out as it is, in one write. */
		if (!start && s[i] >= 0x20 && s[i] < 0x7F) {
			for (len = 1; i + len < n && s[i + len] >= 0x20 &&
			    s[i + len] < 0x7F; len++)
				;
			fwrite(s + i, 1, len, out);
			continue;
		}
		len = utf8_escape(s + i, n - i, esc);
		/* The runner trims what .NET calls white space first. */
		if (start && s[i] != ' ' && (utf8_decode(s + i, n - i,
		    &cp) == 0 || !utf8_is_space_like(cp)))
			start = false;
		if (esc[0] != '\0')
			fputs(esc, out);
		else
			fwrite(s + i, 1, len, out);
	}
}

void
utf8_puts_escaped(FILE *out, const char *s, unsigned flags)
{
	utf8_put_escaped(out, s, strlen(s), flags);
}
