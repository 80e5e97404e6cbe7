/* flow.c -- the coding of ingest, recode and worker (see flow.h).
 *
 * Design.  The unit of work is a batch of documents, and a batch is one
 * transaction.  The runner (runner.h) overlaps the three kinds of work:
 * the caller's thread fills batches (reading input, or pulling messages),
 * coder threads each code whole batches (each with its own coder, tree and
 * parser; the dictionary set shared read-only), and one writer thread
 * commits coded batches in the order they were filled.  Raw text goes through the
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
#include "runner.h"
#include "sink.h"
#include "split.h"

/* ---- Coder threads ------------------------------------------------------------ */

typedef struct ent_flow_coder {
    ent_pipeline *pipe;          /* its coder, tagger, parser and tree */
    ent_batch *b;                /* the batch being coded */
} worker;

static const char *arena_dup(worker *w, const char *s) {
    const char *r = ent_arena_strdup(&w->b->ev_arena, s ? s : "");
    if (!r) w->b->failed = 1;
    return r ? r : "";
}

/* Append the coder's events for sentence `sent` of doc to the batch. */
static int keep_events(worker *w, ent_batch_doc *doc, int sent, const ent_tree *t, const ent_event *ev,
                       int n) {
    char stext[256], ttext[256], vtext[64], dtext[96], ptext[128];
    for (int i = 0; i < n; i++) {
        const ent_event *e = &ev[i];
        ent_store_event *x = ent_vec_push(&w->b->events);
        if (!x) return -1;
        ent_evdate_text(t, e->when.begin, e->when.end, dtext, sizeof dtext);
        x->event_date = e->when.date;
        x->date_precision = e->when.precision;
        x->date_text = arena_dup(w, dtext);
        ent_evdate_text(t, e->where.begin, e->where.end, ptext, sizeof ptext);
        ent_sink_set_place(x, &e->where, arena_dup(w, ptext));
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
    /* The splitter leaves the story's dateline out of every sentence, but
     * the state it names places the story's agents: the first sentence is
     * stored with it, so that recode finds that state as coding did. */
    int32_t begin = s->span.begin;
    if (s->index == 0 && begin > 0 && (size_t)begin == ent_split_dateline(d->text, d->len)) begin = 0;
    const char *text = ent_arena_strndup(&w->b->ev_arena, d->text + begin, (size_t)(s->span.end - begin));
    if (!text) return 1;
    doc->sents[doc->n_sents] = (ent_store_sentence){
        .index = s->index, .text = text, .begin = begin, .end = s->span.end, .parse = NULL};
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

/* Code one stored or read sentence into doc's events: from its parse,
 * or from its text as the splitter cut it; the first sentence of a story
 * may open with its dateline (text_sentence), whose state, in home, places
 * the agents of every sentence after it.  ENT_DISCARD_STORY_HIT when the
 * sentence discards the story. */
static int code_sentence(worker *w, ent_batch_doc *doc, const ent_store_sentence *st, char home[4]) {
    ent_sentence_in in = {.date = doc->d.date, .where = doc->where, .line = doc->line, .home = home};
    if (st->parse && *st->parse) {
        in.parse = st->parse;
        in.parse_len = strlen(st->parse);
    } else {
        in.text = st->text;
        in.span = (ent_span){0, (int32_t)strlen(st->text)};
        in.dateline = st->index == 0;
    }
    ent_coded_sentence cs;
    int rc = ent_pipeline_code_sentence(w->pipe, &in, &w->b->diags, &cs);
    if (rc) {
        doc->bad = rc > 0;
        return rc < 0 ? -1 : 0;
    }
    if (in.dateline) memcpy(home, cs.tree->home, 4);
    if (keep_events(w, doc, st->index, cs.tree, cs.events, cs.n_events)) return -1;
    return cs.status;
}

static void code_doc(worker *w, ent_batch_doc *doc) {
    doc->ev_start = w->b->events.len;
    doc->ev_n = 0;
    if (doc->d.skipped) return;
    int rc = 0;
    if (doc->text) rc = code_text(w, doc);
    /* a story discard stops the coding of the story, as in code_text */
    char home[4] = "";
    for (int i = 0; i < doc->n_sents && rc >= 0 && rc != ENT_DISCARD_STORY_HIT && !doc->text; i++)
        rc = code_sentence(w, doc, &doc->sents[i], home);
    if (rc < 0) w->b->failed = 1;
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

/* ---- The flow on the runner ---------------------------------------------------
 *
 * A batch is one unit of the runner's work (chunk 0): one coder codes it
 * whole, because its events go into one vector, in document order.
 */

static int flow_fill(void *ctx, void *batch, int *n) {
    ent_flow *f = ctx;
    ent_batch *b = batch;
    ent_batch_reset(b);
    int r = f->fill(f->fill_ctx, b);
    *n = b->n;
    return r;
}

static void flow_code(void *ctx, int worker_index, void *batch, int from, int to) {
    (void)from;
    (void)to;
    ent_flow *f = ctx;
    code_batch(&f->w[worker_index], batch);
}

static int flow_write(void *ctx, void *batch) {
    ent_flow *f = ctx;
    return f->write(f->write_ctx, batch);
}

void ent_flow_free(ent_flow *f) {
    if (f->w) {
        for (int i = 0; i < f->n_workers; i++) {
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
}

/* n coders, each with its own coder and parser over the shared
 * dictionaries; two slots a coder plus two, so the reader can fill one
 * and the writer commit one while every coder has work. */
int ent_flow_init(ent_flow *f, int n, const ent_dict *d, int (*write)(void *, ent_batch *), void *ctx) {
    memset(f, 0, sizeof *f);
    f->write = write;
    f->write_ctx = ctx;
    n = n < 1 ? 1 : n > ENT_RUNNER_MAX_WORKERS ? ENT_RUNNER_MAX_WORKERS : n;
    f->w = calloc((size_t)n, sizeof *f->w);
    f->n_slots = 2 * n + 2;
    f->slots = calloc((size_t)f->n_slots, sizeof *f->slots);
    if (!f->w || !f->slots) return -1;
    for (int i = 0; i < f->n_slots; i++) ent_batch_init(&f->slots[i]);
    f->n_workers = n;
    for (int i = 0; i < n; i++) {
        worker *w = &f->w[i];
        w->pipe = ent_pipeline_new(d, &d->options);
        if (!w->pipe) return -1;
    }
    return 0;
}

int ent_flow_run(ent_flow *f, int (*fill)(void *, ent_batch *), void *fill_ctx, FILE *err) {
    f->fill = fill;
    f->fill_ctx = fill_ctx;
    void *batches[2 * ENT_RUNNER_MAX_WORKERS + 2];
    for (int i = 0; i < f->n_slots; i++) batches[i] = &f->slots[i];
    ent_runner_job job = {.ctx = f, .fill = flow_fill, .code = flow_code, .write = flow_write};
    return ent_runner_run(&job, batches, f->n_slots, f->n_workers, err);
}
