/* job_analysis.c -- `entente dyad`, `trends`, `blocs` and `actors`: the
 * analysis results (analysis.h) as aligned tables, CSV or JSONL, and the
 * charts (plot.h).
 *
 * Design.  Each command fills one table (table.h: column names, which
 * columns are numbers, rows of strings) and the one table writer prints
 * it in the asked format: numbers right-aligned in columns, bare in JSON,
 * so the formats cannot drift apart.  What does not fit a flat row (a
 * trend's example events, a bloc's ties) goes in a JSON field of the row
 * and, in a table, in lines printed after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "entente.h"
#include "jobs.h"
#include "plot.h"
#include "sink.h"
#include "store.h"
#include "table.h"
#include "util.h"

static ent_store *open_store(const entente_analysis_opts *o, FILE *err) {
    ent_store *st = ent_jobs_open_store(o->db, o->timeout_ms, err);
    if (st && o->date_field == ENTENTE_DATE_PUBLISHED)
        ent_store_set_date_field(st, ENT_STORE_DATE_PUBLISHED);
    if (st && o->count == ENTENTE_COUNT_MENTIONS) ent_store_set_count(st, ENT_STORE_COUNT_MENTIONS);
    return st;
}

static void fmt_real(char *out, size_t cap, double v) { snprintf(out, cap, "%.2f", v); }

/* ---- dyad ----------------------------------------------------------------------- */

static const char *const period_name[5] = {"day", "week", "month", "quarter", "year"};

/* A count, or with `all` >= 0 its share of all events (empty when the
 * period has none). */
static void fmt_count(char *out, size_t cap, long v, long all) {
    if (all < 0) snprintf(out, cap, "%ld", v);
    else if (all == 0) out[0] = '\0';
    else snprintf(out, cap, "%.6f", (double)v / (double)all);
}

int entente_dyad(const entente_analysis_opts *o, FILE *out, FILE *err) {
    ent_store *st = open_store(o, err);
    if (!st) return 1;
    ent_dyad_series d;
    char msg[1300];
    int by = o->by >= ENTENTE_BY_DAY && o->by <= ENTENTE_BY_YEAR ? o->by : ENTENTE_BY_DAY;
    if (ent_dyad_series_get(st, o->a, o->b, by, o->from, o->to, o->normalize, &d, msg,
                            sizeof msg)) {
        fprintf(err, "entente: %s\n", msg);
        ent_store_close(st);
        return 1;
    }
    ent_store_close(st);
    /* with --normalize the counts are shares of all_events, the period's
     * stored events of every dyad */
    static const char *const cols[] = {"period",    "direction",    "#q1",
                                       "#q2",       "#q3",          "#q4",
                                       "#neutral",  "#cooperation", "#conflict",
                                       "#events",   "#goldstein_sum", "#goldstein_mean",
                                       "#all_events"};
    ent_table t;
    ent_table_open(&t, out, ent_jobs_table_format(o->format), o->normalize ? 13 : 12, cols);
    int with_events = 0;
    for (int i = 0; i < d.n; i++) with_events += d.rows[i].dir[2].n > 0;
    char dirs[3][140];
    snprintf(dirs[0], sizeof dirs[0], "%s->%s", d.a, d.b);
    snprintf(dirs[1], sizeof dirs[1], "%s->%s", d.b, d.a);
    snprintf(dirs[2], sizeof dirs[2], "both");
    for (int i = 0; i < d.n; i++)
        for (int k = 0; k < 3; k++) {
            const ent_dyad_cell *c = &d.rows[i].dir[k];
            long all = d.rows[i].all;
            char q[4][24], g[3][24], n[24], gs[32], gm[32], an[24];
            for (int j = 0; j < 4; j++) fmt_count(q[j], sizeof q[j], c->count[j], all);
            fmt_count(g[0], sizeof g[0], c->neutral, all);
            fmt_count(g[1], sizeof g[1], c->coop, all);
            fmt_count(g[2], sizeof g[2], c->conflict, all);
            fmt_count(n, sizeof n, c->n, all);
            fmt_real(gs, sizeof gs, c->gsum);
            if (c->n) fmt_real(gm, sizeof gm, c->gsum / (double)c->n);
            else gm[0] = '\0';
            snprintf(an, sizeof an, "%ld", all);
            const char *cells[] = {d.rows[i].label, dirs[k], q[0], q[1], q[2], q[3], g[0],
                                   g[1], g[2], n, gs, gm, an};
            ent_table_row(&t, cells, NULL);
        }
    if (o->format == ENTENTE_FMT_TABLE)
        ent_table_printf(&t, "dyad %s - %s by %s: %d period%s, %d with events%s\n", d.a, d.b,
                         period_name[by], d.n, d.n == 1 ? "" : "s", with_events,
                         o->normalize ? "; counts as shares of all_events" : "");
    ent_table_end(&t);
    int rc = ent_jobs_table_done(&t, "the dyad's table", err);
    if (!rc && o->plot) {
        if (ent_plot_dyad(o->plot, &d, msg, sizeof msg)) {
            fprintf(err, "entente: %s\n", msg);
            rc = 1;
        } else {
            fprintf(err, "entente: wrote %s\n", o->plot);
        }
    }
    ent_dyad_series_free(&d);
    return rc;
}

/* ---- trends --------------------------------------------------------------------- */

int entente_trends(const entente_analysis_opts *o, FILE *out, FILE *err) {
    ent_store *st = open_store(o, err);
    if (!st) return 1;
    ent_trend_opts to = {.window_days = o->window_days, .baseline = o->baseline,
                         .min_events = o->min_events, .top = o->top, .end = o->end};
    ent_trends tr;
    char msg[1300];
    if (ent_trends_get(st, &to, &tr, msg, sizeof msg)) {
        fprintf(err, "entente: %s\n", msg);
        ent_store_close(st);
        return 1;
    }
    ent_store_close(st);
    static const char *const cols[] = {"rank",           "dyad",         "group", "change",
                                       "#current",       "#baseline_mean", "#baseline_sd",
                                       "#z",             "#neutral"};
    ent_table t;
    ent_table_open(&t, out, ent_jobs_table_format(o->format), 9, cols);
    ent_buf js = {0};
    int rc = 0;
    for (int i = 0; i < tr.n && !rc; i++) {
        const ent_trend *x = &tr.items[i];
        char rank[16], dyad[24], cur[24], mu[32], sd[32], z[32], neu[24];
        snprintf(rank, sizeof rank, "%d", i + 1);
        snprintf(dyad, sizeof dyad, "%s->%s", x->source, x->target);
        snprintf(cur, sizeof cur, "%ld", x->current);
        fmt_real(mu, sizeof mu, x->mean);
        fmt_real(sd, sizeof sd, x->sd);
        fmt_real(z, sizeof z, x->z);
        snprintf(neu, sizeof neu, "%ld", x->neutral);
        const char *cells[] = {rank, dyad, x->group ? "conflict" : "cooperation",
                               x->z >= 0 ? "up" : "down", cur, mu, sd, z, neu};
        ent_buf_clear(&js);
        rc |= ent_buf_puts(&js, ", \"history\": [");
        for (int k = 0; k < tr.baseline; k++)
            rc |= ent_buf_printf(&js, "%s%ld", k ? ", " : "", x->history[k]);
        rc |= ent_buf_puts(&js, "], \"examples\": [");
        for (int k = 0; k < x->n_ex; k++) {
            const ent_trend_example *e = &x->ex[k];
            char date[11];
            ent_format_date(e->date, date);
            rc |= ent_buf_puts(&js, k ? ", {\"doc\": " : "{\"doc\": ");
            rc |= ent_buf_json_str(&js, e->doc);
            rc |= ent_buf_puts(&js, ", \"date\": ");
            rc |= ent_buf_json_str(&js, date);
            rc |= ent_buf_puts(&js, ", \"source\": ");
            rc |= ent_buf_json_str(&js, e->source);
            rc |= ent_buf_puts(&js, ", \"target\": ");
            rc |= ent_buf_json_str(&js, e->target);
            rc |= ent_buf_puts(&js, ", \"code\": ");
            rc |= ent_buf_json_str(&js, e->code);
            rc |= ent_buf_printf(&js, ", \"goldstein\": %.1f, \"text\": ", e->goldstein);
            rc |= ent_buf_json_str(&js, e->text);
            rc |= ent_buf_putc(&js, '}');
        }
        rc |= ent_buf_putc(&js, ']');
        if (rc) t.oom = 1;
        else ent_table_row(&t, cells, js.data);
    }
    char wf[11], wt[11], bf[11];
    ent_format_date(tr.window_from, wf);
    ent_format_date(tr.window_to, wt);
    ent_format_date(tr.baseline_from, bf);
    if (o->format == ENTENTE_FMT_TABLE && !tr.window_to)
        ent_table_printf(&t, "trends: no dated events in the store\n");
    else if (o->format == ENTENTE_FMT_TABLE)
        ent_table_printf(&t,
                         "trends: window %s..%s (%d days) against %d windows from %s;"
                         " %ld dyad-groups with enough events\n",
                         wf, wt, tr.window_days, tr.baseline, bf, tr.candidates);
    ent_table_end(&t);
    if (o->format == ENTENTE_FMT_TABLE && tr.n) {
        ent_table_printf(&t, "\nevents behind the changes:\n");
        for (int i = 0; i < tr.n; i++) {
            const ent_trend *x = &tr.items[i];
            ent_table_printf(&t, "%d. %s->%s %s %s\n", i + 1, x->source, x->target,
                             x->group ? "conflict" : "cooperation", x->z >= 0 ? "up" : "down");
            for (int k = 0; k < x->n_ex; k++) {
                char date[11];
                ent_format_date(x->ex[k].date, date);
                ent_table_printf(&t, "   %s %s %s->%s %+.1f %s\n", date, x->ex[k].code,
                                 x->ex[k].source, x->ex[k].target, x->ex[k].goldstein, x->ex[k].text);
            }
        }
    }
    rc = ent_jobs_table_done(&t, "the trends", err);
    ent_buf_free(&js);
    ent_trends_free(&tr);
    return rc;
}

/* ---- blocs ---------------------------------------------------------------------- */

static int tie_text(ent_buf *b, const ent_blocs *bl, const ent_tie *t, int json) {
    const char *a = bl->g.actors[t->a], *c = bl->g.actors[t->b];
    if (!json)
        return ent_buf_printf(b, "%s-%s %+.*f (%ld coop, %ld conflict, %ld neutral)", a, c,
                              bl->weight == ENT_WEIGHT_COUNT ? 0 : 1, t->w, t->coop, t->conflict,
                              t->neutral);
    int rc = ent_buf_puts(b, "{\"a\": ");
    rc |= ent_buf_json_str(b, a);
    rc |= ent_buf_puts(b, ", \"b\": ");
    rc |= ent_buf_json_str(b, c);
    rc |= ent_buf_printf(b, ", \"weight\": %.2f, \"sign\": \"%s\", \"cooperation\": %ld,"
                            " \"conflict\": %ld, \"neutral\": %ld, \"goldstein_sum\": %.2f}",
                         t->w, t->w >= 0 ? "+" : "-", t->coop, t->conflict, t->neutral, t->gsum);
    return rc;
}

int entente_blocs(const entente_analysis_opts *o, FILE *out, FILE *err) {
    ent_store *st = open_store(o, err);
    if (!st) return 1;
    ent_blocs bl;
    char msg[1300];
    int min = o->min_events > 0 ? o->min_events : 10;
    int weight = o->weight == ENTENTE_WEIGHT_COUNT ? ENT_WEIGHT_COUNT : ENT_WEIGHT_GOLDSTEIN;
    if (ent_blocs_get(st, o->level, o->from, o->to, min, weight, &bl, msg, sizeof msg)) {
        fprintf(err, "entente: %s\n", msg);
        ent_store_close(st);
        return 1;
    }
    ent_store_close(st);
    static const char *const cols[] = {"bloc", "#size", "members", "internal_ties",
                                       "cross_ties"};
    ent_table t;
    ent_table_open(&t, out, ent_jobs_table_format(o->format), 5, cols);
    ent_buf mem = {0}, in = {0}, cross = {0}, js = {0};
    int rc = 0;
    for (int k = 0; k < bl.n_blocs && !rc; k++) {
        ent_buf_clear(&mem);
        ent_buf_clear(&in);
        ent_buf_clear(&cross);
        ent_buf_clear(&js);
        /* members by activity, most active first */
        int size = 0;
        rc |= ent_buf_puts(&js, ", \"member_list\": [");
        for (;;) {
            int best = -1;
            for (int i = 0; i < bl.g.n_actors; i++)
                if (bl.bloc[i] == k && bl.activity[i] >= 0 &&
                    (best < 0 || bl.activity[i] > bl.activity[best]))
                    best = i;
            if (best < 0) break;
            rc |= ent_buf_printf(&mem, "%s%s", size ? " " : "", bl.g.actors[best]);
            rc |= ent_buf_puts(&js, size ? ", " : "");
            rc |= ent_buf_json_str(&js, bl.g.actors[best]);
            bl.activity[best] = -1 - bl.activity[best];   /* marked as listed */
            size++;
        }
        for (int i = 0; i < bl.g.n_actors; i++)
            if (bl.activity[i] < 0) bl.activity[i] = -1 - bl.activity[i];
        int ids[3];
        for (int internal = 1; internal >= 0; internal--) {
            int n = ent_blocs_ties(&bl, k, internal, 3, ids);
            ent_buf *b = internal ? &in : &cross;
            rc |= ent_buf_puts(&js, internal ? "], \"internal\": [" : "], \"cross\": [");
            for (int j = 0; j < n; j++) {
                if (j) rc |= ent_buf_puts(b, "; "), rc |= ent_buf_puts(&js, ", ");
                rc |= tie_text(b, &bl, &bl.ties[ids[j]], 0);
                rc |= tie_text(&js, &bl, &bl.ties[ids[j]], 1);
            }
        }
        rc |= ent_buf_putc(&js, ']');
        char id[16], sz[16];
        snprintf(id, sizeof id, "%d", k + 1);
        snprintf(sz, sizeof sz, "%d", size);
        const char *cells[] = {id, sz, mem.data ? mem.data : "", in.data ? in.data : "",
                               cross.data ? cross.data : ""};
        if (rc) t.oom = 1;
        else ent_table_row(&t, cells, js.data);
    }
    if (o->format == ENTENTE_FMT_TABLE) {
        int actors = 0;
        for (int i = 0; i < bl.g.n_actors; i++) actors += bl.bloc[i] >= 0;
        ent_table_printf(&t,
                         "blocs: %d among %d actors and %d ties of at least %d cooperation and"
                         " conflict events (weight = %s; neutral events left out; modularity %.3f)\n",
                         bl.n_blocs, actors, bl.n_ties, min,
                         weight == ENT_WEIGHT_COUNT ? "cooperation - conflict events" : "Goldstein sum",
                         bl.modularity);
        /* a table of long lists reads badly: one block per bloc; actors
         * with no positive tie (blocs of one) on a line of their own */
        int alone = 0;
        for (size_t r = 0; r < ent_table_rows(&t); r++) {
            if (!strcmp(ent_table_cell(&t, r, 1), "1")) {
                alone++;
                continue;
            }
            const char *in_ties = ent_table_cell(&t, r, 3), *cross_ties = ent_table_cell(&t, r, 4);
            ent_table_printf(&t, "\nbloc %s (%s): %s\n", ent_table_cell(&t, r, 0),
                             ent_table_cell(&t, r, 1), ent_table_cell(&t, r, 2));
            ent_table_printf(&t, "  internal: %s\n", in_ties[0] ? in_ties : "-");
            ent_table_printf(&t, "  cross:    %s\n", cross_ties[0] ? cross_ties : "-");
        }
        if (alone) {
            ent_table_printf(&t, "\nno positive tie (%d):", alone);
            for (size_t r = 0; r < ent_table_rows(&t); r++)
                if (!strcmp(ent_table_cell(&t, r, 1), "1"))
                    ent_table_printf(&t, " %s", ent_table_cell(&t, r, 2));
            ent_table_printf(&t, "\n");
        }
    } else {
        ent_table_end(&t);
    }
    rc = ent_jobs_table_done(&t, "the blocs", err);
    if (!rc && o->plot) {
        if (ent_plot_blocs(o->plot, &bl, msg, sizeof msg)) {
            fprintf(err, "entente: %s\n", msg);
            rc = 1;
        } else {
            fprintf(err, "entente: wrote %s\n", o->plot);
        }
    }
    ent_buf_free(&mem);
    ent_buf_free(&in);
    ent_buf_free(&cross);
    ent_buf_free(&js);
    ent_blocs_free(&bl);
    return rc;
}

/* ---- actors --------------------------------------------------------------------- */

int entente_actors(const entente_analysis_opts *o, FILE *out, FILE *err) {
    if (o->unknown) return ent_jobs_unknown_phrases(o, out, err);
    ent_store *st = open_store(o, err);
    if (!st) return 1;
    ent_graph g;
    char msg[1300];
    if (ent_graph_get(st, o->level, o->from, o->to, &g, msg, sizeof msg)) {
        fprintf(err, "entente: %s\n", msg);
        ent_store_close(st);
        return 1;
    }
    ent_store_close(st);
    int top = o->top > 0 ? o->top : 20;
    ent_actor_stat *a = calloc((size_t)top, sizeof *a);
    int n = a ? ent_actors_rank(&g, top, a) : -1;
    if (n < 0) {
        fprintf(err, "entente: actors: out of memory\n");
        free(a);
        ent_graph_free(&g);
        return 1;
    }
    static const char *const cols[] = {"#rank",        "actor",     "#events",  "#as_source",
                                       "#as_target",   "#neutral",  "#cooperation",
                                       "#conflict",    "partners"};
    ent_table t;
    ent_table_open(&t, out, ent_jobs_table_format(o->format), 9, cols);
    ent_buf pb = {0}, js = {0};
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        ent_buf_clear(&pb);
        ent_buf_clear(&js);
        rc |= ent_buf_puts(&js, ", \"partner_list\": [");
        for (int k = 0; k < a[i].n_partners; k++) {
            const ent_partner *p = &a[i].partners[k];
            rc |= ent_buf_printf(&pb, "%s%s %ld (%ld coop, %ld conflict, %ld neutral)",
                                 k ? "; " : "", g.actors[p->actor], p->n, p->coop, p->conflict,
                                 p->neutral);
            rc |= ent_buf_puts(&js, k ? ", {\"actor\": " : "{\"actor\": ");
            rc |= ent_buf_json_str(&js, g.actors[p->actor]);
            rc |= ent_buf_printf(&js, ", \"events\": %ld, \"cooperation\": %ld, \"conflict\": %ld,"
                                      " \"neutral\": %ld}",
                                 p->n, p->coop, p->conflict, p->neutral);
        }
        rc |= ent_buf_putc(&js, ']');
        char v[7][32];
        snprintf(v[0], 32, "%d", i + 1);
        snprintf(v[1], 32, "%ld", a[i].total);
        snprintf(v[2], 32, "%ld", a[i].as_source);
        snprintf(v[3], 32, "%ld", a[i].as_target);
        snprintf(v[4], 32, "%ld", a[i].neutral);
        snprintf(v[5], 32, "%ld", a[i].coop);
        snprintf(v[6], 32, "%ld", a[i].conflict);
        const char *cells[] = {v[0], g.actors[a[i].actor], v[1], v[2], v[3], v[4], v[5], v[6],
                               pb.data ? pb.data : ""};
        if (rc) t.oom = 1;
        else ent_table_row(&t, cells, js.data);
    }
    ent_table_end(&t);
    rc = ent_jobs_table_done(&t, "the actors", err);
    ent_buf_free(&pb);
    ent_buf_free(&js);
    free(a);
    ent_graph_free(&g);
    return rc;
}
