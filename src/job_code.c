/* job_code.c -- `entente code`: sentences in, events out, on N threads.
 *
 * Design.  The runner (runner.h) over a small ring of batches.  The
 * caller's thread reads sentences into a batch (strings copied into the
 * batch's arena); N coder threads take items of a batch in chunks, each
 * rendering its item's events into the item's own buffer; the writer
 * writes a batch's buffers once all its items are done, in reading order.
 * Reading overlaps coding, output is in input order whatever the thread
 * count, and the lock is taken once per chunk, not per sentence.  The
 * dictionary set is shared read-only; each coder thread owns its coder
 * and tree.  With one thread there is no pipeline: the caller's thread
 * reads, codes and writes in turn.
 *
 * A document's events wait in its item until its batch is written, so
 * one huge document (50 MB of text, 400,000 events) would hold hundreds
 * of megabytes: past SPILL_AT bytes an item's events go on to a temporary
 * file of its own (deleted at once, so nothing is left behind), which the
 * writer copies out in its turn.  Memory stays bounded whatever a
 * document's size, and order is kept.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dict.h"
#include "doc.h"
#include "entente.h"
#include "jobs.h"
#include "pipeline.h"
#include "runner.h"
#include "sink.h"
#include "source.h"

#define BATCH 2048
#define SPILL_AT ((size_t)8 << 20)

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
    FILE *spill;              /* events past SPILL_AT bytes, before those in out */
    int spill_err;            /* errno of a failed write to spill */
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
    memset(it, 0, sizeof *it);   /* spill: NULL, closed by the writer */
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

/* A batch holds the records of one input, its strings in its arena. */
typedef struct batch {
    item items[BATCH];
    int n;                    /* items read */
    const char *where;        /* the input's name, for messages */
    ent_arena arena;
} batch;

/* A coder thread's own state (the dictionary set is shared). */
typedef struct worker {
    ent_pipeline *pipe;       /* its coder, tagger, parser and tree */
    ent_diags diags;          /* parse problems, printed by the main thread */
    long said;                /* ... how many were printed */
    long events;
    int failed;
} worker;

/* A temporary file, deleted at once (it lives while open), in $TMPDIR or
 * /tmp; NULL when none can be made. */
static FILE *spill_open(void) {
    const char *dir = getenv("TMPDIR");
    char path[4096];
    if (snprintf(path, sizeof path, "%s/entente-events.XXXXXX", dir && *dir ? dir : "/tmp") >=
        (int)sizeof path)
        return NULL;
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+");
    if (!f) close(fd);
    return f;
}

/* Move the item's rendered events to its spill file (made on first use).
 * Without one they stay in memory; a failed write is kept for the writer
 * to say. */
static void spill(item *it) {
    if (it->spill_err) return;
    if (!it->spill && !(it->spill = spill_open())) return;
    errno = 0;
    if (fwrite(it->out.data, 1, it->out.len, it->spill) != it->out.len) {
        it->spill_err = errno ? errno : EIO;
        return;
    }
    ent_buf_clear(&it->out);
}

/* Render a coded sentence's events into its item's buffer. */
static void render(worker *w, item *it, int format, const ent_coded_sentence *cs) {
    if (!cs->n_events) return;
    ent_sentence_ref ref = {it->doc, cs->index, it->date};
    if (ent_sink_render(&it->out, format, &ref, cs->tree, cs->events, cs->n_events) < 0) w->failed = 1;
    it->n_events += cs->n_events;
    w->events += cs->n_events;
    if (it->out.len > SPILL_AT) spill(it);
}

/* Each sentence of a raw-text document, as the pipeline hands it back. */
typedef struct render_ctx {
    item *it;
    worker *w;
    int format;
    const char *where;
} render_ctx;

static int render_sentence(void *user, const ent_doc *doc, const ent_coded_sentence *cs) {
    render_ctx *rc = user;
    if (cs->cut) ent_jobs_report_cut(&rc->w->diags, rc->where, rc->it->line, doc->id, cs);
    render(rc->w, rc->it, rc->format, cs);
    return 0;
}

static void code_item(worker *w, item *it, int format, const char *where) {
    ent_buf_clear(&it->out);
    it->n_events = 0;
    it->bad = 0;
    if (!it->parse) {
        ent_doc doc = {.id = it->doc, .date = it->date, .text = it->text, .len = it->text_len};
        render_ctx rc = {it, w, format, where};
        if (ent_pipeline_code_doc(w->pipe, &doc, render_sentence, &rc) < 0) w->failed = 1;
        return;
    }
    ent_sentence_in in = {.parse = it->parse, .parse_len = it->parse_len, .date = it->date,
                          .where = where, .line = it->line};
    ent_coded_sentence cs;
    int rc = ent_pipeline_code_sentence(w->pipe, &in, &w->diags, &cs);
    if (rc < 0) w->failed = 1;
    if (rc) {
        it->bad = rc > 0;
        return;
    }
    cs.index = it->sent;
    render(w, it, format, &cs);
}

typedef struct totals {
    long sentences, bad;      /* items (sentences, or documents of raw text) */
    long documents;           /* raw-text documents among them */
    int lost;                 /* errno of a failed write of the output */
} totals;

/* Copy an item's spilled events to out and close its spill file: 0, or
 * the errno of what failed (the spill's own write, its read, or out). */
static int unspill(item *it, FILE *out) {
    int e = it->spill_err;
    if (!e && (fflush(it->spill) != 0 || fseek(it->spill, 0, SEEK_SET) != 0)) e = errno ? errno : EIO;
    char chunk[1 << 16];
    size_t n;
    while (!e && (n = fread(chunk, 1, sizeof chunk, it->spill)) > 0)
        if (fwrite(chunk, 1, n, out) != n) e = errno ? errno : EIO;
    if (!e && ferror(it->spill)) e = EIO;
    fclose(it->spill);
    it->spill = NULL;
    it->spill_err = 0;
    return e;
}

/* Write a finished batch in order (the writer's side).  -1 once the
 * output has failed: coding on would only lose more. */
static int write_batch(batch *b, FILE *out, totals *tt) {
    for (int i = 0; i < b->n; i++) {
        item *it = &b->items[i];
        if (it->bad) tt->bad++;
        if (!it->parse) tt->documents++;
        errno = 0;
        if (it->spill) {
            int e = unspill(it, out);
            if (e && !tt->lost) tt->lost = e;
        }
        const ent_buf *o = &it->out;
        if (o->len && !ferror(out) && !tt->lost && fwrite(o->data, 1, o->len, out) != o->len)
            tt->lost = errno ? errno : EIO;
    }
    tt->sentences += b->n;
    return ferror(out) || tt->lost ? -1 : 0;
}

static void print_worker_diags(worker *w, FILE *err) {
    w->said += ent_diags_print(&w->diags, err);
    ent_diags_free(&w->diags);
    ent_diags_init(&w->diags, NULL, 0);
}

/* ---- The job on the runner ------------------------------------------------------
 *
 * fill reads up to BATCH records of one input (a batch never mixes inputs,
 * so it carries the name its messages give); coders take CHUNK items of a
 * batch at a time; the writer writes each batch's buffers in order. */

typedef struct code_job {
    const entente_code_opts *o;
    char *const *files;
    int n_files;
    int next_file;            /* the first input not yet opened */
    ent_source src;
    int src_open;
    ent_diags *diags;
    int parser, format;
    worker *ws;
    FILE *out;
    totals tt;
    int failed;               /* an input could not be opened or read */
} code_job;

static int code_fill(void *ctx, void *batch_v, int *n_out) {
    code_job *j = ctx;
    batch *b = batch_v;
    ent_arena_reset(&b->arena);
    b->n = 0;
    *n_out = 0;
    if (!j->src_open) {
        if (j->next_file >= j->n_files) return 0;
        const char *path = j->files[j->next_file++];
        struct stat st;
        if (path && strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            ent_diag(j->diags, path, 0,
                     "is a directory (code takes files; entente ingest walks directories)");
            j->failed = 1;
            return 0;
        }
        if (ent_source_open(&j->src, path, j->o ? j->o->from : ENTENTE_IN_AUTO,
                            j->o ? j->o->date : 0, j->diags) < 0) {
            ent_source_close(&j->src);
            j->failed = 1;
            return 0;
        }
        j->src_open = 1;
    }
    b->where = ent_arena_strdup(&b->arena, j->src.name);
    int r = b->where ? 1 : -1;
    while (b->n < BATCH && (r = next_item(&j->src, j->parser, &b->items[b->n], &b->arena, j->diags)) == 1)
        b->n++;
    *n_out = b->n;
    if (r == 1) return 1;
    /* this input is done: the next batch opens the next one */
    ent_source_close(&j->src);
    j->src_open = 0;
    if (r < 0) {
        j->failed = 1;
        return 0;
    }
    return j->next_file < j->n_files ? 1 : 0;
}

static void code_chunk(void *ctx, int w, void *batch_v, int from, int to) {
    code_job *j = ctx;
    batch *b = batch_v;
    for (int i = from; i < to; i++) code_item(&j->ws[w], &b->items[i], j->format, b->where);
}

static int code_write(void *ctx, void *batch_v) {
    code_job *j = ctx;
    return write_batch(batch_v, j->out, &j->tt);
}

/* Run job j on nt coder threads (0: on this thread) over nb batches. */
static int code_run(code_job *j, batch *ring, int nb, int nt, FILE *err) {
    void *batches[RING];
    for (int i = 0; i < nb && i < RING; i++) batches[i] = &ring[i];
    ent_runner_job job = {.ctx = j, .fill = code_fill, .code = code_chunk, .write = code_write,
                          .chunk = CHUNK};
    int rc = ent_runner_run(&job, batches, nb < RING ? nb : RING, nt, err);
    if (j->src_open) ent_source_close(&j->src);
    j->src_open = 0;
    return rc < 0 || j->failed ? -1 : 0;
}

static void free_ring(batch *ring, int nb) {
    if (!ring) return;
    for (int i = 0; i < nb; i++) {
        for (int k = 0; k < BATCH; k++) {
            ent_buf_free(&ring[i].items[k].out);
            if (ring[i].items[k].spill) fclose(ring[i].items[k].spill);   /* never written */
        }
        ent_arena_free(&ring[i].arena);
    }
    free(ring);
}

static void free_worker(worker *w) {
    ent_pipeline_free(w->pipe);
    ent_diags_free(&w->diags);
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
    int nt = o->threads < 1 ? 1 : o->threads > ENT_RUNNER_MAX_WORKERS ? ENT_RUNNER_MAX_WORKERS : o->threads;
    worker *ws = calloc((size_t)nt, sizeof *ws);
    batch *ring = calloc(RING, sizeof *ring);
    int rc = 0;
    char *stdin_only[] = {"-"};
    if (n_files == 0) {
        files = stdin_only;
        n_files = 1;
    }
    code_job j = {.o = o, .files = files, .n_files = n_files, .diags = &diags, .parser = o->parser,
                  .format = o->to, .ws = ws, .out = out};
    if (!ws || !ring) {
        fprintf(err, "entente: out of memory\n");
        rc = 1;
        goto done;
    }
    for (int i = 0; i < RING; i++) ent_arena_init(&ring[i].arena, 1 << 20);
    for (int i = 0; i < nt; i++) {
        ws[i].pipe = ent_pipeline_new(d, &d->options);
        ent_diags_init(&ws[i].diags, NULL, 0);
        if (ws[i].pipe) ent_pipeline_set_timing(ws[i].pipe, o->stats > 1);
        if (!ws[i].pipe) {
            fprintf(err, "entente: out of memory\n");
            rc = 1;
            goto done;
        }
    }
    fputs(ent_sink_header(o->to), out);
    double t0 = ent_now();
    /* one thread: no pipeline, the caller's thread reads, codes and
     * writes in turn (the same callbacks) */
    if (code_run(&j, ring, RING, nt > 1 ? nt : 0, err) < 0) rc = 1;
    totals tt = j.tt;
    /* stopped early: the files after the one that failed were never read */
    if (rc && j.next_file < n_files) {
        fprintf(err, "entente: stopped; not read:");
        for (int k = j.next_file; k < n_files; k++) fprintf(err, " %s", files[k]);
        fputc('\n', err);
    }
    if (ent_jobs_out_finish(out, tt.lost, "the events", err) < 0) rc = 1;
    double secs = ent_now() - t0;
    long events = 0;
    for (int i = 0; i < nt; i++) events += ws[i].events;
    /* raw-text documents: count their sentences, and per stage times */
    ent_stage_times st = {0};
    for (int i = 0; i < nt; i++) {
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
    /* done, but some input was not used as given: the messages say what */
    long said = diags.count;
    for (int i = 0; i < nt; i++) {
        print_worker_diags(&ws[i], err);
        if (ws[i].failed) rc = 1;
        said += ws[i].said;
    }
    if (!rc && (tt.bad || said)) rc = 2;
done:
    for (int i = 0; ws && i < nt; i++) free_worker(&ws[i]);
    free_ring(ring, RING);
    free(ws);
    ent_dict_free(d);
    ent_diags_free(&diags);
    return rc;
}

long ent_jobs_code_memory(const ent_dict *dict, const char *name, char *text, size_t len,
                          int from, int32_t date, FILE *out, ent_diags *d) {
    code_job j = {.diags = d, .parser = ENTENTE_PARSER_AUTO, .format = ENTENTE_OUT_JSONL, .out = out};
    if (ent_source_open_mem(&j.src, name, text, len, from, date, d) < 0) {
        ent_source_close(&j.src);
        return -1;
    }
    j.src_open = 1;
    worker w = {0};
    w.pipe = ent_pipeline_new(dict, &dict->options);
    ent_diags_init(&w.diags, NULL, 0);
    j.ws = &w;
    batch *ring = calloc(1, sizeof *ring);
    long r = -1;
    if (ring && w.pipe) {
        ent_arena_init(&ring->arena, 1 << 16);
        /* one batch on the caller's thread: a request's body is coded
         * where it was read */
        r = code_run(&j, ring, 1, 0, stderr) < 0 || w.failed || j.tt.lost ? -1 : w.events;
    } else if (j.src_open) {
        ent_source_close(&j.src);
    }
    /* the parse problems go where the caller keeps the others */
    for (int i = 0; i < w.diags.count; i++)
        ent_diag(d, w.diags.msgs[i].where, w.diags.msgs[i].line, "%s", w.diags.msgs[i].text);
    free_ring(ring, ring ? 1 : 0);
    free_worker(&w);
    return r;
}
