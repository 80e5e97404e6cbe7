/* dict_agents.c -- the TABARI/PETRARCH agents file.
 *
 *   !PERSON! = MAN, MEN, WOMAN, WOMEN      a substitution macro
 *   FOREIGN_MINISTER [~GOVFRM]             suffix agent (after the actor code)
 *   HUMAN_RIGHTS_BODY [NGO~]               prefix agent (before it)
 *   ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   explicit plurals
 *   MEDIA {} [~MED]                        no plural
 *   CONGRESS!PERSON! [~LEG]                one entry per macro alternative
 *
 * Without braces the regular plural of the last word is added too.  A name
 * that uses a macro gets no generated plural: the macro's alternatives
 * already list the plural forms (MAN, MEN), and pluralising "FOR_
 * AGRICULTURE" in "!MINIST! FOR_AGRICULTURE" would be wrong.
 *
 * Design: macros are kept as spans into the file buffer (they are only
 * needed while this file loads), and expansion writes each variant into
 * one reused scratch buffer before interning it, so a line costs no
 * allocation beyond the arena copies the dict keeps.
 */
#include "dict.h"
#include "dict_lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The number of variants one line may expand to: four macros of five
 * alternatives each is 625; past this a line is surely a mistake. */
#define MAX_EXPANSIONS 4096

typedef struct text {
    const char *s;
    size_t n;
} text;

typedef struct macro {
    text name;             /* between the ! marks */
    size_t first, count;   /* alternatives: alts[first .. first+count) */
} macro;

typedef struct agents_ctx {
    ent_lex *lx;
    ent_vec macros;        /* macro */
    ent_vec alts;          /* text */
    int32_t agent;         /* index of the agent being added */
    int expansions;
} agents_ctx;

static const macro *find_macro(const agents_ctx *cx, const char *s, size_t n) {
    /* Latest definition wins, so a file may redefine a macro. */
    for (size_t i = cx->macros.len; i-- > 0;) {
        const macro *m = &ENT_VEC_AT(&cx->macros, macro, i);
        if (m->name.n == n && memcmp(m->name.s, s, n) == 0) return m;
    }
    return NULL;
}

/* Check every !NAME! in s is defined and the marks pair up.  Returns NULL
 * when fine, else a message; *bad is set to the offending text.  *count
 * is multiplied by the number of variants s expands to (saturating). */
static const char *check_macros(const agents_ctx *cx, const char *s, size_t n, text *bad,
                                size_t *count) {
    const char *end = s + n;
    for (const char *p = memchr(s, '!', n); p; p = memchr(p, '!', (size_t)(end - p))) {
        const char *q = memchr(p + 1, '!', (size_t)(end - p - 1));
        if (!q) {
            bad->s = p;
            bad->n = (size_t)(end - p);
            return "unmatched ! in";
        }
        const macro *m = find_macro(cx, p + 1, (size_t)(q - p - 1));
        if (!m) {
            bad->s = p;
            bad->n = (size_t)(q - p + 1);
            return "unknown substitution";
        }
        *count = *count > MAX_EXPANSIONS ? *count : *count * m->count;
        p = q + 1;
        if (p >= end) break;
    }
    return NULL;
}

/* Add the phrase now in the scratch buffer.  0, or -2 on OOM. */
static int add_scratch(agents_ctx *cx) {
    ent_lex *lx = cx->lx;
    int n = ent_lex_phrase(lx, lx->scratch.data ? lx->scratch.data : "", lx->scratch.len);
    if (n < 0) return -2;
    if (n == 0) return 0;
    if (ent_phrase_add(lx->d, &lx->d->agent_ix, lx->wids, n, cx->agent, 0) < 0) return -2;
    return 0;
}

/* Append s[0..n) to the scratch with every macro expanded, adding one
 * phrase per combination.  Macros were checked beforehand.  0, -2 on OOM,
 * -3 when the line expands past MAX_EXPANSIONS, -4 on a name that is not
 * a defined substitution. */
static int expand(agents_ctx *cx, const char *s, size_t n) {
    ent_buf *b = &cx->lx->scratch;
    const char *bang = memchr(s, '!', n);
    if (!bang) {
        if (++cx->expansions > MAX_EXPANSIONS) return -3;
        size_t keep = b->len;
        if (ent_buf_append(b, s, n) < 0) return -2;
        int rc = add_scratch(cx);
        b->len = keep;
        return rc;
    }
    const char *close = memchr(bang + 1, '!', (size_t)(s + n - bang - 1));
    const macro *m = close ? find_macro(cx, bang + 1, (size_t)(close - bang - 1)) : NULL;
    if (!m) return -4;   /* the caller's check missed it: report, never read past */
    size_t keep = b->len;
    for (size_t i = 0; i < m->count; i++) {
        const text *alt = &ENT_VEC_AT(&cx->alts, text, m->first + i);
        b->len = keep;
        if (ent_buf_append(b, s, (size_t)(bang - s)) < 0 || ent_buf_append(b, alt->s, alt->n) < 0)
            return -2;
        int rc = expand(cx, close + 1, (size_t)(s + n - close - 1));
        if (rc < 0) return rc;
    }
    b->len = keep;
    return 0;
}

/* The name plus the generated plural of its last word. */
static int add_with_plural(agents_ctx *cx, const char *s, size_t n) {
    ent_buf *b = &cx->lx->scratch;
    b->len = 0;
    if (ent_buf_append(b, s, n) < 0) return -2;
    int rc = add_scratch(cx);
    if (rc < 0) return rc;
    /* Last word: strip the trailing exact-word `_` and blanks first. */
    size_t e = n;
    while (e > 0 && (s[e - 1] == '_' || s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
    size_t w = e;
    while (w > 0 && s[w - 1] != '_' && s[w - 1] != ' ' && s[w - 1] != '\t') w--;
    if (w == e) return 0;
    b->len = 0;
    if (ent_buf_append(b, s, w) < 0 || ent_lex_plural(b, s + w, e - w) < 0) return -2;
    return add_scratch(cx);
}

/* "!NAME! = A, B, C".  0, -1 stop, -2 OOM. */
static int define_macro(agents_ctx *cx, const ent_lex_line *ln, const char *eq) {
    const char *s = ln->s, *end = ln->s + ln->n;
    const char *close = memchr(s + 1, '!', (size_t)(eq - s - 1));
    const char *after = close ? ent_lex_skip_ws(close + 1, eq) : NULL;
    /* Names are one word: a line is expanded word by word, so a blank
     * inside a name could never be matched again. */
    int word = close != NULL;
    for (const char *q = s + 1; word && q < close; q++)
        word = isalnum((unsigned char)*q) || *q == '_';
    if (!close || close == s + 1 || after != eq || !word)
        return ent_lex_diag(cx->lx, ln->no, "malformed substitution name: %.*s",
                            ENT_LEX_SHOW(s, ln->n));
    macro m = {{s + 1, (size_t)(close - s - 1)}, cx->alts.len, 0};
    const char *p = eq + 1;
    while (p <= end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *pe = comma ? comma : end;
        const char *a = p;
        size_t an = (size_t)(pe - p);
        ent_lex_trim(&a, &an);
        if (an > 0) {
            text *t = ent_vec_push(&cx->alts);
            if (!t) return -2;
            t->s = a;
            t->n = an;
            m.count++;
        }
        p = pe + 1;
    }
    if (m.count == 0)
        return ent_lex_diag(cx->lx, ln->no, "substitution has no alternatives: %.*s",
                            ENT_LEX_SHOW(s, ln->n));
    macro *slot = ent_vec_push(&cx->macros);
    if (!slot) return -2;
    *slot = m;
    return 0;
}

/* One agent line.  0, -1 stop, -2 OOM. */
static int agent_line(agents_ctx *cx, const ent_lex_line *ln) {
    ent_lex *lx = cx->lx;
    ent_dict *d = lx->d;
    const char *s = ln->s, *end = ln->s + ln->n;
    const char *brace = memchr(s, '{', ln->n);
    const char *sq = memchr(s, '[', ln->n);
    if (!sq)
        return ent_lex_diag(lx, ln->no, "agent has no [code]: %.*s", ENT_LEX_SHOW(s, ln->n));
    if (brace && brace > sq) brace = NULL;
    const char *name = s;
    size_t name_n = (size_t)((brace ? brace : sq) - s);
    ent_lex_trim(&name, &name_n);
    if (name_n == 0)
        return ent_lex_diag(lx, ln->no, "agent has no name: %.*s", ENT_LEX_SHOW(s, ln->n));
    text plurals = {NULL, 0};
    if (brace) {
        const char *bc = memchr(brace, '}', (size_t)(sq - brace));
        if (!bc)
            return ent_lex_diag(lx, ln->no, "unterminated {: %.*s", ENT_LEX_SHOW(s, ln->n));
        plurals.s = brace + 1;
        plurals.n = (size_t)(bc - brace - 1);
        if (ent_lex_skip_ws(bc + 1, sq) != sq)
            return ent_lex_diag(lx, ln->no, "text between } and [: %.*s", ENT_LEX_SHOW(s, ln->n));
    }
    const char *close = memchr(sq, ']', (size_t)(end - sq));
    if (!close)
        return ent_lex_diag(lx, ln->no, "unterminated [: %.*s", ENT_LEX_SHOW(sq, (size_t)(end - sq)));
    const char *junk = ent_lex_skip_ws(close + 1, end);
    if (junk != end)
        return ent_lex_diag(lx, ln->no, "text after the code: %.*s",
                            ENT_LEX_SHOW(junk, (size_t)(end - junk)));
    const char *c = sq + 1;
    size_t cn = (size_t)(close - sq - 1);
    ent_lex_trim(&c, &cn);
    int prefix;
    if (cn > 1 && c[0] == '~' && c[cn - 1] != '~') {
        prefix = 0;
        c++;
        cn--;
    } else if (cn > 1 && c[cn - 1] == '~' && c[0] != '~') {
        prefix = 1;
        cn--;
    } else {
        return ent_lex_diag(lx, ln->no, "agent code needs one ~ ([~CODE] or [CODE~]): %.*s",
                            ENT_LEX_SHOW(sq, (size_t)(close - sq + 1)));
    }
    ent_lex_trim(&c, &cn);
    for (size_t i = 0; i < cn; i++)
        if (!isalnum((unsigned char)c[i]))
            return ent_lex_diag(lx, ln->no, "malformed agent code: %.*s",
                                ENT_LEX_SHOW(sq, (size_t)(close - sq + 1)));
    if (cn == 0)
        return ent_lex_diag(lx, ln->no, "agent code is empty: %.*s",
                            ENT_LEX_SHOW(sq, (size_t)(close - sq + 1)));
    text bad;
    size_t count = 1, pcount = 1;
    const char *why = check_macros(cx, name, name_n, &bad, &count);
    if (!why && plurals.n) why = check_macros(cx, plurals.s, plurals.n, &bad, &pcount);
    if (why) return ent_lex_diag(lx, ln->no, "%s %.*s", why, ENT_LEX_SHOW(bad.s, bad.n));
    /* Refuse an explosion before anything of the line is added. */
    if (count > MAX_EXPANSIONS || pcount > MAX_EXPANSIONS)
        return ent_lex_diag(lx, ln->no, "more than %d substitution variants", MAX_EXPANSIONS);

    ent_agent *a = ent_vec_push(&d->agents);
    char *nm = ent_arena_strndup(&d->arena, name, name_n);
    char *code = ent_arena_alloc(&d->arena, cn + 1);
    if (!a || !nm || !code) return -2;
    ent_upper(code, cn + 1, c, cn);
    a->name = nm;
    a->code = code;
    a->prefix = prefix;
    a->file = lx->path;
    a->line = (int32_t)ln->no;
    cx->agent = (int32_t)(d->agents.len - 1);
    cx->expansions = 0;

    int rc;
    lx->scratch.len = 0;
    if (memchr(name, '!', name_n)) rc = expand(cx, name, name_n);
    else if (!brace) rc = add_with_plural(cx, name, name_n);
    else rc = expand(cx, name, name_n);
    /* Explicit plurals: blank-separated, `_` joins the words of one. */
    const char *p = plurals.s, *pend = p ? p + plurals.n : NULL;
    while (rc >= 0 && p && (p = ent_lex_skip_ws(p, pend)) < pend) {
        const char *q = p;
        while (q < pend && *q != ' ' && *q != '\t') q++;
        lx->scratch.len = 0;
        rc = expand(cx, p, (size_t)(q - p));
        p = q;
    }
    if (rc == -3)
        return ent_lex_diag(lx, ln->no, "more than %d substitution variants", MAX_EXPANSIONS);
    if (rc == -4)
        return ent_lex_diag(lx, ln->no, "unknown or unclosed substitution: %.*s",
                            ENT_LEX_SHOW(ln->s, ln->n));
    return rc;
}

int ent_load_agents(ent_dict *d, const char *path, ent_diags *diags) {
    ent_lex lx;
    if (ent_lex_open(&lx, d, path, diags) < 0) return -1;
    agents_ctx cx;
    memset(&cx, 0, sizeof cx);
    cx.lx = &lx;
    ent_vec_init(&cx.macros, sizeof(macro));
    ent_vec_init(&cx.alts, sizeof(text));
    ent_lex_line ln;
    int rc = 0, r;
    while (rc >= 0 && (r = ent_lex_next(&lx, &ln)) != 0) {
        if (r < 0) { rc = -1; break; }
        if (ln.n == 0) continue;
        const char *eq = memchr(ln.s, '=', ln.n);
        const char *sq = memchr(ln.s, '[', ln.n);
        if (ln.s[0] == '!' && eq && (!sq || eq < sq)) rc = define_macro(&cx, &ln, eq);
        else rc = agent_line(&cx, &ln);
    }
    if (rc == -2) ent_lex_diag(&lx, lx.line_no, "out of memory");
    ent_vec_free(&cx.macros);
    ent_vec_free(&cx.alts);
    ent_lex_close(&lx);
    return rc < 0 ? -1 : 0;
}
