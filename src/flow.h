/* flow.h -- what every storing job shares: batches of documents read on
 * the caller's thread, coded on N coder threads (each with its own coder,
 * tree and parser over the shared read-only dictionaries), and committed in
 * reading order by one writer thread, on the runner of runner.h.
 *
 * A job (ingest, recode, worker) gives two callbacks: fill, which puts the
 * next documents into a batch on the caller's thread, and write, which
 * commits one coded batch on the writer thread.  Batches are committed in
 * the order they were filled, so the store grows as a one-thread run would
 * and a kill leaves a prefix of what was read.
 */
#ifndef ENT_FLOW_H
#define ENT_FLOW_H

#include <stddef.h>
#include <stdio.h>

#include "batch.h"

struct ent_dict;

/* The coders and batches of a run; its fields belong to flow.c (a job may
 * look at the batches after the run: the worker gives back the documents
 * of those never committed). */
struct ent_flow_coder;
typedef struct ent_flow {
    ent_batch *slots;
    int n_slots;
    struct ent_flow_coder *w;
    int n_workers;
    /* commits one coded batch; runs on the writer thread only */
    int (*write)(void *ctx, ent_batch *b);
    void *write_ctx;
    /* fills the next batch; runs on the caller's thread */
    int (*fill)(void *ctx, ent_batch *b);
    void *fill_ctx;
} ent_flow;

/* Prototypes */
/* n coders (1..64), each with its own coder and parser over the shared
 * dictionaries d; write(ctx, b) commits a coded batch on the writer thread
 * and returns 0, or non-zero to stop the run.  0, or -1 when out of
 * memory (call ent_flow_free either way). */
int ent_flow_init(ent_flow *f, int n, const struct ent_dict *d, int (*write)(void *, ent_batch *),
                  void *ctx);
/* Run the flow: fill(ctx, b) puts the next batch's documents into b and
 * returns 1 (more to come), 0 (this was the last) or -1 (error).  The
 * coders and the writer run on their own threads; the caller's thread
 * reads.  0 when everything read was committed, -1 otherwise. */
int ent_flow_run(ent_flow *f, int (*fill)(void *, ent_batch *), void *fill_ctx, FILE *err);
void ent_flow_free(ent_flow *f);

#endif
