/* test_api.c -- libentente's public interface (entente.h) as a client uses
 * it: open a set, code parses, run the jobs on small files. */
#include "testutil.h"

#include "entente.h"

/* The bundled sample set (a static buffer: copy to keep it). */
static const char *sample_dicts(void) { return tu_example("dict"); }

static void test_code_one_parse_through_the_public_interface(void **s) {
    (void)s;
    const char *dir = sample_dicts();
    if (!dir) skip();
    entente_dict *d = entente_dict_open(dir, stderr);
    assert_non_null(d);
    entente_sentence_coder *c = entente_coder_new(d);
    assert_non_null(c);
    FILE *out = tmpfile();
    assert_non_null(out);
    int n = entente_code_ptb(c, "doc-1", 0, 20240101,
                             "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Ukraine))) (. .)))",
                             out, stderr);
    assert_true(n >= 1);
    char *text = tu_capture(out);
    assert_non_null(strstr(text, "\"doc\": \"doc-1\""));
    assert_non_null(strstr(text, "\"source\": \"RUS\""));
    assert_non_null(strstr(text, "\"target\": \"UKR\""));
    assert_non_null(strstr(text, "\"date\": \"2024-01-01\""));
    free(text);
    fclose(out);
    /* a malformed parse is refused with a message, not a crash */
    FILE *err = tmpfile();
    assert_int_equal(entente_code_ptb(c, "doc-2", 0, 0, "(ROOT (S (NP Russia", stdout, err), -1);
    char *msg = tu_capture(err);
    assert_non_null(strstr(msg, "doc-2:1:"));
    free(msg);
    fclose(err);
    /* events that cannot be written are an error, said, not a count */
    FILE *full = fopen("/dev/full", "w"), *err2 = tmpfile();
    if (full && err2) {
        setvbuf(full, NULL, _IONBF, 0);
        assert_int_equal(entente_code_ptb(c, "doc-3", 0, 20240101,
                                          "(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Ukraine))) (. .)))",
                                          full, err2), -1);
        char *said = tu_capture(err2);
        assert_non_null(strstr(said, "doc-3: cannot write the events: No space left on device"));
        free(said);
    }
    if (full) fclose(full);
    if (err2) fclose(err2);
    entente_coder_free(c);
    entente_dict_close(d);
}

/* More sentences than one batch of `code` holds (2,048), so batches are
 * coded side by side and chunks of one batch on both threads: the events
 * still come out in input order, as on one thread. */
#define ORDER_N 5000
static void test_code_files_keeps_input_order_on_threads(void **s) {
    (void)s;
    const char *dir = sample_dicts();
    if (!dir) skip();
    /* sentences alternating two dyads; threads must not reorder */
    FILE *x = NULL;
    char *path = tu_write_tmp("", ".xml");
    assert_non_null(path);
    x = fopen(path, "w");
    assert_non_null(x);
    fputs("<Sentences>\n", x);
    for (int i = 0; i < ORDER_N; i++)
        fprintf(x, "<Sentence date=\"20240101\" id=\"s%05d\"><Text>t</Text><Parse>(ROOT (S (NP (NNP %s))"
                   " (VP (VBD attacked) (NP (NNP %s))) (. .)))</Parse></Sentence>\n",
                i, i % 2 ? "Russia" : "Iran", i % 2 ? "Ukraine" : "Israel");
    fputs("</Sentences>\n", x);
    fclose(x);
    char *outs[3];
    for (int j = 0; j < 3; j++) {
        entente_code_opts o = {.dicts = dir, .from = ENTENTE_IN_PETRARCH_XML, .to = ENTENTE_OUT_TSV,
                               .threads = j + 1};
        FILE *out = tmpfile();
        char *files[] = {path};
        assert_int_equal(entente_code_files(&o, files, 1, out, stderr), 0);
        outs[j] = tu_capture(out);
        fclose(out);
    }
    assert_string_equal(outs[0], outs[1]);
    assert_string_equal(outs[0], outs[2]);
    /* every sentence's event, each after the one before it in the input */
    int next = 0;
    for (const char *l = strchr(outs[1], '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
        int id = -1;
        if (sscanf(l + 1, "s%d\t", &id) != 1 || (id != next && id != next - 1))
            fail_msg("-j 2: after s%05d comes line: %.40s", next - 1, l + 1);
        if (id == next) next++;
    }
    assert_int_equal(next, ORDER_N);
    for (int j = 0; j < 3; j++) free(outs[j]);
    unlink(path);
    free(path);
}

/* Code one file; its exit status must be `rc`; returns what it said on
 * standard error (malloc'd). */
static char *code_messages(const char *dicts, const char *path, int from, int rc) {
    entente_code_opts o = {.dicts = dicts, .threads = 1, .from = from};
    FILE *out = tmpfile(), *err = tmpfile();
    char *files[] = {(char *)path};
    assert_int_equal(entente_code_files(&o, files, 1, out, err), rc);
    char *msg = tu_capture(err);
    fclose(out);
    fclose(err);
    return msg;
}

static void test_bad_xml_is_an_error_naming_the_line(void **s) {
    (void)s;
    const char *dir = sample_dicts();
    if (!dir) skip();
    char *path = tu_write_tmp("<Sentences>\n<Sentence id=\"a\"><Text>x</Text>\n<Parse>(ROOT (S))</Parse>\n"
                              "</Sentenc>\n</Sentences>\n", ".xml");
    assert_non_null(path);
    char *msg = code_messages(dir, path, ENTENTE_IN_AUTO, 1);
    char want[300];
    snprintf(want, sizeof want, "%s:4:", path ? path : "");
    assert_non_null(strstr(msg, want));
    free(msg);
    unlink(path);
    free(path);
}

/* Input the readers take but cannot use whole is said, with file and
 * line: a sentence past the token limit (its first 400 tokens coded), an
 * XML record and a CoNLL-U block whose dates are no dates. */
static void test_what_is_left_out_is_said(void **s) {
    (void)s;
    const char *dir = sample_dicts();
    if (!dir) skip();
    char text[3000] = "";
    for (int i = 0; i < 410; i++) strcat(text, "a ");
    strcat(text, "Russia criticized Ukraine.");
    char json[3200];
    snprintf(json, sizeof json, "{\"id\": \"long\", \"date\": \"2024-01-01\", \"text\": \"%s\"}\n", text);
    struct {
        const char *content, *ext, *want;
        int from;
    } cases[] = {
        {json, ".jsonl", ":1: document long, sentence 0: longer than 400 tokens; the last 14 were",
         ENTENTE_IN_JSONL},
        {"<Sentences>\n<Sentence date=\"20241345\" id=\"x\"><Text>Russia criticized Ukraine."
         "</Text></Sentence>\n</Sentences>\n",
         ".xml", ":2: bad date \"20241345\" (want YYYY-MM-DD or YYYYMMDD)", ENTENTE_IN_PETRARCH_XML},
        {"# sent_id = c\n# date = 2024-02-30\n1\tRussia\tRussia\tPROPN\tNNP\t_\t0\troot\t_\t_\n\n",
         ".conllu", ":1: bad date \"2024-02-30\"", ENTENTE_IN_CONLLU},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = tu_write_tmp(cases[i].content, cases[i].ext);
        assert_non_null(path);
        char *msg = code_messages(dir, path, cases[i].from, 2);
        char want[300];
        snprintf(want, sizeof want, "%s%s", path ? path : "", cases[i].want);
        if (!strstr(msg, want)) fprintf(stderr, "want: %s\ngot: %s\n", want, msg);
        assert_non_null(strstr(msg, want));
        free(msg);
        unlink(path);
        free(path);
    }
}

static void test_missing_dictionary_is_an_error(void **s) {
    (void)s;
    FILE *err = tmpfile();
    assert_null(entente_dict_open("/nonexistent/entente-dicts", err));
    char *msg = tu_capture(err);
    assert_non_null(strstr(msg, "/nonexistent/entente-dicts"));
    free(msg);
    fclose(err);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_one_parse_through_the_public_interface),
        cmocka_unit_test(test_code_files_keeps_input_order_on_threads),
        cmocka_unit_test(test_bad_xml_is_an_error_naming_the_line),
        cmocka_unit_test(test_what_is_left_out_is_said),
        cmocka_unit_test(test_missing_dictionary_is_an_error),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
