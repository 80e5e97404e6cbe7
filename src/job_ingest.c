/* job_ingest.c -- `entente ingest` and `entente recode`: documents coded
 * and kept in the store, on the runner of flow.h.
 *
 * ingest: the caller's thread reads a batch (source.h) and drops, in one
 * lookup, the documents the store already holds, before spending time
 * coding them; the coders code the rest; the writer stores each batch with
 * ent_store_put, one transaction, in reading order.  A kill at any moment
 * leaves the store at the last committed batch; running the same ingest
 * again skips what is stored and codes the rest, so resuming needs no
 * journal of its own.
 * recode runs the same flow: batches of documents coded with another
 * dictionary set, read by key, re-coded from their stored parses (or
 * text), their events replaced in one transaction per batch.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict.h"
#include "entente.h"
#include "flow.h"
#include "jobs.h"
#include "source.h"
#include "store.h"

#define DEFAULT_BATCH 256

/* ---- Progress ---------------------------------------------------------------- */

typedef struct progress {
    int mode;                /* 0 bar, 1 lines, -1 none */
    FILE *err;
    double t0, last;
    long docs, skipped, sentences, events, bad;
    long copies;             /* of those skipped, copies of stored documents kept */
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

/* ---- ingest ------------------------------------------------------------------- */


typedef struct ingest_ctx {
    /* the reader's side */
    ent_store *look;         /* its own handle: lookups run beside the writer's commits */
    const ent_inputs *in;
    const long long *lines;  /* input lines of each file, for the ETA */
    int file;                /* index of the open source, or of the last one */
    ent_source src;
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
    int unread;              /* inputs that could not be read to their end */
    long undated;            /* documents without a date, in them or from --date */
    char first_undated[128]; /* the first one's id */
    /* the writer's side */
    ent_store *st;
    progress *pg;
    ent_batch_docs docs;
    FILE *err;
} ingest_ctx;

/* A document not stored because another with its id but other text is:
 * not a copy seen again, so it is said, or it would be lost without a
 * word (CoNLL-U files that each number their sentences from 1, say). */
static void id_clash(FILE *err, long *said, const ent_batch_doc *d) {
    ++*said;
    fprintf(err, "%s:%ld: document %s: another document has this id; not stored "
                 "(document ids must be unique)\n",
            d->where ? d->where : "-", d->line, d->d.id ? d->d.id : "");
}

/* At most this many copies are named one by one; the summary counts all. */
#define COPIES_SAID 10

/* A document skipped as an identical copy of the stored document `key`
 * under another id: which one it matched, for the first few. */
static void copy_said(ent_store *st, FILE *err, progress *pg, const ent_batch_doc *d, int64_t key) {
    if (pg->copies++ >= COPIES_SAID) return;
    char id[256];
    if (ent_store_doc_id(st, key, id, sizeof id) != 1) snprintf(id, sizeof id, "key %lld", (long long)key);
    fprintf(err, "%s:%ld: document %s is a copy of stored document %s: not stored again; its "
                 "outlet and URL are kept as a further mention of its events\n",
            d->where ? d->where : "-", d->line, d->d.id ? d->d.id : "", id);
}

/* Read up to bsize documents (across files), then drop, in one lookup,
 * those the store already holds, before any time is spent coding them.
 * Documents committed while this batch waits are caught by the writer's
 * put (ON CONFLICT), so the lookup only saves work, never decides. */
static int ingest_fill(void *user, ent_batch *b) {
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
            /* an input that cannot be read is said (by the reader) and
             * passed over: the others, and the documents read before, are
             * still stored */
            if (ent_source_open(&x->src, x->in->paths[x->file], x->from, x->date, x->dg)) {
                ent_source_close(&x->src);
                x->unread++;
                x->done_lines += x->lines[x->file];
                continue;
            }
            x->src_open = 1;
        }
        int r = ent_source_next(&x->src, b, x->dg, &x->line);
        if (r == -2) {
            fprintf(x->err, "entente: out of memory\n");
            return -1;
        }
        if (r == -1) x->unread++;
        if (r <= 0) {
            ent_source_close(&x->src);
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
        /* an undated story dates its events 0, outside every series and
         * range: the user is told (at the end, once) */
        if (b->docs[i].d.date <= 0 && !x->seen[i] && !x->undated++)
            snprintf(x->first_undated, sizeof x->first_undated, "%s", b->docs[i].d.id);
        if (x->seen[i] == 2) {
            id_clash(x->err, &x->said, &b->docs[i]);
            b->pre_skipped++;
            continue;
        }
        /* a stored text goes on uncoded, to the writer, which keeps it as
         * a copy when its id is another */
        b->docs[i].d.copy = b->docs[i].d.skipped = x->seen[i] == 1;
        if (k != i) b->docs[k] = b->docs[i];
        b->docs[k++].d.dict = x->dict;
    }
    b->n = k;
    return more;
}

/* Store one coded batch and count it (the writer thread). */
static int ingest_write(void *user, ent_batch *b) {
    ingest_ctx *x = user;
    progress *pg = x->pg;
    if (ent_batch_report(b, x->err, &pg->said)) return -1;
    pg->skipped += b->pre_skipped;
    pg->units_done = b->units_done;
    int rc = 0;
    if (b->n) {
        ent_store_doc *docs = ent_batch_store_docs(&x->docs, b);
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
                    if (docs[i].copy_of) copy_said(x->st, x->err, pg, &b->docs[i], docs[i].copy_of);
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
    ent_flow fl;
    int flow_ready = 0;
    ent_inputs in = {0};
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
    for (int i = 0; i < n_files && !rc; i++)
        if (ent_inputs_add_path(&in, files[i], err, &x.said)) rc = 1;
    if (!rc && n_files == 0 && ent_inputs_add(&in, "-")) rc = 1;
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
        lines[i] = ent_count_file_lines(in.paths[i]);
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
        if (ent_flow_init(&fl, o->threads, d, ingest_write, &x)) {
            fprintf(err, "entente: out of memory\n");
            rc = 1;
        }
    }
    if (!rc && ent_flow_run(&fl, ingest_fill, &x, err)) rc = 1;
    if (x.src_open) ent_source_close(&x.src);
    pg.units_done = pg.units_total;
    if (pg.mode == 0) progress_show(&pg, 1);
    double el = ent_now() - pg.t0;
    fprintf(err,
            "ingest: %ld documents stored, %ld skipped (already stored), %ld sentences, %ld "
            "events in %.2f s (%.0f documents/s, %.0f events/s) into %s%s\n",
            pg.docs, pg.skipped, pg.sentences, pg.events, el, el > 0 ? (double)pg.docs / el : 0,
            el > 0 ? (double)pg.events / el : 0, ent_store_name(st),
            pg.bad ? " (some parses unreadable)" : "");
    if (pg.copies)
        fprintf(err, "ingest: %ld of those skipped are copies of stored documents under other "
                     "ids: their outlets and URLs are kept as mentions\n",
                pg.copies);
    if (x.unread) {
        fprintf(err, "ingest: %d input%s could not be read to the end (said above); what was "
                     "read of the others is stored\n",
                x.unread, x.unread == 1 ? "" : "s");
        rc = 1;
    }
    if (x.undated)
        fprintf(err,
                "entente: warning: %ld documents have no date (the first: %s): their events "
                "are stored undated, in no period of the analyses; name the publication date "
                "with --date YYYY-MM-DD\n",
                x.undated, x.first_undated);
    /* done, but some input was not used as given (an undated story
     * among it: its events are in no period): the messages say what */
    if (!rc && (pg.bad || pg.said || x.said || dg.count || x.undated)) rc = 2;
done:
    if (flow_ready) ent_flow_free(&fl);
    free(lines);
    free(x.ids);
    free(x.hashes);
    free(x.seen);
    free(x.docs.d);
    ent_inputs_free(&in);
    ent_store_close(look);
    ent_store_close(st);
    ent_dict_free(d);
    ent_diags_free(&dg);
    return rc;
}

/* ---- recode ----------------------------------------------------------------- */

typedef struct recode_ctx {
    ent_batch *b;
    int64_t last_key;
    int failed;
} recode_ctx;

static int recode_row(void *user, int64_t key, const char *doc_id, int32_t date,
                      const ent_store_sentence *s) {
    recode_ctx *x = user;
    ent_batch *b = x->b;
    ent_batch_doc *doc = b->n && x->last_key == key ? &b->docs[b->n - 1] : NULL;
    if (!doc) {
        doc = ent_batch_push(b);
        if (!doc) return x->failed = 1;
        doc->d.key = key;
        doc->d.id = ent_batch_dup(b, doc_id, strlen(doc_id));
        doc->d.date = date;
        doc->where = doc->d.id;
        x->last_key = key;
        if (!doc->d.id) return x->failed = 1;
    }
    if (!s) return 0;
    /* sentences arrive in order */
    if (ent_batch_sents_room(&b->arena, doc) < 0) return x->failed = 1;
    ent_store_sentence *ns = doc->sents;
    ns[doc->n_sents] = (ent_store_sentence){
        .index = s->index, .text = ent_batch_dup(b, s->text, strlen(s->text)), .begin = s->begin,
        .end = s->end, .parse = s->parse ? ent_batch_dup(b, s->parse, strlen(s->parse)) : NULL};
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
    ent_batch_docs docs;
    FILE *err;
} recode_job;

/* The next documents coded with another dictionary set, by key; keys
 * only grow, so the writer's updates behind the reader change nothing
 * it will read. */
static int recode_fill(void *user, ent_batch *b) {
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

static int recode_write(void *user, ent_batch *b) {
    recode_job *j = user;
    if (ent_batch_report(b, j->err, &j->pg->said)) return -1;
    if (!b->n) return 0;
    ent_store_doc *docs = ent_batch_store_docs(&j->docs, b);
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
    ent_flow fl;
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
    if (ent_flow_init(&fl, o->threads, d, recode_write, &j)) {
        fprintf(err, "entente: out of memory\n");
        rc = 1;
        goto done;
    }
    progress_init(&pg, o->progress, err, "recode");
    if (ent_flow_run(&fl, recode_fill, &j, err)) rc = 1;
    if (pg.mode == 0) progress_show(&pg, 1);
    double el = ent_now() - pg.t0;
    fprintf(err, "recode: %ld documents recoded, %ld sentences, %ld events in %.2f s into %s\n",
            pg.docs, pg.sentences, pg.events, el, ent_store_name(j.st));
done:
    if (flow_ready) ent_flow_free(&fl);
    free(j.docs.d);
    ent_store_close(j.look);
    ent_store_close(j.st);
    ent_dict_free(d);
    return rc;
}
