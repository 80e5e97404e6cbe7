/* dict_actors.c -- the TABARI/PETRARCH actors file.
 *
 *   NAME [CODE]                       one line, optional "# comment"
 *   NAME                              name alone, then on following lines:
 *   +SYNONYM                            other names for the same actor
 *   	[CODE <YYMMDD] [CODE >YYMMDD]    codes, dated or not, several per line
 *   	[CODE 19950601 - 19990815]       ranges; [ELR/GAL] = two codes
 *
 * A block ends at a blank line, or at a name line once it has codes (name
 * lines before the first code are more names of the same actor).  Design: a block's
 * names and codes are gathered in two scratch vectors that are reused for
 * every block, and only when the block ends are the actor, its codes and
 * its phrases written into the dict's arena.  A block that gets no code
 * adds nothing, so a bad code line never leaves a half-made actor behind.
 * A malformed code line is reported with its line and skipped as a whole.
 */
#include "dict.h"
#include "dict_lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct span {
    const char *s;
    size_t n;
    long line;
} span;

typedef struct block {
    int open;
    long line;            /* line of the name */
    span name;
    ent_vec names;        /* span: the name, then each synonym */
    ent_vec codes;        /* ent_actor_code; strings already in the arena */
    int bad_code;         /* a code line of this block was reported */
} block;

/* Codes are letters and digits ("USAGOV", "G77"), or one of the
 * punctuation codes TABARI gives a meaning to ("---", "+++", "###"). */
static int valid_code(const char *s, size_t n) {
    if (n == 0) return 0;
    int alpha = 0, alnum = 1, punct = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalpha(c)) alpha = 1;
        if (!isalnum(c)) alnum = 0;
        if (c != '-' && c != '+' && c != '#') punct = 0;
    }
    return (alnum && alpha) || punct;
}

/* Parse the date part of a code block (after the code): "", "<D", ">D",
 * "D-D", blanks allowed around the operators.  0 or -1. */
static int parse_restriction(const char *s, size_t n, ent_actor_code *c) {
    ent_lex_trim(&s, &n);
    c->from = ENT_DATE_MIN;
    c->to = ENT_DATE_MAX;
    c->dated = 0;
    if (n == 0) return 0;
    c->dated = 1;
    if (s[0] == '<' || s[0] == '>') {
        const char *p = s + 1;
        size_t m = n - 1;
        ent_lex_trim(&p, &m);
        int32_t dt = ent_parse_dict_date(p, m);
        if (dt < 0) return -1;
        /* "<D" is strictly before D; valid dates never have day 00, so
         * D - 1 is an exact inclusive upper bound. ">D" starts on D. */
        if (s[0] == '<') c->to = dt - 1;
        else c->from = dt;
        return 0;
    }
    const char *dash = memchr(s, '-', n);
    if (!dash) return -1;
    const char *a = s, *b = dash + 1;
    size_t an = (size_t)(dash - s), bn = n - an - 1;
    ent_lex_trim(&a, &an);
    ent_lex_trim(&b, &bn);
    int32_t from = ent_parse_dict_date(a, an), to = ent_parse_dict_date(b, bn);
    if (from < 0 || to < 0 || from > to) return -1;
    c->from = from;
    c->to = to;
    return 0;
}

/* Parse every [ ... ] group in s[0..n) into blk->codes.  On a malformed
 * group, report it, drop whatever this line added and return the
 * ent_diag result (0 = go on, -1 = stop); -2 on out of memory. */
static int parse_codes(ent_lex *lx, block *blk, const char *s, size_t n, long line) {
    size_t keep = blk->codes.len;
    const char *p = s, *end = s + n;
    const char *why = NULL, *ws = s;
    size_t wn = n;
    while ((p = ent_lex_skip_ws(p, end)) < end) {
        if (*p != '[') {
            why = "text after the code";
            ws = p;
            wn = (size_t)(end - p);
            break;
        }
        const char *close = memchr(p, ']', (size_t)(end - p));
        if (!close) {
            why = "unterminated [";
            ws = p;
            wn = (size_t)(end - p);
            break;
        }
        ws = p;
        wn = (size_t)(close - p + 1);
        const char *in = p + 1, *inend = close;
        in = ent_lex_skip_ws(in, inend);
        const char *ce = in;
        while (ce < inend && *ce != ' ' && *ce != '\t' && *ce != '<' && *ce != '>') ce++;
        ent_actor_code dates;
        if (ce == in || isdigit((unsigned char)*in)) {
            why = "code block has no code";
            break;
        }
        if (parse_restriction(ce, (size_t)(inend - ce), &dates) < 0) {
            why = "bad date restriction";
            break;
        }
        /* [ELR/GAL]: each part is a code of its own with the same dates. */
        const char *part = in;
        while (part <= ce) {
            const char *slash = memchr(part, '/', (size_t)(ce - part));
            const char *pe = slash ? slash : ce;
            if (!valid_code(part, (size_t)(pe - part))) {
                why = "malformed code";
                break;
            }
            ent_actor_code *c = ent_vec_push(&blk->codes);
            char *code = ent_arena_alloc(&lx->d->arena, (size_t)(pe - part) + 1);
            if (!c || !code) return -2;
            ent_upper(code, (size_t)(pe - part) + 1, part, (size_t)(pe - part));
            *c = dates;
            c->code = code;
            part = pe + 1;
        }
        if (why) break;
        p = close + 1;
    }
    if (!why) return 0;
    blk->codes.len = keep;
    blk->bad_code = 1;
    return ent_lex_diag(lx, line, "%s: %.*s", why, ENT_LEX_SHOW(ws, wn));
}

static void block_reset(block *blk) {
    blk->open = 0;
    blk->names.len = 0;
    blk->codes.len = 0;
    blk->bad_code = 0;
}

/* Write the open block into the dict.  0, -1 = stop, -2 = out of memory. */
static int block_finish(ent_lex *lx, block *blk) {
    if (!blk->open) return 0;
    ent_dict *d = lx->d;
    int rc = 0;
    if (blk->codes.len == 0) {
        /* A reported bad code line already explains the missing code. */
        if (!blk->bad_code)
            rc = ent_lex_diag(lx, blk->line, "actor has no code: %.*s",
                              ENT_LEX_SHOW(blk->name.s, blk->name.n));
        block_reset(blk);
        return rc;
    }
    size_t nc = blk->codes.len;
    ent_actor_code *codes = ent_arena_alloc(&d->arena, nc * sizeof *codes);
    char *name = ent_arena_strndup(&d->arena, blk->name.s, blk->name.n);
    ent_actor *a = codes && name ? ent_vec_push(&d->actors) : NULL;
    if (!a) return -2;
    memcpy(codes, blk->codes.items, nc * sizeof *codes);
    a->name = name;
    a->codes = codes;
    a->n_codes = (int32_t)nc;
    a->file = lx->path;
    a->line = (int32_t)blk->line;
    int32_t idx = (int32_t)(d->actors.len - 1);
    for (size_t i = 0; i < blk->names.len; i++) {
        span *sp = &ENT_VEC_AT(&blk->names, span, i);
        int n = ent_lex_phrase(lx, sp->s, sp->n);
        if (n < 0) return -2;
        if (n == 0) continue; /* reported when the line was read */
        /* TABARI's rule: words joined by "_" are adjacent, words
         * written apart may have others between them */
        int loose = 0;
        for (size_t q = 0; q < sp->n && !loose; q++) loose = sp->s[q] == ' ' || sp->s[q] == '\t';
        if (ent_phrase_add(d, &d->actor_ix, lx->wids, n, idx, loose ? ENT_ACTOR_LOOSE : 0) < 0) return -2;
    }
    block_reset(blk);
    return 0;
}

static int add_name(block *blk, const char *s, size_t n, long line) {
    span *sp = ent_vec_push(&blk->names);
    if (!sp) return -2;
    sp->s = s;
    sp->n = n;
    sp->line = line;
    return 0;
}

int ent_load_actors(ent_dict *d, const char *path, ent_diags *diags) {
    ent_lex lx;
    if (ent_lex_open(&lx, d, path, diags) < 0) return -1;
    block blk;
    memset(&blk, 0, sizeof blk);
    ent_vec_init(&blk.names, sizeof(span));
    ent_vec_init(&blk.codes, sizeof(ent_actor_code));
    ent_lex_line ln;
    int rc = 0, r;
    while (rc >= 0 && (r = ent_lex_next(&lx, &ln)) != 0) {
        if (r < 0) { rc = -1; break; }
        if (ln.n == 0) { rc = block_finish(&lx, &blk); continue; }
        const char *s = ln.s, *end = ln.s + ln.n;
        const char *br = memchr(s, '[', ln.n);
        if (*s == '+' || *s == '[') {
            if (!blk.open) {
                rc = ent_lex_diag(&lx, ln.no, "%s without an actor name: %.*s",
                                  *s == '+' ? "synonym" : "code line", ENT_LEX_SHOW(s, ln.n));
                continue;
            }
            if (*s == '+') {
                const char *ne = br ? br : end;
                const char *ns = s + 1;
                size_t nn = (size_t)(ne - ns);
                ent_lex_trim(&ns, &nn);
                if (nn == 0) {
                    rc = ent_lex_diag(&lx, ln.no, "empty synonym");
                    continue;
                }
                if ((rc = add_name(&blk, ns, nn, ln.no)) < 0) break;
            }
            if (br) rc = parse_codes(&lx, &blk, br, (size_t)(end - br), ln.no);
            continue;
        }
        /* A name line.  Names that have no code yet share the codes that
         * follow (several spellings stacked over one code block), so a
         * name ends the block only once that block has codes, or had a
         * code line that was reported (else the next actor's codes would
         * be given to it). */
        const char *ns = s;
        size_t nn = (size_t)((br ? br : end) - s);
        ent_lex_trim(&ns, &nn);
        if (!blk.open || blk.codes.len > 0 || blk.bad_code) {
            if ((rc = block_finish(&lx, &blk)) < 0) break;
            blk.open = 1;
            blk.line = ln.no;
            blk.name.s = ns;
            blk.name.n = nn;
        }
        if ((rc = add_name(&blk, ns, nn, ln.no)) < 0) break;
        if (br) rc = parse_codes(&lx, &blk, br, (size_t)(end - br), ln.no);
    }
    if (rc >= 0) rc = block_finish(&lx, &blk);
    if (rc == -2) ent_lex_diag(&lx, lx.line_no, "out of memory");
    ent_vec_free(&blk.names);
    ent_vec_free(&blk.codes);
    ent_lex_close(&lx);
    return rc < 0 ? -1 : 0;
}
