/* job_events.c -- `entente events`: stored events matching filters, as an
 * aligned table, JSONL, CSV, GDELT 2.0's event table or PLOVER lines.
 *
 * Design.  JSONL and CSV stream row by row from the store; the table
 * needs its column widths first, so its rows are kept (strings in an
 * arena) and written at the end.  The JSONL lines carry the same fields,
 * in the same order, as `entente code --to jsonl`, and those of a stored
 * event: its id first, its sentence, outlet, URL and title last.  Every
 * format carries the id, the document, the sentence number and text, the
 * outlet and the URL, so an event is checked against its text without a
 * join by hand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#include "evdate.h"
#include "export.h"
#include "jobs.h"
#include "sink.h"
#include "store.h"
#include "table.h"
#include "util.h"

typedef struct ev_out {
    ent_table t;
    int format;
    ent_buf line;
    long n;
    ent_store_event last;     /* position of the last event (a cursor) */
    int published;            /* ordered by the story's date, not the event's */
    long unmapped;            /* PLOVER: events whose code has no PLOVER type */
} ev_out;

/* The aligned table: what a reader scans for. */
#define TCOLS 20
static const char *const tcol_names[TCOLS] = {
    "event_id", "date",    "event_date", "doc",    "sent", "source", "target", "code",
    "quad",     "goldstein", "verb",     "pattern", "mentions", "sources", "documents",
    "place",    "outlet",  "url",       "title",   "sentence"};

/* CSV and TSV: every field. */
#define XCOLS 33
static const char *const xcol_names[XCOLS] = {
    "event_id",    "doc",        "sent",          "date",       "source",     "target",
    "code",        "root",       "quad",          "goldstein",  "source_text", "target_text",
    "verb",        "pattern",    "issue",         "event_date", "date_precision", "date_text",
    "sentence",    "outlet",     "url",           "title",      "place",      "place_name",
    "place_country", "place_adm1", "lat",         "lon",        "place_kind", "happening",
    "mentions",    "documents",  "sources"};

static int table_row(ev_out *x, const ent_store_event *e, const char *date, const char *edate) {
    char id[24], sent[16], quad[8], gold[16], men[16], src[16], docs[16];
    snprintf(id, sizeof id, "%lld", (long long)e->event_id);
    snprintf(sent, sizeof sent, "%d", e->sent);
    snprintf(quad, sizeof quad, "%d", e->quad);
    snprintf(gold, sizeof gold, "%.1f", e->goldstein);
    snprintf(men, sizeof men, "%d", e->mentions);
    snprintf(src, sizeof src, "%d", e->sources);
    snprintf(docs, sizeof docs, "%d", e->documents);
    if (x->format != ENTENTE_FMT_TABLE) {
        char coords[2][24], hap[24];
        const char *place[7];
        ent_sink_place_cells(e, coords, place);
        snprintf(hap, sizeof hap, "%lld", (long long)e->happening);
        const char *v[XCOLS] = {id,       e->doc,        sent,        date,
                                e->source, e->target,    e->code,     e->root,
                                quad,     gold,          e->source_text, e->target_text,
                                e->verb,  e->pattern,    e->issue,    edate,
                                ent_evdate_precision_name(e->date_precision), e->date_text,
                                e->sentence, e->outlet,  e->url,      e->title,
                                place[0], place[1],      place[2],    place[3],
                                place[4], place[5],      place[6],    hap,
                                men,      docs,          src};
        return ent_table_row(&x->t, v, NULL);
    }
    char where[160] = "";
    if (ent_sink_has_place(e))
        snprintf(where, sizeof where, "%s%s%s%s", e->place_name, e->place_country[0] ? " (" : "",
                 e->place_country, e->place_country[0] ? ")" : "");
    const char *v[TCOLS] = {id,        date,    edate,     e->doc, sent,   e->source,
                            e->target, e->code, quad,      gold,   e->verb, e->pattern,
                            men,       src,     docs,      where,  e->outlet, e->url,
                            e->title,  e->sentence};
    return ent_table_row(&x->t, v, NULL);
}

static int on_event(void *user, const ent_store_event *e) {
    ev_out *x = user;
    char date[11], edate[11];
    ent_format_date(e->date, date);
    ent_format_date(e->event_date, edate);
    x->n++;
    x->last.date = x->published ? e->date : e->event_date;   /* the order's date */
    x->last.doc_key = e->doc_key;
    x->last.sent = e->sent;
    x->last.n = e->n;
    if (x->t.format != ENT_TABLE_LINES) return table_row(x, e, date, edate) ? 1 : 0;
    ent_buf *b = &x->line;
    ent_buf_clear(b);
    int rc = 0;
    if (x->format == ENTENTE_FMT_JSONL) {
        rc = ent_sink_json_line(b, e);
    } else if (x->format == ENTENTE_FMT_GDELT) {
        rc = ent_export_gdelt_line(b, e);
    } else {
        rc = ent_export_plover_line(b, e);
        if (rc > 0) x->unmapped++;
        rc = rc < 0;
    }
    if (rc) return x->t.oom = 1;
    /* a failed write stops the query: ent_jobs_table_done says why */
    return ent_table_put(&x->t, b->data, b->len) ? 1 : 0;
}

ent_store *ent_jobs_open_store(const char *db, int timeout_ms, FILE *err) {
    char msg[1300];
    ent_store *st = ent_store_open_existing(db, msg, sizeof msg);
    if (!st) {
        fprintf(err, "entente: %s\n", msg);
        return NULL;
    }
    if (timeout_ms && ent_store_set_timeout(st, timeout_ms) < 0) {
        fprintf(err, "entente: %s\n", ent_store_error(st));
        ent_store_close(st);
        return NULL;
    }
    return st;
}

int ent_jobs_out_finish(FILE *out, int lost, const char *what, FILE *err) {
    errno = 0;
    int flushed = fflush(out) == 0;
    int e = !flushed && errno ? errno : lost;
    if (flushed && !ferror(out) && !lost) return 0;
    fprintf(err, "entente: cannot write %s: %s\n", what,
            e ? strerror(e) : "write error (output lost)");
    return -1;
}

int ent_jobs_table_format(int entente_format) {
    switch (entente_format) {
    case ENTENTE_FMT_TABLE: return ENT_TABLE_COLUMNS;
    case ENTENTE_FMT_TSV: return ENT_TABLE_TSV;
    case ENTENTE_FMT_CSV: return ENT_TABLE_CSV;
    case ENTENTE_FMT_JSONL: return ENT_TABLE_JSONL;
    default: return ENT_TABLE_LINES;
    }
}

int ent_jobs_table_done(ent_table *t, const char *what, FILE *err) {
    int rc = 0;
    if (t->oom) {
        fprintf(err, "entente: out of memory writing %s\n", what);
        rc = 1;
    } else if (ent_jobs_out_finish(t->out, t->lost, what, err) < 0) {
        rc = 1;
    }
    ent_table_free(t);
    return rc;
}

int ent_jobs_cursor_parse(const char *s, ent_store_event *e) {
    long long v[4];
    const char *p = s;
    for (int i = 0; i < 4; i++) {
        if (*p < '0' || *p > '9') return -1;
        char *end;
        errno = 0;
        v[i] = strtoll(p, &end, 10);
        if (errno || end - p > 18) return -1;
        p = end;
        if (*p != (i < 3 ? '.' : '\0')) return -1;
        p++;
    }
    if (v[0] > 99991231 || v[2] > 1000000000 || v[3] > 1000000000) return -1;
    e->date = (int32_t)v[0];
    e->doc_key = v[1];
    e->sent = (int)v[2];
    e->n = (int)v[3];
    return 0;
}

int entente_events(const entente_events_opts *o, FILE *out, FILE *err) {
    if (o->next && o->next_cap) o->next[0] = '\0';
    ent_store_event after = {0};
    if (o->after && ent_jobs_cursor_parse(o->after, &after) < 0) {
        fprintf(err, "entente: bad cursor '%s' (want the one a page of events gave)\n", o->after);
        return 1;
    }
    ent_store *st = ent_jobs_open_store(o->db, o->timeout_ms, err);
    if (!st) return 1;
    ent_store_filter f = {.actor = o->actor, .dyad_a = o->dyad_a, .dyad_b = o->dyad_b,
                          .code = o->code, .root = o->root, .quad = o->quad, .from = o->from,
                          .to = o->to, .text = o->text, .limit = o->limit, .unique = o->unique,
                          .after = o->after ? &after : NULL};
    ev_out x = {.format = o->format, .published = o->date_field == ENTENTE_DATE_PUBLISHED};
    ent_store_set_date_field(st, x.published ? ENT_STORE_DATE_PUBLISHED : ENT_STORE_DATE_EVENT);
    /* JSON lines are the events' own (ent_sink_json_line), not a table's */
    int tf = o->format == ENTENTE_FMT_JSONL ? ENT_TABLE_LINES : ent_jobs_table_format(o->format);
    int tab = tf == ENT_TABLE_COLUMNS;
    ent_table_open(&x.t, out, tf, tab ? TCOLS : tf == ENT_TABLE_LINES ? 0 : XCOLS,
                   tab ? tcol_names : xcol_names);
    int rc = ent_store_events(st, &f, on_event, &x);
    if (rc < 0 && !x.t.oom && !x.t.lost) {
        fprintf(err, "entente: %s\n", ent_store_error(st));
        ent_table_free(&x.t);
    } else {
        ent_table_end(&x.t);
        if (!x.t.oom && !x.t.lost && x.unmapped)
            fprintf(err, "entente: %ld event%s left out: %s no PLOVER type (CAMEO's statements and "
                         "appeals, roots 01 and 02, have none)\n",
                    x.unmapped, x.unmapped == 1 ? "" : "s", x.unmapped == 1 ? "its code has" : "their codes have");
        rc = ent_jobs_table_done(&x.t, "the events", err) ? -1 : 0;
    }
    if (rc == 0 && o->limit > 0 && x.n == o->limit && o->next && o->next_cap)
        snprintf(o->next, o->next_cap, "%ld.%lld.%d.%d", (long)x.last.date,
                 (long long)x.last.doc_key, x.last.sent, x.last.n);
    ent_buf_free(&x.line);
    ent_store_close(st);
    return rc < 0 ? 1 : 0;
}

int entente_text_index(const char *db, int drop, FILE *out, FILE *err) {
    char msg[1300];
    ent_store *st = ent_store_open_existing(db, msg, sizeof msg);
    if (!st) {
        fprintf(err, "entente: %s\n", msg);
        return 1;
    }
    double t0 = ent_now();
    int rc = ent_store_text_index(st, !drop);
    if (rc < 0) fprintf(err, "entente: %s\n", ent_store_error(st));
    else
        fprintf(out, "index: text index of %s %s in %.2f s\n", ent_store_name(st),
                drop ? "dropped" : "up to date", ent_now() - t0);
    ent_store_close(st);
    return rc < 0 ? 1 : 0;
}
