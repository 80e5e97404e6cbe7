/* job_overview.c -- `entente overview`: what a store holds, in one screen.
 *
 * A composition of the other read-only jobs (actors, trends, blocs) with
 * two queries of its own: the totals and the busiest dyads.  It adds no
 * statistics of its own, so what it shows is exactly what the individual
 * commands would show.  Its JSON form is the same composition: each
 * section is what the command's JSONL gives, gathered into one object.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#include "jobs.h"
#include "sink.h"
#include "store.h"
#include "table.h"
#include "util.h"

/* A stored YYYYMMDD as YYYY-MM-DD, "-" when absent or unknown (0). */
static void overview_date(const char *v, char out[11]) {
    int32_t d = v ? (int32_t)atol(v) : 0;
    if (d > 0) ent_format_date(d, out);
    else snprintf(out, 11, "-");
}

/* The totals: documents, events, first and last dated day, undated
 * events, mentions (the events counted are happenings unless mentions
 * are asked for: then the two are the same).
 * The dated range leaves an undated event (date 0) out, counted apart, not
 * shown as the year 0.  One statement for both forms. */
static void totals_stmt(ent_store_stmt *q) {
    ent_store_stmt_sql(q, "SELECT (SELECT count(*) FROM documents), count(*),"
                          " min(CASE WHEN e.date > 0 THEN e.date END), max(e.date),"
                          " sum(CASE WHEN e.date > 0 THEN 0 ELSE 1 END),"
                          " (SELECT count(*) FROM events) FROM events e");
}

/* The busiest country dyads, both directions apart: source, target,
 * events, cooperation, conflict, neutral, Goldstein mean. */
static void dyads_stmt(ent_store_stmt *q) {
    ent_store_stmt_sql(q, "SELECT e.src_country, e.tgt_country, count(*), sum(CASE WHEN ");
    ent_store_stmt_neutral(q);
    ent_store_stmt_sql(q, " THEN 0 WHEN e.quad IN (1, 2) THEN 1 ELSE 0 END),"
                          " sum(CASE WHEN e.quad IN (3, 4) THEN 1 ELSE 0 END), sum(CASE WHEN ");
    ent_store_stmt_neutral(q);
    ent_store_stmt_sql(q, " THEN 1 ELSE 0 END), avg(e.goldstein)"
                          " FROM events e WHERE e.src_country <> ? AND e.tgt_country <> ?"
                          " AND e.src_country <> e.tgt_country"
                          " GROUP BY e.src_country, e.tgt_country ORDER BY count(*) DESC,"
                          " e.src_country, e.tgt_country LIMIT ?");
    ent_store_stmt_text(q, "---");
    ent_store_stmt_text(q, "---");
    ent_store_stmt_int(q, 8);
}

static int print_totals(void *user, int n, const char *const *cols) {
    ent_table *t = user;
    if (n < 6) return 0;
    char from[11], to[11];
    overview_date(cols[2], from);
    overview_date(cols[3], to);
    ent_table_printf(t, "documents %s, events %s (mentions %s), from %s to %s", cols[0], cols[1],
                     cols[5] ? cols[5] : "0", from, to);
    long undated = cols[4] ? atol(cols[4]) : 0;
    if (undated) ent_table_printf(t, " (%ld undated)", undated);
    ent_table_printf(t, "\n");
    return 0;
}

static const char *const dyad_cols[7] = {"source",    "target",       "#events",        "#neutral",
                                         "#cooperation", "#conflict", "#goldstein_mean"};

/* A busiest dyad as a row of the table (a failure is the table's, said
 * at its end). */
static int dyad_row(void *user, int n, const char *const *cols) {
    if (n < 7) return 0;
    char mean[32];
    snprintf(mean, sizeof mean, "%.2f", cols[6] ? atof(cols[6]) : 0.0);
    const char *cells[7] = {cols[0], cols[1], cols[2], cols[5], cols[3], cols[4], mean};
    ent_table_row(user, cells, NULL);
    return 0;
}

int entente_overview(const char *db, FILE *out, FILE *err) {
    return entente_overview_format(db, ENTENTE_FMT_TABLE, 0, out, err);
}

/* ---- JSON --------------------------------------------------------------------- */

static int add_field(json_object *o, const char *key, json_object *v) {
    if (!v) return -1;   /* no memory: json-c's null is added by add_null */
    if (json_object_object_add(o, key, v)) {
        json_object_put(v);
        return -1;
    }
    return 0;
}

static int add_null(json_object *o, const char *key) {
    return json_object_object_add(o, key, NULL) ? -1 : 0;
}

/* A column as a JSON number (an integer when it reads as one), or null. */
static int add_num(json_object *o, const char *key, const char *c) {
    if (!c) return add_null(o, key);
    char *end;
    long long v = strtoll(c, &end, 10);
    if (*c && !*end) return add_field(o, key, json_object_new_int64(v));
    return add_field(o, key, json_object_new_double(strtod(c, NULL)));
}

static int json_totals(void *user, int n, const char *const *cols) {
    json_object *o = user;
    if (n < 6) return 0;
    int rc = add_num(o, "documents", cols[0]);
    rc |= add_num(o, "events", cols[1]);
    rc |= add_num(o, "mentions", cols[5]);
    const char *key[2] = {"from", "to"};
    for (int i = 0; i < 2; i++) {
        char d[11];
        overview_date(cols[2 + i], d);
        rc |= d[0] != '-' ? add_field(o, key[i], json_object_new_string(d)) : add_null(o, key[i]);
    }
    rc |= add_field(o, "undated", json_object_new_int64(cols[4] ? atoll(cols[4]) : 0));
    return rc ? 1 : 0;
}

static int json_dyad(void *user, int n, const char *const *cols) {
    json_object *arr = user, *o = json_object_new_object();
    if (!o || n < 7) return o ? (json_object_put(o), 0) : 1;
    int rc = add_field(o, "source", json_object_new_string(cols[0] ? cols[0] : ""));
    rc |= add_field(o, "target", json_object_new_string(cols[1] ? cols[1] : ""));
    rc |= add_num(o, "events", cols[2]);
    rc |= add_num(o, "neutral", cols[5]);
    rc |= add_num(o, "cooperation", cols[3]);
    rc |= add_num(o, "conflict", cols[4]);
    char mean[32];
    snprintf(mean, sizeof mean, "%.2f", cols[6] ? atof(cols[6]) : 0.0);
    rc |= cols[6] ? add_field(o, "goldstein_mean", json_object_new_double_s(atof(mean), mean))
                  : add_null(o, "goldstein_mean");
    if (rc || json_object_array_add(arr, o)) {
        json_object_put(o);
        return 1;
    }
    return 0;
}

int ent_jobs_jsonl_array(const char *text, size_t len, json_object **arr) {
    *arr = json_object_new_array();
    if (!*arr) return -1;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (end > at) {
            json_tokener *tok = json_tokener_new();
            json_object *v = tok ? json_tokener_parse_ex(tok, text + at, (int)(end - at)) : NULL;
            int whole = tok && json_tokener_get_error(tok) == json_tokener_success &&
                        json_tokener_get_parse_end(tok) == end - at;
            if (tok) json_tokener_free(tok);
            if (!v || !whole || json_object_array_add(*arr, v)) {
                json_object_put(v);
                json_object_put(*arr);
                *arr = NULL;
                return -1;
            }
        }
        at = end + 1;
    }
    return 0;
}

typedef int (*analysis_job)(const entente_analysis_opts *, FILE *, FILE *);

/* A job's JSONL as an array under `key` of o.  0, or 1 (the job said why). */
static int json_section(json_object *o, const char *key, analysis_job job,
                        const entente_analysis_opts *opts, FILE *err) {
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        fprintf(err, "entente: out of memory\n");
        return 1;
    }
    entente_analysis_opts a = *opts;
    a.format = ENTENTE_FMT_JSONL;
    int rc = job(&a, mem, err);
    if (fclose(mem) != 0 && !rc) {
        fprintf(err, "entente: out of memory\n");
        rc = 1;
    }
    json_object *arr = NULL;
    if (!rc && (ent_jobs_jsonl_array(text, len, &arr) < 0 || add_field(o, key, arr) < 0)) {
        fprintf(err, "entente: %s: cannot read back its own JSON\n", key);
        rc = 1;
    }
    free(text);
    return rc;
}

/* The store at url for the overview, counting `count`. */
static ent_store *overview_store(const char *url, int count, int timeout_ms, FILE *err) {
    ent_store *s = ent_jobs_open_store(url, timeout_ms, err);
    if (s && count == ENTENTE_COUNT_MENTIONS) ent_store_set_count(s, ENT_STORE_COUNT_MENTIONS);
    return s;
}

static int overview_json(const char *url, int count, int timeout_ms, FILE *out, FILE *err) {
    ent_store *s = overview_store(url, count, timeout_ms, err);
    if (!s) return 1;
    json_object *o = json_object_new_object(), *dyads = json_object_new_array();
    int rc = !o || !dyads || add_field(o, "store", json_object_new_string(ent_store_name(s)));
    ent_store_stmt q = {.len = 0};
    totals_stmt(&q);
    if (!rc) rc = ent_store_stmt_run(s, &q, json_totals, o);
    q = (ent_store_stmt){.len = 0};
    dyads_stmt(&q);
    if (!rc) rc = ent_store_stmt_run(s, &q, json_dyad, dyads);
    if (rc) fprintf(err, "entente: %s: %s\n", ent_store_name(s), ent_store_error(s));
    ent_store_close(s);
    if (!rc) {
        rc = add_field(o, "dyads", dyads) ? 1 : 0;
        dyads = NULL;
    }
    /* the same sections, with the same settings, as the table form */
    entente_analysis_opts a = {0};
    a.db = url;
    a.count = count;
    a.top = 8;
    a.timeout_ms = timeout_ms;
    if (!rc) rc = json_section(o, "actors", entente_actors, &a, err);
    a.top = 3;
    a.min_events = 2;
    a.window_days = 90;
    a.baseline = 8;
    if (!rc) rc = json_section(o, "trends", entente_trends, &a, err);
    if (!rc) rc = json_section(o, "blocs", entente_blocs, &a, err);
    if (!rc) {
        const char *js = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
        if (!js) rc = 1;
        else fprintf(out, "%s\n", js);
        if (!rc && ent_jobs_out_finish(out, 0, "the overview", err) < 0) rc = 1;
    }
    json_object_put(dyads);
    json_object_put(o);
    return rc;
}

int entente_overview_format(const char *db, int format, int timeout_ms, FILE *out, FILE *err) {
    return entente_overview_count(db, format, ENTENTE_COUNT_HAPPENINGS, timeout_ms, out, err);
}

int entente_overview_count(const char *db, int format, int count, int timeout_ms, FILE *out,
                           FILE *err) {
    if (format == ENTENTE_FMT_JSONL)
        return overview_json(db ? db : "entente.db", count, timeout_ms, out, err);
    if (format != ENTENTE_FMT_TABLE) {
        fprintf(err, "entente: overview is a table or JSON\n");
        return 1;
    }
    const char *url = db ? db : "entente.db";
    ent_store *s = overview_store(url, count, timeout_ms, err);
    if (!s) return 1;
    ent_table t;
    ent_table_open(&t, out, ENT_TABLE_COLUMNS, 7, dyad_cols);
    ent_table_printf(&t, "== store %s\n", ent_store_name(s));   /* no password */
    ent_store_stmt q = {.len = 0};
    totals_stmt(&q);
    int rc = ent_store_stmt_run(s, &q, print_totals, &t);
    if (rc == 0) {
        ent_table_printf(&t, "\n== busiest dyads (countries, both directions counted apart;"
                             " neutral: statements and appeals, roots 01 and 02)\n");
        q = (ent_store_stmt){.len = 0};
        dyads_stmt(&q);
        rc = ent_store_stmt_run(s, &q, dyad_row, &t);
    }
    if (rc != 0) fprintf(err, "entente: %s: %s\n", ent_store_name(s), ent_store_error(s));
    ent_store_close(s);
    if (rc != 0) {
        ent_table_free(&t);
        return 1;
    }
    ent_table_end(&t);
    if (ent_jobs_table_done(&t, "the overview", err)) return 1;

    entente_analysis_opts o = {0};
    o.db = url;
    o.count = count;
    o.top = 8;
    o.timeout_ms = timeout_ms;
    fprintf(out, "\n== most active actors\n");
    fflush(out);
    if (entente_actors(&o, out, err)) return 1;
    /* a quarter against the two years before it: sensible for a small
     * store; `entente trends` has the finer windows */
    o.top = 3;
    o.min_events = 2;
    o.window_days = 90;
    o.baseline = 8;
    fprintf(out, "\n== what changed most (entente trends --window 90d --baseline 8)\n");
    fflush(out);
    if (entente_trends(&o, out, err)) return 1;
    o.min_events = 2;
    fprintf(out, "\n== blocs\n");
    fflush(out);
    return entente_blocs(&o, out, err) ? 1 : 0;
}
