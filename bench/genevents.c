/* genevents.c -- a reproducible store of N synthetic events for the query
 * benchmark (bench/query.sh).
 *
 *   genevents sqlite PATH N [SEED]     a fresh SQLite store at PATH
 *   genevents pg URL N [SEED]          the PostgreSQL database at URL (its
 *                                      entente tables are replaced)
 *
 * Design.  The store is created by ent_store_open, so its schema is the
 * one entente writes; then the event indexes are read back from the
 * database, dropped, the rows loaded in bulk (SQLite: one transaction of
 * prepared inserts in key order; PostgreSQL: COPY), and the indexes built
 * again from their saved definitions: sorting once is much faster than
 * keeping five indexes up to date row by row.  SQLite's dyad_days is then
 * filled from the events in one statement.  PostgreSQL is vacuumed
 * and analysed at the end, as autovacuum would do after a real ingest.  Documents carry ten events
 * each and no sentences (the queries timed do not read sentence text).
 *
 * The events follow a fixed-seed generator (splitmix64): 200 countries
 * (60 real codes, then X000...) with Zipf-like activity, an agent suffix
 * on some codes, dates uniform over 2015-01-01..2024-12-31, countries in
 * four blocs (cooperation 80% of the time inside a bloc, 35% across), CAMEO
 * codes and Goldstein scores by QuadClass, and a conflict spike RUS->UKR
 * in the last week so `trends` has something to find.  The same N and
 * SEED always give the same events.
 */
#include <inttypes.h>
#include <libpq-fe.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

#define N_COUNTRIES 200
#define PER_DOC 10

static const char *const real[] = {
    "USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IRN", "ISR", "UKR", "IND", "PAK", "TUR", "SAU",
    "JPN", "KOR", "PRK", "SYR", "IRQ", "AFG", "EGY", "BRA", "MEX", "CAN", "AUS", "ITA", "ESP",
    "POL", "NGA", "ZAF", "ETH", "KEN", "SDN", "LBY", "YEM", "QAT", "ARE", "JOR", "LBN", "PSE",
    "VNM", "PHL", "IDN", "MYS", "THA", "MMR", "BGD", "LKA", "NPL", "ARG", "COL", "VEN", "CUB",
    "CHL", "PER", "BLR", "KAZ", "AZE", "ARM", "GEO", "SRB"};
static const char *const agents[] = {"", "", "", "GOV", "MIL", "BUS", "MED", "CVL", "JUD", "OPP"};
static const struct {
    const char *code;
    double g;
} codes[4][4] = {
    {{"010", 0.0}, {"020", 3.0}, {"042", 1.9}, {"051", 3.4}},   /* half neutral */
    {{"057", 8.0}, {"061", 6.4}, {"071", 7.4}, {"073", 7.4}},
    {{"111", -2.0}, {"112", -2.0}, {"125", -5.0}, {"130", -4.4}},
    {{"172", -5.0}, {"173", -5.0}, {"190", -10.0}, {"193", -10.0}},
};

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r) {
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double unit(rng *r) { return (double)(next(r) >> 11) / 9007199254740992.0; }

typedef struct gen {
    rng r;
    char country[N_COUNTRIES][4];
    double cum[N_COUNTRIES];  /* cumulative activity weights */
    int32_t day0, days;
} gen;

static void gen_init(gen *g, uint64_t seed) {
    g->r.s = seed;
    double sum = 0;
    for (int i = 0; i < N_COUNTRIES; i++) {
        if (i < (int)(sizeof real / sizeof *real)) snprintf(g->country[i], 4, "%s", real[i]);
        else snprintf(g->country[i], 4, "X%02d", i - (int)(sizeof real / sizeof *real));
        sum += 1.0 / pow(i + 1, 0.8);
        g->cum[i] = sum;
    }
    for (int i = 0; i < N_COUNTRIES; i++) g->cum[i] /= sum;
    g->day0 = ent_store_day(20150101);
    g->days = ent_store_day(20241231) - g->day0 + 1;
}

static int pick_country(gen *g) {
    double u = unit(&g->r);
    int lo = 0, hi = N_COUNTRIES - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (g->cum[mid] < u) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

typedef struct event {
    int32_t date, day;
    char source[8], target[8], sc[4], tc[4];
    const char *code;
    char root[3];
    int quad;
    double g;
} event;

/* Event i (the last 0.2% are the spike, inside the last week). */
static void gen_event(gen *g, long i, long n, event *e) {
    int a, b;
    int spike = i >= n - n / 500;
    if (spike) {
        a = 1, b = 8;   /* RUS -> UKR */
        e->day = g->day0 + g->days - 1 - (int32_t)(next(&g->r) % 7);
    } else {
        a = pick_country(g);
        do b = pick_country(g);
        while (b == a);
        e->day = g->day0 + (int32_t)(next(&g->r) % (uint64_t)g->days);
    }
    e->date = 0;
    snprintf(e->source, sizeof e->source, "%s%s", g->country[a], agents[next(&g->r) % 10]);
    snprintf(e->target, sizeof e->target, "%s%s", g->country[b], agents[next(&g->r) % 10]);
    memcpy(e->sc, g->country[a], 4);
    memcpy(e->tc, g->country[b], 4);
    double coop = spike ? 0.05 : (a % 4 == b % 4 ? 0.8 : 0.35);
    int material = unit(&g->r) < 0.3;
    e->quad = unit(&g->r) < coop ? 1 + material : 3 + material;
    int c = (int)(next(&g->r) % 4);
    e->code = codes[e->quad - 1][c].code;
    e->g = codes[e->quad - 1][c].g;
    e->root[0] = e->code[0], e->root[1] = e->code[1], e->root[2] = 0;
}

/* dyad_days from all the events at once (ingest adds a batch's groups);
 * every synthetic event leads a happening of its own */
#define DAYS_ALL                                                                             \
    "INSERT INTO dyad_days (src_country, tgt_country, date, day, quad, neutral, n, gsum,"    \
    " leads, lead_gsum)"                                                                     \
    " SELECT src_country, tgt_country, date, day, quad, root IN ('01', '02'), count(*),"     \
    " sum(goldstein), sum(lead_mention), sum(goldstein * lead_mention) FROM events"          \
    " GROUP BY src_country, tgt_country, date, day, quad, 6"

/* ---- SQLite ----------------------------------------------------------------- */

static int sq_check(sqlite3 *db, int rc, const char *what) {
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return 0;
    fprintf(stderr, "genevents: %s: %s\n", what, sqlite3_errmsg(db));
    return -1;
}

static int load_sqlite(const char *path, long n, uint64_t seed) {
    sqlite3 *db;
    if (sq_check(NULL, sqlite3_open(path, &db), path) && !db) return -1;
    char *defs[16];
    int nd = 0;
    sqlite3_stmt *st;
    /* the event indexes as the schema wrote them */
    if (sq_check(db, sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type ="
                                                " 'index' AND tbl_name = 'events' AND sql IS NOT NULL",
                                        -1, &st, NULL), "read indexes"))
        return -1;
    char names[16][64];
    while (sqlite3_step(st) == SQLITE_ROW && nd < 16) {
        snprintf(names[nd], sizeof names[nd], "%s", sqlite3_column_text(st, 0));
        defs[nd++] = strdup((const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    char sql[256];
    for (int i = 0; i < nd; i++) {
        snprintf(sql, sizeof sql, "DROP INDEX %s", names[i]);
        if (sq_check(db, sqlite3_exec(db, sql, NULL, NULL, NULL), sql)) return -1;
    }
    if (sq_check(db, sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                                      " PRAGMA cache_size = -1000000; BEGIN",
                                  NULL, NULL, NULL), "begin"))
        return -1;
    sqlite3_stmt *doc, *ev;
    if (sq_check(db, sqlite3_prepare_v2(db, "INSERT INTO documents (key, id, date, source,"
                                            " text_hash, norm_hash, dict, stored_at)"
                                            " VALUES (?, ?, ?, 'bench', ?, ?, 1, '2025-01-01T00:00:00Z')",
                                        -1, &doc, NULL), "prepare documents") ||
        sq_check(db, sqlite3_prepare_v2(db, "INSERT INTO events (doc, sent, n, date, day, source,"
                                            " target, src_country, tgt_country, code, root, quad,"
                                            " goldstein, verb, pattern)"
                                            " VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'v', '')",
                                        -1, &ev, NULL), "prepare events"))
        return -1;
    gen g;
    gen_init(&g, seed);
    for (long i = 0; i < n; i++) {
        event e;
        gen_event(&g, i, n, &e);
        e.date = ent_store_date(e.day);
        long key = i / PER_DOC + 1;
        if (i % PER_DOC == 0) {
            char id[32];
            snprintf(id, sizeof id, "bench-%08ld", key);
            sqlite3_bind_int64(doc, 1, key);
            sqlite3_bind_text(doc, 2, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(doc, 3, e.date);
            sqlite3_bind_int64(doc, 4, (int64_t)next(&g.r));
            sqlite3_bind_int64(doc, 5, (int64_t)next(&g.r));
            if (sq_check(db, sqlite3_step(doc), "insert document")) return -1;
            sqlite3_reset(doc);
        }
        sqlite3_bind_int64(ev, 1, key);
        sqlite3_bind_int(ev, 2, (int)(i % PER_DOC));
        sqlite3_bind_int(ev, 3, e.date);
        sqlite3_bind_int(ev, 4, e.day);
        sqlite3_bind_text(ev, 5, e.source, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 6, e.target, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 7, e.sc, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 8, e.tc, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 9, e.code, -1, SQLITE_STATIC);
        sqlite3_bind_text(ev, 10, e.root, -1, SQLITE_STATIC);
        sqlite3_bind_int(ev, 11, e.quad);
        sqlite3_bind_double(ev, 12, e.g);
        if (sq_check(db, sqlite3_step(ev), "insert event")) return -1;
        sqlite3_reset(ev);
    }
    sqlite3_finalize(doc);
    sqlite3_finalize(ev);
    for (int i = 0; i < nd; i++) {
        if (sq_check(db, sqlite3_exec(db, defs[i], NULL, NULL, NULL), defs[i])) return -1;
        free(defs[i]);
    }
    if (sq_check(db, sqlite3_exec(db, DAYS_ALL, NULL, NULL, NULL), "dyad_days") ||
        sq_check(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit") ||
        sq_check(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), "wal"))
        return -1;
    sqlite3_close(db);
    return 0;
}

/* ---- PostgreSQL -------------------------------------------------------------- */

static int pg_exec(PGconn *c, const char *sql) {
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK ||
             PQresultStatus(r) == PGRES_COPY_IN;
    if (!ok) fprintf(stderr, "genevents: %s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    return ok ? 0 : -1;
}

static int pg_put(PGconn *c, const char *buf, size_t len) {
    if (PQputCopyData(c, buf, (int)len) != 1) {
        fprintf(stderr, "genevents: COPY: %s", PQerrorMessage(c));
        return -1;
    }
    return 0;
}

static int pg_end_copy(PGconn *c) {
    if (PQputCopyEnd(c, NULL) != 1) return -1;
    PGresult *r = PQgetResult(c);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) fprintf(stderr, "genevents: COPY: %s", PQerrorMessage(c));
    PQclear(r);
    while ((r = PQgetResult(c))) PQclear(r);
    return ok ? 0 : -1;
}

/* One pass of the generator per table, so each COPY streams. */
static int load_pg(const char *url, long n, uint64_t seed) {
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "genevents: %s", PQerrorMessage(c));
        return -1;
    }
    PGresult *r = PQexec(c, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'events'"
                            " AND indexname <> 'events_pkey'");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "genevents: read indexes: %s", PQerrorMessage(c));
        return -1;
    }
    int nd = PQntuples(r);
    char **defs = calloc((size_t)nd + 1, sizeof *defs);
    char sql[256];
    for (int i = 0; i < nd; i++) {
        defs[i] = strdup(PQgetvalue(r, i, 1));
        snprintf(sql, sizeof sql, "DROP INDEX %s", PQgetvalue(r, i, 0));
        if (pg_exec(c, sql)) return -1;
    }
    PQclear(r);
    char line[512];
    for (int pass = 0; pass < 2; pass++) {
        gen g;
        gen_init(&g, seed);
        if (pg_exec(c, pass == 0 ? "COPY documents (key, id, date, source, text_hash, norm_hash,"
                                   " dict, stored_at) FROM STDIN"
                                 : "COPY events (doc, sent, n, date, day, source, target,"
                                   " src_country, tgt_country, code, root, quad, goldstein, verb,"
                                   " pattern) FROM STDIN"))
            return -1;
        for (long i = 0; i < n; i++) {
            event e;
            gen_event(&g, i, n, &e);
            e.date = ent_store_date(e.day);
            long key = i / PER_DOC + 1;
            int len;
            if (pass == 0) {
                if (i % PER_DOC) continue;
                uint64_t th = next(&g.r), nh = next(&g.r);
                len = snprintf(line, sizeof line,
                               "%ld\tbench-%08ld\t%d\tbench\t%" PRId64 "\t%" PRId64
                               "\t1\t2025-01-01T00:00:00Z\n",
                               key, key, (int)e.date, (int64_t)th, (int64_t)nh);
            } else {
                if (i % PER_DOC == 0) next(&g.r), next(&g.r);   /* keep the stream aligned */
                len = snprintf(line, sizeof line, "%ld\t%d\t0\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.1f\tv\t\n",
                               key, (int)(i % PER_DOC), (int)e.date, (int)e.day, e.source, e.target,
                               e.sc, e.tc, e.code, e.root, e.quad, e.g);
            }
            if (pg_put(c, line, (size_t)len)) return -1;
        }
        if (pg_end_copy(c)) return -1;
    }
    if (pg_exec(c, "SELECT setval(pg_get_serial_sequence('documents', 'key'),"
                   " (SELECT max(key) FROM documents))"))
        return -1;
    for (int i = 0; i < nd; i++) {
        if (pg_exec(c, defs[i])) return -1;
        free(defs[i]);
    }
    free(defs);
    /* what autovacuum does after a real ingest: statistics for the
     * planner, and the visibility map that index-only scans need */
    if (pg_exec(c, "VACUUM ANALYZE")) return -1;
    PQfinish(c);
    return 0;
}

static void quiet(void *arg, const char *msg) {
    (void)arg;
    (void)msg;
}

int main(int argc, char **argv) {
    if (argc < 4 || (strcmp(argv[1], "sqlite") && strcmp(argv[1], "pg"))) {
        fprintf(stderr, "usage: genevents sqlite|pg PATH|URL N [SEED]\n");
        return 64;
    }
    long n = atol(argv[3]);
    uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 10) : 20240426;
    if (n < PER_DOC) {
        fprintf(stderr, "genevents: N must be at least %d\n", PER_DOC);
        return 64;
    }
    if (!strcmp(argv[1], "pg")) {
        /* a fresh schema: drop what is there, let entente create its own */
        PGconn *c = PQconnectdb(argv[2]);
        if (PQstatus(c) != CONNECTION_OK) {
            fprintf(stderr, "genevents: %s", PQerrorMessage(c));
            return 1;
        }
        PQsetNoticeProcessor(c, quiet, NULL);   /* "does not exist, skipping" */
        if (pg_exec(c, "DROP TABLE IF EXISTS events, sentences, documents, dict_sets, meta,"
                       " dyad_days, happenings, doc_copies CASCADE"))
            return 1;
        PQfinish(c);
    } else {
        remove(argv[2]);
        char side[1100];
        snprintf(side, sizeof side, "%s-wal", argv[2]);
        remove(side);
        snprintf(side, sizeof side, "%s-shm", argv[2]);
        remove(side);
    }
    char err[1300];
    ent_store *s = ent_store_open(argv[2], err, sizeof err);
    if (!s) {
        fprintf(stderr, "genevents: %s\n", err);
        return 1;
    }
    ent_store_close(s);
    int rc = !strcmp(argv[1], "pg") ? load_pg(argv[2], n, seed) : load_sqlite(argv[2], n, seed);
    if (rc) return 1;
    fprintf(stderr, "genevents: %ld events in %ld documents, seed %" PRIu64 " -> %s\n", n,
            (n + PER_DOC - 1) / PER_DOC, seed, argv[2]);
    return 0;
}
