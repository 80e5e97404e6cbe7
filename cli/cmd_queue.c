/* cmd_queue.c -- `entente publish`, `entente worker`, `entente status`:
 * argument parsing over the work-queue jobs of entente.h, and the worker's
 * signals. */
#include "cmd_queue.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "entente.h"

static const char *usage_publish =
    "usage: entente publish [OPTIONS] [FILE|DIR|-]... --nats URL\n"
    "Read documents as `entente ingest` reads them and publish each to a NATS\n"
    "JetStream work queue, its id the message id: the stream's duplicate window\n"
    "drops a document published again (and workers skip what is stored).\n"
    "  --nats URL                   NATS server, e.g. nats://127.0.0.1:4222\n"
    "  --stream NAME                the queue's stream (default ENTENTE)\n"
    "  --from petrarch-xml|conllu|text|jsonl   input form (default: by extension)\n"
    "  --date YYYY-MM-DD            date for documents that carry none\n";

static const char *usage_worker =
    "usage: entente worker --nats URL --db postgres://... [OPTIONS]\n"
    "Pull documents from the work queue, code them and store them as `entente\n"
    "ingest` does, acknowledging each only after its batch committed.  Any number\n"
    "of workers on any number of machines share the queue.  SIGTERM or SIGINT:\n"
    "the batches in hand are committed and acknowledged, then it exits.\n"
    "  --nats URL                   NATS server, e.g. nats://127.0.0.1:4222\n"
    "  --db URL                     the shared store, postgres://user@host:port/db\n"
    "  --stream NAME                the queue's stream (default ENTENTE)\n"
    "  --dicts PATH                 PETR_config.ini or a directory holding one\n"
    "                               (default: the built-in set)\n"
    "  -j N                         coder threads (one writer)\n"
    "  --batch N                    documents per transaction (default 256)\n"
    "  --max-deliver N              deliveries of a document that fails before it\n"
    "                               goes to the dead letters (default 5)\n"
    "  --ack-wait SECONDS           an unacknowledged document is delivered again\n"
    "                               after this long (default 30)\n";

static const char *usage_status =
    "usage: entente status --nats URL [--stream NAME] [--db URL] [--dead-letters]\n"
    "The work queue's counts, one \"name value\" a line: waiting (in the stream),\n"
    "pending (not yet delivered), in_progress (delivered, not acknowledged),\n"
    "delivered, redelivered, dead_letters, workers (live ones), then a line per\n"
    "worker with its counters; with --db the documents and events stored;\n"
    "with --dead-letters each dead letter: \"dead ID deliveries N: REASON\".\n";

/* Options every queue command takes; 1 when `a` was one of them (advancing
 * *i past its value), 0 when not, or an exit status > 1. */
static int queue_opt(const char *usage, int argc, char **argv, int *i, entente_queue_opts *o) {
    const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!strcmp(a, "--nats") && v) o->nats = v;
    else if (!strcmp(a, "--stream") && v) o->stream = v;
    else if (!strcmp(a, "--db") && v) o->db = v;
    else return 0;
    (*i)++;
    return 1;
}

static int need_nats(const char *usage, const entente_queue_opts *o) {
    return o->nats ? 0 : cli_usage_error(usage, "--nats URL is required", NULL);
}

static int cmd_publish(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_publish, stdout), 0;
    entente_queue_opts o = {0};
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return fputs("entente: out of memory\n", stderr), 1;
    int n_files = 0, rc = 0;
    for (int i = 0; i < argc && !rc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int c = queue_opt(usage_publish, argc, argv, &i, &o);
        if (c == 1) continue;
        if (!strcmp(a, "--from") && v) {
            if (cli_input_form(v, &o.from))
                rc = cli_usage_error(usage_publish, "unknown input form", v);
            i++;
        } else if (!strcmp(a, "--date") && v) {
            o.date = entente_parse_date(v);
            if (o.date < 0) rc = cli_usage_error(usage_publish, "bad date (want YYYY-MM-DD)", v);
            i++;
        } else if (a[0] == '-' && a[1]) {
            rc = cli_usage_error(usage_publish, "unknown or incomplete option", a);
        } else {
            files[n_files++] = argv[i];
        }
    }
    if (!rc) rc = need_nats(usage_publish, &o);
    if (!rc) rc = entente_publish(&o, files, n_files, stderr);
    free(files);
    return rc;
}

/* The signals are taken by this thread alone (sigwait), which asks the
 * worker to drain; the worker's threads never see them. */
typedef struct signal_watch {
    sigset_t set;
    entente_worker *w;
} signal_watch;

static void *watch_signals(void *arg) {
    signal_watch *s = arg;
    int sig = 0;
    if (sigwait(&s->set, &sig) == 0) {
        fprintf(stderr, "worker: %s: committing the batches in hand, then stopping\n",
                sig == SIGINT ? "interrupted" : "terminated");
        entente_worker_stop(s->w);
    }
    return NULL;
}

static int cmd_worker(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_worker, stdout), 0;
    entente_queue_opts o = {0};
    o.threads = 1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int c = queue_opt(usage_worker, argc, argv, &i, &o);
        if (c == 1) continue;
        int *n = NULL, lo = 1, hi = 64;
        const char *what = "-j wants 1..64";
        if (!strcmp(a, "--dicts") && v) {
            o.dicts = v;
        } else if (!strcmp(a, "-j") && v) {
            n = &o.threads;
        } else if (!strcmp(a, "--batch") && v) {
            n = &o.batch, hi = 100000, what = "--batch wants 1..100000";
        } else if (!strcmp(a, "--max-deliver") && v) {
            n = &o.max_deliver, hi = 1000, what = "--max-deliver wants 1..1000";
        } else if (!strcmp(a, "--ack-wait") && v) {
            n = &o.ack_wait_s, hi = 86400, what = "--ack-wait wants 1..86400 seconds";
        } else {
            return cli_usage_error(usage_worker, "unknown or incomplete option", a);
        }
        if (n && cli_int(v, lo, hi, n)) return cli_usage_error(usage_worker, what, v);
        i++;
    }
    int rc = need_nats(usage_worker, &o);
    if (!rc && !o.db) rc = cli_usage_error(usage_worker, "--db URL is required", NULL);
    if (rc) return rc;
    entente_worker *w = entente_worker_new();
    if (!w) return fputs("entente: out of memory\n", stderr), 1;
    signal_watch sw = {.w = w};
    sigemptyset(&sw.set);
    sigaddset(&sw.set, SIGINT);
    sigaddset(&sw.set, SIGTERM);
    pthread_t watcher;
    if (pthread_sigmask(SIG_BLOCK, &sw.set, NULL) != 0 ||
        pthread_create(&watcher, NULL, watch_signals, &sw) != 0) {
        entente_worker_free(w);
        return fputs("entente: cannot take the signals\n", stderr), 1;
    }
    signal(SIGPIPE, SIG_IGN);
    rc = entente_worker_run(w, &o, stderr);
    pthread_cancel(watcher); /* still waiting when the worker ended by itself */
    pthread_join(watcher, NULL);
    entente_worker_free(w);
    return rc;
}

static int cmd_status(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) return fputs(usage_status, stdout), 0;
    entente_queue_opts o = {0};
    for (int i = 0; i < argc; i++) {
        int c = queue_opt(usage_status, argc, argv, &i, &o);
        if (c == 1) continue;
        if (!strcmp(argv[i], "--dead-letters")) o.dead_letters = 1;
        else return cli_usage_error(usage_status, "unknown or incomplete option", argv[i]);
    }
    int rc = need_nats(usage_status, &o);
    return rc ? rc : entente_status(&o, stdout, stderr);
}

int cmd_queue(const char *cmd, int argc, char **argv) {
    if (!strcmp(cmd, "publish")) return cmd_publish(argc, argv);
    if (!strcmp(cmd, "worker")) return cmd_worker(argc, argv);
    if (!strcmp(cmd, "status")) return cmd_status(argc, argv);
    return -1;
}
