/* test_dedup.c -- happenings against the gold set tests/dedup/stories.jsonl
 * (its conventions: tests/dedup/README.md).  The stories are ingested with
 * the built-in dictionaries into a fresh store; each story's gold event is
 * its first event with the gold source and target countries and root, and
 * two stories are put together when their gold events share a happening.
 * Prints every pair put together wrongly and every pair missed, then
 * pairwise precision and recall over the stories whose gold event was
 * coded, and asserts the floors (and a floor on that coverage, so that
 * coding nothing cannot pass). */
#include "store_tu.h"

#include <json-c/json.h>

#include "entente.h"
#include "store_int.h"

#define FLOOR_PRECISION 0.95
#define FLOOR_RECALL 0.85
#define FLOOR_COVERAGE 0.80
#define MAX_STORIES 512

static const char *gold_path(void) {
    static const char *cands[] = {"tests/dedup/stories.jsonl", "../tests/dedup/stories.jsonl",
                                  NULL};
    for (int i = 0; cands[i]; i++)
        if (access(cands[i], R_OK) == 0) return cands[i];
    return NULL;
}

typedef struct story {
    char id[32], cluster[16], kind[8], root[4], src[ENT_STORE_COUNTRY_CAP],
        tgt[ENT_STORE_COUNTRY_CAP];
    int64_t happening;        /* of its gold event; 0 when not coded */
    int64_t any[8];           /* of its events with the gold root, whatever their
                                 countries (the end-to-end figure) */
    int n_any;
} story;

typedef struct gold {
    story s[MAX_STORIES];
    int n;
} gold;

static void copy_field(json_object *o, const char *key, char *out, size_t cap, const char *path,
                       int line) {
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        fail_msg("%s:%d: no \"%s\"", path, line, key);
    const char *t = json_object_get_string(v);
    if (strlen(t) >= cap) fail_msg("%s:%d: \"%s\" too long", path, line, key);
    snprintf(out, cap, "%s", t);
}

static void gold_read(const char *path, gold *g) {
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096];
    int at = 0;
    g->n = 0;
    while (fgets(line, sizeof line, f)) {
        at++;
        if (line[0] == '\n' || line[0] == '#') continue;
        json_object *o = json_tokener_parse(line);
        if (!o) fail_msg("%s:%d: not JSON", path, at);
        if (g->n == MAX_STORIES) fail_msg("%s: more than %d stories", path, MAX_STORIES);
        story *s = &g->s[g->n++];
        memset(s, 0, sizeof *s);
        copy_field(o, "id", s->id, sizeof s->id, path, at);
        copy_field(o, "cluster", s->cluster, sizeof s->cluster, path, at);
        copy_field(o, "kind", s->kind, sizeof s->kind, path, at);
        copy_field(o, "root", s->root, sizeof s->root, path, at);
        copy_field(o, "src", s->src, sizeof s->src, path, at);
        copy_field(o, "tgt", s->tgt, sizeof s->tgt, path, at);
        json_object_put(o);
    }
    fclose(f);
}

/* Each stored event: the story it is of takes its happening when it is
 * the story's first event with the gold countries and root. */
static int on_event(void *user, const ent_store_event *e) {
    gold *g = user;
    char sc[ENT_STORE_COUNTRY_CAP], tc[ENT_STORE_COUNTRY_CAP];
    ent_store_country(e->source, sc);
    ent_store_country(e->target, tc);
    for (int i = 0; i < g->n; i++) {
        story *s = &g->s[i];
        if (strcmp(s->id, e->doc) || strncmp(s->root, e->root, 2)) continue;
        if (!s->happening && !strcmp(s->src, sc) && !strcmp(s->tgt, tc)) s->happening = e->happening;
        if (s->n_any < 8) s->any[s->n_any++] = e->happening;
    }
    return 0;
}

typedef struct pairs {
    long tp, fp, fn;
    long place_pairs, place_merged;
} pairs;

static int is_place(const story *a, const story *b) {
    return !strcmp(a->kind, "place") || !strcmp(b->kind, "place");
}

static void tally(pairs *p, int same, int put) {
    p->tp += same && put;
    p->fp += !same && put;
    p->fn += same && !put;
}

/* The end-to-end figure: a story's events with its gold root, whatever
 * their countries, coded right or wrong; two stories are put together
 * when any two of those share a happening. */
static void score_any(const gold *g, pairs *p) {
    memset(p, 0, sizeof *p);
    for (int i = 0; i < g->n; i++)
        for (int j = i + 1; j < g->n; j++) {
            const story *a = &g->s[i], *b = &g->s[j];
            if (!a->n_any || !b->n_any || is_place(a, b)) continue;
            int put = 0;
            for (int x = 0; x < a->n_any && !put; x++)
                for (int y = 0; y < b->n_any && !put; y++) put = a->any[x] == b->any[y];
            tally(p, !strcmp(a->cluster, b->cluster), put);
        }
}

/* Score every pair of coded stories.  A near-miss told apart only by its
 * place is tallied apart: a place is read from a locative phrase alone
 * ("in Odesa"), and "shelled Ukraine's Odesa" has none. */
static void score(const gold *g, pairs *p) {
    memset(p, 0, sizeof *p);
    for (int i = 0; i < g->n; i++)
        for (int j = i + 1; j < g->n; j++) {
            const story *a = &g->s[i], *b = &g->s[j];
            if (!a->happening || !b->happening) continue;
            int same = !strcmp(a->cluster, b->cluster);
            int put = a->happening == b->happening;
            if (is_place(a, b)) {
                p->place_pairs++;
                p->place_merged += put;
                continue;
            }
            tally(p, same, put);
            if (put != same)
                printf("dedup: %s: %s %s\n", put ? "put together, not the same" : "the same, kept apart",
                       a->id, b->id);
        }
}

static void test_happenings_meet_the_floors(void **state) {
    (void)state;
    const char *path = gold_path();
    assert_non_null(path);
    const char *dicts = access("dict/PETR_config.ini", R_OK) == 0 ? "dict" : "../dict";
    static gold g;
    gold_read(path, &g);
    int clusters = 0;
    for (int i = 0; i < g.n; i++) {
        int first = 1;
        for (int j = 0; j < i && first; j++) first = strcmp(g.s[j].cluster, g.s[i].cluster) != 0;
        int more = 0;
        for (int j = i + 1; j < g.n; j++) more |= !strcmp(g.s[j].cluster, g.s[i].cluster);
        clusters += first && more;
    }
    assert_true(clusters >= 30);

    char *db = tu_write_tmp("", ".db");
    assert_non_null(db);
    unlink(db);
    entente_ingest_opts o = {.db = db, .dicts = dicts, .threads = 1, .progress = -1};
    char *files[] = {(char *)path};
    FILE *err = tmpfile();
    assert_non_null(err);
    int rc = entente_ingest(&o, files, 1, err);
    if (rc) {
        char *msg = tu_capture(err);
        fprintf(stderr, "%s", msg);
        free(msg);
    }
    fclose(err);
    assert_int_equal(rc, 0);
    char e[1300];
    ent_store *s = ent_store_open(db, e, sizeof e);
    assert_non_null(s);
    ent_store_filter all = {.actor = NULL};
    assert_int_equal(ent_store_events(s, &all, on_event, &g), 0);
    ent_store_close(s);
    unlink(db);
    free(db);

    int coded = 0;
    for (int i = 0; i < g.n; i++) {
        if (g.s[i].happening) coded++;
        else printf("dedup: gold event not coded: %s (%s>%s %s)\n", g.s[i].id, g.s[i].src,
                    g.s[i].tgt, g.s[i].root);
    }
    pairs p;
    score(&g, &p);
    double coverage = (double)coded / g.n;
    double precision = p.tp + p.fp ? (double)p.tp / (double)(p.tp + p.fp) : 0;
    double recall = p.tp + p.fn ? (double)p.tp / (double)(p.tp + p.fn) : 0;
    printf("happenings (%s): %d stories in %d clusters of two or more, %d with their gold event "
           "coded (%.3f); pairwise precision %ld/%ld %.3f, recall %ld/%ld %.3f\n",
           path, g.n, clusters, coded, coverage, p.tp, p.tp + p.fp, precision, p.tp,
           p.tp + p.fn, recall);
    pairs q;
    score_any(&g, &q);
    printf("happenings end to end (any event with the gold root, whatever its countries): "
           "precision %ld/%ld %.3f, recall %ld/%ld %.3f\n",
           q.tp, q.tp + q.fp, q.tp + q.fp ? (double)q.tp / (double)(q.tp + q.fp) : 0, q.tp,
           q.tp + q.fn, q.tp + q.fn ? (double)q.tp / (double)(q.tp + q.fn) : 0);
    printf("happenings: near-misses told apart by place alone, not scored: %ld of %ld pairs put "
           "together\n",
           p.place_merged, p.place_pairs);
    assert_true(coverage >= FLOOR_COVERAGE);
    assert_true(precision >= FLOOR_PRECISION);
    assert_true(recall >= FLOOR_RECALL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_happenings_meet_the_floors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
