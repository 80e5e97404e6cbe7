/* test_places.c -- event places: the reader's rules, one sentence each,
 * then the gold set tests/places/places.jsonl (its conventions:
 * tests/places/README.md).  Each sentence is parsed by the built-in
 * pipeline and coded; the place of the event on the gold word is the
 * coder's when it codes one there, else the reader's for that word.
 * Prints every miss, then place precision and recall and how often a
 * place's words became an event's target, and asserts the floors. */
#include "testutil.h"

#include <json-c/json.h>
#include <math.h>

#include "coder.h"
#include "dict.h"
#include "pipeline.h"
#include "place.h"

#define FLOOR_PRECISION 0.85
#define FLOOR_RECALL 0.85
/* A thing acted on in a place ("struck port facilities in Odesa") is
 * coded as the place's state's, as the wire gold sets code it; those
 * count as leaks here, so the ceiling holds today's share, not none. */
#define CEILING_LEAK 0.25

typedef struct fixture {
    ent_diags dg;
    ent_dict *dict;
    ent_pipeline *p;
    ent_coder *c;
    ent_tree t;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    ent_diags_init(&f->dg, stderr, 0);
    f->dict = ent_dict_load(access("dict/PETR_config.ini", R_OK) == 0 ? "dict" : "../dict", &f->dg);
    if (!f->dict) return -1;
    f->p = ent_pipeline_new(f->dict, &f->dict->options);
    f->c = ent_coder_new(f->dict, &f->dict->options);
    if (!f->p || !f->c) return -1;
    ent_tree_init(&f->t);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    ent_tree_free(&f->t);
    ent_coder_free(f->c);
    ent_pipeline_free(f->p);
    ent_dict_free(f->dict);
    ent_diags_free(&f->dg);
    free(f);
    return 0;
}

/* The place the coder gives the event on the first token spelled `word`
 * (*coded set), else the reader's for that token; *tgt_b and *tgt_e the
 * coded event's target span (-1 when none). */
static ent_place place_of(fixture *f, const char *text, const char *word, int *coded, int32_t *tgt_b,
                          int32_t *tgt_e) {
    assert_int_equal(ent_pipeline_parse_text(f->p, text, (int32_t)strlen(text), &f->t), 0);
    int32_t v = -1;
    for (int32_t i = 0; i < f->t.n_tokens && v < 0; i++)
        if (!strcmp(f->t.tokens[i].text, word)) v = i;
    if (v < 0) fail_msg("no word '%s' in %s", word, text);
    ent_place_expr xs[ENT_PLACE_MAX];
    int n = ent_place_find(&f->t, NULL, 0, xs, ENT_PLACE_MAX);
    ent_place got = ent_place_pick(&f->t, xs, n, v);
    const ent_event *ev;
    int nev;
    *coded = 0;
    *tgt_b = *tgt_e = -1;
    assert_true(ent_coder_code(f->c, &f->t, 20240304, &ev, &nev) >= 0);
    for (int e = 0; e < nev; e++) {
        if (ev[e].verb_tok != v) continue;
        *coded = 1;
        *tgt_b = ev[e].tgt_begin, *tgt_e = ev[e].tgt_end;
        return ev[e].where;
    }
    return got;
}

static const ent_gaz_place *place_in(fixture *f, const char *text, const char *word) {
    int coded;
    int32_t b, e;
    return ent_place_get(place_of(f, text, word, &coded, &b, &e).place);
}

static void test_rules(void **state) {
    fixture *f = *state;
    const ent_gaz_place *g = place_in(f, "Rebels attacked a convoy near Goma.", "attacked");
    assert_non_null(g);
    assert_string_equal(g->country, "COD");
    assert_int_equal(g->kind, ENT_PLACE_CITY);
    assert_false(isnan(g->lat));
    /* a noun of place with "of", and waters off a coast */
    g = place_in(f, "Police arrested students in the town of Gori.", "arrested");
    assert_non_null(g);
    assert_string_equal(g->name, "Gori");
    g = place_in(f, "Pirates attacked a tanker off the coast of Yemen.", "attacked");
    assert_non_null(g);
    assert_string_equal(g->country, "YEM");
    /* one name, several places: population, the sentence's states, a
     * state named after it */
    g = place_in(f, "Militias clashed in Tripoli.", "clashed");
    assert_string_equal(g->country, "LBY");
    g = place_in(f, "Lebanon said militias clashed in Tripoli.", "clashed");
    assert_string_equal(g->country, "LBN");
    g = place_in(f, "Protesters gathered in Paris.", "gathered");
    assert_string_equal(g->country, "FRA");
    g = place_in(f, "Protesters gathered in Paris, Texas.", "gathered");
    assert_string_equal(g->country, "USA");
    assert_string_equal(g->adm1, "US-TX");
    g = place_in(f, "Troops fought in Georgia.", "fought");
    assert_int_equal(g->kind, ENT_PLACE_COUNTRY);
    g = place_in(f, "United States police shot a man in Georgia.", "shot");
    assert_string_equal(g->adm1, "US-GA");
    /* coded: the gunman is GEO only by "in Georgia", which says nothing
     * of which Georgia it is */
    g = place_in(f, "Police officers in the United States killed a gunman in Georgia.", "killed");
    assert_string_equal(g->adm1, "US-GA");
    /* a name the tagger took for an adjective; "into" only a sea */
    g = place_in(f, "Pakistani police arrested hundreds of protesters in Lahore.", "arrested");
    assert_non_null(g);
    assert_string_equal(g->country, "PAK");
    g = place_in(f, "North Korea fired two missiles into the Sea of Japan.", "fired");
    assert_non_null(g);
    assert_int_equal(g->kind, ENT_PLACE_SEA);
    assert_null(place_in(f, "Hamas fired rockets into Israel.", "fired"));
    /* a state's own part is a place; its history is not */
    g = place_in(f, "Rebels attacked a base in Syria's north.", "attacked");
    assert_non_null(g);
    assert_string_equal(g->country, "SYR");
    assert_null(place_in(f, "Thousands marched in the largest protest in Serbia's recent history.",
                         "marched"));
    /* "at" with a possessive or a state is no place; another clause's
     * place is not the event's */
    assert_null(place_in(f, "Turkey welcomed the plan at Sweden's request.", "welcomed"));
    assert_null(place_in(f, "Hezbollah fired rockets at Israel.", "fired"));
    assert_null(place_in(f, "Russia said troops that fought in Syria attacked Ukraine.", "attacked"));
    /* lookups */
    int32_t ids[8];
    int n = ent_place_lookup("red sea", ids, 8), sea = 0;
    for (int k = 0; k < n && k < 8; k++) sea |= ent_place_get(ids[k])->kind == ENT_PLACE_SEA;
    assert_true(sea);
    assert_int_equal(ent_place_lookup("Nowhere Such", ids, 8), 0);
    assert_string_equal(ent_place_alpha2("UKR"), "UA");
    assert_string_equal(ent_place_alpha2("ZZZ"), "");
    assert_string_equal(ent_place_kind_name(ENT_PLACE_CITY), "city");
}

static const char *gold_path(void) {
    static const char *cands[] = {"tests/places/places.jsonl", "../tests/places/places.jsonl", NULL};
    for (int i = 0; cands[i]; i++)
        if (access(cands[i], R_OK) == 0) return cands[i];
    return NULL;
}

/* A string member, or NULL when it is null; fails on a missing one. */
static const char *member(json_object *o, const char *key) {
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v))
        fail_msg("gold record without \"%s\": %s", key, json_object_to_json_string(o));
    return v ? json_object_get_string(v) : NULL;
}

/* Is place i one the gazetteer names `name` (diacritics or not)? */
static int same_place(int32_t i, const char *name) {
    int32_t ids[64];
    int n = ent_place_lookup(name, ids, 64);
    for (int k = 0; k < n && k < 64; k++)
        if (ids[k] == i) return 1;
    return 0;
}

static void test_places_meet_the_floors(void **state) {
    fixture *f = *state;
    const char *path = gold_path();
    assert_non_null(path);
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    int records = 0, gold = 0, found = 0, right = 0, kind_right = 0, coded = 0, leaks = 0;
    char line[4096];
    while (fgets(line, sizeof line, in)) {
        if (line[0] == '\n' || line[0] == '#') continue;
        json_object *o = json_tokener_parse(line);
        if (!o) fail_msg("%s: not JSON: %s", path, line);
        const char *id = member(o, "id"), *text = member(o, "text"), *word = member(o, "event");
        const char *name = member(o, "place_name"), *cc = member(o, "country");
        const char *kind = member(o, "kind");
        int was_coded;
        int32_t tb, te;
        ent_place p = place_of(f, text, word, &was_coded, &tb, &te);
        const ent_gaz_place *g = ent_place_get(p.place);
        records++;
        gold += name != NULL;
        found += g != NULL;
        int ok = g && name && same_place(p.place, name) && !strcmp(g->country, cc ? cc : "");
        right += ok;
        kind_right += ok && kind && !strcmp(ent_place_kind_name(g->kind), kind);
        /* a place's words made the target: the target lies in the name */
        int leak = 0;
        if (name && was_coded) {
            coded++;
            if (p.name_begin >= 0 && tb >= p.name_begin && te <= p.name_end && te > tb) leak = 1;
            for (int32_t i = tb; i >= 0 && i < te && !leak; i++)
                leak = !strcmp(f->t.tokens[i].text, name) && te - tb <= 2;
            leaks += leak;
        }
        if (!ok && (g || name))
            printf("place miss %s: expected %s (%s), got %s (%s)\n  %s\n", id, name ? name : "none",
                   cc ? cc : "", g ? g->name : "none", g ? g->country : "", text);
        if (leak) printf("place leak %s: the target is the place\n  %s\n", id, text);
        json_object_put(o);
    }
    fclose(in);
    double prec = found ? (double)right / found : 0, rec = gold ? (double)right / gold : 0;
    double leak_rate = coded ? (double)leaks / coded : 0;
    printf("event places (%s): %d sentences, %d with a place; precision %d/%d %.3f, recall %d/%d"
           " %.3f, kind right %d/%d; target leakage %d/%d %.3f\n",
           path, records, gold, right, found, prec, right, gold, rec, kind_right, right, leaks,
           coded, leak_rate);
    assert_true(records >= 150);
    assert_true(gold >= 100);
    assert_true(prec >= FLOOR_PRECISION);
    assert_true(rec >= FLOOR_RECALL);
    assert_true(leak_rate <= CEILING_LEAK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_places_meet_the_floors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
