/* batch.h -- a batch of documents: what the input front or a queue puts
 * in, the coders add events to, and the writer stores in one transaction.
 * A batch owns every string its documents point at (its arenas), so it
 * travels between threads without copies.
 */
#ifndef ENT_BATCH_H
#define ENT_BATCH_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "store.h"
#include "util.h"

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

/* What the batch owns: the reader's strings, the coder's event strings and
 * events, the coder's messages. */
typedef struct ent_batch {
    ent_batch_doc *docs;
    int n, cap;
    ent_arena arena;         /* the documents' strings (filled by the reader) */
    ent_arena ev_arena;      /* event strings, raw-text sentences (the coder) */
    ent_vec events;          /* ent_store_event, the documents' in order */
    ent_diags diags;         /* the coder's messages, printed in batch order */
    int failed;              /* out of memory while coding */
    long pre_skipped;        /* dropped by the reader's lookup, counted in order */
    long long units_done;    /* input lines read when it was filled (ETA) */
} ent_batch;

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
/* Make doc a document of one sentence, text with its parse (NULL: none),
 * hashed by its text (by its parse when it has no text).  0, or -1 when
 * out of memory. */
int ent_batch_sentence_doc(ent_batch *b, ent_batch_doc *doc, const char *text, const char *parse);

#endif
