/* test_parse.c -- the built-in parser: the tree shapes it builds from
 * tagged tokens, written "word/TAG word/TAG ...". */
#include "testutil.h"

#include "parse.h"
#include "tree.h"

static char out[8192];

/* Parse "w/T w/T ..." and render the tree on one line. */
static const char *parse_tagged(const char *tagged) {
    static char buf[4096];
    const char *words[256];
    char tags[256][8];
    int n = 0;
    snprintf(buf, sizeof buf, "%s", tagged);
    for (char *tok = strtok(buf, " "); tok && n < 256; tok = strtok(NULL, " ")) {
        char *slash = strrchr(tok, '/');
        assert_non_null(slash);
        *slash = '\0';
        words[n] = tok;
        snprintf(tags[n], sizeof tags[n], "%s", slash + 1);
        n++;
    }
    ent_parser *p = ent_parser_new();
    ent_tree t;
    ent_tree_init(&t);
    assert_int_equal(ent_parse(p, &t, words, (const char(*)[8])tags, NULL, NULL, n), 0);
    ent_buf b = {0};
    assert_int_equal(ent_tree_to_ptb(&t, &b), 0);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    ent_buf_free(&b);
    ent_tree_free(&t);
    ent_parser_free(p);
    return out;
}

static void test_subject_verb_object(void **s) {
    (void)s;
    assert_string_equal(parse_tagged("Russia/NNP attacked/VBD Ukraine/NNP ./."),
                        "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Ukraine))) (. .)))");
}

static void test_auxiliaries_nest_one_vp_each_with_negation(void **s) {
    (void)s;
    assert_string_equal(parse_tagged("Serbia/NNP will/MD not/RB join/VB the/DT sanctions/NNS ./."),
                        "(ROOT (S (NP (NNP Serbia)) (VP (MD will) (RB not) (VP (VB join) (NP (DT the)"
                        " (NNS sanctions)))) (. .)))");
}

static void test_passive_with_by_phrase(void **s) {
    (void)s;
    assert_string_equal(parse_tagged("Kyiv/NNP was/VBD attacked/VBN by/IN Russian/JJ drones/NNS ./."),
                        "(ROOT (S (NP (NNP Kyiv)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP"
                        " (JJ Russian) (NNS drones))))) (. .)))");
}

static void test_possessive_nests_the_owner(void **s) {
    (void)s;
    assert_string_equal(parse_tagged("Iran/NNP 's/POS foreign/JJ minister/NN visited/VBD Moscow/NNP ./."),
                        "(ROOT (S (NP (NP (NNP Iran) (POS 's)) (JJ foreign) (NN minister)) (VP (VBD"
                        " visited) (NP (NNP Moscow))) (. .)))");
}

static void test_coordinated_subject_with_attachment(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("Lawmakers/NNS and/CC officials/NNS in/IN Chile/NNP and/CC Peru/NNP welcomed/VBD"
                     " the/DT deal/NN ./."),
        "(ROOT (S (NP (NP (NP (NNS Lawmakers)) (CC and) (NP (NNS officials))) (PP (IN in) (NP (NP"
        " (NNP Chile)) (CC and) (NP (NNP Peru))))) (VP (VBD welcomed) (NP (DT the) (NN deal))) (. .)))");
}

static void test_participle_after_a_comma_starts_a_clause(void **s) {
    (void)s;
    /* not a list item "Friday , prompting Fiji" nor the verb's object */
    assert_string_equal(
        parse_tagged("Rebels/NNS attacked/VBD on/IN Friday/NNP ,/, prompting/VBG Fiji/NNP to/TO"
                     " protest/VB ./."),
        "(ROOT (S (NP (NNS Rebels)) (VP (VBD attacked) (PP (IN on) (NP (NNP Friday))) (, ,) (S (VP"
        " (VBG prompting) (NP (NNP Fiji)) (S (VP (TO to) (VB protest)))))) (. .)))");
}

static void test_list_goes_on_after_a_conjunction(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("U.S./NNP and/CC British/JJ warships/NNS and/CC submarines/NNS fired/VBD ./."),
        "(ROOT (S (NP (NP (NNP U.S.)) (CC and) (NP (JJ British) (NNS warships)) (CC and) (NP (NNS"
        " submarines))) (VP (VBD fired)) (. .)))");
}

static void test_gerund_clause_after_a_preposition(void **s) {
    (void)s;
    assert_string_equal(parse_tagged("Chile/NNP accused/VBD Peru/NNP of/IN shelling/VBG Chilean/JJ towns/NNS ./."),
                        "(ROOT (S (NP (NNP Chile)) (VP (VBD accused) (NP (NP (NNP Peru)) (PP (IN of) (S"
                        " (VP (VBG shelling) (NP (JJ Chilean) (NNS towns))))))) (. .)))");
    /* before a bare noun the participle modifies it */
    assert_string_equal(parse_tagged("Chile/NNP warned/VBD of/IN rising/VBG prices/NNS ./."),
                        "(ROOT (S (NP (NNP Chile)) (VP (VBD warned) (PP (IN of) (NP (VBG rising) (NNS"
                        " prices)))) (. .)))");
    /* ... unless the participle is mostly a verb: "of killing civilians" */
    assert_string_equal(parse_tagged("Chile/NNP accused/VBD Peru/NNP of/IN killing/VBG civilians/NNS ./."),
                        "(ROOT (S (NP (NNP Chile)) (VP (VBD accused) (NP (NP (NNP Peru)) (PP (IN of) (S"
                        " (VP (VBG killing) (NP (NNS civilians))))))) (. .)))");
    /* a past verb after "and" is the clause's, not the gerund's */
    assert_string_equal(parse_tagged("Chile/NNP accused/VBD Peru/NNP of/IN killing/VBG civilians/NNS and/CC"
                                     " recalled/VBD its/PRP$ envoy/NN ./."),
                        "(ROOT (S (NP (NNP Chile)) (VP (VP (VBD accused) (NP (NP (NNP Peru)) (PP (IN of) (S"
                        " (VP (VBG killing) (NP (NNS civilians))))))) (CC and) (VP (VBD recalled) (NP (PRP$"
                        " its) (NN envoy)))) (. .)))");
    /* ... while two gerunds stay together */
    assert_string_equal(parse_tagged("Chile/NNP accused/VBD Peru/NNP of/IN killing/VBG civilians/NNS and/CC"
                                     " seizing/VBG the/DT port/NN ./."),
                        "(ROOT (S (NP (NNP Chile)) (VP (VBD accused) (NP (NP (NNP Peru)) (PP (IN of) (S"
                        " (VP (VP (VBG killing) (NP (NNS civilians))) (CC and) (VP (VBG seizing) (NP (DT"
                        " the) (NN port)))))))) (. .)))");
    /* a day takes no "of" attachment: the accusation's clause is the verb's */
    assert_string_equal(parse_tagged("Chile/NNP accused/VBD Peru/NNP on/IN Monday/NNP of/IN shelling/VBG"
                                     " Arica/NNP ./."),
                        "(ROOT (S (NP (NNP Chile)) (VP (VBD accused) (NP (NNP Peru)) (PP (IN on) (NP (NNP"
                        " Monday))) (PP (IN of) (S (VP (VBG shelling) (NP (NNP Arica)))))) (. .)))");
    /* after "by" it is the means, a clause, whatever follows */
    assert_string_equal(parse_tagged("Iran/NNP retaliated/VBD by/IN launching/VBG missiles/NNS ./."),
                        "(ROOT (S (NP (NNP Iran)) (VP (VBD retaliated) (PP (IN by) (S (VP (VBG launching)"
                        " (NP (NNS missiles)))))) (. .)))");
}

static void test_reduced_passive_relative(void **s) {
    (void)s;
    /* a participle after the subject, its verb still to come, describes
     * the subject */
    assert_string_equal(parse_tagged("Riot/NN police/NNS wielding/VBG batons/NNS broke/VBD up/RP a/DT protest/NN"
                                     " ./."),
                        "(ROOT (S (NP (NP (NN Riot) (NNS police)) (VP (VBG wielding) (NP (NNS batons)))) (VP (VBD"
                        " broke) (PRT (RP up)) (NP (DT a) (NN protest))) (. .)))");
    /* a degree adverb before an adjective stays in the noun phrase */
    assert_string_equal(parse_tagged("The/DT most/RBS powerful/JJ quake/NN struck/VBD Arica/NNP ./."),
                        "(ROOT (S (NP (DT The) (RBS most) (JJ powerful) (NN quake)) (VP (VBD struck) (NP (NNP"
                        " Arica))) (. .)))");
    /* a relative clause ends at a comma before a subordinate clause */
    assert_string_equal(parse_tagged("Police/NN fired/VBD at/IN protesters/NNS who/WP surrounded/VBD parliament/NN"
                                     " ,/, while/IN Lam/NNP refused/VBD ./."),
                        "(ROOT (S (NP (NN Police)) (VP (VBD fired) (PP (IN at) (NP (NP (NNS protesters)) (SBAR"
                        " (WHNP (WP who)) (S (VP (VBD surrounded) (NP (NN parliament))))))) (, ,) (SBAR (IN"
                        " while) (S (NP (NNP Lam)) (VP (VBD refused))))) (. .)))");
    /* a pronoun and a verb of blame right after a noun: a relative clause
     * with no "that", the noun its object */
    assert_string_equal(parse_tagged("Chile/NNP attacked/VBD rebels/NNS it/PRP blames/VBZ for/IN the/DT"
                                     " bombing/NN ./."),
                        "(ROOT (S (NP (NNP Chile)) (VP (VBD attacked) (NP (NP (NNS rebels)) (SBAR (S (NP (PRP"
                        " it)) (VP (VBZ blames) (PP (IN for) (NP (DT the) (NN bombing)))))))) (. .)))");
    /* ... but not another verb: "told reporters they expected" */
    assert_null(strstr(parse_tagged("Chile/NNP told/VBD reporters/NNS it/PRP expected/VBD talks/NNS ./."),
                       "(NP (NP (NNS reporters)) (SBAR"));
    /* a past form before "by" describes the noun before it */
    assert_string_equal(parse_tagged("Troops/NNS backed/VBN by/IN tanks/NNS stormed/VBD Arica/NNP ./."),
                        "(ROOT (S (NP (NP (NNS Troops)) (VP (VBN backed) (PP (IN by) (NP (NNS tanks)))))"
                        " (VP (VBD stormed) (NP (NNP Arica))) (. .)))");
    assert_string_equal(parse_tagged("Chile/NNP and/CC Peru/NNP signed/VBD a/DT deal/NN brokered/VBD"
                                     " by/IN Bolivia/NNP ./."),
                        "(ROOT (S (NP (NP (NNP Chile)) (CC and) (NP (NNP Peru))) (VP (VBD signed) (NP (NP (DT"
                        " a) (NN deal)) (VP (VBD brokered) (PP (IN by) (NP (NNP Bolivia)))))) (. .)))");
    /* ... and so does the last of a list's members */
    assert_string_equal(parse_tagged("Chile/NNP and/CC the/DT army/NN led/VBN by/IN Lagos/NNP met/VBD ./."),
                        "(ROOT (S (NP (NP (NNP Chile)) (CC and) (NP (NP (DT the) (NN army)) (VP (VBN led) (PP"
                        " (IN by) (NP (NNP Lagos)))))) (VP (VBD met)) (. .)))");
    /* in a subject the agent runs up to the verb */
    assert_string_equal(parse_tagged("Officials/NNS led/VBN by/IN Lagos/NNP and/CC Bachelet/NNP met/VBD ./."),
                        "(ROOT (S (NP (NP (NNS Officials)) (VP (VBN led) (PP (IN by) (NP (NP (NNP Lagos)) (CC"
                        " and) (NP (NNP Bachelet)))))) (VP (VBD met)) (. .)))");
    /* not an amount: "rose by 5 percent" is the verb */
    assert_string_equal(parse_tagged("Prices/NNS rose/VBD by/IN 5/CD percent/NN ./."),
                        "(ROOT (S (NP (NNS Prices)) (VP (VBD rose) (PP (IN by) (NP (CD 5) (NN percent))))"
                        " (. .)))");
}

static void test_relative_clause_after_a_comma(void **s) {
    (void)s;
    /* "X, which ..." belongs to X, the closing comma too before the verb */
    assert_string_equal(parse_tagged("Chile/NNP blamed/VBD Peru/NNP ,/, which/WDT denied/VBD it/PRP ./."),
                        "(ROOT (S (NP (NNP Chile)) (VP (VBD blamed) (NP (NP (NNP Peru)) (, ,) (SBAR (WHNP (WDT"
                        " which)) (S (VP (VBD denied) (NP (PRP it))))))) (. .)))");
    assert_string_equal(parse_tagged("Peru/NNP ,/, which/WDT denied/VBD it/PRP ,/, blamed/VBD Chile/NNP ./."),
                        "(ROOT (S (NP (NP (NNP Peru)) (, ,) (SBAR (WHNP (WDT which)) (S (VP (VBD denied) (NP"
                        " (PRP it))))) (, ,)) (VP (VBD blamed) (NP (NNP Chile))) (. .)))");
}

static void test_participle_after_a_plural_object(void **s) {
    (void)s;
    /* "at protesters | blocking main roads": a clause, not "blocking
     * main roads" as one noun phrase */
    assert_string_equal(parse_tagged("Police/NNS fired/VBD at/IN protesters/NNS blocking/VBG main/JJ roads/NNS ./."),
                        "(ROOT (S (NP (NNS Police)) (VP (VBD fired) (PP (IN at) (NP (NNS protesters))) (S (VP"
                        " (VBG blocking) (NP (JJ main) (NNS roads))))) (. .)))");
}

static void test_dash_aside_after_the_subject(void **s) {
    (void)s;
    assert_string_equal(parse_tagged("Chile/NNP --/: a/DT neighbour/NN --/: accused/VBD Peru/NNP ./."),
                        "(ROOT (S (NP (NP (NNP Chile)) (: --) (NP (DT a) (NN neighbour)) (: --)) (VP (VBD"
                        " accused) (NP (NNP Peru))) (. .)))");
}

static void test_participial_aside_after_the_subject(void **s) {
    (void)s;
    assert_string_equal(parse_tagged("Lavrov/NNP ,/, speaking/VBG in/IN Ankara/NNP ,/, accused/VBD Kyiv/NNP ./."),
                        "(ROOT (S (NP (NP (NNP Lavrov)) (, ,) (S (VP (VBG speaking) (PP (IN in) (NP (NNP"
                        " Ankara))))) (, ,)) (VP (VBD accused) (NP (NNP Kyiv))) (. .)))");
}

static void test_list_of_noun_phrases(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("France/NNP ,/, Germany/NNP and/CC Italy/NNP signed/VBD ./."),
        "(ROOT (S (NP (NP (NNP France)) (, ,) (NP (NNP Germany)) (CC and) (NP (NNP Italy))) (VP"
        " (VBD signed)) (. .)))");
}

static void test_of_attaches_to_the_noun(void **s) {
    (void)s;
    assert_string_equal(parse_tagged("The/DT government/NN of/IN Chad/NNP resigned/VBD ./."),
                        "(ROOT (S (NP (NP (DT The) (NN government)) (PP (IN of) (NP (NNP Chad)))) (VP"
                        " (VBD resigned)) (. .)))");
}

static void test_relative_clause(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("Rebels/NNS who/WP seized/VBD Goma/NNP met/VBD envoys/NNS ./."),
        "(ROOT (S (NP (NP (NNS Rebels)) (SBAR (WHNP (WP who)) (S (VP (VBD seized) (NP (NNP Goma))))))"
        " (VP (VBD met) (NP (NNS envoys))) (. .)))");
}

static void test_reported_speech_tail(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("Japan/NNP sent/VBD aid/NN ,/, officials/NNS said/VBD ./."),
        "(ROOT (S (S (NP (NNP Japan)) (VP (VBD sent) (NP (NN aid)))) (, ,) (NP (NNS officials)) (VP"
        " (VBD said)) (. .)))");
}

static void test_complement_clauses_with_and_without_that(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("Egypt/NNP said/VBD that/IN Qatar/NNP would/MD mediate/VB ./."),
        "(ROOT (S (NP (NNP Egypt)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Qatar)) (VP (MD would)"
        " (VP (VB mediate)))))) (. .)))");
    assert_string_equal(
        parse_tagged("Egypt/NNP said/VBD Qatar/NNP would/MD mediate/VB ./."),
        "(ROOT (S (NP (NNP Egypt)) (VP (VBD said) (SBAR (S (NP (NNP Qatar)) (VP (MD would) (VP (VB"
        " mediate)))))) (. .)))");
}

static void test_coordinated_verb_phrases(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("Kenya/NNP condemned/VBD the/DT attack/NN and/CC promised/VBD aid/NN ./."),
        "(ROOT (S (NP (NNP Kenya)) (VP (VP (VBD condemned) (NP (DT the) (NN attack))) (CC and) (VP"
        " (VBD promised) (NP (NN aid)))) (. .)))");
}

static void test_apposition(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("Tehran/NNP ,/, its/PRP$ rival/NN ,/, objected/VBD ./."),
        "(ROOT (S (NP (NP (NNP Tehran)) (, ,) (NP (PRP$ its) (NN rival)) (, ,)) (VP (VBD objected))"
        " (. .)))");
}

static void test_infinitive_chain(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("Cuba/NNP is/VBZ about/IN to/TO restore/VB ties/NNS ./."),
        "(ROOT (S (NP (NNP Cuba)) (VP (VBZ is) (VP (IN about) (S (VP (TO to) (VB restore) (NP (NNS"
        " ties)))))) (. .)))");
}

static void test_coordinated_adjectives_stay_in_the_noun_phrase(void **s) {
    (void)s;
    assert_string_equal(
        parse_tagged("Oman/NNP 's/POS calm/JJ and/CC patient/JJ envoy/NN spoke/VBD ./."),
        "(ROOT (S (NP (NP (NNP Oman) (POS 's)) (JJ calm) (CC and) (JJ patient) (NN envoy)) (VP (VBD"
        " spoke)) (. .)))");
}

static void test_degenerate_inputs_still_give_a_tree(void **s) {
    (void)s;
    assert_string_equal(parse_tagged(",/, ,/, ./."), "(ROOT (S (, ,) (, ,) (. .)))");
    /* empty input: no tree, no crash */
    ent_parser *p = ent_parser_new();
    ent_tree t;
    ent_tree_init(&t);
    assert_int_equal(ent_parse(p, &t, NULL, NULL, NULL, NULL, 0), 0);
    assert_int_equal(t.n_tokens, 0);
    /* 3,000 tokens of alternating noise: every token kept, in order */
    enum { N = 3000 };
    static const char *words[N];
    static char tags[N][8];
    static const char *cycle[] = {"DT", "NN", "CC", ",", "VBD", "IN", "PRP", "MD", "RB", "WDT"};
    for (int i = 0; i < N; i++) {
        words[i] = "w";
        snprintf(tags[i], 8, "%s", cycle[(i * 7) % 10]);
    }
    assert_int_equal(ent_parse(p, &t, words, (const char(*)[8])tags, NULL, NULL, N), 0);
    assert_int_equal(t.n_tokens, N);
    for (int i = 0; i < N; i++) assert_string_equal(t.tokens[i].tag, tags[i]);
    ent_tree_free(&t);
    ent_parser_free(p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_subject_verb_object),
        cmocka_unit_test(test_auxiliaries_nest_one_vp_each_with_negation),
        cmocka_unit_test(test_passive_with_by_phrase),
        cmocka_unit_test(test_possessive_nests_the_owner),
        cmocka_unit_test(test_coordinated_subject_with_attachment),
        cmocka_unit_test(test_participle_after_a_comma_starts_a_clause),
        cmocka_unit_test(test_list_goes_on_after_a_conjunction),
        cmocka_unit_test(test_gerund_clause_after_a_preposition),
        cmocka_unit_test(test_reduced_passive_relative),
        cmocka_unit_test(test_relative_clause_after_a_comma),
        cmocka_unit_test(test_dash_aside_after_the_subject),
        cmocka_unit_test(test_participle_after_a_plural_object),
        cmocka_unit_test(test_participial_aside_after_the_subject),
        cmocka_unit_test(test_list_of_noun_phrases),
        cmocka_unit_test(test_of_attaches_to_the_noun),
        cmocka_unit_test(test_relative_clause),
        cmocka_unit_test(test_reported_speech_tail),
        cmocka_unit_test(test_complement_clauses_with_and_without_that),
        cmocka_unit_test(test_coordinated_verb_phrases),
        cmocka_unit_test(test_apposition),
        cmocka_unit_test(test_infinitive_chain),
        cmocka_unit_test(test_coordinated_adjectives_stay_in_the_noun_phrase),
        cmocka_unit_test(test_degenerate_inputs_still_give_a_tree),
    };
    return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
