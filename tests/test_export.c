/* test_export.c -- on SQLite and on PostgreSQL (ENTENTE_TEST_PG), from
 * the bundled sample (examples/news/sample.jsonl) ingested into a fresh
 * store: the GDELT 2.0 event table of `entente events` loads into SQLite
 * under GDELT's names and types, every PLOVER line has one of the
 * mapping's types, an event's id is the same from one export to the next
 * and after a recode that changes nothing, and explain --event finds a
 * stored event again by it; and `actors --unknown` lists the names a
 * small store's dictionaries lack. */
#include <sqlite3.h>
#include <sys/stat.h>

#include "store_tu.h"

#include "entente.h"
#include "export.h"

/* GDELT 2.0's event table, as its codebook lists it: each column's name
 * and what it holds (I integer, R real, T text). */
static const struct {
    const char *name;
    char type;
} gdelt[] = {
    {"GLOBALEVENTID", 'I'}, {"SQLDATE", 'I'}, {"MonthYear", 'I'}, {"Year", 'I'},
    {"FractionDate", 'R'},
    {"Actor1Code", 'T'}, {"Actor1Name", 'T'}, {"Actor1CountryCode", 'T'},
    {"Actor1KnownGroupCode", 'T'}, {"Actor1EthnicCode", 'T'}, {"Actor1Religion1Code", 'T'},
    {"Actor1Religion2Code", 'T'}, {"Actor1Type1Code", 'T'}, {"Actor1Type2Code", 'T'},
    {"Actor1Type3Code", 'T'},
    {"Actor2Code", 'T'}, {"Actor2Name", 'T'}, {"Actor2CountryCode", 'T'},
    {"Actor2KnownGroupCode", 'T'}, {"Actor2EthnicCode", 'T'}, {"Actor2Religion1Code", 'T'},
    {"Actor2Religion2Code", 'T'}, {"Actor2Type1Code", 'T'}, {"Actor2Type2Code", 'T'},
    {"Actor2Type3Code", 'T'},
    {"IsRootEvent", 'I'}, {"EventCode", 'T'}, {"EventBaseCode", 'T'}, {"EventRootCode", 'T'},
    {"QuadClass", 'I'}, {"GoldsteinScale", 'R'}, {"NumMentions", 'I'}, {"NumSources", 'I'},
    {"NumArticles", 'I'}, {"AvgTone", 'R'},
    {"Actor1Geo_Type", 'I'}, {"Actor1Geo_FullName", 'T'}, {"Actor1Geo_CountryCode", 'T'},
    {"Actor1Geo_ADM1Code", 'T'}, {"Actor1Geo_ADM2Code", 'T'}, {"Actor1Geo_Lat", 'R'},
    {"Actor1Geo_Long", 'R'}, {"Actor1Geo_FeatureID", 'T'},
    {"Actor2Geo_Type", 'I'}, {"Actor2Geo_FullName", 'T'}, {"Actor2Geo_CountryCode", 'T'},
    {"Actor2Geo_ADM1Code", 'T'}, {"Actor2Geo_ADM2Code", 'T'}, {"Actor2Geo_Lat", 'R'},
    {"Actor2Geo_Long", 'R'}, {"Actor2Geo_FeatureID", 'T'},
    {"ActionGeo_Type", 'I'}, {"ActionGeo_FullName", 'T'}, {"ActionGeo_CountryCode", 'T'},
    {"ActionGeo_ADM1Code", 'T'}, {"ActionGeo_ADM2Code", 'T'}, {"ActionGeo_Lat", 'R'},
    {"ActionGeo_Long", 'R'}, {"ActionGeo_FeatureID", 'T'},
    {"DATEADDED", 'I'}, {"SOURCEURL", 'T'},
};
#define NCOL ((int)(sizeof gdelt / sizeof *gdelt))

/* A fresh store holding the bundled sample, coded with the built-in set. */
static const char *sample_store(void **state) {
    int which = *(int *)*state;
    const char *url = tu_store_url(which);
    TU_NEED_STORE(which, url);
    const char *sample = tu_example("news/sample.jsonl");
    if (!sample) skip();
    char path[256];
    snprintf(path, sizeof path, "%s", sample);
    entente_ingest_opts o = {.db = url, .threads = 2, .progress = -1};
    char *files[] = {path};
    FILE *err = tmpfile();
    int rc = entente_ingest(&o, files, 1, err);
    char *said = tu_capture(err);
    if (rc) fail_msg("ingest %s: exit %d:\n%s", path, rc, said);
    free(said);
    fclose(err);
    return url;
}

/* `entente events` in `format` (all the store's events), as a string. */
static char *export(const char *url, int format) {
    entente_events_opts o = {.db = url, .format = format};
    FILE *out = tmpfile(), *err = tmpfile();
    int rc = entente_events(&o, out, err);
    char *said = tu_capture(err);
    if (rc) fail_msg("events: exit %d:\n%s", rc, said);
    free(said);
    fclose(err);
    char *t = tu_capture(out);
    fclose(out);
    return t;
}

/* Split s at each `sep` in place; up to cap fields into f; the count. */
static int split(char *s, char sep, char **f, int cap) {
    int n = 0;
    for (;;) {
        char *e = strchr(s, sep);
        if (n < cap) f[n] = s;
        n++;
        if (!e) return n;
        *e = '\0';
        s = e + 1;
    }
}

static void test_gdelt_export_loads_into_sqlite_under_gdelts_columns_and_types(void **state) {
    const char *url = sample_store(state);
    /* the library's own column list is GDELT's */
    assert_int_equal(NCOL, 61);
    assert_int_equal(ENT_EXPORT_GDELT_COLUMNS, NCOL);
    for (int i = 0; i < NCOL; i++) assert_string_equal(ent_export_gdelt_columns[i], gdelt[i].name);
    char *t = export(url, ENTENTE_FMT_GDELT);
    /* a table with GDELT's names and types, loaded as a GDELT user loads
     * a file: an empty field is NULL */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    char create[4096], insert[1024];
    size_t k = (size_t)snprintf(create, sizeof create, "CREATE TABLE events (");
    size_t m = (size_t)snprintf(insert, sizeof insert, "INSERT INTO events VALUES (");
    for (int i = 0; i < NCOL; i++) {
        const char *type = gdelt[i].type == 'I' ? "INTEGER" : gdelt[i].type == 'R' ? "REAL" : "TEXT";
        k += (size_t)snprintf(create + k, sizeof create - k, "%s%s %s", i ? ", " : "",
                              gdelt[i].name, type);
        m += (size_t)snprintf(insert + m, sizeof insert - m, "%s?", i ? ", " : "");
        assert_true(k < sizeof create && m < sizeof insert);
    }
    snprintf(create + k, sizeof create - k, ")");
    snprintf(insert + m, sizeof insert - m, ")");
    assert_int_equal(sqlite3_exec(db, create, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, insert, -1, &st, NULL), SQLITE_OK);
    int lines = 0;
    for (char *line = t, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        assert_non_null(nl);   /* every line ends */
        *nl = '\0';
        char *f[NCOL];
        int n = split(line, '\t', f, NCOL);
        if (n != NCOL) fail_msg("line %d: %d columns, want 61", lines + 1, n);
        for (int i = 0; i < NCOL; i++) {
            if (f[i][0]) sqlite3_bind_text(st, i + 1, f[i], -1, SQLITE_TRANSIENT);
            else sqlite3_bind_null(st, i + 1);
        }
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
        lines++;
    }
    sqlite3_finalize(st);
    assert_true(lines > 100);
    /* each column holds its type only: an integer column no text or
     * fraction, a real column numbers */
    for (int i = 0; i < NCOL; i++) {
        char q[256];
        snprintf(q, sizeof q, "SELECT count(*) FROM events WHERE %s IS NOT NULL AND typeof(%s) NOT IN (%s)",
                 gdelt[i].name, gdelt[i].name,
                 gdelt[i].type == 'I' ? "'integer'" : gdelt[i].type == 'R' ? "'real', 'integer'" : "'text'");
        assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        int bad = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        if (bad) fail_msg("%s: %d values not of its type", gdelt[i].name, bad);
    }
    /* what entente knows is there: ids unique, dates, codes, a happening's
     * counts (an article holds a mention or more, from one source) */
    static const char *const checks[] = {
        "SELECT count(*) = count(DISTINCT GLOBALEVENTID) FROM events",
        "SELECT count(*) = 0 FROM events WHERE SQLDATE IS NULL OR Year IS NULL OR EventCode IS NULL"
        " OR QuadClass NOT BETWEEN 1 AND 4 OR DATEADDED IS NULL",
        "SELECT count(*) = 0 FROM events WHERE MonthYear != SQLDATE / 100 OR Year != SQLDATE / 10000"
        " OR FractionDate < Year OR FractionDate >= Year + 1.1",
        "SELECT count(*) = 0 FROM events WHERE NumSources < 1 OR NumArticles < NumSources"
        " OR NumMentions < NumArticles",
        "SELECT count(*) > 0 FROM events WHERE NumMentions > 1",
        "SELECT count(*) = 0 FROM events WHERE substr(EventCode, 1, 2) != EventRootCode"
        " OR substr(EventCode, 1, 3) != EventBaseCode",
        "SELECT count(*) > 0 FROM events WHERE Actor1Code = 'RUSMIL' AND Actor1CountryCode = 'RUS'"
        " AND Actor1Type1Code = 'MIL'",
        "SELECT count(*) > 0 FROM events WHERE IsRootEvent = 1",
    };
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        assert_int_equal(sqlite3_prepare_v2(db, checks[i], -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        if (!sqlite3_column_int(st, 0)) fail_msg("not so: %s", checks[i]);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    free(t);
    tu_store_cleanup(*(int *)*state, url);
}

static void test_every_plover_line_has_one_of_the_mappings_types(void **state) {
    const char *url = sample_store(state);
    char *t = export(url, ENTENTE_FMT_PLOVER);
    int lines = 0;
    for (char *line = t, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = '\0';
        const char *k = strstr(line, "\"event_type\": \"");
        if (!k) fail_msg("no event type: %s", line);
        k += strlen("\"event_type\": \"");
        const char *end = strchr(k, '"');
        assert_non_null(end);
        const char *ck = strstr(line, "\"cameo\": \"");
        assert_non_null(ck);
        ck += strlen("\"cameo\": \"");
        char type[32], code[8];
        snprintf(type, sizeof type, "%.*s", (int)(end - k), k);
        snprintf(code, sizeof code, "%.*s", (int)strcspn(ck, "\""), ck);
        int known = 0;
        for (int i = 0; i < ent_plover_count; i++) known |= !strcmp(ent_plover_table[i].type, type);
        if (!known) fail_msg("%s is none of the mapping's types: %s", type, line);
        /* and it is the one the mapping gives its code */
        const ent_plover *p = ent_plover_find(code);
        assert_non_null(p);
        assert_string_equal(p->type, type);
        assert_non_null(strstr(line, "\"sentence\": \""));
        lines++;
    }
    /* every event but the statements and appeals (no PLOVER type) */
    char *csv = export(url, ENTENTE_FMT_CSV);
    int all = -1, neutral = 0;
    for (char *p = csv; (p = strchr(p, '\n')); p++) {
        all++;
        /* the root is the eighth field (after event_id, doc, sent, date,
         * source, target, code: none holds a comma) */
        char *f[9];
        char row[160];
        snprintf(row, sizeof row, "%.159s", p + 1);
        if (split(row, ',', f, 9) >= 9 && (!strcmp(f[7], "01") || !strcmp(f[7], "02")))
            neutral++;
    }
    assert_true(lines > 100);
    assert_int_equal(lines, all - neutral);
    /* the mapping by its code's prefixes */
    assert_string_equal(ent_plover_find("0312")->type, "AGREE");
    assert_string_equal(ent_plover_find("0312")->context, "military");
    assert_string_equal(ent_plover_find("163")->type, "COERCE");
    assert_string_equal(ent_plover_find("0415")->code, "041");
    assert_string_equal(ent_plover_find("19")->code, "190");
    assert_null(ent_plover_find("010"));
    assert_null(ent_plover_find("---"));
    free(csv);
    free(t);
    tu_store_cleanup(*(int *)*state, url);
}

/* The event ids of a JSONL export, one per line, sorted. */
static char *ids_of(const char *url) {
    char *t = export(url, ENTENTE_FMT_JSONL);
    size_t n = 0;
    char *ids = calloc(strlen(t) + 1, 1);
    assert_non_null(ids);
    for (char *line = t, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        assert_non_null(nl);
        if (strncmp(line, "{\"event_id\": ", 13)) fail_msg("no event_id first: %.200s", line);
        char *d = line + 13;
        size_t k = strspn(d, "0123456789");
        assert_true(k > 0);
        /* the id is that of its document, sentence and rank */
        memcpy(ids + n, d, k);
        n += k;
        ids[n++] = '\n';
    }
    free(t);
    return ids;
}

static void test_event_ids_stay_the_same_across_exports_and_a_recode(void **state) {
    const char *url = sample_store(state);
    char *first = ids_of(url), *second = ids_of(url);
    assert_string_equal(first, second);
    /* recoded by the same set under another identity (a comment added):
     * the same events, the same ids */
    char dir[] = "/tmp/entente-export-dictXXXXXX", cmd[600];
    assert_non_null(mkdtemp(dir));
    const char *dict = tu_example("../dict");
    if (!dict) dict = "dict";
    snprintf(cmd, sizeof cmd, "cp -r \"%s\"/. \"%s\" && echo '# the same set again' >>\"%s/entente.discards.txt\"",
             dict, dir, dir);
    assert_int_equal(system(cmd), 0);
    entente_ingest_opts o = {.db = url, .dicts = dir, .threads = 2, .progress = -1};
    FILE *err = tmpfile();
    int rc = entente_recode(&o, err);
    char *said = tu_capture(err);
    if (rc || !strstr(said, "recode: ") || strstr(said, "recode: 0 documents"))
        fail_msg("recode: exit %d:\n%s", rc, said);
    free(said);
    fclose(err);
    char *third = ids_of(url);
    assert_string_equal(first, third);
    /* the id is made from the document, sentence and rank alone */
    assert_true(ent_store_event_id("a1", 2, 0) != ent_store_event_id("a", 12, 0));
    assert_true(ent_store_event_id("a1", 2, 0) != ent_store_event_id("a1", 2, 1));
    assert_true(ent_store_event_id("a1", 2, 0) == ent_store_event_id("a1", 2, 0));
    assert_true(ent_store_event_id("a1", 2, 0) > 0);
    snprintf(cmd, sizeof cmd, "rm -rf \"%s\"", dir);
    assert_int_equal(system(cmd), 0);
    free(first), free(second), free(third);
    tu_store_cleanup(*(int *)*state, url);
}

/* explain --db --event: a stored event's sentence coded again, with the
 * store's set, finds the event; an id the store lacks is an error. */
static void test_explain_finds_a_stored_event_again_by_its_id(void **state) {
    const char *url = sample_store(state);
    char *ids = ids_of(url);
    int n = 0;
    for (char *id = ids, *nl; *id && n < 12; id = nl + 1, n++) {
        nl = strchr(id, '\n');
        *nl = '\0';
        FILE *out = tmpfile(), *err = tmpfile();
        int rc = entente_explain_event(url, id, NULL, out, err);
        char *t = tu_capture(out), *e = tu_capture(err);
        if (rc) fail_msg("explain --event %s: exit %d:\n%s%s", id, rc, t, e);
        char head[64];
        snprintf(head, sizeof head, "event %s: ", id);
        if (strncmp(t, head, strlen(head))) fail_msg("want %s first:\n%s", head, t);
        assert_non_null(strstr(t, "\ndictionaries: "));
        assert_non_null(strstr(t, "\ntext: "));
        if (!strstr(t, ": found again\n")) fail_msg("event %s not found again:\n%s", id, t);
        free(t), free(e);
        fclose(out), fclose(err);
    }
    assert_int_equal(n, 12);
    FILE *out = tmpfile(), *err = tmpfile();
    assert_int_equal(entente_explain_event(url, "123", NULL, out, err), 1);
    char *e = tu_capture(err);
    assert_non_null(strstr(e, "no event 123 in "));
    free(e);
    assert_int_equal(entente_explain_event(url, "12x", NULL, out, err), 1);
    e = tu_capture(err);
    assert_non_null(strstr(e, "bad event id '12x'"));
    free(e);
    fclose(out), fclose(err);
    free(ids);
    tu_store_cleanup(*(int *)*state, url);
}

/* actors --unknown: the proper-noun phrases no dictionary knows, most
 * frequent first, each with a sentence; known names and calendar words
 * are not among them. */
static void test_actors_unknown_lists_the_names_the_dictionaries_lack(void **state) {
    int which = *(int *)*state;
    const char *url = tu_store_url(which);
    TU_NEED_STORE(which, url);
    char *path = tu_write_tmp(
        "{\"id\": \"u1\", \"date\": \"2024-03-04\", \"text\": \"Zorblatt Kvennig met the Russian "
        "foreign minister in Moscow on Monday. Russia praised Zorblatt Kvennig.\"}\n"
        "{\"id\": \"u2\", \"date\": \"2024-03-05\", \"text\": \"Zorblatt Kvennig visited Ukraine "
        "in March. Quendor Plass said nothing.\"}\n",
        ".jsonl");
    assert_non_null(path);
    entente_ingest_opts io = {.db = url, .threads = 1, .progress = -1};
    char *files[] = {path};
    FILE *err = tmpfile();
    assert_int_equal(entente_ingest(&io, files, 1, err), 0);
    entente_analysis_opts o = {.db = url, .unknown = 1, .format = ENTENTE_FMT_CSV};
    FILE *out = tmpfile();
    assert_int_equal(entente_actors(&o, out, err), 0);
    char *t = tu_capture(out);
    const char *want = "rank,count,phrase,example\n"
                       "1,3,Zorblatt Kvennig,Zorblatt Kvennig met the Russian foreign minister in "
                       "Moscow on Monday.\n"
                       "2,1,Quendor Plass,Quendor Plass said nothing.\n";
    if (strcmp(t, want)) fail_msg("want:\n%sgot:\n%s", want, t);
    free(t);
    fclose(out);
    /* the period is the stories': the second alone */
    o.from = 20240305;
    out = tmpfile();
    assert_int_equal(entente_actors(&o, out, err), 0);
    t = tu_capture(out);
    assert_non_null(strstr(t, "\n1,1,Quendor Plass,"));
    assert_non_null(strstr(t, "\n2,1,Zorblatt Kvennig,Zorblatt Kvennig visited Ukraine in March.\n"));
    free(t);
    fclose(out);
    fclose(err);
    unlink(path), free(path);
    tu_store_cleanup(which, url);
}

static int sqlite_backend = TU_SQLITE, pg_backend = TU_PG;
#define BOTH(t)                                                                              \
    cmocka_unit_test_prestate(t, &sqlite_backend), cmocka_unit_test_prestate(t, &pg_backend)

int main(void) {
    const struct CMUnitTest tests[] = {
        BOTH(test_gdelt_export_loads_into_sqlite_under_gdelts_columns_and_types),
        BOTH(test_every_plover_line_has_one_of_the_mappings_types),
        BOTH(test_event_ids_stay_the_same_across_exports_and_a_recode),
        BOTH(test_explain_finds_a_stored_event_again_by_its_id),
        BOTH(test_actors_unknown_lists_the_names_the_dictionaries_lack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
