/* test_evdate.c -- event dates: reading date words, resolving them against
 * the story date (month, year and leap-year boundaries), and choosing the
 * words of the event's own clause. */
#include "tree_fixture.h"

#include "evdate.h"
#include "ptb.h"

/* The date of the event whose word is `verb` in the Treebank parse `ptb`,
 * for a story of date `story`, as "YYYYMMDD precision [words]". */
static const char *dated(fixture *f, const char *ptb, const char *verb, int32_t story) {
    static char out[160];
    assert_int_equal(ent_ptb_read(&f->t, ptb, strlen(ptb), &f->d, "test", 1), 0);
    int32_t v = -1;
    for (int32_t i = 0; i < f->t.n_tokens && v < 0; i++)
        if (!strcmp(f->t.tokens[i].text, verb)) v = i;
    if (v < 0) fail_msg("no token '%s' in %s", verb, render(f));
    ent_evdate_expr xs[ENT_EVDATE_MAX];
    int n = ent_evdate_find(&f->t, xs, ENT_EVDATE_MAX);
    ent_evdate d = ent_evdate_pick(&f->t, xs, n, v, story);
    char words[96];
    ent_evdate_text(&f->t, d.begin, d.end, words, sizeof words);
    snprintf(out, sizeof out, "%08d %s%s%s", (int)d.date, ent_evdate_precision_name(d.precision),
             words[0] ? " " : "", words);
    return out;
}

/* A flat sentence "X verb WORDS ." for the resolver's cases. */
static const char *flat(fixture *f, const char *words, int32_t story) {
    char ptb[1024];
    int k = snprintf(ptb, sizeof ptb, "(ROOT (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor))");
    char copy[512];
    snprintf(copy, sizeof copy, "%s", words);
    for (char *w = strtok(copy, " "); w && k < (int)sizeof ptb - 64; w = strtok(NULL, " "))
        k += snprintf(ptb + k, sizeof ptb - (size_t)k, " (XX %s)", w);
    snprintf(ptb + k, sizeof ptb - (size_t)k, ") (. .)))");
    return dated(f, ptb, "attacked", story);
}

static void explicit_dates_need_no_story_date(void **state) {
    fixture *f = *state;
    assert_string_equal(flat(f, "on Jan. 22 , 2024", 0), "20240122 day Jan. 22 , 2024");
    assert_string_equal(flat(f, "on 25 April 2024", 0), "20240425 day 25 April 2024");
    assert_string_equal(flat(f, "in August 2023", 0), "20230801 month August 2023");
    assert_string_equal(flat(f, "since 2022", 0), "20220101 year 2022");
    assert_string_equal(flat(f, "in mid-2022", 0), "20220101 year mid-2022");
    /* relative words without a story date: nothing to resolve them by */
    assert_string_equal(flat(f, "yesterday", 0), "00000000 none");
    assert_string_equal(flat(f, "on April 25", 0), "00000000 none");
}

static void month_and_day_take_the_story_year(void **state) {
    fixture *f = *state;
    assert_string_equal(flat(f, "on April 25", 20240426), "20240425 day April 25");
    assert_string_equal(flat(f, "on April 26", 20240426), "20240426 day April 26");
    assert_string_equal(flat(f, "on 3rd March", 20240426), "20240303 day 3rd March");
    /* a story of Jan 2 speaks of the December before it */
    assert_string_equal(flat(f, "on Dec. 30", 20250102), "20241230 day Dec. 30");
    assert_string_equal(flat(f, "in December", 20250102), "20241201 month December");
    /* more than half a year back is read forward ("scheduled for May 3") */
    assert_string_equal(flat(f, "on May 3", 20240426), "20240503 day May 3");
}

static void leap_days(void **state) {
    fixture *f = *state;
    assert_string_equal(flat(f, "on Feb. 29", 20240301), "20240229 day Feb. 29");
    /* 2023 had no Feb. 29: the nearest one is 2024's */
    assert_string_equal(flat(f, "on Feb. 29", 20230301), "20240229 day Feb. 29");
    assert_string_equal(flat(f, "on Feb. 29 , 2023", 20230301), "20230301 none");
    assert_string_equal(flat(f, "yesterday", 20240301), "20240229 day yesterday");
    assert_string_equal(flat(f, "yesterday", 20230301), "20230228 day yesterday");
    assert_string_equal(flat(f, "yesterday", 20000301), "20000229 day yesterday");
    assert_string_equal(flat(f, "yesterday", 19000301), "19000228 day yesterday");
}

static void weekdays_count_back_across_months(void **state) {
    fixture *f = *state;
    /* 2024-03-02 is a Saturday, 2024-03-04 a Monday */
    assert_string_equal(flat(f, "on Friday", 20240302), "20240301 day Friday");
    assert_string_equal(flat(f, "on Friday", 20240304), "20240301 day Friday");
    assert_string_equal(flat(f, "on Thursday", 20240302), "20240229 day Thursday");
    /* the story's own weekday is the story's day */
    assert_string_equal(flat(f, "on Monday night", 20240304), "20240304 day Monday night");
    assert_string_equal(flat(f, "last Monday", 20240304), "20240226 day last Monday");
    /* 2025-01-01 is a Wednesday: Monday was in the year before */
    assert_string_equal(flat(f, "on Monday", 20250101), "20241230 day Monday");
    assert_string_equal(flat(f, "on Wednesday , April 24", 20240426),
                        "20240424 day Wednesday , April 24");
}

static void relative_periods(void **state) {
    fixture *f = *state;
    assert_string_equal(flat(f, "last month", 20250102), "20241201 month last month");
    assert_string_equal(flat(f, "earlier this month", 20250102), "20250101 month earlier this month");
    assert_string_equal(flat(f, "last year", 20250102), "20240101 year last year");
    assert_string_equal(flat(f, "earlier this year", 20240426), "20240101 year earlier this year");
    /* weeks start on Monday; 2025-01-02 is a Thursday */
    assert_string_equal(flat(f, "last week", 20250102), "20241223 week last week");
    assert_string_equal(flat(f, "earlier this week", 20250102), "20241230 week earlier this week");
    assert_string_equal(flat(f, "overnight", 20240301), "20240301 day overnight");
    assert_string_equal(flat(f, "last night", 20240301), "20240229 day last night");
    assert_string_equal(flat(f, "three days ago", 20240302), "20240228 day three days ago");
    assert_string_equal(flat(f, "two months ago", 20240131), "20231101 month two months ago");
    assert_string_equal(flat(f, "over the weekend", 20240304), "20240302 day the weekend");
    assert_string_equal(flat(f, "a day after April 30", 20240503), "20240501 day a day after April 30");
    assert_string_equal(flat(f, "two weeks before Jan. 3 , 2024", 0),
                        "20231220 day two weeks before Jan. 3 , 2024");
}

static void words_that_are_not_dates(void **state) {
    fixture *f = *state;
    /* "May" the modal, "march" the verb, a number of troops, a bare year */
    assert_string_equal(flat(f, "as May said", 20240426), "20240426 none");
    assert_string_equal(flat(f, "with 2000 troops", 20240426), "20240426 none");
    assert_string_equal(flat(f, "after the 2015 accord", 20240426), "20240426 none");
    assert_string_equal(flat(f, "in May", 20240426), "20240501 month May");
}

static void looking_ahead_reads_forward(void **state) {
    fixture *f = *state;
    const char *ptb = "(ROOT (S (NP (NNP Arnor)) (VP (MD will) (VP (VB visit) (NP (NNP Gondor))"
                      " (PP (IN on) (NP (NNP Friday))))) (. .)))";
    /* 2024-03-04 is a Monday: the Friday to come */
    assert_string_equal(dated(f, ptb, "visit", 20240304), "20240308 day Friday");
    const char *next = "(ROOT (S (NP (NNP Arnor)) (VP (VBD said) (NP (JJ next) (NN month))) (. .)))";
    assert_string_equal(dated(f, next, "said", 20241215), "20250101 month next month");
}

static void the_event_takes_the_date_of_its_own_clause(void **state) {
    fixture *f = *state;
    /* "Officials said on Monday that Arnor attacked Gondor on Sunday." */
    const char *ptb =
        "(ROOT (S (NP (NNS Officials)) (VP (VBD said) (PP (IN on) (NP (NNP Monday)))"
        " (SBAR (IN that) (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor))"
        " (PP (IN on) (NP (NNP Sunday))))))) (. .)))";
    assert_string_equal(dated(f, ptb, "said", 20240304), "20240304 day Monday");
    assert_string_equal(dated(f, ptb, "attacked", 20240304), "20240303 day Sunday");
    /* the statement's date is not lent to the clause it reports */
    const char *said = "(ROOT (S (NP (NNS Officials)) (VP (VBD said) (PP (IN on) (NP (NNP Monday)))"
                       " (SBAR (IN that) (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor))))))"
                       " (. .)))";
    assert_string_equal(dated(f, said, "attacked", 20240304), "20240304 none");
    /* a fronted date is the main clause's */
    const char *front = "(ROOT (S (PP (IN On) (NP (NNP April) (CD 25))) (, ,) (NP (NNP Arnor))"
                        " (VP (VBD imposed) (NP (NNS sanctions))) (. .)))";
    assert_string_equal(dated(f, front, "imposed", 20240426), "20240425 day April 25");
    /* "violated the accord signed in 2015": the accord's date, not the act's */
    const char *bg = "(ROOT (S (NP (NNP Arnor)) (VP (VBD violated) (NP (NP (DT the) (NN accord))"
                     " (VP (VBN signed) (PP (IN in) (NP (CD 2015)))))) (. .)))";
    assert_string_equal(dated(f, bg, "violated", 20240426), "20240426 none");
    assert_string_equal(dated(f, bg, "signed", 20240426), "20150101 year 2015");
    /* of two dates in the clause, the nearer one */
    const char *two = "(ROOT (S (PP (IN In) (NP (CD 2023))) (, ,) (NP (NNP Arnor)) (VP (VBD attacked)"
                      " (NP (NNP Gondor)) (PP (IN on) (NP (NNP Tuesday)))) (. .)))";
    assert_string_equal(dated(f, two, "attacked", 20240426), "20240423 day Tuesday");
}

static void text_keeps_the_source_spacing(void **state) {
    fixture *f = *state;
    ent_tree *t = &f->t;
    ent_tree_reset(t);
    int32_t root = ent_tree_add_node(t, "S", 1, -1);
    assert_true(root >= 0);
    const char *w[] = {"Jan.", "22", ",", "2024"};
    const int32_t at[] = {0, 5, 7, 9};
    for (int i = 0; i < 4; i++)
        assert_true(ent_tree_add_token(t, "XX", 2, w[i], strlen(w[i]), root, at[i],
                                       at[i] + (int32_t)strlen(w[i])) >= 0);
    ent_tree_finish(t);
    char out[32];
    ent_evdate_text(t, 0, 4, out, sizeof out);
    assert_string_equal(out, "Jan. 22, 2024");
    ent_evdate_text(t, 0, 4, out, 8);   /* cut at a word, never past the buffer */
    assert_string_equal(out, "Jan. 22");
    assert_int_equal(ent_evdate_precision_of("month"), ENT_EVDATE_MONTH);
    assert_int_equal(ent_evdate_precision_of("fortnight"), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(explicit_dates_need_no_story_date, setup, teardown),
        cmocka_unit_test_setup_teardown(month_and_day_take_the_story_year, setup, teardown),
        cmocka_unit_test_setup_teardown(leap_days, setup, teardown),
        cmocka_unit_test_setup_teardown(weekdays_count_back_across_months, setup, teardown),
        cmocka_unit_test_setup_teardown(relative_periods, setup, teardown),
        cmocka_unit_test_setup_teardown(words_that_are_not_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(looking_ahead_reads_forward, setup, teardown),
        cmocka_unit_test_setup_teardown(the_event_takes_the_date_of_its_own_clause, setup, teardown),
        cmocka_unit_test_setup_teardown(text_keeps_the_source_spacing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
