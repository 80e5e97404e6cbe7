/* dict_nouns.c -- the event-noun dictionary: nouns that name events.
 *
 *   # NOUN {OTHER FORMS} [CODE] PREPOSITIONS
 *   AIR_STRIKE {AIR_STRIKES AIRSTRIKE AIRSTRIKES} [195] ON AGAINST
 *   INVASION [190] OF INTO
 *   TALKS {} [040] WITH BETWEEN
 *
 * Without {...} the noun also matches its regular plural; {} means the
 * name alone.  The prepositions bring in the event's target ("strikes ON
 * Gaza"); BETWEEN makes its actors act on one another.  The source is the
 * noun's own modifier ("Israeli strikes", "Russia's invasion"), a "by"
 * phrase, or the subject of the verb whose object the noun is ("launched
 * an invasion of"); see nominal.c.
 *
 * This is entente's own format: TABARI and PETRARCH have none, and their
 * verb files code nouns only as words of a verb's pattern.
 */
#include "dict.h"
#include "dict_lex.h"

#include <string.h>

/* One line into d; 0, -1 (stop) or -2 (out of memory). */
static int noun_line(ent_lex *lx, const ent_lex_line *ln) {
    ent_dict *d = lx->d;
    const char *s = ln->s, *end = ln->s + ln->n;
    const char *name_end = s;
    while (name_end < end && *name_end != ' ' && *name_end != '\t' && *name_end != '{' &&
           *name_end != '[')
        name_end++;
    if (name_end == s) return ent_lex_diag(lx, ln->no, "no noun before the code");
    const char *p = ent_lex_skip_ws(name_end, end);
    const char *forms = NULL, *forms_end = NULL;
    if (p < end && *p == '{') {
        forms = p + 1;
        forms_end = memchr(forms, '}', (size_t)(end - forms));
        if (!forms_end) return ent_lex_diag(lx, ln->no, "unclosed {: %.*s", ENT_LEX_SHOW(s, ln->n));
        p = ent_lex_skip_ws(forms_end + 1, end);
    }
    if (p >= end || *p != '[')
        return ent_lex_diag(lx, ln->no, "no [CODE] after the noun: %.*s", ENT_LEX_SHOW(s, ln->n));
    const char *code = p + 1, *code_end = memchr(code, ']', (size_t)(end - code));
    if (!code_end || code_end == code)
        return ent_lex_diag(lx, ln->no, "bad [CODE]: %.*s", ENT_LEX_SHOW(s, ln->n));

    ent_noun nn = {0};
    nn.name = ent_arena_strndup(&d->arena, s, (size_t)(name_end - s));
    nn.code = ent_arena_strndup(&d->arena, code, (size_t)(code_end - code));
    nn.file = lx->path;
    nn.line = (int32_t)ln->no;
    if (!nn.name || !nn.code) return -2;
    for (p = ent_lex_skip_ws(code_end + 1, end); p < end; p = ent_lex_skip_ws(p, end)) {
        const char *w = p;
        while (p < end && *p != ' ' && *p != '\t') p++;
        if (nn.n_preps == ENT_NOUN_MAX_PREPS)
            return ent_lex_diag(lx, ln->no, "more than %d prepositions", ENT_NOUN_MAX_PREPS);
        int k = ent_lex_phrase(lx, w, (size_t)(p - w));
        if (k < 0) return -2;
        if (k != 1) return ent_lex_diag(lx, ln->no, "a preposition is one word: %.*s", (int)(p - w), w);
        nn.preps[nn.n_preps++] = lx->wids[0];
    }
    int32_t idx = (int32_t)d->nouns.len;
    ent_noun *slot = ent_vec_push(&d->nouns);
    if (!slot) return -2;
    *slot = nn;

    /* the name, then its other forms (or its regular plural) */
    int k = ent_lex_phrase(lx, s, (size_t)(name_end - s));
    if (k < 0) return -2;
    if (k > 0 && ent_phrase_add(d, &d->noun_ix, lx->wids, k, idx, 0) < 0) return -2;
    if (!forms) {
        lx->scratch.len = 0;
        if (ent_lex_plural(&lx->scratch, s, (size_t)(name_end - s)) < 0) return -2;
        k = ent_lex_phrase(lx, lx->scratch.data, lx->scratch.len);
        if (k < 0) return -2;
        if (k > 0 && ent_phrase_add(d, &d->noun_ix, lx->wids, k, idx, 0) < 0) return -2;
        return 0;
    }
    for (const char *f = ent_lex_skip_ws(forms, forms_end); f < forms_end; f = ent_lex_skip_ws(f, forms_end)) {
        const char *w = f;
        while (f < forms_end && *f != ' ' && *f != '\t') f++;
        k = ent_lex_phrase(lx, w, (size_t)(f - w));
        if (k < 0) return -2;
        if (k > 0 && ent_phrase_add(d, &d->noun_ix, lx->wids, k, idx, 0) < 0) return -2;
    }
    return 0;
}

int ent_load_nouns(ent_dict *d, const char *path, ent_diags *diags) {
    ent_lex lx;
    if (ent_lex_open(&lx, d, path, diags) < 0) return -1;
    ent_lex_line ln;
    int rc = 0, r;
    while (rc >= 0 && (r = ent_lex_next(&lx, &ln)) != 0) {
        if (r < 0) {
            rc = -1;
            break;
        }
        if (ln.n == 0) continue;
        rc = noun_line(&lx, &ln);
    }
    if (rc == -2) ent_lex_diag(&lx, lx.line_no, "out of memory");
    ent_lex_close(&lx);
    return rc < 0 ? -1 : 0;
}
