/* split.h -- sentence boundaries in news text.
 *
 * Survives what wire copy does: abbreviations (U.S., Gen., Jan., No., Mr.,
 * a.m.), initials (J. R. R.), decimals and numbers (3.5, 1.2 million),
 * quotes and brackets closing after the full stop, datelines ("MOSCOW
 * (Reuters) -", "WASHINGTON, April 26 (AP) --") which are not sentences of
 * their own but are kept out of the first sentence, headlines and bullet
 * lists (a line without final punctuation followed by a blank line or a
 * bullet is a sentence of its own), ellipses.
 *
 * Precisely: a blank line always ends a sentence; a single newline ends
 * one only when the next line starts with a bullet ("- ", "* ", "+ ",
 * "\u2022 ", "1. ", "2) ") or a dateline; bullet markers are not part of the
 * sentence.  A dateline is looked for at the start of every paragraph
 * (and, when it has a dash, of every line): an upper-case city with a run
 * of three capitals, an optional ", Region" or ", April 26", an optional
 * "(Agency)", then "-" or "--"; a title-case city ("Moscow, Jan 5 (AFP)
 * -") needs the agency; a colon ends one only at a paragraph's start
 * after a capitalised word of three or more letters ("LYON: ...").
 * '!' and '?' end a sentence unless a lowercase word follows; "..." ends
 * one only before a capital or an opening quote or bracket.
 */
#ifndef ENT_SPLIT_H
#define ENT_SPLIT_H

#include <stddef.h>
#include <stdint.h>

typedef struct ent_span {
    int32_t begin, end; /* byte offsets into the text, [begin, end) */
} ent_span;

/* Prototypes */
/* Write up to `cap` sentence spans of text[0..n) to out; returns how many
 * sentences there are (may exceed cap: call again with more room).
 * Whitespace between sentences belongs to none; a dateline is dropped.
 * Linear in n.  A "sentence" longer than ENT_SPLIT_MAX_BYTES is cut at
 * that length so hostile input stays bounded. */
#define ENT_SPLIT_MAX_BYTES 4096
int ent_split(const char *text, size_t n, ent_span *out, int cap);

/* The length of a dateline at the head of text[0..n) (with the spaces
 * after it), or 0: for one sentence handed over whole, as ent_split
 * would drop it at a paragraph's start. */
size_t ent_split_dateline(const char *text, size_t n);

/* How a word written before a full stop behaves (shared with the
 * tokenizer, which keeps the stop on every class but NONE). */
enum ent_abbrev {
    ENT_ABBR_NONE = 0,
    ENT_ABBR_TITLE,   /* Mr. Gen. Lt. Dr. Sen.: never ends a sentence */
    ENT_ABBR_NUMBER,  /* No. pp. Art.: not before a digit */
    ENT_ABBR_MONTH,   /* Jan. Sept.: not before a digit */
    ENT_ABBR_END,     /* Inc. Corp. etc. Jr. St.: ends one before "The", "He", ... */
    ENT_ABBR_NEVER,   /* vs. e.g. i.e. cf.: never */
    ENT_ABBR_INITIAL, /* J. (one capital): as END */
    ENT_ABBR_ACRONYM  /* U.S. a.m. Ph.D. (dotted): as END */
};
/* Class of the word w[0..n) written without its final full stop
 * ("U.S" for "U.S.").  No allocation; case-sensitive. */
int ent_abbrev_class(const char *w, size_t n);

#endif
