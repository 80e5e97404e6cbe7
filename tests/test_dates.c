/* test_dates.c -- event dates against the gold set tests/dates/dates.jsonl
 * (its conventions: tests/dates/README.md).  Each story is parsed with the
 * built-in pipeline and its event word dated as the coder dates it; prints
 * every miss with the expected and the actual date, then the accuracy on
 * explicit dates and overall, and asserts the floors. */
#include "testutil.h"

#include <json-c/json.h>

#include "dict.h"
#include "evdate.h"
#include "pipeline.h"
#include "sink.h"

#define FLOOR_EXPLICIT 0.95
#define FLOOR_OVERALL 0.90

static const char *gold_path(void) {
    static const char *cands[] = {"tests/dates/dates.jsonl", "../tests/dates/dates.jsonl", NULL};
    for (int i = 0; cands[i]; i++)
        if (access(cands[i], R_OK) == 0) return cands[i];
    return NULL;
}

static const char *field(json_object *o, const char *key) {
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        fail_msg("gold record without \"%s\": %s", key, json_object_to_json_string(o));
    return json_object_get_string(v);
}

typedef struct tally {
    int right, all;
} tally;

static void test_event_dates_meet_the_floors(void **state) {
    (void)state;
    const char *path = gold_path();
    assert_non_null(path);
    ent_diags dg;
    ent_diags_init(&dg, stderr, 0);
    ent_dict *dict = ent_dict_load(access("dict/PETR_config.ini", R_OK) == 0 ? "dict" : "../dict", &dg);
    assert_non_null(dict);
    ent_pipeline *p = ent_pipeline_new(dict, &dict->options);
    assert_non_null(p);
    ent_tree t;
    ent_tree_init(&t);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    tally explicit = {0, 0}, relative = {0, 0}, none = {0, 0}, all = {0, 0};
    int coded = 0, coded_right = 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\n' || line[0] == '#') continue;
        json_object *o = json_tokener_parse(line);
        if (!o) fail_msg("%s: not JSON: %s", path, line);
        const char *id = field(o, "id"), *text = field(o, "text"), *word = field(o, "event");
        const char *form = field(o, "form");
        int32_t story = ent_parse_date(field(o, "story_date"), strlen(field(o, "story_date")));
        int32_t want = ent_parse_date(field(o, "event_date"), strlen(field(o, "event_date")));
        int want_prec = ent_evdate_precision_of(field(o, "precision"));
        if (story <= 0 || want <= 0 || want_prec < 0) fail_msg("%s: bad gold record %s", path, id);
        assert_int_equal(ent_pipeline_parse_text(p, text, (int32_t)strlen(text), &t), 0);
        int32_t v = -1;
        for (int32_t i = 0; i < t.n_tokens && v < 0; i++)
            if (!strcmp(t.tokens[i].text, word)) v = i;
        if (v < 0) fail_msg("%s: no word '%s' in %s", id, word, text);
        ent_evdate_expr xs[ENT_EVDATE_MAX];
        int n = ent_evdate_find(&t, xs, ENT_EVDATE_MAX);
        ent_evdate got = ent_evdate_pick(&t, xs, n, v, story);
        int ok = got.date == want && got.precision == want_prec;
        tally *k = !strcmp(form, "explicit") ? &explicit : !strcmp(form, "none") ? &none : &relative;
        k->all++, all.all++;
        k->right += ok, all.right += ok;
        if (!ok) {
            char w[11], g[11], words[96];
            ent_format_date(want, w);
            ent_format_date(got.date, g);
            ent_evdate_text(&t, got.begin, got.end, words, sizeof words);
            printf("date miss %s (%s): expected %s %s, got %s %s [%s]\n  %s\n", id, form, w,
                   ent_evdate_precision_name(want_prec), g,
                   ent_evdate_precision_name(got.precision), words, text);
        }
        /* the same through the coder, where it codes an event on the word */
        ent_coder *c = ent_coder_new(dict, &dict->options);
        assert_non_null(c);
        const ent_event *ev;
        int nev;
        assert_true(ent_coder_code(c, &t, story, &ev, &nev) >= 0);
        for (int e = 0; e < nev; e++) {
            if (ev[e].verb_tok != v) continue;
            coded++;
            coded_right += ev[e].when.date == got.date && ev[e].when.precision == got.precision;
            break;
        }
        ent_coder_free(c);
        json_object_put(o);
    }
    fclose(f);
    double pe = explicit.all ? (double)explicit.right / explicit.all : 0;
    double po = all.all ? (double)all.right / all.all : 0;
    printf("event dates (%s): explicit %d/%d %.3f, relative %d/%d %.3f, no date words %d/%d %.3f,"
           " overall %d/%d %.3f\n",
           path, explicit.right, explicit.all, pe, relative.right, relative.all,
           relative.all ? (double)relative.right / relative.all : 0, none.right, none.all,
           none.all ? (double)none.right / none.all : 0, all.right, all.all, po);
    printf("event dates through the coder: %d of the gold words coded as events, %d dated alike\n",
           coded, coded_right);
    assert_true(all.all >= 150);
    assert_int_equal(coded_right, coded);
    assert_true(pe >= FLOOR_EXPLICIT);
    assert_true(po >= FLOOR_OVERALL);
    ent_tree_free(&t);
    ent_pipeline_free(p);
    ent_dict_free(dict);
    ent_diags_free(&dg);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_dates_meet_the_floors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
