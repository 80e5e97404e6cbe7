/* diag.c -- see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void ent_diags_init(ent_diags *d, FILE *echo, int strict) {
    memset(d, 0, sizeof *d);
    d->echo = echo;
    d->strict = strict;
}

static int diag_add(ent_diags *d, const char *where, long line, int is_offset,
                    const char *fmt, va_list ap) {
    char text[1024];
    vsnprintf(text, sizeof text, fmt, ap);
    if (d->echo) {
        if (line > 0 || is_offset)
            fprintf(d->echo, "%s:%s%ld: %s\n", where ? where : "-",
                    is_offset ? "offset " : "", line, text);
        else
            fprintf(d->echo, "%s: %s\n", where ? where : "-", text);
    }
    if (d->count == d->cap) {
        int cap = d->cap ? d->cap * 2 : 16;
        ent_diag_msg *m = realloc(d->msgs, (size_t)cap * sizeof *m);
        if (!m) return -1;
        d->msgs = m;
        d->cap = cap;
    }
    ent_diag_msg *m = &d->msgs[d->count];
    m->where = strdup(where ? where : "-");
    m->text = strdup(text);
    m->line = line;
    m->is_offset = is_offset;
    if (!m->where || !m->text) {
        free(m->where);
        free(m->text);
        return -1;
    }
    d->count++;
    return d->strict ? -1 : 0;
}

int ent_diag(ent_diags *d, const char *where, long line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = diag_add(d, where, line, 0, fmt, ap);
    va_end(ap);
    return rc;
}

int ent_diag_at(ent_diags *d, const char *where, long offset, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = diag_add(d, where, offset, 1, fmt, ap);
    va_end(ap);
    return rc;
}

void ent_diag_format(const ent_diags *d, int i, char *out, size_t cap) {
    const ent_diag_msg *m = &d->msgs[i];
    if (m->line > 0 || m->is_offset)
        snprintf(out, cap, "%s:%s%ld: %s", m->where, m->is_offset ? "offset " : "",
                 m->line, m->text);
    else
        snprintf(out, cap, "%s: %s", m->where, m->text);
}

void ent_diags_free(ent_diags *d) {
    for (int i = 0; i < d->count; i++) {
        free(d->msgs[i].where);
        free(d->msgs[i].text);
    }
    free(d->msgs);
    d->msgs = NULL;
    d->count = d->cap = 0;
}

int ent_diags_print(const ent_diags *d, FILE *out) {
    for (int k = 0; k < d->count; k++) {
        char msg[1200];
        ent_diag_format(d, k, msg, sizeof msg);
        fprintf(out, "%s\n", msg);
    }
    return d->count;
}

void ent_diag_excerpt(char *out, size_t cap, const char *s, size_t n) {
    size_t k = 0;
    if (cap < 8) {
        if (cap) out[0] = '\0';
        return;
    }
    for (size_t j = 0; j < n && k + 4 < cap; j++) {
        unsigned char c = (unsigned char)s[j];
        out[k++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (k + 4 >= cap && n > k) {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k] = '\0';
}

int ent_diag_bad_date(ent_diags *d, const char *where, long line, const char *s, size_t n,
                      int dflt) {
    char ex[48];
    ent_diag_excerpt(ex, sizeof ex, s, n);
    return ent_diag(d, where, line, "bad date \"%s\" (want YYYY-MM-DD or YYYYMMDD); %s", ex,
                    dflt > 0 ? "using the default date" : "date unknown");
}
