/* coder_int.h -- the coder's internals, shared by its three files and by
 * nothing else:
 *
 *   coder.c    verbs, verb chains, source and target slots, events, options
 *   np.c       noun phrases into actors and agents, and their codes
 *   pattern.c  verb patterns matched over the words around a verb
 *   combine.c  PETRARCH-2's combination of verb codes (combine.h), used
 *              for sets with transformations
 *
 * coder.h is the contract; this is the common ground of its implementation:
 * the per-thread coder state, the entity lists noun phrases resolve to, and
 * the small accessors every part uses on the hot path (inline).
 */
#ifndef ENT_CODER_INT_H
#define ENT_CODER_INT_H

#include <stdint.h>
#include <string.h>

#include "coder.h"
#include "combine.h"

#define MAX_AGENTS 6
#define MAX_CODES 8
#define MAX_NP_TOKENS 256

typedef struct entity {
    int32_t actor;                /* actor index, -1 none */
    int32_t newactor;             /* NP node of a quoted new actor, -1 none */
    int32_t agents[MAX_AGENTS];   /* agent indices in text order */
    int n_agents;
    int former;                   /* "former"/"ex-": CAMEO codes them as elites */
    int share;                    /* an adjectival conjunct: "Indian and Chinese
                                     soldiers" gives the head's agents to both */
    int32_t begin, end;           /* token span it came from */
} entity;

typedef struct elist {
    int32_t off, n;               /* slice of coder->ents */
} elist;

/* PETRARCH-2's reading of several noun phrases as one run of words:
 * every actor they name with a code on the date takes every agent they
 * name, the general ~PPL giving way to any other ("GAZA CITY, Palestinian
 * Territories: Four children and a man" is PSEGZACVL and PSECVL); with no
 * actor, the agents make one party. */
typedef struct ent_np_bag {
    entity actors[MAX_CODES];
    int32_t agents[MAX_AGENTS];
    int n_actors, n_agents;
} ent_np_bag;

/* Result of matching one pattern. */
typedef struct pmatch {
    int32_t src, tgt;             /* bound NP nodes, -1 none */
    int compound;                 /* % bound: source compound acts on itself */
    int32_t min_pre;              /* leftmost token used by pre elements */
} pmatch;

/* Token classes the coder asks about, computed once per sentence so the
 * hot paths test bits instead of comparing strings. */
enum {
    TF_CC = 1 << 0, TF_COMMA = 1 << 1, TF_NOUN = 1 << 2, TF_PUNCT = 1 << 3, TF_POS = 1 << 4,
    TF_PROPER = 1 << 5, TF_DT = 1 << 6, TF_PRONOUN = 1 << 7, TF_NEG = 1 << 8, TF_BE = 1 << 9,
    TF_BY = 1 << 10, TF_FORMER = 1 << 11, TF_LOC = 1 << 12, TF_MODAL = 1 << 13, TF_TO = 1 << 14
};

/* Word ids a pattern needs, folded into 128 bits: a pattern is tried only
 * when every bit it needs is among the sentence's. */
typedef struct wmask {
    uint64_t b[2];
} wmask;

struct ent_coder {
    const ent_dict *d;
    wmask *pattern_need;          /* per pattern */
    uint8_t *pattern_ref;         /* per pattern: code +++ or ###, never coded */
    wmask present;                /* words of the current sentence */
    uint16_t *tflags;             /* per token */
    ent_options opt;
    ent_buf *trace;

    /* per sentence */
    ent_tree *t;
    int32_t date;
    ent_vec ents;                 /* entity pool for every elist */
    elist *memo;                  /* per node */
    uint8_t *memo_done;
    uint8_t *claimed;             /* per token: verb already in a chain */
    ent_wid *lex;                 /* per token: the lexicon's word for its
                                     upper-case text, before the "US" rules
                                     of ent_coder_code (0 when none) */
    int32_t cap_nodes, cap_tokens;
    ent_vec events;               /* ent_event */
    int32_t excl_begin, excl_end; /* NP span excluded from target search */
    const char *target_code;      /* the code of the verb whose target is
                                   * sought, while first_np_entities runs */
    int allow_null_code;          /* null_verbs: "---" events are wanted */
    char home[4];                 /* infer_agent_country: the sentence's first
                                     country, "" when none or not computed */
    /* infer_agent_country: where the sentence names states, so that an
     * agent without one ("four civilians", "its commander") can take the
     * nearest state other than the source's */
    struct mention {
        int32_t tok, actor;
        char cc[4];
    } mentions[32];
    int n_mentions;
    /* code_all_clauses: the organisations and armed groups it names, for
     * "the group", "the alliance" */
    struct mention groups[16];
    int n_groups;
    /* code_all_clauses: the source of the last act coded, for a reaction
     * to it with no target of its own ("..., and Iran condemned the
     * offensive"), and of the act before it (a denial of an accused act
     * answers the accuser: "X accused Y of killing ..., and Y denied it") */
    elist last_src, prev_src;
    /* ... and the target of the last act, for an object pronoun after it
     * ("seized 15 British sailors, accusing them of ...") */
    elist last_tgt;
    /* ... and the source of the last act that named no target, which a
     * reaction answers when no act was coded ("Musharraf suspended the
     * constitution, and Washington criticised the move") */
    elist last_actor;
    /* ... and where the last act of force with no one named doing it
     * struck ("Drones struck two Saudi Aramco plants"), for a claim of
     * responsibility after it: a country code and sector, "" when none */
    char blow_to[4], blow_sector[72], blow_code[8];
    /* while a compound source's events are emitted: its span, whose
     * states are no target's state ("the EU and the United States urged
     * the authorities") */
    int32_t pre_verb, pre_from;   /* clause_begin (pattern.c) of the verb last
                                   * asked, kept for the patterns after it */
    int32_t srcs_begin, srcs_end;
    /* code_all_clauses: the sentence's locative phrases (place.h), read
     * before coding, for each event's place */
    ent_place_expr where[ENT_PLACE_MAX];
    int n_where;
    /* code_nested_clauses: verbs of saying whose clause may carry the
     * event ("X said Y would ..."), decided once the clause is coded */
    struct pending_say {
        elist speaker;
        elist last_src, prev_src;
    /* ... and the target of the last act, for an object pronoun after it
     * ("seized 15 British sailors, accusing them of ...") */
    elist last_tgt;   /* as they stood at the statement */
        int32_t verb, vp, subj, cb, ce;
        const char *code, *code2;
    } says[16];
    int n_says;
    int depth;                    /* combine_verbs: nested clauses being
                                     coded inside the current chain */
};


/* ---- Accessors ------------------------------------------------------------ */

static inline const ent_node *N(const ent_coder *c, int32_t i) { return &c->t->nodes[i]; }
static inline const ent_token *T(const ent_coder *c, int32_t i) { return &c->t->tokens[i]; }
static inline int TF(const ent_coder *c, int32_t tok, int flag) { return (c->tflags[tok] & flag) != 0; }
static inline entity *E(ent_coder *c, int32_t i) { return &ENT_VEC_AT(&c->ents, entity, i); }
static inline int entity_has_actor(const entity *e) { return e->actor >= 0 || e->newactor >= 0; }
static inline elist concat_begin(ent_coder *c) { return (elist){(int32_t)c->ents.len, 0}; }

static inline int is_punct_tag(const char *tag) {
    switch (tag[0]) {   /* most tags are words': no compare for them */
    case ',': case '.': case ':': case '`': case '\'': case '-': case 'H': break;
    default: return 0;
    }
    return !strcmp(tag, ",") || !strcmp(tag, ".") || !strcmp(tag, ":") || !strcmp(tag, "``") ||
           !strcmp(tag, "''") || !strcmp(tag, "-LRB-") || !strcmp(tag, "-RRB-") ||
           !strcmp(tag, "HYPH");
}

/* Same over the contiguous token range [k, end) of the sentence. */
static inline const ent_phrase *phrase_at_range(const ent_coder *c, const ent_phrase_index *ix,
                                         int32_t k, int32_t end, int32_t value) {
    ent_wid w = T(c, k)->word;
    if (w <= 0 || !ix->start || w >= c->d->n_words) return NULL;
    for (int32_t i = ix->start[w]; i < ix->start[w + 1]; i++) {
        const ent_phrase *p = &ix->phrases[i];
        if (p->n_words > end - k) continue;
        if (value >= 0 && p->value != value) continue;
        int ok = 1;
        for (int j = 1; j < p->n_words && ok; j++) ok = T(c, k + j)->word == p->words[j];
        if (ok) return p;
    }
    return NULL;
}

/* Append src to dst (length *len, capacity cap), truncating; snprintf
 * would do, but this runs for every event of every sentence. */
static inline void cat(char *dst, size_t *len, size_t cap, const char *src) {
    size_t n = strlen(src);
    if (*len + n >= cap) n = cap - 1 - *len;
    memcpy(dst + *len, src, n);
    *len += n;
    dst[*len] = '\0';
}

static inline void copy(char *dst, size_t cap, const char *src) {
    size_t len = 0;
    dst[0] = '\0';
    cat(dst, &len, cap, src);
}

/* Prototypes */
void ent_coder_trace(ent_coder *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* coder.c, for nominal.c */
/* The entities of the subject of the clause VP `vp` belongs to (pronouns
 * and missing subjects defer to the governing clause); *subj_np is its NP
 * or -1. */
elist ent_coder_subject(ent_coder *c, int32_t vp, int32_t *subj_np);
/* One event per source x target code (every ordered pair of srcs with
 * `compound`); a second code adds the reverse event.  -1 on OOM. */
int ent_coder_emit_pairs(ent_coder *c, elist srcs, elist tgts, const char *code, const char *code2,
                         int compound, int32_t verb, const ent_pattern *p);

/* The NP an accusation accuses when node pp is the "of" or "for" phrase
 * of its verb or of its object ("accused Myanmar | of ethnic cleansing"),
 * else -1. */
int32_t ent_coder_accused_object(const ent_coder *c, int32_t pp);
/* One event from each source to a state: `state`, or with NULL the
 * source's own, then `sector` (an organ needed for the source's own).
 * -1 on OOM. */
int ent_coder_state_event(ent_coder *c, elist srcs, const char *code, const char *state,
                          const char *sector, int32_t verb, const ent_pattern *p);

/* coder.c, for pattern.c */
/* Is the verb at token vt passive as PETRARCH-2 reads it: -ed form, its
 * phrase modifying a noun or within two phrases under a form of "be"? */
int ent_coder_passive(const ent_coder *c, int32_t vt);
/* "has no intention of launching", "has no plans to join": the "no" of a
 * noun of intent right before the act whose verb group starts at token
 * v, else -1. */
int32_t ent_coder_no_plan_before(const ent_coder *c, int32_t v);
/* With code_all_clauses, is NP np a description of a state ("the tiny
 * nation", "the Pacific kingdom") that stands for one named before? */
int ent_coder_state_description(const ent_coder *c, int32_t np);

/* nominal.c */
/* Code the nouns of the noun dictionary that name events, in tokens no
 * verb claimed.  0, or -1 on OOM. */
int ent_nominal_code(ent_coder *c);
/* When a relative clause starting at token `end` follows, with no verb
 * between, a noun of the noun dictionary ("attacks on police stations in
 * Kano | that killed ..."), sets *agents to that act's own agent (its
 * modifiers or "by" phrase; empty when it names none) and returns 1;
 * else 0. */
int ent_nominal_act_agents(ent_coder *c, int32_t end, elist *agents);

/* np.c */
/* The entities a noun phrase names (memoised per node for the sentence). */
elist ent_np_entities(ent_coder *c, int32_t node);
int ent_np_has_actor(ent_coder *c, elist l);
int32_t ent_np_push(ent_coder *c, const entity *e);
/* Add the actors and agents of NP node np to a bag; push the bag's
 * entities (the span [begin, end) for an agent-only party). */
void ent_np_bag_add(ent_coder *c, ent_np_bag *bag, int32_t np);
elist ent_np_bag_push(ent_coder *c, const ent_np_bag *bag, int32_t begin, int32_t end);
/* The codes an entity stands for on the sentence's date (several for a
 * multi-code actor); returns how many. */
int ent_np_entity_codes(ent_coder *c, const entity *e, char out[][72], int max);
/* NP nodes by position: the largest starting at p (ending by limit), the
 * largest ending at p (starting at or after floor), the smallest starting
 * at p, the smallest containing p; -1 when none. */
int32_t ent_np_starting_at(const ent_coder *c, int32_t p, int32_t limit);
int32_t ent_np_ending_at(const ent_coder *c, int32_t p, int32_t floor);
int32_t ent_np_smallest_at(const ent_coder *c, int32_t p, int32_t limit);
int32_t ent_np_containing(const ent_coder *c, int32_t p);

/* pattern.c */
/* Does pattern p match around the verb at tokens [vb, ve), within the
 * phrase ending at `end`?  Fills the slots it binds into m. */
int ent_pattern_matches(ent_coder *c, const ent_pattern *p, int32_t vb, int32_t ve, int32_t end,
                        pmatch *m);
/* The same for a PETRARCH-2 verb file (one with transformations:
 * ent_dict.combine_verbs), whose patterns name the heads of the verb's
 * phrases and of its subject.  The phrases around the verb at vb are
 * found once by ent_pattern_tree_verb for all the patterns tried. */
typedef struct ptree_verb {
    int32_t vp;                   /* the verb's phrase, -1 for none */
    int32_t top;                  /* the highest phrase of its verb group */
    int32_t s;                    /* the clause holding its subject, or -1 */
    int passive;
} ptree_verb;
void ent_pattern_tree_verb(ent_coder *c, int32_t vb, ptree_verb *v);
int ent_pattern_matches_tree(ent_coder *c, const ptree_verb *v, const ent_pattern *p, int32_t vb,
                             int32_t ve, int32_t end, pmatch *m);

#endif
