/* test_source.c -- the input front: each form read into the same record
 * (id, date, text, parse, lines), unnamed records named by their input
 * and place, and inputs in a form other than the one asked for named as
 * such. */
#include <sys/stat.h>

#include "testutil.h"

#include "entente.h"
#include "source.h"

typedef struct {
    ent_diags d;
    ent_source s;
    ent_source_rec r;
    char buf[2048];
} fx;

/* Open text (copied: the reader keeps pointing into it) as `name`. */
static int open_text(fx *f, const char *name, const char *text, int from) {
    ent_diags_init(&f->d, NULL, 0);
    snprintf(f->buf, sizeof f->buf, "%s", text);
    return ent_source_open_mem(&f->s, name, f->buf, strlen(f->buf), from, 0, &f->d);
}

static void close_fx(fx *f) {
    ent_source_close(&f->s);
    ent_diags_free(&f->d);
}

static void assert_id(const ent_source_rec *r, const char *want) {
    if (r->id_len != strlen(want) || memcmp(r->id, want, r->id_len))
        fail_msg("id: expected %s, got %.*s", want, (int)r->id_len, r->id);
}

static void assert_msg(const ent_diags *d, int i, const char *want) {
    char got[1024];
    if (i >= d->count) fail_msg("expected message %d: %s; there are %d", i, want, d->count);
    ent_diag_format(d, i, got, sizeof got);
    if (strcmp(got, want)) fail_msg("message %d\nexpected: %s\nactual:   %s", i, want, got);
}

static const char conllu[] =
    "\xEF\xBB\xBF# sent_id = s1\n# date = 2024-01-02\n# text = Russia attacked Ukraine.\n"
    "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tobj\t_\t_\n\n"
    "1\tIran\tIran\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tIsrael\tIsrael\tPROPN\tNNP\t_\t2\tobj\t_\t_\n";

/* CoNLL-U behind a byte-order mark, told by its first bytes: a named
 * block and an unnamed one, each with its lines. */
static void test_conllu_blocks_are_records_named_by_id_or_place(void **state) {
    (void)state;
    fx f;
    assert_int_equal(open_text(&f, "<stdin>", conllu, ENTENTE_IN_AUTO), 0);
    assert_int_equal(f.s.form, ENTENTE_IN_CONLLU);
    assert_int_equal(ent_source_read(&f.s, &f.r, &f.d), 1);
    assert_id(&f.r, "s1");
    assert_int_equal(f.r.date, 20240102);
    assert_int_equal(f.r.line, 1);
    assert_int_equal(f.r.parse_line, 4);
    assert_non_null(f.r.text);
    assert_int_equal(f.r.text_len, strlen("Russia attacked Ukraine."));
    assert_true(f.r.parse_len > 0 && f.r.parse[0] == '1');
    assert_int_equal(ent_source_read(&f.s, &f.r, &f.d), 1);
    assert_id(&f.r, "<stdin>#2");
    assert_int_equal(f.r.parse_line, 8);
    assert_null(f.r.text);
    assert_int_equal(ent_source_read(&f.s, &f.r, &f.d), 0);
    assert_int_equal(f.d.count, 0);
    close_fx(&f);
}

/* A CoNLL-U file is read a block at a time; its records are those of
 * the same bytes read whole: ids, dates, lines, texts and parses. */
static void test_conllu_streamed_gives_the_records_read_whole(void **state) {
    (void)state;
    static const char odd[] =
        "# only a comment\n\n\n# sent_id = a\n\n"
        "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
        "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n  \n\n"
        "1\tIran\tIran\tPROPN\tNNP\t_\t0\troot\t_\t_\n# after\n\n# only\n";
    const char *inputs[] = {conllu, odd, "1\tX\tX\tX\tNNP\t_\t0\troot\t_\t_"};
    char path[] = "/tmp/entente-source-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fputs(inputs[i], f) >= 0, 1);
        assert_int_equal(fclose(f), 0);
        fx m, st;
        assert_int_equal(open_text(&m, path, inputs[i], ENTENTE_IN_CONLLU), 0);
        ent_diags_init(&st.d, NULL, 0);
        assert_int_equal(ent_source_open(&st.s, path, ENTENTE_IN_CONLLU, 0, &st.d), 0);
        assert_non_null(st.s.lines.chunk);   /* streamed, not read whole */
        int a, b, k = 0;
        while ((a = ent_source_read(&m.s, &m.r, &m.d)) == 1) {
            b = ent_source_read(&st.s, &st.r, &st.d);
            if (b != 1) fail_msg("input %zu, record %d: read whole 1, streamed %d", i, k, b);
            assert_int_equal(st.r.id_len, m.r.id_len);
            assert_memory_equal(st.r.id, m.r.id, m.r.id_len);
            assert_int_equal(st.r.date, m.r.date);
            assert_int_equal(st.r.line, m.r.line);
            assert_int_equal(st.r.parse_line, m.r.parse_line);
            assert_int_equal(st.r.parse_len, m.r.parse_len);
            assert_memory_equal(st.r.parse, m.r.parse, m.r.parse_len);
            assert_int_equal(st.r.text_len, m.r.text_len);
            if (m.r.text_len) assert_memory_equal(st.r.text, m.r.text, m.r.text_len);
            assert_int_equal(st.s.line, m.s.line);
            k++;
        }
        assert_int_equal(a, 0);
        assert_int_equal(ent_source_read(&st.s, &st.r, &st.d), 0);
        assert_true(k >= 1);
        assert_int_equal(st.d.count, m.d.count);
        close_fx(&m);
        close_fx(&st);
    }
    unlink(path);
}

/* PETRARCH records: the id given, or the input and place; the parse and
 * the line it starts on. */
static void test_petrarch_records_are_named_by_id_or_place(void **state) {
    (void)state;
    fx f;
    assert_int_equal(open_text(&f, "recs.xml",
                               "<Sentences>\n<Sentence id=\"a\" date=\"20240105\">\n"
                               "<Text>Russia attacked Ukraine.</Text>\n"
                               "<Parse>(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Ukraine)))))"
                               "</Parse>\n</Sentence>\n<Sentence date=\"20240106\">\n"
                               "<Text>Iran attacked Israel.</Text>\n</Sentence>\n</Sentences>\n",
                               ENTENTE_IN_AUTO),
                     0);
    assert_int_equal(f.s.form, ENTENTE_IN_PETRARCH_XML);
    assert_int_equal(ent_source_read(&f.s, &f.r, &f.d), 1);
    assert_id(&f.r, "a");
    assert_int_equal(f.r.date, 20240105);
    assert_non_null(f.r.parse);
    assert_int_equal(f.r.normalised, 0);
    assert_int_equal(ent_source_read(&f.s, &f.r, &f.d), 1);
    assert_id(&f.r, "recs.xml#2");
    assert_null(f.r.parse);
    assert_string_equal(f.r.text, "Iran attacked Israel.");
    assert_int_equal(ent_source_read(&f.s, &f.r, &f.d), 0);
    close_fx(&f);
}

/* JSONL documents come normalised, with their metadata. */
static void test_jsonl_documents_are_records_with_normalised_text(void **state) {
    (void)state;
    fx f;
    assert_int_equal(open_text(&f, "<stdin>",
                               "{\"id\": \"j1\", \"date\": \"2024-03-04\", \"source\": \"wire\", "
                               "\"text\": \"Russia \\u201cattacked\\u201d Ukraine.\"}\n",
                               ENTENTE_IN_AUTO),
                     0);
    assert_int_equal(f.s.form, ENTENTE_IN_JSONL);
    assert_int_equal(ent_source_read(&f.s, &f.r, &f.d), 1);
    assert_id(&f.r, "j1");
    assert_int_equal(f.r.date, 20240304);
    assert_string_equal(f.r.source, "wire");
    assert_int_equal(f.r.normalised, 1);
    assert_string_equal(f.r.text, "Russia \"attacked\" Ukraine.");
    assert_null(f.r.parse);
    close_fx(&f);
}

/* Asked for CoNLL-U, JSONL is refused with the mismatch named; an empty
 * CoNLL-U input says it holds no sentences. */
static void test_a_form_mismatch_and_an_empty_input_are_said(void **state) {
    (void)state;
    fx f;
    assert_int_equal(open_text(&f, "docs.conllu", "{\"id\": \"j1\", \"text\": \"x\"}\n", ENTENTE_IN_CONLLU),
                     -1);
    assert_msg(&f.d, 0,
               "docs.conllu: read as CoNLL-U, but it holds JSON objects (JSONL); give --from jsonl, "
               "or no --from to go by the name");
    close_fx(&f);
    assert_int_equal(open_text(&f, "empty.conllu", "\n# a comment\n\n", ENTENTE_IN_CONLLU), 0);
    assert_int_equal(ent_source_read(&f.s, &f.r, &f.d), 0);
    assert_msg(&f.d, 0, "empty.conllu: no sentences (the input is empty or only comments)");
    close_fx(&f);
}

/* A directory's walk says what it passes over as messages on the
 * diagnostics, with the path named, and keeps its files in name order. */
static void test_a_directory_walk_says_what_it_passes_over_as_messages(void **state) {
    (void)state;
    char dir[] = "/tmp/entente-src-walk-XXXXXX", path[256];
    assert_non_null(mkdtemp(dir));
    static const char *const names[] = {"b.txt", "a.txt"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        tu_write_file(path, "Russia attacked Ukraine.\n");
    }
    char fifo[256];
    snprintf(fifo, sizeof fifo, "%s/pipe", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_inputs in = {0};
    assert_int_equal(ent_inputs_add_path(&in, dir, &d), 0);
    assert_int_equal(in.n, 2);
    snprintf(path, sizeof path, "%s/a.txt", dir);
    assert_string_equal(in.paths[0], path);
    char want[300];
    snprintf(want, sizeof want, "%s: not a file or a directory; passed over", fifo);
    assert_msg(&d, 0, want);
    assert_int_equal(d.count, 1);
    ent_inputs_free(&in);
    ent_diags_free(&d);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conllu_blocks_are_records_named_by_id_or_place),
        cmocka_unit_test(test_conllu_streamed_gives_the_records_read_whole),
        cmocka_unit_test(test_petrarch_records_are_named_by_id_or_place),
        cmocka_unit_test(test_jsonl_documents_are_records_with_normalised_text),
        cmocka_unit_test(test_a_form_mismatch_and_an_empty_input_are_said),
        cmocka_unit_test(test_a_directory_walk_says_what_it_passes_over_as_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
