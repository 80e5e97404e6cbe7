/* cmd_serve.c -- `entente serve`: argument parsing over entente.h's
 * server, and waiting for the signal that stops it. */
#include "cmd_serve.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "entente.h"

static const char *usage_serve =
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
    "  --cache SECONDS              the overview is kept this long (default 30;\n"
    "                               0: made for each request)\n";

int cmd_serve(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_serve, stdout), 0;
    entente_serve_opts o = {0};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) return cli_usage_error(usage_serve, "unknown or incomplete option", a);
        int n;
        if (!strcmp(a, "--db")) o.db = v;
        else if (!strcmp(a, "--listen")) o.listen = v;
        else if (!strcmp(a, "--token-file")) o.token_file = v;
        else if (!strcmp(a, "--dicts")) o.dicts = v;
        else if (!strcmp(a, "--watch")) o.watch = v;
        else if (!strcmp(a, "--threads")) {
            if (cli_int(v, 1, 256, &o.threads)) return cli_usage_error(usage_serve, "--threads wants 1..256", v);
        } else if (!strcmp(a, "--max-connections")) {
            if (cli_int(v, 1, 100000, &o.max_connections))
                return cli_usage_error(usage_serve, "--max-connections wants 1..100000", v);
        } else if (!strcmp(a, "--max-body")) {
            if (cli_int(v, 1, 1 << 30, &n)) return cli_usage_error(usage_serve, "--max-body wants 1..1073741824", v);
            o.max_body = n;
        } else if (!strcmp(a, "--query-timeout")) {
            if (cli_int(v, 1, 3600, &n)) return cli_usage_error(usage_serve, "--query-timeout wants 1..3600", v);
            o.query_timeout_ms = n * 1000;
        } else if (!strcmp(a, "--cache")) {
            if (cli_int(v, 0, 86400, &n)) return cli_usage_error(usage_serve, "--cache wants 0..86400", v);
            o.cache_s = n ? n : -1;
        } else if (!strcmp(a, "--timeout")) {
            if (cli_int(v, 1, 3600, &o.timeout_s)) return cli_usage_error(usage_serve, "--timeout wants 1..3600", v);
        } else return cli_usage_error(usage_serve, "unknown option", a);
        i++;
    }
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
