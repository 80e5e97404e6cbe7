/* dict.c -- the dictionary core: word interning, phrase building, options,
 * and the freeze step that turns what the loaders built into read-only
 * indexes.
 *
 * Design: loaders only append (words to the strmap, phrases to a pending
 * vector, patterns and forms to their vectors), so loading stays linear.
 * All ordering work happens once in ent_dict_freeze with counting sorts
 * keyed by word id / length / block: these are stable by construction, so
 * "file order breaks ties" needs no extra key, and the cost is
 * O(items + words) rather than O(n log n) comparisons through qsort.
 * Every array the coder reads after freeze lives in the dict's arena and
 * nothing is written after `frozen` is set, so threads share it lock-free.
 */
#include "dict.h"

#include "combine.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Options ------------------------------------------------------------- */

void ent_options_default(ent_options *o) {
    o->require_dyad = 1;
    o->new_actor_length = 0;
    o->comma_min = 2;
    o->comma_max = 8;
    o->comma_bmin = 0;
    o->comma_bmax = 0;
    o->comma_emin = 2;
    o->comma_emax = 8;
    o->null_actors = 0;
    o->null_verbs = 0;
    o->code_issues = 1;
    o->code_nested = 0;
    o->infer_agent_country = 0;
    o->code_all_clauses = 0;
    o->code_nominal = 1;
}

/* "true"/"false" (any case) or a decimal integer; -1 when neither. */
static int parse_option_value(const char *v, int *out) {
    if (!v) return -1;
    if (strcasecmp(v, "true") == 0) { *out = 1; return 0; }
    if (strcasecmp(v, "false") == 0) { *out = 0; return 0; }
    const char *p = v;
    if (*p == '-' || *p == '+') p++;
    if (!isdigit((unsigned char)*p)) return -1;
    long n = 0;
    for (; isdigit((unsigned char)*p); p++) {
        n = n * 10 + (*p - '0');
        if (n > 1000000) return -1; /* no option needs more; keeps int safe */
    }
    if (*p) return -1;
    *out = (int)(v[0] == '-' ? -n : n);
    return 0;
}

int ent_options_set(ent_options *o, const char *name, const char *value) {
    static const struct { const char *name; size_t off; } opts[] = {
        {"require_dyad", offsetof(ent_options, require_dyad)},
        {"new_actor_length", offsetof(ent_options, new_actor_length)},
        {"comma_min", offsetof(ent_options, comma_min)},
        {"comma_max", offsetof(ent_options, comma_max)},
        {"comma_bmin", offsetof(ent_options, comma_bmin)},
        {"comma_bmax", offsetof(ent_options, comma_bmax)},
        {"comma_emin", offsetof(ent_options, comma_emin)},
        {"comma_emax", offsetof(ent_options, comma_emax)},
        {"null_actors", offsetof(ent_options, null_actors)},
        {"null_verbs", offsetof(ent_options, null_verbs)},
        {"code_issues", offsetof(ent_options, code_issues)},
        {"code_nested_clauses", offsetof(ent_options, code_nested)},
        {"infer_agent_country", offsetof(ent_options, infer_agent_country)},
        {"code_all_clauses", offsetof(ent_options, code_all_clauses)},
        {"code_nominal_events", offsetof(ent_options, code_nominal)},
    };
    if (!name) return -1;
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        if (strcasecmp(name, opts[i].name) != 0) continue;
        int v;
        if (parse_option_value(value, &v) < 0) return -1;
        *(int *)((char *)o + opts[i].off) = v;
        return 0;
    }
    return -1;
}

/* ---- Files and identity ------------------------------------------------- */

/* FNV-1a 64: the identity only has to tell dictionary sets apart for a
 * store, not resist an adversary, and it folds in at memory speed. */
#define FNV64_INIT 0xcbf29ce484222325ull

static uint64_t fnv64(uint64_t h, const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

char *ent_dict_read_file(ent_dict *d, const char *path, size_t *len, ent_diags *diags) {
    size_t n = 0;
    char *buf = ent_read_file(path, &n);
    if (!buf) {
        ent_diag(diags, path, 0, "cannot read: %s", ent_strerror(errno));
        return NULL;
    }
    d->identity = fnv64(d->identity, (const unsigned char *)buf, n);
    /* A NUL would end every string made from the line and hide the rest
     * of the entry; refuse the file and say where. */
    const char *nul = memchr(buf, '\0', n);
    if (nul) {
        long line = 1;
        for (const char *p = buf; p < nul; p++) line += *p == '\n';
        ent_diag(diags, path, line, "NUL byte in a dictionary file");
        free(buf);
        return NULL;
    }
    /* Old Mac files end lines with CR alone; the loaders split on LF (a CR
     * before it is trimmed), so a lone CR becomes LF rather than letting the
     * whole file read as one line. */
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\r' && (i + 1 == n || buf[i + 1] != '\n')) buf[i] = '\n';
    if (len) *len = n;
    return buf;
}

/* ---- Building ------------------------------------------------------------ */

static void phrase_index_init(ent_phrase_index *ix) {
    memset(ix, 0, sizeof *ix);
    ent_vec_init(&ix->pending, sizeof(ent_phrase));
}

int ent_dict_init(ent_dict *d) {
    memset(d, 0, sizeof *d);
    /* Large blocks: the Phoenix set puts a few MB here, and fewer blocks
     * mean fewer mallocs during load. */
    ent_arena_init(&d->arena, 1024 * 1024);
    ent_vec_init(&d->word_text, sizeof(const char *));
    ent_vec_init(&d->actors, sizeof(ent_actor));
    ent_vec_init(&d->agents, sizeof(ent_agent));
    ent_vec_init(&d->verbs, sizeof(ent_verb));
    ent_vec_init(&d->blocks, sizeof(ent_verb_block));
    ent_vec_init(&d->patterns, sizeof(ent_pattern));
    ent_vec_init(&d->forms, sizeof(ent_verb_form));
    ent_vec_init(&d->synsets, sizeof(ent_synset));
    ent_vec_init(&d->issues, sizeof(ent_issue));
    ent_vec_init(&d->nouns, sizeof(ent_noun));
    phrase_index_init(&d->noun_ix);
    ent_vec_init(&d->transforms, sizeof(ent_transform));
    phrase_index_init(&d->actor_ix);
    phrase_index_init(&d->agent_ix);
    phrase_index_init(&d->synset_ix);
    phrase_index_init(&d->discard_ix);
    phrase_index_init(&d->issue_ix);
    ent_options_default(&d->options);
    if (ent_strmap_init(&d->words, 4096) < 0) return -1;
    if (ent_strmap_init(&d->synset_names, 64) < 0) {
        ent_strmap_free(&d->words);
        return -1;
    }
    /* wid 0 means "in no dictionary"; give it an empty text. */
    const char **slot = ent_vec_push(&d->word_text);
    if (!slot) {
        ent_strmap_free(&d->words);
        ent_strmap_free(&d->synset_names);
        return -1;
    }
    *slot = "";
    d->n_words = 1;
    d->identity = FNV64_INIT;
    return 0;
}

ent_wid ent_dict_intern(ent_dict *d, const char *word, size_t len) {
    if (d->frozen || len == 0 || d->n_words == INT32_MAX) return -1;
    int32_t w = ent_strmap_intern(&d->words, word, len, d->n_words);
    if (w < 0) return -1;
    if (w == d->n_words) {
        /* New word: remember its text for ent_dict_word_text. */
        const char **slot = ent_vec_push(&d->word_text);
        char *text = ent_arena_strndup(&d->arena, word, len);
        if (!slot || !text) return -1;
        *slot = text;
        d->n_words++;
    }
    return w;
}

static int is_phrase_sep(char c) {
    return c == ' ' || c == '_' || c == '\t' || c == '\r' || c == '\n';
}

int ent_dict_phrase(ent_dict *d, const char *text, size_t len, ent_wid *out, int cap) {
    int n = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && is_phrase_sep(text[i])) i++;
        if (i >= len) break;
        size_t s = i;
        int lower = 0;
        while (i < len && !is_phrase_sep(text[i])) {
            if (islower((unsigned char)text[i])) lower = 1;
            i++;
        }
        if (n >= cap) return -1;
        size_t wl = i - s;
        ent_wid w;
        if (!lower) {
            w = ent_dict_intern(d, text + s, wl);
        } else {
            /* Rare: dictionaries are mostly upper case already, so only
             * mixed-case words pay for a copy. */
            char small[256];
            char *buf = wl < sizeof small ? small : malloc(wl + 1);
            if (!buf) return -1;
            ent_upper(buf, wl + 1, text + s, wl);
            w = ent_dict_intern(d, buf, wl);
            if (buf != small) free(buf);
        }
        if (w < 0) return -1;
        out[n++] = w;
    }
    return n;
}

int ent_phrase_add(ent_dict *d, ent_phrase_index *ix, const ent_wid *w, int n,
                   int32_t value, int32_t flags) {
    if (d->frozen || n <= 0 || !w) return -1;
    for (int i = 0; i < n; i++)
        if (w[i] <= 0 || w[i] >= d->n_words) return -1; /* freeze indexes by wid */
    ent_wid *copy = ent_arena_alloc(&d->arena, (size_t)n * sizeof *copy);
    if (!copy) return -1;
    memcpy(copy, w, (size_t)n * sizeof *copy);
    ent_phrase *p = ent_vec_push(&ix->pending);
    if (!p) return -1;
    p->words = copy;
    p->n_words = n;
    p->second = n > 1 ? w[1] : 0;
    p->value = value;
    p->flags = flags;
    return 0;
}

/* ---- Freeze ---------------------------------------------------------------- */

/* Sort an index's pending phrases by (first word, length desc, insertion
 * order) as two stable counting sorts: by length first, then by first
 * word (least significant key first). */
static int freeze_index(ent_dict *d, ent_phrase_index *ix) {
    size_t n = ix->pending.len;
    ent_phrase *in = ix->pending.items;
    int32_t nw = d->n_words;
    ix->start = ent_arena_calloc(&d->arena, (size_t)(nw + 2) * sizeof *ix->start);
    if (!ix->start) return -1;
    ix->phrases = NULL;
    ix->n_phrases = (int32_t)n;
    if (n == 0) {
        ent_vec_free(&ix->pending);
        return 0;
    }
    int32_t maxlen = 0;
    for (size_t i = 0; i < n; i++)
        if (in[i].n_words > maxlen) maxlen = in[i].n_words;

    ent_phrase *tmp = malloc(n * sizeof *tmp);
    int32_t *cnt = calloc((size_t)(maxlen > nw ? maxlen : nw) + 2, sizeof *cnt);
    ent_phrase *outp = ent_arena_alloc(&d->arena, n * sizeof *outp);
    if (!tmp || !cnt || !outp) {
        free(tmp);
        free(cnt);
        return -1;
    }
    /* Pass 1: length descending.  Bucket k holds length maxlen - k. */
    for (size_t i = 0; i < n; i++) cnt[maxlen - in[i].n_words + 1]++;
    for (int32_t k = 1; k <= maxlen + 1; k++) cnt[k] += cnt[k - 1];
    for (size_t i = 0; i < n; i++) tmp[cnt[maxlen - in[i].n_words]++] = in[i];
    /* Pass 2: first word ascending; the counts become start[]. */
    memset(cnt, 0, ((size_t)(maxlen > nw ? maxlen : nw) + 2) * sizeof *cnt);
    for (size_t i = 0; i < n; i++) ix->start[tmp[i].words[0] + 1]++;
    for (int32_t w = 1; w <= nw + 1; w++) ix->start[w] += ix->start[w - 1];
    for (size_t i = 0; i < n; i++) {
        int32_t w = tmp[i].words[0];
        outp[ix->start[w] + cnt[w]++] = tmp[i];
    }
    free(tmp);
    free(cnt);
    ix->phrases = outp;
    ent_vec_free(&ix->pending);
    return 0;
}

/* Group patterns by block, keeping file order inside each block.  Patterns
 * whose block is out of range (a loader bug or a pattern before any block)
 * go last, in file order, and belong to no block. */
static int freeze_patterns(ent_dict *d) {
    size_t n = d->patterns.len, nb = d->blocks.len;
    for (size_t b = 0; b < nb; b++) {
        ENT_BLOCK(d, b)->first_pattern = 0;
        ENT_BLOCK(d, b)->n_patterns = 0;
    }
    if (n == 0) return 0;
    int32_t *cnt = calloc(nb + 2, sizeof *cnt);
    ent_pattern *out = malloc(n * sizeof *out);
    if (!cnt || !out) {
        free(cnt);
        free(out);
        return -1;
    }
    ent_pattern *in = d->patterns.items;
    for (size_t i = 0; i < n; i++) {
        size_t b = in[i].block >= 0 && (size_t)in[i].block < nb ? (size_t)in[i].block : nb;
        cnt[b + 1]++;
    }
    for (size_t b = 1; b <= nb + 1; b++) cnt[b] += cnt[b - 1];
    for (size_t b = 0; b < nb; b++) {
        ENT_BLOCK(d, b)->first_pattern = cnt[b];
        ENT_BLOCK(d, b)->n_patterns = cnt[b + 1] - cnt[b];
    }
    for (size_t i = 0; i < n; i++) {
        size_t b = in[i].block >= 0 && (size_t)in[i].block < nb ? (size_t)in[i].block : nb;
        out[cnt[b]++] = in[i];
    }
    free(cnt);
    free(d->patterns.items);
    d->patterns.items = out;
    d->patterns.cap = n;
    return 0;
}

static int same_form(const ent_verb_form *a, const ent_verb_form *b) {
    return a->n_words == b->n_words && a->head == b->head &&
           !memcmp(a->words, b->words, (size_t)a->n_words * sizeof *a->words);
}

/* A verb form listed again by a later verb line belongs to that later
 * verb alone, as PETRARCH's reader overwrites a word's entry: without
 * this the first verb would keep the word and the later line (its code,
 * its block's patterns) would never be used.  Works on the index built
 * by freeze_forms, whose buckets keep file order; compacts it in place. */
static void drop_redefined_forms(ent_dict *d) {
    int32_t out = 0, start = 0;
    for (int32_t w = 0; w <= d->n_words; w++) {
        int32_t end = d->form_start[w + 1];
        for (int32_t i = start; i < end; i++) {
            const ent_verb_form *f = ENT_FORM(d, d->form_order[i]);
            int later = 0;
            for (int32_t j = i + 1; j < end && !later; j++) {
                const ent_verb_form *g = ENT_FORM(d, d->form_order[j]);
                later = g->verb != f->verb && same_form(f, g);
            }
            if (!later) d->form_order[out++] = d->form_order[i];
        }
        start = end;
        d->form_start[w + 1] = out;
    }
}

/* Index verb forms by the word at their head position. */
static int freeze_forms(ent_dict *d) {
    int32_t nw = d->n_words;
    size_t n = d->forms.len;
    d->form_start = ent_arena_calloc(&d->arena, (size_t)(nw + 2) * sizeof *d->form_start);
    d->form_order = ent_arena_alloc(&d->arena, (n ? n : 1) * sizeof *d->form_order);
    int32_t *fill = calloc((size_t)nw + 1, sizeof *fill);
    if (!d->form_start || !d->form_order || !fill) {
        free(fill);
        return -1;
    }
    /* A form without a valid head word cannot be found by any sentence
     * word, so it stays out of the index. */
    for (size_t i = 0; i < n; i++) {
        const ent_verb_form *f = ENT_FORM(d, i);
        if (f->head < 0 || f->head >= f->n_words) continue;
        ent_wid w = f->words[f->head];
        if (w <= 0 || w >= nw) continue;
        d->form_start[w + 1]++;
    }
    for (int32_t w = 1; w <= nw + 1; w++) d->form_start[w] += d->form_start[w - 1];
    for (size_t i = 0; i < n; i++) {
        const ent_verb_form *f = ENT_FORM(d, i);
        if (f->head < 0 || f->head >= f->n_words) continue;
        ent_wid w = f->words[f->head];
        if (w <= 0 || w >= nw) continue;
        d->form_order[d->form_start[w] + fill[w]++] = (int32_t)i;
    }
    free(fill);
    drop_redefined_forms(d);
    return 0;
}

/* The PETRARCH-2 values of the codes of patterns, verbs and
 * transformations: the coder asks them for every verb and nested event,
 * and a code's value depends on nothing else. */
static void freeze_values(ent_dict *d) {
    for (size_t i = 0; i < d->patterns.len; i++) {
        ent_pattern *p = ENT_PATTERN(d, i);
        p->value = ent_combine_value(p->code);
    }
    for (size_t i = 0; i < d->verbs.len; i++) {
        ent_verb *v = ENT_VERB(d, i);
        v->value = ent_combine_value(v->code);
    }
    for (size_t i = 0; i < d->transforms.len; i++) {
        ent_transform *t = &ENT_VEC_AT(&d->transforms, ent_transform, i);
        t->outer_value = ent_combine_value(t->outer_code);
        t->inner_value = t->inner_code ? ent_combine_value(t->inner_code) : -1;
        t->res_value = t->res_code ? ent_combine_value(t->res_code) : 0;
    }
}

int ent_dict_freeze(ent_dict *d) {
    if (d->frozen) return 0;
    ent_phrase_index *ixs[] = {&d->actor_ix, &d->agent_ix, &d->synset_ix,
                               &d->discard_ix, &d->issue_ix, &d->noun_ix};
    for (size_t i = 0; i < sizeof ixs / sizeof ixs[0]; i++)
        if (freeze_index(d, ixs[i]) < 0) return -1;
    if (freeze_patterns(d) < 0 || freeze_forms(d) < 0) return -1;
    if (d->combine_verbs) freeze_values(d);
    d->frozen = 1;
    return 0;
}

void ent_dict_free(ent_dict *d) {
    if (!d) return;
    ent_phrase_index *ixs[] = {&d->actor_ix, &d->agent_ix, &d->synset_ix,
                               &d->discard_ix, &d->issue_ix, &d->noun_ix};
    for (size_t i = 0; i < sizeof ixs / sizeof ixs[0]; i++) ent_vec_free(&ixs[i]->pending);
    ent_vec_free(&d->word_text);
    ent_vec_free(&d->actors);
    ent_vec_free(&d->agents);
    ent_vec_free(&d->verbs);
    ent_vec_free(&d->blocks);
    ent_vec_free(&d->patterns);
    ent_vec_free(&d->forms);
    ent_vec_free(&d->synsets);
    ent_vec_free(&d->issues);
    ent_vec_free(&d->nouns);
    ent_vec_free(&d->transforms);
    ent_strmap_free(&d->words);
    ent_strmap_free(&d->synset_names);
    ent_arena_free(&d->arena); /* also holds d->name */
    int owned = d->owned;
    memset(d, 0, sizeof *d);
    if (owned) free(d);
}

/* ---- Dates ------------------------------------------------------------------ */

int32_t ent_parse_dict_date(const char *s, size_t n) {
    if (!s || (n != 6 && n != 8)) return -1;
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    int32_t y, md = v % 10000;
    if (n == 6) {
        int32_t yy = v / 10000;
        y = yy <= 30 ? 2000 + yy : 1900 + yy;
    } else {
        y = v / 10000;
    }
    int32_t m = md / 100, day = md % 100;
    if (m < 1 || m > 12 || day < 1 || day > 31) return -1;
    return y * 10000 + md;
}

/* ---- Lookups ------------------------------------------------------------------ */

ent_wid ent_dict_word(const ent_dict *d, const char *upper, size_t len) {
    if (len == 0) return 0;
    int32_t w = ent_strmap_get(&d->words, upper, len);
    return w > 0 ? w : 0;
}

const char *ent_dict_word_text(const ent_dict *d, ent_wid w) {
    if (w <= 0 || (size_t)w >= d->word_text.len) return "";
    return ENT_VEC_AT(&d->word_text, const char *, w);
}

const char *ent_actor_dated_code(const ent_actor *a, int32_t date) {
    if (date > 0) {
        for (int32_t i = 0; i < a->n_codes; i++)
            if (a->codes[i].dated && date >= a->codes[i].from && date <= a->codes[i].to) return a->codes[i].code;
        return NULL;
    }
    /* no date: the code that holds now (the open-ended range), not the
     * historical one a date of 0 would fall into ("Moscow" is RUS, not
     * SUN), unless an undated code says what holds whatever the date */
    for (int32_t i = 0; i < a->n_codes; i++)
        if (!a->codes[i].dated) return NULL;
    for (int32_t i = 0; i < a->n_codes; i++)
        if (a->codes[i].dated && a->codes[i].to >= ENT_DATE_MAX) return a->codes[i].code;
    return NULL;
}

const char *ent_actor_code_on(const ent_actor *a, int32_t date, int k) {
    if (!a) return NULL;
    const char *dated = ent_actor_dated_code(a, date);
    if (dated) return dated;
    int seen = 0;
    for (int32_t i = 0; i < a->n_codes; i++) {
        if (a->codes[i].dated) continue;
        if (seen++ == k) return a->codes[i].code;
    }
    return NULL;
}
