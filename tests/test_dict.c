/* test_dict.c -- the dictionary core: interning, phrases, freeze order,
 * options, dict dates and the date-restricted actor code lookup. */
#include "testutil.h"

#include "dict.h"

static void intern_gives_stable_ids_and_text(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    ent_wid a = ent_dict_intern(&d, "ZEMBLA", 6);
    ent_wid b = ent_dict_intern(&d, "ORLOVIA", 7);
    assert_true(a >= 1);
    assert_true(b >= 1);
    assert_int_not_equal(a, b);
    assert_int_equal(ent_dict_intern(&d, "ZEMBLA", 6), a);
    assert_int_equal(d.n_words, 3);
    assert_string_equal(ent_dict_word_text(&d, a), "ZEMBLA");
    assert_string_equal(ent_dict_word_text(&d, 0), "");
    assert_string_equal(ent_dict_word_text(&d, 999), "");
    assert_int_equal(ent_dict_word(&d, "ORLOVIA", 7), b);
    assert_int_equal(ent_dict_word(&d, "ORLOV", 5), 0); /* no prefix match */
    assert_int_equal(ent_dict_word(&d, "", 0), 0);
    ent_dict_free(&d);
}

static void phrase_splits_upcases_and_strips_exact_marker(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    ent_wid w[8];
    const char *t = "north_zembla  Republic_";
    int n = ent_dict_phrase(&d, t, strlen(t), w, 8);
    assert_int_equal(n, 3);
    assert_string_equal(ent_dict_word_text(&d, w[0]), "NORTH");
    assert_string_equal(ent_dict_word_text(&d, w[1]), "ZEMBLA");
    assert_string_equal(ent_dict_word_text(&d, w[2]), "REPUBLIC");
    /* too many words for the buffer is an error, not an overflow */
    assert_int_equal(ent_dict_phrase(&d, "A B C", 5, w, 2), -1);
    assert_int_equal(ent_dict_phrase(&d, "  __ ", 5, w, 8), 0);
    ent_dict_free(&d);
}

static void long_word_is_interned_whole(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    size_t n = 100000;
    char *s = malloc(n + 1);
    assert_non_null(s);
    memset(s, 'q', n);
    s[n] = '\0';
    ent_wid w;
    assert_int_equal(ent_dict_phrase(&d, s, n, &w, 1), 1);
    assert_int_equal(strlen(ent_dict_word_text(&d, w)), n);
    assert_int_equal(ent_dict_word_text(&d, w)[n - 1], 'Q');
    free(s);
    ent_dict_free(&d);
}

static void freeze_orders_by_first_word_then_length_then_file(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    const char *ph[] = {"ZEMBLA", "ZEMBLA NORTH", "ORLOVIA", "ZEMBLA NORTH COAST",
                        "ZEMBLA SOUTH", "ZEMBLA EAST"};
    for (int i = 0; i < 6; i++) {
        ent_wid w[4];
        int n = ent_dict_phrase(&d, ph[i], strlen(ph[i]), w, 4);
        assert_true(n > 0);
        assert_int_equal(ent_phrase_add(&d, &d.actor_ix, w, n, i, 0), 0);
    }
    assert_int_equal(ent_dict_freeze(&d), 0);
    assert_true(d.frozen);
    ent_wid z = ent_dict_word(&d, "ZEMBLA", 6);
    const ent_phrase_index *ix = &d.actor_ix;
    assert_int_equal(ix->n_phrases, 6);
    int32_t s = ix->start[z], e = ix->start[z + 1];
    assert_int_equal(e - s, 5);
    /* longest first; equal lengths keep insertion order */
    int expect[] = {3, 1, 4, 5, 0};
    for (int i = 0; i < 5; i++) assert_int_equal(ix->phrases[s + i].value, expect[i]);
    ent_wid o = ent_dict_word(&d, "ORLOVIA", 7);
    assert_int_equal(ix->start[o + 1] - ix->start[o], 1);
    assert_int_equal(ix->phrases[ix->start[o]].value, 2);
    /* an index nothing was added to still has a full start[] */
    assert_int_equal(d.discard_ix.start[z + 1] - d.discard_ix.start[z], 0);
    /* frozen: nothing may be added any more */
    assert_int_equal(ent_dict_intern(&d, "NEW", 3), -1);
    ent_wid w1 = z;
    assert_int_equal(ent_phrase_add(&d, &d.actor_ix, &w1, 1, 0, 0), -1);
    ent_dict_free(&d);
}

static void phrase_add_rejects_unknown_word_ids(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    ent_wid bad[] = {0};
    assert_int_equal(ent_phrase_add(&d, &d.actor_ix, bad, 1, 0, 0), -1);
    ent_wid big[] = {77};
    assert_int_equal(ent_phrase_add(&d, &d.actor_ix, big, 1, 0, 0), -1);
    ent_dict_free(&d);
}

static void freeze_groups_patterns_by_block_stably(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    for (int b = 0; b < 3; b++) assert_non_null(ent_vec_push(&d.blocks));
    int blocks[] = {2, 0, 2, 1, 0, 2};
    for (int i = 0; i < 6; i++) {
        ent_pattern *p = ent_vec_push(&d.patterns);
        assert_non_null(p);
        p->block = blocks[i];
        p->line = i + 1;
    }
    ent_wid said = ent_dict_intern(&d, "SAID", 4);
    ent_wid broke = ent_dict_intern(&d, "BROKE", 5);
    ent_wid down = ent_dict_intern(&d, "DOWN", 4);
    ent_wid *fw = ent_arena_alloc(&d.arena, 3 * sizeof *fw);
    fw[0] = broke;
    fw[1] = down;
    fw[2] = said;
    ent_verb_form *f;
    f = ent_vec_push(&d.forms); f->words = fw; f->n_words = 2; f->head = 0; /* BROKE DOWN */
    f = ent_vec_push(&d.forms); f->words = fw + 2; f->n_words = 1; f->head = 0; /* SAID */
    f = ent_vec_push(&d.forms); f->words = fw; f->n_words = 1; f->head = 0; /* BROKE */
    assert_int_equal(ent_dict_freeze(&d), 0);
    int lines0[] = {2, 5}, lines1[] = {4}, lines2[] = {1, 3, 6};
    const int *lines[] = {lines0, lines1, lines2};
    int counts[] = {2, 1, 3};
    for (int b = 0; b < 3; b++) {
        const ent_verb_block *vb = ENT_BLOCK(&d, b);
        assert_int_equal(vb->n_patterns, counts[b]);
        for (int i = 0; i < counts[b]; i++)
            assert_int_equal(ENT_PATTERN(&d, vb->first_pattern + i)->line, lines[b][i]);
    }
    assert_int_equal(d.form_start[broke + 1] - d.form_start[broke], 2);
    assert_int_equal(d.form_order[d.form_start[broke]], 0);
    assert_int_equal(d.form_order[d.form_start[broke] + 1], 2);
    assert_int_equal(d.form_start[said + 1] - d.form_start[said], 1);
    assert_int_equal(d.form_order[d.form_start[said]], 1);
    assert_int_equal(d.form_start[down + 1] - d.form_start[down], 0);
    ent_dict_free(&d);
}

static void options_defaults_and_set(void **state) {
    ent_options o;
    ent_options_default(&o);
    assert_int_equal(o.require_dyad, 1);
    assert_int_equal(o.new_actor_length, 0);
    assert_int_equal(o.comma_min, 2);
    assert_int_equal(o.comma_max, 8);
    assert_int_equal(o.comma_bmin, 0);
    assert_int_equal(o.comma_bmax, 0);
    assert_int_equal(o.comma_emin, 2);
    assert_int_equal(o.comma_emax, 8);
    assert_int_equal(o.code_null_actors, 0);
    assert_int_equal(o.code_issues, 1);
    assert_int_equal(ent_options_set(&o, "require_dyad", "False"), 0);
    assert_int_equal(o.require_dyad, 0);
    assert_int_equal(ent_options_set(&o, "CODE_NULL_ACTORS", "TRUE"), 0);
    assert_int_equal(o.code_null_actors, 1);
    assert_int_equal(ent_options_set(&o, "comma_emax", "12"), 0);
    assert_int_equal(o.comma_emax, 12);
    assert_int_equal(ent_options_set(&o, "comma_emax", "twelve"), -1);
    assert_int_equal(o.comma_emax, 12);
    assert_int_equal(ent_options_set(&o, "comma_emax", ""), -1);
    assert_int_equal(ent_options_set(&o, "no_such_option", "1"), -1);
}

static void dict_dates_two_and_four_digit_years(void **state) {
    assert_int_equal(ent_parse_dict_date("730717", 6), 19730717);
    assert_int_equal(ent_parse_dict_date("070723", 6), 20070723);
    assert_int_equal(ent_parse_dict_date("300101", 6), 20300101);
    assert_int_equal(ent_parse_dict_date("310101", 6), 19310101);
    assert_int_equal(ent_parse_dict_date("20080120", 8), 20080120);
    assert_int_equal(ent_parse_dict_date("2008012", 7), -1);
    assert_int_equal(ent_parse_dict_date("20081320", 8), -1);
    assert_int_equal(ent_parse_dict_date("20080100", 8), -1);
    assert_int_equal(ent_parse_dict_date("AAA950", 6), -1);
}

static void actor_code_on_prefers_dated_then_kth_default(void **state) {
    ent_actor_code codes[] = {
        {"ZEMGOV", 19950601, 19990815, 1},
        {"ZEMELI", 0, 0, 0},
        {"ZEMOPP", ENT_DATE_MIN, 19941231, 1},
        {"ORLELI", 0, 0, 0},
    };
    ent_actor a = {"TESTER", codes, 4, "x", 1};
    assert_string_equal(ent_actor_code_on(&a, 19950601, 0), "ZEMGOV");
    assert_string_equal(ent_actor_code_on(&a, 19990815, 0), "ZEMGOV");
    assert_string_equal(ent_actor_code_on(&a, 19990816, 0), "ZEMELI");
    assert_string_equal(ent_actor_code_on(&a, 19990816, 1), "ORLELI");
    assert_null(ent_actor_code_on(&a, 19990816, 2));
    assert_string_equal(ent_actor_code_on(&a, 19941231, 0), "ZEMOPP");
    assert_string_equal(ent_actor_code_on(&a, 19950101, 0), "ZEMELI");
    ent_actor only_dated = {"T2", codes, 1, "x", 1};
    assert_null(ent_actor_code_on(&only_dated, 20000101, 0));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intern_gives_stable_ids_and_text),
        cmocka_unit_test(phrase_splits_upcases_and_strips_exact_marker),
        cmocka_unit_test(long_word_is_interned_whole),
        cmocka_unit_test(freeze_orders_by_first_word_then_length_then_file),
        cmocka_unit_test(phrase_add_rejects_unknown_word_ids),
        cmocka_unit_test(freeze_groups_patterns_by_block_stably),
        cmocka_unit_test(options_defaults_and_set),
        cmocka_unit_test(dict_dates_two_and_four_digit_years),
        cmocka_unit_test(actor_code_on_prefers_dated_then_kth_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
