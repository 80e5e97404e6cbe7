/* fuzz_doc.h -- the body shared by the document fuzz targets: read every
 * document of any bytes in one format, split each into sentences and
 * tokenize every sentence, checking the invariants the later stages rely
 * on (valid NUL-terminated UTF-8, monotone offset maps, spans and tokens
 * inside their text).  A broken invariant aborts, which libFuzzer reports
 * as a crash. */
#ifndef ENT_FUZZ_DOC_H
#define ENT_FUZZ_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "split.h"
#include "tokenize.h"

static int fuzz_valid_utf8(const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!k || i + k > n) return 0;
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xC0) != 0x80) return 0;
        i += k;
    }
    return 1;
}

static void fuzz_check_doc(const ent_doc *doc) {
    ent_span spans[512];
    ent_tok toks[256];
    if (!doc->id || !doc->text || doc->text[doc->len] != '\0') abort();
    if (strlen(doc->text) != doc->len) abort(); /* no NUL inside */
    if (!fuzz_valid_utf8((const unsigned char *)doc->text, doc->len)) abort();
    if (doc->orig_offset)
        for (size_t i = 0; i < doc->len; i++)
            if (doc->orig_offset[i] > doc->orig_offset[i + 1] || doc->orig_offset[i] < 0) abort();
    int ns = ent_split(doc->text, doc->len, spans, 512);
    if (ns < 0) abort();
    int32_t prev = 0;
    for (int i = 0; i < ns && i < 512; i++) {
        ent_span s = spans[i];
        if (s.begin < prev || s.end <= s.begin || (size_t)s.end > doc->len ||
            s.end - s.begin > ENT_SPLIT_MAX_BYTES)
            abort();
        prev = s.end;
        int nt = ent_tokenize(doc->text, s.begin, s.end, toks, 256);
        if (nt < 0) abort();
        for (int j = 0; j < nt && j < 256; j++) {
            if (toks[j].begin < s.begin || toks[j].end > s.end || toks[j].begin >= toks[j].end)
                abort();
            if (!memchr(toks[j].ptb, '\0', sizeof toks[j].ptb) || !toks[j].ptb[0]) abort();
        }
    }
}

static int fuzz_docs(const uint8_t *data, size_t size, const char *name, int format) {
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    /* the first byte's low bit decides whether a default date is given
     * (which is what makes blank-line stories in text) */
    int32_t date = size && (data[0] & 1) ? 20240426 : 0;
    ent_doc_reader *r = ent_doc_open_mem((const char *)data, size, name, format, date, &d);
    if (!r) {
        if (d.count == 0) abort(); /* a failure always says why */
        ent_diags_free(&d);
        return 0;
    }
    ent_doc doc;
    int rc, guard = 0;
    while ((rc = ent_doc_next(r, &doc)) == 1 && guard++ < 100000) fuzz_check_doc(&doc);
    if (rc < 0 && d.count == 0) abort();
    ent_doc_close(r);
    ent_diags_free(&d);
    return 0;
}

#endif
