/* batch.c -- batches of documents (see batch.h). */
#include "batch.h"

#include <stdlib.h>
#include <string.h>

ent_batch_doc *ent_batch_push(ent_batch *b) {
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 64;
        ent_batch_doc *nd = realloc(b->docs, (size_t)cap * sizeof *nd);
        if (!nd) return NULL;
        b->docs = nd;
        b->cap = cap;
    }
    ent_batch_doc *d = &b->docs[b->n++];
    memset(d, 0, sizeof *d);
    return d;
}

void ent_batch_init(ent_batch *b) {
    memset(b, 0, sizeof *b);
    ent_arena_init(&b->arena, 1 << 20);
    ent_arena_init(&b->ev_arena, 1 << 18);
    ent_vec_init(&b->events, sizeof(ent_store_event));
    ent_diags_init(&b->diags, NULL, 0);
}

void ent_batch_reset(ent_batch *b) {
    b->n = 0;
    ent_arena_reset(&b->arena);
    ent_arena_reset(&b->ev_arena);
    b->events.len = 0;
    ent_diags_free(&b->diags);
    ent_diags_init(&b->diags, NULL, 0);
    b->failed = 0;
    b->pre_skipped = 0;
    b->units_done = 0;
}

void ent_batch_free(ent_batch *b) {
    free(b->docs);
    ent_arena_free(&b->arena);
    ent_arena_free(&b->ev_arena);
    ent_vec_free(&b->events);
    ent_diags_free(&b->diags);
}

int ent_batch_sents_room(ent_arena *a, ent_batch_doc *doc) {
    int n = doc->n_sents;
    if (n != 0 && (n < 32 || (n & (n - 1)))) return 0;
    size_t cap = n ? (size_t)n * 2 : 32;
    ent_store_sentence *ns = ent_arena_alloc(a, cap * sizeof *ns);
    if (!ns) return -1;
    if (n) memcpy(ns, doc->sents, (size_t)n * sizeof *ns);
    doc->sents = ns;
    return 0;
}

int ent_batch_sentence_doc(ent_batch *b, ent_batch_doc *doc, const char *text, const char *parse) {
    doc->sents = ent_arena_calloc(&b->arena, sizeof *doc->sents);
    if (!doc->sents) return -1;
    doc->n_sents = 1;
    doc->sents[0] = (ent_store_sentence){
        .index = 0, .text = text, .begin = 0, .end = (int32_t)strlen(text), .parse = parse};
    /* a record without text is told apart by its parse */
    const char *h = *text ? text : parse ? parse : "";
    doc->d.text_hash = ent_store_text_hash(h, strlen(h));
    doc->d.norm_hash = ent_store_norm_hash(h, strlen(h));
    return 0;
}

int ent_batch_report(ent_batch *b, FILE *err, long *said) {
    *said += ent_diags_print(&b->diags, err);
    if (b->failed) {
        fprintf(err, "entente: out of memory while coding\n");
        return -1;
    }
    return 0;
}
char *ent_batch_dup(ent_batch *b, const char *s, size_t n) {
    return ent_arena_strndup(&b->arena, s ? s : "", s ? n : 0);
}

ent_store_doc *ent_batch_store_docs(ent_batch_docs *db, ent_batch *b) {
    if (b->n > db->cap) {
        ent_store_doc *nd = realloc(db->d, (size_t)b->n * sizeof *nd);
        if (!nd) return NULL;
        db->d = nd;
        db->cap = b->n;
    }
    for (int i = 0; i < b->n; i++) db->d[i] = b->docs[i].d;
    return db->d;
}
