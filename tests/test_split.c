/* test_split.c -- sentence boundaries: abbreviations, initials, decimals,
 * quotes and brackets, datelines, headlines, bullets, hostile input. */
#include "testutil.h"

#include <time.h>

#include "split.h"

#define MAXS 64

/* Split `text` and compare the sentences with the NULL-terminated list
 * `want`; on a difference print input, expected and actual. */
static void check_split(const char *text, const char *const *want) {
    ent_span sp[MAXS];
    int n = ent_split(text, strlen(text), sp, MAXS);
    int nwant = 0;
    while (want[nwant]) nwant++;
    int ok = n == nwant;
    for (int i = 0; ok && i < n; i++) {
        size_t l = (size_t)(sp[i].end - sp[i].begin);
        ok = strlen(want[i]) == l && memcmp(text + sp[i].begin, want[i], l) == 0;
    }
    if (!ok) {
        print_error("input:    \"%s\"\nexpected: %d sentences\n", text, nwant);
        for (int i = 0; i < nwant; i++) print_error("  [%s]\n", want[i]);
        print_error("actual:   %d sentences\n", n);
        for (int i = 0; i < n && i < MAXS; i++)
            print_error("  [%.*s]\n", (int)(sp[i].end - sp[i].begin), text + sp[i].begin);
        fail();
    }
}
#define SPLIT(text, ...)                                                                           \
    do {                                                                                           \
        const char *const want_[] = {__VA_ARGS__, NULL};                                           \
        check_split(text, want_);                                                                  \
    } while (0)

/* Spans in order, inside the text, not overlapping, not empty, bounded. */
static int check_invariants(const char *text, size_t n, const ent_span *sp, int k) {
    int32_t prev = 0;
    for (int i = 0; i < k; i++) {
        if (sp[i].begin < prev || sp[i].end <= sp[i].begin || (size_t)sp[i].end > n) return 0;
        if (sp[i].end - sp[i].begin > ENT_SPLIT_MAX_BYTES) return 0;
        prev = sp[i].end;
    }
    (void)text;
    return 1;
}

static void test_split_title_abbreviations_never_end_a_sentence(void **state) {
    (void)state;
    SPLIT("Gen. Valery Gerasimov met Lt. Col. Ivan Petrov, Mr. Lee, Mrs. Park and Dr. Osei. "
          "Sen. Rubio and Gov. Newsom spoke later.",
          "Gen. Valery Gerasimov met Lt. Col. Ivan Petrov, Mr. Lee, Mrs. Park and Dr. Osei.",
          "Sen. Rubio and Gov. Newsom spoke later.");
}

static void test_split_month_abbreviation_before_a_day(void **state) {
    (void)state;
    SPLIT("Talks began on Jan. 5 in Geneva. They ended on Feb. 9 and resumed Sept. 12.",
          "Talks began on Jan. 5 in Geneva.", "They ended on Feb. 9 and resumed Sept. 12.");
}

static void test_split_number_abbreviation_before_a_digit(void **state) {
    (void)state;
    SPLIT("Resolution No. 2231 was cited. The answer was no. Nobody asked again.",
          "Resolution No. 2231 was cited.", "The answer was no.", "Nobody asked again.");
}

static void test_split_dotted_acronym_continues_before_a_name(void **state) {
    (void)state;
    SPLIT("The U.S. envoy met U.K. and U.N. officials in Doha.",
          "The U.S. envoy met U.K. and U.N. officials in Doha.");
}

static void test_split_dotted_acronym_ends_before_a_sentence_opener(void **state) {
    (void)state;
    SPLIT("Ankara sent a delegation to the U.S. The visit lasted two days.",
          "Ankara sent a delegation to the U.S.", "The visit lasted two days.");
}

static void test_split_time_abbreviations(void **state) {
    (void)state;
    SPLIT(
        "Shelling began at 4 a.m. and stopped at 6 p.m. The curfew followed at 9 p.m. local time.",
        "Shelling began at 4 a.m. and stopped at 6 p.m.",
        "The curfew followed at 9 p.m. local time.");
}

static void test_split_company_suffix_and_etc(void **state) {
    (void)state;
    SPLIT(
        "Rosneft and Acme Corp. signed a deal. Acme Inc. He said little. "
        "They sent tanks, drones, etc. to the front. They sent food, water, etc. But aid stalled.",
        "Rosneft and Acme Corp. signed a deal.", "Acme Inc.", "He said little.",
        "They sent tanks, drones, etc. to the front.", "They sent food, water, etc.",
        "But aid stalled.");
}

static void test_split_vs_and_eg_never_end_a_sentence(void **state) {
    (void)state;
    SPLIT("The case Ukraine vs. Russia opened. Allies, e.g. Poland, backed Kyiv.",
          "The case Ukraine vs. Russia opened.", "Allies, e.g. Poland, backed Kyiv.");
}

static void test_split_initials_stay_inside(void **state) {
    (void)state;
    SPLIT("George W. Bush met J. R. Hartley. They talked.", "George W. Bush met J. R. Hartley.",
          "They talked.");
}

static void test_split_decimals_and_numbers_stay_inside(void **state) {
    (void)state;
    SPLIT("Growth slowed to 3.5 percent in 2023. Exports fell by 1.2 million tonnes.",
          "Growth slowed to 3.5 percent in 2023.", "Exports fell by 1.2 million tonnes.");
}

static void test_split_closing_quote_after_stop_joins_the_sentence(void **state) {
    (void)state;
    SPLIT("\"We will respond firmly.\" The minister then left. He said: 'Enough.' It ended.",
          "\"We will respond firmly.\"", "The minister then left.", "He said: 'Enough.'",
          "It ended.");
}

static void test_split_closing_bracket_after_stop_joins_the_sentence(void **state) {
    (void)state;
    SPLIT("(The talks failed.) Both sides left [again.] Nothing changed.", "(The talks failed.)",
          "Both sides left [again.]", "Nothing changed.");
}

static void test_split_question_and_exclamation(void **state) {
    (void)state;
    SPLIT("Will Tehran agree? Nobody knows! Talks continue?! Yes. Yahoo! reported it.",
          "Will Tehran agree?", "Nobody knows!", "Talks continue?!", "Yes.", "Yahoo! reported it.");
}

static void test_split_ellipsis_ends_only_before_a_capital(void **state) {
    (void)state;
    SPLIT("He hesitated... and then agreed. Wait... The vote came.",
          "He hesitated... and then agreed.", "Wait...", "The vote came.");
}

static void test_split_stop_inside_a_token_is_not_a_boundary(void **state) {
    (void)state;
    SPLIT("See example.com for the U.S.-led plan.", "See example.com for the U.S.-led plan.");
}

static void test_split_drops_reuters_dateline(void **state) {
    (void)state;
    SPLIT("MOSCOW (Reuters) - Russia is ready to cooperate with Iran. Talks went on.",
          "Russia is ready to cooperate with Iran.", "Talks went on.");
}

static void test_split_drops_ap_dateline_with_date(void **state) {
    (void)state;
    SPLIT("WASHINGTON, April 26 (AP) -- The United States imposed sanctions.",
          "The United States imposed sanctions.");
}

static void test_split_drops_datelines_of_other_agencies(void **state) {
    (void)state;
    SPLIT("BEIJING, April 26 (Xinhua) -- China urged restraint.", "China urged restraint.");
    SPLIT("NEW YORK (AFP) - The council met.", "The council met.");
    SPLIT("ST. PETERSBURG, Russia (RIA Novosti) - Putin spoke.", "Putin spoke.");
    SPLIT("(Reuters) - Oil prices rose.", "Oil prices rose.");
}

static void test_split_drops_city_and_region_dateline(void **state) {
    (void)state;
    SPLIT("KYIV, Ukraine -- Ukraine said drones hit a depot.", "Ukraine said drones hit a depot.");
    SPLIT("GAZA CITY - Strikes continued overnight.", "Strikes continued overnight.");
}

static void test_split_drops_title_case_and_colon_datelines(void **state) {
    (void)state;
    SPLIT("Moscow, Jan 5 (AFP) - Russia expelled two diplomats.", "Russia expelled two diplomats.");
    SPLIT("New Delhi (Reuters) - India protested.", "India protested.");
    SPLIT("LYON: Interpol has said it will send a team.", "Interpol has said it will send a team.");
    /* a title-case name needs the agency; a colon only at a story's head */
    SPLIT("Russia - and Iran - signed.", "Russia - and Iran - signed.");
    SPLIT("Putin (left) met Xi.", "Putin (left) met Xi.");
    SPLIT("It ended.\nPARIS: talks resume.", "It ended.", "PARIS: talks resume.");
}

static void test_split_dateline_of_one_sentence(void **state) {
    (void)state;
    const char *s = "WASHINGTON - The United States imposed sanctions.";
    assert_int_equal(ent_split_dateline(s, strlen(s)), strlen("WASHINGTON - "));
    s = "LYON: Interpol said so.";
    assert_int_equal(ent_split_dateline(s, strlen(s)), strlen("LYON: "));
    s = "UPDATE: Iran talks resume.";
    assert_int_equal(ent_split_dateline(s, strlen(s)), 0);
    s = "Russia said so.";
    assert_int_equal(ent_split_dateline(s, strlen(s)), 0);
}

static void test_split_keeps_sentences_that_look_like_datelines(void **state) {
    (void)state;
    SPLIT("U.S. - China talks resumed.", "U.S. - China talks resumed.");
    SPLIT("NATO - the alliance - met.", "NATO - the alliance - met.");
    SPLIT("UPDATE: Iran talks resume.", "UPDATE: Iran talks resume.");
    SPLIT("MOSCOW-based analysts agreed.", "MOSCOW-based analysts agreed.");
}

static void test_split_headline_before_blank_line_is_a_sentence(void **state) {
    (void)state;
    SPLIT("Iran and Russia sign defence pact\n\nMOSCOW (Reuters) - Russia signed. It was quick.",
          "Iran and Russia sign defence pact", "Russia signed.", "It was quick.");
}

static void test_split_dateline_on_next_line_ends_a_headline(void **state) {
    (void)state;
    SPLIT("Iran and Russia sign pact\nMOSCOW (Reuters) - Russia signed.",
          "Iran and Russia sign pact", "Russia signed.");
}

static void test_split_bullets_are_sentences_without_markers(void **state) {
    (void)state;
    SPLIT("Key points:\n- Russia sent troops\n- Iran sent drones\n* Talks stalled\n"
          "1. First item\n2) Second item\n\xE2\x80\xA2 Third item",
          "Key points:", "Russia sent troops", "Iran sent drones", "Talks stalled", "First item",
          "Second item", "Third item");
}

static void test_split_wrapped_line_is_not_a_boundary(void **state) {
    (void)state;
    SPLIT("Russia said on Tuesday that\nit would respond to the\nsanctions.",
          "Russia said on Tuesday that\nit would respond to the\nsanctions.");
}

static void test_split_spans_exclude_surrounding_whitespace(void **state) {
    (void)state;
    const char *t = "  \n First one.   Second one.\n\n ";
    ent_span sp[4];
    assert_int_equal(ent_split(t, strlen(t), sp, 4), 2);
    assert_int_equal(sp[0].begin, 4);
    assert_int_equal(sp[0].end, 14);
    assert_int_equal(sp[1].begin, 17);
    assert_int_equal(sp[1].end, 28);
}

static void test_split_returns_total_when_room_is_short(void **state) {
    (void)state;
    const char *t = "One. Two. Three.";
    ent_span sp[1];
    assert_int_equal(ent_split(t, strlen(t), sp, 1), 3);
    assert_int_equal(sp[0].end, 4);
    assert_int_equal(ent_split(t, strlen(t), NULL, 0), 3);
}

static void test_split_empty_and_whitespace_only_give_nothing(void **state) {
    (void)state;
    ent_span sp[2];
    assert_int_equal(ent_split("", 0, sp, 2), 0);
    assert_int_equal(ent_split(" \n\t\r\n  ", 7, sp, 2), 0);
    assert_int_equal(ent_split(NULL, 5, sp, 2), 0);
}

static void test_split_abbreviation_classes_are_found_across_the_table(void **state) {
    (void)state;
    /* first and last entries, both cases, dotted forms: the table is
     * searched by halves, so an entry out of order would be lost */
    assert_int_equal(ent_abbrev_class("Adm", 3), ENT_ABBR_TITLE);
    assert_int_equal(ent_abbrev_class("vs", 2), ENT_ABBR_NEVER);
    assert_int_equal(ent_abbrev_class("Wyo", 3), ENT_ABBR_END);
    assert_int_equal(ent_abbrev_class("al", 2), ENT_ABBR_END);
    assert_int_equal(ent_abbrev_class("Sept", 4), ENT_ABBR_MONTH);
    assert_int_equal(ent_abbrev_class("No", 2), ENT_ABBR_NUMBER);
    assert_int_equal(ent_abbrev_class("e.g", 3), ENT_ABBR_NEVER);
    assert_int_equal(ent_abbrev_class("Messrs", 6), ENT_ABBR_TITLE);
    assert_int_equal(ent_abbrev_class("U.S", 3), ENT_ABBR_ACRONYM);
    assert_int_equal(ent_abbrev_class("Ph.D", 4), ENT_ABBR_ACRONYM);
    assert_int_equal(ent_abbrev_class("J", 1), ENT_ABBR_INITIAL);
    assert_int_equal(ent_abbrev_class("May", 3), ENT_ABBR_NONE);
    assert_int_equal(ent_abbrev_class("said", 4), ENT_ABBR_NONE);
    assert_int_equal(ent_abbrev_class("GEN", 3), ENT_ABBR_NONE);
    assert_int_equal(ent_abbrev_class("a..b", 4), ENT_ABBR_NONE);
    assert_int_equal(ent_abbrev_class("", 0), ENT_ABBR_NONE);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Split a hostile text of n bytes; check spans and return the time. */
static double split_hostile(const char *text, size_t n, int *count) {
    int cap = (int)(n / 2) + 1024; /* a sentence takes a byte and a space */
    ent_span *sp = malloc((size_t)cap * sizeof *sp);
    assert_non_null(sp);
    double t0 = now_s();
    int k = ent_split(text, n, sp, cap);
    double dt = now_s() - t0;
    assert_true(k <= cap);
    assert_true(check_invariants(text, n, sp, k));
    *count = k;
    free(sp);
    return dt;
}

static void test_split_ten_megabyte_sentence_is_cut_and_bounded(void **state) {
    (void)state;
    size_t n = 10u << 20;
    char *t = malloc(n + 1);
    assert_non_null(t);
    /* words without any stop */
    for (size_t i = 0; i < n; i++) t[i] = (i % 7 == 6) ? ' ' : 'a';
    t[n] = '\0';
    int k;
    double dt = split_hostile(t, n, &k);
    assert_true(k >= (int)(n / ENT_SPLIT_MAX_BYTES));
    assert_true(dt < 2.0);
    /* no spaces at all, and multi-byte characters at the cut */
    for (size_t i = 0; i + 1 < n; i += 2) {
        t[i] = (char)0xD0;
        t[i + 1] = (char)0x96;
    }
    dt = split_hostile(t, n, &k);
    assert_true(dt < 2.0);
    ent_span sp[1];
    ent_split(t, n, sp, 1);
    assert_true((sp[0].end & 1) == 0); /* not inside a two-byte character */
    free(t);
}

static void test_split_deep_brackets_and_dot_runs_are_bounded(void **state) {
    (void)state;
    size_t n = 2000000;
    char *t = malloc(n + 1);
    assert_non_null(t);
    for (size_t i = 0; i < n; i++) t[i] = i < n / 2 ? '(' : ')';
    t[n] = '\0';
    int k;
    assert_true(split_hostile(t, n, &k) < 2.0);
    memset(t, '.', n);
    assert_true(split_hostile(t, n, &k) < 2.0);
    for (size_t i = 0; i < n; i++) t[i] = ".)"[i % 2];
    assert_true(split_hostile(t, n, &k) < 2.0);
    for (size_t i = 0; i < n; i++) t[i] = "\n "[i % 2];
    assert_true(split_hostile(t, n, &k) < 2.0);
    assert_int_equal(k, 0);
    free(t);
}

static void test_split_binary_junk_keeps_invariants(void **state) {
    (void)state;
    size_t n = 1u << 20;
    unsigned char *t = malloc(n);
    assert_non_null(t);
    uint32_t x = 12345;
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            unsigned char c = (unsigned char)(x >> 16);
            /* rounds 2-3 favour the bytes the splitter looks at */
            if (round >= 2) c = (unsigned char)".!? \n\"')(-A a1"[c % 15];
            t[i] = c;
        }
        int k;
        assert_true(split_hostile((const char *)t, n, &k) < 2.0);
    }
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_title_abbreviations_never_end_a_sentence),
        cmocka_unit_test(test_split_month_abbreviation_before_a_day),
        cmocka_unit_test(test_split_number_abbreviation_before_a_digit),
        cmocka_unit_test(test_split_dotted_acronym_continues_before_a_name),
        cmocka_unit_test(test_split_dotted_acronym_ends_before_a_sentence_opener),
        cmocka_unit_test(test_split_time_abbreviations),
        cmocka_unit_test(test_split_company_suffix_and_etc),
        cmocka_unit_test(test_split_vs_and_eg_never_end_a_sentence),
        cmocka_unit_test(test_split_initials_stay_inside),
        cmocka_unit_test(test_split_decimals_and_numbers_stay_inside),
        cmocka_unit_test(test_split_closing_quote_after_stop_joins_the_sentence),
        cmocka_unit_test(test_split_closing_bracket_after_stop_joins_the_sentence),
        cmocka_unit_test(test_split_question_and_exclamation),
        cmocka_unit_test(test_split_ellipsis_ends_only_before_a_capital),
        cmocka_unit_test(test_split_stop_inside_a_token_is_not_a_boundary),
        cmocka_unit_test(test_split_drops_reuters_dateline),
        cmocka_unit_test(test_split_drops_ap_dateline_with_date),
        cmocka_unit_test(test_split_drops_datelines_of_other_agencies),
        cmocka_unit_test(test_split_drops_city_and_region_dateline),
        cmocka_unit_test(test_split_drops_title_case_and_colon_datelines),
        cmocka_unit_test(test_split_dateline_of_one_sentence),
        cmocka_unit_test(test_split_keeps_sentences_that_look_like_datelines),
        cmocka_unit_test(test_split_headline_before_blank_line_is_a_sentence),
        cmocka_unit_test(test_split_dateline_on_next_line_ends_a_headline),
        cmocka_unit_test(test_split_bullets_are_sentences_without_markers),
        cmocka_unit_test(test_split_wrapped_line_is_not_a_boundary),
        cmocka_unit_test(test_split_spans_exclude_surrounding_whitespace),
        cmocka_unit_test(test_split_returns_total_when_room_is_short),
        cmocka_unit_test(test_split_empty_and_whitespace_only_give_nothing),
        cmocka_unit_test(test_split_abbreviation_classes_are_found_across_the_table),
        cmocka_unit_test(test_split_ten_megabyte_sentence_is_cut_and_bounded),
        cmocka_unit_test(test_split_deep_brackets_and_dot_runs_are_bounded),
        cmocka_unit_test(test_split_binary_junk_keeps_invariants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
