/* dict_lint.c -- whole-set checks and phrase lookups; see dict_lint.h.
 *
 * These run on the frozen set, after every file is loaded, because each
 * finding involves two entries that may come from different files.  They
 * are quadratic only within small groups (phrases sharing a first word and
 * a length, patterns of one block sharing a hash), so a full set is
 * checked in well under a second.
 */
#include "dict_lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cameo.h"

static void phrase_text(const ent_dict *d, const ent_phrase *p, char *out, size_t cap) {
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < p->n_words; i++) {
        const char *w = ent_dict_word_text(d, p->words[i]);
        int k = snprintf(out + n, cap - n, "%s%s", i ? " " : "", w ? w : "?");
        if (k < 0 || (size_t)k >= cap - n) break;
        n += (size_t)k;
    }
}

static int same_words(const ent_phrase *a, const ent_phrase *b) {
    if (a->n_words != b->n_words) return 0;
    for (int i = 0; i < a->n_words; i++)
        if (a->words[i] != b->words[i]) return 0;
    return 1;
}

/* A code a pattern or verb may carry: "---", or a code CAMEO has. */
static int code_ok(const char *code) {
    if (!code || !strcmp(code, "---")) return 1;
    const ent_cameo *c = ent_cameo_find(code);
    return c && !strcmp(c->code, code);
}

static int lint_codes(const ent_dict *d, ent_diags *dg) {
    int found = 0;
    for (size_t i = 0; i < d->patterns.len; i++) {
        const ent_pattern *p = ENT_PATTERN(d, i);
        const char *codes[2] = {p->code, p->code2};
        for (int k = 0; k < 2; k++)
            if (!code_ok(codes[k])) {
                ent_diag(dg, p->file, p->line, "event code %s is not a CAMEO code: %s", codes[k],
                         p->text);
                found++;
            }
    }
    for (size_t i = 0; i < d->verbs.len; i++) {
        const ent_verb *v = ENT_VERB(d, i);
        const char *codes[2] = {v->code, v->code2};
        for (int k = 0; k < 2; k++)
            if (!code_ok(codes[k])) {
                ent_diag(dg, v->file, v->line, "event code %s of verb %s is not a CAMEO code",
                         codes[k], v->lemma);
                found++;
            }
    }
    return found;
}

static int lint_actor_phrases(const ent_dict *d, ent_diags *dg) {
    int found = 0;
    const ent_phrase_index *ix = &d->actor_ix;
    char text[512];
    for (int32_t i = 0; i < ix->n_phrases; i++) {
        const ent_phrase *a = &ix->phrases[i];
        for (int32_t j = i + 1; j < ix->n_phrases; j++) {
            const ent_phrase *b = &ix->phrases[j];
            if (b->words[0] != a->words[0] || b->n_words != a->n_words) break;
            if (!same_words(a, b) || a->value == b->value) continue;
            const ent_actor *x = ENT_ACTOR(d, a->value), *y = ENT_ACTOR(d, b->value);
            phrase_text(d, a, text, sizeof text);
            ent_diag(dg, y->file, y->line,
                     "\"%s\" names actor %s here and actor %s at %s:%d; only the first is found",
                     text, y->name, x->name, x->file, x->line);
            found++;
        }
    }
    /* a phrase that is both an actor and an agent: the actor always wins */
    const ent_phrase_index *gx = &d->agent_ix;
    for (int32_t i = 0; i < gx->n_phrases; i++) {
        const ent_phrase *g = &gx->phrases[i];
        ent_wid w = g->words[0];
        if (!ix->start || w >= d->n_words) continue;
        for (int32_t j = ix->start[w]; j < ix->start[w + 1]; j++) {
            if (!same_words(g, &ix->phrases[j])) continue;
            const ent_agent *ag = ENT_AGENT(d, g->value);
            const ent_actor *ac = ENT_ACTOR(d, ix->phrases[j].value);
            phrase_text(d, g, text, sizeof text);
            ent_diag(dg, ag->file, ag->line, "\"%s\" is an agent here and actor %s at %s:%d", text,
                     ac->name, ac->file, ac->line);
            found++;
            break;
        }
    }
    return found;
}

static int lint_dates(const ent_dict *d, ent_diags *dg) {
    int found = 0;
    for (size_t i = 0; i < d->actors.len; i++) {
        const ent_actor *a = ENT_ACTOR(d, i);
        for (int x = 0; x < a->n_codes; x++)
            for (int y = x + 1; y < a->n_codes; y++) {
                const ent_actor_code *p = &a->codes[x], *q = &a->codes[y];
                if (!p->dated || !q->dated) continue;
                if (p->from <= q->to && q->from <= p->to) {
                    ent_diag(dg, a->file, a->line,
                             "actor %s: dates of [%s %d-%d] and [%s %d-%d] overlap", a->name,
                             p->code, p->from, p->to, q->code, q->from, q->to);
                    found++;
                }
            }
    }
    return found;
}

static uint64_t elems_hash(const ent_pelem *e, int n, uint64_t h) {
    for (int i = 0; i < n; i++) {
        h ^= (uint64_t)e[i].kind | ((uint64_t)e[i].adjacent << 8) | ((uint64_t)(uint32_t)e[i].id << 16);
        h *= 1099511628211ull;
    }
    return h;
}

static int same_elems(const ent_pelem *a, const ent_pelem *b, int n) {
    for (int i = 0; i < n; i++)
        if (a[i].kind != b[i].kind || a[i].adjacent != b[i].adjacent || a[i].id != b[i].id) return 0;
    return 1;
}

typedef struct phash {
    uint64_t h;
    int32_t i;
} phash;

static int phash_cmp(const void *a, const void *b) {
    const phash *x = a, *y = b;
    if (x->h != y->h) return x->h < y->h ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int lint_patterns(const ent_dict *d, ent_diags *dg) {
    int found = 0;
    for (size_t b = 0; b < d->blocks.len; b++) {
        const ent_verb_block *blk = ENT_BLOCK(d, b);
        if (blk->n_patterns < 2) continue;
        phash *hs = malloc((size_t)blk->n_patterns * sizeof *hs);
        if (!hs) return found;
        for (int32_t k = 0; k < blk->n_patterns; k++) {
            const ent_pattern *p = ENT_PATTERN(d, blk->first_pattern + k);
            uint64_t h = elems_hash(p->pre, p->n_pre, 1469598103934665603ull ^ (uint64_t)p->n_pre);
            hs[k].h = elems_hash(p->post, p->n_post, h ^ ((uint64_t)p->n_post << 32));
            hs[k].i = blk->first_pattern + k;
        }
        qsort(hs, (size_t)blk->n_patterns, sizeof *hs, phash_cmp);
        for (int32_t k = 1; k < blk->n_patterns; k++) {
            if (hs[k].h != hs[k - 1].h) continue;
            /* the earliest of a run of equal hashes is the one that wins */
            int32_t first = k - 1;
            while (first > 0 && hs[first - 1].h == hs[k].h) first--;
            const ent_pattern *p = ENT_PATTERN(d, hs[first].i), *q = ENT_PATTERN(d, hs[k].i);
            if (p->n_pre != q->n_pre || p->n_post != q->n_post || !same_elems(p->pre, q->pre, p->n_pre) ||
                !same_elems(p->post, q->post, p->n_post))
                continue;
            ent_diag(dg, q->file, q->line,
                     "pattern can never match: %s:%d has the same elements in block %s (%s)", p->file,
                     p->line, blk->name, q->text);
            found++;
        }
        free(hs);
    }
    return found;
}

int ent_dict_lint(const ent_dict *d, ent_diags *dg) {
    return lint_codes(d, dg) + lint_actor_phrases(d, dg) + lint_dates(d, dg) + lint_patterns(d, dg);
}

/* ---- Lookup ----------------------------------------------------------------- */

static const ent_phrase *longest_at(const ent_dict *d, const ent_phrase_index *ix, const ent_wid *w,
                                    int n, int k) {
    if (w[k] <= 0 || !ix->start || w[k] >= d->n_words) return NULL;
    for (int32_t i = ix->start[w[k]]; i < ix->start[w[k] + 1]; i++) {
        const ent_phrase *p = &ix->phrases[i];
        if (p->n_words > n - k) continue;
        int ok = 1;
        for (int j = 1; j < p->n_words && ok; j++) ok = p->words[j] == w[k + j];
        if (ok) return p;
    }
    return NULL;
}

static void print_range(FILE *out, const ent_actor_code *c) {
    if (!c->dated) fprintf(out, "undated");
    else if (c->from <= ENT_DATE_MIN) fprintf(out, "until %d", c->to);
    else if (c->to >= ENT_DATE_MAX) fprintf(out, "from %d", c->from);
    else fprintf(out, "%d-%d", c->from, c->to);
}

int ent_dict_lookup(const ent_dict *d, const char *phrase, int32_t date, FILE *out) {
    enum { MAXW = 64 };
    ent_wid w[MAXW];
    char words[MAXW][128];
    int n = 0;
    for (const char *s = phrase; *s && n < MAXW;) {
        while (*s == ' ' || *s == '_' || *s == '\t') s++;
        if (!*s) break;
        size_t k = 0;
        while (s[k] && s[k] != ' ' && s[k] != '_' && s[k] != '\t') k++;
        ent_upper(words[n], sizeof words[n], s, k);
        /* "Iran's" is the tokens IRAN and 'S */
        char *ap = strstr(words[n], "'S");
        if (ap && ap != words[n] && ap[2] == '\0' && n + 1 < MAXW) {
            *ap = '\0';
            w[n] = ent_dict_word(d, words[n], strlen(words[n]));
            n++;
            strcpy(words[n], "'S");
        }
        w[n] = ent_dict_word(d, words[n], strlen(words[n]));
        n++;
        s += k;
    }
    int found = 0;
    for (int k = 0; k < n;) {
        const ent_phrase *a = longest_at(d, &d->actor_ix, w, n, k);
        const ent_phrase *g = longest_at(d, &d->agent_ix, w, n, k);
        if (a && (!g || a->n_words >= g->n_words)) {
            const ent_actor *ac = ENT_ACTOR(d, a->value);
            char text[512];
            phrase_text(d, a, text, sizeof text);
            fprintf(out, "actor \"%s\": %s (%s:%d)\n", text, ac->name, ac->file, ac->line);
            const char *applies = ent_actor_code_on(ac, date, 0);
            for (int i = 0; i < ac->n_codes; i++) {
                const ent_actor_code *c = &ac->codes[i];
                fprintf(out, "  [%s ", c->code);
                print_range(out, c);
                fprintf(out, "]%s\n", c->code == applies ? "  <- applies" : "");
            }
            if (!applies) fprintf(out, "  no code applies on %d\n", date);
            found++;
            k += a->n_words;
        } else if (g) {
            const ent_agent *ag = ENT_AGENT(d, g->value);
            char text[512];
            phrase_text(d, g, text, sizeof text);
            fprintf(out, "agent \"%s\": %s%s%s (%s:%d)\n", text, ag->prefix ? "" : "~", ag->code,
                    ag->prefix ? "~" : "", ag->file, ag->line);
            found++;
            k += g->n_words;
        } else {
            /* a verb form? */
            int verb = 0;
            if (w[k] > 0 && d->form_start && w[k] < d->n_words)
                for (int32_t i = d->form_start[w[k]]; i < d->form_start[w[k] + 1]; i++) {
                    const ent_verb_form *f = ENT_FORM(d, d->form_order[i]);
                    if (f->n_words != 1) continue;
                    const ent_verb *v = ENT_VERB(d, f->verb);
                    const ent_verb_block *b = ENT_BLOCK(d, v->block);
                    fprintf(out, "verb \"%s\": %s in block %s, code %s, %d patterns (%s:%d)\n",
                            words[k], v->lemma, b->name, v->code ? v->code : "---", b->n_patterns,
                            v->file, v->line);
                    verb = 1;
                    found++;
                    break;
                }
            if (!verb)
                fprintf(out, "\"%s\": %s\n", words[k],
                        w[k] > 0 ? "in the dictionaries, but starts no actor or agent here"
                                 : "in no dictionary");
            k++;
        }
    }
    return found;
}
