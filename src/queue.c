/* queue.c -- the work queue on NATS JetStream (see queue.h), over libnats.
 *
 * Reconnection is libnats's: a connection that loses its server tries
 * again for ever, every quarter second with jitter, and keeps its
 * subscriptions; meanwhile every call here fails fast and the caller
 * backs off.  Durations in libnats's JetStream configurations are
 * nanoseconds, its API timeouts milliseconds.
 */
#include "queue.h"

#include <nats/nats.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NAME_MAX_LEN 32
#define CONSUMER     "workers"
#define NS_PER_S     1000000000LL
/* how long a published duplicate is recognised by its id alone; past it,
 * the store's own idempotence drops the document before coding */
#define DUP_WINDOW_S 600
/* Messages delivered and not yet acknowledged, all workers together.
 * Each worker holds at most its batches in flight (two a coder thread plus
 * two), and the server's default (1000) would stall one worker of one
 * thread, whose four batches of 256 go past it, at every batch. */
#define MAX_ACK_PENDING (1 << 20)
/* a worker's counters outlive it by this much */
#define COUNTERS_TTL_S 10

struct ent_queue {
    natsConnection *nc;
    jsCtx *js;
    natsSubscription *sub;
    kvStore *kv;
    char url[512];
    char stream[NAME_MAX_LEN + 1];
    char dead[NAME_MAX_LEN + 8];
    char subject[NAME_MAX_LEN + 8];
    char dead_subject[NAME_MAX_LEN + 8];
    char bucket[NAME_MAX_LEN + 12];
    char err[768];
};

static natsMsg *msg_of(ent_queue_msg *m) { return (natsMsg *)(void *)m; }
static const natsMsg *cmsg_of(const ent_queue_msg *m) { return (const natsMsg *)(const void *)m; }

/* dst: what failed at the server `url`, in the library's words, with
 * JetStream's code. */
static int fail_to(char *dst, size_t cap, const char *url, const char *what, natsStatus s,
                   jsErrCode jerr) {
    const char *detail = nats_GetLastError(NULL);
    const char *why = detail && *detail ? detail : natsStatus_GetText(s);
    /* the library's own "(file.c:line): " says nothing to a user */
    const char *cut = why[0] == '(' ? strstr(why, "): ") : NULL;
    if (cut) why = cut + 3;
    if (jerr) snprintf(dst, cap, "NATS %s: %s: %s (JetStream error %d)", url, what, why, (int)jerr);
    else snprintf(dst, cap, "NATS %s: %s: %s", url, what, why);
    return -1;
}

static int fail(ent_queue *q, const char *what, natsStatus s, jsErrCode jerr) {
    return fail_to(q->err, sizeof q->err, q->url, what, s, jerr);
}

const char *ent_queue_error(const ent_queue *q) { return q ? q->err : "no queue"; }

int ent_queue_name_ok(const char *name) {
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > NAME_MAX_LEN) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Make stream `name` on `subject` unless it is there: the work queue
 * (work-queue retention, the duplicate window) or the dead letters
 * (kept until removed). */
static int ensure_stream(ent_queue *q, const char *name, const char *subject, int work,
                         int create) {
    jsStreamInfo *si = NULL;
    jsErrCode jerr = 0;
    natsStatus s = js_GetStreamInfo(&si, q->js, name, NULL, &jerr);
    if (s == NATS_OK) {
        jsStreamInfo_Destroy(si);
        return 0;
    }
    if (s == NATS_NO_RESPONDERS || jerr == JSNotEnabledErr)
        return fail(q, "JetStream is not enabled (start nats-server with -js)", s, 0);
    if (s != NATS_NOT_FOUND && jerr != JSStreamNotFoundErr) return fail(q, "stream info", s, jerr);
    if (!create) {
        char what[96];
        snprintf(what, sizeof what, "no stream %s (nothing published to it yet)", name);
        return fail(q, what, s, jerr);
    }
    jsStreamConfig cfg;
    jsStreamConfig_Init(&cfg);
    const char *subjects[1] = {subject};
    cfg.Name = name;
    cfg.Subjects = subjects;
    cfg.SubjectsLen = 1;
    cfg.Storage = js_FileStorage;
    cfg.Retention = work ? js_WorkQueuePolicy : js_LimitsPolicy;
    if (work) cfg.Duplicates = (int64_t)DUP_WINDOW_S * NS_PER_S;
    jerr = 0;
    s = js_AddStream(&si, q->js, &cfg, NULL, &jerr);
    if (s != NATS_OK) {
        /* another process made it meanwhile */
        if (js_GetStreamInfo(&si, q->js, name, NULL, NULL) == NATS_OK) {
            jsStreamInfo_Destroy(si);
            return 0;
        }
        char what[96];
        snprintf(what, sizeof what, "cannot make stream %s", name);
        return fail(q, what, s, jerr);
    }
    jsStreamInfo_Destroy(si);
    return 0;
}

static int connect_once(ent_queue *q, natsStatus *st) {
    natsOptions *o = NULL;
    natsStatus s = natsOptions_Create(&o);
    if (s == NATS_OK) s = natsOptions_SetURL(o, q->url);
    if (s == NATS_OK) s = natsOptions_SetName(o, "entente");
    if (s == NATS_OK) s = natsOptions_SetTimeout(o, 2000);
    if (s == NATS_OK) s = natsOptions_SetMaxReconnect(o, -1);
    if (s == NATS_OK) s = natsOptions_SetReconnectWait(o, 250);
    if (s == NATS_OK) s = natsOptions_SetReconnectJitter(o, 250, 1000);
    if (s == NATS_OK) s = natsConnection_Connect(&q->nc, o);
    natsOptions_Destroy(o);
    *st = s;
    return s == NATS_OK ? 0 : -1;
}

ent_queue *ent_queue_open(const char *url, const char *stream, int create, int retry_ms, char *err,
                          size_t cap) {
    if (!stream) stream = ENT_QUEUE_DEFAULT_STREAM;
    if (!ent_queue_name_ok(stream)) {
        snprintf(err, cap, "stream name '%s': want 1 to %d letters, digits, - or _", stream,
                 NAME_MAX_LEN);
        return NULL;
    }
    if (!url || !*url || strlen(url) >= 512) {
        snprintf(err, cap, "--nats wants a server URL such as nats://127.0.0.1:4222");
        return NULL;
    }
    ent_queue *q = calloc(1, sizeof *q);
    if (!q) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    snprintf(q->url, sizeof q->url, "%s", url);
    snprintf(q->stream, sizeof q->stream, "%s", stream);
    snprintf(q->dead, sizeof q->dead, "%s_DEAD", stream);
    snprintf(q->subject, sizeof q->subject, "%s.docs", stream);
    snprintf(q->dead_subject, sizeof q->dead_subject, "%s.dead", stream);
    snprintf(q->bucket, sizeof q->bucket, "%s_workers", stream);
    natsStatus s;
    int waited = 0, pause = 100;
    while (connect_once(q, &s)) {
        if (waited >= retry_ms) {
            fail(q, "cannot connect", s, 0);
            snprintf(err, cap, "%s", q->err);
            ent_queue_close(q);
            return NULL;
        }
        sleep_ms(pause);
        waited += pause;
        pause = pause * 2 > 2000 ? 2000 : pause * 2;
    }
    s = natsConnection_JetStream(&q->js, q->nc, NULL);
    if (s != NATS_OK || ensure_stream(q, q->stream, q->subject, 1, create) ||
        ensure_stream(q, q->dead, q->dead_subject, 0, create)) {
        if (s != NATS_OK) fail(q, "no JetStream (start nats-server with -js)", s, 0);
        snprintf(err, cap, "%s", q->err);
        ent_queue_close(q);
        return NULL;
    }
    return q;
}

void ent_queue_close(ent_queue *q) {
    if (!q) return;
    if (q->sub) natsSubscription_Destroy(q->sub);
    if (q->kv) kvStore_Destroy(q->kv);
    if (q->js) jsCtx_Destroy(q->js);
    if (q->nc) {
        /* the last acknowledgements are on their way before the socket goes */
        natsConnection_FlushTimeout(q->nc, 2000);
        natsConnection_Close(q->nc);
        natsConnection_Destroy(q->nc);
    }
    free(q);
}

int ent_queue_publish(ent_queue *q, const char *id, const char *data, size_t len, int retry_ms,
                      int *duplicate) {
    if (len > (size_t)natsConnection_GetMaxPayload(q->nc)) {
        snprintf(q->err, sizeof q->err,
                 "document %s: %zu bytes, more than the server's max_payload (%lld)", id, len,
                 (long long)natsConnection_GetMaxPayload(q->nc));
        return ENT_QUEUE_TOO_LARGE;
    }
    jsPubOptions po;
    jsPubOptions_Init(&po);
    po.MsgId = id;
    po.MaxWait = 2000;
    int waited = 0, pause = 100;
    for (;;) {
        jsPubAck *pa = NULL;
        jsErrCode jerr = 0;
        natsStatus s = js_Publish(&pa, q->js, q->subject, data, (int)len, &po, &jerr);
        if (s == NATS_OK) {
            *duplicate = pa && pa->Duplicate;
            jsPubAck_Destroy(pa);
            return 0;
        }
        /* only the server being away is worth waiting out */
        int away = s == NATS_TIMEOUT || s == NATS_CONNECTION_CLOSED ||
                   s == NATS_CONNECTION_DISCONNECTED || s == NATS_NO_RESPONDERS ||
                   s == NATS_NO_SERVER;
        if (!away || waited >= retry_ms) {
            char what[96];
            snprintf(what, sizeof what, "cannot publish document %.60s", id);
            return fail(q, what, s, jerr);
        }
        sleep_ms(pause);
        waited += pause;
        pause = pause * 2 > 2000 ? 2000 : pause * 2;
    }
}

int ent_queue_consume(ent_queue *q, int ack_wait_s) {
    jsConsumerInfo *ci = NULL;
    jsErrCode jerr = 0;
    int64_t wait = (int64_t)(ack_wait_s > 0 ? ack_wait_s : 30) * NS_PER_S;
    natsStatus s = js_GetConsumerInfo(&ci, q->js, q->stream, CONSUMER, NULL, &jerr);
    if (s != NATS_OK && s != NATS_NOT_FOUND && jerr != JSConsumerNotFoundErr)
        return fail(q, "consumer info", s, jerr);
    if (s == NATS_OK && ci->Config && ci->Config->AckWait == wait &&
        ci->Config->MaxAckPending == MAX_ACK_PENDING) {
        jsConsumerInfo_Destroy(ci);
    } else {
        int exists = s == NATS_OK;
        if (ci) jsConsumerInfo_Destroy(ci);
        ci = NULL;
        jsConsumerConfig cc;
        jsConsumerConfig_Init(&cc);
        cc.Durable = CONSUMER;
        cc.AckPolicy = js_AckExplicit;
        cc.AckWait = wait;
        /* the workers count deliveries themselves (queue.h: a message no
         * worker lived to store still reaches the dead letters) */
        cc.MaxDeliver = -1;
        cc.MaxAckPending = MAX_ACK_PENDING;
        jerr = 0;
        s = exists ? js_UpdateConsumer(&ci, q->js, q->stream, &cc, NULL, &jerr)
                   : js_AddConsumer(&ci, q->js, q->stream, &cc, NULL, &jerr);
        if (ci) jsConsumerInfo_Destroy(ci);
        /* a worker beside this one made it first: that one is as good */
        if (s != NATS_OK && !exists &&
            js_GetConsumerInfo(&ci, q->js, q->stream, CONSUMER, NULL, NULL) == NATS_OK) {
            jsConsumerInfo_Destroy(ci);
            s = NATS_OK;
        }
        if (s != NATS_OK) return fail(q, "cannot make the workers' consumer", s, jerr);
    }
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Stream = q->stream;
    so.Consumer = CONSUMER;
    jerr = 0;
    s = js_PullSubscribe(&q->sub, q->js, q->subject, CONSUMER, NULL, &so, &jerr);
    if (s != NATS_OK) return fail(q, "cannot subscribe to the workers' consumer", s, jerr);
    return 0;
}

int ent_queue_fetch(ent_queue *q, ent_queue_msg **out, int max, int timeout_ms) {
    natsMsgList list = {0};
    jsErrCode jerr = 0;
    /* away, a fetch would only time out: say so instead */
    if (natsConnection_Status(q->nc) != NATS_CONN_STATUS_CONNECTED) {
        snprintf(q->err, sizeof q->err, "NATS %s: the server is away (reconnecting)", q->url);
        return -1;
    }
    natsStatus s = natsSubscription_Fetch(&list, q->sub, max, timeout_ms, &jerr);
    if (s == NATS_TIMEOUT) return 0;
    if (s != NATS_OK) return fail(q, "fetch", s, jerr);
    int n = 0;
    for (int i = 0; i < list.Count; i++) {
        if (n < max) out[n++] = (ent_queue_msg *)(void *)list.Msgs[i];
        else natsMsg_Destroy(list.Msgs[i]);
        list.Msgs[i] = NULL;
    }
    natsMsgList_Destroy(&list);
    return n;
}

const char *ent_queue_msg_data(const ent_queue_msg *m, size_t *len) {
    *len = (size_t)natsMsg_GetDataLength(cmsg_of(m));
    return natsMsg_GetData(cmsg_of(m));
}

int ent_queue_msg_deliveries(ent_queue_msg *m) {
    jsMsgMetaData *md = NULL;
    if (natsMsg_GetMetaData(&md, msg_of(m)) != NATS_OK) return 1;
    int n = md->NumDelivered > 1000000 ? 1000000 : (int)md->NumDelivered;
    jsMsgMetaData_Destroy(md);
    return n;
}

const char *ent_queue_msg_id(ent_queue_msg *m) {
    const char *id = NULL;
    if (natsMsgHeader_Get(msg_of(m), "Nats-Msg-Id", &id) != NATS_OK || !id || !*id) return "-";
    return id;
}

int ent_queue_ack(ent_queue_msg *m) { return natsMsg_Ack(msg_of(m), NULL) == NATS_OK ? 0 : -1; }

int ent_queue_nak(ent_queue_msg *m, int delay_ms) {
    return natsMsg_NakWithDelay(msg_of(m), delay_ms, NULL) == NATS_OK ? 0 : -1;
}

void ent_queue_msg_free(ent_queue_msg *m) {
    if (m) natsMsg_Destroy(msg_of(m));
}

int ent_queue_dead_letter(ent_queue *q, ent_queue_msg *m, const char *id, const char *reason,
                          char *err, size_t cap) {
    size_t len;
    const char *data = ent_queue_msg_data(m, &len);
    natsMsg *dm = NULL;
    char deliveries[24];
    snprintf(deliveries, sizeof deliveries, "%d", ent_queue_msg_deliveries(m));
    natsStatus s = natsMsg_Create(&dm, q->dead_subject, NULL, data, (int)len);
    if (s == NATS_OK) s = natsMsgHeader_Set(dm, "Entente-Reason", reason);
    if (s == NATS_OK) s = natsMsgHeader_Set(dm, "Entente-Id", id && *id ? id : "-");
    if (s == NATS_OK) s = natsMsgHeader_Set(dm, "Entente-Deliveries", deliveries);
    jsErrCode jerr = 0;
    if (s == NATS_OK) s = js_PublishMsg(NULL, q->js, dm, NULL, &jerr);
    natsMsg_Destroy(dm);
    if (s != NATS_OK) return fail_to(err, cap, q->url, "cannot publish a dead letter", s, jerr);
    return ent_queue_ack(m);
}

static int open_bucket(ent_queue *q, int create) {
    if (q->kv) return 0;
    natsStatus s = js_KeyValue(&q->kv, q->js, q->bucket);
    if (s == NATS_OK) return 0;
    if (!create) return -1;
    kvConfig kc;
    kvConfig_Init(&kc);
    kc.Bucket = q->bucket;
    kc.History = 1;
    kc.TTL = COUNTERS_TTL_S * NS_PER_S;
    kc.StorageType = js_FileStorage;
    s = js_CreateKeyValue(&q->kv, q->js, &kc);
    if (s != NATS_OK && js_KeyValue(&q->kv, q->js, q->bucket) != NATS_OK)
        return fail(q, "cannot make the counters bucket", s, 0);
    return 0;
}

int ent_queue_put_counters(ent_queue *q, const char *name, const char *json) {
    if (open_bucket(q, 1)) return -1;
    natsStatus s = kvStore_PutString(NULL, q->kv, name, json);
    if (s == NATS_OK) return 0;
    /* found again (or made again) next time */
    kvStore_Destroy(q->kv);
    q->kv = NULL;
    return fail(q, "cannot keep the counters", s, 0);
}

int ent_queue_stats_get(ent_queue *q, ent_queue_stats *st) {
    memset(st, 0, sizeof *st);
    jsStreamInfo *si = NULL;
    jsErrCode jerr = 0;
    natsStatus s = js_GetStreamInfo(&si, q->js, q->stream, NULL, &jerr);
    if (s != NATS_OK) return fail(q, "stream info", s, jerr);
    st->waiting = (long long)si->State.Msgs;
    jsStreamInfo_Destroy(si);
    s = js_GetStreamInfo(&si, q->js, q->dead, NULL, &jerr);
    if (s != NATS_OK) return fail(q, "dead-letter stream info", s, jerr);
    st->dead = (long long)si->State.Msgs;
    jsStreamInfo_Destroy(si);
    jsConsumerInfo *ci = NULL;
    s = js_GetConsumerInfo(&ci, q->js, q->stream, CONSUMER, NULL, &jerr);
    if (s == NATS_OK) {
        st->consumer = 1;
        st->pending = (long long)ci->NumPending;
        st->in_progress = ci->NumAckPending;
        st->redelivered = ci->NumRedelivered;
        st->delivered = (long long)ci->Delivered.Stream;
        jsConsumerInfo_Destroy(ci);
    } else {
        st->pending = st->waiting;
    }
    int n = ent_queue_workers(q, NULL, NULL);
    st->workers = n > 0 ? n : 0;
    return 0;
}

int ent_queue_workers(ent_queue *q, ent_queue_worker_fn fn, void *user) {
    if (open_bucket(q, 0)) return 0; /* no worker has run yet */
    kvKeysList keys = {0};
    natsStatus s = kvStore_Keys(&keys, q->kv, NULL);
    if (s == NATS_NOT_FOUND) return 0;
    if (s != NATS_OK) return fail(q, "cannot list the workers", s, 0);
    int n = 0;
    for (int i = 0; i < keys.Count; i++) {
        kvEntry *e = NULL;
        if (kvStore_Get(&e, q->kv, keys.Keys[i]) != NATS_OK) continue;
        n++;
        int stop = fn ? fn(user, keys.Keys[i], kvEntry_ValueString(e)) : 0;
        kvEntry_Destroy(e);
        if (stop) break;
    }
    kvKeysList_Destroy(&keys);
    return n;
}

int ent_queue_dead_letters(ent_queue *q, ent_queue_dead_fn fn, void *user) {
    jsStreamInfo *si = NULL;
    jsErrCode jerr = 0;
    natsStatus s = js_GetStreamInfo(&si, q->js, q->dead, NULL, &jerr);
    if (s != NATS_OK) return fail(q, "dead-letter stream info", s, jerr);
    uint64_t first = si->State.FirstSeq, last = si->State.LastSeq, msgs = si->State.Msgs;
    jsStreamInfo_Destroy(si);
    int n = 0;
    for (uint64_t seq = first; msgs && seq <= last; seq++) {
        natsMsg *m = NULL;
        s = js_GetMsg(&m, q->js, q->dead, seq, NULL, &jerr);
        if (s == NATS_NOT_FOUND) continue; /* removed */
        if (s != NATS_OK) return fail(q, "cannot read a dead letter", s, jerr);
        const char *id = "-", *reason = "-", *deliveries = "-";
        natsMsgHeader_Get(m, "Entente-Id", &id);
        natsMsgHeader_Get(m, "Entente-Reason", &reason);
        natsMsgHeader_Get(m, "Entente-Deliveries", &deliveries);
        n++;
        int stop = fn(user, id, reason, deliveries);
        natsMsg_Destroy(m);
        if (stop) break;
    }
    return n;
}
