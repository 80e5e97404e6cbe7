/* test_dict.c -- the dictionary core: interning, phrases, freeze order,
 * options, dict dates and the date-restricted actor code lookup. */
#include "dict_tu.h"

#include <sys/stat.h>

static void intern_gives_stable_ids_and_text(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    ent_wid a = ent_dict_intern(&d, "ZEMBLA", 6);
    ent_wid b = ent_dict_intern(&d, "ORLOVIA", 7);
    assert_true(a >= 1);
    assert_true(b >= 1);
    assert_int_not_equal(a, b);
    assert_int_equal(ent_dict_intern(&d, "ZEMBLA", 6), a);
    assert_int_equal(d.n_words, 3);
    assert_string_equal(ent_dict_word_text(&d, a), "ZEMBLA");
    assert_string_equal(ent_dict_word_text(&d, 0), "");
    assert_string_equal(ent_dict_word_text(&d, 999), "");
    assert_int_equal(ent_dict_word(&d, "ORLOVIA", 7), b);
    assert_int_equal(ent_dict_word(&d, "ORLOV", 5), 0); /* no prefix match */
    assert_int_equal(ent_dict_word(&d, "", 0), 0);
    ent_dict_free(&d);
}

static void phrase_splits_upcases_and_strips_exact_marker(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    ent_wid w[8];
    const char *t = "north_zembla  Republic_";
    int n = ent_dict_phrase(&d, t, strlen(t), w, 8);
    assert_int_equal(n, 3);
    assert_string_equal(ent_dict_word_text(&d, w[0]), "NORTH");
    assert_string_equal(ent_dict_word_text(&d, w[1]), "ZEMBLA");
    assert_string_equal(ent_dict_word_text(&d, w[2]), "REPUBLIC");
    /* too many words for the buffer is an error, not an overflow */
    assert_int_equal(ent_dict_phrase(&d, "A B C", 5, w, 2), -1);
    assert_int_equal(ent_dict_phrase(&d, "  __ ", 5, w, 8), 0);
    ent_dict_free(&d);
}

static void long_word_is_interned_whole(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    size_t n = 100000;
    char *s = malloc(n + 1);
    assert_non_null(s);
    memset(s, 'q', n);
    s[n] = '\0';
    ent_wid w;
    assert_int_equal(ent_dict_phrase(&d, s, n, &w, 1), 1);
    assert_int_equal(strlen(ent_dict_word_text(&d, w)), n);
    assert_int_equal(ent_dict_word_text(&d, w)[n - 1], 'Q');
    free(s);
    ent_dict_free(&d);
}

static void freeze_orders_by_first_word_then_length_then_file(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    const char *ph[] = {"ZEMBLA", "ZEMBLA NORTH", "ORLOVIA", "ZEMBLA NORTH COAST",
                        "ZEMBLA SOUTH", "ZEMBLA EAST"};
    for (int i = 0; i < 6; i++) {
        ent_wid w[4];
        int n = ent_dict_phrase(&d, ph[i], strlen(ph[i]), w, 4);
        assert_true(n > 0);
        assert_int_equal(ent_phrase_add(&d, &d.actor_ix, w, n, i, 0), 0);
    }
    assert_int_equal(ent_dict_freeze(&d), 0);
    assert_true(d.frozen);
    ent_wid z = ent_dict_word(&d, "ZEMBLA", 6);
    const ent_phrase_index *ix = &d.actor_ix;
    assert_int_equal(ix->n_phrases, 6);
    int32_t s = ix->start[z], e = ix->start[z + 1];
    assert_int_equal(e - s, 5);
    /* longest first; equal lengths keep insertion order */
    int expect[] = {3, 1, 4, 5, 0};
    for (int i = 0; i < 5; i++) assert_int_equal(ix->phrases[s + i].value, expect[i]);
    ent_wid o = ent_dict_word(&d, "ORLOVIA", 7);
    assert_int_equal(ix->start[o + 1] - ix->start[o], 1);
    assert_int_equal(ix->phrases[ix->start[o]].value, 2);
    /* an index nothing was added to still has a full start[] */
    assert_int_equal(d.discard_ix.start[z + 1] - d.discard_ix.start[z], 0);
    /* frozen: nothing may be added any more */
    assert_int_equal(ent_dict_intern(&d, "NEW", 3), -1);
    ent_wid w1 = z;
    assert_int_equal(ent_phrase_add(&d, &d.actor_ix, &w1, 1, 0, 0), -1);
    ent_dict_free(&d);
}

static void phrase_add_rejects_unknown_word_ids(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    ent_wid bad[] = {0};
    assert_int_equal(ent_phrase_add(&d, &d.actor_ix, bad, 1, 0, 0), -1);
    ent_wid big[] = {77};
    assert_int_equal(ent_phrase_add(&d, &d.actor_ix, big, 1, 0, 0), -1);
    ent_dict_free(&d);
}

static void freeze_groups_patterns_by_block_stably(void **state) {
    ent_dict d;
    assert_int_equal(ent_dict_init(&d), 0);
    for (int b = 0; b < 3; b++) assert_non_null(ent_vec_push(&d.blocks));
    int blocks[] = {2, 0, 2, 1, 0, 2};
    for (int i = 0; i < 6; i++) {
        ent_pattern *p = ent_vec_push(&d.patterns);
        assert_non_null(p);
        p->block = blocks[i];
        p->line = i + 1;
    }
    ent_wid said = ent_dict_intern(&d, "SAID", 4);
    ent_wid broke = ent_dict_intern(&d, "BROKE", 5);
    ent_wid down = ent_dict_intern(&d, "DOWN", 4);
    ent_wid *fw = ent_arena_alloc(&d.arena, 3 * sizeof *fw);
    fw[0] = broke;
    fw[1] = down;
    fw[2] = said;
    ent_verb_form *f;
    f = ent_vec_push(&d.forms); f->words = fw; f->n_words = 2; f->head = 0; /* BROKE DOWN */
    f = ent_vec_push(&d.forms); f->words = fw + 2; f->n_words = 1; f->head = 0; /* SAID */
    f = ent_vec_push(&d.forms); f->words = fw; f->n_words = 1; f->head = 0; /* BROKE */
    assert_int_equal(ent_dict_freeze(&d), 0);
    int lines0[] = {2, 5}, lines1[] = {4}, lines2[] = {1, 3, 6};
    const int *lines[] = {lines0, lines1, lines2};
    int counts[] = {2, 1, 3};
    for (int b = 0; b < 3; b++) {
        const ent_verb_block *vb = ENT_BLOCK(&d, b);
        assert_int_equal(vb->n_patterns, counts[b]);
        for (int i = 0; i < counts[b]; i++)
            assert_int_equal(ENT_PATTERN(&d, vb->first_pattern + i)->line, lines[b][i]);
    }
    assert_int_equal(d.form_start[broke + 1] - d.form_start[broke], 2);
    assert_int_equal(d.form_order[d.form_start[broke]], 0);
    assert_int_equal(d.form_order[d.form_start[broke] + 1], 2);
    assert_int_equal(d.form_start[said + 1] - d.form_start[said], 1);
    assert_int_equal(d.form_order[d.form_start[said]], 1);
    assert_int_equal(d.form_start[down + 1] - d.form_start[down], 0);
    ent_dict_free(&d);
}

static void options_defaults_and_set(void **state) {
    ent_options o;
    ent_options_default(&o);
    assert_int_equal(o.require_dyad, 1);
    assert_int_equal(o.new_actor_length, 0);
    assert_int_equal(o.comma_min, 2);
    assert_int_equal(o.comma_max, 8);
    assert_int_equal(o.comma_bmin, 0);
    assert_int_equal(o.comma_bmax, 0);
    assert_int_equal(o.comma_emin, 2);
    assert_int_equal(o.comma_emax, 8);
    assert_int_equal(o.null_actors, 0);
    assert_int_equal(o.code_issues, 1);
    assert_int_equal(ent_options_set(&o, "require_dyad", "False"), 0);
    assert_int_equal(o.require_dyad, 0);
    assert_int_equal(ent_options_set(&o, "NULL_ACTORS", "TRUE"), 0);
    assert_int_equal(o.null_actors, 1);
    assert_int_equal(ent_options_set(&o, "comma_emax", "12"), 0);
    assert_int_equal(o.comma_emax, 12);
    assert_int_equal(ent_options_set(&o, "comma_emax", "twelve"), -1);
    assert_int_equal(o.comma_emax, 12);
    assert_int_equal(ent_options_set(&o, "comma_emax", ""), -1);
    assert_int_equal(ent_options_set(&o, "no_such_option", "1"), -1);
}

static void dict_dates_two_and_four_digit_years(void **state) {
    assert_int_equal(ent_parse_dict_date("730717", 6), 19730717);
    assert_int_equal(ent_parse_dict_date("070723", 6), 20070723);
    assert_int_equal(ent_parse_dict_date("300101", 6), 20300101);
    assert_int_equal(ent_parse_dict_date("310101", 6), 19310101);
    assert_int_equal(ent_parse_dict_date("20080120", 8), 20080120);
    assert_int_equal(ent_parse_dict_date("2008012", 7), -1);
    assert_int_equal(ent_parse_dict_date("20081320", 8), -1);
    assert_int_equal(ent_parse_dict_date("20080100", 8), -1);
    assert_int_equal(ent_parse_dict_date("AAA950", 6), -1);
}

static void actor_code_on_prefers_dated_then_kth_default(void **state) {
    ent_actor_code codes[] = {
        {"ZEMGOV", 19950601, 19990815, 1},
        {"ZEMELI", 0, 0, 0},
        {"ZEMOPP", ENT_DATE_MIN, 19941231, 1},
        {"ORLELI", 0, 0, 0},
    };
    ent_actor a = {"TESTER", codes, 4, "x", 1};
    assert_string_equal(ent_actor_code_on(&a, 19950601, 0), "ZEMGOV");
    assert_string_equal(ent_actor_code_on(&a, 19990815, 0), "ZEMGOV");
    assert_string_equal(ent_actor_code_on(&a, 19990816, 0), "ZEMELI");
    assert_string_equal(ent_actor_code_on(&a, 19990816, 1), "ORLELI");
    assert_null(ent_actor_code_on(&a, 19990816, 2));
    assert_string_equal(ent_actor_code_on(&a, 19941231, 0), "ZEMOPP");
    assert_string_equal(ent_actor_code_on(&a, 19950101, 0), "ZEMELI");
    ent_actor only_dated = {"T2", codes, 1, "x", 1};
    assert_null(ent_actor_code_on(&only_dated, 20000101, 0));
}

/* ---- Sets: PETR_config.ini, named files, the PETRARCH sets ------------------ */

static const char *base(const char *path) {
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

typedef struct set_files {
    char *a1, *a2, *ag, *di, *is, *ini;
} set_files;

static void write_set(set_files *f, const char *options) {
    f->a1 = tu_write_tmp("ZEMBLA [ZEM]\n+ZEMBLAN\n", ".txt");
    f->a2 = tu_write_tmp("ORLOVIA [ORL]\n", ".txt");
    f->ag = tu_write_tmp("MINISTER [~GOV]\n", ".txt");
    f->di = tu_write_tmp("+GOLF OPEN\n", ".txt");
    f->is = tu_write_tmp("<ISSUE CATEGORY=\"ENERGY\" TYPE=\"ALL\">\noil [OIL]\n</ISSUE>\n", ".txt");
    assert_true(f->a1 && f->a2 && f->ag && f->di && f->is);
    char ini[4096];
    snprintf(ini, sizeof ini,
             "# an imaginary continent\n"
             "[Dictionaries]\n"
             "actorfile_list = %s,\n"
             "    %s\n"
             "agentfile_name: %s\n"
             "discardfile_name = %s\n"
             "issuefile_name = %s\n"
             "\n[StanfordNLP]\nstanford_dir = ~/nowhere\n"
             "[Options]\n%s",
             base(f->a1), f->a2, base(f->ag), base(f->di), base(f->is), options);
    f->ini = tu_write_tmp(ini, ".ini");
    assert_non_null(f->ini);
}

static void free_set(set_files *f) {
    char **all[] = {&f->a1, &f->a2, &f->ag, &f->di, &f->is, &f->ini};
    for (int i = 0; i < 6; i++) {
        if (*all[i]) unlink(*all[i]);
        free(*all[i]);
    }
}

static void config_loads_every_file_and_sets_options(void **state) {
    set_files f;
    write_set(&f,
              "require_dyad = False\n"          /* 12 */
              "comma_max = 5\n"                 /* 13 */
              "null_actors = TRUE\n"       /* 14 */
              "bogus_option = 1\n"              /* 15 */
              "comma_min = lots\n");            /* 16 */
    ent_diags dg;
    ent_diags_init(&dg, NULL, 0);
    ent_dict *d = ent_dict_load(f.ini, &dg);
    assert_non_null(d);
    assert_true(d->frozen);
    assert_string_equal(d->name, f.ini);
    assert_int_equal(dg.count, 2);
    char got[1024], want[1024];
    ent_diag_format(&dg, 0, got, sizeof got);
    snprintf(want, sizeof want, "%s:15: unknown option: bogus_option", f.ini);
    assert_string_equal(got, want);
    ent_diag_format(&dg, 1, got, sizeof got);
    snprintf(want, sizeof want, "%s:16: bad value for option comma_min: lots", f.ini);
    assert_string_equal(got, want);
    assert_int_equal(d->options.require_dyad, 0);
    assert_int_equal(d->options.comma_max, 5);
    assert_int_equal(d->options.null_actors, 1);
    assert_int_equal(d->options.comma_min, 2);
    assert_int_equal(d->options.comma_emax, 8);
    assert_int_equal(d->actors.len, 2);
    assert_true(dtu_value(d, &d->actor_ix, "ZEMBLAN") >= 0);
    assert_true(dtu_value(d, &d->actor_ix, "ORLOVIA") >= 0);
    assert_true(dtu_value(d, &d->agent_ix, "MINISTERS") >= 0);
    int i = dtu_find(d, &d->discard_ix, "GOLF OPEN");
    assert_true(i >= 0);
    assert_int_equal(d->discard_ix.phrases[i].flags, ENT_DISCARD_STORY);
    assert_int_equal(d->issues.len, 1);
    assert_true(dtu_value(d, &d->issue_ix, "OIL") == 0);
    ent_dict_free(d);
    ent_diags_free(&dg);
    free_set(&f);
}

static void config_strict_stops_on_unknown_option(void **state) {
    set_files f;
    write_set(&f, "no_such = 1\n");
    ent_diags dg;
    ent_diags_init(&dg, NULL, 1);
    assert_null(ent_dict_load(f.ini, &dg));
    assert_int_equal(dg.count, 1);
    ent_diags_free(&dg);
    free_set(&f);
}

static void config_in_a_directory_and_missing_files(void **state) {
    char dir[] = "/tmp/entente-test-dir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/PETR_config.ini", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("[Dictionaries]\nactorfile_list = kestria.actors.txt\n", fp);
    fclose(fp);
    char apath[512];
    snprintf(apath, sizeof apath, "%s/kestria.actors.txt", dir);
    ent_diags dg;
    ent_diags_init(&dg, NULL, 0);
    /* the named actors file does not exist yet */
    assert_null(ent_dict_load(dir, &dg));
    assert_int_equal(dg.count, 1);
    char got[1024], want[1024];
    ent_diag_format(&dg, 0, got, sizeof got);
    snprintf(want, sizeof want, "%s: cannot read: No such file or directory", apath);
    assert_string_equal(got, want);
    fp = fopen(apath, "w");
    assert_non_null(fp);
    fputs("KESTRIA [KES]\n", fp);
    fclose(fp);
    ent_dict *d = ent_dict_load(dir, &dg);
    assert_non_null(d);
    assert_string_equal(d->name, dir);
    assert_int_equal(d->actors.len, 1);
    assert_int_equal(dg.count, 1);
    ent_dict_free(d);
    unlink(apath);
    unlink(path);
    rmdir(dir);
    assert_null(ent_dict_load(dir, &dg));
    assert_int_equal(dg.count, 2);
    ent_diags_free(&dg);
}

/* Load a set of one actors file holding `len` bytes of `text`; NULL when
 * the load fails.  The messages go to dg. */
static ent_dict *load_one_actors_file(const char *text, size_t len, ent_diags *dg) {
    char dir[] = "/tmp/entente-test-raw-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char ini[512], apath[512];
    snprintf(ini, sizeof ini, "%s/PETR_config.ini", dir);
    snprintf(apath, sizeof apath, "%s/a.actors.txt", dir);
    FILE *fp = fopen(ini, "w");
    assert_non_null(fp);
    fputs("[Dictionaries]\nactorfile_list = a.actors.txt\n", fp);
    fclose(fp);
    fp = fopen(apath, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    fclose(fp);
    ent_dict *d = ent_dict_load(dir, dg);
    unlink(apath);
    unlink(ini);
    rmdir(dir);
    return d;
}

static void raw_bytes_of_dictionary_files(void **state) {
    ent_diags dg;
    ent_diags_init(&dg, NULL, 0);
    /* lone CR line ends: two actors, not one commented-out line */
    static const char cr[] = "# countries\rALPHA [ALP]\rBETA [BET]\r";
    ent_dict *d = load_one_actors_file(cr, sizeof cr - 1, &dg);
    assert_non_null(d);
    assert_int_equal(d->actors.len, 2);
    assert_int_equal(dg.count, 0);
    ent_dict_free(d);
    /* a NUL byte: refused, with its line */
    static const char nul[] = "ALPHA [ALP]\nBE\0TA [BET]\n";
    assert_null(load_one_actors_file(nul, sizeof nul - 1, &dg));
    assert_int_equal(dg.count, 1);
    char got[1024];
    ent_diag_format(&dg, 0, got, sizeof got);
    assert_non_null(strstr(got, ":2: NUL byte"));
    /* a bad code line ends its actor: BETA keeps its own code alone */
    static const char bad[] = "ALPHA [ALP >991301]\nBETA [BET]\n<!-- c --> GAMMA [GAM]\n";
    d = load_one_actors_file(bad, sizeof bad - 1, &dg);
    assert_non_null(d);
    assert_int_equal(dg.count, 2);
    assert_int_equal(d->actors.len, 2);
    const ent_actor *a = &ENT_VEC_AT(&d->actors, ent_actor, 0);
    assert_string_equal(a->name, "BETA");
    assert_int_equal(a->n_codes, 1);
    assert_string_equal(a->codes[0].code, "BET");
    assert_string_equal(ENT_VEC_AT(&d->actors, ent_actor, 1).name, "GAMMA");
    ent_dict_free(d);
    ent_diags_free(&dg);
}

static void config_naming_no_file_is_an_error(void **state) {
    set_files f;
    write_set(&f, "");
    FILE *fp = fopen(f.ini, "w");
    assert_non_null(fp);
    fputs("[Dictionary]\nverbfile_name = x.verbs.txt\n", fp);   /* misspelt section */
    fclose(fp);
    ent_diags dg;
    ent_diags_init(&dg, NULL, 0);
    assert_null(ent_dict_load(f.ini, &dg));
    assert_int_equal(dg.count, 1);
    char got[1024];
    ent_diag_format(&dg, 0, got, sizeof got);
    assert_non_null(strstr(got, "names no dictionary file"));
    ent_diags_free(&dg);
    free_set(&f);
}

static void identity_follows_the_bytes_loaded(void **state) {
    char *a = tu_write_tmp("ZEMBLA [ZEM]\n", ".txt");
    char *b = tu_write_tmp("ZEMBLA [ZEN]\n", ".txt");
    assert_true(a && b);
    ent_dict_files files = {0};
    files.actors[0] = a;
    files.n_actors = 1;
    ent_diags dg;
    ent_diags_init(&dg, NULL, 0);
    ent_dict *d1 = ent_dict_load_files(NULL, &files, &dg);
    ent_dict *d2 = ent_dict_load_files(NULL, &files, &dg);
    files.actors[0] = b;
    ent_dict *d3 = ent_dict_load_files(NULL, &files, &dg);
    assert_true(d1 && d2 && d3);
    assert_int_equal(dg.count, 0);
    assert_true(d1->identity == d2->identity);
    assert_true(d1->identity != d3->identity);
    ent_dict_free(d1);
    ent_dict_free(d2);
    ent_dict_free(d3);
    ent_diags_free(&dg);
    unlink(a);
    unlink(b);
    free(a);
    free(b);
}

static void petrarch_sets_load_and_resolve_known_entries(void **state) {
    const char *peers = tu_peers();
    if (!peers) {
        printf("skipped: PETRARCH reference data not found (set ENTENTE_PEERS)\n");
        skip();
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/dictionaries", peers);
    ent_diags dg;
    ent_diags_init(&dg, NULL, 0);
    double t0 = ent_now();
    ent_dict *d = ent_dict_load(dir, &dg);
    double secs = ent_now() - t0;
    assert_non_null(d);
    printf("Phoenix set: %.1f ms, %zu actors, %zu agents, %zu issues, %d messages\n",
           secs * 1000, d->actors.len, d->agents.len, d->issues.len, dg.count);
    assert_true(d->actors.len > 20000);
    assert_true(d->actor_ix.n_phrases > 30000);
    assert_true(d->agents.len > 2000);
    assert_true(d->agent_ix.n_phrases > 4000);
    assert_true(d->discard_ix.n_phrases > 400);
    assert_true(d->issues.len > 100);
    assert_true(d->issue_ix.n_phrases > 4000);
    assert_true(d->patterns.len > 1000);
    /* data errors in the set are reported, but they are few */
    assert_true(dg.count > 0 && dg.count < 100);
    int v = dtu_value(d, &d->actor_ix, "UNITED STATES");
    assert_true(v >= 0);
    assert_string_equal(ent_actor_code_on(ENT_ACTOR(d, v), 20150101, 0), "USA");
    v = dtu_value(d, &d->agent_ix, "FOREIGN MINISTERS");
    assert_true(v >= 0);
    assert_string_equal(ENT_AGENT(d, v)->code, "GOV");
    v = dtu_value(d, &d->agent_ix, "CONGRESSWOMEN");
    assert_true(v >= 0);
    assert_string_equal(ENT_AGENT(d, v)->code, "LEG");
    v = dtu_value(d, &d->issue_ix, "PRESCHOOLS");
    assert_true(v >= 0);
    assert_string_equal(ENT_VEC_AT(&d->issues, ent_issue, v).category, "EDUCATION");
    uint64_t phoenix_id = d->identity;
    ent_dict_free(d);

    ent_dict_files files = {0};
    files.actors[0] = "PETR.Validate.actors.txt";
    files.n_actors = 1;
    files.agents = "PETR.Validate.agents.txt";
    files.discards = "PETR.Validate.discards.txt";
    d = ent_dict_load_files(dir, &files, &dg);
    assert_non_null(d);
    assert_true(d->identity != phoenix_id);
    v = dtu_value(d, &d->actor_ix, "GOLLUM");
    assert_true(v >= 0);
    assert_int_equal(dtu_value(d, &d->actor_ix, "SMEAGOL"), v);
    const ent_actor *g = ENT_ACTOR(d, v);
    assert_string_equal(ent_actor_code_on(g, 19980101, 0), "HOBGOV");
    assert_string_equal(ent_actor_code_on(g, 19900101, 0), "HOB");
    assert_string_equal(ent_actor_code_on(g, 20050101, 0), "HOBREB");
    v = dtu_value(d, &d->actor_ix, "LORIEN");
    assert_int_equal(ENT_ACTOR(d, v)->n_codes, 2);
    assert_string_equal(ent_actor_code_on(ENT_ACTOR(d, v), 20000101, 1), "GAL");
    v = dtu_value(d, &d->actor_ix, "PALESTINIAN");
    assert_string_equal(ent_actor_code_on(ENT_ACTOR(d, v), 20000101, 0), "PSE");
    v = dtu_value(d, &d->actor_ix, "SAM GAMGEE");
    assert_string_equal(ent_actor_code_on(ENT_ACTOR(d, v), 20100110, 0), "ORCHOB");
    assert_string_equal(ent_actor_code_on(ENT_ACTOR(d, v), 20121231, 0), "HOBGOV");
    assert_true(dtu_value(d, &d->agent_ix, "MINISTRIES OF SILLY WALKS") >= 0);
    assert_true(dtu_value(d, &d->agent_ix, "GOLDEN GEESE") >= 0);
    int i = dtu_find(d, &d->discard_ix, "WORLD GOLF CHAMPIONSHIPS");
    assert_true(i >= 0);
    assert_int_equal(d->discard_ix.phrases[i].flags, ENT_DISCARD_STORY);
    ent_dict_free(d);
    ent_diags_free(&dg);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intern_gives_stable_ids_and_text),
        cmocka_unit_test(phrase_splits_upcases_and_strips_exact_marker),
        cmocka_unit_test(long_word_is_interned_whole),
        cmocka_unit_test(freeze_orders_by_first_word_then_length_then_file),
        cmocka_unit_test(phrase_add_rejects_unknown_word_ids),
        cmocka_unit_test(freeze_groups_patterns_by_block_stably),
        cmocka_unit_test(options_defaults_and_set),
        cmocka_unit_test(dict_dates_two_and_four_digit_years),
        cmocka_unit_test(actor_code_on_prefers_dated_then_kth_default),
        cmocka_unit_test(config_loads_every_file_and_sets_options),
        cmocka_unit_test(config_strict_stops_on_unknown_option),
        cmocka_unit_test(config_in_a_directory_and_missing_files),
        cmocka_unit_test(identity_follows_the_bytes_loaded),
        cmocka_unit_test(raw_bytes_of_dictionary_files),
        cmocka_unit_test(config_naming_no_file_is_an_error),
        cmocka_unit_test(petrarch_sets_load_and_resolve_known_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
