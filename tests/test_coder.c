/* test_coder.c -- every coding rule, on a small dictionary set and
 * hand-parsed sentences about invented states. */
#include "testutil.h"

#include <sys/stat.h>

#include "coder.h"
#include "dict.h"
#include "pipeline.h"
#include "ptb.h"

static const char *ACTORS =
    "VALDORIA [VAL]\n"
    "+VALDORIAN\n"
    "KESTRIA [KES]\n"
    "+KESTRIAN\n"
    "MORVANIA [MOR]\n"
    "ZEPHYRA [ZEP]\n"
    "NORTH_ISLES [NIS/SIS]\n"
    "GENERAL_ORLOV\n"
    "\t[VALMIL 20100101-20151231]\n"
    "\t[VALGOV >20160101]\n"
    "\t[VALREB <20091231]\n"
    "CAPITAL_CITY [KESGOV]\n"
    "UNITED_STATES [USA]\n"
    "+USA\n"
    "US_ENVOY [USAGOV]\n"
    "SHADOW_FRONT [IMGSHF]\n"
    "BORDER_WAR [---]\n"
    "SOUTH_KESTRIA [SKS]\n"
    "ZEPHYRA RADIO [ZEPRAD]\n";

static const char *AGENTS =
    "GOVERNMENT [~GOV]\n"
    "MINISTER [~GOV]\n"
    "FOREIGN_MINISTER [~GOVFRM]\n"
    "POLICE {} [~COP]\n"
    "STUDENT [~EDU]\n"
    "REBEL [~REB]\n"
    "AID_AGENCY [NGO~]\n"
    "LAWMAKER [~LEG]\n"
    "CIVILIAN [~PPL]\n"
    "VILLAGER [~CVL]\n"
    "PROTESTER [~OPP]\n"
    "TROOP [~MIL]\n";

static const char *VERBS =
    "&TIES\n+RELATIONS\n+DIPLOMATIC TIES\n\n"
    "--- MEET [031:031] ---\nMEET {MET MEETING MEETS}\n\n"
    "--- ARRIVE [032:033] ---\nARRIVE\n\n"
    "--- RESTORE [064] ---\nRESTORE\n- * &TIES [0641]\n\n"
    "--- CONDEMN [122] ---\nCONDEMN\n- NOT * [---]\n\n"
    "--- ACCUSE [112] ---\nACCUSE\n- * $ OF [1121]\n\n"
    "--- AGREE [030] ---\nAGREE\n- % * [030:030]\n- * WITH % [031]\n\n"
    "--- IMPOSE [---] ---\nIMPOSE\n- * SANCTIONS ON + [163]\n\n"
    "--- SAY [010] ---\nSAY {SAID SAYS}\n\n"
    "--- ATTACK [190] ---\nATTACK\n\n"
    "--- WARN [130] ---\nWARN\n- * THEIR ^ ABOUT + [138]\n\n"
    "--- RELEASE [0841] ---\nRELEASE\n- + * FROM $ [0842]\n\n"
    "--- ARREST [173] ---\nARREST\n\n"
    "--- PLAY [---] ---\nPLAY\n\n"
    "--- REGRET [111] ---\nREGRET {REGRETTED REGRETTING}\n- NOTED + * [115]\n\n"
    "--- NEGOTIATE [046] ---\nNEGOTIATE\n- * TALKS + [046]\n\n"
    "--- MEDIATE [039] ---\nMEDIATE\n- * TALKS (IN +) [039]\n\n"
    "--- STAGE [---] ---\nSTAGE {STAGED}\n- * EXERCISES (NEAR +) [150]\n\n"
    "--- HOLD [---] ---\nHOLD {HELD}\n- % * TALKS [040]\n\n"
    "--- SEVER [161] ---\nSEVER {SEVERED}\n\n"
    "--- KIDNAP [181] ---\nKIDNAP {KIDNAPPED}\n\n"
    "--- BAN [1722] ---\nBAN {BANNED}\n\n"
    "--- SUSPEND [---] ---\nSUSPEND {SUSPENDED}\n- * AID [1621]\n\n"
    "--- DENY [016] ---\nDENY {DENIED}\n\n"
    "--- SEND [---] ---\nSEND {SENT}\n- * AID [073]\n- * TROOPS [154]\n\n"
    "--- ARM [072] ---\nARM {ARMED ARMING}\n\n"
    "--- BROKER [045] ---\nBROKER {BROKERED}\n- * TROOPS [154]\n\n"
    "--- DECLARE [---] ---\nDECLARE\n- * EMERGENCY [1724]\n- * ALERT [152]\n\n"
    "--- KILL [1823] ---\nKILL {KILLED KILLING KILLS}\n\n"
    "--- SWAP [0841] ---\nSWAP {SWAPPED SWAPS}\n\n"
    "--- RESIGN [0831] ---\nRESIGN {RESIGNED}\n\n"
    "--- BOW [080] ---\nBOW {BOWED BOWING}\n\n"
    "--- FIRE [---] ---\nFIRE {FIRED}\n- * (TEAR GAS) [175]\n\n"
    "--- SEIZE [171] ---\nSEIZE {SEIZED}\n- * TOWN [192]\n\n"
    "--- DEMAND [100] ---\nDEMAND {DEMANDED}\n\n"
    "--- PROTEST [140] ---\nPROTEST {PROTESTED}\n\n"
    "--- RETALIATE [---] ---\nRETALIATE {RETALIATED}\nRESPOND {RESPONDED}\n- * (WITH TARIFFS) [163]\n\n"
    "--- TORCH [1712] ---\nTORCH {TORCHED}\n\n"
    "--- PRAISE [051] ---\nPRAISE {PRAISED}\n\n"
    "--- REJECT [120] ---\nREJECT {REJECTED}\n\n"
    "--- EXPEL [174] ---\nEXPEL {EXPELLED}\n\n"
    "--- EXTRADITE [063] ---\nEXTRADITE {EXTRADITED}\n\n"
    "--- COME [---] ---\nCOME {CAME}\n- * (UNDER FIRE) (FROM $) [190]\n";

static const char *DISCARDS = "+FOOTBALL MATCH\nCHESS\n";

static const char *ISSUES = "<ISSUE CATEGORY=\"ENERGY\" TYPE=\"ALL\">\n"
                            "n:pipeline [PIPELINES]\n"
                            "gas [GAS]\n"
                            "~gas station\n"
                            "</ISSUE>\n";

static const char *NOUNS = "STRIKE [190] ON AGAINST\n"
                           "TALKS {} [040] WITH BETWEEN\n"
                           "INVASION [192] OF\n"
                           "GENOCIDE {} [202] AGAINST\n";

static ent_dict *dict;
static char dir[64];

static void write_file(const char *name, const char *text) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/entente-coder-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    write_file("PETR_config.ini",
               "[Dictionaries]\nverbfile_name = t.verbs.txt\nactorfile_list = t.actors.txt\n"
               "agentfile_name = t.agents.txt\ndiscardfile_name = t.discards.txt\n"
               "issuefile_name = t.issues.txt\nnounfile_name = t.nouns.txt\n"
               "[Options]\nrequire_dyad = True\n");
    write_file("t.actors.txt", ACTORS);
    write_file("t.agents.txt", AGENTS);
    write_file("t.verbs.txt", VERBS);
    write_file("t.discards.txt", DISCARDS);
    write_file("t.issues.txt", ISSUES);
    write_file("t.nouns.txt", NOUNS);
    ent_diags d;
    ent_diags_init(&d, stderr, 0);
    dict = ent_dict_load(dir, &d);
    int bad = d.count;
    ent_diags_free(&d);
    return dict && !bad ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    ent_dict_free(dict);
    return 0;
}

/* Code one parse; events as sorted "SRC>TGT:CODE" joined by spaces, or a
 * status word for discards. */
static char result[2048];

/* Read Treebank text into a fresh tree t; the test fails when it does
 * not read. */
static void read_ptb(ent_tree *t, const char *ptb) {
    ent_tree_init(t);
    ent_diags d;
    ent_diags_init(&d, stderr, 0);
    int rc = ent_ptb_read(t, ptb, strlen(ptb), &d, "test", 1);
    ent_diags_free(&d);
    assert_int_equal(rc, 0);
}

static const char *code_opts(const char *ptb, int32_t date, const ent_options *opt) {
    ent_tree t;
    read_ptb(&t, ptb);
    ent_coder *c = ent_coder_new(dict, opt ? opt : &dict->options);
    assert_non_null(c);
    const ent_event *ev;
    int n;
    int st = ent_coder_code(c, &t, date, &ev, &n);
    char items[64][160];
    int k = 0;
    for (int i = 0; i < n && k < 64; i++)
        snprintf(items[k++], sizeof items[0], "%s>%s:%s", ev[i].source, ev[i].target, ev[i].code);
    qsort(items, (size_t)k, sizeof items[0], (int (*)(const void *, const void *))strcmp);
    result[0] = '\0';
    if (st == ENT_DISCARD_STORY_HIT) snprintf(result, sizeof result, "storydiscard");
    else if (st == ENT_DISCARD_SENTENCE) snprintf(result, sizeof result, "sentencediscard");
    for (int i = 0; i < k; i++) {
        if (i) strcat(result, " ");
        strcat(result, items[i]);
    }
    ent_coder_free(c);
    ent_tree_free(&t);
    return result;
}

static const char *code(const char *ptb) { return code_opts(ptb, 20240101, NULL); }

static void test_subject_verb_target_in_prepositional_phrase(void **s) {
    (void)s;
    assert_string_equal(
        code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD met) (PP (IN with) (NP (NNP Kestria)))) (. .)))"),
        "KES>VAL:031 VAL>KES:031");
    /* Treebank function tags keep their category */
    assert_string_equal(code("(ROOT (S (NP-SBJ (NNP Valdoria)) (VP (VBD attacked) (NP-1 (NNP Kestria)))"
                             " (NP-TMP (NN today)) (. .)))"),
                        "VAL>KES:190");
}

static void test_event_carries_root_quad_and_goldstein(void **s) {
    (void)s;
    const char *ptb =
        "(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria))) (. .)))";
    ent_tree t;
    ent_tree_init(&t);
    assert_int_equal(ent_ptb_read(&t, ptb, strlen(ptb), NULL, "t", 1), 0);
    ent_coder *c = ent_coder_new(dict, &dict->options);
    const ent_event *ev;
    int n;
    assert_int_equal(ent_coder_code(c, &t, 20240101, &ev, &n), ENT_CODED);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].code, "190");
    assert_string_equal(ev[0].root, "19");
    assert_int_equal(ev[0].quad, 4);
    assert_true(ev[0].goldstein < -9.0);
    char txt[64];
    ent_tree_span_text(&t, ev[0].src_begin, ev[0].src_end, txt, sizeof txt);
    assert_string_equal(txt, "Valdoria");
    ent_tree_span_text(&t, ev[0].verb_tok, ev[0].verb_tok + 1, txt, sizeof txt);
    assert_string_equal(txt, "attacked");
    ent_coder_free(c);
    ent_tree_free(&t);
}

static void test_compound_subject_gives_one_event_per_actor(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria) (, ,) (NNP Morvania) (CC and) (NNP Zephyra))"
                             " (VP (VBD attacked) (NP (NNP Kestria))) (. .)))"),
                        "MOR>KES:190 VAL>KES:190 ZEP>KES:190");
}

static void test_compound_object_structural(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NP (NNP Valdoria))"
                             " (CC and) (NP (DT the) (JJ troubled) (NNP Zephyra)))) (. .)))"),
                        "KES>VAL:190 KES>ZEP:190");
}

static void test_agents_suffix_prefix_and_possessive(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NP (NNP Valdoria) (POS 's)) (NN police)) (VP (VBD arrested)"
                             " (NP (JJ Kestrian) (NNS students))) (. .)))"),
                        "VALCOP>KESEDU:173");
    assert_string_equal(code("(ROOT (S (NP (DT An) (NN aid) (NN agency) (NNP Valdoria) (NN minister))"
                             " (VP (VBD attacked) (NP (NNP Kestria))) (. .)))"),
                        "NGOVALGOV>KES:190");
}

static void test_agent_attached_by_of_applies_to_each_actor(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NP (NNS Lawmakers)) (PP (IN of) (NP (NNP Valdoria) (CC and)"
                             " (NNP Morvania)))) (VP (VBD attacked) (NP (NNP Kestria))) (. .)))"),
                        "MORLEG>KES:190 VALLEG>KES:190");
}

static void test_agent_conjunct_shares_the_actor(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (JJ Valdorian) (NN police) (CC and) (NN government))"
                             " (VP (VBD attacked) (NP (NNP Kestria))) (. .)))"),
                        "VALCOP>KES:190 VALGOV>KES:190");
}

static void test_date_restricted_codes(void **s) {
    (void)s;
    const char *ptb = "(ROOT (S (NP (NNP General) (NNP Orlov)) (VP (VBD attacked) (NP (NNP Kestria)))"
                      " (. .)))";
    assert_string_equal(code_opts(ptb, 20120505, NULL), "VALMIL>KES:190");
    assert_string_equal(code_opts(ptb, 20200505, NULL), "VALGOV>KES:190");
    assert_string_equal(code_opts(ptb, 20050505, NULL), "VALREB>KES:190");
    assert_string_equal(code_opts(ptb, 20151231, NULL), "VALMIL>KES:190");
    /* no date: the code that holds now, not the oldest range */
    assert_string_equal(code_opts(ptb, 0, NULL), "VALGOV>KES:190");
}

static void test_actor_with_several_codes(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP North) (NNP Isles)) (VP (VBD attacked) (NP (NNP Kestria)))"
                             " (. .)))"),
                        "NIS>KES:190 SIS>KES:190");
}

static void test_actor_words_written_apart(void **s) {
    (void)s;
    /* "ZEPHYRA RADIO": words written apart may have others between them */
    assert_string_equal(code("(ROOT (S (NP (NNP Zephyra) (JJ state-run) (NN radio)) (VP (VBD attacked) (NP (NNP"
                             " Kestria))) (. .)))"),
                        "ZEPRAD>KES:190");
    /* "SOUTH_KESTRIA": joined words must be adjacent */
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (JJ south) (JJ coastal) (NNP"
                             " Kestria))) (. .)))"),
                        "VAL>KES:190");
}

static void test_verb_chain_codes_the_content_verb(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBZ is) (VP (IN about) (S (VP (TO to)"
                             " (VP (VB restore) (NP (NNS relations)) (PP (IN with) (NP (NNP Kestria))))))))"
                             " (. .)))"),
                        "VAL>KES:0641");
}

static void test_pattern_with_synset_beats_verb_code(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD restored) (NP (JJ diplomatic) (NNS ties))"
                             " (PP (IN with) (NP (NNP Kestria)))) (. .)))"),
                        "VAL>KES:0641");
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD restored) (NP (NN order))"
                             " (PP (IN in) (NP (NNP Kestria)))) (. .)))"),
                        "VAL>KES:064");
}

static void test_target_slot_after_pattern_words(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Kestria)) (VP (VBD imposed) (NP (NNS sanctions))"
                             " (PP (IN on) (NP (NNP Morvania)))) (. .)))"),
                        "KES>MOR:163");
    /* IMPOSE has no code of its own: without the pattern nothing is coded */
    assert_string_equal(code("(ROOT (S (NP (NNP Kestria)) (VP (VBD imposed) (NP (NNS curfews))"
                             " (PP (IN on) (NP (NNP Morvania)))) (. .)))"),
                        "");
}

static void test_source_slot_and_target_before_verb(void **s) {
    (void)s;
    /* "+ * FROM $": the phrase before the verb is the target */
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD released) (NP (NNS prisoners))"
                             " (PP (IN from) (NP (NNP Kestria)))) (. .)))"),
                        "KES>VAL:0842");
}

static void test_target_slot_on_the_subject_takes_source_from_governing_clause(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD noted) (SBAR (IN that) (S (NP (NNP Kestria))"
                             " (VP (VBD regretted) (NP (DT the) (NN decision)))))) (. .)))"),
                        "VAL>KES:115");
}

static void test_target_slot_skips_a_place(void **s) {
    (void)s;
    /* "+" is whom, not where: "negotiated talks in Capital City with Morvania" */
    assert_string_equal(code("(ROOT (S (NP (NNP Kestria)) (VP (VBD negotiated) (NP (NNS talks))"
                             " (PP (IN in) (NP (NNP Capital) (NNP City))) (PP (IN with) (NP (NNP"
                             " Morvania)))) (. .)))"),
                        "KES>MOR:046");
    /* unless the pattern names the preposition itself */
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD mediated) (NP (NNS talks))"
                             " (PP (IN in) (NP (NNP Capital) (NNP City)))) (. .)))"),
                        "VAL>KESGOV:039");
}

static void test_quantity_head_takes_the_agent_of_its_phrase(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NP (NNS Thousands)) (PP (IN of) (NP (NNS students))))"
                             " (VP (VBD attacked) (NP (NNP Kestria))) (. .)))"),
                        "---EDU>KES:190");
}

static void test_skip_slot(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD warned) (NP (PRP$ their) (NNS citizens))"
                             " (PP (IN about) (NP (NNP Zephyra)))) (. .)))"),
                        "VAL>ZEP:138");
}

static void test_compound_before_verb_acts_on_itself(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBP agree)"
                             " (SBAR (IN that) (S (NP (NNS talks)) (VP (MD should) (VP (VB continue))))))"
                             " (. .)))"),
                        "KES>VAL:030 VAL>KES:030");
}

static void test_compound_after_verb_is_the_target(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Zephyra)) (VP (VBZ agrees) (PP (IN with) (NP (NP (NNP Valdoria))"
                             " (CC and) (NP (NNP Kestria))))) (. .)))"),
                        "ZEP>KES:031 ZEP>VAL:031");
}

static void test_passive_takes_source_from_by_phrase(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD was) (VP (VBN attacked) (PP (IN by)"
                             " (NP (NNP Morvania))))) (. .)))"),
                        "MOR>VAL:190");
    /* the same with a flat verb group */
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD was) (VBN attacked) (PP (IN by)"
                             " (NP (NNP Morvania)))) (. .)))"),
                        "MOR>VAL:190");
}

static void test_negation_cancels_unless_a_pattern_says_otherwise(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD did) (RB not) (VP (VB attack)"
                             " (NP (NNP Kestria)))) (. .)))"),
                        "");
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (MD will) (RB not) (VP (VB attack)"
                             " (NP (NNP Kestria)))) (. .)))"),
                        "");
    /* CONDEMN has "- NOT * [---]": no event either, by the pattern */
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD did) (RB not) (VP (VB condemn)"
                             " (NP (NNP Kestria)))) (. .)))"),
                        "");
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria))) (. .)))"),
                        "VAL>KES:122");
}

static void test_pronoun_subject_takes_the_governing_subject(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD said) (SBAR (S (NP (PRP it))"
                             " (VP (MD would) (VP (VB attack) (NP (NNP Kestria))))))) (. .)))"),
                        "VAL>KES:010");
}

static void test_relative_clause_subject_is_the_modified_noun(void **s) {
    (void)s;
    /* (between commas the clause would be an aside, see the comma test) */
    assert_string_equal(code("(ROOT (S (NP (NP (NNP Morvania)) (SBAR (WHNP (WDT which))"
                             " (S (VP (VBD attacked) (NP (NNP Kestria)))))) (VP (VBD met)"
                             " (NP (NNP Zephyra))) (. .)))"),
                        "MOR>KES:190 MOR>ZEP:031 ZEP>MOR:031");
}

static void test_two_code_verb_gives_reverse_event(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria) (NN minister)) (VP (VBD arrived) (PP (IN in)"
                             " (NP (NNP Kestria)))) (. .)))"),
                        "KES>VALGOV:033 VALGOV>KES:032");
}

static void test_require_dyad_option(void **s) {
    (void)s;
    const char *ptb = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (DT the) (NN village))) (. .)))";
    assert_string_equal(code(ptb), "");
    ent_options o = dict->options;
    o.require_dyad = 0;
    assert_string_equal(code_opts(ptb, 20240101, &o), "VAL>---:190");
}

static void test_without_require_dyad_a_target_needs_a_phrase_after_the_verb(void **s) {
    (void)s;
    ent_options o = dict->options;
    o.require_dyad = 0;
    /* a time is no object: nothing stands for the target */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP-TMP (NN today)))"
                                  " (. .)))", 20240101, &o),
                        "");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked)) (. .)))", 20240101, &o), "");
    /* a noun phrase inside a prepositional phrase of the verb's does */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (PP (IN on)"
                                  " (NP (NNP Saturday)))) (. .)))", 20240101, &o),
                        "VAL>---:190");
}

static void test_comma_aside_is_not_coded(void **s) {
    (void)s;
    ent_options o = dict->options;
    o.require_dyad = 0;
    const char *ptb = "(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))) (, ,)"
                      " (NP (DT a) (NN minister)) (VP (VBD said) (NP (NN today))) (. .)))";
    assert_string_equal(code_opts(ptb, 20240101, &o), "VAL>KES:190");
    o.comma_emax = 0;   /* asides off: the report itself is coded */
    assert_string_equal(code_opts(ptb, 20240101, &o), "---GOV>---:010 VAL>KES:190");
    /* with code_all_clauses a stretch whose verb is an act is no aside */
    const char *act = "(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))) (, ,)"
                      " (NP (NNP Morvania)) (VP (VBD condemned) (NP (NNP Valdoria))) (. .)))";
    o = dict->options;
    assert_string_equal(code_opts(act, 20240101, &o), "VAL>KES:190");
    o.code_all_clauses = 1;
    assert_string_equal(code_opts(act, 20240101, &o), "MOR>VAL:122 VAL>KES:190");
}

static void test_coded_verb_claims_its_subordinate_clause(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria))"
                             " (SBAR (IN after) (S (NP (NNP Morvania)) (VP (VBD attacked) (NP (NNP Zephyra)))))) (. .)))"),
                        "VAL>KES:122");
}

static void test_dateline_places_agents(void **s) {
    (void)s;
    char cc[4];
    const char *dl = "LONDON, March 3 (Reuters) - ";
    ent_coder_dateline_country(dict, dl, strlen(dl), cc);
    assert_string_equal(cc, "");
    dl = "VALDORIA CITY, March 3 (Reuters) - ";
    ent_coder_dateline_country(dict, dl, strlen(dl), cc);
    assert_string_equal(cc, "VAL");
    dl = "CAPITAL CITY, Valdoria (AP) -- ";
    ent_coder_dateline_country(dict, dl, strlen(dl), cc);
    assert_string_equal(cc, "VAL");   /* the state named after a city is where it is */
    dl = "ZEPHYRA: ";
    ent_coder_dateline_country(dict, dl, strlen(dl), cc);
    assert_string_equal(cc, "ZEP");

    /* a sentence that names no state takes its agents' state from it */
    const char *ptb = "(ROOT (S (NP (DT The) (NN government)) (VP (VBD arrested) (NP (NNS students))) (. .)))";
    ent_tree t;
    read_ptb(&t, ptb);
    ent_options o = dict->options;
    o.infer_agent_country = 1;
    ent_coder *c = ent_coder_new(dict, &o);
    assert_non_null(c);
    const ent_event *ev;
    int n;
    assert_int_equal(ent_coder_code(c, &t, 20240101, &ev, &n), ENT_CODED);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].source, "---GOV");
    memcpy(t.home, "ZEP", 4);
    assert_int_equal(ent_coder_code(c, &t, 20240101, &ev, &n), ENT_CODED);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].source, "ZEPGOV");
    assert_string_equal(ev[0].target, "ZEPEDU");
    ent_coder_free(c);
    ent_tree_free(&t);
}

/* Armed men no state places who strike an organ of the state the story
 * is datelined in are of that state, not of a state named later. */
static void test_dateline_state_places_who_strikes_its_organs(void **s) {
    (void)s;
    const char *ptb = "(ROOT (S (S (NP (NNS Troops)) (VP (VBD attacked) (NP (JJ Kestrian) (NNS lawmakers)))) (, ,)"
                      " (CC and) (S (NP (NNP Morvania)) (VP (VBD condemned) (NP (DT the) (NN attack)))) (. .)))";
    ent_tree t;
    read_ptb(&t, ptb);
    ent_options o = dict->options;
    o.infer_agent_country = o.code_all_clauses = o.code_nested = 1;
    ent_coder *c = ent_coder_new(dict, &o);
    assert_non_null(c);
    const ent_event *ev;
    int n;
    const char *src = NULL;
    assert_int_equal(ent_coder_code(c, &t, 20240101, &ev, &n), ENT_CODED);
    for (int i = 0; i < n; i++)
        if (!strcmp(ev[i].code, "190")) src = ev[i].source;
    assert_non_null(src);
    assert_string_equal(src, "MORMIL");   /* no dateline: the state named nearest */
    memcpy(t.home, "KES", 4);
    src = NULL;
    assert_int_equal(ent_coder_code(c, &t, 20240101, &ev, &n), ENT_CODED);
    for (int i = 0; i < n; i++)
        if (!strcmp(ev[i].code, "190")) src = ev[i].source;
    assert_non_null(src);
    assert_string_equal(src, "KESMIL");
    ent_coder_free(c);
    ent_tree_free(&t);
}

/* Returns the tag the pipeline gives the first token spelled `word`. */
static const char *pipeline_tag(ent_pipeline *p, ent_tree *t, const char *text, const char *word) {
    assert_int_equal(ent_pipeline_parse_text(p, text, (int32_t)strlen(text), t), 0);
    for (int32_t i = 0; i < t->n_tokens; i++)
        if (!strcmp(t->tokens[i].text, word)) return t->tokens[i].tag;
    fail_msg("no token \"%s\" in \"%s\"", word, text);
    return "";
}

/* The built-in dictionary set, from the source tree. */
static ent_dict *load_builtin(void) {
    ent_diags dg;
    ent_diags_init(&dg, stderr, 0);
    ent_dict *d = ent_dict_load(access("dict/PETR_config.ini", R_OK) == 0 ? "dict" : "../dict", &dg);
    ent_diags_free(&dg);
    assert_non_null(d);
    return d;
}

/* Events of a one-sentence story coded with pipeline p, as
 * "SRC>TGT:CODE" joined by spaces, into out. */
static int collect_events(void *user, const ent_doc *doc, const ent_coded_sentence *cs) {
    (void)doc;
    char *out = user;
    for (int i = 0; i < cs->n_events; i++) {
        size_t n = strlen(out);
        snprintf(out + n, 1024 - n, "%s%s>%s:%s", n ? " " : "", cs->events[i].source, cs->events[i].target,
                 cs->events[i].code);
    }
    return 0;
}

static const char *story_events(ent_pipeline *p, const char *text, char out[1024]) {
    ent_doc doc = {.id = "t", .date = 20240101, .text = text, .len = strlen(text), .where = "test"};
    out[0] = '\0';
    assert_true(ent_pipeline_code_doc(p, &doc, collect_events, out) >= 1);
    return out;
}

/* Rules for wire copy, each on a sentence of the kind it was made for,
 * with the built-in set: the events must contain `want`. */
static void test_wire_rules_with_builtin_set(void **s) {
    (void)s;
    ent_dict *builtin = load_builtin();
    ent_pipeline *p = ent_pipeline_new(builtin, &builtin->options);
    assert_non_null(p);
    static const struct {
        const char *text, *want, *not;
    } cases[] = {
        /* a state's forces fight their own insurgents; a dateline's
         * agency names no state; "Moscow" undated is Russia */
        {"MOSCOW, Feb 6 (Reuters) - Russian troops seized the ruins of Grozny from Chechen rebels on Sunday.",
         "RUSMIL>RUSREB:", "SUN"},
        {"Georgian troops launched an offensive against separatist forces on Friday.", "GEOMIL>GEOSEP", NULL},
        {"Egyptian warplanes struck militant camps in eastern Libya on Friday.", "EGYMIL>LBYREB:195", NULL},
        /* an inquiry is into the state its matter is placed in; a bare
         * form inside a list of nouns is a noun */
        {"The International Criminal Court's prosecutor opened a preliminary examination on Monday into killings, "
         "torture and rape in Burundi.",
         ">BDI:092", NULL},
        /* the one blamed, named by its agent alone, is the accuser's own */
        {"KIEV, July 17 (Reuters) - Ukraine accused pro-Russian separatists on Thursday of shooting down a "
         "Malaysian airliner carrying 298 people.",
         "UKR>UKRSEP:112", "UKR>MYS:112"},
        /* a claim of responsibility is aimed where the act claimed struck */
        {"KUWAIT CITY (AP) -- An Islamic State suicide bomber blew himself up in a packed Shi'ite mosque in the "
         "Gulf state's capital during Friday prayers, killing 27 people, and the group claimed responsibility.",
         "IMGISL>KWTCVL:015", NULL},
        /* a participle right after a name is the verb, not a modifier */
        {"Algeria severed diplomatic relations with Morocco on Tuesday, with Foreign Minister Ramtane Lamamra "
         "accusing Rabat of hostile actions against his country.",
         ">MAR:112", NULL},
        /* a further blow at things lands where the blow before it did */
        {"Russia launched a full-scale invasion of Ukraine on Thursday, hitting cities and military bases with "
         "missiles.",
         "RUS>UKR:195", NULL},
        /* a verb with no object reads the object it shares with the next */
        {"Belarusian riot police clubbed and detained hundreds of opposition supporters on Sunday.",
         "BLRCOP>BLROPP:175", "BLRCOP>BLROPP:182"},
        /* violence from the air is aerial whatever the verb */
        {"Turkish F-16 jets shot down a Russian warplane near the Syrian border on Tuesday.", ">RUSMIL:195",
         ">RUSMIL:190"},
        {"A U.S. drone strike killed Iran's top general on Friday.", ">IRNMIL:195", ">IRNMIL:190"},
        /* a past form right after the subject is the verb */
        {"COLOMBO, April 23 (Reuters) - Tamil Tiger rebels overran the strategic Elephant Pass army base on "
         "Saturday.",
         ">LKAMIL:192", NULL},
        /* a determiner is never followed by a bare verb */
        {"Saudi Arabia closed its airspace to Qatar on Monday.", "SAU>QAT:191", NULL},
        /* "responded by firing missiles" */
        {"U.S. forces fired cruise missiles at targets in Baghdad on Thursday, and Iraq responded by firing "
         "missiles toward U.S. troops.",
         "IRQ>USAMIL:195", NULL},
        /* intent to act together is mutual; a member no state places
         * takes the other's */
        {"Kenyan President Uhuru Kenyatta and opposition leader Raila Odinga pledged on Friday to work together.",
         "KENOPP>KENGOV:031", NULL},
        /* an apposition after a coordinated subject; "they" is the speakers */
        {"Colombia's government and the ELN, the country's second-largest guerrilla group, said on Wednesday "
         "they would open formal peace talks.",
         "COLREB>COLGOV:036", NULL},
        /* an apposition is one party */
        {"Turkish police detained Istanbul Mayor Ekrem Imamoglu, the main rival of President Recep Tayyip "
         "Erdogan.",
         "TURCOP>TUROPPGOV:173", "TURCOP>TURGOV:173"},
        /* a person of office killed */
        {"An Israeli helicopter gunship fired missiles at Hamas founder Sheikh Ahmed Yassin as he left a mosque "
         "on Monday, killing him and seven others.",
         ":186", ":195"},
        /* people held hostage "and about 30 other lawmakers" by armed men
         * of the dateline's state; the criticism aimed at them */
        {"SUVA, May 20 (Reuters) - Gunmen loyal to failed businessman George Speight held Fiji's prime minister, "
         "Mahendra Chaudhry, and about 30 other lawmakers hostage inside parliament on Saturday, as Australia and "
         "New Zealand condemned the attempted coup.",
         "NZL>FJI", "AUSBUS"},
        {"SUVA, May 20 (Reuters) - Gunmen loyal to failed businessman George Speight held Fiji's prime minister, "
         "Mahendra Chaudhry, and about 30 other lawmakers hostage inside parliament on Saturday.",
         "FJIBUSUAF>FJIOPP:181", NULL},
        /* drills two states hold together; forces sent with relief */
        {"SEOUL, July 25 (Reuters) - The United States and South Korea launched large-scale naval and air drills "
         "off the peninsula's east coast on Sunday.",
         "KOR>USA:062", ":150"},
        {"NEW DELHI, Dec 28 (Reuters) - India dispatched navy ships loaded with food, water and medicine to Sri "
         "Lanka on Tuesday.",
         ":073", ":154"},
        /* "became the first leader to visit": a visit made */
        {"ASMARA, July 9 (Reuters) - Abiy Ahmed became the first Ethiopian leader in more than 20 years to visit "
         "Eritrea.",
         "ETHGOV>ERI:042", NULL},
        /* ground of one's own state taken; ground seized from another */
        {"KABUL, Aug 13 (Reuters) - Taliban insurgents captured Kandahar and Herat on Friday.", ">AFG:192", NULL},
        {"JUBA, April 10 (Reuters) - South Sudan's army seized the disputed Heglig oil field from Sudan on Tuesday.",
         ":192", ":171"},
        /* counted people seized are abducted */
        {"MANILA, May 27 (Reuters) - Muslim rebels seized three Americans and 17 Filipinos from a dive resort.",
         ">USA:181", ":192"},
        /* the purpose of a call is a second act toward the one called;
         * what a meeting is for beyond words is not yet done */
        {"ISLAMABAD (Reuters) - Pakistani Prime Minister Nawaz Sharif telephoned Afghan President Ashraf Ghani on "
         "Wednesday to offer condolences.",
         "PAKGOV>AFGGOV:018", NULL},
        {"Syrian President Bashar al-Assad met Iranian President Ebrahim Raisi in Tehran to attack Israel.",
         NULL, ":19"},
        /* where a meeting was held is not who was met; "heads of state"
         * is an office */
        {"European leaders met in London on Sunday.", NULL, ">GBR:04"},
        {"ABUJA (Reuters) - ECOWAS heads of state met in Abuja on Sunday.", NULL, ">NGA:04"},
        /* an ultimatum with "until" */
        {"The International Atomic Energy Agency on Friday gave Iran until Oct. 31 to prove it has no secret "
         "nuclear weapons programme.",
         "IGOIAE>IRN:139", NULL},
        /* the speaker is not the author of an agentless passive */
        {"Saudi Arabia acknowledged on Saturday that journalist Jamal Khashoggi had died inside its Istanbul "
         "consulate, saying he was killed in a fistfight.",
         NULL, ":190"},
    };
    char out[1024];
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        story_events(p, cases[k].text, out);
        if (cases[k].want && !strstr(out, cases[k].want))
            fail_msg("\"%s\": wanted %s, got \"%s\"", cases[k].text, cases[k].want, out);
        if (cases[k].not && strstr(out, cases[k].not))
            fail_msg("\"%s\": wanted no %s, got \"%s\"", cases[k].text, cases[k].not, out);
    }
    ent_pipeline_free(p);
    ent_dict_free(builtin);
}

static void test_pipeline_dateline_and_participle_repair(void **s) {
    (void)s;
    ent_pipeline *p = ent_pipeline_new(dict, &dict->options);
    assert_non_null(p);
    ent_tree t;
    ent_tree_init(&t);
    const char *text = "ZEPHYRA: Kestria's military seized power on Monday.";
    assert_int_equal(ent_pipeline_parse_text(p, text, (int32_t)strlen(text), &t), 0);
    assert_string_equal(t.home, "ZEP");
    assert_string_equal(t.tokens[0].text, "Kestria");   /* the dateline is not a word of it */
    int found = 0;
    for (int32_t i = 0; i < t.n_tokens; i++)
        if (!strcmp(t.tokens[i].text, "seized")) {
            assert_string_equal(t.tokens[i].tag, "VBD");
            found = 1;
        }
    assert_true(found);
    /* "that" opens a new subject: the noun after it may be its verb */
    ent_pipeline_free(p);
    /* with the built-in set, which knows "hand over" as a verb: "that"
     * opens a new subject, so the noun after it may be its verb */
    ent_dict *builtin = load_builtin();
    p = ent_pipeline_new(builtin, &builtin->options);
    assert_non_null(p);
    /* repairs of the tagger's guesses, word by word */
    static const struct {
        const char *text, *word, *tag;
    } repairs[] = {
        {"Indonesia recalled its ambassador and suspended military cooperation with Australia.",
         "suspended", "VBD"},
        {"Police fired tear gas as Iraq allowed U.N. weapons inspectors to return.", "tear", "NN"},
        {"Police fired tear gas as Iraq allowed U.N. weapons inspectors to return.", "inspectors", "NNS"},
        {"Human Rights Watch accused Uzbek forces of massacring civilians.", "Human", "NNP"},
        {"Human Rights Watch accused Uzbek forces of massacring civilians.", "Rights", "NNP"},
        {"Human Rights Watch accused Uzbek forces of massacring civilians.", "Watch", "NNP"},
        {"Israeli troops backed by tanks besieged the headquarters on Friday.", "besieged", "VBD"},
        {"Lavrov accused the United States of arming Kurdish militants.", "arming", "VBG"},
        {"Georgia accused Russia on Friday of bombing villages in the gorge.", "bombing", "VBG"},
        {"Tillerson accused Assad's forces of gassing dozens of civilians.", "gassing", "VBG"},
        {"Thousands of striking civil servants marched on the palace.", "striking", "JJ"},
        {"The ministry warned of bombing raids on the city.", "bombing", "NN"},
        {"Troops captured a bearded and dishevelled Saddam Hussein in a hole.", "dishevelled", "JJ"},
        {"Supporters stormed the headquarters and set fire to a residence.", "set", "VBD"},
        {"Australia pledged A$200 million to Nauru.", "A$", "$"},
        {"Renegade soldiers shot dead the country's president at his home.", "dead", "RB"},
        {"A gunman shot and seriously wounded the prime minister on Wednesday.", "shot", "VBD"},
        {"Bolivian President Gonzalo Sanchez de Lozada resigned on Friday.", "de", "NNP"},
        {"Argentine President Fernando de la Rua resigned on Thursday.", "la", "NNP"},
        {"Weeks after rival ethnic militias massacred hundreds of civilians.", "massacred", "VBD"},
        {"Suspected Islamist militants attacked police checkpoints in the capital.", "Suspected", "JJ"},
        {"China and Russia launched joint combat exercises on Tuesday.", "exercises", "NNS"},
        {"Pakistan handed senior al Qaeda suspect Khalid Sheikh Mohammed over to the United States.", "suspect",
         "NN"},
        {"Flash floods in eastern Spain killed at least 158 people.", "Flash", "NN"},
        {"Xi and Ma shook hands and held talks in Singapore on Saturday.", "held", "VBD"},
        {"Myanmar's military seized power in a coup on Monday and detained civilian leader Aung San Suu Kyi.",
         "detained", "VBD"},
        {"Boko Haram gunmen abducted more than 200 schoolgirls from a school.", "abducted", "VBD"},
        {"Tamil Tiger rebels overran the strategic army base on Saturday.", "overran", "VBD"},
        {"Saudi Arabia closed its airspace to Qatar on Monday.", "airspace", "NN"},
        {"Iraq responded by firing missiles toward U.S. troops.", "firing", "VBG"},
        {"A judge ordered former President Pedro Castillo held for seven days.", "held", "VBN"},
    };
    for (size_t k = 0; k < sizeof repairs / sizeof *repairs; k++)
        assert_string_equal(pipeline_tag(p, &t, repairs[k].text, repairs[k].word), repairs[k].tag);
    /* verb or not, whatever its exact tag */
    assert_true(ent_tree_is_verb_tag(
        pipeline_tag(p, &t, "Human Rights Watch accused Uzbek forces of massacring civilians.", "accused")));
    const char *floods = "Heavy rains and flash floods swept through the north on Tuesday.";
    assert_false(ent_tree_is_verb_tag(pipeline_tag(p, &t, floods, "flash")));
    assert_true(ent_tree_is_verb_tag(pipeline_tag(p, &t, floods, "swept")));
    assert_true(ent_tree_is_verb_tag(pipeline_tag(
        p, &t, "President Bush again demanded that the Taliban hand over Osama bin Laden.", "hand")));
    ent_tree_free(&t);
    ent_pipeline_free(p);
    ent_dict_free(builtin);
}


static void test_pipeline_base_verb_after_very_is_adverb_or_adjective(void **s) {
    (void)s;
    ent_pipeline *p = ent_pipeline_new(dict, &dict->options);
    assert_non_null(p);
    ent_tree t;
    ent_tree_init(&t);
    /* the tagger reads "close" as a verb here; "very" grades no verb */
    assert_string_equal(
        pipeline_tag(p, &t, "Sam Gamgee has marched very close to the border with Kestria.",
                     "close"),
        "RB");
    /* a verb after "very" that is not right after it keeps its tag */
    assert_string_equal(pipeline_tag(p, &t, "Valdoria very quickly closed the border.", "closed"),
                        "VBD");
    ent_tree_free(&t);
    ent_pipeline_free(p);
}

static void test_nominal_events(void **s) {
    (void)s;
    /* the noun's modifier is the source, its preposition's phrase the target */
    const char *strikes = "(ROOT (S (NP (NP (JJ Valdorian) (NNS strikes)) (PP (IN on) (NP (NNP Kestria))))"
                          " (VP (VBD continued)) (. .)))";
    assert_string_equal(code(strikes), "VAL>KES:190");
    /* a modifier of the whole list is the source; with no preposition the
     * target is what the clause's verb names */
    assert_string_equal(code("(ROOT (S (NP (NP (NP (JJ Valdorian) (NN air)) (CC and) (NP (NN artillery) (NNS"
                             " strikes))) (PP (IN on) (NP (NNP Kestria)))) (VP (VBD continued)) (. .)))"),
                        "VAL>KES:190");
    assert_string_equal(code("(ROOT (S (NP (JJ Valdorian) (NNS strikes)) (VP (VBD hit) (NP (NNP Kestria)))"
                             " (. .)))"),
                        "VAL>KES:190");
    /* BETWEEN: the phrase's actors act on each other */
    assert_string_equal(code("(ROOT (S (NP (NP (NNS Talks)) (PP (IN between) (NP (NNP Valdoria) (CC and)"
                             " (NNP Kestria)))) (VP (VBD ended)) (. .)))"),
                        "KES>VAL:040 VAL>KES:040");
    /* a light verb lends its subject; the PP may hang from the verb */
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD launched) (NP (DT an) (NN invasion))"
                             " (PP (IN of) (NP (NNP Kestria)))) (. .)))"),
                        "VAL>KES:192");
    /* background: inside a PP, or dated to a year */
    assert_string_equal(code("(ROOT (S (NP (NNP Morvania)) (VP (VBD grew) (PP (IN after) (NP (NP (DT the)"
                             " (NN invasion)) (PP (IN of) (NP (NNP Kestria)))))) (. .)))"),
                        "");
    assert_string_equal(code("(ROOT (S (NP (NP (NP (NNP Valdoria) (POS 's)) (CD 1990) (NN invasion)) (PP (IN"
                             " of) (NP (NNP Kestria)))) (VP (VBD failed)) (. .)))"),
                        "");
    /* a verb that coded its phrase keeps the noun: one event, not two */
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD imposed) (NP (NNS sanctions)) (PP (IN"
                             " on) (NP (NNP Kestria)))) (. .)))"),
                        "VAL>KES:163");
    ent_options o = dict->options;
    o.code_nominal = 0;
    assert_string_equal(code_opts(strikes, 20240101, &o), "");
}

static void test_clause_on_an_act_takes_the_acts_agent(void **s) {
    (void)s;
    ent_options o = dict->options;
    o.code_all_clauses = o.code_nested = o.infer_agent_country = 1;
    /* "strikes in Valdoria that killed villagers": the strikes killed,
     * not the place; with no one named for them, no one acts */
    const char *nobody = "(ROOT (S (NP (NNP Kestria)) (VP (VBD condemned) (NP (NP (NNS strikes)) (PP (IN in)"
                         " (NP (NP (NNP Valdoria)) (SBAR (WHNP (WDT that)) (S (VP (VBD killed) (NP (NNS"
                         " villagers))))))))) (. .)))";
    assert_null(strstr(code_opts(nobody, 20240101, &o), ":1823"));
    const char *named = "(ROOT (S (NP (NNP Morvania)) (VP (VBD condemned) (NP (NP (JJ Kestrian) (NNS strikes))"
                        " (PP (IN in) (NP (NP (NNP Valdoria)) (SBAR (WHNP (WDT that)) (S (VP (VBD killed) (NP"
                        " (NNS villagers))))))))) (. .)))";
    assert_non_null(strstr(code_opts(named, 20240101, &o), "KES>VALCVL:1823"));
    /* "accused each other of attacking": each accuser did it to the other,
     * and each accusation is of aggression (1123), named by the act */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria) (CC and) (NNP Kestria)) (VP (VBD accused)"
                                  " (NP (DT each) (JJ other)) (PP (IN of) (S (VP (VBG attacking) (NP (NNS"
                                  " villagers)))))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:1123 KES>VAL:190 VAL>KES:1123 VAL>KES:190");
    /* "as its columns were attacked by": the owner named before is the target */
    assert_non_null(strstr(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD met) (NP (NNP Morvania)) (SBAR (IN as)"
                                     " (S (NP (PRP$ its) (NNS columns)) (VP (VBD were) (VP (VBN attacked) (PP (IN"
                                     " by) (NP (NNP Kestria)))))))) (. .)))",
                                     20240101, &o),
                           "KES>VAL:190"));
    /* "has no intention of attacking" is no attack */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBZ has) (NP (NP (DT no) (NN intention)) (PP"
                                  " (IN of) (S (VP (VBG attacking) (NP (NNP Kestria))))))) (. .)))",
                                  20240101, &o),
                        "");
    /* "met X to attack Y and arrested protesters": a past verb cannot
     * share the "to", so the subject arrested them */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD met) (NP (NNP Morvania)) (S (VP (VP (TO"
                                  " to) (VB attack) (NP (NNP Kestria))) (CC and) (VP (VBD arrested) (NP (NNS"
                                  " protesters)))))) (. .)))",
                                  20240101, &o),
                        "MOR>VAL:031 VAL>MOR:031 VAL>VALOPP:173");
    /* a source slot after the verb and no target slot: the subject is
     * the target */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Kestrian) (NNS troops)) (VP (VBD came) (PP (IN under)"
                                  " (NP (NN fire))) (PP (IN from) (NP (NNP Valdoria)))) (. .)))",
                                  20240101, &o),
                        "VAL>KESMIL:190");
}

static void test_all_clauses_option(void **s) {
    (void)s;
    const char *participle = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)) (, ,)"
                             " (S (VP (VBG attacking) (NP (NNP Morvania))))) (. .)))";
    const char *modal = "(ROOT (S (NP (NNP Valdoria)) (VP (MD might) (VP (VB attack) (NP (NNP"
                        " Kestria)))) (. .)))";
    const char *after = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)) (SBAR (IN"
                        " after) (S (NP (NNP Morvania)) (VP (VBD attacked) (NP (NNP Valdoria)))))) (. .)))";
    /* as PETRARCH: the coded verb claims its phrase, and "might" is no bar */
    assert_string_equal(code(participle), "VAL>KES:190");
    assert_string_equal(code(modal), "VAL>KES:190");
    assert_string_equal(code(after), "VAL>KES:190");
    ent_options o = dict->options;
    o.code_all_clauses = 1;
    assert_string_equal(code_opts(participle, 20240101, &o), "VAL>KES:190 VAL>MOR:190");
    assert_string_equal(code_opts(modal, 20240101, &o), "");
    assert_string_equal(code_opts(after, 20240101, &o), "MOR>VAL:190 VAL>KES:190");
    /* a phrase of circumstance is no target; a compound subject with no
     * other target acts on itself where the act is mutual (cooperation,
     * a fight), not where its members act together ("attacked") */
    const char *during = "(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD attacked)"
                         " (PP (IN during) (NP (NNP Morvania)))) (. .)))";
    assert_string_equal(code(during), "KES>MOR:190 VAL>MOR:190");
    assert_string_equal(code_opts(during, 20240101, &o), "");
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD"
                                  " agreed) (PP (IN during) (NP (NNP Morvania)))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:030 VAL>KES:030");
    /* the toll of an act already coded is not an act of its own */
    const char *toll = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)) (, ,) (S (VP (VBG"
                       " killing) (NP (NNP Morvania))))) (. .)))";
    assert_string_equal(code_opts(toll, 20240101, &o), "VAL>KES:190");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD was) (ADJP (JJ calm))) (, ,) (S (VP"
                                  " (VBG killing) (NP (NNP Morvania)))) (. .)))",
                                  20240101, &o),
                        "VAL>MOR:1823");
    /* "will" or "would": an act announced, a threat of force or an intent
     * to cooperate */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (MD will) (VP (VB attack) (NP (NNP"
                                  " Kestria)))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:138");
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (MD will) (VP (VB attack) (NP (NNP"
                             " Kestria)))) (. .)))"),
                        "VAL>KES:190");
    /* an act wanted of another is not done */
    const char *wants = "(ROOT (S (NP (NNP Valdoria)) (VP (VBZ wants) (NP (NNP Kestria)) (S (VP (TO to)"
                        " (VP (VB attack) (NP (NNP Morvania)))))) (. .)))";
    assert_string_equal(code(wants), "VAL>MOR:190");
    assert_string_equal(code_opts(wants, 20240101, &o), "");
    /* an object pronoun stands for the other party named before it */
    const char *him = "(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,) (CC"
                      " and) (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (PRP them)))) (. .)))";
    assert_string_equal(code(him), "KES>MOR:190");
    assert_string_equal(code_opts(him, 20240101, &o), "KES>MOR:190 VAL>MOR:190");
    /* "him" is a person named before, before any state */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD condemned) (NP (NNP General) (NNP"
                                  " Orlov)) (PP (IN in) (NP (NNP Zephyra))))) (, ,) (CC and) (S (NP (NNP"
                                  " Morvania)) (VP (VBD attacked) (NP (PRP him)))) (. .)))",
                                  20240101, &o),
                        "KES>VALGOV:122 MOR>VALGOV:190");
    /* "it" only as plainly a party: "condemned it for ..." */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NP (PRP it)) (PP (IN"
                                  " for) (NP (NN aggression)))))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>MOR:122");
    /* and so does a state's description */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania))))"
                                  " (, ,) (CC and) (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (DT the)"
                                  " (JJ small) (NN nation)))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>MOR:190");
    /* never for a member of a compound source */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania))))"
                                  " (, ,) (CC and) (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Zephyra)))"
                                  " (VP (VBD attacked) (NP (DT the) (JJ small) (NN nation)))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>MOR:190 ZEP>MOR:190");
    /* a reaction that names no one is aimed at the last act's author */
    const char *react = "(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))) (, ,) (CC"
                        " and) (S (NP (NNP Morvania)) (VP (VBD condemned) (NP (DT the) (NN attack)))) (. .)))";
    assert_string_equal(code(react), "VAL>KES:190");
    assert_string_equal(code_opts(react, 20240101, &o), "MOR>VAL:122 VAL>KES:190");
    /* the place of a compound subject's meeting is no target; "each
     * other" is the subject's members */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD"
                                  " met) (PP (IN in) (NP (NNP Morvania)))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:031 VAL>KES:031");
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD"
                                  " attacked) (NP (DT each) (JJ other))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:190 VAL>KES:190");
    /* "the two countries": the last two states named; a passive with no
     * agent has no source */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD was) (VP (VBN attacked) (PP (IN"
                                  " near) (NP (NNP Morvania)))))) (, ,) (CC and) (S (NP (DT the) (CD two)"
                                  " (NNS countries)) (VP (VBD accused) (NP (DT each) (JJ other)))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:112 MOR>KES:112");
    /* a pattern's source slot does not reach past the clause's own
     * subject ("the two", not Kestria alone) */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD met) (NP (NNP Kestria)))) (, ,) (CC"
                                  " and) (S (NP (DT the) (CD two)) (VP (VBD agreed))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:030 KES>VAL:031 VAL>KES:030 VAL>KES:031");
    /* the violent act an accusation names is the accused's; one short of
     * violence is only the accusation's content */
    const char *accused = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria)) (PP (IN for)"
                          " (S (VP (VBG attacking) (NP (NNP Morvania)))))) (. .)))";
    assert_string_equal(code(accused), "VAL>KES:122");
    assert_string_equal(code_opts(accused, 20240101, &o), "KES>MOR:190 VAL>KES:122");
    /* also when the clause hangs from the object */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NP (NNP Kestria)) (PP"
                                  " (IN for) (S (VP (VBG attacking) (NP (NNP Morvania))))))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>KES:122");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria)) (PP (IN"
                                  " for) (S (VP (VBG arresting) (NP (NNP Morvania)))))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:122");
    /* aid that names no recipient goes to the state the news is from */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD suffered) (NP (NNS floods)))) (, ,) (CC"
                                  " and) (S (NP (NNP Valdoria)) (VP (VBD sent) (NP (NN aid)))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:073");
    /* an owner tied by a suffix ("a Kestrian-owned ship") is the party */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD seized) (NP (DT a) (JJ Kestrian-owned) (NN"
                                  " ship))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:171");
    /* the states of a compound source are no target's state */
    ent_options oc = o;
    oc.infer_agent_country = 1;
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Morvania)) (VP (VBD attacked) (NP (NNP Zephyra)))) (, ,) (CC"
                                  " and) (S (NP (NNP Valdoria) (CC and) (NNP Kestria)) (VP (VBD accused) (NP (DT"
                                  " the) (NN government)))) (. .)))",
                                  20240101, &oc),
                        "KES>ZEPGOV:112 MOR>ZEP:190 VAL>ZEPGOV:112");
    /* a target no state places is as if none were named */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Kestrian) (NNS protesters)) (VP (VBD protested) (PP (IN"
                                  " against) (NP (DT the) (NN border) (NN war)))) (. .)))",
                                  20240101, &o),
                        "KESOPP>KESGOV:140");
    /* "the South" is the state named before whose name it begins */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP South) (NNP"
                                  " Kestria)))) (, ,) (CC and) (S (NP (DT the) (NNP South)) (VP (VBD attacked) (NP"
                                  " (NNP Valdoria)))) (. .)))",
                                  20240101, &o),
                        "SKS>VAL:190 VAL>SKS:190");
    /* a purpose after an object that names no party is the subject's own,
     * unless the object denies it */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD formed) (NP (DT a) (NN unit)) (S (VP (TO"
                                  " to) (VB attack) (NP (NNP Kestria))))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:190");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBZ has) (NP (DT no) (NNS plans)) (S (VP (TO"
                                  " to) (VB attack) (NP (NNP Kestria))))) (. .)))",
                                  20240101, &o),
                        "");
    /* one's own people extradited go to the state named after "to" */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD extradited) (NP (JJ Valdorian) (NNS"
                                  " rebels)) (PP (TO to) (NP (NNP Kestria)))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:063");
    /* what the words call a show of force is one */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD met) (NP (NNP Kestria)) (PP (IN in) (NP"
                                  " (NP (DT a) (NN show)) (PP (IN of) (NP (NN force)))))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:150");
    /* expelling people by the thousand is a mass expulsion */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD expelled) (NP (QP (JJR more) (IN than) (CD"
                                  " 2,000)) (JJ Kestrian) (NNS villagers))) (. .)))",
                                  20240101, &o),
                        "VAL>KESCVL:201");
    /* an organ's act at home that names no one is over its own state */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NN police)) (VP (VBD torched) (NP (NNS shacks)))"
                                  " (. .)))",
                                  20240101, &o),
                        "VALCOP>VAL:1712");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD torched) (NP (NNS shacks))) (. .)))",
                                  20240101, &o),
                        "");
    /* ... and so is an arrest, where no other state is named */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NN police)) (VP (VBD arrested) (NP (NNS"
                                  " dissidents))) (. .)))",
                                  20240101, &o),
                        "VALCOP>VAL:173");
    /* a compound subject's act on a name marked "---" is mutual */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria) (CC and) (NNP Kestria)) (VP (VBD met) (NP (DT the)"
                                  " (NN border) (NN war))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:031 VAL>KES:031");
    /* an assailant no one places is of the victim's own state, unless
     * the sentence says whose act it was (a general killed: 186) */
    assert_string_equal(code_opts("(ROOT (S (NP (DT A) (NN gunman)) (VP (VBD killed) (NP (NNP General) (NNP"
                                  " Orlov))) (. .)))",
                                  20240101, &o),
                        "VAL>VALGOV:186");
    assert_string_equal(code_opts("(ROOT (S (S (NP (DT A) (NN gunman)) (VP (VBD killed) (NP (NNP General) (NNP"
                                  " Orlov)))) (, ,) (CC and) (S (NP (NNP Kestria)) (VP (VBD accused) (NP (NNP"
                                  " Morvania)))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:112");
    /* with every clause read, only a stretch whose verb is one of saying
     * is an aside: ", as Morvania staged exercises near Kestria" is not */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)) (, ,) (SBAR"
                                  " (IN as) (S (NP (NNP Morvania)) (VP (VBD staged) (NP (NNS exercises)) (PP (IN"
                                  " near) (NP (NNP Kestria))))))) (. .)))",
                                  20240101, &o),
                        "MOR>KES:150 VAL>KES:190");
    /* troops sent to help another state keep the peace */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD sent) (NP (NNS troops)) (PP (TO to) (NP"
                                  " (NNP Kestria))) (S (VP (TO to) (VB help) (NP (DT the) (NN army))))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:074");
    /* a reaction answers an act that named no one too */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD seized) (NP (DT the) (NN town)))) (, ,)"
                                  " (CC and) (S (NP (NNP Kestria)) (VP (VBD condemned) (NP (DT the) (NN move))))"
                                  " (. .)))",
                                  20240101, &o),
                        "KES>VAL:122");
    /* praise of an act, like criticism, is aimed at its author */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))) (, ,)"
                                  " (CC and) (S (NP (NNP Morvania)) (VP (VBD praised) (NP (DT the) (NN move))))"
                                  " (. .)))",
                                  20240101, &o),
                        "MOR>VAL:051 VAL>KES:190");
    /* rejecting a charge one faces is a denial */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD accused) (NP (NP (NNP Kestria)) (, ,) (NP"
                                  " (NP (DT a) (NN charge)) (SBAR (WHNP (WDT which)) (S (NP (NNP Kestria)) (VP (VBD rejected))))))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:016 VAL>KES:112");
    /* a relative clause's verb of blame acts on the noun the clause
     * modifies, and its pronoun subject is the governing clause's */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NP (NNP Kestria)) (SBAR"
                                  " (WHNP (WP whom)) (S (NP (NNP Morvania)) (VP (VBZ accuses)))))) (. .)))",
                                  20240101, &o),
                        "MOR>KES:112 VAL>KES:190");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NP (NNP Kestria)) (SBAR"
                                  " (S (NP (PRP it)) (VP (VBZ accuses)))))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:112 VAL>KES:190");
    /* so is the mass violence it names as a noun, done to whom the noun
     * names or else to the accused's own people */
    const char *genocide = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NP (NNP Kestria)) (PP (IN"
                           " for) (NP (NP (NN genocide)) (PP (IN against) (NP (NNP Morvania))))))) (. .)))";
    assert_string_equal(code(genocide), "VAL>KES:122");
    assert_string_equal(code_opts(genocide, 20240101, &o), "KES>MOR:202 VAL>KES:122");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NP (NNP Kestria)) (PP"
                                  " (IN for) (NP (NN genocide))))) (. .)))",
                                  20240101, &o),
                        "KES>KESCVL:202 VAL>KES:122");
    /* a conjunct clause with no subject shares the one before it */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))) (, ,)"
                                  " (CC and) (S (VP (VBD condemned) (NP (NNP Morvania)))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:190 VAL>MOR:122");
    /* coordinated verbs share the object of the last one */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VP (VBD condemned)) (CC and) (VP (VBD"
                                  " attacked) (NP (NNP Kestria)))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:122 VAL>KES:190");
    /* people an accused act is done to are the accused's own when the act
     * names no other state; a target-less reaction by the accused answers
     * the accuser, not its own act */
    ent_options oa = o;
    oa.infer_agent_country = 1;
    const char *atrocity = "(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria)) (PP (IN"
                           " for) (S (VP (VBG killing) (NP (NNS villagers))))))) (, ,) (CC and) (S (NP (NNP"
                           " Kestria)) (VP (VBD condemned))) (. .)))";
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria)) (PP (IN"
                                  " for) (S (VP (VBG killing) (NP (NNS villagers)))))) (. .)))",
                                  20240101, &oa), "KES>KESCVL:1823 VAL>KES:122");
    assert_string_equal(code_opts(atrocity, 20240101, &oa), "KES>KESCVL:1823 KES>VAL:122 VAL>KES:122");
    /* fighting with no one named, by the state just struck, answers the
     * striker; after a statement it has no target */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))) (, ,)"
                                  " (CC and) (S (NP (NNP Kestria)) (VP (VBD attacked))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:190 VAL>KES:190");
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria)))) (, ,)"
                                  " (CC and) (S (NP (NNP Kestria)) (VP (VBD attacked))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:122");
    /* a deal's broker mediates between its parties; a weapon placed by
     * an actor acts through it; no pattern reads a reduced passive's
     * agent as its object */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD met)"
                                  " (PP (IN under) (NP (NP (DT a) (NN deal)) (VP (VBN brokered) (PP (IN by) (NP"
                                  " (NNP Morvania))))))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:031 MOR>KES:045 MOR>VAL:045 VAL>KES:031");
    assert_string_equal(code_opts("(ROOT (S (NP (NP (DT A) (NN bomb)) (VP (VBN planted) (PP (IN by) (NP (NNP"
                                  " Valdoria))))) (VP (VBD killed) (NP (NNP Kestria))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:1823");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NP (DT a) (NN camp)) (VP"
                                  " (VBN brokered) (PP (IN by) (NP (NNP Valdorian) (NNS troops)))))) (. .)))",
                                  20240101, &o),
                        "KES>VALMIL:190");
    /* an accused arming is coded, the armed group the accuser's enemy */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria)) (PP (IN"
                                  " for) (S (VP (VBG arming) (NP (NNS rebels)))))) (. .)))",
                                  20240101, &oa),
                        "KES>VALREB:072 VAL>KES:122");
    /* aid sent to a place goes where the aid before it went */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD sent) (NP (NN aid)) (PP (TO to) (NP"
                                  " (NNP Kestria))))) (, ,) (CC and) (S (NP (NNP Morvania)) (VP (VBD sent) (NP (NN"
                                  " aid)) (PP (TO to) (NP (DT the) (NN coast))))) (. .)))",
                                  20240101, &o),
                        "MOR>KES:073 VAL>KES:073");
    /* a denial whose clause codes nothing answers the act before it */
    ent_options on = oa;
    on.code_nested = 1;
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD condemned) (NP (NNP Valdoria)))) (, ,)"
                                  " (CC and) (S (NP (NNP Valdoria)) (VP (VBD denied) (SBAR (IN that) (S (NP (PRP"
                                  " it)) (VP (VBD crossed) (NP (DT the) (NN border))))))) (. .)))",
                                  20240101, &on),
                        "KES>VAL:122 VAL>KES:016");
    /* "the two ministers": an agent with no state stands for the pair */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD met)))"
                                  " (, ,) (CC and) (S (NP (DT the) (CD two) (NNS ministers)) (VP (VBD condemned) (NP"
                                  " (NNP Morvania)))) (. .)))",
                                  20240101, &oa),
                        "KES>MOR:122 KES>VAL:031 VAL>KES:031 VAL>MOR:122");
    /* a cut in aid with no one named is the other state's */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Valdoria)) (VP (VBD suspended) (NP (NN aid)))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>KES:1621");
    /* "them" after an act is the same source's last target */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VP (VBD arrested) (NP (NNP Kestrian) (NNS"
                                  " ministers))) (, ,) (S (VP (VBG condemning) (NP (PRP them))))) (. .)))",
                                  20240101, &oa),
                        "VAL>KESGOV:122 VAL>KESGOV:173");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VP (VBD arrested) (NP (NNP Kestrian) (NNS"
                                  " ministers))) (, ,) (S (VP (VBG condemning) (NP (PRP it)) (PP (IN as) (NP (DT a)"
                                  " (NN plot)))))) (. .)))",
                                  20240101, &oa),
                        "VAL>KESGOV:122 VAL>KESGOV:173");
    /* one state's troops and police act together, not on each other */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (JJ Valdorian) (NNS troops)) (CC and) (NP (NN police))) (VP"
                                  " (VBD met) (PP (IN in) (NP (NNP Kestria)))) (. .)))",
                                  20240101, &oa),
                        "KES>VALCOP:031 KES>VALMIL:031 VALCOP>KES:031 VALMIL>KES:031");
    /* a response with no one named answers the act before it */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Valdoria)))) (, ,)"
                                  " (CC and) (S (NP (NNP Valdoria)) (VP (VBD responded) (PP (IN with) (NP (NNS"
                                  " tariffs))))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:190 VAL>KES:163");
    /* a natural hazard is no one's act, whatever place it names */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNS floods)) (PP (IN in) (NP (NNP Valdoria)))) (VP (VBD killed)"
                                  " (NP (NNS villagers))) (. .)))",
                                  20240101, &oa),
                        "");
    /* a ban on another state's people or goods is an embargo */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD banned) (NP (JJ Kestrian) (NNS"
                                  " students))) (. .)))",
                                  20240101, &o),
                        "VAL>KESEDU:163");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD banned) (NP (JJ Valdorian) (NNS"
                                  " students))) (. .)))",
                                  20240101, &o),
                        "VAL>VALEDU:1722");
    /* troops sent to defend another state's government keep the peace */
    const char *sent = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD sent) (NP (NNS troops)) (PP (TO to) (NP (NNP"
                       " Kestria))) (S (VP (TO to) (VP (VB defend) (NP (DT the) (NN government)))))) (. .)))";
    assert_string_equal(code_opts(sent, 20240101, &o), "VAL>KES:074");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD sent) (NP (NNS troops)) (PP (TO to) (NP"
                                  " (NNP Kestria)))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:154");
    /* police who seize people arrest them; rebels abduct */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NN police)) (VP (VBD kidnapped) (NP (JJ Kestrian)"
                                  " (NNS students))) (. .)))",
                                  20240101, &o),
                        "VALCOP>KESEDU:173");
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NNS rebels)) (VP (VBD kidnapped) (NP (JJ Kestrian)"
                                  " (NNS students))) (. .)))",
                                  20240101, &o),
                        "VALREB>KESEDU:181");
    /* ties cut by two parties are cut between them */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD severed)"
                                  " (NP (NNS ties))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:161 VAL>KES:161");
    /* an offer with no one named, after an act of two parties each way,
     * is made to both */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD met)))"
                                  " (, ,) (CC and) (S (NP (NNP Morvania)) (VP (VBD mediated))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:031 MOR>KES:039 MOR>VAL:039 VAL>KES:031");
    /* "each accusing the other": the parties of the act before, each way */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD severed)"
                                  " (NP (NNS ties)))) (, ,) (NP (DT each)) (VP (VBG condemning) (NP (DT the) (JJ"
                                  " other))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:122 KES>VAL:161 VAL>KES:122 VAL>KES:161");
    /* an accused repression is violence, and coded */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (NNP Kestria)) (PP (IN for)"
                                  " (S (VP (VBG firing) (NP (NN tear) (NN gas)) (PP (IN at) (NP (NNS"
                                  " villagers))))))) (. .)))",
                                  20240101, &oa),
                        "KES>KESCVL:175 VAL>KES:122");
    /* a meeting of two parties in a third state */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD held) (NP"
                                  " (NNS talks)) (PP (IN in) (NP (NNP Morvania)))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:044 VAL>KES:044");
    /* a state's people speak against another state from their own */
    assert_string_equal(code_opts("(ROOT (S (S (NP (JJ Valdorian) (NN police)) (VP (VBD arrested) (NP (NNS"
                                  " villagers)))) (, ,) (CC and) (S (NP (NNS protesters)) (VP (VBD condemned) (NP"
                                  " (NNP Kestria)))) (. .)))",
                                  20240101, &oa),
                        "VALCOP>VALCVL:173 VALOPP>KES:122");
    /* "the militants": the armed group named before */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Shadow) (NNP Front)))) (, ,)"
                                  " (CC and) (S (NP (DT the) (NNS militants)) (VP (VBD condemned) (NP (NNP"
                                  " Valdoria)))) (. .)))",
                                  20240101, &o),
                        "IMGSHF>VAL:122 VAL>IMGSHF:190");
    /* a crowd's demand that names no one is made of its government */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NNS protesters)) (VP (VBD demanded) (NP (JJ new)"
                                  " (NNS elections))) (. .)))",
                                  20240101, &o),
                        "VALOPP>VALGOV:100");
    /* drills held jointly are military cooperation, not a show of force */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD staged) (NP"
                                  " (JJ joint) (NNS exercises)) (PP (IN near) (NP (NNP Morvania)))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:062 VAL>KES:062");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD staged) (NP (NNS exercises)) (PP (IN near)"
                                  " (NP (NNP Morvania)))) (. .)))",
                                  20240101, &o),
                        "VAL>MOR:150");
    /* police coerce at home, whatever other state the sentence names */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD condemned) (NP (NNP Valdoria)))) (, ,)"
                                  " (CC and) (S (NP (JJ Valdorian) (NN police)) (VP (VBD arrested) (NP (NNS"
                                  " villagers)))) (. .)))",
                                  20240101, &oa),
                        "KES>VAL:122 VALCOP>VALCVL:173");
    /* "ethnic Valdorian rebels" are a people, not the state */
    const char *ethnic = "(ROOT (S (NP (JJ Kestrian) (NN police)) (VP (VBD arrested) (NP (JJ ethnic) (JJ"
                         " Valdorian) (NNS rebels))) (. .)))";
    ent_options oe = o;
    oe.infer_agent_country = 1;
    assert_string_equal(code(ethnic), "KESCOP>VALREB:173");
    assert_string_equal(code_opts(ethnic, 20240101, &oe), "KESCOP>KESREB:173");
    /* a leader who steps down amid protest yields to the state's
     * opposition, not to a state named nearby; without protest or
     * demands a resignation is no event */
    const char *resign = "(ROOT (S (NP (NNP Valdorian) (NN minister)) (VP (VBD resigned) (PP (IN after) (NP"
                         " (NNS protests))) (PP (IN in) (NP (NNP Kestria)))) (. .)))";
    assert_string_equal(code_opts(resign, 20240101, &o), "VALGOV>VALOPP:0831");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdorian) (NN minister)) (VP (VBD resigned) (PP (IN"
                                  " after) (NP (NNS talks))) (PP (IN in) (NP (NNP Kestria)))) (. .)))",
                                  20240101, &o),
                        "");
    /* tear gas fired where the sentence speaks of protest is aimed at the
     * state's opposition */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NN police)) (VP (VBD fired) (NP (NN tear) (NN"
                                  " gas)) (PP (IN during) (NP (NNS protests)))) (. .)))",
                                  20240101, &o),
                        "VALCOP>VALOPP:175");
    /* a person of the source's own state is a party, not the state's
     * bare name */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NN police)) (VP (VBD arrested) (NP (NNP"
                                  " General) (NNP Orlov))) (. .)))",
                                  20240101, &o),
                        "VALCOP>VALGOV:173");
    /* "the two northern countries", and a description as an owner ("the
     * country's leaders") */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD met) (NP (NNP Morvania)))) (, ,) (CC"
                                  " and) (S (NP (DT the) (CD two) (JJ northern) (NNS countries)) (VP (VBD"
                                  " agreed))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:030 KES>MOR:031 MOR>KES:030 MOR>KES:031");
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Valdoria)) (VP (VBD warned) (NP (NP (DT the) (NN"
                                  " country) (POS 's)) (NNS leaders)))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>MOR:130");
    /* "..., with Morvania attacking Zephyra": the "with" phrase is the
     * participle's subject */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))) (, ,)"
                                  " (S (PP (IN with) (NP (NNP Morvania))) (VP (VBG attacking) (NP (NNP"
                                  " Zephyra)))) (. .)))",
                                  20240101, &o),
                        "MOR>ZEP:190 VAL>KES:190");
    /* "its neighbour" with a clause attached is still a state's description */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Morvania)) (VP (VBD warned) (NP (NP (PRP$ its) (NN"
                                  " neighbour)) (PP (IN against) (S (VP (VBG attacking))))))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 MOR>KES:130");
    /* "the council", "the court": the organisation named before */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Shadow) (NNP"
                                  " Front)))) (, ,) (CC and) (S (NP (DT the) (NN council)) (VP (VBD condemned)"
                                  " (NP (NNP Kestria)))) (. .)))",
                                  20240101, &o),
                        "IMGSHF>KES:122 KES>IMGSHF:190");
    /* and whatever a retaliation does */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Morvania)) (VP (VBD retaliated) (PP (IN with) (NP (NNS"
                                  " tariffs))))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 MOR>KES:163");
    /* a verb with no code of its own is what its "by" gerund does */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Morvania)) (VP (VBD retaliated) (PP (IN by) (S (VP (VBG"
                                  " attacking) (NP (NNP Zephyra))))))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 MOR>ZEP:190");
    /* a show of force that names no one is aimed at the other state named */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD declared) (NP (DT an) (NN alert)) (SBAR"
                                  " (IN after) (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania))))))"
                                  " (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>KES:152");
    /* so is a threat or warning that names no one; one of retaliation
     * threatens force (138) */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Morvania)) (VP (VBD warned) (PP (IN of) (NP (NN"
                                  " retaliation))))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 MOR>KES:138");
    /* a demand that names no one is made of the last act's author */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Valdoria)) (VP (VBD demanded) (NP (DT a) (NN halt))))"
                                  " (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>KES:100");
    /* a protest that names no one is against the protesters' own
     * government; the state's own organs protest no one */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NNS protesters)) (VP (VBD protested) (PP (IN"
                                  " in) (NP (DT the) (NN capital)))) (. .)))",
                                  20240101, &o),
                        "VALOPP>VALGOV:140");
    /* so is a crowd named by its state alone ("thousands of Cubans"),
     * which is the state's opposition in the street */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNS Thousands)) (PP (IN of) (NP (NNP Valdoria)))) (VP"
                                  " (VBD protested) (PP (IN in) (NP (DT the) (NN capital)))) (. .)))",
                                  20240101, &o),
                        "VALOPP>VALGOV:140");
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NN police)) (VP (VBD protested) (PP (IN in) (NP"
                                  " (DT the) (NN capital)))) (. .)))",
                                  20240101, &o),
                        "");
    /* ground a state's rebels take is their state's */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NNS rebels)) (VP (VBD seized) (NP (DT the) (NN"
                                  " town))) (. .)))",
                                  20240101, &o),
                        "VALREB>VAL:192");
    /* a state's police against its own people represses */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NN police)) (VP (VBD attacked) (NP (JJ"
                                  " Valdorian) (NNS villagers))) (. .)))",
                                  20240101, &o),
                        "VALCOP>VALCVL:175");
    /* a crowd's destruction is a violent protest; troops arriving on a
     * mission keep the peace */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NNS protesters)) (VP (VBD torched) (NP (JJ"
                                  " Valdorian) (NN government) (NNS buildings))) (. .)))",
                                  20240101, &o),
                        "VALOPP>VALGOV:145");
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NNS rebels)) (VP (VBD torched) (NP (JJ"
                                  " Valdorian) (NN government) (NNS buildings))) (. .)))",
                                  20240101, &o),
                        "VALREB>VALGOV:1712");
    /* a crowd that attacks protests violently */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NNS protesters)) (VP (VBD attacked) (NP (JJ"
                                  " Valdorian) (NN police))) (. .)))",
                                  20240101, &o),
                        "VALOPP>VALCOP:145");
    /* force against civilians is an assault, not fighting */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (JJ Kestrian) (NNS"
                                  " villagers))) (. .)))",
                                  20240101, &o),
                        "VAL>KESCVL:180");
    /* bowing to protests is yielding to the protesters, not to the
     * state's organs the sentence names */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdorian) (NN minister)) (VP (VBD bowed) (PP (IN to) (NP"
                                  " (NP (NNS protests)) (PP (IN by) (NP (JJ Valdorian) (NN police)))))) (. .)))",
                                  20240101, &o),
                        "VALGOV>VALOPP:080");
    /* a participle right after a plural party describes it: the rebels
     * attack, not the police, and they are the arrest's target */
    const char *reduced = "(ROOT (S (NP (JJ Kestrian) (NN police)) (VP (VBD arrested) (NP (JJ Valdorian)"
                          " (NNS rebels)) (S (VP (VBG attacking) (NP (NNP Morvania))))) (. .)))";
    assert_string_equal(code_opts(reduced, 20240101, &o), "KESCOP>VALREB:173 VALREB>MOR:190");
    /* ... but not after a comma, nor after a singular noun */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Kestrian) (NN police)) (VP (VBD arrested) (NP (JJ"
                                  " Valdorian) (NNS rebels)) (, ,) (S (VP (VBG attacking) (NP (NNP"
                                  " Morvania))))) (. .)))",
                                  20240101, &o),
                        "KESCOP>MOR:190 KESCOP>VALREB:173");
    /* a measure with no target named is over the source's own state */
    const char *emergency = "(ROOT (S (NP (NNP Valdorian) (NN government)) (VP (VBD declared) (NP (DT an)"
                            " (NN emergency))) (. .)))";
    assert_string_equal(code(emergency), "");
    assert_string_equal(code_opts(emergency, 20240101, &o), "VALGOV>VAL:1724");
    /* a show of force answers the act before it, else is over its own state */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdorian) (NN government)) (VP (VBD declared) (NP (DT an)"
                                  " (NN alert))) (. .)))",
                                  20240101, &o),
                        "VALGOV>VAL:152");
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Valdoria)) (VP (VBD declared) (NP (DT an) (NN alert))))"
                                  " (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>KES:152");
    /* a target agent belongs to the state its source last acted on */
    ent_options oi = o;
    oi.infer_agent_country = 1;
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VP (VBD attacked) (NP (NNP Kestria)) (PP"
                                  " (IN near) (NP (NNP Morvania)))) (CC and) (VP (VBD arrested) (NP (NNS"
                                  " students)))) (. .)))",
                                  20240101, &oi),
                        "VAL>KES:190 VAL>KESEDU:173");
    /* "the group" is the organisation or armed group named before it */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Shadow) (NNP Front)) (VP (VBD attacked) (NP (NNP"
                                  " Kestria)))) (, ,) (CC and) (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP"
                                  " (DT the) (NN group)))) (. .)))",
                                  20240101, &o),
                        "IMGSHF>KES:190 VAL>IMGSHF:122");
    /* a reaction whose object is an act is aimed at that act's author */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP Kestria)) (VP (VBD attacked) (NP (NNP Morvania)))) (, ,)"
                                  " (CC and) (S (NP (NNP Valdoria)) (VP (VBD condemned) (NP (DT the) (NN move))"
                                  " (PP (IN near) (NP (NNP Zephyra))))) (. .)))",
                                  20240101, &o),
                        "KES>MOR:190 VAL>KES:122");
    /* a swap is mutual, wherever it takes place */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria))) (VP (VBD"
                                  " swapped) (NP (NNS prisoners)) (PP (IN on) (NP (NP (DT the) (NN border)) (PP"
                                  " (IN of) (NP (NNP Morvania)))))) (. .)))",
                                  20240101, &o),
                        "KES>VAL:0841 VAL>KES:0841");
    /* a party no state places tells an analyst nothing */
    const char *nobody = "(ROOT (S (NP (NNS Students)) (VP (VBD attacked) (NP (NNP Kestria))) (. .)))";
    assert_string_equal(code(nobody), "---EDU>KES:190");
    assert_string_equal(code_opts(nobody, 20240101, &o), "");
    /* students, protesters and the like act at home */
    assert_string_equal(code_opts("(ROOT (S (NP (NNS Students)) (VP (VBD attacked) (NP (JJ Kestrian) (NN"
                                  " government)) (PP (IN near) (NP (NNP Valdoria)))) (. .)))",
                                  20240101, &oi),
                        "KESEDU>KESGOV:145");
    /* "he and Morvania": the person named before joins the subject */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP General) (NNP Orlov)) (VP (VBD attacked) (NP (NNP"
                                  " Kestria)))) (, ,) (CC and) (S (NP (NP (PRP he)) (CC and) (NP (NNP"
                                  " Morvania))) (VP (VBD agreed))) (. .)))",
                                  20240101, &o),
                        "MOR>VALGOV:030 VALGOV>KES:190 VALGOV>MOR:030");
    /* "both sides" may be two parties of one state */
    assert_string_equal(code_opts("(ROOT (S (S (NP (NNP General) (NNP Orlov)) (VP (VBD attacked) (NP (NNP"
                                  " Valdoria)))) (, ,) (CC and) (S (NP (NNP Morvania)) (VP (VBD condemned) (NP"
                                  " (DT both) (NNS sides)))) (. .)))",
                                  20240101, &o),
                        "MOR>VAL:122 MOR>VALGOV:122");
    /* killing by the hundreds is mass killing; a year is no count */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD killed) (NP (CD 300) (NNPS"
                                  " Kestrian))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:202");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD killed) (NP (CD 2024) (NNPS"
                                  " Kestrian))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:1823");
    /* a verb of causing: its object does the act */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)) (, ,)"
                                  " (S (VP (VBG prompting) (NP (NNP Morvania)) (S (VP (TO to) (VP (VB"
                                  " attack) (NP (NNP Valdoria)))))))) (. .)))",
                                  20240101, &o),
                        "MOR>VAL:190 VAL>KES:190");
    /* a complement stays the verb's own: "began attacking" is one chain */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD began) (S (VP (VBG attacking)"
                                  " (NP (NNP Kestria))))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:190");
}

static void test_nested_clauses_option(void **s) {
    (void)s;
    const char *ptb = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD said) (SBAR (S (NP (NNP Kestria))"
                      " (VP (VBD attacked) (NP (NNP Morvania)))))) (. .)))";
    assert_string_equal(code(ptb), "VAL>KES:010");
    ent_options o = dict->options;
    o.code_nested = 1;
    /* the reported event is the news; the statement is not coded beside it */
    assert_string_equal(code_opts(ptb, 20240101, &o), "KES>MOR:190");
    /* the speaker's own state in the clause stands for the speaker */
    assert_string_equal(code_opts("(ROOT (S (NP (JJ Valdorian) (NN minister)) (VP (VBD said) (SBAR (S"
                                  " (NP (NNP Valdoria)) (VP (MD would) (VP (VB attack) (NP (NNP"
                                  " Kestria))))))) (. .)))",
                                  20240101, &o),
                        "VALGOV>KES:190");
    /* a clause with no event: a plain statement is an event only toward
     * the one it is made to, not toward what it mentions */
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD said) (SBAR (S (NP (NNP"
                                  " Kestria)) (VP (VBD was) (ADJP (JJ calm)))))) (. .)))",
                                  20240101, &o),
                        "");
    assert_string_equal(code_opts("(ROOT (S (NP (NNP Valdoria)) (VP (VBD said) (PP (TO to) (NP (NNP"
                                  " Kestria))) (SBAR (S (NP (PRP it)) (VP (VBD was) (ADJP (JJ"
                                  " calm)))))) (. .)))",
                                  20240101, &o),
                        "VAL>KES:010");
}

static void test_null_actors_and_null_verbs_options(void **s) {
    (void)s;
    const char *village = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (DT the) (NN village)))"
                          " (. .)))";
    const char *visit = "(ROOT (S (NP (NNP Valdoria)) (VP (VBD visited) (NP (NNP Kestria))) (. .)))";
    assert_string_equal(code(village), "");
    assert_string_equal(code(visit), "");
    ent_options o = dict->options;
    o.null_actors = 1;
    assert_string_equal(code_opts(village, 20240101, &o), "VAL>---:190");
    o.null_actors = 0;
    o.null_verbs = 1;
    assert_string_equal(code_opts(visit, 20240101, &o), "VAL>KES:---");
    assert_string_equal(code_opts(village, 20240101, &o), "");
}

/* The issue of the first event, or "" */
static const char *first_issue(const char *ptb) {
    static char issue[64];
    ent_tree t;
    ent_tree_init(&t);
    assert_int_equal(ent_ptb_read(&t, ptb, strlen(ptb), NULL, "t", 1), 0);
    ent_coder *c = ent_coder_new(dict, &dict->options);
    const ent_event *ev;
    int n;
    assert_int_equal(ent_coder_code(c, &t, 20240101, &ev, &n), ENT_CODED);
    assert_true(n >= 1);
    snprintf(issue, sizeof issue, "%s", ev[0].issue ? ev[0].issue : "");
    ent_coder_free(c);
    ent_tree_free(&t);
    return issue;
}

static void test_issue_coding(void **s) {
    (void)s;
    assert_string_equal(first_issue("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestrian)"
                                    " (NNS pipelines))) (. .)))"),
                        "PIPELINES");
    assert_string_equal(first_issue("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestrian)"
                                    " (NN gas) (NNS supplies))) (. .)))"),
                        "GAS");
    /* the exclusion "~gas station" covers these words */
    assert_string_equal(first_issue("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (DT a) (NNP Kestrian)"
                                    " (NN gas) (NN station))) (. .)))"),
                        "");
    assert_string_equal(first_issue("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))"
                                    " (. .)))"),
                        "");
}

static void test_infer_agent_country_option(void **s) {
    (void)s;
    const char *ptb = "(ROOT (S (NP (NNS Students)) (VP (VBD attacked) (NP (NP (NNP Kestria) (POS 's))"
                      " (NN police))) (. .)))";
    assert_string_equal(code(ptb), "---EDU>KESCOP:190");
    ent_options o = dict->options;
    o.infer_agent_country = 1;
    assert_string_equal(code_opts(ptb, 20240101, &o), "KESEDU>KESCOP:190");
    /* no country on the other side: the first country of the sentence */
    assert_string_equal(code_opts("(ROOT (S (NP (NP (NNS Students)) (PP (IN in) (NP (NNP Morvania))))"
                                  " (VP (VBD attacked) (NP (DT the) (NN police))) (. .)))",
                                  20240101, &o),
                        "MOREDU>MORCOP:190");
}

static void test_a_dateline_at_the_head_is_not_coded(void **s) {
    (void)s;
    const char *ptb = "(ROOT (S (NP (NNP KESTRIA) (NNP CITY)) (: :) (: --) (NP (NNP Valdoria)) (VP (VBD"
                      " attacked) (NP (NNP Kestria))) (. .)))";
    ent_tree t;
    ent_tree_init(&t);
    assert_int_equal(ent_ptb_read(&t, ptb, strlen(ptb), NULL, "t", 1), 0);
    ent_coder *c = ent_coder_new(dict, &dict->options);
    const ent_event *ev;
    int n;
    assert_int_equal(ent_coder_code(c, &t, 20240101, &ev, &n), ENT_DATELINE);
    assert_int_equal(n, 0);
    ent_coder_free(c);
    ent_tree_free(&t);
}

static void test_discards(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD played) (NP (NN chess))"
                             " (PP (IN with) (NP (NNP Kestria)))) (. .)))"),
                        "sentencediscard");
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria))"
                             " (PP (IN after) (NP (DT a) (NN football) (NN match)))) (. .)))"),
                        "storydiscard");
}

static void test_new_actor_option(void **s) {
    (void)s;
    ent_options o = dict->options;
    o.new_actor_length = 3;
    const char *ptb = "(ROOT (S (NP (NNP Grand) (NNP Duchy)) (VP (VBD attacked) (NP (NNP Kestria))) (. .)))";
    assert_string_equal(code_opts(ptb, 20240101, &o), "\"GRAND DUCHY\">KES:190");
    o.new_actor_length = 1;
    assert_string_equal(code_opts(ptb, 20240101, &o), "");
}

static void test_empty_and_verbless_trees(void **s) {
    (void)s;
    assert_string_equal(code("(ROOT (NP (NNP Valdoria) (CC and) (NNP Kestria)))"), "");
    assert_string_equal(code("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked))))"), "");
}

/* ---- PETRARCH-2 combination (sets with transformations) ------------------ */

#include "combine.h"

static void test_combine_values_and_codes(void **s) {
    (void)s;
    assert_int_equal(ent_combine_value("085"), 0x0205);
    assert_int_equal(ent_combine_value("174K"), 0x9000);      /* its family's, 170 */
    assert_int_equal(ent_combine_value("046:046"), 0xB010);   /* the first part */
    assert_int_equal(ent_combine_value("---"), 0);
    assert_int_equal(ent_combine_value("138"), 0x60A0);
    assert_string_equal(ent_combine_cameo(0x020C), "0842");   /* 0841 comes out as 0842 */
    assert_string_equal(ent_combine_cameo(0xB010), "044");
    assert_string_equal(ent_combine_cameo(0x30A0), "138");    /* intent to attack */
    assert_null(ent_combine_cameo(0x1087));                   /* no code: no event */
    /* agree [050] over lift sanctions [085]: the act wins */
    assert_string_equal(ent_combine_cameo(ent_combine_codes(0x0080, 0x0205)), "085");
    /* want [030] over help [070]: intent to help */
    assert_string_equal(ent_combine_cameo(ent_combine_codes(0x3000, 0x0040)), "033");
    /* say over intend: intend */
    assert_int_equal(ent_combine_codes(0x1000, 0x3000), 0x3000);
    /* a rejection above an act rejects it (PETRARCH-2 kept the act) */
    assert_string_equal(ent_combine_cameo(ent_combine_codes(ent_combine_value("120"), 0x0205)),
                        "1244");
}

static const char *VERBS_P2 =
    "--- SAY [010] ---\nSAY {SAID SAYS}\n\n"
    "--- ALLEGE [110] ---\nCLAIM\n\n"
    "--- WANT [030] ---\nWANT\n- * ATTACK [138]\n\n"
    "--- AGREE [050] ---\nAGREE\n- * (TO SANCTIONS) [163]\n\n"
    "--- LIFT [---] ---\nLIFT\n- * SANCTIONS [085]\n\n"
    "--- HELP [070] ---\nHELP\n\n"
    "--- ATTACK [190] ---\nATTACK {ATTACKED}\n\n"
    "--- MEET [040] ---\nMEET {MET}\n\n"
    "--- RATIFY [030] ---\nRATIFY {RATIFIED}\n- * TREATY [031:031]\n- * TREATY [057]\n"
    "- * {PEACE TREATY} [037]\n\n"
    "--- ATTEND [042:043] ---\nATTEND\n\n"
    "--- PRESENT [---] ---\nPRESENT\n- * EVIDENCE [1124]\n\n"
    "######## TRANSFORMATIONS ##########\n"
    "~ a (a b ATTACK) SAY = a b 015\n"
    "~ a (a b ATTACK) CLAIM = a b 015\n"
    "~ a (b . ATTACK) SAY = a b 112\n"
    "~ a (b . ATTACK) WANT = a b 021\n";

/* Code with a set whose verb file carries transformations. */
static const char *code_p2(const char *ptb) {
    write_file("p2.verbs.txt", VERBS_P2);
    ent_dict_files files = {.verbs = "p2.verbs.txt", .actors = {"t.actors.txt"}, .n_actors = 1,
                            .agents = "t.agents.txt", .discards = "t.discards.txt"};
    ent_diags d;
    ent_diags_init(&d, stderr, 0);
    ent_dict *p2 = ent_dict_load_files(dir, &files, &d);
    assert_non_null(p2);
    assert_int_equal(d.count, 0);
    ent_diags_free(&d);
    assert_true(p2->combine_verbs);
    ent_dict *saved = dict;
    dict = p2;
    ent_options opt = saved->options;
    code_opts(ptb, 20240101, &opt);
    dict = saved;
    ent_dict_free(p2);
    return result;
}

static void test_p2_discards_match_the_words_between_blanks(void **s) {
    (void)s;
    /* a word follows the phrase: discarded */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD played) (NP (NN chess))"
                                " (PP (IN with) (NP (NNP Kestria)))) (. .)))"),
                        "sentencediscard");
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria))"
                                " (PP (IN after) (NP (DT a) (NN football) (NN match))) (NP (NN today))) (. .)))"),
                        "storydiscard");
    /* the full stop or a comma is written against the phrase's last word,
     * and nothing follows the phrase: coded */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria))"
                                " (PP (IN after) (NP (DT a) (NN football) (NN match)))) (. .)))"),
                        "VAL>KES:190");
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria))"
                                " (PP (IN over) (NP (NN chess))) (, ,) (NP (NN today))) (. .)))"),
                        "VAL>KES:190");
    /* a word that breaks a partial match does not start another */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria))"
                                " (PP (IN after) (NP (DT a) (NN football) (NN football) (NN match)))"
                                " (NP (NN today))) (. .)))"),
                        "VAL>KES:190");
}

static void test_p2_governing_verb_combines_with_governed(void **s) {
    (void)s;
    /* lift's pattern, under agree; AGREE's "(TO SANCTIONS)" does not reach
     * into the governed verb's phrase */
    const char *agreed = "(ROOT (S (NP (NNP Valdoria)) (VP (VBZ has) (VP (VBN agreed) (S (VP (TO to)"
                         " (VP (VB lift) (NP (DT the) (NNS sanctions)) (PP (IN on) (NP (NNP Kestria)))))))) (. .)))";
    assert_string_equal(code_p2(agreed), "VAL>KES:085");
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBZ wants) (S (VP (TO to) (VP (VB help)"
                                " (NP (NNP Kestria)))))) (. .)))"),
                        "VAL>KES:033");
    /* a verb naming an actor of its own keeps its event; the clause after
     * it does not combine with it */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)) (, ,)"
                                " (S (VP (VBG wanting) (S (VP (TO to) (VP (VB help) (NP (NNP Morvania))))))))"
                                " (. .)))"),
                        "VAL>KES:190");
}

static void test_p2_transformations_apply_to_nested_events(void **s) {
    (void)s;
    /* a (b . ATTACK) WANT: WANT's own "* ATTACK" does not see the clause */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBZ wants) (S (NP (NNP Kestria)) (VP (TO to)"
                                " (VP (VB attack) (NP (NNP Morvania)))))) (. .)))"),
                        "VAL>KES:021");
    /* a (a b ATTACK) CLAIM: the pronoun is the claimant */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD claimed) (SBAR (IN that) (S (NP (PRP it))"
                                " (VP (VBD had) (VP (VBN attacked) (NP (NNP Kestria))))))) (. .)))"),
                        "VAL>KES:015");
    /* a (b . ATTACK) SAY */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD said) (SBAR (S (NP (NNP Kestria))"
                                " (VP (VBD attacked) (NP (NNP Morvania)))))) (. .)))"),
                        "VAL>KES:112");
    /* no rule for speech inside speech: nothing, as PETRARCH-2 */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD said) (SBAR (S (NP (NNP Kestria))"
                                " (VP (VBD said) (NP (NNP Morvania)))))) (. .)))"),
                        "");
    /* an act inside speech with no rule: a statement to the act's source */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD said) (SBAR (S (NP (NNP Kestria))"
                                " (VP (VBD helped) (NP (NNP Morvania)))))) (. .)))"),
                        "VAL>KES:010");
}

static void test_p2_compound_subject_without_target_acts_within(void **s) {
    (void)s;
    /* meeting (root 04) among the members of the subject: every ordered pair */
    assert_string_equal(code_p2("(ROOT (S (NP (NP (NNP Valdoria)) (, ,) (NP (NNP Kestria)) (CC and)"
                                " (NP (NNP Morvania))) (VP (VBD met) (NP (NN yesterday))) (. .)))"),
                        "KES>MOR:040 KES>VAL:040 MOR>KES:040 MOR>VAL:040 VAL>KES:040 VAL>MOR:040");
    /* an attack (root 19) among them is not read into the sentence */
    assert_string_equal(code_p2("(ROOT (S (NP (NP (NNP Valdoria)) (CC and) (NP (NNP Kestria)))"
                                " (VP (VBD attacked)) (. .)))"),
                        "");
    /* nor does one actor meet itself */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD met) (NP (NN yesterday))) (. .)))"), "");
}

static void test_p2_patterns_name_the_heads_of_phrases(void **s) {
    (void)s;
    /* TREATY is the head of the object (inside "a treaty with Kestria");
     * of two patterns written alike, the last counts */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD ratified) (NP (NP (DT a) (NN treaty))"
                                " (PP (IN with) (NP (NNP Kestria))))) (. .)))"),
                        "VAL>KES:057");
    /* { } names words before the head in its phrase */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD ratified) (NP (NP (DT the) (NN peace)"
                                " (NN treaty)) (PP (IN with) (NP (NNP Kestria))))) (. .)))"),
                        "VAL>KES:037");
    /* a word that is no head does not match: "treaty amendments" */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD ratified) (NP (NP (DT the) (NN treaty)"
                                " (NNS amendments)) (PP (IN with) (NP (NNP Kestria))))) (. .)))"),
                        "VAL>KES:030");
}

static void test_p2_second_code_only_beside_the_subject(void **s) {
    (void)s;
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attended) (NP (NP (DT a) (NN summit))"
                                " (PP (IN in) (NP (NNP Kestria))))) (. .)))"),
                        "KES>VAL:043 VAL>KES:042");
    /* under an auxiliary the verb's phrase has no subject beside it */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (MD will) (VP (VB attend) (NP (NP (DT a)"
                                " (NN summit)) (PP (IN in) (NP (NNP Kestria)))))) (. .)))"),
                        "VAL>KES:042");
}

static void test_p2_passive_agent_and_pattern(void **s) {
    (void)s;
    /* the agent of a passive in a "from" phrase */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Kestria)) (VP (VBD was) (VP (VBN attacked) (PP (IN from)"
                                " (NP (NNP Valdoria))))) (. .)))"),
                        "VAL>KES:190");
    /* "in" a common noun names the agent, "in" a proper name the place */
    assert_string_equal(code_p2("(ROOT (S (NP (JJ Kestrian) (NNS students)) (VP (VBD were) (VP (VBN attacked)"
                                " (PP (IN in) (NP (JJ Valdorian) (NN shelling))))) (. .)))"),
                        "VAL>KESEDU:190");
    assert_string_equal(code_p2("(ROOT (S (NP (JJ Kestrian) (NNS students)) (VP (VBD were) (VP (VBN attacked)"
                                " (PP (IN in) (NP (NNP Valdoria))))) (. .)))"),
                        "");
    /* a passive's pattern reads its subject where the active reads the
     * object: "evidence ... was presented" as "presented evidence" */
    assert_string_equal(code_p2("(ROOT (S (NP (NP (NN Evidence)) (PP (IN against) (NP (NNP Kestria))))"
                                " (VP (VBD was) (VP (VBN presented) (PP (IN by) (NP (NNP Valdoria))))) (. .)))"),
                        "VAL>KES:1124");
}

static void test_p2_verbs_outside_the_clauses_are_not_coded(void **s) {
    (void)s;
    /* a relative clause set off by dashes (a parenthetical under the
     * sentence) is never asked for an event */
    assert_string_equal(code_p2("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria))))"
                                " (PRN (: --) (SBAR (WHNP (WDT which)) (S (VP (VBZ has) (VP (VBN attacked)"
                                " (NP (NNP Morvania)))))) (: --)) (. .)))"),
                        "VAL>KES:190");
    /* nor is a verb inside a prepositional phrase */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD met) (NP (NNP Kestria)) (PP (IN after)"
                                " (S (VP (VBG attacking) (NP (NNP Morvania)))))) (. .)))"),
                        "VAL>KES:040");
}

static void test_p2_relative_clause_names_no_target(void **s) {
    (void)s;
    /* the state the relative clause names is not whom the verb acts on:
     * the rebels are */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NP (DT the) (NNS rebels))"
                                " (SBAR (WHNP (WDT that)) (S (VP (VBD attacked) (NP (NNP Kestria))))))) (. .)))"),
                        "VAL>---REB:190");
}

static void test_p2_comma_clauses_are_coded(void **s) {
    (void)s;
    /* a short clause after the last comma is no aside for PETRARCH-2 */
    assert_string_equal(code_p2("(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria)))) (, ,)"
                                " (NP (NNP Morvania)) (VP (VBD met) (NP (NNP Zephyra))) (. .)))"),
                        "MOR>ZEP:040 VAL>KES:190");
}

static void test_p2_noun_phrases_in_a_phrase_are_one_run(void **s) {
    (void)s;
    /* "The Valdorian minister, the police chief,": one party with the
     * agents of both, not a list of two */
    assert_string_equal(code_p2("(ROOT (S (NP (NP (DT The) (JJ Valdorian) (NN minister)) (, ,)"
                                " (NP (DT the) (NN police) (NN chief)) (, ,)) (VP (VBD attacked) (NP (NNP Kestria)))"
                                " (. .)))"),
                        "VALGOVCOP>KES:190");
    /* conjuncts too are one run of words: each state takes every agent,
     * and the general civilians give way to the students */
    assert_string_equal(code_p2("(ROOT (S (NP (NP (NNP Morvania)) (, ,) (NP (NP (JJ Kestrian) (NNS students))"
                                " (CC and) (NP (NNS civilians)))) (VP (VBD were) (VP (VBN attacked) (PP (IN by)"
                                " (NP (NNP Valdoria))))) (. .)))"),
                        "VAL>KESEDU:190 VAL>MOREDU:190");
    /* two states joined by a comma stay two */
    assert_string_equal(code_p2("(ROOT (S (NP (NP (NNP Valdoria)) (, ,) (NP (NNP Morvania)) (, ,))"
                                " (VP (VBD attacked) (NP (NNP Kestria))) (. .)))"),
                        "MOR>KES:190 VAL>KES:190");
}

static void test_p2_target_from_the_verbs_phrases(void **s) {
    (void)s;
    /* no noun phrase of the verb's own names anyone: its prepositional
     * phrases give the actor and the agent together */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD met) (PP (IN with) (NP (NNS students)))"
                                " (PP (IN from) (NP (NNP Kestria)))) (. .)))"),
                        "VAL>KESEDU:040");
    /* the actors and agents of a noun phrase win over those of
     * prepositional phrases, each on its own */
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (JJ Kestrian) (NNS students))"
                                " (PP (IN with) (NP (NNS rebels) (PP (IN from) (NP (NNP Morvania)))))) (. .)))"),
                        "VAL>KESEDU:190");
    assert_string_equal(code_p2("(ROOT (S (NP (NNP Valdoria)) (VP (VBD attacked) (NP (NNP Kestria))"
                                " (PP (IN with) (NP (NNS rebels) (PP (IN from) (NP (NNP Morvania)))))) (. .)))"),
                        "VAL>KESREB:190");
}

static void test_p2_actor_names_that_start_with_us(void **s) {
    (void)s;
    /* "US envoy" is a name of its own in the set */
    assert_string_equal(code_p2("(ROOT (S (NP (DT The) (NNP US) (NN envoy)) (VP (VBD attacked)"
                                " (NP (NNP Kestria))) (. .)))"),
                        "USAGOV>KES:190");
    /* elsewhere "US" stays the United States */
    assert_string_equal(code_p2("(ROOT (S (NP (DT The) (NNP US) (NN army)) (VP (VBD attacked)"
                                " (NP (NNP Kestria))) (. .)))"),
                        "USA>KES:190");
    /* "US" the parse tags as a pronoun is not read as a name */
    assert_string_equal(code_p2("(ROOT (S (NP (NP (PRP US)) (CC and) (NP (NNP Valdorian) (NNS activists)))"
                                " (VP (VBD attacked) (NP (NNP Kestria))) (. .)))"),
                        "VAL>KES:190");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_subject_verb_target_in_prepositional_phrase),
        cmocka_unit_test(test_combine_values_and_codes),
        cmocka_unit_test(test_p2_discards_match_the_words_between_blanks),
        cmocka_unit_test(test_p2_governing_verb_combines_with_governed),
        cmocka_unit_test(test_p2_transformations_apply_to_nested_events),
        cmocka_unit_test(test_p2_compound_subject_without_target_acts_within),
        cmocka_unit_test(test_p2_patterns_name_the_heads_of_phrases),
        cmocka_unit_test(test_p2_second_code_only_beside_the_subject),
        cmocka_unit_test(test_p2_passive_agent_and_pattern),
        cmocka_unit_test(test_p2_actor_names_that_start_with_us),
        cmocka_unit_test(test_p2_verbs_outside_the_clauses_are_not_coded),
        cmocka_unit_test(test_p2_relative_clause_names_no_target),
        cmocka_unit_test(test_p2_comma_clauses_are_coded),
        cmocka_unit_test(test_p2_noun_phrases_in_a_phrase_are_one_run),
        cmocka_unit_test(test_p2_target_from_the_verbs_phrases),
        cmocka_unit_test(test_event_carries_root_quad_and_goldstein),
        cmocka_unit_test(test_compound_subject_gives_one_event_per_actor),
        cmocka_unit_test(test_compound_object_structural),
        cmocka_unit_test(test_agents_suffix_prefix_and_possessive),
        cmocka_unit_test(test_agent_attached_by_of_applies_to_each_actor),
        cmocka_unit_test(test_agent_conjunct_shares_the_actor),
        cmocka_unit_test(test_date_restricted_codes),
        cmocka_unit_test(test_actor_with_several_codes),
        cmocka_unit_test(test_actor_words_written_apart),
        cmocka_unit_test(test_verb_chain_codes_the_content_verb),
        cmocka_unit_test(test_pattern_with_synset_beats_verb_code),
        cmocka_unit_test(test_target_slot_after_pattern_words),
        cmocka_unit_test(test_source_slot_and_target_before_verb),
        cmocka_unit_test(test_target_slot_on_the_subject_takes_source_from_governing_clause),
        cmocka_unit_test(test_target_slot_skips_a_place),
        cmocka_unit_test(test_quantity_head_takes_the_agent_of_its_phrase),
        cmocka_unit_test(test_skip_slot),
        cmocka_unit_test(test_compound_before_verb_acts_on_itself),
        cmocka_unit_test(test_compound_after_verb_is_the_target),
        cmocka_unit_test(test_passive_takes_source_from_by_phrase),
        cmocka_unit_test(test_negation_cancels_unless_a_pattern_says_otherwise),
        cmocka_unit_test(test_pronoun_subject_takes_the_governing_subject),
        cmocka_unit_test(test_relative_clause_subject_is_the_modified_noun),
        cmocka_unit_test(test_two_code_verb_gives_reverse_event),
        cmocka_unit_test(test_require_dyad_option),
        cmocka_unit_test(test_without_require_dyad_a_target_needs_a_phrase_after_the_verb),
        cmocka_unit_test(test_comma_aside_is_not_coded),
        cmocka_unit_test(test_coded_verb_claims_its_subordinate_clause),
        cmocka_unit_test(test_dateline_places_agents),
        cmocka_unit_test(test_dateline_state_places_who_strikes_its_organs),
        cmocka_unit_test(test_pipeline_dateline_and_participle_repair),
        cmocka_unit_test(test_pipeline_base_verb_after_very_is_adverb_or_adjective),
        cmocka_unit_test(test_nominal_events),
        cmocka_unit_test(test_all_clauses_option),
        cmocka_unit_test(test_clause_on_an_act_takes_the_acts_agent),
        cmocka_unit_test(test_nested_clauses_option),
        cmocka_unit_test(test_null_actors_and_null_verbs_options),
        cmocka_unit_test(test_issue_coding),
        cmocka_unit_test(test_infer_agent_country_option),
        cmocka_unit_test(test_a_dateline_at_the_head_is_not_coded),
        cmocka_unit_test(test_wire_rules_with_builtin_set),
        cmocka_unit_test(test_discards),
        cmocka_unit_test(test_new_actor_option),
        cmocka_unit_test(test_empty_and_verbless_trees),
    };
    return cmocka_run_group_tests_name("coder", tests, setup, teardown);
}
