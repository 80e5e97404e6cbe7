/* test_ingest.c -- `entente ingest`, `recode` and `events` through the
 * public interface (entente.h), on SQLite and on PostgreSQL
 * (ENTENTE_TEST_PG): idempotent re-runs, dedup by text, threads, recode
 * with another dictionary set, the three output formats, and a kill -9 in
 * the middle of an ingest of the real binary. */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "store_tu.h"

#include "entente.h"

/* A PETRARCH XML file of n one-sentence stories k00000.. with one event
 * each (four dyads in turn). */
static char *write_corpus(int n, const char *prefix) {
    static const char *pairs[4][2] = {
        {"Russia", "Ukraine"}, {"Iran", "Israel"}, {"Ukraine", "Russia"}, {"Israel", "Iran"}};
    char *path = tu_write_tmp("", ".xml");
    assert_non_null(path);
    FILE *x = fopen(path, "w");
    assert_non_null(x);
    fputs("<Sentences>\n", x);
    for (int i = 0; i < n; i++) {
        const char *a = pairs[i % 4][0], *b = pairs[i % 4][1];
        fprintf(x,
                "<Sentence date=\"2024%02d%02d\" id=\"%s%05d\"><Text>%s attacked %s in town %d."
                "</Text><Parse>(ROOT (S (NP (NNP %s)) (VP (VBD attacked) (NP (NNP %s)) (PP (IN in)"
                " (NP (NN town) (CD %d)))) (. .)))</Parse></Sentence>\n",
                1 + i / 28 % 12, 1 + i % 28, prefix, i, a, b, i, a, b, i);
    }
    fputs("</Sentences>\n", x);
    fclose(x);
    return path;
}

static ent_store_counts counts_of(const char *url) {
    char err[1300];
    ent_store *s = ent_store_open(url, err, sizeof err);
    if (!s) fprintf(stderr, "%s\n", err);
    assert_non_null(s);
    ent_store_counts c;
    assert_int_equal(ent_store_counts_get(s, &c), 0);
    ent_store_close(s);
    return c;
}

static const char *fresh(void **state) {
    int which = *(int *)*state;
    const char *url = tu_store_url(which);
    TU_NEED_STORE(which, url);
    return url;
}

static int ingest(const char *url, const char *dicts, const char *file, int threads, int batch,
                  FILE *err) {
    entente_ingest_opts o = {.db = url, .dicts = dicts, .threads = threads, .batch = batch,
                             .progress = -1};
    char *files[] = {(char *)file};
    return entente_ingest(&o, files, 1, err);
}

/* ---- Tests ------------------------------------------------------------------- */

static void test_ingest_twice_adds_nothing_the_second_time(void **state) {
    const char *url = fresh(state), *d = tu_example("dict");
    if (!d) skip();
    char dicts[256], sample[256];
    snprintf(dicts, sizeof dicts, "%s", d);
    snprintf(sample, sizeof sample, "%s", tu_example("sample.xml"));
    FILE *err = tmpfile();
    assert_int_equal(ingest(url, dicts, sample, 1, 8, err), 0);
    ent_store_counts a = counts_of(url);
    assert_int_equal(a.documents, 37);
    assert_int_equal(a.sentences, 37);
    assert_true(a.events >= 37);
    assert_int_equal(a.dict_sets, 1);
    assert_int_equal(ingest(url, dicts, sample, 2, 8, err), 0);
    ent_store_counts b = counts_of(url);
    assert_memory_equal(&a, &b, sizeof a);
    char *msg = tu_capture(err);
    assert_non_null(strstr(msg, "ingest: 37 documents stored, 0 skipped"));
    assert_non_null(strstr(msg, "ingest: 0 documents stored, 37 skipped (already stored)"));
    free(msg);
    fclose(err);
    tu_store_cleanup(*(int *)*state, url);
}

static void test_ingest_skips_the_same_story_under_another_id(void **state) {
    const char *url = fresh(state), *dicts = tu_example("dict");
    if (!dicts) skip();
    char *one = write_corpus(20, "k");
    char *two = write_corpus(30, "other-");   /* 20 same texts, 10 new */
    FILE *err = tmpfile();
    assert_int_equal(ingest(url, dicts, one, 1, 7, err), 0);
    assert_int_equal(ingest(url, dicts, two, 1, 7, err), 0);
    ent_store_counts c = counts_of(url);
    assert_int_equal(c.documents, 30);
    assert_int_equal(c.events, 30);
    char *msg = tu_capture(err);
    assert_non_null(strstr(msg, "ingest: 10 documents stored, 20 skipped"));
    /* each copy is kept as a mention of the story it repeats; the first
     * few are named with it, all are counted */
    assert_non_null(strstr(msg, ": document other-00003 is a copy of stored document k00003: "));
    assert_non_null(strstr(msg, "ingest: 20 of those skipped are copies of stored documents"));
    int named = 0;
    for (const char *p = msg; (p = strstr(p, " is a copy of stored document ")); p++) named++;
    assert_int_equal(named, 10);
    free(msg);
    char e[1300];
    ent_store *s = ent_store_open(url, e, sizeof e);
    assert_non_null(s);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM doc_copies"), 20);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM happenings WHERE documents = 2"), 20);
    ent_store_close(s);
    fclose(err);
    unlink(one), unlink(two), free(one), free(two);
    tu_store_cleanup(*(int *)*state, url);
}

static void test_ingest_on_threads_stores_what_one_thread_stores(void **state) {
    const char *url = fresh(state), *dicts = tu_example("dict");
    if (!dicts) skip();
    char *corpus = write_corpus(1000, "k");
    assert_int_equal(ingest(url, dicts, corpus, 4, 64, stderr), 0);
    ent_store_counts c = counts_of(url);
    assert_int_equal(c.documents, 1000);
    assert_int_equal(c.sentences, 1000);
    assert_int_equal(c.events, 1000);
    char err[1300];
    ent_store *s = ent_store_open(url, err, sizeof err);
    assert_non_null(s);
    /* each story keeps its own event (no mix-up between threads) */
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events e JOIN sentences s ON s.doc = e.doc"
                                 " WHERE s.text NOT LIKE '%' || "
                                 "CASE e.source WHEN 'RUS' THEN 'Russia' WHEN 'UKR' THEN 'Ukraine'"
                                 " WHEN 'IRN' THEN 'Iran' ELSE 'Israel' END || ' attacked%'"),
                     0);
    /* story i has the dyad and the day of story i - 336 (28 days, 12
     * months, 4 dyads in turn): 336 happenings, across batches and
     * threads, each counted once with all its mentions */
    assert_int_equal(tu_count(s, "SELECT count(*) FROM happenings"), 336);
    assert_int_equal(tu_count(s, "SELECT count(DISTINCT happening) FROM events"), 336);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE lead_mention = 1"), 336);
    assert_int_equal(tu_count(s, "SELECT sum(mentions) FROM happenings"), 1000);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM happenings h WHERE h.mentions <> h.documents"
                                 " OR h.sources <> 1 OR h.mentions <> (SELECT count(*) FROM events e"
                                 " WHERE e.happening = h.id)"),
                     0);
    ent_store_close(s);
    unlink(corpus), free(corpus);
    tu_store_cleanup(*(int *)*state, url);
}

/* Copy examples/dict to a temp dir, with `from` replaced by `to` in the
 * verbs file; returns the directory. */
static char *dict_variant(const char *src, const char *from, const char *to) {
    static char dir[128];
    snprintf(dir, sizeof dir, "/tmp/entente-dict-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp %s/* %s/ && sed -i 's/%s/%s/g' %s/entente.verbs.txt", src, dir,
             from, to, dir);
    assert_int_equal(system(cmd), 0);
    return dir;
}

/* A directory is walked: its files ingested, a link back up (a loop)
 * and a dangling link said and passed over, never followed for ever; two
 * files that give one id to different sentences keep the first and say
 * so for the second. */
static void test_a_directory_walk_says_what_it_passes_over(void **state) {
    const char *url = fresh(state), *dicts = tu_example("dict");
    if (!dicts) skip();
    char dir[] = "/tmp/entente-walk-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], cmd[512];
    snprintf(path, sizeof path, "%s/sub", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    static const char *const files[2][2] = {
        {"a.conllu", "# sent_id = 1\n1\tRussia\tRussia\tPROPN\tNNP\t_\t0\troot\t_\t_\n\n"},
        {"sub/b.conllu", "# sent_id = 1\n1\tIran\tIran\tPROPN\tNNP\t_\t0\troot\t_\t_\n\n"},
    };
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(files[i][1], f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/sub/loop", dir);
    assert_int_equal(symlink("..", path), 0);
    snprintf(path, sizeof path, "%s/dangling", dir);
    assert_int_equal(symlink("/nonexistent/entente", path), 0);
    FILE *err = tmpfile();
    assert_int_equal(ingest(url, dicts, dir, 1, 16, err), 2);   /* done, with messages */
    char *msg = tu_capture(err);
    assert_non_null(strstr(msg, "/sub/loop: links back to a directory above it; not followed"));
    assert_non_null(strstr(msg, "/dangling: cannot read: No such file or directory"));
    assert_non_null(strstr(msg, "/sub/b.conllu:2: document 1: another document has this id"));
    free(msg);
    fclose(err);
    ent_store_counts c = counts_of(url);
    assert_int_equal(c.documents, 1);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    tu_store_cleanup(*(int *)*state, url);
}

static void test_recode_replaces_events_with_the_new_dictionaries(void **state) {
    const char *url = fresh(state), *dicts = tu_example("dict");
    if (!dicts) skip();
    char *corpus = write_corpus(50, "k");
    assert_int_equal(ingest(url, dicts, corpus, 1, 16, stderr), 0);
    char err[1300];
    ent_store *s = ent_store_open(url, err, sizeof err);
    assert_non_null(s);
    long long before = tu_count(s, "SELECT count(*) FROM events WHERE root = '19'");
    assert_true(before == 50);
    ent_store_close(s);
    /* the new set codes "attacked" as 180 instead of 19x */
    char *dir = dict_variant(dicts, "\\[19[0-9]*\\]", "[180]");
    entente_ingest_opts o = {.db = url, .dicts = dir, .threads = 2, .batch = 16, .progress = -1};
    FILE *log = tmpfile();
    assert_int_equal(entente_recode(&o, log), 0);
    char *msg = tu_capture(log);
    assert_non_null(strstr(msg, "recode: 50 documents recoded"));
    free(msg);
    s = ent_store_open(url, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE root = '19'"), 0);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE code = '180'"), 50);
    assert_int_equal(tu_count(s, "SELECT count(DISTINCT dict) FROM documents"), 1);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM dict_sets"), 2);
    ent_store_close(s);
    /* recoding again with the same set has nothing to do */
    rewind(log);
    assert_int_equal(entente_recode(&o, log), 0);
    msg = tu_capture(log);
    assert_non_null(strstr(msg, "recode: 0 documents recoded"));
    free(msg);
    fclose(log);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    unlink(corpus), free(corpus);
    tu_store_cleanup(*(int *)*state, url);
}

static void test_events_prints_table_jsonl_and_csv(void **state) {
    const char *url = fresh(state), *dicts = tu_example("dict");
    if (!dicts) skip();
    char *corpus = write_corpus(8, "k");
    assert_int_equal(ingest(url, dicts, corpus, 1, 16, stderr), 0);
    entente_events_opts o = {.db = url, .dyad_a = "RUS", .dyad_b = "UKR", .format = ENTENTE_FMT_TABLE};
    FILE *out = tmpfile();
    assert_int_equal(entente_events(&o, out, stderr), 0);
    char *t = tu_capture(out);
    /* a header and four rows, the columns aligned */
    assert_true(!strncmp(t, "event_id ", 9));
    assert_non_null(strstr(t, "  date        event_date  doc     sent  source  target  code  quad  goldstein"));
    assert_non_null(strstr(t, "  2024-01-01  2024-01-01  k00000  0     RUS     UKR     "));
    assert_non_null(strstr(t, "  2024-01-03  2024-01-03  k00002  0     UKR     RUS     "));
    /* with its sentence and its story */
    assert_non_null(strstr(t, "Russia attacked Ukraine in town 0.\n"));
    int lines = 0;
    for (char *p = t; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 5);
    free(t);
    fclose(out);
    o.format = ENTENTE_FMT_JSONL;
    o.limit = 1;
    out = tmpfile();
    assert_int_equal(entente_events(&o, out, stderr), 0);
    t = tu_capture(out);
    char want_id[64];
    snprintf(want_id, sizeof want_id, "{\"event_id\": %lld, ", (long long)ent_store_event_id("k00000", 0, 0));
    if (strncmp(t, want_id, strlen(want_id))) fail_msg("want %s first, got: %s", want_id, t);
    t[strlen(want_id) - 1] = '{';   /* the rest as `entente code` writes it */
    const char *head = "{\"doc\": \"k00000\", \"sent\": 0, \"date\": \"2024-01-01\", "
                       "\"event_date\": \"2024-01-01\", \"date_precision\": \"none\", "
                       "\"date_text\": \"\", \"source\": \"RUS\", \"target\": \"UKR\", \"code\": \"";
    char *rest = t + strlen(want_id) - 1;
    if (strncmp(rest, head, strlen(head))) fprintf(stderr, "got: %s\n", t);
    assert_true(!strncmp(rest, head, strlen(head)));
    assert_non_null(strstr(t, "\"verb\": \"attacked\""));
    assert_non_null(strstr(t, ", \"sentence\": \"Russia attacked Ukraine in town 0.\", \"outlet\": "));
    free(t);
    fclose(out);
    o.format = ENTENTE_FMT_CSV;
    o.limit = 0;
    o.dyad_a = o.dyad_b = NULL;
    o.actor = "IRN";
    out = tmpfile();
    assert_int_equal(entente_events(&o, out, stderr), 0);
    t = tu_capture(out);
    head = "event_id,doc,sent,date,source,target,code,root,quad,goldstein,source_text,"
           "target_text,verb,pattern,issue,event_date,date_precision,date_text,sentence,outlet,url,"
           "title,place,place_name,place_country,place_adm1,lat,lon,place_kind,happening,mentions,"
           "documents,sources\n";
    if (strncmp(t, head, strlen(head))) fprintf(stderr, "got: %s\n", t);
    assert_true(!strncmp(t, head, strlen(head)));
    assert_non_null(strstr(t, ",k00001,0,2024-01-02,IRN,ISR,"));
    free(t);
    fclose(out);
    /* a text search finds the same events whatever `entente index` did */
    o = (entente_events_opts){.db = url, .text = "attacked", .format = ENTENTE_FMT_CSV};
    int found[3];
    for (int round = 0; round < 3; round++) {
        if (round) {
            out = tmpfile();
            assert_int_equal(entente_text_index(url, round == 1, out, stderr), 0);
            t = tu_capture(out);
            assert_non_null(strstr(t, round == 1 ? "dropped" : "up to date"));
            free(t);
            fclose(out);
        }
        out = tmpfile();
        assert_int_equal(entente_events(&o, out, stderr), 0);
        t = tu_capture(out);
        found[round] = 0;
        for (char *p = t; *p; p++) found[round] += *p == '\n';
        free(t);
        fclose(out);
    }
    assert_true(found[0] > 1);
    assert_int_equal(found[1], found[0]);
    assert_int_equal(found[2], found[0]);
    unlink(corpus), free(corpus);
    tu_store_cleanup(*(int *)*state, url);
}

static void test_jsonl_text_goes_through_the_pipeline_and_recodes(void **state) {
    const char *url = fresh(state), *d = tu_example("dict");
    if (!d) skip();
    char dicts[256];
    snprintf(dicts, sizeof dicts, "%s", d);
    char *path = tu_write_tmp(
        "{\"id\": \"j1\", \"date\": \"2024-05-01\", \"source\": \"wire\", \"text\": "
        "\"Russia attacked Ukraine on Monday. Iran criticized Israel.\"}\n"
        "{\"id\": \"j2\", \"date\": \"2024-05-02\", \"text\": \"Russia  ATTACKED Ukraine on "
        "Monday; Iran criticized Israel\"}\n",
        ".jsonl");
    assert_non_null(path);
    FILE *err = tmpfile();
    assert_int_equal(ingest(url, dicts, path, 1, 8, err), 0);
    char *msg = tu_capture(err);
    /* j2 is j1 with other case, spacing and punctuation: skipped */
    assert_non_null(strstr(msg, "ingest: 1 documents stored, 1 skipped"));
    free(msg);
    fclose(err);
    char e[1300];
    ent_store *s = ent_store_open(url, e, sizeof e);
    assert_non_null(s);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM sentences WHERE parse IS NULL"), 2);
    assert_int_equal(tu_count(s, "SELECT end_off FROM sentences WHERE idx = 0"), 34);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE src_country = 'RUS'"
                                 " AND tgt_country = 'UKR' AND root = '19'"), 1);
    ent_store_close(s);
    /* recode from the stored sentence text */
    char *dir = dict_variant(dicts, "\\[19[0-9]*\\]", "[180]");
    entente_ingest_opts o = {.db = url, .dicts = dir, .progress = -1};
    assert_int_equal(entente_recode(&o, stderr), 0);
    s = ent_store_open(url, e, sizeof e);
    assert_non_null(s);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE code = '180'"), 1);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events WHERE root = '11'"), 1);
    ent_store_close(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    unlink(path), free(path);
    tu_store_cleanup(*(int *)*state, url);
}

/* The same input twice in one run, in small batches on several threads:
 * the second copy's batches are read while the first copy's are still
 * being coded (the reader's lookup cannot see them yet), and the writer's
 * put still stores each document once. */
static void test_a_document_repeated_in_batches_in_flight_is_stored_once(void **state) {
    const char *dicts = tu_example("dict");
    if (!dicts) skip();
    const char *url = fresh(state);
    char *corpus = write_corpus(300, "r");
    entente_ingest_opts o = {.db = url, .dicts = dicts, .threads = 3, .batch = 7, .progress = -1};
    char *files[] = {corpus, corpus};
    FILE *err = tmpfile();
    assert_non_null(err);
    assert_int_equal(entente_ingest(&o, files, 2, err), 0);
    char *out = tu_capture(err);
    assert_non_null(strstr(out, "300 documents stored, 300 skipped"));
    free(out);
    fclose(err);
    ent_store_counts c = counts_of(url);
    assert_int_equal(c.documents, 300);
    assert_int_equal(c.sentences, 300);
    assert_int_equal(c.events, 300);
    unlink(corpus), free(corpus);
    tu_store_cleanup(*(int *)*state, url);
}

/* ---- kill -9 ------------------------------------------------------------------ */

/* The entente binary beside this test program (build/tests/.. ). */
static pid_t spawn_ingest(const char *bin, const char *url, const char *dicts, const char *file) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) dup2(devnull, 2);
        execl(bin, bin, "ingest", "--db", url, "--dicts", dicts, "--batch", "40", "--progress",
              "none", file, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static long long docs_now(const char *url) {
    char err[1300];
    ent_store *s = ent_store_open(url, err, sizeof err);
    if (!s) return 0;   /* may be busy creating the schema */
    long long n = tu_count(s, "SELECT count(*) FROM documents");
    ent_store_close(s);
    return n;
}

static void test_kill_9_mid_ingest_loses_nothing_committed_and_resumes(void **state) {
    const char *dicts = tu_example("dict");
    const char *bin = tu_entente_binary();
    if (!dicts || !bin) skip();
    int which = *(int *)*state;
    const int n = 30000;
    const char *u = fresh(state);   /* before the corpus: a skip here leaves nothing behind */
    char *corpus = write_corpus(n, "k");
    /* the reference: a clean run in-process */
    char clean_url[512];
    snprintf(clean_url, sizeof clean_url, "%s%s", u, which == TU_SQLITE ? ".clean.db" : "");
    assert_int_equal(ingest(clean_url, dicts, corpus, 2, 500, stderr), 0);
    ent_store_counts clean = counts_of(clean_url);
    assert_int_equal(clean.documents, n);
    if (which == TU_PG) u = tu_store_url(which);   /* the same server: empty it again */
    char url[512];
    snprintf(url, sizeof url, "%s", u);

    /* the real binary, killed once a few batches are committed */
    pid_t pid = spawn_ingest(bin, url, dicts, corpus);
    long long seen = 0;
    for (int i = 0; i < 20000 && seen < 400; i++) {
        usleep(2000);
        seen = docs_now(url);
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) fail_msg("ingest ended before the kill");
    }
    assert_int_equal(kill(pid, SIGKILL), 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    /* integrity: whole batches only, every document with its sentence and
     * its events, nothing orphaned */
    char err[1300];
    ent_store *s = ent_store_open(url, err, sizeof err);
    assert_non_null(s);
    long long docs = tu_count(s, "SELECT count(*) FROM documents");
    fprintf(stderr, "kill -9 after %lld of %d documents committed\n", docs, n);
    assert_true(docs >= 400 && docs < n);
    assert_int_equal(docs % 40, 0);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                                 " (SELECT 1 FROM sentences x WHERE x.doc = d.key)"), 0);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                                 " (SELECT 1 FROM events x WHERE x.doc = d.key)"), 0);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM sentences x WHERE NOT EXISTS"
                                 " (SELECT 1 FROM documents d WHERE d.key = x.doc)"), 0);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events x WHERE NOT EXISTS"
                                 " (SELECT 1 FROM documents d WHERE d.key = x.doc)"), 0);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM sentences"), docs);
    assert_int_equal(tu_count(s, "SELECT count(*) FROM events"), docs);
    ent_store_close(s);

    /* the next run resumes: the totals are those of the clean run */
    pid = spawn_ingest(bin, url, dicts, corpus);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ent_store_counts after = counts_of(url);
    assert_int_equal(after.documents, clean.documents);
    assert_int_equal(after.sentences, clean.sentences);
    assert_int_equal(after.events, clean.events);
    unlink(corpus), free(corpus);
    tu_store_cleanup(which, clean_url);
    tu_store_cleanup(which, url);
}

static int sqlite_backend = TU_SQLITE, pg_backend = TU_PG;

/* The date words of an event's clause travel from the text through ingest
 * into the store and out of `entente events`; the analysis range is the
 * event's date, and the story's with --date-field published. */
static void test_event_dates_are_stored_and_exported(void **state) {
    const char *url = fresh(state), *dicts = tu_example("dict");
    if (!dicts) skip();
    char *path = tu_write_tmp(
        "{\"id\": \"e1\", \"date\": \"2025-01-02\", \"text\": \"KYIV, Jan 2 (Reuters) - "
        "Russia attacked Ukraine on Dec. 30. Iran attacked Israel last month. "
        "Russia attacked Ukraine again.\"}\n",
        ".jsonl");
    assert_non_null(path);
    assert_int_equal(ingest(url, dicts, path, 1, 16, stderr), 0);
    entente_events_opts o = {.db = url, .format = ENTENTE_FMT_JSONL};
    FILE *out = tmpfile();
    assert_int_equal(entente_events(&o, out, stderr), 0);
    char *t = tu_capture(out);
    fclose(out);
    /* in order of the event's date: December before the story's day */
    const char *want[] = {
        "\"date\": \"2025-01-02\", \"event_date\": \"2024-12-01\", \"date_precision\": \"month\", "
        "\"date_text\": \"last month\", \"source\": \"IRN\"",
        "\"date\": \"2025-01-02\", \"event_date\": \"2024-12-30\", \"date_precision\": \"day\", "
        "\"date_text\": \"Dec. 30\", \"source\": \"RUS\"",
        "\"date\": \"2025-01-02\", \"event_date\": \"2025-01-02\", \"date_precision\": \"none\", "
        "\"date_text\": \"\", \"source\": \"RUS\""};
    const char *at = t;
    for (int i = 0; i < 3; i++) {
        const char *hit = strstr(at, want[i]);
        if (!hit) fail_msg("event %d: want %s in order, got:\n%s", i, want[i], t);
        at = hit;
    }
    free(t);
    /* --from/--to select by the event's date unless told otherwise */
    o.from = 20241201, o.to = 20241231;
    o.format = ENTENTE_FMT_CSV;
    out = tmpfile();
    assert_int_equal(entente_events(&o, out, stderr), 0);
    t = tu_capture(out);
    fclose(out);
    int lines = 0;
    for (char *p = t; *p; p++) lines += *p == '\n';
    if (lines != 3) fail_msg("want a header and 2 December events, got:\n%s", t);
    assert_non_null(strstr(t, ",2024-12-30,day,Dec. 30,"));
    free(t);
    o.date_field = ENTENTE_DATE_PUBLISHED;
    out = tmpfile();
    assert_int_equal(entente_events(&o, out, stderr), 0);
    t = tu_capture(out);
    fclose(out);
    assert_null(strchr(strchr(t, '\n') + 1, '\n'));   /* the header alone */
    free(t);
    unlink(path), free(path);
    tu_store_cleanup(*(int *)*state, url);
}

/* The store's events as `entente events --format` writes them (malloc'd). */
static char *events_as(const char *url, int format) {
    entente_events_opts o = {.db = url, .format = format};
    FILE *out = tmpfile();
    assert_non_null(out);
    assert_int_equal(entente_events(&o, out, stderr), 0);
    char *t = tu_capture(out);
    fclose(out);
    return t;
}

/* An event's place travels from its clause through ingest into the store
 * and out of `entente events` as JSON lines, CSV and GDELT's ActionGeo
 * columns; an event whose clause names no place has none. */
static void test_event_places_are_stored_and_exported(void **state) {
    const char *url = fresh(state), *dicts = tu_example("dict");
    if (!dicts) skip();
    char *path = tu_write_tmp("{\"id\": \"g1\", \"date\": \"2025-01-02\", \"text\": \"Russia signed an "
                              "agreement with Turkey in Istanbul on Friday. Russia attacked Ukraine.\"}\n",
                              ".jsonl");
    assert_non_null(path);
    assert_int_equal(ingest(url, dicts, path, 1, 16, stderr), 0);
    char *t = events_as(url, ENTENTE_FMT_JSONL);
    const char *placed = strstr(t, "\"target\": \"TUR\""), *unplaced = strstr(t, "\"target\": \"UKR\"");
    if (!placed || !unplaced) fail_msg("want RUS>TUR and RUS>UKR, got:\n%s", t);
    if (!strstr(placed, "\"place\": \"in Istanbul\", \"place_name\": \"Istanbul\", "
                        "\"place_country\": \"TUR\", \"place_adm1\": \"") ||
        !strstr(placed, "\"lat\": 41.0") || !strstr(placed, "\"place_kind\": \"city\""))
        fail_msg("the signing's place, got:\n%s", t);
    const char *line_end = strchr(unplaced, '\n');
    const char *none = strstr(unplaced, "\"place\": null, \"place_name\": null");
    if (!none || (line_end && none > line_end)) fail_msg("the attack has no place, got:\n%s", t);
    free(t);
    t = events_as(url, ENTENTE_FMT_CSV);
    /* the seven place fields, empty, then the happening's four */
    if (!strstr(t, ",in Istanbul,Istanbul,TUR,") || !strstr(t, ",,,,,,,"))
        fail_msg("CSV with and without a place, got:\n%s", t);
    free(t);
    t = events_as(url, ENTENTE_FMT_GDELT);
    /* ActionGeo: a city outside the US (4), its name and country, the
     * country's alpha-2, its ADM1, no ADM2, then the point */
    if (!strstr(t, "\t4\tIstanbul, ") || !strstr(t, "\tTR\tTR") || !strstr(t, "\t41.0138\t28.9497\t"))
        fail_msg("GDELT's ActionGeo columns, got:\n%s", t);
    free(t);
    unlink(path), free(path);
    tu_store_cleanup(*(int *)*state, url);
}

#define BOTH(t)                                                                              \
    cmocka_unit_test_prestate(t, &sqlite_backend), cmocka_unit_test_prestate(t, &pg_backend)

int main(void) {
    const struct CMUnitTest tests[] = {
        BOTH(test_ingest_twice_adds_nothing_the_second_time),
        BOTH(test_ingest_skips_the_same_story_under_another_id),
        BOTH(test_ingest_on_threads_stores_what_one_thread_stores),
        BOTH(test_a_directory_walk_says_what_it_passes_over),
        BOTH(test_recode_replaces_events_with_the_new_dictionaries),
        BOTH(test_events_prints_table_jsonl_and_csv),
        BOTH(test_event_dates_are_stored_and_exported),
        BOTH(test_event_places_are_stored_and_exported),
        BOTH(test_jsonl_text_goes_through_the_pipeline_and_recodes),
        BOTH(test_a_document_repeated_in_batches_in_flight_is_stored_once),
        BOTH(test_kill_9_mid_ingest_loses_nothing_committed_and_resumes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
