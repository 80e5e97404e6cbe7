/* pipeline.h -- a document's text through every stage: sentences,
 * tokens, tags, tree, events.
 *
 * The pipeline is in two: segmenting a document into sentences needs no
 * dictionary (split.h), so every sentence of a story is kept whatever the
 * coding finds; coding one sentence, from a given tree, a given parse or
 * text, is one function, ent_pipeline_code_sentence, whoever calls it
 * (code, ingest, recode, validate).
 *
 * One ent_pipeline per thread (it owns the tagger state, the parser, the
 * tree and the coder); the dictionary set it codes against is shared.
 * Each stage's time is accumulated so `make bench` can show where the
 * time goes.
 */
#ifndef ENT_PIPELINE_H
#define ENT_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "coder.h"
#include "diag.h"
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

/* A sentence after a story discard is handed over uncoded: status
 * ENT_DISCARD_STORY_HIT, no tree, no events. */
typedef struct ent_coded_sentence {
    int index;               /* sentence number in the document, from 0 */
    ent_span span;           /* bytes of the document's normalised text */
    const ent_tree *tree;    /* tokens carry offsets into the text coded */
    const ent_event *events;
    int n_events;
    int status;              /* enum ent_code_status */
    int cut;                 /* tokens past the limit, not coded (ENT_PIPELINE_MAX_TOKENS) */
} ent_coded_sentence;

/* One sentence to code, in the first form it has: a tree already built,
 * a given parse (Penn Treebank or CoNLL-U), or text[span] for the
 * built-in tokenizer, tagger and parser. */
typedef struct ent_sentence_in {
    ent_tree *tree;          /* coded in place when not NULL */
    const char *parse;       /* else a given parse, parse_len bytes */
    size_t parse_len;
    const char *text;        /* else the words of text[span] */
    ent_span span;
    int dateline;            /* text may open with a dateline (a record's
                                text, not a span the splitter made) */
    const char *home;        /* the state the story's dateline names, or NULL */
    int32_t date;            /* YYYYMMDD, 0 unknown */
    const char *where;       /* for messages on the parse */
    long line;
} ent_sentence_in;

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
/* The coder's account of its decisions goes to trace (NULL: none), for
 * `entente explain`. */
void ent_pipeline_set_trace(ent_pipeline *p, ent_buf *trace);
/* Code one sentence into *out (its tree and events are p's, valid until
 * the next call).  0; 1 when the given parse cannot be read (said in d,
 * nothing coded); -1 when out of memory. */
int ent_pipeline_code_sentence(ent_pipeline *p, const ent_sentence_in *in, ent_diags *d,
                               ent_coded_sentence *out);
/* Code every sentence of doc, calling fn for each.  A story discard
 * stops the coding, not the document: the sentences after it are handed
 * over uncoded, so a store keeps the whole story.  Returns the number of
 * sentences handed over, or -1 on OOM. */
int ent_pipeline_code_doc(ent_pipeline *p, const ent_doc *doc, ent_sentence_fn fn, void *user);
/* Read a parse that is either a Penn Treebank string or a CoNLL-U block
 * (told apart by its first character) into t.  0, or -1 said in d. */
int ent_pipeline_read_parse(ent_tree *t, const char *parse, size_t len, ent_diags *d,
                            const char *where, long line);
/* One sentence of raw text (for `entente explain "..."`): tokenize, tag,
 * parse into t.  0 or -1. */
int ent_pipeline_parse_text(ent_pipeline *p, const char *text, int32_t len, ent_tree *t);

#endif
