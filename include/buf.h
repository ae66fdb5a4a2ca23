/*
 * buf.h: a growable byte buffer, always NUL-terminated.
 *
 * A struct buf starts zeroed (BUF_INIT); buf_free() releases its memory;
 * buf_detach() hands the bytes to the caller, who then frees them.
 */
#ifndef SYSCTL_LINT_BUF_H
#define SYSCTL_LINT_BUF_H

#include <stddef.h>

#include "util.h"

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT	{ NULL, 0, 0 }

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...) PRINTF_LIKE(2, 3);
char	*buf_detach(struct buf *);
void	 buf_free(struct buf *);
/* Returns the contents as a string; valid until the next change. */
const char *buf_str(struct buf *);

#endif
