/* tree.h -- the sentence tree every producer builds and the coder reads.
 *
 * One representation for all parse sources: a Penn Treebank string
 * (ptb.c), a CoNLL-U block (conllu.c) and the built-in parser (parse.c)
 * all produce this, so the coder never knows where its tree came from.
 *
 * Shape.  Nodes live in one array; children are linked first_child ->
 * next_sibling in sentence order.  A preterminal node (its label is a POS
 * tag such as NNP or VBD) owns exactly one token.  Phrase nodes carry the
 * token span they cover.  Tags and labels follow Penn Treebank usage:
 * S/SINV/SQ/SBAR for clauses, NP, VP, PP, ADJP, ADVP, PRT ...
 *
 * A tree reuses its memory across sentences: ent_tree_reset() keeps the
 * arrays and the arena, so a coder thread allocates nothing in steady
 * state.
 */
#ifndef ENT_TREE_H
#define ENT_TREE_H

#include <stdint.h>

#include "util.h"

/* Coarse node kinds so the coder tests an int, not a string. */
enum ent_node_kind {
    ENT_N_OTHER = 0,
    ENT_N_ROOT,      /* ROOT or the unlabelled outer bracket */
    ENT_N_S,         /* S, SINV, SQ, SBARQ, FRAG */
    ENT_N_SBAR,
    ENT_N_NP,        /* NP, NX, NML, WHNP */
    ENT_N_VP,
    ENT_N_PP,        /* PP, WHPP */
    ENT_N_ADJP,
    ENT_N_ADVP,      /* ADVP, WHADVP */
    ENT_N_PRT,
    ENT_N_PRN,
    ENT_N_UCP,
    ENT_N_LEAF       /* preterminal: a POS tag over one token */
};

typedef struct ent_node {
    char label[12];          /* NP, VP, ... or the POS tag of a preterminal */
    uint8_t kind;            /* enum ent_node_kind */
    int32_t parent;          /* -1 for the root */
    int32_t first_child, last_child, next_sibling;   /* -1 when none */
    int32_t token;           /* preterminals: token index; else -1 */
    int32_t begin, end;      /* token span [begin, end) */
} ent_node;

typedef struct ent_token {
    const char *text;        /* as in the source, NUL-terminated */
    const char *upper;       /* upper-cased, for dictionary lookup */
    char tag[8];             /* Penn tag: NNP, VBD, IN, ... */
    int32_t node;            /* its preterminal node */
    int32_t start, end;      /* byte offsets in the original text; -1 unknown */
    int32_t word;            /* dictionary word id (set by the coder), 0 unknown */
} ent_token;

typedef struct ent_tree {
    ent_node *nodes;
    int32_t n_nodes, cap_nodes;
    ent_token *tokens;
    int32_t n_tokens, cap_tokens;
    int32_t root;            /* -1 when empty */
    ent_arena arena;         /* token strings */
    char home[4];            /* the state the story's dateline names
                                ("COLOMBO, Sri Lanka (AP) -": LKA), "" when
                                none; set by the pipeline, read by the coder
                                for agents no word of the sentence places */
} ent_tree;

/* Prototypes */
void ent_tree_init(ent_tree *t);
void ent_tree_reset(ent_tree *t);
void ent_tree_free(ent_tree *t);

/* Kind of a phrase label or POS tag (tags map to ENT_N_LEAF only through
 * ent_tree_add_token). */
int  ent_node_kind_of(const char *label);

/* Append a phrase node as the last child of `parent` (-1: new root).
 * Returns its index or -1 on OOM. */
int32_t ent_tree_add_node(ent_tree *t, const char *label, size_t label_len,
                          int32_t parent);
/* Append a token with its preterminal node under `parent`.  `text` is
 * copied.  Returns the token index or -1 on OOM. */
int32_t ent_tree_add_token(ent_tree *t, const char *tag, size_t tag_len,
                           const char *text, size_t text_len, int32_t parent,
                           int32_t start, int32_t end);
/* Compute token spans of every phrase node; call once the tree is built. */
void ent_tree_finish(ent_tree *t);

/* Penn Treebank rendering, one line: "(ROOT (S (NP (NNP Arnor)) ...))". */
int  ent_tree_to_ptb(const ent_tree *t, ent_buf *out);
/* Indented rendering for `entente explain`. */
int  ent_tree_to_text(const ent_tree *t, ent_buf *out);

/* The clause token i belongs to: the node of its nearest SBAR, S with a
 * subject, verb phrase modifying a noun ("the deal signed in 2015"), or
 * the root; -1 when the token has no node.  A subjectless S is a
 * non-finite complement and part of the clause above.  Words of one
 * clause share its date (evdate.h) and its place (place.h). */
int32_t ent_tree_clause_of(const ent_tree *t, int32_t i);

/* Is a Penn tag a verb's (VB, VBD, VBZ, ...)? */
static inline int ent_tree_is_verb_tag(const char *tag) {
    return tag[0] == 'V' && tag[1] == 'B';
}

#endif
