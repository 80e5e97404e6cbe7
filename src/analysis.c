/* analysis.c -- dyad series, trends, actors and blocs from the event store.
 *
 * Design.  The database does the counting, C does the statistics.  Every
 * query is a GROUP BY over the events table that returns a few rows per
 * dyad and period, written in the SQL both backends share (integer
 * arithmetic on the stored YYYYMMDD `date` and day-number `day` columns,
 * CASE, count, sum) with `?` placeholders for every value; the covering
 * indexes events_dyad (src_country, tgt_country, date, quad, goldstein,
 * day) and events_date (date, day, src_country, tgt_country, quad,
 * goldstein) let SQLite and PostgreSQL answer from the index alone.  What
 * SQL does badly or differently on the two (standard deviations, ranking
 * by a derived statistic, community detection) is done here on the small
 * aggregated result, so both backends give the same numbers.
 */
#include "analysis.h"
#include "sink.h"
#include "util.h"

#include <igraph.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENT_UNKNOWN_ACTOR "---"

/* ---- Errors and dates ------------------------------------------------------ */

static int fail(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (err && cap) vsnprintf(err, cap, fmt, ap);
    va_end(ap);
    return -1;
}

static int store_fail(ent_store *s, char *err, size_t cap) {
    return fail(err, cap, "%s", ent_store_error(s));
}

static long to_long(const char *s) { return s ? atol(s) : 0; }
static double to_double(const char *s) { return s ? strtod(s, NULL) : 0.0; }

/* ---- Statements (ent_store_stmt) ---------------------------------------------- */

static int q_run(ent_store *s, const ent_store_stmt *q, ent_store_row_fn fn, void *user, char *err,
                 size_t cap) {
    int rc = ent_store_stmt_run(s, q, fn, user);
    if (rc < 0) return store_fail(s, err, cap);
    return rc;
}

static void q_dates(ent_store_stmt *q, int32_t from, int32_t to) {
    if (from > 0) {
        ent_store_stmt_sql(q, " AND e.date >= ?");
        ent_store_stmt_int(q, from);
    }
    if (to > 0) {
        ent_store_stmt_sql(q, " AND e.date <= ?");
        ent_store_stmt_int(q, to);
    }
}

/* ---- Dyad series ------------------------------------------------------------- */

static int32_t period_key(int by, int32_t date, int32_t day) {
    switch (by) {
    case ENT_PERIOD_DAY: return date;
    case ENT_PERIOD_WEEK: return (day + 3) / 7;   /* weeks from Monday */
    case ENT_PERIOD_MONTH: return date / 100;
    case ENT_PERIOD_YEAR: return date / 10000;
    default: return (date / 10000) * 10 + ((date / 100) % 100 + 2) / 3;
    }
}

/* The first day of period `key`, as days since 1970. */
static int32_t period_first_day(int by, int32_t key) {
    switch (by) {
    case ENT_PERIOD_DAY: return ent_store_day(key);
    case ENT_PERIOD_WEEK: return key * 7 - 3;
    case ENT_PERIOD_MONTH: return ent_store_day(key * 100 + 1);
    case ENT_PERIOD_YEAR: return ent_store_day(key * 10000 + 101);
    default: return ent_store_day((key / 10) * 10000 + ((key % 10 - 1) * 3 + 1) * 100 + 1);
    }
}

/* The period after `key`: the series lists every period between its ends,
 * so that an empty one is a zero and not a gap the reader cannot see. */
static int32_t period_next(int by, int32_t key) {
    switch (by) {
    case ENT_PERIOD_DAY: return ent_store_date(ent_store_day(key) + 1);
    case ENT_PERIOD_MONTH: return key % 100 >= 12 ? (key / 100 + 1) * 100 + 1 : key + 1;
    case ENT_PERIOD_QUARTER: return key % 10 >= 4 ? (key / 10 + 1) * 10 + 1 : key + 1;
    default: return key + 1;   /* week, year */
    }
}

static void period_label(int by, int32_t key, char out[16]) {
    char d[11];
    switch (by) {
    case ENT_PERIOD_DAY: ent_format_date(key, d), snprintf(out, 16, "%s", d); break;
    case ENT_PERIOD_WEEK:
        ent_format_date(ent_store_date(key * 7 - 3), d);
        snprintf(out, 16, "%s", d);
        break;
    case ENT_PERIOD_MONTH: snprintf(out, 16, "%04d-%02d", (int)(key / 100), (int)(key % 100)); break;
    case ENT_PERIOD_YEAR: snprintf(out, 16, "%04d", (int)key); break;
    default: snprintf(out, 16, "%04dQ%d", (int)(key / 10), (int)(key % 10)); break;
    }
}

/* One row of the query: a direction, a date, a quad and their sums. */
typedef struct dyad_part {
    int32_t key;
    int dir, quad;
    long count, neutral;
    double gsum;
} dyad_part;

typedef struct dyad_ctx {
    dyad_part *p;
    int n, cap;
    int by;
    int raw;                  /* rows carry dates (SQLite), not periods (PostgreSQL) */
    int oom;
} dyad_ctx;

/* The period of an event in SQL, for PostgreSQL (see ent_dyad_series_get). */
static const char *const bucket_sql[5] = {
    "e.date",                                                       /* day */
    "(e.day + 3) / 7",                                              /* week from Monday */
    "e.date / 100",                                                 /* month */
    "(e.date / 10000) * 10 + ((e.date / 100) % 100 + 2) / 3",       /* quarter */
    "e.date / 10000",                                               /* year */
};

static int dyad_row(void *user, int n, const char *const *c) {
    dyad_ctx *x = user;
    if (n < 6 || !c[0] || !c[1] || !c[2]) return 0;
    if (x->n == x->cap) {
        int cap = x->cap ? x->cap * 2 : 1024;
        dyad_part *np = realloc(x->p, (size_t)cap * sizeof *np);
        if (!np) return x->oom = 1;
        x->p = np;
        x->cap = cap;
    }
    dyad_part *p = &x->p[x->n++];
    p->dir = atoi(c[0]) ? 1 : 0;
    int32_t v = (int32_t)atol(c[1]);
    p->key = x->raw ? period_key(x->by, v, x->by == ENT_PERIOD_WEEK ? ent_store_day(v) : 0) : v;
    p->quad = atoi(c[2]);
    p->count = to_long(c[3]);
    p->gsum = to_double(c[4]);
    p->neutral = to_long(c[5]);
    return 0;
}

/* Two statements read at once: the first on the caller's handle, the
 * second on a handle of its own in a thread, opened there so that the
 * connection is made while the first runs.  On two cores this nearly
 * halves a long read (a busy dyad's two directions, the graph's two
 * halves); when no thread or no second handle can be had, the second
 * runs after the first on the caller's handle. */
typedef struct q_part {
    ent_store_stmt q;
    ent_store *s;
    ent_store *own;           /* opened by the thread, on the store of s */
    ent_store_row_fn fn;
    void *user;
    int rc;
    char err[1300];
} q_part;

static void *q_part_main(void *arg) {
    q_part *d = arg;
    d->rc = q_run(d->s, &d->q, d->fn, d->user, d->err, sizeof d->err);
    return NULL;
}

static void *q_part_own_main(void *arg) {
    q_part *d = arg;
    d->own = ent_store_reopen(d->s, d->err, sizeof d->err);
    if (!d->own) {
        d->rc = -1;
        return NULL;
    }
    d->s = d->own;
    return q_part_main(d);
}

/* Run p[0] and p[1] (their q, fn and user set) on s; 0, or -1 with the
 * first failure's message. */
static int q_run_pair(ent_store *s, q_part p[2], char *err, size_t errcap) {
    for (int i = 0; i < 2; i++) {
        p[i].s = s;
        p[i].own = NULL;
        p[i].rc = 0;
        p[i].err[0] = '\0';
    }
    pthread_t tid;
    int threaded = pthread_create(&tid, NULL, q_part_own_main, &p[1]) == 0;
    q_part_main(&p[0]);
    if (threaded) pthread_join(tid, NULL);
    if (p[1].own) ent_store_close(p[1].own);
    if (!threaded || !p[1].own) {   /* nothing of p[1] ran: in turn */
        p[1].s = s;
        p[1].rc = 0;
        q_part_main(&p[1]);
    }
    for (int i = 0; i < 2; i++)
        if (p[i].rc) return fail(err, errcap, "%s", p[i].err);
    return 0;
}

static int cmp_part(const void *a, const void *b) {
    int32_t x = ((const dyad_part *)a)->key, y = ((const dyad_part *)b)->key;
    return (x > y) - (x < y);
}

/* The row of period `key` in d (rows are in key order), or NULL. */
static ent_dyad_row *dyad_find(ent_dyad_series *d, int32_t key) {
    int lo = 0, hi = d->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (d->rows[mid].key == key) return &d->rows[mid];
        if (d->rows[mid].key < key) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}

/* A series has a row per period, and a day series over decades is
 * still small; more than this is a mistaken range, refused. */
#define DYAD_MAX_PERIODS 200000

/* out->rows: every period from `first` to `last` (keys), zeroed. */
static int dyad_periods(ent_dyad_series *out, int by, int32_t first, int32_t last, char *err,
                        size_t errcap) {
    int n = 0;
    for (int32_t k = first; k <= last; k = period_next(by, k))
        if (++n > DYAD_MAX_PERIODS)
            return fail(err, errcap, "dyad: more than %d periods; narrow --from/--to or --by",
                        DYAD_MAX_PERIODS);
    out->rows = calloc((size_t)n + 1, sizeof *out->rows);
    if (!out->rows) return fail(err, errcap, "dyad: out of memory");
    for (int32_t k = first; k <= last; k = period_next(by, k)) {
        ent_dyad_row *r = &out->rows[out->n++];
        r->key = k;
        r->first_day = period_first_day(by, k);
        r->all = -1;
        period_label(by, k, r->label);
    }
    return 0;
}

typedef struct all_ctx {
    ent_dyad_series *d;
} all_ctx;

static int all_row(void *user, int n, const char *const *c) {
    all_ctx *x = user;
    if (n < 2 || !c[0]) return 0;
    int32_t date = (int32_t)atol(c[0]);
    ent_dyad_row *r = dyad_find(x->d, period_key(x->d->by, date, ent_store_day(date)));
    if (r) r->all += to_long(c[1]);
    return 0;
}

/* Every stored event of each period of d, the volume of news that a
 * share is taken of.  Grouped by date, an order both backends read from
 * events_date without sorting; the periods are made here. */
static int dyad_all(ent_store *s, ent_dyad_series *d, char *err, size_t errcap) {
    if (!d->n) return 0;
    for (int i = 0; i < d->n; i++) d->rows[i].all = 0;
    int32_t last_day = period_first_day(d->by, period_next(d->by, d->rows[d->n - 1].key)) - 1;
    ent_store_stmt q = {.len = 0};
    ent_store_stmt_sql(&q, "SELECT e.date, count(*) FROM events e WHERE e.date >= ?"
                           " AND e.date <= ? GROUP BY e.date");
    ent_store_stmt_int(&q, ent_store_date(d->rows[0].first_day));
    ent_store_stmt_int(&q, ent_store_date(last_day));
    all_ctx x = {d};
    return q_run(s, &q, all_row, &x, err, errcap);
}

int ent_dyad_series_get(ent_store *s, const char *a, const char *b, int by, int32_t from,
                        int32_t to, int all, ent_dyad_series *out, char *err, size_t errcap) {
    memset(out, 0, sizeof *out);
    if (!a || !*a || !b || !*b) return fail(err, errcap, "dyad: two actor codes are needed");
    if (by < ENT_PERIOD_DAY || by > ENT_PERIOD_YEAR) return fail(err, errcap, "dyad: bad period");
    ent_upper(out->a, sizeof out->a, a, strlen(a));
    ent_upper(out->b, sizeof out->b, b, strlen(b));
    out->by = by;
    /* One index range per direction, each a plain range scan.  For two
     * countries on SQLite, the range is of dyad_days, the counts per day
     * and quad that ingest keeps for this query: a fifth of the rows of a
     * busy dyad's events, few enough to group by period in SQL.  On the
     * events, SQLite groups by sorting but hands rows out cheaply: it
     * groups by date and quad, events_dyad's own order, so it streams
     * without a sort, and the periods are made here from the dates;
     * PostgreSQL hashes groups cheaply but pays for every row it returns,
     * so it groups by period.  The two directions are read at once, the
     * second on its own handle and thread, which nearly halves the time of
     * a busy dyad on two cores; one after the other if that cannot be.
     * Neutral events are counted inside each group (not grouped apart),
     * so the groups keep the index's order.  Undated events (date 0) are
     * in no period. */
    int days = ent_store_has_dyad_days(s) && strlen(a) == 3 && strlen(b) == 3;
    int raw = ent_store_kind(s) == ENT_STORE_SQLITE && !days;
    q_part d[2];
    dyad_ctx dx[2];
    for (int dir = 0; dir < 2; dir++) {
        ent_store_stmt *q = &d[dir].q;
        q->len = 0, q->n = 0, q->overflow = 0;
        ent_store_stmt_sql(q, dir ? "SELECT 1, " : "SELECT 0, ");
        ent_store_stmt_sql(q, raw ? "e.date" : bucket_sql[by]);
        if (days && ent_store_counting(s) == ENT_STORE_COUNT_HAPPENINGS) {
            ent_store_stmt_sql(q, ", e.quad, sum(e.leads), sum(e.lead_gsum),"
                                  " sum(CASE WHEN e.neutral = 1 THEN e.leads ELSE 0 END)"
                                  " FROM dyad_days e WHERE e.leads > 0 AND ");
        } else if (days) {
            ent_store_stmt_sql(q, ", e.quad, sum(e.n), sum(e.gsum),"
                                  " sum(CASE WHEN e.neutral = 1 THEN e.n ELSE 0 END)"
                                  " FROM dyad_days e WHERE e.n > 0 AND ");
        } else {
            ent_store_stmt_sql(q, ", e.quad, count(*), sum(e.goldstein), sum(CASE WHEN ");
            ent_store_stmt_neutral(q);
            ent_store_stmt_sql(q, " THEN 1 ELSE 0 END) FROM events e WHERE ");
        }
        ent_store_stmt_actor(q, 0, dir ? b : a);
        ent_store_stmt_sql(q, " AND ");
        ent_store_stmt_actor(q, 1, dir ? a : b);
        q_dates(q, from > 0 ? from : 1, to);
        ent_store_stmt_sql(q, raw ? " GROUP BY e.date, e.quad" : " GROUP BY 2, e.quad");
        dx[dir] = (dyad_ctx){.by = by, .raw = raw};
        d[dir].fn = dyad_row;
        d[dir].user = &dx[dir];
    }
    int rc = q_run_pair(s, d, err, errcap);
    /* the two directions' rows, one array */
    dyad_ctx x = dx[0];
    if (!rc && !x.oom && !dx[1].oom && dx[1].n) {
        if (x.cap < x.n + dx[1].n) {
            dyad_part *np = realloc(x.p, (size_t)(x.n + dx[1].n) * sizeof *np);
            if (!np) x.oom = 1;
            else x.p = np, x.cap = x.n + dx[1].n;
        }
        if (!x.oom) memcpy(x.p + x.n, dx[1].p, (size_t)dx[1].n * sizeof *x.p), x.n += dx[1].n;
    }
    if (dx[1].oom) x.oom = 1;
    free(dx[1].p);
    if (!rc && x.oom) rc = fail(err, errcap, "dyad: out of memory");
    if (!rc && x.n) qsort(x.p, (size_t)x.n, sizeof *x.p, cmp_part);
    /* the periods: from --from (or the first with events) to --to (or the
     * last with events) */
    int32_t first = from > 0 ? period_key(by, from, ent_store_day(from)) : x.n ? x.p[0].key : 0;
    int32_t last = to > 0 ? period_key(by, to, ent_store_day(to)) : x.n ? x.p[x.n - 1].key : 0;
    if (!rc && (x.n || (from > 0 && to > 0)) && first <= last)
        rc = dyad_periods(out, by, first, last, err, errcap);
    for (int i = 0; !rc && i < x.n; i++) {
        ent_dyad_row *r = dyad_find(out, x.p[i].key);
        if (!r) continue;
        const dyad_part *p = &x.p[i];
        for (int k = 0; k < 2; k++) {
            ent_dyad_cell *cell = &r->dir[k == 0 ? p->dir : 2];
            if (p->quad >= 1 && p->quad <= 4) cell->count[p->quad - 1] += p->count;
            cell->n += p->count;
            cell->neutral += p->neutral;
            if (p->quad <= 2) cell->coop += p->count - p->neutral;
            else cell->conflict += p->count - p->neutral;
            cell->gsum += p->gsum;
        }
    }
    free(x.p);
    if (!rc && all) rc = dyad_all(s, out, err, errcap);
    if (rc) {
        ent_dyad_series_free(out);
        return -1;
    }
    return 0;
}

void ent_dyad_series_free(ent_dyad_series *d) {
    free(d->rows);
    d->rows = NULL;
    d->n = 0;
}

/* ---- Trends -------------------------------------------------------------------- */

typedef struct tcell {
    char source[8], target[8];
    long count[3][65];        /* [group][window 0..baseline]; group 2: neutral */
} tcell;

typedef struct trend_ctx {
    tcell *cells;
    int n, cap;
    int baseline;
    int oom;
} trend_ctx;

/* Rows come ordered by dyad, so a dyad's rows are adjacent. */
static int trend_row(void *user, int n, const char *const *c) {
    trend_ctx *x = user;
    if (n < 6 || !c[0] || !c[1] || !c[2]) return 0;
    int w = atoi(c[2]);
    if (w < 0 || w > x->baseline) return 0;
    tcell *t = x->n ? &x->cells[x->n - 1] : NULL;
    if (!t || strcmp(t->source, c[0]) || strcmp(t->target, c[1])) {
        if (x->n == x->cap) {
            int cap = x->cap ? x->cap * 2 : 256;
            tcell *nc = realloc(x->cells, (size_t)cap * sizeof *nc);
            if (!nc) return x->oom = 1;
            x->cells = nc;
            x->cap = cap;
        }
        t = &x->cells[x->n++];
        memset(t, 0, sizeof *t);
        snprintf(t->source, sizeof t->source, "%s", c[0]);
        snprintf(t->target, sizeof t->target, "%s", c[1]);
    }
    t->count[0][w] += to_long(c[3]) - to_long(c[5]);
    t->count[1][w] += to_long(c[4]);
    t->count[2][w] += to_long(c[5]);
    return 0;
}

static int latest_row(void *user, int n, const char *const *c) {
    *(int32_t *)user = n > 0 && c[0] ? (int32_t)atol(c[0]) : 0;
    return 0;
}

static int cmp_trend(const void *a, const void *b) {
    const ent_trend *x = a, *y = b;
    double zx = fabs(x->z), zy = fabs(y->z);
    if (zx != zy) return zx < zy ? 1 : -1;
    if (x->current != y->current) return x->current < y->current ? 1 : -1;
    int c = strcmp(x->source, y->source);
    if (c) return c;
    c = strcmp(x->target, y->target);
    return c ? c : x->group - y->group;
}

/* Cut s to at most cap-1 bytes without splitting a UTF-8 character. */
static void cut_utf8(char *out, size_t cap, const char *s) {
    size_t n = strlen(s);
    if (n >= cap) {
        n = cap - 4;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
        memcpy(out, s, n);
        memcpy(out + n, "...", 4);
    } else {
        memcpy(out, s, n + 1);
    }
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
}

static int example_row(void *user, int n, const char *const *c) {
    ent_trend *t = user;
    if (n < 7 || t->n_ex >= 3) return 0;
    ent_trend_example *e = &t->ex[t->n_ex++];
    snprintf(e->doc, sizeof e->doc, "%s", c[0] ? c[0] : "");
    e->date = (int32_t)to_long(c[1]);
    snprintf(e->source, sizeof e->source, "%s", c[2] ? c[2] : "");
    snprintf(e->target, sizeof e->target, "%s", c[3] ? c[3] : "");
    snprintf(e->code, sizeof e->code, "%s", c[4] ? c[4] : "");
    e->goldstein = to_double(c[5]);
    cut_utf8(e->text, sizeof e->text, c[6] ? c[6] : "");
    return 0;
}

static int trend_examples(ent_store *s, ent_trend *t, int32_t from, int32_t to, char *err,
                          size_t cap) {
    ent_store_stmt q = {.len = 0};
    ent_store_stmt_sql(&q, "SELECT d.id, e.date, e.source, e.target, e.code, e.goldstein, sn.text"
                           " FROM events e JOIN documents d ON d.key = e.doc"
                           " LEFT JOIN sentences sn ON sn.doc = e.doc AND sn.idx = e.sent"
                           " WHERE e.src_country = ? AND e.tgt_country = ?"
                           " AND e.date >= ? AND e.date <= ?"
                           " AND e.quad >= ? AND e.quad <= ? AND NOT ");
    ent_store_stmt_text(&q, t->source);
    ent_store_stmt_text(&q, t->target);
    ent_store_stmt_int(&q, from);
    ent_store_stmt_int(&q, to);
    ent_store_stmt_int(&q, t->group ? 3 : 1);
    ent_store_stmt_int(&q, t->group ? 4 : 2);
    ent_store_stmt_neutral(&q);   /* the events the count is of */
    ent_store_stmt_sql(&q, " ORDER BY abs(e.goldstein) DESC, e.date DESC, d.id, e.sent, e.n"
                           " LIMIT 3");
    t->n_ex = 0;
    return q_run(s, &q, example_row, t, err, cap);
}

int ent_trends_get(ent_store *s, const ent_trend_opts *o, ent_trends *out, char *err,
                   size_t errcap) {
    memset(out, 0, sizeof *out);
    int W = o->window_days > 0 ? o->window_days : 7;
    int B = o->baseline > 0 ? o->baseline : 12;
    int min = o->min_events > 0 ? o->min_events : 5;
    int top = o->top > 0 ? o->top : 20;
    if (B < 2 || B > 64) return fail(err, errcap, "trends: --baseline wants 2..64 windows");
    if (W > 3660) return fail(err, errcap, "trends: --window wants at most 3660 days");
    int32_t end = o->end;
    if (end <= 0) {
        ent_store_stmt q = {.len = 0};
        ent_store_stmt_sql(&q, "SELECT max(e.date) FROM events e WHERE e.date > ?");
        ent_store_stmt_int(&q, 0);
        if (q_run(s, &q, latest_row, &end, err, errcap)) return -1;
        if (end <= 0) return 0;   /* no dated events: no trends */
    }
    int32_t end_day = ent_store_day(end);
    int32_t first_day = end_day - (int32_t)(B + 1) * W + 1;
    out->window_days = W;
    out->baseline = B;
    out->window_to = end;
    out->window_from = ent_store_date(end_day - W + 1);
    out->baseline_from = ent_store_date(first_day);

    /* window index w = (end_day - day) / W; the date range selects the
     * index range, the day arithmetic the window */
    ent_store_stmt q = {.len = 0};
    /* neutral events are counted (for the table) but are in neither
     * group: a burst of statements is no change in relations.  Their
     * roots are of quad 1 (CAMEO's QuadClass is the root's), so they are
     * counted once and taken off cooperation in trend_row */
    ent_store_stmt_sql(&q, "SELECT e.src_country, e.tgt_country, (? - e.day) / ?,"
                           " sum(CASE WHEN e.quad <= 2 THEN 1 ELSE 0 END),"
                           " sum(CASE WHEN e.quad >= 3 THEN 1 ELSE 0 END), sum(CASE WHEN ");
    ent_store_stmt_int(&q, end_day);
    ent_store_stmt_int(&q, W);
    ent_store_stmt_neutral(&q);
    ent_store_stmt_sql(&q, " THEN 1 ELSE 0 END)"
                           " FROM events e WHERE e.date >= ? AND e.date <= ?"
                           " AND e.src_country <> e.tgt_country AND e.src_country <> ?"
                           " AND e.tgt_country <> ?"
                           " GROUP BY e.src_country, e.tgt_country, 3 ORDER BY 1, 2");
    ent_store_stmt_int(&q, out->baseline_from);
    ent_store_stmt_int(&q, end);
    ent_store_stmt_text(&q, ENT_UNKNOWN_ACTOR);
    ent_store_stmt_text(&q, ENT_UNKNOWN_ACTOR);
    trend_ctx x = {.baseline = B};
    if (q_run(s, &q, trend_row, &x, err, errcap)) {
        free(x.cells);
        return -1;
    }
    if (x.oom) {
        free(x.cells);
        return fail(err, errcap, "trends: out of memory");
    }
    /* the statistic, per dyad and group */
    ent_trend *all = NULL;
    int n_all = 0, cap_all = 0;
    for (int i = 0; i < x.n; i++) {
        for (int g = 0; g < 2; g++) {
            const long *c = x.cells[i].count[g];
            double mu = 0, ss = 0;
            for (int k = 1; k <= B; k++) mu += (double)c[k];
            mu /= B;
            for (int k = 1; k <= B; k++) ss += ((double)c[k] - mu) * ((double)c[k] - mu);
            double sd = sqrt(ss / (B - 1));
            if ((double)c[0] < min && mu < min) continue;
            double floor_sd = sqrt(mu > 1 ? mu : 1);
            double z = ((double)c[0] - mu) / (sd > floor_sd ? sd : floor_sd);
            if (n_all == cap_all) {
                int cap = cap_all ? cap_all * 2 : 64;
                ent_trend *na = realloc(all, (size_t)cap * sizeof *na);
                if (!na) {
                    free(all);
                    free(x.cells);
                    return fail(err, errcap, "trends: out of memory");
                }
                all = na;
                cap_all = cap;
            }
            ent_trend *t = &all[n_all++];
            memset(t, 0, sizeof *t);
            memcpy(t->source, x.cells[i].source, sizeof t->source);
            memcpy(t->target, x.cells[i].target, sizeof t->target);
            t->group = g;
            t->current = c[0];
            t->neutral = x.cells[i].count[2][0];
            t->mean = mu;
            t->sd = sd;
            t->z = z;
            for (int k = 1; k <= B; k++) t->history[k - 1] = c[k];
        }
    }
    free(x.cells);
    out->candidates = n_all;
    if (n_all > 1) qsort(all, (size_t)n_all, sizeof *all, cmp_trend);
    out->items = all;
    out->n = n_all < top ? n_all : top;
    for (int i = 0; i < out->n; i++)
        if (trend_examples(s, &all[i], out->window_from, out->window_to, err, errcap)) {
            ent_trends_free(out);
            return -1;
        }
    return 0;
}

void ent_trends_free(ent_trends *t) {
    free(t->items);
    t->items = NULL;
    t->n = 0;
}

/* ---- The relations graph -------------------------------------------------------- */

typedef struct graph_ctx {
    ent_graph *g;
    int cap_edges, cap_actors;
    int oom;
} graph_ctx;

static int find_actor(const ent_graph *g, const char *code) {
    int lo = 0, hi = g->n_actors - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(g->actors[mid], code);
        if (!c) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    return -1;
}

/* Rows (a, b, events, cooperation, neutral, Goldstein sum of the events
 * not neutral), one per pair, kept with the actor names; actors are
 * numbered after sorting. */
typedef struct raw_edge {
    char a[32], b[32];
    long n, coop, neutral;
    double gsum;
} raw_edge;

typedef struct raw_ctx {
    raw_edge *e;
    int n, cap;
    int oom;
} raw_ctx;

/* The coder's placeholder for an actor it could not name: not an actor
 * of the graph or of trends. */
static int unknown_actor(const char *code) {
    return !*code || !strncmp(code, ENT_UNKNOWN_ACTOR, 3);
}

static int raw_row(void *user, int n, const char *const *c) {
    raw_ctx *x = user;
    if (n < 6 || !c[0] || !c[1] || unknown_actor(c[0]) || unknown_actor(c[1]) ||
        !strcmp(c[0], c[1]))
        return 0;
    if (x->n == x->cap) {
        int cap = x->cap ? x->cap * 2 : 1024;
        raw_edge *ne = realloc(x->e, (size_t)cap * sizeof *ne);
        if (!ne) return x->oom = 1;
        x->e = ne;
        x->cap = cap;
    }
    raw_edge *r = &x->e[x->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->a, sizeof r->a, "%s", c[0]);
    snprintf(r->b, sizeof r->b, "%s", c[1]);
    r->n = to_long(c[2]);
    r->coop = to_long(c[3]);
    r->neutral = to_long(c[4]);
    r->gsum = to_double(c[5]);
    return 0;
}

static int cmp_code(const void *a, const void *b) { return strcmp(a, b); }

/* SQLite reads the graph in two halves at once (q_run_pair), split by
 * source country at this code: country codes before and after it carry
 * about as many events in news (and in the bench's store). */
#define GRAPH_SPLIT "M"

/* The graph's statement.  `half`: -1 all sources, 0 those before
 * GRAPH_SPLIT, 1 the rest. */
static void graph_stmt(ent_store_stmt *q, int level, int32_t from, int32_t to, int half) {
    const char *sa = level == ENT_LEVEL_FULL ? "e.source" : "e.src_country";
    const char *ta = level == ENT_LEVEL_FULL ? "e.target" : "e.tgt_country";
    q->len = 0, q->n = 0, q->overflow = 0;
    ent_store_stmt_sql(q, "SELECT ");
    ent_store_stmt_sql(q, sa);
    ent_store_stmt_sql(q, ", ");
    ent_store_stmt_sql(q, ta);
    /* one row per pair: grouped by the leading columns of events_dyad,
     * the country level needs no sort.  Each aggregate costs a sizeable
     * share of a scan of every event, the test of a neutral root more
     * than most; grouping by neutrality too would test it once, but
     * costs SQLite a sort of every event and PostgreSQL more hashing
     * than it saves (measured on the bench store).  Cooperation is
     * counted with the neutral events (quad 1 in CAMEO) and they are
     * taken off in ent_graph_get. */
    ent_store_stmt_sql(q, ", count(*), sum(CASE WHEN e.quad <= 2 THEN 1 ELSE 0 END),"
                          " sum(CASE WHEN ");
    ent_store_stmt_neutral(q);
    ent_store_stmt_sql(q, " THEN 1 ELSE 0 END), sum(CASE WHEN ");
    ent_store_stmt_neutral(q);
    ent_store_stmt_sql(q, " THEN 0 ELSE e.goldstein END) FROM events e WHERE 1 = 1");
    if (half >= 0) {
        ent_store_stmt_sql(q, half ? " AND e.src_country >= ?" : " AND e.src_country < ?");
        ent_store_stmt_text(q, GRAPH_SPLIT);
    }
    q_dates(q, from, to);
    ent_store_stmt_sql(q, " GROUP BY 1, 2");
}

int ent_graph_get(ent_store *s, int level, int32_t from, int32_t to, ent_graph *out, char *err,
                  size_t errcap) {
    memset(out, 0, sizeof *out);
    out->level = level;
    raw_ctx x = {0};
    int rc;
    if (ent_store_kind(s) == ENT_STORE_SQLITE) {
        q_part p[2];
        raw_ctx half = {0};
        for (int i = 0; i < 2; i++) {
            graph_stmt(&p[i].q, level, from, to, i);
            p[i].fn = raw_row;
            p[i].user = i ? (void *)&half : (void *)&x;
        }
        rc = q_run_pair(s, p, err, errcap);
        if (!rc && !x.oom && !half.oom && half.n) {   /* the halves' rows, one array */
            raw_edge *ne = realloc(x.e, (size_t)(x.n + half.n) * sizeof *ne);
            if (!ne) x.oom = 1;
            else memcpy(ne + x.n, half.e, (size_t)half.n * sizeof *ne), x.e = ne, x.n += half.n;
        }
        if (half.oom) x.oom = 1;
        free(half.e);
    } else {
        /* PostgreSQL scans in parallel already: two halves on two
         * connections were no faster */
        ent_store_stmt q;
        graph_stmt(&q, level, from, to, -1);
        rc = q_run(s, &q, raw_row, &x, err, errcap);
    }
    if (rc || x.oom) {
        free(x.e);
        return x.oom ? fail(err, errcap, "graph: out of memory") : -1;
    }
    /* actors: every code seen, sorted, unique */
    char (*codes)[32] = malloc((size_t)(2 * x.n + 1) * sizeof *codes);
    out->edges = malloc((size_t)(x.n + 1) * sizeof *out->edges);
    if (!codes || !out->edges) {
        free(codes);
        free(x.e);
        ent_graph_free(out);
        return fail(err, errcap, "graph: out of memory");
    }
    int nc = 0;
    for (int i = 0; i < x.n; i++) {
        memcpy(codes[nc++], x.e[i].a, 32);
        memcpy(codes[nc++], x.e[i].b, 32);
    }
    qsort(codes, (size_t)nc, sizeof *codes, cmp_code);
    int u = 0;
    for (int i = 0; i < nc; i++)
        if (!u || strcmp(codes[u - 1], codes[i])) memmove(codes[u++], codes[i], 32);
    out->actors = codes;
    out->n_actors = u;
    for (int i = 0; i < x.n; i++) {
        ent_edge *e = &out->edges[out->n_edges++];
        e->a = find_actor(out, x.e[i].a);
        e->b = find_actor(out, x.e[i].b);
        e->n = x.e[i].n;
        e->neutral = x.e[i].neutral;
        e->coop = x.e[i].coop - x.e[i].neutral;
        e->conflict = x.e[i].n - x.e[i].coop;
        e->gsum = x.e[i].gsum;
    }
    free(x.e);
    return 0;
}

void ent_graph_free(ent_graph *g) {
    free(g->actors);
    free(g->edges);
    g->actors = NULL;
    g->edges = NULL;
    g->n_actors = g->n_edges = 0;
}

/* ---- Actors ---------------------------------------------------------------------- */

static int cmp_actor_stat(const void *a, const void *b) {
    const ent_actor_stat *x = a, *y = b;
    if (x->total != y->total) return x->total < y->total ? 1 : -1;
    return x->actor - y->actor;   /* actors are numbered in code order */
}

int ent_actors_rank(const ent_graph *g, int top, ent_actor_stat *out) {
    if (top <= 0 || g->n_actors == 0) return 0;
    ent_actor_stat *all = calloc((size_t)g->n_actors, sizeof *all);
    if (!all) return -1;
    for (int i = 0; i < g->n_actors; i++) all[i].actor = i;
    for (int i = 0; i < g->n_edges; i++) {
        const ent_edge *e = &g->edges[i];
        for (int side = 0; side < 2; side++) {
            ent_actor_stat *a = &all[side ? e->b : e->a];
            if (side) a->as_target += e->n;
            else a->as_source += e->n;
            a->total += e->n;
            a->neutral += e->neutral;
            a->coop += e->coop;
            a->conflict += e->conflict;
        }
    }
    qsort(all, (size_t)g->n_actors, sizeof *all, cmp_actor_stat);
    int n = top < g->n_actors ? top : g->n_actors;
    /* partners of the top actors: one pass over the edges per actor
     * (top is small, the edge list is aggregated) */
    ent_partner *p = calloc((size_t)g->n_actors, sizeof *p);
    if (!p) {
        free(all);
        return -1;
    }
    for (int k = 0; k < n; k++) {
        ent_actor_stat *a = &all[k];
        for (int i = 0; i < g->n_actors; i++) p[i] = (ent_partner){.actor = i};
        for (int i = 0; i < g->n_edges; i++) {
            const ent_edge *e = &g->edges[i];
            int other = e->a == a->actor ? e->b : e->b == a->actor ? e->a : -1;
            if (other < 0) continue;
            p[other].n += e->n;
            p[other].neutral += e->neutral;
            p[other].coop += e->coop;
            p[other].conflict += e->conflict;
        }
        a->n_partners = 0;
        for (int i = 0; i < g->n_actors; i++) {
            if (!p[i].n) continue;
            /* insertion into the top three: most events, then code order */
            int j = a->n_partners < 3 ? a->n_partners++ : 3;
            if (j == 3 && p[i].n <= a->partners[2].n) continue;
            if (j == 3) j = 2;
            while (j > 0 && a->partners[j - 1].n < p[i].n) {
                a->partners[j] = a->partners[j - 1];
                j--;
            }
            a->partners[j] = p[i];
        }
        out[k] = *a;
    }
    free(p);
    free(all);
    return n;
}

/* ---- Blocs ------------------------------------------------------------------------- */

static int cmp_tie(const void *a, const void *b) {
    const ent_tie *x = a, *y = b;
    double wx = fabs(x->w), wy = fabs(y->w);
    if (wx != wy) return wx < wy ? 1 : -1;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    if (x->a != y->a) return x->a - y->a;
    return x->b - y->b;
}

static int cmp_pair(const void *a, const void *b) {
    const ent_tie *x = a, *y = b;
    return x->a != y->a ? x->a - y->a : x->b - y->b;
}

/* Undirected pairs from the directed edges (both directions summed):
 * each edge as (low, high), sorted, adjacent ones merged; a pair is kept
 * with min_events cooperation and conflict events (neutral ones do not
 * make a tie). */
static int make_ties(ent_blocs *b, int min_events) {
    const ent_graph *g = &b->g;
    ent_tie *t = calloc((size_t)g->n_edges + 1, sizeof *t);
    if (!t) return -1;
    for (int i = 0; i < g->n_edges; i++) {
        const ent_edge *e = &g->edges[i];
        t[i] = (ent_tie){.a = e->a < e->b ? e->a : e->b, .b = e->a < e->b ? e->b : e->a,
                         .n = e->n, .neutral = e->neutral, .coop = e->coop,
                         .conflict = e->conflict, .gsum = e->gsum};
    }
    qsort(t, (size_t)g->n_edges, sizeof *t, cmp_pair);
    int n = 0;
    for (int i = 0; i < g->n_edges; i++) {
        if (n && t[n - 1].a == t[i].a && t[n - 1].b == t[i].b) {
            t[n - 1].n += t[i].n;
            t[n - 1].neutral += t[i].neutral;
            t[n - 1].coop += t[i].coop;
            t[n - 1].conflict += t[i].conflict;
            t[n - 1].gsum += t[i].gsum;
        } else {
            t[n++] = t[i];
        }
    }
    int kept = 0;
    for (int k = 0; k < n; k++) {
        if (t[k].coop + t[k].conflict < min_events) continue;
        t[k].w = b->weight == ENT_WEIGHT_COUNT ? (double)(t[k].coop - t[k].conflict) : t[k].gsum;
        t[kept++] = t[k];
    }
    qsort(t, (size_t)kept, sizeof *t, cmp_tie);
    b->ties = t;
    b->n_ties = kept;
    return 0;
}

typedef struct bloc_size {
    int bloc;
    long size, activity;
    int first;                /* lowest actor index, for a stable order */
} bloc_size;

static int cmp_bloc_size(const void *a, const void *b) {
    const bloc_size *x = a, *y = b;
    if (x->size != y->size) return x->size < y->size ? 1 : -1;
    if (x->activity != y->activity) return x->activity < y->activity ? 1 : -1;
    return x->first - y->first;
}

/* Greedy modularity on the positive ties; membership written to b->bloc
 * (raw community ids, renumbered by the caller). */
static int detect(ent_blocs *b, char *err, size_t cap) {
    int nv = b->g.n_actors;
    igraph_vector_int_t edges;
    igraph_vector_t weights;
    igraph_t graph;
    igraph_matrix_int_t merges;
    igraph_vector_t modularity;
    igraph_vector_int_t membership;
    int rc = -1, have_graph = 0;
    if (igraph_vector_int_init(&edges, 0)) return fail(err, cap, "blocs: out of memory");
    if (igraph_vector_init(&weights, 0)) {
        igraph_vector_int_destroy(&edges);
        return fail(err, cap, "blocs: out of memory");
    }
    igraph_matrix_int_init(&merges, 0, 0);
    igraph_vector_init(&modularity, 0);
    igraph_vector_int_init(&membership, 0);
    for (int i = 0; i < b->n_ties; i++) {
        if (b->ties[i].w <= 0) continue;
        if (igraph_vector_int_push_back(&edges, b->ties[i].a) ||
            igraph_vector_int_push_back(&edges, b->ties[i].b) ||
            igraph_vector_push_back(&weights, b->ties[i].w)) {
            fail(err, cap, "blocs: out of memory");
            goto done;
        }
    }
    if (igraph_create(&graph, &edges, nv, IGRAPH_UNDIRECTED)) {
        fail(err, cap, "blocs: igraph_create failed");
        goto done;
    }
    have_graph = 1;
    if (igraph_ecount(&graph) == 0) {
        for (int i = 0; i < nv; i++) b->bloc[i] = i;
        b->modularity = 0;
        rc = 0;
        goto done;
    }
    if (igraph_community_fastgreedy(&graph, &weights, &merges, &modularity, &membership)) {
        fail(err, cap, "blocs: igraph_community_fastgreedy failed");
        goto done;
    }
    for (int i = 0; i < nv; i++) b->bloc[i] = (int)VECTOR(membership)[i];
    igraph_real_t q = 0;
    if (!igraph_modularity(&graph, &membership, &weights, 1, IGRAPH_UNDIRECTED, &q))
        b->modularity = q;
    rc = 0;
done:
    if (have_graph) igraph_destroy(&graph);
    igraph_vector_int_destroy(&membership);
    igraph_vector_destroy(&modularity);
    igraph_matrix_int_destroy(&merges);
    igraph_vector_destroy(&weights);
    igraph_vector_int_destroy(&edges);
    return rc;
}

int ent_blocs_get(ent_store *s, int level, int32_t from, int32_t to, int min_events,
                  int weight, ent_blocs *out, char *err, size_t errcap) {
    memset(out, 0, sizeof *out);
    out->weight = weight == ENT_WEIGHT_COUNT ? ENT_WEIGHT_COUNT : ENT_WEIGHT_GOLDSTEIN;
    if (ent_graph_get(s, level, from, to, &out->g, err, errcap)) return -1;
    int nv = out->g.n_actors;
    out->bloc = malloc((size_t)(nv + 1) * sizeof *out->bloc);
    out->activity = calloc((size_t)nv + 1, sizeof *out->activity);
    bloc_size *sz = calloc((size_t)nv + 1, sizeof *sz);
    int *renum = malloc((size_t)(nv + 1) * sizeof *renum);
    if (!out->bloc || !out->activity || !sz || !renum || make_ties(out, min_events > 0 ? min_events : 1)) {
        free(sz);
        free(renum);
        ent_blocs_free(out);
        return fail(err, errcap, "blocs: out of memory");
    }
    if (detect(out, err, errcap)) {
        free(sz);
        free(renum);
        ent_blocs_free(out);
        return -1;
    }
    /* actors in no kept tie are left out; the rest's blocs are numbered by
     * size (then activity), largest first */
    int *in_tie = calloc((size_t)nv + 1, sizeof *in_tie);
    if (!in_tie) {
        free(sz);
        free(renum);
        ent_blocs_free(out);
        return fail(err, errcap, "blocs: out of memory");
    }
    for (int i = 0; i < out->n_ties; i++) {
        in_tie[out->ties[i].a] = in_tie[out->ties[i].b] = 1;
        out->activity[out->ties[i].a] += out->ties[i].n;
        out->activity[out->ties[i].b] += out->ties[i].n;
    }
    for (int i = 0; i < nv; i++) sz[i] = (bloc_size){.bloc = i, .first = nv};
    for (int i = 0; i < nv; i++) {
        if (!in_tie[i]) continue;
        bloc_size *z = &sz[out->bloc[i]];
        z->size++;
        z->activity += out->activity[i];
        if (i < z->first) z->first = i;
    }
    qsort(sz, (size_t)nv, sizeof *sz, cmp_bloc_size);
    for (int i = 0; i < nv; i++) renum[i] = -1;
    int nb = 0;
    for (int i = 0; i < nv && sz[i].size > 0; i++) renum[sz[i].bloc] = nb++;
    for (int i = 0; i < nv; i++) out->bloc[i] = in_tie[i] ? renum[out->bloc[i]] : -1;
    out->n_blocs = nb;
    free(in_tie);
    free(sz);
    free(renum);
    return 0;
}

void ent_blocs_free(ent_blocs *b) {
    ent_graph_free(&b->g);
    free(b->ties);
    free(b->bloc);
    free(b->activity);
    b->ties = NULL;
    b->bloc = NULL;
    b->activity = NULL;
    b->n_ties = b->n_blocs = 0;
}

int ent_blocs_ties(const ent_blocs *b, int bloc, int internal, int k, int *out) {
    int n = 0;
    /* ties are sorted strongest first: the first k that qualify */
    for (int i = 0; i < b->n_ties && n < k; i++) {
        int ia = b->bloc[b->ties[i].a] == bloc, ib = b->bloc[b->ties[i].b] == bloc;
        if (internal ? (ia && ib) : (ia != ib)) out[n++] = i;
    }
    return n;
}
