/* job_unknown.c -- `entente actors --unknown`: the proper-noun phrases of
 * the stored sentences that the dictionaries do not know, most frequent
 * first, each with a sentence it stands in, to guide dictionary work.
 *
 * Design.  Each stored sentence is read by the built-in tokenizer and
 * tagger (through the pipeline, as explain reads one), and its runs of
 * proper nouns (NNP, NNPS) are its phrases.  A run is known when any of
 * its words starts an actor, agent or discard phrase of the set that
 * matches there: "President Emmanuel Macron" is known through "EMMANUEL
 * MACRON", and a part already named is not worth a new entry.  Month and
 * weekday names, which the tagger also calls proper nouns, are not
 * phrases.  Counts are by the phrase's words as written.  The scan reads
 * every sentence of the period: a command run by hand between dictionary
 * edits, not a query the server answers.
 */
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "entente.h"
#include "jobs.h"
#include "pipeline.h"
#include "store.h"
#include "table.h"
#include "tree.h"
#include "util.h"

typedef struct unknown_phrase {
    const char *text;         /* in the map's arena */
    const char *example;      /* a sentence it stands in (arena) */
    long count;
} unknown_phrase;

typedef struct unknown_scan {
    const ent_dict *d;
    ent_pipeline *pipe;
    ent_tree tree;
    ent_strmap index;         /* phrase -> its place in `phrases` */
    ent_vec phrases;          /* unknown_phrase */
    ent_arena arena;          /* example sentences */
    long sentences;
    int failed;
} unknown_scan;

static const char *const calendar_words[] = {
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
    "OCTOBER", "NOVEMBER", "DECEMBER", "JAN.", "FEB.", "AUG.", "SEPT.", "SEP.", "OCT.", "NOV.",
    "DEC.", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
};

static int is_calendar(const char *upper) {
    for (size_t i = 0; i < sizeof calendar_words / sizeof *calendar_words; i++)
        if (!strcmp(upper, calendar_words[i])) return 1;
    return 0;
}

static int proper(const ent_token *k) {
    return !strcmp(k->tag, "NNP") || !strcmp(k->tag, "NNPS");
}

/* 1 when a phrase of `ix` starts at token i of t and ends by token end. */
static int phrase_at(const ent_dict *d, const ent_phrase_index *ix, const ent_tree *t, int i,
                     int end) {
    const char *up = t->tokens[i].upper ? t->tokens[i].upper : "";
    ent_wid w = ent_dict_word(d, up, strlen(up));
    if (w <= 0 || !ix->start || w >= d->n_words) return 0;
    for (int32_t p = ix->start[w]; p < ix->start[w + 1]; p++) {
        const ent_phrase *ph = &ix->phrases[p];
        if (i + ph->n_words > end) continue;
        int k = 1;
        for (; k < ph->n_words; k++) {
            const char *u = t->tokens[i + k].upper ? t->tokens[i + k].upper : "";
            if (ent_dict_word(d, u, strlen(u)) != ph->words[k]) break;
        }
        if (k == ph->n_words) return 1;
    }
    return 0;
}

/* Count the unknown runs of proper nouns of one parsed sentence. */
static int count_runs(unknown_scan *x, const char *text) {
    const ent_tree *t = &x->tree;
    for (int i = 0; i < t->n_tokens;) {
        if (!proper(&t->tokens[i])) {
            i++;
            continue;
        }
        int end = i;
        while (end < t->n_tokens && proper(&t->tokens[end])) end++;
        int known = 0, words = 0;
        for (int k = i; k < end && !known; k++) {
            words += !is_calendar(t->tokens[k].upper ? t->tokens[k].upper : "");
            /* a phrase may run past the proper nouns ("the Kremlin") */
            known = phrase_at(x->d, &x->d->actor_ix, t, k, t->n_tokens) ||
                    phrase_at(x->d, &x->d->agent_ix, t, k, t->n_tokens) ||
                    phrase_at(x->d, &x->d->discard_ix, t, k, t->n_tokens);
        }
        if (!known && words) {
            char phrase[256];
            size_t n = 0;
            for (int k = i; k < end && n < sizeof phrase - 1; k++)
                n += (size_t)snprintf(phrase + n, sizeof phrase - n, "%s%s", k > i ? " " : "",
                                      t->tokens[k].text);
            if (n >= sizeof phrase) n = sizeof phrase - 1;
            int32_t at = ent_strmap_intern(&x->index, phrase, n, (int32_t)x->phrases.len);
            if (at == -2) return -1;
            if (at == (int32_t)x->phrases.len) {
                unknown_phrase *u = ent_vec_push(&x->phrases);
                if (!u) return -1;
                u->text = ent_arena_strndup(&x->arena, phrase, n);
                u->example = ent_arena_strdup(&x->arena, text);
                u->count = 0;
                if (!u->text || !u->example) return -1;
            }
            ENT_VEC_AT(&x->phrases, unknown_phrase, at).count++;
        }
        i = end;
    }
    return 0;
}

static int on_sentence(void *user, int n, const char *const *c) {
    unknown_scan *x = user;
    if (n < 1 || !c[0] || !c[0][0]) return 0;
    x->sentences++;
    ent_tree_reset(&x->tree);
    if (ent_pipeline_parse_text(x->pipe, c[0], (int32_t)strlen(c[0]), &x->tree) < 0) return 0;
    if (count_runs(x, c[0]) < 0) return x->failed = 1;
    return 0;
}

static int by_count(const void *a, const void *b) {
    const unknown_phrase *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

static void write_rows(const unknown_scan *x, int top, ent_table *t) {
    size_t n = x->phrases.len < (size_t)top ? x->phrases.len : (size_t)top;
    const unknown_phrase *p = x->phrases.items;
    for (size_t i = 0; i < n; i++) {
        char rank[24], count[24];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        snprintf(count, sizeof count, "%ld", p[i].count);
        const char *cells[4] = {rank, count, p[i].text, p[i].example};
        ent_table_row(t, cells, NULL);
    }
}

int ent_jobs_unknown_phrases(const entente_analysis_opts *o, FILE *out, FILE *err) {
    ent_store *st = ent_jobs_open_store(o->db, o->timeout_ms, err);
    if (!st) return 1;
    ent_dict *d = ent_jobs_load_dicts(o->dicts, 0, err);
    if (!d) {
        ent_store_close(st);
        return 1;
    }
    unknown_scan x = {.d = d};
    ent_tree_init(&x.tree);
    ent_vec_init(&x.phrases, sizeof(unknown_phrase));
    ent_arena_init(&x.arena, 1 << 16);
    x.pipe = ent_pipeline_new(d, &d->options);
    int rc = !x.pipe || ent_strmap_init(&x.index, 1024) < 0 ? -2 : 0;
    if (!rc) {
        /* the sentences of the stories of the period, by their story's date */
        ent_store_stmt b = {.len = 0};
        ent_store_stmt_sql(&b, "SELECT s.text FROM sentences s JOIN documents d ON d.key = s.doc"
                               " WHERE 1 = 1");
        if (o->from > 0) {
            ent_store_stmt_sql(&b, " AND d.date >= ?");
            ent_store_stmt_int(&b, o->from);
        }
        if (o->to > 0) {
            ent_store_stmt_sql(&b, " AND d.date <= ?");
            ent_store_stmt_int(&b, o->to);
        }
        ent_store_stmt_sql(&b, " ORDER BY s.doc, s.idx");
        rc = ent_store_stmt_run(st, &b, on_sentence, &x);
    }
    if (rc == -1) fprintf(err, "entente: %s\n", ent_store_error(st));
    else if (rc || x.failed) fprintf(err, "entente: out of memory\n");
    else {
        qsort(x.phrases.items, x.phrases.len, sizeof(unknown_phrase), by_count);
        static const char *const cols[4] = {"#rank", "#count", "phrase", "example"};
        ent_table t;
        ent_table_open(&t, out, ent_jobs_table_format(o->format), 4, cols);
        if (o->format == ENTENTE_FMT_TABLE)
            ent_table_printf(&t, "unknown proper-noun phrases: %zu in %ld sentences of %s (dictionaries %s)\n",
                             x.phrases.len, x.sentences, ent_store_name(st), d->name);
        write_rows(&x, o->top > 0 ? o->top : 20, &t);
        ent_table_end(&t);
        if (ent_jobs_table_done(&t, "the phrases", err)) x.failed = 1;
    }
    int failed = rc || x.failed;
    ent_pipeline_free(x.pipe);
    ent_strmap_free(&x.index);
    ent_vec_free(&x.phrases);
    ent_arena_free(&x.arena);
    ent_tree_free(&x.tree);
    ent_dict_free(d);
    ent_store_close(st);
    return failed ? 1 : 0;
}
