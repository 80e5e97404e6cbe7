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
#include <stdint.h>

typedef struct ent_tagger_state ent_tagger_state;

/* Prototypes */
ent_tagger_state *ent_tagger_state_new(void);
void ent_tagger_state_free(ent_tagger_state *s);
/* Tag n words (Treebank token spellings, e.g. "n't", "-LRB-", "``").
 * Writes a NUL-terminated Penn tag (at most 5 chars: "NNP", "PRP$", ",",
 * "-LRB-") into tags[i].  0, or -1 on OOM.  Linear in n.  n <= 0 writes
 * nothing; a NULL word counts as "".  Any bytes are accepted (only ASCII
 * letters are case-folded).  One state per thread; states reuse their
 * scratch, so tagging allocates only when a sentence is longer than any
 * before it. */
int ent_tag(ent_tagger_state *s, const char *const *words, int n, char (*tags)[8]);
/* The trellis cells (trigrams of candidate tags) the last ent_tag call on
 * s weighed: the decoder's work, counted so that a test can hold it to
 * growing linearly with the words where a clock could not say so
 * reliably. */
int64_t ent_tag_cells(const ent_tagger_state *s);

/* Model layout, shared by src/tagger.c and the build-time generator
 * (scripts/gen-tagger-model.c writes build/gen/tagger_model.c with these
 * names).  Tags are festival's WSJ tag names (nn, punc, of, prp, ...),
 * indexed as in the trigram file; the tagger maps them to Penn tags by the
 * word after decoding.  All log probabilities are natural logs. */

#define ENT_TM_MAX_TAGS 40
#define ENT_TM_SUFFIX_MAX 6      /* longest suffix the unknown-word model keys */
#define ENT_TM_UNK_MAX 16        /* open-class tags an unknown word may take */
#define ENT_TM_LOGR_SCALE 16     /* suffix log ratios kept in 1/16 nat steps
                                    (range +-7.9: the beam is narrower) */


typedef struct ent_tm_suffix {
    uint32_t str;                /* offset of "<model><suffix>" in the pool */
    int8_t logr[ENT_TM_UNK_MAX]; /* log P(tag|suffix) - log P(tag) times
                                    ENT_TM_LOGR_SCALE, clamped to int8, for
                                    the open-class tags in ent_tm_unk_tags */
} ent_tm_suffix;

extern const int ent_tm_ntags;
extern const char ent_tm_tag_names[][8];
extern const float ent_tm_trans[];          /* [a][b][c]: log P(c | a, b) */
extern const char ent_tm_pool[];            /* NUL-separated strings */
extern const int ent_tm_nwords;
extern const uint32_t ent_tm_word_str[];    /* pool offset of each word */
extern const uint32_t ent_tm_word_lex[];    /* [w]..[w+1]: its lex entries */
extern const uint8_t ent_tm_lex_tag[];      /* per lex entry: its tag */
extern const float ent_tm_lex_logp[];       /* per lex entry: log P(word | tag) */
extern const uint32_t ent_tm_word_hash_size; /* power of two */
extern const uint16_t ent_tm_word_hash[];   /* word index + 1, 0 = empty */
extern const int ent_tm_nunk;
extern const uint8_t ent_tm_unk_tags[];     /* tag indexes, ent_tm_nunk of them */
extern const int ent_tm_nsuffixes;
extern const ent_tm_suffix ent_tm_suffixes[];
extern const uint32_t ent_tm_suffix_hash_size;
extern const uint16_t ent_tm_suffix_hash[]; /* suffix index + 1, 0 = empty */

/* FNV-1a over n bytes: the hash both tables are built with. */
static inline uint32_t ent_tm_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
    return h;
}

#endif
