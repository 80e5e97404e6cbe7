/* store_int.h -- what a store backend provides to store.c (private to the
 * store modules: store.c, store_sqlite.c, store_pg.c).
 *
 * store.c does what is the same on both backends (dispatch by URL, dedup
 * inside a batch, the SQL of the event filters, row decoding, hashing);
 * each backend runs statements its own way (SQLite prepared statements in
 * process, libpq round trips batched into multi-row statements).
 */
#ifndef ENT_STORE_INT_H
#define ENT_STORE_INT_H

#include "store.h"
#include "util.h"

typedef struct ent_store_ops {
    void (*close)(ent_store *s);
    /* Docs with `skipped` set on entry are left alone. */
    int (*put)(ent_store *s, ent_store_doc *docs, int n, int *stored);
    int (*replace_events)(ent_store *s, const ent_store_doc *docs, int n);
    int (*query)(ent_store *s, const char *sql, const ent_store_value *params, int n,
                 ent_store_row_fn fn, void *user);
    /* SQL condition "the sentence aliased sn contains the words", with one
     * `?` bound to the value written to param (backend's text syntax). */
    const char *(*text_match)(ent_store *s, const char *words, char *param, size_t cap);
} ent_store_ops;

struct ent_store {
    const ent_store_ops *ops;
    int kind;
    char name[256];
    char err[1200];
    void *impl;
};

/* A batch's events summed per dyad_day key (src_code, tgt_code, day), in
 * memory, so the table gets one upsert per key rather than per event.
 * Cells keep the order their keys first came in; codes are copied. */
typedef struct ent_dd_cell {
    const char *src, *tgt;
    char sc[4], tc[4];        /* countries: the codes' first three letters */
    int32_t day;              /* ENT_STORE_NO_DAY when undated */
    int64_t q[4], events;     /* deltas: negative when events are taken away */
    double gsum;
    int64_t removed;          /* events taken away (a key may end empty) */
} ent_dd_cell;

typedef struct ent_dd {
    ent_dd_cell *c;
    int n, cap;
    int *slot;                /* open addressing: cell index + 1, 0 empty */
    size_t nslot;
    ent_arena a;
} ent_dd;

/* The SQL of one dyad_day upsert: 11 `?` in the column order of
 * ENT_STORE_DYAD_DAY_SELECT; ON CONFLICT adds the deltas. */
extern const char ent_dd_upsert_sql[];
/* The head of a multi-row upsert, its VALUES rows and its tail (PostgreSQL
 * builds the row list). */
extern const char ent_dd_insert_head[];
extern const char ent_dd_conflict_tail[];
/* The DDL of dyad_day (without its final ';', so SQLite can make it
 * WITHOUT ROWID) and of its indexes (both backends). */
extern const char ent_dd_table_sql[];
extern const char ent_dd_index_sql[];
/* Build dyad_day from the events (an old store or a bulk load). */
extern const char ent_dd_fill_sql[];

/* Prototypes */
void ent_dd_init(ent_dd *d);
void ent_dd_free(ent_dd *d);
/* Add (sign 1) or take away (sign -1) one event.  0, or -1 out of memory. */
int ent_dd_add(ent_dd *d, const char *src, const char *tgt, int32_t date, int quad, double g,
               int sign);
/* Add the events of the documents whose `skipped` is not set. */
int ent_dd_add_docs(ent_dd *d, const ent_store_doc *docs, int n);
/* 1 when the cell changes nothing (a recode that gave the same events). */
int ent_dd_cell_empty(const ent_dd_cell *c);
/* Backends: fill s->ops, s->impl; on failure leave a message in s->err. */
int ent_store_sqlite_open(ent_store *s, const char *path);
int ent_store_pg_open(ent_store *s, const char *conninfo);
/* printf into s->err, prefixed by the store's name and the statement's
 * first line. */
void ent_store_fail(ent_store *s, const char *sql, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A 64-bit hash or identity as the signed BIGINT that stores it. */
int64_t ent_store_i64(uint64_t v);
/* Timestamp "YYYY-MM-DDTHH:MM:SSZ" into out[24]. */
void ent_store_now(char out[24]);

#endif
