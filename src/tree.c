/* tree.c -- the sentence tree; see tree.h. */
#include "tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void ent_tree_init(ent_tree *t) {
    memset(t, 0, sizeof *t);
    t->root = -1;
    ent_arena_init(&t->arena, 16 * 1024);
}

void ent_tree_reset(ent_tree *t) {
    t->n_nodes = 0;
    t->n_tokens = 0;
    t->root = -1;
    t->home[0] = '\0';
    ent_arena_reset(&t->arena);
}

void ent_tree_free(ent_tree *t) {
    free(t->nodes);
    free(t->tokens);
    ent_arena_free(&t->arena);
    memset(t, 0, sizeof *t);
    t->root = -1;
}

int ent_node_kind_of(const char *label) {
    /* Treebank function tags and indices ("NP-TMP", "NP-SBJ-1", "PP=2")
     * do not change the category */
    char base[12];
    size_t n = 0;
    while (label[n] && n < sizeof base - 1 && (n == 0 || (label[n] != '-' && label[n] != '=')))
        n++;
    memcpy(base, label, n);
    base[n] = '\0';
    const char *l = base;
    switch (l[0]) {
    case 'R':
        if (!strcmp(l, "ROOT")) return ENT_N_ROOT;
        break;
    case 'S':
        if (!strcmp(l, "SBAR")) return ENT_N_SBAR;
        if (!strcmp(l, "S") || !strcmp(l, "SINV") || !strcmp(l, "SQ") ||
            !strcmp(l, "SBARQ"))
            return ENT_N_S;
        break;
    case 'F':
        if (!strcmp(l, "FRAG")) return ENT_N_S;
        break;
    case 'N':
        if (!strcmp(l, "NP") || !strcmp(l, "NX") || !strcmp(l, "NML")) return ENT_N_NP;
        break;
    case 'W':
        if (!strcmp(l, "WHNP")) return ENT_N_NP;
        if (!strcmp(l, "WHPP")) return ENT_N_PP;
        if (!strcmp(l, "WHADVP")) return ENT_N_ADVP;
        break;
    case 'V':
        if (!strcmp(l, "VP")) return ENT_N_VP;
        break;
    case 'P':
        if (!strcmp(l, "PP")) return ENT_N_PP;
        if (!strcmp(l, "PRT")) return ENT_N_PRT;
        if (!strcmp(l, "PRN")) return ENT_N_PRN;
        break;
    case 'A':
        if (!strcmp(l, "ADJP")) return ENT_N_ADJP;
        if (!strcmp(l, "ADVP")) return ENT_N_ADVP;
        break;
    case 'U':
        if (!strcmp(l, "UCP")) return ENT_N_UCP;
        break;
    case '\0':
        return ENT_N_ROOT;
    }
    return ENT_N_OTHER;
}

static int32_t tree_new_node(ent_tree *t, const char *label, size_t len, int32_t parent, int leaf) {
    if (t->n_nodes == t->cap_nodes) {
        int32_t cap = t->cap_nodes ? t->cap_nodes * 2 : 128;
        ent_node *n = realloc(t->nodes, (size_t)cap * sizeof *n);
        if (!n) return -1;
        t->nodes = n;
        t->cap_nodes = cap;
    }
    int32_t i = t->n_nodes++;
    ent_node *n = &t->nodes[i];
    size_t k = len < sizeof n->label - 1 ? len : sizeof n->label - 1;
    memcpy(n->label, label, k);
    n->label[k] = '\0';
    n->kind = leaf ? ENT_N_LEAF : (uint8_t)ent_node_kind_of(n->label);
    n->parent = parent;
    n->first_child = n->last_child = n->next_sibling = -1;
    n->token = -1;
    n->begin = n->end = 0;
    if (parent < 0) {
        if (t->root < 0) t->root = i;
    } else {
        ent_node *p = &t->nodes[parent];
        if (p->last_child < 0)
            p->first_child = i;
        else
            t->nodes[p->last_child].next_sibling = i;
        p->last_child = i;
    }
    return i;
}

int32_t ent_tree_add_node(ent_tree *t, const char *label, size_t len, int32_t parent) {
    return tree_new_node(t, label, len, parent, 0);
}

int32_t ent_tree_add_token(ent_tree *t, const char *tag, size_t tag_len, const char *text,
                           size_t text_len, int32_t parent, int32_t start, int32_t end) {
    if (t->n_tokens == t->cap_tokens) {
        int32_t cap = t->cap_tokens ? t->cap_tokens * 2 : 64;
        ent_token *k = realloc(t->tokens, (size_t)cap * sizeof *k);
        if (!k) return -1;
        t->tokens = k;
        t->cap_tokens = cap;
    }
    int32_t node = tree_new_node(t, tag, tag_len, parent, 1);
    if (node < 0) return -1;
    /* the text and its upper-case copy share one block: one arena call a
     * token, not two */
    char *txt = text_len < SIZE_MAX / 2 ? ent_arena_alloc(&t->arena, 2 * (text_len + 1)) : NULL;
    if (!txt) return -1;
    memcpy(txt, text, text_len);
    txt[text_len] = '\0';
    char *up = txt + text_len + 1;
    ent_upper(up, text_len + 1, text, text_len);
    int32_t i = t->n_tokens++;
    ent_token *k = &t->tokens[i];
    k->text = txt;
    k->upper = up;
    size_t tl = tag_len < sizeof k->tag - 1 ? tag_len : sizeof k->tag - 1;
    memcpy(k->tag, tag, tl);
    k->tag[tl] = '\0';
    k->node = node;
    k->start = start;
    k->end = end;
    k->word = 0;
    t->nodes[node].kind = ENT_N_LEAF;
    t->nodes[node].token = i;
    t->nodes[node].begin = i;
    t->nodes[node].end = i + 1;
    return i;
}

/* Children always follow their parent in the node array (they are created
 * after it), so one backward pass computes every span. */
void ent_tree_finish(ent_tree *t) {
    for (int32_t i = 0; i < t->n_nodes; i++)
        if (t->nodes[i].token < 0) {
            t->nodes[i].begin = INT32_MAX;
            t->nodes[i].end = -1;
        }
    for (int32_t i = t->n_nodes - 1; i >= 0; i--) {
        ent_node *n = &t->nodes[i];
        if (n->parent < 0) continue;
        ent_node *p = &t->nodes[n->parent];
        if (n->begin < p->begin) p->begin = n->begin;
        if (n->end > p->end) p->end = n->end;
    }
    for (int32_t i = 0; i < t->n_nodes; i++)
        if (t->nodes[i].end < 0) t->nodes[i].begin = t->nodes[i].end = 0;
}

static int tree_ptb(const ent_tree *t, int32_t i, ent_buf *o, int indent, int depth) {
    const ent_node *n = &t->nodes[i];
    if (indent && depth) {
        if (ent_buf_putc(o, '\n') < 0) return -1;
        for (int k = 0; k < depth; k++)
            if (ent_buf_puts(o, "  ") < 0) return -1;
    } else if (depth && ent_buf_putc(o, ' ') < 0) {
        return -1;
    }
    if (ent_buf_printf(o, "(%s", n->label) < 0) return -1;
    if (n->token >= 0) return ent_buf_printf(o, " %s)", t->tokens[n->token].text);
    for (int32_t c = n->first_child; c >= 0; c = t->nodes[c].next_sibling) {
        /* Keep preterminals on their parent's line in the indented form. */
        int ind = indent && t->nodes[c].token < 0;
        if (tree_ptb(t, c, o, ind, depth + 1) < 0) return -1;
    }
    return ent_buf_putc(o, ')');
}

int ent_tree_to_ptb(const ent_tree *t, ent_buf *out) {
    if (t->root < 0) return ent_buf_puts(out, "()");
    return tree_ptb(t, t->root, out, 0, 0);
}

int ent_tree_to_text(const ent_tree *t, ent_buf *out) {
    if (t->root < 0) return ent_buf_puts(out, "()");
    return tree_ptb(t, t->root, out, 1, 0);
}

/* ---- Clauses ---------------------------------------------------------------- */

static int has_verb(const ent_tree *t, const ent_node *n) {
    for (int32_t i = n->begin; i < n->end && i < t->n_tokens; i++)
        if (ent_tree_is_verb_tag(t->tokens[i].tag)) return 1;
    return 0;
}

static int has_subject(const ent_tree *t, const ent_node *n) {
    for (int32_t c = n->first_child; c >= 0; c = t->nodes[c].next_sibling) {
        if (t->nodes[c].kind == ENT_N_NP) return 1;
        if (t->nodes[c].kind == ENT_N_VP) return 0;
    }
    return 0;
}

/* ("approved the bid to join NATO on Monday": the complement's words are
 * the approval's); a "clause" without a verb is a phrase the parser took
 * for one ("(SBAR Since (S 2022))"). */
int32_t ent_tree_clause_of(const ent_tree *t, int32_t i) {
    int32_t p = t->tokens[i].node;
    if (p < 0) return -1;
    for (p = t->nodes[p].parent; p >= 0; p = t->nodes[p].parent) {
        const ent_node *n = &t->nodes[p];
        int32_t up_ = n->parent;
        if (n->kind == ENT_N_ROOT) return p;
        if (n->kind == ENT_N_SBAR && has_verb(t, n)) return p;
        if (n->kind == ENT_N_S && has_verb(t, n) && has_subject(t, n)) return p;
        if (n->kind == ENT_N_VP && up_ >= 0 && t->nodes[up_].kind == ENT_N_NP) return p;
    }
    return -1;
}
