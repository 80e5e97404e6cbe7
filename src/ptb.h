/* ptb.h -- read a Penn Treebank bracketed parse into an ent_tree.
 *
 *   (ROOT (S (NP (NNP Arnor)) (VP (VBZ is) ...)) (. .)))
 *
 * Whitespace and newlines between brackets are free.  Tokens such as
 * -LRB- / -RRB- keep their Treebank spelling in `text`.  Character
 * offsets are left at -1: a parse carries no link to the raw text.
 */
#ifndef ENT_PTB_H
#define ENT_PTB_H

#include <stddef.h>

#include "diag.h"
#include "tree.h"

/* Prototypes */
/* Parse s[0..n) into t (which is reset first).  On malformed input
 * (unbalanced brackets, a leaf without a tag, nesting deeper than
 * ENT_PTB_MAX_DEPTH, trailing junk) reports "where:line: ..." to `d`,
 * with `line` the line of the parse's first byte in its file, and returns
 * -1.  Returns 0 on success. */
#define ENT_PTB_MAX_DEPTH 512
int ent_ptb_read(ent_tree *t, const char *s, size_t n, ent_diags *d,
                 const char *where, long line);

#endif
