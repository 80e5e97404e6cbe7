/* lines.h -- lines of a stream, each at most a given length: what getline
 * does, with a bound, so a stream that never ends (a device, a pipe from
 * /dev/zero) or a line too long for memory is an error and not the end of
 * the input or a machine out of memory.
 */
#ifndef ENT_LINES_H
#define ENT_LINES_H

#include <stddef.h>
#include <stdio.h>

/* Bytes read ahead at a time; a head given to ent_lines_init is at most
 * this long. */
#define ENT_LINES_CHUNK 65536

/* A reader over a stream it does not own. */
typedef struct ent_lines {
    FILE *fp;
    char *chunk;             /* ENT_LINES_CHUNK bytes; [pos, end) not yet taken */
    size_t pos, end;
    int at_eof;
    int read_err;            /* errno of a failed read, given once the bytes before it are used */
    size_t max;              /* the longest line, newline included */
    char *line;              /* the current line, NUL-terminated */
    size_t cap;
} ent_lines;

/* Prototypes */
/* Read fp, the n bytes of `head` (already read from it, at most
 * ENT_LINES_CHUNK) first; lines longer than max bytes are refused.  0, or
 * -1 when out of memory (call ent_lines_free either way). */
int ent_lines_init(ent_lines *l, FILE *fp, const char *head, size_t n, size_t max);
/* The next line, newline and all, in *s (valid until the next call), *n
 * bytes: 1, 0 at the end, -1 with errno the read's own, ENOMEM, or EFBIG
 * when the line is longer than the bound.  A read that fails is never
 * the end. */
int ent_lines_next(ent_lines *l, const char **s, size_t *n);
void ent_lines_free(ent_lines *l);

#endif
