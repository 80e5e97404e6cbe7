/* job_queue.c -- `entente publish`, `entente worker` and `entente status`:
 * ingest spread over machines through a NATS JetStream work queue
 * (queue.h), onto one shared store.
 *
 * publish reads its inputs with the input front of ingest (source.h) and
 * sends each document as one message (docmsg.h) whose message id is the
 * document's id.
 *
 * worker runs ingest's runner (flow.h): its fill pulls messages from the
 * workers' durable consumer into a batch and drops, in one lookup, the
 * documents the store already holds (acknowledging them: they are done);
 * the coders code the rest; its write stores the batch with ent_store_put,
 * one transaction, and only then acknowledges the batch's messages.  So a
 * worker killed at any moment leaves each message either committed or
 * unacknowledged, and an unacknowledged message comes back after the ack
 * wait to some worker, which finds it stored and acknowledges it, or
 * codes it.  Nothing is lost and, the store being idempotent by document
 * id, nothing is stored twice.
 *
 * A message that cannot be made a document, or whose batch could not be
 * coded, is asked for again after a pause; at its max_deliver-th delivery
 * it goes to the dead letters with the reason.  One that arrives after
 * max_deliver deliveries (workers died holding it) goes there at once.
 * The store or the server going away is waited out with backoff: the
 * batch in hand is retried, never acknowledged before it commits.
 *
 * Counters: each worker keeps its counters in the queue's key-value
 * bucket on the NATS server (queue.h), refreshed every two seconds, and
 * `entente status` reads them all there.  Not a /metrics page per worker:
 * workers come and go on many machines without ports of their own, while
 * every one of them already reaches NATS, so one question to NATS answers
 * for all of them, and `serve` (whose /metrics speaks for the store) can
 * read the same bucket.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dict.h"
#include "docmsg.h"
#include "entente.h"
#include "flow.h"
#include "jobs.h"
#include "queue.h"
#include "source.h"
#include "store.h"

#define DEFAULT_BATCH       256
#define DEFAULT_MAX_DELIVER 5
#define DEFAULT_ACK_WAIT_S  30
/* how long publish waits out a server that went away */
#define PUBLISH_RETRY_MS 60000
/* a worker started before its server or its store waits this long */
#define WORKER_CONNECT_MS 60000
#define COUNTERS_EVERY_S  2.0
#define BACKOFF_MAX_MS    5000

static void pause_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int next_backoff(int ms) { return ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : ms * 2; }

/* ---- publish ------------------------------------------------------------------ */

typedef struct publish_run {
    ent_queue *q;
    ent_buf body;
    long published, duplicates, failed;
    FILE *err;
} publish_run;

/* Send every document of batch b; -1 when the server is gone for good. */
static int publish_batch(publish_run *p, ent_batch *b) {
    for (int i = 0; i < b->n; i++) {
        const ent_batch_doc *d = &b->docs[i];
        ent_buf_clear(&p->body);
        if (ent_docmsg_encode(d, &p->body)) {
            fprintf(p->err, "entente: out of memory\n");
            return -1;
        }
        int dup = 0;
        int rc =
            ent_queue_publish(p->q, d->d.id, p->body.data, p->body.len, PUBLISH_RETRY_MS, &dup);
        if (rc) {
            fprintf(p->err, "%s:%ld: %s\n", d->where ? d->where : "-", d->line,
                    ent_queue_error(p->q));
            p->failed++;
            /* a document too large is that document's problem; anything
             * else is the server's, and the rest would fail the same way */
            if (rc != ENT_QUEUE_TOO_LARGE) return -1;
            continue;
        }
        if (dup) p->duplicates++;
        else p->published++;
    }
    return 0;
}

int entente_publish(const entente_queue_opts *o, char *const *files, int n_files, FILE *err) {
    char msg[1024];
    publish_run p = {.err = err};
    ent_inputs in = {0};
    int rc = 0;
    ent_diags dg;
    ent_diags_init(&dg, err, 0);
    ent_batch b;
    ent_batch_init(&b);
    p.q = ent_queue_open(o->nats, o->stream, 1, 2000, msg, sizeof msg);
    if (!p.q) {
        fprintf(err, "entente: %s\n", msg);
        rc = 1;
        goto done;
    }
    for (int i = 0; i < n_files && !rc; i++)
        if (ent_inputs_add_path(&in, files[i], &dg)) rc = 1;
    if (!rc && n_files == 0 && ent_inputs_add(&in, "-")) rc = 1;
    double t0 = ent_now();
    for (int f = 0; f < in.n && !rc; f++) {
        ent_source src;
        if (ent_source_open(&src, in.paths[f], o->from, o->date, &dg)) {
            ent_source_close(&src);
            rc = 1;
            break;
        }
        int r = 0;
        long long line = 0;
        do {
            ent_batch_reset(&b);
            r = 1;
            while (b.n < DEFAULT_BATCH && r > 0) r = ent_source_next(&src, &b, &dg, &line);
            if (r < 0) rc = 1;
            if (publish_batch(&p, &b)) rc = 1;
        } while (r > 0 && !rc);
        ent_source_close(&src);
    }
    double el = ent_now() - t0;
    fprintf(err,
            "publish: %ld documents published, %ld dropped as duplicates by stream %s, %ld "
            "failed, in %.2f s (%.0f documents/s)\n",
            p.published, p.duplicates, o->stream ? o->stream : ENT_QUEUE_DEFAULT_STREAM, p.failed,
            el, el > 0 ? (double)(p.published + p.duplicates) / el : 0);
    if (!rc && (p.failed || dg.count)) rc = 2;
done:
    ent_batch_free(&b);
    ent_buf_free(&p.body);
    ent_inputs_free(&in);
    ent_queue_close(p.q);
    ent_diags_free(&dg);
    return rc;
}

/* ---- worker ------------------------------------------------------------------- */

struct entente_worker {
    atomic_int stop;
};

entente_worker *entente_worker_new(void) {
    entente_worker *w = calloc(1, sizeof *w);
    if (w) atomic_init(&w->stop, 0);
    return w;
}

void entente_worker_stop(entente_worker *w) { atomic_store(&w->stop, 1); }

void entente_worker_free(entente_worker *w) { free(w); }

/* The counters, written by the writer thread and read by the reader's. */
typedef struct counters {
    atomic_llong stored, skipped, sentences, events, dead, retried, batches;
} counters;

typedef struct worker_run {
    entente_worker *w;
    const entente_queue_opts *o;
    ent_queue *q;
    ent_store *st, *look; /* the writer's and the reader's handles */
    uint64_t dict;
    int bsize, max_deliver;
    ent_queue_msg **msgs; /* fetch scratch, bsize */
    const char **ids;     /* lookup scratch, bsize each */
    uint64_t *hashes;
    unsigned char *seen;
    ent_batch_docs docs;
    counters c;
    char name[160]; /* this worker in the counters bucket */
    double t0, last_counters;
    double t_first; /* the first document taken (the reader's) */
    double t_last;  /* the last commit (the writer's; read after the run) */
    int nats_away;  /* said that the server is away */
    long said;
    FILE *err;
} worker_run;

static int stopping(const worker_run *x) { return atomic_load(&x->w->stop); }

/* Put m into the dead letters now, saying why. */
static void bury(worker_run *x, ent_queue_msg *m, const char *id, const char *reason, int n) {
    char msg[768];
    if (ent_queue_dead_letter(x->q, m, id, reason, msg, sizeof msg) == 0) {
        atomic_fetch_add(&x->c.dead, 1);
        fprintf(x->err, "worker: document %s: %s; to the dead letters after %d deliveries\n", id,
                reason, n);
    } else {
        fprintf(x->err, "worker: document %s: %s\n", id, msg);
    }
    ent_queue_msg_free(m);
}

/* A message that could not be stored this time: asked for again after a
 * pause, or at its last delivery put into the dead letters. */
static void retry_or_bury(worker_run *x, ent_queue_msg *m, const char *id, const char *reason) {
    int n = ent_queue_msg_deliveries(m);
    if (!id || !*id) id = ent_queue_msg_id(m);
    if (n >= x->max_deliver) {
        bury(x, m, id, reason, n);
        return;
    }
    atomic_fetch_add(&x->c.retried, 1);
    fprintf(x->err, "worker: document %s: %s (delivery %d of %d)\n", id, reason, n, x->max_deliver);
    ent_queue_nak(m, 250 * n);
    ent_queue_msg_free(m);
}

/* Another document has d's id: d is never to be stored (as ingest says
 * and passes over it), so it goes to the dead letters at once. */
static void id_clash(worker_run *x, ent_batch_doc *d) {
    bury(x, d->user, d->d.id,
         "another document has this id; not stored (document ids must be unique)",
         ent_queue_msg_deliveries(d->user));
}

/* Done with m: its document is in the store. */
static void settle(ent_queue_msg *m) {
    ent_queue_ack(m);
    ent_queue_msg_free(m);
}

/* The store at *h failed (or could not be opened again: *h NULL): say
 * so, wait, and open it again, until it opens or the worker is stopped
 * (-1, *h perhaps NULL). */
static int store_wait(worker_run *x, ent_store **h, int *backoff) {
    char msg[1300];
    fprintf(x->err, "worker: %s; trying again in %d ms\n",
            *h ? ent_store_error(*h) : "the store is away", *backoff);
    for (;;) {
        pause_ms(*backoff);
        *backoff = next_backoff(*backoff);
        if (stopping(x)) return -1;
        ent_store_close(*h);
        *h = ent_store_open(x->o->db, msg, sizeof msg);
        if (*h) return 0;
        fprintf(x->err, "worker: %s; trying again in %d ms\n", msg, *backoff);
    }
}

static void put_counters(worker_run *x) {
    double now = ent_now();
    if (now - x->last_counters < COUNTERS_EVERY_S) return;
    x->last_counters = now;
    char json[512];
    double up = now - x->t0;
    long long stored = atomic_load(&x->c.stored);
    snprintf(json, sizeof json,
             "{\"stored\":%lld,\"skipped\":%lld,\"sentences\":%lld,\"events\":%lld,"
             "\"dead_letters\":%lld,\"retried\":%lld,\"batches\":%lld,\"up_s\":%.0f,"
             "\"docs_per_s\":%.1f}",
             stored, (long long)atomic_load(&x->c.skipped), (long long)atomic_load(&x->c.sentences),
             (long long)atomic_load(&x->c.events), (long long)atomic_load(&x->c.dead),
             (long long)atomic_load(&x->c.retried), (long long)atomic_load(&x->c.batches), up,
             up > 0 ? (double)stored / up : 0);
    ent_queue_put_counters(x->q, x->name, json); /* best effort: status only */
}

/* Take message m into batch b, or settle it here. */
static void take(worker_run *x, ent_batch *b, ent_queue_msg *m) {
    int n = ent_queue_msg_deliveries(m);
    char why[256];
    if (n > x->max_deliver) {
        snprintf(why, sizeof why,
                 "delivered %d times and never stored: the workers holding it stopped", n - 1);
        retry_or_bury(x, m, NULL, why);
        return;
    }
    size_t len;
    const char *data = ent_queue_msg_data(m, &len);
    ent_batch_doc *d = ent_docmsg_decode(b, data, len, why, sizeof why);
    if (!d) {
        retry_or_bury(x, m, NULL, why);
        return;
    }
    d->user = m;
    d->d.dict = x->dict;
    if (x->t_first == 0) x->t_first = ent_now();
}

/* Drop the documents of b the store already holds, settling them. */
static int drop_stored(worker_run *x, ent_batch *b) {
    for (int i = 0; i < b->n; i++) {
        x->ids[i] = b->docs[i].d.id;
        x->hashes[i] = b->docs[i].d.norm_hash;
    }
    int backoff = 250;
    while (!x->look || ent_store_seen_batch(x->look, x->ids, x->hashes, b->n, x->seen))
        if (store_wait(x, &x->look, &backoff)) return -1;
    int k = 0;
    for (int i = 0; i < b->n; i++) {
        ent_batch_doc *d = &b->docs[i];
        if (x->seen[i] == 2) {
            id_clash(x, d);
            continue;
        }
        if (x->seen[i]) {
            atomic_fetch_add(&x->c.skipped, 1);
            settle(d->user);
            continue;
        }
        if (k != i) b->docs[k] = *d;
        k++;
    }
    b->n = k;
    return 0;
}

/* The flow's fill: the next messages into b.  A part-full batch goes as
 * soon as messages stop coming; a stop request ends the input. */
static int worker_fill(void *user, ent_batch *b) {
    worker_run *x = user;
    int backoff = 250;
    while (!stopping(x) && b->n < x->bsize) {
        put_counters(x);
        int n = ent_queue_fetch(x->q, x->msgs, x->bsize - b->n, b->n ? 50 : 500);
        if (n < 0) {
            if (!x->nats_away)
                fprintf(x->err, "worker: %s; waiting for it\n", ent_queue_error(x->q));
            x->nats_away = 1;
            if (b->n) break;
            pause_ms(backoff);
            backoff = next_backoff(backoff);
            continue;
        }
        if (x->nats_away) fprintf(x->err, "worker: NATS is back\n");
        x->nats_away = 0;
        backoff = 250;
        for (int i = 0; i < n; i++) take(x, b, x->msgs[i]);
        if (n == 0 && b->n) break;
    }
    if (b->n && drop_stored(x, b)) {
        /* stopped while the store was away: leave them to other workers */
        for (int i = 0; i < b->n; i++) {
            ent_queue_nak(b->docs[i].user, 0);
            ent_queue_msg_free(b->docs[i].user);
        }
        b->n = 0;
        return 0;
    }
    return stopping(x) ? 0 : 1;
}

/* The flow's write: commit b, then acknowledge its messages. */
static int worker_write(void *user, ent_batch *b) {
    worker_run *x = user;
    if (ent_batch_report(b, x->err, &x->said)) {
        for (int i = 0; i < b->n; i++) {
            retry_or_bury(x, b->docs[i].user, b->docs[i].d.id, "coding ran out of memory");
            b->docs[i].user = NULL;
        }
        return 0;
    }
    if (!b->n) return 0;
    ent_store_doc *docs;
    int backoff = 250, stored = 0;
    for (;;) {
        docs = ent_batch_store_docs(&x->docs, b);
        if (!docs) {
            fprintf(x->err, "entente: out of memory\n");
            return -1;
        }
        if (x->st && !ent_store_put(x->st, docs, b->n, &stored)) break;
        if (store_wait(x, &x->st, &backoff)) {
            /* stopped with the store away: nothing was committed, so
             * nothing is acknowledged; another worker will have them */
            for (int i = 0; i < b->n; i++) {
                ent_queue_nak(b->docs[i].user, 0);
                ent_queue_msg_free(b->docs[i].user);
                b->docs[i].user = NULL;
            }
            return 0;
        }
    }
    for (int i = 0; i < b->n; i++) {
        ent_batch_doc *d = &b->docs[i];
        if (docs[i].skipped == 2) {
            id_clash(x, d);
        } else {
            if (docs[i].skipped) atomic_fetch_add(&x->c.skipped, 1);
            else {
                atomic_fetch_add(&x->c.stored, 1);
                atomic_fetch_add(&x->c.sentences, docs[i].n_sentences);
                atomic_fetch_add(&x->c.events, docs[i].n_events);
            }
            settle(d->user);
        }
        d->user = NULL;
    }
    atomic_fetch_add(&x->c.batches, 1);
    x->t_last = ent_now();
    return 0;
}

/* Messages still held by batches the flow did not commit (it stopped on
 * an error): given back at once. */
static void give_back(ent_flow *f) {
    for (int s = 0; s < f->n_slots; s++) {
        ent_batch *b = &f->slots[s];
        for (int i = 0; i < b->n; i++)
            if (b->docs[i].user) {
                ent_queue_nak(b->docs[i].user, 0);
                ent_queue_msg_free(b->docs[i].user);
                b->docs[i].user = NULL;
            }
    }
}

static int worker_setup(worker_run *x, const entente_queue_opts *o, ent_dict *d) {
    char msg[1300];
    if (!o->db || strncmp(o->db, "postgres", 8)) {
        fprintf(x->err, "entente: worker: --db wants the shared store, a postgres:// URL (%s)\n",
                o->db ? o->db : "none given");
        return -1;
    }
    /* a worker started before its store waits for it, as for its server */
    int waited = 0, pause = 250;
    while (!(x->st = ent_store_open(o->db, msg, sizeof msg)) && waited < WORKER_CONNECT_MS &&
           !stopping(x)) {
        if (!waited) fprintf(x->err, "worker: %s; waiting for it\n", msg);
        pause_ms(pause);
        waited += pause;
        pause = next_backoff(pause);
    }
    if (x->st) x->look = ent_store_open(o->db, msg, sizeof msg);
    if (!x->st || !x->look) {
        fprintf(x->err, "entente: %s\n", msg);
        return -1;
    }
    if (ent_store_add_dict(x->st, d->identity, d->name)) {
        fprintf(x->err, "entente: %s\n", ent_store_error(x->st));
        return -1;
    }
    x->q = ent_queue_open(o->nats, o->stream, 1, WORKER_CONNECT_MS, msg, sizeof msg);
    if (!x->q) {
        fprintf(x->err, "entente: %s\n", msg);
        return -1;
    }
    if (ent_queue_consume(x->q, o->ack_wait_s > 0 ? o->ack_wait_s : DEFAULT_ACK_WAIT_S)) {
        fprintf(x->err, "entente: %s\n", ent_queue_error(x->q));
        return -1;
    }
    x->msgs = calloc((size_t)x->bsize, sizeof *x->msgs);
    x->ids = calloc((size_t)x->bsize, sizeof *x->ids);
    x->hashes = calloc((size_t)x->bsize, sizeof *x->hashes);
    x->seen = calloc((size_t)x->bsize, 1);
    if (!x->msgs || !x->ids || !x->hashes || !x->seen) {
        fprintf(x->err, "entente: out of memory\n");
        return -1;
    }
    char host[64] = "host";
    gethostname(host, sizeof host - 1);
    host[sizeof host - 1] = '\0';
    /* a bucket key allows letters, digits and -_=. */
    for (char *p = host; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", *p))
            *p = '_';
    snprintf(x->name, sizeof x->name, "%s-%ld", host, (long)getpid());
    return 0;
}

int entente_worker_run(entente_worker *w, const entente_queue_opts *o, FILE *err) {
    worker_run x = {.w = w, .o = o, .err = err};
    x.bsize = o->batch > 0 ? o->batch : DEFAULT_BATCH;
    x.max_deliver = o->max_deliver > 0 ? o->max_deliver : DEFAULT_MAX_DELIVER;
    x.t0 = ent_now();
    int rc = 0, flow_ready = 0;
    ent_flow fl;
    ent_dict *d = ent_jobs_load_dicts(o->dicts, 0, err);
    if (!d || worker_setup(&x, o, d)) {
        rc = 1;
        goto done;
    }
    x.dict = d->identity;
    fprintf(err, "worker %s: pulling from stream %s on %s into %s\n", x.name,
            o->stream ? o->stream : ENT_QUEUE_DEFAULT_STREAM, o->nats, ent_store_name(x.st));
    flow_ready = 1;
    if (ent_flow_init(&fl, o->threads, d, worker_write, &x)) {
        fprintf(err, "entente: out of memory\n");
        rc = 1;
        goto done;
    }
    if (ent_flow_run(&fl, worker_fill, &x, err)) rc = 1;
    give_back(&fl);
    x.last_counters = 0;
    put_counters(&x);
    double el = ent_now() - x.t0;
    /* busy: from the first document taken to the last commit, the rate a
     * worker keeps while there is work (what sizing a fleet needs) */
    double busy = x.t_last > x.t_first && x.t_first > 0 ? x.t_last - x.t_first : 0;
    long long stored = atomic_load(&x.c.stored);
    fprintf(err,
            "worker %s: %lld documents stored, %lld skipped (already stored), %lld sentences, "
            "%lld events, %lld dead letters in %.2f s; busy %.2f s (%.0f documents/s)\n",
            x.name, stored, (long long)atomic_load(&x.c.skipped),
            (long long)atomic_load(&x.c.sentences), (long long)atomic_load(&x.c.events),
            (long long)atomic_load(&x.c.dead), el, busy, busy > 0 ? (double)stored / busy : 0);
done:
    if (flow_ready) ent_flow_free(&fl);
    free(x.msgs);
    free(x.ids);
    free(x.hashes);
    free(x.seen);
    free(x.docs.d);
    ent_queue_close(x.q);
    ent_store_close(x.look);
    ent_store_close(x.st);
    ent_dict_free(d);
    return rc;
}

/* ---- status ------------------------------------------------------------------- */

static int print_worker(void *user, const char *name, const char *json) {
    fprintf(user, "worker %s %s\n", name, json ? json : "{}");
    return 0;
}

static int print_dead(void *user, const char *id, const char *reason, const char *deliveries) {
    fprintf(user, "dead %s deliveries %s: %s\n", id, deliveries, reason);
    return 0;
}

int entente_status(const entente_queue_opts *o, FILE *out, FILE *err) {
    char msg[1300];
    ent_queue *q = ent_queue_open(o->nats, o->stream, 0, 0, msg, sizeof msg);
    if (!q) {
        fprintf(err, "entente: %s\n", msg);
        return 1;
    }
    ent_queue_stats s;
    int rc = 0;
    if (ent_queue_stats_get(q, &s)) {
        fprintf(err, "entente: %s\n", ent_queue_error(q));
        ent_queue_close(q);
        return 1;
    }
    fprintf(out,
            "stream %s on %s\n"
            "waiting %lld\n"
            "pending %lld\n"
            "in_progress %lld\n"
            "delivered %lld\n"
            "redelivered %lld\n"
            "dead_letters %lld\n"
            "workers %d\n",
            o->stream ? o->stream : ENT_QUEUE_DEFAULT_STREAM, o->nats, s.waiting, s.pending,
            s.in_progress, s.delivered, s.redelivered, s.dead, s.workers);
    if (ent_queue_workers(q, print_worker, out) < 0 ||
        (o->dead_letters && ent_queue_dead_letters(q, print_dead, out) < 0)) {
        fprintf(err, "entente: %s\n", ent_queue_error(q));
        rc = 1;
    }
    ent_queue_close(q);
    if (o->db) {
        ent_store *st = ent_store_open_existing(o->db, msg, sizeof msg);
        ent_store_counts c;
        if (!st) {
            fprintf(err, "entente: %s\n", msg);
            rc = 1;
        } else if (ent_store_counts_get(st, &c)) {
            fprintf(err, "entente: %s\n", ent_store_error(st));
            rc = 1;
        } else {
            fprintf(out, "documents_stored %lld\nevents_stored %lld\n", c.documents, c.events);
        }
        ent_store_close(st);
    }
    return rc;
}
