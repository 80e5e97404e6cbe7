/* ptb.c -- Penn Treebank bracketed parses into ent_tree.
 *
 * One forward pass over the bytes with an explicit stack of open phrase
 * nodes, so nesting depth costs no C stack and the work is linear in the
 * input.  A bracket's label is read before we know what it opens: the next
 * significant byte decides, '(' making it a phrase and a bare word making
 * it a preterminal.  Token text is copied into the tree's own arena, so a
 * reused tree reads sentences without touching malloc.
 *
 * The unlabelled outer bracket of "( (S ...) )" is given the label ROOT so
 * every tree renders the same way whatever its source wrote.
 */
#include "ptb.h"

#include <string.h>

static int is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_delim(unsigned char c) { return is_space(c) || c == '(' || c == ')'; }

typedef struct reader {
    const char *s;
    size_t n, i;
    long line;
} reader;

static void skip_space(reader *r) {
    while (r->i < r->n && is_space((unsigned char)r->s[r->i])) {
        if (r->s[r->i] == '\n') r->line++;
        r->i++;
    }
}

/* Reads a run of non-delimiter bytes; returns its length (0 when none). */
static size_t read_atom(reader *r, const char **start) {
    size_t b = r->i;
    while (r->i < r->n && !is_delim((unsigned char)r->s[r->i])) r->i++;
    *start = r->s + b;
    return r->i - b;
}

/* A failed read leaves an empty tree, never a half-built one. */
static int fail(ent_tree *t) {
    ent_tree_reset(t);
    return -1;
}

int ent_ptb_read(ent_tree *t, const char *s, size_t n, ent_diags *d, const char *where, long line) {
    int32_t stack[ENT_PTB_MAX_DEPTH];
    long open_line[ENT_PTB_MAX_DEPTH];
    int depth = 0;
    int done = 0; /* the outermost bracket has closed */
    char ex[48];
    reader r = {s ? s : "", s ? n : 0, 0, line > 0 ? line : 1};

    ent_tree_reset(t);
    skip_space(&r);
    if (r.i == r.n) {
        ent_diag(d, where, r.line, "empty parse");
        return fail(t);
    }
    if (r.s[r.i] != '(') {
        const char *a;
        size_t k = read_atom(&r, &a);
        ent_diag_excerpt(ex, sizeof ex, a, k ? k : 1);
        ent_diag(d, where, r.line, "parse must start with '(', found '%s'", ex);
        return fail(t);
    }

    while (!done) {
        skip_space(&r);
        if (r.i == r.n) {
            if (depth > 0)
                ent_diag(d, where, r.line,
                         "unbalanced brackets: %d left open at the end of the parse "
                         "(outermost opened on line %ld)",
                         depth, open_line[0]);
            else ent_diag(d, where, r.line, "unbalanced brackets");
            return fail(t);
        }
        char c = r.s[r.i];
        if (c == ')') {
            /* A ')' here closes a phrase: preterminals consume their own. */
            r.i++;
            if (depth == 0) {
                ent_diag(d, where, r.line, "unbalanced brackets: unexpected ')'");
                return fail(t);
            }
            depth--;
            if (depth == 0) done = 1;
            continue;
        }
        if (c != '(') {
            const char *a;
            size_t k = read_atom(&r, &a);
            ent_diag_excerpt(ex, sizeof ex, a, k);
            ent_diag(d, where, r.line, "word '%s' outside a (TAG word) leaf", ex);
            return fail(t);
        }
        /* c == '(' */
        long bline = r.line;
        if (depth >= ENT_PTB_MAX_DEPTH) {
            ent_diag(d, where, r.line, "parse nested deeper than %d brackets", ENT_PTB_MAX_DEPTH);
            return fail(t);
        }
        r.i++;
        skip_space(&r);
        const char *label;
        size_t label_len = read_atom(&r, &label);
        skip_space(&r);
        if (r.i == r.n) {
            ent_diag(d, where, r.line,
                     "unbalanced brackets: '(' opened on line %ld is never closed", bline);
            return fail(t);
        }
        int32_t parent = depth ? stack[depth - 1] : -1;
        c = r.s[r.i];
        if (c == '(') {
            if (label_len == 0) {
                if (depth > 0) {
                    ent_diag(d, where, bline, "phrase without a label");
                    return fail(t);
                }
                label = "ROOT";
                label_len = 4;
            }
            int32_t node = ent_tree_add_node(t, label, label_len, parent);
            if (node < 0) {
                ent_diag(d, where, bline, "out of memory");
                return fail(t);
            }
            stack[depth] = node;
            open_line[depth] = bline;
            depth++;
            continue;
        }
        if (c == ')') {
            if (label_len == 0) ent_diag(d, where, bline, "empty brackets '()'");
            else {
                ent_diag_excerpt(ex, sizeof ex, label, label_len);
                ent_diag(d, where, bline, "leaf (%s) has no word", ex);
            }
            return fail(t);
        }
        /* A word: this bracket is a preterminal. */
        const char *word;
        size_t word_len = read_atom(&r, &word);
        /* label_len > 0 here: the label read stops only at a delimiter, and
         * an empty one was followed by '(' or ')', handled above. */
        skip_space(&r);
        if (r.i == r.n) {
            ent_diag(d, where, r.line,
                     "unbalanced brackets: '(' opened on line %ld is never closed", bline);
            return fail(t);
        }
        if (r.s[r.i] != ')') {
            ent_diag_excerpt(ex, sizeof ex, label, label_len);
            ent_diag(d, where, r.line, "leaf (%s ...) holds more than one word", ex);
            return fail(t);
        }
        r.i++;
        if (ent_tree_add_token(t, label, label_len, word, word_len, parent, -1, -1) < 0) {
            ent_diag(d, where, bline, "out of memory");
            return fail(t);
        }
        if (depth == 0) done = 1;
    }

    skip_space(&r);
    if (r.i < r.n) {
        if (r.s[r.i] == ')') {
            ent_diag(d, where, r.line, "unbalanced brackets: extra ')' after the tree");
        } else {
            const char *a;
            size_t k = read_atom(&r, &a);
            ent_diag_excerpt(ex, sizeof ex, a, k ? k : 1);
            ent_diag(d, where, r.line, "unexpected '%s' after the end of the tree", ex);
        }
        return fail(t);
    }
    ent_tree_finish(t);
    return 0;
}
