/* parse.h -- the built-in parser: tagged tokens to the sentence tree.
 *
 * Deterministic and linear: noun-phrase chunks (with possessives,
 * coordination of nouns and of noun phrases), verb groups with
 * auxiliaries, negation and passive (one VP per auxiliary, as the
 * Treebank nests them), prepositional attachment, relative and
 * complement clauses (SBAR), reported speech ("..., officials said"),
 * coordination of clauses.  The tree has the shape the coder reads from a
 * Treebank parse (see tree.h, coder.h).
 */
#ifndef ENT_PARSE_H
#define ENT_PARSE_H

#include <stdint.h>

#include "tree.h"

typedef struct ent_parser ent_parser;

/* Prototypes */
ent_parser *ent_parser_new(void);
void ent_parser_free(ent_parser *p);
/* Build the tree for n tokens: words[i] (Treebank spelling), tags[i] (Penn),
 * and byte offsets begin[i]/end[i] into the sentence's text (or NULL).
 * t is reset first.  0, or -1 on OOM. */
int ent_parse(ent_parser *p, ent_tree *t, const char *const *words, const char (*tags)[8],
              const int32_t *begin, const int32_t *end, int n);

#endif
