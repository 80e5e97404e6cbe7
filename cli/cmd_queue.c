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

const char cmd_publish_usage[] =
    "usage: entente publish [OPTIONS] [FILE|DIR|-]... --nats URL\n"
    "Read documents as `entente ingest` reads them and publish each to a NATS\n"
    "JetStream work queue, its id the message id: the stream's duplicate window\n"
    "drops a document published again (and workers skip what is stored).\n"
    "  --nats URL                   NATS server, e.g. nats://127.0.0.1:4222\n"
    "  --stream NAME                the queue's stream (default ENTENTE)\n"
    "  --from petrarch-xml|conllu|text|jsonl   input form (default: by extension)\n"
    "  --date YYYY-MM-DD            date for documents that carry none\n";

const char cmd_worker_usage[] =
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

const char cmd_status_usage[] =
    "usage: entente status --nats URL [--stream NAME] [--db URL] [--dead-letters]\n"
    "The work queue's counts, one \"name value\" a line: waiting (in the stream),\n"
    "pending (not yet delivered), in_progress (delivered, not acknowledged),\n"
    "delivered, redelivered, dead_letters, workers (live ones), then a line per\n"
    "worker with its counters; with --db the documents and events stored;\n"
    "with --dead-letters each dead letter: \"dead ID deliveries N: REASON\".\n";

enum {
    O_NATS = 256,
    O_STREAM,
    O_DB,
    O_FROM,
    O_DATE,
    O_DICTS,
    O_BATCH,
    O_MAX_DELIVER,
    O_ACK_WAIT,
    O_DEAD_LETTERS
};

/* Every queue command takes these three; each table adds its own. */
#define QUEUE_OPTIONS                                                                              \
    {"nats", required_argument, NULL, O_NATS}, {"stream", required_argument, NULL, O_STREAM}, {    \
        "db", required_argument, NULL, O_DB                                                        \
    }

/* An option every queue command takes into o. */
static void queue_opt(int c, const char *v, entente_queue_opts *o) {
    if (c == O_NATS) o->nats = v;
    else if (c == O_STREAM) o->stream = v;
    else if (c == O_DB) o->db = v;
}

static int need_nats(const char *usage, const entente_queue_opts *o) {
    return o->nats ? 0 : cli_usage_error(usage, "--nats URL is required", NULL);
}

static const struct option publish_options[] = {QUEUE_OPTIONS,
                                                {"from", required_argument, NULL, O_FROM},
                                                {"date", required_argument, NULL, O_DATE},
                                                {NULL, 0, NULL, 0}};

int cmd_publish(int argc, char **argv) {
    entente_queue_opts o = {0};
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return fputs("entente: out of memory\n", stderr), 1;
    int n_files = 0, rc = 0, c;
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), publish_options, cmd_publish_usage, NULL);
    while (!rc && (c = cli_next(&p)) != CLI_END) {
        const char *v = p.value;
        switch (c) {
        case CLI_ERROR: rc = 64; break;
        case CLI_ARG: files[n_files++] = argv[p.at]; break;
        case O_FROM: rc = cli_input_form(cmd_publish_usage, v, &o.from); break;
        case O_DATE: rc = cli_date(cmd_publish_usage, v, &o.date); break;
        default: queue_opt(c, v, &o);
        }
    }
    if (!rc) rc = need_nats(cmd_publish_usage, &o);
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

static const struct option worker_options[] = {
    QUEUE_OPTIONS,
    {"dicts", required_argument, NULL, O_DICTS},
    {"batch", required_argument, NULL, O_BATCH},
    {"max-deliver", required_argument, NULL, O_MAX_DELIVER},
    {"ack-wait", required_argument, NULL, O_ACK_WAIT},
    {NULL, 0, NULL, 0}};

/* worker's options into o: 0, or the exit status of a usage error. */
static int worker_args(int argc, char **argv, entente_queue_opts *o) {
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS("j:"), worker_options, cmd_worker_usage, NULL);
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        int *n = NULL, hi = 64;
        const char *what = "-j wants 1..64";
        switch (c) {
        case CLI_ERROR: return 64;
        case CLI_ARG: return cli_unexpected(&p);
        case O_DICTS: o->dicts = p.value; break;
        case 'j': n = &o->threads; break;
        case O_BATCH: n = &o->batch, hi = 100000, what = "--batch wants 1..100000"; break;
        case O_MAX_DELIVER:
            n = &o->max_deliver, hi = 1000, what = "--max-deliver wants 1..1000";
            break;
        case O_ACK_WAIT:
            n = &o->ack_wait_s, hi = 86400, what = "--ack-wait wants 1..86400 seconds";
            break;
        default: queue_opt(c, p.value, o);
        }
        if (n && cli_int(p.value, 1, hi, n))
            return cli_usage_error(cmd_worker_usage, what, p.shown);
    }
    return 0;
}

int cmd_worker(int argc, char **argv) {
    entente_queue_opts o = {0};
    o.threads = 1;
    int rc = worker_args(argc, argv, &o);
    if (rc) return rc;
    rc = need_nats(cmd_worker_usage, &o);
    if (!rc && !o.db) rc = cli_usage_error(cmd_worker_usage, "--db URL is required", NULL);
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

static const struct option status_options[] = {
    QUEUE_OPTIONS, {"dead-letters", no_argument, NULL, O_DEAD_LETTERS}, {NULL, 0, NULL, 0}};

int cmd_status(int argc, char **argv) {
    entente_queue_opts o = {0};
    cli_opts p;
    cli_begin(&p, argc, argv, CLI_SHORTS(""), status_options, cmd_status_usage, NULL);
    for (int c; (c = cli_next(&p)) != CLI_END;) {
        if (c == CLI_ERROR) return 64;
        if (c == CLI_ARG) return cli_unexpected(&p);
        if (c == O_DEAD_LETTERS) o.dead_letters = 1;
        else queue_opt(c, p.value, &o);
    }
    int rc = need_nats(cmd_status_usage, &o);
    return rc ? rc : entente_status(&o, stdout, stderr);
}
