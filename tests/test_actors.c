/* test_actors.c -- the actors file: names, synonyms, codes, date
 * restrictions, comments and the messages for malformed lines. */
#include "dict_tu.h"

static const ent_actor *actor_of(const dtu *t, const char *phrase) {
    int v = dtu_value(&t->d, &t->d.actor_ix, phrase);
    if (v < 0 || (size_t)v >= t->d.actors.len) return NULL;
    return ENT_ACTOR(&t->d, v);
}

static const char *code_on(const dtu *t, const char *phrase, int32_t date) {
    const ent_actor *a = actor_of(t, phrase);
    assert_non_null(a);
    return ent_actor_code_on(a, date, 0);
}

static void one_line_actor_with_comment(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors, "ZEMBLA [ZEM] # capital is Onhava\nORLOVIA  [ORL]\n", 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    assert_int_equal(t.d.actors.len, 2);
    const ent_actor *a = actor_of(&t, "ZEMBLA");
    assert_non_null(a);
    assert_string_equal(a->name, "ZEMBLA");
    assert_int_equal(a->n_codes, 1);
    assert_string_equal(a->codes[0].code, "ZEM");
    assert_false(a->codes[0].dated);
    assert_int_equal(a->line, 1);
    assert_string_equal(a->file, t.path);
    assert_string_equal(code_on(&t, "ORLOVIA", 20200101), "ORL");
    dtu_free(&t);
}

static void synonyms_and_multiword_names_share_the_actor(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors,
             "NORTH_ORLOVIA_ [ORN]\n"
             "+NORTH_ORLOVIAN\n"
             "+THE REPUBLIC_OF_NORTH_ORLOVIA  # formal\n"
             "+ORLOVGRAD_\n"
             "\n"
             "ORLOVIA [ORL]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    int v = dtu_value(&t.d, &t.d.actor_ix, "NORTH ORLOVIA");
    assert_true(v >= 0);
    assert_int_equal(dtu_value(&t.d, &t.d.actor_ix, "NORTH ORLOVIAN"), v);
    assert_int_equal(dtu_value(&t.d, &t.d.actor_ix, "THE REPUBLIC OF NORTH ORLOVIA"), v);
    assert_int_equal(dtu_value(&t.d, &t.d.actor_ix, "ORLOVGRAD"), v);
    assert_int_not_equal(dtu_value(&t.d, &t.d.actor_ix, "ORLOVIA"), v);
    /* exact words only: no prefix stemming */
    assert_int_equal(dtu_value(&t.d, &t.d.actor_ix, "NORTH ORLOV"), -99);
    assert_int_equal(t.d.actors.len, 2);
    dtu_free(&t);
}

static void name_alone_then_synonyms_then_code_line(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors,
             "KESTRIA  \n"
             "+KESTRIAN\n"
             "\t[KES]\n"
             "VALDOR_KING_  # stacked names share the code block below\n"
             "+THE_OLD_KING\n"
             "KING_VALDOR\n"
             "\t[VALELI 19500101-19891231]\n"
             "\t[VALGOV >19900101]\n"
             "NEXT_ONE [NXT]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    assert_int_equal(t.d.actors.len, 3);
    assert_string_equal(code_on(&t, "KESTRIAN", 20000101), "KES");
    const ent_actor *k = actor_of(&t, "VALDOR KING");
    assert_non_null(k);
    assert_string_equal(k->name, "VALDOR_KING_");
    assert_ptr_equal(actor_of(&t, "KING VALDOR"), k);
    assert_ptr_equal(actor_of(&t, "THE OLD KING"), k);
    assert_int_equal(k->n_codes, 2);
    assert_string_equal(code_on(&t, "KING VALDOR", 19700101), "VALELI");
    assert_string_equal(code_on(&t, "KING VALDOR", 19950101), "VALGOV");
    assert_null(code_on(&t, "KING VALDOR", 19400101));
    assert_string_equal(code_on(&t, "NEXT ONE", 19400101), "NXT");
    dtu_free(&t);
}

static void several_codes_and_groups_on_one_line(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors,
             "TWIN_CITY [ZEM/ORL/KES]\n"
             "ENVOY_MARA\t[ZEMGOV 010120-050120] [IGOZEM >050501][ZEMELI]# moved on\n"
             "\t[ORLGOV 19900101-19991231]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    const ent_actor *a = actor_of(&t, "TWIN CITY");
    assert_non_null(a);
    assert_int_equal(a->n_codes, 3);
    assert_string_equal(ent_actor_code_on(a, 20000101, 0), "ZEM");
    assert_string_equal(ent_actor_code_on(a, 20000101, 1), "ORL");
    assert_string_equal(ent_actor_code_on(a, 20000101, 2), "KES");
    assert_null(ent_actor_code_on(a, 20000101, 3));
    const ent_actor *m = actor_of(&t, "ENVOY MARA");
    assert_non_null(m);
    assert_int_equal(m->n_codes, 4);
    assert_string_equal(ent_actor_code_on(m, 20030101, 0), "ZEMGOV");
    assert_string_equal(ent_actor_code_on(m, 20060101, 0), "IGOZEM");
    assert_string_equal(ent_actor_code_on(m, 19950101, 0), "ORLGOV");
    assert_string_equal(ent_actor_code_on(m, 20050201, 0), "ZEMELI");
    dtu_free(&t);
}

static void date_restrictions_and_their_boundaries(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors,
             "BEFORE_MAN\n\t[AAA <20080120]\n\t[AAB]\n\n"
             "AFTER_MAN\n\t[BBB >20130119]\n\t[BBC]\n\n"
             "RANGE_MAN\n\t[CCC 19950601 - 19990815]\n\t[CCD]\n\n"
             "SHORT_MAN\n\t[DDD 730717-070723]\n\n"
             "SPACED_MAN\n\t[EEE < 950601]\n\t[EEF > 20200101]\n\t[EEG]\n\n"
             "ORDER_MAN [FFX]\n\t[FFA 20100109-20100112]\n\t[FFB 20080120-20121109]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    /* "<D" is strictly before D */
    assert_string_equal(code_on(&t, "BEFORE MAN", 20080119), "AAA");
    assert_string_equal(code_on(&t, "BEFORE MAN", 20080120), "AAB");
    assert_string_equal(code_on(&t, "BEFORE MAN", 10000101), "AAA");
    /* ">D" starts on D */
    assert_string_equal(code_on(&t, "AFTER MAN", 20130118), "BBC");
    assert_string_equal(code_on(&t, "AFTER MAN", 20130119), "BBB");
    assert_string_equal(code_on(&t, "AFTER MAN", 29991231), "BBB");
    /* ranges include both ends */
    assert_string_equal(code_on(&t, "RANGE MAN", 19950531), "CCD");
    assert_string_equal(code_on(&t, "RANGE MAN", 19950601), "CCC");
    assert_string_equal(code_on(&t, "RANGE MAN", 19990815), "CCC");
    assert_string_equal(code_on(&t, "RANGE MAN", 19990816), "CCD");
    /* YYMMDD: 73 is 1973, 07 is 2007; no undated code, so nothing outside */
    assert_null(code_on(&t, "SHORT MAN", 19730716));
    assert_string_equal(code_on(&t, "SHORT MAN", 19730717), "DDD");
    assert_string_equal(code_on(&t, "SHORT MAN", 20070723), "DDD");
    assert_null(code_on(&t, "SHORT MAN", 20070724));
    assert_string_equal(code_on(&t, "SPACED MAN", 19950531), "EEE");
    assert_string_equal(code_on(&t, "SPACED MAN", 19950601), "EEG");
    assert_string_equal(code_on(&t, "SPACED MAN", 20200101), "EEF");
    /* the first dated code holding the date wins over later ones */
    assert_string_equal(code_on(&t, "ORDER MAN", 20100110), "FFA");
    assert_string_equal(code_on(&t, "ORDER MAN", 20100113), "FFB");
    assert_string_equal(code_on(&t, "ORDER MAN", 20150101), "FFX");
    dtu_free(&t);
}

static void special_and_lower_case_codes_are_kept(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors,
             "NOBODY [---]\nEVERYONE [+++]\nOLD_STYLE [###]\nKESTRIAN_TOWN [kes]\n"
             "PRINCE_OF_DOL\n\t[--- <950630]\n\t[DOL]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    assert_string_equal(code_on(&t, "NOBODY", 20000101), "---");
    assert_string_equal(code_on(&t, "EVERYONE", 20000101), "+++");
    assert_string_equal(code_on(&t, "OLD STYLE", 20000101), "###");
    assert_string_equal(code_on(&t, "KESTRIAN TOWN", 20000101), "KES");
    assert_string_equal(code_on(&t, "PRINCE OF DOL", 19900101), "---");
    assert_string_equal(code_on(&t, "PRINCE OF DOL", 19960101), "DOL");
    dtu_free(&t);
}

static void comments_of_every_kind_are_skipped(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors,
             "<!-- one line comment [XXX] -->\n"
             "<!--\n"
             "# inside a long comment\n"
             "HIDDEN_LAND [HID]\n"
             "# -->\n"
             "<! -- the odd spacing -->\n"
             "SEEN_LAND\n"
             "+SEEN_TOO\n"
             "#\t[950601-990815]  a commented-out code line does not end the block\n"
             "\t[SEE]\n"
             "   \t  \n"
             "OTHER [OTH]\n",
             0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    assert_int_equal(t.d.actors.len, 2);
    assert_int_equal(dtu_value(&t.d, &t.d.actor_ix, "HIDDEN LAND"), -99);
    assert_string_equal(code_on(&t, "SEEN TOO", 20000101), "SEE");
    assert_string_equal(code_on(&t, "OTHER", 20000101), "OTH");
    dtu_free(&t);
}

static const char *bad_actors =
    "GOLLUMISH\n"                      /* 1 */
    "+SNEAKY\n"                        /* 2 */
    "\t[ZZZ < 950601]\n"               /* 3 */
    "\t[950601-990815]\n"              /* 4 no code */
    "\t[AAA950601-990815]\n"           /* 5 garbage code */
    "\t[ZZG 19950601 - 19990815]\n"    /* 6 */
    "\t[ZZB 2008012]\n"                /* 7 seven-digit date */
    "\t[ZZC 20081301-20090101]\n"      /* 8 month 13 */
    "\t[ZZD 20090101-20080101]\n"      /* 9 range ends before it starts */
    "\t[ZZE >950601\n"                 /* 10 unterminated */
    "\t[ZZF] trailing junk\n"          /* 11 */
    "\n"                               /* 12 */
    "+ORPHAN\n"                        /* 13 */
    "\t[ORP]\n"                        /* 14 */
    "LONELY\n"                         /* 15 */
    "\n"                               /* 16 */
    "GOODONE [GD1]\n"                  /* 17 */
    "+\n"                              /* 18 */
    "<!-- never closed\n"              /* 19 */
    "HIDDEN [HID]\n";

static void malformed_lines_are_reported_and_skipped(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors, bad_actors, 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 12);
    dtu_msg(&t, 0, 4, "code block has no code: [950601-990815]");
    dtu_msg(&t, 1, 5, "malformed code: [AAA950601-990815]");
    dtu_msg(&t, 2, 7, "bad date restriction: [ZZB 2008012]");
    dtu_msg(&t, 3, 8, "bad date restriction: [ZZC 20081301-20090101]");
    dtu_msg(&t, 4, 9, "bad date restriction: [ZZD 20090101-20080101]");
    dtu_msg(&t, 5, 10, "unterminated [: [ZZE >950601");
    dtu_msg(&t, 6, 11, "text after the code: trailing junk");
    dtu_msg(&t, 7, 13, "synonym without an actor name: +ORPHAN");
    dtu_msg(&t, 8, 14, "code line without an actor name: [ORP]");
    dtu_msg(&t, 9, 15, "actor has no code: LONELY");
    dtu_msg(&t, 10, 18, "empty synonym");
    dtu_msg(&t, 11, 19, "unterminated <!-- comment");
    /* the good lines around the bad ones still load */
    const ent_actor *g = actor_of(&t, "SNEAKY");
    assert_non_null(g);
    assert_int_equal(g->n_codes, 2);
    assert_string_equal(ent_actor_code_on(g, 19950101, 0), "ZZZ");
    assert_string_equal(ent_actor_code_on(g, 19980101, 0), "ZZG");
    assert_null(ent_actor_code_on(g, 20090101, 0));
    assert_string_equal(code_on(&t, "GOODONE", 20000101), "GD1");
    assert_null(actor_of(&t, "LONELY"));
    assert_null(actor_of(&t, "HIDDEN"));
    assert_int_equal(t.d.actors.len, 2);
    dtu_free(&t);
}

static void unterminated_html_comment_is_reported(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors, "SEEN [SEE]\n\n<!-- never closed\nHIDDEN [HID]\n", 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 1);
    dtu_msg(&t, 0, 3, "unterminated <!-- comment");
    assert_int_equal(t.d.actors.len, 1);
    dtu_free(&t);
}

static void strict_mode_stops_at_the_first_bad_line(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors, bad_actors, 1);
    assert_int_equal(t.rc, -1);
    assert_int_equal(t.diags.count, 1);
    dtu_msg(&t, 0, 4, "code block has no code: [950601-990815]");
    assert_int_equal(t.d.actors.len, 0);
    dtu_free(&t);
}

static void huge_lines_load_and_messages_stay_short(void **state) {
    size_t n = 100 * 1024;
    char *text = malloc(3 * n + 100);
    assert_non_null(text);
    char *p = text;
    /* a 100 KB name with a code, a 100 KB code, then 100 KB of junk */
    for (size_t i = 0; i < n; i++) *p++ = (char)('A' + i % 26);
    p += sprintf(p, " [BIG]\nSMALL [");
    for (size_t i = 0; i < n; i++) *p++ = 'Q';
    p += sprintf(p, "]\nJUNKY [JNK] ");
    for (size_t i = 0; i < n; i++) *p++ = 'x';
    strcpy(p, "\n");
    dtu t;
    dtu_load(&t, ent_load_actors, text, 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.d.actors.len, 2);
    assert_int_equal(strlen(ENT_ACTOR(&t.d, 0)->name), n);
    assert_int_equal(strlen(ENT_ACTOR(&t.d, 1)->codes[0].code), n);
    assert_int_equal(t.diags.count, 1);
    char got[2048];
    ent_diag_format(&t.diags, 0, got, sizeof got);
    assert_non_null(strstr(got, ":3: text after the code: xxxx"));
    assert_true(strlen(got) < strlen(t.path) + 140);
    dtu_free(&t);
    free(text);
}

static void missing_file_is_an_error_with_a_message(void **state) {
    ent_dict d;
    ent_diags dg;
    assert_int_equal(ent_dict_init(&d), 0);
    ent_diags_init(&dg, NULL, 0);
    assert_int_equal(ent_load_actors(&d, "/nonexistent/zembla.actors.txt", &dg), -1);
    assert_int_equal(dg.count, 1);
    char got[512];
    ent_diag_format(&dg, 0, got, sizeof got);
    assert_string_equal(got, "/nonexistent/zembla.actors.txt: cannot read: No such file or directory");
    ent_diags_free(&dg);
    ent_dict_free(&d);
}

static void crlf_line_endings_are_accepted(void **state) {
    dtu t;
    dtu_load(&t, ent_load_actors, "ZEMBLA [ZEM]\r\n+ZEMBLAN\r\n\r\nORLOVIA\r\n\t[ORL]\r\n", 0);
    assert_int_equal(t.rc, 0);
    assert_int_equal(t.diags.count, 0);
    assert_string_equal(code_on(&t, "ZEMBLAN", 20000101), "ZEM");
    assert_string_equal(code_on(&t, "ORLOVIA", 20000101), "ORL");
    dtu_free(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_line_actor_with_comment),
        cmocka_unit_test(synonyms_and_multiword_names_share_the_actor),
        cmocka_unit_test(name_alone_then_synonyms_then_code_line),
        cmocka_unit_test(several_codes_and_groups_on_one_line),
        cmocka_unit_test(date_restrictions_and_their_boundaries),
        cmocka_unit_test(special_and_lower_case_codes_are_kept),
        cmocka_unit_test(comments_of_every_kind_are_skipped),
        cmocka_unit_test(malformed_lines_are_reported_and_skipped),
        cmocka_unit_test(unterminated_html_comment_is_reported),
        cmocka_unit_test(strict_mode_stops_at_the_first_bad_line),
        cmocka_unit_test(huge_lines_load_and_messages_stay_short),
        cmocka_unit_test(missing_file_is_an_error_with_a_message),
        cmocka_unit_test(crlf_line_endings_are_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
