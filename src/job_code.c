/* job_code.c -- `entente code`: sentences in, events out, on N threads.
 *
 * Design.  A pipeline over a small ring of batches.  The main thread
 * reads sentences into a batch (strings copied into the batch's arena)
 * and publishes it; N coder threads take items of published batches in
 * chunks, each rendering its item's events into the item's own buffer;
 * the main thread writes a batch's buffers once all its items are done,
 * oldest batch first.  Reading overlaps coding, output is in input order
 * whatever the thread count, and the lock is taken once per chunk, not per
 * sentence.  The dictionary set is shared read-only; each coder thread
 * owns its coder and tree.  With one thread there is no pipeline: the main
 * thread reads and codes in turn.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "coder.h"
#include "conllu.h"
#include "dict.h"
#include "doc.h"
#include "entente.h"
#include "jobs.h"
#include "pipeline.h"
#include "ptb.h"
#include "sink.h"
#include "source.h"

#define BATCH 2048
#define MAX_THREADS 64

typedef struct item {
    const char *doc;
    int sent;
    int32_t date;
    const char *parse;        /* a given parse, or NULL: code `text` from raw */
    size_t parse_len;
    const char *text;         /* a document's normalised text */
    size_t text_len;
    long line;
    ent_buf out;
    int n_events;
    int bad;                  /* parse could not be read */
} item;

/* ---- Sentences from the input front ------------------------------------------ */

/* The next record of s as an item (strings in arena a): coded from its
 * text by the built-in pipeline when it has no parse (or the parser is
 * builtin and the record is a PETRARCH one with text), else from its
 * parse.  1 item, 0 end, -1 error. */
static int next_item(ent_source *s, int parser, item *it, ent_arena *a, ent_diags *d) {
    ent_buf keep = it->out;   /* the render buffer is reused across batches */
    memset(it, 0, sizeof *it);
    it->out = keep;
    ent_source_rec r;
    int rc = ent_source_read(s, &r, d);
    if (rc <= 0) return rc;
    it->doc = ent_arena_strndup(a, r.id, r.id_len);
    it->date = r.date;
    int from_text = r.parse ? parser == ENTENTE_PARSER_BUILTIN && s->form == ENTENTE_IN_PETRARCH_XML
                            : r.normalised || parser != ENTENTE_PARSER_GIVEN;
    if (from_text) {
        it->text = ent_arena_strndup(a, r.text ? r.text : "", r.text ? r.text_len : 0);
        it->text_len = r.text ? r.text_len : 0;
        it->line = r.line;
        return it->doc && it->text ? 1 : -1;
    }
    /* a record without a parse under --parser given: its "parse" is empty,
     * and says so as an unreadable one */
    it->parse = ent_arena_strndup(a, r.parse ? r.parse : "", r.parse ? r.parse_len : 0);
    it->parse_len = r.parse ? r.parse_len : 0;
    it->line = r.parse_line;
    return it->doc && it->parse ? 1 : -1;
}

/* ---- Workers ------------------------------------------------------------------- */

#define RING 3
#define CHUNK 32

typedef struct batch {
    item items[BATCH];
    int n;                    /* items read */
    int next;                 /* next item to hand out */
    int done;                 /* items finished */
    int live;                 /* published and not yet written */
    long seq;
    ent_arena arena;
} batch;

typedef struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t work, finished;
    batch *ring;
    int quit;
    int format;
    const char *where;
} pipe_t;

typedef struct worker {
    pthread_t tid;
    int started;
    pipe_t *pp;
    ent_coder *coder;
    ent_tree tree;
    ent_pipeline *pipe;       /* raw text: made on first use */
    const ent_dict *dict;
    int timed;
    ent_diags diags;          /* parse problems, printed by the main thread */
    long said;                /* ... how many were printed */
    long events;
    int failed;
} worker;

int ent_jobs_read_tree(ent_tree *t, const char *parse, size_t len, ent_diags *d,
                       const char *where, long line) {
    size_t k = 0;
    while (k < len && (parse[k] == ' ' || parse[k] == '\n' || parse[k] == '\t' || parse[k] == '\r'))
        k++;
    /* CoNLL-U opens with a word line's number or a comment ("# text = ...");
     * a Treebank parse with "(" */
    if (k < len && ((parse[k] >= '0' && parse[k] <= '9') || parse[k] == '#'))
        return ent_conllu_read(t, parse, len, d, where, line);
    return ent_ptb_read(t, parse, len, d, where, line);
}

/* Render the events of each sentence of a raw-text document. */
typedef struct render_ctx {
    item *it;
    worker *w;
    int format;
    const char *where;
} render_ctx;

static int render_sentence(void *user, const ent_doc *doc, const ent_coded_sentence *cs) {
    render_ctx *rc = user;
    if (cs->cut)
        ent_jobs_report_cut(&rc->w->diags, rc->where, rc->it->line, doc->id, cs);
    if (!cs->n_events) return 0;
    ent_sentence_ref ref = {rc->it->doc, cs->index, doc->date};
    if (ent_sink_render(&rc->it->out, rc->format, &ref, cs->tree, cs->events, cs->n_events) < 0)
        rc->w->failed = 1;
    rc->it->n_events += cs->n_events;
    rc->w->events += cs->n_events;
    return 0;
}

static void code_text_item(worker *w, item *it, int format, const char *where) {
    if (!w->pipe) {
        w->pipe = ent_pipeline_new(w->dict, &w->dict->options);
        if (!w->pipe) {
            w->failed = 1;
            return;
        }
        ent_pipeline_set_timing(w->pipe, w->timed);
    }
    ent_doc doc = {0};
    doc.id = it->doc;
    doc.date = it->date;
    doc.text = it->text;
    doc.len = it->text_len;
    render_ctx rc = {it, w, format, where};
    if (ent_pipeline_code_doc(w->pipe, &doc, render_sentence, &rc) < 0) w->failed = 1;
}

static void code_item(worker *w, item *it, int format, const char *where) {
    ent_buf_clear(&it->out);
    it->n_events = 0;
    it->bad = 0;
    if (!it->parse) {
        code_text_item(w, it, format, where);
        return;
    }
    if (ent_jobs_read_tree(&w->tree, it->parse, it->parse_len, &w->diags, where, it->line) < 0) {
        it->bad = 1;
        return;
    }
    const ent_event *ev;
    int n;
    if (ent_coder_code(w->coder, &w->tree, it->date, &ev, &n) < 0) {
        w->failed = 1;
        return;
    }
    ent_sentence_ref ref = {it->doc, it->sent, it->date};
    if (n && ent_sink_render(&it->out, format, &ref, &w->tree, ev, n) < 0) w->failed = 1;
    it->n_events = n;
    w->events += n;
}

/* The oldest published batch with items left, or NULL. */
static batch *next_batch(pipe_t *pp) {
    batch *best = NULL;
    for (int i = 0; i < RING; i++) {
        batch *b = &pp->ring[i];
        if (b->live && b->next < b->n && (!best || b->seq < best->seq)) best = b;
    }
    return best;
}

static void *worker_main(void *arg) {
    worker *w = arg;
    pipe_t *pp = w->pp;
    pthread_mutex_lock(&pp->mu);
    for (;;) {
        batch *b;
        while (!(b = next_batch(pp)) && !pp->quit) pthread_cond_wait(&pp->work, &pp->mu);
        if (!b) break;
        int from = b->next, to = from + CHUNK < b->n ? from + CHUNK : b->n;
        b->next = to;
        pthread_mutex_unlock(&pp->mu);
        for (int i = from; i < to; i++) code_item(w, &b->items[i], pp->format, pp->where);
        pthread_mutex_lock(&pp->mu);
        b->done += to - from;
        if (b->done == b->n) pthread_cond_broadcast(&pp->finished);
    }
    pthread_mutex_unlock(&pp->mu);
    return NULL;
}

typedef struct totals {
    long sentences, bad;      /* items (sentences, or documents of raw text) */
    long documents;           /* raw-text documents among them */
    int lost;                 /* errno of a failed write of the output */
} totals;

/* Write a finished batch in order and release it (caller holds no lock).
 * -1 once the output has failed: coding on would only lose more. */
static int write_batch(batch *b, FILE *out, totals *tt) {
    for (int i = 0; i < b->n; i++) {
        if (b->items[i].bad) tt->bad++;
        if (!b->items[i].parse) tt->documents++;
        const ent_buf *o = &b->items[i].out;
        if (o->len && !ferror(out) && fwrite(o->data, 1, o->len, out) != o->len)
            tt->lost = errno ? errno : EIO;
    }
    tt->sentences += b->n;
    return ferror(out) ? -1 : 0;
}

static void print_worker_diags(worker *w, FILE *err) {
    w->said += ent_diags_print(&w->diags, err);
    ent_diags_free(&w->diags);
    ent_diags_init(&w->diags, NULL, 0);
}

int entente_code_files(const entente_code_opts *o, char *const *files, int n_files, FILE *out,
                       FILE *err) {
    ent_dict *d = ent_jobs_load_dicts(o->dicts, o->strict, err);
    ent_diags diags;
    ent_diags_init(&diags, err, 0);
    if (!d) {
        ent_diags_free(&diags);
        return 1;
    }
    int nt = o->threads < 1 ? 1 : o->threads > MAX_THREADS ? MAX_THREADS : o->threads;
    worker *ws = calloc((size_t)nt, sizeof *ws);
    batch *ring = calloc(RING, sizeof *ring);
    pipe_t pp = {.ring = ring, .format = o->to};
    int rc = 0, sync_ok = 0;
    totals tt = {0, 0, 0, 0};
    if (!ws || !ring) {
        fprintf(err, "entente: out of memory\n");
        rc = 1;
        goto done;
    }
    for (int i = 0; i < RING; i++) ent_arena_init(&ring[i].arena, 1 << 20);
    if (pthread_mutex_init(&pp.mu, NULL) || pthread_cond_init(&pp.work, NULL) ||
        pthread_cond_init(&pp.finished, NULL)) {
        fprintf(err, "entente: cannot create locks\n");
        rc = 1;
        goto done;
    }
    sync_ok = 1;
    for (int i = 0; i < nt; i++) {
        ws[i].pp = &pp;
        ws[i].dict = d;
        ws[i].timed = o->stats > 1;
        ws[i].coder = ent_coder_new(d, &d->options);
        ent_tree_init(&ws[i].tree);
        ent_diags_init(&ws[i].diags, NULL, 0);
        if (!ws[i].coder) {
            fprintf(err, "entente: out of memory\n");
            rc = 1;
            goto done;
        }
    }
    int pipelined = nt > 1;
    for (int i = 0; pipelined && i < nt; i++) {
        if (pthread_create(&ws[i].tid, NULL, worker_main, &ws[i]) != 0) {
            fprintf(err, "entente: cannot start thread %d\n", i);
            rc = 1;
            goto done;
        }
        ws[i].started = 1;
    }
    fputs(ent_sink_header(o->to), out);
    double t0 = ent_now();
    char *stdin_only[] = {"-"};
    if (n_files == 0) {
        files = stdin_only;
        n_files = 1;
    }
    long seq = 0;
    int unread = n_files;   /* the first file not yet opened */
    for (int f = 0; f < n_files && !rc; f++) {
        unread = f + 1;
        ent_source src;
        struct stat st;
        if (files[f] && strcmp(files[f], "-") && stat(files[f], &st) == 0 && S_ISDIR(st.st_mode)) {
            ent_diag(&diags, files[f], 0,
                     "is a directory (code takes files; entente ingest walks directories)");
            rc = 1;
            break;
        }
        if (ent_source_open(&src, files[f], o->from, o->date, &diags) < 0) {
            rc = 1;
            ent_source_close(&src);
            break;
        }
        pthread_mutex_lock(&pp.mu);
        pp.where = src.name;   /* batches of one file are finished before the next opens */
        pthread_mutex_unlock(&pp.mu);
        int r = 1;
        while (r == 1) {
            batch *b = &ring[seq % RING];
            /* the slot's previous batch must be finished and written */
            if (b->live) {
                pthread_mutex_lock(&pp.mu);
                while (b->done < b->n) pthread_cond_wait(&pp.finished, &pp.mu);
                pthread_mutex_unlock(&pp.mu);
                if (write_batch(b, out, &tt) < 0) rc = 1;
                b->live = 0;
                if (rc) break;
            }
            ent_arena_reset(&b->arena);
            int n = 0;
            while (n < BATCH && (r = next_item(&src, o->parser, &b->items[n], &b->arena, &diags)) == 1)
                n++;
            if (r < 0) rc = 1;
            if (!n) break;
            if (!pipelined) {
                b->n = n;
                for (int i = 0; i < n; i++) code_item(&ws[0], &b->items[i], o->to, src.name);
                if (write_batch(b, out, &tt) < 0) {
                    rc = 1;
                    break;
                }
                continue;
            }
            pthread_mutex_lock(&pp.mu);
            b->n = n;
            b->next = 0;
            b->done = 0;
            b->seq = seq++;
            b->live = 1;
            pthread_cond_broadcast(&pp.work);
            pthread_mutex_unlock(&pp.mu);
        }
        /* drain this file's batches, oldest first */
        for (long k = seq - RING; k < seq; k++) {
            if (k < 0) continue;
            batch *b = &ring[k % RING];
            if (!b->live) continue;
            pthread_mutex_lock(&pp.mu);
            while (b->done < b->n) pthread_cond_wait(&pp.finished, &pp.mu);
            pthread_mutex_unlock(&pp.mu);
            if (write_batch(b, out, &tt) < 0) rc = 1;
            b->live = 0;
        }
        ent_source_close(&src);
    }
    /* stopped early: the files after the one that failed were never read */
    if (rc && unread < n_files) {
        fprintf(err, "entente: stopped; not read:");
        for (int k = unread; k < n_files; k++) fprintf(err, " %s", files[k]);
        fputc('\n', err);
    }
    if (ent_out_finish(out, tt.lost, "the events", err) < 0) rc = 1;
    double secs = ent_now() - t0;
    long events = 0;
    for (int i = 0; i < nt; i++) events += ws[i].events;
    /* raw-text documents: count their sentences, and per stage times */
    ent_stage_times st = {0};
    for (int i = 0; i < nt; i++) {
        if (!ws[i].pipe) continue;
        const ent_stage_times *x = ent_pipeline_times(ws[i].pipe);
        st.split += x->split;
        st.tokenize += x->tokenize;
        st.tag += x->tag;
        st.parse += x->parse;
        st.code += x->code;
        st.sentences += x->sentences;
        st.tokens += x->tokens;
    }
    long sentences = st.sentences ? st.sentences + (tt.sentences - tt.documents) : tt.sentences;
    if (o->stats) {
        fprintf(err, "sentences %ld events %ld seconds %.3f sentences_per_s %.0f peak_rss_kb %ld%s\n",
                sentences, events, secs, secs > 0 ? (double)sentences / secs : 0.0,
                ent_peak_rss_kb(), tt.bad ? " (some parses unreadable)" : "");
        if (o->stats > 1 && st.sentences)
            fprintf(err, "stages (thread seconds): split %.3f tokenize %.3f tag %.3f parse %.3f code %.3f;"
                         " documents %ld tokens %ld\n",
                    st.split, st.tokenize, st.tag, st.parse, st.code, tt.documents, st.tokens);
    }
done:
    if (sync_ok) {
        pthread_mutex_lock(&pp.mu);
        pp.quit = 1;
        pthread_cond_broadcast(&pp.work);
        pthread_mutex_unlock(&pp.mu);
    }
    if (ws)
        for (int i = 0; i < nt; i++) {
            if (ws[i].started) pthread_join(ws[i].tid, NULL);
            print_worker_diags(&ws[i], err);
            if (ws[i].failed) rc = 1;
            ent_coder_free(ws[i].coder);
            ent_pipeline_free(ws[i].pipe);
            ent_tree_free(&ws[i].tree);
            ent_diags_free(&ws[i].diags);
        }
    /* done, but some input was not used as given: the messages say what */
    long said = diags.count;
    for (int i = 0; ws && i < nt; i++) said += ws[i].said;
    if (!rc && (tt.bad || said)) rc = 2;
    if (sync_ok) {
        pthread_mutex_destroy(&pp.mu);
        pthread_cond_destroy(&pp.work);
        pthread_cond_destroy(&pp.finished);
    }
    if (ring)
        for (int i = 0; i < RING; i++) {
            for (int k = 0; k < BATCH; k++) ent_buf_free(&ring[i].items[k].out);
            ent_arena_free(&ring[i].arena);
        }
    free(ring);
    free(ws);
    ent_dict_free(d);
    ent_diags_free(&diags);
    return rc;
}

long ent_jobs_code_memory(const ent_dict *dict, const char *name, char *text, size_t len,
                          int from, int32_t date, FILE *out, ent_diags *d) {
    ent_source src;
    if (ent_source_open_mem(&src, name, text, len, from, date, d) < 0) {
        ent_source_close(&src);
        return -1;
    }
    worker w = {0};
    w.dict = dict;
    w.coder = ent_coder_new(dict, &dict->options);
    ent_tree_init(&w.tree);
    ent_diags_init(&w.diags, NULL, 0);
    ent_arena arena;
    ent_arena_init(&arena, 1 << 16);
    item it;
    memset(&it, 0, sizeof it);
    long events = 0;
    int r = w.coder ? 1 : -1;
    while (r == 1 && (r = next_item(&src, ENTENTE_PARSER_AUTO, &it, &arena, d)) == 1) {
        code_item(&w, &it, ENTENTE_OUT_JSONL, src.name);
        if (w.failed || (it.out.len && fwrite(it.out.data, 1, it.out.len, out) != it.out.len))
            r = -1;
        events += it.n_events;
        ent_arena_reset(&arena);
    }
    /* the parse problems go where the caller keeps the others */
    for (int i = 0; i < w.diags.count; i++)
        ent_diag(d, w.diags.msgs[i].where, w.diags.msgs[i].line, "%s", w.diags.msgs[i].text);
    ent_buf_free(&it.out);
    ent_arena_free(&arena);
    ent_diags_free(&w.diags);
    ent_coder_free(w.coder);
    ent_pipeline_free(w.pipe);
    ent_tree_free(&w.tree);
    ent_source_close(&src);
    return r < 0 ? -1 : events;
}
