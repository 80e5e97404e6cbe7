/* doc.h -- documents from outside: plain text, JSONL, PETRARCH XML without
 * parses; UTF-8 validated and normalised.
 *
 *   text   one story per file, or (with a default date) stories separated
 *          by blank lines; stdin reads as text
 *   jsonl  one document per line: {"id","date","text"} at least, with
 *          "source", "url", "title" kept when present
 *   xml    PETRARCH XML records (<Sentence id date><Text>..</Text>), each
 *          record one document
 *
 * Text, precisely: a file is one document (id: the file name) unless the
 * caller gave a default date AND the file holds two or more blocks
 * separated by blank lines (lines of only whitespace); then each block is
 * a story with id "FILE#1", "FILE#2", ... and `line` its first line
 * (then read from a file or stream a story at a time, so memory holds
 * one story, not the input; a story over ENT_DOC_MAX_BYTES is refused).  A
 * file that is empty or only whitespace yields no document and one
 * message.
 *
 * JSONL: a line that is not a JSON object with a string "text" is
 * reported as "FILE:LINE: <why>; line skipped" and the stream goes on
 * (the first ten such lines; one closing message counts the rest).
 * "id" may be a string or a number (absent: "FILE:LINE"); "date" is
 * "YYYY-MM-DD", "YYYYMMDD", an ISO date-time or a number 20240426; a bad
 * date is reported and the default used.  Blank lines are skipped.
 *
 * XML: every <Sentence> record is a document (its <Parse>, if any, is
 * ignored here); <Text> arrives whitespace-collapsed by petrxml; a missing
 * id becomes "FILE:LINE".  Malformed XML ends the stream (-1) with
 * petrxml's message.
 *
 * Normalisation (every format): invalid UTF-8 is reported with document and
 * byte offset and replaced by U+FFFD (the document is kept); text is put in
 * NFC; typographic quotes, dashes and spaces are folded to ASCII (" ' -
 * and space; an em dash becomes "--" and "\u2026" becomes "..." as the
 * Treebank writes them; soft hyphens and zero-width spaces vanish);
 * control characters other than newline and tab become spaces.  The first
 * ten invalid bytes of a document are reported one by one
 * ("ID:offset N: invalid UTF-8 byte 0xFF replaced by U+FFFD"), then one
 * line counts the rest, so binary junk cannot flood the diagnostics.
 * The normalised text is what sentence and token offsets refer to;
 * `orig_offset`, made when the reader is asked (ent_doc_keep_offsets: four
 * bytes a byte of text, so not by default), maps a normalised byte offset
 * back to the source bytes:
 * for text, offsets in the file; for JSONL, in the decoded "text" string;
 * for XML, in the collapsed <Text>.  Bytes of a character that NFC
 * composed map to the start of the run it came from.
 */
#ifndef ENT_DOC_H
#define ENT_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

enum ent_doc_format { ENT_DOC_AUTO = 0, ENT_DOC_TEXT, ENT_DOC_JSONL, ENT_DOC_XML };

typedef struct ent_doc {
    const char *id;                   /* JSONL "id", XML id, or file name (+ "#N" per story) */
    int32_t date;                     /* YYYYMMDD; the reader's default when absent; 0 unknown */
    const char *source, *url, *title; /* NULL when absent */
    const char *text;                 /* normalised UTF-8, NUL-terminated */
    size_t len;
    const int32_t *orig_offset; /* len + 1 entries, or NULL when identity or not kept */
    const char *where;          /* file name for messages */
    long line;                  /* line of the document in its file */
} ent_doc;

typedef struct ent_doc_reader ent_doc_reader;

/* The most a document may be, in bytes: a JSONL line, or text read from a
 * stream (standard input, a pipe), longer than this is refused with a
 * message naming the input and the line, rather than read until memory
 * runs out (a stream may never end). */
#define ENT_DOC_MAX_BYTES ((size_t)256 << 20)

/* Prototypes */
/* Open `path` ("-" or NULL: stdin).  ENT_DOC_AUTO picks by extension
 * (.jsonl/.json -> jsonl, .xml -> xml, else text).  Returns NULL after a
 * message when the file cannot be read. */
ent_doc_reader *ent_doc_open(const char *path, int format, int32_t default_date, ent_diags *d);
/* Read from the open stream fp (the caller's; not closed), `head` (n
 * bytes, at most 64 KiB, already read from it) first; `name` in messages.
 * format is ENT_DOC_JSONL (streamed) or ENT_DOC_TEXT (read whole, up to
 * ENT_DOC_MAX_BYTES). */
ent_doc_reader *ent_doc_open_fp(FILE *fp, const char *name, int format, const char *head,
                                size_t n, int32_t default_date, ent_diags *d);
/* Make each document's orig_offset from now on (off when opened). */
void ent_doc_keep_offsets(ent_doc_reader *r);
/* Lower the most a line of r, streamed JSONL, may be (tests). */
void ent_doc_set_max(ent_doc_reader *r, size_t max);
/* Read from memory (tests, fuzzing); `name` is used in messages and, with
 * ENT_DOC_AUTO, picks the format by its extension.  buf must outlive the
 * reader. */
ent_doc_reader *ent_doc_open_mem(const char *buf, size_t n, const char *name, int format,
                                 int32_t default_date, ent_diags *d);
/* Next document: 1, 0 at the end, -1 on an error that ends the input (a
 * bad JSONL line is reported and skipped, not an error).  The document's
 * strings stay valid until the next call. */
int ent_doc_next(ent_doc_reader *r, ent_doc *doc);
void ent_doc_close(ent_doc_reader *r);

/* Normalise s[0..n) into out (cleared first); see above.  Reports invalid
 * bytes to d with `where` and the byte offset.  offsets (may be NULL)
 * receives the normalised->original map.  0, or -1 on OOM. */
struct ent_buf;
struct ent_vec;
/* (offsets, when given, is made a vector of int32_t.)  -1 also when d is
 * strict and a byte was reported. */
int ent_normalize(const char *s, size_t n, struct ent_buf *out, struct ent_vec *offsets,
                  ent_diags *d, const char *where);

#endif
