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
        {"overview", "cannot write the overview"},
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
    assert_says(err, "/dev/zero: cannot read input: not a regular file");
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
    snprintf(want, sizeof want, "{\"doc\": \"%s#2\", \"sent\": 0", path);
    assert_int_equal(cli(&err, NULL, "code --dicts \"%s\" \"%s\" >\"%s\"", dicts, path, out), 0);
    free(err);
    char *got = read_back(out);
    if (!strstr(got, want)) fail_msg("code: expected %s in:\n%s", want, got);
    free(got);
    assert_int_equal(cli(&err, NULL, "ingest --db \"%s/ids.db\" --dicts \"%s\" \"%s\"", dir, dicts, path), 0);
    free(err);
    assert_int_equal(cli(&err, NULL, "events --db \"%s/ids.db\" --format jsonl >\"%s\"", dir, out), 0);
    free(err);
    got = read_back(out);
    if (!strstr(got, want)) fail_msg("ingest: expected %s in:\n%s", want, got);
    free(got);
}

/* Run outside the source tree with no set installed, a job says where it
 * looked for the dictionaries and how to name them. */
static void test_no_dictionaries_found_says_where_to_point(void **state) {
    NEED_FIXTURE();
    if (access("/usr/local/share/entente/dict/PETR_config.ini", R_OK) == 0) skip();
    char *err, pre[300];
    snprintf(pre, sizeof pre, "cd \"%s\" && echo 'Russia attacked Ukraine.' | env -u ENTENTE_DICTS", dir);
    assert_int_equal(cli(&err, pre, "code >/dev/null"), 1);
    assert_says(err, "dict: cannot read: No such file or directory");
    assert_says(err, "no dictionary set found");
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

/* Undated text is stored, with a warning naming it; --date dates it, and
 * the words of the text date its event against that day. */
static void test_undated_text_is_ingested_with_a_warning(void **state) {
    NEED_FIXTURE();
    char path[256], store[256], out[256], *err;
    put_file(path, sizeof path, "undated.txt", "Russia attacked Ukraine on Monday.\n");
    snprintf(store, sizeof store, "%s/undated.db", dir);
    assert_int_equal(cli(&err, NULL, "ingest --db \"%s\" --dicts \"%s\" \"%s\"", store, dicts, path), 0);
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
    if (!strstr(got, ",2024-03-06,RUS,UKR,190,") || !strstr(got, ",2024-03-04,day,Monday\n"))
        fail_msg("want the story's date and Monday the 4th, got:\n%s", got);
    free(got);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_to_a_full_device_fails_saying_so),
        cmocka_unit_test(test_undated_text_is_ingested_with_a_warning),
        cmocka_unit_test(test_store_commands_to_a_full_device_fail_saying_so),
        cmocka_unit_test(test_any_command_to_a_full_device_fails),
        cmocka_unit_test(test_a_plot_cut_short_is_not_said_written_nor_left),
        cmocka_unit_test(test_a_line_too_long_for_memory_is_an_error),
        cmocka_unit_test(test_a_device_is_refused_as_input_and_as_a_dictionary),
        cmocka_unit_test(test_code_reads_standard_input_by_its_form),
        cmocka_unit_test(test_code_and_ingest_give_one_id_to_an_unnamed_sentence),
        cmocka_unit_test(test_no_dictionaries_found_says_where_to_point),
        cmocka_unit_test(test_an_empty_db_is_refused),
        cmocka_unit_test(test_code_names_the_files_it_never_read),
        cmocka_unit_test(test_serve_refuses_bad_settings_and_stops_on_sigterm),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
