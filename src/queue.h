/* queue.h -- the work queue on NATS JetStream: documents to code, the
 * workers' durable pull consumer, the dead letters, the workers' counters.
 *
 * A queue named NAME (the stream) is four things on one NATS server:
 *   - stream NAME, subject NAME.docs, work-queue retention, file storage:
 *     one message a document, its id the message id (Nats-Msg-Id), so the
 *     stream's duplicate window drops a document published again;
 *   - durable pull consumer "workers" on it, which every worker shares;
 *     explicit acknowledgement, redelivery after the ack wait;
 *   - stream NAME_DEAD, subject NAME.dead: documents no worker could store,
 *     each with its reason (header Entente-Reason) and deliveries;
 *   - key-value bucket NAME_workers: each live worker's counters as JSON,
 *     gone a few seconds after the worker is.
 * Only this module speaks to libnats; a message travels outside it as an
 * opaque ent_queue_msg.  A worker's two threads share one queue: the
 * message functions (data, deliveries, ack, nak, dead letter, free) may
 * run on one while the other fetches; the rest, which keep their error
 * on q, belong to one thread.
 */
#ifndef ENT_QUEUE_H
#define ENT_QUEUE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ent_queue ent_queue;
typedef struct ent_queue_msg ent_queue_msg;

/* What `entente status` reports of a queue. */
typedef struct ent_queue_stats {
    long long waiting;     /* in the stream: not yet delivered or not acknowledged */
    long long pending;     /* not yet delivered to any worker */
    long long in_progress; /* delivered, not yet acknowledged */
    long long delivered;   /* deliveries so far (first ones), by stream sequence */
    long long redelivered; /* messages delivered more than once, now unacknowledged */
    long long dead;        /* dead letters */
    int workers;           /* workers whose counters are fresh */
    int consumer;          /* 1 when the consumer exists (a worker has run) */
} ent_queue_stats;

/* One worker's entry in the counters bucket (see ent_queue_workers). */
typedef int (*ent_queue_worker_fn)(void *user, const char *name, const char *json);
/* One dead letter: the document's id, its reason, its deliveries. */
typedef int (*ent_queue_dead_fn)(void *user, const char *id, const char *reason,
                                 const char *deliveries);

#define ENT_QUEUE_DEFAULT_STREAM "ENTENTE"

/* Prototypes */
/* Connect to the NATS server at url and find the queue's streams, making
 * them when `create` (else a queue not there is an error).  `retry_ms`:
 * keep trying to connect that long (a worker started before its server).
 * NULL with a message naming the server in err[cap]. */
ent_queue *ent_queue_open(const char *url, const char *stream, int create, int retry_ms, char *err,
                          size_t cap);
void ent_queue_close(ent_queue *q);
/* The last error on q, as a sentence naming the server or stream. */
const char *ent_queue_error(const ent_queue *q);
/* Is name a good stream name (letters, digits, - and _, 1 to 32 of them)? */
int ent_queue_name_ok(const char *name);

/* Publish one document, data[0..len), with id as its message id; waits for
 * the server's acknowledgement, retrying (the id makes a retry harmless)
 * for up to retry_ms while the server is away.  *duplicate is set when the
 * duplicate window dropped it.  0; ENT_QUEUE_TOO_LARGE when it is larger
 * than the server takes; -1 on another error (message on q). */
#define ENT_QUEUE_TOO_LARGE (-2)
int ent_queue_publish(ent_queue *q, const char *id, const char *data, size_t len, int retry_ms,
                      int *duplicate);

/* Bind to the workers' consumer, creating it, or updating its ack wait,
 * as needed.  0, or -1. */
int ent_queue_consume(ent_queue *q, int ack_wait_s);
/* Up to max messages into out[], waiting up to timeout_ms for the first.
 * The count (0 when none came), or -1 when the server cannot be reached
 * (the connection reconnects on its own; call again later). */
int ent_queue_fetch(ent_queue *q, ent_queue_msg **out, int max, int timeout_ms);
/* A message's body and the times it has been delivered (1 the first). */
const char *ent_queue_msg_data(const ent_queue_msg *m, size_t *len);
int ent_queue_msg_deliveries(ent_queue_msg *m);
/* The id it was published with (Nats-Msg-Id), or "-". */
const char *ent_queue_msg_id(ent_queue_msg *m);
/* Acknowledge (the message is done with), or ask for it again after
 * delay_ms.  0, or -1 when the server did not take it (it will then be
 * delivered again after the ack wait, which the store's idempotence makes
 * harmless). */
int ent_queue_ack(ent_queue_msg *m);
int ent_queue_nak(ent_queue_msg *m, int delay_ms);
/* Put m into the dead letters with `reason` (and id, for the listing),
 * then acknowledge it.  0, or -1 with a message in err[cap] (m is then
 * left to be delivered again). */
int ent_queue_dead_letter(ent_queue *q, ent_queue_msg *m, const char *id, const char *reason,
                          char *err, size_t cap);
void ent_queue_msg_free(ent_queue_msg *m);

/* Keep this worker's counters (JSON) under name in the counters bucket.
 * 0, or -1. */
int ent_queue_put_counters(ent_queue *q, const char *name, const char *json);

/* The queue's counts.  0, or -1. */
int ent_queue_stats_get(ent_queue *q, ent_queue_stats *s);
/* Each live worker's counters, then each dead letter, oldest first.  The
 * count, or -1. */
int ent_queue_workers(ent_queue *q, ent_queue_worker_fn fn, void *user);
int ent_queue_dead_letters(ent_queue *q, ent_queue_dead_fn fn, void *user);

#endif
