/* event_view.h -- one event with everything a reader of it is shown: the
 * coded event, its dates and place, and, once stored, its id, sentence,
 * story and happening.
 *
 * The view is what the renderers take (sink.h: JSONL, TSV, PETRARCH;
 * export.h: GDELT, PLOVER; explain; the API's event JSON) and what the
 * store writes and reads (store.h names it ent_store_event).  It lives in
 * a header of its own so that rendering does not depend on the store:
 * `entente code` renders views of events that no store ever held.
 * Strings are borrowed: a view owns nothing.
 */
#ifndef ENT_EVENT_VIEW_H
#define ENT_EVENT_VIEW_H

#include <stdint.h>

typedef struct ent_event_view {
    const char *doc;          /* document id (filled when reading) */
    int sent;
    int32_t date;             /* YYYYMMDD, 0 unknown */
    int32_t event_date;       /* YYYYMMDD the text dates the event to; the
                                 story date when it does not; 0 unknown */
    int date_precision;       /* enum ent_evdate_precision (day .. none) */
    const char *date_text;    /* the words that dated it, "" when none */
    /* Where it happened (place.h): the words, the gazetteer's name, ISO
     * 3166-1 alpha-3 country, first-level subdivision and kind ("city");
     * NULL or "" when its text places it nowhere.  lat/lon: read only
     * when place_name is set; NAN when the gazetteer has no point. */
    const char *place, *place_name, *place_country, *place_adm1, *place_kind;
    double lat, lon;
    const char *source, *target, *code, *root;
    int quad;
    double goldstein;
    const char *source_text, *target_text, *verb, *pattern;
    const char *issue;        /* NULL when none */
    int64_t doc_key;          /* reading: the document's key, and the event's */
    int n;                    /* rank in its sentence: its place in the order */
    /* Filled when reading (0 and NULL when coding): the event's stable id
     * (ent_store_event_id), and its sentence and story as stored. */
    int64_t event_id;
    const char *sentence;     /* the sentence's text */
    const char *outlet, *url, *title;   /* the story's; NULL when absent */
    const char *stored_at;    /* when the story was stored, "YYYY-MM-DDTHH:MM:SSZ" */
    /* Filled when reading: the happening the event is a mention of (its
     * own event_id when the store has none for it, as in rows stored
     * before happenings), and the happening's counts, as GDELT's
     * NumMentions, NumArticles and NumSources (1, 1 and 1 then). */
    int64_t happening;
    int mentions, documents, sources;
} ent_event_view;

#endif
