/* tokenize.h -- Penn Treebank tokens with offsets into the text.
 *
 * Conventions: clitics and possessives split ("don't" -> do n't, "Russia's"
 * -> Russia 's, "they'll" -> they 'll), hyphenated words kept whole
 * ("Russian-made", "12-year"), numbers with their separators (1,200 3.5),
 * unit suffixes split ("1.2bn" -> 1.2 bn), currency symbols and % split
 * off ("$5" -> $ 5, "5%" -> 5 %), brackets as -LRB- -RRB- (text kept in
 * `text`, Treebank form in `ptb`), double quotes as `` and '',
 * abbreviations with their full stop ("U.S.", "Gen."), sentence-final
 * full stop split off.  Every token keeps its byte span in the text.
 *
 * Details: quotes are `` / '' (single: ` / ') by context, opening after a
 * space or opening bracket and before a non-space; a run of dots is
 * "..."; a run of hyphens, or a lone hyphen between spaces, is "--";
 * "cannot" is "can not"; "can't" is "ca n't"; "Russians'" is "Russians
 * '"; ordinals and decades stay whole ("3rd", "1990s", "'90s"); "US$" is
 * one token; URLs are one token.  As Stanford CoreNLP does, an
 * abbreviation ending the sentence keeps its stop and a "." token
 * follows ("U.S." "."); that "." spans the same stop byte as the
 * abbreviation.  Typographic quotes, dashes and "…" in text that was not
 * normalised are read as their ASCII forms.  No allocation: the caller's
 * array is the only output.
 */
#ifndef ENT_TOKENIZE_H
#define ENT_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ent_tok {
    int32_t begin, end; /* bytes in the text */
    char ptb[32];       /* Treebank spelling: "n't", "-LRB-", "``", or the
                           text itself, truncated to 31 bytes */
} ent_tok;

/* Prototypes */
/* Tokenize text[begin..end) into out (cap entries); returns the number of
 * tokens (may exceed cap: call again with more room).  Linear. */
int ent_tokenize(const char *text, int32_t begin, int32_t end, ent_tok *out, int cap);

#endif
