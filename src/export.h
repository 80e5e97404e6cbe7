/* export.h -- stored events in the field's exchange formats: the GDELT 2.0
 * event table and PLOVER.
 *
 * GDELT 2.0's event table is 61 tab-separated columns without a header
 * (ENT_EXPORT_GDELT_COLUMNS names them, in GDELT's order), so scripts
 * written for GDELT's files read entente's.  Columns entente has no value
 * for are empty, as GDELT leaves its own: the actors' ethnic codes, the
 * tone, and the geography until events carry places.  NumMentions,
 * NumSources and NumArticles are 1: every stored event is one mention.
 *
 * PLOVER lines are JSON, one per event, with the event type, mode and
 * context of the PLOVER project's CAMEO mapping (data/cameo-plover.tsv,
 * compiled in by scripts/gen-plover-table.sh).
 */
#ifndef ENT_EXPORT_H
#define ENT_EXPORT_H

#include "event_view.h"
#include "util.h"

/* One line of the CAMEO-to-PLOVER mapping. */
typedef struct ent_plover {
    const char *code;      /* CAMEO code, "0312" */
    const char *type;      /* PLOVER event type, "AGREE" */
    const char *mode;      /* "" when the mapping gives none */
    const char *context;   /* words separated by ';', "" when none */
} ent_plover;

/* Generated: sorted by code. */
extern const ent_plover ent_plover_table[];
extern const int ent_plover_count;

#define ENT_EXPORT_GDELT_COLUMNS 61
extern const char *const ent_export_gdelt_columns[ENT_EXPORT_GDELT_COLUMNS];

/* Prototypes */
/* The mapping of a CAMEO code, or of its longest prefix the mapping has,
 * or of its root's general code ("1384" -> "1384", "0X" -> NULL, "03" ->
 * "030"); NULL when the mapping has none (roots 01 and 02). */
const ent_plover *ent_plover_find(const char *code);
/* Append the event's GDELT 2.0 line (61 fields, tab-separated) to out.
 * 0, or -1 on out of memory. */
int ent_export_gdelt_line(ent_buf *out, const ent_event_view *e);
/* Append the event's PLOVER JSON line to out.  1 (nothing appended) when
 * its code has no PLOVER type, 0, or -1 on out of memory. */
int ent_export_plover_line(ent_buf *out, const ent_event_view *e);

#endif
