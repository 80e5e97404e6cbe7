/* test_docmsg.c -- documents as queue messages: what the input front reads
 * comes back from its message with the same id, date, fields, text or
 * parse and hashes (so a worker stores what ingest would); what is not a
 * document is refused with a reason. */
#include "testutil.h"

#include "docmsg.h"
#include "entente.h"
#include "flow.h"
#include "source.h"

/* Read every document of `text` (written to a file named *suffix) into b;
 * the file's path, which the documents' `where` points at, for the caller
 * to free when done with them. */
static char *read_all(ent_batch *b, const char *text, const char *suffix) {
    char *path = tu_write_tmp(text, suffix);
    assert_non_null(path);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_source s;
    assert_int_equal(ent_source_open(&s, path, ENTENTE_IN_AUTO, 20240101, &d), 0);
    long long line = 0;
    int r;
    while ((r = ent_source_next(&s, b, &d, &line)) > 0) {
    }
    assert_int_equal(r, 0);
    ent_source_close(&s);
    assert_int_equal(d.count, 0);
    ent_diags_free(&d);
    unlink(path);
    return path;
}

static void same_str(const char *what, const char *want, const char *got) {
    if ((want == NULL) != (got == NULL) || (want && strcmp(want, got))) {
        print_error("%s\nexpected: %s\nactual:   %s\n", what, want ? want : "(none)",
                    got ? got : "(none)");
        fail();
    }
}

/* Every document of `text` survives encode and decode unchanged. */
static void round_trip(const char *text, const char *suffix, int want_docs) {
    ent_batch in, out;
    ent_batch_init(&in);
    ent_batch_init(&out);
    char *path = read_all(&in, text, suffix);
    assert_int_equal(in.n, want_docs);
    ent_buf msg = {0};
    for (int i = 0; i < in.n; i++) {
        const ent_batch_doc *a = &in.docs[i];
        ent_buf_clear(&msg);
        assert_int_equal(ent_docmsg_encode(a, &msg), 0);
        char why[256] = "";
        ent_batch_doc *b = ent_docmsg_decode(&out, msg.data, msg.len, why, sizeof why);
        if (!b) {
            print_error("document %s refused: %s\nmessage: %.*s\n", a->d.id, why, (int)msg.len,
                        msg.data);
            fail();
        }
        same_str("id", a->d.id, b->d.id);
        same_str("source", a->d.source, b->d.source);
        same_str("url", a->d.url, b->d.url);
        same_str("title", a->d.title, b->d.title);
        same_str("where", a->where, b->where);
        same_str("text", a->text, b->text);
        assert_int_equal(a->d.date, b->d.date);
        assert_int_equal(a->line, b->line);
        assert_int_equal(a->n_sents, b->n_sents);
        for (int k = 0; k < a->n_sents; k++) {
            same_str("sentence text", a->sents[k].text, b->sents[k].text);
            same_str("parse", a->sents[k].parse, b->sents[k].parse);
        }
        assert_true(a->d.text_hash == b->d.text_hash);
        assert_true(a->d.norm_hash == b->d.norm_hash);
    }
    ent_buf_free(&msg);
    free(path);
    ent_batch_free(&in);
    ent_batch_free(&out);
}

static void test_jsonl_documents_come_back_as_read(void **state) {
    (void)state;
    round_trip("{\"id\": \"a-1\", \"date\": \"2024-04-26\", \"text\": \"Russia imposed "
               "sanctions on Iran.\", \"source\": \"wire\", \"title\": \"Sanctions\", "
               "\"url\": \"https://example.org/a?b=\\\"c\\\"\"}\n"
               "{\"id\": 7, \"text\": \"Egypt \\u201cmediated\\u201d between\\nIsrael and "
               "Hamas.\\tTabs, quotes \\\\ and all.\"}\n",
               ".jsonl", 2);
}

static void test_text_and_parsed_records_come_back_as_read(void **state) {
    (void)state;
    round_trip("Iran and Russia signed an agreement on Monday.\n", ".txt", 1);
    round_trip("<Sentences>\n"
               "<Sentence date=\"20240426\" id=\"p-1\" source=\"AFP\">\n"
               "<Text>Russia attacked Ukraine.</Text>\n"
               "<Parse>(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Ukraine))) (. .)))"
               "</Parse>\n</Sentence>\n"
               "<Sentence date=\"20240427\" id=\"p-2\">\n"
               "<Text>Iran condemned Israel.</Text>\n</Sentence>\n"
               "</Sentences>\n",
               ".xml", 2);
}

/* data is refused, and the reason holds `want`. */
static void refused(const char *data, const char *want) {
    ent_batch b;
    ent_batch_init(&b);
    char why[256] = "";
    ent_batch_doc *d = ent_docmsg_decode(&b, data, strlen(data), why, sizeof why);
    if (d || !strstr(why, want)) {
        print_error("message: %s\nexpected refusal with: %s\nactual: %s\n", data, want,
                    d ? "accepted" : why);
        fail();
    }
    assert_int_equal(b.n, 0); /* nothing left half-made in the batch */
    ent_batch_free(&b);
}

static void test_what_is_not_a_document_is_refused_with_its_reason(void **state) {
    (void)state;
    refused("", "not a document");
    refused("{\"id\": \"x\", \"text\": ", "JSON cut short");
    refused("{\"id\": \"x\"} trailing", "not a document");
    refused("[1, 2]", "not a JSON object");
    refused("{\"text\": \"t\"}", "no \"id\" string");
    refused("{\"id\": 5, \"text\": \"t\"}", "no \"id\" string");
    refused("{\"id\": \"\", \"text\": \"t\"}", "no \"id\" string");
    refused("{\"id\": \"x\", \"date\": \"2024\", \"text\": \"t\"}", "\"date\"");
    refused("{\"id\": \"x\", \"date\": 123456789, \"text\": \"t\"}", "\"date\"");
    refused("{\"id\": \"x\", \"title\": 3, \"text\": \"t\"}", "should be a string");
    refused("{\"id\": \"x\"}", "neither \"text\" nor a \"sentence\"");
    refused("{\"id\": \"x\", \"sentence\": {}}", "neither text nor parse");
    refused("{\"id\": \"x\", \"sentence\": {\"text\": 1}}", "not a string");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_documents_come_back_as_read),
        cmocka_unit_test(test_text_and_parsed_records_come_back_as_read),
        cmocka_unit_test(test_what_is_not_a_document_is_refused_with_its_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
