/* sentspan.h -- the sentence behind a stored event, and where the event's
 * words (its source, target and verb) stand in it as byte offsets, for
 * readers that show the sentence with those words marked.
 *
 * The store keeps an event's words as the coder's tokens joined by single
 * spaces, and every token is the sentence's own bytes; so the words are
 * found again by reading their tokens in order through the sentence, with
 * nothing but white space between two of them and a word boundary at both
 * ends.  The source is placed first, then the target apart from it, then
 * the verb apart from both: the first place that fits each.
 */
#ifndef ENT_SENTSPAN_H
#define ENT_SENTSPAN_H

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Prototypes */
/* Where `words` (tokens joined by spaces) first stand in sent[0..n),
 * outside the n_taken spans of taken[] (begin, end pairs): 0 with
 * span[0..1] set to the begin and end byte offsets, or -1 when they
 * stand nowhere (or words is empty). */
int ent_sentspan_find(const char *sent, size_t n, const char *words, const int32_t (*taken)[2],
                      int n_taken, int32_t span[2]);
/* To each event of the array (objects as the events job writes them,
 * with "doc" and "sent"), add "sentence" (its text from the store) and
 * "spans": {"source": [b, e], "target": ..., "verb": ...}, each null where
 * the words were not found.  0, or -1 with a message in err[cap]. */
int ent_sentspan_add(ent_store *st, json_object *events, char *err, size_t cap);

#endif
