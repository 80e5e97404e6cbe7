/* test_store.c -- the store interface (store.h) on both backends: schema,
 * batches, dedup, recode's stale/replace, every event filter, bound
 * parameters against hostile values.  Each test runs on SQLite and on the
 * PostgreSQL server named by ENTENTE_TEST_PG (skipped when unset). */
#include "store_tu.h"

#include <math.h>

#include "util.h"

typedef struct fx {
    ent_store_sentence sent[3];
    ent_store_event ev[4];
    ent_store_doc docs[3];
} fx;

static const char *const texts[3] = {
    "Russia attacked Ukraine near Kharkiv.",
    "Ukraine accused Russia of shelling civilians.",
    "Iran and Russia signed a military agreement.",
};

/* Three documents: RUSMIL->UKR 190 (Jan), UKR->RUS 112 (Feb), and
 * IRN<->RUS 057 both ways (Mar). */
static void fx_init(fx *f) {
    memset(f, 0, sizeof *f);
    static const char *ids[3] = {"a-1", "a-2", "a-3"};
    static const int32_t dates[3] = {20240101, 20240215, 20240320};
    for (int i = 0; i < 3; i++) {
        f->sent[i] = (ent_store_sentence){0, texts[i], 0, (int32_t)strlen(texts[i]), "(ROOT (S (NP (NNP X))))"};
        f->docs[i] = (ent_store_doc){.id = ids[i], .date = dates[i], .source = "test",
                                     .url = "http://example.org/x", .title = "t",
                                     .text_hash = ent_store_text_hash(texts[i], strlen(texts[i])),
                                     .norm_hash = ent_store_norm_hash(texts[i], strlen(texts[i])),
                                     .dict = 42, .sentences = &f->sent[i], .n_sentences = 1};
    }
    f->ev[0] = (ent_store_event){.sent = 0, .date = 20240101, .source = "RUSMIL", .target = "UKR",
                                 .code = "190", .root = "19", .quad = 4, .goldstein = -10,
                                 .source_text = "Russia", .target_text = "Ukraine",
                                 .verb = "attacked", .pattern = "- * + [190]"};
    f->ev[1] = (ent_store_event){.sent = 0, .date = 20240215, .source = "UKR", .target = "RUS",
                                 .code = "112", .root = "11", .quad = 3, .goldstein = -2,
                                 .verb = "accused", .pattern = "", .issue = "WAR"};
    f->ev[2] = (ent_store_event){.sent = 0, .date = 20240320, .source = "IRN", .target = "RUS",
                                 .code = "057", .root = "05", .quad = 1, .goldstein = 8,
                                 .verb = "signed", .pattern = ""};
    f->ev[3] = f->ev[2];
    f->ev[3].source = "RUS";
    f->ev[3].target = "IRN";
    f->docs[0].events = &f->ev[0], f->docs[0].n_events = 1;
    f->docs[1].events = &f->ev[1], f->docs[1].n_events = 1;
    f->docs[2].events = &f->ev[2], f->docs[2].n_events = 2;
}

static ent_store *open_with_fixture(void **state, const char **url, fx *f) {
    ent_store *s = tu_open_fresh(state, url);
    fx_init(f);
    int stored = -1;
    if (ent_store_put(s, f->docs, 3, &stored)) fprintf(stderr, "%s\n", ent_store_error(s));
    assert_int_equal(stored, 3);
    return s;
}

/* ---- Collecting events --------------------------------------------------------- */

typedef struct got {
    char lines[16][128];
    int n;
} got;

static int collect(void *user, const ent_store_event *e) {
    got *g = user;
    if (g->n < 16)
        snprintf(g->lines[g->n++], 128, "%s %d %s>%s %s %s q%d %.1f%s%s", e->doc, e->date,
                 e->source, e->target, e->code, e->root, e->quad, e->goldstein,
                 e->issue ? " " : "", e->issue ? e->issue : "");
    return 0;
}

static int count_events(ent_store *s, const ent_store_filter *f) {
    got g = {.n = 0};
    if (ent_store_events(s, f, collect, &g)) {
        fprintf(stderr, "%s\n", ent_store_error(s));
        return -1;
    }
    return g.n;
}

/* ---- Tests ------------------------------------------------------------------- */

static void test_schema_is_created_with_its_version(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    assert_int_equal(ent_store_schema_version(s), ENT_STORE_SCHEMA_VERSION);
    ent_store_counts c;
    assert_int_equal(ent_store_counts_get(s, &c), 0);
    assert_int_equal(c.documents + c.sentences + c.events, 0);
    /* reopening an existing store keeps it */
    ent_store_close(s);
    char err[1300];
    s = ent_store_open(url, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(ent_store_schema_version(s), ENT_STORE_SCHEMA_VERSION);
    /* a store from a newer entente is refused with a message naming it */
    ent_store_value v = {.type = ENT_SV_TEXT, .s = "99"};
    assert_int_equal(ent_store_query(s, "UPDATE meta SET value = ? WHERE key = 'schema_version'",
                                     &v, 1, NULL, NULL), 0);
    ent_store_close(s);
    s = ent_store_open(url, err, sizeof err);
    assert_null(s);
    assert_non_null(strstr(err, "schema version 99"));
    tu_store_cleanup(*(int *)*state, url);
}

static void test_put_stores_documents_sentences_and_events(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    ent_store_counts c;
    assert_int_equal(ent_store_counts_get(s, &c), 0);
    assert_int_equal(c.documents, 3);
    assert_int_equal(c.sentences, 3);
    assert_int_equal(c.events, 4);
    assert_true(f.docs[0].key > 0 && f.docs[1].key > f.docs[0].key);
    /* every field comes back as stored */
    got g = {.n = 0};
    ent_store_filter all = {0};
    assert_int_equal(ent_store_events(s, &all, collect, &g), 0);
    assert_int_equal(g.n, 4);
    assert_string_equal(g.lines[0], "a-1 20240101 RUSMIL>UKR 190 19 q4 -10.0");
    assert_string_equal(g.lines[1], "a-2 20240215 UKR>RUS 112 11 q3 -2.0 WAR");
    assert_string_equal(g.lines[2], "a-3 20240320 IRN>RUS 057 05 q1 8.0");
    assert_string_equal(g.lines[3], "a-3 20240320 RUS>IRN 057 05 q1 8.0");
    /* the country columns and the day number are filled */
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE src_country = 'RUS'"), 2);
    assert_int_equal(tu_count(s, "SELECT day FROM events WHERE code = '190'"), 19723);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM sentences WHERE parse IS NOT NULL"), 3);
    tu_close_fresh(state, s, url);
}

/* Run sql[0..n) on s, as an older entente left its store, then close it
 * and open it again as this one does. */
static ent_store *reopen_after(ent_store *s, const char *url, const char *const *sql, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (ent_store_query(s, sql[i], NULL, 0, NULL, NULL)) fail_msg("%s: %s", sql[i], ent_store_error(s));
    ent_store_close(s);
    char err[1300];
    s = ent_store_open(url, err, sizeof err);
    if (!s) fail_msg("reopening the store: %s", err);
    return s;
}

static int collect_place(void *user, const ent_store_event *e) {
    got *g = user;
    if (g->n < 16)
        snprintf(g->lines[g->n++], 128, "%s %s|%s|%s|%s|%s", e->doc, e->place ? e->place : "(null)",
                 e->place_name ? e->place_name : "(null)", e->place_country ? e->place_country : "(null)",
                 e->place_kind ? e->place_kind : "(null)", isnan(e->lat) ? "nan" : "lat");
    return 0;
}

/* A store without the place columns (written before events had places)
 * gains them when opened, whatever its version: its events read back
 * with no place, and a new event keeps its own. */
static void test_a_store_without_places_gains_them_when_opened(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    static const char *const old[] = {
        "ALTER TABLE events DROP COLUMN place", "ALTER TABLE events DROP COLUMN place_name",
        "ALTER TABLE events DROP COLUMN place_country", "ALTER TABLE events DROP COLUMN place_adm1",
        "ALTER TABLE events DROP COLUMN lat", "ALTER TABLE events DROP COLUMN lon",
        "ALTER TABLE events DROP COLUMN place_kind"};
    s = reopen_after(s, url, old, sizeof old / sizeof *old);
    got g = {.n = 0};
    ent_store_filter all = {0};
    assert_int_equal(ent_store_events(s, &all, collect_place, &g), 0);
    assert_int_equal(g.n, 4);
    assert_string_equal(g.lines[0], "a-1 ||||nan");
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE place_name IS NULL"), 4);
    fx h;
    fx_init(&h);
    h.docs[0].id = "b-1";
    h.docs[0].norm_hash = 778;
    ent_store_event ev = h.docs[0].events[0];
    ev.place = "off the coast of Yemen";
    ev.place_name = "Yemen";
    ev.place_country = "YEM";
    ev.place_adm1 = "";
    ev.place_kind = "country";
    ev.lat = 15.9;
    ev.lon = 47.6;
    h.docs[0].events = &ev;
    h.docs[0].n_events = 1;
    int stored = 0;
    assert_int_equal(ent_store_put(s, h.docs, 1, &stored), 0);
    assert_int_equal(stored, 1);
    g.n = 0;
    assert_int_equal(ent_store_events(s, &all, collect_place, &g), 0);
    assert_int_equal(g.n, 5);
    int found = 0;
    for (int i = 0; i < g.n; i++)
        found |= !strcmp(g.lines[i], "b-1 off the coast of Yemen|Yemen|YEM|country|lat");
    assert_true(found);
    /* an empty adm1 is stored as NULL, as an unplaced event's columns */
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE place_adm1 IS NULL"), 5);
    tu_close_fresh(state, s, url);
}

/* A store of version 2 (events dated by their story alone) gains the
 * event-date columns when opened: its events read back with their story's
 * date as their own, precision none, and new events keep both dates. */
static void test_a_version_2_store_is_migrated_to_event_dates(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    const char *old[] = {"ALTER TABLE events DROP COLUMN published",
                         "ALTER TABLE events DROP COLUMN published_day",
                         "ALTER TABLE events DROP COLUMN date_precision",
                         "ALTER TABLE events DROP COLUMN date_text",
                         "UPDATE meta SET value = '2' WHERE key = 'schema_version'"};
    s = reopen_after(s, url, old, sizeof old / sizeof *old);
    assert_int_equal(ent_store_schema_version(s), 3);
    got g = {.n = 0};
    ent_store_filter all = {0};
    assert_int_equal(ent_store_events(s, &all, collect, &g), 0);
    assert_int_equal(g.n, 4);
    assert_string_equal(g.lines[0], "a-1 20240101 RUSMIL>UKR 190 19 q4 -10.0");
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE published IS NULL"), 4);
    /* a new event with a date of its own: the range and the order read it */
    fx h;
    fx_init(&h);
    h.docs[0].id = "b-1";
    h.docs[0].norm_hash = 777;
    ent_store_event ev = h.docs[0].events[0];
    ev.event_date = 20231225;
    ev.date_precision = 4;
    ev.date_text = "Dec. 25";
    h.docs[0].events = &ev;
    h.docs[0].n_events = 1;
    int stored = 0;
    assert_int_equal(ent_store_put(s, h.docs, 1, &stored), 0);
    assert_int_equal(stored, 1);
    g.n = 0;
    ent_store_filter dec = {.to = 20231231};
    assert_int_equal(ent_store_events(s, &dec, collect, &g), 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "b-1 20240101 RUSMIL>UKR 190 19 q4 -10.0");
    ent_store_set_date_field(s, ENT_STORE_DATE_PUBLISHED);
    assert_int_equal(count_events(s, &dec), 0);
    tu_close_fresh(state, s, url);
}

static void test_a_document_seen_again_by_id_is_skipped(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    assert_int_equal(ent_store_seen(s, "a-2", 1), 1);
    assert_int_equal(ent_store_seen(s, "a-9", 1), 0);
    /* same id, other text: skipped, nothing added */
    fx g;
    fx_init(&g);
    g.docs[1].norm_hash = 12345;
    int stored = -1;
    assert_int_equal(ent_store_put(s, &g.docs[1], 1, &stored), 0);
    assert_int_equal(stored, 0);
    assert_true(g.docs[1].skipped);
    /* inside one batch: a second document with the first one's id and
     * other text is told apart from a copy */
    ent_store_doc two[3] = {g.docs[2], g.docs[2], g.docs[2]};
    two[0].id = two[1].id = two[2].id = "b-1";
    two[0].norm_hash = two[2].norm_hash = 777;
    two[1].norm_hash = 999;
    assert_int_equal(ent_store_put(s, two, 3, &stored), 0);
    assert_int_equal(stored, 1);
    assert_int_equal(two[0].skipped, 0);
    assert_int_equal(two[1].skipped, 2);
    assert_int_equal(two[2].skipped, 1);
    ent_store_counts c;
    ent_store_counts_get(s, &c);
    assert_int_equal(c.documents, 4);
    assert_int_equal(c.events, 6);
    tu_close_fresh(state, s, url);
}

static void test_a_document_seen_again_by_normalised_text_is_skipped(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    /* other id, same story with other case, spacing and punctuation */
    const char *again = "  RUSSIA attacked   Ukraine, near KHARKIV ";
    assert_true(ent_store_norm_hash(again, strlen(again)) == f.docs[0].norm_hash);
    assert_int_equal(ent_store_seen(s, "b-1", ent_store_norm_hash(again, strlen(again))), 1);
    fx g;
    fx_init(&g);
    g.docs[0].id = "b-1";
    g.docs[0].norm_hash = ent_store_norm_hash(again, strlen(again));
    /* and inside one batch: b-2 twice, by id; b-3 and b-4 with one text */
    ent_store_doc batch[4] = {g.docs[0], g.docs[1], g.docs[1], g.docs[2]};
    batch[1].id = "b-2", batch[1].norm_hash = 1001;
    batch[2].id = "b-2", batch[2].norm_hash = 1002;
    batch[3].id = "b-3", batch[3].norm_hash = 1001;
    int stored = -1;
    assert_int_equal(ent_store_put(s, batch, 4, &stored), 0);
    assert_int_equal(stored, 1);
    assert_true(batch[0].skipped && !batch[1].skipped && batch[2].skipped && batch[3].skipped);
    ent_store_counts c;
    ent_store_counts_get(s, &c);
    assert_int_equal(c.documents, 4);
    assert_int_equal(c.events, 5);
    tu_close_fresh(state, s, url);
}

static void test_each_event_filter_selects_what_it_says(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    ent_store_filter q;
#define N_WITH(...) (q = (ent_store_filter){__VA_ARGS__}, count_events(s, &q))
    assert_int_equal(N_WITH(.actor = "RUS"), 4);          /* three letters: country */
    assert_int_equal(N_WITH(.actor = "RUSMIL"), 1);       /* exact code */
    assert_int_equal(N_WITH(.actor = "RUSM"), 1);         /* prefix */
    assert_int_equal(N_WITH(.actor = "ru"), 4);           /* under three letters: prefix of any code */
    assert_int_equal(N_WITH(.actor = "irn"), 2);          /* case folded */
    assert_int_equal(N_WITH(.actor = "GBR"), 0);
    assert_int_equal(N_WITH(.dyad_a = "RUS", .dyad_b = "UKR"), 2);   /* both directions */
    assert_int_equal(N_WITH(.dyad_a = "UKR", .dyad_b = "RUS"), 2);
    assert_int_equal(N_WITH(.dyad_a = "IRN", .dyad_b = "RUS"), 2);
    assert_int_equal(N_WITH(.dyad_a = "RUSMIL", .dyad_b = "UKR"), 1);
    assert_int_equal(N_WITH(.code = "057"), 2);
    assert_int_equal(N_WITH(.code = "05"), 0);             /* codes are exact */
    assert_int_equal(N_WITH(.root = "19"), 1);
    assert_int_equal(N_WITH(.quad = 1), 2);
    assert_int_equal(N_WITH(.quad = 3), 1);
    assert_int_equal(N_WITH(.from = 20240201), 3);
    assert_int_equal(N_WITH(.to = 20240215), 2);
    assert_int_equal(N_WITH(.from = 20240102, .to = 20240301), 1);
    assert_int_equal(N_WITH(.text = "shelling"), 1);
    assert_int_equal(N_WITH(.text = "Russia signed"), 2);  /* every word, any order */
    assert_int_equal(N_WITH(.text = "Kharkiv"), 1);
    assert_int_equal(N_WITH(.text = "Paris"), 0);
    assert_int_equal(N_WITH(.limit = 3), 3);
    assert_int_equal(N_WITH(.actor = "RUS", .quad = 1, .from = 20240301, .limit = 1), 1);
#undef N_WITH
    tu_close_fresh(state, s, url);
}

static void test_hostile_values_are_bound_not_spliced(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    const char *evil = "'; DROP TABLE events; --";
    fx f;
    fx_init(&f);
    f.docs[0].id = evil;
    f.docs[0].title = "Robert'); DROP TABLE documents;--";
    f.ev[0].source = "'; DROP TABLE EVENTS; --";   /* codes are upper case */
    f.ev[0].verb = "\"quoted\" \\ back'slash";
    f.sent[0].text = "O'Brien said \"no\"; DROP TABLE sentences; --";
    int stored = -1;
    assert_int_equal(ent_store_put(s, f.docs, 1, &stored), 0);
    assert_int_equal(stored, 1);
    assert_int_equal(ent_store_seen(s, evil, 0), 1);
    ent_store_filter q = {.actor = evil};
    assert_int_equal(count_events(s, &q), 1);
    q = (ent_store_filter){.code = evil, .root = "' OR '1'='1"};
    assert_int_equal(count_events(s, &q), 0);
    q = (ent_store_filter){.dyad_a = "%", .dyad_b = "_"};   /* LIKE wildcards are literal */
    assert_int_equal(count_events(s, &q), 0);
    q = (ent_store_filter){.text = "\"; DROP TABLE sentences; -- O'Brien"};
    assert_true(count_events(s, &q) >= 0);
    q = (ent_store_filter){.text = "O'Brien"};
    assert_int_equal(count_events(s, &q), 1);
    /* every table is still there, the values stored as written */
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events"), 1);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM documents"), 1);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM sentences"), 1);
    got g = {.n = 0};
    ent_store_filter all = {0};
    ent_store_events(s, &all, collect, &g);
    assert_int_equal(g.n, 1);
    assert_non_null(strstr(g.lines[0], evil));
    ent_store_value v = {.type = ENT_SV_TEXT, .s = evil};
    long long n = -1;
    assert_int_equal(ent_store_query(s, "SELECT count(*) FROM documents WHERE id = ?", &v, 1,
                                     tu_count_row, &n), 0);
    assert_int_equal(n, 1);
    tu_close_fresh(state, s, url);
}

/* The batch lookup says, for each document, whether the store holds it by
 * id or by normalised text, across more documents than one statement
 * takes (it works in chunks of a few hundred). */
static void test_seen_batch_marks_stored_documents_by_id_or_text(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    enum { N = 1000 };
    static char idbuf[N][32];
    const char *ids[N];
    uint64_t hashes[N];
    unsigned char seen[N];
    for (int i = 0; i < N; i++) {
        snprintf(idbuf[i], sizeof idbuf[i], "new-%d", i);
        ids[i] = idbuf[i];
        hashes[i] = (uint64_t)i * 7919u + 1u;
    }
    ids[0] = "a-1";                                        /* by id */
    hashes[N / 2] = ent_store_norm_hash(texts[1], strlen(texts[1]));   /* by text */
    ids[N - 1] = "a-3";                                    /* in the last chunk */
    const char *other = "UKRAINE accused   russia of shelling civilians";
    hashes[N - 2] = ent_store_norm_hash(other, strlen(other));   /* same text, other spacing */
    assert_int_equal(ent_store_seen_batch(s, ids, hashes, N, seen), 0);
    int marked = 0;
    for (int i = 0; i < N; i++) marked += seen[i] != 0;
    assert_int_equal(marked, 4);
    assert_int_equal(seen[0], 2);        /* its id, other text: another document */
    assert_int_equal(seen[N / 2], 1);
    assert_int_equal(seen[N - 1], 2);
    assert_int_equal(seen[N - 2], 1);
    hashes[0] = ent_store_norm_hash(texts[0], strlen(texts[0]));   /* its id and its text */
    assert_int_equal(ent_store_seen_batch(s, ids, hashes, 1, seen), 0);
    assert_int_equal(seen[0], 1);
    assert_int_equal(ent_store_seen_batch(s, ids, hashes, 0, seen), 0);
    tu_close_fresh(state, s, url);
}

/* Tabs, newlines, carriage returns and backslashes in text survive the
 * bulk path (PostgreSQL's binary COPY data), and a batch's
 * sentences are searchable as soon as it commits. */
static void test_control_characters_round_trip_and_text_is_searchable(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    fx f;
    fx_init(&f);
    const char *text = "Tab\there, line\nbreak, CR\r, back\\slash \\N and \\t literally zeppelin";
    f.sent[0].text = text;
    f.sent[0].parse = NULL;
    f.ev[0].source_text = "a\tb\\c";
    f.ev[0].issue = "\\N";   /* the COPY null marker, as a value */
    int stored = -1;
    assert_int_equal(ent_store_put(s, f.docs, 3, &stored), 0);
    assert_int_equal(stored, 3);
    ent_store_value v = {.type = ENT_SV_TEXT, .s = text};
    long long n = -1;
    assert_int_equal(ent_store_query(s, "SELECT count(*) FROM sentences WHERE text = ? AND parse IS NULL",
                                     &v, 1, tu_count_row, &n), 0);
    assert_int_equal(n, 1);
    ent_store_value w[2] = {{.type = ENT_SV_TEXT, .s = "a\tb\\c"}, {.type = ENT_SV_TEXT, .s = "\\N"}};
    n = -1;
    assert_int_equal(ent_store_query(s, "SELECT count(*) FROM events WHERE source_text = ? AND issue = ?",
                                     w, 2, tu_count_row, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE issue IS NULL"), 2);
    ent_store_filter q = {.text = "zeppelin"};
    assert_int_equal(count_events(s, &q), 1);
    q = (ent_store_filter){.text = "military agreement"};
    assert_int_equal(count_events(s, &q), 2);
    tu_close_fresh(state, s, url);
}

/* The full-text index is not kept by ingest, yet a search always sees
 * every stored sentence: with the index up to date on demand (SQLite), or
 * scanning without it (PostgreSQL), and the same after it is built,
 * dropped and built again. */
static void test_text_search_sees_every_sentence_whatever_the_index(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    int pg = *(int *)*state == TU_PG;
    const char *has_index = pg ? "SELECT count(*) FROM pg_indexes WHERE indexname = 'sentences_text'"
                               : "SELECT count(*) FROM sqlite_master WHERE name = 'sentences_fts'";
    ent_store_filter q = {.text = "Kharkiv"};
    assert_int_equal(count_events(s, &q), 1);
    assert_int_equal(tu_count(s, has_index), pg ? 0 : 1);   /* PostgreSQL: not until asked */
    /* stored after a search: found by the next one */
    const char *text = "Russia shelled Kharkiv again.";
    ent_store_sentence sent = {0, text, 0, (int32_t)strlen(text), NULL};
    ent_store_event ev = f.ev[0];
    ent_store_doc d = {.id = "a-4", .date = 20240401, .text_hash = ent_store_text_hash(text, strlen(text)),
                       .norm_hash = ent_store_norm_hash(text, strlen(text)), .dict = 42,
                       .sentences = &sent, .n_sentences = 1, .events = &ev, .n_events = 1};
    int stored = -1;
    assert_int_equal(ent_store_put(s, &d, 1, &stored), 0);
    assert_int_equal(stored, 1);
    assert_int_equal(count_events(s, &q), 2);
    for (int round = 0; round < 2; round++) {
        assert_int_equal(ent_store_text_index(s, 1), 0);
        assert_int_equal(tu_count(s, has_index), 1);
        assert_int_equal(count_events(s, &q), 2);
        q.text = "shelling civilians";
        assert_int_equal(count_events(s, &q), 1);
        q.text = "Kharkiv";
        assert_int_equal(ent_store_text_index(s, 0), 0);
        assert_int_equal(tu_count(s, has_index), 0);
        assert_int_equal(count_events(s, &q), 2);
    }
    assert_int_equal(ent_store_text_index(s, 1), 0);
    if (!pg)   /* FTS5's own check that the index matches the sentences */
        assert_int_equal(ent_store_query(s, "INSERT INTO sentences_fts (sentences_fts)"
                                            " VALUES ('integrity-check')", NULL, 0, NULL, NULL), 0);
    tu_close_fresh(state, s, url);
}

typedef struct stale_got {
    int64_t keys[8];
    int sents;
    int n;
    int null_sents;
} stale_got;

static int on_stale(void *user, int64_t key, const char *doc, int32_t date,
                    const ent_store_sentence *st) {
    stale_got *g = user;
    if (!g->n || g->keys[g->n - 1] != key) g->keys[g->n++] = key;
    if (st) {
        g->sents++;
        assert_non_null(st->parse);
        assert_true(strlen(st->text) > 0);
    } else {
        g->null_sents++;
    }
    return 0;
}

/* dyad_days (SQLite's) holds exactly the counts and sums of the events,
 * key by key (rows brought to zero aside). */
static void assert_days_match_events(ent_store *s) {
    assert_int_equal(ent_store_has_dyad_days(s), ent_store_kind(s) == ENT_STORE_SQLITE);
    if (!ent_store_has_dyad_days(s)) return;
    const char *groups = "SELECT src_country, tgt_country, date, quad, count(*) AS n,"
                         " sum(goldstein) AS g FROM events GROUP BY src_country, tgt_country,"
                         " date, quad";
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM (%s) x LEFT JOIN dyad_days d ON d.src_country = x.src_country"
             " AND d.tgt_country = x.tgt_country AND d.date = x.date AND d.quad = x.quad"
             " WHERE d.n IS NULL OR d.n <> x.n OR abs(d.gsum - x.g) > 1e-9", groups);
    assert_int_equal(tu_count(s, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s) x", groups);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM dyad_days WHERE n <> 0"), tu_count(s, sql));
    assert_int_equal(tu_count(s, "SELECT count(*) FROM dyad_days WHERE n < 0"), 0);
}

static void test_stale_documents_are_recoded_in_place(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    assert_int_equal(ent_store_add_dict(s, 42, "old"), 0);
    assert_int_equal(ent_store_add_dict(s, 43, "new"), 0);
    assert_int_equal(ent_store_add_dict(s, 43, "new"), 0);   /* once */
    assert_int_equal(tu_count(s, "SELECT count(*) FROM dict_sets"), 2);
    stale_got g = {.n = 0};
    assert_int_equal(ent_store_stale(s, 42, 0, 10, on_stale, &g), 0);   /* none stale */
    assert_int_equal(ent_store_stale(s, 43, 0, 2, on_stale, &g), 2);    /* by batches */
    assert_int_equal(ent_store_stale(s, 43, g.keys[1], 2, on_stale, &g), 1);
    assert_int_equal(g.n, 3);
    assert_int_equal(g.sents, 3);
    /* replace: doc a-1 now has two events, a-3 none */
    ent_store_event two[2] = {f.ev[0], f.ev[0]};
    two[1].code = "193";
    ent_store_doc r[3] = {f.docs[0], f.docs[1], f.docs[2]};
    r[0].events = two, r[0].n_events = 2;
    r[2].n_events = 0;
    for (int i = 0; i < 3; i++) r[i].dict = 43;
    assert_days_match_events(s);
    assert_int_equal(ent_store_replace_events(s, r, 3), 0);
    assert_days_match_events(s);
    if (ent_store_has_dyad_days(s))   /* a-3's two, now zero */
        assert_int_equal(tu_count(s, "SELECT count(*) FROM dyad_days WHERE n = 0"), 2);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events"), 3);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE code = '193'"), 1);
    assert_int_equal(ent_store_stale(s, 43, 0, 10, on_stale, &g), 0);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM documents WHERE dict = 43"), 3);
    tu_close_fresh(state, s, url);
}

/* The change value of a reading handle stays while nothing is written and
 * moves when another handle commits a write (a put, a recode), so an
 * answer kept by it is never kept past a change. */
static void test_the_change_value_moves_with_each_commit_elsewhere(void **state) {
    const char *url;
    fx f;
    ent_store *w = open_with_fixture(state, &url, &f);
    char err[1300];
    ent_store *r = ent_store_open_existing(url, err, sizeof err);
    assert_non_null(r);
    uint64_t v0, v1, v2;
    assert_int_equal(ent_store_changes(r, &v0), 0);
    /* reads, on this handle and another, change nothing */
    assert_int_equal(tu_count(r, "SELECT count(*) FROM events"), 4);
    assert_int_equal(tu_count(w, "SELECT count(*) FROM events"), 4);
    assert_int_equal(ent_store_changes(r, &v1), 0);
    assert_true(v1 == v0);
    /* a document stored by the other handle */
    const char *text = "Egypt and Qatar mediated between Israel and Hamas.";
    ent_store_sentence sn = {0, text, 0, (int32_t)strlen(text), NULL};
    ent_store_event ev = f.ev[0];
    ev.source = "QAT", ev.target = "ISR", ev.code = "045", ev.root = "04", ev.quad = 1;
    ev.goldstein = 5.0;
    ent_store_doc d = {.id = "a-4", .date = 20240401, .text_hash = ent_store_text_hash(text, strlen(text)),
                       .norm_hash = ent_store_norm_hash(text, strlen(text)), .dict = 42,
                       .sentences = &sn, .n_sentences = 1, .events = &ev, .n_events = 1};
    int stored = 0;
    assert_int_equal(ent_store_put(w, &d, 1, &stored), 0);
    assert_int_equal(stored, 1);
    assert_int_equal(ent_store_changes(r, &v1), 0);
    assert_true(v1 != v0);
    /* the same document again stores nothing, and a recode does */
    assert_int_equal(ent_store_changes(r, &v2), 0);
    assert_true(v2 == v1);
    d.events = NULL, d.n_events = 0;
    assert_int_equal(ent_store_replace_events(w, &d, 1), 0);
    assert_int_equal(ent_store_changes(r, &v2), 0);
    assert_true(v2 != v1);
    ent_store_close(r);
    tu_close_fresh(state, w, url);
}

static int sum_row(void *user, int n, const char *const *cols) {
    double *acc = user;
    assert_int_equal(n, 3);
    acc[0] += atof(cols[1]);
    acc[1] += atof(cols[2]);
    acc[2] += 1;
    return 0;
}

static void test_generic_query_binds_every_type(void **state) {
    const char *url;
    fx f;
    ent_store *s = open_with_fixture(state, &url, &f);
    ent_store_value p[3] = {{.type = ENT_SV_TEXT, .s = "RUS"},
                            {.type = ENT_SV_INT, .i = 20240101},
                            {.type = ENT_SV_REAL, .r = -100.5}};
    double acc[3] = {0, 0, 0};
    /* the analysis-style query: per month, count and Goldstein sum */
    int rc = ent_store_query(s,
                             "SELECT date / 100 AS month, count(*), sum(goldstein) FROM events"
                             " WHERE (src_country = ? OR tgt_country = 'RUS') AND date >= ?"
                             " AND goldstein > ? GROUP BY date / 100 ORDER BY month",
                             p, 3, sum_row, acc);
    if (rc) fprintf(stderr, "%s\n", ent_store_error(s));
    assert_int_equal(rc, 0);
    assert_true(acc[2] == 3);     /* Jan, Feb, Mar */
    assert_true(acc[0] == 4);
    assert_true(acc[1] == -10 - 2 + 16);
    /* a bad statement is an error naming the store and the statement */
    assert_int_equal(ent_store_query(s, "SELECT nope FROM events", NULL, 0, NULL, NULL), -1);
    assert_non_null(strstr(ent_store_error(s), ent_store_name(s)));
    assert_non_null(strstr(ent_store_error(s), "SELECT nope FROM events"));
    tu_close_fresh(state, s, url);
}

static void test_hashes_and_days(void **state) {
    (void)state;
    assert_true(ent_store_norm_hash("A  b.c", 6) == ent_store_norm_hash("a b c", 5));
    assert_true(ent_store_norm_hash("ab", 2) != ent_store_norm_hash("a b", 3));
    assert_true(ent_store_text_hash("A  b.c", 6) != ent_store_text_hash("a b c", 5));
    assert_int_equal(ent_store_day(19700101), 0);
    assert_int_equal(ent_store_day(20000301), 11017);
    assert_int_equal(ent_store_day(20240229) + 1, ent_store_day(20240301));
    assert_int_equal(ent_store_day(0), 0);
}

static void test_an_unreachable_store_is_a_message(void **state) {
    (void)state;
    char err[1300] = "";
    assert_null(ent_store_open("/nonexistent-dir/x/entente.db", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent-dir/x/entente.db"));
    assert_null(ent_store_open("postgres://nobody:secret@127.0.0.1:1/none", err, sizeof err));
    assert_non_null(strstr(err, "127.0.0.1"));
    assert_null(strstr(err, "secret"));   /* passwords stay out of messages */
}

/* Each URL goes to the backend whose table takes it: postgres:// and
 * conninfo strings to PostgreSQL, any other (sqlite: before it or not) to
 * a SQLite file, which must be a file. */
static void test_a_url_picks_its_backend(void **state) {
    (void)state;
    char err[1300] = "", path[] = "/tmp/entente-backend-XXXXXX", url[64];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    snprintf(url, sizeof url, "sqlite:%s", path);
    ent_store *s = ent_store_open(url, err, sizeof err);
    if (!s) fail_msg("%s: %s", url, err);
    assert_int_equal(ent_store_kind(s), ENT_STORE_SQLITE);
    ent_store_close(s);
    assert_null(ent_store_open("sqlite::memory:", err, sizeof err));
    assert_non_null(strstr(err, "a store in memory is not kept"));
    assert_null(ent_store_open_existing("sqlite:/nonexistent-dir/x.db", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent-dir/x.db: no store there"));
    /* conninfo: libpq's words about the refused connection, not SQLite's */
    assert_null(ent_store_open("host=127.0.0.1 port=1 dbname=none", err, sizeof err));
    assert_non_null(strstr(err, "host=127.0.0.1 port=1 dbname=none: "));
    assert_null(strstr(err, "unable to open database file"));
    char wal[80];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    unlink(path);
}

static int count_row(void *user, int n, const char *const *cols) {
    *(long *)user = n > 0 && cols[0] ? atol(cols[0]) : -1;
    return 0;
}

/* A statement that would run for minutes. */
static const char *slow_sql = "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                              "WHERE x < 2000000000) SELECT count(*) FROM c";

static void assert_stopped_in_time(ent_store *s) {
    double t0 = ent_now();
    long rows = 0;
    assert_int_equal(ent_store_query(s, slow_sql, NULL, 0, count_row, &rows), -1);
    assert_true(ent_now() - t0 < 10.0);
    /* the same words on both backends, which the server looks for */
    const char *e = ent_store_error(s);
    if (!strstr(e, ENT_STORE_TIME_LIMIT)) fprintf(stderr, "%s\n", e);
    assert_non_null(strstr(e, ENT_STORE_TIME_LIMIT));
}

static void test_a_query_past_its_time_limit_is_stopped_with_a_message(void **state) {
    const char *url;
    ent_store *s = tu_open_fresh(state, &url);
    assert_int_equal(ent_store_set_timeout(s, 200), 0);
    assert_stopped_in_time(s);
    /* the handle goes on answering, and a quick statement is not stopped */
    long rows = 0;
    assert_int_equal(ent_store_query(s, "SELECT count(*) FROM events", NULL, 0, count_row, &rows), 0);
    assert_int_equal(rows, 0);
    /* a second handle on the store keeps the limit */
    char err[1300];
    ent_store *r = ent_store_reopen(s, err, sizeof err);
    assert_non_null(r);
    assert_stopped_in_time(r);
    ent_store_close(r);
    /* and no limit is no limit: a statement of a second or so finishes */
    assert_int_equal(ent_store_set_timeout(s, 0), 0);
    rows = 0;
    assert_int_equal(ent_store_query(s, "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                        "FROM c WHERE x < 300000) SELECT count(*) FROM c",
                                     NULL, 0, count_row, &rows),
                     0);
    assert_int_equal(rows, 300000);
    ent_store_close(s);
    tu_store_cleanup(*(int *)*state, url);
}

static int sqlite_backend = TU_SQLITE, pg_backend = TU_PG;

#define BOTH(t)                                                                              \
    cmocka_unit_test_prestate(t, &sqlite_backend), cmocka_unit_test_prestate(t, &pg_backend)

int main(void) {
    const struct CMUnitTest tests[] = {
        BOTH(test_schema_is_created_with_its_version),
        BOTH(test_put_stores_documents_sentences_and_events),
        BOTH(test_a_version_2_store_is_migrated_to_event_dates),
        BOTH(test_a_store_without_places_gains_them_when_opened),
        BOTH(test_a_document_seen_again_by_id_is_skipped),
        BOTH(test_a_document_seen_again_by_normalised_text_is_skipped),
        BOTH(test_each_event_filter_selects_what_it_says),
        BOTH(test_hostile_values_are_bound_not_spliced),
        BOTH(test_stale_documents_are_recoded_in_place),
        BOTH(test_the_change_value_moves_with_each_commit_elsewhere),
        BOTH(test_generic_query_binds_every_type),
        BOTH(test_seen_batch_marks_stored_documents_by_id_or_text),
        BOTH(test_control_characters_round_trip_and_text_is_searchable),
        BOTH(test_text_search_sees_every_sentence_whatever_the_index),
        BOTH(test_a_query_past_its_time_limit_is_stopped_with_a_message),
        cmocka_unit_test(test_hashes_and_days),
        cmocka_unit_test(test_an_unreachable_store_is_a_message),
        cmocka_unit_test(test_a_url_picks_its_backend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
