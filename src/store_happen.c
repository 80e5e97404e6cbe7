/* store_happen.c -- mentions of one happening linked together, inside the
 * transaction that stores or recodes them, the same on both backends.
 *
 * Design.  A happening is named by its first mention's key: source and
 * target countries, CAMEO root, day and place.  A later mention joins the
 * happening with the same countries and root whose day is within one of
 * its own (the nearest, then the oldest), unless both know a place and the
 * places differ; else it starts a happening of its own.  A happening's day
 * stays its first mention's, so mentions a day apart on either side join
 * it but a chain of them does not drift across a week.  Mentions without
 * both countries or without a date start their own: a half-known event is
 * not evidence that two reports saw the same thing.
 *
 * The mention that starts a happening is its lead (events.lead_mention):
 * analysis counting happenings reads the lead mentions alone, so the
 * covering indexes still answer it, and a happening has one code, one
 * QuadClass and one Goldstein score, its lead's.  A recode that takes a
 * lead away hands the part to the happening's earliest mention left.
 *
 * The counts (mentions, documents, sources) of a happening the batch
 * starts are counted while linking, all its mentions being in the batch.
 * Those of a stored happening the batch joins, or whose document gains an
 * identical copy, are counted again from the rows (mentions in stored
 * documents and in their copies): a count kept by increments would need
 * to know which outlets the happening already had, which is the same
 * lookup.
 *
 * A happening's id: see new_id.  A place is its country and, finer than
 * a country, its gazetteer name (mention_key).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util.h"

const char ent_store_happen_sql[] =
    "ALTER TABLE events ADD COLUMN happening BIGINT;"
    "ALTER TABLE events ADD COLUMN lead_mention INTEGER NOT NULL DEFAULT 1;";

/* id: INTEGER PRIMARY KEY is SQLite's rowid itself (one B-tree, not a
 * table and an index); PostgreSQL's INTEGER is 32 bits, too few */
#define HAPPEN_TABLES(id_type)                                                                    \
    "CREATE TABLE happenings (id " id_type " PRIMARY KEY, date INTEGER NOT NULL,"                 \
    " day INTEGER NOT NULL, src_country TEXT NOT NULL, tgt_country TEXT NOT NULL,"                \
    " root TEXT NOT NULL, place_country TEXT, place_name TEXT,"                                   \
    " mentions INTEGER NOT NULL DEFAULT 0, documents INTEGER NOT NULL DEFAULT 0,"                 \
    " sources INTEGER NOT NULL DEFAULT 0);"                                                       \
    "CREATE INDEX happenings_key ON happenings (src_country, tgt_country, root, day);"            \
    "CREATE INDEX events_happening ON events (happening);"                                        \
    "CREATE TABLE doc_copies (id TEXT PRIMARY KEY, doc BIGINT NOT NULL, date INTEGER NOT NULL,"   \
    " source TEXT, url TEXT, title TEXT, stored_at TEXT NOT NULL);"                               \
    "CREATE INDEX doc_copies_doc ON doc_copies (doc);"

const char ent_store_happen_tables_sqlite[] = HAPPEN_TABLES("INTEGER");
const char ent_store_happen_tables_pg[] = HAPPEN_TABLES("BIGINT");

/* Rows of a multi-row statement.  SQLite keeps a statement prepared
 * (store_sqlite.c), so one of a few hundred parameters is prepared once and
 * run again; PostgreSQL parses and plans each, a round trip apiece, so
 * fewer and larger ones (its limit: 65535 parameters). */
static int rows_per(const ent_store *s, int sqlite_rows) {
    return ent_store_kind(s) == ENT_STORE_SQLITE ? sqlite_rows : sqlite_rows * 10;
}
#define KEYS_PER_QUERY(s) rows_per(s, 100)
#define IDS_PER_UPDATE(s) rows_per(s, 200)

typedef struct hap {
    int64_t id;
    int32_t date, day;
    char src[ENT_STORE_COUNTRY_CAP], tgt[ENT_STORE_COUNTRY_CAP], root[4];
    char place_country[4], place_name[64];
    int is_new;
    int mentions, documents, sources, last_doc;   /* a new one's, in the batch */
    int next;                 /* the next happening of the same key, -1 */
} hap;

typedef struct links_build {
    ent_store *s;
    ent_store_links *l;
    ent_vec haps;             /* hap */
    ent_vec outlets;          /* hap_outlet: a new happening's mentions' outlets */
    ent_strmap heads;         /* "src|tgt|root" -> first happening of the key */
} links_build;

#define HAP(b, i) ENT_VEC_AT(&(b)->haps, hap, i)

typedef struct hap_outlet {
    int hap;
    const char *outlet;
} hap_outlet;

/* The key a mention is clustered by; 0 when it is clustered with nothing. */
typedef struct mkey {
    char src[ENT_STORE_COUNTRY_CAP], tgt[ENT_STORE_COUNTRY_CAP], root[4];
    char place_country[4], place_name[64];
    int32_t date, day;
} mkey;

/* v (NULL: "") into out[cap], cut to fit.  Not snprintf: the writer
 * copies a few of these for each mention, and a format costs tens of
 * times as much as the copy. */
static void copy_text(char *out, size_t cap, const char *v) {
    size_t n = v ? strnlen(v, cap - 1) : 0;
    if (n) memcpy(out, v, n);
    out[n] = '\0';
}

static int mention_key(const ent_store_event *e, mkey *k) {
    memset(k, 0, sizeof *k);
    ent_store_country(e->source, k->src);
    ent_store_country(e->target, k->tgt);
    copy_text(k->root, 3, e->root);   /* the root: two digits of the code */
    k->date = ent_store_event_date(e);
    k->day = ent_store_day(k->date);
    /* where it happened, when the text says: a country alone names no
     * place within it, so it is matched by its country only */
    const char *pc = ent_store_place_text(e, e->place_country);
    const char *pn = ent_store_place_text(e, e->place_name);
    const char *kind = ent_store_place_text(e, e->place_kind);
    copy_text(k->place_country, sizeof k->place_country, pc);
    if (pn && !(kind && !strcmp(kind, "country"))) copy_text(k->place_name, sizeof k->place_name, pn);
    return k->src[0] && k->tgt[0] && strlen(k->root) == 2 && k->date > 0;
}

/* "src|tgt|root" into out[cap]; its length. */
static size_t key_text(char *out, size_t cap, const char *src, const char *tgt, const char *root) {
    const char *part[3] = {src, tgt, root};
    size_t n = 0;
    for (int i = 0; i < 3; i++) {
        if (i && n + 1 < cap) out[n++] = '|';
        copy_text(out + n, cap - n, part[i]);
        n += strlen(out + n);
    }
    return n;
}

/* Two places are the same place unless both are known and differ: first
 * their countries, then their names. */
static int place_compatible(const char *ca, const char *na, const char *cb, const char *nb) {
    if (ca[0] && cb[0] && strcmp(ca, cb)) return 0;
    if (na[0] && nb[0] && strcasecmp(na, nb)) return 0;
    return 1;
}

/* Keep x; `linked`: reachable from its key (a mention without a key
 * starts a happening no other mention joins). */
static int hap_add(links_build *b, const hap *x, int linked) {
    int at = (int)b->haps.len;
    hap *h = ent_vec_push(&b->haps);
    if (!h) return -1;
    *h = *x;
    h->next = -1;
    if (linked) {
        char k[32];
        size_t kn = key_text(k, sizeof k, x->src, x->tgt, x->root);
        h->next = ent_strmap_get(&b->heads, k, kn);
        if (ent_strmap_put(&b->heads, k, kn, at) < 0) return -1;
    }
    return 0;
}

static int touch(ent_store_links *l, int64_t id) {
    if (l->n_touched == l->cap_touched) {
        size_t cap = l->cap_touched ? l->cap_touched * 2 : 256;
        int64_t *t = realloc(l->touched, cap * sizeof *t);
        if (!t) return -1;
        l->touched = t;
        l->cap_touched = cap;
    }
    l->touched[l->n_touched++] = id;
    return 0;
}


static int candidate_row(void *user, int n, const char *const *c) {
    links_build *b = user;
    if (n < 8 || !c[0]) return 0;
    hap x = {.id = strtoll(c[0], NULL, 10), .date = c[1] ? atoi(c[1]) : 0,
             .day = c[2] ? atoi(c[2]) : 0, .next = -1};
    copy_text(x.src, sizeof x.src, c[3]);
    copy_text(x.tgt, sizeof x.tgt, c[4]);
    copy_text(x.root, sizeof x.root, c[5]);
    copy_text(x.place_country, sizeof x.place_country, c[6]);
    copy_text(x.place_name, sizeof x.place_name, c[7]);
    /* ranges of neighbouring days overlap: a happening comes once */
    char k[32];
    size_t kn = key_text(k, sizeof k, x.src, x.tgt, x.root);
    for (int i = ent_strmap_get(&b->heads, k, kn); i >= 0; i = HAP(b, i).next)
        if (HAP(b, i).id == x.id) return 0;
    if (hap_add(b, &x, 1)) {
        ent_store_fail(b->s, "SELECT ... FROM happenings", "out of memory");
        return -1;
    }
    return 0;
}

#define CANDIDATE_COLUMNS                                                                         \
    "h.id, h.date, h.day, h.src_country, h.tgt_country, h.root, h.place_country, h.place_name"
#define CANDIDATE_MATCH                                                                           \
    "h.src_country = k.a AND h.tgt_country = k.b AND h.root = k.c AND h.day >= k.d0"              \
    " AND h.day <= k.d1"
/* After the keys k: SQLite probes happenings_key for each.  PostgreSQL,
 * once it has statistics, hashes k and reads the whole table instead, a
 * cost that grows with the store: the lateral subquery, kept apart by
 * OFFSET 0, makes it probe the index for each key too. */
static const char candidates_sqlite[] =
    ") SELECT " CANDIDATE_COLUMNS " FROM k JOIN happenings h ON " CANDIDATE_MATCH;
static const char candidates_pg[] = ") SELECT h.* FROM k CROSS JOIN LATERAL (SELECT " CANDIDATE_COLUMNS
                                    " FROM happenings h WHERE " CANDIDATE_MATCH " OFFSET 0) h";

/* The stored happenings keys[0..n) may join: same countries and root,
 * day within one. */
static int load_candidates(links_build *b, const mkey *keys, int n) {
    ent_buf sql = {0};
    ent_store_value *p = malloc((size_t)KEYS_PER_QUERY(b->s) * 5 * sizeof *p);
    int rc = p ? 0 : -1;
    for (int from = 0; from < n && !rc; from += KEYS_PER_QUERY(b->s)) {
        int to = from + KEYS_PER_QUERY(b->s) < n ? from + KEYS_PER_QUERY(b->s) : n, np = 0;
        ent_buf_clear(&sql);
        rc |= ent_buf_puts(&sql, "WITH k (a, b, c, d0, d1) AS (VALUES ");
        for (int i = from; i < to; i++) {
            rc |= ent_buf_puts(&sql, i > from ? ", (?, ?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER))"
                                              : "(?, ?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER))");
            p[np++] = (ent_store_value){.type = ENT_SV_TEXT, .s = keys[i].src};
            p[np++] = (ent_store_value){.type = ENT_SV_TEXT, .s = keys[i].tgt};
            p[np++] = (ent_store_value){.type = ENT_SV_TEXT, .s = keys[i].root};
            p[np++] = (ent_store_value){.type = ENT_SV_INT, .i = keys[i].day - 1};
            p[np++] = (ent_store_value){.type = ENT_SV_INT, .i = keys[i].day + 1};
        }
        rc |= ent_buf_puts(&sql, ent_store_kind(b->s) == ENT_STORE_PG ? candidates_pg
                                                                       : candidates_sqlite);
        if (rc) break;
        rc = ent_store_query(b->s, sql.data, p, np, candidate_row, b);
    }
    if (rc && !p) ent_store_fail(b->s, "SELECT ... FROM happenings", "out of memory");
    free(p);
    ent_buf_free(&sql);
    return rc ? -1 : 0;
}

static int cmp_mkey(const void *a, const void *b) {
    const mkey *x = a, *y = b;
    int c = strcmp(x->src, y->src);
    if (!c) c = strcmp(x->tgt, y->tgt);
    if (!c) c = strcmp(x->root, y->root);
    if (!c) c = (x->day > y->day) - (x->day < y->day);
    return c;
}

/* The happening a mention joins: the nearest day, then the oldest id
 * among equals; -1 when none. */
static int best_happening(const links_build *b, const mkey *k) {
    char t[32];
    size_t tn = key_text(t, sizeof t, k->src, k->tgt, k->root);
    int best = -1;
    for (int i = ent_strmap_get(&b->heads, t, tn); i >= 0; i = HAP(b, i).next) {
        const hap *h = &HAP(b, i);
        int32_t d = h->day > k->day ? h->day - k->day : k->day - h->day;
        if (d > 1 || !place_compatible(h->place_country, h->place_name, k->place_country,
                                       k->place_name))
            continue;
        if (best < 0) {
            best = i;
            continue;
        }
        const hap *o = &HAP(b, best);
        int32_t od = o->day > k->day ? o->day - k->day : k->day - o->day;
        if (d < od || (d == od && (h->day < o->day || (h->day == o->day && h->id < o->id))))
            best = i;
    }
    return best;
}

/* A new happening's id, from its first mention: at ingest the stored
 * document's key with the sentence and rank (keys only grow, so new
 * happenings go at the end of their B-trees, and documents being new, no
 * id is taken); at recode, or past those fields' bits, a hash of the
 * mention and its key with bit 62 set, apart from the first kind, so
 * that a mention recoded into another happening does not take the id of
 * the one it left, which may live on with other mentions. */
static int64_t new_id(const ent_store_doc *d, int sent, int rank, const mkey *k, int recoded) {
    if (!recoded && d->key > 0 && d->key < ((int64_t)1 << 38) && sent >= 0 && sent < (1 << 16) &&
        rank < (1 << 8))
        return d->key << 24 | (int64_t)sent << 8 | rank;
    char t[48];
    int n = snprintf(t, sizeof t, "%s|%s|%s|%d", k->src, k->tgt, k->root, (int)k->day);
    uint64_t h = (uint64_t)ent_store_event_id(d->id, sent, rank) ^
                 ent_store_text_hash(t, n > 0 ? (size_t)n : 0);
    h ^= h >> 31;
    h *= 0x9e3779b97f4a7c15ULL;
    h ^= h >> 29;
    return (int64_t)(h & 0x3fffffffffffffffULL) | ((int64_t)1 << 62);
}

/* A text parameter; NULL for a NULL or empty text. */
static ent_store_value text_or_null(const char *v) {
    return v && *v ? (ent_store_value){.type = ENT_SV_TEXT, .s = v}
                   : (ent_store_value){.type = ENT_SV_NULL};
}

#define HAP_COLUMNS                                                                               \
    "happenings (id, date, day, src_country, tgt_country, root, place_country, place_name,"       \
    " mentions, documents, sources)"
#define HAP_NCOLS 11

/* A new happening's row, the HAP_NCOLS values of HAP_COLUMNS. */
static void hap_values(const hap *h, ent_store_value *p) {
    p[0] = (ent_store_value){.type = ENT_SV_INT, .i = h->id};
    p[1] = (ent_store_value){.type = ENT_SV_INT, .i = h->date};
    p[2] = (ent_store_value){.type = ENT_SV_INT, .i = h->day};
    p[3] = (ent_store_value){.type = ENT_SV_TEXT, .s = h->src};
    p[4] = (ent_store_value){.type = ENT_SV_TEXT, .s = h->tgt};
    p[5] = (ent_store_value){.type = ENT_SV_TEXT, .s = h->root};
    p[6] = text_or_null(h->place_country);
    p[7] = text_or_null(h->place_name);
    p[8] = (ent_store_value){.type = ENT_SV_INT, .i = h->mentions};
    p[9] = (ent_store_value){.type = ENT_SV_INT, .i = h->documents};
    p[10] = (ent_store_value){.type = ENT_SV_INT, .i = h->sources};
}

/* The new happenings, by the backend's way with many rows (their ids
 * are new by construction). */
static int insert_new(links_build *b) {
    int n = 0;
    for (size_t i = 0; i < b->haps.len; i++) n += HAP(b, i).is_new;
    if (!n) return 0;
    ent_store_value *p = malloc((size_t)n * HAP_NCOLS * sizeof *p);
    if (!p) return ent_store_fail(b->s, "INSERT INTO happenings", "out of memory"), -1;
    int k = 0;
    for (size_t i = 0; i < b->haps.len; i++)
        if (HAP(b, i).is_new) hap_values(&HAP(b, i), &p[(size_t)k++ * HAP_NCOLS]);
    int rc = b->s->ops->insert_rows(b->s, HAP_COLUMNS, p, HAP_NCOLS, n);
    free(p);
    return rc ? -1 : 0;
}

static int live_events(const ent_store_doc *docs, int n) {
    int total = 0;
    for (int i = 0; i < n; i++) total += docs[i].skipped ? 0 : docs[i].n_events;
    return total;
}

/* A new happening's counts take mention k of document `doc` (outlet:
 * its source). */
static int count_new(links_build *b, int at, int doc, const char *outlet) {
    hap *h = &HAP(b, at);
    h->mentions++;
    if (h->last_doc != doc) h->documents++, h->last_doc = doc;
    hap_outlet *o = ent_vec_push(&b->outlets);
    if (!o) return -1;
    *o = (hap_outlet){at, outlet ? outlet : ""};
    return 0;
}

static int cmp_hap_outlet(const void *a, const void *b) {
    const hap_outlet *x = a, *y = b;
    if (x->hap != y->hap) return (x->hap > y->hap) - (x->hap < y->hap);
    return strcmp(x->outlet, y->outlet);
}

/* The new happenings' distinct outlets. */
static void count_sources(links_build *b) {
    hap_outlet *o = b->outlets.items;
    size_t n = b->outlets.len;
    if (n) qsort(o, n, sizeof *o, cmp_hap_outlet);
    for (size_t i = 0; i < n; i++)
        if (!i || cmp_hap_outlet(&o[i - 1], &o[i])) HAP(b, o[i].hap).sources++;
}

/* Link each mention of the batch: l->id and l->lead.  A new happening is
 * counted here, all its mentions being in the batch; a stored one joined
 * goes on the touched list, to be counted again from the rows. */
static int assign(links_build *b, const ent_store_doc *docs, int n, const mkey *mk,
                  const unsigned char *keyed, int recoded) {
    ent_store_links *l = b->l;
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (docs[i].skipped) continue;
        int rank = 0, last_sent = -1;
        for (int j = 0; j < docs[i].n_events; j++, k++) {
            const ent_store_event *e = &docs[i].events[j];
            rank = ent_store_sent_rank(e, rank, &last_sent);
            int at = keyed[k] ? best_happening(b, &mk[k]) : -1;
            l->lead[k] = at < 0;
            if (at < 0) {
                hap x = {.id = new_id(&docs[i], e->sent, rank, &mk[k], recoded), .date = mk[k].date,
                         .day = mk[k].day, .is_new = 1, .last_doc = -1, .next = -1};
                memcpy(x.src, mk[k].src, sizeof x.src);
                memcpy(x.tgt, mk[k].tgt, sizeof x.tgt);
                memcpy(x.root, mk[k].root, sizeof x.root);
                memcpy(x.place_country, mk[k].place_country, sizeof x.place_country);
                memcpy(x.place_name, mk[k].place_name, sizeof x.place_name);
                at = (int)b->haps.len;
                if (hap_add(b, &x, keyed[k])) return -1;
            }
            l->id[k] = HAP(b, at).id;
            if (HAP(b, at).is_new ? count_new(b, at, i, docs[i].source) : touch(l, l->id[k]))
                return -1;
        }
    }
    count_sources(b);
    return 0;
}

int ent_store_links_make(ent_store *s, const ent_store_doc *docs, int n, int recoded,
                         ent_store_links *l) {
    int total = live_events(docs, n);
    l->n = (size_t)total;
    if (!total) return 0;
    links_build b = {.s = s, .l = l};
    ent_vec_init(&b.haps, sizeof(hap));
    ent_vec_init(&b.outlets, sizeof(hap_outlet));
    mkey *mk = malloc((size_t)total * sizeof *mk);
    mkey *sorted = malloc((size_t)total * sizeof *sorted);
    unsigned char *keyed = malloc((size_t)total);
    l->id = malloc((size_t)total * sizeof *l->id);
    l->lead = malloc((size_t)total);
    int rc = mk && sorted && keyed && l->id && l->lead &&
                     !ent_strmap_init(&b.heads, (size_t)total + 16)
                 ? 0
                 : -1;
    int nk = 0;
    size_t k = 0;
    for (int i = 0; i < n && !rc; i++)
        for (int j = 0; !docs[i].skipped && j < docs[i].n_events; j++, k++) {
            keyed[k] = (unsigned char)mention_key(&docs[i].events[j], &mk[k]);
            if (keyed[k]) sorted[nk++] = mk[k];
        }
    if (rc) ent_store_fail(s, NULL, "out of memory");
    if (!rc && nk) {
        /* one lookup per distinct key and day */
        qsort(sorted, (size_t)nk, sizeof *sorted, cmp_mkey);
        int m = 0;
        for (int i = 0; i < nk; i++)
            if (!m || cmp_mkey(&sorted[m - 1], &sorted[i])) sorted[m++] = sorted[i];
        rc = load_candidates(&b, sorted, m);
    }
    if (!rc && assign(&b, docs, n, mk, keyed, recoded)) rc = -1, ent_store_fail(s, NULL, "out of memory");
    if (!rc) rc = insert_new(&b);
    free(mk);
    free(sorted);
    free(keyed);
    ent_vec_free(&b.haps);
    ent_vec_free(&b.outlets);
    if (b.heads.hashes) ent_strmap_free(&b.heads);
    return rc;
}

static int touched_row(void *user, int n, const char *const *c) {
    ent_store_links *l = user;
    if (n < 1 || !c[0]) return 0;
    return touch(l, strtoll(c[0], NULL, 10));
}

int ent_store_links_before_delete(ent_store *s, const ent_store_doc *docs, int n,
                                  ent_store_links *l) {
    ent_store_value *p = malloc((size_t)IDS_PER_UPDATE(s) * sizeof *p);
    ent_buf sql = {0};
    int rc = p ? 0 : -1;
    for (int from = 0; from < n && !rc; from += IDS_PER_UPDATE(s)) {
        int to = from + IDS_PER_UPDATE(s) < n ? from + IDS_PER_UPDATE(s) : n;
        ent_buf_clear(&sql);
        rc |= ent_buf_puts(&sql, "SELECT DISTINCT happening FROM events WHERE happening IS NOT NULL"
                                 " AND doc IN (");
        for (int i = from; i < to; i++) {
            rc |= ent_buf_puts(&sql, i > from ? ", ?" : "?");
            p[i - from] = (ent_store_value){.type = ENT_SV_INT, .i = docs[i].key};
        }
        rc |= ent_buf_puts(&sql, ")");
        if (!rc) rc = ent_store_query(s, sql.data, p, to - from, touched_row, l);
    }
    if (rc && !p) ent_store_fail(s, NULL, "out of memory");
    free(p);
    ent_buf_free(&sql);
    return rc ? -1 : 0;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Statements over the touched happenings, IDS_PER_UPDATE(s) ids at a time:
 * `head` then "?, ?, ...)" and `tail`, rows to fn (may be NULL). */
static int over_touched(ent_store *s, const ent_store_links *l, const char *head, const char *tail,
                        ent_store_row_fn fn, void *user) {
    ent_store_value *p = malloc((size_t)IDS_PER_UPDATE(s) * sizeof *p);
    ent_buf sql = {0};
    int rc = p ? 0 : -1;
    for (size_t from = 0; from < l->n_touched && !rc; from += IDS_PER_UPDATE(s)) {
        size_t to = from + IDS_PER_UPDATE(s) < l->n_touched ? from + IDS_PER_UPDATE(s) : l->n_touched;
        ent_buf_clear(&sql);
        rc |= ent_buf_puts(&sql, head);
        for (size_t i = from; i < to; i++) {
            rc |= ent_buf_puts(&sql, i > from ? ", ?" : "?");
            p[i - from] = (ent_store_value){.type = ENT_SV_INT, .i = l->touched[i]};
        }
        rc |= ent_buf_puts(&sql, tail);
        if (!rc) rc = ent_store_query(s, sql.data, p, (int)(to - from), fn, user);
    }
    if (rc && !p) ent_store_fail(s, head, "out of memory");
    free(p);
    ent_buf_free(&sql);
    return rc ? -1 : 0;
}

/* Events made leads by a recode: what dyad_days counts them by. */
typedef struct promoted {
    char src[ENT_STORE_COUNTRY_CAP], tgt[ENT_STORE_COUNTRY_CAP];
    int32_t date;
    int quad, neutral;
    double goldstein;
} promoted;

static int promoted_row(void *user, int n, const char *const *c) {
    if (n < 6) return 0;
    promoted *r = ent_vec_push(user);
    if (!r) return -1;
    copy_text(r->src, sizeof r->src, c[0]);
    copy_text(r->tgt, sizeof r->tgt, c[1]);
    r->date = c[2] ? atoi(c[2]) : 0;
    r->quad = c[3] ? atoi(c[3]) : 0;
    r->neutral = ent_store_neutral_root(c[4]);
    r->goldstein = c[5] ? strtod(c[5], NULL) : 0.0;
    return 0;
}

/* A happening whose lead went with a recoded document: its earliest
 * mention left leads it, and counts as one in dyad_days. */
static int promote_leads(ent_store *s, const ent_store_links *l) {
    ent_vec x;
    ent_vec_init(&x, sizeof(promoted));
    int rc = over_touched(s, l,
                          "UPDATE events SET lead_mention = 1 WHERE lead_mention = 0"
                          " AND NOT EXISTS (SELECT 1 FROM events x WHERE"
                          " x.happening = events.happening AND x.lead_mention = 1)"
                          " AND NOT EXISTS (SELECT 1 FROM events y WHERE"
                          " y.happening = events.happening AND (y.doc < events.doc"
                          " OR (y.doc = events.doc AND (y.sent < events.sent"
                          " OR (y.sent = events.sent AND y.n < events.n)))))"
                          " AND happening IN (",
                          ") RETURNING src_country, tgt_country, date, quad, root, goldstein",
                          promoted_row, &x);
    if (rc > 0) ent_store_fail(s, "UPDATE events SET lead_mention", "out of memory");
    for (size_t i = 0; i < x.len && !rc && s->dyad_days; i++) {
        const promoted *r = &ENT_VEC_AT(&x, promoted, i);
        ent_store_value p[6] = {{.type = ENT_SV_REAL, .r = r->goldstein},
                                {.type = ENT_SV_TEXT, .s = r->src},
                                {.type = ENT_SV_TEXT, .s = r->tgt},
                                {.type = ENT_SV_INT, .i = r->date},
                                {.type = ENT_SV_INT, .i = r->quad},
                                {.type = ENT_SV_INT, .i = r->neutral}};
        rc = ent_store_query(s,
                             "UPDATE dyad_days SET leads = leads + 1, lead_gsum = lead_gsum + ?"
                             " WHERE src_country = ? AND tgt_country = ? AND date = ?"
                             " AND quad = ? AND neutral = ?",
                             p, 6, NULL, NULL);
    }
    ent_vec_free(&x);
    return rc ? -1 : 0;
}

int ent_store_links_finish(ent_store *s, ent_store_links *l, int recoded) {
    if (!l->n_touched) return 0;
    qsort(l->touched, l->n_touched, sizeof *l->touched, cmp_i64);
    size_t m = 0;
    for (size_t i = 0; i < l->n_touched; i++)
        if (!m || l->touched[m - 1] != l->touched[i]) l->touched[m++] = l->touched[i];
    l->n_touched = m;
    if (recoded && promote_leads(s, l)) return -1;
    /* a recode can leave a happening no mention: it goes */
    if (recoded && over_touched(s, l,
                                "DELETE FROM happenings WHERE NOT EXISTS (SELECT 1 FROM events e"
                                " WHERE e.happening = happenings.id) AND id IN (",
                                ")", NULL, NULL))
        return -1;
    /* t: the touched happenings; u: one row a mention, in a stored
     * document or in a copy of one (read through events' index on
     * happening: a view of the two, correlated per happening, was read
     * whole each time) */
    return over_touched(
        s, l, "WITH t AS (SELECT id FROM happenings WHERE id IN (",
        ")) UPDATE happenings SET mentions = x.m, documents = x.d, sources = x.o"
        " FROM (SELECT u.happening, count(*) AS m, count(DISTINCT u.article) AS d,"
        " count(DISTINCT u.outlet) AS o FROM (SELECT e.happening, d.id AS article,"
        " coalesce(d.source, '') AS outlet FROM events e JOIN documents d ON d.key = e.doc"
        " WHERE e.happening IN (SELECT id FROM t)"
        " UNION ALL SELECT e.happening, c.id, coalesce(c.source, '') FROM events e"
        " JOIN doc_copies c ON c.doc = e.doc WHERE e.happening IN (SELECT id FROM t)) u"
        " GROUP BY u.happening) x WHERE happenings.id = x.happening",
        NULL, NULL);
}

void ent_store_links_free(ent_store_links *l) {
    free(l->id);
    free(l->lead);
    free(l->touched);
    memset(l, 0, sizeof *l);
}

/* ---- Identical copies ------------------------------------------------------------ */

typedef struct copies_ctx {
    ent_store_doc *docs;
    int n;
    ent_vec keys;             /* int64_t: the documents given a copy */
} copies_ctx;

/* A row of RETURNING (id, doc): the copy's document gets its copy_of. */
static int copy_row(void *user, int n, const char *const *c) {
    copies_ctx *x = user;
    if (n < 2 || !c[0] || !c[1]) return 0;
    int64_t key = strtoll(c[1], NULL, 10);
    for (int i = 0; i < x->n; i++)
        if (x->docs[i].skipped == 1 && x->docs[i].id && !strcmp(x->docs[i].id, c[0]))
            x->docs[i].copy_of = key;
    int64_t *k = ent_vec_push(&x->keys);
    if (!k) return -1;
    *k = key;
    return 0;
}

static int copy_put(ent_store *s, const ent_store_doc *d, const char *now, copies_ctx *x) {
    ent_store_value p[8] = {
        {.type = ENT_SV_TEXT, .s = d->id},
        {.type = ENT_SV_INT, .i = d->date},
        text_or_null(d->source),
        text_or_null(d->url),
        text_or_null(d->title),
        {.type = ENT_SV_TEXT, .s = now},
        {.type = ENT_SV_INT, .i = ent_store_i64(d->norm_hash)},
        {.type = ENT_SV_TEXT, .s = d->id}};
    /* the stored document with its text under another id: the same id
     * is the same document read again, not another outlet's copy */
    return ent_store_query(s,
                           "INSERT INTO doc_copies (id, doc, date, source, url, title, stored_at)"
                           " SELECT CAST(? AS TEXT), d.key, CAST(? AS INTEGER), CAST(? AS TEXT),"
                           " CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT) FROM documents d"
                           " WHERE d.norm_hash = CAST(? AS BIGINT) AND d.id <> CAST(? AS TEXT)"
                           " ON CONFLICT DO NOTHING RETURNING id, doc",
                           p, 8, copy_row, x);
}

int ent_store_copies_put(ent_store *s, ent_store_doc *docs, int n, const char *now,
                         ent_store_links *l) {
    copies_ctx x = {.docs = docs, .n = n};
    ent_vec_init(&x.keys, sizeof(int64_t));
    int rc = 0;
    for (int i = 0; i < n && !rc; i++)
        if (docs[i].skipped == 1 && docs[i].id) rc = copy_put(s, &docs[i], now, &x);
    /* the happenings of the documents copied count the copies' outlets */
    for (size_t i = 0; i < x.keys.len && !rc; i++) {
        ent_store_value p[1] = {{.type = ENT_SV_INT, .i = ENT_VEC_AT(&x.keys, int64_t, i)}};
        rc = ent_store_query(s,
                             "SELECT DISTINCT happening FROM events WHERE doc = ?"
                             " AND happening IS NOT NULL",
                             p, 1, touched_row, l);
    }
    ent_vec_free(&x.keys);
    return rc ? -1 : 0;
}
