/* job_analysis.c -- `entente dyad`, `trends`, `blocs` and `actors`: the
 * analysis results (analysis.h) as aligned tables, CSV or JSONL, and the
 * charts (plot.h).
 *
 * Design.  Each command fills one small table (column names, which
 * columns are numbers, rows of strings) and a single writer prints it in
 * the asked format: numbers right-aligned in a table, bare in JSON, so
 * the three formats cannot drift apart.  What does not fit a flat row (a
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
#include "util.h"

#define TAB_MAX 16

typedef struct tab {
    int ncol;
    const char *names[TAB_MAX];
    int numeric[TAB_MAX];
    int width[TAB_MAX];
    ent_vec rows;             /* char *[TAB_MAX + 1]: cells, then extra JSON */
    ent_arena arena;
    int oom;
} tab;

typedef struct tab_row {
    char *c[TAB_MAX + 1];
} tab_row;

/* "name" or "#name" (a number) per column. */
static void tab_init(tab *t, int ncol, const char *const *cols) {
    memset(t, 0, sizeof *t);
    t->ncol = ncol;
    for (int i = 0; i < ncol; i++) {
        t->numeric[i] = cols[i][0] == '#';
        t->names[i] = cols[i] + t->numeric[i];
        t->width[i] = (int)strlen(t->names[i]);
    }
    ent_vec_init(&t->rows, sizeof(tab_row));
    ent_arena_init(&t->arena, 1 << 15);
}

static void tab_free(tab *t) {
    ent_vec_free(&t->rows);
    ent_arena_free(&t->arena);
}

/* A row of ncol cells (NULL = empty) and an optional JSON fragment
 * (", \"key\": value...") added to its JSONL object. */
static void tab_add(tab *t, const char *const *cells, const char *json_extra) {
    tab_row *r = ent_vec_push(&t->rows);
    if (!r) {
        t->oom = 1;
        return;
    }
    for (int i = 0; i < t->ncol; i++) {
        r->c[i] = ent_arena_strdup(&t->arena, cells[i] ? cells[i] : "");
        if (!r->c[i]) {
            t->oom = 1;
            return;
        }
        int w = ent_utf8_width(r->c[i]);
        if (w > t->width[i]) t->width[i] = w;
    }
    r->c[t->ncol] = json_extra ? ent_arena_strdup(&t->arena, json_extra) : NULL;
    if (json_extra && !r->c[t->ncol]) t->oom = 1;
}

static int tab_write(tab *t, FILE *out, int format) {
    if (t->oom) return -1;
    size_t n = t->rows.len;
    if (format == ENTENTE_FMT_CSV) {
        for (int i = 0; i < t->ncol; i++) fprintf(out, "%s%s", i ? "," : "", t->names[i]);
        fputc('\n', out);
        ent_buf b = {0};
        int rc = 0;
        for (size_t r = 0; r < n && !rc; r++) {
            tab_row *row = &ENT_VEC_AT(&t->rows, tab_row, r);
            ent_buf_clear(&b);
            for (int i = 0; i < t->ncol; i++) {
                if (i) rc |= ent_buf_putc(&b, ',');
                rc |= ent_buf_csv_field(&b, row->c[i]);
            }
            rc |= ent_buf_putc(&b, '\n');
            if (!rc) fwrite(b.data, 1, b.len, out);
        }
        ent_buf_free(&b);
        return rc ? -1 : 0;
    }
    if (format == ENTENTE_FMT_JSONL) {
        ent_buf b = {0};
        int rc = 0;
        for (size_t r = 0; r < n && !rc; r++) {
            tab_row *row = &ENT_VEC_AT(&t->rows, tab_row, r);
            ent_buf_clear(&b);
            rc |= ent_buf_putc(&b, '{');
            for (int i = 0; i < t->ncol; i++) {
                /* no printf per cell: a long series has tens of thousands */
                rc |= ent_buf_puts(&b, i ? ", \"" : "\"");
                rc |= ent_buf_puts(&b, t->names[i]);
                rc |= ent_buf_puts(&b, "\": ");
                if (t->numeric[i]) rc |= ent_buf_puts(&b, row->c[i][0] ? row->c[i] : "null");
                else rc |= ent_buf_json_str(&b, row->c[i]);
            }
            if (row->c[t->ncol]) rc |= ent_buf_puts(&b, row->c[t->ncol]);
            rc |= ent_buf_puts(&b, "}\n");
            if (!rc) fwrite(b.data, 1, b.len, out);
        }
        ent_buf_free(&b);
        return rc ? -1 : 0;
    }
    for (size_t r = 0; r <= n; r++) {
        const char *const *cells =
            r == 0 ? t->names : (const char *const *)ENT_VEC_AT(&t->rows, tab_row, r - 1).c;
        for (int i = 0; i < t->ncol; i++) {
            int pad = t->width[i] - ent_utf8_width(cells[i]);
            int last = i == t->ncol - 1;
            if (t->numeric[i]) fprintf(out, "%*s%s", pad, "", cells[i]);
            else fprintf(out, "%s%*s", cells[i], last ? 0 : pad, "");
            if (!last) fputs("  ", out);
        }
        fputc('\n', out);
    }
    return 0;
}

static ent_store *open_store(const entente_analysis_opts *o, FILE *err) {
    ent_store *st = ent_jobs_open_store(o->db, o->timeout_ms, err);
    if (st && o->date_field == ENTENTE_DATE_PUBLISHED)
        ent_store_set_date_field(st, ENT_STORE_DATE_PUBLISHED);
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
    tab t;
    tab_init(&t, o->normalize ? 13 : 12, cols);
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
            tab_add(&t, cells, NULL);
        }
    int rc = 0;
    if (o->format == ENTENTE_FMT_TABLE)
        fprintf(out, "dyad %s - %s by %s: %d period%s, %d with events%s\n", d.a, d.b,
                period_name[by], d.n, d.n == 1 ? "" : "s", with_events,
                o->normalize ? "; counts as shares of all_events" : "");
    if (tab_write(&t, out, o->format)) {
        fprintf(err, "entente: dyad: out of memory\n");
        rc = 1;
    }
    if (!rc && ent_out_finish(out, 0, "the dyad's table", err) < 0) rc = 1;
    if (!rc && o->plot) {
        if (ent_plot_dyad(o->plot, &d, msg, sizeof msg)) {
            fprintf(err, "entente: %s\n", msg);
            rc = 1;
        } else {
            fprintf(err, "entente: wrote %s\n", o->plot);
        }
    }
    tab_free(&t);
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
    tab t;
    tab_init(&t, 9, cols);
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
        if (!rc) tab_add(&t, cells, js.data);
    }
    char wf[11], wt[11], bf[11];
    ent_format_date(tr.window_from, wf);
    ent_format_date(tr.window_to, wt);
    ent_format_date(tr.baseline_from, bf);
    if (o->format == ENTENTE_FMT_TABLE && !tr.window_to)
        fprintf(out, "trends: no dated events in the store\n");
    else if (o->format == ENTENTE_FMT_TABLE)
        fprintf(out,
                "trends: window %s..%s (%d days) against %d windows from %s;"
                " %ld dyad-groups with enough events\n",
                wf, wt, tr.window_days, tr.baseline, bf, tr.candidates);
    if (rc || tab_write(&t, out, o->format)) {
        fprintf(err, "entente: trends: out of memory\n");
        rc = 1;
    }
    if (!rc && o->format == ENTENTE_FMT_TABLE && tr.n) {
        fputs("\nevents behind the changes:\n", out);
        for (int i = 0; i < tr.n; i++) {
            const ent_trend *x = &tr.items[i];
            fprintf(out, "%d. %s->%s %s %s\n", i + 1, x->source, x->target,
                    x->group ? "conflict" : "cooperation", x->z >= 0 ? "up" : "down");
            for (int k = 0; k < x->n_ex; k++) {
                char date[11];
                ent_format_date(x->ex[k].date, date);
                fprintf(out, "   %s %s %s->%s %+.1f %s\n", date, x->ex[k].code, x->ex[k].source,
                        x->ex[k].target, x->ex[k].goldstein, x->ex[k].text);
            }
        }
    }
    if (!rc && ent_out_finish(out, 0, "the trends", err) < 0) rc = 1;
    ent_buf_free(&js);
    tab_free(&t);
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
    tab t;
    tab_init(&t, 5, cols);
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
        if (!rc) tab_add(&t, cells, js.data);
    }
    if (!rc && o->format == ENTENTE_FMT_TABLE) {
        int actors = 0;
        for (int i = 0; i < bl.g.n_actors; i++) actors += bl.bloc[i] >= 0;
        fprintf(out,
                "blocs: %d among %d actors and %d ties of at least %d cooperation and"
                " conflict events (weight = %s; neutral events left out; modularity %.3f)\n",
                bl.n_blocs, actors, bl.n_ties, min,
                weight == ENT_WEIGHT_COUNT ? "cooperation - conflict events" : "Goldstein sum",
                bl.modularity);
        /* a table of long lists reads badly: one block per bloc; actors
         * with no positive tie (blocs of one) on a line of their own */
        int alone = 0;
        for (size_t r = 0; r < t.rows.len; r++) {
            tab_row *row = &ENT_VEC_AT(&t.rows, tab_row, r);
            if (!strcmp(row->c[1], "1")) {
                alone++;
                continue;
            }
            fprintf(out, "\nbloc %s (%s): %s\n", row->c[0], row->c[1], row->c[2]);
            fprintf(out, "  internal: %s\n", row->c[3][0] ? row->c[3] : "-");
            fprintf(out, "  cross:    %s\n", row->c[4][0] ? row->c[4] : "-");
        }
        if (alone) {
            fprintf(out, "\nno positive tie (%d):", alone);
            for (size_t r = 0; r < t.rows.len; r++) {
                tab_row *row = &ENT_VEC_AT(&t.rows, tab_row, r);
                if (!strcmp(row->c[1], "1")) fprintf(out, " %s", row->c[2]);
            }
            fputc('\n', out);
        }
    } else if (!rc && tab_write(&t, out, o->format)) {
        rc = 1;
    }
    if (rc) {
        fprintf(err, "entente: blocs: out of memory\n");
        rc = 1;
    }
    if (!rc && ent_out_finish(out, 0, "the blocs", err) < 0) rc = 1;
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
    tab_free(&t);
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
    tab t;
    tab_init(&t, 9, cols);
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
        if (!rc) tab_add(&t, cells, js.data);
    }
    if (rc || tab_write(&t, out, o->format)) {
        fprintf(err, "entente: actors: out of memory\n");
        rc = 1;
    }
    if (!rc && ent_out_finish(out, 0, "the actors", err) < 0) rc = 1;
    ent_buf_free(&pb);
    ent_buf_free(&js);
    tab_free(&t);
    free(a);
    ent_graph_free(&g);
    return rc;
}
