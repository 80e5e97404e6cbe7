/* source.h -- the input front of the storing jobs: files, directories
 * (walked in name order) and standard input, read into batch documents
 * exactly as `entente ingest` reads them: PETRARCH XML records and CoNLL-U
 * blocks with their parses, raw text and JSONL documents (doc.h) with
 * their text normalised, each with its id, date and hashes.
 */
#ifndef ENT_SOURCE_H
#define ENT_SOURCE_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"
#include "flow.h"
#include "petrxml.h"

/* The inputs of a run, in order. */
typedef struct ent_inputs {
    char **paths;
    int n, cap;
} ent_inputs;

/* One open input: the whole file in memory (the XML reader streams from
 * it; CoNLL-U is cut into blocks in place). */
typedef struct ent_source {
    const char *name;
    int form;
    char *buf;
    size_t len, pos;
    long line;
    int n;
    ent_petrxml *xml;
    ent_doc_reader *docs;
    int32_t default_date;
} ent_source;

/* Prototypes */
/* Append a copy of path.  0, or -1 when out of memory. */
int ent_inputs_add(ent_inputs *in, const char *path);
/* Append path, or when it is a directory every file under it (name
 * order, hidden ones left); what cannot be read there is said on err,
 * counted in *said and passed over.  0, or -1 on error. */
int ent_inputs_add_path(ent_inputs *in, const char *path, FILE *err, long *said);
void ent_inputs_free(ent_inputs *in);
/* Lines of buf[0..n) (the progress ETA's unit). */
long long ent_count_lines(const char *buf, size_t n);

/* Open input path (NULL or "-": standard input) in form `from` (AUTO: by
 * extension, standard input by its first bytes); `date` for documents
 * without one.  0, or -1 with a message on d (call ent_source_close). */
int ent_source_open(ent_source *s, const char *path, int from, int32_t date, ent_diags *d);
/* The next document of s into a new slot of b, its line in *line_out:
 * 1, 0 at the end, -1 on error. */
int ent_source_next(ent_source *s, ent_batch *b, ent_diags *d, long long *line_out);
void ent_source_close(ent_source *s);

#endif
