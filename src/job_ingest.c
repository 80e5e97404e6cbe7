/* job_ingest.c -- `entente ingest` and `entente recode`: documents coded
 * and kept in the store.
 *
 * Design.  The unit of work is a batch of documents, and a batch is one
 * transaction.  Three kinds of thread overlap (see "The flow" below): the
 * caller's thread reads a batch and drops, in one lookup, the documents
 * the store already holds, before spending time coding them; persistent
 * coder threads each code whole batches (each with its own coder, tree
 * and parser; the dictionary set shared read-only); one writer thread
 * stores coded batches with ent_store_put in the order they were read.
 * A kill at any moment leaves the store at the last committed batch;
 * running the same ingest again skips what is stored and codes the rest,
 * so resuming needs no journal of its own.
 * recode runs the same flow: batches of documents coded with another
 * dictionary set, read by key, re-coded from their stored parses (or
 * text), their events replaced in one transaction per batch.
 *
 * Inputs: PETRARCH XML records (one document each, with the parse kept so
 * it can be recoded; a record without a parse goes through the raw-text
 * pipeline) and CoNLL-U blocks (one document each).  Raw text and JSONL
 * documents (doc.h) go through the raw-text pipeline (pipeline.h) at
 * code_text(); their sentences are stored as the pipeline splits them and
 * recoded from their text.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coder.h"
#include "dict.h"
#include "entente.h"
#include "conllu.h"
#include "jobs.h"
#include "petrxml.h"
#include "store.h"

/* The raw-text pipeline is built in; the switch keeps the seam visible. */
#ifndef ENT_INGEST_PIPELINE
#define ENT_INGEST_PIPELINE 1
#endif
#if ENT_INGEST_PIPELINE
#include "doc.h"
#include "pipeline.h"
#endif

#define DEFAULT_BATCH 256
#define MAX_THREADS 64

/* ---- Documents of a batch --------------------------------------------------- */

typedef struct in_doc {
    ent_store_doc d;
    ent_store_sentence *sents;
    int n_sents;
    const char *where;       /* file, for messages */
    long line;
    size_t ev_start;         /* its events in the batch's vector */
    int ev_n;
    int bad;                 /* a parse could not be read */
    const char *text;        /* raw text for the pipeline, or NULL */
} in_doc;

/* Where a batch is in the flow (see flow below). */
enum { SLOT_FREE, SLOT_FILLING, SLOT_READY, SLOT_CODING, SLOT_CODED };

/* A batch owns everything its documents point at, so it can travel from
 * the reader to a coder to the writer without copies: the reader's
 * strings, the coder's event strings and events, the coder's messages. */
typedef struct batch {
    in_doc *docs;
    int n, cap;
    ent_arena arena;         /* the documents' strings (filled by the reader) */
    ent_arena ev_arena;      /* event strings, raw-text sentences (the coder) */
    ent_vec events;          /* ent_store_event, the documents' in order */
    ent_diags diags;         /* the coder's messages, printed in batch order */
    int failed;              /* out of memory while coding */
    int state;               /* SLOT_* */
    long long seq;           /* order of reading = order of committing */
    long pre_skipped;        /* dropped by the reader's lookup, counted in order */
    long long units_done;    /* input lines read when it was filled (ETA) */
} batch;

static in_doc *batch_push(batch *b) {
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 64;
        in_doc *nd = realloc(b->docs, (size_t)cap * sizeof *nd);
        if (!nd) return NULL;
        b->docs = nd;
        b->cap = cap;
    }
    in_doc *d = &b->docs[b->n++];
    memset(d, 0, sizeof *d);
    return d;
}

static void batch_init(batch *b) {
    memset(b, 0, sizeof *b);
    ent_arena_init(&b->arena, 1 << 20);
    ent_arena_init(&b->ev_arena, 1 << 18);
    ent_vec_init(&b->events, sizeof(ent_store_event));
    ent_diags_init(&b->diags, NULL, 0);
}

static void batch_reset(batch *b) {
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

static void batch_free(batch *b) {
    free(b->docs);
    ent_arena_free(&b->arena);
    ent_arena_free(&b->ev_arena);
    ent_vec_free(&b->events);
    ent_diags_free(&b->diags);
}

/* ---- Coder threads ------------------------------------------------------------ */

typedef struct worker {
    pthread_t tid;
    int started;
    ent_coder *coder;
    ent_tree tree;
#if ENT_INGEST_PIPELINE
    ent_pipeline *pipe;
#endif
    batch *b;                /* the batch being coded */
    struct flow *flow;
} worker;

static const char *arena_dup(worker *w, const char *s) {
    const char *r = ent_arena_strdup(&w->b->ev_arena, s ? s : "");
    if (!r) w->b->failed = 1;
    return r ? r : "";
}

/* Append the coder's events for sentence `sent` of doc to the batch. */
static int keep_events(worker *w, in_doc *doc, int sent, const ent_tree *t, const ent_event *ev,
                       int n) {
    char stext[256], ttext[256], vtext[64];
    for (int i = 0; i < n; i++) {
        const ent_event *e = &ev[i];
        ent_store_event *x = ent_vec_push(&w->b->events);
        if (!x) return -1;
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

#if ENT_INGEST_PIPELINE
/* The raw-text seam: the pipeline splits and parses; each sentence it
 * hands back becomes a stored sentence with its events. */
/* Room for one more sentence in doc->sents, which lives in arena a: the
 * array doubles (32, 64, ...), so a long document costs linear memory.
 * 0, or -1 on out of memory. */
static int sents_room(ent_arena *a, in_doc *doc) {
    int n = doc->n_sents;
    if (n != 0 && (n < 32 || (n & (n - 1)))) return 0;
    size_t cap = n ? (size_t)n * 2 : 32;
    ent_store_sentence *ns = ent_arena_alloc(a, cap * sizeof *ns);
    if (!ns) return -1;
    if (n) memcpy(ns, doc->sents, (size_t)n * sizeof *ns);
    doc->sents = ns;
    return 0;
}

static int text_sentence(void *user, const ent_doc *d, const ent_coded_sentence *s) {
    void **ctx = user;
    worker *w = ctx[0];
    in_doc *doc = ctx[1];
    /* sentences are stored from here for raw text (the reader does not
     * know them) */
    if (s->cut) ent_jobs_report_cut(&w->b->diags, doc->where, doc->line, doc->d.id, s);
    if (sents_room(&w->b->ev_arena, doc) < 0) return 1;
    const char *text = ent_arena_strndup(&w->b->ev_arena, d->text + s->span.begin,
                                         (size_t)(s->span.end - s->span.begin));
    if (!text) return 1;
    doc->sents[doc->n_sents] = (ent_store_sentence){
        .index = s->index, .text = text, .begin = s->span.begin, .end = s->span.end, .parse = NULL};
    doc->n_sents++;
    return keep_events(w, doc, s->index, s->tree, s->events, s->n_events) ? 1 : 0;
}
#endif

static int code_text(worker *w, in_doc *doc) {
#if ENT_INGEST_PIPELINE
    ent_doc d = {.id = doc->d.id, .date = doc->d.date, .source = doc->d.source,
                 .url = doc->d.url, .title = doc->d.title, .text = doc->text,
                 .len = strlen(doc->text), .where = doc->where, .line = doc->line};
    void *ctx[2] = {w, doc};
    return ent_pipeline_code_doc(w->pipe, &d, text_sentence, ctx) < 0 ? -1 : 0;
#else
    ent_diag(&w->b->diags, doc->where, doc->line, "raw text needs the built-in parser, not built yet");
    doc->bad = 1;
    return 0;
#endif
}

/* Code one stored or read sentence into doc's events. */
static int code_sentence(worker *w, in_doc *doc, const ent_store_sentence *st) {
    if (!st->parse || !*st->parse) {
#if ENT_INGEST_PIPELINE
        if (ent_pipeline_parse_text(w->pipe, st->text, (int32_t)strlen(st->text), &w->tree) < 0)
            return -1;
#else
        return 0;   /* nothing to code from: no parse, no parser */
#endif
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

static void code_doc(worker *w, in_doc *doc) {
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
static void code_batch(worker *w, batch *b) {
    w->b = b;
    for (int i = 0; i < b->n && !b->failed; i++) code_doc(w, &b->docs[i]);
    for (int i = 0; i < b->n; i++) {
        in_doc *d = &b->docs[i];
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

typedef struct flow {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch *slots;
    int n_slots;
    worker *w;
    int n_workers;
    long long next_fill;     /* sequence number of the next batch read */
    long long next_write;    /* ... and of the next to commit */
    int eof;                 /* the reader is done */
    int stop;                /* an error somewhere: everyone leaves */
    int sync_ok;             /* mutex and condition initialised */
    pthread_t writer;
    int writer_started;
    /* commits one coded batch; runs on the writer thread only */
    int (*write)(void *ctx, batch *b);
    void *write_ctx;
} flow;

static void *coder_main(void *arg) {
    worker *w = arg;
    flow *f = w->flow;
    pthread_mutex_lock(&f->mu);
    for (;;) {
        batch *b = NULL;
        /* the oldest ready batch first, so the writer is never kept waiting
         * behind younger ones */
        for (int i = 0; i < f->n_slots; i++)
            if (f->slots[i].state == SLOT_READY && (!b || f->slots[i].seq < b->seq))
                b = &f->slots[i];
        if (b && !f->stop) {
            b->state = SLOT_CODING;
            pthread_mutex_unlock(&f->mu);
            code_batch(w, b);
            pthread_mutex_lock(&f->mu);
            b->state = SLOT_CODED;
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
    flow *f = arg;
    pthread_mutex_lock(&f->mu);
    for (;;) {
        batch *b = NULL;
        for (int i = 0; i < f->n_slots && !b; i++)
            if (f->slots[i].state == SLOT_CODED && f->slots[i].seq == f->next_write)
                b = &f->slots[i];
        if (b && !f->stop) {
            pthread_mutex_unlock(&f->mu);
            int rc = f->write(f->write_ctx, b);
            pthread_mutex_lock(&f->mu);
            if (rc) f->stop = 1;
            b->state = SLOT_FREE;
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

static void flow_free(flow *f) {
    if (f->w) {
        for (int i = 0; i < f->n_workers; i++) {
            ent_coder_free(f->w[i].coder);
            ent_tree_free(&f->w[i].tree);
#if ENT_INGEST_PIPELINE
            ent_pipeline_free(f->w[i].pipe);
#endif
        }
        free(f->w);
        f->w = NULL;
    }
    if (f->slots) {
        for (int i = 0; i < f->n_slots; i++) batch_free(&f->slots[i]);
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
static int flow_init(flow *f, int n, const ent_dict *d, int (*write)(void *, batch *), void *ctx) {
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
    for (int i = 0; i < f->n_slots; i++) batch_init(&f->slots[i]);
    f->n_workers = n;
    for (int i = 0; i < n; i++) {
        worker *w = &f->w[i];
        w->flow = f;
        ent_tree_init(&w->tree);
        w->coder = ent_coder_new(d, &d->options);
        if (!w->coder) return -1;
#if ENT_INGEST_PIPELINE
        w->pipe = ent_pipeline_new(d, &d->options);
        if (!w->pipe) return -1;
#endif
    }
    return 0;
}

/* Run the flow: fill(ctx, b) puts the next batch's documents into b and
 * returns 1 (more to come), 0 (this was the last) or -1 (error).  The
 * coders and the writer run on their own threads; the caller's thread
 * reads.  0 when everything read was committed, -1 otherwise. */
static int flow_run(flow *f, int (*fill)(void *, batch *), void *fill_ctx, FILE *err) {
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
        batch *b = NULL;
        pthread_mutex_lock(&f->mu);
        while (!f->stop) {
            for (int i = 0; i < f->n_slots && !b; i++)
                if (f->slots[i].state == SLOT_FREE) b = &f->slots[i];
            if (b) break;
            pthread_cond_wait(&f->cv, &f->mu);
        }
        if (b) b->state = SLOT_FILLING;
        pthread_mutex_unlock(&f->mu);
        if (!b) break;   /* stopped */
        batch_reset(b);
        int r = fill(fill_ctx, b);
        pthread_mutex_lock(&f->mu);
        /* a read error ends the input, not the flow: what was read before
         * it is still coded and committed, as a later run would anyway */
        if (r < 0) rc = -1;
        if (r < 0 || (r == 0 && b->n == 0 && b->pre_skipped == 0)) {
            b->state = SLOT_FREE;
        } else {
            b->seq = f->next_fill++;
            b->state = SLOT_READY;
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

/* Print a coded batch's messages, counted in *said; -1 when coding ran
 * out of memory. */
static int batch_report(batch *b, FILE *err, long *said) {
    *said += ent_diags_print(&b->diags, err);
    if (b->failed) {
        fprintf(err, "entente: out of memory while coding\n");
        return -1;
    }
    return 0;
}

/* ---- Progress ---------------------------------------------------------------- */

typedef struct progress {
    int mode;                /* 0 bar, 1 lines, -1 none */
    FILE *err;
    double t0, last;
    long docs, skipped, sentences, events, bad;
    long said;               /* messages on the input the writer printed */
    long long units_total, units_done;   /* input lines, for the ETA */
    const char *verb;        /* "ingest" or "recode" */
} progress;

static void fmt_secs(char *out, size_t cap, double s) {
    long t = (long)(s + 0.5);
    if (t >= 3600) snprintf(out, cap, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else snprintf(out, cap, "%ld:%02ld", t / 60, t % 60);
}

static void progress_show(progress *p, int final) {
    if (p->mode < 0) return;
    double now = ent_now();
    if (!final && now - p->last < (p->mode == 0 ? 0.2 : 5.0)) return;
    p->last = now;
    double el = now - p->t0;
    double rate = el > 0 ? (double)(p->docs + p->skipped) / el : 0;
    double frac = p->units_total > 0 ? (double)p->units_done / (double)p->units_total : -1;
    if (frac > 1) frac = 1;
    char eta[32] = "?";
    if (frac > 0.001 && el > 0) fmt_secs(eta, sizeof eta, el / frac - el);
    if (p->mode == 0) {
        char bar[31];
        int fill = frac >= 0 ? (int)(frac * 30) : 0;
        for (int i = 0; i < 30; i++) bar[i] = i < fill ? '#' : '.';
        bar[30] = '\0';
        fprintf(p->err, "\r%s [%s] %3.0f%%  docs %ld  skipped %ld  sentences %ld  events %ld"
                        "  %.0f docs/s  ETA %s \033[K",
                p->verb, bar, frac >= 0 ? frac * 100 : 0, p->docs, p->skipped, p->sentences,
                p->events, rate, eta);
        if (final) fputc('\n', p->err);
    } else if (!final) {
        fprintf(p->err, "%s: %ld documents, %ld skipped, %ld sentences, %ld events, %.0f docs/s",
                p->verb, p->docs, p->skipped, p->sentences, p->events, rate);
        if (frac >= 0) fprintf(p->err, ", %.0f%% done, ETA %s", frac * 100, eta);
        fputc('\n', p->err);
    }
    fflush(p->err);
}

static void progress_init(progress *p, int mode, FILE *err, const char *verb) {
    memset(p, 0, sizeof *p);
    p->mode = mode == 0 ? (isatty(fileno(err)) ? 0 : 1) : mode > 0 ? 1 : -1;
    p->err = err;
    p->verb = verb;
    p->t0 = p->last = ent_now();
}

/* ---- Inputs ------------------------------------------------------------------ */

typedef struct inputs {
    char **paths;
    int n, cap;
} inputs;

static int inputs_add(inputs *in, const char *path) {
    if (in->n == in->cap) {
        int cap = in->cap ? in->cap * 2 : 16;
        char **np = realloc(in->paths, (size_t)cap * sizeof *np);
        if (!np) return -1;
        in->paths = np;
        in->cap = cap;
    }
    in->paths[in->n] = strdup(path);
    return in->paths[in->n++] ? 0 : -1;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories from a walk's start down to where it is, so a link
 * back up (a loop) is seen and not followed. */
typedef struct walk_up {
    dev_t dev;
    ino_t ino;
    const struct walk_up *up;
} walk_up;

/* Files of a directory, recursively, in name order (hidden ones left).
 * What cannot be read, or is neither a file nor a directory, is said and
 * passed over: the rest is still ingested. */
static int inputs_walk(inputs *in, const char *dir, const walk_up *up, FILE *err, long *said) {
    struct stat self;
    if (stat(dir, &self) < 0) {
        fprintf(err, "%s: cannot read directory: %s\n", dir, strerror(errno));
        return -1;
    }
    for (const walk_up *a = up; a; a = a->up)
        if (a->dev == self.st_dev && a->ino == self.st_ino) {
            fprintf(err, "%s: links back to a directory above it; not followed\n", dir);
            ++*said;
            return 0;
        }
    walk_up here_up = {self.st_dev, self.st_ino, up};
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(err, "%s: cannot read directory: %s\n", dir, strerror(errno));
        return -1;
    }
    inputs here = {0};
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) && !rc) {
        if (e->d_name[0] == '.') continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, n, "%s/%s", dir, e->d_name);
        rc = inputs_add(&here, p);
        free(p);
    }
    closedir(d);
    if (here.n) qsort(here.paths, (size_t)here.n, sizeof *here.paths, cmp_str);
    for (int i = 0; i < here.n && !rc; i++) {
        struct stat st;
        if (stat(here.paths[i], &st) < 0)
            ++*said, fprintf(err, "%s: cannot read: %s; passed over\n", here.paths[i], strerror(errno));
        else if (S_ISDIR(st.st_mode)) rc = inputs_walk(in, here.paths[i], &here_up, err, said);
        else if (S_ISREG(st.st_mode)) rc = inputs_add(in, here.paths[i]);
        else ++*said, fprintf(err, "%s: not a file or a directory; passed over\n", here.paths[i]);
    }
    for (int i = 0; i < here.n; i++) free(here.paths[i]);
    free(here.paths);
    return rc;
}

static void inputs_free(inputs *in) {
    for (int i = 0; i < in->n; i++) free(in->paths[i]);
    free(in->paths);
}

static long long count_lines(const char *buf, size_t n) {
    long long k = 1;
    for (const char *p = buf; (p = memchr(p, '\n', n - (size_t)(p - buf))); p++) k++;
    return k;
}

/* One open input: the whole file in memory (the XML reader streams from
 * it; CoNLL-U is cut into blocks in place). */
typedef struct source {
    const char *name;
    int form;
    char *buf;
    size_t len, pos;
    long line;
    int n;
    ent_petrxml *xml;
#if ENT_INGEST_PIPELINE
    ent_doc_reader *docs;
#endif
    int32_t default_date;
} source;

static int source_open(source *s, const char *path, int from, int32_t date, ent_diags *d) {
    memset(s, 0, sizeof *s);
    int in_stdin = !path || !strcmp(path, "-");
    s->name = in_stdin ? "<stdin>" : path;
    s->default_date = date;
    s->line = 1;
    if (ent_jobs_read_input(path, from, &s->buf, &s->len, &s->form, d) < 0) return -1;
#if ENT_INGEST_PIPELINE
    if (s->form == ENTENTE_IN_TEXT || s->form == ENTENTE_IN_JSONL) {
        s->docs = ent_doc_open_mem(s->buf, s->len, s->name,
                                   s->form == ENTENTE_IN_JSONL ? ENT_DOC_JSONL : ENT_DOC_TEXT,
                                   date, d);
        return s->docs ? 0 : -1;
    }
#endif
    if (s->form == ENTENTE_IN_PETRARCH_XML) {
        s->xml = ent_petrxml_open_mem(s->buf, s->len, s->name, d);
        if (!s->xml) return -1;
    }
    return 0;
}

static void source_close(source *s) {
#if ENT_INGEST_PIPELINE
    if (s->docs) ent_doc_close(s->docs);
    s->docs = NULL;
#endif
    if (s->xml) ent_petrxml_close(s->xml);
    free(s->buf);
    s->xml = NULL;
    s->buf = NULL;
}

static char *adup(batch *b, const char *s, size_t n) {
    return ent_arena_strndup(&b->arena, s ? s : "", s ? n : 0);
}

/* One sentence document into b. */
static int doc_one_sentence(batch *b, in_doc *doc, const char *text, const char *parse) {
    doc->sents = ent_arena_calloc(&b->arena, sizeof *doc->sents);
    if (!doc->sents) return -1;
    doc->n_sents = 1;
    doc->sents[0] = (ent_store_sentence){.index = 0, .text = text, .begin = 0,
                                         .end = (int32_t)strlen(text), .parse = parse};
    /* a record without text is told apart by its parse */
    const char *h = *text ? text : parse ? parse : "";
    doc->d.text_hash = ent_store_text_hash(h, strlen(h));
    doc->d.norm_hash = ent_store_norm_hash(h, strlen(h));
    return 0;
}

/* Next document of s into a new slot of b: 1, 0 at the end, -1 on error. */
static int source_next(source *s, batch *b, ent_diags *d, long long *line_out) {
    if (s->form == ENTENTE_IN_PETRARCH_XML) {
        ent_record r;
        for (;;) {
            int rc = ent_petrxml_next(s->xml, &r);
            if (rc <= 0) return rc;
            if (r.kind == ENT_REC_SENTENCE) break;
        }
        in_doc *doc = batch_push(b);
        if (!doc) return -1;
        char idbuf[300];
        if (!r.id) snprintf(idbuf, sizeof idbuf, "%s#%d", s->name, s->n);
        s->n++;
        doc->where = s->name;
        doc->line = r.line;
        *line_out = r.line;
        doc->d.id = adup(b, r.id ? r.id : idbuf, strlen(r.id ? r.id : idbuf));
        doc->d.date = ent_jobs_date(r.date, r.date ? strlen(r.date) : 0, s->default_date, d,
                                    s->name, r.line);
        doc->d.source = r.category ? adup(b, r.category, strlen(r.category)) : NULL;
        const char *text = adup(b, r.text, r.text ? strlen(r.text) : 0);
        const char *parse = r.parse ? adup(b, r.parse, strlen(r.parse)) : NULL;
        if (!doc->d.id || !text || (r.parse && !parse)) return -1;
        if (doc_one_sentence(b, doc, text, parse)) return -1;
#if ENT_INGEST_PIPELINE
        if (!parse) {   /* no parse given: the pipeline splits and parses */
            doc->text = text;
            doc->n_sents = 0;
        }
#endif
        return 1;
    }
    if (s->form == ENTENTE_IN_CONLLU) {
        /* blocks separated by blank lines; "# sent_id", "# date" and
         * "# text" comments give the document's id, date and text */
        ent_conllu_block blk;
        if (!ent_conllu_next_block(s->buf, s->len, &s->pos, &s->line, &blk)) return 0;
        in_doc *doc = batch_push(b);
        if (!doc) return -1;
        s->n++;
        doc->where = s->name;
        doc->line = blk.body_line;   /* the parse's messages count from its first line */
        *line_out = s->line;
        char idbuf[4200];
        const char *id = blk.sent_id ? NULL : ent_jobs_doc_id(idbuf, sizeof idbuf, s->name, s->n);
        doc->d.id = id ? adup(b, id, strlen(id)) : adup(b, blk.sent_id, blk.sent_id_len);
        doc->d.date = ent_jobs_date(blk.date, blk.date_len, s->default_date, d, s->name, blk.line);
        const char *parse = adup(b, s->buf + blk.body, blk.end - blk.body);
        const char *text = adup(b, blk.text, blk.text_len);   /* NULL: "" */
        if (!doc->d.id || !parse || !text) return -1;
        return doc_one_sentence(b, doc, text, parse) ? -1 : 1;
    }
#if ENT_INGEST_PIPELINE
    /* text and JSONL: the document reader of doc.h, text normalised */
    ent_doc x;
    int rc = ent_doc_next(s->docs, &x);
    if (rc <= 0) return rc;
    in_doc *doc = batch_push(b);
    if (!doc) return -1;
    s->n++;
    doc->where = s->name;
    doc->line = x.line;
    *line_out = x.line;
    doc->d.id = adup(b, x.id, strlen(x.id));
    doc->d.date = x.date;
    doc->d.source = x.source ? adup(b, x.source, strlen(x.source)) : NULL;
    doc->d.url = x.url ? adup(b, x.url, strlen(x.url)) : NULL;
    doc->d.title = x.title ? adup(b, x.title, strlen(x.title)) : NULL;
    doc->text = adup(b, x.text, x.len);
    if (!doc->d.id || !doc->text) return -1;
    doc->d.text_hash = ent_store_text_hash(x.text, x.len);
    doc->d.norm_hash = ent_store_norm_hash(x.text, x.len);
    return 1;
#endif
    ent_diag(d, s->name, 0,
             "raw text and JSONL need the built-in parser, not built yet; give PETRARCH XML "
             "or CoNLL-U with parses (--from petrarch-xml|conllu)");
    return -1;
}

/* ---- ingest ------------------------------------------------------------------- */

/* A growing copy of a batch's store records (the writer's scratch). */
typedef struct docs_buf {
    ent_store_doc *d;
    int cap;
} docs_buf;

static ent_store_doc *docs_of(docs_buf *db, batch *b) {
    if (b->n > db->cap) {
        ent_store_doc *nd = realloc(db->d, (size_t)b->n * sizeof *nd);
        if (!nd) return NULL;
        db->d = nd;
        db->cap = b->n;
    }
    for (int i = 0; i < b->n; i++) db->d[i] = b->docs[i].d;
    return db->d;
}

typedef struct ingest_ctx {
    /* the reader's side */
    ent_store *look;         /* its own handle: lookups run beside the writer's commits */
    const inputs *in;
    const long long *lines;  /* input lines of each file, for the ETA */
    int file;                /* index of the open source, or of the last one */
    source src;
    int src_open;
    long long done_lines, line;
    int bsize, from;
    int32_t date;
    uint64_t dict;
    ent_diags *dg;
    const char **ids;        /* lookup scratch, bsize each */
    uint64_t *hashes;
    unsigned char *seen;
    long said;               /* messages on the input it printed itself */
    /* the writer's side */
    ent_store *st;
    progress *pg;
    docs_buf docs;
    FILE *err;
} ingest_ctx;

/* A document not stored because another with its id but other text is:
 * not a copy seen again, so it is said, or it would be lost without a
 * word (CoNLL-U files that each number their sentences from 1, say). */
static void id_clash(FILE *err, long *said, const in_doc *d) {
    ++*said;
    fprintf(err, "%s:%ld: document %s: another document has this id; not stored "
                 "(document ids must be unique)\n",
            d->where ? d->where : "-", d->line, d->d.id ? d->d.id : "");
}

/* Read up to bsize documents (across files), then drop, in one lookup,
 * those the store already holds, before any time is spent coding them.
 * Documents committed while this batch waits are caught by the writer's
 * put (ON CONFLICT), so the lookup only saves work, never decides. */
static int ingest_fill(void *user, batch *b) {
    ingest_ctx *x = user;
    int more = 1;
    while (b->n < x->bsize) {
        if (!x->src_open) {
            if (x->file + 1 >= x->in->n) {
                more = 0;
                break;
            }
            x->file++;
            x->line = 0;
            if (source_open(&x->src, x->in->paths[x->file], x->from, x->date, x->dg)) {
                source_close(&x->src);
                return -1;
            }
            x->src_open = 1;
        }
        int r = source_next(&x->src, b, x->dg, &x->line);
        if (r < 0) return -1;
        if (r == 0) {
            source_close(&x->src);
            x->src_open = 0;
            x->done_lines += x->lines[x->file];
            x->line = 0;
        }
    }
    if (more && !x->src_open && x->file + 1 >= x->in->n) more = 0;
    b->units_done = x->done_lines + x->line;
    for (int i = 0; i < b->n; i++) {
        x->ids[i] = b->docs[i].d.id;
        x->hashes[i] = b->docs[i].d.norm_hash;
    }
    if (ent_store_seen_batch(x->look, x->ids, x->hashes, b->n, x->seen)) {
        fprintf(x->err, "entente: %s\n", ent_store_error(x->look));
        return -1;
    }
    int k = 0;
    for (int i = 0; i < b->n; i++) {
        if (x->seen[i]) {
            if (x->seen[i] == 2) id_clash(x->err, &x->said, &b->docs[i]);
            b->pre_skipped++;
            continue;
        }
        if (k != i) b->docs[k] = b->docs[i];
        b->docs[k++].d.dict = x->dict;
    }
    b->n = k;
    return more;
}

/* Store one coded batch and count it (the writer thread). */
static int ingest_write(void *user, batch *b) {
    ingest_ctx *x = user;
    progress *pg = x->pg;
    if (batch_report(b, x->err, &pg->said)) return -1;
    pg->skipped += b->pre_skipped;
    pg->units_done = b->units_done;
    int rc = 0;
    if (b->n) {
        ent_store_doc *docs = docs_of(&x->docs, b);
        if (!docs) {
            fprintf(x->err, "entente: out of memory\n");
            return -1;
        }
        int stored = 0;
        rc = ent_store_put(x->st, docs, b->n, &stored);
        if (rc) fprintf(x->err, "entente: %s\n", ent_store_error(x->st));
        else
            for (int i = 0; i < b->n; i++) {
                if (docs[i].skipped) {
                    if (docs[i].skipped == 2) id_clash(x->err, &pg->said, &b->docs[i]);
                    pg->skipped++;
                    continue;
                }
                pg->docs++;
                pg->sentences += docs[i].n_sentences;
                pg->events += docs[i].n_events;
                pg->bad += b->docs[i].bad;
            }
    }
    progress_show(pg, 0);
    return rc;
}

int entente_ingest(const entente_ingest_opts *o, char *const *files, int n_files, FILE *err) {
    int rc = 0, bsize = o->batch > 0 ? o->batch : DEFAULT_BATCH;
    char msg[1300];
    ent_store *st = NULL, *look = NULL;
    flow fl;
    int flow_ready = 0;
    inputs in = {0};
    long long *lines = NULL;
    ingest_ctx x = {0};
    ent_diags dg;
    ent_diags_init(&dg, err, 0);
    ent_dict *d = ent_jobs_load_dicts(o->dicts, 0, err);
    if (!d) {
        rc = 1;
        goto done;
    }
    st = ent_store_open(o->db, msg, sizeof msg);
    if (!st) {
        fprintf(err, "entente: %s\n", msg);
        rc = 1;
        goto done;
    }
    if (ent_store_add_dict(st, d->identity, d->name)) {
        fprintf(err, "entente: %s\n", ent_store_error(st));
        rc = 1;
        goto done;
    }
    look = ent_store_open(o->db, msg, sizeof msg);
    if (!look) {
        fprintf(err, "entente: %s\n", msg);
        rc = 1;
        goto done;
    }
    for (int i = 0; i < n_files && !rc; i++) {
        struct stat sb;
        if (strcmp(files[i], "-") && stat(files[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            rc = inputs_walk(&in, files[i], NULL, err, &x.said) ? 1 : 0;
        else if (inputs_add(&in, files[i])) rc = 1;
    }
    if (!rc && n_files == 0 && inputs_add(&in, "-")) rc = 1;
    progress pg;
    progress_init(&pg, o->progress, err, "ingest");
    /* the ETA counts input lines, read once up front (cheap next to coding) */
    lines = calloc((size_t)(in.n ? in.n : 1), sizeof *lines);
    x.ids = calloc((size_t)bsize, sizeof *x.ids);
    x.hashes = calloc((size_t)bsize, sizeof *x.hashes);
    x.seen = calloc((size_t)bsize, 1);
    if (!lines || !x.ids || !x.hashes || !x.seen) {
        fprintf(err, "entente: out of memory\n");
        rc = 1;
    }
    /* Lines per file, for the progress ETA only: a pass over every input
     * that is not worth making when nothing is shown. */
    for (int i = 0; i < in.n && !rc && pg.mode >= 0; i++) {
        if (!strcmp(in.paths[i], "-")) continue;
        size_t n;
        char *buf = ent_read_file(in.paths[i], &n);
        if (buf) lines[i] = count_lines(buf, n);
        free(buf);
        pg.units_total += lines[i];
    }
    x.look = look;
    x.in = &in;
    x.lines = lines;
    x.file = -1;
    x.bsize = bsize;
    x.from = o->from;
    x.date = o->date;
    x.dict = d->identity;
    x.dg = &dg;
    x.st = st;
    x.pg = &pg;
    x.err = err;
    if (!rc) {
        flow_ready = 1;
        if (flow_init(&fl, o->threads, d, ingest_write, &x)) {
            fprintf(err, "entente: out of memory\n");
            rc = 1;
        }
    }
    if (!rc && flow_run(&fl, ingest_fill, &x, err)) rc = 1;
    if (x.src_open) source_close(&x.src);
    pg.units_done = pg.units_total;
    if (pg.mode == 0) progress_show(&pg, 1);
    double el = ent_now() - pg.t0;
    fprintf(err,
            "ingest: %ld documents stored, %ld skipped (already stored), %ld sentences, %ld "
            "events in %.2f s (%.0f documents/s, %.0f events/s) into %s%s\n",
            pg.docs, pg.skipped, pg.sentences, pg.events, el, el > 0 ? (double)pg.docs / el : 0,
            el > 0 ? (double)pg.events / el : 0, ent_store_name(st),
            pg.bad ? " (some parses unreadable)" : "");
    /* done, but some input was not used as given: the messages say what */
    if (!rc && (pg.bad || pg.said || x.said || dg.count)) rc = 2;
done:
    if (flow_ready) flow_free(&fl);
    free(lines);
    free(x.ids);
    free(x.hashes);
    free(x.seen);
    free(x.docs.d);
    inputs_free(&in);
    ent_store_close(look);
    ent_store_close(st);
    ent_dict_free(d);
    ent_diags_free(&dg);
    return rc;
}

/* ---- recode ----------------------------------------------------------------- */

typedef struct recode_ctx {
    batch *b;
    int64_t last_key;
    int failed;
} recode_ctx;

static int recode_row(void *user, int64_t key, const char *doc_id, int32_t date,
                      const ent_store_sentence *s) {
    recode_ctx *x = user;
    batch *b = x->b;
    in_doc *doc = b->n && x->last_key == key ? &b->docs[b->n - 1] : NULL;
    if (!doc) {
        doc = batch_push(b);
        if (!doc) return x->failed = 1;
        doc->d.key = key;
        doc->d.id = adup(b, doc_id, strlen(doc_id));
        doc->d.date = date;
        doc->where = doc->d.id;
        x->last_key = key;
        if (!doc->d.id) return x->failed = 1;
    }
    if (!s) return 0;
    /* sentences arrive in order */
    if (sents_room(&b->arena, doc) < 0) return x->failed = 1;
    ent_store_sentence *ns = doc->sents;
    ns[doc->n_sents] = (ent_store_sentence){
        .index = s->index, .text = adup(b, s->text, strlen(s->text)), .begin = s->begin,
        .end = s->end, .parse = s->parse ? adup(b, s->parse, strlen(s->parse)) : NULL};
    if (!ns[doc->n_sents].text) return x->failed = 1;
    doc->n_sents++;
    return 0;
}

typedef struct recode_job {
    ent_store *look, *st;    /* the reader's and the writer's handles */
    uint64_t identity;
    int64_t after;           /* the last key read */
    int bsize;
    progress *pg;
    docs_buf docs;
    FILE *err;
} recode_job;

/* The next documents coded with another dictionary set, by key; keys
 * only grow, so the writer's updates behind the reader change nothing
 * it will read. */
static int recode_fill(void *user, batch *b) {
    recode_job *j = user;
    recode_ctx x = {b, -1, 0};
    int n = ent_store_stale(j->look, j->identity, j->after, j->bsize, recode_row, &x);
    if (n < 0 || x.failed) {
        fprintf(j->err, "entente: %s\n", x.failed ? "out of memory" : ent_store_error(j->look));
        return -1;
    }
    if (n == 0 || b->n == 0) return 0;
    j->after = b->docs[b->n - 1].d.key;
    for (int i = 0; i < b->n; i++) b->docs[i].d.dict = j->identity;
    return 1;
}

static int recode_write(void *user, batch *b) {
    recode_job *j = user;
    if (batch_report(b, j->err, &j->pg->said)) return -1;
    if (!b->n) return 0;
    ent_store_doc *docs = docs_of(&j->docs, b);
    if (!docs) {
        fprintf(j->err, "entente: out of memory\n");
        return -1;
    }
    if (ent_store_replace_events(j->st, docs, b->n)) {
        fprintf(j->err, "entente: %s\n", ent_store_error(j->st));
        return -1;
    }
    for (int i = 0; i < b->n; i++) {
        j->pg->docs++;
        j->pg->sentences += b->docs[i].n_sents;
        j->pg->events += b->docs[i].ev_n;
    }
    progress_show(j->pg, 0);
    return 0;
}

int entente_recode(const entente_ingest_opts *o, FILE *err) {
    int rc = 0;
    char msg[1300];
    flow fl;
    int flow_ready = 0;
    progress pg;
    recode_job j = {.bsize = o->batch > 0 ? o->batch : DEFAULT_BATCH, .err = err, .pg = &pg};
    ent_dict *d = ent_jobs_load_dicts(o->dicts, 0, err);
    if (!d) return 1;
    j.identity = d->identity;
    j.st = ent_store_open_existing(o->db, msg, sizeof msg);
    if (j.st) j.look = ent_store_open(o->db, msg, sizeof msg);
    if (!j.st || !j.look) {
        fprintf(err, "entente: %s\n", msg);
        rc = 1;
        goto done;
    }
    if (ent_store_add_dict(j.st, d->identity, d->name)) {
        fprintf(err, "entente: %s\n", ent_store_error(j.st));
        rc = 1;
        goto done;
    }
    flow_ready = 1;
    if (flow_init(&fl, o->threads, d, recode_write, &j)) {
        fprintf(err, "entente: out of memory\n");
        rc = 1;
        goto done;
    }
    progress_init(&pg, o->progress, err, "recode");
    if (flow_run(&fl, recode_fill, &j, err)) rc = 1;
    if (pg.mode == 0) progress_show(&pg, 1);
    double el = ent_now() - pg.t0;
    fprintf(err, "recode: %ld documents recoded, %ld sentences, %ld events in %.2f s into %s\n",
            pg.docs, pg.sentences, pg.events, el, ent_store_name(j.st));
done:
    if (flow_ready) flow_free(&fl);
    free(j.docs.d);
    ent_store_close(j.look);
    ent_store_close(j.st);
    ent_dict_free(d);
    return rc;
}
