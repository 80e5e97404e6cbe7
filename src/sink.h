/* sink.h -- render coded events as JSONL, TSV or PETRARCH-style lines.
 *
 * Formatting is separate from coding so threads can render into their own
 * buffers and the writer only copies bytes, in input order.
 */
#ifndef ENT_SINK_H
#define ENT_SINK_H

#include <stdint.h>

#include "coder.h"
#include "event_view.h"
#include "tree.h"
#include "util.h"

enum ent_sink_format { ENT_SINK_JSONL = 0, ENT_SINK_TSV, ENT_SINK_PETRARCH };

typedef struct ent_sentence_ref {
    const char *doc;         /* document id */
    int sent;                /* sentence number within the document */
    int32_t date;            /* YYYYMMDD, 0 unknown */
} ent_sentence_ref;


/* Prototypes */
/* Append the event's JSONL line (the one `entente code` and `entente
 * events` both write: an event with its texts resolved, as the store
 * keeps it) to out.  0 or -1 on out of memory. */
int ent_sink_json_line(ent_buf *out, const ent_event_view *e);
/* Append a stored event's sentence, outlet, URL and title as JSON members
 * (", \"sentence\": ..."; null for what the story lacks).  0 or -1. */
int ent_sink_json_story(ent_buf *out, const ent_event_view *e);
/* Append one line per event to out. */
int ent_sink_render(ent_buf *out, int format, const ent_sentence_ref *ref, const ent_tree *t,
                    const ent_event *ev, int n);
/* Does the event have a place (event_view.h)? */
int ent_sink_has_place(const ent_event_view *e);
/* Set x's place fields from the coder's p, the words `words` (kept by the
 * caller, as the gazetteer's strings are for good); none when p has no
 * place. */
void ent_sink_set_place(ent_event_view *x, const ent_place *p, const char *words);
/* The place columns (place, place_name, place_country, place_adm1, lat,
 * lon, place_kind) as text cells into cells[7], the coordinates written
 * into coords; all "" when unplaced. */
void ent_sink_place_cells(const ent_event_view *e, char coords[2][24], const char *cells[7]);
/* Header line for formats that have one (TSV); "" otherwise. */
const char *ent_sink_header(int format);
/* "2024-04-26" from 20240426 into out[11]; "" for 0. */
void ent_format_date(int32_t date, char out[11]);

#endif
