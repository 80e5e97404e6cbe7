/* job_explain.c -- `entente explain --db URL --event ID`: a stored event
 * explained.
 *
 * Design.  An event's id is a hash of its document id, sentence number and
 * rank (ent_store_event_id), which no index holds, so the event is found
 * by reading the keys of the store's events until one has the id: a scan
 * (0.3 s for 620,000 events) that keeps the schema as every store has it
 * (an id column would cost ingest an index for a command run by hand).  Its
 * sentence is then coded again, with the store's dictionary set when it is
 * at hand (the one recorded for the document, same name and same bytes),
 * and explained as `entente explain "SENTENCE"` would, under the story's
 * date, saying whether the stored event came out again.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "entente.h"
#include "jobs.h"
#include "sink.h"
#include "store.h"

typedef struct found_event {
    int64_t id;
    int found, oom;
    int64_t doc_key;
    ent_store_event e;        /* its strings are copies, owned below */
    char *own[6];
} found_event;

/* A row (document id, sentence, rank, document key): the event sought? */
static int on_key(void *user, int n, const char *const *c) {
    found_event *f = user;
    if (n < 4 || !c[0] || !c[1] || !c[2] || !c[3]) return 0;
    if (ent_store_event_id(c[0], atoi(c[1]), atoi(c[2])) != f->id) return 0;
    f->doc_key = strtoll(c[3], NULL, 10);
    f->e.sent = atoi(c[1]);
    f->e.n = atoi(c[2]);
    f->found = 1;
    return 1;   /* found: stop reading */
}

/* The event's row: document id, story date, actors, code, sentence. */
static int on_event(void *user, int n, const char *const *c) {
    found_event *f = user;
    if (n < 6) return 0;
    for (int i = 0; i < 6; i++)
        if (!(f->own[i] = strdup(i == 1 ? "" : c[i] ? c[i] : ""))) return f->oom = 1;
    f->e.doc = f->own[0];
    f->e.date = c[1] ? atoi(c[1]) : 0;
    f->e.source = f->own[2], f->e.target = f->own[3], f->e.code = f->own[4];
    f->e.sentence = f->own[5];
    f->e.doc_key = f->doc_key;
    return 0;
}

typedef struct doc_set {
    char name[1024];
    uint64_t identity;
    int found;
} doc_set;

static int on_set(void *user, int n, const char *const *c) {
    doc_set *s = user;
    if (n < 2 || !c[0] || !c[1]) return 0;
    snprintf(s->name, sizeof s->name, "%s", c[0]);
    s->identity = (uint64_t)strtoll(c[1], NULL, 10);
    s->found = 1;
    return 0;
}

int entente_explain_event(const char *db, const char *event_id, const char *dicts, FILE *out,
                          FILE *err) {
    char *end;
    errno = 0;
    long long id = strtoll(event_id ? event_id : "", &end, 10);
    if (!event_id || !*event_id || *end || errno || id <= 0) {
        fprintf(err, "entente: bad event id '%s' (want the event_id an export gave)\n",
                event_id ? event_id : "");
        return 1;
    }
    ent_store *st = ent_jobs_open_store(db, 0, err);
    if (!st) return 1;
    found_event f = {.id = id};
    /* the keys of every event, in no order, until one has the id: no sort
     * and no sentence read on the way (a whole export's worth was 7 s on
     * 620,000 events) */
    int rc = ent_store_query(st, "SELECT d.id, e.sent, e.n, e.doc FROM events e"
                                 " JOIN documents d ON d.key = e.doc",
                             NULL, 0, on_key, &f);
    if (f.found) {
        ent_store_value k[3] = {{.type = ENT_SV_INT, .i = f.doc_key},
                                {.type = ENT_SV_INT, .i = f.e.sent},
                                {.type = ENT_SV_INT, .i = f.e.n}};
        rc = ent_store_query(st,
                             "SELECT d.id, coalesce(e.published, e.date), e.source, e.target, e.code,"
                             " sn.text FROM events e JOIN documents d ON d.key = e.doc"
                             " LEFT JOIN sentences sn ON sn.doc = e.doc AND sn.idx = e.sent"
                             " WHERE e.doc = ? AND e.sent = ? AND e.n = ?",
                             k, 3, on_event, &f);
        if (!f.own[0] && !f.oom) f.found = 0;   /* gone between the two reads */
    }
    doc_set set = {.found = 0};
    if (f.oom) {
        fprintf(err, "entente: out of memory\n");
        rc = -1;
    } else if (rc < 0) {
        fprintf(err, "entente: %s\n", ent_store_error(st));
    } else if (!f.found) {
        fprintf(err, "entente: no event %lld in %s\n", id, ent_store_name(st));
    } else {
        /* the set the document was coded with, as the store recorded it */
        ent_store_value k = {.type = ENT_SV_INT, .i = f.doc_key};
        if (ent_store_query(st,
                            "SELECT s.name, s.identity FROM documents d JOIN dict_sets s"
                            " ON s.identity = d.dict WHERE d.key = ?",
                            &k, 1, on_set, &set) < 0) {
            fprintf(err, "entente: %s\n", ent_store_error(st));
            rc = -1;
        }
    }
    ent_store_close(st);
    if (rc < 0 || f.oom || !f.found) {
        for (int i = 0; i < 6; i++) free(f.own[i]);
        return 1;
    }
    char day[11];
    ent_format_date(f.e.date, day);
    fprintf(out, "event %lld: %s sentence %d, event %d of it: %s>%s:%s (story of %s)\n", id,
            f.e.doc, f.e.sent, f.e.n + 1, f.e.source, f.e.target, f.e.code, day[0] ? day : "no date");
    /* the store's set when it is at hand and the same bytes; else the one
     * named, or the default, said as such */
    FILE *quiet = tmpfile();
    ent_dict *d = NULL;
    if (!dicts && set.found && quiet) {
        d = ent_jobs_load_dicts(set.name, 0, quiet);
        if (d && d->identity != set.identity) ent_dict_free(d), d = NULL;
        if (d) fprintf(out, "dictionaries: %s, the set the store coded it with\n", set.name);
    }
    if (quiet) fclose(quiet);
    if (!d && (d = ent_jobs_load_dicts(dicts, 0, err))) {
        if (dicts) fprintf(out, "dictionaries: %s, as given\n", d->name);
        else if (set.found)
            fprintf(out, "dictionaries: %s, the default set: the store's, %s, is not at hand with "
                         "the same files\n", d->name, set.name);
        else fprintf(out, "dictionaries: %s, the default set\n", d->name);
    }
    rc = 1;
    if (d) rc = ent_jobs_explain_text(d, f.e.sentence, f.e.date, 0, out, &f.e);
    ent_dict_free(d);
    for (int i = 0; i < 6; i++) free(f.own[i]);
    return rc;
}
