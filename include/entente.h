/* entente.h -- the public interface of libentente.
 *
 * entente codes political events (who did what to whom, in CAMEO) from
 * news sentences, with dictionaries in the TABARI/PETRARCH format.  This
 * header is the whole contract for programs using the library, the
 * `entente` command among them.
 *
 * Two levels:
 *   - jobs: code files, validate records, explain a record, report on a
 *     dictionary set, each a single call writing to a FILE;
 *   - pieces: load a dictionary set once, make one coder per thread, code
 *     one parsed sentence at a time and read its events as JSON.
 *
 * Every function reports problems as messages "file:line: what" on the
 * `err` stream it is given and returns non-zero; none exits or aborts.
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ENTENTE_VERSION "0.1.0"

/* The library is built with -fvisibility=hidden: a function is exported
 * from libentente.so only when it is marked here, so a program cannot
 * come to depend on an internal function that may change at any time
 * (`make check` fails when the shared library exports anything else). */
#if defined(__GNUC__) || defined(__clang__)
#define ENTENTE_API __attribute__((visibility("default")))
#else
#define ENTENTE_API
#endif

/* ---- Jobs ------------------------------------------------------------------ */

enum entente_input { ENTENTE_IN_AUTO = 0, ENTENTE_IN_PETRARCH_XML, ENTENTE_IN_CONLLU,
                     ENTENTE_IN_TEXT, ENTENTE_IN_JSONL };
enum entente_output { ENTENTE_OUT_JSONL = 0, ENTENTE_OUT_TSV, ENTENTE_OUT_PETRARCH };

/* Where a sentence's tree comes from. */
enum entente_parser {
    ENTENTE_PARSER_AUTO = 0,   /* the given parse when there is one, else built-in */
    ENTENTE_PARSER_GIVEN,      /* the parse in the input */
    ENTENTE_PARSER_BUILTIN,    /* the built-in tokenizer, tagger and parser on the text */
    ENTENTE_PARSER_REPARSE     /* tokens and tags of the given parse, built-in parser:
                                  measures the parser alone */
};

typedef struct entente_code_opts {
    const char *dicts;       /* PETR_config.ini or a directory holding one */
    int from;                /* enum entente_input */
    int to;                  /* enum entente_output */
    int threads;             /* >= 1; output stays in input order */
    int32_t date;            /* YYYYMMDD for inputs without dates, 0 none */
    int stats;               /* print a throughput line to err at the end */
    int strict;              /* stop at the first bad dictionary line */
    int parser;              /* enum entente_parser */
} entente_code_opts;

/* Code every sentence of `files` (NULL or "-" = stdin) to `out`.
 * Returns 0, or 1 when a file or dictionary could not be read. */
ENTENTE_API int entente_code_files(const entente_code_opts *o, char *const *files, int n_files,
                                   FILE *out, FILE *err);

typedef struct entente_validate_opts {
    const char *dicts;         /* directory of the files the records name; NULL:
                                  the records' directory, or the built-in set when
                                  the records name none */
    int parser;                /* enum entente_parser */
    int quiet;                 /* only the closing line(s) */
    int score;                 /* also print precision, recall and F1 on (source
                                  country, target country, root) and on exact codes */
    const char *compare;       /* another coder's events (TSV with a header naming
                                  id, source, target, code): list every event one
                                  side has and the other not, and the agreement */
    const char *judged;        /* with compare: a person's verdicts on the
                                  disagreements (TSV: id, side, event, verdict,
                                  reason); prints how many are judged which way
                                  and lists those not judged */
    int parser_agreement;      /* instead of coding: the built-in parser against
                                  the records' Treebank parses (brackets, tags) */
    int verbose;               /* with parser_agreement: a line per record */
} entente_validate_opts;

/* Run PETRARCH validation records: dictionaries named by the records'
 * <Environment> (or the set given), options from the environment and
 * from <Config> elements as they come.  Prints each failing record (or
 * only the summary with `quiet`), then "N passed, N failed".
 * Returns 0 when every record passed, 2 when some failed, 1 on error. */
ENTENTE_API int entente_validate(const char *records, const entente_validate_opts *o, FILE *out,
                                 FILE *err);

/* Show how record `id` of `records` is coded: tokens, tree, actors,
 * verbs, patterns tried and the events. */
ENTENTE_API int entente_explain(const char *records, const char *id, const entente_validate_opts *o,
                                FILE *out, FILE *err);

/* Show how one sentence of raw text is coded: tokens with their tags and
 * offsets, the tree, the actors, verbs, patterns and events.  `dicts`
 * NULL: the built-in set. */
ENTENTE_API int entente_explain_text(const char *text, const char *dicts, int32_t date, FILE *out,
                                     FILE *err);

/* Explain the stored event `event_id` (as exports give it) of store `db`:
 * which document, sentence and event it is, then its sentence coded again
 * as entente_explain_text does, under its story's date, with the
 * dictionary set the store coded it with when that set is at hand with the
 * same files (else `dicts`, or the default set, said as such), and
 * whether the stored event came out again.  0, or 1 on error (no such
 * event among them). */
ENTENTE_API int entente_explain_event(const char *db, const char *event_id, const char *dicts,
                                      FILE *out, FILE *err);

/* The dictionary set used when none is named: $ENTENTE_DICTS, else the
 * installed set (PREFIX/share/entente/dict, or share/entente/dict beside
 * the program), else ./dict of a source tree.  `buf` (cap bytes) may hold
 * the path returned. */
ENTENTE_API const char *entente_default_dicts(char *buf, size_t cap);
/* A date as the inputs and options give it: "YYYY-MM-DD" or "YYYYMMDD",
 * perhaps with a time after it -> YYYYMMDD; -1 when not a real day. */
ENTENTE_API int32_t entente_parse_date(const char *s);

/* Load a dictionary set and print its counts, load time ("load_ms X")
 * and peak memory ("peak_rss_kb Y"); with `check`, list every message. */
ENTENTE_API int entente_dict_report(const char *dicts, int check, FILE *out, FILE *err);

/* What a phrase resolves to in a set on a date (YYYYMMDD, 0 none): its
 * actors and agents with every dated code and the one that applies, or
 * its verb block.  Returns 0 when something was found, 2 when not, 1 on
 * error.  `dicts` NULL: the built-in set. */
ENTENTE_API int entente_dict_lookup(const char *dicts, const char *phrase, int32_t date, FILE *out,
                                    FILE *err);

/* ---- Store ------------------------------------------------------------------ */

/* A store is named by a URL: a SQLite file path (default "entente.db") or
 * "postgres://...".  Documents are coded and stored in batches, each one
 * transaction; a document already stored (same id or same normalised text)
 * is skipped and counted. */
typedef struct entente_ingest_opts {
    const char *db;          /* store URL; NULL = ./entente.db */
    const char *dicts;       /* PETR_config.ini or a directory holding one */
    int from;                /* enum entente_input (AUTO: by extension) */
    int threads;             /* >= 1 coder threads; one writer */
    int32_t date;            /* YYYYMMDD for inputs without dates, 0 none */
    int batch;               /* documents per transaction; 0 = 256 */
    int progress;            /* 0 auto (a bar when err is a terminal, else
                                periodic lines), 1 lines, -1 none */
} entente_ingest_opts;

/* Code and store every document of `files` (directories are walked;
 * NULL or "-" = stdin).  Prints a summary to err.  0, or 1 on error. */
ENTENTE_API int entente_ingest(const entente_ingest_opts *o, char *const *files, int n_files,
                               FILE *err);

/* Re-code every stored document whose dictionary set differs from
 * o->dicts, replacing its events in place (o->db, o->dicts, o->threads,
 * o->batch, o->progress are used).  0, or 1 on error. */
ENTENTE_API int entente_recode(const entente_ingest_opts *o, FILE *err);

/* ---- Work queue (NATS JetStream) -------------------------------------------- */

/* Feeders publish documents to a JetStream work queue; workers on any
 * number of machines code them and store them in one shared store.  A
 * queue is named by its stream (default "ENTENTE"); see entente(1). */
typedef struct entente_queue_opts {
    const char *nats;        /* server URL, nats://host:port */
    const char *stream;      /* NULL = "ENTENTE" */
    /* publish */
    int from;                /* enum entente_input (AUTO: by extension) */
    int32_t date;            /* YYYYMMDD for inputs without dates, 0 none */
    /* worker, status */
    const char *db;          /* the shared store's URL (status: NULL = not asked) */
    const char *dicts;       /* worker: PETR_config.ini or a directory; NULL built-in */
    int threads;             /* worker: coder threads, >= 1 */
    int batch;               /* worker: documents per transaction; 0 = 256 */
    int max_deliver;         /* worker: deliveries before a dead letter; 0 = 5 */
    int ack_wait_s;          /* worker: redelivery after this many seconds; 0 = 30 */
    int dead_letters;        /* status: list every dead letter with its reason */
} entente_queue_opts;

/* Publish every document of `files` (read as entente_ingest reads them)
 * with its id as the message id.  Prints a summary to err.  0; 2 when some
 * input was not used as given (the messages say which); 1 on error. */
ENTENTE_API int entente_publish(const entente_queue_opts *o, char *const *files, int n_files,
                                FILE *err);

typedef struct entente_worker entente_worker;
/* A worker, not yet running; NULL when out of memory. */
ENTENTE_API entente_worker *entente_worker_new(void);
/* Pull documents, code them, store them in o->db, acknowledge each only
 * after its batch committed, until entente_worker_stop: then the batches
 * in hand are committed and acknowledged and it returns.  Rides out the
 * NATS server or the store going away.  0, or 1 on an error it cannot
 * wait out (a bad option, a store it cannot open at the start). */
ENTENTE_API int entente_worker_run(entente_worker *w, const entente_queue_opts *o, FILE *err);
/* Ask a running worker to drain and return (any thread). */
ENTENTE_API void entente_worker_stop(entente_worker *w);
ENTENTE_API void entente_worker_free(entente_worker *w);

/* The queue's counts (pending, in progress, delivered, redelivered, dead
 * letters), the live workers with their counters, and, when o->db is
 * set, the documents stored.  0, or 1 on error. */
ENTENTE_API int entente_status(const entente_queue_opts *o, FILE *out, FILE *err);

/* GDELT (the GDELT 2.0 event table's 61 tab-separated columns) and PLOVER
 * (JSON lines with the PLOVER mapping of each CAMEO code) are formats of
 * `entente events` only.  TSV: the table's columns, tab-separated, with a
 * header line (tabs and line breaks in a value become spaces). */
enum entente_table_format {
    ENTENTE_FMT_TABLE = 0, ENTENTE_FMT_JSONL, ENTENTE_FMT_CSV, ENTENTE_FMT_GDELT, ENTENTE_FMT_PLOVER,
    ENTENTE_FMT_TSV
};
/* Which date ranges, orders and buckets stored events: when the event
 * happened as its text says (the default; the story's date where the text
 * gives none), or when its story was published. */
enum entente_date_field { ENTENTE_DATE_EVENT = 0, ENTENTE_DATE_PUBLISHED };

typedef struct entente_events_opts {
    const char *db;
    const char *actor;       /* code or prefix, source or target */
    const char *dyad_a, *dyad_b;   /* both directions */
    const char *code, *root;
    int quad;                /* 1..4, 0 any */
    int32_t from, to;        /* YYYYMMDD inclusive, 0 open */
    const char *text;        /* words the sentence contains */
    long limit;              /* 0 none */
    int format;              /* enum entente_table_format */
    const char *after;       /* a cursor (as `next` gives it): only the events
                                after that one, in the same order */
    char *next;              /* NULL, or next_cap bytes that receive the cursor
                                of the last event printed when `limit` events
                                were printed (more may follow), else "" */
    size_t next_cap;
    int timeout_ms;          /* a query running longer is stopped: an error; 0 none */
    int date_field;          /* enum entente_date_field: what from, to and the order read */
    int unique;              /* one event a happening (its first mention), with its
                                counts; else every mention */
} entente_events_opts;

/* Print the stored events matching o.  0, or 1 on error. */
ENTENTE_API int entente_events(const entente_events_opts *o, FILE *out, FILE *err);

/* ---- Analysis ----------------------------------------------------------------- */

enum entente_period { ENTENTE_BY_DAY = 0, ENTENTE_BY_WEEK, ENTENTE_BY_MONTH, ENTENTE_BY_QUARTER,
                      ENTENTE_BY_YEAR };
enum entente_level { ENTENTE_LEVEL_COUNTRY = 0, ENTENTE_LEVEL_FULL };
/* blocs: a tie's weight, the Goldstein sum of its events or cooperation
 * minus conflict events (neutral events, roots 01 and 02, in neither) */
enum entente_weight { ENTENTE_WEIGHT_GOLDSTEIN = 0, ENTENTE_WEIGHT_COUNT };
/* Analysis counts happenings (the mentions of one event across sentences
 * and stories counted once, by their first mention) or every mention. */
enum entente_count { ENTENTE_COUNT_HAPPENINGS = 0, ENTENTE_COUNT_MENTIONS };

/* Options of the analysis jobs; each reads the fields it names. */
typedef struct entente_analysis_opts {
    const char *db;          /* store URL; NULL = ./entente.db */
    const char *a, *b;       /* dyad: actor codes or prefixes */
    int by;                  /* dyad: enum entente_period (default day) */
    int32_t from, to;        /* dyad, blocs, actors: YYYYMMDD inclusive, 0 open */
    const char *plot;        /* dyad, blocs: chart file, .png or .svg; NULL none */
    int format;              /* enum entente_table_format */
    int window_days;         /* trends: window length in days (default 7) */
    int baseline;            /* trends: windows of history (default 12) */
    int min_events;          /* trends (default 5), blocs (default 10) */
    int top;                 /* trends (default 20), actors (default 20) */
    int level;               /* blocs, actors: enum entente_level */
    int32_t end;             /* trends: last day of the current window, 0 latest */
    int normalize;           /* dyad: counts as shares of all events of the period */
    int weight;              /* blocs: enum entente_weight */
    int timeout_ms;          /* a query running longer is stopped: an error; 0 none */
    int date_field;          /* enum entente_date_field: the date periods and ranges read */
    int unknown;             /* actors: the proper-noun phrases the dictionaries do not
                                know, most frequent first, with a sentence each */
    const char *dicts;       /* actors --unknown: the set (NULL: the default) */
    int count;               /* enum entente_count: what a count counts */
} entente_analysis_opts;

/* `entente dyad A B`: counts per QuadClass and group (neutral,
 * cooperation, conflict), Goldstein sum and mean per period, every period
 * between the ends, A->B, B->A and both; a chart when o->plot is set. */
ENTENTE_API int entente_dyad(const entente_analysis_opts *o, FILE *out, FILE *err);
/* `entente trends`: the dyads whose cooperation or conflict in the last
 * window departs most from their history (z-score, see entente(1)). */
ENTENTE_API int entente_trends(const entente_analysis_opts *o, FILE *out, FILE *err);
/* `entente blocs`: communities in the signed graph of relations. */
ENTENTE_API int entente_blocs(const entente_analysis_opts *o, FILE *out, FILE *err);
/* `entente actors`: the most active actors and their main partners; with
 * o->unknown, the proper-noun phrases of the stored sentences that the
 * dictionaries (o->dicts) do not know, o->top of the most frequent, each
 * with a sentence it stands in, to guide dictionary work. */
ENTENTE_API int entente_actors(const entente_analysis_opts *o, FILE *out, FILE *err);

/* `entente index`: build (or bring up to date) the full-text index of
 * stored sentences, or drop it.  `db` NULL: ./entente.db. */
ENTENTE_API int entente_text_index(const char *db, int drop, FILE *out, FILE *err);

/* What a store holds, in one screen: totals, the busiest dyads, the most
 * active actors, what changed most, and the blocs.  `db` NULL: ./entente.db. */
ENTENTE_API int entente_overview(const char *db, FILE *out, FILE *err);
/* The same, in `format` (enum entente_table_format): ENTENTE_FMT_JSONL
 * gives one JSON object: "store", "documents", "events", "from", "to",
 * "dyads", and "actors", "trends" and "blocs" as those commands' JSONL
 * rows.  ENTENTE_FMT_CSV is not offered (1, with a message).  A query
 * running longer than timeout_ms is stopped, an error (0: no limit). */
ENTENTE_API int entente_overview_format(const char *db, int format, int timeout_ms, FILE *out,
                                        FILE *err);
/* The same, counting `count` (enum entente_count); the two above count
 * happenings. */
ENTENTE_API int entente_overview_count(const char *db, int format, int count, int timeout_ms,
                                       FILE *out, FILE *err);

/* ---- Server ------------------------------------------------------------------- */

/* `entente serve`: a JSON API over a store (see entente(1) and the OpenAPI
 * document at /api/v1/openapi.json).  Read-only unless token_file names a
 * file holding a bearer token, which writes then require. */
typedef struct entente_serve_opts {
    const char *db;          /* store URL; NULL = ./entente.db */
    const char *listen;      /* "HOST:PORT", IPv4 or "[IPv6]"; NULL =
                                127.0.0.1:8080; port 0: any free port */
    int threads;             /* request threads; 0 = 4 */
    const char *token_file;  /* NULL: read-only */
    const char *dicts;       /* for explain and code; NULL: the built-in set */
    int max_connections;     /* open connections at most; 0 = 64 */
    long max_body;           /* bytes of a request body; 0 = 8 MiB */
    int timeout_s;           /* a connection idle this long is closed; 0 = 15 */
    int query_timeout_ms;    /* a query running longer is stopped; 0 = 10000 */
    int cache_s;             /* analysis answers are kept at most this long, while the store
                                does not change; 0 = 30, -1 not kept */
    const char *watch;       /* a directory whose new files are ingested; NULL none */
} entente_serve_opts;

typedef struct entente_server entente_server;

/* Load the dictionaries, open the store once to check it, and start
 * answering on threads of its own.  NULL, with a message on err, when it
 * cannot.  While it runs, err (which must stay open until
 * entente_server_stop) receives a line for each request that failed on
 * the server's side; the client is told only that it failed. */
ENTENTE_API entente_server *entente_server_start(const entente_serve_opts *o, FILE *err);
/* The port it listens on (the one chosen when the address gave 0). */
ENTENTE_API int entente_server_port(const entente_server *s);
/* Stop answering, wait for requests under way, free everything. */
ENTENTE_API void entente_server_stop(entente_server *s);

/* ---- Pieces ------------------------------------------------------------------- */

typedef struct ent_dict entente_dict;
typedef struct entente_sentence_coder entente_sentence_coder;

/* Load a dictionary set (NULL on failure, messages on err). */
ENTENTE_API entente_dict *entente_dict_open(const char *path, FILE *err);
ENTENTE_API void entente_dict_close(entente_dict *d);

/* A per-thread coder over a shared dictionary set. */
ENTENTE_API entente_sentence_coder *entente_coder_new(const entente_dict *d);
ENTENTE_API void entente_coder_free(entente_sentence_coder *c);
/* Code one sentence given as a Penn Treebank parse; the events are
 * written to `out` as JSON lines (fields as `entente code --to jsonl`).
 * Returns the number of events, or -1 when the parse is malformed or out
 * cannot be written (said on err). */
ENTENTE_API int entente_code_ptb(entente_sentence_coder *c, const char *doc, int sent, int32_t date,
                                 const char *ptb, FILE *out, FILE *err);

#ifdef __cplusplus
}
#endif

#endif
