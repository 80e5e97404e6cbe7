/* test_doc.c -- documents: text stories, JSONL lines good and bad,
 * PETRARCH XML without parses, UTF-8 checking and normalisation. */
#include <errno.h>

#include "testutil.h"

#include "diag.h"
#include "doc.h"
#include "util.h"

typedef struct {
    ent_diags d;
    ent_doc_reader *r;
    ent_doc doc;
} fx;

static void open_mem(fx *f, const char *buf, size_t n, const char *name, int format, int32_t date) {
    ent_diags_init(&f->d, NULL, 0);
    f->r = ent_doc_open_mem(buf, n, name, format, date, &f->d);
    assert_non_null(f->r);
    ent_doc_keep_offsets(f->r);
}

static void close_fx(fx *f) {
    ent_doc_close(f->r);
    ent_diags_free(&f->d);
}

/* Message i formatted "where:line: text" equals want. */
static void check_msg(const ent_diags *d, int i, const char *want) {
    char got[1024];
    if (i >= d->count) {
        print_error("expected message %d: %s\nactual: only %d messages\n", i, want, d->count);
        fail();
    }
    ent_diag_format(d, i, got, sizeof got);
    if (strcmp(got, want) != 0) {
        print_error("message %d\nexpected: %s\nactual:   %s\n", i, want, got);
        fail();
    }
}

static int valid_utf8(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!k || i + k > n) return 0;
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xC0) != 0x80) return 0;
        i += k;
    }
    return 1;
}

/* ---- Plain text. --------------------------------------------------------- */

static const char stories[] = "Story one.\nLine two.\n\n  \nStory two.\n\n\nStory three.";

/* A JSONL file may start with a byte-order mark; documents without an id
 * are named by the whole input name and their line, however long. */
static void test_doc_jsonl_bom_and_long_place_ids(void **state) {
    (void)state;
    static const char name[] = "/data/corpora/2024/april/reuters-world-feed-batch-0001.jsonl";
    static const char in[] = "\xEF\xBB\xBF{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n";
    fx f;
    open_mem(&f, in, sizeof in - 1, name, ENT_DOC_JSONL, 0);
    char want[128];
    for (int i = 1; i <= 2; i++) {
        assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
        snprintf(want, sizeof want, "%s:%d", name, i);
        assert_string_equal(f.doc.id, want);
    }
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    assert_int_equal(f.d.count, 0);
    close_fx(&f);
}

static void test_doc_text_without_date_is_one_document(void **state) {
    (void)state;
    fx f;
    open_mem(&f, stories, sizeof stories - 1, "s.txt", ENT_DOC_TEXT, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "s.txt");
    assert_int_equal(f.doc.date, 0);
    assert_int_equal(f.doc.line, 1);
    assert_int_equal(f.doc.len, sizeof stories - 1);
    assert_string_equal(f.doc.text, stories);
    assert_null(f.doc.orig_offset); /* ASCII: the identity */
    assert_null(f.doc.source);
    assert_string_equal(f.doc.where, "s.txt");
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    assert_int_equal(f.d.count, 0);
    close_fx(&f);
}

static void test_doc_text_with_date_splits_blank_line_stories(void **state) {
    (void)state;
    fx f;
    open_mem(&f, stories, sizeof stories - 1, "s.txt", ENT_DOC_TEXT, 20240426);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "s.txt#1");
    assert_int_equal(f.doc.date, 20240426);
    assert_int_equal(f.doc.line, 1);
    assert_string_equal(f.doc.text, "Story one.\nLine two.\n");
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "s.txt#2");
    assert_int_equal(f.doc.line, 5);
    assert_string_equal(f.doc.text, "Story two.\n");
    /* offsets map back into the file */
    assert_non_null(f.doc.orig_offset);
    assert_int_equal(f.doc.orig_offset[0], 25);
    assert_int_equal(f.doc.orig_offset[f.doc.len], 36);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "s.txt#3");
    assert_int_equal(f.doc.line, 8);
    assert_string_equal(f.doc.text, "Story three.");
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    close_fx(&f);
    /* a reader not asked for the map makes none (four bytes a byte) */
    ent_diags_init(&f.d, NULL, 0);
    f.r = ent_doc_open_mem(stories, sizeof stories - 1, "s.txt", ENT_DOC_TEXT, 20240426, &f.d);
    assert_non_null(f.r);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.text, "Story two.\n");
    assert_null(f.doc.orig_offset);
    close_fx(&f);
}

static void test_doc_text_with_date_and_one_block_is_one_document(void **state) {
    (void)state;
    fx f;
    const char t[] = "\n\nOnly one story here.\nStill it.\n\n";
    open_mem(&f, t, sizeof t - 1, "one.txt", ENT_DOC_TEXT, 20240426);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "one.txt");
    assert_int_equal(f.doc.date, 20240426);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    close_fx(&f);
}

static void test_doc_empty_and_whitespace_inputs_say_so(void **state) {
    (void)state;
    fx f;
    open_mem(&f, "", 0, "empty.txt", ENT_DOC_TEXT, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    check_msg(&f.d, 0, "empty.txt: no text (the input is empty, or only whitespace and control characters)");
    close_fx(&f);
    open_mem(&f, " \n\t\r\n \n", 7, "ws.txt", ENT_DOC_TEXT, 20240426);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    check_msg(&f.d, 0, "ws.txt: no text (the input is empty, or only whitespace and control characters)");
    close_fx(&f);
    open_mem(&f, "\0\0\0\n\0", 5, "nul.txt", ENT_DOC_TEXT, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    check_msg(&f.d, 0, "nul.txt: no text (the input is empty, or only whitespace and control characters)");
    close_fx(&f);
    open_mem(&f, "\n  \n", 4, "ws.jsonl", ENT_DOC_AUTO, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    check_msg(&f.d, 0, "ws.jsonl: no documents (the input is empty or only whitespace)");
    assert_int_equal(f.d.count, 1);
    close_fx(&f);
}

/* ---- Streams that fail. --------------------------------------------------- */

/* A stream that gives `text` and then fails with errno `fail` (EIO, or
 * ENOMEM as an allocation that failed below stdio would): each reader's
 * own state, no global. */
typedef struct failing {
    const char *text;
    size_t n, pos;
    int fail;
} failing;

static ssize_t failing_read(void *c, char *buf, size_t size) {
    failing *f = c;
    if (f->pos == f->n) {
        if (!f->fail) return 0;   /* the end */
        errno = f->fail;
        return -1;
    }
    size_t k = f->n - f->pos < size ? f->n - f->pos : size;
    memcpy(buf, f->text + f->pos, k);
    f->pos += k;
    return (ssize_t)k;
}

static FILE *failing_open(failing *f) {
    cookie_io_functions_t io = {.read = failing_read};
    FILE *fp = fopencookie(f, "r", io);
    assert_non_null(fp);
    return fp;
}

/* A read that fails mid-input is an error naming the input and the line,
 * never the end of the input (which would drop the rest and exit 0). */
static void test_doc_a_failed_read_is_an_error_not_the_end(void **state) {
    (void)state;
    static const int errs[] = {EIO, ENOMEM};
    for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
        failing src = {"{\"id\": \"a\", \"text\": \"Russia attacked Ukraine.\"}\n"
                       "{\"id\": \"b\", \"text\": \"Iran att", 0, 0, errs[i]};
        src.n = strlen(src.text);
        FILE *fp = failing_open(&src);
        fx f;
        ent_diags_init(&f.d, NULL, 0);
        f.r = ent_doc_open_fp(fp, "feed.jsonl", ENT_DOC_JSONL, NULL, 0, 0, &f.d);
        assert_non_null(f.r);
        assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
        assert_string_equal(f.doc.id, "a");
        assert_int_equal(ent_doc_next(f.r, &f.doc), -1);
        char want[200];
        snprintf(want, sizeof want, "feed.jsonl:2: read error: %s (the rest was not read)",
                 strerror(errs[i]));
        check_msg(&f.d, 0, want);
        close_fx(&f);
        fclose(fp);
        /* text read whole fails the same way, said at once */
        src.pos = 0;
        fp = failing_open(&src);
        ent_diags_init(&f.d, NULL, 0);
        assert_null(ent_doc_open_fp(fp, "story.txt", ENT_DOC_TEXT, NULL, 0, 0, &f.d));
        snprintf(want, sizeof want, "story.txt: cannot read: %s", strerror(errs[i]));
        check_msg(&f.d, 0, want);
        ent_diags_free(&f.d);
        fclose(fp);
    }
}

/* A line longer than the most a document may be is refused with the
 * input and the line named (the bound lowered here; ENT_DOC_MAX_BYTES in
 * use), and the bytes read before the stream start it. */
static void test_doc_a_line_over_the_bound_is_refused(void **state) {
    (void)state;
    static const char head[] = "{\"id\": \"a\", \"text\": \"Russia attacked Ukraine.\"}\n{\"id\"";
    static const char rest[] = ": \"b\", \"text\": \"Iran attacked Israel.\"}\n"
                               "{\"id\": \"c\", \"text\": \"Egypt and Qatar mediated between the sides.\"}\n";
    failing src = {rest, sizeof rest - 1, 0, 0};
    FILE *fp = failing_open(&src);
    fx f;
    ent_diags_init(&f.d, NULL, 0);
    f.r = ent_doc_open_fp(fp, "<stdin>", ENT_DOC_JSONL, head, sizeof head - 1, 0, &f.d);
    assert_non_null(f.r);
    ent_doc_set_max(f.r, 60);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "a");
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);   /* the head's tail joins the stream's first line */
    assert_string_equal(f.doc.id, "b");
    assert_string_equal(f.doc.text, "Iran attacked Israel.");
    assert_int_equal(ent_doc_next(f.r, &f.doc), -1);
    check_msg(&f.d, 0, "<stdin>:3: line longer than 60 bytes, the most a document may be (the rest was not read)");
    close_fx(&f);
    fclose(fp);
}

/* Junk read as JSONL gives a few short messages, not one per line: ten
 * named, the rest counted; a megabyte of junk on one line is one short
 * message; the good lines among them are still documents. */
static void test_doc_bad_lines_are_capped(void **state) {
    (void)state;
    ent_buf in = {0};
    for (int i = 0; i < 25; i++) assert_int_equal(ent_buf_append(&in, "not json\n", 9), 0);
    for (int i = 0; i < (1 << 20); i++) assert_int_equal(ent_buf_append(&in, "x", 1), 0);
    static const char good[] = "\n{\"id\": \"g\", \"text\": \"Russia attacked Ukraine.\"}\n";
    assert_int_equal(ent_buf_append(&in, good, sizeof good - 1), 0);
    fx f;
    open_mem(&f, in.data, in.len, "junk.jsonl", ENT_DOC_JSONL, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "g");
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    assert_int_equal(f.d.count, 11);
    check_msg(&f.d, 9, "junk.jsonl:10: bad JSON: null expected; line skipped");
    check_msg(&f.d, 10, "junk.jsonl: 16 more lines skipped as not documents (26 in all; the first 10 are named above)");
    close_fx(&f);
    /* the megabyte line alone */
    open_mem(&f, in.data + 25 * 9, (size_t)1 << 20, "mega.jsonl", ENT_DOC_JSONL, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    assert_int_equal(f.d.count, 1);
    char msg[1024];
    ent_diag_format(&f.d, 0, msg, sizeof msg);
    assert_true(strlen(msg) < 100);
    close_fx(&f);
    ent_buf_free(&in);
}

/* Stories read from a stream, a story at a time, are the stories read
 * from memory: the same ids, lines, text and offsets into the input, one
 * story alone being the whole input. */
static void test_doc_streamed_stories_are_the_stories_read_whole(void **state) {
    (void)state;
    static const char *const inputs[] = {
        "\n  \nRussia attacked Ukraine.\n\n\n",
        "One.\nLine two of one.\n  \n\t\nTwo \xe2\x80\x9cquoted\xe2\x80\x9d.\n\nThree, no newline",
        "First.\n\nSecond.\n\n\n\nThird.\n\n",
        "Alone, no newline",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *in = inputs[i];
        fx m, st;
        open_mem(&m, in, strlen(in), "s.txt", ENT_DOC_TEXT, 20240426);
        FILE *fp = fmemopen((void *)in, strlen(in), "r");
        assert_non_null(fp);
        ent_diags_init(&st.d, NULL, 0);
        st.r = ent_doc_open_fp(fp, "s.txt", ENT_DOC_TEXT, NULL, 0, 20240426, &st.d);
        assert_non_null(st.r);
        ent_doc_keep_offsets(st.r);
        int a, b, k = 0;
        do {
            a = ent_doc_next(m.r, &m.doc);
            b = ent_doc_next(st.r, &st.doc);
            if (a != b) fail_msg("input %zu, document %d: memory gives %d, the stream %d", i, k, a, b);
            if (a != 1) break;
            assert_string_equal(st.doc.id, m.doc.id);
            assert_int_equal(st.doc.line, m.doc.line);
            assert_int_equal(st.doc.len, m.doc.len);
            assert_memory_equal(st.doc.text, m.doc.text, m.doc.len);
            assert_int_equal(!st.doc.orig_offset, !m.doc.orig_offset);
            if (m.doc.orig_offset)
                assert_memory_equal(st.doc.orig_offset, m.doc.orig_offset,
                                    (m.doc.len + 1) * sizeof *m.doc.orig_offset);
            k++;
        } while (1);
        assert_true(k >= 1);
        assert_int_equal(st.d.count, m.d.count);
        close_fx(&m);
        close_fx(&st);
        fclose(fp);
    }
}

static void test_doc_reads_text_and_jsonl_files_by_extension(void **state) {
    (void)state;
    char *txt = tu_write_tmp("Russia met Iran.\n", ".txt");
    char *jl = tu_write_tmp(
        "{\"id\":\"f1\",\"text\":\"Hi.\"}\nnope\n{\"id\":\"f2\",\"text\":\"Yo.\"}\n", ".jsonl");
    assert_non_null(txt);
    assert_non_null(jl);
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    ent_doc doc;
    ent_doc_reader *r = ent_doc_open(txt, ENT_DOC_AUTO, 0, &d);
    assert_non_null(r);
    assert_int_equal(ent_doc_next(r, &doc), 1);
    assert_string_equal(doc.id, txt);
    assert_string_equal(doc.text, "Russia met Iran.\n");
    assert_int_equal(ent_doc_next(r, &doc), 0);
    ent_doc_close(r);
    r = ent_doc_open(jl, ENT_DOC_AUTO, 0, &d);
    assert_non_null(r);
    assert_int_equal(ent_doc_next(r, &doc), 1);
    assert_string_equal(doc.id, "f1");
    assert_int_equal(ent_doc_next(r, &doc), 1);
    assert_string_equal(doc.id, "f2");
    assert_int_equal(doc.line, 3);
    assert_int_equal(ent_doc_next(r, &doc), 0);
    ent_doc_close(r);
    char want[512];
    snprintf(want, sizeof want, "%s:2: bad JSON: null expected; line skipped", jl);
    check_msg(&d, 0, want);
    unlink(txt);
    unlink(jl);
    free(txt);
    free(jl);
    ent_diags_free(&d);
}

static void test_doc_missing_file_is_a_message(void **state) {
    (void)state;
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    assert_null(ent_doc_open("/nonexistent/story.txt", ENT_DOC_AUTO, 0, &d));
    check_msg(&d, 0, "/nonexistent/story.txt: cannot read: No such file or directory");
    assert_null(ent_doc_open("/nonexistent/feed.jsonl", ENT_DOC_AUTO, 0, &d));
    check_msg(&d, 1, "/nonexistent/feed.jsonl: cannot open: No such file or directory");
    assert_null(ent_doc_open("/nonexistent/recs.xml", ENT_DOC_AUTO, 0, &d));
    assert_int_equal(d.count, 3);
    ent_diags_free(&d);
}

/* ---- JSONL. -------------------------------------------------------------- */

static const char
    feed[] = "{\"id\":\"a1\",\"date\":\"2024-04-26\",\"text\":\"Russia met Iran.\","
             "\"source\":\"RIA\",\"url\":\"https://ria.example/"
             "1\",\"title\":\"Talks\",\"extra\":1}\n"                                   /* 1 */
             "{\"id\": 7, \"date\": \"20240427\", \"text\": \"B \\u201cq\\u201d\"}\r\n" /* 2 */
             "not json\n"                                                               /* 3 */
             "{\"id\":\"x\", \"text\": \"unterminated\n"                                /* 4 */
             "[1,2]\n"                                                                  /* 5 */
             "{\"id\":\"y\"}\n"                                                         /* 6 */
             "{\"id\":\"z\",\"text\":5}\n"                                              /* 7 */
             "\n"                                                                       /* 8 */
             "{\"text\":\"ok\"} trailing\n"                                             /* 9 */
             "{\"text\":\"c\", \"date\":\"2024-13-01\"}\n"                              /* 10 */
             "{\"text\":\"d\", \"date\":\"2024-04-26T10:00:00Z\", \"source\": null}\n"  /* 11 */
             "{\"text\":\"e\", \"date\": 20240228}";                                    /* 12 */

static void test_doc_jsonl_reads_fields_and_skips_bad_lines(void **state) {
    (void)state;
    fx f;
    open_mem(&f, feed, sizeof feed - 1, "feed.jsonl", ENT_DOC_AUTO, 20240101);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "a1");
    assert_int_equal(f.doc.date, 20240426);
    assert_int_equal(f.doc.line, 1);
    assert_string_equal(f.doc.text, "Russia met Iran.");
    assert_string_equal(f.doc.source, "RIA");
    assert_string_equal(f.doc.url, "https://ria.example/1");
    assert_string_equal(f.doc.title, "Talks");
    assert_string_equal(f.doc.where, "feed.jsonl");

    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "7");
    assert_int_equal(f.doc.date, 20240427);
    assert_string_equal(f.doc.text, "B \"q\"");
    assert_null(f.doc.source);
    assert_null(f.doc.title);

    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "feed.jsonl:10");
    assert_int_equal(f.doc.line, 10);
    assert_int_equal(f.doc.date, 20240101); /* bad date: the default */

    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_int_equal(f.doc.date, 20240426);
    assert_null(f.doc.source);

    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_int_equal(f.doc.date, 20240228);
    assert_string_equal(f.doc.text, "e");
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);

    check_msg(&f.d, 0, "feed.jsonl:3: bad JSON: null expected; line skipped");
    check_msg(&f.d, 1, "feed.jsonl:4: bad JSON: the line ends inside a value; line skipped");
    check_msg(&f.d, 2, "feed.jsonl:5: not a JSON object; line skipped");
    check_msg(&f.d, 3, "feed.jsonl:6: no \"text\" string; line skipped");
    check_msg(&f.d, 4, "feed.jsonl:7: no \"text\" string; line skipped");
    check_msg(&f.d, 5, "feed.jsonl:9: bad JSON: unexpected character; line skipped");
    check_msg(&f.d, 6,
              "feed.jsonl:10: bad date \"2024-13-01\" (want YYYY-MM-DD or YYYYMMDD); "
              "using the default date");
    assert_int_equal(f.d.count, 7);
    close_fx(&f);
}

static void test_doc_jsonl_strict_diagnostics_stop_the_stream(void **state) {
    (void)state;
    ent_diags d;
    ent_diags_init(&d, NULL, 1);
    ent_doc_reader *r = ent_doc_open_mem(feed, sizeof feed - 1, "feed.jsonl", ENT_DOC_JSONL, 0, &d);
    assert_non_null(r);
    ent_doc doc;
    assert_int_equal(ent_doc_next(r, &doc), 1);
    assert_int_equal(ent_doc_next(r, &doc), 1);
    assert_int_equal(ent_doc_next(r, &doc), -1);
    assert_int_equal(d.count, 1);
    ent_doc_close(r);
    ent_diags_free(&d);
}

static void test_doc_parses_dates(void **state) {
    (void)state;
    assert_int_equal(ent_parse_date("2024-04-26", 10), 20240426);
    assert_int_equal(ent_parse_date("20240426", 8), 20240426);
    assert_int_equal(ent_parse_date("2024-04-26T23:59:00+02:00", 25), 20240426);
    assert_int_equal(ent_parse_date("2024-04-26 10:00", 16), 20240426);
    assert_int_equal(ent_parse_date("2024-02-29", 10), 20240229);
    assert_int_equal(ent_parse_date("2023-02-29", 10), -1);
    assert_int_equal(ent_parse_date("2024-04-31", 10), -1);
    assert_int_equal(ent_parse_date("2024-4-26", 9), -1);
    assert_int_equal(ent_parse_date("2024-04-26x", 11), -1);
    assert_int_equal(ent_parse_date("April 26", 8), -1);
    assert_int_equal(ent_parse_date("", 0), -1);
    assert_int_equal(ent_parse_date(NULL, 0), -1);
    /* blanks around it, and a date cut short by the length given */
    assert_int_equal(ent_parse_date(" 2024-04-26 \n", 13), 20240426);
    assert_int_equal(ent_parse_date("2024-04-26", 9), -1);
    assert_int_equal(ent_parse_date("2024-04-26T", 11), -1);
    assert_int_equal(ent_parse_date("0000-01-01", 10), -1);
}

/* ---- PETRARCH XML. ------------------------------------------------------- */

static const char records[] = "<Sentences>\n"                                              /* 1 */
                              "<Sentence date=\"20080804\" id=\"AFP-1\" category=\"T\">\n" /* 2 */
                              "<Text>\n  Rohan riders\n  met Gondor.\n</Text>\n"           /* 3-6 */
                              "</Sentence>\n"                                              /* 7 */
                              "<Config option=\"require_dyad\" value=\"false\"/>\n"        /* 8 */
                              "<Sentence date=\"1995-01-02\" id=\"AFP-2\"><Text>Caf&#xE9; &amp; "
                              "\xE2\x80\x9Cquotes\xE2\x80\x9D.</Text></Sentence>\n"         /* 9 */
                              "<Sentence date=\"someday\"><Text>No id.</Text></Sentence>\n" /* 10 */
                              "</Sentences>\n";

static void test_doc_xml_records_without_parses_are_documents(void **state) {
    (void)state;
    fx f;
    open_mem(&f, records, sizeof records - 1, "recs.xml", ENT_DOC_AUTO, 20000101);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "AFP-1");
    assert_int_equal(f.doc.date, 20080804);
    assert_int_equal(f.doc.line, 2);
    assert_string_equal(f.doc.text, "Rohan riders met Gondor.");
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "AFP-2");
    assert_int_equal(f.doc.date, 19950102);
    assert_string_equal(f.doc.text, "Caf\xC3\xA9 & \"quotes\".");
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.id, "recs.xml:10");
    assert_int_equal(f.doc.date, 20000101);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 0);
    check_msg(&f.d, 0, "recs.xml:10: bad date \"someday\" (want YYYY-MM-DD or YYYYMMDD); using the default date");
    assert_int_equal(f.d.count, 1);
    close_fx(&f);
}

static void test_doc_malformed_xml_ends_the_stream_with_a_message(void **state) {
    (void)state;
    fx f;
    const char bad[] = "<Sentences>\n<Sentence id=\"1\"><Text>ok</Text></Sentence>\n<Sentence "
                       "id=\"2\"><Text>oops</Sentence>\n";
    open_mem(&f, bad, sizeof bad - 1, "bad.xml", ENT_DOC_XML, 0);
    /* libxml2 may see the error before handing out the first record */
    int rc;
    while ((rc = ent_doc_next(f.r, &f.doc)) == 1) assert_string_equal(f.doc.text, "ok");
    assert_int_equal(rc, -1);
    assert_int_equal(ent_doc_next(f.r, &f.doc), -1);
    assert_true(f.d.count >= 1);
    assert_string_equal(f.d.msgs[0].where, "bad.xml");
    assert_true(f.d.msgs[0].line > 0);
    close_fx(&f);
}

/* ---- Normalisation. ------------------------------------------------------ */

static void test_doc_invalid_utf8_is_reported_with_offset_and_replaced(void **state) {
    (void)state;
    fx f;
    const char t[] = "ab\xFF"
                     "cd \xE2\x80 x";
    open_mem(&f, t, sizeof t - 1, "u.txt", ENT_DOC_TEXT, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.text, "ab\xEF\xBF\xBD"
                                    "cd \xEF\xBF\xBD\xEF\xBF\xBD x");
    check_msg(&f.d, 0, "u.txt:1: document u.txt, text:offset 2: invalid UTF-8 byte 0xFF replaced by U+FFFD");
    check_msg(&f.d, 1, "u.txt:1: document u.txt, text:offset 6: invalid UTF-8 byte 0xE2 replaced by U+FFFD");
    check_msg(&f.d, 2, "u.txt:1: document u.txt, text:offset 7: invalid UTF-8 byte 0x80 replaced by U+FFFD");
    assert_int_equal(f.d.count, 3);
    assert_non_null(f.doc.orig_offset);
    assert_int_equal(f.doc.orig_offset[2], 2);
    assert_int_equal(f.doc.orig_offset[4], 2);
    assert_int_equal(f.doc.orig_offset[5], 3); /* 'c' */
    assert_int_equal(f.doc.orig_offset[f.doc.len], sizeof t - 1);
    close_fx(&f);
    open_mem(&f, "\xC0z", 2, "zero.txt", ENT_DOC_TEXT, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    check_msg(&f.d, 0, "zero.txt:1: document zero.txt, text: offset 0: invalid UTF-8 byte 0xC0 replaced by U+FFFD");
    close_fx(&f);
}

static void test_doc_invalid_bytes_in_jsonl_name_the_document(void **state) {
    (void)state;
    fx f;
    const char t[] = "{\"id\":\"n9\",\"text\":\"x\\u0000y\xFE\"}\n";
    open_mem(&f, t, sizeof t - 1, "bytes.jsonl", ENT_DOC_JSONL, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_int_equal(f.doc.len, 6);
    assert_memory_equal(f.doc.text, "x y\xEF\xBF\xBD", 6); /* NUL made a space */
    check_msg(&f.d, 0, "bytes.jsonl:1: document n9, text:offset 3: invalid UTF-8 byte 0xFE replaced by U+FFFD");
    close_fx(&f);
}

static void test_doc_many_invalid_bytes_are_summarised(void **state) {
    (void)state;
    fx f;
    char t[101];
    memset(t, 0xFF, 100);
    t[100] = '\0';
    open_mem(&f, t, 100, "junk.txt", ENT_DOC_TEXT, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_int_equal(f.doc.len, 300);
    assert_int_equal(f.d.count, 11);
    check_msg(&f.d, 9, "junk.txt:1: document junk.txt, text:offset 9: invalid UTF-8 byte 0xFF replaced by U+FFFD");
    check_msg(&f.d, 10, "junk.txt:1: document junk.txt, text: 90 more invalid UTF-8 bytes replaced by U+FFFD");
    close_fx(&f);
}

static void test_doc_text_is_put_in_nfc(void **state) {
    (void)state;
    fx f;
    /* e + combining acute; Cyrillic i + combining breve; an Angstrom sign */
    const char t[] = "Cafe\xCC\x81 \xD0\xB8\xCC\x86 \xE2\x84\xAB";
    open_mem(&f, t, sizeof t - 1, "nfc.txt", ENT_DOC_TEXT, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.text, "Caf\xC3\xA9 \xD0\xB9 \xC3\x85");
    assert_non_null(f.doc.orig_offset);
    assert_int_equal(f.doc.orig_offset[3], 3); /* é maps to its e */
    assert_int_equal(f.doc.orig_offset[6], 7); /* й maps to its и */
    assert_int_equal(f.d.count, 0);
    close_fx(&f);
}

static void test_doc_folds_quotes_dashes_spaces_and_controls(void **state) {
    (void)state;
    fx f;
    const char t[] = "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x98x\xE2\x80\x99s\xE2\x80\x99 "
                     "a\xE2\x80\x94"
                     "b \xE2\x80\x93 c\xE2\x80\xA6 d\xC2\xA0"
                     "e\xE2\x80\x89"
                     "f "
                     "co\xC2\xAD"
                     "op \xC2\xABq\xC2\xBB g\x01h\x7Fi\r\nj\tk\xE2\x80\x8Bl";
    open_mem(&f, t, sizeof t - 1, "fold.txt", ENT_DOC_TEXT, 0);
    assert_int_equal(ent_doc_next(f.r, &f.doc), 1);
    assert_string_equal(f.doc.text, "\"Hi\" 'x's' a--b - c... d e f coop \"q\" g h i \nj\tkl");
    /* "--" of the em dash maps to the dash's first byte in the source */
    const char *dash = strstr(f.doc.text, "--");
    assert_non_null(dash);
    assert_int_equal(f.doc.orig_offset[dash - f.doc.text], 22);
    assert_int_equal(f.doc.orig_offset[dash - f.doc.text + 1], 22);
    assert_int_equal(f.doc.orig_offset[dash - f.doc.text + 2], 25); /* "b" */
    close_fx(&f);
}

static void test_doc_normalize_without_offsets(void **state) {
    (void)state;
    ent_buf out = {0};
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    assert_int_equal(ent_normalize("x\xE2\x80\x94y", 5, &out, NULL, &d, "n"), 0);
    assert_string_equal(out.data, "x--y");
    ent_vec v;
    ent_vec_init(&v, 1);
    assert_int_equal(ent_normalize("ok", 2, &out, &v, &d, "n"), 0);
    assert_string_equal(out.data, "ok");
    assert_int_equal(v.len, 3);
    assert_int_equal(ENT_VEC_AT(&v, int32_t, 2), 2);
    ent_vec_free(&v);
    ent_buf_free(&out);
    ent_diags_free(&d);
}

static void test_doc_binary_junk_gives_valid_utf8_and_few_messages(void **state) {
    (void)state;
    size_t n = 1u << 20;
    char *t = malloc(n);
    assert_non_null(t);
    uint32_t x = 99;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        t[i] = (char)(x >> 16);
    }
    for (int fmt = ENT_DOC_TEXT; fmt <= ENT_DOC_XML; fmt++) {
        fx f;
        open_mem(&f, t, n, "junk", fmt, 20240426);
        ent_doc doc;
        int rc, docs = 0;
        while ((rc = ent_doc_next(f.r, &doc)) == 1) {
            docs++;
            assert_true(valid_utf8(doc.text, doc.len));
            assert_int_equal(strlen(doc.text), doc.len);
            if (doc.orig_offset)
                for (size_t i = 0; i < doc.len; i++)
                    assert_true(doc.orig_offset[i] <= doc.orig_offset[i + 1]);
        }
        if (fmt == ENT_DOC_TEXT) assert_true(docs >= 1);
        assert_true(f.d.count >= 1);
        /* at most one message per bad line, eleven per document, and
         * the few that end the input */
        size_t lines = 1;
        for (size_t i = 0; i < n; i++) lines += t[i] == '\n';
        assert_true((size_t)f.d.count <= lines + 11 * ((size_t)docs + 1) + 2);
        close_fx(&f);
    }
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doc_text_without_date_is_one_document),
        cmocka_unit_test(test_doc_text_with_date_splits_blank_line_stories),
        cmocka_unit_test(test_doc_text_with_date_and_one_block_is_one_document),
        cmocka_unit_test(test_doc_empty_and_whitespace_inputs_say_so),
        cmocka_unit_test(test_doc_reads_text_and_jsonl_files_by_extension),
        cmocka_unit_test(test_doc_missing_file_is_a_message),
        cmocka_unit_test(test_doc_jsonl_reads_fields_and_skips_bad_lines),
        cmocka_unit_test(test_doc_jsonl_strict_diagnostics_stop_the_stream),
        cmocka_unit_test(test_doc_parses_dates),
        cmocka_unit_test(test_doc_xml_records_without_parses_are_documents),
        cmocka_unit_test(test_doc_malformed_xml_ends_the_stream_with_a_message),
        cmocka_unit_test(test_doc_invalid_utf8_is_reported_with_offset_and_replaced),
        cmocka_unit_test(test_doc_invalid_bytes_in_jsonl_name_the_document),
        cmocka_unit_test(test_doc_many_invalid_bytes_are_summarised),
        cmocka_unit_test(test_doc_text_is_put_in_nfc),
        cmocka_unit_test(test_doc_folds_quotes_dashes_spaces_and_controls),
        cmocka_unit_test(test_doc_normalize_without_offsets),
        cmocka_unit_test(test_doc_binary_junk_gives_valid_utf8_and_few_messages),
        cmocka_unit_test(test_doc_jsonl_bom_and_long_place_ids),
        cmocka_unit_test(test_doc_a_failed_read_is_an_error_not_the_end),
        cmocka_unit_test(test_doc_a_line_over_the_bound_is_refused),
        cmocka_unit_test(test_doc_bad_lines_are_capped),
        cmocka_unit_test(test_doc_streamed_stories_are_the_stories_read_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
