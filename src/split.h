/* split.h -- sentence boundaries in news text.
 *
 * Survives what wire copy does: abbreviations (U.S., Gen., Jan., No., Mr.,
 * a.m.), initials (J. R. R.), decimals and numbers (3.5, 1.2 million),
 * quotes and brackets closing after the full stop, datelines ("MOSCOW
 * (Reuters) -", "WASHINGTON, April 26 (AP) --") which are not sentences of
 * their own but are kept out of the first sentence, headlines and bullet
 * lists (a line without final punctuation followed by a blank line or a
 * bullet is a sentence of its own), ellipses.
 */
#ifndef ENT_SPLIT_H
#define ENT_SPLIT_H

#include <stddef.h>
#include <stdint.h>

typedef struct ent_span {
    int32_t begin, end;      /* byte offsets into the text, [begin, end) */
} ent_span;

/* Prototypes */
/* Write up to `cap` sentence spans of text[0..n) to out; returns how many
 * sentences there are (may exceed cap: call again with more room).
 * Whitespace between sentences belongs to none; a dateline is dropped.
 * Linear in n.  A "sentence" longer than ENT_SPLIT_MAX_BYTES is cut at
 * that length so hostile input stays bounded. */
#define ENT_SPLIT_MAX_BYTES 4096
int ent_split(const char *text, size_t n, ent_span *out, int cap);

#endif
