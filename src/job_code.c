/* job_code.c -- `entente code`: sentences in, events out, on N threads.
 *
 * Design.  The main thread reads a batch of sentences (strings copied into
 * a batch arena), then every thread, the main one included, codes items
 * of the batch taken from a shared atomic counter, rendering each item's
 * events into the item's own buffer; the main thread then writes the
 * buffers in input order.  Output order is therefore the input order
 * whatever the thread count, and no lock is taken per sentence.  The
 * dictionary set is shared read-only; each thread owns its coder and tree.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "coder.h"
#include "conllu.h"
#include "dict.h"
#include "entente.h"
#include "jobs.h"
#include "petrxml.h"
#include "ptb.h"
#include "sink.h"

#define BATCH 2048
#define MAX_THREADS 64

typedef struct item {
    const char *doc;
    int sent;
    int32_t date;
    const char *parse;
    size_t parse_len;
    long line;
    ent_buf out;
    int n_events;
    int bad;                  /* parse could not be read */
} item;

/* ---- Sentence sources -------------------------------------------------------- */

typedef struct source {
    const char *name;
    int kind;                 /* ENTENTE_IN_PETRARCH_XML or ENTENTE_IN_CONLLU (raw) */
    ent_petrxml *xml;
    char *text;               /* raw CoNLL-U file */
    size_t len, pos;
    long line;
    int n_sent;
    int32_t default_date;
} source;

static int source_open(source *s, const char *path, int from, int32_t date, ent_diags *d) {
    memset(s, 0, sizeof *s);
    s->name = path;
    s->default_date = date;
    s->line = 1;
    int stdin_in = !path || !strcmp(path, "-");
    if (stdin_in) s->name = "<stdin>";
    /* CoNLL-U may come raw or inside PETRARCH XML: look at the first byte */
    char *text = NULL;
    size_t len = 0;
    if (from == ENTENTE_IN_CONLLU || stdin_in) {
        text = stdin_in ? ent_jobs_read_stream(stdin, &len) : ent_read_file(path, &len);
        if (!text) {
            ent_diag(d, s->name, 0, "cannot read input");
            return -1;
        }
        size_t k = 0;
        while (k < len && (text[k] == ' ' || text[k] == '\n' || text[k] == '\r' || text[k] == '\t'))
            k++;
        if (k < len && text[k] == '<') {
            s->xml = ent_petrxml_open_mem(text, len, s->name, d);
            s->text = text;   /* keep: the reader may point into it */
            s->kind = ENTENTE_IN_PETRARCH_XML;
            return s->xml ? 0 : -1;
        }
        s->text = text;
        s->len = len;
        s->kind = ENTENTE_IN_CONLLU;
        return 0;
    }
    s->xml = ent_petrxml_open(path, d);
    s->kind = ENTENTE_IN_PETRARCH_XML;
    return s->xml ? 0 : -1;
}

static void source_close(source *s) {
    if (s->xml) ent_petrxml_close(s->xml);
    free(s->text);
}

/* Next sentence into `it` (strings in arena a).  1 item, 0 end, -1 error. */
static int source_next(source *s, item *it, ent_arena *a, ent_diags *d) {
    memset(it, 0, sizeof *it);
    if (s->kind == ENTENTE_IN_PETRARCH_XML) {
        ent_record r;
        for (;;) {
            int rc = ent_petrxml_next(s->xml, &r);
            if (rc <= 0) return rc;
            if (r.kind == ENT_REC_SENTENCE) break;
        }
        char idbuf[32];
        if (!r.id) snprintf(idbuf, sizeof idbuf, "%s#%d", "sentence", s->n_sent);
        it->doc = ent_arena_strdup(a, r.id ? r.id : idbuf);
        it->sent = 0;
        it->date = r.date ? ent_parse_record_date(r.date) : -1;
        if (it->date < 0) it->date = s->default_date;
        it->parse = ent_arena_strdup(a, r.parse ? r.parse : "");
        it->parse_len = strlen(it->parse);
        it->line = r.parse_line ? r.parse_line : r.line;
        s->n_sent++;
        return it->doc && it->parse ? 1 : -1;
    }
    /* raw CoNLL-U: blocks separated by blank lines; "# sent_id" and
     * "# date" comments name and date them */
    while (s->pos < s->len) {
        size_t b = s->pos;
        long first_line = s->line;
        const char *sid = NULL;
        size_t sid_len = 0;
        int32_t date = s->default_date;
        size_t p = b, body = (size_t)-1;
        while (p < s->len) {
            size_t e = p;
            while (e < s->len && s->text[e] != '\n') e++;
            int blank = 1;
            for (size_t k = p; k < e; k++)
                if (s->text[k] != ' ' && s->text[k] != '\t' && s->text[k] != '\r') blank = 0;
            s->line++;
            if (blank) {
                if (body != (size_t)-1) { p = e + 1; break; }
                first_line = s->line;
                p = e + 1;
                continue;
            }
            if (s->text[p] == '#') {
                if (!strncmp(s->text + p, "# sent_id = ", 12)) {
                    sid = s->text + p + 12;
                    sid_len = e - p - 12;
                    while (sid_len && (sid[sid_len - 1] == '\r' || sid[sid_len - 1] == ' ')) sid_len--;
                } else if (!strncmp(s->text + p, "# date = ", 9)) {
                    char tmp[16];
                    size_t n = e - p - 9 < 15 ? e - p - 9 : 15;
                    memcpy(tmp, s->text + p + 9, n);
                    tmp[n] = '\0';
                    int32_t dd = ent_parse_record_date(tmp);
                    if (dd > 0) date = dd;
                }
            } else if (body == (size_t)-1) {
                body = p;
            }
            p = e + 1;
        }
        s->pos = p > s->len ? s->len : p;
        if (body == (size_t)-1) continue;
        size_t end = s->pos;
        char idbuf[64];
        if (sid) snprintf(idbuf, sizeof idbuf, "%.*s", (int)(sid_len < 60 ? sid_len : 60), sid);
        else snprintf(idbuf, sizeof idbuf, "%d", s->n_sent + 1);
        it->doc = ent_arena_strdup(a, idbuf);
        it->sent = 0;
        it->date = date;
        it->parse = ent_arena_strndup(a, s->text + body, end - body);
        it->parse_len = end - body;
        it->line = first_line;
        s->n_sent++;
        return it->doc && it->parse ? 1 : -1;
    }
    (void)d;
    return 0;
}

/* ---- Workers ------------------------------------------------------------------- */

typedef struct shared {
    item *items;
    int n_items;
    int next;                 /* atomic */
    int format;
    const char *where;
} shared;

typedef struct worker {
    pthread_t tid;
    shared *sh;
    ent_coder *coder;
    ent_tree tree;
    ent_diags diags;          /* parse problems, printed by the main thread */
    long events;
    int failed;
} worker;

int ent_jobs_read_tree(ent_tree *t, const char *parse, size_t len, ent_diags *d,
                       const char *where, long line) {
    size_t k = 0;
    while (k < len && (parse[k] == ' ' || parse[k] == '\n' || parse[k] == '\t' || parse[k] == '\r'))
        k++;
    if (k < len && parse[k] >= '0' && parse[k] <= '9')
        return ent_conllu_read(t, parse, len, d, where, line);
    return ent_ptb_read(t, parse, len, d, where, line);
}

static void work_items(worker *w) {
    shared *sh = w->sh;
    for (;;) {
        int i = __atomic_fetch_add(&sh->next, 1, __ATOMIC_RELAXED);
        if (i >= sh->n_items) break;
        item *it = &sh->items[i];
        ent_buf_clear(&it->out);
        if (ent_jobs_read_tree(&w->tree, it->parse, it->parse_len, &w->diags, sh->where,
                               it->line) < 0) {
            it->bad = 1;
            continue;
        }
        const ent_event *ev;
        int n;
        int st = ent_coder_code(w->coder, &w->tree, it->date, &ev, &n);
        if (st < 0) {
            w->failed = 1;
            continue;
        }
        ent_sentence_ref ref = {it->doc, it->sent, it->date};
        if (n && ent_sink_render(&it->out, sh->format, &ref, &w->tree, ev, n) < 0) w->failed = 1;
        it->n_events = n;
        w->events += n;
    }
}

static void *worker_main(void *arg) {
    work_items(arg);
    return NULL;
}

int entente_code_files(const entente_code_opts *o, char *const *files, int n_files, FILE *out,
                       FILE *err) {
    ent_diags diags;
    ent_diags_init(&diags, err, o->strict);
    ent_dict *d = ent_dict_load(o->dicts, &diags);
    if (!d) {
        ent_diags_free(&diags);
        return 1;
    }
    int nt = o->threads < 1 ? 1 : o->threads > MAX_THREADS ? MAX_THREADS : o->threads;
    worker *ws = calloc((size_t)nt, sizeof *ws);
    item *items = calloc(BATCH, sizeof *items);
    int rc = 0;
    if (!ws || !items) {
        fprintf(err, "entente: out of memory\n");
        rc = 1;
        goto done;
    }
    shared sh = {items, 0, 0, o->to, NULL};
    for (int i = 0; i < nt; i++) {
        ws[i].sh = &sh;
        ws[i].coder = ent_coder_new(d, &d->options);
        ent_tree_init(&ws[i].tree);
        ent_diags_init(&ws[i].diags, NULL, 0);
        if (!ws[i].coder) {
            fprintf(err, "entente: out of memory\n");
            rc = 1;
            goto done;
        }
    }
    fputs(ent_sink_header(o->to), out);
    ent_arena batch;
    ent_arena_init(&batch, 1 << 20);
    long n_sent = 0, n_bad = 0;
    double t0 = ent_now();
    char *stdin_only[] = {"-"};
    if (n_files == 0) {
        files = stdin_only;
        n_files = 1;
    }
    for (int f = 0; f < n_files && !rc; f++) {
        source src;
        if (source_open(&src, files[f], o->from, o->date, &diags) < 0) {
            rc = 1;
            source_close(&src);
            break;
        }
        sh.where = src.name;
        for (;;) {
            ent_arena_reset(&batch);
            int n = 0, r = 1;
            while (n < BATCH && (r = source_next(&src, &items[n], &batch, &diags)) == 1) n++;
            sh.n_items = n;
            sh.next = 0;
            for (int i = 1; i < nt; i++)
                if (pthread_create(&ws[i].tid, NULL, worker_main, &ws[i]) != 0) ws[i].tid = 0;
            work_items(&ws[0]);
            for (int i = 1; i < nt; i++)
                if (ws[i].tid) pthread_join(ws[i].tid, NULL);
            /* messages in input order would need per-item lists; parse
             * problems are rare, so each thread's are printed as a group */
            for (int i = 0; i < nt; i++) {
                for (int k = 0; k < ws[i].diags.count; k++) {
                    char msg[1200];
                    ent_diag_format(&ws[i].diags, k, msg, sizeof msg);
                    fprintf(err, "%s\n", msg);
                }
                ent_diags_free(&ws[i].diags);
                ent_diags_init(&ws[i].diags, NULL, 0);
                if (ws[i].failed) rc = 1;
            }
            for (int i = 0; i < n; i++) {
                if (items[i].bad) n_bad++;
                if (items[i].out.len) fwrite(items[i].out.data, 1, items[i].out.len, out);
            }
            n_sent += n;
            if (r <= 0) {
                if (r < 0) rc = 1;
                break;
            }
        }
        source_close(&src);
    }
    double secs = ent_now() - t0;
    long events = 0;
    for (int i = 0; i < nt; i++) events += ws[i].events;
    if (o->stats)
        fprintf(err, "sentences %ld events %ld seconds %.3f sentences_per_s %.0f%s\n", n_sent, events,
                secs, secs > 0 ? (double)n_sent / secs : 0.0, n_bad ? " (some parses unreadable)" : "");
    ent_arena_free(&batch);
done:
    if (items)
        for (int i = 0; i < BATCH; i++) ent_buf_free(&items[i].out);
    free(items);
    if (ws)
        for (int i = 0; i < nt; i++) {
            ent_coder_free(ws[i].coder);
            ent_tree_free(&ws[i].tree);
            ent_diags_free(&ws[i].diags);
        }
    free(ws);
    ent_dict_free(d);
    ent_diags_free(&diags);
    return rc;
}
