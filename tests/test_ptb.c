/* test_ptb.c -- Penn Treebank reader: shapes it builds and errors it names. */
#include "tree_fixture.h"

#include "diag.h"
#include "petrxml.h"
#include "ptb.h"
#include "tree.h"

static int read_str(fixture *f, const char *s, long line) {
    return ent_ptb_read(&f->t, s, strlen(s), &f->d, "doc.xml", line);
}

/* Reads `s`, expects failure and exactly one message equal to `want`. */
static void expect_error(fixture *f, const char *s, long line, const char *want) {
    char msg[1200];
    int before = f->d.count;
    assert_int_equal(read_str(f, s, line), -1);
    assert_int_equal(f->d.count, before + 1);
    ent_diag_format(&f->d, before, msg, sizeof msg);
    assert_string_equal(msg, want);
    assert_int_equal(f->t.n_nodes, 0);
    assert_int_equal(f->t.root, -1);
}

static void test_ptb_reads_nested_phrases(void **state) {
    fixture *f = *state;
    const char *s = "(ROOT (S (NP (NNP Rohan)) (VP (VBD thanked) (NP (NNP Gondor))"
                    " (PP (IN for) (NP (DT the) (NN help)))) (. .)))";
    assert_int_equal(read_str(f, s, 1), 0);
    assert_string_equal(render(f), s);
    assert_int_equal(f->t.n_tokens, 7);
    assert_string_equal(f->t.tokens[1].text, "thanked");
    assert_string_equal(f->t.tokens[1].tag, "VBD");
    assert_string_equal(f->t.tokens[0].upper, "ROHAN");
    assert_int_equal(f->t.tokens[0].start, -1);
    assert_int_equal(f->t.tokens[0].end, -1);

    const ent_node *root = &f->t.nodes[f->t.root];
    assert_int_equal(root->kind, ENT_N_ROOT);
    assert_int_equal(root->begin, 0);
    assert_int_equal(root->end, 7);
    const ent_node *sn = &f->t.nodes[root->first_child];
    assert_int_equal(sn->kind, ENT_N_S);
    const ent_node *np = &f->t.nodes[sn->first_child];
    assert_int_equal(np->kind, ENT_N_NP);
    const ent_node *vp = &f->t.nodes[np->next_sibling];
    assert_int_equal(vp->kind, ENT_N_VP);
    assert_int_equal(vp->begin, 1);
    assert_int_equal(vp->end, 6);
    /* The preterminal of "thanked" is the VP's first child. */
    assert_int_equal(vp->first_child, f->t.tokens[1].node);
    assert_int_equal(f->t.nodes[vp->first_child].kind, ENT_N_LEAF);
}

static void test_ptb_accepts_newlines_and_spaces_anywhere(void **state) {
    fixture *f = *state;
    const char *s = "\n  ( ROOT\n(S\t(NP (NNP   Rohan\n)\n)\r\n (VP(VBD fled ) ) )\n)  \n";
    assert_int_equal(read_str(f, s, 10), 0);
    assert_string_equal(render(f), "(ROOT (S (NP (NNP Rohan)) (VP (VBD fled))))");
}

static void test_ptb_labels_unlabelled_outer_bracket_root(void **state) {
    fixture *f = *state;
    assert_int_equal(read_str(f, "( (S (NP (PRP We)) (VP (VBD left))) )", 1), 0);
    assert_string_equal(render(f), "(ROOT (S (NP (PRP We)) (VP (VBD left))))");
    assert_int_equal(f->t.nodes[f->t.root].kind, ENT_N_ROOT);
}

static void test_ptb_keeps_treebank_token_spellings(void **state) {
    fixture *f = *state;
    const char *s = "(ROOT (S (`` ``) (NP (NP (NNP Eriador) (POS 's)) (NN king))"
                    " (VP (MD could) (RB n't) (VP (VB come) (-LRB- -LRB-) (NN x)"
                    " (-RRB- -RRB-))) ('' '') (. .)))";
    assert_int_equal(read_str(f, s, 1), 0);
    assert_string_equal(render(f), s);
    const char *want[] = {"``",   "Eriador", "'s", "king",  "could", "n't",
                          "come", "-LRB-",   "x",  "-RRB-", "''",    "."};
    assert_int_equal(f->t.n_tokens, 12);
    for (int i = 0; i < 12; i++) assert_string_equal(f->t.tokens[i].text, want[i]);
    assert_string_equal(f->t.tokens[2].tag, "POS");
    assert_string_equal(f->t.tokens[7].tag, "-LRB-");
}

static void test_ptb_reuses_tree_across_sentences(void **state) {
    fixture *f = *state;
    assert_int_equal(read_str(f, "(ROOT (S (NP (NNP A)) (VP (VBD b))))", 1), 0);
    assert_int_equal(read_str(f, "(ROOT (NP (NN c)))", 1), 0);
    assert_int_equal(f->t.n_tokens, 1);
    assert_string_equal(render(f), "(ROOT (NP (NN c)))");
}

static void test_ptb_reports_empty_input_with_line(void **state) {
    fixture *f = *state;
    expect_error(f, "", 7, "doc.xml:7: empty parse");
    expect_error(f, " \n\n  ", 7, "doc.xml:9: empty parse");
}

static void test_ptb_reports_unbalanced_bracket_with_line(void **state) {
    fixture *f = *state;
    expect_error(f, "(ROOT\n (S (NP (NNP A))\n (VP (VBD b)))\n", 20,
                 "doc.xml:23: unbalanced brackets: 1 left open at the end of the parse "
                 "(outermost opened on line 20)");
    expect_error(f, "(ROOT (S (NP (NNP A))))\n)", 5,
                 "doc.xml:6: unbalanced brackets: extra ')' after the tree");
    expect_error(f, "(ROOT (S\n (NP (NNP A", 3,
                 "doc.xml:4: unbalanced brackets: '(' opened on line 4 is never closed");
}

static void test_ptb_reports_leaf_without_word_with_line(void **state) {
    fixture *f = *state;
    expect_error(f, "(ROOT\n(S\n(NP (NNP ))))", 1, "doc.xml:3: leaf (NNP) has no word");
    expect_error(f, "(ROOT (S ()))", 2, "doc.xml:2: empty brackets '()'");
    /* With no word, the one atom is taken as the tag. */
    expect_error(f, "(ROOT (S\n( Rohan)))", 2, "doc.xml:3: leaf (Rohan) has no word");
    expect_error(f, "(ROOT (S (NN two words)))", 1,
                 "doc.xml:1: leaf (NN ...) holds more than one word");
    expect_error(f, "(ROOT (S (NP (NN a)) stray))", 1,
                 "doc.xml:1: word 'stray' outside a (TAG word) leaf");
    expect_error(f, "(ROOT (S\n ( (NN a))))", 1, "doc.xml:2: phrase without a label");
}

static void test_ptb_reports_junk_after_tree_with_line(void **state) {
    fixture *f = *state;
    expect_error(f, "(ROOT (NP (NN a)))\n\n extra", 4,
                 "doc.xml:6: unexpected 'extra' after the end of the tree");
    expect_error(f, "(ROOT (NP (NN a)))\n(ROOT (NP (NN b)))", 1,
                 "doc.xml:2: unexpected '(' after the end of the tree");
    expect_error(f, "\n  NP (NN a))", 1, "doc.xml:2: parse must start with '(', found 'NP'");
}

static void test_ptb_rejects_deep_nesting_without_crash(void **state) {
    fixture *f = *state;
    size_t n = 100000;
    char *s = malloc(4 * n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++) memcpy(s + 4 * i, "(NP ", 4);
    s[4 * n] = '\0';
    char msg[256];
    assert_int_equal(ent_ptb_read(&f->t, s, 4 * n, &f->d, "deep", 1), -1);
    assert_int_equal(f->d.count, 1);
    ent_diag_format(&f->d, 0, msg, sizeof msg);
    assert_string_equal(msg, "deep:1: parse nested deeper than 512 brackets");
    free(s);

    /* One open per line, so the failing line is checkable. */
    ent_buf b = {0};
    for (int i = 0; i < 1000; i++) assert_int_equal(ent_buf_puts(&b, "(X\n"), 0);
    assert_int_equal(ent_ptb_read(&f->t, b.data, b.len, &f->d, "deep", 1), -1);
    ent_diag_format(&f->d, 1, msg, sizeof msg);
    assert_string_equal(msg, "deep:513: parse nested deeper than 512 brackets");
    ent_buf_free(&b);
}

static void test_ptb_accepts_nesting_up_to_the_limit(void **state) {
    fixture *f = *state;
    ent_buf b = {0};
    /* 511 phrases + one preterminal = 512 brackets deep. */
    for (int i = 0; i < ENT_PTB_MAX_DEPTH - 1; i++) assert_int_equal(ent_buf_puts(&b, "(X "), 0);
    assert_int_equal(ent_buf_puts(&b, "(NN a)"), 0);
    for (int i = 0; i < ENT_PTB_MAX_DEPTH - 1; i++) assert_int_equal(ent_buf_putc(&b, ')'), 0);
    assert_int_equal(ent_ptb_read(&f->t, b.data, b.len, &f->d, "deep", 1), 0);
    assert_int_equal(f->t.n_nodes, ENT_PTB_MAX_DEPTH);
    assert_int_equal(f->t.n_tokens, 1);
    ent_buf_free(&b);
}

static void test_ptb_rejects_binary_junk_without_crash(void **state) {
    fixture *f = *state;
    const char junk[] = {'(', 'S', ' ', '(', 'N', 'N', ' ', '\x01', '\0', '\xff', ')', '\x80'};
    char msg[256];
    assert_int_equal(ent_ptb_read(&f->t, junk, sizeof junk, &f->d, "bin", 1), -1);
    assert_int_equal(f->d.count, 1);
    ent_diag_format(&f->d, 0, msg, sizeof msg);
    assert_string_equal(msg, "bin:1: word '?' outside a (TAG word) leaf");
    /* Non-printable bytes never reach a message as they are. */
    const char junk2[] = {'\x02', '\x7f', 'a'};
    assert_int_equal(ent_ptb_read(&f->t, junk2, sizeof junk2, &f->d, "bin", 1), -1);
    ent_diag_format(&f->d, 1, msg, sizeof msg);
    assert_string_equal(msg, "bin:1: parse must start with '(', found '??a'");
}

/* Every Treebank parse of the PETRARCH unit-test records must read, except
 * the ones the records themselves mark as broken (error="bad_input_parse"),
 * which must be refused with a message inside their <Parse>. */
static void test_ptb_reads_every_petrarch_record(void **state) {
    fixture *f = *state;
    const char *peers = tu_peers();
    if (!peers) {
        print_message("skipped: PETRARCH reference data not found (set ENTENTE_PEERS)\n");
        skip();
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/records/PETR.UnitTest.records.xml", peers);
    ent_petrxml *r = ent_petrxml_open(path, &f->d);
    assert_non_null(r);
    ent_record rec;
    int rc, sentences = 0, tokens = 0, refused = 0;
    while ((rc = ent_petrxml_next(r, &rec)) == 1) {
        if (rec.kind != ENT_REC_SENTENCE) continue;
        sentences++;
        assert_non_null(rec.parse);
        int broken = rec.expect_error && !strcmp(rec.expect_error, "bad_input_parse");
        int before = f->d.count;
        int got = ent_ptb_read(&f->t, rec.parse, strlen(rec.parse), &f->d, path, rec.parse_line);
        char msg[1200] = "";
        if (f->d.count > before) ent_diag_format(&f->d, f->d.count - 1, msg, sizeof msg);
        if (broken) {
            if (got != -1) fail_msg("%s: broken parse was accepted", rec.id);
            assert_int_equal(f->d.count, before + 1);
            long line = f->d.msgs[before].line;
            long lines = 0;
            for (const char *p = rec.parse; *p; p++) lines += *p == '\n';
            assert_true(line >= rec.parse_line && line <= rec.parse_line + lines);
            refused++;
            continue;
        }
        if (got != 0) fail_msg("%s: %s", rec.id ? rec.id : "?", msg);
        assert_true(f->t.n_tokens > 0);
        tokens += f->t.n_tokens;
    }
    ent_petrxml_close(r);
    assert_int_equal(rc, 0);
    assert_int_equal(sentences, 284);
    assert_int_equal(refused, 2);
    assert_int_equal(f->d.count, 2);
    assert_true(tokens > 284 * 5);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ptb_reads_nested_phrases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ptb_accepts_newlines_and_spaces_anywhere, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ptb_labels_unlabelled_outer_bracket_root, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ptb_keeps_treebank_token_spellings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ptb_reuses_tree_across_sentences, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ptb_reports_empty_input_with_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ptb_reports_unbalanced_bracket_with_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ptb_reports_leaf_without_word_with_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ptb_reports_junk_after_tree_with_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ptb_rejects_deep_nesting_without_crash, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ptb_accepts_nesting_up_to_the_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ptb_rejects_binary_junk_without_crash, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ptb_reads_every_petrarch_record, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
