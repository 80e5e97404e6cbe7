/* cmd_serve.c -- `entente serve`: argument parsing over entente.h's
 * server, and waiting for the signal that stops it. */
#include "cmd_serve.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "entente.h"

const char cmd_serve_usage[] =
    "usage: entente serve [OPTIONS]\n"
    "Answer a JSON API over a store (described at /api/v1/openapi.json) until\n"
    "interrupted: events, dyad, trends, blocs, actors, overview, explain, code,\n"
    "documents, /healthz and /metrics.  Read-only unless --token-file is given.\n"
    "  --db URL                     store (default ./entente.db)\n"
    "  --listen HOST:PORT           address (default 127.0.0.1:8080; port 0: any\n"
    "                               free port, printed at start)\n"
    "  --threads N                  request threads, 1..256 (default 4)\n"
    "  --token-file FILE            a bearer token (one line, 16+ characters) that\n"
    "                               POST /api/v1/documents requires\n"
    "  --dicts PATH                 dictionaries for explain and code (default: the\n"
    "                               built-in set)\n"
    "  --watch DIR                  ingest each file that appears in DIR (written and\n"
    "                               closed, or moved in), as entente ingest would\n"
    "  --max-connections N          open connections at most; more wait (default 64)\n"
    "  --max-body BYTES             largest request body (default 8388608)\n"
    "  --timeout SECONDS            idle connections are closed after (default 15)\n"
    "  --query-timeout SECONDS      a query running longer is stopped, an error\n"
    "                               (default 10)\n"
    "  --cache SECONDS              analysis answers are kept this long at most,\n"
    "                               while the store does not change (default 30;\n"
    "                               0: made for each request)\n";

enum {
    O_DB = 256,
    O_LISTEN,
    O_TOKEN_FILE,
    O_DICTS,
    O_WATCH,
    O_THREADS,
    O_MAX_CONNECTIONS,
    O_MAX_BODY,
    O_QUERY_TIMEOUT,
    O_CACHE,
    O_TIMEOUT
};

static const struct option options[] = {
    {"db", required_argument, NULL, O_DB},
    {"listen", required_argument, NULL, O_LISTEN},
    {"token-file", required_argument, NULL, O_TOKEN_FILE},
    {"dicts", required_argument, NULL, O_DICTS},
    {"watch", required_argument, NULL, O_WATCH},
    {"threads", required_argument, NULL, O_THREADS},
    {"max-connections", required_argument, NULL, O_MAX_CONNECTIONS},
    {"max-body", required_argument, NULL, O_MAX_BODY},
    {"query-timeout", required_argument, NULL, O_QUERY_TIMEOUT},
    {"cache", required_argument, NULL, O_CACHE},
    {"timeout", required_argument, NULL, O_TIMEOUT},
    {NULL, 0, NULL, 0}};

/* The options into o: 0, or the exit status of a usage error. */
static int serve_args(int argc, char **argv, entente_serve_opts *o) {
    const char *usage = cmd_serve_usage;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), options, usage, "unknown option");
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        const char *v = p.value;
        int n;
        switch (c) {
        case CLI_ERROR: return 64;
        case CLI_ARG: return cli_unexpected(&p);
        case O_DB: o->db = v; break;
        case O_LISTEN: o->listen = v; break;
        case O_TOKEN_FILE: o->token_file = v; break;
        case O_DICTS: o->dicts = v; break;
        case O_WATCH: o->watch = v; break;
        case O_THREADS:
            if (cli_int(v, 1, 256, &o->threads))
                return cli_usage_error(usage, "--threads wants 1..256", v);
            break;
        case O_MAX_CONNECTIONS:
            if (cli_int(v, 1, 100000, &o->max_connections))
                return cli_usage_error(usage, "--max-connections wants 1..100000", v);
            break;
        case O_MAX_BODY:
            if (cli_int(v, 1, 1 << 30, &n))
                return cli_usage_error(usage, "--max-body wants 1..1073741824", v);
            o->max_body = n;
            break;
        case O_QUERY_TIMEOUT:
            if (cli_int(v, 1, 3600, &n))
                return cli_usage_error(usage, "--query-timeout wants 1..3600", v);
            o->query_timeout_ms = n * 1000;
            break;
        case O_CACHE:
            if (cli_int(v, 0, 86400, &n))
                return cli_usage_error(usage, "--cache wants 0..86400", v);
            o->cache_s = n ? n : -1;
            break;
        case O_TIMEOUT:
            if (cli_int(v, 1, 3600, &o->timeout_s))
                return cli_usage_error(usage, "--timeout wants 1..3600", v);
            break;
        }
    }
    return 0;
}

int cmd_serve(int argc, char **argv) {
    entente_serve_opts o = {0};
    int rc = serve_args(argc, argv, &o);
    if (rc) return rc;
    /* the signals are taken here, by sigwait, and by no server thread:
     * blocked before the server starts its threads, which inherit it */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, &stop, NULL) != 0) {
        fputs("entente: cannot block signals\n", stderr);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    entente_server *s = entente_server_start(&o, stderr);
    if (!s) return 1;
    const char *listen = o.listen ? o.listen : "127.0.0.1:8080";
    const char *colon = strrchr(listen, ':');
    int host_len = colon ? (int)(colon - listen) : (int)strlen(listen);
    fprintf(stderr, "entente: serving %s at http://%.*s:%d/ (%s)\n", o.db ? o.db : "entente.db",
            host_len, listen, entente_server_port(s),
            o.token_file ? "writes need the token" : "read-only");
    if (o.watch) fprintf(stderr, "entente: watching %s for new files to ingest\n", o.watch);
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "entente: %s: stopping\n", sig == SIGINT ? "interrupted" : "terminated");
    entente_server_stop(s);
    return 0;
}
