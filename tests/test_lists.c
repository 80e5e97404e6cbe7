/* test_lists.c -- discards, issues and event-noun files. */
#include "dict_tu.h"

static int discard_flags(const dtu *t, const char *phrase) {
    int i = dtu_find(&t->d, &t->d.discard_ix, phrase);
    return i < 0 ? -1 : t->d.discard_ix.phrases[i].flags;
}

static void discards_story_and_sentence(void **state) {
    dtu t;
    dtu_load(&t, ent_load_discards,
             "# Story-level discards start with '+'\n"
             "MONTHS LATER\n"
             "+Zembla Golf Open   # lower case is fine\n"
             "+ ORLOVIA_CUP_\n"
             "BALLCLUB   \n"
             "\n"
             "1914\n"
             "+\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 1);
    dtu_msg(&t, 0, 8, "empty discard phrase");
    assert_int_equal(t.d.discard_ix.n_phrases, 5);
    assert_int_equal(discard_flags(&t, "MONTHS LATER"), 0);
    assert_int_equal(discard_flags(&t, "ZEMBLA GOLF OPEN"), ENT_DISCARD_STORY);
    assert_int_equal(discard_flags(&t, "ORLOVIA CUP"), ENT_DISCARD_STORY);
    assert_int_equal(discard_flags(&t, "BALLCLUB"), 0);
    assert_int_equal(discard_flags(&t, "1914"), 0);
    assert_int_equal(discard_flags(&t, "MONTHS"), -1);
    dtu_free(&t);
}

static void discards_strict_mode_stops(void **state) {
    dtu t;
    dtu_load(&t, ent_load_discards, "ONE\n+\nTWO\n", 1);
    assert_int_equal(t.rc, -1);
    assert_int_equal(t.diags.count, 1);
    assert_int_equal(discard_flags(&t, "ONE"), 0);
    assert_int_equal(discard_flags(&t, "TWO"), -1);
    dtu_free(&t);
}

/* Issue (code, category) of a phrase, or NULL. */
static const ent_issue *issue_of(const dtu *t, const char *phrase) {
    int i = dtu_find(&t->d, &t->d.issue_ix, phrase);
    if (i < 0) return NULL;
    int v = t->d.issue_ix.phrases[i].value;
    if (v < 0 || (size_t)v >= t->d.issues.len) return NULL;
    return &ENT_VEC_AT(&t->d.issues, ent_issue, v);
}

static void issue_is(const dtu *t, const char *phrase, const char *code, const char *cat) {
    const ent_issue *is = issue_of(t, phrase);
    if (!is) fail_msg("no issue for \"%s\"", phrase);
    assert_string_equal(is->code, code);
    assert_string_equal(is->category, cat);
}

static const char *issues_text =
    "# Zemblan issues\n"
    "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
    "n:teacher [TEACHERS]\n"
    "n:school [SCHOOLS]\n"
    "pre+n:school [EARLY_EDUCATION]\n"
    "head start [EARLY_EDUCATION]\n"
    "faculty n:member[TEACHERS]\n"
    "~a head start\n"
    "~~golf school\n"
    "</ISSUE>\n"
    "\n"
    "<ISSUE CATEGORY=\"KIDNAP\" TYPE=\"COUNTEVENT\">\n"
    "v:kidnap\n"
    "a:abducted n:girl\n"
    "ransom note [KIDNAP] [EXTORTION]\n"
    "</ISSUE>\n";

static void issues_with_nouns_joins_and_exclusions(void **state) {
    dtu t;
    dtu_load(&t, ent_load_issues, issues_text, 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    issue_is(&t, "TEACHER", "TEACHERS", "EDUCATION");
    issue_is(&t, "TEACHERS", "TEACHERS", "EDUCATION");
    issue_is(&t, "SCHOOLS", "SCHOOLS", "EDUCATION");
    /* + : separate, hyphenated and joined, each singular and plural */
    issue_is(&t, "PRESCHOOL", "EARLY_EDUCATION", "EDUCATION");
    issue_is(&t, "PRE-SCHOOL", "EARLY_EDUCATION", "EDUCATION");
    issue_is(&t, "PRE SCHOOL", "EARLY_EDUCATION", "EDUCATION");
    issue_is(&t, "PRESCHOOLS", "EARLY_EDUCATION", "EDUCATION");
    issue_is(&t, "PRE-SCHOOLS", "EARLY_EDUCATION", "EDUCATION");
    assert_null(issue_of(&t, "PRES SCHOOL"));
    issue_is(&t, "HEAD START", "EARLY_EDUCATION", "EDUCATION");
    issue_is(&t, "FACULTY MEMBERS", "TEACHERS", "EDUCATION");
    assert_null(issue_of(&t, "FACULTYS MEMBER"));
    /* exclusions carry no issue */
    int i = dtu_find(&t.d, &t.d.issue_ix, "A HEAD START");
    assert_true(i >= 0);
    assert_int_equal(t.d.issue_ix.phrases[i].flags, ENT_ISSUE_EXCLUDE);
    assert_int_equal(t.d.issue_ix.phrases[i].value, -1);
    i = dtu_find(&t.d, &t.d.issue_ix, "GOLF SCHOOL");
    assert_true(i >= 0);
    assert_int_equal(t.d.issue_ix.phrases[i].flags, ENT_ISSUE_EXCLUDE | ENT_ISSUE_EXCLUDE_STORY);
    /* no code: the category names the issue; v: and a: are the word */
    issue_is(&t, "KIDNAP", "KIDNAP", "KIDNAP");
    issue_is(&t, "ABDUCTED GIRLS", "KIDNAP", "KIDNAP");
    assert_null(issue_of(&t, "KIDNAPS"));
    /* two codes: one phrase per code */
    int n = 0;
    ent_wid w = ent_dict_word(&t.d, "RANSOM", 6);
    for (int32_t k = t.d.issue_ix.start[w]; k < t.d.issue_ix.start[w + 1]; k++) n++;
    assert_int_equal(n, 2);
    /* one issue per distinct code */
    assert_int_equal(t.d.issues.len, 5);
    dtu_free(&t);
}

static void issues_malformed_lines(void **state) {
    dtu t;
    dtu_load(&t, ent_load_issues,
             "loose phrase [LOOSE]\n"                         /* 1 */
             "</ISSUE>\n"                                     /* 2 */
             "<ISSUE TYPE=\"ALL\">\n"                         /* 3 */
             "<ISSUE CATEGORY=\"HEALTH\" TYPE=\"ALL\">\n"     /* 4 */
             "n:clinic [CLINICS]stray words [CLINICS]\n"      /* 5 */
             "rash [DISEASE\n"                                /* 6 */
             "fever []\n"                                     /* 7 */
             "[NOPHRASE]\n"                                   /* 8 */
             "<TOPIC>\n"                                      /* 9 */
             "plague [DISEASE]\n",                            /* 10 */
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 9);
    dtu_msg(&t, 0, 1, "issue outside an <ISSUE> section: loose phrase [LOOSE]");
    dtu_msg(&t, 1, 2, "</ISSUE> without <ISSUE>");
    dtu_msg(&t, 2, 3, "<ISSUE> without CATEGORY=\"...\"");
    dtu_msg(&t, 3, 5, "text after the code: stray words [CLINICS]");
    dtu_msg(&t, 4, 6, "unterminated [: [DISEASE");
    dtu_msg(&t, 5, 7, "empty issue code");
    dtu_msg(&t, 6, 8, "issue line has no phrase");
    dtu_msg(&t, 7, 9, "unknown tag: <TOPIC>");
    dtu_msg(&t, 8, 10, "missing </ISSUE> at end of file");
    /* the code before the stray text is kept */
    issue_is(&t, "CLINICS", "CLINICS", "HEALTH");
    issue_is(&t, "PLAGUE", "DISEASE", "HEALTH");
    assert_null(issue_of(&t, "RASH"));
    assert_null(issue_of(&t, "LOOSE PHRASE"));
    dtu_free(&t);
}

static void issues_strict_mode_stops(void **state) {
    dtu t;
    dtu_load(&t, ent_load_issues,
             "<ISSUE CATEGORY=\"HEALTH\" TYPE=\"ALL\">\nrash [DISEASE\nplague [DISEASE]\n</ISSUE>\n", 1);
    assert_int_equal(t.rc, -1);
    assert_int_equal(t.diags.count, 1);
    dtu_msg(&t, 0, 2, "unterminated [: [DISEASE");
    assert_null(issue_of(&t, "PLAGUE"));
    dtu_free(&t);
}

static void issues_variant_explosion_is_refused(void **state) {
    /* 6 tokens with + and n: give 6^6 variants */
    dtu t;
    dtu_load(&t, ent_load_issues,
             "<ISSUE CATEGORY=\"X\" TYPE=\"ALL\">\n"
             "a+n:b c+n:d e+n:f g+n:h i+n:j k+n:l [BIG]\n"
             "small [SMALL]\n"
             "</ISSUE>\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 1);
    char got[1200];
    ent_diag_format(&t.diags, 0, got, sizeof got);
    assert_non_null(strstr(got, ":2: more than 1024 variants: a+n:b"));
    issue_is(&t, "SMALL", "SMALL", "X");
    dtu_free(&t);
}

static void nouns_forms_codes_and_prepositions(void **state) {
    dtu t;
    dtu_load(&t, ent_load_nouns,
             "# event nouns\n"
             "AIR_STRIKE {AIR_STRIKES AIRSTRIKE} [195] ON AGAINST\n"
             "INVASION [190] OF\n"
             "TALKS {} [040] WITH BETWEEN\n"
             "[040] WITH\n"
             "VISIT TO\n"
             "RAID {RAIDS [190]\n"
             "ATTACK [190] ON NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN SIXTEEN\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.d.nouns.len, 3);
    const ent_noun *strike = ENT_NOUN(&t.d, dtu_value(&t.d, &t.d.noun_ix, "AIR STRIKES"));
    assert_string_equal(strike->code, "195");
    assert_int_equal(strike->n_preps, 2);
    assert_string_equal(ent_dict_word_text(&t.d, strike->preps[1]), "AGAINST");
    assert_int_equal(dtu_value(&t.d, &t.d.noun_ix, "AIRSTRIKE"), 0);
    /* no braces: the regular plural; {}: the name alone */
    assert_int_equal(dtu_value(&t.d, &t.d.noun_ix, "INVASIONS"), 1);
    assert_int_equal(dtu_value(&t.d, &t.d.noun_ix, "TALKS"), 2);
    assert_int_equal(dtu_value(&t.d, &t.d.noun_ix, "TALKSES"), -99);
    assert_int_equal(t.diags.count, 4);
    dtu_msg(&t, 0, 5, "no noun before the code");
    dtu_msg(&t, 1, 6, "no [CODE] after the noun: VISIT TO");
    dtu_msg(&t, 2, 7, "unclosed {: RAID {RAIDS [190]");
    dtu_msg(&t, 3, 8, "more than 8 prepositions");
    dtu_free(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(discards_story_and_sentence),
        cmocka_unit_test(discards_strict_mode_stops),
        cmocka_unit_test(issues_with_nouns_joins_and_exclusions),
        cmocka_unit_test(issues_malformed_lines),
        cmocka_unit_test(issues_strict_mode_stops),
        cmocka_unit_test(issues_variant_explosion_is_refused),
        cmocka_unit_test(nouns_forms_codes_and_prepositions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
