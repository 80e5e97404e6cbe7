/* dict_lex.h -- line reading shared by the noun-dictionary loaders.
 *
 * Internal to the dictionary loaders (dict_config.c, dict_actors.c,
 * dict_agents.c, dict_lists.c); not part of the library's public surface.
 * One file is read whole into memory and walked line by line in place:
 * comments are removed (`#` outside [...] and {...}, `<!-- ... -->` spans,
 * possibly over several lines) and trailing blanks trimmed, so each loader
 * sees only the text that matters and the line number to report.
 */
#ifndef ENT_DICT_LEX_H
#define ENT_DICT_LEX_H

#include <stddef.h>

#include "dict.h"

typedef struct ent_lex {
    ent_dict *d;
    ent_diags *diags;
    const char *path;      /* arena copy, shared by every entry's `file` */
    char *buf;             /* the whole file, NUL-terminated */
    size_t len, pos;
    long line_no;          /* number of the line last returned */
    ent_wid *wids;         /* scratch for phrases, grown as needed */
    size_t wcap;
    ent_buf scratch;       /* scratch for building phrase text */
} ent_lex;

/* One logical line: text with comments removed and blanks trimmed at both
 * ends; n == 0 for a blank line.  Lines holding only a comment are not
 * returned at all (they neither end an actor block nor count as content). */
typedef struct ent_lex_line {
    const char *s;
    size_t n;
    long no;
    int indented;          /* began with a space or tab */
} ent_lex_line;

/* printf arguments for "%.*s" showing at most 80 bytes of s[0..n) in a
 * message, so a huge line cannot flood the report. */
#define ENT_LEX_SHOW(s, n) (int)((n) > 80 ? 80 : (n)), (s)

/* Prototypes */
/* Read `path` (folding its bytes into d->identity).  -1 with a message
 * when it cannot be read. */
int  ent_lex_open(ent_lex *lx, ent_dict *d, const char *path, ent_diags *diags);
/* Next line: 1, or 0 at end of file, or -1 when a message asked the
 * loader to stop (an unterminated <!-- comment in strict mode). */
int  ent_lex_next(ent_lex *lx, ent_lex_line *line);
void ent_lex_close(ent_lex *lx);

/* Intern the words of s[0..n) (split on blanks and `_`, upper-cased) into
 * lx->wids; returns the count (0 for no words) or -1 on OOM. */
int  ent_lex_phrase(ent_lex *lx, const char *s, size_t n);

/* Append the regular English plural of the word w[0..n) to out: MAN ->
 * MEN at the end, consonant+Y -> IES, ES after S X Z CH SH, else S. */
int  ent_lex_plural(ent_buf *out, const char *w, size_t n);

/* Report at this line; returns what ent_diag returns (-1 = stop). */
int  ent_lex_diag(ent_lex *lx, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Skip blanks forward / trim them from both ends. */
const char *ent_lex_skip_ws(const char *s, const char *end);
void ent_lex_trim(const char **s, size_t *n);

#endif
