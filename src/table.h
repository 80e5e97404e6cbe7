/* table.h -- rows of text cells written as aligned columns, TSV, CSV or
 * JSON lines: the one writer of `events` and the analyses (dyad, trends,
 * blocs, actors, actors --unknown).
 *
 * A table is opened on a stream with its column names; a name written
 * "#name" is a number (right-aligned in columns, bare in JSON, null when
 * empty).  TSV, CSV and JSON lines are written row by row as they come,
 * so a long result needs no memory; aligned columns need every width
 * first, so their rows are kept (in an arena) and written by
 * ent_table_end.  A JSON row may carry a fragment of further members
 * (", \"key\": value") for what does not fit a flat row.  In aligned
 * columns and TSV a cell stays on its line: line breaks and tabs in it
 * become spaces.
 *
 * Every write is checked: the first that fails stops the table (later
 * rows are dropped) and keeps its errno in `lost`, for the job to say
 * (ent_jobs_out_finish).  Functions return 0, or -1 once the table has
 * failed (out of memory, or a write lost); nothing is printed here.
 */
#ifndef ENT_TABLE_H
#define ENT_TABLE_H

#include <stdio.h>

#include "util.h"

enum ent_table_format {
    ENT_TABLE_COLUMNS = 0,   /* aligned, with a header line */
    ENT_TABLE_TSV,           /* header line, tab-separated */
    ENT_TABLE_CSV,           /* header line, RFC 4180 quoting */
    ENT_TABLE_JSONL,         /* one object a row */
    ENT_TABLE_LINES          /* no rows: lines the caller renders (ent_table_put) */
};

#define ENT_TABLE_MAX_COLS 40

typedef struct ent_table {
    FILE *out;
    int format;               /* enum ent_table_format */
    int ncol;
    const char *names[ENT_TABLE_MAX_COLS];
    unsigned char numeric[ENT_TABLE_MAX_COLS];
    int width[ENT_TABLE_MAX_COLS];
    ent_vec rows;             /* ENT_TABLE_COLUMNS: char *[ncol], kept in arena */
    ent_arena arena;
    ent_buf line;
    int oom;                  /* an allocation failed */
    int lost;                 /* errno of the first failed write, else 0 */
} ent_table;

/* Prototypes */
/* Open a table of ncol (at most ENT_TABLE_MAX_COLS) columns named by
 * cols ("name", or "#name" for a number; the strings must outlive the
 * table) on out; TSV and CSV write their header line now.  0 or -1. */
int ent_table_open(ent_table *t, FILE *out, int format, int ncol, const char *const *cols);
/* Add a row of ncol cells (NULL: empty) with an optional JSON fragment
 * (used by ENT_TABLE_JSONL only).  0 or -1. */
int ent_table_row(ent_table *t, const char *const *cells, const char *json_extra);
/* Write bytes as they are (a line rendered by the caller, or words
 * around the table), checked like a row.  0 or -1. */
int ent_table_put(ent_table *t, const char *data, size_t len);
int ent_table_printf(ent_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Aligned columns: write the header and the kept rows.  0, or -1 when
 * the table failed at any point (t->oom or t->lost says which). */
int ent_table_end(ent_table *t);
/* The rows kept for aligned columns, and one cell of them (never NULL),
 * for a caller that lays them out its own way instead of ent_table_end. */
size_t ent_table_rows(const ent_table *t);
const char *ent_table_cell(const ent_table *t, size_t row, int col);
void ent_table_free(ent_table *t);

#endif
