/* test_server.c -- `entente serve` against a live server on a loopback
 * port the kernel picks: a store made from examples/news/sample.jsonl on
 * SQLite, and on the PostgreSQL server named by ENTENTE_TEST_PG (skipped,
 * saying so, when unset).  The API must give the commands' answers (the
 * same jobs run beside it, their output compared value for value), page
 * events without loss or repeat, guard writes with the token, count its
 * requests, and answer hostile requests with a JSON error and the right
 * status, never a crash.  Requests go over plain sockets, so malformed
 * ones can be sent as they are.  The query-string parser is tested on its
 * own first. */
#include "store_tu.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <json-c/json.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "dash.h"
#include "entente.h"
#include "sentspan.h"
#include "urlquery.h"
#include "watch.h"
#include "util.h"

/* ---- The query-string parser ---------------------------------------------------- */

static void test_urlquery_decodes_pairs(void **state) {
    (void)state;
    ent_urlquery q;
    char err[256];
    const char *s = "a=1&text=Russia+and%20Iran&empty=&flag&&dyad=RUS%2CUKR";
    assert_int_equal(ent_urlquery_parse(&q, s, strlen(s), err, sizeof err), 0);
    assert_int_equal(q.n, 5);
    assert_string_equal(ent_urlquery_get(&q, "a"), "1");
    assert_string_equal(ent_urlquery_get(&q, "text"), "Russia and Iran");
    assert_string_equal(ent_urlquery_get(&q, "empty"), "");
    assert_string_equal(ent_urlquery_get(&q, "flag"), "");
    assert_string_equal(ent_urlquery_get(&q, "dyad"), "RUS,UKR");
    assert_null(ent_urlquery_get(&q, "b"));
    ent_urlquery_free(&q);
    assert_int_equal(ent_urlquery_parse(&q, "", 0, err, sizeof err), 0);
    assert_int_equal(q.n, 0);
    ent_urlquery_free(&q);
}

static void test_urlquery_refuses_what_it_cannot_read_exactly(void **state) {
    (void)state;
    const char *bad[] = {"a=%4",   "a=%zz",  "a=%00b",    "=1",      "a=1&a=2", "a=%ff",
                         "%=1",    "a=%C3",  "a=%e2%82",  "x%2=1",   NULL};
    for (int i = 0; bad[i]; i++) {
        ent_urlquery q;
        char err[256] = "";
        int rc = ent_urlquery_parse(&q, bad[i], strlen(bad[i]), err, sizeof err);
        if (rc != -1) fprintf(stderr, "accepted: %s\n", bad[i]);
        assert_int_equal(rc, -1);
        assert_true(err[0] != '\0');
        ent_urlquery_free(&q);
    }
    /* too many pairs, and too long */
    char many[512] = "";
    for (int i = 0; i <= ENT_URLQUERY_MAX; i++) {
        char p[16];
        snprintf(p, sizeof p, "%sk%d=1", i ? "&" : "", i);
        strcat(many, p);
    }
    ent_urlquery q;
    char err[256];
    assert_int_equal(ent_urlquery_parse(&q, many, strlen(many), err, sizeof err), -1);
    ent_urlquery_free(&q);
    size_t n = ENT_URLQUERY_MAX_LEN + 1;
    char *longq = malloc(n + 1);
    assert_non_null(longq);
    memset(longq, 'a', n);
    longq[0] = 'k', longq[1] = '=', longq[n] = '\0';
    assert_int_equal(ent_urlquery_parse(&q, longq, n, err, sizeof err), -1);
    ent_urlquery_free(&q);
    free(longq);
}

/* ---- Where an event's words stand in its sentence -------------------------------- */

static void test_sentspan_finds_tokens_through_the_sentence_once_each(void **state) {
    (void)state;
    const char *s = "U.S. forces killed the Revolutionary Guards' Quds Force commander in Iraq.";
    size_t n = strlen(s);
    int32_t sp[2], taken[2][2];
    assert_int_equal(ent_sentspan_find(s, n, "Revolutionary Guards ' Quds Force", NULL, 0, sp), 0);
    assert_int_equal(sp[0], 23);
    assert_int_equal(sp[1], 55);
    assert_int_equal(ent_sentspan_find(s, n, "U.S.", NULL, 0, sp), 0);
    assert_int_equal(sp[0], 0);
    /* a word boundary at both ends: "Iraq" is not in "Iraqi", "in" not in "killed in" twice */
    const char *t = "Iraqi troops met Iraq's envoy in Baghdad and Iraq agreed.";
    assert_int_equal(ent_sentspan_find(t, strlen(t), "Iraq", NULL, 0, sp), 0);
    assert_int_equal(sp[0], 17);
    /* the same words twice: a second event's words take the place left free */
    taken[0][0] = sp[0], taken[0][1] = sp[1];
    assert_int_equal(ent_sentspan_find(t, strlen(t), "Iraq", (const int32_t(*)[2])taken, 1, sp), 0);
    assert_int_equal(sp[0], 45);
    taken[1][0] = sp[0], taken[1][1] = sp[1];
    assert_int_equal(ent_sentspan_find(t, strlen(t), "Iraq", (const int32_t(*)[2])taken, 2, sp),
                     -1);
    assert_int_equal(ent_sentspan_find(t, strlen(t), "Syria", NULL, 0, sp), -1);
    assert_int_equal(ent_sentspan_find(t, strlen(t), "", NULL, 0, sp), -1);
    assert_int_equal(ent_sentspan_find("", 0, "Iraq", NULL, 0, sp), -1);
    /* words cut short at the end of the sentence are not there */
    assert_int_equal(ent_sentspan_find("met Iraq", 8, "Iraq 's", NULL, 0, sp), -1);
}

/* ---- A live server ---------------------------------------------------------------- */

typedef struct fixture {
    int which;
    int max_connections, idle_s;   /* 0: the tests' defaults */
    int empty;                /* a store with nothing in it */
    const char *watch;        /* --watch DIR, or NULL */
    const char *url;
    entente_server *srv;
    int port;
    char token_path[64];
} fixture;

static int which_sqlite = TU_SQLITE, which_pg = TU_PG;

static const char *token = "test-token-0123456789abcdef";

/* The documents of `path` stored into the store at url, as entente
 * ingest stores them, by a writer of its own. */
static void ingest_file(const char *url, const char *path) {
    char *files[1] = {(char *)path};
    entente_ingest_opts io = {.db = url, .threads = 1, .progress = -1};
    char where[4096];
    io.dicts = entente_default_dicts(where, sizeof where);
    FILE *quiet = tmpfile();
    assert_non_null(quiet);
    assert_int_equal(entente_ingest(&io, files, 1, quiet), 0);
    fclose(quiet);
}

/* A store of the bundled sample on the fixture's backend, and a server on
 * it (with a token file when `writable`); fx->srv NULL when the backend is
 * absent. */
static void start(fixture *fx, int writable) {
    fx->url = tu_store_url(fx->which);
    if (!fx->url) return;
    const char *sample = tu_example("news/sample.jsonl");
    assert_non_null(sample);
    if (fx->empty) {
        char e[1300];
        ent_store *st = ent_store_open(fx->url, e, sizeof e);
        assert_non_null(st);
        ent_store_close(st);
    } else {
        ingest_file(fx->url, sample);
    }
    entente_serve_opts o = {.db = fx->url, .listen = "127.0.0.1:0", .threads = 2,
                            .max_body = 64 * 1024, .timeout_s = 5};
    if (fx->max_connections) o.max_connections = fx->max_connections, o.threads = 1;
    if (fx->idle_s) o.timeout_s = fx->idle_s;
    o.watch = fx->watch;
    if (writable) {
        snprintf(fx->token_path, sizeof fx->token_path, "/tmp/entente-token-%ld", (long)getpid());
        FILE *f = fopen(fx->token_path, "w");
        assert_non_null(f);
        fprintf(f, "%s\n", token);
        fclose(f);
        o.token_file = fx->token_path;
    }
    fx->srv = entente_server_start(&o, stderr);
    assert_non_null(fx->srv);
    fx->port = entente_server_port(fx->srv);
    assert_true(fx->port > 0);
}

static int setup(void **state) {
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx) return -1;
    fx->which = *(int *)*state;
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    fixture *fx = *state;
    if (fx->srv) entente_server_stop(fx->srv);
    if (fx->token_path[0]) unlink(fx->token_path);
    tu_store_cleanup(fx->which, fx->url);
    free(fx);
    return 0;
}

/* The fixture's server, started (read-only or with a token); skips when
 * the backend is absent. */
static fixture *live(void **state, int writable) {
    fixture *fx = *state;
    start(fx, writable);
    TU_NEED_STORE(fx->which, fx->url);
    return fx;
}

typedef struct resp {
    int status;
    char *head;               /* the status line and headers */
    char *body;
    size_t body_len;
} resp;

static void resp_free(resp *r) {
    free(r->head);
    free(r->body);
    memset(r, 0, sizeof *r);
}

/* A connected socket to the server, nothing sent. */
static int connect_idle(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

/* Send `req` (len bytes) as it is and read the answer to the end: the
 * requests ask the server to close.  status 0: no answer came. */
static resp http_raw(int port, const char *req, size_t len) {
    resp r = {0};
    int fd = connect_idle(port);
    /* the server may answer and close before it has read everything (a
     * body refused by its length): a failed send is not the test's end */
    for (size_t done = 0; done < len;) {
        ssize_t w = send(fd, req + done, len - done, MSG_NOSIGNAL);
        if (w <= 0) break;
        done += (size_t)w;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
        ssize_t got = recv(fd, buf + n, cap - n, 0);
        if (got <= 0) break;
        n += (size_t)got;
    }
    close(fd);
    buf[n] = '\0';
    char *end = strstr(buf, "\r\n\r\n");
    if (n < 12 || strncmp(buf, "HTTP/1.", 7) || !end) {
        free(buf);
        return r;
    }
    r.status = atoi(buf + 9);
    r.head = strndup(buf, (size_t)(end - buf));
    r.body_len = n - (size_t)(end + 4 - buf);
    r.body = malloc(r.body_len + 1);
    assert_true(r.head && r.body);
    memcpy(r.body, end + 4, r.body_len);
    r.body[r.body_len] = '\0';
    assert_null(strstr(r.head, "chunked"));   /* every answer is a buffer */
    free(buf);
    return r;
}

static resp http_get(int port, const char *target) {
    char req[40000];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                     target);
    assert_true(n > 0 && (size_t)n < sizeof req);
    return http_raw(port, req, (size_t)n);
}

static resp http_post(int port, const char *target, const char *ctype, const char *auth,
                      const char *body) {
    size_t blen = strlen(body), cap = blen + 1024;
    char *req = malloc(cap);
    assert_non_null(req);
    int n = snprintf(req, cap,
                     "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "Content-Type: %s\r\n%s%s%sContent-Length: %zu\r\n\r\n%s",
                     target, ctype, auth ? "Authorization: " : "", auth ? auth : "",
                     auth ? "\r\n" : "", blen, body);
    resp r = http_raw(port, req, (size_t)n);
    free(req);
    return r;
}

/* The body as JSON (asserted to be JSON); put it when done. */
static json_object *body_json(const resp *r) {
    json_object *o = r->body ? json_tokener_parse(r->body) : NULL;
    if (!o) fprintf(stderr, "not JSON (status %d): %.300s\n", r->status, r->body ? r->body : "");
    assert_non_null(o);
    return o;
}

static json_object *get_path(json_object *o, const char *a, const char *b) {
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, a, &v)) return NULL;
    if (b && !json_object_object_get_ex(v, b, &v)) return NULL;
    return v;
}

/* A GET that must succeed, as JSON. */
static json_object *get_json(int port, const char *target) {
    resp r = http_get(port, target);
    if (r.status != 200) fprintf(stderr, "GET %s: %d %s\n", target, r.status, r.body ? r.body : "");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "Content-Type: application/json"));
    json_object *o = body_json(&r);
    resp_free(&r);
    return o;
}

/* A request that must fail with `status` and a JSON error saying so. */
static void expect_error(const resp *r, int status, const char *what) {
    if (r->status != status)
        fprintf(stderr, "%s: want %d, got %d: %.300s\n", what, status, r->status, r->body ? r->body : "");
    assert_int_equal(r->status, status);
    assert_non_null(strstr(r->head, "Content-Type: application/json"));
    json_object *o = body_json(r);
    json_object *st = get_path(o, "error", "status"), *msg = get_path(o, "error", "message");
    assert_non_null(st);
    assert_int_equal(json_object_get_int(st), status);
    assert_non_null(msg);
    assert_true(json_object_get_string_len(msg) > 0);
    json_object_put(o);
}

/* What a job writes, as text (malloc'd). */
typedef int (*analysis_job)(const entente_analysis_opts *, FILE *, FILE *);
static char *job_jsonl(analysis_job job, entente_analysis_opts *o) {
    FILE *f = tmpfile();
    assert_non_null(f);
    o->format = ENTENTE_FMT_JSONL;
    assert_int_equal(job(o, f, stderr), 0);
    char *t = tu_capture(f);
    fclose(f);
    return t;
}

/* JSON lines into one array. */
static json_object *lines_array(const char *text) {
    json_object *arr = json_object_new_array();
    assert_non_null(arr);
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n) {
            char *line = strndup(p, n);
            assert_non_null(line);
            json_object *v = json_tokener_parse(line);
            assert_non_null(v);
            json_object_array_add(arr, v);
            free(line);
        }
        p += n + (nl != NULL);
    }
    return arr;
}

/* The route's rows equal the job's JSONL, value for value. */
static void assert_rows_match(int port, const char *target, analysis_job job,
                              entente_analysis_opts *o) {
    json_object *api = get_json(port, target);
    char *text = job_jsonl(job, o);
    json_object *want = lines_array(text);
    json_object *rows = get_path(api, "rows", NULL);
    assert_non_null(rows);
    if (!json_object_equal(rows, want))
        fprintf(stderr, "%s:\n api %s\n job %s\n", target, json_object_to_json_string(rows),
                json_object_to_json_string(want));
    assert_true(json_object_equal(rows, want));
    json_object_put(want);
    json_object_put(api);
    free(text);
}

static void test_health_and_openapi_describe_every_route(void **state) {
    fixture *fx = live(state, 0);
    json_object *h = get_json(fx->port, "/healthz");
    assert_string_equal(json_object_get_string(get_path(h, "status", NULL)), "ok");
    assert_true(json_object_get_boolean(get_path(h, "read_only", NULL)));
    json_object_put(h);
    json_object *doc = get_json(fx->port, "/api/v1/openapi.json");
    assert_string_equal(json_object_get_string(get_path(doc, "openapi", NULL)), "3.0.3");
    const char *paths[] = {"/healthz",       "/metrics",         "/api/v1/openapi.json",
                           "/api/v1/events", "/api/v1/dyad",     "/api/v1/trends",
                           "/api/v1/blocs",  "/api/v1/actors",   "/api/v1/overview",
                           "/api/v1/explain", "/api/v1/code",    "/api/v1/documents", NULL};
    for (int i = 0; paths[i]; i++) {
        if (!get_path(doc, "paths", paths[i])) fprintf(stderr, "not in openapi: %s\n", paths[i]);
        assert_non_null(get_path(doc, "paths", paths[i]));
        /* and the path answers (a POST route refuses a GET by its method) */
        resp r = http_get(fx->port, paths[i]);
        assert_int_not_equal(r.status, 404);
        resp_free(&r);
    }
    json_object_put(doc);
}

/* Paged by `limit` through the route (with `filter`, a query string's
 * pairs or ""), the events are the command's with the same filter
 * (`eo`) and no limit, without loss or repeat; at least `least` of them. */
static void assert_pages_are_all(int port, const char *filter, entente_events_opts *eo, int limit,
                                 size_t least) {
    FILE *f = tmpfile();
    assert_non_null(f);
    eo->format = ENTENTE_FMT_JSONL;
    assert_int_equal(entente_events(eo, f, stderr), 0);
    char *all = tu_capture(f);
    fclose(f);
    json_object *want = lines_array(all);
    free(all);
    size_t n = json_object_array_length(want);
    assert_true(n >= least);
    json_object *got = json_object_new_array();
    char target[256];
    snprintf(target, sizeof target, "/api/v1/events?limit=%d%s%s", limit, *filter ? "&" : "",
             filter);
    int pages = 0;
    for (;;) {
        json_object *page = get_json(port, target);
        json_object *evs = get_path(page, "events", NULL), *next = get_path(page, "next", NULL);
        assert_non_null(evs);
        size_t k = json_object_array_length(evs);
        assert_true(k <= (size_t)limit);
        for (size_t i = 0; i < k; i++)
            json_object_array_add(got, json_object_get(json_object_array_get_idx(evs, i)));
        pages++;
        assert_true(pages <= (int)n / limit + 2);
        if (!next || json_object_is_type(next, json_type_null)) {
            json_object_put(page);
            break;
        }
        assert_int_equal(k, limit);   /* only a full page promises more */
        snprintf(target, sizeof target, "/api/v1/events?limit=%d%s%s&cursor=%s", limit,
                 *filter ? "&" : "", filter, json_object_get_string(next));
        json_object_put(page);
    }
    assert_int_equal(json_object_array_length(got), n);
    assert_true(json_object_equal(got, want));
    assert_int_equal(pages, (int)(n / limit) + 1);
    json_object_put(got);
    json_object_put(want);
}

/* Pages of every event, and of an actor's and a dyad's in pages small
 * enough that many end inside a day (several stories share each date). */
static void test_events_pages_are_the_command_output_without_loss_or_repeat(void **state) {
    fixture *fx = live(state, 0);
    entente_events_opts eo = {.db = fx->url};
    assert_pages_are_all(fx->port, "", &eo, 40, 101);   /* the sample codes to a few hundred */
    eo = (entente_events_opts){.db = fx->url, .actor = "RUS"};
    assert_pages_are_all(fx->port, "actor=RUS", &eo, 3, 10);
    eo = (entente_events_opts){.db = fx->url, .dyad_a = "USA", .dyad_b = "IRN", .from = 20200101};
    assert_pages_are_all(fx->port, "dyad=USA,IRN&from=2020-01-01", &eo, 2, 4);
    eo = (entente_events_opts){.db = fx->url, .actor = "RUSMIL"};
    assert_pages_are_all(fx->port, "actor=RUSMIL", &eo, 1, 2);
}

static void test_events_filters_and_formats(void **state) {
    fixture *fx = live(state, 0);
    json_object *page = get_json(fx->port, "/api/v1/events?dyad=RUS,UKR&quad=4&limit=1000");
    json_object *evs = get_path(page, "events", NULL);
    size_t n = json_object_array_length(evs);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(evs, i);
        assert_int_equal(json_object_get_int(get_path(e, "quad", NULL)), 4);
        const char *s = json_object_get_string(get_path(e, "source", NULL));
        const char *t = json_object_get_string(get_path(e, "target", NULL));
        assert_true((!strncmp(s, "RUS", 3) && !strncmp(t, "UKR", 3)) ||
                    (!strncmp(s, "UKR", 3) && !strncmp(t, "RUS", 3)));
    }
    assert_true(json_object_is_type(get_path(page, "next", NULL), json_type_null));
    json_object_put(page);
    /* every event says where it happened, null when its text does not;
     * the sample's signings in Istanbul are placed there */
    page = get_json(fx->port, "/api/v1/events?actor=TUR&code=057&limit=1000");
    evs = get_path(page, "events", NULL);
    int istanbul = 0;
    for (size_t i = 0; i < json_object_array_length(evs); i++) {
        json_object *e = json_object_array_get_idx(evs, i), *v;
        assert_true(json_object_object_get_ex(e, "place_name", &v));
        assert_true(json_object_object_get_ex(e, "lat", &v));
        const char *name = json_object_get_string(get_path(e, "place_name", NULL));
        if (name && !strcmp(name, "Istanbul")) {
            assert_string_equal(json_object_get_string(get_path(e, "place_country", NULL)), "TUR");
            assert_string_equal(json_object_get_string(get_path(e, "place_kind", NULL)), "city");
            assert_true(json_object_get_double(get_path(e, "lat", NULL)) > 40.0);
            istanbul++;
        }
    }
    assert_true(istanbul >= 1);
    json_object_put(page);
    /* the same events as JSONL lines and CSV rows */
    resp r = http_get(fx->port, "/api/v1/events?dyad=RUS,UKR&quad=4&limit=1000&format=jsonl");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "application/x-ndjson"));
    size_t lines = 0;
    for (const char *p = r.body; (p = strchr(p, '\n')); p++) lines++;
    assert_int_equal(lines, n);
    resp_free(&r);
    r = http_get(fx->port, "/api/v1/events?dyad=RUS,UKR&quad=4&limit=1000&format=csv");
    assert_int_equal(r.status, 200);
    assert_true(!strncmp(r.body, "event_id,doc,sent,date,source,target,code,", 42));
    resp_free(&r);
    /* GDELT's 61 columns, one line per event, and PLOVER lines */
    r = http_get(fx->port, "/api/v1/events?dyad=RUS,UKR&quad=4&limit=1000&format=gdelt");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "text/tab-separated-values"));
    size_t tabs = 0;
    lines = 0;
    for (const char *p = r.body; *p; p++) tabs += *p == '\t', lines += *p == '\n';
    assert_int_equal(lines, n);
    assert_int_equal(tabs, 60 * n);
    resp_free(&r);
    r = http_get(fx->port, "/api/v1/events?dyad=RUS,UKR&quad=4&limit=1000&format=plover");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"event_type\": \"ASSAULT\""));
    /* a full page: the cursor in the body and in the header agree */
    resp_free(&r);
    r = http_get(fx->port, "/api/v1/events?actor=USA&limit=2");
    assert_int_equal(r.status, 200);
    json_object *o = body_json(&r);
    const char *next = json_object_get_string(get_path(o, "next", NULL));
    assert_non_null(next);
    char hdr[128];
    snprintf(hdr, sizeof hdr, "X-Next-Cursor: %s", next);
    assert_non_null(strstr(r.head, hdr));
    json_object_put(o);
    resp_free(&r);
}

static void test_analysis_routes_give_the_commands_answers(void **state) {
    fixture *fx = live(state, 0);
    entente_analysis_opts o = {.db = fx->url, .a = "RUS", .b = "UKR", .by = ENTENTE_BY_QUARTER};
    assert_rows_match(fx->port, "/api/v1/dyad?a=RUS&b=UKR&by=quarter", entente_dyad, &o);
    o = (entente_analysis_opts){.db = fx->url, .a = "USA", .b = "IRN", .by = ENTENTE_BY_MONTH,
                                .from = 20200101, .to = 20231231};
    assert_rows_match(fx->port, "/api/v1/dyad?a=USA&b=IRN&from=2020-01-01&to=2023-12-31",
                      entente_dyad, &o);
    o = (entente_analysis_opts){.db = fx->url, .top = 5};
    assert_rows_match(fx->port, "/api/v1/actors?top=5", entente_actors, &o);
    o = (entente_analysis_opts){.db = fx->url, .a = "RUS", .b = "UKR", .by = ENTENTE_BY_YEAR,
                                .normalize = 1};
    assert_rows_match(fx->port, "/api/v1/dyad?a=RUS&b=UKR&by=year&normalize=true", entente_dyad,
                      &o);
    o = (entente_analysis_opts){.db = fx->url, .min_events = 2};
    assert_rows_match(fx->port, "/api/v1/blocs?min_events=2", entente_blocs, &o);
    o = (entente_analysis_opts){.db = fx->url, .min_events = 2, .weight = ENTENTE_WEIGHT_COUNT};
    assert_rows_match(fx->port, "/api/v1/blocs?min_events=2&weight=count", entente_blocs, &o);
    o = (entente_analysis_opts){.db = fx->url, .window_days = 90, .baseline = 8, .min_events = 2,
                                .top = 5};
    assert_rows_match(fx->port, "/api/v1/trends?window=90d&baseline=8&min_events=2&top=5",
                      entente_trends, &o);
    /* the rows are real: Russia and Ukraine have a quarter of conflict */
    json_object *d = get_json(fx->port, "/api/v1/dyad?a=RUS&b=UKR&by=quarter");
    json_object *rows = get_path(d, "rows", NULL);
    long q4 = 0;
    for (size_t i = 0; i < json_object_array_length(rows); i++)
        q4 += json_object_get_int(get_path(json_object_array_get_idx(rows, i), "q4", NULL));
    assert_true(q4 > 0);
    json_object_put(d);
    /* the overview is the command's JSON, and counts the 57 stories */
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(entente_overview_format(fx->url, ENTENTE_FMT_JSONL, 0, f, stderr), 0);
    char *text = tu_capture(f);
    fclose(f);
    json_object *want = json_tokener_parse(text), *api = get_json(fx->port, "/api/v1/overview");
    assert_non_null(want);
    assert_true(json_object_equal(api, want));
    assert_int_equal(json_object_get_int(get_path(api, "documents", NULL)), 57);
    json_object_put(want);
    json_object_put(api);
    free(text);
}

/* A dyad's events by direction and month, counted from the events table
 * itself: neither dyad_days nor the analysis code. */
typedef struct month_cell {
    int dir, month;
    long q[4];
    double g;
} month_cell;

typedef struct month_cells {
    month_cell c[512];
    int n, dir;
} month_cells;

static int month_row(void *user, int n, const char *const *c) {
    month_cells *m = user;
    assert_int_equal(n, 4);
    int month = atoi(c[0]), quad = atoi(c[1]);
    month_cell *x = NULL;
    for (int i = 0; i < m->n && !x; i++)
        if (m->c[i].month == month && m->c[i].dir == m->dir) x = &m->c[i];
    if (!x) {
        assert_true(m->n < 512);
        x = &m->c[m->n++];
        *x = (month_cell){.dir = m->dir, .month = month};
    }
    assert_true(quad >= 1 && quad <= 4);
    x->q[quad - 1] += atol(c[2]);
    x->g += atof(c[3]);
    return 0;
}

/* The server's monthly dyad of countries a and b (target) has, for each
 * direction and month, the QuadClass counts and Goldstein sum of the
 * stored events, and a row for every month that has any; returns the
 * body as sent. */
static char *assert_dyad_counts_events(int port, const char *url, const char *target,
                                       const char *a, const char *b) {
    char err[1300];
    ent_store *st = ent_store_open_existing(url, err, sizeof err);
    assert_non_null(st);
    month_cells *m = calloc(1, sizeof *m);
    assert_non_null(m);
    for (m->dir = 0; m->dir < 2; m->dir++) {
        ent_store_value p[2] = {{.type = ENT_SV_TEXT, .s = m->dir ? b : a},
                                {.type = ENT_SV_TEXT, .s = m->dir ? a : b}};
        assert_int_equal(ent_store_query(st, "SELECT date / 100, quad, count(*), sum(goldstein)"
                                             " FROM events WHERE src_country = ?"
                                             " AND tgt_country = ? AND date > 0 GROUP BY 1, 2",
                                         p, 2, month_row, m),
                         0);
    }
    ent_store_close(st);
    assert_true(m->n > 0);
    resp r = http_get(port, target);
    assert_int_equal(r.status, 200);
    json_object *api = body_json(&r), *rows = get_path(api, "rows", NULL);
    char dirs[2][80];
    snprintf(dirs[0], sizeof dirs[0], "%s->%s", a, b);
    snprintf(dirs[1], sizeof dirs[1], "%s->%s", b, a);
    int found = 0;
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        json_object *row = json_object_array_get_idx(rows, i);
        const char *dir = json_object_get_string(get_path(row, "direction", NULL));
        const char *period = json_object_get_string(get_path(row, "period", NULL));
        int d = !strcmp(dir, dirs[0]) ? 0 : !strcmp(dir, dirs[1]) ? 1 : -1;
        if (d < 0) continue;   /* both */
        int month = atoi(period) * 100 + atoi(period + 5);
        const month_cell *want = NULL;
        for (int k = 0; k < m->n && !want; k++)
            if (m->c[k].dir == d && m->c[k].month == month) want = &m->c[k];
        static const char *const q[4] = {"q1", "q2", "q3", "q4"};
        for (int k = 0; k < 4; k++)
            assert_int_equal(json_object_get_int64(get_path(row, q[k], NULL)), want ? want->q[k] : 0);
        double g = json_object_get_double(get_path(row, "goldstein_sum", NULL));
        assert_true(fabs(g - (want ? want->g : 0)) < 0.006);
        found += want != NULL;
    }
    assert_int_equal(found, m->n);
    json_object_put(api);
    free(m);
    char *body = r.body;
    r.body = NULL;
    resp_free(&r);
    return body;
}

/* The dyad answer is kept by its question, however spelt, and given
 * again only while the store holds it: a story stored by another writer
 * (not through this server, which would forget its answers itself) makes
 * the next answer count it. */
static void test_a_kept_dyad_counts_the_events_until_the_store_changes(void **state) {
    fixture *fx = live(state, 0);
    const char *target = "/api/v1/dyad?a=RUS&b=UKR&by=month";
    char *first = assert_dyad_counts_events(fx->port, fx->url, target, "RUS", "UKR");
    resp r = http_get(fx->port, "/api/v1/dyad?by=month&b=ukr&a=rus");
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, first);
    resp_free(&r);
    char *again = assert_dyad_counts_events(fx->port, fx->url, target, "RUS", "UKR");
    assert_string_equal(again, first);
    free(again);
    /* PostgreSQL's change value moves with any commit on its server (its
     * own statistics among them), so only SQLite's hits are certain */
    r = http_get(fx->port, "/metrics");
    if (fx->which == TU_SQLITE) {
        assert_non_null(strstr(r.body, "entente_cache_total{route=\"/api/v1/dyad\",result=\"hit\"} 2\n"));
        assert_non_null(strstr(r.body, "entente_cache_total{route=\"/api/v1/dyad\",result=\"miss\"} 1\n"));
    }
    resp_free(&r);
    /* another writer stores a Russian attack in a month of its own */
    char path[64];
    snprintf(path, sizeof path, "/tmp/entente-kept-%ld.jsonl", (long)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"id\": \"kept-1\", \"date\": \"2031-03-15\", \"text\": \"Russian forces attacked "
          "Ukraine near the border on Sunday.\"}\n", f);
    fclose(f);
    ingest_file(fx->url, path);
    unlink(path);
    char *after = assert_dyad_counts_events(fx->port, fx->url, target, "RUS", "UKR");
    assert_non_null(strstr(after, "\"2031-03\""));
    assert_string_not_equal(after, first);
    free(after);
    free(first);
}

/* The dyad's hits and misses in the server's /metrics. */
static void dyad_cache_counts(int port, long *hits, long *misses) {
    resp r = http_get(port, "/metrics");
    assert_int_equal(r.status, 200);
    const char *h = strstr(r.body, "entente_cache_total{route=\"/api/v1/dyad\",result=\"hit\"} ");
    const char *m = strstr(r.body, "entente_cache_total{route=\"/api/v1/dyad\",result=\"miss\"} ");
    assert_non_null(h);
    assert_non_null(m);
    *hits = atol(strchr(h, '}') + 2);
    *misses = atol(strchr(m, '}') + 2);
    resp_free(&r);
}

/* 256 answers are kept at most: the 257th question asked drops the one
 * used longest ago, and an answer used again is kept the longest.  (On
 * SQLite only: PostgreSQL's change value moves with its own statistics,
 * so which request makes an answer again is not certain there.) */
static void test_kept_answers_are_bounded_the_least_used_going_first(void **state) {
    fixture *fx = live(state, 0);
    char target[128];
    for (int i = 0; i <= 256; i++) {   /* 257 questions: one day each from 2020 on */
        snprintf(target, sizeof target, "/api/v1/dyad?a=RUS&b=UKR&by=year&from=%d-%02d-%02d",
                 2020 + i / 336, 1 + i / 28 % 12, 1 + i % 28);
        resp r = http_get(fx->port, target);
        assert_int_equal(r.status, 200);
        resp_free(&r);
    }
    long hits, misses;
    dyad_cache_counts(fx->port, &hits, &misses);
    assert_int_equal(hits, 0);
    assert_int_equal(misses, 257);
    /* the last is kept; the first was dropped for it, and is made again
     * (dropping the second), then kept */
    const char *again[] = {"2020-10-05", "2020-01-01", "2020-01-01", "2020-01-02", NULL};
    const long want_hits[] = {1, 1, 2, 2}, want_misses[] = {257, 258, 258, 259};
    for (int i = 0; again[i]; i++) {
        snprintf(target, sizeof target, "/api/v1/dyad?a=RUS&b=UKR&by=year&from=%s", again[i]);
        resp r = http_get(fx->port, target);
        assert_int_equal(r.status, 200);
        resp_free(&r);
        dyad_cache_counts(fx->port, &hits, &misses);
        assert_int_equal(hits, want_hits[i]);
        assert_int_equal(misses, want_misses[i]);
    }
}

/* Is there an event source -> target code in the array? */
static int has_event(json_object *evs, const char *source, const char *target, const char *code) {
    for (size_t i = 0; evs && i < json_object_array_length(evs); i++) {
        json_object *e = json_object_array_get_idx(evs, i);
        if (!strcmp(json_object_get_string(get_path(e, "source", NULL)), source) &&
            !strcmp(json_object_get_string(get_path(e, "target", NULL)), target) &&
            !strcmp(json_object_get_string(get_path(e, "code", NULL)), code))
            return 1;
    }
    return 0;
}

/* The overview now is `before` (which it puts): the store did not change. */
static void assert_store_unchanged(int port, json_object *before) {
    json_object *after = get_json(port, "/api/v1/overview");
    assert_true(json_object_equal(before, after));
    json_object_put(before);
    json_object_put(after);
}

static void test_explain_and_code_answer_without_storing(void **state) {
    fixture *fx = live(state, 0);
    json_object *x = get_json(fx->port, "/api/v1/explain?text=Russia+imposed+new+sanctions+on+"
                                        "Iran+on+Monday.&date=2024-04-26");
    assert_true(has_event(get_path(x, "events", NULL), "RUS", "IRN", "163"));
    json_object *tok0 = json_object_array_get_idx(get_path(x, "tokens", NULL), 0);
    assert_string_equal(json_object_get_string(get_path(tok0, "text", NULL)), "Russia");
    assert_string_equal(json_object_get_string(get_path(x, "status", NULL)), "coded");
    assert_string_equal(json_object_get_string(get_path(x, "date", NULL)), "2024-04-26");
    json_object_put(x);
    json_object *before = get_json(fx->port, "/api/v1/overview");
    resp r = http_post(fx->port, "/api/v1/code?date=2024-04-26", "text/plain", NULL,
                       "Russia imposed new sanctions on Iran on Monday.");
    assert_int_equal(r.status, 200);
    json_object *c = body_json(&r);
    assert_true(has_event(get_path(c, "events", NULL), "RUS", "IRN", "163"));
    json_object_put(c);
    resp_free(&r);
    r = http_post(fx->port, "/api/v1/code", "application/x-ndjson", NULL,
                  "{\"id\": \"d1\", \"date\": \"2024-05-01\", \"text\": \"Egypt and Qatar mediated "
                  "between Israel and Hamas.\"}\n");
    assert_int_equal(r.status, 200);
    c = body_json(&r);
    json_object *evs = get_path(c, "events", NULL);
    assert_true(has_event(evs, "QAT", "ISR", "045"));
    assert_string_equal(json_object_get_string(get_path(json_object_array_get_idx(evs, 0), "doc", NULL)), "d1");
    json_object_put(c);
    resp_free(&r);
    /* nothing was stored */
    assert_store_unchanged(fx->port, before);
}

static void test_hostile_requests_get_json_errors(void **state) {
    fixture *fx = live(state, 0);
    json_object *before = get_json(fx->port, "/api/v1/overview");
    static const struct {
        const char *target;
        int status;
    } gets[] = {
        {"/api/v1/events?quad=9", 400},
        {"/api/v1/events?quad=1x", 400},
        {"/api/v1/events?quad=", 400},
        {"/api/v1/events?from=2024-13-45", 400},
        {"/api/v1/events?from=2024-01-01T00:00", 400},
        {"/api/v1/events?limit=0", 400},
        {"/api/v1/events?limit=1001", 400},
        {"/api/v1/events?limit=-1", 400},
        {"/api/v1/events?limit=99999999999999999999", 400},
        {"/api/v1/events?bogus=1", 400},
        {"/api/v1/events?actor=%27%3B%20DROP%20TABLE%20events%3B--", 400},
        {"/api/v1/events?actor=RUS&actor=UKR", 400},
        {"/api/v1/events?actor=%zz", 400},
        {"/api/v1/events?actor=R%00S", 400},
        {"/api/v1/events?actor=%ff%fe", 400},
        {"/api/v1/events?cursor=1.2.3", 400},
        {"/api/v1/events?cursor=20240101.1.0.0%27", 400},
        {"/api/v1/events?dyad=RUS", 400},
        {"/api/v1/events?dyad=RUS,", 400},
        {"/api/v1/events?format=xml", 400},
        {"/api/v1/events?text=%20%20", 400},
        {"/api/v1/dyad", 400},
        {"/api/v1/dyad?a=RUS&b=UKR&by=decade", 400},
        {"/api/v1/trends?window=0d", 400},
        {"/api/v1/trends?window=7y", 400},
        {"/api/v1/trends?baseline=1", 400},
        {"/api/v1/blocs?level=planet", 400},
        {"/api/v1/blocs?weight=mass", 400},
        {"/api/v1/actors?date_field=story", 400},
        {"/api/v1/events?date_field=", 400},
        {"/api/v1/dyad?a=RUS&b=UKR&normalize=1", 400},
        {"/api/v1/explain", 400},
        {"/api/v1/explain?text=Hello&date=yesterday", 400},
        {"/api/v1/overview?x=1", 400},
        {"/api/v1/../../etc/passwd", 404},
        {"/api/v1/%2e%2e/%2e%2e/etc/passwd", 404},
        {"//api/v1/events", 404},
        {"/api/v1/events/", 404},
        {"/api/v1/EVENTS", 404},
        {"/api/v1/events%3Fquad=1", 404},
        {"/index.html", 404},
        {"/world.json/..", 404},
        {"/%77orld.json", 404},
    };
    for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++) {
        resp r = http_get(fx->port, gets[i].target);
        expect_error(&r, gets[i].status, gets[i].target);
        resp_free(&r);
    }
    /* the date field is a filter of its own, on every reading route */
    const char *dated[] = {"/api/v1/events?date_field=published", "/api/v1/dyad?a=RUS&b=UKR&date_field=event",
                           "/api/v1/trends?date_field=published", "/api/v1/blocs?date_field=published",
                           "/api/v1/actors?date_field=event"};
    for (size_t i = 0; i < sizeof dated / sizeof *dated; i++) {
        resp d = http_get(fx->port, dated[i]);
        if (d.status != 200) fail_msg("%s: status %d", dated[i], d.status);
        resp_free(&d);
    }
    /* text reaches SQL as a bound value: the tables are still there */
    resp r = http_get(fx->port, "/api/v1/events?text=%27%3B%20DROP%20TABLE%20events%3B--");
    assert_int_equal(r.status, 200);
    resp_free(&r);
    /* a request target too long to be anything */
    char *longt = malloc(30100);
    assert_non_null(longt);
    strcpy(longt, "/api/v1/events?text=");
    memset(longt + 20, 'a', 30000);
    longt[30020] = '\0';
    r = http_get(fx->port, longt);
    expect_error(&r, 414, "long target");
    resp_free(&r);
    free(longt);
    /* methods, media types, bodies */
    const char del[] = "DELETE /api/v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    r = http_raw(fx->port, del, sizeof del - 1);
    expect_error(&r, 405, "DELETE");
    assert_non_null(strstr(r.head, "Allow: GET"));
    resp_free(&r);
    const char opt[] = "OPTIONS /api/v1/events HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.example\r\n"
                       "Connection: close\r\n\r\n";
    r = http_raw(fx->port, opt, sizeof opt - 1);
    expect_error(&r, 405, "OPTIONS");
    assert_null(strstr(r.head, "Access-Control"));   /* CORS is off */
    resp_free(&r);
    const char huge[] = "POST /api/v1/code HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        "Content-Type: text/plain\r\nContent-Length: 100000000\r\n\r\nRussia";
    r = http_raw(fx->port, huge, sizeof huge - 1);
    expect_error(&r, 413, "Content-Length over the limit");
    resp_free(&r);
    /* a chunked body that grows past the limit (64 KiB here) */
    size_t chunk = 16 * 1024, nchunks = 6;
    char *big = malloc(nchunks * (chunk + 16) + 256);
    assert_non_null(big);
    size_t k = (size_t)sprintf(big, "POST /api/v1/code HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                    "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (size_t i = 0; i < nchunks; i++) {
        k += (size_t)sprintf(big + k, "%zx\r\n", chunk);
        memset(big + k, 'a', chunk);
        k += chunk;
        k += (size_t)sprintf(big + k, "\r\n");
    }
    k += (size_t)sprintf(big + k, "0\r\n\r\n");
    r = http_raw(fx->port, big, k);
    expect_error(&r, 413, "chunked body over the limit");
    resp_free(&r);
    free(big);
    r = http_post(fx->port, "/api/v1/code", "application/x-ndjson", NULL,
                  "{\"id\": \"a\", \"text\": \"Russia attacked Ukraine.\"}\n{\"id\": ");
    expect_error(&r, 400, "bad JSON line");
    json_object *e = body_json(&r);
    assert_non_null(get_path(e, "error", "messages"));
    json_object_put(e);
    resp_free(&r);
    static const struct {
        const char *target, *ctype, *body;
        int status;
    } posts[] = {
        {"/api/v1/code", "application/x-ndjson", "[1, 2, 3]\n", 400},
        {"/api/v1/code", "text/plain", "", 400},
        {"/api/v1/code", "image/png", "\x89PNG", 415},
        {"/api/v1/code?from=xml", "text/plain", "x", 400},
        {"/api/v1/documents", "application/x-ndjson",
         "{\"id\": \"x\", \"text\": \"Russia attacked Ukraine.\"}\n", 403},
    };
    for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
        r = http_post(fx->port, posts[i].target, posts[i].ctype, NULL, posts[i].body);
        expect_error(&r, posts[i].status, posts[i].body);
        resp_free(&r);
    }
    /* not HTTP at all: the library refuses it; the server lives on */
    const char junk[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n";
    r = http_raw(fx->port, junk, sizeof junk - 1);
    resp_free(&r);
    assert_store_unchanged(fx->port, before);
}

/* s[0..n) and words are the same text but for white space. */
static int same_but_spaces(const char *s, size_t n, const char *words) {
    size_t i = 0;
    for (const char *w = words;; w++) {
        while (*w == ' ') w++;
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) i++;
        if (!*w || i == n) return !*w && i == n;
        if (s[i++] != *w) return 0;
    }
}

static void test_events_carry_their_sentence_and_the_spans_of_their_words(void **state) {
    fixture *fx = live(state, 0);
    json_object *page = get_json(fx->port, "/api/v1/events?limit=1000&sentences=true");
    json_object *evs = get_path(page, "events", NULL);
    size_t n = json_object_array_length(evs), found = 0;
    assert_true(n > 100);
    static const char *const span_of[3][2] = {
        {"source", "source_text"}, {"target", "target_text"}, {"verb", "verb"}};
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(evs, i);
        const char *sent = json_object_get_string(get_path(e, "sentence", NULL));
        assert_non_null(sent);
        size_t len = strlen(sent);
        for (int k = 0; k < 3; k++) {
            json_object *sp = get_path(e, "spans", span_of[k][0]);
            if (!sp) continue; /* null: the words were not found */
            int b = json_object_get_int(json_object_array_get_idx(sp, 0));
            int end = json_object_get_int(json_object_array_get_idx(sp, 1));
            assert_true(b >= 0 && b < end && (size_t)end <= len);
            const char *words = json_object_get_string(get_path(e, span_of[k][1], NULL));
            if (!same_but_spaces(sent + b, (size_t)(end - b), words))
                fprintf(stderr, "span %s [%d, %d) of \"%s\" is not \"%s\"\n", span_of[k][0], b, end,
                        sent, words);
            assert_true(same_but_spaces(sent + b, (size_t)(end - b), words));
            found++;
        }
    }
    /* nearly every event's three spans are found */
    assert_true(found * 10 >= n * 3 * 9);
    json_object_put(page);
    /* the other formats keep the command's fields only */
    resp r = http_get(fx->port, "/api/v1/events?sentences=true&format=csv");
    expect_error(&r, 400, "sentences with csv");
    resp_free(&r);
    r = http_get(fx->port, "/api/v1/events?sentences=yes");
    expect_error(&r, 400, "sentences=yes");
    resp_free(&r);
}

/* The answer's header `name` has the value `want`. */
static void assert_header(const resp *r, const char *name, const char *want) {
    char line[512];
    snprintf(line, sizeof line, "\r\n%s: %s\r\n", name, want);
    char *head = malloc(strlen(r->head) + 3);
    assert_non_null(head);
    sprintf(head, "%s\r\n", r->head);
    if (!strstr(head, line)) fprintf(stderr, "no \"%s: %s\" in:\n%s\n", name, want, r->head);
    assert_non_null(strstr(head, line));
    free(head);
}

static void test_dashboard_files_are_served_as_built_and_nothing_else(void **state) {
    fixture *fx = live(state, 0);
    int files = 0;
    for (const ent_dash_file *f = ent_dash_files; f->path; f++, files++) {
        resp r = http_get(fx->port, f->path);
        assert_int_equal(r.status, 200);
        assert_header(&r, "Content-Type", f->ctype);
        assert_int_equal(r.body_len, f->len);
        assert_memory_equal(r.body, f->data, f->len);
        assert_non_null(strstr(r.head, "Content-Security-Policy: default-src 'self'"));
        assert_null(strstr(r.head, "Access-Control"));
        assert_header(&r, "ETag", f->etag);
        resp_free(&r);
        /* asked again with its tag: 304 and no body; with another tag, the file */
        char req[512];
        const char *tags[2] = {f->etag, "\"0123\""};
        for (int k = 0; k < 2; k++) {
            int n = snprintf(
                req, sizeof req,
                "GET %s HTTP/1.1\r\nHost: x\r\nIf-None-Match: %s\r\nConnection: close\r\n\r\n",
                f->path, tags[k]);
            r = http_raw(fx->port, req, (size_t)n);
            assert_int_equal(r.status, k ? 200 : 304);
            assert_int_equal(r.body_len, k ? f->len : 0);
            resp_free(&r);
        }
    }
    /* the page is there, built or not, and its state in the query string
     * reaches the page, not the server */
    assert_true(files >= 1);
    resp r = http_get(fx->port, "/?view=dyad&a=RUS&b=UKR");
    assert_int_equal(r.status, 200);
    assert_header(&r, "Content-Type", "text/html; charset=utf-8");
    assert_non_null(strstr(r.body, "<html"));
    resp_free(&r);
    /* HEAD: the page's headers without a body; an API route's refusal as JSON */
    const char head_page[] = "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    r = http_raw(fx->port, head_page, sizeof head_page - 1);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, 0);
    assert_header(&r, "Content-Type", "text/html; charset=utf-8");
    resp_free(&r);
    const char head_api[] = "HEAD /api/v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    r = http_raw(fx->port, head_api, sizeof head_api - 1);
    assert_int_equal(r.status, 405);
    assert_header(&r, "Content-Type", "application/json");
    assert_header(&r, "Allow", "GET");
    resp_free(&r);
    /* other methods on a file */
    r = http_post(fx->port, "/", "text/plain", NULL, "x");
    expect_error(&r, 405, "POST /");
    assert_header(&r, "Allow", "GET, HEAD");
    resp_free(&r);
    /* no way out of the table: every spelling of a path outside it is a JSON 404 */
    static const char *const outside[] = {
        "/..",         "/../etc/passwd",   "/%2e%2e/etc/passwd", "/./",     "//",
        "/index.html", "/app.js/",         "/world.json/..",     "/APP.JS", "/app.js%00",
        "/.built",     "/%2fetc%2fpasswd", "/web/index.html",    "/\\..\\", NULL};
    for (int i = 0; outside[i]; i++) {
        r = http_get(fx->port, outside[i]);
        expect_error(&r, 404, outside[i]);
        resp_free(&r);
    }
}

static void test_documents_need_the_token_and_are_stored_once(void **state) {
    fixture *fx = live(state, 1);
    json_object *h = get_json(fx->port, "/healthz");
    assert_false(json_object_get_boolean(get_path(h, "read_only", NULL)));
    json_object_put(h);
    /* the overview is kept from here on: a stored document must renew it */
    json_object *ov = get_json(fx->port, "/api/v1/overview");
    assert_int_equal(json_object_get_int(get_path(ov, "documents", NULL)), 57);
    json_object_put(ov);
    const char *doc = "{\"id\": \"posted-1\", \"date\": \"2024-05-01\", \"text\": \"Egypt and Qatar "
                      "mediated between Israel and Hamas.\"}\n";
    resp r = http_post(fx->port, "/api/v1/documents", "application/x-ndjson", NULL, doc);
    expect_error(&r, 401, "no token");
    assert_non_null(strstr(r.head, "WWW-Authenticate: Bearer"));
    resp_free(&r);
    r = http_post(fx->port, "/api/v1/documents", "application/x-ndjson", "Bearer wrong-token-0123456789", doc);
    expect_error(&r, 401, "wrong token");
    resp_free(&r);
    r = http_post(fx->port, "/api/v1/documents", "application/x-ndjson", "Bearer test-token-0123456789abcdeX", doc);
    expect_error(&r, 401, "token of the same length");
    resp_free(&r);
    char auth[128];
    snprintf(auth, sizeof auth, "Bearer %s", token);
    r = http_post(fx->port, "/api/v1/documents", "application/x-ndjson", auth,
                  "{\"id\": \"bad\"\n");
    expect_error(&r, 400, "bad document");
    resp_free(&r);
    r = http_post(fx->port, "/api/v1/documents", "application/x-ndjson", auth, doc);
    assert_int_equal(r.status, 200);
    json_object *o = body_json(&r);
    assert_non_null(strstr(json_object_get_string(get_path(o, "summary", NULL)), "1 documents stored"));
    json_object_put(o);
    resp_free(&r);
    r = http_post(fx->port, "/api/v1/documents", "application/x-ndjson", auth, doc);
    assert_int_equal(r.status, 200);
    o = body_json(&r);
    assert_non_null(strstr(json_object_get_string(get_path(o, "summary", NULL)), "0 documents stored, 1 skipped"));
    json_object_put(o);
    resp_free(&r);
    json_object *page = get_json(fx->port, "/api/v1/events?actor=QAT&from=2024-05-01&to=2024-05-01");
    json_object *evs = get_path(page, "events", NULL);
    assert_true(has_event(evs, "QAT", "ISR", "045"));
    assert_string_equal(json_object_get_string(get_path(json_object_array_get_idx(evs, 0), "doc", NULL)),
                        "posted-1");
    json_object_put(page);
    ov = get_json(fx->port, "/api/v1/overview");
    assert_int_equal(json_object_get_int(get_path(ov, "documents", NULL)), 58);
    json_object_put(ov);
}

static void test_metrics_count_requests_and_latency_by_route(void **state) {
    fixture *fx = live(state, 0);
    for (int i = 0; i < 3; i++) json_object_put(get_json(fx->port, "/api/v1/actors?top=3"));
    /* the overview is made once and kept: the second is the first's */
    json_object *first = get_json(fx->port, "/api/v1/overview");
    json_object *second = get_json(fx->port, "/api/v1/overview");
    assert_true(json_object_equal(first, second));
    json_object_put(first);
    json_object_put(second);
    resp r = http_get(fx->port, "/api/v1/actors?top=0");
    resp_free(&r);
    r = http_get(fx->port, "/nowhere");
    resp_free(&r);
    r = http_get(fx->port, "/?view=map");
    resp_free(&r);
    r = http_get(fx->port, "/metrics");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "Content-Type: text/plain; version=0.0.4"));
    assert_non_null(strstr(r.body, "entente_http_requests_total{route=\"/api/v1/actors\",status=\"200\"} 3\n"));
    assert_non_null(strstr(r.body, "entente_http_requests_total{route=\"/api/v1/actors\",status=\"400\"} 1\n"));
    assert_non_null(strstr(r.body, "entente_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"));
    assert_non_null(
        strstr(r.body, "entente_http_requests_total{route=\"dashboard\",status=\"200\"} 1\n"));
    assert_non_null(strstr(r.body, "entente_http_request_duration_seconds_count{route=\"/api/v1/actors\"} 4\n"));
    assert_non_null(strstr(r.body, "entente_http_request_duration_seconds_bucket{route=\"/api/v1/actors\",le=\"+Inf\"} 4\n"));
    assert_non_null(strstr(r.body, "entente_store_documents 57\n"));
    assert_non_null(strstr(r.body, "entente_cache_total{route=\"/api/v1/overview\",result=\"hit\"} 1\n"));
    assert_non_null(strstr(r.body, "entente_cache_total{route=\"/api/v1/overview\",result=\"miss\"} 1\n"));
    resp_free(&r);
}

/* The server closed fd without a word (recv sees the end, or a reset). */
static int closed_by_server(int fd) {
    char c;
    ssize_t n = recv(fd, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
}

static void test_connections_are_bounded_in_number_and_idle_time(void **state) {
    fixture *fx = *state;
    fx->max_connections = 2;
    fx->idle_s = 1;
    fx = live(state, 0);
    /* two idle clients hold the two places */
    int a = connect_idle(fx->port), b = connect_idle(fx->port);
    usleep(200 * 1000);   /* the server has taken both */
    const char part[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    assert_int_equal(send(a, part, sizeof part - 1, MSG_NOSIGNAL), (ssize_t)(sizeof part - 1));
    /* a third client waits: its request gets no answer while they hold them */
    int c = connect_idle(fx->port);
    const char req[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_int_equal(send(c, req, sizeof req - 1, MSG_NOSIGNAL), (ssize_t)(sizeof req - 1));
    struct timeval shortwait = {0, 500 * 1000};
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &shortwait, sizeof shortwait);
    char buf[4096];
    assert_true(recv(c, buf, sizeof buf, 0) < 0);
    /* the idle ones, the half-sent request among them, are dropped after
     * the idle time, and the waiting client is answered */
    double t0 = ent_now();
    assert_true(closed_by_server(a));
    assert_true(closed_by_server(b));
    assert_true(ent_now() - t0 < 4.0);
    struct timeval longwait = {5, 0};
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &longwait, sizeof longwait);
    ssize_t n = recv(c, buf, sizeof buf - 1, 0);
    assert_true(n > 12);
    buf[n] = '\0';
    assert_true(!strncmp(buf, "HTTP/1.1 200", 12));
    close(a);
    close(b);
    close(c);
}

/* An empty store is an answer too: no rows, totals of zero, no dates. */
/* Write text to dir/name, closed when done. */
static void write_file(const char *dir, const char *name, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

/* The store's documents, as the overview counts them once it reaches
 * `want` (waiting up to 15 s for the watch to store what it was given). */
static int documents_reach(int port, int want) {
    int n = -1;
    for (int i = 0; i < 300 && n != want; i++) {
        if (i) usleep(50 * 1000);
        json_object *ov = get_json(port, "/api/v1/overview");
        n = json_object_get_int(get_path(ov, "documents", NULL));
        json_object_put(ov);
    }
    return n;
}

static void test_watch_ignores_unfinished_names(void **state) {
    (void)state;
    const char *ignored[] = {".new.jsonl", "a.jsonl~", "a.jsonl.tmp", "a.part", "", NULL};
    for (int i = 0; ignored[i]; i++) assert_int_equal(ent_watch_ignored(ignored[i]), 1);
    const char *taken[] = {"a.jsonl", "story.txt", "tmp", "a.tmp.jsonl", "part", NULL};
    for (int i = 0; taken[i]; i++) assert_int_equal(ent_watch_ignored(taken[i]), 0);
}

static void test_watch_stores_each_new_file_once(void **state) {
    fixture *fx = *state;
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/entente-watch-%ld-%d", (long)getpid(), fx->which);
    assert_int_equal(mkdir(dir, 0700), 0);
    fx->watch = dir;
    start(fx, 0);
    if (!fx->url) rmdir(dir);
    TU_NEED_STORE(fx->which, fx->url);
    int base = documents_reach(fx->port, 57);
    assert_int_equal(base, 57);
    /* a file written in place */
    write_file(dir, "one.jsonl",
               "{\"id\": \"w-1\", \"date\": \"2026-11-02\", \"text\": \"Chile "
               "imposed sanctions on Peru on Monday.\"}\n");
    assert_int_equal(documents_reach(fx->port, 58), 58);
    json_object *page = get_json(fx->port, "/api/v1/events?dyad=CHL,PER");
    assert_true(has_event(get_path(page, "events", NULL), "CHL", "PER", "163"));
    json_object_put(page);
    /* a file finished under a name left alone, then moved in; and a story as text */
    write_file(dir, "two.jsonl.tmp",
               "{\"id\": \"w-2\", \"date\": \"2026-11-03\", \"text\": \"Peru "
               "expelled the Chilean ambassador.\"}\n");
    usleep(300 * 1000);
    assert_int_equal(documents_reach(fx->port, 58), 58);
    char from[128], to[128];
    snprintf(from, sizeof from, "%s/two.jsonl.tmp", dir);
    snprintf(to, sizeof to, "%s/two.jsonl", dir);
    assert_int_equal(rename(from, to), 0);
    assert_int_equal(documents_reach(fx->port, 59), 59);
    /* the same documents again, a file that is not JSONL, then one new one:
     * when the last is stored the others were read, and added nothing */
    write_file(dir, "again.jsonl",
               "{\"id\": \"w-1\", \"date\": \"2026-11-02\", \"text\": \"Chile "
               "imposed sanctions on Peru on Monday.\"}\n");
    write_file(dir, "bad.jsonl", "{\"id\": \n[1, 2\n");
    write_file(dir, "three.txt", "Bolivia praised Chile for its help with the floods.\n");
    assert_int_equal(documents_reach(fx->port, 60), 60);
    json_object *h = get_json(fx->port, "/healthz");
    assert_string_equal(json_object_get_string(get_path(h, "status", NULL)), "ok");
    json_object_put(h);
    entente_server_stop(fx->srv);
    fx->srv = NULL;
    const char *names[] = {"one.jsonl", "two.jsonl", "again.jsonl", "bad.jsonl", "three.txt", NULL};
    for (int i = 0; names[i]; i++) {
        snprintf(to, sizeof to, "%s/%s", dir, names[i]);
        unlink(to);
    }
    assert_int_equal(rmdir(dir), 0);
}

static void test_watch_of_no_directory_is_an_error(void **state) {
    fixture *fx = *state;
    fx->url = tu_store_url(fx->which);
    char e[1300];
    ent_store *st = ent_store_open(fx->url, e, sizeof e);
    assert_non_null(st);
    ent_store_close(st);
    FILE *err = tmpfile();
    assert_non_null(err);
    entente_serve_opts o = {
        .db = fx->url, .listen = "127.0.0.1:0", .watch = "/nonexistent/entente-watch"};
    assert_null(entente_server_start(&o, err));
    o.watch = "/etc/hostname"; /* a file, not a directory */
    assert_null(entente_server_start(&o, err));
    char *text = tu_capture(err);
    fclose(err);
    assert_non_null(strstr(text, "--watch /nonexistent/entente-watch"));
    assert_non_null(strstr(text, "not a directory"));
    free(text);
}

static void test_an_empty_store_answers_with_nothing(void **state) {
    fixture *fx = *state;
    fx->empty = 1;
    fx = live(state, 0);
    const char *routes[] = {"/api/v1/dyad?a=RUS&b=UKR", "/api/v1/trends", "/api/v1/blocs",
                            "/api/v1/actors", NULL};
    for (int i = 0; routes[i]; i++) {
        json_object *o = get_json(fx->port, routes[i]);
        assert_int_equal(json_object_array_length(get_path(o, "rows", NULL)), 0);
        json_object_put(o);
    }
    json_object *ev = get_json(fx->port, "/api/v1/events");
    assert_int_equal(json_object_array_length(get_path(ev, "events", NULL)), 0);
    assert_true(json_object_is_type(get_path(ev, "next", NULL), json_type_null));
    json_object_put(ev);
    json_object *ov = get_json(fx->port, "/api/v1/overview");
    assert_int_equal(json_object_get_int(get_path(ov, "documents", NULL)), 0);
    assert_int_equal(json_object_get_int(get_path(ov, "events", NULL)), 0);
    json_object *from = NULL;
    assert_true(json_object_object_get_ex(ov, "from", &from));
    assert_null(from);   /* null: no event is dated */
    json_object_put(ov);
    /* a sentence without a date is explained with a null date */
    json_object *x = get_json(fx->port, "/api/v1/explain?text=Russia+attacked+Ukraine.");
    json_object *date = NULL;
    assert_true(json_object_object_get_ex(x, "date", &date));
    assert_null(date);
    assert_true(has_event(get_path(x, "events", NULL), "RUS", "UKR", "190"));
    json_object_put(x);
}

/* A store that goes away under the server: its failures are JSON, and
 * what they say of the store stays in the server's log. */
static void test_a_store_gone_is_a_json_error_that_names_nothing(void **state) {
    fixture *fx = live(state, 0);
    if (fx->which != TU_SQLITE) skip();   /* a file that can be taken away */
    tu_store_cleanup(TU_SQLITE, fx->url);
    resp r = http_get(fx->port, "/api/v1/actors");
    expect_error(&r, 500, "actors of a store gone");
    assert_null(strstr(r.body, fx->url));
    assert_null(strstr(r.body, "SELECT"));
    resp_free(&r);
    r = http_get(fx->port, "/healthz");
    expect_error(&r, 503, "health of a store gone");
    assert_null(strstr(r.body, fx->url));
    resp_free(&r);
    r = http_get(fx->port, "/metrics");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "entente_store_up 0\n"));
    resp_free(&r);
}

#define BOTH(t)                                                                                  \
    cmocka_unit_test_prestate_setup_teardown(t, setup, teardown, &which_sqlite),                \
        cmocka_unit_test_prestate_setup_teardown(t, setup, teardown, &which_pg)

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urlquery_decodes_pairs),
        cmocka_unit_test(test_urlquery_refuses_what_it_cannot_read_exactly),
        cmocka_unit_test(test_sentspan_finds_tokens_through_the_sentence_once_each),
        BOTH(test_health_and_openapi_describe_every_route),
        BOTH(test_events_pages_are_the_command_output_without_loss_or_repeat),
        BOTH(test_events_filters_and_formats),
        BOTH(test_events_carry_their_sentence_and_the_spans_of_their_words),
        BOTH(test_analysis_routes_give_the_commands_answers),
        BOTH(test_a_kept_dyad_counts_the_events_until_the_store_changes),
        cmocka_unit_test_prestate_setup_teardown(
            test_kept_answers_are_bounded_the_least_used_going_first, setup, teardown,
            &which_sqlite),
        BOTH(test_explain_and_code_answer_without_storing),
        BOTH(test_hostile_requests_get_json_errors),
        cmocka_unit_test_prestate_setup_teardown(
            test_dashboard_files_are_served_as_built_and_nothing_else, setup, teardown,
            &which_sqlite),
        BOTH(test_documents_need_the_token_and_are_stored_once),
        BOTH(test_metrics_count_requests_and_latency_by_route),
        BOTH(test_connections_are_bounded_in_number_and_idle_time),
        BOTH(test_an_empty_store_answers_with_nothing),
        cmocka_unit_test(test_watch_ignores_unfinished_names),
        BOTH(test_watch_stores_each_new_file_once),
        cmocka_unit_test_prestate_setup_teardown(test_watch_of_no_directory_is_an_error, setup,
                                                 teardown, &which_sqlite),
        cmocka_unit_test_prestate_setup_teardown(
            test_a_store_gone_is_a_json_error_that_names_nothing, setup, teardown, &which_sqlite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
