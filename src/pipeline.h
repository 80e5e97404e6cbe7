/* pipeline.h -- a document's text through every stage: sentences,
 * tokens, tags, tree, events.
 *
 * One ent_pipeline per thread (it owns the tagger state, the parser, the
 * tree and the coder); the dictionary set it codes against is shared.
 * Each stage's time is accumulated so `make bench` can show where the
 * time goes.
 */
#ifndef ENT_PIPELINE_H
#define ENT_PIPELINE_H

#include <stdint.h>

#include "coder.h"
#include "dict.h"
#include "doc.h"
#include "split.h"
#include "tree.h"

typedef struct ent_pipeline ent_pipeline;

/* What the pipeline hands back for every sentence of a document. */
/* A sentence longer than this many tokens is coded on its first ones
 * (ent_coded_sentence.cut says how many were left out): hostile input
 * stays linear and bounded, and no real sentence comes near it. */
#define ENT_PIPELINE_MAX_TOKENS 400

typedef struct ent_coded_sentence {
    int index;               /* sentence number in the document, from 0 */
    ent_span span;           /* bytes of the document's normalised text */
    const ent_tree *tree;    /* tokens carry offsets into the document text */
    const ent_event *events;
    int n_events;
    int status;              /* enum ent_code_status */
    int cut;                 /* tokens past the limit, not coded (ENT_PIPELINE_MAX_TOKENS) */
} ent_coded_sentence;

/* Return non-zero to stop coding the document. */
typedef int (*ent_sentence_fn)(void *user, const ent_doc *doc, const ent_coded_sentence *s);

typedef struct ent_stage_times {
    double split, tokenize, tag, parse, code;   /* seconds */
    long sentences, tokens;
} ent_stage_times;

/* Prototypes */
ent_pipeline *ent_pipeline_new(const ent_dict *d, const ent_options *opt);
void ent_pipeline_free(ent_pipeline *p);
void ent_pipeline_set_options(ent_pipeline *p, const ent_options *opt);
/* With `timed`, each stage is clocked (costs a little). */
void ent_pipeline_set_timing(ent_pipeline *p, int timed);
const ent_stage_times *ent_pipeline_times(const ent_pipeline *p);
/* Code every sentence of doc, calling fn for each.  A story discard
 * stops the document (its earlier sentences were already handed over).
 * Returns the number of sentences, or -1 on OOM. */
int ent_pipeline_code_doc(ent_pipeline *p, const ent_doc *doc, ent_sentence_fn fn, void *user);
/* One sentence of raw text (for `entente explain "..."`): tokenize, tag,
 * parse into t.  0 or -1. */
int ent_pipeline_parse_text(ent_pipeline *p, const char *text, int32_t len, ent_tree *t);

#endif
