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
#include "util.h"

#define TCOLS 20
typedef struct trow {
    char *c[TCOLS];
} trow;

typedef struct ev_out {
    FILE *out;
    int format;
    ent_buf line;
    ent_arena arena;
    ent_vec rows;            /* trow */
    int width[TCOLS];
    int failed;
    int lost;                 /* errno of a failed write */
    long n;
    ent_store_event last;     /* position of the last event (a cursor) */
    int published;            /* ordered by the story's date, not the event's */
    long unmapped;            /* PLOVER: events whose code has no PLOVER type */
} ev_out;

static const char *const tcol_names[TCOLS] = {
    "event_id", "date",    "event_date", "doc",    "sent", "source", "target", "code",
    "quad",     "goldstein", "verb",     "pattern", "mentions", "sources", "documents",
    "place",    "outlet",  "url",       "title",   "sentence"};

static int on_event(void *user, const ent_store_event *e) {
    ev_out *x = user;
    char date[11], edate[11];
    ent_format_date(e->date, date);
    ent_format_date(e->event_date, edate);
    ent_buf *b = &x->line;
    ent_buf_clear(b);
    int rc = 0;
    x->n++;
    x->last.date = x->published ? e->date : e->event_date;   /* the order's date */
    x->last.doc_key = e->doc_key;
    x->last.sent = e->sent;
    x->last.n = e->n;
    if (x->format == ENTENTE_FMT_JSONL) {
        rc |= ent_sink_json_line(b, e);
    } else if (x->format == ENTENTE_FMT_GDELT) {
        rc |= ent_export_gdelt_line(b, e);
    } else if (x->format == ENTENTE_FMT_PLOVER) {
        int r = ent_export_plover_line(b, e);
        if (r > 0) x->unmapped++;
        rc |= r < 0;
    } else if (x->format == ENTENTE_FMT_CSV) {
        rc |= ent_buf_printf(b, "%lld,", (long long)e->event_id);
        rc |= ent_buf_csv_field(b, e->doc);
        rc |= ent_buf_printf(b, ",%d,%s,", e->sent, date);
        const char *f[] = {e->source, e->target, e->code, e->root};
        for (int i = 0; i < 4; i++) rc |= ent_buf_csv_field(b, f[i]), rc |= ent_buf_putc(b, ',');
        rc |= ent_buf_printf(b, "%d,%.1f,", e->quad, e->goldstein);
        const char *g[] = {e->source_text, e->target_text, e->verb, e->pattern, e->issue};
        for (int i = 0; i < 5; i++) {
            rc |= ent_buf_csv_field(b, g[i]);
            rc |= ent_buf_putc(b, ',');
        }
        rc |= ent_buf_printf(b, "%s,%s,", edate, ent_evdate_precision_name(e->date_precision));
        rc |= ent_buf_csv_field(b, e->date_text);
        const char *h[4] = {e->sentence, e->outlet, e->url, e->title};
        for (int i = 0; i < 4; i++) {
            rc |= ent_buf_putc(b, ',');
            rc |= ent_buf_csv_field(b, h[i]);
        }
        rc |= ent_buf_putc(b, ',');
        rc |= ent_sink_place_fields(b, e, ',');
        rc |= ent_buf_printf(b, ",%lld,%d,%d,%d\n", (long long)e->happening, e->mentions,
                             e->documents, e->sources);
    } else {
        char id[24], sent[16], quad[8], gold[16], place[160] = "", men[16], src[16], docs[16];
        snprintf(men, sizeof men, "%d", e->mentions);
        snprintf(src, sizeof src, "%d", e->sources);
        snprintf(docs, sizeof docs, "%d", e->documents);
        if (ent_sink_has_place(e))
            snprintf(place, sizeof place, "%s%s%s%s", e->place_name, e->place_country[0] ? " (" : "",
                     e->place_country, e->place_country[0] ? ")" : "");
        snprintf(id, sizeof id, "%lld", (long long)e->event_id);
        snprintf(sent, sizeof sent, "%d", e->sent);
        snprintf(quad, sizeof quad, "%d", e->quad);
        snprintf(gold, sizeof gold, "%.1f", e->goldstein);
        const char *v[TCOLS] = {id,        date,    edate,     e->doc, sent,   e->source,
                                e->target, e->code, quad,      gold,   e->verb, e->pattern,
                                men,       src,     docs,      place,  e->outlet, e->url,
                                e->title,  e->sentence};
        trow *tr = ent_vec_push(&x->rows);
        if (!tr) return x->failed = 1;
        char **row = tr->c;
        for (int i = 0; i < TCOLS; i++) {
            /* one line per row: line breaks in a field become spaces */
            char *c = ent_arena_strdup(&x->arena, v[i] ? v[i] : "");
            if (!c) return x->failed = 1;
            for (char *p = c; *p; p++)
                if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
            row[i] = c;
            int w = ent_utf8_width(c);
            if (w > x->width[i]) x->width[i] = w;
        }
        return 0;
    }
    if (rc) return x->failed = 1;
    /* a failed write stops the query: ent_out_finish says why */
    if (fwrite(b->data, 1, b->len, x->out) == b->len) return 0;
    x->lost = errno ? errno : EIO;
    return 1;
}

static void write_table(ev_out *x) {
    for (size_t r = 0; r <= x->rows.len; r++) {
        const char *const *row =
            r == 0 ? tcol_names : (const char *const *)ENT_VEC_AT(&x->rows, trow, r - 1).c;
        for (int i = 0; i < TCOLS; i++) {
            int pad = x->width[i] - ent_utf8_width(row[i]);
            fputs(row[i], x->out);
            if (i < TCOLS - 1) fprintf(x->out, "%*s", pad + 2, "");
        }
        fputc('\n', x->out);
    }
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
    ev_out x = {.out = out, .format = o->format, .published = o->date_field == ENTENTE_DATE_PUBLISHED};
    ent_store_set_date_field(st, x.published ? ENT_STORE_DATE_PUBLISHED : ENT_STORE_DATE_EVENT);
    ent_arena_init(&x.arena, 1 << 16);
    ent_vec_init(&x.rows, sizeof(trow));
    for (int i = 0; i < TCOLS; i++) x.width[i] = (int)strlen(tcol_names[i]);
    if (o->format == ENTENTE_FMT_CSV)
        fputs("event_id,doc,sent,date,source,target,code,root,quad,goldstein,source_text,"
              "target_text,verb,pattern,issue,event_date,date_precision,date_text,sentence,"
              "outlet,url,title,place,place_name,place_country,place_adm1,lat,lon,place_kind,"
              "happening,mentions,documents,sources\n",
              out);
    int rc = ent_store_events(st, &f, on_event, &x);
    if (rc < 0) fprintf(err, "entente: %s\n", ent_store_error(st));
    else if (x.failed) fprintf(err, "entente: out of memory\n");
    else if (o->format == ENTENTE_FMT_TABLE) write_table(&x);
    if (rc >= 0 && !x.failed && x.unmapped)
        fprintf(err, "entente: %ld event%s left out: %s no PLOVER type (CAMEO's statements and "
                     "appeals, roots 01 and 02, have none)\n",
                x.unmapped, x.unmapped == 1 ? "" : "s", x.unmapped == 1 ? "its code has" : "their codes have");
    if (rc >= 0 && !x.failed && ent_out_finish(out, x.lost, "the events", err) < 0) x.failed = 1;
    if (rc >= 0 && !x.failed && o->limit > 0 && x.n == o->limit && o->next && o->next_cap)
        snprintf(o->next, o->next_cap, "%ld.%lld.%d.%d", (long)x.last.date,
                 (long long)x.last.doc_key, x.last.sent, x.last.n);
    ent_buf_free(&x.line);
    ent_arena_free(&x.arena);
    ent_vec_free(&x.rows);
    ent_store_close(st);
    return rc < 0 || x.failed ? 1 : 0;
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
