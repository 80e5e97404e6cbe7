/* test_analysis.c -- the analysis queries (analysis.h) and jobs on both
 * backends: exact dyad series per period and direction, a constructed
 * spike ranked first by trends with its events, a two-bloc graph split
 * into its blocs, the actors ranking, the output formats, and the charts
 * (files written, PNG magic, SVG root element).  Each test builds a small
 * store of known events through the store API, on SQLite and on the
 * PostgreSQL server named by ENTENTE_TEST_PG (skipped when unset). */
#include "store_tu.h"

#include <math.h>
#include <sys/stat.h>

#include "analysis.h"
#include "entente.h"

typedef struct spec {
    int32_t date;
    const char *source, *target, *code;
    int quad;
    double goldstein;
    const char *text;         /* NULL: a made-up sentence */
} spec;

/* One document per event, each with its own sentence; ids and hashes
 * go on from call to call, so a store can take several sets. */
static void put_events(ent_store *s, const spec *sp, int n) {
    static int next_doc;
    int base = next_doc;
    next_doc += n;
    ent_store_doc *docs = calloc((size_t)n, sizeof *docs);
    ent_store_sentence *sent = calloc((size_t)n, sizeof *sent);
    ent_store_event *ev = calloc((size_t)n, sizeof *ev);
    char (*ids)[32] = calloc((size_t)n, sizeof *ids);
    char (*texts)[200] = calloc((size_t)n, sizeof *texts);
    assert_true(docs && sent && ev && ids && texts);
    for (int i = 0; i < n; i++) {
        snprintf(ids[i], sizeof ids[i], "doc-%d", base + i);
        if (sp[i].text) snprintf(texts[i], sizeof texts[i], "%s", sp[i].text);
        else snprintf(texts[i], sizeof texts[i], "%s acted toward %s, story %d.", sp[i].source, sp[i].target, i);
        size_t len = strlen(texts[i]);
        sent[i] = (ent_store_sentence){0, texts[i], 0, (int32_t)len, NULL};
        ev[i] = (ent_store_event){.sent = 0, .date = sp[i].date, .source = sp[i].source,
                                  .target = sp[i].target, .code = sp[i].code,
                                  .quad = sp[i].quad, .goldstein = sp[i].goldstein,
                                  .verb = "v", .pattern = ""};
        docs[i] = (ent_store_doc){.id = ids[i], .date = sp[i].date, .source = "test",
                                  .text_hash = ent_store_text_hash(texts[i], len),
                                  .norm_hash = ent_store_norm_hash(texts[i], len) + (uint64_t)(base + i),
                                  .dict = 1, .sentences = &sent[i], .n_sentences = 1,
                                  .events = &ev[i], .n_events = 1};
    }
    char (*roots)[3] = calloc((size_t)n, sizeof *roots);
    assert_non_null(roots);
    for (int i = 0; i < n; i++) {
        roots[i][0] = sp[i].code[0];
        roots[i][1] = sp[i].code[1];
        ev[i].root = roots[i];
    }
    int stored = -1;
    if (ent_store_put(s, docs, n, &stored)) fprintf(stderr, "%s\n", ent_store_error(s));
    assert_int_equal(stored, n);
    free(roots);
    free(texts);
    free(ids);
    free(ev);
    free(sent);
    free(docs);
}

/* ---- Dyad ------------------------------------------------------------------------ */

static const spec dyad_events[] = {
    {20240110, "RUSMIL", "IRNMIL", "0312", 1, 5.0, NULL},
    {20240120, "RUS", "IRN", "190", 4, -10.0, NULL},
    {20240205, "IRN", "RUS", "057", 2, 7.5, NULL},
    {20240206, "IRNGOV", "RUSGOV", "112", 3, -2.0, NULL},
    {20240401, "RUS", "IRN", "036", 1, 3.0, NULL},
    {20240115, "RUS", "UKR", "190", 4, -10.0, NULL},   /* another dyad */
    {20240116, "IRQ", "RUS", "036", 1, 4.0, NULL},     /* IRQ is not IRN */
};

static void assert_cell(const ent_dyad_cell *c, long q1, long q2, long q3, long q4, double gsum) {
    if (c->count[0] != q1 || c->count[1] != q2 || c->count[2] != q3 || c->count[3] != q4 ||
        c->n != q1 + q2 + q3 + q4 || c->gsum < gsum - 1e-9 || c->gsum > gsum + 1e-9)
        fprintf(stderr, "expected %ld %ld %ld %ld n=%ld gsum=%.2f, got %ld %ld %ld %ld n=%ld gsum=%.2f\n",
                q1, q2, q3, q4, q1 + q2 + q3 + q4, gsum, c->count[0], c->count[1], c->count[2],
                c->count[3], c->n, c->gsum);
    assert_int_equal(c->count[0], q1);
    assert_int_equal(c->count[1], q2);
    assert_int_equal(c->count[2], q3);
    assert_int_equal(c->count[3], q4);
    assert_int_equal(c->n, q1 + q2 + q3 + q4);
    assert_true(c->gsum > gsum - 1e-9 && c->gsum < gsum + 1e-9);
}

/* Statements and appeals (roots 01, 02) between the same two: CAMEO's q1,
 * but neutral, not cooperation. */
static const spec neutral_events[] = {
    {20240110, "RUS", "IRN", "010", 1, 0.0, NULL},
    {20240111, "RUSGOV", "IRN", "020", 1, 3.0, NULL},
    {20240303, "IRN", "RUS", "013", 1, 0.4, NULL},
    {20240303, "IRN", "RUS", "036", 1, 4.0, NULL},
};

static void assert_groups(const ent_dyad_cell *c, long neutral, long coop, long conflict) {
    if (c->neutral != neutral || c->coop != coop || c->conflict != conflict)
        fprintf(stderr, "expected neutral %ld coop %ld conflict %ld, got %ld %ld %ld\n", neutral,
                coop, conflict, c->neutral, c->coop, c->conflict);
    assert_int_equal(c->neutral, neutral);
    assert_int_equal(c->coop, coop);
    assert_int_equal(c->conflict, conflict);
}

static void test_dyad_series_count_neutral_events_apart(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    put_events(s, dyad_events, 7);
    put_events(s, neutral_events, 4);
    ent_dyad_series d;
    char err[1300];
    assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", ENT_PERIOD_MONTH, 0, 0, 0, &d, err, sizeof err), 0);
    assert_int_equal(d.n, 4);
    /* January: 0312, 190 and two neutral events, all still in CAMEO's q1 */
    assert_cell(&d.rows[0].dir[0], 3, 0, 0, 1, -2.0);
    assert_groups(&d.rows[0].dir[0], 2, 1, 1);
    assert_groups(&d.rows[1].dir[2], 0, 1, 1);
    assert_cell(&d.rows[2].dir[1], 2, 0, 0, 0, 4.4);
    assert_groups(&d.rows[2].dir[1], 1, 1, 0);
    assert_groups(&d.rows[2].dir[2], 1, 1, 0);
    assert_int_equal(d.rows[0].all, -1);   /* not asked */
    ent_dyad_series_free(&d);
    /* the volume of news per period, every dyad's events */
    assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", ENT_PERIOD_MONTH, 0, 0, 1, &d, err, sizeof err), 0);
    assert_int_equal(d.n, 4);
    assert_int_equal(d.rows[0].all, 6);
    assert_int_equal(d.rows[1].all, 2);
    assert_int_equal(d.rows[2].all, 2);
    assert_int_equal(d.rows[3].all, 1);
    ent_dyad_series_free(&d);
    tu_close_fresh(state, s, url);
}

static void test_dyad_series_by_month_counts_each_direction(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    put_events(s, dyad_events, 7);
    ent_dyad_series d;
    char err[1300];
    assert_int_equal(ent_dyad_series_get(s, "rus", "IRN", ENT_PERIOD_MONTH, 0, 0, 0, &d, err, sizeof err), 0);
    assert_string_equal(d.a, "RUS");
    /* March has no event and is a row of zeros all the same */
    assert_int_equal(d.n, 4);
    assert_string_equal(d.rows[0].label, "2024-01");
    assert_string_equal(d.rows[1].label, "2024-02");
    assert_string_equal(d.rows[2].label, "2024-03");
    assert_string_equal(d.rows[3].label, "2024-04");
    assert_cell(&d.rows[0].dir[0], 1, 0, 0, 1, -5.0);
    assert_cell(&d.rows[0].dir[1], 0, 0, 0, 0, 0.0);
    assert_cell(&d.rows[0].dir[2], 1, 0, 0, 1, -5.0);
    assert_cell(&d.rows[1].dir[0], 0, 0, 0, 0, 0.0);
    assert_cell(&d.rows[1].dir[1], 0, 1, 1, 0, 5.5);
    assert_cell(&d.rows[2].dir[2], 0, 0, 0, 0, 0.0);
    assert_int_equal(d.rows[2].first_day, ent_store_day(20240301));
    assert_cell(&d.rows[3].dir[0], 1, 0, 0, 0, 3.0);
    ent_dyad_series_free(&d);
    tu_close_fresh(state, s, url);
}

static void test_dyad_series_by_week_quarter_day_and_range(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    put_events(s, dyad_events, 7);
    ent_dyad_series d;
    char err[1300];
    assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", ENT_PERIOD_QUARTER, 0, 0, 0, &d, err, sizeof err), 0);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.rows[0].label, "2024Q1");
    assert_string_equal(d.rows[1].label, "2024Q2");
    assert_cell(&d.rows[0].dir[2], 1, 1, 1, 1, 0.5);
    ent_dyad_series_free(&d);
    /* weeks start on Monday: Wednesday 2024-01-10 is in the week of 01-08 */
    assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", ENT_PERIOD_WEEK, 0, 0, 0, &d, err, sizeof err), 0);
    assert_int_equal(d.n, 13);   /* every Monday from 01-08 to 04-01 */
    assert_string_equal(d.rows[0].label, "2024-01-08");
    assert_string_equal(d.rows[1].label, "2024-01-15");
    assert_string_equal(d.rows[2].label, "2024-01-22");
    assert_cell(&d.rows[2].dir[2], 0, 0, 0, 0, 0.0);
    assert_string_equal(d.rows[4].label, "2024-02-05");
    assert_cell(&d.rows[4].dir[1], 0, 1, 1, 0, 5.5);
    assert_string_equal(d.rows[12].label, "2024-04-01");
    ent_dyad_series_free(&d);
    assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", ENT_PERIOD_DAY, 20240201, 20240331, 0, &d, err, sizeof err), 0);
    /* the range is the series' ends: every day of February and March */
    assert_int_equal(d.n, 29 + 31);
    assert_string_equal(d.rows[0].label, "2024-02-01");
    assert_string_equal(d.rows[4].label, "2024-02-05");
    assert_string_equal(d.rows[5].label, "2024-02-06");
    assert_string_equal(d.rows[59].label, "2024-03-31");
    assert_cell(&d.rows[4].dir[1], 0, 1, 0, 0, 7.5);
    assert_cell(&d.rows[0].dir[2], 0, 0, 0, 0, 0.0);
    ent_dyad_series_free(&d);
    /* years, and a range with no event at all still lists its periods */
    assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", ENT_PERIOD_YEAR, 20220101, 20251231, 0, &d, err, sizeof err), 0);
    assert_int_equal(d.n, 4);
    assert_string_equal(d.rows[0].label, "2022");
    assert_string_equal(d.rows[2].label, "2024");
    assert_cell(&d.rows[2].dir[2], 2, 1, 1, 1, 3.5);
    assert_cell(&d.rows[3].dir[2], 0, 0, 0, 0, 0.0);
    ent_dyad_series_free(&d);
    assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", ENT_PERIOD_MONTH, 20230101, 20230331, 0, &d, err, sizeof err), 0);
    assert_int_equal(d.n, 3);
    assert_string_equal(d.rows[1].label, "2023-02");
    ent_dyad_series_free(&d);
    tu_close_fresh(state, s, url);
}

/* A dyad of two countries read from SQLite's dyad_days and one read from
 * the events (a store made before the table, or PostgreSQL) agree, for
 * every period and a date range. */
static void test_dyad_series_agree_with_and_without_dyad_days(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    put_events(s, dyad_events, 7);
    put_events(s, neutral_events, sizeof neutral_events / sizeof *neutral_events);
    ent_dyad_series with[5], without[5];
    char err[1300];
    for (int by = ENT_PERIOD_DAY; by <= ENT_PERIOD_YEAR; by++)
        assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", by, 0, by == ENT_PERIOD_DAY ? 20240301 : 0, 0,
                                             &with[by - ENT_PERIOD_DAY], err, sizeof err), 0);
    int had = ent_store_has_dyad_days(s);
    assert_int_equal(ent_store_query(s, "DROP TABLE IF EXISTS dyad_days", NULL, 0, NULL, NULL), 0);
    ent_store_close(s);
    s = ent_store_open(url, err, sizeof err);
    assert_non_null(s);
    assert_false(ent_store_has_dyad_days(s));
    assert_int_equal(had, ent_store_kind(s) == ENT_STORE_SQLITE);
    for (int by = ENT_PERIOD_DAY; by <= ENT_PERIOD_YEAR; by++) {
        int k = by - ENT_PERIOD_DAY;
        assert_int_equal(ent_dyad_series_get(s, "RUS", "IRN", by, 0, by == ENT_PERIOD_DAY ? 20240301 : 0, 0,
                                             &without[k], err, sizeof err), 0);
        assert_true(with[k].n > 0);
        assert_int_equal(with[k].n, without[k].n);
        for (int r = 0; r < with[k].n; r++) {
            assert_string_equal(with[k].rows[r].label, without[k].rows[r].label);
            for (int dir = 0; dir < 3; dir++) {
                const ent_dyad_cell *c = &without[k].rows[r].dir[dir];
                assert_cell(&with[k].rows[r].dir[dir], c->count[0], c->count[1], c->count[2],
                            c->count[3], c->gsum);
                assert_int_equal(with[k].rows[r].dir[dir].neutral, c->neutral);
                assert_int_equal(with[k].rows[r].dir[dir].coop, c->coop);
                assert_int_equal(with[k].rows[r].dir[dir].conflict, c->conflict);
            }
        }
        ent_dyad_series_free(&with[k]);
        ent_dyad_series_free(&without[k]);
    }
    tu_close_fresh(state, s, url);
}

static void test_dyad_prefixes_narrow_to_full_codes(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    put_events(s, dyad_events, 7);
    ent_dyad_series d;
    char err[1300];
    assert_int_equal(ent_dyad_series_get(s, "RUSMIL", "IRN", ENT_PERIOD_MONTH, 0, 0, 0, &d, err, sizeof err), 0);
    assert_int_equal(d.n, 1);
    assert_cell(&d.rows[0].dir[0], 1, 0, 0, 0, 5.0);
    assert_cell(&d.rows[0].dir[1], 0, 0, 0, 0, 0.0);
    ent_dyad_series_free(&d);
    /* hostile codes are values, not SQL */
    assert_int_equal(ent_dyad_series_get(s, "RUS' OR '1'='1", "IRN%", ENT_PERIOD_MONTH, 0, 0, 0, &d, err, sizeof err), 0);
    assert_int_equal(d.n, 0);
    ent_dyad_series_free(&d);
    tu_close_fresh(state, s, url);
}

/* ---- Trends ----------------------------------------------------------------------- */

/* End 2024-06-30, 7-day windows, 4 of history: window k covers
 * 06-30 - 7k - 6 .. 06-30 - 7k.  USA->CHN conflict: 2 a window, then 12
 * (z = 10 / sqrt(2)); DEU->POL cooperation: 3 5 3 5, then 1
 * (z = -3 / 2, the Poisson floor); GBR->FRA cooperation: 5 each (z = 0). */
static int trend_specs(spec *sp) {
    static const int32_t hist[4] = {20240622, 20240615, 20240608, 20240601};
    static const int depol[4] = {3, 5, 3, 5};
    int n = 0;
    for (int k = 0; k < 4; k++) {
        for (int j = 0; j < 2; j++) sp[n++] = (spec){hist[k], "USA", "CHN", "112", 3, -2.0, NULL};
        for (int j = 0; j < depol[k]; j++) sp[n++] = (spec){hist[k], "DEU", "POL", "042", 1, 1.9, NULL};
        for (int j = 0; j < 5; j++) sp[n++] = (spec){hist[k], "GBR", "FRA", "043", 1, 2.8, NULL};
    }
    sp[n++] = (spec){20240625, "USAMIL", "CHN", "190", 4, -10.0, "US forces fired on Chinese vessels."};
    sp[n++] = (spec){20240626, "USA", "CHNGOV", "163", 4, -8.0, "Washington imposed an embargo on Beijing."};
    sp[n++] = (spec){20240627, "USA", "CHN", "173", 4, -5.0, "Washington detained Chinese nationals."};
    for (int j = 0; j < 9; j++) sp[n++] = (spec){20240628, "USA", "CHN", "112", 3, -2.0, NULL};
    sp[n++] = (spec){20240629, "DEU", "POL", "042", 1, 1.9, NULL};
    for (int j = 0; j < 5; j++) sp[n++] = (spec){20240630, "GBR", "FRA", "043", 1, 2.8, NULL};
    sp[n++] = (spec){20240630, "---", "CHN", "190", 4, -10.0, NULL};   /* unnamed actor */
    /* a burst of statements is no cooperation trend */
    for (int j = 0; j < 20; j++) sp[n++] = (spec){20240629, "GBR", "FRA", j % 2 ? "010" : "020", 1, j % 2 ? 0.0 : 3.0, NULL};
    return n;
}

static void test_trends_rank_a_constructed_spike_first(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    /* the fixture's events repeat a dyad, root and day to weigh it: each is
     * counted, as a mention */
    ent_store_set_count(s, ENT_STORE_COUNT_MENTIONS);
    spec sp[128];
    int n = trend_specs(sp);
    put_events(s, sp, n);
    ent_trend_opts o = {.window_days = 7, .baseline = 4, .min_events = 2, .top = 10};
    ent_trends t;
    char err[1300];
    if (ent_trends_get(s, &o, &t, err, sizeof err)) fprintf(stderr, "%s\n", err);
    assert_int_equal(t.window_to, 20240630);   /* the latest event */
    assert_int_equal(t.window_from, 20240624);
    assert_int_equal(t.baseline_from, 20240527);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.items[0].source, "USA");
    assert_string_equal(t.items[0].target, "CHN");
    assert_int_equal(t.items[0].group, 1);
    assert_int_equal(t.items[0].current, 12);
    assert_true(fabs(t.items[0].mean - 2.0) < 1e-9);
    assert_true(fabs(t.items[0].z - 10.0 / sqrt(2.0)) < 1e-9);
    assert_int_equal(t.items[0].history[0], 2);
    /* the events behind it: the weightiest first */
    assert_int_equal(t.items[0].n_ex, 3);
    assert_string_equal(t.items[0].ex[0].code, "190");
    assert_int_equal(t.items[0].ex[0].date, 20240625);
    assert_string_equal(t.items[0].ex[0].text, "US forces fired on Chinese vessels.");
    assert_string_equal(t.items[0].ex[1].code, "163");
    assert_string_equal(t.items[0].ex[2].code, "173");
    assert_string_equal(t.items[1].source, "DEU");
    assert_int_equal(t.items[1].group, 0);
    assert_true(fabs(t.items[1].z + 1.5) < 1e-9);
    assert_string_equal(t.items[2].source, "GBR");
    assert_int_equal(t.items[2].current, 5);
    assert_int_equal(t.items[2].neutral, 20);
    assert_true(fabs(t.items[2].z) < 1e-9);
    ent_trends_free(&t);
    /* min_events leaves out what is too small to judge */
    o.min_events = 6;
    assert_int_equal(ent_trends_get(s, &o, &t, err, sizeof err), 0);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.items[0].source, "USA");
    ent_trends_free(&t);
    tu_close_fresh(state, s, url);
}

/* ---- Blocs and actors ------------------------------------------------------------- */

/* Two triangles of cooperation (USA GBR FRA; RUS CHN IRN), conflict
 * across them, and one weak cooperative tie across (GBR-CHN). */
static int bloc_specs(spec *sp) {
    static const char *pairs[6][2] = {{"USA", "GBR"}, {"GBR", "FRA"}, {"FRA", "USA"},
                                      {"RUS", "CHN"}, {"CHN", "IRN"}, {"IRN", "RUS"}};
    int n = 0;
    for (int p = 0; p < 6; p++)
        for (int j = 0; j < 5; j++) sp[n++] = (spec){20230301 + j, pairs[p][j % 2], pairs[p][1 - j % 2], "042", 1, 1.9, NULL};
    for (int j = 0; j < 6; j++) sp[n++] = (spec){20230310, j % 2 ? "RUS" : "USA", j % 2 ? "USA" : "RUS", "112", 3, -2.0, NULL};
    for (int j = 0; j < 4; j++) sp[n++] = (spec){20230311, "FRA", "IRN", "172", 4, -5.0, NULL};
    for (int j = 0; j < 3; j++) sp[n++] = (spec){20230312, "GBRGOV", "CHN", "036", 1, 4.0, NULL};
    sp[n++] = (spec){20230313, "POL", "DEU", "036", 1, 4.0, NULL};   /* below min_events */
    /* appeals between the rivals: counted as cooperation, or their
     * Goldstein (+3 each) in the weight, they would join the two blocs */
    for (int j = 0; j < 12; j++) sp[n++] = (spec){20230314, j % 2 ? "RUS" : "USA", j % 2 ? "USA" : "RUS", "020", 1, 3.0, NULL};
    /* and statements alone make no tie */
    for (int j = 0; j < 5; j++) sp[n++] = (spec){20230315, "POL", "UKR", "010", 1, 0.0, NULL};
    return n;
}

static void test_blocs_split_a_two_bloc_graph(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    /* the fixture's events repeat a dyad, root and day to weigh it: each is
     * counted, as a mention */
    ent_store_set_count(s, ENT_STORE_COUNT_MENTIONS);
    spec sp[96];
    int n = bloc_specs(sp);
    put_events(s, sp, n);
    ent_blocs b;
    char err[1300];
    if (ent_blocs_get(s, ENT_LEVEL_COUNTRY, 0, 0, 3, ENT_WEIGHT_GOLDSTEIN, &b, err, sizeof err)) fprintf(stderr, "%s\n", err);
    assert_int_equal(b.n_blocs, 2);
    int id[8];
    const char *codes[] = {"USA", "GBR", "FRA", "RUS", "CHN", "IRN", "POL", "DEU"};
    for (int i = 0; i < 8; i++) {
        id[i] = -1;
        for (int k = 0; k < b.g.n_actors; k++)
            if (!strcmp(b.g.actors[k], codes[i])) id[i] = b.bloc[k];
    }
    assert_true(id[0] >= 0 && id[0] == id[1] && id[1] == id[2]);
    assert_true(id[3] >= 0 && id[3] == id[4] && id[4] == id[5]);
    assert_int_not_equal(id[0], id[3]);
    assert_int_equal(id[6], -1);   /* POL-DEU: one event, below min_events */
    assert_int_equal(id[7], -1);
    assert_true(b.modularity > 0.2);
    /* by default the weight is the Goldstein sum: of the USA's bloc's
     * cross ties, FRA-IRN's four acts of -5 outweigh USA-RUS's six
     * threats of -2, whose twelve appeals count for nothing */
    int t[3];
    assert_int_equal(ent_blocs_ties(&b, id[0], 0, 3, t), 3);
    const ent_tie *x = &b.ties[t[0]];
    assert_string_equal(b.g.actors[x->a], "FRA");
    assert_string_equal(b.g.actors[x->b], "IRN");
    assert_true(fabs(x->w + 20.0) < 1e-9);
    x = &b.ties[t[1]];
    assert_string_equal(b.g.actors[x->a], "RUS");
    assert_string_equal(b.g.actors[x->b], "USA");
    assert_true(fabs(x->w + 12.0) < 1e-9);
    assert_int_equal(x->neutral, 12);
    assert_int_equal(x->coop, 0);
    assert_int_equal(x->conflict, 6);
    assert_int_equal(ent_blocs_ties(&b, id[0], 1, 3, t), 3);
    assert_true(fabs(b.ties[t[0]].w - 5 * 1.9) < 1e-9);
    ent_blocs_free(&b);
    /* by counts, cooperation - conflict events */
    assert_int_equal(ent_blocs_get(s, ENT_LEVEL_COUNTRY, 0, 0, 3, ENT_WEIGHT_COUNT, &b, err, sizeof err), 0);
    assert_int_equal(b.n_blocs, 2);
    assert_int_equal(ent_blocs_ties(&b, 0, 0, 3, t), 3);
    x = &b.ties[t[0]];
    assert_string_equal(b.g.actors[x->a], "RUS");
    assert_string_equal(b.g.actors[x->b], "USA");
    assert_true(x->w == -6.0);
    for (int i = 0; i < b.g.n_actors; i++)
        if (!strcmp(b.g.actors[i], "UKR")) assert_int_equal(b.bloc[i], -1);
    ent_blocs_free(&b);
    tu_close_fresh(state, s, url);
}

static void test_actors_rank_by_events_with_partners(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    /* the fixture's events repeat a dyad, root and day to weigh it: each is
     * counted, as a mention */
    ent_store_set_count(s, ENT_STORE_COUNT_MENTIONS);
    spec sp[16];
    int n = 0;
    for (int j = 0; j < 4; j++) sp[n++] = (spec){20240101, "USA", "CHN", "112", 3, -2.0, NULL};
    for (int j = 0; j < 2; j++) sp[n++] = (spec){20240102, "CHNGOV", "USA", "042", 1, 1.9, NULL};
    for (int j = 0; j < 3; j++) sp[n++] = (spec){20240103, "USA", "RUS", "036", 1, 4.0, NULL};
    sp[n++] = (spec){20240104, "RUS", "UKR", "190", 4, -10.0, NULL};
    sp[n++] = (spec){20240105, "UKR", "USA", "020", 1, 3.0, NULL};
    sp[n++] = (spec){20240105, "---", "USA", "020", 1, 3.0, NULL};
    sp[n++] = (spec){20240106, "USA", "RUS", "010", 1, 0.0, NULL};
    put_events(s, sp, n);
    ent_graph g;
    char err[1300];
    assert_int_equal(ent_graph_get(s, ENT_LEVEL_COUNTRY, 0, 0, &g, err, sizeof err), 0);
    ent_actor_stat a[3];
    assert_int_equal(ent_actors_rank(&g, 3, a), 3);
    assert_string_equal(g.actors[a[0].actor], "USA");
    assert_int_equal(a[0].total, 11);
    assert_int_equal(a[0].as_source, 8);
    assert_int_equal(a[0].as_target, 3);
    assert_int_equal(a[0].neutral, 2);   /* UKR's appeal, the statement on RUS */
    assert_int_equal(a[0].coop, 5);
    assert_int_equal(a[0].conflict, 4);
    assert_int_equal(a[0].n_partners, 3);
    assert_string_equal(g.actors[a[0].partners[0].actor], "CHN");
    assert_int_equal(a[0].partners[0].n, 6);
    assert_string_equal(g.actors[a[0].partners[1].actor], "RUS");
    assert_int_equal(a[0].partners[1].neutral, 1);
    assert_int_equal(a[0].partners[1].coop, 3);
    assert_string_equal(g.actors[a[0].partners[2].actor], "UKR");
    assert_string_equal(g.actors[a[1].actor], "CHN");
    assert_int_equal(a[1].total, 6);
    assert_string_equal(g.actors[a[2].actor], "RUS");
    assert_int_equal(a[2].total, 5);
    ent_graph_free(&g);
    /* full codes keep the agents */
    assert_int_equal(ent_graph_get(s, ENT_LEVEL_FULL, 0, 0, &g, err, sizeof err), 0);
    int found = 0;
    for (int i = 0; i < g.n_actors; i++) found |= !strcmp(g.actors[i], "CHNGOV");
    assert_true(found);
    ent_graph_free(&g);
    tu_close_fresh(state, s, url);
}

/* The UN, the EU and NATO are three actors at country level, not one IGO;
 * a dyad of IGO still takes in every organisation. */
static void test_international_organisations_keep_their_identity(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    /* the fixture's events repeat a dyad, root and day to weigh it: each is
     * counted, as a mention */
    ent_store_set_count(s, ENT_STORE_COUNT_MENTIONS);
    static const spec sp[] = {
        {20240301, "IGOUNO", "RUS", "112", 3, -2.0, NULL},
        {20240302, "IGOUNOKID", "RUS", "112", 3, -2.0, NULL},
        {20240303, "IGOEUR", "RUS", "163", 4, -8.0, NULL},
        {20240304, "IGONATMIL", "RUS", "150", 4, -7.2, NULL},
        {20240305, "RUS", "IGONAT", "130", 3, -4.4, NULL},
        {20240306, "IGO", "RUS", "042", 1, 1.9, NULL},
    };
    put_events(s, sp, 6);
    ent_graph g;
    char err[1300];
    assert_int_equal(ent_graph_get(s, ENT_LEVEL_COUNTRY, 0, 0, &g, err, sizeof err), 0);
    const char *want[] = {"IGO", "IGOEUR", "IGONAT", "IGOUNO", "RUS"};
    assert_int_equal(g.n_actors, 5);
    for (int i = 0; i < 5; i++) assert_string_equal(g.actors[i], want[i]);
    ent_graph_free(&g);
    ent_dyad_series d;
    int rc = ent_dyad_series_get(s, "IGOUNO", "RUS", ENT_PERIOD_MONTH, 0, 0, 0, &d, err, sizeof err);
    if (rc) fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
    assert_int_equal(d.n, 1);
    assert_cell(&d.rows[0].dir[0], 0, 0, 2, 0, -4.0);
    ent_dyad_series_free(&d);
    assert_int_equal(ent_dyad_series_get(s, "IGONAT", "RUS", ENT_PERIOD_MONTH, 0, 0, 0, &d, err, sizeof err), 0);
    assert_cell(&d.rows[0].dir[2], 0, 0, 1, 1, -11.6);
    ent_dyad_series_free(&d);
    assert_int_equal(ent_dyad_series_get(s, "IGO", "RUS", ENT_PERIOD_MONTH, 0, 0, 0, &d, err, sizeof err), 0);
    assert_cell(&d.rows[0].dir[0], 1, 0, 2, 2, -17.3);
    ent_dyad_series_free(&d);
    tu_close_fresh(state, s, url);
}

/* ---- Jobs: formats and charts --------------------------------------------------- */

static char *run_job(int (*job)(const entente_analysis_opts *, FILE *, FILE *),
                     const entente_analysis_opts *o, int *rc) {
    char *buf = NULL, *ebuf = NULL;
    size_t len = 0, elen = 0;
    FILE *out = open_memstream(&buf, &len), *err = open_memstream(&ebuf, &elen);
    assert_true(out && err);
    *rc = job(o, out, err);
    fclose(out);
    fclose(err);
    if (*rc) fprintf(stderr, "job failed: %s\n", ebuf);
    free(ebuf);
    return buf;
}

static void test_dyad_job_writes_csv_and_jsonl(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    put_events(s, dyad_events, 7);
    ent_store_close(s);
    entente_analysis_opts o = {.db = url, .a = "RUS", .b = "IRN", .by = ENTENTE_BY_QUARTER,
                               .format = ENTENTE_FMT_CSV};
    int rc;
    char *csv = run_job(entente_dyad, &o, &rc);
    assert_int_equal(rc, 0);
    const char *want =
        "period,direction,q1,q2,q3,q4,neutral,cooperation,conflict,events,goldstein_sum,"
        "goldstein_mean\n"
        "2024Q1,RUS->IRN,1,0,0,1,0,1,1,2,-5.00,-2.50\n"
        "2024Q1,IRN->RUS,0,1,1,0,0,1,1,2,5.50,2.75\n"
        "2024Q1,both,1,1,1,1,0,2,2,4,0.50,0.12\n"
        "2024Q2,RUS->IRN,1,0,0,0,0,1,0,1,3.00,3.00\n"
        "2024Q2,IRN->RUS,0,0,0,0,0,0,0,0,0.00,\n"
        "2024Q2,both,1,0,0,0,0,1,0,1,3.00,3.00\n";
    if (strcmp(csv, want)) fprintf(stderr, "expected:\n%sgot:\n%s", want, csv);
    assert_string_equal(csv, want);
    free(csv);
    o.format = ENTENTE_FMT_JSONL;
    char *js = run_job(entente_dyad, &o, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(js, "{\"period\": \"2024Q2\", \"direction\": \"IRN->RUS\", \"q1\": 0, \"q2\": 0,"
                               " \"q3\": 0, \"q4\": 0, \"neutral\": 0, \"cooperation\": 0,"
                               " \"conflict\": 0, \"events\": 0, \"goldstein_sum\": 0.00,"
                               " \"goldstein_mean\": null}\n"));
    free(js);
    /* months: March, empty, is a row in every format */
    o.by = ENTENTE_BY_MONTH;
    js = run_job(entente_dyad, &o, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(js, "{\"period\": \"2024-03\", \"direction\": \"both\", \"q1\": 0,"));
    free(js);
    o.format = ENTENTE_FMT_TABLE;
    char *tb = run_job(entente_dyad, &o, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(tb, "by month: 4 periods, 3 with events"));
    assert_non_null(strstr(tb, "\n2024-03  both "));
    free(tb);
    /* shares of all events of the period: Q1 holds 6 of the store's 7 */
    o.format = ENTENTE_FMT_CSV;
    o.by = ENTENTE_BY_QUARTER;
    o.normalize = 1;
    csv = run_job(entente_dyad, &o, &rc);
    assert_int_equal(rc, 0);
    const char *shares =
        "period,direction,q1,q2,q3,q4,neutral,cooperation,conflict,events,goldstein_sum,"
        "goldstein_mean,all_events\n"
        "2024Q1,RUS->IRN,0.166667,0.000000,0.000000,0.166667,0.000000,0.166667,0.166667,"
        "0.333333,-5.00,-2.50,6\n";
    if (strncmp(csv, shares, strlen(shares))) fprintf(stderr, "expected:\n%sgot:\n%s", shares, csv);
    assert_memory_equal(csv, shares, strlen(shares));
    assert_non_null(strstr(csv, "2024Q2,both,1.000000,0.000000,0.000000,0.000000,0.000000,1.000000,"
                                "0.000000,1.000000,3.00,3.00,1\n"));
    free(csv);
    tu_store_cleanup(*(int *)*state, url);
}

/* The overview's dates read YYYY-MM-DD, an undated event is counted
 * apart rather than opening the range at 0, and the busiest dyads count
 * neutral events apart from cooperation. */
static void test_overview_dates_and_neutral_column(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    put_events(s, dyad_events, 7);
    put_events(s, neutral_events, 4);
    static const spec undated[] = {{0, "RUS", "IRN", "010", 1, 0.0, NULL}};
    put_events(s, undated, 1);
    ent_store_close(s);
    char *buf = NULL, *ebuf = NULL;
    size_t len = 0, elen = 0;
    FILE *out = open_memstream(&buf, &len), *err = open_memstream(&ebuf, &elen);
    assert_true(out && err);
    int rc = entente_overview(url, out, err);
    fclose(out);
    fclose(err);
    if (rc || !strstr(buf, "from 2024-01-10 to 2024-04-01 (1 undated)"))
        fprintf(stderr, "overview: %s\n%s\n", ebuf, buf);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(buf, "documents 12, events 12 (mentions 12), from 2024-01-10 to 2024-04-01"
                                " (1 undated)\n"));
    /* the busiest dyads are a table: RUS -> IRN, 6 events, 3 neutral, 2
     * cooperation, 1 conflict */
    assert_non_null(strstr(buf, "source  target  events  neutral  cooperation  conflict  goldstein_mean\n"));
    assert_non_null(strstr(buf, "\nRUS     IRN          6        3            2         1"));
    free(buf);
    free(ebuf);
    tu_store_cleanup(*(int *)*state, url);
}

static void assert_png(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char m[8] = {0};
    assert_int_equal(fread(m, 1, 8, f), 8);
    fclose(f);
    assert_memory_equal(m, "\x89PNG\r\n\x1a\n", 8);
}

static void assert_svg(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_true(n > 100);
    assert_non_null(strstr(buf, "<svg"));
}

static void test_charts_are_written_as_png_and_svg(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    spec sp[96];
    int n = bloc_specs(sp);
    put_events(s, sp, n);
    ent_store_close(s);
    char png[64], svg[64], bpng[64], bsvg[64];
    snprintf(png, sizeof png, "/tmp/entente-plot-%ld.png", (long)getpid());
    snprintf(svg, sizeof svg, "/tmp/entente-plot-%ld.svg", (long)getpid());
    snprintf(bpng, sizeof bpng, "/tmp/entente-blocs-%ld.png", (long)getpid());
    snprintf(bsvg, sizeof bsvg, "/tmp/entente-blocs-%ld.svg", (long)getpid());
    entente_analysis_opts o = {.db = url, .a = "USA", .b = "RUS", .by = ENTENTE_BY_DAY,
                               .format = ENTENTE_FMT_CSV, .plot = png};
    int rc;
    free(run_job(entente_dyad, &o, &rc));
    assert_int_equal(rc, 0);
    assert_png(png);
    o.plot = svg;
    free(run_job(entente_dyad, &o, &rc));
    assert_int_equal(rc, 0);
    assert_svg(svg);
    o.plot = bpng;
    o.min_events = 3;
    char *txt = run_job(entente_blocs, &o, &rc);
    assert_int_equal(rc, 0);
    free(txt);
    assert_png(bpng);
    o.plot = bsvg;
    o.format = ENTENTE_FMT_TABLE;
    txt = run_job(entente_blocs, &o, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(txt, "blocs: 2 among 6 actors"));
    free(txt);
    assert_svg(bsvg);
    /* an unknown extension is a message, not a crash */
    o.plot = "/tmp/entente-plot.gif";
    free(run_job(entente_dyad, &o, &rc));
    assert_int_equal(rc, 1);
    unlink(png);
    unlink(svg);
    unlink(bpng);
    unlink(bsvg);
    tu_store_cleanup(*(int *)*state, url);
}

static void test_dates_round_trip(void **state) {
    (void)state;
    const int32_t dates[] = {19700101, 20000229, 20000301, 20240229, 20241231, 19691231};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
        assert_int_equal(ent_store_date(ent_store_day(dates[i])), dates[i]);
}

/* The cairo devices load fontconfig, which keeps its font cache for the
 * life of the process: LeakSanitizer (make sanitize) would call that a
 * leak of ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }

static int sqlite_backend = TU_SQLITE, pg_backend = TU_PG;

#define BOTH(t)                                                                              \
    cmocka_unit_test_prestate(t, &sqlite_backend), cmocka_unit_test_prestate(t, &pg_backend)

int main(void) {
    const struct CMUnitTest tests[] = {
        BOTH(test_dyad_series_by_month_counts_each_direction),
        BOTH(test_dyad_series_count_neutral_events_apart),
        BOTH(test_dyad_series_by_week_quarter_day_and_range),
        BOTH(test_dyad_series_agree_with_and_without_dyad_days),
        BOTH(test_dyad_prefixes_narrow_to_full_codes),
        BOTH(test_trends_rank_a_constructed_spike_first),
        BOTH(test_blocs_split_a_two_bloc_graph),
        BOTH(test_actors_rank_by_events_with_partners),
        BOTH(test_international_organisations_keep_their_identity),
        BOTH(test_dyad_job_writes_csv_and_jsonl),
        BOTH(test_overview_dates_and_neutral_column),
        BOTH(test_charts_are_written_as_png_and_svg),
        cmocka_unit_test(test_dates_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
