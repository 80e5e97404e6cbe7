/* table.c -- one writer for every table a command prints (table.h).
 *
 * Design.  Each row is rendered into one buffer and written with one
 * fwrite, never a printf per cell: a dyad by day over ten years is tens
 * of thousands of rows.  A failed write or allocation makes the table
 * failed for good, so the caller checks once, at the end, and says why.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static int failed(const ent_table *t) { return t->oom || t->lost; }

int ent_table_put(ent_table *t, const char *data, size_t len) {
    if (failed(t)) return -1;
    if (len == 0) return 0;
    errno = 0;
    if (fwrite(data, 1, len, t->out) == len) return 0;
    t->lost = errno ? errno : EIO;
    return -1;
}

int ent_table_printf(ent_table *t, const char *fmt, ...) {
    if (failed(t)) return -1;
    va_list ap;
    va_start(ap, fmt);
    char small[512];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return t->oom = 1, -1;
    if ((size_t)n < sizeof small) return ent_table_put(t, small, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big) return t->oom = 1, -1;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int rc = ent_table_put(t, big, (size_t)n);
    free(big);
    return rc;
}

/* The line buffer, written and cleared; -1 once failed. */
static int flush_line(ent_table *t, int rc) {
    if (rc) t->oom = 1;
    rc = ent_table_put(t, t->line.data, t->line.len);
    ent_buf_clear(&t->line);
    return rc;
}

/* A cell on one line: line breaks and tabs as spaces. */
static int put_one_line(ent_buf *b, const char *s) {
    int rc = 0;
    for (; s && *s; s++) rc |= ent_buf_putc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
    return rc;
}

static int header_line(ent_table *t, char sep) {
    int rc = 0;
    for (int i = 0; i < t->ncol; i++) {
        if (i) rc |= ent_buf_putc(&t->line, sep);
        rc |= ent_buf_puts(&t->line, t->names[i]);
    }
    rc |= ent_buf_putc(&t->line, '\n');
    return flush_line(t, rc);
}

int ent_table_open(ent_table *t, FILE *out, int format, int ncol, const char *const *cols) {
    memset(t, 0, sizeof *t);
    t->out = out;
    t->format = format;
    if (ncol < 0 || ncol > ENT_TABLE_MAX_COLS) return t->oom = 1, -1;
    t->ncol = ncol;
    for (int i = 0; i < ncol; i++) {
        t->numeric[i] = cols[i][0] == '#';
        t->names[i] = cols[i] + t->numeric[i];
        t->width[i] = ent_utf8_width(t->names[i]);
    }
    ent_vec_init(&t->rows, sizeof(char *) * (size_t)(ncol > 0 ? ncol : 1));
    ent_arena_init(&t->arena, 1 << 15);
    if (format == ENT_TABLE_TSV) return header_line(t, '\t');
    if (format == ENT_TABLE_CSV) return header_line(t, ',');
    return 0;
}

/* Aligned columns: the row is kept, its cells on one line, for the widths. */
static int keep_row(ent_table *t, const char *const *cells) {
    char **row = ent_vec_push(&t->rows);
    if (!row) return t->oom = 1, -1;
    for (int i = 0; i < t->ncol; i++) {
        ent_buf_clear(&t->line);
        if (put_one_line(&t->line, cells[i]) || !(row[i] = ent_arena_strndup(&t->arena, t->line.data ? t->line.data : "", t->line.len)))
            return t->oom = 1, -1;
        int w = ent_utf8_width(row[i]);
        if (w > t->width[i]) t->width[i] = w;
    }
    ent_buf_clear(&t->line);
    return 0;
}

static int json_row(ent_table *t, const char *const *cells, const char *json_extra) {
    ent_buf *b = &t->line;
    int rc = ent_buf_putc(b, '{');
    for (int i = 0; i < t->ncol; i++) {
        const char *c = cells[i] ? cells[i] : "";
        rc |= ent_buf_puts(b, i ? ", \"" : "\"");
        rc |= ent_buf_puts(b, t->names[i]);
        rc |= ent_buf_puts(b, "\": ");
        if (t->numeric[i]) rc |= ent_buf_puts(b, c[0] ? c : "null");
        else rc |= ent_buf_json_str(b, c);
    }
    if (json_extra) rc |= ent_buf_puts(b, json_extra);
    rc |= ent_buf_puts(b, "}\n");
    return flush_line(t, rc);
}

int ent_table_row(ent_table *t, const char *const *cells, const char *json_extra) {
    if (failed(t)) return -1;
    int rc = 0;
    switch (t->format) {
    case ENT_TABLE_COLUMNS: return keep_row(t, cells);
    case ENT_TABLE_JSONL: return json_row(t, cells, json_extra);
    case ENT_TABLE_TSV:
    case ENT_TABLE_CSV:
        for (int i = 0; i < t->ncol; i++) {
            if (i) rc |= ent_buf_putc(&t->line, t->format == ENT_TABLE_TSV ? '\t' : ',');
            if (t->format == ENT_TABLE_TSV) rc |= put_one_line(&t->line, cells[i]);
            else rc |= ent_buf_csv_field(&t->line, cells[i]);
        }
        rc |= ent_buf_putc(&t->line, '\n');
        return flush_line(t, rc);
    default: return t->oom = 1, -1;   /* ENT_TABLE_LINES has no rows */
    }
}

static int pad(ent_buf *b, int n) {
    int rc = 0;
    for (int i = 0; i < n; i++) rc |= ent_buf_putc(b, ' ');
    return rc;
}

/* One line of aligned columns: numbers right-aligned, the last text
 * column not padded. */
static int columns_line(ent_table *t, const char *const *cells) {
    int rc = 0;
    for (int i = 0; i < t->ncol; i++) {
        int gap = t->width[i] - ent_utf8_width(cells[i]);
        int last = i == t->ncol - 1;
        if (t->numeric[i]) rc |= pad(&t->line, gap);
        rc |= ent_buf_puts(&t->line, cells[i]);
        if (!t->numeric[i] && !last) rc |= pad(&t->line, gap);
        if (!last) rc |= ent_buf_puts(&t->line, "  ");
    }
    rc |= ent_buf_putc(&t->line, '\n');
    return flush_line(t, rc);
}

int ent_table_end(ent_table *t) {
    if (t->format == ENT_TABLE_COLUMNS && !failed(t)) {
        columns_line(t, t->names);
        for (size_t r = 0; r < t->rows.len && !failed(t); r++)
            columns_line(t, (const char *const *)t->rows.items + r * (size_t)t->ncol);
    }
    return failed(t) ? -1 : 0;
}

size_t ent_table_rows(const ent_table *t) { return t->rows.len; }

const char *ent_table_cell(const ent_table *t, size_t row, int col) {
    if (row >= t->rows.len || col < 0 || col >= t->ncol) return "";
    return ((char *const *)t->rows.items)[row * (size_t)t->ncol + (size_t)col];
}

void ent_table_free(ent_table *t) {
    ent_vec_free(&t->rows);
    ent_arena_free(&t->arena);
    ent_buf_free(&t->line);
}
