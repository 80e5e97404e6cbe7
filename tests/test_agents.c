/* test_agents.c -- the agents file: suffix and prefix codes, generated and
 * explicit plurals, {} and substitution macros, malformed lines. */
#include "dict_tu.h"

static const ent_agent *agent_of(const dtu *t, const char *phrase) {
    int v = dtu_value(&t->d, &t->d.agent_ix, phrase);
    if (v < 0 || (size_t)v >= t->d.agents.len) return NULL;
    return ENT_AGENT(&t->d, v);
}

static int has(const dtu *t, const char *phrase) {
    return dtu_find(&t->d, &t->d.agent_ix, phrase) >= 0;
}

static void suffix_and_prefix_codes(void **state) {
    dtu t;
    dtu_load(&t, ent_load_agents,
             "FOREIGN_MINISTER [~GOVFRM] # a comment\n"
             "RIGHTS_BODY  [NGO~]\n"
             "CONSTABLE {} [ ~COP]\n"
             "WATCHDOG_GROUP  [  NGO~]\n"
             "SEMI-OFFICIAL[~gov]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    assert_int_equal(t.d.agents.len, 5);
    const ent_agent *a = agent_of(&t, "FOREIGN MINISTER");
    assert_non_null(a);
    assert_string_equal(a->code, "GOVFRM");
    assert_false(a->prefix);
    assert_string_equal(a->name, "FOREIGN_MINISTER");
    assert_int_equal(a->line, 1);
    a = agent_of(&t, "RIGHTS BODY");
    assert_non_null(a);
    assert_string_equal(a->code, "NGO");
    assert_true(a->prefix);
    a = agent_of(&t, "CONSTABLE");
    assert_non_null(a);
    assert_string_equal(a->code, "COP");
    assert_false(a->prefix);
    a = agent_of(&t, "WATCHDOG GROUP");
    assert_non_null(a);
    assert_string_equal(a->code, "NGO");
    assert_true(a->prefix);
    a = agent_of(&t, "SEMI-OFFICIAL");
    assert_non_null(a);
    assert_string_equal(a->code, "GOV");
    dtu_free(&t);
}

static void generated_plurals_follow_english_rules(void **state) {
    dtu t;
    dtu_load(&t, ent_load_agents,
             "FOREIGN_MINISTER [~GOV]\n"
             "PARTY_BOSS [~ELI]\n"
             "VILLAGE_CHURCH [~REL]\n"
             "BUSH_PILOT_SQUASH [~X]\n"
             "TAX [~X]\n"
             "WALTZ [~X]\n"
             "STATE_SECRETARY [~GOV]\n"
             "HOLIDAY [~X]\n"
             "CHAIRMAN [~GOV]\n"
             "MINISTRY_ [~GOV]\n"
             "CONGRESS [~LEG]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    assert_true(has(&t, "FOREIGN MINISTERS"));
    assert_true(has(&t, "PARTY BOSSES"));
    assert_true(has(&t, "VILLAGE CHURCHES"));
    assert_true(has(&t, "BUSH PILOT SQUASHES"));
    assert_true(has(&t, "TAXES"));
    assert_true(has(&t, "WALTZES"));
    assert_true(has(&t, "STATE SECRETARIES"));
    assert_true(has(&t, "HOLIDAYS"));
    assert_true(has(&t, "CHAIRMEN"));
    assert_true(has(&t, "MINISTRIES"));
    assert_true(has(&t, "CONGRESSES"));
    assert_false(has(&t, "CHAIRMANS"));
    assert_false(has(&t, "FOREIGNS MINISTER"));
    /* the plural names the same agent as the singular */
    assert_ptr_equal(agent_of(&t, "CHAIRMEN"), agent_of(&t, "CHAIRMAN"));
    dtu_free(&t);
}

static void explicit_plurals_replace_generated_ones(void **state) {
    dtu t;
    dtu_load(&t, ent_load_agents,
             "ATTORNEY_GENERAL {ATTORNEYS_GENERAL ATTORNEYS-GENERAL} [~JUD]\n"
             "GOLDEN_GOOSE {GOLDEN_GEESE}[~GGS]\n"
             "TOWN_POLICE {TOWN_POLICE } [~COP]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    const ent_agent *a = agent_of(&t, "ATTORNEY GENERAL");
    assert_non_null(a);
    assert_ptr_equal(agent_of(&t, "ATTORNEYS GENERAL"), a);
    assert_ptr_equal(agent_of(&t, "ATTORNEYS-GENERAL"), a);
    assert_false(has(&t, "ATTORNEY GENERALS"));
    assert_true(has(&t, "GOLDEN GEESE"));
    assert_false(has(&t, "GOLDEN GOOSES"));
    assert_true(has(&t, "TOWN POLICE"));
    assert_false(has(&t, "TOWN POLICES"));
    dtu_free(&t);
}

static void empty_braces_mean_no_plural(void **state) {
    dtu t;
    dtu_load(&t, ent_load_agents, "MEDIA {} [~MED]\nARMED_FORCES  {}  [~MIL]\n", 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    assert_true(has(&t, "MEDIA"));
    assert_false(has(&t, "MEDIAS"));
    assert_true(has(&t, "ARMED FORCES"));
    assert_false(has(&t, "ARMED FORCESES"));
    assert_int_equal(t.d.agent_ix.n_phrases, 2);
    dtu_free(&t);
}

static void substitution_macros_expand_every_alternative(void **state) {
    dtu t;
    dtu_load(&t, ent_load_agents,
             "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
             "!MINST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES\n"
             "CONGRESS!PERSON! [~LEG]\n"
             "!MINST!_OF_SILLY_WALKS [~GOV]\n"
             "!MINST! FOR_AD!MINST!RATION [~GOVADM]\n"
             "FIRE!PERSON! {} [~GOV]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    const ent_agent *c = agent_of(&t, "CONGRESSMAN");
    assert_non_null(c);
    assert_string_equal(c->code, "LEG");
    assert_string_equal(c->name, "CONGRESS!PERSON!");
    const char *cong[] = {"CONGRESSMEN", "CONGRESSWOMAN", "CONGRESSWOMEN", "CONGRESSPERSON"};
    for (int i = 0; i < 4; i++) assert_ptr_equal(agent_of(&t, cong[i]), c);
    /* the macro lists the plurals itself: nothing is generated */
    assert_false(has(&t, "CONGRESSPERSONS"));
    const ent_agent *m = agent_of(&t, "MINISTER OF SILLY WALKS");
    assert_non_null(m);
    assert_ptr_equal(agent_of(&t, "MINISTRIES OF SILLY WALKS"), m);
    assert_false(has(&t, "MINISTER OF SILLY WALKSES"));
    /* two macros in one name: every combination */
    assert_true(has(&t, "MINISTER FOR ADMINISTERRATION"));
    assert_true(has(&t, "MINISTRIES FOR ADMINISTRIESRATION"));
    assert_true(has(&t, "MINISTRY FOR ADMINISTERSRATION"));
    int n = 0;
    int32_t v = dtu_value(&t.d, &t.d.agent_ix, "MINISTER FOR ADMINISTERRATION");
    for (int32_t i = 0; i < t.d.agent_ix.n_phrases; i++) n += t.d.agent_ix.phrases[i].value == v;
    assert_int_equal(n, 16);
    assert_true(has(&t, "FIREWOMEN"));
    dtu_free(&t);
}

static const char *bad_agents =
    "!PERSON! = MAN, MEN\n"             /* 1 */
    "ISLAMIC_EXTREMIST\n"               /* 2 no code */
    "DEPT_OF_ENVIRONMENT [~ENV}\n"      /* 3 */
    "PLAIN_CODE [GOV]\n"                /* 4 no ~ */
    "BOTH_WAYS [~GOV~]\n"               /* 5 */
    "EMPTY_CODE [~]\n"                  /* 6 */
    "ODD_CODE [~GO-V]\n"                /* 7 */
    "SPY!AGENT! [~SPY]\n"               /* 8 unknown macro */
    "HALF!PERSON [~X]\n"                /* 9 unmatched ! */
    "OPEN_BRACE {OPEN_BRACES [~X]\n"    /* 10 */
    "AFTER_CODE [~X] more\n"            /* 11 */
    "!BROKEN = A, B\n"                  /* 12 */
    "!NOTHING! = , ,\n"                 /* 13 */
    "{PLURALS} [~X]\n"                  /* 14 no name */
    "GOOD!PERSON! [~GOO]\n"             /* 15 */
    "!TWO WORDS! = X, Y\n"              /* 16 a blank in the name */
    "SPY {!TWO WORDS!} [~SPY]\n";       /* 17 so it was never defined */

static void malformed_lines_are_reported_and_skipped(void **state) {
    dtu t;
    dtu_load(&t, ent_load_agents, bad_agents, 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 15);
    dtu_msg(&t, 0, 2, "agent has no [code]: ISLAMIC_EXTREMIST");
    dtu_msg(&t, 1, 3, "unterminated [: [~ENV}");
    dtu_msg(&t, 2, 4, "agent code needs one ~ ([~CODE] or [CODE~]): [GOV]");
    dtu_msg(&t, 3, 5, "agent code needs one ~ ([~CODE] or [CODE~]): [~GOV~]");
    dtu_msg(&t, 4, 6, "agent code needs one ~ ([~CODE] or [CODE~]): [~]");
    dtu_msg(&t, 5, 7, "malformed agent code: [~GO-V]");
    dtu_msg(&t, 6, 8, "unknown substitution !AGENT!");
    dtu_msg(&t, 7, 9, "unmatched ! in !PERSON");
    dtu_msg(&t, 8, 10, "unterminated {: OPEN_BRACE {OPEN_BRACES [~X]");
    dtu_msg(&t, 9, 11, "text after the code: more");
    dtu_msg(&t, 10, 12, "malformed substitution name: !BROKEN = A, B");
    dtu_msg(&t, 11, 13, "substitution has no alternatives: !NOTHING! = , ,");
    dtu_msg(&t, 12, 14, "agent has no name: {PLURALS} [~X]");
    dtu_msg(&t, 13, 16, "malformed substitution name: !TWO WORDS! = X, Y");
    dtu_msg(&t, 14, 17, "unknown substitution !TWO WORDS!");
    assert_int_equal(t.d.agents.len, 1);
    assert_true(has(&t, "GOODMAN"));
    assert_true(has(&t, "GOODMEN"));
    dtu_free(&t);
}

static void strict_mode_stops_at_the_first_bad_line(void **state) {
    dtu t;
    dtu_load(&t, ent_load_agents, bad_agents, 1);
    assert_int_equal(t.rc, -1);
    assert_int_equal(t.diags.count, 1);
    dtu_msg(&t, 0, 2, "agent has no [code]: ISLAMIC_EXTREMIST");
    assert_int_equal(t.d.agents.len, 0);
    dtu_free(&t);
}

static void macro_explosion_is_refused(void **state) {
    /* five macros of seven alternatives: 16807 variants */
    dtu t;
    dtu_load(&t, ent_load_agents,
             "!A! = A1, A2, A3, A4, A5, A6, A7\n"
             "!A!!A!!A!!A!!A! [~BIG]\n"
             "SMALL [~SML]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 1);
    dtu_msg(&t, 0, 2, "more than 4096 substitution variants");
    assert_true(has(&t, "SMALL"));
    assert_int_equal(t.d.agents.len, 1);
    assert_int_equal(t.d.agent_ix.n_phrases, 2);
    dtu_free(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(suffix_and_prefix_codes),
        cmocka_unit_test(generated_plurals_follow_english_rules),
        cmocka_unit_test(explicit_plurals_replace_generated_ones),
        cmocka_unit_test(empty_braces_mean_no_plural),
        cmocka_unit_test(substitution_macros_expand_every_alternative),
        cmocka_unit_test(malformed_lines_are_reported_and_skipped),
        cmocka_unit_test(strict_mode_stops_at_the_first_bad_line),
        cmocka_unit_test(macro_explosion_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
