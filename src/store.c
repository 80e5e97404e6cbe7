/* store.c -- the store's front: picks the backend whose table takes the
 * URL and does everything that is the same on SQLite and PostgreSQL.
 *
 * Design.  The backends only run statements; the event filters are turned
 * into one SQL text here, with `?` placeholders and a parameter list, so
 * `entente events` means the same thing on both (PostgreSQL's backend
 * renumbers the placeholders).  Duplicates inside one batch are marked
 * here too, so a backend sees each document once and only has to skip
 * those already in the database.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "util.h"

void ent_store_fail(ent_store *s, const char *sql, const char *fmt, ...) {
    char what[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    /* the statement's first line, squeezed, names it well enough */
    char stmt[160] = "";
    if (sql) {
        size_t k = 0;
        for (const char *p = sql; *p && k < sizeof stmt - 4; p++) {
            char c = *p == '\n' || *p == '\t' ? ' ' : *p;
            if (c == ' ' && (k == 0 || stmt[k - 1] == ' ')) continue;
            stmt[k++] = c;
        }
        if (strlen(sql) > k) memcpy(stmt + k, "...", 4);
        else stmt[k] = '\0';
    }
    snprintf(s->err, sizeof s->err, "%s: %s%s%s", s->name, stmt, stmt[0] ? ": " : "", what);
}

void ent_store_now(char out[24]) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The backends store.c knows, asked in this order which URL is theirs:
 * PostgreSQL's URLs and conninfo strings first, then SQLite, which takes
 * any other as a file's path. */
static const ent_store_ops *const backends[] = {&ent_store_pg_ops, &ent_store_sqlite_ops};

static const ent_store_ops *backend_of(const char *url) {
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
        if (backends[i]->takes(url)) return backends[i];
    return NULL;
}

ent_store *ent_store_open_existing(const char *url, char *err, size_t errcap) {
    if (!url || !*url) url = ENT_STORE_DEFAULT;
    const ent_store_ops *b = backend_of(url);
    const char *path = b && b->file ? b->file(url) : NULL;
    if (path) {
        struct stat st;
        if (*path && strcmp(path, ":memory:") && stat(path, &st) < 0) {
            snprintf(err, errcap, "%s: no store there (entente ingest makes one): %s", path,
                     strerror(errno));
            return NULL;
        }
    }
    return ent_store_open(url, err, errcap);
}

ent_store *ent_store_open(const char *url, char *err, size_t errcap) {
    if (!url || !*url) url = ENT_STORE_DEFAULT;
    ent_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errcap, "%s: out of memory", url);
        return NULL;
    }
    s->url = strdup(url);
    if (!s->url) {
        snprintf(err, errcap, "%s: out of memory", url);
        free(s);
        return NULL;
    }
    s->ops = backend_of(url);
    s->kind = s->ops ? s->ops->kind : 0;
    if (!s->ops || s->ops->open(s, url)) {
        snprintf(err, errcap, "%s", s->err[0] ? s->err : "cannot open the store");
        if (s->ops) s->ops->close(s);
        free(s->url);
        free(s);
        return NULL;
    }
    return s;
}

ent_store *ent_store_reopen(const ent_store *s, char *err, size_t errcap) {
    ent_store *r = ent_store_open(s->url, err, errcap);
    if (r && s->timeout_ms && ent_store_set_timeout(r, s->timeout_ms) < 0) {
        snprintf(err, errcap, "%s", r->err);
        ent_store_close(r);
        return NULL;
    }
    return r;
}

int ent_store_set_timeout(ent_store *s, int ms) {
    if (ms < 0) ms = 0;
    if (s->ops->set_timeout(s, ms) < 0) return -1;
    s->timeout_ms = ms;
    return 0;
}

void ent_store_close(ent_store *s) {
    if (!s) return;
    if (s->ops) s->ops->close(s);
    free(s->url);
    free(s);
}

/* International organisations share the prefix IGO but are not one
 * actor: the UN, the EU and NATO (IGOUNO, IGOEUR, IGONAT) keep their six
 * letters, so that analysis at country level tells them apart. */
static size_t country_len(const char *code) {
    size_t n = 0, want = code && !strncmp(code, ENT_STORE_IGO, 3) ? 6 : 3;
    while (code && n < want && code[n]) n++;
    return n == 6 || n <= 3 ? n : 3;
}

void ent_store_country(const char *code, char out[ENT_STORE_COUNTRY_CAP]) {
    size_t n = country_len(code);
    if (n) memcpy(out, code, n);
    out[n] = '\0';
}

int ent_store_kind(const ent_store *s) { return s->kind; }
int ent_store_has_dyad_days(const ent_store *s) {
    return s->dyad_days && s->date_field != ENT_STORE_DATE_PUBLISHED;   /* kept by event date */
}
const char *ent_store_name(const ent_store *s) { return s->name; }
const char *ent_store_error(const ent_store *s) { return s->err; }

static int first_int(void *user, int n, const char *const *cols) {
    long long *v = user;
    *v = n > 0 && cols[0] ? atoll(cols[0]) : 0;
    return 0;
}

int ent_store_schema_version(ent_store *s) {
    long long v = 0;
    ent_store_value p = {.type = ENT_SV_TEXT, .s = "schema_version"};
    if (s->ops->query(s, "SELECT value FROM meta WHERE key = ?", &p, 1, first_int, &v)) return -1;
    return (int)v;
}

int64_t ent_store_i64(uint64_t v) {
    int64_t r;
    memcpy(&r, &v, sizeof r);   /* same bits; no implementation-defined cast */
    return r;
}

int ent_store_add_dict(ent_store *s, uint64_t identity, const char *name) {
    char now[24];
    ent_store_now(now);
    ent_store_value p[3] = {{.type = ENT_SV_INT, .i = ent_store_i64(identity)},
                            {.type = ENT_SV_TEXT, .s = name ? name : ""},
                            {.type = ENT_SV_TEXT, .s = now}};
    return s->ops->query(s,
                         "INSERT INTO dict_sets (identity, name, loaded_at) VALUES (?, ?, ?)"
                         " ON CONFLICT DO NOTHING",
                         p, 3, NULL, NULL);
}

static int found_row(void *user, int n, const char *const *cols) {
    *(int *)user = 1;
    return 0;
}

int ent_store_seen(ent_store *s, const char *id, uint64_t norm_hash) {
    int found = 0;
    ent_store_value p[2] = {{.type = ENT_SV_TEXT, .s = id ? id : ""},
                            {.type = ENT_SV_INT, .i = ent_store_i64(norm_hash)}};
    if (s->ops->query(s,
                      "SELECT 1 FROM documents WHERE id = ?"
                      " UNION ALL SELECT 1 FROM documents WHERE norm_hash = ?",
                      p, 2, found_row, &found))
        return -1;
    return found;
}

/* Rows of the batch lookup: (id, norm_hash) of a stored document that
 * matches some document of the chunk by one or the other. */
typedef struct seen_ctx {
    const char *const *ids;
    const uint64_t *hashes;
    const uint64_t *id_hashes;
    int n;
    unsigned char *seen;
} seen_ctx;

static int seen_row(void *user, int n, const char *const *cols) {
    seen_ctx *x = user;
    if (n < 2 || !cols[0] || !cols[1]) return 0;
    uint64_t ih = ent_store_text_hash(cols[0], strlen(cols[0]));
    int64_t h = atoll(cols[1]);
    /* a chunk is a few hundred documents: comparing hashes first keeps
     * the pairwise pass cheap */
    for (int i = 0; i < x->n; i++) {
        if (ent_store_i64(x->hashes[i]) == h) x->seen[i] = 1;
        else if (!x->seen[i] && x->id_hashes[i] == ih && x->ids[i] && !strcmp(x->ids[i], cols[0]))
            x->seen[i] = 2;
    }
    return 0;
}

#define SEEN_CHUNK 400

int ent_store_seen_batch(ent_store *s, const char *const *ids, const uint64_t *norm_hashes, int n,
                         unsigned char *seen) {
    if (n <= 0) return 0;
    int chunk = n < SEEN_CHUNK ? n : SEEN_CHUNK;
    ent_store_value *p = calloc((size_t)chunk * 2, sizeof *p);
    uint64_t *ih = calloc((size_t)chunk, sizeof *ih);
    /* "SELECT ... WHERE id IN (?, ...) UNION ALL ... WHERE norm_hash IN
     * (?, ...)": 3 bytes a placeholder, twice, plus the fixed text */
    size_t cap = (size_t)chunk * 6 + 256;
    char *sql = malloc(cap);
    int rc = 0;
    if (!p || !ih || !sql) {
        ent_store_fail(s, "SELECT ... FROM documents WHERE id IN", "out of memory");
        rc = -1;
    }
    for (int from = 0; from < n && !rc; from += chunk) {
        int k = n - from < chunk ? n - from : chunk;
        size_t len = 0;
        len += (size_t)snprintf(sql + len, cap - len,
                                "SELECT id, norm_hash FROM documents WHERE id IN (");
        for (int i = 0; i < k; i++) len += (size_t)snprintf(sql + len, cap - len, i ? ",?" : "?");
        len += (size_t)snprintf(sql + len, cap - len,
                                ") UNION ALL SELECT id, norm_hash FROM documents WHERE norm_hash IN (");
        for (int i = 0; i < k; i++) len += (size_t)snprintf(sql + len, cap - len, i ? ",?" : "?");
        snprintf(sql + len, cap - len, ")");
        for (int i = 0; i < k; i++) {
            const char *id = ids[from + i] ? ids[from + i] : "";
            p[i] = (ent_store_value){.type = ENT_SV_TEXT, .s = id};
            p[k + i] = (ent_store_value){.type = ENT_SV_INT, .i = ent_store_i64(norm_hashes[from + i])};
            ih[i] = ent_store_text_hash(id, strlen(id));
            seen[from + i] = 0;
        }
        seen_ctx x = {ids + from, norm_hashes + from, ih, k, seen + from};
        rc = s->ops->query(s, sql, p, 2 * k, seen_row, &x);
    }
    free(p);
    free(ih);
    free(sql);
    return rc ? -1 : 0;
}

int ent_store_put(ent_store *s, ent_store_doc *docs, int n, int *stored) {
    if (stored) *stored = 0;
    /* A document repeated inside the batch (by id or by text) is stored
     * once.  One map holds both keys, the id and the 8 bytes of the text
     * hash told apart by a first byte, so a batch of any size costs linear
     * time. */
    ent_strmap seen;
    if (ent_strmap_init(&seen, (size_t)n * 2 + 16) < 0) {
        ent_store_fail(s, NULL, "out of memory");
        return -1;
    }
    ent_buf key = {0};
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        docs[i].skipped = 0;
        docs[i].key = 0;
        char hk[9] = {'h'};
        memcpy(hk + 1, &docs[i].norm_hash, 8);
        ent_buf_clear(&key);
        if (ent_buf_putc(&key, 'i') < 0 || ent_buf_puts(&key, docs[i].id) < 0) {
            rc = -1;
            break;
        }
        /* only documents that will be stored count as earlier copies; an
         * earlier one with the same id but other text makes this one a
         * clash (skipped = 2), not a copy */
        int32_t by_id = ent_strmap_get(&seen, key.data, key.len);
        if (ent_strmap_get(&seen, hk, sizeof hk) >= 0) docs[i].skipped = 1;
        else if (by_id >= 0) docs[i].skipped = 2;
        else if (ent_strmap_put(&seen, key.data, key.len, i) < 0 ||
                 ent_strmap_put(&seen, hk, sizeof hk, i) < 0)
            rc = -1;
    }
    ent_buf_free(&key);
    ent_strmap_free(&seen);
    if (rc) {
        ent_store_fail(s, NULL, "out of memory");
        return -1;
    }
    return s->ops->put(s, docs, n, stored);
}

typedef struct stale_ctx {
    ent_store_sentence_fn fn;
    void *user;
    int64_t last;
    int docs;
    int stop;
} stale_ctx;

static int stale_row(void *user, int n, const char *const *c) {
    stale_ctx *x = user;
    if (n < 8 || !c[0]) return 0;
    int64_t key = atoll(c[0]);
    if (key != x->last) x->docs++;
    x->last = key;
    int32_t date = c[2] ? atoi(c[2]) : 0;
    if (!c[3]) return x->fn(x->user, key, c[1] ? c[1] : "", date, NULL);
    ent_store_sentence st = {.index = atoi(c[3]),
                             .text = c[4] ? c[4] : "",
                             .begin = c[5] ? atoi(c[5]) : 0,
                             .end = c[6] ? atoi(c[6]) : 0,
                             .parse = c[7]};
    return x->fn(x->user, key, c[1] ? c[1] : "", date, &st);
}

int ent_store_stale(ent_store *s, uint64_t identity, int64_t after_key, int max_docs,
                    ent_store_sentence_fn fn, void *user) {
    stale_ctx x = {fn, user, -1, 0, 0};
    ent_store_value p[3] = {{.type = ENT_SV_INT, .i = ent_store_i64(identity)},
                            {.type = ENT_SV_INT, .i = after_key},
                            {.type = ENT_SV_INT, .i = max_docs > 0 ? max_docs : 1}};
    int rc = s->ops->query(s,
                           "SELECT d.key, d.id, d.date, sn.idx, sn.text, sn.begin_off,"
                           " sn.end_off, sn.parse FROM (SELECT key, id, date FROM documents"
                           " WHERE dict <> ? AND key > ? ORDER BY key LIMIT ?) d"
                           " LEFT JOIN sentences sn ON sn.doc = d.key ORDER BY d.key, sn.idx",
                           p, 3, stale_row, &x);
    return rc ? rc : x.docs;
}

int ent_store_replace_events(ent_store *s, const ent_store_doc *docs, int n) {
    return s->ops->replace_events(s, docs, n);
}

int ent_store_query(ent_store *s, const char *sql, const ent_store_value *params, int n,
                    ent_store_row_fn fn, void *user) {
    return s->ops->query(s, sql, params, n, fn, user);
}

static int counts_row(void *user, int n, const char *const *cols) {
    ent_store_counts *c = user;
    if (n < 4) return 0;
    c->documents = cols[0] ? atoll(cols[0]) : 0;
    c->sentences = cols[1] ? atoll(cols[1]) : 0;
    c->events = cols[2] ? atoll(cols[2]) : 0;
    c->dict_sets = cols[3] ? atoll(cols[3]) : 0;
    return 0;
}

int ent_store_counts_get(ent_store *s, ent_store_counts *c) {
    memset(c, 0, sizeof *c);
    return s->ops->query(s,
                         "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences),"
                         " (SELECT count(*) FROM events), (SELECT count(*) FROM dict_sets)",
                         NULL, 0, counts_row, c);
}

static int changes_row(void *user, int n, const char *const *cols) {
    const char *v = n > 0 && cols[0] ? cols[0] : "";
    *(uint64_t *)user = ent_store_text_hash(v, strlen(v));
    return 0;
}

int ent_store_changes(ent_store *s, uint64_t *out) {
    *out = 0;
    return s->ops->query(s, s->ops->changes_sql, NULL, 0, changes_row, out) ? -1 : 0;
}

/* ---- Event filters ------------------------------------------------------------ */

void ent_store_stmt_sql(ent_store_stmt *b, const char *sql) {
    size_t n = strlen(sql);
    if (b->len + n + 1 > sizeof b->sql) {
        b->overflow = 1;
        return;
    }
    memcpy(b->sql + b->len, sql, n + 1);
    b->len += n;
}

void ent_store_stmt_text(ent_store_stmt *b, const char *v) {
    size_t n = strlen(v);
    if (b->n >= ENT_STORE_STMT_PARAMS || n >= sizeof b->text[0]) {   /* never bind a cut value */
        b->overflow = 1;
        return;
    }
    memcpy(b->text[b->n], v, n + 1);
    b->p[b->n] = (ent_store_value){.type = ENT_SV_TEXT, .s = b->text[b->n]};
    b->n++;
}

void ent_store_stmt_int(ent_store_stmt *b, int64_t v) {
    if (b->n >= ENT_STORE_STMT_PARAMS) {
        b->overflow = 1;
        return;
    }
    b->p[b->n] = (ent_store_value){.type = ENT_SV_INT, .i = v};
    b->n++;
}

static const char *const neutral_roots[] = {"01", "02"};

int ent_store_neutral_root(const char *root) {
    if (!root) return 0;
    for (size_t i = 0; i < sizeof neutral_roots / sizeof *neutral_roots; i++)
        if (!strncmp(root, neutral_roots[i], 2)) return 1;
    return 0;
}

const char *ent_store_neutral_list(int i) {
    return i >= 0 && (size_t)i < sizeof neutral_roots / sizeof *neutral_roots ? neutral_roots[i]
                                                                             : NULL;
}

void ent_store_stmt_neutral(ent_store_stmt *b) {
    ent_store_stmt_sql(b, "e.root IN (");
    for (size_t i = 0; i < sizeof neutral_roots / sizeof *neutral_roots; i++) {
        ent_store_stmt_sql(b, i ? ", ?" : "?");
        ent_store_stmt_text(b, neutral_roots[i]);
    }
    ent_store_stmt_sql(b, ")");
}

/* The events as read under their story's date: rows stored before
 * version 3 have no `published`, their date was the story's. */
static const char published_events[] =
    "(SELECT doc, sent, n, coalesce(published, date) AS date, coalesce(published_day, day) AS day,"
    " source, target, src_country, tgt_country, code, root, quad, goldstein, source_text,"
    " target_text, verb, pattern, issue, date AS event_date, date_precision, date_text,"
    " place, place_name, place_country, place_adm1, lat, lon, place_kind"
    " FROM events) e";

int ent_store_stmt_run(ent_store *s, const ent_store_stmt *b, ent_store_row_fn fn, void *user) {
    if (b->overflow) {
        ent_store_fail(s, NULL, "query too long (an actor code or a text too long?)");
        return -1;
    }
    const char *from = s->date_field == ENT_STORE_DATE_PUBLISHED ? strstr(b->sql, "events e ") : NULL;
    if (!from) return ent_store_query(s, b->sql, b->p, b->n, fn, user);
    char sql[sizeof b->sql + sizeof published_events];
    size_t head = (size_t)(from - b->sql);
    snprintf(sql, sizeof sql, "%.*s%s%s", (int)head, b->sql, published_events,
             from + strlen("events e"));
    return ent_store_query(s, sql, b->p, b->n, fn, user);
}

void ent_store_set_date_field(ent_store *s, int field) { s->date_field = field; }

/* How an actor code or prefix is matched on one side: `sql`, with `n`
 * placeholders bound to `param` (see ent_store_stmt_actor). */
typedef struct ent_store_actor_match {
    const char *sql;
    const char *param[3];     /* the country or the IGO range's ends, then the prefix */
    int n;
    char country[4];
    char like[136];
} ent_store_actor_match;

/* "IGO" and the code after it: every organisation's country column
 * (IGOUNO, ..., and IGO alone) is in [IGO, IGP). */
static const char *const igo_range[2] = {ENT_STORE_IGO, "IGP"};

static void actor_match_make(const char *code, int side, ent_store_actor_match *m) {
    static const char *const sql[2][3] = {
        {"e.src_country = ?", "e.src_country = ? AND e.source LIKE ? ESCAPE '\\'",
         "e.source LIKE ? ESCAPE '\\'"},
        {"e.tgt_country = ?", "e.tgt_country = ? AND e.target LIKE ? ESCAPE '\\'",
         "e.target LIKE ? ESCAPE '\\'"},
    };
    static const char *const igo_sql[2][2] = {
        {"e.src_country >= ? AND e.src_country < ?",
         "e.src_country >= ? AND e.src_country < ? AND e.source LIKE ? ESCAPE '\\'"},
        {"e.tgt_country >= ? AND e.tgt_country < ?",
         "e.tgt_country >= ? AND e.tgt_country < ? AND e.target LIKE ? ESCAPE '\\'"},
    };
    char up[64];
    size_t n = ent_upper(up, sizeof up, code, strlen(code));
    side = side ? 1 : 0;
    m->n = 0;
    m->country[0] = m->like[0] = '\0';
    /* an organisation's country column is IGO and its letters (or IGO
     * alone in stores coded before): the range of them, then the prefix */
    int igo = n >= 3 && !strncmp(up, ENT_STORE_IGO, 3);
    if (igo) {
        m->param[m->n++] = igo_range[0];
        m->param[m->n++] = igo_range[1];
        if (n == 3) {
            m->sql = igo_sql[side][0];
            return;
        }
    }
    if (n >= 3 && !igo) {
        snprintf(m->country, sizeof m->country, "%.3s", up);
        m->param[m->n++] = m->country;
    }
    if (n == 3) {
        m->sql = sql[side][0];
        return;
    }
    size_t k = 0;
    for (const char *p = up; *p && k + 3 < sizeof m->like; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') m->like[k++] = '\\';
        m->like[k++] = *p;
    }
    m->like[k++] = '%';
    m->like[k] = '\0';
    m->param[m->n++] = m->like;
    m->sql = igo ? igo_sql[side][1] : sql[side][n > 3 ? 1 : 2];
}

void ent_store_stmt_actor(ent_store_stmt *b, int side, const char *code) {
    ent_store_actor_match m;
    actor_match_make(code, side, &m);
    ent_store_stmt_sql(b, m.sql);
    for (int i = 0; i < m.n; i++) ent_store_stmt_text(b, m.param[i]);
}

typedef struct ev_ctx {
    ent_store_event_fn fn;
    void *user;
} ev_ctx;

static int event_row(void *user, int n, const char *const *c) {
    ev_ctx *x = user;
    if (n < 19) return 0;
    ent_store_event e = {
        .doc = c[0] ? c[0] : "",
        .sent = c[1] ? atoi(c[1]) : 0,
        .date = c[2] ? atoi(c[2]) : 0,
        .event_date = c[16] ? atoi(c[16]) : 0,
        .date_precision = c[17] ? atoi(c[17]) : 0,
        .date_text = c[18] ? c[18] : "",
        .source = c[3] ? c[3] : "",
        .target = c[4] ? c[4] : "",
        .code = c[5] ? c[5] : "",
        .root = c[6] ? c[6] : "",
        .quad = c[7] ? atoi(c[7]) : 0,
        .goldstein = c[8] ? strtod(c[8], NULL) : 0.0,
        .source_text = c[9] ? c[9] : "",
        .target_text = c[10] ? c[10] : "",
        .verb = c[11] ? c[11] : "",
        .pattern = c[12] ? c[12] : "",
        .issue = c[13],
        .doc_key = c[14] ? strtoll(c[14], NULL, 10) : 0,
        .n = c[15] ? atoi(c[15]) : 0,
        .outlet = n > 19 ? c[19] : NULL,
        .url = n > 20 ? c[20] : NULL,
        .title = n > 21 ? c[21] : NULL,
        .sentence = n > 22 && c[22] ? c[22] : "",
        .stored_at = n > 23 && c[23] ? c[23] : "",
        .place = n > 30 && c[24] ? c[24] : "",
        .place_name = n > 30 && c[25] ? c[25] : "",
        .place_country = n > 30 && c[26] ? c[26] : "",
        .place_adm1 = n > 30 && c[27] ? c[27] : "",
        .lat = n > 30 && c[28] ? strtod(c[28], NULL) : NAN,
        .lon = n > 30 && c[29] ? strtod(c[29], NULL) : NAN,
        .place_kind = n > 30 && c[30] ? c[30] : "",
    };
    e.event_id = ent_store_event_id(e.doc, e.sent, e.n);
    return x->fn(x->user, &e);
}

int ent_store_text_index(ent_store *s, int build) {
    return s->ops->text_index(s, build ? ENT_STORE_TEXT_BUILD : ENT_STORE_TEXT_DROP);
}

/* The conditions of f on the events aliased e, " WHERE ...", into w;
 * 0, or -1 with the store's message. */
static int events_where(ent_store *s, const ent_store_filter *f, ent_store_stmt *w) {
    ent_store_stmt_sql(w, " WHERE 1 = 1");
    if (f->actor && *f->actor) {
        ent_store_stmt_sql(w, " AND (");
        ent_store_stmt_actor(w, 0, f->actor);
        ent_store_stmt_sql(w, " OR ");
        /* The target side has no index of its own.  SQLite reaches it
         * through events_dyad all the same, one range per source country,
         * the countries found by stepping through the index (a full scan
         * of a 10-million-event store took 11 s); PostgreSQL, which plans
         * that form as a scan, scans in parallel instead. */
        int by_country = s->kind == ENT_STORE_SQLITE && strlen(f->actor) >= 3;
        if (by_country)
            ent_store_stmt_sql(w, "(e.src_country IN (WITH RECURSIVE c (x) AS"
                                   " (SELECT min(src_country) FROM events UNION ALL"
                                   " SELECT (SELECT min(src_country) FROM events"
                                   " WHERE src_country > c.x) FROM c WHERE c.x IS NOT NULL)"
                                   " SELECT x FROM c WHERE x IS NOT NULL) AND ");
        ent_store_stmt_actor(w, 1, f->actor);
        if (by_country) ent_store_stmt_sql(w, ")");
        ent_store_stmt_sql(w, ")");
    }
    if (f->dyad_a && *f->dyad_a && f->dyad_b && *f->dyad_b) {
        ent_store_stmt_sql(w, " AND ((");
        ent_store_stmt_actor(w, 0, f->dyad_a);
        ent_store_stmt_sql(w, " AND ");
        ent_store_stmt_actor(w, 1, f->dyad_b);
        ent_store_stmt_sql(w, ") OR (");
        ent_store_stmt_actor(w, 0, f->dyad_b);
        ent_store_stmt_sql(w, " AND ");
        ent_store_stmt_actor(w, 1, f->dyad_a);
        ent_store_stmt_sql(w, "))");
    }
    if (f->code && *f->code) {
        ent_store_stmt_sql(w, " AND e.code = ?");
        ent_store_stmt_text(w, f->code);
    }
    if (f->root && *f->root) {
        ent_store_stmt_sql(w, " AND e.root = ?");
        ent_store_stmt_text(w, f->root);
    }
    if (f->quad) {
        ent_store_stmt_sql(w, " AND e.quad = ?");
        ent_store_stmt_int(w, f->quad);
    }
    if (f->from > 0) {
        ent_store_stmt_sql(w, " AND e.date >= ?");
        ent_store_stmt_int(w, f->from);
    }
    if (f->to > 0) {
        ent_store_stmt_sql(w, " AND e.date <= ?");
        ent_store_stmt_int(w, f->to);
    }
    if (f->text && *f->text) {
        /* The backends quote or escape each character at most once more,
         * so a text that fits half the buffer is never cut (a cut word
         * would widen the search without a word to the user). */
        char param[512];
        size_t tn = strlen(f->text);
        int words = 0;
        for (const char *q = f->text; *q; q++) words |= *q != ' ' && *q != '\t' && *q != '\n';
        if (!words || tn > (sizeof param - 8) / 2) {
            ent_store_fail(s, NULL, words ? "text search: at most %zu characters"
                                          : "text search: no word to look for",
                           (sizeof param - 8) / 2);
            return -1;
        }
        if (s->ops->text_index(s, ENT_STORE_TEXT_SEARCH)) return -1;
        const char *cond = s->ops->text_match(s, f->text, param, sizeof param);
        if (!cond) return -1;
        ent_store_stmt_sql(w, " AND ");
        ent_store_stmt_sql(w, cond);
        /* a LIKE fallback binds the same pattern once per word it lists */
        for (const char *q = cond; (q = strchr(q, '?')); q++) ent_store_stmt_text(w, param);
    }
    if (f->after) {
        /* keyset paging: the next page starts after the last event seen,
         * on the order's own columns, so it costs no more than the first
         * and rows stored meanwhile neither repeat nor shift it.  Spelt
         * out so that the date alone settles all but the last event's
         * day: the date is in the indexes, the rest only in the table */
        ent_store_stmt_sql(w, " AND e.date >= ? AND (e.date > ? OR (e.doc, e.sent, e.n) > (?, ?, ?))");
        ent_store_stmt_int(w, f->after->date);
        ent_store_stmt_int(w, f->after->date);
        ent_store_stmt_int(w, f->after->doc_key);
        ent_store_stmt_int(w, f->after->sent);
        ent_store_stmt_int(w, f->after->n);
    }
    return 0;
}

/* Append the SQL and the values of w (the filters' text and integers) to b. */
static void stmt_append(ent_store_stmt *b, const ent_store_stmt *w) {
    ent_store_stmt_sql(b, w->sql);
    for (int i = 0; i < w->n; i++) {
        if (w->p[i].type == ENT_SV_TEXT) ent_store_stmt_text(b, w->p[i].s);
        else ent_store_stmt_int(b, w->p[i].i);
    }
    if (w->overflow) b->overflow = 1;
}

int ent_store_events(ent_store *s, const ent_store_filter *f, ent_store_event_fn fn,
                     void *user) {
    ent_store_stmt b = {.len = 0}, w = {.len = 0};
    /* events.date is the event's date; its story's is `published`, NULL
     * in rows stored before version 3, whose date was the story's; with
     * the published date field e.date is the story's (ent_store_stmt_run)
     * and the event's is kept as event_date */
    ent_store_stmt_sql(&b, s->date_field == ENT_STORE_DATE_PUBLISHED
                               ? "SELECT d.id, e.sent, e.date, e.source, e.target, e.code, e.root,"
                                 " e.quad, e.goldstein, e.source_text, e.target_text, e.verb,"
                                 " e.pattern, e.issue, e.doc, e.n, e.event_date, e.date_precision,"
                                 " e.date_text, d.source, d.url, d.title, sn.text, d.stored_at,"
                                 " e.place, e.place_name, e.place_country, e.place_adm1, e.lat,"
                                 " e.lon, e.place_kind"
                               : "SELECT d.id, e.sent, coalesce(e.published, e.date), e.source,"
                                 " e.target, e.code, e.root,"
                                 " e.quad, e.goldstein, e.source_text, e.target_text, e.verb,"
                                 " e.pattern, e.issue, e.doc, e.n, e.date, e.date_precision,"
                                 " e.date_text, d.source, d.url, d.title, sn.text, d.stored_at,"
                                 " e.place, e.place_name, e.place_country, e.place_adm1, e.lat,"
                                 " e.lon, e.place_kind");
    /* every exported event carries its sentence and its story's outlet,
     * URL and title: the analyst checks an event against its text.  The
     * events are chosen, ordered and cut to the page first, and only
     * those rows fetch their sentence and story: joined before the sort,
     * every matching row would carry its sentence through it (a page of
     * 100 of 620,000 events took twice as long) */
    ent_store_stmt_sql(&b, " FROM (SELECT e.* FROM events e");
    if (f->text && *f->text)
        ent_store_stmt_sql(&b, " JOIN sentences sn ON sn.doc = e.doc AND sn.idx = e.sent");
    if (events_where(s, f, &w)) return -1;
    stmt_append(&b, &w);
    /* A page of a large selection (a busy actor without dates: 420,000
     * events on the bench store) is cut short on SQLite: the date of the
     * page's last event is found first, from the indexes alone, and only
     * the events up to that date are read from the table and sorted,
     * instead of every one of them (0.4 s instead of 4 s to 30 s).  The
     * page is the same: its events are among those up to its last date.
     * Not with a text search (its index is read once), nor by the
     * published date (whose events are a subquery of their own, see
     * ent_store_stmt_run), nor when the conditions twice would not fit. */
    if (f->limit > 0 && s->kind == ENT_STORE_SQLITE && !(f->text && *f->text) &&
        s->date_field != ENT_STORE_DATE_PUBLISHED && b.n + w.n + 2 <= ENT_STORE_STMT_PARAMS) {
        ent_store_stmt_sql(&b, " AND e.date <= coalesce((SELECT e.date FROM events e");
        stmt_append(&b, &w);
        ent_store_stmt_sql(&b, " ORDER BY e.date LIMIT 1 OFFSET ?), 2147483647)");
        ent_store_stmt_int(&b, f->limit - 1);
    }
    ent_store_stmt_sql(&b, " ORDER BY e.date, e.doc, e.sent, e.n");
    if (f->limit > 0) {
        ent_store_stmt_sql(&b, " LIMIT ?");
        ent_store_stmt_int(&b, f->limit);
    }
    ent_store_stmt_sql(&b, ") e JOIN documents d ON d.key = e.doc"
                           " LEFT JOIN sentences sn ON sn.doc = e.doc AND sn.idx = e.sent"
                           " ORDER BY e.date, e.doc, e.sent, e.n");
    ev_ctx x = {fn, user};
    return ent_store_stmt_run(s, &b, event_row, &x);
}

/* ---- Hashes and days ---------------------------------------------------------- */

#define FNV_INIT 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

uint64_t ent_store_text_hash(const char *text, size_t n) {
    uint64_t h = FNV_INIT;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)text[i]) * FNV_PRIME;
    return h;
}

/* Bytes >= 0x80 (UTF-8 letters) count as word characters, so non-Latin
 * text is not reduced to nothing. */
uint64_t ent_store_norm_hash(const char *text, size_t n) {
    uint64_t h = FNV_INIT;
    int pending_space = 0, any = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        int word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   c >= 0x80;
        if (!word) {
            pending_space = any;
            continue;
        }
        if (pending_space) h = (h ^ ' ') * FNV_PRIME;
        pending_space = 0;
        any = 1;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        h = (h ^ c) * FNV_PRIME;
    }
    return h;
}

int64_t ent_store_event_id(const char *doc_id, int sent, int n) {
    uint64_t h = FNV_INIT;
    for (const unsigned char *p = (const unsigned char *)doc_id; p && *p; p++)
        h = (h ^ *p) * FNV_PRIME;
    /* a byte UTF-8 never holds ends the id: "a1" sentence 2 is not "a" 12 */
    h = (h ^ 0xff) * FNV_PRIME;
    uint32_t v[2] = {(uint32_t)sent, (uint32_t)n};
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < 4; i++) h = (h ^ ((v[k] >> (8 * i)) & 0xff)) * FNV_PRIME;
    /* FNV's low bits mix poorly for inputs that differ in their last
     * bytes: splitmix64's finaliser spreads them over the whole word */
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    h &= 0x7fffffffffffffffULL;
    return h ? (int64_t)h : 1;
}

const char ent_store_event_dates_sql[] =
    "ALTER TABLE events ADD COLUMN published INTEGER;"
    "ALTER TABLE events ADD COLUMN published_day INTEGER;"
    "ALTER TABLE events ADD COLUMN date_precision INTEGER;"
    "ALTER TABLE events ADD COLUMN date_text TEXT;"
    "UPDATE meta SET value = '3' WHERE key = 'schema_version' AND value = '2';";

const char ent_store_event_places_sql[] =
    "ALTER TABLE events ADD COLUMN place TEXT;"
    "ALTER TABLE events ADD COLUMN place_name TEXT;"
    "ALTER TABLE events ADD COLUMN place_country TEXT;"
    "ALTER TABLE events ADD COLUMN place_adm1 TEXT;"
    "ALTER TABLE events ADD COLUMN lat DOUBLE PRECISION;"
    "ALTER TABLE events ADD COLUMN lon DOUBLE PRECISION;"
    "ALTER TABLE events ADD COLUMN place_kind TEXT;";

const char *ent_store_place_text(const ent_store_event *e, const char *v) {
    return e->place_name && e->place_name[0] && v && v[0] ? v : NULL;
}

int32_t ent_store_event_date(const ent_store_event *e) {
    return e->event_date > 0 ? e->event_date : e->date;
}

int32_t ent_store_day(int32_t date) { return ent_date_to_day(date); }

int32_t ent_store_date(int32_t day) { return ent_day_to_date(day); }
