/* test_cli.c -- the `entente` command as a user runs it, on real files and
 * devices: output that cannot be written (/dev/full, a file size limit
 * standing for a full disk) is an error with a message and a non-zero
 * exit, never a quiet exit 0. */
#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "testutil.h"

static const char *bin;
static char dir[] = "/tmp/entente-cli-XXXXXX";
static char db[128], dicts[256], sample[256];

/* A path under the source tree (tests run from it or a build directory in
 * it) into out, or 0 when it is not there. */
static int tree_path(const char *what, char *out, size_t cap) {
    static const char *pre[] = {"", "../", "../../", NULL};
    for (int i = 0; pre[i]; i++) {
        snprintf(out, cap, "%s%s", pre[i], what);
        if (access(out, R_OK) == 0) return 1;
    }
    return 0;
}

/* What the file at path holds (malloc'd). */
static char *read_back(const char *path) {
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    char *text = tu_capture(f);
    fclose(f);
    return text;
}

/* Run `pre BIN args 2>FILE` in sh; the exit status (128 + signal when
 * killed), and what it said on standard error in *err (malloc'd). */
static int cli(char **err, const char *pre, const char *fmt, ...) {
    char args[2048], cmd[4096], errfile[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(errfile, sizeof errfile, "%s/stderr", dir);
    snprintf(cmd, sizeof cmd, "%s \"%s\" %s 2>\"%s\"", pre ? pre : "", bin, args, errfile);
    int st = system(cmd);
    assert_int_not_equal(st, -1);
    *err = read_back(errfile);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void assert_says(const char *err, const char *what) {
    if (!strstr(err, what)) fail_msg("expected \"%s\" in:\n%s", what, err);
}

static int setup(void **state) {
    bin = tu_entente_binary();
    if (!bin || !tree_path("dict", dicts, sizeof dicts) ||
        !tree_path("examples/news/sample.jsonl", sample, sizeof sample))
        return 0;   /* each test skips, saying so */
    if (!mkdtemp(dir)) return -1;
    snprintf(db, sizeof db, "%s/t.db", dir);
    char *err;
    int rc = cli(&err, NULL, "ingest \"%s\" --db \"%s\" --dicts \"%s\"", sample, db, dicts);
    if (rc) fprintf(stderr, "ingest for the fixture store failed (%d): %s\n", rc, err);
    free(err);
    return rc ? -1 : 0;
}

static int teardown(void **state) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf \"%s\"", dir);
    return bin && dir[strlen(dir) - 1] != 'X' ? system(cmd) : 0;
}

#define NEED_FIXTURE()                                                                       \
    do {                                                                                     \
        if (!bin || !db[0]) skip();                                                         \
    } while (0)

static void test_code_to_a_full_device_fails_saying_so(void **state) {
    NEED_FIXTURE();
    for (int j = 1; j <= 3; j += 2) {   /* one thread, and the threaded pipeline */
        char *err;
        int rc = cli(&err, NULL, "code -j%d --dicts \"%s\" \"%s\" >/dev/full", j, dicts, sample);
        assert_int_equal(rc, 1);
        assert_says(err, "cannot write the events: No space left on device");
        free(err);
    }
}

static void test_store_commands_to_a_full_device_fail_saying_so(void **state) {
    NEED_FIXTURE();
    static const char *const cmds[][2] = {
        {"events", "cannot write the events"},
        {"events --format jsonl", "cannot write the events"},
        {"events --format tsv", "cannot write the events"},
        {"events --format csv", "cannot write the events"},
        {"overview", "cannot write the overview"},
        {"dyad RUS UKR --format tsv", "cannot write the dyad's table"},
        {"actors --unknown", "cannot write the phrases"},
        {"dyad RUS UKR", "cannot write the dyad's table"},
        {"actors", "cannot write the actors"},
        {"trends", "cannot write the trends"},
        {"blocs --min-events 1", "cannot write the blocs"},
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char *err;
        int rc = cli(&err, NULL, "%s --db \"%s\" >/dev/full", cmds[i][0], db);
        if (rc != 1) fail_msg("%s > /dev/full: exit %d, said:\n%s", cmds[i][0], rc, err);
        assert_says(err, cmds[i][1]);
        assert_says(err, "No space left on device");
        free(err);
    }
}

/* Whatever the command, the end of the run checks standard output. */
static void test_any_command_to_a_full_device_fails(void **state) {
    NEED_FIXTURE();
    char *err;
    assert_int_equal(cli(&err, NULL, "version >/dev/full"), 1);
    assert_says(err, "cannot write standard output: No space left on device");
    free(err);
    assert_int_equal(cli(&err, NULL, "dict stats --dicts \"%s\" >/dev/full", dicts), 1);
    assert_says(err, "cannot write standard output");
    free(err);
}

/* validate's report that cannot be written is an error naming it, never
 * "N passed" said to no one. */
static void test_validate_to_a_full_device_fails_saying_so(void **state) {
    NEED_FIXTURE();
    char records[256], *err;
    if (!tree_path("tests/gold/gold.xml", records, sizeof records)) skip();
    int rc = cli(&err, NULL, "validate \"%s\" --dicts \"%s\" --score >/dev/full", records, dicts);
    if (rc != 1) fail_msg("validate > /dev/full: exit %d, said:\n%s", rc, err);
    assert_says(err, "cannot write the validation report: No space left on device");
    free(err);
}

/* Files in the fixture directory whose names start with `prefix`. */
static int files_named(const char *prefix) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += !strncmp(e->d_name, prefix, strlen(prefix));
    closedir(d);
    return n;
}

/* A chart cut short (a file size limit stands for a full disk: the write
 * fails part-way, as ENOSPC would) is an error, and no file is left: not
 * the cut-off chart, not the temporary one. */
static void test_a_plot_cut_short_is_not_said_written_nor_left(void **state) {
    NEED_FIXTURE();
    char *err, path[256];
    snprintf(path, sizeof path, "%s/whole.svg", dir);
    assert_int_equal(cli(&err, NULL, "dyad RUS UKR --db \"%s\" --plot \"%s\" >/dev/null", db, path), 0);
    assert_says(err, "wrote");
    free(err);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    /* three quarters of the chart fit; the store's shared memory file (32 KiB) too */
    rlim_t limit = (rlim_t)st.st_size / 4 * 3;
    if (limit < 40 * 1024) skip();
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    if (old.rlim_max != RLIM_INFINITY && old.rlim_max < limit) skip();
    lim.rlim_cur = limit;
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);   /* the write fails (EFBIG) instead */
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    snprintf(path, sizeof path, "%s/cut.svg", dir);
    int rc = cli(&err, NULL, "dyad RUS UKR --db \"%s\" --plot \"%s\" >/dev/null", db, path);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, was);
    assert_int_equal(rc, 1);
    assert_says(err, "cut.svg: the chart could not be written in full");
    if (strstr(err, "wrote")) fail_msg("said it wrote the chart:\n%s", err);
    free(err);
    assert_int_equal(files_named("cut."), 0);
}

/* A JSONL line too long for the memory allowed (ulimit -v) is an error
 * naming the line, not the end of the input with the lines after it
 * dropped and exit 0. */
static void test_a_line_too_long_for_memory_is_an_error(void **state) {
    NEED_FIXTURE();
#if defined(__SANITIZE_ADDRESS__)
    skip();   /* the sanitizer's shadow memory does not fit under ulimit -v */
#endif
    char *err;
    int rc = cli(&err,
                 "{ echo '{\"id\":\"a\",\"text\":\"Russia attacked Ukraine.\"}';"
                 " head -c 200000000 /dev/zero | tr '\\0' a; echo;"
                 " echo '{\"id\":\"b\",\"text\":\"Iran attacked Israel.\"}'; } | (ulimit -v 150000;",
                 "code --from jsonl --dicts \"%s\" >/dev/null)", dicts);
    if (rc != 1) fail_msg("exit %d, said:\n%s", rc, err);
    assert_says(err, "<stdin>:2: read error: Cannot allocate memory");
    free(err);
}

/* Should a device be read after all, a bound on memory and time ends the
 * run, and the test, rather than the machine. */
#if defined(__SANITIZE_ADDRESS__)
#define BOUNDED "timeout 20"
#else
#define BOUNDED "ulimit -v 2000000; timeout 20"
#endif

/* /dev/zero named as input, in every form, or as a dictionary file, is
 * refused with a message: it is not a file and would never end. */
static void test_a_device_is_refused_as_input_and_as_a_dictionary(void **state) {
    NEED_FIXTURE();
    static const char *const forms[] = {"", "--from jsonl", "--from conllu", "--from petrarch-xml"};
    char *err;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        int rc = cli(&err, BOUNDED, "code %s --dicts \"%s\" /dev/zero >/dev/null", forms[i], dicts);
        if (rc != 1) fail_msg("code %s /dev/zero: exit %d, said:\n%s", forms[i], rc, err);
        assert_says(err, "/dev/zero: cannot");
        assert_says(err, "not a regular file");
        free(err);
    }
    assert_int_equal(cli(&err, BOUNDED, "ingest --db \"%s/zero.db\" --dicts \"%s\" /dev/zero", dir, dicts), 1);
    assert_says(err, "/dev/zero: cannot read: not a regular file");
    free(err);
    /* a set whose verbs file is /dev/zero */
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "mkdir -p \"%s/dz\" && cp \"%s\"/* \"%s/dz/\" && sed -i "
             "'s|^\\(verbfile_name *= *\\).*|\\1/dev/zero|' \"%s/dz/PETR_config.ini\" && "
             "grep -q '^verbfile_name *= */dev/zero' \"%s/dz/PETR_config.ini\"",
             dir, dicts, dir, dir, dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(cli(&err, BOUNDED, "dict stats --dicts \"%s/dz\" >/dev/null", dir), 1);
    assert_says(err, "/dev/zero: cannot read: not a regular file");
    free(err);
}

/* Two CoNLL-U sentences, the first named by sent_id, the second not. */
/* A story whose first sentence a story discard of the built-in set
 * matches ("+WORLD_CUP_QUALIFIER"), with events in the two after it. */
#define DISCARD_STORY                                                                              \
    "Brazil beat Argentina in a World Cup qualifier on Tuesday. Russia attacked Ukraine on "      \
    "Monday. Egypt and Qatar mediated between Israel and Hamas."

static const char conllu_two[] =
    "# sent_id = s1\n"
    "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tobj\t_\t_\n\n"
    "1\tIran\tIran\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tIsrael\tIsrael\tPROPN\tNNP\t_\t2\tobj\t_\t_\n\n";

/* A file in the fixture directory holding `text`; its path in out. */
static void put_file(char *out, size_t cap, const char *name, const char *text) {
    snprintf(out, cap, "%s/%s", dir, name);
    FILE *f = fopen(out, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* One document whose events pass the most an item keeps in memory (8
 * MiB: 30,000 sentences, 13 MB of JSON lines) goes through a temporary
 * file and comes out whole and in order, on one thread or two, and the
 * same in memory when no temporary file can be made. */
static void test_a_document_with_many_events_comes_out_whole(void **state) {
    NEED_FIXTURE();
    char path[256], cmd[600];
    snprintf(path, sizeof path, "%s/long.txt", dir);
    snprintf(cmd, sizeof cmd, "yes 'Russia attacked Ukraine on Monday.' | head -30000 >\"%s\"", path);
    assert_int_equal(system(cmd), 0);
    static const char *const runs[][2] = {{"", "-j 1"}, {"", "-j 2"}, {"TMPDIR=/nonexistent/entente", "-j 1"}};
    char *first = NULL;
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        char out[256], *err;
        snprintf(out, sizeof out, "%s/long.%zu.jsonl", dir, i);
        int rc = cli(&err, runs[i][0], "code %s --dicts \"%s\" \"%s\" >\"%s\"", runs[i][1], dicts, path, out);
        if (rc != 0) fail_msg("%s code %s: exit %d, said:\n%s", runs[i][0], runs[i][1], rc, err);
        free(err);
        char *got = read_back(out);
        /* every sentence's event, each after the one before it */
        int next = 0;
        for (const char *l = got; *l;) {
            const char *nl = strchr(l, '\n');
            size_t n = nl ? (size_t)(nl - l) : strlen(l);
            const char *s = memmem(l, n, "\"sent\": ", 8);   /* in this line only */
            int k = s ? atoi(s + 8) : -1;
            if (k != next) fail_msg("%s %s: event %d is of sentence %d", runs[i][0], runs[i][1], next, k);
            next++;
            if (!nl) break;
            l = nl + 1;
        }
        assert_int_equal(next, 30000);
        if (!first) first = got;
        else {
            assert_true(strcmp(first, got) == 0);
            free(got);
        }
    }
    free(first);
}

/* The code that `dict lookup` says applies to a phrase, read from the
 * line it marks "<- applies" ("[YUG until 20030203]  <- applies"). */
static void applying_code(const char *said, char code[16]) {
    const char *m = strstr(said, "<- applies");
    if (!m) fail_msg("no code applies in:\n%s", said);
    const char *open = m;
    while (open > said && *open != '[') open--;
    int n = 0;
    for (const char *p = open + 1; *p >= 'A' && *p <= 'Z' && n < 15; p++) code[n++] = *p;
    code[n] = '\0';
}

/* One rule for an actor's code on a date: what `dict lookup` says
 * applies, with a date and without, is the code `code` gives the same
 * phrase in a sentence of that date, or of none (Kosovo: YUG until 2003,
 * SCG until 2006, SRB until 2008, KSV undated). */
static void test_dict_lookup_and_code_agree_on_an_actors_code(void **state) {
    NEED_FIXTURE();
    static const char *const dates[] = {"", "--date 1995-06-01", "--date 2005-01-01", "--date 2024-01-01"};
    char seen[4][16];
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        char out[256], *err, code[16];
        snprintf(out, sizeof out, "%s/lookup.out", dir);
        int rc = cli(&err, NULL, "dict lookup Kosovo %s --dicts \"%s\" >\"%s\"", dates[i], dicts, out);
        if (rc != 0) fail_msg("dict lookup Kosovo %s: exit %d, said:\n%s", dates[i], rc, err);
        free(err);
        char *said = read_back(out);
        applying_code(said, code);
        free(said);
        rc = cli(&err, "echo 'Kosovo attacked Croatia.' |", "code %s --dicts \"%s\" >\"%s\"", dates[i],
                 dicts, out);
        if (rc != 0) fail_msg("code %s: exit %d, said:\n%s", dates[i], rc, err);
        free(err);
        char *coded = read_back(out), want[64];
        snprintf(want, sizeof want, "\"source\": \"%s\"", code);
        if (!strstr(coded, want))
            fail_msg("%s: dict lookup says %s applies, code gave:\n%s", dates[i][0] ? dates[i] : "undated",
                     code, coded);
        free(coded);
        snprintf(seen[i], sizeof seen[i], "%s", code);
    }
    /* the dates do reach different codes, so the agreement is not one code's */
    assert_string_not_equal(seen[1], seen[3]);
}

/* Standard input is looked at as ingest looks at it: JSONL behind a
 * byte-order mark is JSONL, CoNLL-U is CoNLL-U (not text to tokenize). */
static void test_code_reads_standard_input_by_its_form(void **state) {
    NEED_FIXTURE();
    char path[256], *err;
    put_file(path, sizeof path, "bom.jsonl",
             "\xEF\xBB\xBF{\"id\": \"x1\", \"date\": \"2024-01-02\", \"text\": \"Russia attacked Ukraine.\"}\n");
    char out[256];
    snprintf(out, sizeof out, "%s/out.jsonl", dir);
    assert_int_equal(cli(&err, NULL, "code --dicts \"%s\" <\"%s\" >\"%s\"", dicts, path, out), 0);
    free(err);
    char *got = read_back(out);
    if (!strstr(got, "\"doc\": \"x1\", \"sent\": 0, \"date\": \"2024-01-02\", \"event_date\": \"2024-01-02\", "
                     "\"date_precision\": \"none\", \"date_text\": \"\", \"source\": \"RUS\", "
                     "\"target\": \"UKR\", \"code\": \"190\""))
        fail_msg("JSONL with a BOM on stdin, got:\n%s", got);
    free(got);
    /* ingest reads it the same way: one document x1, not raw JSON text */
    assert_int_equal(cli(&err, NULL, "ingest --db \"%s/bom.db\" --dicts \"%s\" - <\"%s\"", dir, dicts, path), 0);
    free(err);
    assert_int_equal(cli(&err, NULL, "events --db \"%s/bom.db\" --format jsonl >\"%s\"", dir, out), 0);
    free(err);
    got = read_back(out);
    if (!strstr(got, "\"doc\": \"x1\"")) fail_msg("ingest of JSONL with a BOM, stored:\n%s", got);
    free(got);

    put_file(path, sizeof path, "two.conllu", conllu_two);
    assert_int_equal(cli(&err, NULL, "code --dicts \"%s\" <\"%s\" >\"%s\"", dicts, path, out), 0);
    free(err);
    got = read_back(out);
    if (!strstr(got, "\"doc\": \"s1\", \"sent\": 0, \"date\": null, \"event_date\": null, "
                     "\"date_precision\": \"none\", \"date_text\": \"\", \"source\": \"RUS\", \"target\": \"UKR\"") ||
        !strstr(got, "\"source\": \"IRN\", \"target\": \"ISR\"") || strstr(got, "PROPN"))
        fail_msg("CoNLL-U on stdin, got:\n%s", got);
    free(got);
}

/* A CoNLL-U sentence without # sent_id gets one id, FILE#N, whether it
 * is coded or ingested. */
static void test_code_and_ingest_give_one_id_to_an_unnamed_sentence(void **state) {
    NEED_FIXTURE();
    char path[256], out[256], want[300], *err;
    put_file(path, sizeof path, "ids.conllu", conllu_two);
    snprintf(out, sizeof out, "%s/ids.out", dir);
    /* (a stored event's line opens with its event_id) */
    snprintf(want, sizeof want, "\"doc\": \"%s#2\", \"sent\": 0", path);
    assert_int_equal(cli(&err, NULL, "code --dicts \"%s\" \"%s\" >\"%s\"", dicts, path, out), 0);
    free(err);
    char *got = read_back(out);
    if (!strstr(got, want)) fail_msg("code: expected %s in:\n%s", want, got);
    free(got);
    /* (dated: an undated story is stored with status 2) */
    assert_int_equal(cli(&err, NULL, "ingest --db \"%s/ids.db\" --dicts \"%s\" --date 2024-01-01 \"%s\"",
                         dir, dicts, path),
                     0);
    free(err);
    assert_int_equal(cli(&err, NULL, "events --db \"%s/ids.db\" --format jsonl >\"%s\"", dir, out), 0);
    free(err);
    got = read_back(out);
    if (!strstr(got, want)) fail_msg("ingest: expected %s in:\n%s", want, got);
    free(got);
}

/* A <Parse> holding CoNLL-U that opens with its "# text =" comment is
 * read as CoNLL-U (not as a Treebank parse that fails), by code and by
 * ingest alike. */
static void test_a_conllu_parse_with_comments_in_xml_is_read(void **state) {
    NEED_FIXTURE();
    char path[256], out[256], *err;
    put_file(path, sizeof path, "ct.xml",
             "<Sentences>\n<Sentence date=\"20240102\" id=\"c1\" sentence=\"true\" source=\"x\">\n"
             "<Text>Russia attacked Ukraine.</Text>\n<Parse>\n# text = Russia attacked Ukraine.\n"
             "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
             "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
             "3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tobj\t_\t_\n</Parse>\n</Sentence>\n</Sentences>\n");
    snprintf(out, sizeof out, "%s/ct.out", dir);
    int rc = cli(&err, NULL, "code --parser given --dicts \"%s\" \"%s\" >\"%s\"", dicts, path, out);
    if (rc != 0) fail_msg("code: exit %d, said:\n%s", rc, err);
    free(err);
    char *got = read_back(out);
    if (!strstr(got, "\"doc\": \"c1\", \"sent\": 0, \"date\": \"2024-01-02\", \"event_date\": \"2024-01-02\", "
                     "\"date_precision\": \"none\", \"date_text\": \"\", \"source\": \"RUS\", "
                     "\"target\": \"UKR\", \"code\": \"190\""))
        fail_msg("code of a commented CoNLL-U parse, got:\n%s", got);
    free(got);
    rc = cli(&err, NULL, "ingest --db \"%s/ct.db\" --dicts \"%s\" \"%s\"", dir, dicts, path);
    if (rc != 0) fail_msg("ingest: exit %d, said:\n%s", rc, err);
    free(err);
    assert_int_equal(cli(&err, NULL, "events --db \"%s/ct.db\" --format jsonl >\"%s\"", dir, out), 0);
    free(err);
    got = read_back(out);
    if (!strstr(got, "\"doc\": \"c1\"") || !strstr(got, "\"code\": \"190\""))
        fail_msg("ingest of a commented CoNLL-U parse, stored:\n%s", got);
    free(got);
}

/* Input that holds nothing to code says so, with the exit status of other
 * input not used as given (2): an empty CoNLL-U file, text of NULs, empty
 * standard input. */
static void test_input_with_nothing_to_code_says_so(void **state) {
    NEED_FIXTURE();
    char path[256], *err;
    put_file(path, sizeof path, "empty.conllu", "");
    assert_int_equal(cli(&err, NULL, "code --dicts \"%s\" \"%s\" >/dev/null", dicts, path), 2);
    assert_says(err, "empty.conllu: no sentences (the input is empty or only comments)");
    free(err);
    assert_int_equal(cli(&err, NULL, "ingest --db \"%s/e.db\" --dicts \"%s\" \"%s\"", dir, dicts, path), 2);
    assert_says(err, "empty.conllu: no sentences");
    free(err);
    snprintf(path, sizeof path, "%s/nul.txt", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite("\0\0\0\n\0\0", 1, 6, f), 6);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(cli(&err, NULL, "code --dicts \"%s\" \"%s\" >/dev/null", dicts, path), 2);
    assert_says(err, "nul.txt: no text (the input is empty, or only whitespace and control characters)");
    free(err);
    assert_int_equal(cli(&err, NULL, "code --dicts \"%s\" </dev/null >/dev/null", dicts), 2);
    assert_says(err, "<stdin>: no text");
    free(err);
}

/* --from conllu on JSONL names the mismatch, not a Treebank error. */
static void test_a_form_that_does_not_match_is_named(void **state) {
    NEED_FIXTURE();
    char path[256], *err;
    put_file(path, sizeof path, "docs.jsonl", "{\"id\": \"g\", \"text\": \"Russia attacked Ukraine.\"}\n");
    assert_int_equal(cli(&err, NULL, "code --from conllu --dicts \"%s\" \"%s\" >/dev/null", dicts, path), 1);
    assert_says(err, "docs.jsonl: read as CoNLL-U, but it holds JSON objects (JSONL); give --from jsonl");
    if (strstr(err, "parse must start")) fail_msg("a Treebank message:\n%s", err);
    free(err);
}

/* A device on standard input is refused as a named one is: it would
 * never end.  A stream that never ends (a pipe from /dev/zero) stops at
 * the most a document may be, with a message. */
static void test_a_device_or_endless_stream_on_stdin_is_bounded(void **state) {
    NEED_FIXTURE();
    char *err;
    int rc = cli(&err, BOUNDED, "code --dicts \"%s\" </dev/zero >/dev/null", dicts);
    if (rc != 1) fail_msg("code </dev/zero: exit %d, said:\n%s", rc, err);
    assert_says(err, "<stdin>: cannot read input: not a regular file");
    free(err);
    rc = cli(&err, "cat /dev/zero | (" BOUNDED, "code --dicts \"%s\" >/dev/null)", dicts);
    if (rc != 1) fail_msg("cat /dev/zero | code: exit %d, said:\n%s", rc, err);
    assert_says(err, "<stdin>: cannot read: longer than 256 MiB, the most a document of text may be");
    free(err);
    /* CoNLL-U streams a line at a time, each line bounded */
    rc = cli(&err, "cat /dev/zero | (" BOUNDED, "code --from conllu --dicts \"%s\" >/dev/null)", dicts);
    if (rc != 1) fail_msg("cat /dev/zero | code --from conllu: exit %d, said:\n%s", rc, err);
    assert_says(err, "<stdin>:1: line longer than 256 MiB, the most a document may be");
    free(err);
    /* XML on standard input is read whole: up to a bound */
    rc = cli(&err, "cat /dev/zero | (" BOUNDED, "code --from petrarch-xml --dicts \"%s\" >/dev/null)", dicts);
    if (rc != 1) fail_msg("cat /dev/zero | code --from petrarch-xml: exit %d, said:\n%s", rc, err);
    assert_says(err, "<stdin>: cannot read input: longer than 1 GiB, the most read whole from a pipe");
    free(err);
    /* a named pipe the same */
    char pre[600];
    snprintf(pre, sizeof pre, "rm -f \"%s/zf\" && mkfifo \"%s/zf\" && { cat /dev/zero >\"%s/zf\" 2>/dev/null & } && "
                              "(" BOUNDED, dir, dir, dir);
    rc = cli(&err, pre, "code --dicts \"%s\" \"%s/zf\" >/dev/null)", dicts, dir);
    if (rc != 1) fail_msg("code FIFO-of-zeros: exit %d, said:\n%s", rc, err);
    assert_says(err, "/zf: cannot read: longer than 256 MiB");
    free(err);
}

/* The built-in set with an empty discards file (made once): what a story
 * discard keeps from being coded is coded with it. */
static const char *no_discards(void) {
    static char path[300];
    snprintf(path, sizeof path, "%s/dict-nodiscards", dir);
    if (access(path, F_OK) < 0) {
        char cmd[1024];
        snprintf(cmd, sizeof cmd, "cp -r \"%s\" \"%s\" && : >\"%s/entente.discards.txt\"", dicts, path,
                 path);
        if (system(cmd) != 0) return NULL;
    }
    return path;
}

/* The events of store `tag`, sorted into file `out`, less what only a
 * stored event has: its id first, its sentence and story last. */
static int list_stored(const char *tag, const char *out) {
    char *err;
    int rc = cli(&err, NULL,
                 "events --db \"%s/%s.db\" --format jsonl | sed -e 's/^{\"event_id\": [0-9]*, /{/'"
                 " -e 's/, \"sentence\": .*}$/}/' | sort >\"%s\"",
                 dir, tag, out);
    free(err);
    return rc;
}

/* Code `input` (its path; "<" before it reads it from standard input,
 * with extra `opts`) with the built-in set into out[0], and ingest it
 * into a new store and list the stored events into out[1]; then code it
 * with the set without discards into out[2], and recode the store with
 * that set and list the events into out[3] (all sorted: code writes in
 * input order, events by date; the stored ones without their id,
 * sentence and story, which code does not write).  0 when every step
 * exited 0 or 2. */
static int code_and_store(const char *tag, const char *opts, const char *input, char out[4][256]) {
    char *err;
    const char *nd = no_discards();
    if (!nd) return -1;
    for (int k = 0; k < 4; k++) snprintf(out[k], 256, "%s/%s.%d", dir, tag, k);
    int in_stdin = input[0] == '<';
    int rc = cli(&err, NULL, "code %s --dicts \"%s\" %s | sort >\"%s\"", opts, dicts, input, out[0]);
    if (rc <= 2) {
        free(err);
        rc = cli(&err, NULL, "code %s --dicts \"%s\" %s | sort >\"%s\"", opts, nd, input, out[2]);
    }
    if (rc > 2) fprintf(stderr, "code %s %s: exit %d: %s\n", opts, input, rc, err);
    free(err);
    if (rc > 2) return -1;
    rc = cli(&err, NULL, "ingest %s --db \"%s/%s.db\" --dicts \"%s\" %s%s", opts, dir, tag, dicts,
             in_stdin ? "- " : "", input);
    if (rc > 2) fprintf(stderr, "ingest %s %s: exit %d: %s\n", opts, input, rc, err);
    free(err);
    if (rc > 2) return -1;
    rc = list_stored(tag, out[1]);
    if (rc) return -1;
    /* coded again from the store, every document, with the set without
     * discards: the sentences a story discard left uncoded were stored */
    rc = cli(&err, NULL, "recode --db \"%s/%s.db\" --dicts \"%s\"", dir, tag, nd);
    int recoded = rc <= 2 && strstr(err, "recode: ") && !strstr(err, "recode: 0 documents");
    if (!recoded) fprintf(stderr, "recode %s: exit %d: %s\n", input, rc, err);
    free(err);
    if (!recoded) return -1;
    rc = list_stored(tag, out[3]);
    return rc ? -1 : 0;
}

/* The same inputs, in every form, from files and from standard input,
 * give the same events with the same document ids whether they are coded
 * (code) or stored and listed (ingest, events); and coded with a set
 * without discards, the same again when the store is coded again with it
 * (recode), a story whose first sentence is a story discard included,
 * and a story whose dateline places its agents ("KYIV ... - Police"). */
static void test_code_and_ingest_find_the_same_events_and_ids(void **state) {
    NEED_FIXTURE();
    char path[256], cmd[1024];
    /* JSONL behind a byte-order mark, one document without an id, one
     * story that opens with a story discard */
    snprintf(path, sizeof path, "%s/forms.jsonl", dir);
    snprintf(cmd, sizeof cmd, "{ printf '\\357\\273\\277'; sed -n '1,6p' \"%s\"; "
                              "echo '{\"text\": \"Iran accused Israel of attacking its embassy.\"}'; "
                              "echo '{\"id\": \"wc1\", \"text\": \"%s\"}'; } >\"%s\"",
             sample, DISCARD_STORY, path);
    assert_int_equal(system(cmd), 0);
    put_file(path, sizeof path, "forms.txt",
             "Russia attacked Ukraine on Monday. Ukraine condemned the attack.\n\n"
             "Egypt and Qatar mediated between Israel and Hamas.\n\n"
             DISCARD_STORY "\n\n"
             "KYIV, March 3 (Reuters) - Police arrested dozens of protesters on Sunday.\n\n"
             "The United States imposed new sanctions on Iran.\n");
    put_file(path, sizeof path, "forms.conllu", conllu_two);
    put_file(path, sizeof path, "forms.xml",
             "<Sentences>\n<Sentence date=\"20240102\" id=\"x1\" sentence=\"true\" source=\"x\">\n"
             "<Text>China criticised Japan over the islands.</Text>\n</Sentence>\n"
             "<Sentence date=\"20240103\" sentence=\"true\" source=\"x\">\n"
             "<Text>France and Germany signed a defence agreement.</Text>\n</Sentence>\n"
             "<Sentence date=\"20240104\" id=\"x3\" sentence=\"true\" source=\"x\">\n"
             "<Text>Turkey shelled Kurdish positions.</Text>\n<Parse>\n# text = Turkey shelled Kurdish positions.\n"
             "1\tTurkey\tTurkey\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
             "2\tshelled\tshell\tVERB\tVBD\t_\t0\troot\t_\t_\n"
             "3\tKurdish\tKurdish\tADJ\tJJ\t_\t4\tamod\t_\t_\n"
             "4\tpositions\tposition\tNOUN\tNNS\t_\t2\tobj\t_\t_\n</Parse>\n</Sentence>\n</Sentences>\n");
    static const char *const forms[][2] = {
        {"forms.jsonl", ""}, {"forms.txt", ""}, {"forms.txt", "--date 2024-02-01"},
        {"forms.conllu", ""}, {"forms.xml", ""},
    };
    int total = 0;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        for (int from_stdin = 0; from_stdin <= 1; from_stdin++) {
            char tag[32], input[300], out[4][256];
            snprintf(tag, sizeof tag, "forms%zu%s", i, from_stdin ? "s" : "f");
            snprintf(input, sizeof input, "%s\"%s/%s\"", from_stdin ? "<" : "", dir, forms[i][0]);
            assert_int_equal(code_and_store(tag, forms[i][1], input, out), 0);
            char *coded = read_back(out[0]), *stored = read_back(out[1]);
            char *coded_nd = read_back(out[2]), *recoded = read_back(out[3]);
            if (strcmp(coded, stored))
                fail_msg("%s %s%s: code and ingest differ\ncode:\n%s\nstored:\n%s", forms[i][1],
                         from_stdin ? "<" : "", forms[i][0], coded, stored);
            if (strcmp(coded_nd, recoded))
                fail_msg("%s %s%s: code and recode without discards differ\ncode:\n%s\nrecoded:\n%s",
                         forms[i][1], from_stdin ? "<" : "", forms[i][0], coded_nd, recoded);
            if (!coded[0]) fail_msg("%s: no events to compare", forms[i][0]);
            /* the story discard held back events that the set without
             * discards finds, in the sentences after it */
            if (!strcmp(forms[i][0], "forms.jsonl") &&
                (strstr(coded, "\"doc\": \"wc1\"") || !strstr(recoded, "\"doc\": \"wc1\", \"sent\": 1")))
                fail_msg("story discard: code:\n%s\nrecoded:\n%s", coded, recoded);
            for (const char *p = coded; (p = strchr(p, '\n')); p++) total++;
            /* an unnamed record is named by its input and place, whichever
             * job reads it */
            if (!strcmp(forms[i][0], "forms.conllu") || !strcmp(forms[i][0], "forms.xml")) {
                char want[300];
                if (from_stdin) snprintf(want, sizeof want, "\"doc\": \"<stdin>#2\"");
                else snprintf(want, sizeof want, "\"doc\": \"%s/%s#2\"", dir, forms[i][0]);
                assert_says(coded, want);
            }
            free(coded);
            free(stored);
            free(coded_nd);
            free(recoded);
        }
    assert_true(total > 20);
}

/* A story whose first sentence is a story discard is stored with every
 * sentence, none coded; coded again without discards, its events are
 * found. */
static void test_a_story_with_a_discard_is_stored_whole(void **state) {
    NEED_FIXTURE();
    char path[256], out[256], *err;
    const char *nd = no_discards();
    assert_non_null(nd);
    put_file(path, sizeof path, "discard.jsonl",
             "{\"id\": \"wc2\", \"date\": \"2024-03-01\", \"text\": \"" DISCARD_STORY "\"}\n");
    int rc = cli(&err, NULL, "ingest --db \"%s/wc.db\" --dicts \"%s\" \"%s\"", dir, dicts, path);
    if (rc != 0) fail_msg("ingest: exit %d, said:\n%s", rc, err);
    assert_says(err, "ingest: 1 documents stored, 0 skipped (already stored), 3 sentences, 0 events");
    free(err);
    rc = cli(&err, NULL, "recode --db \"%s/wc.db\" --dicts \"%s\"", dir, nd);
    if (rc != 0) fail_msg("recode: exit %d, said:\n%s", rc, err);
    assert_says(err, "recode: 1 documents recoded, 3 sentences");
    free(err);
    snprintf(out, sizeof out, "%s/wc.out", dir);
    assert_int_equal(cli(&err, NULL, "events --db \"%s/wc.db\" --format jsonl >\"%s\"", dir, out), 0);
    free(err);
    char *got = read_back(out);
    if (!strstr(got, "\"doc\": \"wc2\", \"sent\": 1") || !strstr(got, "\"doc\": \"wc2\", \"sent\": 2"))
        fail_msg("stored and coded without discards:\n%s", got);
    free(got);
}

/* An input of a directory that cannot be read (a JSONL file named
 * .conllu, a cut-off XML file) is said and passed over: the documents of
 * the others, before it and after it, are stored, and the exit status
 * says something was not read. */
static void test_ingest_stores_the_rest_when_one_input_cannot_be_read(void **state) {
    NEED_FIXTURE();
    char path[256], out[256], *err;
    snprintf(path, sizeof path, "%s/mixed", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    put_file(path, sizeof path, "mixed/a.jsonl", "{\"id\": \"a1\", \"text\": \"Russia attacked Ukraine.\"}\n");
    put_file(path, sizeof path, "mixed/b.conllu", "{\"id\": \"b1\", \"text\": \"Iran attacked Israel.\"}\n");
    put_file(path, sizeof path, "mixed/c.xml", "<Sentences><Sentence id=\"c1\"><Text>China criticised");
    put_file(path, sizeof path, "mixed/d.jsonl", "{\"id\": \"d1\", \"text\": \"Turkey shelled Syria.\"}\n");
    int rc = cli(&err, NULL, "ingest --db \"%s/mixed.db\" --dicts \"%s\" \"%s/mixed\"", dir, dicts, dir);
    if (rc != 1) fail_msg("exit %d, said:\n%s", rc, err);
    assert_says(err, "b.conllu: read as CoNLL-U, but it holds JSON objects");
    assert_says(err, "c.xml:1: malformed XML");
    assert_says(err, "ingest: 2 documents stored");
    assert_says(err, "ingest: 2 inputs could not be read to the end");
    free(err);
    snprintf(out, sizeof out, "%s/mixed.out", dir);
    assert_int_equal(cli(&err, NULL, "events --db \"%s/mixed.db\" --format jsonl >\"%s\"", dir, out), 0);
    free(err);
    char *got = read_back(out);
    if (!strstr(got, "\"doc\": \"a1\"") || !strstr(got, "\"doc\": \"d1\""))
        fail_msg("stored:\n%s", got);
    free(got);
}

/* A named pipe given to ingest is read once, for its documents: the
 * progress count of lines passes it over (reading it there drained it,
 * and the run then waited for a writer that was gone). */
static void test_ingest_reads_a_named_pipe_once(void **state) {
    NEED_FIXTURE();
    char pre[700], *err;
    snprintf(pre, sizeof pre,
             "rm -f \"%s/np\" && mkfifo \"%s/np\" && "
             "{ printf '%%s\\n' '{\"id\": \"p1\", \"date\": \"2024-01-01\", \"text\": \"Russia attacked "
             "Ukraine.\"}' >\"%s/np\" & } && "
             "timeout 20",
             dir, dir, dir);
    int rc = cli(&err, pre, "ingest --progress lines --from jsonl --db \"%s/np.db\" --dicts \"%s\" \"%s/np\"", dir,
                 dicts, dir);
    if (rc != 0) fail_msg("exit %d, said:\n%s", rc, err);
    assert_says(err, "ingest: 1 documents stored");
    free(err);
}

/* Run outside the source tree with no set installed, a job says where it
 * looked for the dictionaries and how to name them. */
static void test_no_dictionaries_found_says_where_to_point(void **state) {
    NEED_FIXTURE();
    if (access("/usr/local/share/entente/dict/PETR_config.ini", R_OK) == 0) skip();
    char *err, pre[300];
    snprintf(pre, sizeof pre, "cd \"%s\" && echo 'Russia attacked Ukraine.' | env -u ENTENTE_DICTS", dir);
    assert_int_equal(cli(&err, pre, "code >/dev/null"), 1);
    if (strstr(err, "dict: cannot read")) fail_msg("a bare \"dict: cannot read\":\n%s", err);
    char here[300];
    snprintf(here, sizeof here, "%s/dict (this directory)", dir);
    assert_says(err, here);
    assert_says(err, "no dictionary set found; looked in ");
    assert_says(err, "/share/entente/dict (the installed set)");
    assert_says(err, "--dicts PATH or ENTENTE_DICTS=PATH");
    free(err);
    snprintf(pre, sizeof pre, "cd \"%s\" && ENTENTE_DICTS=/nonexistent/set", dir);
    assert_int_equal(cli(&err, pre, "dict stats >/dev/null"), 1);
    assert_says(err, "the dictionary set ENTENTE_DICTS names (/nonexistent/set) cannot be loaded");
    free(err);
}

/* --db "" (an unset variable) is refused, not taken as ./entente.db. */
static void test_an_empty_db_is_refused(void **state) {
    NEED_FIXTURE();
    static const char *const cmds[] = {"events", "overview", "dyad RUS UKR", "index",
                                       "ingest -", "recode"};
    char pre[300], *err;
    snprintf(pre, sizeof pre, "cd \"%s\" && </dev/null", dir);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        int rc = cli(&err, pre, "%s --db ''", cmds[i]);
        if (rc != 64) fail_msg("%s --db '': exit %d, said:\n%s", cmds[i], rc, err);
        assert_says(err, "--db is empty");
        free(err);
    }
    char path[256];
    snprintf(path, sizeof path, "%s/entente.db", dir);
    assert_int_equal(access(path, F_OK), -1);
}

/* A store where nothing can be written (read-only media; a directory
 * without write permission) gets a plain message naming the place and
 * the way out, not SQLite's "unable to open database file". */
static void test_a_store_in_a_read_only_place_is_said_plainly(void **state) {
    NEED_FIXTURE();
    char ro[256], cmd[4096], *err;
    snprintf(ro, sizeof ro, "%s/ro", dir);
    assert_int_equal(mkdir(ro, 0755), 0);
    snprintf(cmd, sizeof cmd, "cp \"%s\" \"%s/kept.db\"", db, ro);
    assert_int_equal(system(cmd), 0);
    /* root writes through permissions: a read-only mount stands in */
    int mounted = 0;
    if (geteuid() == 0) {
        snprintf(cmd, sizeof cmd,
                 "mkdir -p \"%s/m\" && cp \"%s/kept.db\" \"%s/m/\" && mount -t tmpfs -o size=8m tmpfs \"%s\" "
                 "2>/dev/null && cp \"%s/m/kept.db\" \"%s/\" && mount -o remount,ro \"%s\"",
                 dir, ro, dir, ro, dir, ro, ro);
        if (system(cmd) != 0) skip();
        mounted = 1;
    } else {
        assert_int_equal(chmod(ro, 0555), 0);
    }
    int rc = cli(&err, NULL, "ingest --db \"%s/new.db\" --dicts \"%s\" \"%s\"", ro, dicts, sample);
    int rc2 = -1;
    char *err2 = NULL;
    if (rc == 1) rc2 = cli(&err2, NULL, "events --db \"%s/kept.db\" >/dev/null", ro);
    if (mounted) snprintf(cmd, sizeof cmd, "umount \"%s\"", ro);
    else snprintf(cmd, sizeof cmd, "chmod 755 \"%s\"", ro);
    assert_int_equal(system(cmd), 0);
    if (rc != 1) fail_msg("ingest into a read-only directory: exit %d, said:\n%s", rc, err);
    assert_says(err, "new.db: cannot open the store: its directory ");
    assert_says(err, "/ro cannot be written");
    assert_says(err, "name a store in a writable place with --db");
    free(err);
    if (rc2 != 1) fail_msg("events on a read-only store: exit %d, said:\n%s", rc2, err2 ? err2 : "");
    if (mounted) assert_says(err2, "kept.db: cannot open the store: it cannot be written (Read-only file system)");
    else assert_says(err2, "cannot be written (Permission denied)");
    if (strstr(err2, "unable to open database file")) fail_msg("SQLite's words:\n%s", err2);
    free(err2);
}

/* A file that cannot be read stops code, and the files after it are
 * named as never read. */
static void test_code_names_the_files_it_never_read(void **state) {
    NEED_FIXTURE();
    char good[256], *err;
    put_file(good, sizeof good, "good.jsonl", "{\"id\": \"g\", \"text\": \"Russia attacked Ukraine.\"}\n");
    int rc = cli(&err, NULL, "code --dicts \"%s\" \"%s\" \"%s/missing.txt\" \"%s/later.txt\" >/dev/null",
                 dicts, good, dir, dir);
    assert_int_equal(rc, 1);
    assert_says(err, "missing.txt: cannot");
    assert_says(err, "entente: stopped; not read: ");
    assert_says(err, "/later.txt\n");
    free(err);
}

/* serve refuses what it cannot serve before it listens, and stops
 * cleanly, status 0, on SIGTERM. */
static void test_serve_refuses_bad_settings_and_stops_on_sigterm(void **state) {
    NEED_FIXTURE();
    char *err, token[256];
    assert_int_equal(cli(&err, NULL, "serve --db \"%s/missing.db\" --listen 127.0.0.1:0", dir), 1);
    assert_says(err, "no store there");
    free(err);
    assert_int_equal(cli(&err, NULL, "serve --db \"%s\" --listen nonsense", db), 1);
    assert_says(err, "want HOST:PORT");
    free(err);
    assert_int_equal(cli(&err, NULL, "serve --db \"%s\" --listen 127.0.0.1:99999", db), 1);
    assert_says(err, "want HOST:PORT");
    free(err);
    put_file(token, sizeof token, "short-token", "abc\n");
    assert_int_equal(cli(&err, NULL, "serve --db \"%s\" --listen 127.0.0.1:0 --token-file \"%s\"", db,
                         token),
                     1);
    assert_says(err, "16 or more");
    free(err);
    assert_int_equal(cli(&err, NULL, "serve --db \"%s\" --threads 0", db), 64);
    assert_says(err, "--threads wants 1..256");
    free(err);
    int rc = cli(&err, "{", "serve --db \"%s\" --dicts \"%s\" --listen 127.0.0.1:0 & p=$!; sleep 1; "
                          "kill -TERM $p; wait $p; }",
                 db, dicts);
    assert_int_equal(rc, 0);
    assert_says(err, "entente: serving ");
    assert_says(err, "(read-only)");
    assert_says(err, "terminated: stopping");
    free(err);
}

/* Undated text is stored, with a warning naming it and status 2; --date
 * dates it, and the words of the text date its event against that day. */
static void test_undated_text_is_ingested_with_a_warning(void **state) {
    NEED_FIXTURE();
    char path[256], store[256], out[256], *err;
    put_file(path, sizeof path, "undated.txt", "Russia attacked Ukraine on Monday.\n");
    snprintf(store, sizeof store, "%s/undated.db", dir);
    assert_int_equal(cli(&err, NULL, "ingest --db \"%s\" --dicts \"%s\" \"%s\"", store, dicts, path), 2);
    assert_says(err, "warning: 1 documents have no date (the first: ");
    assert_says(err, "--date YYYY-MM-DD");
    free(err);
    snprintf(store, sizeof store, "%s/dated.db", dir);
    assert_int_equal(cli(&err, NULL, "ingest --db \"%s\" --dicts \"%s\" --date 2024-03-06 \"%s\"",
                         store, dicts, path), 0);
    if (strstr(err, "warning")) fail_msg("a warning with --date:\n%s", err);
    free(err);
    snprintf(out, sizeof out, "%s/dated.csv", dir);
    assert_int_equal(cli(&err, NULL, "events --db \"%s\" --format csv >\"%s\"", store, out), 0);
    free(err);
    char *got = read_back(out);
    if (!strstr(got, ",2024-03-06,RUS,UKR,190,") || !strstr(got, ",2024-03-04,day,Monday,"))
        fail_msg("want the story's date and Monday the 4th, got:\n%s", got);
    free(got);
}

/* `entente --help` lists every command, and each answers `--help` with
 * its own usage, status 0. */
static void test_every_listed_command_describes_itself(void **state) {
    NEED_FIXTURE();
    char list[256], *err;
    snprintf(list, sizeof list, "%s/commands", dir);
    assert_int_equal(cli(&err, NULL, "--help >\"%s\"", list), 0);
    free(err);
    char *text = read_back(list);
    int n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char name[32], usage[64], out[256];
        if (strncmp(line, "  ", 2) || sscanf(line + 2, "%31s", name) != 1) continue;
        snprintf(out, sizeof out, "%s/usage", dir);
        int rc = cli(&err, NULL, "%s --help >\"%s\"", name, out);
        if (rc != 0) fail_msg("%s --help: exit %d, said:\n%s", name, rc, err);
        free(err);
        char *got = read_back(out);
        snprintf(usage, sizeof usage, "usage: entente %s", name);
        if (strncmp(got, usage, strlen(usage))) fail_msg("%s --help printed:\n%s", name, got);
        free(got);
        n++;
    }
    free(text);
    assert_int_equal(n, 18);
}

/* Files may come before, between and after the options; -j takes its
 * count attached or apart, and a long option its value after '='. */
static void test_code_takes_files_and_options_in_any_order(void **state) {
    NEED_FIXTURE();
    static const char *const forms[] = {
        "--to tsv -j 2 --dicts \"%s\" \"%s\"",
        "\"%2$s\" -j2 --to tsv --dicts \"%1$s\"",
        "--to=tsv \"%2$s\" --dicts=\"%1$s\"",
        "--to tsv --dicts \"%s\" -- \"%s\"",
    };
    char *first = NULL;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char args[512], out[256], *err;
        snprintf(args, sizeof args, forms[i], dicts, sample);
        snprintf(out, sizeof out, "%s/order.tsv", dir);
        int rc = cli(&err, NULL, "code %s >\"%s\"", args, out);
        if (rc != 0) fail_msg("code %s: exit %d, said:\n%s", args, rc, err);
        free(err);
        char *got = read_back(out);
        if (!strstr(got, "\tRUS\tUKR\t")) fail_msg("code %s gave:\n%s", args, got);
        if (!first) first = got;
        else {
            if (strcmp(first, got)) fail_msg("code %s differs from code %s", args, forms[0]);
            free(got);
        }
    }
    free(first);
}

/* A usage error names what is wrong and the argument, then the usage,
 * status 64; a long option is taken only as spelt in full. */
static void test_usage_errors_name_the_argument(void **state) {
    NEED_FIXTURE();
    static const char *const cases[][2] = {
        {"code -j0", "entente: -j wants 1..64: -j0\nusage: entente code "},
        {"code -j 0", "entente: -j wants 1..64: 0\nusage: entente code "},
        {"code --dicts", "entente: unknown or incomplete option: --dicts\nusage: entente code "},
        {"code --stat", "entente: unknown or incomplete option: --stat\n"},
        {"events --bogus x", "entente: unknown option: --bogus\nusage: entente events "},
        {"events --dyad RUS", "entente: --dyad wants two codes\n"},
        {"validate a.xml b.xml", "entente: one records file only: b.xml\n"},
        {"dyad RUS UKR X", "entente: unexpected argument: X\n"},
        {"trends --normalize x", "entente: unknown option: --normalize\n"},
        {"dict lookup Serbia more", "entente: unknown or incomplete option: more\n"},
        {"worker --ack-wait 0", "entente: --ack-wait wants 1..86400 seconds: 0\n"},
        {"recode --from text", "entente: unknown or incomplete option: --from\n"},
        {"blocs --count events", "entente: --count wants happenings or mentions: events\n"},
        {"overview --count all", "entente: --count wants happenings or mentions: all\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *err;
        int rc = cli(&err, NULL, "%s </dev/null", cases[i][0]);
        if (rc != 64) fail_msg("%s: exit %d, said:\n%s", cases[i][0], rc, err);
        if (strncmp(err, cases[i][1], strlen(cases[i][1])))
            fail_msg("%s: want it to start\n%s\nsaid:\n%s", cases[i][0], cases[i][1], err);
        free(err);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_to_a_full_device_fails_saying_so),
        cmocka_unit_test(test_undated_text_is_ingested_with_a_warning),
        cmocka_unit_test(test_store_commands_to_a_full_device_fail_saying_so),
        cmocka_unit_test(test_any_command_to_a_full_device_fails),
        cmocka_unit_test(test_validate_to_a_full_device_fails_saying_so),
        cmocka_unit_test(test_a_plot_cut_short_is_not_said_written_nor_left),
        cmocka_unit_test(test_a_line_too_long_for_memory_is_an_error),
        cmocka_unit_test(test_a_device_is_refused_as_input_and_as_a_dictionary),
        cmocka_unit_test(test_code_reads_standard_input_by_its_form),
        cmocka_unit_test(test_dict_lookup_and_code_agree_on_an_actors_code),
        cmocka_unit_test(test_a_document_with_many_events_comes_out_whole),
        cmocka_unit_test(test_code_and_ingest_give_one_id_to_an_unnamed_sentence),
        cmocka_unit_test(test_no_dictionaries_found_says_where_to_point),
        cmocka_unit_test(test_an_empty_db_is_refused),
        cmocka_unit_test(test_code_names_the_files_it_never_read),
        cmocka_unit_test(test_a_conllu_parse_with_comments_in_xml_is_read),
        cmocka_unit_test(test_input_with_nothing_to_code_says_so),
        cmocka_unit_test(test_a_form_that_does_not_match_is_named),
        cmocka_unit_test(test_a_device_or_endless_stream_on_stdin_is_bounded),
        cmocka_unit_test(test_code_and_ingest_find_the_same_events_and_ids),
        cmocka_unit_test(test_a_story_with_a_discard_is_stored_whole),
        cmocka_unit_test(test_ingest_stores_the_rest_when_one_input_cannot_be_read),
        cmocka_unit_test(test_ingest_reads_a_named_pipe_once),
        cmocka_unit_test(test_a_store_in_a_read_only_place_is_said_plainly),
        cmocka_unit_test(test_serve_refuses_bad_settings_and_stops_on_sigterm),
        cmocka_unit_test(test_every_listed_command_describes_itself),
        cmocka_unit_test(test_code_takes_files_and_options_in_any_order),
        cmocka_unit_test(test_usage_errors_name_the_argument),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
