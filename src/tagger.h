/* tagger.h -- part-of-speech tags in the Penn Treebank set.
 *
 * A trigram HMM decoded with Viterbi.  Its lexicon (per-tag word
 * probabilities) and tag trigrams are read at build time from the
 * WSJ-derived model in Debian's festlex-poslex package and compiled into
 * the library as a compact table (see scripts/ and the Makefile), so the
 * program needs no data file at run time.  Words the lexicon does not know
 * get tag probabilities from an unknown-word model: suffixes,
 * capitalisation (sentence-initial or not), digits, hyphens, shape.
 *
 * The model is immutable and shared; an ent_tagger_state holds one
 * thread's scratch space.
 */
#ifndef ENT_TAGGER_H
#define ENT_TAGGER_H

#include <stddef.h>

typedef struct ent_tagger_state ent_tagger_state;

/* Prototypes */
ent_tagger_state *ent_tagger_state_new(void);
void ent_tagger_state_free(ent_tagger_state *s);
/* Tag n words (Treebank token spellings, e.g. "n't", "-LRB-", "``").
 * Writes a NUL-terminated Penn tag (at most 5 chars: "NNP", "PRP$", ",",
 * "-LRB-") into tags[i].  0, or -1 on OOM.  Linear in n. */
int ent_tag(ent_tagger_state *s, const char *const *words, int n, char (*tags)[8]);

#endif
