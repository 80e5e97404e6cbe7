/* test_tagger.c -- part-of-speech tags: accuracy against the Treebank parses
 * of PETRARCH's unit-test records, and the behaviours the parser relies on
 * (names, clitics, numbers, punctuation, odd input). */
#include "testutil.h"

#include "diag.h"
#include "petrxml.h"
#include "ptb.h"
#include "tagger.h"
#include "tree.h"

#define MAXW 256

/* Tags the space-separated words of `sentence` into tags (at most MAXW). */
static int tag_line(ent_tagger_state *s, const char *sentence, char (*tags)[8], char *buf,
                    size_t cap, const char **words) {
    size_t n = strlen(sentence);
    assert_true(n < cap);
    memcpy(buf, sentence, n + 1);
    int nw = 0;
    for (char *p = strtok(buf, " "); p && nw < MAXW; p = strtok(NULL, " ")) words[nw++] = p;
    assert_int_equal(ent_tag(s, words, nw, tags), 0);
    return nw;
}

/* Expect word `idx` of `sentence` to be tagged `want`; prints the whole
 * tagging when it is not. */
static void expect_tag(const char *sentence, int idx, const char *want) {
    ent_tagger_state *s = ent_tagger_state_new();
    assert_non_null(s);
    char buf[2048], tags[MAXW][8];
    const char *words[MAXW];
    int nw = tag_line(s, sentence, tags, buf, sizeof buf, words);
    assert_true(idx < nw);
    if (strcmp(tags[idx], want) != 0) {
        fprintf(stderr, "input:    %s\nexpected: word %d (%s) tagged %s\nactual:  ", sentence,
                idx, words[idx], want);
        for (int i = 0; i < nw; i++) fprintf(stderr, " %s/%s", words[i], tags[i]);
        fprintf(stderr, "\n");
    }
    assert_string_equal(tags[idx], want);
    ent_tagger_state_free(s);
}

static void test_tagger_known_words(void **state) {
    (void)state;
    expect_tag("The minister signed the agreement .", 0, "DT");
    expect_tag("The minister signed the agreement .", 1, "NN");
    expect_tag("The minister signed the agreement .", 2, "VBD");
    expect_tag("They will meet in the capital .", 1, "MD");
    expect_tag("They will meet in the capital .", 2, "VB");
    expect_tag("They will meet in the capital .", 3, "IN");
    expect_tag("He wants to talk .", 2, "TO");
    expect_tag("The leaders of both states met .", 2, "IN");
    expect_tag("Police arrested him at his home .", 4, "PRP$");
    expect_tag("Police arrested him at his home .", 2, "PRP");
    expect_tag("They praised her courage .", 2, "PRP$");
    expect_tag("They praised her .", 2, "PRP");
}

static void test_tagger_unknown_names_mid_sentence(void **state) {
    (void)state;
    expect_tag("Troops from Arnor entered Osgiliath on Monday .", 2, "NNP");
    expect_tag("Troops from Arnor entered Osgiliath on Monday .", 4, "NNP");
    expect_tag("The envoy met Calenardhon officials in Gondor .", 2, "VBD");
    expect_tag("The envoy met Calenardhon officials in Gondor .", 3, "NNP");
    expect_tag("The envoy met Calenardhon officials in Gondor .", 6, "NNP");
    /* Sentence-initial unknown capitalised word: still a name. */
    expect_tag("Gondor accused Mordor of aggression .", 0, "NNP");
    expect_tag("Gondor accused Mordor of aggression .", 1, "VBD");
    /* A known common word, capitalised inside a title, is part of the name. */
    expect_tag("He spoke to Foreign Minister Denethor yesterday .", 3, "NNP");
    expect_tag("He spoke to Foreign Minister Denethor yesterday .", 4, "NNP");
}

static void test_tagger_unknown_suffixes(void **state) {
    (void)state;
    expect_tag("They were glorbing the fields .", 2, "VBG");
    expect_tag("Rebels blorped the convoy on Monday .", 1, "VBD");
    expect_tag("The rebels fought snarfily .", 3, "RB");
    expect_tag("He has blorfed the plan .", 2, "VBN");
    expect_tag("The greplications were denied .", 1, "NNS");
}

static void test_tagger_numbers(void **state) {
    (void)state;
    expect_tag("Rebels killed 12 soldiers .", 2, "CD");
    expect_tag("The deal is worth 1,200,000 dollars .", 4, "CD");
    expect_tag("Prices rose 3.5 % in 1999 .", 2, "CD");
    expect_tag("Prices rose 3.5 % in 1999 .", 5, "CD");
    expect_tag("It costs $ 5 .", 2, "$");
}

static void test_tagger_punctuation(void **state) {
    (void)state;
    const char *s = "`` We will fight , '' he said -LRB- on Monday -RRB- ; -- then left ... ?";
    expect_tag(s, 0, "``");
    expect_tag(s, 4, ",");
    expect_tag(s, 5, "''");
    expect_tag(s, 8, "-LRB-");
    expect_tag(s, 11, "-RRB-");
    expect_tag(s, 12, ":");
    expect_tag(s, 13, ":");
    expect_tag(s, 16, ":");
    expect_tag(s, 17, ".");
    expect_tag("Room # 5 is closed .", 1, "#");
}

static void test_tagger_clitics(void **state) {
    (void)state;
    expect_tag("Gondor does n't want war .", 2, "RB");
    expect_tag("Gondor 's army attacked .", 1, "POS");
    expect_tag("He 's leaving today .", 1, "VBZ");
    expect_tag("It 's a crisis .", 1, "VBZ");
    expect_tag("They 'll attack .", 1, "MD");
}

static void test_tagger_empty_input(void **state) {
    (void)state;
    ent_tagger_state *s = ent_tagger_state_new();
    assert_non_null(s);
    char tags[1][8] = {"x"};
    assert_int_equal(ent_tag(s, NULL, 0, tags), 0);
    assert_string_equal(tags[0], "x");   /* untouched */
    const char *empty[] = {""};
    assert_int_equal(ent_tag(s, empty, 1, tags), 0);
    assert_true(strlen(tags[0]) > 0);
    ent_tagger_state_free(s);
    ent_tagger_state_free(NULL);
}

/* The decoder's work, counted in trellis cells (ent_tag_cells), on 4,160
 * words is four times its work on 1,040 (5% either way): a quadratic
 * step would make it sixteen times.  A clock could not tell the two apart
 * reliably on a loaded machine; the count is exact.  The 10,400-word
 * sentence is still tagged right, and the state then serves a short one. */
static void test_tagger_decoder_work_is_linear(void **state) {
    (void)state;
    enum { CYCLE = 13, N = 800 * CYCLE };
    static const char *cycle[CYCLE] = {"The", "army", "of", "Gondor", "attacked", "Osgiliath",
                                       "on", "12", "March", ",", "officials", "said", "."};
    const char **words = malloc(N * sizeof *words);
    char (*tags)[8] = malloc(N * sizeof *tags);
    assert_non_null(words);
    assert_non_null(tags);
    for (int i = 0; i < N; i++) words[i] = cycle[i % CYCLE];
    ent_tagger_state *s = ent_tagger_state_new();
    assert_non_null(s);
    assert_int_equal(ent_tag(s, words, 80 * CYCLE, tags), 0);
    int64_t short_cells = ent_tag_cells(s);
    assert_int_equal(ent_tag(s, words, 320 * CYCLE, tags), 0);
    int64_t long_cells = ent_tag_cells(s);
    if (long_cells * 100 < short_cells * 4 * 95 || long_cells * 100 > short_cells * 4 * 105)
        fprintf(stderr, "trellis cells: %lld for 1,040 words, %lld for 4,160\n",
                (long long)short_cells, (long long)long_cells);
    assert_true(short_cells >= 80 * CYCLE);
    assert_true(long_cells * 100 >= short_cells * 4 * 95);
    assert_true(long_cells * 100 <= short_cells * 4 * 105);

    assert_int_equal(ent_tag(s, words, N, tags), 0);
    for (int i = 0; i < N; i++) assert_true(tags[i][0] != '\0');
    assert_string_equal(tags[3], "NNP");
    assert_string_equal(tags[CYCLE * 700 + 3], "NNP");
    /* The same state serves a short sentence next. */
    const char *two[] = {"Gondor", "protested"};
    assert_int_equal(ent_tag(s, two, 2, tags), 0);
    assert_string_equal(tags[1], "VBD");
    ent_tagger_state_free(s);
    free(words);
    free(tags);
}

static void test_tagger_odd_bytes(void **state) {
    (void)state;
    static char longw[5000];
    memset(longw, 'a', sizeof longw - 4);
    memcpy(longw + sizeof longw - 4, "ing", 4);
    const char *words[] = {"\xff\xfe", "Caf\xc3\xa9", "\x01", "na\xc3\xafve", longw,
                           "A-1", "--", "''''", "'", "`", "-", "$$", "\xe2\x80\x94", "."};
    int n = (int)(sizeof words / sizeof words[0]);
    char tags[16][8];
    ent_tagger_state *s = ent_tagger_state_new();
    assert_non_null(s);
    assert_int_equal(ent_tag(s, words, n, tags), 0);
    for (int i = 0; i < n; i++) {
        size_t l = strlen(tags[i]);
        assert_true(l > 0 && l <= 5);
    }
    /* A NULL word is treated as empty, not dereferenced. */
    const char *withnull[] = {"Gondor", NULL, "fled"};
    assert_int_equal(ent_tag(s, withnull, 3, tags), 0);
    ent_tagger_state_free(s);
}

/* ---- accuracy against the unit-test records' parses --------------------- */

#define NTAGS_SEEN 64

static int tag_slot(char names[][8], int *n, const char *t) {
    for (int i = 0; i < *n; i++)
        if (strcmp(names[i], t) == 0) return i;
    if (*n == NTAGS_SEEN) return NTAGS_SEEN - 1;
    snprintf(names[*n], 8, "%s", t);
    return (*n)++;
}

static int is_punct_tag(const char *t) {
    return !strcmp(t, ",") || !strcmp(t, ".") || !strcmp(t, ":") || !strcmp(t, "``") ||
           !strcmp(t, "''") || !strcmp(t, "-LRB-") || !strcmp(t, "-RRB-") || !strcmp(t, "#") ||
           !strcmp(t, "$");
}

static void test_tagger_accuracy_on_unit_test_records(void **state) {
    (void)state;
    const char *peers = tu_peers();
    if (!peers) {
        printf("tagger accuracy: skipped: PETRARCH reference data not found "
               "(../shared/peers/petrarch, or set ENTENTE_PEERS)\n");
        skip();
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/records/PETR.UnitTest.records.xml", peers);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open(path, &d);
    if (!r) {
        printf("tagger accuracy: skipped: cannot open %s\n", path);
        ent_diags_free(&d);
        skip();
    }
    ent_tree t;
    ent_tree_init(&t);
    ent_tagger_state *s = ent_tagger_state_new();
    assert_non_null(s);
    static char names[NTAGS_SEEN][8];
    static long conf[NTAGS_SEEN][NTAGS_SEEN];
    int nnames = 0;
    long total = 0, right = 0, np_total = 0, np_right = 0;
    int records = 0, skipped = 0;
    ent_record rec;
    int rc;
    const char **words = NULL;
    char (*tags)[8] = NULL;
    int cap = 0;
    while ((rc = ent_petrxml_next(r, &rec)) == 1) {
        if (rec.kind != ENT_REC_SENTENCE || !rec.parse) continue;
        if (ent_ptb_read(&t, rec.parse, strlen(rec.parse), &d, path, rec.parse_line) != 0 ||
            t.n_tokens == 0) {
            skipped++;
            continue;
        }
        records++;
        if (t.n_tokens > cap) {
            cap = t.n_tokens * 2;
            words = realloc(words, (size_t)cap * sizeof *words);
            tags = realloc(tags, (size_t)cap * sizeof *tags);
            assert_non_null(words);
            assert_non_null(tags);
        }
        for (int i = 0; i < t.n_tokens; i++) words[i] = t.tokens[i].text;
        assert_int_equal(ent_tag(s, words, t.n_tokens, tags), 0);
        for (int i = 0; i < t.n_tokens; i++) {
            const char *gold = t.tokens[i].tag;
            int ok = strcmp(gold, tags[i]) == 0;
            total++;
            right += ok;
            if (!is_punct_tag(gold)) {
                np_total++;
                np_right += ok;
            }
            conf[tag_slot(names, &nnames, gold)][tag_slot(names, &nnames, tags[i])]++;
            if (!ok && getenv("ENTENTE_TAGGER_ERRORS"))
                printf("  %s: %s gold %s tagged %s\n", rec.id ? rec.id : "?", words[i], gold,
                       tags[i]);
        }
    }
    assert_int_equal(rc, 0);
    assert_true(total > 1000);
    double acc = 100.0 * (double)right / (double)total;
    printf("tagger accuracy: %ld/%ld = %.2f%% (all tokens), %.2f%% (non-punctuation)"
           " [%d records, %d parses skipped]\n",
           right, total, acc, 100.0 * (double)np_right / (double)np_total, records, skipped);
    /* Confusion summary: the most frequent gold -> tagged errors. */
    printf("tagger errors by gold -> tagged (most frequent first):\n");
    for (int shown = 0; shown < 15; shown++) {
        long bestc = 0;
        int bg = -1, bt = -1;
        for (int g = 0; g < nnames; g++)
            for (int k = 0; k < nnames; k++)
                if (g != k && conf[g][k] > bestc) { bestc = conf[g][k]; bg = g; bt = k; }
        if (bg < 0) break;
        printf("  %-6s -> %-6s %ld\n", names[bg], names[bt], bestc);
        conf[bg][bt] = -conf[bg][bt];   /* mark shown */
    }
    free(words);
    free(tags);
    ent_tagger_state_free(s);
    ent_tree_free(&t);
    ent_petrxml_close(r);
    ent_diags_free(&d);
    assert_true(acc >= 95.0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tagger_known_words),
        cmocka_unit_test(test_tagger_unknown_names_mid_sentence),
        cmocka_unit_test(test_tagger_unknown_suffixes),
        cmocka_unit_test(test_tagger_numbers),
        cmocka_unit_test(test_tagger_punctuation),
        cmocka_unit_test(test_tagger_clitics),
        cmocka_unit_test(test_tagger_empty_input),
        cmocka_unit_test(test_tagger_decoder_work_is_linear),
        cmocka_unit_test(test_tagger_odd_bytes),
        cmocka_unit_test(test_tagger_accuracy_on_unit_test_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
