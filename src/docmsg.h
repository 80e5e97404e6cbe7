/* docmsg.h -- a document as one queue message: what `entente publish`
 * sends and `entente worker` codes, so a worker stores exactly what
 * `entente ingest` would have stored from the same input.
 *
 * The body is one JSON object: "id", "date" (YYYYMMDD, 0 unknown),
 * "where" and "line" (the input it was read from, for messages), "source",
 * "url", "title" when known, and either "text" (raw text, normalised, that
 * the worker splits and parses) or "sentence": {"text", "parse"} (one
 * sentence with its Penn Treebank or CoNLL-U parse, as PETRARCH XML and
 * CoNLL-U give them).
 */
#ifndef ENT_DOCMSG_H
#define ENT_DOCMSG_H

#include <stddef.h>

#include "batch.h"
#include "util.h"

/* Prototypes */
/* d as a message body, appended to out.  0, or -1 when out of memory. */
int ent_docmsg_encode(const ent_batch_doc *d, ent_buf *out);
/* The message data[0..len) as a new document of b, its hashes computed as
 * the input front computes them.  NULL, with the reason in why[cap], when
 * it is not a document (or memory ran out: the reason says so). */
ent_batch_doc *ent_docmsg_decode(ent_batch *b, const char *data, size_t len, char *why, size_t cap);

#endif
