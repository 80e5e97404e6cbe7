/* test_tokenize.c -- Penn Treebank tokens and their byte offsets. */
#include "testutil.h"

#include <time.h>

#include "tokenize.h"

#define MAXT 256

/* Tokenize all of `text` and compare the Treebank forms, joined by single
 * spaces, with `want`; every token's span must hold its text (checked
 * separately by check_spans). */
static void check_toks(const char *text, const char *want) {
    ent_tok tk[MAXT];
    int n = ent_tokenize(text, 0, (int32_t)strlen(text), tk, MAXT);
    char got[4096];
    size_t k = 0;
    got[0] = '\0';
    for (int i = 0; i < n && i < MAXT; i++)
        k += (size_t)snprintf(got + k, sizeof got - k, "%s%s", i ? " " : "", tk[i].ptb);
    if (strcmp(got, want) != 0) {
        print_error("input:    \"%s\"\nexpected: %s\nactual:   %s\n", text, want, got);
        fail();
    }
}

/* Token i of `text` spans [b, e). */
static void check_span(const char *text, int i, int32_t b, int32_t e) {
    ent_tok tk[MAXT];
    int n = ent_tokenize(text, 0, (int32_t)strlen(text), tk, MAXT);
    if (i >= n || tk[i].begin != b || tk[i].end != e) {
        print_error("input: \"%s\" token %d: expected [%d,%d) actual [%d,%d) \"%s\"\n", text, i, b,
                    e, i < n ? tk[i].begin : -1, i < n ? tk[i].end : -1,
                    i < n ? tk[i].ptb : "(none)");
        fail();
    }
}

static void test_tokenize_splits_negative_clitic(void **state) {
    (void)state;
    check_toks("Iran didn't agree and can't or won't.",
               "Iran did n't agree and ca n't or wo n't .");
    check_span("didn't", 0, 0, 3);
    check_span("didn't", 1, 3, 6);
}

static void test_tokenize_splits_verb_clitics(void **state) {
    (void)state;
    check_toks("They're sure we've won; I'm told they'll go and he'd stay.",
               "They 're sure we 've won ; I 'm told they 'll go and he 'd stay .");
    check_span("They're", 1, 4, 7);
}

static void test_tokenize_splits_possessives(void **state) {
    (void)state;
    check_toks("Russia's army and the Russians' drones",
               "Russia 's army and the Russians ' drones");
    check_span("Russia's army", 1, 6, 8);
    check_span("the Russians' drones", 2, 12, 13);
}

static void test_tokenize_keeps_names_with_apostrophes(void **state) {
    (void)state;
    check_toks("O'Brien met D'Alema", "O'Brien met D'Alema");
}

static void test_tokenize_keeps_hyphenated_words(void **state) {
    (void)state;
    check_toks("Russian-made drones, a 12-year-old and so-called al-Qaeda",
               "Russian-made drones , a 12-year-old and so-called al-Qaeda");
}

static void test_tokenize_keeps_the_hyphen_of_a_suspended_prefix(void **state) {
    (void)state;
    check_toks("an anti- Gondor parade, pre- and post-war",
               "an anti- Gondor parade , pre- and post-war");
    check_span("an anti- Gondor", 1, 3, 8);
    /* a hyphen after a name or before no word is still a dash */
    check_toks("Gondor- Rohan and war -", "Gondor - Rohan and war --");
}

static void test_tokenize_splits_names_joined_by_underscores(void **state) {
    (void)state;
    check_toks("the Prince of Dol_Amroth in New_York_City",
               "the Prince of Dol Amroth in New York City");
    check_span("of Dol_Amroth", 2, 7, 13);
    /* identifiers are not names */
    check_toks("snake_case and Dol_amroth", "snake _ case and Dol _ amroth");
}

static void test_tokenize_keeps_numbers_with_separators(void **state) {
    (void)state;
    check_toks("1,200 troops, 3.5 percent, at 9:30, a 1/2 share and -5 degrees",
               "1,200 troops , 3.5 percent , at 9:30 , a 1/2 share and -5 degrees");
    check_span("about 1,200,000 people", 1, 6, 15);
}

static void test_tokenize_splits_units_but_keeps_ordinals_and_decades(void **state) {
    (void)state;
    check_toks("1.2bn and 5km in the 3rd week of the 1990s and '90s",
               "1.2 bn and 5 km in the 3rd week of the 1990s and '90s");
    check_span("1.2bn", 1, 3, 5);
}

static void test_tokenize_splits_currency_signs(void **state) {
    (void)state;
    check_toks("$5, \xC2\xA3"
               "20, \xE2\x82\xAC"
               "3bn and US$4",
               "$ 5 , \xC2\xA3 20 , \xE2\x82\xAC 3 bn and US$ 4");
    check_span("$5", 0, 0, 1);
    check_span("$5", 1, 1, 2);
}

static void test_tokenize_splits_percent(void **state) {
    (void)state;
    check_toks("rose 5% to 12.5%", "rose 5 % to 12.5 %");
    check_span("5%", 1, 1, 2);
}

static void test_tokenize_writes_brackets_in_treebank_form(void **state) {
    (void)state;
    check_toks("(a) [b] {c}", "-LRB- a -RRB- -LSB- b -RSB- -LCB- c -RCB-");
    check_span("(a)", 0, 0, 1);
}

static void test_tokenize_decides_double_quotes_by_context(void **state) {
    (void)state;
    check_toks("He said \"no\" and (\"yes\").", "He said `` no '' and -LRB- `` yes '' -RRB- .");
    check_toks("\"We agree,\" he said.", "`` We agree , '' he said .");
    check_span("say \"no\"", 1, 4, 5);
}

static void test_tokenize_single_quotes_and_doubled_quotes(void **state) {
    (void)state;
    check_toks("the 'red line' was ``crossed''", "the ` red line ' was `` crossed ''");
}

static void test_tokenize_abbreviations_keep_their_period(void **state) {
    (void)state;
    check_toks("Gen. Smith met the U.S. envoy at 9 a.m. on Jan. 5 at No. 10 with J. Doe.",
               "Gen. Smith met the U.S. envoy at 9 a.m. on Jan. 5 at No. 10 with J. Doe .");
    check_toks("the U.S.-led coalition", "the U.S.-led coalition");
}

static void test_tokenize_final_abbreviation_keeps_period_and_adds_one(void **state) {
    (void)state;
    check_toks("They flew to the U.S.", "They flew to the U.S. .");
    check_span("They flew to the U.S.", 4, 17, 21);
    check_span("They flew to the U.S.", 5, 20, 21);
    check_toks("It was signed by Acme Inc.\"", "It was signed by Acme Inc. . ''");
}

static void test_tokenize_splits_sentence_final_period(void **state) {
    (void)state;
    check_toks("Talks ended.", "Talks ended .");
    check_span("Talks ended.", 2, 11, 12);
    check_toks("The answer was no.", "The answer was no .");
    check_toks("Prices rose in 2023.)", "Prices rose in 2023 . -RRB-");
}

static void test_tokenize_ellipsis_and_dashes(void **state) {
    (void)state;
    check_toks("Wait... then -- or - maybe--not", "Wait ... then -- or -- maybe -- not");
    check_span("Wait... x", 1, 4, 7);
}

static void test_tokenize_splits_other_punctuation(void **state) {
    (void)state;
    check_toks("Yes! Really? Well: one; two, AT&T & #3",
               "Yes ! Really ? Well : one ; two , AT&T & # 3");
}

static void test_tokenize_cannot_is_two_words(void **state) {
    (void)state;
    check_toks("We cannot agree", "We can not agree");
    check_span("We cannot agree", 2, 6, 9);
}

static void test_tokenize_keeps_urls_whole(void **state) {
    (void)state;
    check_toks("See https://example.org/a?b=1, or www.example.com.",
               "See https://example.org/a?b=1 , or www.example.com .");
}

static void test_tokenize_reads_raw_typographic_characters(void **state) {
    (void)state;
    check_toks("\xE2\x80\x9CRussia\xE2\x80\x99s move\xE2\x80\x9D \xE2\x80\x94 "
               "it didn\xE2\x80\x99t\xE2\x80\xA6",
               "`` Russia 's move '' -- it did n't ...");
    check_toks("\xC2\xABNon\xC2\xBB\xC2\xA0"
               "dit",
               "`` Non '' dit");
}

static void test_tokenize_keeps_non_latin_words_whole(void **state) {
    (void)state;
    check_toks("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 and Erdo\xC4\x9F"
               "an.",
               "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 and Erdo\xC4\x9F"
               "an .");
}

static void test_tokenize_offsets_are_into_the_whole_text(void **state) {
    (void)state;
    const char *t = "First one. Iran's turn.";
    ent_tok tk[8];
    int n = ent_tokenize(t, 11, 23, tk, 8);
    assert_int_equal(n, 4);
    assert_string_equal(tk[0].ptb, "Iran");
    assert_int_equal(tk[0].begin, 11);
    assert_int_equal(tk[1].begin, 15);
    assert_int_equal(tk[1].end, 17);
    assert_int_equal(tk[3].begin, 22);
    assert_int_equal(tk[3].end, 23);
}

static void test_tokenize_returns_total_when_room_is_short(void **state) {
    (void)state;
    ent_tok tk[2];
    assert_int_equal(ent_tokenize("a b c d", 0, 7, tk, 2), 4);
    assert_string_equal(tk[1].ptb, "b");
    assert_int_equal(ent_tokenize("a b c d", 0, 7, NULL, 0), 4);
    assert_int_equal(ent_tokenize("a b", 2, 1, tk, 2), 0);
    assert_int_equal(ent_tokenize("", 0, 0, tk, 2), 0);
}

static void test_tokenize_truncates_long_ptb_at_a_character(void **state) {
    (void)state;
    char t[80];
    /* 'a' then 20 two-byte letters: 41 bytes */
    t[0] = 'a';
    for (int i = 0; i < 20; i++) {
        t[1 + 2 * i] = (char)0xD0;
        t[2 + 2 * i] = (char)0x96;
    }
    t[41] = '\0';
    ent_tok tk[2];
    assert_int_equal(ent_tokenize(t, 0, 41, tk, 2), 1);
    assert_int_equal(tk[0].end, 41);
    assert_int_equal(strlen(tk[0].ptb), 31);
    assert_memory_equal(tk[0].ptb, t, 31);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Tokens in order, inside [b, e), ptb NUL-terminated and not empty. */
static void check_invariants(const char *t, int32_t b, int32_t e, const ent_tok *tk, int n) {
    int32_t prev = b;
    for (int i = 0; i < n; i++) {
        assert_true(tk[i].begin >= b && tk[i].end <= e && tk[i].begin < tk[i].end);
        assert_true(tk[i].begin >= prev - 1); /* the added "." shares a byte */
        assert_true(memchr(tk[i].ptb, '\0', sizeof tk[i].ptb) != NULL);
        assert_true(tk[i].ptb[0] != '\0');
        prev = tk[i].end;
    }
    (void)t;
}

static void test_tokenize_deep_brackets_are_linear(void **state) {
    (void)state;
    int32_t n = 2000000;
    char *t = malloc((size_t)n + 1);
    assert_non_null(t);
    for (int32_t i = 0; i < n; i++) t[i] = i < n / 2 ? '(' : ')';
    t[n] = '\0';
    ent_tok *tk = malloc((size_t)n * sizeof *tk);
    assert_non_null(tk);
    double t0 = now_s();
    int k = ent_tokenize(t, 0, n, tk, n);
    assert_true(now_s() - t0 < 2.0);
    assert_int_equal(k, n);
    assert_string_equal(tk[0].ptb, "-LRB-");
    assert_string_equal(tk[n - 1].ptb, "-RRB-");
    check_invariants(t, 0, n, tk, k);
    free(tk);
    free(t);
}

static void test_tokenize_binary_junk_keeps_invariants(void **state) {
    (void)state;
    int32_t n = 1 << 20;
    char *t = malloc((size_t)n);
    ent_tok *tk = malloc((size_t)n * sizeof *tk);
    assert_non_null(t);
    assert_non_null(tk);
    uint32_t x = 777;
    for (int round = 0; round < 3; round++) {
        for (int32_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            unsigned char c = (unsigned char)(x >> 16);
            if (round == 1) c = (unsigned char)"'\".-$%(a1 nN,\xE2\x80"[c % 16];
            t[i] = (char)c;
        }
        double t0 = now_s();
        int k = ent_tokenize(t, 0, n, tk, n);
        assert_true(now_s() - t0 < 2.0);
        assert_true(k <= n);
        check_invariants(t, 0, n, tk, k);
        /* a range that ends in the middle of a character */
        k = ent_tokenize(t, 5, 1000, tk, n);
        check_invariants(t, 5, 1000, tk, k);
    }
    free(tk);
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokenize_splits_negative_clitic),
        cmocka_unit_test(test_tokenize_splits_verb_clitics),
        cmocka_unit_test(test_tokenize_splits_possessives),
        cmocka_unit_test(test_tokenize_keeps_names_with_apostrophes),
        cmocka_unit_test(test_tokenize_keeps_hyphenated_words),
        cmocka_unit_test(test_tokenize_keeps_the_hyphen_of_a_suspended_prefix),
        cmocka_unit_test(test_tokenize_splits_names_joined_by_underscores),
        cmocka_unit_test(test_tokenize_keeps_numbers_with_separators),
        cmocka_unit_test(test_tokenize_splits_units_but_keeps_ordinals_and_decades),
        cmocka_unit_test(test_tokenize_splits_currency_signs),
        cmocka_unit_test(test_tokenize_splits_percent),
        cmocka_unit_test(test_tokenize_writes_brackets_in_treebank_form),
        cmocka_unit_test(test_tokenize_decides_double_quotes_by_context),
        cmocka_unit_test(test_tokenize_single_quotes_and_doubled_quotes),
        cmocka_unit_test(test_tokenize_abbreviations_keep_their_period),
        cmocka_unit_test(test_tokenize_final_abbreviation_keeps_period_and_adds_one),
        cmocka_unit_test(test_tokenize_splits_sentence_final_period),
        cmocka_unit_test(test_tokenize_ellipsis_and_dashes),
        cmocka_unit_test(test_tokenize_splits_other_punctuation),
        cmocka_unit_test(test_tokenize_cannot_is_two_words),
        cmocka_unit_test(test_tokenize_keeps_urls_whole),
        cmocka_unit_test(test_tokenize_reads_raw_typographic_characters),
        cmocka_unit_test(test_tokenize_keeps_non_latin_words_whole),
        cmocka_unit_test(test_tokenize_offsets_are_into_the_whole_text),
        cmocka_unit_test(test_tokenize_returns_total_when_room_is_short),
        cmocka_unit_test(test_tokenize_truncates_long_ptb_at_a_character),
        cmocka_unit_test(test_tokenize_deep_brackets_are_linear),
        cmocka_unit_test(test_tokenize_binary_junk_keeps_invariants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
