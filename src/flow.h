/* flow.h -- the runner every storing job shares: batches of documents
 * read on the caller's thread, coded on N coder threads (each with its own
 * coder, tree and parser over the shared read-only dictionaries), and
 * committed in reading order by one writer thread.
 *
 * A job (ingest, recode, worker) gives two callbacks: fill, which puts the
 * next documents into a batch on the caller's thread, and write, which
 * commits one coded batch on the writer thread.  Batches are committed in
 * the order they were filled, so the store grows as a one-thread run would
 * and a kill leaves a prefix of what was read.
 */
#ifndef ENT_FLOW_H
#define ENT_FLOW_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "store.h"
#include "util.h"

struct ent_dict;

/* One document of a batch, with what the coder adds to it.  `user` is the
 * job's own handle for it (the worker's message), carried untouched. */
typedef struct ent_batch_doc {
    ent_store_doc d;
    ent_store_sentence *sents;
    int n_sents;
    const char *where;       /* file, for messages */
    long line;
    size_t ev_start;         /* its events in the batch's vector */
    int ev_n;
    int bad;                 /* a parse could not be read */
    const char *text;        /* raw text for the pipeline, or NULL */
    void *user;              /* the job's handle for the document, or NULL */
} ent_batch_doc;

/* Where a batch is in the flow (see flow below). */
enum { ENT_SLOT_FREE, ENT_SLOT_FILLING, ENT_SLOT_READY, ENT_SLOT_CODING, ENT_SLOT_CODED };

/* A batch owns everything its documents point at, so it can travel from
 * the reader to a coder to the writer without copies: the reader's
 * strings, the coder's event strings and events, the coder's messages. */
typedef struct ent_batch {
    ent_batch_doc *docs;
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
} ent_batch;

/* The whole run; its fields belong to flow.c. */
struct ent_flow_coder;
typedef struct ent_flow {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    ent_batch *slots;
    int n_slots;
    struct ent_flow_coder *w;
    int n_workers;
    long long next_fill;     /* sequence number of the next batch read */
    long long next_write;    /* ... and of the next to commit */
    int eof;                 /* the reader is done */
    int stop;                /* an error somewhere: everyone leaves */
    int sync_ok;             /* mutex and condition initialised */
    pthread_t writer;
    int writer_started;
    /* commits one coded batch; runs on the writer thread only */
    int (*write)(void *ctx, ent_batch *b);
    void *write_ctx;
} ent_flow;

/* A growing copy of a batch's store records (a writer's scratch). */
typedef struct ent_batch_docs {
    ent_store_doc *d;
    int cap;
} ent_batch_docs;

/* Prototypes */
/* An empty batch; ent_batch_reset empties it for reuse, keeping memory. */
void ent_batch_init(ent_batch *b);
void ent_batch_reset(ent_batch *b);
void ent_batch_free(ent_batch *b);
/* A new empty document at the end of b; NULL when out of memory. */
ent_batch_doc *ent_batch_push(ent_batch *b);
/* s[0..n) copied into b's arena (NULL s: ""); NULL when out of memory. */
char *ent_batch_dup(ent_batch *b, const char *s, size_t n);
/* Room for one more sentence in doc->sents, which lives in arena a: the
 * array doubles (32, 64, ...), so a long document costs linear memory.
 * 0, or -1 on out of memory. */
int ent_batch_sents_room(ent_arena *a, ent_batch_doc *doc);
/* Print a coded batch's messages, counted in *said; -1 when coding ran
 * out of memory. */
int ent_batch_report(ent_batch *b, FILE *err, long *said);
/* b's documents as store records, in db's array (valid until the next
 * call); NULL when out of memory. */
ent_store_doc *ent_batch_store_docs(ent_batch_docs *db, ent_batch *b);

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
