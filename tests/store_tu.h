/* store_tu.h -- helpers for the store tests: one fresh store per test on
 * each backend (a temp SQLite file; the PostgreSQL server named by
 * ENTENTE_TEST_PG, emptied first), skipped with a message when absent. */
#ifndef ENT_STORE_TU_H
#define ENT_STORE_TU_H

#include "testutil.h"

#include <libpq-fe.h>

#include "store.h"

static void tu_quiet(void *arg, const char *msg) {
    (void)arg;
    (void)msg;
}

enum { TU_SQLITE = 0, TU_PG = 1 };

/* The URL of a fresh store for backend `which` (static buffer), or NULL
 * when that backend is not available to the tests. */
static inline void tu_store_cleanup(int which, const char *url);

static inline const char *tu_store_url(int which) {
    static char url[512];
    if (which == TU_SQLITE) {
        snprintf(url, sizeof url, "/tmp/entente-store-test-%ld.db", (long)getpid());
        tu_store_cleanup(TU_SQLITE, url);
        return url;
    }
    const char *pg = getenv("ENTENTE_TEST_PG");
    if (!pg || !*pg) return NULL;
    snprintf(url, sizeof url, "%s", pg);
    /* empty the database: drop what a previous test left (directly, since
     * the store may refuse what a test left, e.g. a future schema) */
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "ENTENTE_TEST_PG: %s", PQerrorMessage(c));
    } else {
        PQsetNoticeProcessor(c, tu_quiet, NULL);
        PGresult *r = PQexec(c, "DROP TABLE IF EXISTS events, sentences, documents, dict_sets, meta, dyad_days, happenings, doc_copies CASCADE");
        if (PQresultStatus(r) != PGRES_COMMAND_OK) fprintf(stderr, "ENTENTE_TEST_PG: %s", PQerrorMessage(c));
        PQclear(r);
    }
    PQfinish(c);
    return url;
}

static inline void tu_store_cleanup(int which, const char *url) {
    if (which != TU_SQLITE || !url) return;
    char side[600];
    unlink(url);
    snprintf(side, sizeof side, "%s-wal", url);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", url);
    unlink(side);
}

/* Skip a PostgreSQL test, saying why, when no server was given. */
#define TU_NEED_STORE(which, url)                                                              \
    do {                                                                                       \
        if (!(url)) {                                                                          \
            fprintf(stderr, "skipped: set ENTENTE_TEST_PG=postgres://... to run the "          \
                            "PostgreSQL tests (scripts/pg-test-server.sh start)\n");           \
            skip();                                                                            \
        }                                                                                      \
    } while (0)

/* A fresh, open store for the backend the test runs on (its prestate),
 * its URL in *url_out (may be NULL); skips when that backend is absent. */
static inline ent_store *tu_open_fresh(void **state, const char **url_out) {
    int which = *(int *)*state;
    const char *url = tu_store_url(which);
    TU_NEED_STORE(which, url);
    char err[1300];
    ent_store *s = ent_store_open(url, err, sizeof err);
    if (!s) fprintf(stderr, "open %s: %s\n", url, err);
    assert_non_null(s);
    if (url_out) *url_out = url;
    return s;
}

/* Close it and remove what it left. */
static inline void tu_close_fresh(void **state, ent_store *s, const char *url) {
    ent_store_close(s);
    tu_store_cleanup(*(int *)*state, url);
}

static int tu_count_row(void *user, int n, const char *const *cols) {
    *(long long *)user = n > 0 && cols[0] ? atoll(cols[0]) : -1;
    return 0;
}

/* The first column of the first row of sql as an integer. */
static inline long long tu_count(ent_store *s, const char *sql) {
    long long v = -1;
    if (ent_store_query(s, sql, NULL, 0, tu_count_row, &v)) {
        fprintf(stderr, "%s\n", ent_store_error(s));
        return -2;
    }
    return v;
}

#endif
