/* job_overview.c -- `entente overview`: what a store holds, in one screen.
 *
 * A composition of the other read-only jobs (actors, trends, blocs) with
 * two queries of its own: the totals and the busiest dyads.  It adds no
 * statistics of its own, so what it shows is exactly what the individual
 * commands would show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#include "sink.h"
#include "store.h"
#include "util.h"

/* A stored YYYYMMDD as YYYY-MM-DD, "-" when absent or unknown (0). */
static void overview_date(const char *v, char out[11]) {
    int32_t d = v ? (int32_t)atol(v) : 0;
    if (d > 0) ent_format_date(d, out);
    else snprintf(out, 11, "-");
}

static int print_totals(void *user, int n, const char *const *cols) {
    FILE *out = user;
    if (n < 5) return 0;
    char from[11], to[11];
    overview_date(cols[2], from);
    overview_date(cols[3], to);
    fprintf(out, "documents %s, events %s, from %s to %s", cols[0], cols[1], from, to);
    long undated = cols[4] ? atol(cols[4]) : 0;
    if (undated) fprintf(out, " (%ld undated)", undated);
    fputc('\n', out);
    return 0;
}

static int print_dyad(void *user, int n, const char *const *cols) {
    FILE *out = user;
    if (n >= 7)
        fprintf(out,
                "  %-4s -> %-4s %7s events  neutral %6s  cooperation %6s  conflict %6s"
                "  Goldstein mean %6.2f\n",
                cols[0], cols[1], cols[2], cols[5], cols[3], cols[4],
                cols[6] ? atof(cols[6]) : 0.0);
    return 0;
}

int entente_overview(const char *db, FILE *out, FILE *err) {
    char msg[512];
    const char *url = db ? db : "entente.db";
    ent_store *s = ent_store_open_existing(url, msg, sizeof msg);
    if (!s) {
        fprintf(err, "entente: %s\n", msg);
        return 1;
    }
    fprintf(out, "== store %s\n", ent_store_name(s));   /* no password */
    /* the dated range: an undated event (date 0) is counted apart, not
     * shown as the year 0 */
    ent_store_stmt q = {.len = 0};
    ent_store_stmt_sql(&q, "SELECT (SELECT count(*) FROM documents), count(*),"
                           " min(CASE WHEN e.date > 0 THEN e.date END), max(e.date),"
                           " sum(CASE WHEN e.date > 0 THEN 0 ELSE 1 END) FROM events e");
    int rc = ent_store_stmt_run(s, &q, print_totals, out);
    if (rc == 0) {
        fprintf(out, "\n== busiest dyads (countries, both directions counted apart;"
                     " neutral: statements and appeals, roots 01 and 02)\n");
        q = (ent_store_stmt){.len = 0};
        ent_store_stmt_sql(&q, "SELECT e.src_country, e.tgt_country, count(*), sum(CASE WHEN ");
        ent_store_stmt_neutral(&q);
        ent_store_stmt_sql(&q, " THEN 0 WHEN e.quad IN (1, 2) THEN 1 ELSE 0 END),"
                               " sum(CASE WHEN e.quad IN (3, 4) THEN 1 ELSE 0 END), sum(CASE WHEN ");
        ent_store_stmt_neutral(&q);
        ent_store_stmt_sql(&q, " THEN 1 ELSE 0 END), avg(e.goldstein)"
                               " FROM events e WHERE e.src_country <> ? AND e.tgt_country <> ?"
                               " AND e.src_country <> e.tgt_country"
                               " GROUP BY e.src_country, e.tgt_country ORDER BY count(*) DESC,"
                               " e.src_country, e.tgt_country LIMIT ?");
        ent_store_stmt_text(&q, "---");
        ent_store_stmt_text(&q, "---");
        ent_store_stmt_int(&q, 8);
        rc = ent_store_stmt_run(s, &q, print_dyad, out);
    }
    if (rc != 0) fprintf(err, "entente: %s: %s\n", ent_store_name(s), ent_store_error(s));
    ent_store_close(s);
    if (rc != 0) return 1;
    if (ent_out_finish(out, 0, "the overview", err) < 0) return 1;

    entente_analysis_opts o = {0};
    o.db = url;
    o.top = 8;
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
