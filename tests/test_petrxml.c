/* test_petrxml.c -- PETRARCH XML records, environment and malformed input. */
#include "testutil.h"

#include "conllu.h"
#include "diag.h"
#include "entente.h"
#include "petrxml.h"
#include "ptb.h"
#include "tree.h"

static const char sample[] =
    "<Validation>\n"                                               /* 1 */
    "<!-- a comment with <Sentence> inside -->\n"                  /* 2 */
    "<Environment>\n"                                              /* 3 */
    "  <Verbfile> verbs.txt </Verbfile>\n"                         /* 4 */
    "  <Actorfile>countries.txt, leaders.txt</Actorfile>\n"        /* 5 */
    "  <Actorfile>groups.txt</Actorfile>\n"                        /* 6 */
    "  <Agentfile>agents.txt</Agentfile>\n"                        /* 7 */
    "  <Discardfile>discards.txt</Discardfile>\n"                  /* 8 */
    "  <Issuefile>issues.txt</Issuefile>\n"                        /* 9 */
    "  <Config option=\"stop_on_error\" value=\"True\"/>\n"        /* 10 */
    "</Environment>\n"                                             /* 11 */
    "<Sentences>\n"                                                /* 12 */
    "<Sentence date = \"20080804\" id =\"RH-1\" category=\"T\">\n" /* 13 */
    "<EventCoding sourcecode='\"RIVER TOLL\"' targetcode=\"ROH\" eventcode=\"190\"/>\n"
    "<EventCoding sourcecode=\"ROH\" targetcode=\"ERI\" eventcode=\"0231\"></EventCoding>\n"
    "<Text>\n"                                                    /* 16 */
    "  Rohan   riders &amp; Eriador\n"                            /* 17 */
    "\tmet.  \n"                                                  /* 18 */
    "</Text>\n"                                                   /* 19 */
    "<Parse>(ROOT (S (NP (NNP Rohan))\n"                          /* 20 */
    "  (VP (VBD met))))\n"                                        /* 21 */
    "</Parse>\n"                                                  /* 22 */
    "</Sentence>\n"                                               /* 23 */
    "<Config option=\"require_dyad\" value=\"false\"></Config>\n" /* 24 */
    "<Sentence date=\"1995-01-02\" id=\"RH-2\">\n"                /* 25 */
    "<EventCoding noevents = \"True\"/>\n"                        /* 26 */
    "<Text>Nothing happened.</Text>\n"                            /* 27 */
    "</Sentence>\n"                                               /* 28 */
    "<Sentence id=\"RH-3\"><EventCoding error=\"bad_input_parse\"/>"
    "<Text/><Parse/></Sentence>\n"                            /* 29 */
    "<Stop/>\n"                                               /* 30 */
    "<Sentence id=\"after-stop\"><Text>x</Text></Sentence>\n" /* 31 */
    "</Sentences>\n"
    "</Validation>\n";

static void test_petrxml_reads_sentences_configs_and_environment(void **state) {
    (void)state;
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open_mem(sample, sizeof sample - 1, "sample.xml", &d);
    assert_non_null(r);
    ent_record rec;

    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_int_equal(rec.kind, ENT_REC_SENTENCE);
    assert_int_equal(rec.line, 13);
    assert_string_equal(rec.id, "RH-1");
    assert_string_equal(rec.date, "20080804");
    assert_string_equal(rec.category, "T");
    assert_string_equal(rec.text, "Rohan riders & Eriador met.");
    assert_string_equal(rec.parse, "(ROOT (S (NP (NNP Rohan))\n  (VP (VBD met))))\n");
    assert_int_equal(rec.parse_line, 20);
    assert_int_equal(rec.n_expect, 2);
    assert_string_equal(rec.expect[0].source, "\"RIVER TOLL\"");
    assert_string_equal(rec.expect[0].target, "ROH");
    assert_string_equal(rec.expect[0].code, "190");
    assert_string_equal(rec.expect[1].code, "0231");
    assert_int_equal(rec.expect_noevents, 0);
    assert_null(rec.expect_error);

    const ent_environment *e = ent_petrxml_env(r);
    assert_string_equal(e->verbfile, "verbs.txt");
    assert_int_equal(e->n_actorfiles, 3);
    assert_string_equal(e->actorfiles[0], "countries.txt");
    assert_string_equal(e->actorfiles[1], "leaders.txt");
    assert_string_equal(e->actorfiles[2], "groups.txt");
    assert_string_equal(e->agentfile, "agents.txt");
    assert_string_equal(e->discardfile, "discards.txt");
    assert_string_equal(e->issuefile, "issues.txt");
    assert_int_equal(e->n_config, 1);
    assert_string_equal(e->config_option[0], "stop_on_error");
    assert_string_equal(e->config_value[0], "True");

    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_int_equal(rec.kind, ENT_REC_CONFIG);
    assert_int_equal(rec.line, 24);
    assert_string_equal(rec.option, "require_dyad");
    assert_string_equal(rec.value, "false");

    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_int_equal(rec.kind, ENT_REC_SENTENCE);
    assert_string_equal(rec.id, "RH-2");
    assert_int_equal(ent_parse_date(rec.date, strlen(rec.date)), 19950102);
    assert_int_equal(rec.expect_noevents, 1);
    assert_int_equal(rec.n_expect, 0);
    assert_null(rec.parse);
    assert_null(rec.category);

    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_string_equal(rec.id, "RH-3");
    assert_string_equal(rec.expect_error, "bad_input_parse");
    assert_string_equal(rec.text, "");
    assert_string_equal(rec.parse, "");
    assert_int_equal(rec.line, 29);

    /* <Stop> ends the stream; the sentence after it is never returned. */
    assert_int_equal(ent_petrxml_next(r, &rec), 0);
    assert_int_equal(ent_petrxml_next(r, &rec), 0);
    assert_int_equal(d.count, 0);
    ent_petrxml_close(r);
    ent_diags_free(&d);
}

static void expect_broken(const char *xml, const char *want) {
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open_mem(xml, strlen(xml), "bad.xml", &d);
    assert_non_null(r);
    ent_record rec;
    int rc;
    while ((rc = ent_petrxml_next(r, &rec)) == 1) {
    }
    assert_int_equal(rc, -1);
    assert_int_equal(ent_petrxml_next(r, &rec), -1);
    assert_true(d.count >= 1);
    char msg[1200];
    ent_diag_format(&d, 0, msg, sizeof msg);
    if (strncmp(msg, want, strlen(want)) != 0) fail_msg("want prefix '%s', got '%s'", want, msg);
    ent_petrxml_close(r);
    ent_diags_free(&d);
}

static void test_petrxml_reports_unclosed_tag_with_line(void **state) {
    (void)state;
    expect_broken("<Sentences>\n"
                  "<Sentence id=\"a\">\n"
                  "<Text>never closed\n"
                  "</Sentence>\n"
                  "</Sentences>\n",
                  "bad.xml:4: malformed XML: Opening and ending tag mismatch: Text line 3");
    expect_broken("<Sentences>\n<Sentence id=\"a\">\n<Text>x</Text>\n",
                  "bad.xml:3: malformed XML:");
}

static void test_petrxml_reports_bad_markup_with_line(void **state) {
    (void)state;
    expect_broken("<Sentences>\n\n<Sentence id=\"a\" id=\"b\"></Sentence></Sentences>",
                  "bad.xml:3: malformed XML: Attribute id redefined");
    expect_broken("<Sentences>\n<Text>a &undefined; b</Text>\n</Sentences>",
                  "bad.xml:2: malformed XML: Entity 'undefined' not defined");
    expect_broken("\x01\x02\xff junk", "bad.xml:1: malformed XML:");
    expect_broken("", "bad.xml");
}

/* Records read before an error are kept; the message says where reading
 * stopped.  A second <Text> is reported and the first kept. */
static void test_petrxml_says_where_reading_stopped_and_keeps_first_text(void **state) {
    (void)state;
    ent_buf x = {0};
    assert_int_equal(ent_buf_puts(&x, "<Sentences>\n"), 0);
    for (int i = 0; i < 200; i++)
        assert_true(ent_buf_printf(&x, "<Sentence id=\"s%d\"><Text>Text %d.</Text>"
                                       "<Text>Other.</Text></Sentence>\n", i, i) >= 0);
    assert_int_equal(ent_buf_puts(&x, "<Sentence id=\"bad\"><Text>&#1;</Text></Sentence>\n"), 0);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open_mem(x.data, x.len, "cut.xml", &d);
    assert_non_null(r);
    ent_record rec;
    int rc, n = 0;
    while ((rc = ent_petrxml_next(r, &rec)) == 1) {
        char want[32];
        snprintf(want, sizeof want, "Text %d.", n);
        assert_string_equal(rec.text, want);
        n++;
    }
    assert_int_equal(rc, -1);
    assert_true(n > 0 && n <= 200);
    assert_int_equal(d.count, n + 2);   /* n second <Text>s, the error, where it stopped */
    char msg[1200], want[128];
    ent_diag_format(&d, 0, msg, sizeof msg);
    assert_string_equal(msg, "cut.xml:2: a second <Text> in <Sentence>: the first is kept");
    ent_diag_format(&d, d.count - 1, msg, sizeof msg);
    snprintf(want, sizeof want, "cut.xml:%d: reading stopped: records after line %d were not read",
             202, n + 1);
    assert_string_equal(msg, want);
    ent_petrxml_close(r);
    ent_diags_free(&d);
    ent_buf_free(&x);
}

/* Encoding failures travel a different libxml2 path from syntax errors;
 * they too must become diagnostics and leave stderr untouched. */
static void test_petrxml_reports_encoding_errors_without_printing(void **state) {
    (void)state;
    char path[] = "/tmp/entente-stderr-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_true(dup2(fd, 2) >= 0);
    const char ucs4[] = "\x3c\x00\x00\x00\xff\xff\xff\xff\x00\x00\x00\x00";
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open_mem(ucs4, sizeof ucs4 - 1, "enc.xml", &d);
    int rc = 1;
    ent_record rec;
    if (r) {
        while ((rc = ent_petrxml_next(r, &rec)) == 1) {
        }
        ent_petrxml_close(r);
    }
    const char *bad = "<?xml version=\"1.0\" encoding=\"no-such-charset\"?><a/>";
    ent_petrxml *r2 = ent_petrxml_open_mem(bad, strlen(bad), "enc.xml", &d);
    int rc2 = 1;
    if (r2) {
        while ((rc2 = ent_petrxml_next(r2, &rec)) == 1) {
        }
        ent_petrxml_close(r2);
    }
    fflush(stderr);
    assert_true(dup2(saved, 2) >= 0);
    close(saved);
    off_t printed = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    assert_int_equal(rc, -1);
    assert_int_equal(rc2, -1);
    assert_int_equal(printed, 0);
    assert_true(d.count >= 2);
    char msg[512];
    ent_diag_format(&d, 0, msg, sizeof msg);
    assert_true(strncmp(msg, "enc.xml:1: malformed XML: ", 26) == 0);
    ent_diag_format(&d, d.count - 1, msg, sizeof msg);
    assert_string_equal(msg, "enc.xml:1: malformed XML: Unsupported encoding no-such-charset");
    ent_diags_free(&d);
}

static void test_petrxml_reports_missing_file(void **state) {
    (void)state;
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    assert_null(ent_petrxml_open("/nonexistent/records.xml", &d));
    assert_int_equal(d.count, 1);
    char msg[512];
    ent_diag_format(&d, 0, msg, sizeof msg);
    assert_string_equal(msg, "/nonexistent/records.xml: cannot open: No such file or directory");
    ent_diags_free(&d);
}

static void test_petrxml_does_not_fetch_external_entities(void **state) {
    (void)state;
    const char *xml = "<!DOCTYPE s [<!ENTITY ext SYSTEM \"http://127.0.0.1:9/x\">"
                      "<!ENTITY loc SYSTEM \"/etc/hostname\">]>\n"
                      "<Sentences><Sentence id=\"a\"><Text>a &ext; &loc; b</Text>"
                      "</Sentence></Sentences>";
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open_mem(xml, strlen(xml), "ent.xml", &d);
    assert_non_null(r);
    ent_record rec;
    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_string_equal(rec.text, "a b");
    assert_int_equal(ent_petrxml_next(r, &rec), 0);
    ent_petrxml_close(r);
    ent_diags_free(&d);
}

static void test_petrxml_reads_file_from_disk(void **state) {
    (void)state;
    char *path = tu_write_tmp(sample, ".xml");
    assert_non_null(path);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open(path, &d);
    assert_non_null(r);
    ent_record rec;
    int n = 0, rc;
    while ((rc = ent_petrxml_next(r, &rec)) == 1) n++;
    assert_int_equal(rc, 0);
    assert_int_equal(n, 4);
    ent_petrxml_close(r);
    ent_diags_free(&d);
    unlink(path);
    free(path);
}

/* Record dates go through the one date reader (util.h), as written in
 * PETRARCH files: blanks around them, century leap years. */
static void test_petrxml_parses_record_dates(void **state) {
    (void)state;
#define DATE(s) ent_parse_date(s, strlen(s))
    assert_int_equal(DATE("19950101"), 19950101);
    assert_int_equal(DATE("2024-04-26"), 20240426);
    assert_int_equal(DATE(" 20000229 "), 20000229);
    assert_int_equal(DATE("19000229"), -1);
    assert_int_equal(DATE("20241301"), -1);
    assert_int_equal(DATE("20240431"), -1);
    assert_int_equal(DATE("2024-4-26"), -1);
    assert_int_equal(DATE("2024x0426"), -1);
    assert_int_equal(DATE(""), -1);
#undef DATE
}

/* Both shared record files: 284 sentences each, every parse readable by
 * its reader (except the two the records mark as broken Treebank input). */
static void read_shared(const char *name, int conllu) {
    const char *peers = tu_peers();
    if (!peers) {
        print_message("skipped: PETRARCH reference data not found (set ENTENTE_PEERS)\n");
        skip();
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/records/%s", peers, name);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_tree t;
    ent_tree_init(&t);
    ent_petrxml *r = ent_petrxml_open(path, &d);
    assert_non_null(r);
    ent_record rec;
    int rc, sentences = 0, configs = 0, noevents = 0, expects = 0, refused = 0;
    long last_line = 0;
    while ((rc = ent_petrxml_next(r, &rec)) == 1) {
        assert_true(rec.line > last_line);
        last_line = rec.line;
        if (rec.kind == ENT_REC_CONFIG) {
            assert_non_null(rec.option);
            configs++;
            continue;
        }
        sentences++;
        assert_non_null(rec.id);
        assert_true(rec.date && ent_parse_date(rec.date, strlen(rec.date)) > 19000000);
        assert_non_null(rec.text);
        assert_non_null(rec.parse);
        assert_true(rec.parse_line > rec.line);
        noevents += rec.expect_noevents;
        expects += rec.n_expect;
        int got = conllu
                      ? ent_conllu_read(&t, rec.parse, strlen(rec.parse), &d, path, rec.parse_line)
                      : ent_ptb_read(&t, rec.parse, strlen(rec.parse), &d, path, rec.parse_line);
        if (got != 0) {
            if (!conllu && rec.expect_error && !strcmp(rec.expect_error, "bad_input_parse")) {
                refused++;
                continue;
            }
            char msg[1200];
            ent_diag_format(&d, d.count - 1, msg, sizeof msg);
            fail_msg("%s: %s", rec.id, msg);
        }
    }
    const ent_environment *e = ent_petrxml_env(r);
    assert_non_null(e->verbfile);
    assert_int_equal(e->n_actorfiles, 1);
    ent_petrxml_close(r);
    assert_int_equal(rc, 0);
    assert_int_equal(sentences, 284);
    assert_true(configs > 10);
    assert_true(noevents > 10);
    assert_true(expects > 200);
    assert_int_equal(refused, conllu ? 0 : 2);
    assert_int_equal(d.count, refused);
    ent_tree_free(&t);
    ent_diags_free(&d);
}

static void test_petrxml_reads_all_shared_treebank_records(void **state) {
    (void)state;
    read_shared("PETR.UnitTest.records.xml", 0);
}

static void test_petrxml_reads_all_shared_conllu_records(void **state) {
    (void)state;
    read_shared("PETR.UnitTest.records.conllu.xml", 1);
}

/* A <Sentence .../> written self-closed, with its content after it, gets
 * that content (and says so with its line) instead of being an empty
 * record; the next record, and a <Config>, still come as they are. */
static void test_petrxml_gives_selfclosed_sentence_the_content_after_it(void **state) {
    (void)state;
    static const char xml[] =
        "<Sentences>\n"                                                       /* 1 */
        "<Sentence id=\"a\" date=\"20150609\"/>\n"                           /* 2 */
        "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"042\"/>\n"
        "<Text>Arnor visited Gondor.</Text>\n"                                /* 4 */
        "<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD visited) (NP (NNP Gondor)))))</Parse>\n"
        "<Sentence id=\"b\"/>\n"                                              /* 6 */
        "<Config option=\"require_dyad\" value=\"false\"/>\n"                 /* 7 */
        "<Sentence id=\"c\"><Text>Rohan met.</Text></Sentence>\n"             /* 8 */
        "<Sentence id=\"d\"/><Text>Last one.</Text>\n"                        /* 9 */
        "</Sentences>\n";
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open_mem(xml, sizeof xml - 1, "self.xml", &d);
    assert_non_null(r);
    ent_record rec;
    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_string_equal(rec.id, "a");
    assert_int_equal(rec.line, 2);
    assert_string_equal(rec.text, "Arnor visited Gondor.");
    assert_non_null(rec.parse);
    assert_int_equal(rec.parse_line, 5);
    assert_int_equal(rec.n_expect, 1);
    assert_string_equal(rec.expect[0].code, "042");
    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_string_equal(rec.id, "b");   /* nothing after it: an empty record, as written */
    assert_null(rec.text);
    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_int_equal(rec.kind, ENT_REC_CONFIG);
    assert_string_equal(rec.option, "require_dyad");
    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_string_equal(rec.id, "c");
    assert_string_equal(rec.text, "Rohan met.");
    assert_int_equal(ent_petrxml_next(r, &rec), 1);
    assert_string_equal(rec.id, "d");
    assert_string_equal(rec.text, "Last one.");
    assert_int_equal(ent_petrxml_next(r, &rec), 0);
    assert_int_equal(d.count, 2);
    char msg[512];
    ent_diag_format(&d, 0, msg, sizeof msg);
    assert_string_equal(msg, "self.xml:2: <Sentence id=\"a\"> is self-closed (<Sentence .../>): the "
                             "<EventCoding>, <Text> and <Parse> after it are read as its content");
    ent_diag_format(&d, 1, msg, sizeof msg);
    assert_non_null(strstr(msg, "self.xml:9: <Sentence id=\"d\"> is self-closed"));
    ent_petrxml_close(r);
    ent_diags_free(&d);
}

/* The same slip closed again by </Sentence> is malformed: the error names
 * the line, and a second message says what happened. */
static void test_petrxml_explains_selfclosed_sentence_closed_again(void **state) {
    (void)state;
    static const char xml[] = "<Sentences>\n"
                              "<Sentence id=\"a\"/>\n"
                              "<Text>Arnor visited Gondor.</Text>\n"
                              "</Sentence>\n"
                              "</Sentences>\n";
    expect_broken(xml, "bad.xml:4: malformed XML: Opening and ending tag mismatch: Sentences");
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_petrxml *r = ent_petrxml_open_mem(xml, sizeof xml - 1, "bad.xml", &d);
    assert_non_null(r);
    ent_record rec;
    int rc;
    while ((rc = ent_petrxml_next(r, &rec)) == 1) {
    }
    assert_int_equal(rc, -1);
    int hinted = 0;
    for (int i = 0; i < d.count; i++) {
        char msg[512];
        ent_diag_format(&d, i, msg, sizeof msg);
        if (strstr(msg, "bad.xml:4: this </Sentence> closes no open <Sentence>: is the "
                        "<Sentence> before it written self-closed")) hinted = 1;
    }
    assert_true(hinted);
    ent_petrxml_close(r);
    ent_diags_free(&d);
}

static void test_petrxml_reports_stray_ampersand_with_line(void **state) {
    (void)state;
    expect_broken("<Sentences>\n<Sentence id=\"a\">\n<Text>Tom & Jerry</Text>\n</Sentence>\n"
                  "</Sentences>\n",
                  "bad.xml:3: malformed XML: xmlParseEntityRef: no name");
}

/* entente validate on a file it cannot read, or that holds no record,
 * must fail (exit 1) and never print a closing "N passed, N failed". */
static void test_validate_never_passes_unreadable_or_empty_records(void **state) {
    (void)state;
    static const char *const cases[] = {
        "<Sentences>\n<Sentence id=\"a\"/>\n<Text>x</Text>\n</Sentence>\n</Sentences>\n",
        "<Sentences>\n<Sentence id=\"a\"><Text>Tom & Jerry</Text></Sentence>\n</Sentences>\n",
        "<Sentences>\n<Sentence id=\"a\"><Text>never closed</Sentence>\n</Sentences>\n",
        "<Sentences>\n</Sentences>\n",
        "",
        "<Sentences>\n<!-- only a comment -->\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = tu_write_tmp(cases[i], ".xml");
        assert_non_null(path);
        FILE *out = tmpfile(), *err = tmpfile();
        assert_non_null(out);
        assert_non_null(err);
        entente_validate_opts o = {0};
        int rc = entente_validate(path, &o, out, err);
        char *o_text = tu_capture(out), *e_text = tu_capture(err);
        if (rc != 1 || strstr(o_text, " passed, ") || !strstr(e_text, path))
            fail_msg("case %zu: rc %d\nout: %s\nerr: %s", i, rc, o_text, e_text);
        free(o_text);
        free(e_text);
        fclose(out);
        fclose(err);
        unlink(path);
        free(path);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_petrxml_reads_sentences_configs_and_environment),
        cmocka_unit_test(test_petrxml_reports_unclosed_tag_with_line),
        cmocka_unit_test(test_petrxml_reports_bad_markup_with_line),
        cmocka_unit_test(test_petrxml_reports_encoding_errors_without_printing),
        cmocka_unit_test(test_petrxml_says_where_reading_stopped_and_keeps_first_text),
        cmocka_unit_test(test_petrxml_reports_missing_file),
        cmocka_unit_test(test_petrxml_does_not_fetch_external_entities),
        cmocka_unit_test(test_petrxml_reads_file_from_disk),
        cmocka_unit_test(test_petrxml_parses_record_dates),
        cmocka_unit_test(test_petrxml_reads_all_shared_treebank_records),
        cmocka_unit_test(test_petrxml_reads_all_shared_conllu_records),
        cmocka_unit_test(test_petrxml_gives_selfclosed_sentence_the_content_after_it),
        cmocka_unit_test(test_petrxml_explains_selfclosed_sentence_closed_again),
        cmocka_unit_test(test_petrxml_reports_stray_ampersand_with_line),
        cmocka_unit_test(test_validate_never_passes_unreadable_or_empty_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
