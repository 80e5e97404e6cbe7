/* test_verbs.c -- the verb-pattern dictionary loader (dict_verbs.c). */
#include "testutil.h"

#include "dict.h"

/* ---- Helpers -------------------------------------------------------------- */

typedef struct vt {
    ent_dict d;
    ent_diags g;
    char *path;
    int rc;
} vt;

static vt *vt_load(const char *text, int strict) {
    vt *t = calloc(1, sizeof *t);
    assert_non_null(t);
    assert_int_equal(ent_dict_init(&t->d), 0);
    ent_diags_init(&t->g, NULL, strict);
    t->path = tu_write_tmp(text, ".verbs.txt");
    assert_non_null(t->path);
    t->rc = ent_load_verbs(&t->d, t->path, &t->g);
    return t;
}

static void vt_free(vt *t) {
    unlink(t->path);
    free(t->path);
    ent_dict_free(&t->d);
    ent_diags_free(&t->g);
    free(t);
}

/* Render a pattern's elements as text: words and synsets by name, the
 * slots as $ + % ^, brackets as themselves, '~' after an element whose
 * adjacent flag is set, and '*' for the verb. */
static void render_pattern(const ent_dict *d, const ent_pattern *p, char *out, size_t cap) {
    static const char *sym[] = {"?", "W", "S", "$", "+", "%", "^", "(", ")", "{", "}"};
    size_t n = 0;
    out[0] = '\0';
    for (int side = 0; side < 2; side++) {
        const ent_pelem *e = side ? p->post : p->pre;
        int cnt = side ? p->n_post : p->n_pre;
        if (side) n += (size_t)snprintf(out + n, cap - n, "%s*", n ? " " : "");
        for (int i = 0; i < cnt && n < cap; i++) {
            const char *txt = e[i].kind == ENT_PE_WORD ? ent_dict_word_text(d, e[i].id)
                            : e[i].kind == ENT_PE_SYNSET
                                ? ENT_VEC_AT(&d->synsets, ent_synset, e[i].id).name
                                : sym[e[i].kind <= ENT_PE_NP_CLOSE ? e[i].kind : 0];
            n += (size_t)snprintf(out + n, cap - n, "%s%s%s", n ? " " : "", txt,
                                  e[i].adjacent ? "~" : "");
        }
    }
}

static const ent_pattern *pattern_at_line(const ent_dict *d, int line) {
    for (size_t i = 0; i < d->patterns.len; i++)
        if (ENT_PATTERN(d, i)->line == line) return ENT_PATTERN(d, i);
    return NULL;
}

static void expect_pattern(const vt *t, int line, const char *want) {
    const ent_pattern *p = pattern_at_line(&t->d, line);
    if (!p) fail_msg("no pattern loaded from line %d (expected \"%s\")", line, want);
    char got[1024];
    render_pattern(&t->d, p, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("line %d (%s): expected \"%s\", got \"%s\"", line, p->text, want, got);
}

/* Does verb `lemma` have the surface form `words` (space separated) with
 * the given head? */
static int has_form(const ent_dict *d, const char *lemma, const char *words, int head) {
    for (size_t i = 0; i < d->forms.len; i++) {
        const ent_verb_form *f = ENT_FORM(d, i);
        if (strcmp(ENT_VERB(d, f->verb)->lemma, lemma) != 0) continue;
        char buf[512];
        size_t n = 0;
        buf[0] = '\0';
        for (int k = 0; k < f->n_words; k++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? " " : "",
                                  ent_dict_word_text(d, f->words[k]));
        if (strcmp(buf, words) == 0 && (head < 0 || f->head == head)) return 1;
    }
    return 0;
}

static int count_forms(const ent_dict *d, const char *lemma) {
    int n = 0;
    for (size_t i = 0; i < d->forms.len; i++)
        n += strcmp(ENT_VERB(d, ENT_FORM(d, i)->verb)->lemma, lemma) == 0;
    return n;
}

static const ent_verb *find_verb(const ent_dict *d, const char *lemma) {
    for (size_t i = 0; i < d->verbs.len; i++)
        if (strcmp(ENT_VERB(d, i)->lemma, lemma) == 0) return ENT_VERB(d, i);
    return NULL;
}

/* Does synset `name` have member `words` (space separated)? */
static int has_member(const ent_dict *d, const char *name, const char *words) {
    int32_t sy = ent_strmap_get(&d->synset_names, name, strlen(name));
    if (sy < 0) return 0;
    const ent_vec *v = &d->synset_ix.pending;
    for (size_t i = 0; i < v->len; i++) {
        const ent_phrase *p = &ENT_VEC_AT(v, ent_phrase, i);
        if (p->value != sy) continue;
        char buf[512];
        size_t n = 0;
        buf[0] = '\0';
        for (int k = 0; k < p->n_words; k++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? " " : "",
                                  ent_dict_word_text(d, p->words[k]));
        if (strcmp(buf, words) == 0) return 1;
    }
    return 0;
}

static void expect_msg(const vt *t, int i, int line, const char *text) {
    char want[1024], got[1024];
    snprintf(want, sizeof want, "%s:%d: %s", t->path, line, text);
    if (i >= t->g.count) fail_msg("message %d missing; expected \"%s\"", i, want);
    ent_diag_format(&t->g, i, got, sizeof got);
    if (strcmp(got, want) != 0) fail_msg("message %d: expected \"%s\", got \"%s\"", i, want, got);
}

static void expect_no_msgs(const vt *t) {
    if (t->g.count) {
        char got[1024];
        ent_diag_format(&t->g, 0, got, sizeof got);
        fail_msg("%d unexpected message(s), first: %s", t->g.count, got);
    }
}

/* ---- Block headers and codes ---------------------------------------------- */

static void test_block_headers_keep_codes_as_written(void **state) {
    (void)state;
    vt *t = vt_load("--- ZORBLE [064] ---\nZORBLE\n"
                    "---  FLANGE   [---]  ---\nFLANGE\n"
                    "--- QUUX  [013:012] ---\nQUUX\n"
                    "--- WUMP [174K]---  ---\nWUMP\n"
                    "--- TROUBLED  [def] # a comment ---\nTROUBLED\n"
                    "--- LASH OUT [:110] ---\nLASH OUT\n"
                    "--- NOCODE ---\nNOCODE\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_int_equal(t->d.blocks.len, 7);
    const char *names[] = {"ZORBLE", "FLANGE", "QUUX", "WUMP", "TROUBLED", "LASH OUT", "NOCODE"};
    const char *codes[] = {"064", "---", "013", "174K", "def", "---", "---"};
    const char *codes2[] = {NULL, NULL, "012", NULL, NULL, "110", NULL};
    for (int i = 0; i < 7; i++) {
        const ent_verb_block *b = ENT_BLOCK(&t->d, i);
        assert_string_equal(b->name, names[i]);
        assert_string_equal(b->code, codes[i]);
        if (codes2[i]) assert_string_equal(b->code2, codes2[i]);
        else assert_null(b->code2);
        /* each verb takes its block's code */
        const ent_verb *v = ENT_VERB(&t->d, i);
        assert_int_equal(v->block, i);
        assert_string_equal(v->code, codes[i]);
    }
    vt_free(t);
}

/* ---- Verbs and their forms ------------------------------------------------ */

/* The verb that the frozen index gives the one-word form `word`, or NULL;
 * fails when the index holds the word for more than one verb. */
static const ent_verb *indexed_verb(const ent_dict *d, const char *word) {
    ent_wid w = ent_dict_word(d, word, strlen(word));
    if (w <= 0) return NULL;
    const ent_verb *found = NULL;
    for (int32_t i = d->form_start[w]; i < d->form_start[w + 1]; i++) {
        const ent_verb_form *f = ENT_FORM(d, d->form_order[i]);
        if (f->n_words != 1) continue;
        if (found) fail_msg("form %s indexed for %s and %s", word, found->lemma, ENT_VERB(d, f->verb)->lemma);
        found = ENT_VERB(d, f->verb);
    }
    return found;
}

static void test_block_led_by_an_earlier_blocks_verb_joins_it(void **state) {
    (void)state;
    vt *t = vt_load("--- ZAP [---] ---\n"          /* 1 */
                    "ZAP\n"
                    "- * AND_WOUND [223]\n"        /* 3 */
                    "\n"
                    "--- ZAP [223] ---\n"          /* 5 */
                    "ZAP\n"
                    "ZING\n"
                    "- + WAS * DEAD [224]\n"       /* 8 */
                    "--- ZING [190] ---\n"         /* 9: led by a verb that only followed */
                    "ZING\n"
                    "- * AWAY [191]\n",            /* 11 */
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_int_equal(ent_dict_freeze(&t->d), 0);
    const ent_verb_block *zap = ENT_BLOCK(&t->d, 0);
    /* the second ZAP block's pattern is filed with the first's, in file
     * order; the third block, led by ZING, stays a block of its own */
    assert_int_equal(zap->n_patterns, 2);
    assert_int_equal(ENT_PATTERN(&t->d, zap->first_pattern)->line, 3);
    assert_int_equal(ENT_PATTERN(&t->d, zap->first_pattern + 1)->line, 8);
    assert_int_equal(ENT_BLOCK(&t->d, 1)->n_patterns, 0);
    assert_int_equal(ENT_BLOCK(&t->d, 2)->n_patterns, 1);
    /* the word goes to the later line, with its header's code */
    const ent_verb *v = indexed_verb(&t->d, "ZAPS");
    assert_non_null(v);
    assert_int_equal(v->line, 6);
    assert_string_equal(v->code, "223");
    assert_int_equal(v->block, 0);
    v = indexed_verb(&t->d, "ZINGS");
    assert_non_null(v);
    assert_int_equal(v->line, 10);
    assert_string_equal(v->code, "190");
    assert_int_equal(v->block, 2);
    vt_free(t);
}

static void test_verb_listed_again_belongs_to_the_later_line(void **state) {
    (void)state;
    vt *t = vt_load("--- HALT [120] ---\nHALT\nPAUSE {PAUSEN}\n"
                    "--- STALL [130] ---\nSTALL\nPAUSE\nCARRY_+ON\n"
                    "--- PERSIST [040] ---\nPERSIST\nCARRY_+ON [041]\n",
                    0);
    assert_int_equal(t->rc, 0);
    assert_int_equal(ent_dict_freeze(&t->d), 0);
    const ent_verb *v = indexed_verb(&t->d, "PAUSED");
    assert_non_null(v);
    assert_string_equal(v->code, "130");
    /* the forms only the earlier line made are still its own */
    v = indexed_verb(&t->d, "PAUSEN");
    assert_non_null(v);
    assert_string_equal(v->code, "120");
    /* multiword forms too: one entry for CARRY ON, the later one */
    ent_wid on = ent_dict_word(&t->d, "ON", 2);
    ent_wid carry = ent_dict_word(&t->d, "CARRY", 5);
    int n = 0;
    for (int32_t i = t->d.form_start[on]; i < t->d.form_start[on + 1]; i++) {
        const ent_verb_form *f = ENT_FORM(&t->d, t->d.form_order[i]);
        if (f->n_words == 2 && f->words[0] == carry) {
            n++;
            assert_string_equal(ENT_VERB(&t->d, f->verb)->code, "041");
        }
    }
    assert_int_equal(n, 1);
    vt_free(t);
}

static void test_regular_forms_without_doubling(void **state) {
    (void)state;
    vt *t = vt_load("--- DEPART [020] ---\nDEPART\nRESTORE    # comment\nCARRY\n"
                    "WASH\nVETO\nAGREE\nDIE\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_true(has_form(&t->d, "DEPART", "DEPART", 0));
    assert_true(has_form(&t->d, "DEPART", "DEPARTS", 0));
    assert_true(has_form(&t->d, "DEPART", "DEPARTED", 0));
    assert_true(has_form(&t->d, "DEPART", "DEPARTING", 0));
    assert_false(has_form(&t->d, "DEPART", "DEPARTES", -1));
    assert_int_equal(count_forms(&t->d, "DEPART"), 4);
    assert_true(has_form(&t->d, "RESTORE", "RESTORES", 0));
    assert_true(has_form(&t->d, "RESTORE", "RESTORED", 0));
    assert_true(has_form(&t->d, "RESTORE", "RESTORING", 0));
    assert_false(has_form(&t->d, "RESTORE", "RESTOREING", -1));
    assert_true(has_form(&t->d, "CARRY", "CARRIES", 0));
    assert_true(has_form(&t->d, "CARRY", "CARRIED", 0));
    assert_true(has_form(&t->d, "CARRY", "CARRYING", 0));
    assert_true(has_form(&t->d, "WASH", "WASHES", 0));
    assert_true(has_form(&t->d, "VETO", "VETOES", 0));
    assert_true(has_form(&t->d, "AGREE", "AGREEING", 0));
    assert_true(has_form(&t->d, "AGREE", "AGREED", 0));
    assert_true(has_form(&t->d, "DIE", "DYING", 0));
    vt_free(t);
}

static void test_irregular_forms_and_own_code(void **state) {
    (void)state;
    vt *t = vt_load("--- SNAP [1717] ---\n"
                    "SNAP { SNAPT SNAPPEN  }\n"
                    "GRIP {GRIPS GRIPPING GRAPT } [---]  # own code\n"
                    "TWIRL {TWIRLS, TWIRLEN}[0412:0413];an old-style comment\n"
                    "SWIVEL {}\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_true(has_form(&t->d, "SNAP", "SNAPT", 0));
    assert_true(has_form(&t->d, "SNAP", "SNAPPEN", 0));
    assert_true(has_form(&t->d, "SNAP", "SNAPS", 0)); /* regular forms are kept too */
    assert_true(has_form(&t->d, "SNAP", "SNAPPED", -1) == 0);
    assert_int_equal(count_forms(&t->d, "SNAP"), 6);
    /* GRIPS is both regular and listed: stored once */
    assert_int_equal(count_forms(&t->d, "GRIP"), 6);
    assert_true(has_form(&t->d, "GRIP", "GRAPT", 0));
    assert_string_equal(find_verb(&t->d, "SNAP")->code, "1717");
    assert_string_equal(find_verb(&t->d, "GRIP")->code, "---");
    const ent_verb *tw = find_verb(&t->d, "TWIRL");
    assert_non_null(tw);
    assert_string_equal(tw->code, "0412");
    assert_string_equal(tw->code2, "0413");
    assert_true(has_form(&t->d, "TWIRL", "TWIRLEN", 0));
    assert_int_equal(count_forms(&t->d, "SWIVEL"), 4);
    vt_free(t);
}

static void test_multiword_verbs_mark_their_head(void **state) {
    (void)state;
    vt *t = vt_load("--- SNAP [1717] ---\n"
                    "SNAP\n"
                    "+SNAP_DOWN {+SNAPT_DOWN +SNAPPEN_DOWN }\n"
                    "WIRE_+ZAP {WIRE_+ZAPPED  WIRE_+ZAPPING }\n"
                    "KLM_NOP_+RST [002]\n"
                    "+ABC_DEF_GHI\n"
                    "HAUL OFF\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_non_null(find_verb(&t->d, "SNAP_DOWN"));
    assert_true(has_form(&t->d, "SNAP_DOWN", "SNAP DOWN", 0));
    assert_true(has_form(&t->d, "SNAP_DOWN", "SNAPS DOWN", 0));
    assert_true(has_form(&t->d, "SNAP_DOWN", "SNAPPEN DOWN", 0));
    assert_true(has_form(&t->d, "WIRE_ZAP", "WIRE ZAP", 1));
    assert_true(has_form(&t->d, "WIRE_ZAP", "WIRE ZAPS", 1));
    assert_true(has_form(&t->d, "WIRE_ZAP", "WIRE ZAPPED", 1));
    assert_true(has_form(&t->d, "WIRE_ZAP", "WIRE ZAPPING", 1));
    assert_true(has_form(&t->d, "KLM_NOP_RST", "KLM NOP RST", 2));
    assert_true(has_form(&t->d, "KLM_NOP_RST", "KLM NOP RSTED", 2));
    assert_string_equal(find_verb(&t->d, "KLM_NOP_RST")->code, "002");
    assert_true(has_form(&t->d, "ABC_DEF_GHI", "ABCING DEF GHI", 0));
    assert_true(has_form(&t->d, "HAUL OFF", "HAULED OFF", 0));
    vt_free(t);
}

/* ---- Synsets --------------------------------------------------------------- */

static void test_synsets_members_nesting_and_merge(void **state) {
    (void)state;
    vt *t = vt_load("&HUE_\n+MAUVE\n+DEEP_PUCE  # comment\n\n+(VERY DARK TEAL)\n"
                    "&GADGET\n+WIDGET\n+GIZMO_\n+SPROCKET BOX\n+ZAX\n+FLY\n"
                    "&THING\n+&HUE\n+&GADGET_\n+DOODAD\n"
                    "&HUE\n+OCHRE\n"
                    "--- ZORBLE [064] ---\nZORBLE\n- * &THING [010]\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_int_equal(t->d.synsets.len, 3);
    assert_true(has_member(&t->d, "&HUE", "MAUVE"));
    assert_true(has_member(&t->d, "&HUE", "DEEP PUCE"));
    assert_true(has_member(&t->d, "&HUE", "VERY DARK TEAL"));
    assert_true(has_member(&t->d, "&HUE", "OCHRE"));   /* second definition merged */
    assert_false(has_member(&t->d, "&HUE", "MAUVES")); /* &HUE_ : no plurals */
    assert_true(has_member(&t->d, "&GADGET", "WIDGETS"));
    assert_true(has_member(&t->d, "&GADGET", "SPROCKET BOXES"));
    assert_true(has_member(&t->d, "&GADGET", "ZAXES"));
    assert_true(has_member(&t->d, "&GADGET", "FLIES"));
    assert_true(has_member(&t->d, "&GADGET", "GIZMO"));
    assert_false(has_member(&t->d, "&GADGET", "GIZMOS")); /* GIZMO_ : no plural */
    /* nested, expanded */
    assert_true(has_member(&t->d, "&THING", "DOODAD"));
    assert_true(has_member(&t->d, "&THING", "MAUVE"));
    assert_true(has_member(&t->d, "&THING", "OCHRE"));
    assert_true(has_member(&t->d, "&THING", "WIDGETS"));
    assert_true(has_member(&t->d, "&THING", "SPROCKET BOX"));
    expect_pattern(t, 20, "* &THING");
    vt_free(t);
}

static void test_synset_cycle_is_reported(void **state) {
    (void)state;
    vt *t = vt_load("&ALPHA\n+APPLE\n+&BETA\n&BETA\n+BANANA\n+&GAMMA\n&GAMMA\n+&ALPHA\n+CHERRY\n",
                    0);
    assert_int_equal(t->rc, 0);
    assert_int_equal(t->g.count, 1);
    expect_msg(t, 0, 8, "synset &GAMMA includes itself through &ALPHA; that member is ignored");
    /* the other references still expand */
    assert_true(has_member(&t->d, "&ALPHA", "CHERRY"));
    assert_true(has_member(&t->d, "&ALPHA", "BANANA"));
    assert_true(has_member(&t->d, "&BETA", "CHERRY"));
    assert_false(has_member(&t->d, "&GAMMA", "APPLE"));
    vt_free(t);
}

/* ---- Patterns ------------------------------------------------------------ */

static void test_pattern_element_kinds(void **state) {
    (void)state;
    vt *t = vt_load("&HUE\n+MAUVE\n"
                    "--- ZORBLE [064] ---\n"
                    "ZORBLE\n"
                    "- $ SAID * + WITH % [0231]  # comment\n"
                    "- * &HUE ^ ^ AT_ + [024:025]\n"
                    "- * [###]\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_int_equal(t->d.patterns.len, 3);
    expect_pattern(t, 5, "$ SAID * + WITH %");
    expect_pattern(t, 6, "* &HUE ^ ^ AT +");
    expect_pattern(t, 7, "*");
    const ent_pattern *p = pattern_at_line(&t->d, 5);
    assert_int_equal(p->n_pre, 2);
    assert_int_equal(p->n_post, 3);
    assert_int_equal(p->pre[0].kind, ENT_PE_SOURCE);
    assert_int_equal(p->pre[1].kind, ENT_PE_WORD);
    assert_int_equal(p->post[0].kind, ENT_PE_TARGET);
    assert_int_equal(p->post[2].kind, ENT_PE_COMPOUND);
    assert_string_equal(p->code, "0231");
    assert_null(p->code2);
    assert_string_equal(p->text, "- $ SAID * + WITH % [0231]");
    assert_string_equal(p->file, t->path);
    assert_int_equal(p->block, 0);
    p = pattern_at_line(&t->d, 6);
    assert_int_equal(p->post[0].kind, ENT_PE_SYNSET);
    assert_int_equal(p->post[1].kind, ENT_PE_SKIP);
    assert_string_equal(p->code, "024");
    assert_string_equal(p->code2, "025");
    assert_string_equal(pattern_at_line(&t->d, 7)->code, "###");
    assert_int_equal(t->d.verb_form2, 0);
    vt_free(t);
}

static void test_pattern_adjacency_both_sides(void **state) {
    (void)state;
    vt *t = vt_load("&NAY\n+WO N'T\n&NAY_SAY\n+NAH\n"
                    "--- ZORBLE [064] ---\nZORBLE\n"
                    "- IN_*  [075]\n"          /* 7 */
                    "- IN_ *  [076]\n"         /* 8: exact word only */
                    "- *_OUT [077]\n"          /* 9 */
                    "- * OFF_  [078]\n"        /* 10 */
                    "- SO IN_AND_*_OUT_AGAIN NOW [079]\n"
                    "- TINKER_+ * DEMAND_&NAY_RULES  [080]\n"
                    "- * TO_LET_ESCAPE  [081]\n"
                    "- &NAY_WANT * [082]\n"   /* synset joined to a word */
                    "- &NAY_SAY * [083]\n"    /* longest name wins */
                    "- FAILED_TO_* [084]\n"
                    "- NOTED_WOULD NOW * [085]\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    expect_pattern(t, 7, "IN~ *");
    expect_pattern(t, 8, "IN *");
    expect_pattern(t, 9, "* OUT~");
    expect_pattern(t, 10, "* OFF");
    expect_pattern(t, 11, "SO IN~ AND~ * OUT~ AGAIN~ NOW");
    expect_pattern(t, 12, "TINKER~ + * DEMAND &NAY~ RULES~");
    expect_pattern(t, 13, "* TO LET~ ESCAPE~");
    expect_pattern(t, 14, "&NAY~ WANT *");
    expect_pattern(t, 15, "&NAY_SAY *");
    expect_pattern(t, 16, "FAILED~ TO~ *");
    expect_pattern(t, 17, "NOTED~ WOULD NOW *");
    vt_free(t);
}

static void test_v2_brackets_and_nesting(void **state) {
    (void)state;
    vt *t = vt_load("# form 2\n&TREATY\n+PACT\n"
                    "--- ZORBLE [064] ---\nZORBLE\n"
                    "- * (TO {PEACE PLAN})        [037]   # nested\n" /* 6 */
                    "- * {NEW &TREATY TIES} [903]\n"
                    "- * EID (AT ^ ^) (WITH +) [017]\n"
                    "- (DESPITE $) * (FROM $)  [122]\n"
                    "- * {AIR_STRIKE} [013]\n"
                    "- * (TO/FOR PROTEST) [141]\n"
                    "- * (IN { DEVELOPMENT}) [071]\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_int_equal(t->d.verb_form2, 1);
    expect_pattern(t, 6, "* ( TO { PEACE PLAN } )");
    expect_pattern(t, 7, "* { NEW &TREATY TIES }");
    expect_pattern(t, 8, "* EID ( AT ^ ^ ) ( WITH + )");
    expect_pattern(t, 9, "( DESPITE $ ) * ( FROM $ )");
    expect_pattern(t, 10, "* { AIR STRIKE~ }");
    /* written alternatives become an anonymous synset */
    expect_pattern(t, 11, "* ( &TO/FOR PROTEST )");
    assert_true(has_member(&t->d, "&TO/FOR", "TO"));
    assert_true(has_member(&t->d, "&TO/FOR", "FOR"));
    expect_pattern(t, 12, "* ( IN { DEVELOPMENT } )");
    const ent_pattern *p = pattern_at_line(&t->d, 6);
    assert_int_equal(p->post[0].kind, ENT_PE_PP_OPEN);
    assert_int_equal(p->post[2].kind, ENT_PE_NP_OPEN);
    assert_int_equal(p->post[5].kind, ENT_PE_NP_CLOSE);
    assert_int_equal(p->post[6].kind, ENT_PE_PP_CLOSE);
    assert_string_equal(p->text, "- * (TO {PEACE PLAN}) [037]");
    vt_free(t);
}

/* ---- Malformed input ------------------------------------------------------ */

static const char *bad_file =
    "- * EARLY [010]\n"                          /* 1 pattern before any block */
    "ORPHAN\n"                                   /* 2 verb before any block */
    "&GOOD\n+FINE\n"
    "--- ZORBLE [064] ---\n"                     /* 5 */
    "ZORBLE\n"
    "- * NOCODE\n"                               /* 7 */
    "- * UNTERMINATED [010\n"                    /* 8 */
    "- NO VERB HERE [010]\n"                     /* 9 */
    "- * TWO * STARS [010]\n"                    /* 10 */
    "- * &MISSING [010]\n"                       /* 11 */
    "- * (OPEN [010]\n"                          /* 12 */
    "- * CLOSE) [010]\n"                         /* 13 */
    "- * {MIXED) [010]\n"                        /* 14 */
    "- (SPANS * ) [010]\n"                       /* 15 */
    "}\n"                                        /* 16 */
    "* (TO ASK) [110]\n"                         /* 17 accepted, with a message */
    "- *GLUED [012]\n"                           /* 18 accepted, with a message */
    "- * EXTRA [010] TRAILING\n"                 /* 19 accepted, with a message */
    "- * EMPTY []\n"                             /* 20 */
    "BUSTED {BUSTS\n"                            /* 21 */
    "&GOOD\n+&NOWHERE\n"                         /* 22, 23 */
    "--- [010] ---\n"                            /* 24 block without a name */
    "LOST\n- * LOST [010]\n"                     /* 25, 26 quietly skipped */
    "--- FLANGE [020] [030] ---\n"               /* 27 */
    "FLANGE\n"
    "- * STILL LOADED [020]\n";                  /* 29 */

static void test_malformed_lines_give_messages_and_loading_continues(void **state) {
    (void)state;
    vt *t = vt_load(bad_file, 0);
    assert_int_equal(t->rc, 0);
    int i = 0;
    expect_msg(t, i++, 1, "pattern outside a verb block; skipped");
    expect_msg(t, i++, 2, "verb 'ORPHAN' outside a verb block; skipped");
    expect_msg(t, i++, 7, "pattern has no [code]; skipped");
    expect_msg(t, i++, 8, "pattern has an unterminated '[' code; skipped");
    expect_msg(t, i++, 9, "pattern has no '*' marking the verb; skipped");
    expect_msg(t, i++, 10, "pattern has more than one '*'; skipped");
    expect_msg(t, i++, 11, "unknown synset &MISSING in pattern; skipped");
    expect_msg(t, i++, 12, "'(' not closed in pattern; skipped");
    expect_msg(t, i++, 13, "unbalanced ')' in pattern; skipped");
    expect_msg(t, i++, 14, "unbalanced ')' in pattern; skipped");
    expect_msg(t, i++, 15, "a bracket is open across the verb '*'; pattern skipped");
    expect_msg(t, i++, 16, "cannot place a line starting with '}'; skipped");
    expect_msg(t, i++, 17, "pattern line does not start with '-'; read as a pattern");
    expect_msg(t, i++, 18, "'*' is joined to the following text without a space or '_'; read as separate");
    expect_msg(t, i++, 19, "text 'TRAILING' after the pattern's [code] ignored");
    expect_msg(t, i++, 20, "pattern has an empty [] code; skipped");
    expect_msg(t, i++, 21, "verb line has an unterminated '{'; skipped");
    expect_msg(t, i++, 23, "unknown synset &NOWHERE in a member of &GOOD; skipped");
    expect_msg(t, i++, 24, "verb block header has no name; block skipped");
    expect_msg(t, i++, 27, "verb block FLANGE has a second [code]; only the first is used");
    assert_int_equal(t->g.count, i);
    /* what was good still loaded */
    assert_int_equal(t->d.patterns.len, 4);
    expect_pattern(t, 17, "* ( TO ASK )");
    expect_pattern(t, 18, "* GLUED");
    expect_pattern(t, 19, "* EXTRA");
    expect_pattern(t, 29, "* STILL LOADED");
    assert_int_equal(pattern_at_line(&t->d, 29)->block, 1);
    assert_string_equal(pattern_at_line(&t->d, 29)->code, "020");
    assert_null(find_verb(&t->d, "BUSTED"));
    assert_null(find_verb(&t->d, "LOST"));
    assert_non_null(find_verb(&t->d, "FLANGE"));
    vt_free(t);
}

static void test_strict_mode_stops_at_first_message(void **state) {
    (void)state;
    vt *t = vt_load("--- ZORBLE [064] ---\nZORBLE\n- * FIRST [010]\n- * BAD\n- * AFTER [010]\n", 1);
    assert_int_equal(t->rc, -1);
    assert_int_equal(t->g.count, 1);
    expect_msg(t, 0, 4, "pattern has no [code]; skipped");
    assert_int_equal(t->d.patterns.len, 1);
    assert_null(pattern_at_line(&t->d, 5));
    vt_free(t);
}

static void test_huge_lines_are_refused_not_overflowed(void **state) {
    (void)state;
    /* 1,000 tokens in one pattern, a 300-character word, a 100-word verb */
    size_t cap = 64 * 1024;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "--- ZORBLE [064] ---\nZORBLE\n- *");
    for (int i = 0; i < 1000; i++) n += (size_t)snprintf(text + n, cap - n, " W%d", i);
    n += (size_t)snprintf(text + n, cap - n, " [010]\n- * ");
    for (int i = 0; i < 300; i++) text[n++] = 'X';
    n += (size_t)snprintf(text + n, cap - n, " [010]\n");
    for (int i = 0; i < 100; i++) n += (size_t)snprintf(text + n, cap - n, "V%d_", i);
    n += (size_t)snprintf(text + n, cap - n, "\n- * FINE [010]\n");
    vt *t = vt_load(text, 0);
    free(text);
    assert_int_equal(t->rc, 0);
    expect_msg(t, 0, 3, "pattern has more than 256 elements; skipped");
    expect_msg(t, 1, 4, "word longer than 128 characters in pattern; skipped");
    assert_int_equal(t->g.count, 3);
    char got[1024];
    ent_diag_format(&t->g, 2, got, sizeof got);
    assert_non_null(strstr(got, "has more than 32 words; skipped"));
    assert_int_equal(t->d.patterns.len, 1);
    expect_pattern(t, 6, "* FINE");
    vt_free(t);
}

static void test_unreadable_file_is_a_message(void **state) {
    (void)state;
    ent_dict d;
    ent_diags g;
    assert_int_equal(ent_dict_init(&d), 0);
    ent_diags_init(&g, NULL, 0);
    assert_int_equal(ent_load_verbs(&d, "/nonexistent/entente.verbs", &g), -1);
    assert_int_equal(g.count, 1);
    char got[512];
    ent_diag_format(&g, 0, got, sizeof got);
    assert_string_equal(got, "/nonexistent/entente.verbs: cannot read: No such file or directory");
    ent_dict_free(&d);
    ent_diags_free(&g);
}

static void test_xml_comments_spanning_lines(void **state) {
    (void)state;
    vt *t = vt_load("<!-- one line -->\n<!-- two\n- * HIDDEN [010]\n-->\n"
                    "--- ZORBLE [064] ---\nZORBLE <!-- inline --> {ZORBLEN}\n- * SEEN [010]\n",
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_int_equal(t->d.patterns.len, 1);
    expect_pattern(t, 7, "* SEEN");
    assert_true(has_form(&t->d, "ZORBLE", "ZORBLEN", 0));
    vt_free(t);
}

/* ---- The shared dictionaries ---------------------------------------------- */

static vt *load_shared(const char *name) {
    const char *peers = tu_peers();
    char path[1024];
    snprintf(path, sizeof path, "%s/dictionaries/%s", peers, name);
    vt *t = calloc(1, sizeof *t);
    assert_non_null(t);
    assert_int_equal(ent_dict_init(&t->d), 0);
    ent_diags_init(&t->g, NULL, 0);
    t->path = strdup(path);
    t->rc = ent_load_verbs(&t->d, path, &t->g);
    return t;
}

static void free_shared(vt *t) {
    free(t->path);
    ent_dict_free(&t->d);
    ent_diags_free(&t->g);
    free(t);
}

static void test_shared_verb_files(void **state) {
    (void)state;
    if (!tu_peers()) {
        printf("skipped: PETRARCH reference dictionaries not found (set ENTENTE_PEERS)\n");
        skip();
    }
    /* PETRARCH-1 form: every one of its 474 "- " pattern lines loads. */
    vt *t = load_shared("PETR.Validate.verbs.txt");
    assert_int_equal(t->rc, 0);
    assert_int_equal(t->d.patterns.len, 474);
    assert_int_equal(t->d.blocks.len, 261);
    assert_int_equal(t->d.verb_form2, 0);
    assert_int_equal(t->g.count, 1); /* the DELAY header carries two codes */
    expect_msg(t, 0, 447, "verb block DELAY has a second [code]; only the first is used");
    expect_pattern(t, 62, "* NEW &TIETYPES~ RELATIONS~");
    expect_pattern(t, 77, "SUGGESTED~ + * DEMAND &GENINT~ CONVENTIONS~");
    expect_pattern(t, 79, "IN~ *");
    expect_pattern(t, 80, "IN *");
    expect_pattern(t, 86, "SO IN~ AND~ * OUT~ AGAIN~ NOW");
    expect_pattern(t, 259, "+ KNOWN * IN $");
    expect_pattern(t, 342, "&NEGATVAUXVRB~ WANT * OVER EFFORTS");
    assert_true(has_form(&t->d, "BREAK_DOWN", "BROKEN DOWN", 0));
    assert_true(has_form(&t->d, "WIRE_TAP", "WIRE TAPPING", 1));
    assert_true(has_member(&t->d, "&ACCORDSYN", "CULTURAL")); /* via +&TIETYPES */
    assert_true(has_member(&t->d, "&PREPOSIT1", "NEAR"));
    assert_int_equal(ent_dict_freeze(&t->d), 0);
    free_shared(t);

    /* PETRARCH-2 validation file: 452 "- " lines and one dashless one;
     * one names &SECURITY, which this file never defines. */
    t = load_shared("PETR.Validate.verbs.2.0.txt");
    assert_int_equal(t->rc, 0);
    assert_int_equal(t->d.patterns.len, 452);
    assert_int_equal(t->d.verb_form2, 1);
    assert_int_equal(t->g.count, 2);
    expect_msg(t, 0, 453, "pattern line does not start with '-'; read as a pattern");
    expect_msg(t, 1, 1108, "unknown synset &SECURITY in pattern; skipped");
    expect_pattern(t, 406, "* ( TO { PEACE PLAN } )");
    assert_true(has_member(&t->d, "&TOBEVERB", "ARE"));
    free_shared(t);

    /* The operational PETRARCH-2 file: 4,668 patterns, 4 malformed. */
    t = load_shared("CAMEO.2.0.txt");
    assert_int_equal(t->rc, 0);
    assert_int_equal(t->d.patterns.len, 4664);
    assert_int_equal(t->d.blocks.len, 397);
    assert_int_equal(t->g.count, 5);
    expect_msg(t, 0, 1735, "'*' is joined to the following text without a space or '_'; read as separate");
    expect_msg(t, 1, 2374, "unbalanced ')' in pattern; skipped");
    expect_msg(t, 2, 7606, "unbalanced ')' in pattern; skipped");
    expect_msg(t, 3, 8443, "unknown synset &WEATHER in pattern; skipped");
    expect_msg(t, 4, 8444, "unknown synset &DEMONSTRATION in pattern; skipped");
    expect_pattern(t, 8688, "* ( IN &FIGHT_OF_WORDS )");
    expect_pattern(t, 4935, "SPY~ * DEAL~");
    assert_true(has_form(&t->d, "GET_HOLD_OF", "GOT HOLD OF", 0));
    const ent_verb_block *b = ENT_BLOCK(&t->d, t->d.blocks.len - 1);
    assert_string_equal(b->name, "OFFEND");
    assert_string_equal(b->code2, "110");
    assert_int_equal(ent_dict_freeze(&t->d), 0);
    free_shared(t);
}

/* ---- Transformations ------------------------------------------------------ */

static const ent_transform *transform_at_line(const ent_dict *d, int line) {
    for (size_t i = 0; i < d->transforms.len; i++)
        if (ENT_VEC_AT(&d->transforms, ent_transform, i).line == line)
            return &ENT_VEC_AT(&d->transforms, ent_transform, i);
    return NULL;
}

static void test_transformations_take_their_verbs_codes(void **state) {
    (void)state;
    vt *t = vt_load("--- SAY [010] ---\n"                         /* 1 */
                    "SAY {SAID}\n"                                /* 2 */
                    "--- FIGHT [190] ---\n"                       /* 3 */
                    "ATTACK\n"                                    /* 4 */
                    "STRIKE [195]\n"                              /* 5 */
                    "######## TRANSFORMATIONS ##########\n"       /* 6 */
                    "~ a (b . ATTACK ) SAY = a b 112  # comment\n" /* 7 */
                    "~ a (a b Q) SAY = a b Q\n"                   /* 8 */
                    "~ a(_ b STRIKE)SAY=a b 138\n",               /* 9 */
                    0);
    assert_int_equal(t->rc, 0);
    expect_no_msgs(t);
    assert_int_equal(t->d.transforms.len, 3);
    assert_true(t->d.combine_verbs);
    const ent_transform *r = transform_at_line(&t->d, 7);
    assert_non_null(r);
    assert_int_equal(r->outer_src, 'a');
    assert_int_equal(r->inner_src, 'b');
    assert_int_equal(r->inner_tgt, '.');
    assert_string_equal(r->inner_code, "190");   /* the block's code */
    assert_string_equal(r->outer_code, "010");
    assert_string_equal(r->res_code, "112");
    assert_int_equal(r->res_src, 'a');
    assert_int_equal(r->res_tgt, 'b');
    r = transform_at_line(&t->d, 8);
    assert_non_null(r);
    assert_null(r->inner_code);                  /* Q: any code */
    assert_null(r->res_code);                    /* Q: the inner one */
    r = transform_at_line(&t->d, 9);             /* spacing does not matter */
    assert_non_null(r);
    assert_int_equal(r->inner_src, '_');
    assert_string_equal(r->inner_code, "195");   /* the verb's own code */
    vt_free(t);
}

static void test_malformed_transformations_are_reported_by_line(void **state) {
    (void)state;
    vt *t = vt_load("--- SAY [010] ---\n"                         /* 1 */
                    "SAY\n"                                       /* 2 */
                    "~ a (b . ATTACK) SAY = a b 112\n"            /* 3 no verb ATTACK */
                    "~ a b . SAY SAY = a b 112\n"                 /* 4 no brackets */
                    "~ a (b . SAY) SAY = a c 112\n"               /* 5 c unbound */
                    "~ a (b . SAY) Q = a b 112\n"                 /* 6 outer Q */
                    "~ a (b . SAY) SAY = a b Q\n"                 /* 7 Q with no Q */
                    "~ a (a b SAY) SAY = a b 015\n",              /* 8 fine */
                    0);
    assert_int_equal(t->rc, 0);
    assert_int_equal(t->g.count, 5);
    expect_msg(t, 0, 4, "transformation '~ a b . SAY SAY = a b 112' is not of the form "
                        "'~ a (b c VERB) VERB = a b CODE'; skipped");
    expect_msg(t, 1, 5, "transformation result names 'c', which the pattern does not bind; skipped");
    expect_msg(t, 2, 6, "transformation has Q as its outer verb; Q stands only for the inner verb; skipped");
    expect_msg(t, 3, 7, "transformation result Q names no code: its inner verb is not Q; skipped");
    expect_msg(t, 4, 3, "transformation names ATTACK, which is no verb of this file; skipped");
    assert_int_equal(t->d.transforms.len, 1);
    assert_non_null(transform_at_line(&t->d, 8));
    assert_true(t->d.combine_verbs);             /* the set still says so */
    vt_free(t);
}

static void test_no_transformations_no_combination(void **state) {
    (void)state;
    vt *t = vt_load("--- SAY [010] ---\nSAY\n- * (TO {PEACE PLAN}) [037]\n", 0);
    assert_int_equal(t->rc, 0);
    assert_true(t->d.verb_form2);
    assert_false(t->d.combine_verbs);            /* brackets alone do not say it */
    assert_int_equal(t->d.transforms.len, 0);
    vt_free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_headers_keep_codes_as_written),
        cmocka_unit_test(test_block_led_by_an_earlier_blocks_verb_joins_it),
        cmocka_unit_test(test_verb_listed_again_belongs_to_the_later_line),
        cmocka_unit_test(test_regular_forms_without_doubling),
        cmocka_unit_test(test_irregular_forms_and_own_code),
        cmocka_unit_test(test_multiword_verbs_mark_their_head),
        cmocka_unit_test(test_synsets_members_nesting_and_merge),
        cmocka_unit_test(test_synset_cycle_is_reported),
        cmocka_unit_test(test_pattern_element_kinds),
        cmocka_unit_test(test_pattern_adjacency_both_sides),
        cmocka_unit_test(test_v2_brackets_and_nesting),
        cmocka_unit_test(test_malformed_lines_give_messages_and_loading_continues),
        cmocka_unit_test(test_strict_mode_stops_at_first_message),
        cmocka_unit_test(test_huge_lines_are_refused_not_overflowed),
        cmocka_unit_test(test_unreadable_file_is_a_message),
        cmocka_unit_test(test_xml_comments_spanning_lines),
        cmocka_unit_test(test_shared_verb_files),
        cmocka_unit_test(test_transformations_take_their_verbs_codes),
        cmocka_unit_test(test_malformed_transformations_are_reported_by_line),
        cmocka_unit_test(test_no_transformations_no_combination),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
