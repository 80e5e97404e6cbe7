/* test_agree.c -- another coder's events file, and bracket agreement of two
 * parses of the same sentence. */
#include "testutil.h"

#include "agree.h"
#include "diag.h"
#include "ptb.h"
#include "tree.h"

static void read_ptb(ent_tree *t, const char *s) {
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    assert_int_equal(ent_ptb_read(t, s, strlen(s), &d, "test", 1), 0);
    ent_diags_free(&d);
}

/* The same tree scores 1 everywhere; the root and punctuation count for
 * nothing, whatever the outer bracket is called. */
static void test_parseval_same_tree_is_perfect_and_ignores_root_and_punctuation(void **state) {
    (void)state;
    ent_tree g, t;
    ent_tree_init(&g);
    ent_tree_init(&t);
    read_ptb(&g, "( (S (NP (NNP Rohan)) (VP (VBD met) (NP (NNP Gondor))) (. .)))");
    read_ptb(&t, "(ROOT (S (NP (NNP Rohan)) (VP (VBD met) (NP (NNP Gondor))) (. .)))");
    ent_parseval sum = {0}, one;
    assert_int_equal(ent_parseval_add(&sum, &one, &g, &t), 0);
    assert_int_equal(one.gold, 4);   /* S, NP, VP, NP: not the outer bracket */
    assert_int_equal(one.test, 4);
    assert_int_equal(one.matched, 4);
    assert_int_equal(one.tags, 4);
    assert_int_equal(one.tags_right, 4);
    assert_true(ent_parseval_f1(&sum) > 0.999);
    ent_tree_free(&g);
    ent_tree_free(&t);
}

/* A wrong attachment costs the brackets it moves, a wrong tag one token. */
static void test_parseval_counts_wrong_brackets_and_tags(void **state) {
    (void)state;
    ent_tree g, t;
    ent_tree_init(&g);
    ent_tree_init(&t);
    read_ptb(&g, "(ROOT (S (NP (NNP Rohan)) (VP (VBD met) (NP (NP (NNS envoys)) "
                 "(PP (IN of) (NP (NNP Gondor)))))))");
    read_ptb(&t, "(ROOT (S (NP (NNP Rohan)) (VP (VBD met) (NP (NNS envoys)) "
                 "(PP (IN of) (NP (NN Gondor))))))");
    ent_parseval sum = {0}, one;
    assert_int_equal(ent_parseval_add(&sum, &one, &g, &t), 0);
    /* gold: S NP VP NP(envoys of Gondor) NP(envoys) PP NP(Gondor) = 7;
     * test: S NP VP NP(envoys) PP NP(Gondor) = 6, all in gold */
    assert_int_equal(one.gold, 7);
    assert_int_equal(one.test, 6);
    assert_int_equal(one.matched, 6);
    assert_int_equal(one.tags, 5);
    assert_int_equal(one.tags_right, 4);
    assert_true(ent_parseval_precision(&sum) > 0.999);
    assert_true(ent_parseval_recall(&sum) < 0.86 && ent_parseval_recall(&sum) > 0.85);
    ent_tree_free(&g);
    ent_tree_free(&t);
}

/* Other tokens over the same characters still align ("cannot" / "can
 * not", an extra stop after "U.S."); tags are then not scored.  Other
 * words are skipped. */
static void test_parseval_aligns_on_characters_and_skips_other_words(void **state) {
    (void)state;
    ent_tree g, t;
    ent_tree_init(&g);
    ent_tree_init(&t);
    read_ptb(&g, "(ROOT (S (NP (NNP Arnor)) (VP (MD can) (RB not) (VP (VB go) (PP (TO to) "
                 "(NP (NNP U.S.))))) (. .)))");
    read_ptb(&t, "(ROOT (S (NP (NNP Arnor)) (VP (MD cannot) (VP (VB go) (PP (TO to) "
                 "(NP (NNP U.S.)))))))");
    ent_parseval sum = {0}, one;
    assert_int_equal(ent_parseval_add(&sum, &one, &g, &t), 0);
    assert_int_equal(one.matched, 6);
    assert_int_equal(one.gold, 6);
    assert_int_equal(one.tok_differ, 1);
    assert_int_equal(one.tags, 0);
    read_ptb(&t, "(ROOT (S (NP (NNP Rohan)) (VP (VBD went))))");
    assert_int_equal(ent_parseval_add(&sum, &one, &g, &t), 1);
    assert_int_equal(one.skipped, 1);
    assert_non_null(strstr(one.differ, "at character 0"));
    assert_int_equal(sum.scored, 1);
    assert_int_equal(sum.skipped, 1);
    ent_tree_free(&g);
    ent_tree_free(&t);
}

/* The header names the columns in any order; events come out sorted by
 * id, each once; a short line is reported with its line. */
static void test_agree_reads_events_by_header(void **state) {
    (void)state;
    char *path = tu_write_tmp("# made by hand\n"
                              "# code\tid\tsource\ttarget\n"
                              "190\tb-1\tROH\tGON\n"
                              "042\ta-1\tARN\tROH\n"
                              "190\tb-1\tROH\tGON\n"
                              "short\n"
                              "\n"
                              "0231\tb-1\tGON\tROH\n",
                              ".tsv");
    assert_non_null(path);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_agree_events e;
    assert_int_equal(ent_agree_read_events(&e, path, &d), 0);
    assert_int_equal(e.n, 3);
    assert_string_equal(e.ev[0].id, "a-1");
    assert_string_equal(e.ev[0].code, "042");
    size_t first;
    assert_int_equal(ent_agree_find(&e, "b-1", &first), 2);
    assert_int_equal(first, 1);
    assert_string_equal(e.ev[1].source, "GON");
    assert_string_equal(e.ev[2].target, "GON");
    assert_int_equal(ent_agree_find(&e, "c-1", &first), 0);
    assert_int_equal(d.count, 1);
    char msg[256], want[300];
    ent_diag_format(&d, 0, msg, sizeof msg);
    snprintf(want, sizeof want, "%s:6: an event line with 1 fields, fewer than the header's; skipped",
             path);
    assert_string_equal(msg, want);
    ent_agree_events_free(&e);
    ent_diags_free(&d);
    unlink(path);
    free(path);
}

static void test_agree_refuses_events_without_header(void **state) {
    (void)state;
    char *path = tu_write_tmp("190\tb-1\tROH\tGON\n", ".tsv");
    assert_non_null(path);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_agree_events e;
    assert_int_equal(ent_agree_read_events(&e, path, &d), -1);
    assert_int_equal(d.count, 1);
    assert_int_equal(ent_agree_read_events(&e, "/nonexistent/events.tsv", &d), -1);
    assert_int_equal(d.count, 2);
    ent_diags_free(&d);
    unlink(path);
    free(path);
}

/* Judgements: columns in any order, sorted for look-up, each look-up
 * marks its judgement used; a side or verdict of another form is reported
 * and skipped. */
static void test_agree_reads_judgements_and_finds_them(void **state) {
    (void)state;
    char *path = tu_write_tmp("# verdict\tid\tevent\tside\treason\n"
                              "petrarch2-right\tb-1\tROH>GON:190\tentente-only\tplace, not target\n"
                              "entente-right\ta-1\tARN>ROH:042\tpetrarch2-only\tno such visit\n"
                              "open\tb-1\tROH>GON:190\tpetrarch2-only\tunsure\n"
                              "maybe\ta-2\tARN>ROH:042\tentente-only\tbad verdict\n"
                              "both-wrong\ta-2\tARN>ROH:042\tnobody\tbad side\n",
                              ".tsv");
    assert_non_null(path);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_agree_judgements j;
    assert_int_equal(ent_agree_read_judgements(&j, path, &d), 0);
    assert_int_equal(j.n, 3);
    assert_int_equal(d.count, 2);
    assert_string_equal(j.other, "petrarch2");
    ent_agree_judgement *x = ent_agree_judged(&j, "b-1", 1, "ROH>GON:190");
    assert_non_null(x);
    assert_string_equal(x->verdict, "petrarch2-right");
    assert_string_equal(x->reason, "place, not target");
    assert_int_equal(x->line, 2);
    x = ent_agree_judged(&j, "b-1", 0, "ROH>GON:190");
    assert_non_null(x);
    assert_string_equal(x->verdict, "open");
    assert_null(ent_agree_judged(&j, "a-1", 1, "ARN>ROH:042"));   /* the other side */
    assert_null(ent_agree_judged(&j, "a-2", 1, "ARN>ROH:042"));   /* skipped */
    int used = 0;
    for (size_t i = 0; i < j.n; i++) used += j.j[i].used;
    assert_int_equal(used, 2);
    ent_agree_judgements_free(&j);
    /* no header: refused */
    char *bad = tu_write_tmp("b-1\tentente-only\tROH>GON:190\topen\tx\n", ".tsv");
    assert_non_null(bad);
    assert_int_equal(ent_agree_read_judgements(&j, bad, &d), -1);
    assert_int_equal(d.count, 3);
    ent_diags_free(&d);
    unlink(path);
    unlink(bad);
    free(path);
    free(bad);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parseval_same_tree_is_perfect_and_ignores_root_and_punctuation),
        cmocka_unit_test(test_parseval_counts_wrong_brackets_and_tags),
        cmocka_unit_test(test_parseval_aligns_on_characters_and_skips_other_words),
        cmocka_unit_test(test_agree_reads_events_by_header),
        cmocka_unit_test(test_agree_refuses_events_without_header),
        cmocka_unit_test(test_agree_reads_judgements_and_finds_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
