/* store.h -- the event store: documents, sentences and events kept in
 * SQLite (embedded, the default) or PostgreSQL, behind one interface.
 *
 * A store is named by a URL: "postgres://..." or "postgresql://..." (or a
 * libpq "host=... dbname=..." string) selects PostgreSQL; anything else is
 * a SQLite file path ("sqlite:PATH" also accepted).  Opening creates the
 * schema when absent and refuses a store written by a newer schema.
 *
 * Schema (version ENT_STORE_SCHEMA_VERSION, the same on both backends):
 *
 *   meta(key TEXT PRIMARY KEY, value TEXT)        'schema_version' -> "3"
 *   dict_sets(identity BIGINT PRIMARY KEY, name TEXT, loaded_at TEXT)
 *   documents(key BIGINT PRIMARY KEY, id TEXT UNIQUE, date INT, source TEXT,
 *             url TEXT, title TEXT, text_hash BIGINT,
 *             norm_hash BIGINT UNIQUE, dict BIGINT, stored_at TEXT)
 *   sentences(doc BIGINT, idx INT, text TEXT, begin_off INT, end_off INT,
 *             parse TEXT NULL, PRIMARY KEY (doc, idx))
 *   events(doc BIGINT, sent INT, n INT, date INT, day INT, source TEXT,
 *          target TEXT, src_country TEXT, tgt_country TEXT, code TEXT,
 *          root TEXT, quad INT, goldstein REAL, source_text TEXT,
 *          target_text TEXT, verb TEXT, pattern TEXT, issue TEXT NULL,
 *          published INT NULL, published_day INT NULL,
 *          date_precision INT NULL, date_text TEXT NULL,
 *          (doc, sent, n) unique)     n: the event's rank in its sentence;
 *          date/day: when the event happened as its text says (the story's
 *          date when it does not); published/published_day: the story's
 *          date; date_precision: enum ent_evdate_precision (NULL: none);
 *          the last four are added to older stores when opened (NULL in
 *          their rows, whose date is the story's);
 *          place TEXT NULL, place_name TEXT NULL, place_country TEXT NULL,
 *          place_adm1 TEXT NULL, lat REAL NULL, lon REAL NULL,
 *          place_kind TEXT NULL: where the event happened (place.h), all
 *          NULL when its text does not say; added to stores without
 *          them when opened, found by their presence
 *   events, further: happening BIGINT NULL, lead_mention INT DEFAULT 1
 *          (happening: the happening the event is a mention of;
 *          lead_mention: 1 for the mention that counts for it, its first;
 *          both added to older stores when opened: their rows are each a
 *          happening of their own, until recoded)
 *   happenings(id BIGINT PRIMARY KEY, date INT, day INT, src_country TEXT,
 *          tgt_country TEXT, root TEXT, place_country TEXT NULL,
 *          place_name TEXT NULL, mentions INT, documents INT, sources INT)
 *          mentions of one happening (store_happen.c says which): its first
 *          mention's key, and how many mentions, distinct documents (with
 *          identical copies) and distinct outlets report it
 *   doc_copies(id TEXT PRIMARY KEY, doc BIGINT, date INT, source TEXT,
 *          url TEXT, title TEXT, stored_at TEXT)
 *          documents skipped as identical to the stored document `doc`
 *          under another id: their outlet and URL, mentions of its events
 *   dyad_days(src_country TEXT, tgt_country TEXT, date INT, day INT,
 *             quad INT, neutral INT, n BIGINT, gsum REAL, leads BIGINT,
 *             lead_gsum REAL,
 *             PRIMARY KEY (src_country, tgt_country, date, quad, neutral))
 *             SQLite only: the events of each country pair, day,
 *             QuadClass and neutrality (1 for the neutral roots,
 *             ent_store_neutral_root), their count and Goldstein sum,
 *             kept with the events they count (rows whose n fell to 0
 *             stay), for the dyad query; stores made before it lack it,
 *             and a table without `neutral` (older stores) is not used
 *
 *   - dates are integers YYYYMMDD (0 unknown); `day` is the same date as
 *     days since 1970-01-01, so weeks and other buckets are integer
 *     arithmetic that both backends do alike (week = (day + 3) / 7 starts
 *     weeks on Monday; month = date / 100; quarter from month);
 *   - hashes and dictionary identities are 64-bit values stored as signed
 *     BIGINT (same bits);
 *   - src_country / tgt_country are the first three letters of the codes
 *     (six for an international organisation, IGOUNO, so that the UN, the
 *     EU and NATO stay apart at country level; IGO alone in version 1),
 *     indexed with date for dyad queries: events_dyad(src_country,
 *     tgt_country, date, quad, goldstein, day, source, target, root),
 *     events_date(date, day, src_country, tgt_country, quad, goldstein,
 *     root)
 *     (both covering the analysis queries); an actor is found through its
 *     country column (ent_store_stmt_actor).  PostgreSQL compares
 *     the code columns bytewise (COLLATE "C", as SQLite does) and finds a
 *     document's events by a BRIN index on doc instead of a primary key:
 *     events are appended in document order, and a b-tree entry per event
 *     cost ingest about 6% on the bench corpus;
 *   - `sentences.parse` holds the given parse (Treebank or CoNLL-U) of
 *     documents that came with one, so they can be recoded; raw-text
 *     sentences are recoded from their text;
 *   - text search matches words: SQLite with an FTS5 table sentences_fts
 *     over sentence text (LIKE when the library lacks FTS5, or the index
 *     was dropped), PostgreSQL with to_tsvector('simple', text).  Neither
 *     index is kept up by ingest, whose speed it would cost (a tenth on
 *     SQLite, half on PostgreSQL): SQLite's is brought up to date before
 *     each search, and PostgreSQL's GIN index sentences_text exists only
 *     once ent_store_text_index made it (searches scan without it), after
 *     which the server keeps it.
 *
 * Every value reaches the database as a bound parameter.  Errors are
 * messages "DATABASE: STATEMENT: what", kept on the handle
 * (ent_store_error); nothing exits.  A handle is used by one thread at a
 * time; open one per thread.
 */
#ifndef ENT_STORE_H
#define ENT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "event_view.h"

/* 3: events carry their own date (date, day) beside their story's
 * (published), with its precision and words.
 * 2: dyad_days counts neutral events apart, the event indexes hold root
 * and an organisation's country column is six letters (IGOUNO).  A store
 * of version 1 is read as it is (its dyad_days left unused, its IGO
 * rows matched by the same range), and an entente that reads only 1
 * refuses a store of 2 with a message instead of failing on its tables. */
#define ENT_STORE_SCHEMA_VERSION 3
#define ENT_STORE_DEFAULT "entente.db"

enum ent_store_kind { ENT_STORE_SQLITE = 1, ENT_STORE_PG = 2 };

typedef struct ent_store ent_store;

/* One sentence of a document. */
typedef struct ent_store_sentence {
    int index;                /* from 0 */
    const char *text;
    int32_t begin, end;       /* byte offsets in the document's text */
    const char *parse;        /* given parse, or NULL */
} ent_store_sentence;

/* An event as the store writes and reads it: the view every renderer
 * takes (event_view.h), so rendering needs no store. */
typedef ent_event_view ent_store_event;

/* A document with what coding it produced; the unit of ingest. */
typedef struct ent_store_doc {
    int64_t key;              /* out of ent_store_put; in for replace_events */
    const char *id;
    int32_t date;
    const char *source, *url, *title;    /* NULL when absent */
    uint64_t text_hash;       /* of the text as read */
    uint64_t norm_hash;       /* of the normalised text (ent_store_norm_hash) */
    uint64_t dict;            /* identity of the dictionary set that coded it */
    const ent_store_sentence *sentences;
    int n_sentences;
    const ent_store_event *events;   /* their `doc` field is ignored */
    int n_events;
    int skipped;              /* out of ent_store_put: already stored */
    int copy;                 /* in: found identical to a stored document before it was
                                 coded: ent_store_put skips it (a copy, below) */
    int64_t copy_of;          /* out of ent_store_put: skipped as an identical copy of
                                 the stored document of this key, under another id: kept
                                 in doc_copies, its outlet and URL a further mention of
                                 that document's events; else 0 */
} ent_store_doc;

/* Filters of ent_store_events; zero/NULL fields do not filter. */
typedef struct ent_store_filter {
    const char *actor;        /* source or target equals or starts with it */
    const char *dyad_a, *dyad_b;   /* both directions, each a code or prefix */
    const char *code;         /* exact CAMEO code */
    const char *root;         /* two-digit root */
    int quad;                 /* 1..4 */
    int32_t from, to;         /* inclusive YYYYMMDD */
    const char *text;         /* words that the sentence must contain */
    int unique;               /* one event a happening: its lead mention */
    long limit;               /* 0 = no limit */
    const ent_store_event *after;   /* only the events after this one in the
                                       order of ent_store_events (its date,
                                       doc_key, sent and n): a page's last
                                       event gives the next page */
} ent_store_filter;

/* A bound parameter of ent_store_query. */
enum ent_store_vtype { ENT_SV_NULL = 0, ENT_SV_INT, ENT_SV_REAL, ENT_SV_TEXT };
typedef struct ent_store_value {
    int type;                 /* enum ent_store_vtype */
    int64_t i;
    double r;
    const char *s;
} ent_store_value;

/* Callbacks return 0 to go on, non-zero to stop (the call then returns
 * that value). */
typedef int (*ent_store_event_fn)(void *user, const ent_store_event *e);
/* One result row: n columns as text, NULL for SQL NULL. */
typedef int (*ent_store_row_fn)(void *user, int n, const char *const *cols);
/* A stored sentence handed out for recoding. */
typedef int (*ent_store_sentence_fn)(void *user, int64_t key, const char *doc_id, int32_t date,
                                     const ent_store_sentence *s);

typedef struct ent_store_counts {
    long long documents, sentences, events, dict_sets;
} ent_store_counts;

/* Prototypes */
/* Open or create the store at `url` (NULL: ENT_STORE_DEFAULT).  On failure
 * returns NULL with a message in err[errcap]. */
ent_store *ent_store_open(const char *url, char *err, size_t errcap);
/* The same for commands that only read or rework a store: an SQLite file
 * that does not exist is an error, not a new empty store (a mistyped
 * --db would otherwise print empty results and leave a stray file). */
ent_store *ent_store_open_existing(const char *url, char *err, size_t errcap);
/* 1 when the store keeps dyad_days (see the schema), else 0. */
int ent_store_has_dyad_days(const ent_store *s);
/* Another handle on the store `s` is open on (for a second thread), with
 * its time limit, date field and count. */
ent_store *ent_store_reopen(const ent_store *s, char *err, size_t errcap);
void ent_store_close(ent_store *s);
int ent_store_kind(const ent_store *s);
/* The store's name for messages (file path, or URL without password). */
const char *ent_store_name(const ent_store *s);
/* The last error message. */
const char *ent_store_error(const ent_store *s);
/* The schema version found in the store. */
int ent_store_schema_version(ent_store *s);

/* Record that dictionary set `identity` (named `name`) is in use. */
int ent_store_add_dict(ent_store *s, uint64_t identity, const char *name);

/* 1 when a document with this id or this normalised-text hash is stored,
 * 0 when not, -1 on error. */
int ent_store_seen(ent_store *s, const char *id, uint64_t norm_hash);

/* For each of n documents, seen[i] = 1 when a document with its text
 * (norm_hashes[i]) is stored, 2 when one with its id but other text is,
 * else 0: a batch's lookups in a few statements
 * (a few hundred documents each) instead of one round trip per document.
 * 0, or -1 on error. */
int ent_store_seen_batch(ent_store *s, const char *const *ids, const uint64_t *norm_hashes, int n,
                         unsigned char *seen);

/* Store docs[0..n) in one transaction: all or none are committed.
 * A document already stored (id or norm_hash), or repeated earlier in the
 * batch, is not stored again: its `skipped` is set (to 2 when an earlier
 * document of the batch has its id but other text).  Each stored
 * document's `key` is set.  A document skipped for its text (or marked
 * `copy`) under an id the stored one does not have is an identical copy:
 * kept in doc_copies, in the same transaction, with its `copy_of` set.
 * *stored (may be NULL) receives the number stored.  0, or -1 on error
 * (nothing committed). */
int ent_store_put(ent_store *s, ent_store_doc *docs, int n, int *stored);
/* The id of the stored document of this key into out[cap]: 1, 0 when
 * there is none, -1 on error. */
int ent_store_doc_id(ent_store *s, int64_t key, char *out, size_t cap);

/* Hand out the sentences of up to max_docs documents whose dictionary set
 * differs from `identity`, in key order (documents with keys above
 * after_key only), one document's sentences together in index order (a
 * document without sentences is handed out once with s == NULL).  Returns
 * the number of documents, 0 when none is left, -1 on error. */
int ent_store_stale(ent_store *s, uint64_t identity, int64_t after_key, int max_docs,
                    ent_store_sentence_fn fn, void *user);

/* Replace the events of docs[0..n) (by key) with their `events` and set
 * their dictionary set to their `dict`, in one transaction. */
int ent_store_replace_events(ent_store *s, const ent_store_doc *docs, int n);

/* Events matching f, ordered by date, document and sentence. */
int ent_store_events(ent_store *s, const ent_store_filter *f, ent_store_event_fn fn,
                     void *user);

/* Run one statement with `?` placeholders bound to params[0..n) (SQL the
 * two backends share: the schema above, integer arithmetic, standard
 * aggregates) and hand each row to fn (may be NULL).  0, or -1 on error,
 * or fn's non-zero value. */
int ent_store_query(ent_store *s, const char *sql, const ent_store_value *params, int n,
                    ent_store_row_fn fn, void *user);

int ent_store_counts_get(ent_store *s, ent_store_counts *c);

/* A value in *out that changes whenever a transaction that wrote to the
 * store commits on another handle, so that an answer made from the store
 * can be kept until it no longer holds: SQLite's data_version, the hash
 * of PostgreSQL's transaction snapshot (which any commit on its server
 * changes).  Values compare only on the same handle, which must not write
 * itself.  0, or -1 on error. */
int ent_store_changes(ent_store *s, uint64_t *out);

/* Stop any statement that runs longer than ms milliseconds (0: no limit)
 * with an error saying so (its message holds ENT_STORE_TIME_LIMIT, on
 * both backends), so that one question cannot hold a server's thread;
 * ent_store_reopen keeps it.  0, or -1 on error. */
int ent_store_set_timeout(ent_store *s, int ms);
#define ENT_STORE_TIME_LIMIT "the time limit of a query"

/* The full-text index of sentence text (see the schema notes above). */
enum { ENT_STORE_TEXT_SEARCH = 0, ENT_STORE_TEXT_BUILD = 1, ENT_STORE_TEXT_DROP = 2 };
/* Build the index, or bring it up to date (build = 1), or drop it
 * (build = 0).  0, or -1 on error. */
int ent_store_text_index(ent_store *s, int build);

/* Hash of the text as given, and of its normalised form: letters and
 * digits only, lower-cased (ASCII), words separated by one space; so the
 * same story with other spacing, case or punctuation is the same. */
uint64_t ent_store_text_hash(const char *text, size_t n);
uint64_t ent_store_norm_hash(const char *text, size_t n);
/* An event's id: a positive 63-bit integer made from what names the event
 * in any store, the document's id, the sentence's number and the event's
 * rank in its sentence, by a 64-bit FNV-1a hash of the three, mixed, its
 * top bit cleared.  Not the document's key, which is the order the store
 * received it in: the same story ingested into SQLite and PostgreSQL, or
 * twice, or recoded to the same events, keeps its events' ids.  Two events
 * share an id with odds of about n^2 / 2^64 among n events. */
int64_t ent_store_event_id(const char *doc_id, int sent, int n);
/* YYYYMMDD -> days since 1970-01-01 (0 for 0). */
int32_t ent_store_day(int32_t date);
/* days since 1970-01-01 -> YYYYMMDD (the inverse of ent_store_day). */
int32_t ent_store_date(int32_t day);

/* A statement being built, with its parameters, for ent_store_query: the
 * one way the queries of events and of the analyses are put together.
 * Values are copied in; one that does not fit, or SQL past the buffer,
 * marks the statement `overflow` and ent_store_stmt_run refuses it, so a
 * cut value is never bound.  Start from {.len = 0}. */
#define ENT_STORE_STMT_PARAMS 24
typedef struct ent_store_stmt {
    char sql[4096];
    size_t len;
    ent_store_value p[ENT_STORE_STMT_PARAMS];
    char text[ENT_STORE_STMT_PARAMS][512];   /* owned copies of text values */
    int n;
    int overflow;
} ent_store_stmt;
void ent_store_stmt_sql(ent_store_stmt *b, const char *sql);
void ent_store_stmt_text(ent_store_stmt *b, const char *v);
void ent_store_stmt_int(ent_store_stmt *b, int64_t v);
/* "The actor on `side` of an event e (0 source, 1 target) is `code` or
 * starts with it", the same for every query.  An event's country columns
 * hold the first three letters of its codes, so a code of three letters
 * or more names its country, an indexed column that narrows the rows
 * first; a code other than three letters is also a prefix, matched with
 * LIKE (upper case, its wildcards escaped with a backslash).  A code
 * starting with IGO matches the range of organisations' country columns
 * [IGO, IGP), then its prefix: so IGO is every organisation, IGOUNO the
 * UN, in stores of either version. */
void ent_store_stmt_actor(ent_store_stmt *b, int side, const char *code);
/* Neutral events: CAMEO roots 01 (make public statement) and 02 (appeal).
 * Their QuadClass is CAMEO's (1, verbal cooperation), but a statement or
 * an appeal says nothing of how two parties treat each other, and in news
 * they are the commonest events ("said", "urged"), so analysis counts them
 * apart, neither cooperation nor conflict.  03 (intent to cooperate) and
 * 04 (consult) stay cooperation: a promise to, or a meeting with, the
 * other party is an act of the relation itself.  1 when `root` (two
 * digits, or a longer code) is one of them. */
int ent_store_neutral_root(const char *root);
/* "e.root IN (...)" with the neutral roots bound as parameters. */
void ent_store_stmt_neutral(ent_store_stmt *b);
/* Run it (ent_store_query); -1 with a message when it overflowed.  Its
 * first "events e" (followed by a space or the end) reads, with the
 * published date field (ent_store_set_date_field), the events with `date`
 * and `day` their story's, and when counting happenings
 * (ent_store_set_count) the lead mentions alone. */
int ent_store_stmt_run(ent_store *s, const ent_store_stmt *b, ent_store_row_fn fn, void *user);
/* Which date the statements of ent_store_stmt_run and ent_store_events
 * read as an event's `date` (and its range and order): the event's own
 * (ENT_STORE_DATE_EVENT, the default) or its story's publication date. */
enum { ENT_STORE_DATE_EVENT = 0, ENT_STORE_DATE_PUBLISHED = 1 };
void ent_store_set_date_field(ent_store *s, int field);
/* What the statements of ent_store_stmt_run count in "events e": one row
 * a happening, its lead mention (ENT_STORE_COUNT_HAPPENINGS, the
 * default), or every mention.  ent_store_events lists mentions either way
 * (its filter's `unique` picks the leads). */
enum { ENT_STORE_COUNT_HAPPENINGS = 0, ENT_STORE_COUNT_MENTIONS = 1 };
void ent_store_set_count(ent_store *s, int count);
/* What they count (ENT_STORE_COUNT_...). */
int ent_store_counting(const ent_store *s);

#endif
