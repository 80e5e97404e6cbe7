/* diag.h -- diagnostics: messages that name a file (or document) and line.
 *
 * Every reader of outside input reports problems here instead of printing
 * or exiting.  A caller decides whether to echo them, keep them for tests,
 * or stop at the first one (`strict`).
 *
 * Errors: this is the one convention of the readers' layer (doc,
 * source, ptb, conllu, petrxml, the dictionary loaders): an input may
 * have many problems, each with its place, and a reader says them all
 * here and returns a status.
 */
#ifndef ENT_DIAG_H
#define ENT_DIAG_H

#include <stdio.h>

typedef struct ent_diag_msg {
    char *where;   /* file or document name */
    long line;     /* 1-based line, or byte offset when `is_offset`; 0 = none */
    int is_offset;
    char *text;
} ent_diag_msg;

typedef struct ent_diags {
    ent_diag_msg *msgs;
    int count, cap;
    int strict;     /* loaders stop at the first message when set */
    FILE *echo;     /* when non-NULL each message is printed as it arrives */
} ent_diags;

/* Prototypes */
void ent_diags_init(ent_diags *d, FILE *echo, int strict);
/* Record a message; returns 0 when the caller should go on, -1 when it
 * should stop (strict mode or out of memory). */
int  ent_diag(ent_diags *d, const char *where, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int  ent_diag_at(ent_diags *d, const char *where, long offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Format message i as "where:line: text" into out. */
void ent_diag_format(const ent_diags *d, int i, char *out, size_t cap);
void ent_diags_free(ent_diags *d);
/* Print every message of d, one a line, on out; returns how many. */
int ent_diags_print(const ent_diags *d, FILE *out);
/* "bad date" at where:line for the value s[0..n) that is no date, saying
 * whether the default date (dflt, 0 none) takes its place; as ent_diag. */
int ent_diag_bad_date(ent_diags *d, const char *where, long line, const char *s, size_t n,
                      int dflt);
/* A printable excerpt of s[0..n) for a message, into out[cap]: bytes
 * outside printable ASCII become '?', so binary junk cannot garble a
 * diagnostic; cut with "..." when it does not fit. */
void ent_diag_excerpt(char *out, size_t cap, const char *s, size_t n);

#endif
