/* place.c -- event places from locative phrases; see place.h.
 *
 * Like the date finder, a hand-written reader that runs on every coded
 * sentence: a token is passed over after a look at its first letter
 * unless it is a preposition of place, and a name is found by binary
 * search of the sorted keys, a few words at a time.
 */
#include "place.h"

#include <string.h>

/* Longest name, in words, the reader tries. */
#define NAME_WORDS 6
/* Candidates of one name looked at; hints kept from one sentence. */
#define MAX_CANDS 64
#define MAX_HINTS 16
/* What a country named elsewhere in the sentence, or the dateline's, adds
 * to a place's weight (x100); a caller's hint half as much. */
#define HINT 160

typedef struct hint {
    char cc[4];
    int32_t begin, end;   /* the words that gave it; -1 for the dateline */
    int weight;
} hint;

/* Read when a name first needs them: most sentences' names have one
 * place, and the sentence's countries are not looked up for them. */
typedef struct hints {
    hint h[MAX_HINTS];
    int n, ready;
    const ent_tree *t;
    const ent_place_hint *extra;
    int n_extra;
} hints;

/* ---- Words -------------------------------------------------------------------- */

static const char *up(const ent_tree *t, int32_t i) {
    return i >= 0 && i < t->n_tokens ? t->tokens[i].upper : "";
}

static int is(const ent_tree *t, int32_t i, const char *w) { return !strcmp(up(t, i), w); }

static int in_list(const char *u, const char *const *words) {
    for (; *words; words++)
        if (u[0] == (*words)[0] && !strcmp(u, *words)) return 1;
    return 0;
}

/* A name starts with a capital (or a letter outside ASCII, "Åland"). */
static int capitalised(const ent_tree *t, int32_t i) {
    unsigned char c = i >= 0 && i < t->n_tokens ? (unsigned char)t->tokens[i].text[0] : 0;
    return (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

static int lowercase(const ent_tree *t, int32_t i) {
    char c = i >= 0 && i < t->n_tokens ? t->tokens[i].text[0] : '\0';
    return c >= 'a' && c <= 'z';
}

/* Nouns that name a kind of place: "the town of Gori", "the Kharkiv
 * region". */
static int place_noun(const char *u) {
    static const char *const w[] = {
        "CITY", "TOWN", "VILLAGE", "CAPITAL", "PROVINCE", "REGION", "DISTRICT", "PORT",
        "COAST", "OUTSKIRTS", "AREA", "STATE", "COUNTY", "GOVERNORATE", "OBLAST", "ISLAND",
        "ISLANDS", "ENCLAVE", "TERRITORY", "SUBURB", "SUBURBS", "NEIGHBOURHOOD", "NEIGHBORHOOD",
        "WATERS", "SHORES", "SHORE", "STREETS", "CENTRE", "CENTER", "HEART", "PROVINCES",
        "REGIONS", "AREAS", "VILLAGES", "TOWNS", "CITIES", "SETTLEMENT", "HARBOUR", "HARBOR",
        "STRAIT", "VICINITY", NULL};
    return in_list(u, w);
}

/* Is u a compass point ("NORTH", "SOUTHWEST")? */
static int compass(const char *u) {
    const char *r = !strncmp(u, "NORTH", 5) || !strncmp(u, "SOUTH", 5) ? u + 5 : u;
    if (r != u && !r[0]) return 1;
    return !strcmp(r, "EAST") || !strcmp(r, "WEST");
}

static int eq(const char *a, const char *b) { return !strcmp(a, b); }

/* "in", "near", "off the coast of", "20 km north of": the tokens of the
 * preposition at i, 0 when none starts there.  Called on every token of
 * a coded sentence: its first letter turns most away. */
static int32_t preposition(const ent_tree *t, int32_t i) {
    const char *u = up(t, i);
    int32_t n = 0;
    switch (u[0]) {
    case 'I': n = eq(u, "IN") || eq(u, "INSIDE") || eq(u, "INTO"); break;
    case 'A': n = eq(u, "AT") || eq(u, "ACROSS") || eq(u, "AROUND"); break;
    case 'O': n = eq(u, "OFF") || eq(u, "OUTSIDE") || eq(u, "OVER"); break;
    case 'T': n = eq(u, "THROUGHOUT"); break;
    case 'N': n = eq(u, "NEAR") || eq(u, "NEARBY"); break;
    case 'S': case 'E': case 'W': break;
    default: return 0;
    }
    if (!n && is(t, i + 1, "OF") && compass(u)) n = 2;
    /* "on the outskirts of", "on the shores of" */
    if (!n && eq(u, "ON") && is(t, i + 1, "THE") && place_noun(up(t, i + 2)) && is(t, i + 3, "OF"))
        n = 1;
    if (!n) return 0;
    const char *w = t->tokens[i].text;
    return lowercase(t, i) || eq(w, "In") || eq(w, "Near") || eq(w, "At") || eq(w, "Off") ? n : 0;
}

/* ---- The gazetteer ---------------------------------------------------------- */

/* The first key >= key. */
static int32_t lower_bound(const char *key) {
    int32_t lo = 0, hi = ent_gaz_n_keys;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (strcmp(ent_gaz_keys[mid].key, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The keys equal to key: [*lo, return). */
static int32_t key_range(const char *key, int32_t *lo) {
    int32_t k = *lo = lower_bound(key);
    while (k < ent_gaz_n_keys && !strcmp(ent_gaz_keys[k].key, key)) k++;
    return k;
}

/* Does some key begin with the words key[0..n) (whole words)?  k is the
 * first key >= them. */
static int keys_go_on(int32_t k, const char *key, size_t n) {
    if (k >= ent_gaz_n_keys) return 0;
    const char *g = ent_gaz_keys[k].key;
    return !strncmp(g, key, n) && (g[n] == '\0' || g[n] == ' ');
}

/* The longest name at token i (its first word capitalised): its keys
 * [*lo, *hi) and the token after it; 0 when none.  The name grows a word
 * at a time while some key begins with it, so that most capitalised
 * words cost one search. */
static int32_t name_at(const ent_tree *t, int32_t i, int32_t *lo, int32_t *hi) {
    if (!capitalised(t, i)) return 0;
    int32_t last = i + NAME_WORDS < t->n_tokens ? i + NAME_WORDS : t->n_tokens, found = 0;
    char key[256];
    size_t k = 0;
    for (int32_t j = i; j < last; j++) {
        const char *u = t->tokens[j].upper;
        size_t n = strlen(u);
        if (k + n + 2 > sizeof key) break;
        if (j > i) key[k++] = ' ';
        memcpy(key + k, u, n);
        k += n;
        key[k] = '\0';
        int32_t first = lower_bound(key);
        if (!keys_go_on(first, key, k)) break;
        if (!strcmp(ent_gaz_keys[first].key, key)) *hi = key_range(key, lo), found = j + 1;
    }
    return found;
}

/* The largest hint for cc, none from words holding [begin, end). */
static void sentence_hints(hints *hs);

static int hinted(hints *hs, const char *cc, int32_t begin, int32_t end) {
    if (!hs->ready) sentence_hints(hs);
    int w = 0;
    for (int k = 0; k < hs->n; k++) {
        const hint *h = &hs->h[k];
        if (h->begin >= 0 && h->begin < end && h->end > begin) continue;   /* the name itself */
        if (!strcmp(h->cc, cc) && h->weight > w) w = h->weight;
    }
    return w;
}

/* The best place of keys [lo, hi) for the name at [begin, end) (place.h);
 * only those in country `only` when it has one there, and those in
 * subdivision `adm1` first. */
static int32_t resolve(int32_t lo, int32_t hi, hints *hs, int32_t begin, int32_t end,
                       const char *only, const char *adm1) {
    if (hi - lo == 1) return ent_gaz_keys[lo].place;
    int32_t best = -1, best_score = -1;
    int any_only = 0;
    for (int32_t k = lo; k < hi && k < lo + MAX_CANDS && only; k++)
        any_only |= !strcmp(ent_gaz_places[ent_gaz_keys[k].place].country, only);
    for (int32_t k = lo; k < hi && k < lo + MAX_CANDS; k++) {
        const ent_gaz_place *p = &ent_gaz_places[ent_gaz_keys[k].place];
        if (any_only && strcmp(p->country, only)) continue;
        int32_t score = p->weight;
        if (p->country[0]) score += hinted(hs, p->country, begin, end);
        if (adm1 && adm1[0] && !strcmp(p->adm1, adm1)) score += HINT;
        if (score > best_score) best = ent_gaz_keys[k].place, best_score = score;
    }
    return best;
}

static void add_hint(hints *hs, const char *cc, int32_t begin, int32_t end, int weight) {
    if (hs->n >= MAX_HINTS || !cc[0]) return;
    hint *h = &hs->h[hs->n++];
    size_t n = strnlen(cc, sizeof h->cc - 1);
    memcpy(h->cc, cc, n);
    h->cc[n] = '\0';
    h->begin = begin, h->end = end, h->weight = weight;
}

/* Is one of keys [lo, hi) a place below country level in cc ("Paris,
 * Texas"; not "Iran, China")? */
static int has_place_in(int32_t lo, int32_t hi, const char *cc) {
    for (int32_t k = lo; k < hi && k < lo + MAX_CANDS; k++) {
        const ent_gaz_place *p = &ent_gaz_places[ent_gaz_keys[k].place];
        if (p->kind != ENT_PLACE_COUNTRY && !strcmp(p->country, cc)) return 1;
    }
    return 0;
}

/* The countries the sentence names, its dateline's, and the caller's. */
static void sentence_hints(hints *hs) {
    const ent_tree *t = hs->t;
    hs->n = 0;
    hs->ready = 1;
    add_hint(hs, t->home, -1, -1, HINT);
    for (int k = 0; k < hs->n_extra; k++)
        add_hint(hs, hs->extra[k].country, hs->extra[k].begin, hs->extra[k].end, HINT / 2);
    for (int32_t i = 0; i < t->n_tokens && hs->n < MAX_HINTS; i++) {
        int32_t lo, hi, e = name_at(t, i, &lo, &hi);
        if (!e) continue;
        for (int32_t k = lo; k < hi && hs->n < MAX_HINTS; k++) {
            const ent_gaz_place *p = &ent_gaz_places[ent_gaz_keys[k].place];
            if (p->kind != ENT_PLACE_COUNTRY) continue;
            add_hint(hs, p->country, i, e, HINT);
            break;
        }
        i = e - 1;
    }
}

/* ---- Reading a phrase ----------------------------------------------------- */

/* Where the name after a preposition ending at i starts: past "the", a
 * few lowercase words ("southern", "port city"), and "of" after a noun of
 * place; -1 when what follows is no place. */
static int32_t name_start(const ent_tree *t, int32_t i) {
    if (is(t, i, "THE") || is(t, i, "A") || is(t, i, "AN")) i++;
    int32_t k = i, lo, hi;
    /* a capitalised adjective is passed over unless it is a name the
     * gazetteer knows ("in Lahore" tagged JJ) */
    while (k < i + 4 && k < t->n_tokens && !is(t, k, "OF") &&
           (lowercase(t, k) || (!strcmp(t->tokens[k].tag, "JJ") && !name_at(t, k, &lo, &hi)))) {
        const char *tag = t->tokens[k].tag;
        if (tag[0] != 'J' && tag[0] != 'N' && strcmp(tag, "VBN")) return -1;
        k++;
    }
    if (is(t, k, "OF")) return k > i && place_noun(up(t, k - 1)) ? k + 1 : -1;
    return capitalised(t, k) ? k : -1;
}

/* After "Syria's" at token i, a part of the place: a direction or a noun
 * of place, perhaps after adjectives or a name the gazetteer lacks
 * ("Syria's north", "Iraq's capital", "Ukraine's eastern regions",
 * "Ethiopia's Amhara region"), not "Serbia's recent history". */
static int owned_place(const ent_tree *t, int32_t i) {
    for (int32_t k = i; k < i + 3 && k < t->n_tokens; k++) {
        const char *u = up(t, k), *tag = t->tokens[k].tag;
        if (lowercase(t, k) && (place_noun(u) || compass(u))) return 1;
        if (tag[0] != 'J' && strncmp(tag, "NNP", 3)) return 0;
    }
    return 0;
}

/* The phrase at preposition i into x; 0 when there is none. */
static int read_phrase(const ent_tree *t, int32_t i, hints *hs, ent_place_expr *x) {
    int32_t plen = preposition(t, i);
    if (!plen) return 0;
    int32_t nb = name_start(t, i + plen), lo, hi, ne;
    if (nb < 0 || !(ne = name_at(t, nb, &lo, &hi))) return 0;
    const char *only = NULL, *adm1 = NULL;
    int32_t end = ne;
    if (is(t, ne, "'S")) {
        /* "at Kyiv's request" is no place; "in Ukraine's Kharkiv region"
         * is Kharkiv, in Ukraine */
        if (is(t, i, "AT")) return 0;
        int32_t first = resolve(lo, hi, hs, nb, ne, NULL, NULL);
        int32_t nb2 = ne + 1, lo2, hi2, ne2;
        while (nb2 < ne + 3 && lowercase(t, nb2) && t->tokens[nb2].tag[0] == 'J') nb2++;
        if ((ne2 = name_at(t, nb2, &lo2, &hi2))) {
            only = ent_gaz_places[first].country;
            nb = nb2, ne = end = ne2, lo = lo2, hi = hi2;
        } else if (!owned_place(t, ne + 1)) {
            return 0;   /* "the largest protest in Serbia's recent history" */
        }
    } else if (is(t, ne, ",")) {
        /* "Paris, Texas", "Tripoli, Lebanon" */
        int32_t lo2, hi2, ne2 = name_at(t, ne + 1, &lo2, &hi2);
        int32_t q = ne2 ? resolve(lo2, hi2, hs, ne + 1, ne2, NULL, NULL) : -1;
        if (q >= 0 && (ent_gaz_places[q].kind == ENT_PLACE_COUNTRY ||
                       ent_gaz_places[q].kind == ENT_PLACE_ADM1) &&
            has_place_in(lo, hi, ent_gaz_places[q].country)) {
            only = ent_gaz_places[q].country;
            adm1 = ent_gaz_places[q].adm1;
            end = ne2;
        }
    }
    /* "the Kharkiv region" */
    if (end == ne && lowercase(t, ne) && place_noun(up(t, ne))) end = ne + 1;
    x->place = resolve(lo, hi, hs, nb, ne, only, adm1);
    if (x->place < 0) return 0;
    /* "fired rockets at Israel": a state after "at" is aimed at, not
     * where; "over" and "into" are places only of water ("talks over
     * Taiwan", "fired rockets into Israel"; "into the Sea of Japan") */
    if (is(t, i, "AT") && ent_gaz_places[x->place].kind == ENT_PLACE_COUNTRY) return 0;
    if ((is(t, i, "OVER") || is(t, i, "INTO")) && ent_gaz_places[x->place].kind != ENT_PLACE_SEA)
        return 0;
    x->begin = i, x->end = end, x->name_begin = nb, x->name_end = ne;
    x->ambiguous = hi - lo > 1;
    return 1;
}

int ent_place_find(const ent_tree *t, const ent_place_hint *extra, int n_extra,
                   ent_place_expr *out, int cap) {
    int n = 0;
    hints hs = {.n = 0, .ready = 0, .t = t, .extra = extra, .n_extra = n_extra};
    for (int32_t i = 0; i < t->n_tokens && n < cap; i++) {
        if (!preposition(t, i)) continue;
        if (!read_phrase(t, i, &hs, &out[n])) continue;
        i = out[n].end - 1;
        n++;
    }
    return n;
}

/* Does the phrase at preposition i modify a noun ("police officers in
 * the United States killed ...": where the police are, not the act)? */
static int in_noun_phrase(const ent_tree *t, int32_t i) {
    int32_t n = t->tokens[i].node;
    int32_t pp = n >= 0 ? t->nodes[n].parent : -1;
    int32_t up_ = pp >= 0 ? t->nodes[pp].parent : -1;
    return up_ >= 0 && t->nodes[pp].kind == ENT_N_PP && t->nodes[up_].kind == ENT_N_NP;
}

ent_place ent_place_pick(const ent_tree *t, const ent_place_expr *xs, int n, int32_t word) {
    ent_place best = {.place = -1, .begin = -1, .end = -1, .name_begin = -1, .name_end = -1};
    if (word < 0 || word >= t->n_tokens || n <= 0) return best;
    int32_t best_dist = -1, clause = ent_tree_clause_of(t, word);
    for (int k = 0; k < n; k++) {
        const ent_place_expr *x = &xs[k];
        int32_t dist = x->begin > word ? x->begin - word : word >= x->end ? word - x->end + 1 : 0;
        /* the subject's phrase ("police in Texas") only when no other */
        if (x->end <= word && in_noun_phrase(t, x->begin)) dist += t->n_tokens;
        if (best_dist >= 0 && dist >= best_dist) continue;
        if (ent_tree_clause_of(t, x->begin) != clause) continue;
        best = (ent_place){x->place, x->begin, x->end, x->name_begin, x->name_end};
        best_dist = dist;
    }
    return best;
}

const ent_gaz_place *ent_place_get(int32_t i) {
    return i >= 0 && i < ent_gaz_n_places ? &ent_gaz_places[i] : NULL;
}

int ent_place_lookup(const char *name, int32_t *out, int cap) {
    char key[256];
    size_t k = 0;
    int space = 0;
    for (const char *p = name; *p && k + 2 < sizeof key; p++) {
        if (*p == ' ' || *p == '\t') {
            space = k > 0;
            continue;
        }
        if (space) key[k++] = ' ', space = 0;
        key[k++] = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
    }
    key[k] = '\0';
    int32_t lo, hi = key_range(key, &lo);
    for (int32_t j = lo; j < hi && j - lo < cap; j++) out[j - lo] = ent_gaz_keys[j].place;
    return (int)(hi - lo);
}

const char *ent_place_kind_name(int kind) {
    static const char *const names[] = {"", "country", "adm1", "region", "city", "sea"};
    return kind >= 0 && kind <= ENT_PLACE_SEA ? names[kind] : "";
}

static const ent_gaz_country *country_entry(const char *alpha3) {
    int32_t lo = 0, hi = ent_gaz_n_countries;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ent_gaz_countries[mid].alpha3, alpha3 ? alpha3 : "");
        if (!c) return &ent_gaz_countries[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const char *ent_place_alpha2(const char *alpha3) {
    const ent_gaz_country *c = country_entry(alpha3);
    return c ? c->alpha2 : "";
}

const ent_gaz_place *ent_place_country(const char *alpha3) {
    const ent_gaz_country *c = country_entry(alpha3);
    return c ? ent_place_get(c->place) : NULL;
}
