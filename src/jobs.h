/* jobs.h -- helpers shared by the job modules behind entente.h
 * (job_*.c).
 *
 * Errors: the job layer (job_*.c, pieces.c, and runner.c, flow.c,
 * batch.c and server.c that jobs run on) is where messages reach a
 * person (tests/layers.sh checks that nothing below it prints).  A job
 * writes them, "entente: ..." or with the input's place, to the FILE *err
 * its caller gave, and returns a status (0 when all went well, else
 * non-zero, as each function of entente.h says).  Below it nothing
 * prints: readers leave messages on an ent_diags (diag.h), the other
 * modules return a status with one message in the caller's buffer or on
 * their handle (store.h, analysis.h), the base (util.h) sets errno.  The
 * command (cli/) prints its usage errors (exit 64) and exits with the
 * job's status. */
#ifndef ENT_JOBS_H
#define ENT_JOBS_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "tree.h"

/* Prototypes */
/* The dictionary set used when none is named: $ENTENTE_DICTS, else the
 * installed set (DATADIR/dict, or ../share/entente/dict beside the
 * program), else ./dict of a source tree.  `buf` may hold the result. */
const char *ent_jobs_default_dicts(char *buf, size_t cap);
/* Load a set for a job (NULL path: the default set): its first message
 * and a count of the others go to err, so a user sees a problem without a
 * flood; `entente dict check` lists them all.  NULL when it cannot load. */
struct ent_dict;
struct ent_dict *ent_jobs_load_dicts(const char *path, int strict, FILE *err);
/* The tokens and tags of `given`, parsed again by the built-in parser into
 * `out` (to measure the parser alone).  0 or -1. */
struct ent_parser;
int ent_jobs_reparse(struct ent_parser *p, const ent_tree *given, ent_tree *out);
/* The tree and its tokens, as `entente explain` shows them. */
void ent_jobs_print_tree(FILE *out, const ent_tree *t);
/* The input form (ENTENTE_IN_*) of an input when `from` is AUTO: by the
 * name's extension (.xml, .conllu or .conll, .jsonl or .json, else text),
 * or, for stdin, by `head`, its start, when the caller has it (NULL: text).
 * Only a "1<TAB>" word line, after any # comments, reads as CoNLL-U, so
 * text that starts with a number stays text. */
int ent_jobs_input_form(const char *path, int from, const char *head);
/* The id of the n-th record (from 1) of input `name` when the record
 * names none (CoNLL-U without # sent_id): "NAME#n", in code as in
 * ingest.  Written into buf[cap], which it returns. */
const char *ent_jobs_doc_id(char *buf, size_t cap, const char *name, int n);
/* Report that sentence s of document `doc` (at where:line) was cut. */
struct ent_coded_sentence;
void ent_jobs_report_cut(ent_diags *d, const char *where, long line, const char *doc,
                         const struct ent_coded_sentence *s);
/* The date s[0..n) gives (ent_parse_date), or `dflt` when s is NULL or,
 * with a message at where:line, when it is not a date. */
int32_t ent_jobs_date(const char *s, size_t n, int32_t dflt, ent_diags *d, const char *where,
                      long line);

/* Open an existing store for a read-only job, with statements stopped
 * after timeout_ms (0: no limit); NULL with a message on err. */
struct ent_store;
struct ent_store *ent_jobs_open_store(const char *db, int timeout_ms, FILE *err);
/* Flush `out` and check that everything written to it arrived: 0, or -1
 * after "entente: cannot write WHAT: REASON" on err (a full disk, a closed
 * pipe, /dev/full).  `lost` is the errno of a write the caller saw fail
 * (the stream keeps only a flag), or 0.  Jobs call it last, so output is
 * never lost in silence. */
int ent_jobs_out_finish(FILE *out, int lost, const char *what, FILE *err);
/* The table writer's format (table.h) for an entente format
 * (ENTENTE_FMT_TABLE, TSV, CSV, JSONL; the events' own GDELT and PLOVER
 * lines: ENT_TABLE_LINES). */
int ent_jobs_table_format(int entente_format);
/* A table's end for a job: its failure, if any, said on err ("out of
 * memory", or why writing `what` failed), the stream flushed and checked
 * (ent_jobs_out_finish), the table freed.  0, or 1 when it failed. */
struct ent_table;
int ent_jobs_table_done(struct ent_table *t, const char *what, FILE *err);
/* An events cursor, "DATE.DOCKEY.SENT.N" (the order of ent_store_events),
 * into e's date, doc_key, sent and n.  0, or -1 when malformed. */
struct ent_event_view;
int ent_jobs_cursor_parse(const char *s, struct ent_event_view *e);
/* The JSON lines of text[0..len) as one json-c array in *arr (new
 * reference).  0, or -1 when a line is not one whole JSON value or memory
 * ran out (*arr NULL). */
struct json_object;
int ent_jobs_jsonl_array(const char *text, size_t len, struct json_object **arr);

/* Code the documents of text[0..len) (form `from`: ENTENTE_IN_TEXT, JSONL,
 * PETRARCH_XML or CONLLU; never AUTO) with the loaded set `dict` on the
 * calling thread, writing their events as JSON lines to out; messages on
 * the input go to d, named `name`.  The number of events, or -1 when the
 * input could not be read at all or out failed. */
struct ent_dict;
long ent_jobs_code_memory(const struct ent_dict *dict, const char *name, char *text, size_t len,
                          int from, int32_t date, FILE *out, ent_diags *d);
/* `entente explain` of one sentence with the loaded set `dict`: as text
 * (json 0) or as one JSON object with the same parts (json 1):
 * "text", "date", "tokens" [{text, tag, start}], "tree", "coding" (the
 * trace), "status" and "events" (as `entente code` writes them).  0, or 1
 * when the sentence could not be parsed or coded.  With `want` (a stored
 * event, text only), a last line says whether coding found it again. */
struct ent_event_view;
int ent_jobs_explain_text(const struct ent_dict *dict, const char *text, int32_t date, int json,
                          FILE *out, const struct ent_event_view *want);

/* `entente actors --unknown`: the most frequent proper-noun phrases of
 * the stored sentences (of stories in o->from..o->to) that o->dicts does
 * not know, each with a sentence, o->top of them, in o->format.  0, or 1
 * on error. */
struct entente_analysis_opts;
int ent_jobs_unknown_phrases(const struct entente_analysis_opts *o, FILE *out, FILE *err);

#endif
