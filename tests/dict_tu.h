/* dict_tu.h -- helpers shared by the dictionary tests: load a small
 * dictionary written to a temp file, look phrases up, check messages. */
#ifndef ENT_DICT_TU_H
#define ENT_DICT_TU_H

#include "testutil.h"

#include "dict.h"

typedef int (*dtu_loader)(ent_dict *, const char *, ent_diags *);

typedef struct dtu {
    ent_dict d;
    ent_diags diags;
    char *path;
    int rc;
} dtu;

/* Write `text` to a temp file, load it with `fn` into a fresh dict and
 * freeze it.  The caller checks t->rc and frees with dtu_free. */
static inline void dtu_load(dtu *t, dtu_loader fn, const char *text, int strict) {
    memset(t, 0, sizeof *t);
    assert_int_equal(ent_dict_init(&t->d), 0);
    ent_diags_init(&t->diags, NULL, strict);
    t->path = tu_write_tmp(text, ".txt");
    assert_non_null(t->path);
    t->rc = fn(&t->d, t->path, &t->diags);
    assert_int_equal(ent_dict_freeze(&t->d), 0);
}

static inline void dtu_free(dtu *t) {
    ent_dict_free(&t->d);
    ent_diags_free(&t->diags);
    if (t->path) unlink(t->path);
    free(t->path);
}

/* Index into ix->phrases of the first phrase whose words are exactly
 * `text` (blank-separated, upper case), or -1. */
static inline int dtu_find(const ent_dict *d, const ent_phrase_index *ix, const char *text) {
    ent_wid w[64];
    int n = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *s = p;
        while (*p && *p != ' ') p++;
        if (n == 64) return -1;
        w[n] = ent_dict_word(d, s, (size_t)(p - s));
        if (w[n] == 0) return -1;
        n++;
    }
    if (n == 0) return -1;
    for (int32_t i = ix->start[w[0]]; i < ix->start[w[0] + 1]; i++) {
        const ent_phrase *ph = &ix->phrases[i];
        if (ph->n_words == n && memcmp(ph->words, w, (size_t)n * sizeof *w) == 0) return i;
    }
    return -1;
}

/* Value of the phrase `text` in ix, or -99 when absent. */
static inline int dtu_value(const ent_dict *d, const ent_phrase_index *ix, const char *text) {
    int i = dtu_find(d, ix, text);
    return i < 0 ? -99 : ix->phrases[i].value;
}

/* Assert message i reads "<path>:<line>: <text>". */
static inline void dtu_msg(const dtu *t, int i, long line, const char *text) {
    char got[1200], want[1200];
    assert_true(i < t->diags.count);
    ent_diag_format(&t->diags, i, got, sizeof got);
    snprintf(want, sizeof want, "%s:%ld: %s", t->path, line, text);
    assert_string_equal(got, want);
}

#endif
