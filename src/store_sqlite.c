/* store_sqlite.c -- the embedded store: one SQLite file in WAL mode.
 *
 * Design.  WAL lets `entente events` read while an ingest writes, and a
 * batch is one BEGIN IMMEDIATE ... COMMIT, so a killed process leaves the
 * file at the last committed batch (SQLite rolls the rest back on the next
 * open).  synchronous=NORMAL keeps that guarantee for a process crash; only
 * a power cut may lose the last batches, never corrupt the file.  The
 * insert statements are prepared once per handle and reset per row, so a
 * batch costs no parsing.  Sentence text search uses an FTS5 index when
 * the library has FTS5 (LIKE otherwise), filled once per batch inside the
 * batch's transaction, so the index and the rows commit together.
 */
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_int.h"
#include "util.h"

enum { ST_DOC, ST_SENT, ST_DEL_EVENTS, ST_SET_DICT, ST_FTS_FILL, ST_DAYS_ADD,
       ST_DAYS_SUB, N_ST };

/* dyad_days counts events by country pair, date, QuadClass and
 * neutrality (store.h), for the dyad query (analysis.c): a busy dyad's
 * days are a fifth of its events.
 * A batch's new events are added as the groups day_groups makes of them
 * in memory (reading them back to group them cost more than storing
 * them), merged into the table's rows; events about to be deleted are
 * taken off first.  A count brought to zero stays as a row (queries skip
 * it): deleting it would need a second pass over the same keys. */
typedef struct day_group {
    char src[ENT_STORE_COUNTRY_CAP], tgt[ENT_STORE_COUNTRY_CAP];   /* ent_store_country */
    int32_t date, day;
    int quad, neutral;
    long n, leads;
    double gsum, lead_gsum;
} day_group;

static const char *const stmt_sql[N_ST] = {
    "INSERT INTO documents (id, date, source, url, title, text_hash, norm_hash, dict, stored_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    "INSERT INTO sentences (doc, idx, text, begin_off, end_off, parse) VALUES (?, ?, ?, ?, ?, ?)",
    "DELETE FROM events WHERE doc = ?",
    "UPDATE documents SET dict = ? WHERE key = ?",
    /* the batch's sentences into the text index, in one statement */
    "INSERT INTO sentences_fts (rowid, text) SELECT rowid, text FROM sentences WHERE rowid >= ?",
    "INSERT INTO dyad_days (src_country, tgt_country, date, day, quad, neutral, n, gsum, leads,"
    " lead_gsum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (src_country, tgt_country, date, quad, neutral) DO UPDATE"
    " SET n = dyad_days.n + excluded.n, gsum = dyad_days.gsum + excluded.gsum,"
    " leads = dyad_days.leads + excluded.leads,"
    " lead_gsum = dyad_days.lead_gsum + excluded.lead_gsum",
    /* ?2, ?3: the neutral roots (ent_store_neutral_list) */
    "UPDATE dyad_days SET n = dyad_days.n - x.n, gsum = dyad_days.gsum - x.g,"
    " leads = dyad_days.leads - x.l, lead_gsum = dyad_days.lead_gsum - x.lg"
    " FROM (SELECT src_country, tgt_country, date, quad, root IN (?2, ?3) AS neutral,"
    " count(*) AS n, sum(goldstein) AS g, sum(lead_mention) AS l,"
    " sum(goldstein * lead_mention) AS lg"
    " FROM events WHERE doc = ?1 GROUP BY src_country, tgt_country, date, quad, 5) AS x"
    " WHERE dyad_days.src_country = x.src_country AND dyad_days.tgt_country = x.tgt_country"
    " AND dyad_days.date = x.date AND dyad_days.quad = x.quad"
    " AND dyad_days.neutral = x.neutral",
};

/* How sentence text is indexed (meta 'fts'): not at all (LIKE); by a
 * trigger per inserted row or by one INSERT ... SELECT per batch (stores
 * made by earlier versions); or, the default, on demand: the index holds
 * the sentences up to rowid meta 'fts_rowid' and is brought up to date
 * before a text search or by ent_store_text_index, so ingest does not pay
 * for it (a tenth of its time on the bench corpus). */
enum { FTS_NONE = 0, FTS_TRIGGER = 1, FTS_BATCH = 2, FTS_LAZY = 3 };

/* Statements of sq_query kept prepared: the batch statements of
 * store_happen.c come again and again with the same text, and preparing a
 * statement of some hundred parameters cost more than running it. */
#define SQ_CACHE 12

typedef struct sq_cached {
    char *sql;                /* malloc'd; NULL: the slot is free */
    sqlite3_stmt *st;
    int busy;                 /* running (a row callback may query again) */
} sq_cached;

typedef struct sq {
    sqlite3 *db;
    sqlite3_stmt *st[N_ST];
    sq_cached cache[SQ_CACHE];
    unsigned cache_next;      /* the slot to take next, round robin */
    int fts;
    int timeout_ms;           /* 0: none */
    double deadline;          /* of the statement running (ent_now seconds) */
    int timed_out;
} sq;

static const char *schema_sql =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE dict_sets (identity INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " loaded_at TEXT NOT NULL);"
    "CREATE TABLE documents (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " date INTEGER NOT NULL, source TEXT, url TEXT, title TEXT, text_hash INTEGER NOT NULL,"
    " norm_hash INTEGER NOT NULL UNIQUE, dict INTEGER NOT NULL, stored_at TEXT NOT NULL);"
    "CREATE INDEX documents_dict ON documents (dict, key);"
    "CREATE TABLE sentences (doc INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,"
    " begin_off INTEGER NOT NULL, end_off INTEGER NOT NULL, parse TEXT,"
    " PRIMARY KEY (doc, idx));"
    "CREATE TABLE events (doc INTEGER NOT NULL, sent INTEGER NOT NULL, n INTEGER NOT NULL,"
    " date INTEGER NOT NULL, day INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,"
    " src_country TEXT NOT NULL, tgt_country TEXT NOT NULL, code TEXT NOT NULL,"
    " root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL, source_text TEXT,"
    " target_text TEXT, verb TEXT, pattern TEXT, issue TEXT, published INTEGER,"
    " published_day INTEGER, date_precision INTEGER, date_text TEXT, place TEXT, place_name TEXT,"
    " place_country TEXT, place_adm1 TEXT, lat REAL, lon REAL, place_kind TEXT,"
    " happening INTEGER, lead_mention INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (doc, sent, n));"
    /* The analysis queries (analysis.c) read only these columns: covering
     * indexes answer them without touching the table, a dyad of codes
     * like RUSMIL too.  An actor is matched through its country column
     * (ent_store_stmt_actor), so no index of its own: one on source
     * or target cost a seventh of ingest's time and LIKE could not use it.
     * lead_mention lets them answer the count of happenings too. */
    "CREATE INDEX events_dyad ON events (src_country, tgt_country, date, quad, goldstein, day,"
    " source, target, root, lead_mention);"
    "CREATE INDEX events_date ON events (date, day, src_country, tgt_country, quad, goldstein,"
    " root, lead_mention);"
    "CREATE TABLE dyad_days (src_country TEXT NOT NULL, tgt_country TEXT NOT NULL,"
    " date INTEGER NOT NULL, day INTEGER NOT NULL, quad INTEGER NOT NULL,"
    " neutral INTEGER NOT NULL, n INTEGER NOT NULL, gsum REAL NOT NULL,"
    " leads INTEGER NOT NULL DEFAULT 0, lead_gsum REAL NOT NULL DEFAULT 0,"
    " PRIMARY KEY (src_country, tgt_country, date, quad, neutral)) WITHOUT ROWID;";

/* The index is filled by INSERT ... SELECT over many rows rather than by
 * an insert trigger: measured on the bench corpus, the trigger's
 * row-at-a-time updates cost about five times as much.  A deleted
 * sentence leaves the index only if it was in it (FTS5 would otherwise
 * be corrupted by the removal of an entry it never had). */
static const char *fts_sql =
    "CREATE VIRTUAL TABLE sentences_fts USING fts5 (text, content = 'sentences',"
    " content_rowid = 'rowid', columnsize = 0);"
    "CREATE TRIGGER sentences_fts_del AFTER DELETE ON sentences"
    " WHEN old.rowid <= coalesce((SELECT CAST(value AS INTEGER) FROM meta"
    " WHERE key = 'fts_rowid'), old.rowid) BEGIN"
    " INSERT INTO sentences_fts (sentences_fts, rowid, text)"
    " VALUES ('delete', old.rowid, old.text); END;"
    "INSERT INTO meta (key, value) VALUES ('fts_rowid', '0');";

static const char *fts_drop_sql =
    "DROP TRIGGER IF EXISTS sentences_fts_del; DROP TABLE IF EXISTS sentences_fts;"
    " DELETE FROM meta WHERE key = 'fts_rowid'; UPDATE meta SET value = '0' WHERE key = 'fts';";

/* The sentences stored since the last catch-up into the index. */
static const char *fts_catch_up_sql =
    "INSERT INTO sentences_fts (rowid, text) SELECT rowid, text FROM sentences"
    " WHERE rowid > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_rowid');"
    "UPDATE meta SET value = (SELECT coalesce(max(rowid), 0) FROM sentences)"
    " WHERE key = 'fts_rowid';";

static int sq_fail(ent_store *s, const char *sql) {
    sq *q = s->impl;
    ent_store_fail(s, sql, "%s", q && q->db ? sqlite3_errmsg(q->db) : "cannot open");
    return -1;
}

static int sq_exec(ent_store *s, const char *sql) {
    sq *q = s->impl;
    if (sqlite3_exec(q->db, sql, NULL, NULL, NULL) != SQLITE_OK) return sq_fail(s, sql);
    return 0;
}

/* SQLITE_STATIC: every value outlives the step that reads it (statements
 * are reset and their bindings cleared right after), so no copy. */
static int bind_text(sqlite3_stmt *st, int i, const char *v) {
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* Run a prepared statement with its parameters bound; reset it after. */
static int step_done(ent_store *s, int which) {
    sq *q = s->impl;
    int rc = sqlite3_step(q->st[which]);
    sqlite3_reset(q->st[which]);
    sqlite3_clear_bindings(q->st[which]);
    if (rc != SQLITE_DONE) return sq_fail(s, stmt_sql[which]);
    return 0;
}

/* SQLite's progress handler: non-zero interrupts the statement running. */
static int sq_progress(void *arg) {
    sq *q = arg;
    if (ent_now() <= q->deadline) return 0;
    q->timed_out = 1;
    return 1;
}

/* A statement past the time limit reads as that, not as "interrupted". */
static int sq_fail_timed(ent_store *s, const char *sql) {
    sq *q = s->impl;
    if (!q->timed_out) return sq_fail(s, sql);
    ent_store_fail(s, sql, "stopped after %d ms, " ENT_STORE_TIME_LIMIT, q->timeout_ms);
    return -1;
}

static int sq_set_timeout(ent_store *s, int ms) {
    sq *q = s->impl;
    q->timeout_ms = ms;
    /* every 10,000 virtual-machine steps: a few hundred microseconds */
    sqlite3_progress_handler(q->db, ms ? 10000 : 0, ms ? sq_progress : NULL, q);
    return 0;
}

/* A prepared statement of sql: a cached one (*slot its cache entry, now
 * busy) or, when the cache holds none free, a new one cached in the next
 * slot; *slot NULL when it could not be cached (finalize it after).
 * NULL when it does not prepare. */
static sqlite3_stmt *sq_prepare_cached(sq *q, const char *sql, sq_cached **slot) {
    *slot = NULL;
    for (int i = 0; i < SQ_CACHE; i++) {
        sq_cached *c = &q->cache[i];
        if (c->sql && !c->busy && !strcmp(c->sql, sql)) {
            c->busy = 1;
            *slot = c;
            return c->st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    sq_cached *c = &q->cache[q->cache_next % SQ_CACHE];
    char *copy = c->busy ? NULL : strdup(sql);
    if (!copy) return st;   /* uncached: the caller finalizes it */
    q->cache_next++;
    sqlite3_finalize(c->st);
    free(c->sql);
    *c = (sq_cached){copy, st, 1};
    *slot = c;
    return st;
}

static void sq_cache_free(sq *q) {
    for (int i = 0; i < SQ_CACHE; i++) {
        sqlite3_finalize(q->cache[i].st);
        free(q->cache[i].sql);
        q->cache[i] = (sq_cached){NULL, NULL, 0};
    }
}

/* Bind params[0..n) to st's parameters 1..n. */
static int bind_values(ent_store *s, sqlite3_stmt *st, const char *sql,
                       const ent_store_value *params, int n) {
    for (int i = 0; i < n; i++) {
        const ent_store_value *v = &params[i];
        int b = v->type == ENT_SV_INT    ? sqlite3_bind_int64(st, i + 1, v->i)
                : v->type == ENT_SV_REAL ? sqlite3_bind_double(st, i + 1, v->r)
                : v->type == ENT_SV_TEXT ? bind_text(st, i + 1, v->s)
                                         : sqlite3_bind_null(st, i + 1);
        if (b != SQLITE_OK) return sq_fail(s, sql);
    }
    return 0;
}

/* A kept statement back to the cache, or finalized when it was not kept. */
static void sq_release(sqlite3_stmt *st, sq_cached *slot) {
    if (slot) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        slot->busy = 0;
    } else {
        sqlite3_finalize(st);
    }
}

static int sq_query(ent_store *s, const char *sql, const ent_store_value *params, int n,
                    ent_store_row_fn fn, void *user) {
    sq *q = s->impl;
    sq_cached *slot;
    q->timed_out = 0;
    q->deadline = ent_now() + q->timeout_ms / 1000.0;
    sqlite3_stmt *st = sq_prepare_cached(q, sql, &slot);
    if (!st) return sq_fail(s, sql);
    int rc = bind_values(s, st, sql, params, n);
    const char *cols[64];
    int ncol = sqlite3_column_count(st);
    if (ncol > 64) ncol = 64;
    while (!rc) {
        int r = sqlite3_step(st);
        if (r == SQLITE_DONE) break;
        if (r != SQLITE_ROW) {
            rc = sq_fail_timed(s, sql);
            break;
        }
        if (!fn) continue;
        for (int c = 0; c < ncol; c++) cols[c] = (const char *)sqlite3_column_text(st, c);
        rc = fn(user, ncol, cols);
    }
    sq_release(st, slot);
    return rc;
}

/* Rows of a multi-row INSERT of sq_insert_rows. */
#define SQ_ROWS_PER_INSERT 64

/* "INSERT OR IGNORE INTO target VALUES (?, ...), ..." of rows rows. */
static int insert_sql(ent_buf *sql, const char *target, int ncols, int rows) {
    int rc = ent_buf_puts(sql, "INSERT OR IGNORE INTO ");
    rc |= ent_buf_puts(sql, target);
    rc |= ent_buf_puts(sql, " VALUES ");
    for (int r = 0; r < rows; r++) {
        rc |= ent_buf_puts(sql, r ? ", (?" : "(?");
        for (int k = 1; k < ncols; k++) rc |= ent_buf_puts(sql, ", ?");
        rc |= ent_buf_puts(sql, ")");
    }
    return rc;
}

/* Rows SQ_ROWS_PER_INSERT at a time, the rest one at a time: two kept
 * statements whatever the number.  OR IGNORE: a statement of many rows
 * that could fail halfway costs SQLite a statement journal (the first
 * change of each page it writes copied aside, past 64 kB into a
 * temporary file, to undo the rows before); one that cannot fail needs
 * none.  The rows are new by construction (store_int.h). */
static int sq_insert_rows(ent_store *s, const char *target, const ent_store_value *v, int ncols,
                          int nrows) {
    sq *q = s->impl;
    ent_buf sql = {0};
    int rc = 0;
    for (int r = 0; r < nrows && !rc;) {
        int rows = nrows - r >= SQ_ROWS_PER_INSERT ? SQ_ROWS_PER_INSERT : 1;
        ent_buf_clear(&sql);
        if (insert_sql(&sql, target, ncols, rows)) {
            rc = -1;
            ent_store_fail(s, target, "out of memory");
            break;
        }
        sq_cached *slot;
        sqlite3_stmt *st = sq_prepare_cached(q, sql.data, &slot);
        if (!st) {
            rc = sq_fail(s, sql.data);
            break;
        }
        for (; nrows - r >= rows && !rc; r += rows) {
            rc = bind_values(s, st, sql.data, &v[(size_t)r * (size_t)ncols], ncols * rows);
            if (!rc && sqlite3_step(st) != SQLITE_DONE) rc = sq_fail(s, sql.data);
            sqlite3_reset(st);
        }
        sq_release(st, slot);
    }
    ent_buf_free(&sql);
    return rc ? -1 : 0;
}

static int version_row(void *user, int n, const char *const *cols) {
    *(int *)user = n > 0 && cols[0] ? atoi(cols[0]) : 0;
    return 0;
}

/* Create the schema in a fresh file, or check the version of an old one. */
static int sq_schema(ent_store *s) {
    sq *q = s->impl;
    int have = 0;
    const char *probe = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'";
    /* an existing store is checked under a read transaction only, so
     * opening one (entente events, a second ingest) does not queue behind
     * a running ingest's write lock; only creating takes it */
    if (sq_exec(s, "BEGIN")) return -1;
    if (sq_query(s, probe, NULL, 0, version_row, &have)) goto fail;
    if (!have) {
        if (sq_exec(s, "COMMIT") || sq_exec(s, "BEGIN IMMEDIATE")) goto fail;
        if (sq_query(s, probe, NULL, 0, version_row, &have)) goto fail;   /* a racing creator */
    }
    if (!have) {
        if (sq_exec(s, schema_sql)) goto fail;
        /* FTS5 is optional in SQLite builds: without it, LIKE serves */
        q->fts = sqlite3_exec(q->db, fts_sql, NULL, NULL, NULL) == SQLITE_OK ? FTS_LAZY : FTS_NONE;
        char v[16], f[16];
        snprintf(v, sizeof v, "%d", ENT_STORE_SCHEMA_VERSION);
        snprintf(f, sizeof f, "%d", q->fts);
        ent_store_value p[4] = {{.type = ENT_SV_TEXT, .s = "schema_version"},
                                {.type = ENT_SV_TEXT, .s = v},
                                {.type = ENT_SV_TEXT, .s = "fts"},
                                {.type = ENT_SV_TEXT, .s = f}};
        if (sq_query(s, "INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)", p, 4, NULL, NULL))
            goto fail;
    } else {
        int ver = 0, fts = 0;
        ent_store_value k = {.type = ENT_SV_TEXT, .s = "schema_version"};
        const char *get = "SELECT value FROM meta WHERE key = ?";
        if (sq_query(s, get, &k, 1, version_row, &ver)) goto fail;
        if (ver > ENT_STORE_SCHEMA_VERSION || ver < 1) {
            ent_store_fail(s, NULL, "schema version %d, this entente reads %d (upgrade entente)",
                           ver, ENT_STORE_SCHEMA_VERSION);
            goto fail;
        }
        k.s = "fts";
        if (sq_query(s, get, &k, 1, version_row, &fts)) goto fail;
        q->fts = fts == FTS_TRIGGER || fts == FTS_BATCH || fts == FTS_LAZY ? fts : FTS_NONE;
    }
    int dated = 0;
    if (sq_query(s, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'published'",
                 NULL, 0, version_row, &dated))
        goto fail;
    if (!dated && sq_exec(s, ent_store_event_dates_sql)) goto fail;
    int placed = 0;
    if (sq_query(s, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'place_name'",
                 NULL, 0, version_row, &placed))
        goto fail;
    if (!placed && sq_exec(s, ent_store_event_places_sql)) goto fail;
    int linked = 0, tables = 0;
    if (sq_query(s, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'happening'",
                 NULL, 0, version_row, &linked) ||
        (!linked && sq_exec(s, ent_store_happen_sql)))
        goto fail;
    if (sq_query(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                    " AND name = 'happenings'",
                 NULL, 0, version_row, &tables) ||
        (!tables && sq_exec(s, ent_store_happen_tables_sqlite)))
        goto fail;
    /* a dyad_days without `neutral` (older stores) cannot tell statements
     * from cooperation: the dyad query then reads the events, and ingest
     * leaves the table alone */
    if (sq_query(s, "SELECT count(*) FROM pragma_table_info('dyad_days') WHERE name = 'neutral'",
                 NULL, 0, version_row, &s->dyad_days))
        goto fail;
    /* the counts of lead mentions (happenings), added to older tables:
     * every event stored before was its own lead */
    int leads = 0;
    if (s->dyad_days &&
        (sq_query(s, "SELECT count(*) FROM pragma_table_info('dyad_days') WHERE name = 'leads'",
                  NULL, 0, version_row, &leads) ||
         (!leads && sq_exec(s, "ALTER TABLE dyad_days ADD COLUMN leads INTEGER NOT NULL DEFAULT 0;"
                               "ALTER TABLE dyad_days ADD COLUMN lead_gsum REAL NOT NULL DEFAULT 0;"
                               "UPDATE dyad_days SET leads = n, lead_gsum = gsum;"))))
        goto fail;
    return sq_exec(s, "COMMIT");
fail:
    sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static void sq_close(ent_store *s) {
    sq *q = s->impl;
    if (!q) return;
    for (int i = 0; i < N_ST; i++) sqlite3_finalize(q->st[i]);
    sq_cache_free(q);
    sqlite3_close(q->db);
    free(q);
    s->impl = NULL;
}

static int put_doc(ent_store *s, ent_store_doc *d, const char *now, int *stored,
                   int64_t *first_rowid) {
    sq *q = s->impl;
    sqlite3_stmt *st = q->st[ST_DOC];
    bind_text(st, 1, d->id);
    sqlite3_bind_int(st, 2, d->date);
    bind_text(st, 3, d->source);
    bind_text(st, 4, d->url);
    bind_text(st, 5, d->title);
    sqlite3_bind_int64(st, 6, ent_store_i64(d->text_hash));
    sqlite3_bind_int64(st, 7, ent_store_i64(d->norm_hash));
    sqlite3_bind_int64(st, 8, ent_store_i64(d->dict));
    bind_text(st, 9, now);
    if (step_done(s, ST_DOC)) return -1;
    if (sqlite3_changes(q->db) == 0) {   /* id or text already stored */
        d->skipped = 1;
        return 0;
    }
    d->key = sqlite3_last_insert_rowid(q->db);
    (*stored)++;
    for (int i = 0; i < d->n_sentences; i++) {
        const ent_store_sentence *x = &d->sentences[i];
        sqlite3_stmt *ss = q->st[ST_SENT];
        sqlite3_bind_int64(ss, 1, d->key);
        sqlite3_bind_int(ss, 2, x->index);
        bind_text(ss, 3, x->text ? x->text : "");
        sqlite3_bind_int(ss, 4, x->begin);
        sqlite3_bind_int(ss, 5, x->end);
        bind_text(ss, 6, x->parse);
        if (step_done(s, ST_SENT)) return -1;
        if (*first_rowid < 0) *first_rowid = sqlite3_last_insert_rowid(q->db);
    }
    return 0;
}

#define EVENT_COLUMNS                                                                             \
    "events (doc, sent, n, date, day, source, target, src_country, tgt_country, code, root, quad,"   \
    " goldstein, source_text, target_text, verb, pattern, issue, published, published_day,"        \
    " date_precision, date_text, place, place_name, place_country, place_adm1, lat, lon,"          \
    " place_kind, happening, lead_mention)"
#define EVENT_NCOLS 31

static ent_store_value sv_int(int64_t i) { return (ent_store_value){.type = ENT_SV_INT, .i = i}; }
/* NULL stays NULL. */
static ent_store_value sv_text(const char *v) {
    return v ? (ent_store_value){.type = ENT_SV_TEXT, .s = v} : (ent_store_value){.type = ENT_SV_NULL};
}

/* A coordinate of a placed event, else NULL. */
static ent_store_value sv_coord(const ent_store_event *e, double v) {
    return ent_store_place_text(e, e->place_name) && !isnan(v)
               ? (ent_store_value){.type = ENT_SV_REAL, .r = v}
               : (ent_store_value){.type = ENT_SV_NULL};
}

/* Event e, number n of its sentence, in document key, linked to happening
 * `hap` (lead: its lead mention): the EVENT_NCOLS values of EVENT_COLUMNS
 * into p; cc holds its two country codes. */
static void event_values(const ent_store_event *e, int64_t key, int n, int64_t hap, int lead,
                         char cc[2][ENT_STORE_COUNTRY_CAP], ent_store_value *p) {
    ent_store_country(e->source, cc[0]);
    ent_store_country(e->target, cc[1]);
    int32_t when = ent_store_event_date(e);
    ent_store_value v[EVENT_NCOLS] = {
        sv_int(key), sv_int(e->sent), sv_int(n), sv_int(when), sv_int(ent_store_day(when)),
        sv_text(e->source ? e->source : ""), sv_text(e->target ? e->target : ""),
        sv_text(cc[0]), sv_text(cc[1]), sv_text(e->code ? e->code : ""),
        sv_text(e->root ? e->root : ""), sv_int(e->quad),
        (ent_store_value){.type = ENT_SV_REAL, .r = e->goldstein}, sv_text(e->source_text),
        sv_text(e->target_text), sv_text(e->verb), sv_text(e->pattern), sv_text(e->issue),
        sv_int(e->date), sv_int(ent_store_day(e->date)), sv_int(e->date_precision),
        sv_text(e->date_text ? e->date_text : ""), sv_text(ent_store_place_text(e, e->place)),
        sv_text(ent_store_place_text(e, e->place_name)),
        sv_text(ent_store_place_text(e, e->place_country)),
        sv_text(ent_store_place_text(e, e->place_adm1)), sv_coord(e, e->lat),
        sv_coord(e, e->lon), sv_text(ent_store_place_text(e, e->place_kind)), sv_int(hap),
        sv_int(lead)};
    memcpy(p, v, sizeof v);
}

/* The events of docs[0..n) not `skipped`, linked by l, by sq_insert_rows:
 * statements of many rows, where a row a statement cost a tenth of the
 * writer's time in opening and closing the table's and indexes' cursors.
 * An event's key (document, sentence, number) is new with its document,
 * or its document's events were deleted first (a recode). */
static int put_events(ent_store *s, const ent_store_doc *docs, int n, const ent_store_links *l) {
    size_t total = 0;
    for (int i = 0; i < n; i++) total += docs[i].skipped ? 0 : (size_t)docs[i].n_events;
    if (!total) return 0;
    ent_store_value *v = malloc(total * EVENT_NCOLS * sizeof *v);
    char(*cc)[2][ENT_STORE_COUNTRY_CAP] = malloc(total * sizeof *cc);
    if (!v || !cc) {
        free(v);
        free(cc);
        return ent_store_fail(s, "INSERT INTO events", "out of memory"), -1;
    }
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (docs[i].skipped) continue;
        int n_in_sent = 0, last_sent = -1;
        for (int j = 0; j < docs[i].n_events; j++, k++) {
            const ent_store_event *e = &docs[i].events[j];
            n_in_sent = ent_store_sent_rank(e, n_in_sent, &last_sent);
            event_values(e, docs[i].key, n_in_sent, k < l->n ? l->id[k] : 0,
                         k < l->n ? l->lead[k] : 1, cc[k], &v[k * EVENT_NCOLS]);
        }
    }
    int rc = sq_insert_rows(s, EVENT_COLUMNS, v, EVENT_NCOLS, (int)total);
    free(v);
    free(cc);
    return rc;
}

static int cmp_day_group(const void *a, const void *b) {
    const day_group *x = a, *y = b;
    int c = strcmp(x->src, y->src);
    if (!c) c = strcmp(x->tgt, y->tgt);
    if (!c) c = (x->date > y->date) - (x->date < y->date);
    if (!c) c = (x->quad > y->quad) - (x->quad < y->quad);
    if (!c) c = x->neutral - y->neutral;
    return c;
}

/* The events of docs[0..n) not `skipped`, linked by l, grouped: *out
 * (malloc'd, the caller frees) and their number, or -1 when out of memory. */
static int day_groups(const ent_store_doc *docs, int n, const ent_store_links *l,
                      day_group **out) {
    size_t total = 0;
    for (int i = 0; i < n; i++) total += docs[i].skipped ? 0 : (size_t)docs[i].n_events;
    *out = NULL;
    if (!total) return 0;
    day_group *g = malloc(total * sizeof *g);
    if (!g) return -1;
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (docs[i].skipped) continue;
        for (int j = 0; j < docs[i].n_events; j++) {
            const ent_store_event *e = &docs[i].events[j];
            day_group *x = &g[k++];
            ent_store_country(e->source, x->src);
            ent_store_country(e->target, x->tgt);
            x->date = ent_store_event_date(e);
            x->day = ent_store_day(x->date);
            x->quad = e->quad;
            x->neutral = ent_store_neutral_root(e->root);
            x->n = 1;
            x->gsum = e->goldstein;
            x->leads = k - 1 < l->n ? l->lead[k - 1] : 1;
            x->lead_gsum = x->leads ? e->goldstein : 0.0;
        }
    }
    qsort(g, k, sizeof *g, cmp_day_group);
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (m && !cmp_day_group(&g[m - 1], &g[i])) {
            g[m - 1].n += g[i].n;
            g[m - 1].gsum += g[i].gsum;
            g[m - 1].leads += g[i].leads;
            g[m - 1].lead_gsum += g[i].lead_gsum;
        } else {
            g[m++] = g[i];
        }
    }
    *out = g;
    return (int)m;
}

/* dyad_days: add the events of docs[0..n) (stored, or just replaced);
 * nothing in a store without the table. */
static int days_add(ent_store *s, const ent_store_doc *docs, int n, const ent_store_links *l) {
    sq *q = s->impl;
    if (!s->dyad_days) return 0;
    day_group *g;
    int ng = day_groups(docs, n, l, &g);
    if (ng < 0) return ent_store_fail(s, stmt_sql[ST_DAYS_ADD], "out of memory"), -1;
    sqlite3_stmt *st = q->st[ST_DAYS_ADD];
    int rc = 0;
    for (int i = 0; i < ng && !rc; i++) {
        bind_text(st, 1, g[i].src);
        bind_text(st, 2, g[i].tgt);
        sqlite3_bind_int(st, 3, g[i].date);
        sqlite3_bind_int(st, 4, g[i].day);
        sqlite3_bind_int(st, 5, g[i].quad);
        sqlite3_bind_int(st, 6, g[i].neutral);
        sqlite3_bind_int64(st, 7, g[i].n);
        sqlite3_bind_double(st, 8, g[i].gsum);
        sqlite3_bind_int64(st, 9, g[i].leads);
        sqlite3_bind_double(st, 10, g[i].lead_gsum);
        rc = step_done(s, ST_DAYS_ADD);
    }
    free(g);
    return rc;
}

/* ... and take off the events of the document `key`, before they go. */
static int days_sub(ent_store *s, int64_t key) {
    sq *q = s->impl;
    if (!s->dyad_days) return 0;
    sqlite3_bind_int64(q->st[ST_DAYS_SUB], 1, key);
    for (int i = 0; i < 2; i++) bind_text(q->st[ST_DAYS_SUB], 2 + i, ent_store_neutral_list(i));
    return step_done(s, ST_DAYS_SUB);
}

static int sq_put(ent_store *s, ent_store_doc *docs, int n, int *stored) {
    sq *q = s->impl;
    int count = 0;
    char now[24];
    ent_store_now(now);
    int64_t first = -1;   /* rowid of the batch's first sentence */
    ent_store_links l = {0};
    if (sq_exec(s, "BEGIN IMMEDIATE")) return -1;
    for (int i = 0; i < n; i++)
        if (!docs[i].skipped && put_doc(s, &docs[i], now, &count, &first)) goto fail;
    if (ent_store_links_make(s, docs, n, 0, &l)) goto fail;
    if (put_events(s, docs, n, &l)) goto fail;
    if (ent_store_copies_put(s, docs, n, now, &l) || days_add(s, docs, n, &l) ||
        ent_store_links_finish(s, &l, 0))
        goto fail;
    /* rowids only grow inside the write transaction, so the batch's
     * sentences are exactly those from `first` on */
    if (q->fts == FTS_BATCH && first >= 0) {
        sqlite3_bind_int64(q->st[ST_FTS_FILL], 1, first);
        if (step_done(s, ST_FTS_FILL)) goto fail;
    }
    if (sq_exec(s, "COMMIT")) goto fail;
    ent_store_links_free(&l);
    if (stored) *stored = count;
    return 0;
fail:
    sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    ent_store_links_free(&l);
    for (int i = 0; i < n; i++) docs[i].key = 0;
    return -1;
}

static int sq_replace_events(ent_store *s, const ent_store_doc *docs, int n) {
    sq *q = s->impl;
    ent_store_links l = {0};
    if (sq_exec(s, "BEGIN IMMEDIATE")) return -1;
    if (ent_store_links_before_delete(s, docs, n, &l)) goto fail;
    for (int i = 0; i < n; i++) {
        if (days_sub(s, docs[i].key)) goto fail;
        sqlite3_bind_int64(q->st[ST_DEL_EVENTS], 1, docs[i].key);
        if (step_done(s, ST_DEL_EVENTS)) goto fail;
        sqlite3_bind_int64(q->st[ST_SET_DICT], 1, ent_store_i64(docs[i].dict));
        sqlite3_bind_int64(q->st[ST_SET_DICT], 2, docs[i].key);
        if (step_done(s, ST_SET_DICT)) goto fail;
    }
    if (ent_store_links_make(s, docs, n, 1, &l)) goto fail;
    if (put_events(s, docs, n, &l)) goto fail;
    if (days_add(s, docs, n, &l) || ent_store_links_finish(s, &l, 1) || sq_exec(s, "COMMIT"))
        goto fail;
    ent_store_links_free(&l);
    return 0;
fail:
    sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    ent_store_links_free(&l);
    return -1;
}

/* FTS5: every word quoted (a quote inside doubled), so the user's words
 * are terms and never query syntax.  LIKE: the words in order. */
static const char *sq_text_match(ent_store *s, const char *words, char *param, size_t cap) {
    sq *q = s->impl;
    size_t k = 0;
    int in_word = 0;
    if (cap < 8) return NULL;
    if (!q->fts) param[k++] = '%';
    for (const char *p = words; *p && k + 4 < cap; p++) {
        int space = *p == ' ' || *p == '\t' || *p == '\n';
        if (q->fts) {
            if (space) {
                if (in_word) param[k++] = '"', param[k++] = ' ';
                in_word = 0;
                continue;
            }
            if (!in_word) param[k++] = '"';
            in_word = 1;
            if (*p == '"') param[k++] = '"';
            param[k++] = *p;
        } else {
            if (space) {
                if (k && param[k - 1] != '%') param[k++] = '%';
                continue;
            }
            if (*p == '%' || *p == '_' || *p == '\\') param[k++] = '\\';
            param[k++] = *p;
        }
    }
    if (q->fts && in_word) param[k++] = '"';
    if (!q->fts && param[k - 1] != '%') param[k++] = '%';
    param[k] = '\0';
    return q->fts ? "sn.rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)"
                  : "sn.text LIKE ? ESCAPE '\\'";
}

/* Bring the on-demand index up to date, build it, or drop it. */
static int sq_text_index(ent_store *s, int how) {
    sq *q = s->impl;
    if (how == ENT_STORE_TEXT_SEARCH && q->fts != FTS_LAZY) return 0;
    if (how == ENT_STORE_TEXT_BUILD && (q->fts == FTS_TRIGGER || q->fts == FTS_BATCH)) return 0;
    if (how == ENT_STORE_TEXT_DROP && q->fts == FTS_NONE) return 0;
    if (sq_exec(s, "BEGIN IMMEDIATE")) return -1;
    int fts = q->fts;
    if (how == ENT_STORE_TEXT_DROP) {
        if (sq_exec(s, fts_drop_sql)) goto fail;
        fts = FTS_NONE;
    } else {
        if (fts == FTS_NONE) {
            if (sq_exec(s, fts_sql) ||
                sq_exec(s, "INSERT OR REPLACE INTO meta (key, value) VALUES ('fts', '3')"))
                goto fail;
            fts = FTS_LAZY;
        }
        if (sq_exec(s, fts_catch_up_sql)) goto fail;
    }
    if (sq_exec(s, "COMMIT")) goto fail;
    /* the batch statement goes with the table it fills */
    if (fts != FTS_BATCH && q->st[ST_FTS_FILL]) {
        sqlite3_finalize(q->st[ST_FTS_FILL]);
        q->st[ST_FTS_FILL] = NULL;
    }
    q->fts = fts;
    return 0;
fail:
    sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* Any URL the backends before this one did not take: a file's path,
 * "sqlite:" before it or not. */
static int sq_takes(const char *url) {
    (void)url;
    return 1;
}

static const char *sq_file(const char *url) { return strncmp(url, "sqlite:", 7) ? url : url + 7; }

/* When a SQLite store could not be opened because its place cannot be
 * written (a read-only file system, no permission): a plain message in
 * err, and 0.  SQLite writes beside the file even to read a store (its
 * -wal and -shm files), so a store on read-only media cannot be opened
 * where it lies; its own words for that ("unable to open database file")
 * name neither the cause nor the way out.  -1 when that is not the cause. */
static int unwritable_place(const char *path, char *err, size_t errcap) {
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    const char *what = NULL;
    int e = 0;
    if (access(path, F_OK) == 0 && access(path, W_OK) < 0) what = path, e = errno;
    else if (access(dir, W_OK) < 0) what = dir, e = errno;
    if (!what || (e != EROFS && e != EACCES && e != EPERM)) return -1;
    if (what == path)
        snprintf(err, errcap,
                 "%s: cannot open the store: it cannot be written (%s); SQLite needs to write "
                 "beside a store even to read it, so copy it to a writable place and name the "
                 "copy with --db",
                 path, strerror(e));
    else   /* each name cut at 500 bytes: both fit the store's message */
        snprintf(err, errcap,
                 "%.500s: cannot open the store: its directory %.500s cannot be written (%s); "
                 "name a store in a writable place with --db",
                 path, dir, strerror(e));
    return 0;
}

static int sq_open_file(ent_store *s, const char *path) {
    sq *q = calloc(1, sizeof *q);
    if (!q) {
        ent_store_fail(s, NULL, "out of memory");
        return -1;
    }
    s->impl = q;
    /* NOMUTEX: a handle is used by one thread at a time (store.h), so
     * SQLite's own per-call locking is pure cost on the writer's path */
    if (sqlite3_open_v2(path, &q->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        return sq_fail(s, NULL);
    sqlite3_busy_timeout(q->db, 10000);
    /* 16 kB pages for a new file (an existing one keeps its own): fewer,
     * shallower B-tree pages for the event indexes; about a tenth less
     * writer time on the bench corpus than 4 kB */
    if (sq_exec(s, "PRAGMA page_size = 16384")) return -1;
    if (sq_exec(s, "PRAGMA journal_mode = WAL") || sq_exec(s, "PRAGMA synchronous = NORMAL"))
        return -1;
    if (sq_schema(s)) return -1;
    /* a page cache that holds the hot part of the event indexes, so a
     * batch's inserts do not keep re-reading the same index pages */
    if (sq_exec(s, "PRAGMA cache_size = -65536")) return -1;
    /* checkpoints every 64 MB of log rather than every 4 MB: a batch of
     * raw-text documents writes several MB, and a checkpoint after nearly
     * every commit rewrote the same index pages again and again */
    if (sq_exec(s, "PRAGMA wal_autocheckpoint = 16384")) return -1;
    for (int i = 0; i < N_ST; i++) {
        if (i == ST_FTS_FILL && q->fts != FTS_BATCH) continue;   /* no such table */
        if ((i == ST_DAYS_ADD || i == ST_DAYS_SUB) && !s->dyad_days) continue;
        if (sqlite3_prepare_v3(q->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &q->st[i],
                               NULL) != SQLITE_OK)
            return sq_fail(s, stmt_sql[i]);
    }
    return 0;
}

static int sq_open(ent_store *s, const char *url) {
    const char *path = sq_file(url);
    /* SQLite would take "" or ":memory:" for a store that vanishes on
     * close: an ingest would report documents stored and keep none. */
    if (!*path || !strcmp(path, ":memory:")) {
        snprintf(s->err, sizeof s->err, "store \"%s\": name a file (a store in memory is not kept)",
                 path);
        return -1;
    }
    snprintf(s->name, sizeof s->name, "%s", path);
    if (!sq_open_file(s, path)) return 0;
    unwritable_place(path, s->err, sizeof s->err);
    return -1;
}

const ent_store_ops ent_store_sqlite_ops = {
    .kind = ENT_STORE_SQLITE,
    .takes = sq_takes,
    .file = sq_file,
    .open = sq_open,
    .close = sq_close,
    .put = sq_put,
    .replace_events = sq_replace_events,
    .query = sq_query,
    .text_match = sq_text_match,
    .text_index = sq_text_index,
    .set_timeout = sq_set_timeout,
    .insert_rows = sq_insert_rows,
    /* counts the commits of every other connection to the file, this
     * process's or another's: so only comparable on one handle */
    .changes_sql = "PRAGMA data_version",
};
