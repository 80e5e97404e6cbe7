/* runner.c -- the ordered thread pool (see runner.h).
 *
 * Design.  A fixed ring of the job's batches, each in one state: free,
 * filling (the caller's thread), ready (units left to hand out), coded, and
 * back to free once written.  Coders take chunks of the oldest ready batch
 * first, so the writer is never kept waiting behind younger ones; the
 * writer takes the batch whose sequence number is next, so output order is
 * fill order whatever the thread count.  One mutex and one condition serve
 * every hand-over; they happen once a chunk, so contention is nothing next
 * to coding.  All the run's state lives in one struct on the caller's
 * stack: nothing global.
 */
#include "runner.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>

enum { SLOT_FREE, SLOT_FILLING, SLOT_READY, SLOT_CODED };

typedef struct slot {
    void *batch;
    int state;
    int n;                   /* units filled */
    int next;                /* next unit to hand out */
    int done;                /* units coded */
    long long seq;           /* fill order = write order */
} slot;

typedef struct run {
    const ent_runner_job *job;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    slot *slots;
    int n_slots;
    int chunk;
    long long next_fill, next_write;
    int eof;                 /* the caller's thread is done filling */
    int stop;                /* a write failed: everyone leaves */
} run;

typedef struct coder_arg {
    run *r;
    int worker;
} coder_arg;

/* The oldest ready batch with units left to hand out, or NULL. */
static slot *oldest_ready(run *r) {
    slot *best = NULL;
    for (int i = 0; i < r->n_slots; i++) {
        slot *s = &r->slots[i];
        if (s->state == SLOT_READY && s->next < s->n && (!best || s->seq < best->seq)) best = s;
    }
    return best;
}

static void *coder_main(void *arg) {
    coder_arg *a = arg;
    run *r = a->r;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        slot *s = r->stop ? NULL : oldest_ready(r);
        if (s) {
            int from = s->next, to = s->n - from > r->chunk ? from + r->chunk : s->n;
            s->next = to;
            pthread_mutex_unlock(&r->mu);
            r->job->code(r->job->ctx, a->worker, s->batch, from, to);
            pthread_mutex_lock(&r->mu);
            s->done += to - from;
            if (s->done == s->n) {
                s->state = SLOT_CODED;
                pthread_cond_broadcast(&r->cv);
            }
            continue;
        }
        if (r->stop || r->eof) break;
        pthread_cond_wait(&r->cv, &r->mu);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

static void *writer_main(void *arg) {
    run *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        slot *s = NULL;
        for (int i = 0; i < r->n_slots && !s; i++)
            if (r->slots[i].state == SLOT_CODED && r->slots[i].seq == r->next_write) s = &r->slots[i];
        if (s && !r->stop) {
            pthread_mutex_unlock(&r->mu);
            int rc = r->job->write(r->job->ctx, s->batch);
            pthread_mutex_lock(&r->mu);
            if (rc) r->stop = 1;
            s->state = SLOT_FREE;
            r->next_write++;
            pthread_cond_broadcast(&r->cv);
            continue;
        }
        if (r->stop || (r->eof && r->next_write == r->next_fill)) break;
        pthread_cond_wait(&r->cv, &r->mu);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* No threads: fill, code and write each batch in turn. */
static int run_inline(const ent_runner_job *job, void *batch) {
    for (;;) {
        int n = 0, more = job->fill(job->ctx, batch, &n);
        if (more < 0) return -1;
        if (n > 0) job->code(job->ctx, 0, batch, 0, n);
        if (job->write(job->ctx, batch)) return -1;
        if (!more) return 0;
    }
}

/* The caller's thread: fill free batches until the input ends, an error,
 * or a stop.  0, or -1 when fill failed. */
static int fill_loop(run *r) {
    for (;;) {
        slot *s = NULL;
        pthread_mutex_lock(&r->mu);
        while (!r->stop) {
            for (int i = 0; i < r->n_slots && !s; i++)
                if (r->slots[i].state == SLOT_FREE) s = &r->slots[i];
            if (s) break;
            pthread_cond_wait(&r->cv, &r->mu);
        }
        if (s) s->state = SLOT_FILLING;
        pthread_mutex_unlock(&r->mu);
        if (!s) return 0;   /* stopped by the writer */
        int n = 0, more = r->job->fill(r->job->ctx, s->batch, &n);
        pthread_mutex_lock(&r->mu);
        if (more < 0) {
            /* a read error ends the input, not the run: what was read
             * before it is still coded and written */
            s->state = SLOT_FREE;
        } else {
            s->n = n;
            s->next = s->done = 0;
            s->seq = r->next_fill++;
            /* nothing to code: straight to the writer */
            s->state = n > 0 ? SLOT_READY : SLOT_CODED;
        }
        if (more <= 0) r->eof = 1;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        if (more <= 0) return more < 0 ? -1 : 0;
    }
}

int ent_runner_run(const ent_runner_job *job, void **batches, int n_batches, int n_workers,
                   FILE *err) {
    if (n_batches < 1) return -1;
    if (n_workers <= 0) return run_inline(job, batches[0]);
    if (n_workers > ENT_RUNNER_MAX_WORKERS) n_workers = ENT_RUNNER_MAX_WORKERS;
    run r = {.job = job, .n_slots = n_batches, .chunk = job->chunk > 0 ? job->chunk : INT_MAX};
    r.slots = calloc((size_t)n_batches, sizeof *r.slots);
    pthread_t *tids = calloc((size_t)n_workers, sizeof *tids);
    coder_arg *args = calloc((size_t)n_workers, sizeof *args);
    if (!r.slots || !tids || !args) {
        fprintf(err, "entente: out of memory\n");
        free(r.slots);
        free(tids);
        free(args);
        return -1;
    }
    for (int i = 0; i < n_batches; i++) r.slots[i].batch = batches[i];
    int rc = 0, started = 0, writer_started = 0;
    pthread_t writer;
    if (pthread_mutex_init(&r.mu, NULL)) rc = -1;
    else if (pthread_cond_init(&r.cv, NULL)) {
        pthread_mutex_destroy(&r.mu);
        rc = -1;
    }
    if (rc) {
        fprintf(err, "entente: cannot create locks\n");
        goto out;
    }
    for (int i = 0; i < n_workers; i++) {
        args[i] = (coder_arg){&r, i};
        if (pthread_create(&tids[i], NULL, coder_main, &args[i])) break;
        started++;
    }
    if (started == n_workers && pthread_create(&writer, NULL, writer_main, &r) == 0) writer_started = 1;
    if (!writer_started) {
        fprintf(err, "entente: cannot start threads\n");
        rc = -1;
        pthread_mutex_lock(&r.mu);
        r.stop = 1;
        pthread_mutex_unlock(&r.mu);
    } else {
        rc = fill_loop(&r);
    }
    pthread_mutex_lock(&r.mu);
    r.eof = 1;
    pthread_cond_broadcast(&r.cv);
    pthread_mutex_unlock(&r.mu);
    for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
    if (writer_started) pthread_join(writer, NULL);
    /* the writer stops the run on a failed write */
    if (r.stop) rc = -1;
    pthread_cond_destroy(&r.cv);
    pthread_mutex_destroy(&r.mu);
out:
    free(r.slots);
    free(tids);
    free(args);
    return rc;
}
