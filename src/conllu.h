/* conllu.h -- read a CoNLL-U dependency block into the constituency-shaped
 * ent_tree the coder reads.
 *
 * Each non-comment line has 10 (or, as in the PETRARCH records, at least
 * 8) tab-separated columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL ...
 * Multiword ranges (1-2) and empty nodes (1.1) are skipped.
 *
 * Conversion.  Dependencies become phrases by the head's part of speech
 * and the relation: a verb heads S = [nsubj...] VP[aux, neg, verb, objects,
 * obliques]; a nominal heads NP, and becomes PP = [IN NP] when it has a
 * `case` dependent; clausal dependents (ccomp, advcl, xcomp, acl, relcl)
 * become S, or SBAR when they carry a `mark`; conjuncts sit in the first
 * conjunct's phrase with their CC, as Treebank coordination does.  UPOS
 * tags map to Penn tags (PROPN->NNP, VERB->VB/VBD/VBZ/VBG/VBN from the
 * form and features, ADP->IN or TO, ...) unless XPOS already is one.
 * Verb groups nest one VP per auxiliary, as in the Treebank.  Before the
 * phrases are built, predicates a parser hung inside their own subject
 * (a nominal root with a subjectless verb dependent, a verb with two
 * subjects) are re-attached so the clause reads S -> NP VP, and names
 * joined by underscores ("Minas_Tirith") are written as separate words.
 */
#ifndef ENT_CONLLU_H
#define ENT_CONLLU_H

#include <stddef.h>

#include "diag.h"
#include "tree.h"

/* One sentence block of a CoNLL-U file, as ent_conllu_next_block finds
 * it: the bytes to give ent_conllu_read, and what its comments say.
 * Pointers are into the caller's buffer; lengths exclude trailing blanks. */
typedef struct ent_conllu_block {
    size_t body, end;        /* from its first word line to past its last */
    long line;               /* line number of its first line */
    long body_line;          /* ... and of its first word line, where `body` starts */
    const char *sent_id, *text, *date;   /* "# sent_id = ", "# text = ", "# date = " */
    size_t sent_id_len, text_len, date_len;
} ent_conllu_block;

/* Prototypes */
/* The next block of buf[0..len) from *pos (blank lines apart; a block of
 * comments alone is passed over).  *line counts lines as *pos moves: the
 * number of the line at *pos, 1 at the start.  1 with b filled, 0 at the
 * end. */
int ent_conllu_next_block(const char *buf, size_t len, size_t *pos, long *line,
                          ent_conllu_block *b);
/* Parse one sentence block s[0..n) into t (reset first).  Bad lines
 * (wrong column count, non-numeric or out-of-range HEAD, cycles, no root)
 * are reported as "where:line: ..." with the block's first line `line`;
 * returns -1 then, 0 on success. */
int ent_conllu_read(ent_tree *t, const char *s, size_t n, ent_diags *d,
                    const char *where, long line);

#endif
