/* lines.c -- bounded lines of a stream (see lines.h).  The stream is read
 * in chunks and each line copied out of them, so a line costs its own
 * length and no more, and the bound is checked before memory is taken. */
#include "lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int ent_lines_init(ent_lines *l, FILE *fp, const char *head, size_t n, size_t max) {
    memset(l, 0, sizeof *l);
    l->fp = fp;
    l->max = max;
    l->chunk = malloc(ENT_LINES_CHUNK);
    if (!l->chunk) {
        errno = ENOMEM;
        return -1;
    }
    if (n > ENT_LINES_CHUNK) n = ENT_LINES_CHUNK;
    if (n) memcpy(l->chunk, head, n);
    l->end = n;
    return 0;
}

/* Room for len bytes and a NUL in l->line: 0, or -1 (ENOMEM). */
static int room(ent_lines *l, size_t len) {
    if (len + 1 <= l->cap) return 0;
    size_t cap = l->cap ? l->cap : 4096;
    while (cap < len + 1) cap *= 2;
    char *nb = realloc(l->line, cap);
    if (!nb) {
        errno = ENOMEM;
        return -1;
    }
    l->line = nb;
    l->cap = cap;
    return 0;
}

int ent_lines_next(ent_lines *l, const char **s, size_t *n) {
    size_t len = 0;
    for (;;) {
        if (l->pos == l->end) {
            if (l->read_err) {
                errno = l->read_err;
                return -1;
            }
            if (l->at_eof) break;
            errno = 0;
            l->pos = 0;
            l->end = fread(l->chunk, 1, ENT_LINES_CHUNK, l->fp);
            if (l->end < ENT_LINES_CHUNK) {
                l->at_eof = 1;
                if (ferror(l->fp)) l->read_err = errno ? errno : EIO;
            }
            continue;
        }
        const char *p = l->chunk + l->pos;
        const char *nl = memchr(p, '\n', l->end - l->pos);
        size_t take = nl ? (size_t)(nl - p) + 1 : l->end - l->pos;
        if (len + take > l->max) {
            errno = EFBIG;
            return -1;
        }
        if (room(l, len + take) < 0) return -1;
        memcpy(l->line + len, p, take);
        len += take;
        l->pos += take;
        if (nl) break;
    }
    if (!len) return 0;
    l->line[len] = '\0';
    *s = l->line;
    *n = len;
    return 1;
}

void ent_lines_free(ent_lines *l) {
    free(l->chunk);
    free(l->line);
    l->chunk = l->line = NULL;
}
