/* job_overview.c -- `entente overview`: what a store holds, in one screen.
 *
 * A composition of the other read-only jobs (actors, trends, blocs) with
 * two queries of its own: the totals and the busiest dyads.  It adds no
 * statistics of its own, so what it shows is exactly what the individual
 * commands would show.
 */
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#include "store.h"
#include "util.h"

static int print_totals(void *user, int n, const char *const *cols) {
    FILE *out = user;
    if (n >= 3)
        fprintf(out, "documents %s, events %s, from %s to %s\n", cols[0], cols[1],
                cols[2] ? cols[2] : "-", n >= 4 && cols[3] ? cols[3] : "-");
    return 0;
}

static int print_dyad(void *user, int n, const char *const *cols) {
    FILE *out = user;
    if (n >= 6)
        fprintf(out, "  %-4s -> %-4s %7s events  cooperation %6s  conflict %6s  Goldstein mean %6.2f\n",
                cols[0], cols[1], cols[2], cols[3], cols[4], cols[5] ? atof(cols[5]) : 0.0);
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
    int rc = ent_store_query(s,
                             "SELECT (SELECT count(*) FROM documents), count(*), min(date), max(date) "
                             "FROM events",
                             NULL, 0, print_totals, out);
    if (rc == 0) {
        fprintf(out, "\n== busiest dyads (countries, both directions counted apart)\n");
        rc = ent_store_query(s,
                             "SELECT src_country, tgt_country, count(*), "
                             "sum(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END), "
                             "sum(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END), avg(goldstein) "
                             "FROM events WHERE src_country <> '---' AND tgt_country <> '---' "
                             "AND src_country <> tgt_country "
                             "GROUP BY src_country, tgt_country ORDER BY count(*) DESC, "
                             "src_country, tgt_country LIMIT ?",
                             (const ent_store_value[]){{.type = ENT_SV_INT, .i = 8}}, 1, print_dyad,
                             out);
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
