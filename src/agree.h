/* agree.h -- how far two codings, or two parses, of the same records agree.
 *
 * Two measures behind `entente validate`:
 *
 *   - events: another coder's events for the same records, read from a
 *     tab-separated file whose header names the columns, against the
 *     events entente codes; agreement is on exact events (record id,
 *     source, target, code), each record's events taken as a set.  A file
 *     of judgements says, for each disagreement a person has looked at,
 *     which side is right, so that a new disagreement stands out.
 *   - brackets: a parse against a reference parse of the same sentence,
 *     PARSEVAL style: labelled constituents as (label, first word, last
 *     word), punctuation and the root left out, counted as multisets; and
 *     tags, where both parses cut the sentence into the same tokens.
 *
 * The two parses need not have the same tokens: spans are measured in
 * characters of the sentence's words written one after another without
 * blanks (Treebank escapes such as -LRB- and `` read back as the
 * characters they stand for, letters compared without case), so "cannot"
 * against "can not" still lines up; a sentence whose two parses do not
 * spell the same characters cannot be aligned and is skipped.
 */
#ifndef ENT_AGREE_H
#define ENT_AGREE_H

#include <stddef.h>

#include "diag.h"
#include "tree.h"
#include "util.h"

/* One event of the other coder. */
typedef struct ent_agree_event {
    const char *id, *source, *target, *code;
    long line;       /* its line in the file */
    int matched;     /* set by the caller when entente has it too */
} ent_agree_event;

/* The other coder's events, sorted by id then event, duplicates within a
 * record dropped (a record's events are a set). */
typedef struct ent_agree_events {
    ent_agree_event *ev;
    size_t n;
    ent_arena arena;
} ent_agree_events;

/* A person's verdict on one disagreement: an event one side has and the
 * other not. */
typedef struct ent_agree_judgement {
    const char *id;       /* the record */
    int entente_side;     /* 1: only entente has the event; 0: only the other */
    const char *event;    /* "SOURCE>TARGET:CODE" */
    const char *verdict;  /* "entente-right", "<other>-right", "both-wrong", "open" */
    const char *reason;
    long line;            /* its line in the file */
    int used;             /* set when a disagreement of this run has it */
} ent_agree_judgement;

typedef struct ent_agree_judgements {
    ent_agree_judgement *j;  /* sorted by id, side, event */
    size_t n;
    char other[32];          /* the other coder's name as the sides spell it
                                ("petrarch2" of "petrarch2-only"), else "other" */
    ent_arena arena;
} ent_agree_judgements;

/* Counts of one bracket comparison, or of many added up. */
typedef struct ent_parseval {
    long matched, test, gold;        /* constituents */
    long tags_right, tags;           /* tokens, where the tokenizations agree */
    long scored, skipped, tok_differ; /* sentences */
    char differ[96];  /* one skipped sentence: the characters of each parse
                         from where they first differ, for a person to see */
} ent_parseval;

/* Prototypes */
/* Read `path`: a header line (it may start with "#") naming at least the
 * columns id (or doc), source, target and code, then one event a line;
 * other lines starting with "#" and blank lines are passed over.  A line
 * with too few fields is reported with its line and skipped.  0, or -1
 * (message in d) when the file cannot be read or has no such header. */
int ent_agree_read_events(ent_agree_events *e, const char *path, ent_diags *d);
void ent_agree_events_free(ent_agree_events *e);
/* The events of record `id`: *first is the first index, the return the
 * count (0 when none). */
size_t ent_agree_find(const ent_agree_events *e, const char *id, size_t *first);

/* Read `path`: a header line (it may start with "#") naming the columns
 * id, side, event, verdict and reason, then one judgement a line; side is
 * "entente-only" or "<other>-only", verdict "entente-right",
 * "<other>-right", "both-wrong" or "open".  A line with too few fields or
 * another side or verdict is reported with its line and skipped.  0, or -1
 * (message in d) when the file cannot be read or has no such header. */
int ent_agree_read_judgements(ent_agree_judgements *j, const char *path, ent_diags *d);
void ent_agree_judgements_free(ent_agree_judgements *j);
/* The judgement of the disagreement (id, side, event "S>T:C"), marked
 * used; NULL when there is none. */
ent_agree_judgement *ent_agree_judged(ent_agree_judgements *j, const char *id, int entente_side,
                                      const char *event);

/* Compare `test` with `gold` and add the counts to `sum` (and to `one`,
 * zeroed first, when not NULL).  Returns 0 when scored, 1 when skipped
 * because the two do not spell the same characters, -1 on OOM. */
int ent_parseval_add(ent_parseval *sum, ent_parseval *one, const ent_tree *gold,
                     const ent_tree *test);
/* precision, recall and F1 of the constituents; tag accuracy. */
double ent_parseval_precision(const ent_parseval *p);
double ent_parseval_recall(const ent_parseval *p);
double ent_parseval_f1(const ent_parseval *p);
double ent_parseval_tag_accuracy(const ent_parseval *p);
/* F1 of two rates (0 when both are 0). */
double ent_agree_f1(double precision, double recall);

#endif
