/* runner.h -- the ordered thread pool every coding job runs on (code,
 * ingest, recode, worker, validate): batches filled on the caller's
 * thread, coded on N coder threads, written on one writer thread in the
 * order they were filled, so output and store grow as a one-thread run
 * would, whatever N.
 *
 * A job owns its batches (opaque here) and gives three callbacks:
 *
 *   fill   (caller's thread) puts the next units of work into a batch;
 *   code   (a coder thread) codes units [from, to) of a batch; with a
 *          chunk smaller than the batch, coders share one batch, each
 *          coding its own ranges, so a short input still uses every
 *          thread;
 *   write  (the writer thread) writes or stores one coded batch.
 *
 * With no coder threads (n_workers 0) the caller's thread fills, codes and
 * writes each batch in turn: the same callbacks, no threads, for jobs that
 * must stay on one thread (validate) or gain nothing from them (code -j 1).
 * Memory is bounded by the batches the job gives: fill waits for one to be
 * written.
 */
#ifndef ENT_RUNNER_H
#define ENT_RUNNER_H

#include <stdio.h>

/* The most coder threads a run starts (more are taken as this many). */
#define ENT_RUNNER_MAX_WORKERS 64

typedef struct ent_runner_job {
    void *ctx;               /* passed to every callback */
    /* Put the next units into batch, their count in *n (0 is allowed: the
     * batch is still written, for what the job counts there).  1: more
     * may follow; 0: this was the last; -1: an error, the batch is
     * dropped and nothing more is read, but what was filled before is
     * still coded and written. */
    int (*fill)(void *ctx, void *batch, int *n);
    /* Code units [from, to) of batch on coder `worker` (0 .. n_workers-1;
     * 0 on the caller's thread when there are none).  Failures are the
     * job's to note in the batch and report in write. */
    void (*code)(void *ctx, int worker, void *batch, int from, int to);
    /* Write a coded batch (batches in fill order); non-zero stops the run:
     * nothing more is filled or written. */
    int (*write)(void *ctx, void *batch);
    /* Units handed to a coder at a time; 0: the whole batch. */
    int chunk;
} ent_runner_job;

/* Prototypes */
/* Run job over the job's n_batches batches (at least 1; n_workers + 2
 * keep the reader, every coder and the writer busy at once) with
 * n_workers coder threads (0: none, everything on the caller's thread;
 * at most ENT_RUNNER_MAX_WORKERS).  0 when everything filled was written;
 * -1 when fill or write failed, or threads could not start (said on err). */
int ent_runner_run(const ent_runner_job *job, void **batches, int n_batches, int n_workers,
                   FILE *err);

#endif
