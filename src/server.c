/* server.c -- `entente serve`: the JSON API over a store, on libmicrohttpd.
 *
 * Design.  The server is a thin layer over the jobs the commands run: a
 * route reads and checks its parameters, fills the job's options exactly
 * as the command's argument parser would, runs the job into a memory
 * stream and hands its output back (the JSONL of the analysis jobs
 * gathered into JSON arrays).  So the API and the commands cannot give
 * different answers, and every value still reaches SQL as a bound
 * parameter, through the one place the jobs build statements.
 *
 * Each request opens its own store handle (a handle is one thread's), on
 * one of libmicrohttpd's pool threads; the dictionary set is loaded once
 * and shared read-only, as the coder threads share it.  The only mutable
 * state is the server's own, behind a lock: the counters /metrics
 * reports, and the answers of the analysis routes, kept by their
 * normalised question for as long as the store's change value
 * (ent_store_changes, read on a handle of the server's own) says the store
 * holds them.  With --watch, a thread of watch.c ingests the files that
 * appear in a directory and tells the server, which forgets its answers.
 *
 * Limits are the library's where it has them (connections, idle time,
 * memory per connection) and ours where it has not: the body is refused
 * from its Content-Length before it is read, or once it grows past the
 * limit; the query string is read by urlquery.c, which refuses what it
 * cannot read exactly; and routes are matched on the raw path, byte for
 * byte, so no decoding or "..", "//" or "%2e" ever reaches a route; a
 * path that is no route may be one of the dashboard's files, compiled in
 * and looked up the same way (dash.h), and is nothing else.
 * Every answer is JSON (or the JSONL, CSV or Prometheus text asked for)
 * with a status; there are no CORS headers, so browsers keep other
 * origins out.
 */
#include <errno.h>
#include <json-c/json.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dash.h"
#include "dict.h"
#include "entente.h"
#include "jobs.h"
#include "sentspan.h"
#include "server.h"
#include "store.h"
#include "urlquery.h"
#include "util.h"
#include "watch.h"

#define SERVER_DEFAULT_LISTEN "127.0.0.1:8080"
#define SERVER_MAX_URI 20000          /* bytes of a request target */
#define SERVER_MAX_TEXT 4096          /* bytes of explain's sentence */
#define SERVER_EVENTS_LIMIT 100       /* events per page by default */
#define SERVER_EVENTS_MAX 1000        /* ... and at most */

/* ---- Routes and metrics ------------------------------------------------------- */

typedef struct server_req server_req;
typedef struct server_reply server_reply;

/* A route's handler fills the reply; it never returns without one. */
typedef void (*route_fn)(entente_server *s, server_req *r, const ent_urlquery *q,
                         server_reply *out);

typedef struct route {
    const char *path;
    const char *method;             /* "GET" or "POST" */
    const char *params;             /* the query parameters it takes, space-separated */
    route_fn fn;
} route;

/* Latency buckets of the Prometheus histogram, in seconds. */
static const double server_buckets[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                        0.25,  0.5,   1,    2.5,   5,    10};
#define N_BUCKETS (sizeof server_buckets / sizeof server_buckets[0])
/* The statuses counted apart; anything else counts as "other". */
static const int server_statuses[] = {200, 400, 401, 403, 404, 405, 413, 414, 415, 422, 500, 503};
#define N_STATUSES (sizeof server_statuses / sizeof server_statuses[0])

typedef struct route_stats {
    unsigned long long by_status[N_STATUSES + 1];
    unsigned long long bucket[N_BUCKETS];   /* per bucket; summed when reported */
    unsigned long long count;
    double sum;
} route_stats;

static void h_health(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_metrics(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_openapi(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_events(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_dyad(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_trends(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_blocs(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_actors(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_overview(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_explain(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_code(entente_server *, server_req *, const ent_urlquery *, server_reply *);
static void h_documents(entente_server *, server_req *, const ent_urlquery *, server_reply *);

static const route server_routes[] = {
    {"/healthz", "GET", "", h_health},
    {"/metrics", "GET", "", h_metrics},
    {"/api/v1/openapi.json", "GET", "", h_openapi},
    {"/api/v1/events", "GET",
     "actor dyad code root quad from to text limit cursor format sentences date_field", h_events},
    {"/api/v1/dyad", "GET", "a b by from to normalize date_field", h_dyad},
    {"/api/v1/trends", "GET", "window baseline min_events top to date_field", h_trends},
    {"/api/v1/blocs", "GET", "from to level min_events weight date_field", h_blocs},
    {"/api/v1/actors", "GET", "from to level top date_field", h_actors},
    {"/api/v1/overview", "GET", "", h_overview},
    {"/api/v1/explain", "GET", "text date", h_explain},
    {"/api/v1/code", "POST", "from date", h_code},
    {"/api/v1/documents", "POST", "from date", h_documents},
};
#define N_ROUTES (sizeof server_routes / sizeof server_routes[0])
/* The metrics' slots past the routes: requests no route took, and the
 * dashboard's files. */
#define SLOT_UNMATCHED N_ROUTES
#define SLOT_DASHBOARD (N_ROUTES + 1)
#define N_SLOTS        (N_ROUTES + 2)

/* The answers kept at most, and their bytes: a dyad by day over years is
 * a few hundred kB, so the cache stays well under the server's other
 * memory; past either bound the least recently used answer goes. */
#define CACHE_ENTRIES 256
#define CACHE_BYTES ((size_t)64 << 20)
#define CACHE_KEY 256

/* A kept answer: the body of a 200 for one normalised question. */
typedef struct cache_entry {
    char key[CACHE_KEY];      /* "" when the slot is free */
    char *body;
    size_t len;
    const char *ctype;
    uint64_t changes;         /* the store's change value when it was begun */
    double made_at, used_at;  /* ent_now() */
    int making;               /* begun by a request: the others wait */
} cache_entry;

struct entente_server {
    struct MHD_Daemon *mhd;
    char *db;
    char *dicts;              /* for ingest, which loads its own set */
    ent_dict *dict;           /* shared read-only by explain and code */
    char *token;              /* NULL: read-only */
    FILE *log;                /* the start's err: failed requests are logged there */
    long max_body;
    int query_timeout_ms;
    int port;
    pthread_mutex_t mu;       /* guards stats and the cache */
    route_stats stats[N_SLOTS]; /* by route, then SLOT_UNMATCHED and SLOT_DASHBOARD */
    /* The answers of the analysis routes (dyad, trends, blocs, actors,
     * overview) depend on their parameters and the store alone: each is
     * kept, by its normalised question, until the store changes or
     * cache_s seconds pass, and made by one request at a time while the
     * others asking the same wait for it. */
    int cache_s;              /* 0: nothing kept */
    pthread_cond_t made;      /* an answer was made, or failed */
    cache_entry cache[CACHE_ENTRIES];
    size_t cache_bytes;       /* of the kept bodies */
    unsigned long long forgets;   /* cache_forget calls: an answer made
                                     across one is not kept */
    unsigned long long cache_hits[N_ROUTES], cache_misses[N_ROUTES];
    /* A handle that only reads the store's change value (ent_store_changes),
     * which compares on one handle only; NULL until it opens. */
    pthread_mutex_t clock_mu;
    ent_store *clock;
    ent_watch *watch;         /* --watch: new files of a directory ingested, or NULL */
};

struct server_req {
    double t0;
    char *uri;                /* the request target as sent */
    int uri_too_long;
    int route; /* index in server_routes, or SLOT_UNMATCHED, SLOT_DASHBOARD */
    int started;
    int answered;             /* a reply was queued (perhaps before the body ended) */
    int too_large;            /* 1 past the limit, 2 out of memory */
    ent_buf body;
    int status;               /* of the reply, for the metrics */
    struct MHD_Connection *conn;
};

struct server_reply {
    int status;
    const char *ctype;
    ent_buf body;
    char next[64];            /* events: the next page's cursor, or "" */
    const char *allow;        /* 405: the method the route takes */
    int bearer;               /* 401: ask for a bearer token */
    int oom;                  /* the body could not be made: a fixed 500 goes */
    const entente_server *srv;
    const char *path;         /* the route's, for the log */
};

/* ---- Replies ------------------------------------------------------------------ */

static void reply_json_text(server_reply *out, int status, const char *json) {
    out->status = status;
    out->ctype = "application/json";
    ent_buf_clear(&out->body);
    if (ent_buf_puts(&out->body, json) || ent_buf_putc(&out->body, '\n')) out->oom = 1;
}

/* {"error": {"status": N, "message": "..."}}; extra (JSON members, or
 * NULL) joins the object after the message. */
static void reply_error_extra(server_reply *out, int status, const char *msg, const char *extra) {
    out->status = status;
    out->ctype = "application/json";
    ent_buf *b = &out->body;
    ent_buf_clear(b);
    int rc = ent_buf_printf(b, "{\"error\": {\"status\": %d, \"message\": ", status);
    rc |= ent_buf_json_str(b, msg);
    if (extra) rc |= ent_buf_printf(b, ", %s", extra);
    rc |= ent_buf_puts(b, "}}\n");
    /* no memory for the message: send_reply answers with a fixed one */
    if (rc) out->oom = 1;
}

static void reply_error(server_reply *out, int status, const char *msg) {
    reply_error_extra(out, status, msg, NULL);
}

/* A job that failed, its error stream errtext.  A question past the time
 * limit is the client's to narrow (503, saying so); anything else is the
 * server's: its message names the store and the statement, which are for
 * the operator's eyes, so it goes to the server's log and the client
 * learns only that the request failed (500). */
static void reply_job_error(server_reply *out, const char *errtext) {
    const char *m = errtext && *errtext ? errtext : "the job failed without a message";
    if (!strncmp(m, "entente: ", 9)) m += 9;
    int n = (int)strcspn(m, "\n");
    if (strstr(m, ENT_STORE_TIME_LIMIT)) {
        char msg[200];
        snprintf(msg, sizeof msg, "the question took longer than %d ms, the time limit of a query: "
                                  "narrow it (dates, actors, a smaller limit)",
                 out->srv->query_timeout_ms);
        reply_error(out, 503, msg);
        return;
    }
    if (out->srv->log) fprintf(out->srv->log, "entente: serve: %s: %.*s\n", out->path, n, m);
    reply_error(out, 500, "the request failed (the server's log says why)");
}

static void reply_object(server_reply *out, json_object *o) {
    const char *js =
        o ? json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
          : NULL;
    if (!js) reply_error(out, 500, "out of memory");
    else reply_json_text(out, 200, js);
}

/* ---- Parameters ----------------------------------------------------------------- */

/* Every parameter must be one the route takes: a misspelt filter would
 * otherwise widen the answer without a word. */
static int check_params(const route *rt, const ent_urlquery *q, server_reply *out) {
    for (int i = 0; i < q->n; i++) {
        const char *p = rt->params;
        size_t k = strlen(q->key[i]);
        int ok = 0;
        while (*p && !ok) {
            size_t w = strcspn(p, " ");
            ok = w == k && !strncmp(p, q->key[i], k);
            p += w + (p[w] == ' ');
        }
        if (!ok) {
            char msg[256];
            snprintf(msg, sizeof msg, "unknown parameter '%.64s' (this route takes: %s)", q->key[i],
                     *rt->params ? rt->params : "none");
            reply_error(out, 400, msg);
            return -1;
        }
    }
    return 0;
}

static int bad_param(server_reply *out, const char *name, const char *want) {
    char msg[256];
    snprintf(msg, sizeof msg, "parameter '%s': %s", name, want);
    reply_error(out, 400, msg);
    return -1;
}

/* An actor or event code: letters, digits and '-' ("---" is CAMEO's
 * unknown), 1 to 32 of them. */
static int code_ok(const char *s, size_t n) {
    if (n < 1 || n > 32) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    return 1;
}

static int param_code(const ent_urlquery *q, const char *name, const char **v, server_reply *out) {
    const char *s = ent_urlquery_get(q, name);
    *v = NULL;
    if (!s) return 0;
    if (!code_ok(s, strlen(s)))
        return bad_param(out, name, "want a code of 1 to 32 letters, digits or '-'");
    *v = s;
    return 0;
}

static int param_int(const ent_urlquery *q, const char *name, long lo, long hi, int *v,
                     server_reply *out) {
    const char *s = ent_urlquery_get(q, name);
    if (!s) return 0;
    char *end;
    errno = 0;
    long x = strtol(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || errno || x < lo || x > hi) {
        char want[96];
        snprintf(want, sizeof want, "want a whole number from %ld to %ld", lo, hi);
        return bad_param(out, name, want);
    }
    *v = (int)x;
    return 0;
}

static int param_date(const ent_urlquery *q, const char *name, int32_t *v, server_reply *out) {
    const char *s = ent_urlquery_get(q, name);
    if (!s) return 0;
    /* the date alone: entente_parse_date would let a time follow it */
    size_t n = strlen(s);
    int32_t d = n == 10 || n == 8 ? entente_parse_date(s) : -1;
    if (d <= 0) return bad_param(out, name, "want a date YYYY-MM-DD");
    *v = d;
    return 0;
}

/* One of `names` (NULL-terminated) -> its index in *v. */
static int param_enum(const ent_urlquery *q, const char *name, const char *const *names,
                      const char *want, int *v, server_reply *out) {
    const char *s = ent_urlquery_get(q, name);
    if (!s) return 0;
    for (int i = 0; names[i]; i++)
        if (!strcmp(s, names[i])) {
            *v = i;
            return 0;
        }
    return bad_param(out, name, want);
}

/* date_field: which date ranges and buckets events (enum entente_date_field). */
static int param_date_field(const ent_urlquery *q, int *field, server_reply *out) {
    static const char *const fields[] = {"event", "published", NULL};
    return param_enum(q, "date_field", fields, "want event or published", field, out);
}

/* ---- Running a job ---------------------------------------------------------------- */

/* A job's output and error streams in memory. */
typedef struct capture {
    FILE *out, *err;
    char *out_text, *err_text;
    size_t out_len, err_len;
} capture;

static int capture_open(capture *c) {
    memset(c, 0, sizeof *c);
    c->out = open_memstream(&c->out_text, &c->out_len);
    c->err = open_memstream(&c->err_text, &c->err_len);
    return c->out && c->err ? 0 : -1;
}

/* Close the streams; -1 when either could not keep what was written. */
static int capture_close(capture *c) {
    int rc = 0;
    if (c->out && fclose(c->out) != 0) rc = -1;
    if (c->err && fclose(c->err) != 0) rc = -1;
    c->out = c->err = NULL;
    return rc;
}

static void capture_free(capture *c) {
    capture_close(c);
    free(c->out_text);
    free(c->err_text);
}

/* capture_open, or a 500 reply when it cannot. */
static int capture_start(capture *c, server_reply *out) {
    if (capture_open(c) == 0) return 0;
    capture_free(c);
    reply_error(out, 500, "out of memory");
    return -1;
}

/* Hand a finished job's JSONL back as {"rows": [...]}, or its error.  The
 * lines, each an object the job wrote as JSON, are the array's items as
 * they are: read back and written again, they cost a dyad as much as its
 * query. */
static void reply_rows(server_reply *out, capture *c, int job_rc) {
    int closed = capture_close(c);
    if (job_rc || closed) {
        reply_job_error(out, c->err_text);
        return;
    }
    ent_buf *b = &out->body;
    const char *p = c->out_text ? c->out_text : "", *end = p + c->out_len;
    int rc = ent_buf_puts(b, "{\"rows\": [");
    for (int first = 1; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n) {
            rc |= first ? 0 : ent_buf_puts(b, ", ");
            rc |= ent_buf_append(b, p, n);
            first = 0;
        }
        p += n + 1;
    }
    rc |= ent_buf_puts(b, "]}\n");
    if (rc) {
        reply_error(out, 500, "out of memory");
        return;
    }
    out->status = 200;
    out->ctype = "application/json";
}

/* A job's whole output as the reply's body, or its error. */
static void reply_output(server_reply *out, capture *c, int job_rc, const char *ctype) {
    if (capture_close(c) < 0 || job_rc) {
        reply_job_error(out, c->err_text);
    } else if (c->out_len && ent_buf_append(&out->body, c->out_text, c->out_len)) {
        reply_error(out, 500, "out of memory");
    } else {
        out->status = 200;
        out->ctype = ctype;
    }
}

/* ---- Kept answers ------------------------------------------------------------------- */

/* The store's change value, read on the server's own handle (opened on
 * first use, and again after a failure); 0, or -1 when it cannot be read,
 * and then nothing is kept or taken from the cache. */
static int cache_clock(entente_server *s, uint64_t *v) {
    pthread_mutex_lock(&s->clock_mu);
    if (!s->clock) {
        char msg[1300];
        s->clock = ent_store_open_existing(s->db, msg, sizeof msg);
        if (s->clock && ent_store_set_timeout(s->clock, s->query_timeout_ms) < 0) {
            ent_store_close(s->clock);
            s->clock = NULL;
        }
    }
    int rc = s->clock ? ent_store_changes(s->clock, v) : -1;
    if (rc && s->clock) {
        ent_store_close(s->clock);
        s->clock = NULL;
    }
    pthread_mutex_unlock(&s->clock_mu);
    return rc;
}

/* The rest under s->mu. */
static cache_entry *cache_find(entente_server *s, const char *key) {
    for (int i = 0; i < CACHE_ENTRIES; i++)
        if (s->cache[i].key[0] && !strcmp(s->cache[i].key, key)) return &s->cache[i];
    return NULL;
}

static void cache_drop(entente_server *s, cache_entry *e) {
    s->cache_bytes -= e->len;
    free(e->body);
    memset(e, 0, sizeof *e);
}

/* The least recently used answer that is not being made, or NULL. */
static cache_entry *cache_oldest(entente_server *s) {
    cache_entry *old = NULL;
    for (int i = 0; i < CACHE_ENTRIES; i++) {
        cache_entry *e = &s->cache[i];
        if (e->key[0] && !e->making && (!old || e->used_at < old->used_at)) old = e;
    }
    return old;
}

/* A slot for `key`, the oldest answer dropped for it when all are taken;
 * NULL when every slot is being made. */
static cache_entry *cache_slot(entente_server *s, const char *key) {
    cache_entry *e = NULL;
    for (int i = 0; i < CACHE_ENTRIES && !e; i++)
        if (!s->cache[i].key[0]) e = &s->cache[i];
    if (!e && (e = cache_oldest(s))) cache_drop(s, e);
    if (e) snprintf(e->key, sizeof e->key, "%s", key);
    return e;
}

/* Forget every kept answer: the store changed under this server (its own
 * writes, which it hears of before the change value can say so). */
static void cache_forget(entente_server *s) {
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < CACHE_ENTRIES; i++)
        if (s->cache[i].key[0] && !s->cache[i].making) cache_drop(s, &s->cache[i]);
    s->forgets++;
    pthread_mutex_unlock(&s->mu);
}

/* Keep the answer made in `out` in e, which this request began; or free
 * the slot when it is not to be kept. */
static void cache_keep(entente_server *s, cache_entry *e, const server_reply *out, int keep) {
    char *body = keep && out->status == 200 && !out->oom && out->body.len <= CACHE_BYTES
                     ? malloc(out->body.len + 1)
                     : NULL;
    e->making = 0;
    if (!body) {   /* not kept (or no memory to keep it): made again next time */
        cache_drop(s, e);
        return;
    }
    memcpy(body, out->body.data, out->body.len);
    e->body = body;
    e->len = out->body.len;
    e->ctype = out->ctype;
    e->made_at = e->used_at = ent_now();
    s->cache_bytes += e->len;
    cache_entry *old;
    while (s->cache_bytes > CACHE_BYTES && (old = cache_oldest(s)) && old != e) cache_drop(s, old);
}

typedef void (*cache_make_fn)(entente_server *s, void *ctx, server_reply *out);

/* The answer to `key` (route `slot`'s question, normalised): the kept
 * one while the store has not changed since it was begun and it is
 * younger than cache_s, else made by make(ctx) and kept.  One request
 * makes an answer while the others asking the same wait for it; if it
 * failed, those that waited make their own rather than queue behind each
 * other. */
static void cache_answer(entente_server *s, int slot, const char *key, cache_make_fn make,
                         void *ctx, server_reply *out) {
    uint64_t now_v = 0;
    if (!s->cache_s || cache_clock(s, &now_v) < 0) {
        make(s, ctx, out);
        return;
    }
    pthread_mutex_lock(&s->mu);
    int waited = 0;
    cache_entry *e;
    while ((e = cache_find(s, key)) && e->making) {
        waited = 1;
        pthread_cond_wait(&s->made, &s->mu);
    }
    double now = ent_now();
    if (e && e->changes == now_v && now - e->made_at < s->cache_s) {
        int oom = ent_buf_append(&out->body, e->body, e->len);
        e->used_at = now;
        s->cache_hits[slot]++;
        const char *ctype = e->ctype;
        pthread_mutex_unlock(&s->mu);
        if (oom) reply_error(out, 500, "out of memory");
        else out->status = 200, out->ctype = ctype;
        return;
    }
    s->cache_misses[slot]++;
    if (e) cache_drop(s, e);   /* out of date */
    e = waited ? NULL : cache_slot(s, key);
    if (e) {
        e->making = 1;
        e->changes = now_v;
    }
    unsigned long long forgets = s->forgets;
    pthread_mutex_unlock(&s->mu);
    make(s, ctx, out);
    if (!e) return;
    pthread_mutex_lock(&s->mu);
    /* the slot is this request's until it is kept or dropped: neither
     * cache_forget nor cache_slot takes a slot being made */
    cache_keep(s, e, out, forgets == s->forgets);
    pthread_cond_broadcast(&s->made);
    pthread_mutex_unlock(&s->mu);
}

/* ---- Analysis routes ------------------------------------------------------------------ */

typedef int (*analysis_job)(const entente_analysis_opts *, FILE *, FILE *);

typedef struct analysis_run {
    analysis_job job;
    entente_analysis_opts *o;
} analysis_run;

static void analysis_make(entente_server *s, void *ctx, server_reply *out) {
    analysis_run *a = ctx;
    capture c;
    if (capture_start(&c, out) < 0) return;
    a->o->db = s->db;
    a->o->timeout_ms = s->query_timeout_ms;
    a->o->format = ENTENTE_FMT_JSONL;
    a->o->plot = NULL;   /* never a file written on a client's word */
    int rc = a->job(a->o, c.out, c.err);
    reply_rows(out, &c, rc);
    capture_free(&c);
}

/* The question an analysis route's options ask, the same whatever the
 * spelling of the query string (order, case of the codes, defaults given
 * or not): every option the analyses read, codes in capitals. */
static void analysis_key(const char *path, const entente_analysis_opts *o, char key[CACHE_KEY]) {
    char a[40] = "", b[40] = "";
    if (o->a) ent_upper(a, sizeof a, o->a, strlen(o->a));
    if (o->b) ent_upper(b, sizeof b, o->b, strlen(o->b));
    snprintf(key, CACHE_KEY,
             "%s a=%s b=%s by=%d from=%ld to=%ld end=%ld normalize=%d date_field=%d window=%d "
             "baseline=%d min_events=%d top=%d level=%d weight=%d",
             path, a, b, o->by, (long)o->from, (long)o->to, (long)o->end, o->normalize,
             o->date_field, o->window_days, o->baseline, o->min_events, o->top, o->level,
             o->weight);
}

static void run_analysis(entente_server *s, server_req *r, analysis_job job,
                         entente_analysis_opts *o, server_reply *out) {
    char key[CACHE_KEY];
    analysis_key(server_routes[r->route].path, o, key);
    analysis_run a = {job, o};
    cache_answer(s, r->route, key, analysis_make, &a, out);
}

/* ---- Handlers ------------------------------------------------------------------------ */

static void h_health(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    char msg[1300];
    ent_store *st = ent_store_open_existing(s->db, msg, sizeof msg);
    if (!st) {
        /* the message names the store: the operator's, as in reply_job_error */
        if (s->log) fprintf(s->log, "entente: serve: %s: %s\n", out->path, msg);
        reply_error(out, 503, "the store cannot be opened (the server's log says why)");
        return;
    }
    ent_buf *b = &out->body;
    int rc = ent_buf_puts(b, "{\"status\": \"ok\", \"store\": ");
    rc |= ent_buf_json_str(b, ent_store_name(st));
    rc |= ent_buf_printf(b, ", \"read_only\": %s}\n", s->token ? "false" : "true");
    ent_store_close(st);
    out->status = 200;
    out->ctype = "application/json";
    if (rc) out->oom = 1;
}

static void h_openapi(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    reply_json_text(out, 200, ent_server_openapi);
}

/* Each event's sentence and the spans of its words (sentspan.h), added to
 * a page of events in place; 0, or -1 with the reply made. */
static int add_sentences(entente_server *s, json_object *events, server_reply *out) {
    char msg[1300];
    ent_store *st = ent_store_open_existing(s->db, msg, sizeof msg);
    int rc = st && ent_store_set_timeout(st, s->query_timeout_ms) == 0 &&
                     ent_sentspan_add(st, events, msg, sizeof msg) == 0
                 ? 0
                 : -1;
    if (rc) reply_job_error(out, msg);
    if (st) ent_store_close(st);
    return rc;
}

static void h_events(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    static const char *const formats[] = {"json", "jsonl", "csv", "gdelt", "plover", NULL};
    static const char *const flags[] = {"false", "true", NULL};
    entente_events_opts o = {0};
    int quad = 0, limit = SERVER_EVENTS_LIMIT, format = 0, sentences = 0;
    const char *dyad = ent_urlquery_get(q, "dyad");
    char a[40] = "", b[40] = "";
    if (dyad) {
        /* "A,B": two codes as param_code takes them */
        const char *comma = strchr(dyad, ',');
        size_t na = comma ? (size_t)(comma - dyad) : 0, nb = comma ? strlen(comma + 1) : 0;
        if (!comma || !code_ok(dyad, na) || !code_ok(comma + 1, nb)) {
            bad_param(out, "dyad", "want two codes A,B");
            return;
        }
        memcpy(a, dyad, na);
        memcpy(b, comma + 1, nb + 1);
        o.dyad_a = a;
        o.dyad_b = b;
    }
    if (param_code(q, "actor", &o.actor, out) || param_code(q, "code", &o.code, out) ||
        param_code(q, "root", &o.root, out) || param_int(q, "quad", 1, 4, &quad, out) ||
        param_date(q, "from", &o.from, out) || param_date(q, "to", &o.to, out) ||
        param_int(q, "limit", 1, SERVER_EVENTS_MAX, &limit, out) ||
        param_enum(q, "format", formats, "want json, jsonl, csv, gdelt or plover", &format, out) ||
        param_enum(q, "sentences", flags, "want true or false", &sentences, out) ||
        param_date_field(q, &o.date_field, out))
        return;
    if (sentences && format != 0) {
        bad_param(out, "sentences", "the sentences come with format=json only");
        return;
    }
    o.text = ent_urlquery_get(q, "text");
    if (o.text) {
        int words = 0;
        for (const char *p = o.text; *p; p++) words |= *p != ' ' && *p != '\t' && *p != '\n';
        if (!words || strlen(o.text) > 200) {
            bad_param(out, "text", "want 1 to 200 bytes of words to look for");
            return;
        }
    }
    const char *cursor = ent_urlquery_get(q, "cursor");
    ent_store_event pos;
    if (cursor && ent_jobs_cursor_parse(cursor, &pos) < 0) {
        bad_param(out, "cursor", "want the cursor a page of events gave as next");
        return;
    }
    o.after = cursor;
    o.quad = quad;
    o.limit = limit;
    o.db = s->db;
    o.timeout_ms = s->query_timeout_ms;
    /* the formats of `entente events`, the same rendering */
    static const int fmt[] = {ENTENTE_FMT_JSONL, ENTENTE_FMT_JSONL, ENTENTE_FMT_CSV,
                              ENTENTE_FMT_GDELT, ENTENTE_FMT_PLOVER};
    static const char *const ctype[] = {NULL, "application/x-ndjson", "text/csv; charset=utf-8",
                                        "text/tab-separated-values; charset=utf-8",
                                        "application/x-ndjson"};
    o.format = fmt[format];
    o.next = out->next;
    o.next_cap = sizeof out->next;
    capture c;
    if (capture_start(&c, out) < 0) return;
    int rc = entente_events(&o, c.out, c.err);
    if (format != 0) {
        reply_output(out, &c, rc, ctype[format]);
        capture_free(&c);
        return;
    }
    /* json: {"events": [...], "next": cursor or null} */
    json_object *events = NULL, *o2 = NULL, *next = NULL;
    if (capture_close(&c) < 0 || rc) {
        reply_job_error(out, c.err_text);
    } else if (ent_jobs_jsonl_array(c.out_text ? c.out_text : "", c.out_len, &events) < 0) {
        reply_error(out, 500, "out of memory");
    } else if (sentences && add_sentences(s, events, out) < 0) {
        /* add_sentences made the reply */
    } else if (!(o2 = json_object_new_object()) || json_object_object_add(o2, "events", events) ||
               (events = NULL, 0) ||
               /* next is null only on the last page: a lost string must not say so */
               (out->next[0] && !(next = json_object_new_string(out->next))) ||
               json_object_object_add(o2, "next", next) || (next = NULL, 0)) {
        reply_error(out, 500, "out of memory");
    } else {
        reply_object(out, o2);
    }
    json_object_put(events);
    json_object_put(next);
    json_object_put(o2);
    capture_free(&c);
}

static void h_dyad(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    /* in the order of enum entente_period, enum values being the indexes */
    static const char *const periods[] = {"day", "week", "month", "quarter", "year", NULL};
    static const char *const flags[] = {"false", "true", NULL};
    entente_analysis_opts o = {0};
    o.by = ENTENTE_BY_MONTH;
    if (param_code(q, "a", &o.a, out) || param_code(q, "b", &o.b, out) ||
        param_enum(q, "by", periods, "want day, week, month, quarter or year", &o.by, out) ||
        param_date(q, "from", &o.from, out) || param_date(q, "to", &o.to, out) ||
        param_enum(q, "normalize", flags, "want true or false", &o.normalize, out) ||
        param_date_field(q, &o.date_field, out))
        return;
    if (!o.a || !o.b) {
        reply_error(out, 400, "parameters 'a' and 'b' (two actor codes) are required");
        return;
    }
    run_analysis(s, r, entente_dyad, &o, out);
}

static void h_trends(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    entente_analysis_opts o = {0};
    const char *w = ent_urlquery_get(q, "window");
    if (w) {
        /* "7d", "2w", "30" (days), as the command's --window */
        char *end;
        errno = 0;
        long v = strtol(w, &end, 10);
        long mult = !*end || !strcmp(end, "d") ? 1 : !strcmp(end, "w") ? 7 : -1;
        if (*w < '0' || *w > '9' || errno || v < 1 || mult < 0 || v > 3660 || v * mult > 3660) {
            bad_param(out, "window", "want Nd or Nw, up to 3660 days");
            return;
        }
        o.window_days = (int)(v * mult);
    }
    if (param_int(q, "baseline", 2, 64, &o.baseline, out) ||
        param_int(q, "min_events", 1, 1000000000, &o.min_events, out) ||
        param_int(q, "top", 1, 1000, &o.top, out) || param_date(q, "to", &o.end, out) ||
        param_date_field(q, &o.date_field, out))
        return;
    run_analysis(s, r, entente_trends, &o, out);
}

static const char *const server_levels[] = {"country", "full", NULL};

/* from, to, level and date_field, which blocs and actors share. */
static int param_period_level(const ent_urlquery *q, entente_analysis_opts *o, server_reply *out) {
    return param_date(q, "from", &o->from, out) || param_date(q, "to", &o->to, out) ||
                   param_enum(q, "level", server_levels, "want country or full", &o->level, out) ||
                   param_date_field(q, &o->date_field, out)
               ? -1
               : 0;
}

static void h_blocs(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    static const char *const weights[] = {"goldstein", "count", NULL};   /* enum entente_weight */
    entente_analysis_opts o = {0};
    if (param_period_level(q, &o, out) ||
        param_int(q, "min_events", 1, 1000000000, &o.min_events, out) ||
        param_enum(q, "weight", weights, "want goldstein or count", &o.weight, out))
        return;
    run_analysis(s, r, entente_blocs, &o, out);
}

static void h_actors(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    entente_analysis_opts o = {0};
    if (param_period_level(q, &o, out) || param_int(q, "top", 1, 1000, &o.top, out)) return;
    run_analysis(s, r, entente_actors, &o, out);
}

static void overview_make(entente_server *s, void *ctx, server_reply *out) {
    capture c;
    if (capture_start(&c, out) < 0) return;
    int rc = entente_overview_format(s->db, ENTENTE_FMT_JSONL, s->query_timeout_ms, c.out, c.err);
    reply_output(out, &c, rc, "application/json");
    capture_free(&c);
}

static void h_overview(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    cache_answer(s, r->route, server_routes[r->route].path, overview_make, NULL, out);
}

static void h_explain(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    const char *text = ent_urlquery_get(q, "text");
    int32_t date = 0;
    if (param_date(q, "date", &date, out)) return;
    if (!text || !*text || strlen(text) > SERVER_MAX_TEXT) {
        bad_param(out, "text", "want a sentence of 1 to 4096 bytes");
        return;
    }
    capture c;
    if (capture_start(&c, out) < 0) return;
    int rc = ent_jobs_explain_text(s->dict, text, date, 1, c.out, NULL);
    if (capture_close(&c) < 0 || rc) reply_error(out, 422, "the sentence could not be parsed or coded");
    else reply_output(out, &c, 0, "application/json");
    capture_free(&c);
}

/* The input form of a POSTed body: ?from=, else its Content-Type. */
static int body_form(struct MHD_Connection *conn, const ent_urlquery *q, int *form,
                     int32_t *date, server_reply *out) {
    static const char *const forms[] = {"text", "jsonl", NULL};
    int f = -1;
    if (param_enum(q, "from", forms, "want text or jsonl", &f, out) ||
        param_date(q, "date", date, out))
        return -1;
    if (f < 0) {
        const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
        size_t n = ct ? strcspn(ct, ";") : 0;
        if (!ct || (n == 10 && !strncasecmp(ct, "text/plain", n))) f = 0;
        else if ((n == 20 && !strncasecmp(ct, "application/x-ndjson", n)) ||
                 (n == 17 && !strncasecmp(ct, "application/jsonl", n)) ||
                 (n == 16 && !strncasecmp(ct, "application/json", n)))
            f = 1;
        else {
            reply_error(out, 415, "send text/plain (stories) or application/x-ndjson (JSONL "
                                  "documents), or name the form with ?from=text|jsonl");
            return -1;
        }
    }
    *form = f ? ENTENTE_IN_JSONL : ENTENTE_IN_TEXT;
    return 0;
}

/* The input's messages as "messages": [...] (JSON members for an error);
 * NULL when memory ran out. */
static char *messages_json(const ent_diags *d) {
    ent_buf b = {0};
    int rc = ent_buf_puts(&b, "\"messages\": [");
    for (int i = 0; i < d->count && i < 20; i++) {
        char line[600];
        ent_diag_format(d, i, line, sizeof line);
        rc |= i ? ent_buf_puts(&b, ", ") : 0;
        rc |= ent_buf_json_str(&b, line);
    }
    rc |= ent_buf_putc(&b, ']');
    if (rc) {
        ent_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* A POSTed body coded with the server's set, its events as JSON lines to
 * `events` (what /code returns, and the check /documents makes before
 * storing): the number of events, or -1 with the reply made (a bad form,
 * an empty body, or a body with errors: a bad line is the client's to fix,
 * not a partial answer to guess at). */
static long code_body(entente_server *s, server_req *r, const ent_urlquery *q, int *form,
                      int32_t *date, FILE *events, server_reply *out) {
    if (body_form(r->conn, q, form, date, out) < 0) return -1;
    if (!r->body.len) {
        reply_error(out, 400, "empty body: send the stories (text) or documents (JSONL)");
        return -1;
    }
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    long n = ent_jobs_code_memory(s->dict, "body", r->body.data, r->body.len, *form, *date,
                                  events, &d);
    if (n < 0 || d.count) {
        char *m = messages_json(&d);
        reply_error_extra(out, 400, n < 0 ? "the body could not be read" : "the body has errors", m);
        free(m);
        n = -1;
    }
    ent_diags_free(&d);
    return n;
}

static void h_code(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    int form;
    int32_t date = 0;
    capture c;
    if (capture_start(&c, out) < 0) return;
    long n = code_body(s, r, q, &form, &date, c.out, out);
    json_object *events = NULL;
    if (capture_close(&c) < 0) {
        reply_error(out, 500, "out of memory");
    } else if (n < 0) {
        /* code_body made the reply */
    } else if (ent_jobs_jsonl_array(c.out_text ? c.out_text : "", c.out_len, &events) < 0) {
        reply_error(out, 500, "cannot read back the coder's own JSON");
    } else {
        json_object *o = json_object_new_object();
        if (o && !json_object_object_add(o, "events", events)) {
            events = NULL;
            reply_object(out, o);
        } else {
            reply_error(out, 500, "out of memory");
        }
        json_object_put(o);
    }
    json_object_put(events);
    capture_free(&c);
}

/* Equal strings, in time that does not depend on where they differ. */
static int token_equal(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    unsigned char diff = na != nb;
    for (size_t i = 0; i < na; i++) diff |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
    return !diff;
}

/* The documents are ingested as `entente ingest` would: the body goes to a
 * private temporary file, so the one ingest job (ids, deduplication,
 * batches, transactions) stores them, and nothing new is written to
 * store them. */
static void h_documents(entente_server *s, server_req *r, const ent_urlquery *q,
                        server_reply *out) {
    if (!s->token) {
        reply_error(out, 403, "the server is read-only: start it with --token-file to take documents");
        return;
    }
    const char *auth = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
    if (!auth || strncmp(auth, "Bearer ", 7) || !token_equal(auth + 7, s->token)) {
        out->bearer = 1;
        reply_error(out, 401, "a bearer token is required (Authorization: Bearer TOKEN)");
        return;
    }
    int form;
    int32_t date = 0;
    /* the body is checked first, as /code reads it: a bad line stores nothing */
    FILE *sink = fopen("/dev/null", "w");
    if (!sink) {
        reply_error(out, 500, "cannot open /dev/null");
        return;
    }
    long n = code_body(s, r, q, &form, &date, sink, out);
    fclose(sink);
    if (n < 0) return;
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/entente-post-XXXXXX%s", tmp && *tmp ? tmp : "/tmp",
             form == ENTENTE_IN_JSONL ? ".jsonl" : ".txt");
    int fd = mkstemps(path, form == ENTENTE_IN_JSONL ? 6 : 4);
    if (fd < 0) {
        reply_error(out, 500, "cannot make a temporary file for the documents");
        return;
    }
    size_t done = 0;
    while (done < r->body.len) {
        ssize_t w = write(fd, r->body.data + done, r->body.len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        done += (size_t)w;
    }
    int closed = close(fd);
    capture c;
    if (done < r->body.len || closed) {
        reply_error(out, 500, "cannot write a temporary file for the documents");
    } else if (capture_start(&c, out) == 0) {
        entente_ingest_opts o = {0};
        o.db = s->db;
        o.dicts = s->dicts;
        o.from = form;
        o.threads = 1;
        o.date = date;
        o.progress = -1;
        char *files[1] = {path};
        int rc = entente_ingest(&o, files, 1, c.err);
        if (capture_close(&c) < 0 || rc) {
            reply_job_error(out, c.err_text);
        } else {
            /* the job's summary line says what was stored and skipped */
            ent_buf *b = &out->body;
            size_t k = c.err_len;
            while (k && (c.err_text[k - 1] == '\n')) k--;
            const char *line = c.err_text ? c.err_text : "";
            for (size_t i = k; i > 0; i--)
                if (line[i - 1] == '\n') {
                    line += i;
                    k -= i;
                    break;
                }
            char summary[1024];
            snprintf(summary, sizeof summary, "%.*s", (int)k, line);
            cache_forget(s);
            if (ent_buf_puts(b, "{\"stored\": true, \"summary\": ") ||
                ent_buf_json_str(b, summary) || ent_buf_puts(b, "}\n"))
                reply_error(out, 500, "out of memory");
            else
                out->status = 200, out->ctype = "application/json";
        }
        capture_free(&c);
    }
    unlink(path);
}

/* ---- Metrics ------------------------------------------------------------------------- */

static int status_slot(int status) {
    for (size_t i = 0; i < N_STATUSES; i++)
        if (server_statuses[i] == status) return (int)i;
    return (int)N_STATUSES;
}

static void stats_add(entente_server *s, int route_ix, int status, double secs) {
    pthread_mutex_lock(&s->mu);
    route_stats *st = &s->stats[route_ix];
    st->by_status[status_slot(status)]++;
    st->count++;
    st->sum += secs;
    for (size_t i = 0; i < N_BUCKETS; i++)
        if (secs <= server_buckets[i]) {
            st->bucket[i]++;
            break;
        }
    pthread_mutex_unlock(&s->mu);
}

/* A metrics slot's route label. */
static const char *stats_name(size_t k) {
    return k < N_ROUTES ? server_routes[k].path : k == SLOT_DASHBOARD ? "dashboard" : "unmatched";
}

static void h_metrics(entente_server *s, server_req *r, const ent_urlquery *q, server_reply *out) {
    route_stats snap[N_SLOTS];
    pthread_mutex_lock(&s->mu);
    memcpy(snap, s->stats, sizeof snap);
    unsigned long long hits[N_ROUTES], misses[N_ROUTES];
    memcpy(hits, s->cache_hits, sizeof hits);
    memcpy(misses, s->cache_misses, sizeof misses);
    pthread_mutex_unlock(&s->mu);
    ent_buf *b = &out->body;
    int rc = ent_buf_puts(b, "# HELP entente_http_requests_total HTTP requests answered, by route "
                             "and status.\n# TYPE entente_http_requests_total counter\n");
    for (size_t k = 0; k < N_SLOTS; k++) {
        const char *name = stats_name(k);
        for (size_t i = 0; i <= N_STATUSES; i++) {
            if (!snap[k].by_status[i]) continue;
            char code[8];
            if (i < N_STATUSES) snprintf(code, sizeof code, "%d", server_statuses[i]);
            else snprintf(code, sizeof code, "other");
            rc |= ent_buf_printf(b, "entente_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                                 name, code, snap[k].by_status[i]);
        }
    }
    rc |= ent_buf_puts(b, "# HELP entente_http_request_duration_seconds Time from a request's "
                          "arrival to its answer sent, by route.\n"
                          "# TYPE entente_http_request_duration_seconds histogram\n");
    for (size_t k = 0; k < N_SLOTS; k++) {
        if (!snap[k].count) continue;
        const char *name = stats_name(k);
        unsigned long long cum = 0;
        for (size_t i = 0; i < N_BUCKETS; i++) {
            cum += snap[k].bucket[i];
            rc |= ent_buf_printf(b, "entente_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                                 name, server_buckets[i], cum);
        }
        rc |= ent_buf_printf(b, "entente_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                                "entente_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                                "entente_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                             name, snap[k].count, name, snap[k].sum, name, snap[k].count);
    }
    rc |= ent_buf_puts(b, "# HELP entente_cache_total Answers given from the kept one (hit) or "
                          "made (miss), by route.\n# TYPE entente_cache_total counter\n");
    for (size_t k = 0; k < N_ROUTES; k++)
        if (hits[k] || misses[k])
            rc |= ent_buf_printf(b, "entente_cache_total{route=\"%s\",result=\"hit\"} %llu\n"
                                    "entente_cache_total{route=\"%s\",result=\"miss\"} %llu\n",
                                 server_routes[k].path, hits[k], server_routes[k].path, misses[k]);
    /* the store's size, as the scrape finds it */
    char msg[1300];
    ent_store *st = ent_store_open_existing(s->db, msg, sizeof msg);
    ent_store_counts n = {0, 0, 0, 0};
    int counted = st && ent_store_set_timeout(st, s->query_timeout_ms) == 0 &&
                  ent_store_counts_get(st, &n) == 0;
    if (st) ent_store_close(st);
    rc |= ent_buf_printf(b, "# HELP entente_store_up 1 when the store could be read.\n"
                            "# TYPE entente_store_up gauge\nentente_store_up %d\n", counted);
    if (counted)
        rc |= ent_buf_printf(b, "# HELP entente_store_documents Documents in the store.\n"
                                "# TYPE entente_store_documents gauge\nentente_store_documents %lld\n"
                                "# HELP entente_store_events Events in the store.\n"
                                "# TYPE entente_store_events gauge\nentente_store_events %lld\n",
                             n.documents, n.events);
    if (rc) reply_error(out, 500, "out of memory");
    else out->status = 200, out->ctype = "text/plain; version=0.0.4; charset=utf-8";
}

/* ---- libmicrohttpd callbacks ------------------------------------------------------------ */

/* Called first with the request target as sent, before any decoding:
 * the request's context starts here, with its clock. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
    server_req *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->t0 = ent_now();
    r->route = (int)N_ROUTES;
    size_t n = strlen(uri);
    r->uri_too_long = n > SERVER_MAX_URI;
    if (!r->uri_too_long) r->uri = strndup(uri, n);
    return r;   /* r->uri NULL: too long, or no memory; answered as such */
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, server_req *r, server_reply *rep) {
    static const char oom[] = "{\"error\": {\"status\": 500, \"message\": \"out of memory\"}}\n";
    if (rep->oom) {
        /* the reply's own body could not be made: say so in a fixed one */
        rep->status = 500;
        rep->ctype = "application/json";
        rep->next[0] = '\0';
    }
    struct MHD_Response *resp =
        rep->oom ? MHD_create_response_from_buffer(sizeof oom - 1, (void *)oom, MHD_RESPMEM_PERSISTENT)
                 : MHD_create_response_from_buffer(rep->body.len, rep->body.len ? rep->body.data : "",
                                                   MHD_RESPMEM_MUST_COPY);
    if (!resp) return MHD_NO;   /* the library closes the connection */
    /* a header that could not be added would change what the answer
     * means (a page without its cursor, a 401 without its scheme): then
     * no answer, and the library closes the connection */
    int headers = MHD_add_response_header(resp, "Content-Type",
                                          rep->ctype ? rep->ctype : "application/json") == MHD_YES &&
                  MHD_add_response_header(resp, "Cache-Control", "no-store") == MHD_YES &&
                  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff") == MHD_YES &&
                  (!rep->next[0] ||
                   MHD_add_response_header(resp, "X-Next-Cursor", rep->next) == MHD_YES) &&
                  (!rep->allow || MHD_add_response_header(resp, "Allow", rep->allow) == MHD_YES) &&
                  (!rep->bearer ||
                   MHD_add_response_header(resp, "WWW-Authenticate", "Bearer") == MHD_YES);
    enum MHD_Result ok = headers ? MHD_queue_response(conn, (unsigned)rep->status, resp) : MHD_NO;
    MHD_destroy_response(resp);
    r->status = rep->status;
    r->answered = 1;
    return ok;
}

static enum MHD_Result answer_error(struct MHD_Connection *conn, server_req *r, int status,
                                    const char *msg, const char *allow) {
    server_reply rep = {0};
    reply_error(&rep, status, msg);
    rep.allow = allow;
    enum MHD_Result ok = send_reply(conn, r, &rep);
    ent_buf_free(&rep.body);
    return ok;
}

/* One of the dashboard's files, to GET or HEAD (the library leaves the
 * body out of a HEAD's answer), or 304 when the browser holds it already
 * (its If-None-Match names the file's tag).  The policy keeps the page to
 * its own origin's scripts, styles and API, and out of other sites'
 * frames. */
static enum MHD_Result answer_file(struct MHD_Connection *conn, server_req *r, const char *method,
                                   const ent_dash_file *f) {
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return answer_error(conn, r, 405, "method not allowed", "GET, HEAD");
    const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
    int status = inm && !strcmp(inm, f->etag) ? 304 : 200;
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        status == 200 ? f->len : 0, (void *)f->data, MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    int headers = MHD_add_response_header(resp, "Content-Type", f->ctype) == MHD_YES &&
                  MHD_add_response_header(resp, "ETag", f->etag) == MHD_YES &&
                  MHD_add_response_header(resp, "Cache-Control", "no-cache") == MHD_YES &&
                  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff") == MHD_YES &&
                  MHD_add_response_header(
                      resp, "Content-Security-Policy",
                      "default-src 'self'; img-src 'self' data:; "
                      "frame-ancestors 'none'; base-uri 'none'; form-action 'self'") == MHD_YES;
    enum MHD_Result ok = headers ? MHD_queue_response(conn, (unsigned)status, resp) : MHD_NO;
    MHD_destroy_response(resp);
    r->status = status;
    r->answered = 1;
    return ok;
}

/* The route of a raw path, matched exactly; N_ROUTES when none. */
static int find_route(const char *uri, size_t path_len) {
    for (size_t i = 0; i < N_ROUTES; i++)
        if (strlen(server_routes[i].path) == path_len &&
            !memcmp(server_routes[i].path, uri, path_len))
            return (int)i;
    return (int)N_ROUTES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    entente_server *s = cls;
    server_req *r = *con_cls;
    if (!r) {
        /* on_uri could not allocate: nothing to keep state in */
        static const char oom[] = "{\"error\": {\"status\": 503, \"message\": \"out of memory\"}}\n";
        struct MHD_Response *resp =
            MHD_create_response_from_buffer(sizeof oom - 1, (void *)oom, MHD_RESPMEM_PERSISTENT);
        if (!resp) return MHD_NO;
        enum MHD_Result ok = MHD_add_response_header(resp, "Content-Type", "application/json") == MHD_YES
                                 ? MHD_queue_response(conn, 503, resp)
                                 : MHD_NO;
        MHD_destroy_response(resp);
        return ok;
    }
    if (r->answered) {
        /* refused early: the rest of the body is read and dropped */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!r->started) {
        r->started = 1;
        if (r->uri_too_long) return answer_error(conn, r, 414, "request target too long", NULL);
        if (!r->uri) return answer_error(conn, r, 503, "out of memory", NULL);
        size_t path_len = strcspn(r->uri, "?");
        r->route = find_route(r->uri, path_len);
        const ent_dash_file *file =
            r->route == (int)N_ROUTES ? ent_dash_find(r->uri, path_len) : NULL;
        if (file) {
            r->route = (int)SLOT_DASHBOARD;
            return answer_file(conn, r, method, file);
        }
        if (r->route == (int)N_ROUTES) {
            char msg[160];
            snprintf(msg, sizeof msg, "no such resource (the API is under /api/v1/; "
                                      "/api/v1/openapi.json describes it)");
            return answer_error(conn, r, 404, msg, NULL);
        }
        const route *rt = &server_routes[r->route];
        if (strcmp(method, rt->method))
            return answer_error(conn, r, 405, "method not allowed", rt->method);
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > (unsigned long long)s->max_body)
                return answer_error(conn, r, 413, "request body too large", NULL);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (r->too_large || r->body.len + n > (size_t)s->max_body) r->too_large = 1;
        else if (ent_buf_append(&r->body, upload_data, n)) r->too_large = 2;
        return MHD_YES;
    }
    if (r->too_large)
        return answer_error(conn, r, r->too_large == 1 ? 413 : 503,
                            r->too_large == 1 ? "request body too large" : "out of memory", NULL);
    const route *rt = &server_routes[r->route];
    r->conn = conn;
    const char *qs = strchr(r->uri, '?');
    ent_urlquery q;
    char msg[256];
    server_reply rep = {.srv = s, .path = rt->path};
    if (ent_urlquery_parse(&q, qs ? qs + 1 : "", qs ? strlen(qs + 1) : 0, msg, sizeof msg) < 0)
        reply_error(&rep, 400, msg);
    else if (check_params(rt, &q, &rep) == 0)
        rt->fn(s, r, &q, &rep);
    if (!rep.status) reply_error(&rep, 500, "no answer");
    ent_urlquery_free(&q);
    enum MHD_Result ok = send_reply(conn, r, &rep);
    ent_buf_free(&rep.body);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    entente_server *s = cls;
    server_req *r = *con_cls;
    if (!r) return;
    /* a request that ended without a reply (the client left, a timeout)
     * counts under "other" */
    stats_add(s, r->route, r->answered ? r->status : 0, ent_now() - r->t0);
    free(r->uri);
    ent_buf_free(&r->body);
    free(r);
    *con_cls = NULL;
}

/* ---- Start and stop -------------------------------------------------------------------- */

/* "HOST:PORT" or "[V6]:PORT" into addr.  0, or -1 with a message. */
static int parse_listen(const char *spec, struct sockaddr_storage *addr, socklen_t *len,
                        FILE *err) {
    char host[256];
    const char *port;
    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':' || (size_t)(close - spec - 1) >= sizeof host) goto bad;
        memcpy(host, spec + 1, (size_t)(close - spec - 1));
        host[close - spec - 1] = '\0';
        port = close + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (!colon || (size_t)(colon - spec) >= sizeof host || colon == spec) goto bad;
        memcpy(host, spec, (size_t)(colon - spec));
        host[colon - spec] = '\0';
        port = colon + 1;
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535) goto bad;
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai || !res) {
        fprintf(err, "entente: --listen %s: %s\n", spec, gai ? gai_strerror(gai) : "no address");
        return -1;
    }
    memcpy(addr, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
bad:
    fprintf(err, "entente: --listen %s: want HOST:PORT (e.g. 127.0.0.1:8080, [::1]:8080)\n", spec);
    return -1;
}

/* The token: the file's first line, at least 16 bytes, printable ASCII. */
static char *read_token(const char *path, FILE *err) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(err, "entente: --token-file %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char line[1024];
    char *got = fgets(line, sizeof line, f);
    fclose(f);
    size_t n = got ? strcspn(line, "\r\n") : 0;
    line[n] = '\0';
    int ok = n >= 16;
    for (size_t i = 0; ok && i < n; i++) ok = line[i] > ' ' && line[i] < 127;
    if (!ok) {
        fprintf(err, "entente: --token-file %s: want one line of 16 or more printable characters "
                     "without spaces\n", path);
        return NULL;
    }
    char *t = strdup(line);
    if (!t) fprintf(err, "entente: out of memory\n");
    return t;
}

/* A file the watch stored: the kept overview no longer says what the
 * store holds. */
static void on_watched(void *user, const char *path, int stored) {
    if (stored) cache_forget(user);
}

void entente_server_stop(entente_server *s) {
    if (!s) return;
    ent_watch_stop(s->watch); /* first: it calls back into s */
    if (s->mhd) MHD_stop_daemon(s->mhd);
    pthread_cond_destroy(&s->made);
    pthread_mutex_destroy(&s->mu);
    pthread_mutex_destroy(&s->clock_mu);
    for (int i = 0; i < CACHE_ENTRIES; i++) free(s->cache[i].body);
    ent_store_close(s->clock);
    if (s->dict) ent_dict_free(s->dict);
    free(s->db);
    free(s->dicts);
    free(s->token);
    free(s);
}

int entente_server_port(const entente_server *s) { return s->port; }

entente_server *entente_server_start(const entente_serve_opts *o, FILE *err) {
    entente_server *s = calloc(1, sizeof *s);
    if (!s || pthread_mutex_init(&s->mu, NULL)) {
        free(s);
        fprintf(err, "entente: out of memory\n");
        return NULL;
    }
    if (pthread_mutex_init(&s->clock_mu, NULL)) {
        pthread_mutex_destroy(&s->mu);
        free(s);
        fprintf(err, "entente: cannot make a mutex\n");
        return NULL;
    }
    if (pthread_cond_init(&s->made, NULL)) {
        pthread_mutex_destroy(&s->clock_mu);
        pthread_mutex_destroy(&s->mu);
        free(s);
        fprintf(err, "entente: cannot make a condition variable\n");
        return NULL;
    }
    char where[4096];
    const char *dicts = o->dicts ? o->dicts : entente_default_dicts(where, sizeof where);
    s->db = strdup(o->db ? o->db : ENT_STORE_DEFAULT);
    s->dicts = dicts ? strdup(dicts) : NULL;
    s->max_body = o->max_body > 0 ? o->max_body : 8L << 20;
    s->query_timeout_ms = o->query_timeout_ms > 0 ? o->query_timeout_ms : 10000;
    s->cache_s = o->cache_s < 0 ? 0 : o->cache_s ? o->cache_s : 30;
    s->log = err;
    if (!s->db || (dicts && !s->dicts)) {
        fprintf(err, "entente: out of memory\n");
        entente_server_stop(s);
        return NULL;
    }
    if (o->token_file && !(s->token = read_token(o->token_file, err))) {
        entente_server_stop(s);
        return NULL;
    }
    /* the store must be there now, not at the first request */
    char msg[1300];
    ent_store *st = ent_store_open_existing(s->db, msg, sizeof msg);
    if (!st) {
        fprintf(err, "entente: %s\n", msg);
        entente_server_stop(s);
        return NULL;
    }
    ent_store_close(st);
    s->dict = ent_jobs_load_dicts(s->dicts, 0, err);
    if (!s->dict) {
        entente_server_stop(s);
        return NULL;
    }
    if (o->watch) {
        entente_ingest_opts io = {.db = s->db, .dicts = s->dicts};
        if (!(s->watch = ent_watch_start(o->watch, &io, on_watched, s, err))) {
            entente_server_stop(s);
            return NULL;
        }
    }
    struct sockaddr_storage addr;
    socklen_t alen;
    const char *listen = o->listen ? o->listen : SERVER_DEFAULT_LISTEN;
    if (parse_listen(listen, &addr, &alen, err) < 0) {
        entente_server_stop(s);
        return NULL;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (addr.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    int port = addr.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&addr)->sin6_port)
                                          : ntohs(((struct sockaddr_in *)&addr)->sin_port);
    unsigned threads = o->threads > 0 ? (unsigned)o->threads : 4;
    unsigned conns = o->max_connections > 0 ? (unsigned)o->max_connections : 64;
    unsigned timeout = o->timeout_s > 0 ? (unsigned)o->timeout_s : 15;
    s->mhd = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, s,
                              MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                              MHD_OPTION_THREAD_POOL_SIZE, threads,
                              MHD_OPTION_CONNECTION_LIMIT, conns,
                              MHD_OPTION_CONNECTION_TIMEOUT, timeout,
                              MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                              MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
                              MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
                              MHD_OPTION_END);
    if (!s->mhd) {
        fprintf(err, "entente: cannot listen on %s: %s\n", listen,
                errno ? strerror(errno) : "the HTTP library refused to start");
        entente_server_stop(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : port;
    return s;
}
