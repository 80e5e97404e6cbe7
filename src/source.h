/* source.h -- the input front of every job that reads news: files,
 * directories (walked in name order) and standard input, read one way
 * whoever reads them (code, ingest, publish, the server): PETRARCH XML
 * records and CoNLL-U blocks with their parses, raw text and JSONL
 * documents (doc.h) with their text normalised, each with its id and date.
 * Like every reader, it says what is wrong with an input on an ent_diags
 * (diag.h), never on a stream of its own.
 */
#ifndef ENT_SOURCE_H
#define ENT_SOURCE_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"
#include "flow.h"
#include "lines.h"
#include "petrxml.h"
#include "util.h"

/* The inputs of a run, in order. */
typedef struct ent_inputs {
    char **paths;
    int n, cap;
} ent_inputs;

/* One open input.  JSONL, CoNLL-U and text in stories (a date given)
 * stream, from a file or standard input, and so does a PETRARCH XML file;
 * other text is read whole (it is one document), and so are XML on
 * standard input and CoNLL-U inside XML. */
typedef struct ent_source {
    const char *name;
    int form;                /* ENTENTE_IN_*, never AUTO once open */
    char *buf;               /* the input, when read whole */
    size_t len, pos;
    int owned;               /* buf is ours to free */
    FILE *fp;                /* CoNLL-U read a block at a time, from it */
    int own_fp;
    ent_lines lines;
    ent_buf block;
    long line;
    int n;                   /* records read */
    ent_petrxml *xml;
    ent_doc_reader *docs;
    int32_t default_date;
    char id[4200];           /* the id of a record that names none */
} ent_source;

/* One record of an input, whatever its form: a document of text or JSONL
 * (its normalised text), a PETRARCH XML record (its text, and its parse
 * when it has one) or a CoNLL-U block (its parse and "# text").  The
 * strings stay valid until the next read. */
typedef struct ent_source_rec {
    const char *id;
    size_t id_len;
    int32_t date;
    const char *source, *url, *title;   /* NULL when absent */
    const char *text;        /* NULL when the record has none */
    size_t text_len;
    const char *parse;       /* a given parse, or NULL */
    size_t parse_len;
    int normalised;          /* text is a document's, normalised (doc.h) */
    long line;               /* the record's first line */
    long parse_line;         /* the first line of its parse (its messages count from it) */
} ent_source_rec;

/* Prototypes */
/* Append a copy of path.  0, or -1 when out of memory. */
int ent_inputs_add(ent_inputs *in, const char *path);
/* Append path, or when it is a directory every file under it (name
 * order, hidden ones left); what cannot be read there is a message on dg
 * and passed over.  0, or -1 on error (a message on dg unless out of
 * memory; or dg strict). */
int ent_inputs_add_path(ent_inputs *in, const char *path, ent_diags *dg);
void ent_inputs_free(ent_inputs *in);
/* Lines of the regular file at path (the progress ETA's unit), counted
 * a chunk at a time; 0 for anything else (a pipe is read only once). */
long long ent_count_file_lines(const char *path);

/* Open input path (NULL or "-": standard input) in form `from` (AUTO: by
 * extension, standard input by its first bytes); `date` for documents
 * without one.  A device (other than a terminal on standard input) is
 * refused: it would never end.  0, or -1 with a message on d (call
 * ent_source_close either way). */
int ent_source_open(ent_source *s, const char *path, int from, int32_t date, ent_diags *d);
/* The same over buf[0..len) (the caller's, NUL-terminated, kept until
 * ent_source_close), named `name` in messages and ids. */
int ent_source_open_mem(ent_source *s, const char *name, char *buf, size_t len, int from,
                        int32_t date, ent_diags *d);
/* The next record of s: 1, 0 at the end, -1 on an error that ends the
 * input (with a message on d).  A PETRARCH record or CoNLL-U block that
 * names no id gets "NAME#n", n its place from 1; documents of text and
 * JSONL are named as doc.h says. */
int ent_source_read(ent_source *s, ent_source_rec *r, ent_diags *d);
/* The next record of s as a document in a new slot of b, its line in
 * *line_out: 1, 0 at the end, -1 when the input cannot be read on (said
 * on d), -2 when out of memory. */
int ent_source_next(ent_source *s, ent_batch *b, ent_diags *d, long long *line_out);
void ent_source_close(ent_source *s);

#endif
