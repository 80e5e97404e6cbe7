/* test_conllu.c -- CoNLL-U blocks into Treebank-shaped trees. */
#include "tree_fixture.h"

#include "conllu.h"
#include "diag.h"
#include "petrxml.h"
#include "tree.h"

static int read_str(fixture *f, const char *s, long line) {
    return ent_conllu_read(&f->t, s, strlen(s), &f->d, "doc.xml", line);
}

static void expect_tree(fixture *f, const char *conllu, const char *want) {
    int rc = read_str(f, conllu, 1);
    if (rc != 0) {
        char msg[1200];
        ent_diag_format(&f->d, f->d.count - 1, msg, sizeof msg);
        fail_msg("read failed: %s", msg);
    }
    const char *got = render(f);
    if (strcmp(got, want) != 0)
        fail_msg("\n  input:\n%s\n  want: %s\n  got:  %s", conllu, want, got);
}

static void expect_error(fixture *f, const char *s, long line, const char *want) {
    char msg[1200];
    int before = f->d.count;
    assert_int_equal(read_str(f, s, line), -1);
    assert_int_equal(f->d.count, before + 1);
    ent_diag_format(&f->d, before, msg, sizeof msg);
    assert_string_equal(msg, want);
    assert_int_equal(f->t.n_nodes, 0);
}

static void test_conllu_builds_subject_np_before_vp_with_possessive(void **state) {
    fixture *f = *state;
    expect_tree(f,
                "1\tRohan\t_\tPROPN\tPROPN\t_\t3\tnmod:poss\n"
                "2\t's\t_\tPART\tPART\t_\t1\tcase\n"
                "3\tking\t_\tNOUN\tNOUN\t_\t5\tnsubj\n"
                "4\thas\t_\tAUX\tAUX\t_\t5\taux\n"
                "5\tsent\t_\tVERB\tVERB\t_\t0\troot\n"
                "6\ttroops\t_\tNOUN\tNOUN\t_\t5\tdobj\n"
                "7\tto\t_\tADP\tADP\t_\t8\tcase\n"
                "8\tEriador\t_\tPROPN\tPROPN\t_\t5\tnmod\n"
                "9\tand\t_\tCONJ\tCONJ\t_\t8\tcc\n"
                "10\tDunland\t_\tPROPN\tPROPN\t_\t8\tconj\n"
                "11\t.\t_\tPUNCT\tPUNCT\t_\t5\tpunct\n",
                "(ROOT (S (NP (NP (NNP Rohan) (POS 's)) (NN king))"
                " (VP (VBZ has) (VP (VBN sent) (NP (NNS troops))"
                " (PP (TO to) (NP (NP (NNP Eriador)) (CC and) (NP (NNP Dunland))))))"
                " (. .)))");
    const ent_node *s = &f->t.nodes[f->t.nodes[f->t.root].first_child];
    assert_int_equal(s->kind, ENT_N_S);
    assert_int_equal(f->t.nodes[s->first_child].kind, ENT_N_NP);
    assert_int_equal(f->t.nodes[f->t.nodes[s->first_child].next_sibling].kind, ENT_N_VP);
    for (int i = 0; i < f->t.n_tokens; i++) assert_int_equal(f->t.tokens[i].start, -1);
}

static void test_conllu_builds_complement_clauses_negation_and_copula(void **state) {
    fixture *f = *state;
    expect_tree(f,
                "1\tGondor\t_\tPROPN\tPROPN\t_\t2\tnsubj\n"
                "2\tsaid\t_\tVERB\tVERB\t_\t0\troot\n"
                "3\tthat\t_\tSCONJ\tSCONJ\t_\t7\tmark\n"
                "4\tit\t_\tPRON\tPRON\t_\t7\tnsubj\n"
                "5\twould\t_\tAUX\tAUX\t_\t7\taux\n"
                "6\tnot\t_\tPART\tPART\t_\t7\tneg\n"
                "7\tattack\t_\tVERB\tVERB\t_\t2\tccomp\n"
                "8\tbecause\t_\tSCONJ\tSCONJ\t_\t12\tmark\n"
                "9\tthe\t_\tDET\tDET\t_\t10\tdet\n"
                "10\tborder\t_\tNOUN\tNOUN\t_\t12\tnsubj\n"
                "11\twas\t_\tVERB\tVERB\t_\t12\tcop\n"
                "12\tcalm\t_\tADJ\tADJ\t_\t7\tadvcl\n"
                "13\t.\t_\tPUNCT\tPUNCT\t_\t2\tpunct\n",
                "(ROOT (S (NP (NNP Gondor)) (VP (VBD said) (SBAR (IN that)"
                " (S (NP (PRP it)) (VP (MD would) (RB not) (VP (VB attack) (SBAR (IN because)"
                " (S (NP (DT the) (NN border)) (VP (VBD was) (ADJP (JJ calm))))))))))"
                " (. .)))");
}

static void test_conllu_coordinates_noun_phrases_with_hoisted_conjunctions(void **state) {
    fixture *f = *state;
    /* UD v2 style: the comma and the CC hang from the later conjuncts. */
    expect_tree(f,
                "# sent_id = coord-1\n"
                "1\tArnor\t_\tPROPN\t_\t_\t6\tnsubj\t_\t_\n"
                "2\t,\t_\tPUNCT\t_\t_\t3\tpunct\t_\t_\n"
                "3\tGondor\t_\tPROPN\t_\t_\t1\tconj\t_\t_\n"
                "4\tand\t_\tCCONJ\t_\t_\t5\tcc\t_\t_\n"
                "5\tRohan\t_\tPROPN\t_\t_\t1\tconj\t_\t_\n"
                "6\tsigned\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
                "7\tthe\t_\tDET\t_\t_\t8\tdet\t_\t_\n"
                "8\ttreaty\t_\tNOUN\t_\t_\t6\tobj\t_\t_\n"
                "9\t.\t_\tPUNCT\t_\t_\t6\tpunct\t_\t_\n",
                "(ROOT (S (NP (NP (NNP Arnor)) (, ,) (NP (NNP Gondor)) (CC and) (NP (NNP Rohan)))"
                " (VP (VBD signed) (NP (DT the) (NN treaty))) (. .)))");
}

static void test_conllu_coordinates_verb_phrases_and_infinitives(void **state) {
    fixture *f = *state;
    expect_tree(f,
                "1\tEriador\t_\tPROPN\tPROPN\t_\t2\tnsubj\n"
                "2\tcondemned\t_\tVERB\tVERB\t_\t0\troot\n"
                "3\tthe\t_\tDET\tDET\t_\t4\tdet\n"
                "4\traid\t_\tNOUN\tNOUN\t_\t2\tdobj\n"
                "5\tand\t_\tCONJ\tCONJ\t_\t2\tcc\n"
                "6\tvowed\t_\tVERB\tVERB\t_\t2\tconj\n"
                "7\tto\t_\tPART\tPART\t_\t8\tmark\n"
                "8\trebuild\t_\tVERB\tVERB\t_\t6\txcomp\n"
                "9\tits\t_\tPRON\tPRON\t_\t11\tnmod:poss\n"
                "10\tbroken\t_\tVERB\tVERB\t_\t11\tamod\n"
                "11\tbridges\t_\tNOUN\tNOUN\t_\t8\tdobj\n",
                "(ROOT (S (NP (NNP Eriador)) (VP (VP (VBD condemned) (NP (DT the) (NN raid)))"
                " (CC and) (VP (VBD vowed) (S (VP (TO to) (VP (VB rebuild)"
                " (NP (PRP$ its) (VBN broken) (NNS bridges)))))))))");
}

static void test_conllu_uses_penn_xpos_and_features_when_present(void **state) {
    fixture *f = *state;
    expect_tree(f,
                "1\tRangers\t_\tPROPN\tNNPS\t_\t2\tnsubj\n"
                "2\tguard\t_\tVERB\t_\tTense=Pres\t0\troot\n"
                "3\tthe\t_\tDET\tDT\t_\t4\tdet\n"
                "4\tfords\t_\tNOUN\t_\tNumber=Plur\t2\tdobj\n",
                "(ROOT (S (NP (NNPS Rangers)) (VP (VBP guard) (NP (DT the) (NNS fords)))))");
}

static void test_conllu_skips_comments_ranges_and_empty_nodes(void **state) {
    fixture *f = *state;
    expect_tree(f,
                "# text = They won't go\n"
                "1\tThey\t_\tPRON\tPRON\t_\t4\tnsubj\n"
                "2-3\twon't\t_\t_\t_\t_\t_\t_\n"
                "2\two\t_\tAUX\tAUX\t_\t4\taux\n"
                "3\tn't\t_\tPART\tPART\t_\t4\tneg\n"
                "3.1\tgo\t_\tVERB\tVERB\t_\t_\t_\n"
                "4\tgo\t_\tVERB\tVERB\t_\t0\troot\n"
                "\n",
                "(ROOT (S (NP (PRP They)) (VP (MD wo) (RB n't) (VP (VB go)))))");
}

static void test_conllu_lifts_non_projective_arcs_to_keep_word_order(void **state) {
    fixture *f = *state;
    /* "peace" hangs from "rumour" across the root's own dependent "today". */
    expect_tree(f,
                "1\trumour\t_\tNOUN\tNOUN\t_\t2\tnsubj\n"
                "2\tcame\t_\tVERB\tVERB\t_\t0\troot\n"
                "3\ttoday\t_\tNOUN\tNOUN\t_\t2\tnmod:tmod\n"
                "4\tof\t_\tADP\tADP\t_\t5\tcase\n"
                "5\tpeace\t_\tNOUN\tNOUN\t_\t1\tnmod\n",
                "(ROOT (S (NP (NN rumour)) (VP (VBD came) (NP (NN today))"
                " (PP (IN of) (NP (NN peace))))))");
}

static void test_conllu_nests_one_vp_per_auxiliary(void **state) {
    fixture *f = *state;
    /* Passive with an adverb between the auxiliaries and the participle. */
    expect_tree(f,
                "1\tThe\t_\tDET\tDET\t_\t2\tdet\n"
                "2\ttreaty\t_\tNOUN\tNOUN\t_\t6\tnsubjpass\n"
                "3\thad\t_\tAUX\tAUX\t_\t6\taux\n"
                "4\tbeen\t_\tAUX\tAUX\t_\t6\tauxpass\n"
                "5\tquietly\t_\tADV\tADV\t_\t6\tadvmod\n"
                "6\tsigned\t_\tVERB\tVERB\t_\t0\troot\n"
                "7\tby\t_\tADP\tADP\t_\t8\tcase\n"
                "8\tRohan\t_\tPROPN\tPROPN\t_\t6\tnmod\n",
                "(ROOT (S (NP (DT The) (NN treaty)) (VP (VBD had) (VP (VBN been)"
                " (ADVP (RB quietly)) (VP (VBN signed) (PP (IN by) (NP (NNP Rohan))))))))");
    /* A copula after a modal: the predicate is the copula's sibling. */
    expect_tree(f,
                "1\tThe\t_\tDET\tDET\t_\t2\tdet\n"
                "2\tpass\t_\tNOUN\tNOUN\t_\t6\tnsubj\n"
                "3\tmay\t_\tAUX\tAUX\t_\t6\taux\n"
                "4\tnot\t_\tPART\tPART\t_\t6\tneg\n"
                "5\tbe\t_\tVERB\tVERB\t_\t6\tcop\n"
                "6\tsafe\t_\tADJ\tADJ\t_\t0\troot\n",
                "(ROOT (S (NP (DT The) (NN pass)) (VP (MD may) (RB not) (VP (VB be)"
                " (ADJP (JJ safe))))))");
}

static void test_conllu_reads_nominal_root_with_subjectless_verb_as_clause(void **state) {
    fixture *f = *state;
    /* root = the subject's head, the predicate hung from it as acl, and the
     * noun run split by `list`: one subject NP, then the VP. */
    expect_tree(f,
                "1\tRohan\t_\tPROPN\tPROPN\t_\t2\tcompound\n"
                "2\tGuard\t_\tPROPN\tPROPN\t_\t0\troot\n"
                "3\tborder\t_\tNOUN\tNOUN\t_\t4\tcompound\n"
                "4\tofficers\t_\tNOUN\tNOUN\t_\t2\tlist\n"
                "5\tmet\t_\tVERB\tVERB\t_\t2\tacl\n"
                "6\tenvoys\t_\tNOUN\tNOUN\t_\t5\tdobj\n"
                "7\t.\t_\tPUNCT\tPUNCT\t_\t2\tpunct\n",
                "(ROOT (S (NP (NNP Rohan) (NNP Guard) (NN border) (NNS officers))"
                " (VP (VBD met) (NP (NNS envoys))) (. .)))");
    /* A PP inside the subject stays with it; -ed is read as the past tense. */
    expect_tree(f,
                "1\tEnvoys\t_\tNOUN\tNOUN\t_\t0\troot\n"
                "2\tfrom\t_\tADP\tADP\t_\t3\tcase\n"
                "3\tBree\t_\tPROPN\tPROPN\t_\t1\tnmod\n"
                "4\tvisited\t_\tVERB\tVERB\t_\t1\tdep\n"
                "5\tRohan\t_\tPROPN\tPROPN\t_\t4\tdobj\n",
                "(ROOT (S (NP (NP (NNS Envoys)) (PP (IN from) (NP (NNP Bree))))"
                " (VP (VBD visited) (NP (NNP Rohan)))))");
    /* A gerund is a reduced relative: the fragment stays a noun phrase. */
    expect_tree(f,
                "1\tTroops\t_\tNOUN\tNOUN\t_\t0\troot\n"
                "2\tguarding\t_\tVERB\tVERB\t_\t1\tacl\n"
                "3\tthe\t_\tDET\tDET\t_\t4\tdet\n"
                "4\tpass\t_\tNOUN\tNOUN\t_\t2\tdobj\n",
                "(ROOT (NP (NP (NNS Troops)) (VP (VBG guarding) (NP (DT the) (NN pass)))))");
    /* A `list` item that does not follow its head directly is kept apart. */
    expect_tree(f,
                "1\tEnvoys\t_\tNOUN\tNOUN\t_\t0\troot\n"
                "2\t,\t_\tPUNCT\tPUNCT\t_\t1\tpunct\n"
                "3\tguards\t_\tNOUN\tNOUN\t_\t1\tlist\n",
                "(ROOT (NP (NP (NNS Envoys)) (, ,) (NP (NNS guards))))");
}

static void test_conllu_repairs_predicates_hung_inside_the_subject(void **state) {
    fixture *f = *state;
    /* Root coordinated with a clause whose subject follows the "and": the
     * two make the coordinated subject; the adjective-tagged name is a
     * subject noun. */
    expect_tree(f,
                "1\tRohan\t_\tADJ\tADJ\t_\t0\troot\n"
                "2\tand\t_\tCCONJ\tCCONJ\t_\t1\tcc\n"
                "3\tthe\t_\tDET\tDET\t_\t4\tdet\n"
                "4\tking\t_\tNOUN\tNOUN\t_\t7\tnsubj\n"
                "5\tof\t_\tADP\tADP\t_\t6\tcase\n"
                "6\tGondor\t_\tPROPN\tPROPN\t_\t4\tnmod\n"
                "7\tpraised\t_\tVERB\tVERB\t_\t1\tconj\n"
                "8\tthe\t_\tDET\tDET\t_\t9\tdet\n"
                "9\tenvoys\t_\tNOUN\tNOUN\t_\t7\tdobj\n"
                "10\t.\t_\tPUNCT\tPUNCT\t_\t1\tpunct\n",
                "(ROOT (S (NP (NP (JJ Rohan)) (CC and) (NP (NP (DT the) (NN king))"
                " (PP (IN of) (NP (NNP Gondor))))) (VP (VBD praised) (NP (DT the) (NNS envoys)))"
                " (. .)))");
    /* "said" with two subjects, the first one's predicate hung from its
     * last conjunct: the first subject and that verb become the reported
     * clause. */
    expect_tree(f,
                "1\tArnor\t_\tPROPN\tPROPN\t_\t10\tnsubj\n"
                "2\tand\t_\tCCONJ\tCCONJ\t_\t1\tcc\n"
                "3\tRohan\t_\tPROPN\tPROPN\t_\t1\tconj\n"
                "4\twelcomed\t_\tVERB\tVERB\t_\t3\tacl\n"
                "5\tthe\t_\tDET\tDET\t_\t6\tdet\n"
                "6\ttalks\t_\tNOUN\tNOUN\t_\t4\tdobj\n"
                "7\t,\t_\tPUNCT\tPUNCT\t_\t10\tpunct\n"
                "8\tthe\t_\tDET\tDET\t_\t9\tdet\n"
                "9\tenvoy\t_\tNOUN\tNOUN\t_\t10\tnsubj\n"
                "10\tsaid\t_\tVERB\tVERB\t_\t0\troot\n"
                "11\t.\t_\tPUNCT\tPUNCT\t_\t10\tpunct\n",
                "(ROOT (S (S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Rohan)))"
                " (VP (VBD welcomed) (NP (DT the) (NNS talks)))) (, ,) (NP (DT the) (NN envoy))"
                " (VP (VBD said)) (. .)))");
    /* The same, the verb's own subject after the "and" joining the
     * coordination. */
    expect_tree(f,
                "1\tArnor\t_\tPROPN\tPROPN\t_\t9\tnsubj\n"
                "2\tand\t_\tCCONJ\tCCONJ\t_\t1\tcc\n"
                "3\tRohan\t_\tPROPN\tPROPN\t_\t4\tnsubj\n"
                "4\tmet\t_\tVERB\tVERB\t_\t1\tparataxis\n"
                "5\tenvoys\t_\tNOUN\tNOUN\t_\t4\tdobj\n"
                "6\t,\t_\tPUNCT\tPUNCT\t_\t9\tpunct\n"
                "7\tthe\t_\tDET\tDET\t_\t8\tdet\n"
                "8\tenvoy\t_\tNOUN\tNOUN\t_\t9\tnsubj\n"
                "9\tsaid\t_\tVERB\tVERB\t_\t0\troot\n",
                "(ROOT (S (S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Rohan)))"
                " (VP (VBD met) (NP (NNS envoys)))) (, ,) (NP (DT the) (NN envoy))"
                " (VP (VBD said))))");
    /* A reduced relative in an ordinary subject is left alone. */
    expect_tree(f,
                "1\tTroops\t_\tNOUN\tNOUN\t_\t5\tnsubj\n"
                "2\tposted\t_\tVERB\tVERB\t_\t1\tacl\n"
                "3\tin\t_\tADP\tADP\t_\t4\tcase\n"
                "4\tBree\t_\tPROPN\tPROPN\t_\t2\tnmod\n"
                "5\tleft\t_\tVERB\tVERB\t_\t0\troot\n",
                "(ROOT (S (NP (NP (NNS Troops)) (VP (VBN posted) (PP (IN in) (NP (NNP Bree)))))"
                " (VP (VBD left))))");
}

static void test_conllu_joins_a_noun_to_the_name_that_follows_it_as_subject(void **state) {
    fixture *f = *state;
    /* "said" hung from the noun as a relative clause, the name alone its
     * subject: one subject NP, and the reporting clause beside the main one. */
    expect_tree(f,
                "1\tArnor\t_\tPROPN\tPROPN\t_\t2\tnsubj\n"
                "2\twelcomed\t_\tVERB\tVERB\t_\t0\troot\n"
                "3\ttalks\t_\tNOUN\tNOUN\t_\t2\tdobj\n"
                "4\t,\t_\tPUNCT\tPUNCT\t_\t3\tpunct\n"
                "5\tthe\t_\tDET\tDET\t_\t7\tdet\n"
                "6\tpress\t_\tNOUN\tNOUN\t_\t7\tcompound\n"
                "7\tagency\t_\tNOUN\tNOUN\t_\t3\tappos\n"
                "8\tWFNA\t_\tPROPN\tPROPN\t_\t9\tnsubj\n"
                "9\tsaid\t_\tVERB\tVERB\t_\t7\tacl:relcl\n"
                "10\t.\t_\tPUNCT\tPUNCT\t_\t2\tpunct\n",
                "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD welcomed) (NP (NP (NNS talks)) (, ,))))"
                " (NP (DT the) (NN press) (NN agency) (NNP WFNA)) (VP (VBD said)) (. .)))");
    /* The noun an apposition, "said" already the root: only the subject. */
    expect_tree(f,
                "1\tRohan\t_\tPROPN\tPROPN\t_\t2\tnsubj\n"
                "2\tleft\t_\tVERB\tVERB\t_\t7\tccomp\n"
                "3\tyesterday\t_\tNOUN\tNOUN\t_\t2\tnmod\n"
                "4\tthe\t_\tDET\tDET\t_\t5\tdet\n"
                "5\tagency\t_\tNOUN\tNOUN\t_\t3\tappos\n"
                "6\tWFNA\t_\tPROPN\tPROPN\t_\t7\tnsubj\n"
                "7\tsaid\t_\tVERB\tVERB\t_\t0\troot\n",
                "(ROOT (S (S (NP (NNP Rohan)) (VP (VBD left) (NP (NN yesterday))))"
                " (NP (DT the) (NN agency) (NNP WFNA)) (VP (VBD said))))");
    /* A noun that is no apposition keeps its own place: "In the report
     * Gandalf said ..." */
    expect_tree(f,
                "1\tIn\t_\tADP\tADP\t_\t3\tcase\n"
                "2\tthe\t_\tDET\tDET\t_\t3\tdet\n"
                "3\treport\t_\tNOUN\tNOUN\t_\t5\tnmod\n"
                "4\tGandalf\t_\tPROPN\tPROPN\t_\t5\tnsubj\n"
                "5\tsaid\t_\tVERB\tVERB\t_\t0\troot\n",
                "(ROOT (S (PP (IN In) (NP (DT the) (NN report))) (NP (NNP Gandalf))"
                " (VP (VBD said))))");
}

static void test_conllu_splits_underscore_joined_names(void **state) {
    fixture *f = *state;
    expect_tree(f,
                "1\tEnvoys\t_\tNOUN\tNOUN\t_\t2\tnsubj\n"
                "2\treached\t_\tVERB\tVERB\t_\t0\troot\n"
                "3\tMinas_Tirith\t_\tPROPN\tPROPN\t_\t2\tdobj\n"
                "4\tvia\t_\tADP\tADP\t_\t5\tcase\n"
                "5\tsnake_road\t_\tNOUN\tNOUN\t_\t2\tnmod\n",
                "(ROOT (S (NP (NNS Envoys)) (VP (VBD reached) (NP (NNP Minas) (NNP Tirith))"
                " (PP (IN via) (NP (NN snake_road))))))");
    assert_int_equal(f->t.n_tokens, 6);
}

static void test_conllu_reports_short_line_with_line(void **state) {
    fixture *f = *state;
    expect_error(f, "1\tA\t_\tPROPN\tPROPN\t_\t0\troot\n2\tb\t_\tVERB\n", 40,
                 "doc.xml:41: CoNLL-U line has 4 columns, needs at least 8");
}

static void test_conllu_reports_bad_head_with_line(void **state) {
    fixture *f = *state;
    expect_error(f, "1\tA\t_\tPROPN\tPROPN\t_\tx\tnsubj\n", 12,
                 "doc.xml:12: HEAD 'x' is not a number");
    expect_error(f, "1\tA\t_\tPROPN\tPROPN\t_\t2\tnsubj\n2\tb\t_\tVERB\tVERB\t_\t9\troot\n", 12,
                 "doc.xml:13: HEAD 9 out of range (the sentence has 2 words)");
    expect_error(f, "1\tA\t_\tPROPN\tPROPN\t_\t1\troot\n", 3, "doc.xml:3: word 1 is its own HEAD");
}

static void test_conllu_reports_cycle_and_missing_root_with_line(void **state) {
    fixture *f = *state;
    expect_error(f,
                 "1\tA\t_\tX\tX\t_\t0\troot\n"
                 "2\tB\t_\tX\tX\t_\t3\tdep\n"
                 "3\tC\t_\tX\tX\t_\t2\tdep\n",
                 20, "doc.xml:21: HEAD cycle: word 2 never reaches the root");
    expect_error(f,
                 "1\tA\t_\tX\tX\t_\t2\tdep\n"
                 "2\tB\t_\tX\tX\t_\t1\tdep\n",
                 7, "doc.xml:7: no root: no word has HEAD 0");
}

static void test_conllu_reports_duplicate_and_out_of_order_ids(void **state) {
    fixture *f = *state;
    expect_error(f,
                 "1\tA\t_\tX\tX\t_\t0\troot\n"
                 "1\tB\t_\tX\tX\t_\t1\tdep\n",
                 5, "doc.xml:6: duplicate ID 1 (first on line 5)");
    expect_error(f,
                 "1\tA\t_\tX\tX\t_\t0\troot\n"
                 "\n"
                 "3\tB\t_\tX\tX\t_\t1\tdep\n",
                 5, "doc.xml:7: ID 3 out of sequence, expected 2");
    expect_error(f, "one\tA\t_\tX\tX\t_\t0\troot\n", 5, "doc.xml:5: ID 'one' is not a word number");
}

static void test_conllu_reports_empty_block(void **state) {
    fixture *f = *state;
    expect_error(f, "", 9, "doc.xml:9: CoNLL-U block has no words");
    expect_error(f, "# only a comment\n\n", 9, "doc.xml:9: CoNLL-U block has no words");
}

static void test_conllu_rejects_deep_chain_without_crash(void **state) {
    fixture *f = *state;
    ent_buf b = {0};
    int n = 5000;
    for (int i = 1; i <= n; i++)
        assert_int_equal(
            ent_buf_printf(&b, "%d\tw\t_\tNOUN\tNOUN\t_\t%d\tnmod\n", i, i == n ? 0 : i + 1), 0);
    assert_int_equal(ent_conllu_read(&f->t, b.data, b.len, &f->d, "deep", 1), -1);
    char msg[256];
    ent_diag_format(&f->d, 0, msg, sizeof msg);
    /* Word n is the root; depth 121 is reached at word n - 120. */
    assert_string_equal(msg, "deep:4880: dependency tree deeper than 120 levels");
    ent_buf_free(&b);
}

static void test_conllu_rejects_binary_junk_without_crash(void **state) {
    fixture *f = *state;
    const char junk[] = "\x01\x02\t\xff\t\t\t\t\t\t\n\0\t1\t2\t\x80";
    assert_int_equal(ent_conllu_read(&f->t, junk, sizeof junk - 1, &f->d, "bin", 1), -1);
    assert_int_equal(f->d.count, 1);
    char msg[256];
    ent_diag_format(&f->d, 0, msg, sizeof msg);
    assert_string_equal(msg, "bin:1: ID '?\?' is not a word number");
}

/* Every CoNLL-U parse of the PETRARCH unit-test records must convert, with
 * every word once, in order. */
static void test_conllu_reads_every_petrarch_record(void **state) {
    fixture *f = *state;
    const char *peers = tu_peers();
    if (!peers) {
        print_message("skipped: PETRARCH reference data not found (set ENTENTE_PEERS)\n");
        skip();
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/records/PETR.UnitTest.records.conllu.xml", peers);
    ent_petrxml *r = ent_petrxml_open(path, &f->d);
    assert_non_null(r);
    ent_record rec;
    int rc, sentences = 0;
    while ((rc = ent_petrxml_next(r, &rec)) == 1) {
        if (rec.kind != ENT_REC_SENTENCE) continue;
        sentences++;
        assert_non_null(rec.parse);
        if (ent_conllu_read(&f->t, rec.parse, strlen(rec.parse), &f->d, path, rec.parse_line) !=
            0) {
            char msg[1200];
            ent_diag_format(&f->d, f->d.count - 1, msg, sizeof msg);
            fail_msg("%s: %s", rec.id ? rec.id : "?", msg);
        }
        /* Words in order: the i-th token is the i-th FORM of the block. */
        int words = 0;
        for (const char *p = rec.parse; *p;) {
            const char *e = strchr(p, '\n');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            const char *tab = memchr(p, '\t', len);
            if (tab && *p >= '1' && *p <= '9') {
                const char *form = tab + 1;
                const char *tab2 = memchr(form, '\t', len - (size_t)(form - p));
                assert_non_null(tab2);
                size_t flen = (size_t)(tab2 - form);
                assert_true(words < f->t.n_tokens);
                const char *tt = f->t.tokens[words].text;
                if (strlen(tt) == flen && memcmp(tt, form, flen) == 0) {
                    words++;
                } else {
                    /* a name joined by '_' comes out as one token per part */
                    for (const char *part = form; part <= tab2; words++) {
                        const char *pe = memchr(part, '_', (size_t)(tab2 - part));
                        if (!pe) pe = tab2;
                        assert_true(words < f->t.n_tokens);
                        tt = f->t.tokens[words].text;
                        if (strlen(tt) != (size_t)(pe - part) ||
                            memcmp(tt, part, (size_t)(pe - part)) != 0)
                            fail_msg("%s: word %d out of order (%s)", rec.id, words + 1, tt);
                        part = pe + 1;
                    }
                }
            }
            p = e ? e + 1 : p + len;
        }
        assert_int_equal(words, f->t.n_tokens);
        /* The root holds a clause or a phrase, never nothing. */
        assert_true(f->t.nodes[f->t.root].first_child >= 0);
    }
    ent_petrxml_close(r);
    assert_int_equal(rc, 0);
    assert_int_equal(sentences, 284);
    assert_int_equal(f->d.count, 0);
}

/* A file cut into blocks: comments name and date a block, blank lines
 * (spaces, CR) part them, a block of comments alone is passed over, an
 * empty "# sent_id = " names nothing, and line numbers follow. */
static void test_conllu_blocks_of_a_file(void **state) {
    (void)state;
    static const char f[] =
        "# sent_id = a1\r\n# date = 2024-04-26\r\n"   /* 1-2 */
        "1\tRussia\t_\tPROPN\tNNP\t_\t0\troot\r\n"   /* 3 */
        " \t\r\n"                                       /* 4 blank */
        "# only a comment\n\n"                           /* 5-6 */
        "# sent_id = \n# text = Iran.\n"                 /* 7-8 */
        "1\tIran\t_\tPROPN\tNNP\t_\t0\troot\n";       /* 9 */
    size_t pos = 0, n = sizeof f - 1;
    long line = 1;
    ent_conllu_block b;
    assert_int_equal(ent_conllu_next_block(f, n, &pos, &line, &b), 1);
    assert_int_equal(b.line, 1);
    assert_int_equal(b.sent_id_len, 2);
    assert_memory_equal(b.sent_id, "a1", 2);
    assert_int_equal(b.date_len, 10);
    assert_memory_equal(b.date, "2024-04-26", 10);
    assert_null(b.text);
    assert_true(!strncmp(f + b.body, "1\tRussia", 8));
    assert_int_equal(ent_conllu_next_block(f, n, &pos, &line, &b), 1);
    assert_int_equal(b.line, 7);   /* after the blank line that ends the lone comment */
    assert_null(b.sent_id);
    assert_null(b.date);
    assert_int_equal(b.text_len, 5);
    assert_memory_equal(b.text, "Iran.", 5);
    assert_true(!strncmp(f + b.body, "1\tIran", 6));
    assert_int_equal(b.end, n);
    assert_int_equal(ent_conllu_next_block(f, n, &pos, &line, &b), 0);
    assert_int_equal(line, 10);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_conllu_builds_subject_np_before_vp_with_possessive,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_conllu_builds_complement_clauses_negation_and_copula,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_conllu_coordinates_noun_phrases_with_hoisted_conjunctions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conllu_coordinates_verb_phrases_and_infinitives, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conllu_uses_penn_xpos_and_features_when_present, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conllu_skips_comments_ranges_and_empty_nodes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conllu_lifts_non_projective_arcs_to_keep_word_order,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_conllu_nests_one_vp_per_auxiliary, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_conllu_reads_nominal_root_with_subjectless_verb_as_clause, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conllu_repairs_predicates_hung_inside_the_subject,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_conllu_joins_a_noun_to_the_name_that_follows_it_as_subject, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conllu_splits_underscore_joined_names, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conllu_reports_short_line_with_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conllu_reports_bad_head_with_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conllu_reports_cycle_and_missing_root_with_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conllu_reports_duplicate_and_out_of_order_ids, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conllu_reports_empty_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conllu_rejects_deep_chain_without_crash, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conllu_rejects_binary_junk_without_crash, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conllu_reads_every_petrarch_record, setup, teardown),
        cmocka_unit_test(test_conllu_blocks_of_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
