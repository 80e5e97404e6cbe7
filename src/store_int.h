/* store_int.h -- what a store backend provides to store.c (private to the
 * store modules: store.c, store_sqlite.c, store_pg.c).
 *
 * store.c does what is the same on both backends (dedup inside a batch,
 * the SQL of the event filters, row decoding, hashing); each backend runs
 * statements its own way (SQLite prepared statements in process, libpq
 * round trips batched into multi-row statements).
 *
 * Each backend is one const table of operations, which says too which
 * URLs are its own and opens them; store.c holds the list of those tables
 * and asks each in turn, so that a backend is added by its table and no
 * backend file names another.
 */
#ifndef ENT_STORE_INT_H
#define ENT_STORE_INT_H

#include "store.h"

typedef struct ent_store_ops {
    int kind;                 /* enum ent_store_kind */
    /* Is url one of this backend's stores? */
    int (*takes)(const char *url);
    /* The file url names, for saying "no store there" before opening a
     * store that must exist; NULL where stores are not files. */
    const char *(*file)(const char *url);
    /* Open or create the store: fill s->impl and s->name; on failure
     * leave a message in s->err (close is called all the same). */
    int (*open)(ent_store *s, const char *url);
    void (*close)(ent_store *s);
    /* Docs with `skipped` set on entry are left alone. */
    int (*put)(ent_store *s, ent_store_doc *docs, int n, int *stored);
    int (*replace_events)(ent_store *s, const ent_store_doc *docs, int n);
    int (*query)(ent_store *s, const char *sql, const ent_store_value *params, int n,
                 ent_store_row_fn fn, void *user);
    /* SQL condition "the sentence aliased sn contains the words", with one
     * `?` bound to the value written to param (backend's text syntax). */
    const char *(*text_match)(ent_store *s, const char *words, char *param, size_t cap);
    /* ENT_STORE_TEXT_SEARCH (a search is about to run), _BUILD or _DROP. */
    int (*text_index)(ent_store *s, int how);
    /* Stop each statement after ms milliseconds (0: no limit). */
    int (*set_timeout)(ent_store *s, int ms);
    /* Insert nrows rows of ncols values (row by row in v) into target,
     * "table (col, ...)", the backend's cheapest way (PostgreSQL: one
     * COPY; SQLite: kept statements of many rows).  The rows must be new:
     * one that clashes with a unique key is an error on PostgreSQL and
     * left out on SQLite. */
    int (*insert_rows)(ent_store *s, const char *target, const ent_store_value *v, int ncols,
                       int nrows);
    /* One statement whose one value is different after any transaction
     * that wrote to the store and committed (ent_store_changes). */
    const char *changes_sql;
} ent_store_ops;

struct ent_store {
    const ent_store_ops *ops;
    int kind;
    int dyad_days;            /* the store keeps dyad_days (store.h) */
    char *url;                /* as opened, for ent_store_reopen */
    int timeout_ms;           /* ent_store_set_timeout's, kept by reopen */
    int date_field;           /* ent_store_set_date_field's */
    int count;                /* ent_store_set_count's */
    char name[256];
    char err[1200];
    void *impl;
};

/* The backends, in store.c's list. */
extern const ent_store_ops ent_store_pg_ops, ent_store_sqlite_ops;

/* Prototypes */
/* printf into s->err, prefixed by the store's name and the statement's
 * first line. */
void ent_store_fail(ent_store *s, const char *sql, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The country of an actor code, the src_country / tgt_country column:
 * its first three bytes (fewer if it is shorter; "" for NULL), or six for
 * an international organisation (IGOUNO: ENT_STORE_IGO and three more). */
#define ENT_STORE_IGO "IGO"
#define ENT_STORE_COUNTRY_CAP 8
void ent_store_country(const char *code, char out[ENT_STORE_COUNTRY_CAP]);
/* The i-th neutral root (ent_store_neutral_root), NULL past the last: for
 * statements a backend prepares once with the roots bound. */
const char *ent_store_neutral_list(int i);
/* A 64-bit hash or identity as the signed BIGINT that stores it. */
int64_t ent_store_i64(uint64_t v);
/* Timestamp "YYYY-MM-DDTHH:MM:SSZ" into out[24]. */
void ent_store_now(char out[24]);
/* The date columns of events added by schema version 3, the same SQL on
 * both backends: run on a store without them (NULL in the rows it held,
 * which were dated by their story), then the version is set to 3 when it
 * was 2. */
extern const char ent_store_event_dates_sql[];
/* The place columns of events (store.h), the same SQL on both backends:
 * run on a store whose events lack place_name, whatever its version (they
 * are detected, not versioned). */
extern const char ent_store_event_places_sql[];
/* A place column's value as stored: v, or NULL (SQL NULL) when the event
 * has no place or v is empty. */
const char *ent_store_place_text(const ent_store_event *e, const char *v);
/* The date an event is stored under (events.date): its own, else its
 * story's. */
int32_t ent_store_event_date(const ent_store_event *e);

/* Happenings (store_happen.c).  The columns events.happening and
 * events.lead_mention, added to stores made before them (their rows: no
 * happening, each its own lead), and the tables and view of happenings
 * and identical copies, made where absent: the same SQL on both backends
 * but for the type of happenings.id. */
extern const char ent_store_happen_sql[];
extern const char ent_store_happen_tables_sqlite[];
extern const char ent_store_happen_tables_pg[];

/* The happenings of a batch's mentions: id[k] and lead[k] for the k-th
 * event of the batch's documents not skipped, in order; the happenings
 * whose counts the batch changes. */
typedef struct ent_store_links {
    int64_t *id;
    unsigned char *lead;      /* 1: the mention starts its happening */
    size_t n;
    int64_t *touched;
    size_t n_touched, cap_touched;
} ent_store_links;

/* Inside the batch's transaction, documents' keys set and their old
 * events (when `recoded`) deleted: link each mention to the happening it
 * joins or starts (storing those it starts).  0, or -1 with the message
 * on the handle. */
int ent_store_links_make(ent_store *s, const ent_store_doc *docs, int n, int recoded,
                         ent_store_links *l);
/* Recoding: note the happenings of docs' events before they are deleted. */
int ent_store_links_before_delete(ent_store *s, const ent_store_doc *docs, int n,
                                  ent_store_links *l);
/* After the events are written: count the touched happenings again and,
 * when `recoded`, give a lead to those that lost theirs. */
int ent_store_links_finish(ent_store *s, ent_store_links *l, int recoded);
void ent_store_links_free(ent_store_links *l);

/* Inside ent_store_put's transaction, the batch's documents stored: keep
 * each document skipped for its text under an id the stored one does not
 * have as a copy of it (doc_copies; its copy_of set), noting the
 * happenings whose counts that changes in l.  now: stored_at.  0, or -1
 * with the message on the handle. */
int ent_store_copies_put(ent_store *s, ent_store_doc *docs, int n, const char *now,
                         ent_store_links *l);

/* The rank of event e among its sentence's events, a document's events
 * taken in order: `rank` is the rank of the event before, *last its
 * sentence (-1 before the first).  Part of an event's stable key. */
static inline int ent_store_sent_rank(const ent_store_event *e, int rank, int *last) {
    int r = e->sent == *last ? rank + 1 : 0;
    *last = e->sent;
    return r;
}

#endif
