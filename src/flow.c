/* flow.c -- the runner of ingest, recode and worker (see flow.h).
 *
 * Design.  The unit of work is a batch of documents, and a batch is one
 * transaction.  Three kinds of thread overlap: the caller's thread fills
 * batches (reading input, or pulling messages), persistent coder threads
 * each code whole batches (each with its own coder, tree and parser; the
 * dictionary set shared read-only), and one writer thread commits coded
 * batches in the order they were filled.  Raw text goes through the
 * pipeline (pipeline.h), whose sentences are stored as it splits them;
 * parsed sentences are read into the coder's tree as they come.
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

#include "coder.h"
#include "dict.h"
#include "doc.h"
#include "jobs.h"
#include "pipeline.h"

#define MAX_THREADS 64

/* ---- Coder threads ------------------------------------------------------------ */

typedef struct ent_flow_coder {
    pthread_t tid;
    int started;
    ent_coder *coder;
    ent_tree tree;
    ent_pipeline *pipe;
    ent_batch *b;                /* the batch being coded */
    struct ent_flow *flow;
} worker;

static const char *arena_dup(worker *w, const char *s) {
    const char *r = ent_arena_strdup(&w->b->ev_arena, s ? s : "");
    if (!r) w->b->failed = 1;
    return r ? r : "";
}

/* Append the coder's events for sentence `sent` of doc to the batch. */
static int keep_events(worker *w, ent_batch_doc *doc, int sent, const ent_tree *t, const ent_event *ev,
                       int n) {
    char stext[256], ttext[256], vtext[64], dtext[96];
    for (int i = 0; i < n; i++) {
        const ent_event *e = &ev[i];
        ent_store_event *x = ent_vec_push(&w->b->events);
        if (!x) return -1;
        ent_evdate_text(t, e->when.begin, e->when.end, dtext, sizeof dtext);
        x->event_date = e->when.date;
        x->date_precision = e->when.precision;
        x->date_text = arena_dup(w, dtext);
        ent_tree_span_text(t, e->src_begin, e->src_end, stext, sizeof stext);
        ent_tree_span_text(t, e->tgt_begin, e->tgt_end, ttext, sizeof ttext);
        ent_tree_span_text(t, e->verb_tok, e->verb_tok + 1, vtext, sizeof vtext);
        x->sent = sent;
        x->date = doc->d.date;
        x->source = arena_dup(w, e->source);
        x->target = arena_dup(w, e->target);
        x->code = arena_dup(w, e->code);
        x->root = arena_dup(w, e->root);
        x->quad = e->quad;
        x->goldstein = e->goldstein;
        x->source_text = arena_dup(w, stext);
        x->target_text = arena_dup(w, ttext);
        x->verb = arena_dup(w, vtext);
        x->pattern = arena_dup(w, e->pattern ? e->pattern->text : "");
        x->issue = e->issue ? arena_dup(w, e->issue) : NULL;
        doc->ev_n++;
    }
    return w->b->failed ? -1 : 0;
}

/* The raw-text seam: the pipeline splits and parses; each sentence it
 * hands back becomes a stored sentence with its events. */
static int text_sentence(void *user, const ent_doc *d, const ent_coded_sentence *s) {
    void **ctx = user;
    worker *w = ctx[0];
    ent_batch_doc *doc = ctx[1];
    /* sentences are stored from here for raw text (the reader does not
     * know them) */
    if (s->cut) ent_jobs_report_cut(&w->b->diags, doc->where, doc->line, doc->d.id, s);
    if (ent_batch_sents_room(&w->b->ev_arena, doc) < 0) return 1;
    const char *text = ent_arena_strndup(&w->b->ev_arena, d->text + s->span.begin,
                                         (size_t)(s->span.end - s->span.begin));
    if (!text) return 1;
    doc->sents[doc->n_sents] = (ent_store_sentence){
        .index = s->index, .text = text, .begin = s->span.begin, .end = s->span.end, .parse = NULL};
    doc->n_sents++;
    return keep_events(w, doc, s->index, s->tree, s->events, s->n_events) ? 1 : 0;
}

static int code_text(worker *w, ent_batch_doc *doc) {
    ent_doc d = {.id = doc->d.id, .date = doc->d.date, .source = doc->d.source,
                 .url = doc->d.url, .title = doc->d.title, .text = doc->text,
                 .len = strlen(doc->text), .where = doc->where, .line = doc->line};
    void *ctx[2] = {w, doc};
    return ent_pipeline_code_doc(w->pipe, &d, text_sentence, ctx) < 0 ? -1 : 0;
}

/* Code one stored or read sentence into doc's events. */
static int code_sentence(worker *w, ent_batch_doc *doc, const ent_store_sentence *st) {
    if (!st->parse || !*st->parse) {
        if (ent_pipeline_parse_text(w->pipe, st->text, (int32_t)strlen(st->text), &w->tree) < 0)
            return -1;
    } else if (ent_jobs_read_tree(&w->tree, st->parse, strlen(st->parse), &w->b->diags,
                                  doc->where, doc->line) < 0) {
        doc->bad = 1;
        return 0;
    }
    const ent_event *ev;
    int n;
    if (ent_coder_code(w->coder, &w->tree, doc->d.date, &ev, &n) < 0) return -1;
    return keep_events(w, doc, st->index, &w->tree, ev, n);
}

static void code_doc(worker *w, ent_batch_doc *doc) {
    doc->ev_start = w->b->events.len;
    doc->ev_n = 0;
    if (doc->d.skipped) return;
    int rc = 0;
    if (doc->text) rc = code_text(w, doc);
    for (int i = 0; i < doc->n_sents && !rc && !doc->text; i++)
        rc = code_sentence(w, doc, &doc->sents[i]);
    if (rc) w->b->failed = 1;
}

/* Code every document of b, then point each at its events (only now: the
 * vector moves while it grows). */
static void code_batch(worker *w, ent_batch *b) {
    w->b = b;
    for (int i = 0; i < b->n && !b->failed; i++) code_doc(w, &b->docs[i]);
    for (int i = 0; i < b->n; i++) {
        ent_batch_doc *d = &b->docs[i];
        d->d.events = d->ev_n ? &ENT_VEC_AT(&b->events, ent_store_event, d->ev_start) : NULL;
        d->d.n_events = d->ev_n;
        d->d.sentences = d->sents;
        d->d.n_sentences = d->n_sents;
    }
    w->b = NULL;
}

/* ---- The flow: reader -> coders -> writer -------------------------------------
 *
 * Coding and storing overlap: the caller's thread reads batches (and
 * drops what the store already holds), persistent coder threads code
 * whole batches, one at a time each, and one writer thread commits them
 * in the order they were read, so the store grows exactly as a
 * one-thread run would and a kill leaves a prefix of the input.  A fixed
 * ring of slots bounds memory: the reader waits for a free slot.  One
 * mutex and one condition serve every hand-over; they happen once a
 * batch, so contention is nothing next to coding.
 */


static void *coder_main(void *arg) {
    worker *w = arg;
    ent_flow *f = w->flow;
    pthread_mutex_lock(&f->mu);
    for (;;) {
        ent_batch *b = NULL;
        /* the oldest ready batch first, so the writer is never kept waiting
         * behind younger ones */
        for (int i = 0; i < f->n_slots; i++)
            if (f->slots[i].state == ENT_SLOT_READY && (!b || f->slots[i].seq < b->seq))
                b = &f->slots[i];
        if (b && !f->stop) {
            b->state = ENT_SLOT_CODING;
            pthread_mutex_unlock(&f->mu);
            code_batch(w, b);
            pthread_mutex_lock(&f->mu);
            b->state = ENT_SLOT_CODED;
            pthread_cond_broadcast(&f->cv);
            continue;
        }
        if (f->stop || f->eof) break;
        pthread_cond_wait(&f->cv, &f->mu);
    }
    pthread_mutex_unlock(&f->mu);
    return NULL;
}

static void *writer_main(void *arg) {
    ent_flow *f = arg;
    pthread_mutex_lock(&f->mu);
    for (;;) {
        ent_batch *b = NULL;
        for (int i = 0; i < f->n_slots && !b; i++)
            if (f->slots[i].state == ENT_SLOT_CODED && f->slots[i].seq == f->next_write)
                b = &f->slots[i];
        if (b && !f->stop) {
            pthread_mutex_unlock(&f->mu);
            int rc = f->write(f->write_ctx, b);
            pthread_mutex_lock(&f->mu);
            if (rc) f->stop = 1;
            b->state = ENT_SLOT_FREE;
            f->next_write++;
            pthread_cond_broadcast(&f->cv);
            continue;
        }
        if (f->stop || (f->eof && f->next_write == f->next_fill)) break;
        pthread_cond_wait(&f->cv, &f->mu);
    }
    pthread_mutex_unlock(&f->mu);
    return NULL;
}

void ent_flow_free(ent_flow *f) {
    if (f->w) {
        for (int i = 0; i < f->n_workers; i++) {
            ent_coder_free(f->w[i].coder);
            ent_tree_free(&f->w[i].tree);
            ent_pipeline_free(f->w[i].pipe);
        }
        free(f->w);
        f->w = NULL;
    }
    if (f->slots) {
        for (int i = 0; i < f->n_slots; i++) ent_batch_free(&f->slots[i]);
        free(f->slots);
        f->slots = NULL;
    }
    if (f->sync_ok) {
        pthread_cond_destroy(&f->cv);
        pthread_mutex_destroy(&f->mu);
    }
}

/* n coders, each with its own coder and parser over the shared
 * dictionaries; two slots a coder plus two, so the reader can fill one
 * and the writer commit one while every coder has work. */
int ent_flow_init(ent_flow *f, int n, const ent_dict *d, int (*write)(void *, ent_batch *), void *ctx) {
    memset(f, 0, sizeof *f);
    if (pthread_mutex_init(&f->mu, NULL)) return -1;
    if (pthread_cond_init(&f->cv, NULL)) {
        pthread_mutex_destroy(&f->mu);
        return -1;
    }
    f->sync_ok = 1;
    f->write = write;
    f->write_ctx = ctx;
    n = n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
    f->w = calloc((size_t)n, sizeof *f->w);
    f->n_slots = 2 * n + 2;
    f->slots = calloc((size_t)f->n_slots, sizeof *f->slots);
    if (!f->w || !f->slots) return -1;
    for (int i = 0; i < f->n_slots; i++) ent_batch_init(&f->slots[i]);
    f->n_workers = n;
    for (int i = 0; i < n; i++) {
        worker *w = &f->w[i];
        w->flow = f;
        ent_tree_init(&w->tree);
        w->coder = ent_coder_new(d, &d->options);
        if (!w->coder) return -1;
        w->pipe = ent_pipeline_new(d, &d->options);
        if (!w->pipe) return -1;
    }
    return 0;
}

/* Run the flow: fill(ctx, b) puts the next batch's documents into b and
 * returns 1 (more to come), 0 (this was the last) or -1 (error).  The
 * coders and the writer run on their own threads; the caller's thread
 * reads.  0 when everything read was committed, -1 otherwise. */
int ent_flow_run(ent_flow *f, int (*fill)(void *, ent_batch *), void *fill_ctx, FILE *err) {
    int started = 0;
    for (int i = 0; i < f->n_workers; i++)
        if (pthread_create(&f->w[i].tid, NULL, coder_main, &f->w[i]) == 0) {
            f->w[i].started = 1;
            started++;
        }
    if (started && pthread_create(&f->writer, NULL, writer_main, f) == 0) f->writer_started = 1;
    int rc = 0;
    if (!started || !f->writer_started) {
        fprintf(err, "entente: cannot start threads\n");
        rc = -1;
        f->stop = 1;
    }
    while (!rc) {
        ent_batch *b = NULL;
        pthread_mutex_lock(&f->mu);
        while (!f->stop) {
            for (int i = 0; i < f->n_slots && !b; i++)
                if (f->slots[i].state == ENT_SLOT_FREE) b = &f->slots[i];
            if (b) break;
            pthread_cond_wait(&f->cv, &f->mu);
        }
        if (b) b->state = ENT_SLOT_FILLING;
        pthread_mutex_unlock(&f->mu);
        if (!b) break;   /* stopped */
        ent_batch_reset(b);
        int r = fill(fill_ctx, b);
        pthread_mutex_lock(&f->mu);
        /* a read error ends the input, not the flow: what was read before
         * it is still coded and committed, as a later run would anyway */
        if (r < 0) rc = -1;
        if (r < 0 || (r == 0 && b->n == 0 && b->pre_skipped == 0)) {
            b->state = ENT_SLOT_FREE;
        } else {
            b->seq = f->next_fill++;
            b->state = ENT_SLOT_READY;
        }
        if (r <= 0) f->eof = 1;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
        if (r <= 0) break;
    }
    pthread_mutex_lock(&f->mu);
    f->eof = 1;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
    for (int i = 0; i < f->n_workers; i++)
        if (f->w[i].started) pthread_join(f->w[i].tid, NULL);
    if (f->writer_started) pthread_join(f->writer, NULL);
    /* the writer stops the flow on a failed commit */
    return rc || f->stop ? -1 : 0;
}
