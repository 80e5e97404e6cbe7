/* sentspan.c -- the sentence behind a stored event and where its words
 * stand in it (see sentspan.h).
 *
 * The offsets are found again at reading time rather than kept by ingest:
 * the words are already stored, a page of events is a few hundred
 * sentences at most, and the store's schema stays as every existing store
 * has it.  A page's sentences are read a few dozen documents at a time.
 */
#include "sentspan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int is_word(char c) {
    unsigned char u = (unsigned char)c;
    return (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u >= 0x80;
}

/* The end of words' tokens read from sent[at], or -1 when they are not
 * there. */
static long match_at(const char *sent, size_t n, size_t at, const char *words) {
    size_t i = at;
    const char *w = words;
    while (*w) {
        size_t k = strcspn(w, " ");
        if (k > n - i || memcmp(sent + i, w, k)) return -1;
        i += k;
        w += k;
        while (*w == ' ') w++;
        if (*w)
            while (i < n && is_space(sent[i])) i++;
    }
    return (long)i;
}

static int overlaps(size_t b, size_t e, const int32_t (*taken)[2], int n_taken) {
    for (int t = 0; t < n_taken; t++)
        if ((int64_t)b < taken[t][1] && (int64_t)e > taken[t][0]) return 1;
    return 0;
}

int ent_sentspan_find(const char *sent, size_t n, const char *words, const int32_t (*taken)[2],
                      int n_taken, int32_t span[2]) {
    while (*words == ' ') words++;
    if (!*words || n > INT32_MAX) return -1;
    for (size_t at = 0; at < n; at++) {
        /* a word boundary before a word character, and after one */
        if (at && is_word(words[0]) && is_word(sent[at - 1])) continue;
        long end = match_at(sent, n, at, words);
        if (end < 0) continue;
        size_t e = (size_t)end;
        if (e < n && e > at && is_word(sent[e - 1]) && is_word(sent[e])) continue;
        if (overlaps(at, e, taken, n_taken)) continue;
        span[0] = (int32_t)at;
        span[1] = (int32_t)e;
        return 0;
    }
    return -1;
}

static const char *field(json_object *e, const char *name) {
    json_object *v;
    return json_object_object_get_ex(e, name, &v) ? json_object_get_string(v) : NULL;
}

/* "spans" of one event in its sentence's text; NULL when memory ran out. */
static json_object *spans_of(json_object *e, const char *sent, size_t n) {
    static const char *const names[3] = {"source", "target", "verb"};
    static const char *const fields[3] = {"source_text", "target_text", "verb"};
    int32_t taken[3][2];
    int n_taken = 0;
    json_object *spans = json_object_new_object();
    for (int i = 0; spans && i < 3; i++) {
        const char *words = field(e, fields[i]);
        int32_t sp[2];
        json_object *v = NULL;
        if (words &&
            ent_sentspan_find(sent, n, words, (const int32_t(*)[2])taken, n_taken, sp) == 0) {
            taken[n_taken][0] = sp[0];
            taken[n_taken][1] = sp[1];
            n_taken++;
            json_object *b = json_object_new_int(sp[0]), *end = json_object_new_int(sp[1]);
            v = json_object_new_array_ext(2);
            if (!v || !b || !end || json_object_array_add(v, b) || (b = NULL, 0) ||
                json_object_array_add(v, end)) {
                json_object_put(b);
                json_object_put(end);
                json_object_put(v);
                json_object_put(spans);
                return NULL;
            }
        }
        if (json_object_object_add(spans, names[i], v)) {
            json_object_put(v);
            json_object_put(spans);
            return NULL;
        }
    }
    return spans;
}

/* The sentences of a page of events, gathered by document: one query
 * for up to SENTSPAN_DOCS documents instead of one per event (on
 * PostgreSQL a round trip each). */
#define SENTSPAN_DOCS 32

typedef struct page_texts {
    json_object *events;
    size_t n;
    json_object **text; /* per event: its sentence's text, or NULL */
    int oom;
} page_texts;

/* A row (document id, sentence index, text): the text of every event of
 * the page that stands in that sentence. */
static int on_sentence(void *user, int n, const char *const *cols) {
    page_texts *p = user;
    if (n < 3 || !cols[0] || !cols[1] || !cols[2]) return 0;
    long idx = strtol(cols[1], NULL, 10);
    for (size_t i = 0; i < p->n; i++) {
        json_object *e = json_object_array_get_idx(p->events, i), *sent;
        const char *doc = field(e, "doc");
        if (p->text[i] || !doc || strcmp(doc, cols[0]) ||
            !json_object_object_get_ex(e, "sent", &sent) || json_object_get_int64(sent) != idx)
            continue;
        if (!(p->text[i] = json_object_new_string(cols[2]))) return p->oom = 1;
    }
    return 0;
}

/* Read the sentences of the documents named by events [from, to) into
 * p->text, the first of each document's events standing for it.  0, or
 * -1 with a message. */
static int read_texts(ent_store *st, page_texts *p, char *err, size_t cap) {
    static const char *head = "SELECT d.id, s.idx, s.text FROM sentences s JOIN documents d"
                              " ON d.key = s.doc WHERE d.id IN (";
    ent_store_value params[SENTSPAN_DOCS];
    char sql[256 + 2 * SENTSPAN_DOCS];
    size_t i = 0;
    while (i < p->n) {
        int k = 0;
        /* the next documents not yet asked for (events come grouped by
         * date and document, so a repeat is almost always the last one) */
        for (; i < p->n && k < SENTSPAN_DOCS; i++) {
            const char *doc = field(json_object_array_get_idx(p->events, i), "doc");
            if (!doc) {
                snprintf(err, cap, "an event without its document");
                return -1;
            }
            int seen = 0;
            for (int j = 0; j < k && !seen; j++) seen = !strcmp(params[j].s, doc);
            if (!seen) params[k++] = (ent_store_value){.type = ENT_SV_TEXT, .s = doc};
        }
        int len = snprintf(sql, sizeof sql, "%s", head);
        for (int j = 0; j < k; j++)
            len += snprintf(sql + len, sizeof sql - (size_t)len, "%s?", j ? "," : "");
        snprintf(sql + len, sizeof sql - (size_t)len, ")");
        int rc = ent_store_query(st, sql, params, k, on_sentence, p);
        if (rc < 0 || p->oom) {
            snprintf(err, cap, "%s", p->oom ? "out of memory" : ent_store_error(st));
            return -1;
        }
    }
    return 0;
}

int ent_sentspan_add(ent_store *st, json_object *events, char *err, size_t cap) {
    page_texts p = {.events = events, .n = json_object_array_length(events)};
    p.text = calloc(p.n ? p.n : 1, sizeof *p.text);
    if (!p.text) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    int rc = read_texts(st, &p, err, cap);
    for (size_t i = 0; i < p.n && rc == 0; i++) {
        json_object *e = json_object_array_get_idx(events, i);
        const char *text = p.text[i] ? json_object_get_string(p.text[i]) : "";
        size_t len = p.text[i] ? (size_t)json_object_get_string_len(p.text[i]) : 0;
        json_object *spans = spans_of(e, text, len);
        /* the event owns its text once added (null when the store has none) */
        if (spans && json_object_object_add(e, "sentence", p.text[i]) == 0) p.text[i] = NULL;
        else rc = -1;
        if (rc || json_object_object_add(e, "spans", spans)) {
            json_object_put(spans);
            snprintf(err, cap, "out of memory");
            rc = -1;
        }
    }
    for (size_t i = 0; i < p.n; i++) json_object_put(p.text[i]);
    free(p.text);
    return rc;
}
