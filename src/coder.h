/* coder.h -- from a sentence tree to CAMEO events.
 *
 * A coder is the per-thread state for coding sentences against one
 * frozen dictionary set.  Many coders may share a dictionary; a coder is
 * never shared between threads.  Its buffers are reused from sentence to
 * sentence, so coding allocates nothing once warmed up.
 *
 * The steps, for each sentence:
 *   1. map tokens to dictionary word ids; refuse a sentence that opens
 *      with a dateline; apply discards; set comma-delimited asides apart
 *      (comma_* options: their verbs are not coded);
 *   2. find verb chains ("is about to restore": the chain is is..restore;
 *      a flat "was attacked" too) and, for each, the first verb in the
 *      chain that the verb dictionary knows;
 *   3. match that verb's patterns against the words before and after it;
 *      the pattern with the most elements gives the code and may bind
 *      source ($), target (+), compound (%) and skip (^) slots (a target
 *      slot does not take a place after in/at/near unless the pattern
 *      names the preposition);
 *   4. fill unbound slots from the tree: the source is the clause's
 *      subject noun phrase (climbing to the governing clause for pronoun
 *      and missing subjects, to the modified noun for relative clauses),
 *      the target the first noun phrase after the verb that names an
 *      actor (one naming only an agent if there is none; never a bare
 *      name of the source's own country); passive clauses take their
 *      source from the "by" phrase;
 *   5. resolve noun phrases into actors: actor and agent phrases, date
 *      restrictions (with no date, the code that holds now), coordination
 *      ("Arnor, Gondor and Osgiliath", "Indian and Chinese soldiers"),
 *      agents shared across conjuncts and across "of/in/from" attachments,
 *      "former" as elites (ELI);
 *   6. emit one event per source x target pair (and the reverse event of
 *      a two-code [032:033] pattern), dropping negated verbs that no
 *      pattern accounts for, and events without a dyad when require_dyad
 *      is set; a verb that found its code claims the clauses inside its
 *      phrase, as PETRARCH does.
 *
 * Three options go beyond PETRARCH (all off by default):
 * code_nested_clauses codes a statement with a clause from its clause
 * ("X said Y attacked Z"), the speaker standing for his own state and for
 * pronouns, and the statement itself only if the clause codes nothing;
 * infer_agent_country gives an agent without an actor the country of the
 * other side of the event (for a target, the nearest state the sentence
 * names other than the source's), else the sentence's first country;
 * code_all_clauses codes the participial, relative and time clauses inside
 * a coded verb's phrase as acts of their own and lets modals of possibility
 * cancel an act.
 */
#ifndef ENT_CODER_H
#define ENT_CODER_H

#include <stdint.h>

#include "dict.h"
#include "evdate.h"
#include "place.h"
#include "tree.h"
#include "util.h"

typedef struct ent_event {
    char source[72], target[72];
    char code[8];
    char root[3];
    int quad;
    double goldstein;
    int32_t src_begin, src_end;   /* token spans; -1 when unknown */
    int32_t tgt_begin, tgt_end;
    int32_t verb_tok;
    const ent_pattern *pattern;   /* NULL when the verb's own code applied */
    const char *issue;            /* first issue code found, or NULL */
    ent_evdate when;              /* when it happened, from its clause's date words */
    ent_place where;              /* where, from its clause's locative phrase (place.h) */
} ent_event;

/* Sentence-level outcomes besides events. */
enum ent_code_status {
    ENT_CODED = 0,
    ENT_DISCARD_SENTENCE,
    ENT_DISCARD_STORY_HIT,
    ENT_DATELINE             /* the sentence opens with a dateline ("CEBU CITY: --"):
                                a parse of unsplit copy, not coded */
};

typedef struct ent_coder ent_coder;

/* Prototypes */
ent_coder *ent_coder_new(const ent_dict *d, const ent_options *opt);
void ent_coder_free(ent_coder *c);
/* Replace the options (validation records change them between sentences). */
void ent_coder_set_options(ent_coder *c, const ent_options *opt);
/* When `trace` is non-NULL the coder appends a human-readable account of
 * its decisions to it (for `entente explain`). */
void ent_coder_set_trace(ent_coder *c, ent_buf *trace);

/* The state a dateline's words name ("KYIV, March 3 (Reuters) -",
 * "COLOMBO, Sri Lanka (AP) -"), by the set's actors, into out[4]; "" when
 * none does.  For ent_tree.home. */
void ent_coder_dateline_country(const ent_dict *d, const char *text, size_t n, char out[4]);

/* Code one sentence.  `date` is YYYYMMDD (0 if unknown).  On return
 * *events points at n events owned by the coder, valid until the next
 * call.  Returns an ent_code_status, or -1 on out-of-memory. */
int ent_coder_code(ent_coder *c, ent_tree *t, int32_t date,
                   const ent_event **events, int *n);

/* Text of tokens [b, e) joined by spaces into out (cap bytes). */
void ent_tree_span_text(const ent_tree *t, int32_t b, int32_t e, char *out, size_t cap);

#endif
