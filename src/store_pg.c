/* store_pg.c -- the shared store: PostgreSQL through libpq.
 *
 * Design.  Round trips and per-row statement work, not the disk, are
 * what limit a client ingest, so a batch is a handful of statements inside
 * one transaction: the document keys are taken from the sequence in one
 * query, documents go in as multi-row INSERTs (values bound, $1, $2, ...
 * sent apart from the SQL text), and sentences and events, the bulk, as
 * COPY ... FROM STDIN data in binary form.  What remains is mostly the
 * server keeping its indexes; the GIN text index, which alone would
 * double that, is made only on request (ent_store_text_index).
 * Documents already stored are found by ON CONFLICT DO NOTHING RETURNING:
 * two ingests racing on the same server store each document once.  Rows
 * of a query are read in single-row mode, so listing millions of events
 * does not hold them all in memory.
 */
#include <inttypes.h>
#include <math.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

typedef struct pg {
    PGconn *conn;
} pg;

/* The statement being built: SQL text with $n placeholders and the
 * parameter values (text form; NULL = SQL NULL). */
typedef struct pgp {
    ent_buf sql;
    const char **vals;
    int n, cap;
    ent_arena a;
    int oom;
} pgp;

static void pgp_init(pgp *p) {
    memset(p, 0, sizeof *p);
    ent_arena_init(&p->a, 1 << 16);
}

static void pgp_reset(pgp *p) {
    ent_buf_clear(&p->sql);
    p->n = 0;
    p->oom = 0;
    ent_arena_reset(&p->a);
}

static void pgp_free(pgp *p) {
    ent_buf_free(&p->sql);
    free(p->vals);
    ent_arena_free(&p->a);
}

static void pgp_sql(pgp *p, const char *s) {
    if (ent_buf_puts(&p->sql, s) < 0) p->oom = 1;
}

/* Append "$k" for a new parameter with value v (copied when `copy`). */
static void pgp_val(pgp *p, const char *v) {
    if (p->n == p->cap) {
        int cap = p->cap ? p->cap * 2 : 256;
        const char **nv = realloc(p->vals, (size_t)cap * sizeof *nv);
        if (!nv) {
            p->oom = 1;
            return;
        }
        p->vals = nv;
        p->cap = cap;
    }
    p->vals[p->n++] = v;
    if (ent_buf_printf(&p->sql, "$%d", p->n) < 0) p->oom = 1;
}

static void pgp_int(pgp *p, int64_t v) {
    char *s = ent_arena_alloc(&p->a, 24);
    if (!s) {
        p->oom = 1;
        return;
    }
    snprintf(s, 24, "%" PRId64, v);
    pgp_val(p, s);
}

static int pg_fail(ent_store *s, const char *sql, const PGresult *r) {
    pg *q = s->impl;
    const char *msg = r ? PQresultErrorMessage(r) : "";
    if (!msg || !*msg) msg = q && q->conn ? PQerrorMessage(q->conn) : "cannot connect";
    /* cancelled by statement_timeout: said as SQLite's backend says it */
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (s->timeout_ms && state && !strcmp(state, "57014")) {
        ent_store_fail(s, sql, "stopped after %d ms, " ENT_STORE_TIME_LIMIT, s->timeout_ms);
        return -1;
    }
    char m[700];
    snprintf(m, sizeof m, "%s", msg);
    size_t k = strlen(m);
    while (k && (m[k - 1] == '\n' || m[k - 1] == ' ')) m[--k] = '\0';
    ent_store_fail(s, sql, "%s", m);
    return -1;
}

/* Run a statement; returns its result (caller clears) or NULL after a
 * message. */
static PGresult *pg_run(ent_store *s, const char *sql, int n, const char *const *vals) {
    pg *q = s->impl;
    /* fixed statements without values (the schema's several commands,
     * BEGIN, COMMIT) go as a simple query; anything with values is bound */
    PGresult *r = n ? PQexecParams(q->conn, sql, n, NULL, vals, NULL, NULL, 0) : PQexec(q->conn, sql);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        pg_fail(s, sql, r);
        PQclear(r);
        return NULL;
    }
    return r;
}

static int pg_exec(ent_store *s, const char *sql) {
    PGresult *r = pg_run(s, sql, 0, NULL);
    PQclear(r);
    return r ? 0 : -1;
}

static int pgp_run(ent_store *s, pgp *p, PGresult **out) {
    if (p->oom) {
        ent_store_fail(s, p->sql.data, "out of memory");
        return -1;
    }
    PGresult *r = pg_run(s, p->sql.data, p->n, p->vals);
    if (!r) return -1;
    if (out) *out = r;
    else PQclear(r);
    return 0;
}

/* `?` -> `$n`, outside quoted strings and identifiers. */
static char *renumber(const char *sql) {
    size_t n = strlen(sql), extra = 0;
    for (const char *c = sql; *c; c++) extra += *c == '?' ? 6 : 0;
    char *out = malloc(n + extra + 1);
    if (!out) return NULL;
    size_t k = 0;
    int num = 0;
    char quote = 0;
    for (const char *c = sql; *c; c++) {
        if (quote) {
            if (*c == quote) quote = 0;
            out[k++] = *c;
        } else if (*c == '\'' || *c == '"') {
            quote = *c;
            out[k++] = *c;
        } else if (*c == '?') {
            k += (size_t)sprintf(out + k, "$%d", ++num);
        } else {
            out[k++] = *c;
        }
    }
    out[k] = '\0';
    return out;
}

static int pg_query(ent_store *s, const char *sql, const ent_store_value *params, int n,
                    ent_store_row_fn fn, void *user) {
    pg *q = s->impl;
    char *text = renumber(sql);
    const char **vals = calloc((size_t)(n > 0 ? n : 1), sizeof *vals);
    char (*nums)[32] = calloc((size_t)(n > 0 ? n : 1), sizeof *nums);
    int rc = 0;
    if (!text || !vals || !nums) {
        ent_store_fail(s, sql, "out of memory");
        rc = -1;
        goto done;
    }
    for (int i = 0; i < n; i++) {
        const ent_store_value *v = &params[i];
        if (v->type == ENT_SV_INT) snprintf(nums[i], 32, "%" PRId64, v->i), vals[i] = nums[i];
        else if (v->type == ENT_SV_REAL) snprintf(nums[i], 32, "%.17g", v->r), vals[i] = nums[i];
        else if (v->type == ENT_SV_TEXT) vals[i] = v->s;
        else vals[i] = NULL;
    }
    if (!PQsendQueryParams(q->conn, text, n, NULL, vals, NULL, NULL, 0)) {
        rc = pg_fail(s, sql, NULL);
        goto done;
    }
    PQsetSingleRowMode(q->conn);
    const char *cols[64];
    PGresult *r;
    /* read every result to the end, even after a stop, so the connection
     * is ready for the next statement */
    while ((r = PQgetResult(q->conn))) {
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_SINGLE_TUPLE && fn && !rc) {
            int nc = PQnfields(r) < 64 ? PQnfields(r) : 64;
            for (int c = 0; c < nc; c++) cols[c] = PQgetisnull(r, 0, c) ? NULL : PQgetvalue(r, 0, c);
            rc = fn(user, nc, cols);
        } else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK &&
                   !rc) {
            rc = pg_fail(s, sql, r);
        }
        PQclear(r);
    }
done:
    free(text);
    free(vals);
    free(nums);
    return rc;
}

static const char *schema_sql =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE dict_sets (identity BIGINT PRIMARY KEY, name TEXT NOT NULL,"
    " loaded_at TEXT NOT NULL);"
    "CREATE TABLE documents (key BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " date INTEGER NOT NULL, source TEXT, url TEXT, title TEXT, text_hash BIGINT NOT NULL,"
    " norm_hash BIGINT NOT NULL UNIQUE, dict BIGINT NOT NULL, stored_at TEXT NOT NULL);"
    "CREATE INDEX documents_dict ON documents (dict, key);"
    "CREATE TABLE sentences (doc BIGINT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,"
    " begin_off INTEGER NOT NULL, end_off INTEGER NOT NULL, parse TEXT,"
    " PRIMARY KEY (doc, idx));"
    "CREATE TABLE events (doc BIGINT NOT NULL, sent INTEGER NOT NULL, n INTEGER NOT NULL,"
    " date INTEGER NOT NULL, day INTEGER NOT NULL, source TEXT COLLATE \"C\" NOT NULL,"
    " target TEXT COLLATE \"C\" NOT NULL, src_country TEXT COLLATE \"C\" NOT NULL,"
    " tgt_country TEXT COLLATE \"C\" NOT NULL, code TEXT NOT NULL,"
    " root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein DOUBLE PRECISION NOT NULL,"
    " source_text TEXT, target_text TEXT, verb TEXT, pattern TEXT, issue TEXT,"
    " published INTEGER, published_day INTEGER, date_precision INTEGER, date_text TEXT,"
    " place TEXT, place_name TEXT, place_country TEXT, place_adm1 TEXT, lat DOUBLE PRECISION,"
    " lon DOUBLE PRECISION, place_kind TEXT, happening BIGINT,"
    " lead_mention INTEGER NOT NULL DEFAULT 1);"
    /* (doc, sent, n) is unique by construction: a document's events are
     * written, or replaced, whole.  A BRIN index finds them for recode. */
    "CREATE INDEX events_doc ON events USING BRIN (doc) WITH (autosummarize = on);"
    /* the analysis queries (analysis.c) read only these columns: covering
     * indexes answer them without touching the table (see store_sqlite.c) */
    "CREATE INDEX events_dyad ON events (src_country, tgt_country, date, quad, goldstein, day,"
    " source, target, root, lead_mention);"
    "CREATE INDEX events_date ON events (date, day, src_country, tgt_country, quad, goldstein,"
    " root, lead_mention);";
/* No dyad_days here (see store_sqlite.c): keeping it took a third of the
 * ingest rate on the bench corpus, the server sharing the CPUs with the
 * coders, while its dyad query gains less than SQLite's: the server
 * groups by period itself and hands out few rows. */

static int int_row(void *user, int n, const char *const *cols) {
    *(int *)user = n > 0 && cols[0] ? atoi(cols[0]) : 0;
    return 0;
}

static int pg_schema(ent_store *s) {
    /* an advisory lock serialises two clients creating the schema at once */
    if (pg_exec(s, "BEGIN") || pg_exec(s, "SELECT pg_advisory_xact_lock(7245031)")) goto fail;
    int have = 0;
    if (pg_query(s, "SELECT count(*) FROM pg_tables WHERE tablename = 'meta'"
                    " AND schemaname = current_schema()",
                 NULL, 0, int_row, &have))
        goto fail;
    if (!have) {
        if (pg_exec(s, schema_sql)) goto fail;
        char v[16];
        snprintf(v, sizeof v, "%d", ENT_STORE_SCHEMA_VERSION);
        ent_store_value p[2] = {{.type = ENT_SV_TEXT, .s = "schema_version"},
                                {.type = ENT_SV_TEXT, .s = v}};
        if (pg_query(s, "INSERT INTO meta (key, value) VALUES (?, ?)", p, 2, NULL, NULL))
            goto fail;
    } else {
        int ver = 0;
        ent_store_value k = {.type = ENT_SV_TEXT, .s = "schema_version"};
        if (pg_query(s, "SELECT value FROM meta WHERE key = ?", &k, 1, int_row, &ver)) goto fail;
        if (ver > ENT_STORE_SCHEMA_VERSION || ver < 1) {
            ent_store_fail(s, NULL, "schema version %d, this entente reads %d (upgrade entente)",
                           ver, ENT_STORE_SCHEMA_VERSION);
            goto fail;
        }
        int dated = 0;
        if (pg_query(s, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'events'"
                        " AND column_name = 'published' AND table_schema = current_schema()",
                     NULL, 0, int_row, &dated))
            goto fail;
        if (!dated && pg_exec(s, ent_store_event_dates_sql)) goto fail;
        int placed = 0;
        if (pg_query(s, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'events'"
                        " AND column_name = 'place_name' AND table_schema = current_schema()",
                     NULL, 0, int_row, &placed))
            goto fail;
        if (!placed && pg_exec(s, ent_store_event_places_sql)) goto fail;
        int linked = 0;
        if (pg_query(s, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'events'"
                        " AND column_name = 'happening' AND table_schema = current_schema()",
                     NULL, 0, int_row, &linked) ||
            (!linked && pg_exec(s, ent_store_happen_sql)))
            goto fail;
    }
    /* a new store makes them with the rest (an error if some are left
     * over, rather than happenings of another store joined) */
    int tables = 0;
    if ((have && pg_query(s, "SELECT count(*) FROM pg_tables WHERE tablename = 'happenings'"
                             " AND schemaname = current_schema()",
                          NULL, 0, int_row, &tables)) ||
        (!tables && pg_exec(s, ent_store_happen_tables_pg)))
        goto fail;
    return pg_exec(s, "COMMIT");
fail: {
    char keep[sizeof s->err];
    memcpy(keep, s->err, sizeof keep);
    pg_exec(s, "ROLLBACK");
    memcpy(s->err, keep, sizeof keep);
    return -1;
}
}

static void pg_rollback(ent_store *s) {
    char keep[sizeof s->err];
    memcpy(keep, s->err, sizeof keep);
    pg_exec(s, "ROLLBACK");
    memcpy(s->err, keep, sizeof keep);
}

#define DOC_ROWS 200

/* ---- COPY: sentences and events ------------------------------------------------
 *
 * Rows go to the server as COPY ... FROM STDIN (FORMAT binary) data sent
 * in chunks with PQputCopyData: no SQL text, no placeholders, no per-row
 * statement, and neither side prints or parses numbers or escapes text.
 * On the bench corpus this is several times cheaper than multi-row
 * INSERTs, and cheaper than COPY's text format on both sides.  A row is a
 * 16-bit field count, then per field a 32-bit length (-1 for NULL) and the
 * value in network byte order: int8 for BIGINT, int4 for INTEGER, IEEE
 * float8 for DOUBLE PRECISION, the bytes of TEXT (UTF-8, checked on
 * input).  So the column lists below must match the schema's types.
 */

#define COPY_CHUNK (1 << 18)

typedef struct copyb {
    ent_store *s;
    ent_buf buf;
    int oom, failed;
    int text;                 /* COPY's text format (pg_insert_rows), not binary */
} copyb;

static void cp_bytes(copyb *c, const void *p, size_t n) {
    if (ent_buf_append(&c->buf, p, n) < 0) c->oom = 1;
}

static void cp_be(copyb *c, uint64_t v, int bytes) {
    unsigned char b[8];
    for (int i = 0; i < bytes; i++) b[i] = (unsigned char)(v >> (8 * (bytes - 1 - i)));
    cp_bytes(c, b, (size_t)bytes);
}

static void cp_row(copyb *c, int fields) { cp_be(c, (uint64_t)fields, 2); }

static void cp_text(copyb *c, const char *v) {
    if (!v) {
        cp_be(c, 0xffffffffu, 4);   /* -1: NULL */
        return;
    }
    size_t n = strlen(v);
    if (n > INT32_MAX) {
        c->oom = 1;
        return;
    }
    cp_be(c, n, 4);
    cp_bytes(c, v, n);
}

static void cp_int4(copyb *c, int32_t v) {
    cp_be(c, 4, 4);
    cp_be(c, (uint32_t)v, 4);
}

static void cp_int8(copyb *c, int64_t v) {
    cp_be(c, 8, 4);
    cp_be(c, (uint64_t)v, 8);
}

static void cp_real(copyb *c, double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    cp_be(c, 8, 4);
    cp_be(c, bits, 8);
}

/* A coordinate of a placed event, else NULL. */
static void cp_coord(copyb *c, const ent_store_event *e, double v) {
    if (ent_store_place_text(e, e->place_name) && !isnan(v)) cp_real(c, v);
    else cp_be(c, 0xffffffffu, 4);
}

/* Send what is buffered once it is large (or always, when `all`). */
static void cp_flush(copyb *c, int all) {
    pg *q = c->s->impl;
    if (c->failed || c->oom || (!all && c->buf.len < COPY_CHUNK) || !c->buf.len) return;
    if (PQputCopyData(q->conn, c->buf.data, (int)c->buf.len) != 1) c->failed = 1;
    ent_buf_clear(&c->buf);
}

static int cp_begin(ent_store *s, copyb *c, const char *sql, int text) {
    memset(c, 0, sizeof *c);
    c->s = s;
    c->text = text;
    PGresult *r = PQexec(((pg *)s->impl)->conn, sql);
    int ok = r && PQresultStatus(r) == PGRES_COPY_IN;
    if (!ok) pg_fail(s, sql, r);
    PQclear(r);
    if (!ok) return -1;
    if (text) return 0;
    /* signature (with its terminating zero byte), flags, header extension length */
    static const char header[] = "PGCOPY\n\377\r\n";
    cp_bytes(c, header, sizeof header);
    cp_be(c, 0, 4);
    cp_be(c, 0, 4);
    return 0;
}

/* End the COPY (aborting it after an error here) and read its result. */
static int cp_end(copyb *c, const char *sql) {
    pg *q = c->s->impl;
    if (!c->text) cp_be(c, 0xffff, 2);   /* -1: no more rows */
    cp_flush(c, 1);
    const char *abort_msg = c->oom ? "out of memory" : NULL;
    int rc = PQputCopyEnd(q->conn, abort_msg) == 1 ? 0 : -1;
    PGresult *r;
    int reported = 0;
    while ((r = PQgetResult(q->conn))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !reported) {
            pg_fail(c->s, sql, r);
            reported = 1;
            rc = -1;
        }
        PQclear(r);
    }
    if (c->oom) {
        ent_store_fail(c->s, sql, "out of memory");
        rc = -1;
    } else if ((c->failed || rc) && !reported) {
        pg_fail(c->s, sql, NULL);
        rc = -1;
    }
    ent_buf_free(&c->buf);
    return rc;
}

/* A value in COPY's text format: \N for NULL, text with its backslashes,
 * tabs and line ends escaped. */
static void cp_text_value(copyb *c, const ent_store_value *v) {
    char num[40];
    if (v->type == ENT_SV_NULL || (v->type == ENT_SV_TEXT && !v->s)) {
        cp_bytes(c, "\\N", 2);
    } else if (v->type == ENT_SV_INT) {
        cp_bytes(c, num, (size_t)snprintf(num, sizeof num, "%lld", (long long)v->i));
    } else if (v->type == ENT_SV_REAL) {
        cp_bytes(c, num, (size_t)snprintf(num, sizeof num, "%.17g", v->r));
    } else {
        for (const char *p = v->s; *p; p++) {
            const char *esc = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n"
                            : *p == '\r' ? "\\r" : NULL;
            if (esc) cp_bytes(c, esc, 2);
            else cp_bytes(c, p, 1);
        }
    }
}

/* Rows of ncols values into `target` ("table (col, ...)") by one COPY in
 * its text format, which takes each column's type as an INSERT would:
 * the linking of happenings sends thousands a batch. */
static int pg_insert_rows(ent_store *s, const char *target, const ent_store_value *v, int ncols,
                          int nrows) {
    if (nrows <= 0) return 0;
    char sql[512];
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN", target);
    copyb c;
    if (cp_begin(s, &c, sql, 1)) return -1;
    for (int r = 0; r < nrows && !c.failed && !c.oom; r++) {
        for (int k = 0; k < ncols; k++) {
            if (k) cp_bytes(&c, "\t", 1);
            cp_text_value(&c, &v[(size_t)r * (size_t)ncols + (size_t)k]);
        }
        cp_bytes(&c, "\n", 1);
        cp_flush(&c, 0);
    }
    return cp_end(&c, sql);
}

static const char copy_sentences_sql[] =
    "COPY sentences (doc, idx, text, begin_off, end_off, parse) FROM STDIN (FORMAT binary)";

static int copy_sentences(ent_store *s, const ent_store_doc *docs, int n) {
    int rows = 0;
    for (int i = 0; i < n; i++) rows += docs[i].skipped ? 0 : docs[i].n_sentences;
    if (!rows) return 0;
    copyb c;
    if (cp_begin(s, &c, copy_sentences_sql, 0)) return -1;
    for (int i = 0; i < n && !c.failed && !c.oom; i++) {
        if (docs[i].skipped) continue;
        for (int j = 0; j < docs[i].n_sentences; j++) {
            const ent_store_sentence *x = &docs[i].sentences[j];
            cp_row(&c, 6);
            cp_int8(&c, docs[i].key);
            cp_int4(&c, x->index);
            cp_text(&c, x->text ? x->text : "");
            cp_int4(&c, x->begin);
            cp_int4(&c, x->end);
            cp_text(&c, x->parse);
        }
        cp_flush(&c, 0);
    }
    return cp_end(&c, copy_sentences_sql);
}

static const char copy_events_sql[] =
    "COPY events (doc, sent, n, date, day, source, target, src_country, tgt_country, code, root,"
    " quad, goldstein, source_text, target_text, verb, pattern, issue, published, published_day,"
    " date_precision, date_text, place, place_name, place_country, place_adm1, lat, lon, place_kind,"
    " happening, lead_mention) FROM STDIN (FORMAT binary)";

/* The events of docs[0..n), linked by l. */
static int copy_events(ent_store *s, const ent_store_doc *docs, int n, const ent_store_links *l) {
    size_t at = 0;
    int rows = 0;
    for (int i = 0; i < n; i++) rows += docs[i].skipped ? 0 : docs[i].n_events;
    if (!rows) return 0;
    copyb c;
    if (cp_begin(s, &c, copy_events_sql, 0)) return -1;
    for (int i = 0; i < n && !c.failed && !c.oom; i++) {
        if (docs[i].skipped) continue;
        int rank = 0, last_sent = -1;
        for (int j = 0; j < docs[i].n_events; j++) {
            const ent_store_event *e = &docs[i].events[j];
            rank = ent_store_sent_rank(e, rank, &last_sent);
            char sc[ENT_STORE_COUNTRY_CAP], tc[ENT_STORE_COUNTRY_CAP];
            ent_store_country(e->source, sc);
            ent_store_country(e->target, tc);
            int32_t when = ent_store_event_date(e);
            cp_row(&c, 31);
            cp_int8(&c, docs[i].key);
            cp_int4(&c, e->sent);
            cp_int4(&c, rank);
            cp_int4(&c, when);
            cp_int4(&c, ent_store_day(when));
            cp_text(&c, e->source ? e->source : "");
            cp_text(&c, e->target ? e->target : "");
            cp_text(&c, sc);
            cp_text(&c, tc);
            cp_text(&c, e->code ? e->code : "");
            cp_text(&c, e->root ? e->root : "");
            cp_int4(&c, e->quad);
            cp_real(&c, e->goldstein);
            cp_text(&c, e->source_text);
            cp_text(&c, e->target_text);
            cp_text(&c, e->verb);
            cp_text(&c, e->pattern);
            cp_text(&c, e->issue);
            cp_int4(&c, e->date);
            cp_int4(&c, ent_store_day(e->date));
            cp_int4(&c, e->date_precision);
            cp_text(&c, e->date_text ? e->date_text : "");
            cp_text(&c, ent_store_place_text(e, e->place));
            cp_text(&c, ent_store_place_text(e, e->place_name));
            cp_text(&c, ent_store_place_text(e, e->place_country));
            cp_text(&c, ent_store_place_text(e, e->place_adm1));
            cp_coord(&c, e, e->lat);
            cp_coord(&c, e, e->lon);
            cp_text(&c, ent_store_place_text(e, e->place_kind));
            cp_int8(&c, l->id[at]);
            cp_int4(&c, l->lead[at]);
            at++;
        }
        cp_flush(&c, 0);
    }
    return cp_end(&c, copy_events_sql);
}

/* Insert docs[from..to) that are not skipped, with keys already set;
 * those the server already holds come back absent from RETURNING. */
static int insert_docs(ent_store *s, pgp *p, ent_store_doc *docs, int from, int to,
                       const char *now, int *stored) {
    pgp_reset(p);
    int rows = 0;
    for (int i = from; i < to; i++) {
        ent_store_doc *d = &docs[i];
        if (d->skipped) continue;
        pgp_sql(p, rows++ ? ", (" : "INSERT INTO documents (key, id, date, source, url, title,"
                                    " text_hash, norm_hash, dict, stored_at) VALUES (");
        pgp_int(p, d->key), pgp_sql(p, ", ");
        pgp_val(p, d->id), pgp_sql(p, ", ");
        pgp_int(p, d->date), pgp_sql(p, ", ");
        pgp_val(p, d->source), pgp_sql(p, ", ");
        pgp_val(p, d->url), pgp_sql(p, ", ");
        pgp_val(p, d->title), pgp_sql(p, ", ");
        pgp_int(p, ent_store_i64(d->text_hash)), pgp_sql(p, ", ");
        pgp_int(p, ent_store_i64(d->norm_hash)), pgp_sql(p, ", ");
        pgp_int(p, ent_store_i64(d->dict)), pgp_sql(p, ", ");
        pgp_val(p, now), pgp_sql(p, ")");
    }
    if (!rows) return 0;
    pgp_sql(p, " ON CONFLICT DO NOTHING RETURNING key");
    PGresult *r = NULL;
    if (pgp_run(s, p, &r)) return -1;
    int nr = PQntuples(r);
    /* mark each document whose key did not come back as already stored;
     * keys ascend with the batch order, RETURNING's order is not promised */
    int64_t *got = malloc((size_t)(nr > 0 ? nr : 1) * sizeof *got);
    if (!got) {
        PQclear(r);
        ent_store_fail(s, "INSERT INTO documents", "out of memory");
        return -1;
    }
    for (int k = 0; k < nr; k++) got[k] = atoll(PQgetvalue(r, k, 0));
    PQclear(r);
    for (int i = from; i < to; i++) {
        if (docs[i].skipped) continue;
        int found = 0;
        for (int k = 0; k < nr && !found; k++) found = got[k] == docs[i].key;
        if (found) (*stored)++;
        else docs[i].skipped = 1, docs[i].key = 0;
    }
    free(got);
    return 0;
}

/* Linking reads the happenings and adds to them: two writers at once
 * (workers) would each miss the other's new happenings and split one in
 * two.  So one writer at a time, from the start of its transaction (taken
 * later, the lock could wait on a writer that waits on this one's rows)
 * to its end. */
static const char write_lock_sql[] = "SELECT pg_advisory_xact_lock(5148203)";

static int pg_put(ent_store *s, ent_store_doc *docs, int n, int *stored) {
    int count = 0, live = 0, copies = 0;
    for (int i = 0; i < n; i++) live += !docs[i].skipped, copies += docs[i].skipped == 1;
    /* documents skipped already may still be copies to keep */
    if (!live && !copies) {
        if (stored) *stored = 0;
        return 0;
    }
    pgp p;
    pgp_init(&p);
    ent_store_links l = {0};
    char now[24];
    ent_store_now(now);
    if (pg_exec(s, "BEGIN")) goto fail_norollback;
    if (pg_exec(s, write_lock_sql)) goto fail;
    /* keys for the whole batch in one round trip */
    pgp_sql(&p, "SELECT nextval('documents_key_seq') FROM generate_series(1, ");
    pgp_int(&p, live);
    pgp_sql(&p, ")");
    PGresult *r = NULL;
    if (pgp_run(s, &p, &r)) goto fail;
    int k = 0;
    for (int i = 0; i < n; i++)
        if (!docs[i].skipped) docs[i].key = k < PQntuples(r) ? atoll(PQgetvalue(r, k++, 0)) : 0;
    PQclear(r);
    for (int i = 0; i < n; i += DOC_ROWS)
        if (insert_docs(s, &p, docs, i, i + DOC_ROWS < n ? i + DOC_ROWS : n, now, &count))
            goto fail;
    if (copy_sentences(s, docs, n) || ent_store_links_make(s, docs, n, 0, &l) ||
        copy_events(s, docs, n, &l) || ent_store_copies_put(s, docs, n, now, &l) ||
        ent_store_links_finish(s, &l, 0))
        goto fail;
    if (pg_exec(s, "COMMIT")) goto fail_norollback;
    pgp_free(&p);
    ent_store_links_free(&l);
    if (stored) *stored = count;
    return 0;
fail:
    pg_rollback(s);
fail_norollback:
    pgp_free(&p);
    ent_store_links_free(&l);
    for (int i = 0; i < n; i++) docs[i].key = 0;
    return -1;
}

static int pg_replace_events(ent_store *s, const ent_store_doc *docs, int n) {
    if (n <= 0) return 0;
    pgp p;
    pgp_init(&p);
    ent_store_links l = {0};
    if (pg_exec(s, "BEGIN")) {
        pgp_free(&p);
        return -1;
    }
    if (pg_exec(s, write_lock_sql) || ent_store_links_before_delete(s, docs, n, &l)) goto fail;
    for (int i = 0; i < n; i += DOC_ROWS) {
        int to = i + DOC_ROWS < n ? i + DOC_ROWS : n;
        pgp_reset(&p);
        pgp_sql(&p, "DELETE FROM events WHERE doc IN (");
        for (int j = i; j < to; j++) {
            if (j > i) pgp_sql(&p, ", ");
            pgp_int(&p, docs[j].key);
        }
        pgp_sql(&p, ")");
        if (pgp_run(s, &p, NULL)) goto fail;
        pgp_reset(&p);
        pgp_sql(&p, "UPDATE documents SET dict = v.dict FROM (VALUES ");
        for (int j = i; j < to; j++) {
            pgp_sql(&p, j > i ? ", (" : "(");
            pgp_int(&p, docs[j].key);
            pgp_sql(&p, "::bigint, ");
            pgp_int(&p, ent_store_i64(docs[j].dict));
            pgp_sql(&p, "::bigint)");
        }
        pgp_sql(&p, ") AS v (key, dict) WHERE documents.key = v.key");
        if (pgp_run(s, &p, NULL)) goto fail;
    }
    if (ent_store_links_make(s, docs, n, 1, &l) || copy_events(s, docs, n, &l) ||
        ent_store_links_finish(s, &l, 1))
        goto fail;
    if (pg_exec(s, "COMMIT")) {
        pgp_free(&p);
        ent_store_links_free(&l);
        return -1;
    }
    pgp_free(&p);
    ent_store_links_free(&l);
    return 0;
fail:
    pg_rollback(s);
    pgp_free(&p);
    ent_store_links_free(&l);
    return -1;
}

/* The GIN index: made on request only (see store.h); a search without it
 * evaluates the same condition row by row. */
static int pg_text_index(ent_store *s, int how) {
    if (how == ENT_STORE_TEXT_SEARCH) return 0;
    return pg_exec(s, how == ENT_STORE_TEXT_DROP
                          ? "DROP INDEX IF EXISTS sentences_text"
                          : "CREATE INDEX IF NOT EXISTS sentences_text ON sentences"
                            " USING GIN (to_tsvector('simple', text))");
}

static const char *pg_text_match(ent_store *s, const char *words, char *param, size_t cap) {
    snprintf(param, cap, "%s", words);
    return "to_tsvector('simple', sn.text) @@ plainto_tsquery('simple', ?)";
}

static void pg_close(ent_store *s) {
    pg *q = s->impl;
    if (!q) return;
    if (q->conn) PQfinish(q->conn);
    free(q);
    s->impl = NULL;
}

/* Notices (e.g. from DDL) are not errors and stay off the user's screen. */
static void quiet_notice(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

/* The server stops the statement (statement_timeout), the value bound as
 * every value is. */
static int pg_set_timeout(ent_store *s, int ms) {
    char v[32];
    snprintf(v, sizeof v, "%d", ms);
    ent_store_value p = {.type = ENT_SV_TEXT, .s = v};
    return pg_query(s, "SELECT set_config('statement_timeout', ?, false)", &p, 1, NULL, NULL) ? -1
                                                                                               : 0;
}

/* postgres:// and postgresql:// URLs, and libpq conninfo strings. */
static int pg_takes(const char *u) {
    return !strncmp(u, "postgres://", 11) || !strncmp(u, "postgresql://", 13) ||
           strstr(u, "dbname=") || strstr(u, "host=");
}

/* The URL without its password, for messages. */
static void safe_name(char *out, size_t cap, const char *url) {
    const char *scheme = strstr(url, "://");
    const char *at = strchr(url, '@');
    if (scheme && at && at > scheme) {
        const char *colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
        if (colon) {
            snprintf(out, cap, "%.*s:***%s", (int)(colon - url), url, at);
            return;
        }
    }
    if (strstr(url, "password=")) {
        snprintf(out, cap, "%s", "postgresql (conninfo)");
        return;
    }
    snprintf(out, cap, "%s", url);
}

static int pg_open(ent_store *s, const char *conninfo) {
    safe_name(s->name, sizeof s->name, conninfo);
    pg *q = calloc(1, sizeof *q);
    if (!q) {
        ent_store_fail(s, NULL, "out of memory");
        return -1;
    }
    s->impl = q;
    q->conn = PQconnectdb(conninfo);
    if (!q->conn || PQstatus(q->conn) != CONNECTION_OK) return pg_fail(s, NULL, NULL);
    PQsetNoticeProcessor(q->conn, quiet_notice, NULL);
    if (PQsetClientEncoding(q->conn, "UTF8")) return pg_fail(s, NULL, NULL);
    return pg_schema(s);
}

const ent_store_ops ent_store_pg_ops = {
    .kind = ENT_STORE_PG,
    .takes = pg_takes,
    .file = NULL,
    .open = pg_open,
    .close = pg_close,
    .put = pg_put,
    .replace_events = pg_replace_events,
    .query = pg_query,
    .text_match = pg_text_match,
    .text_index = pg_text_index,
    .set_timeout = pg_set_timeout,
    /* the transactions running and the next one's id: a commit anywhere
     * on the server changes it (the database's own or another's, which
     * only costs a cache its answers); on every version of PostgreSQL,
     * and on a standby */
    .changes_sql = "SELECT txid_current_snapshot()::text",
    .insert_rows = pg_insert_rows,
};
