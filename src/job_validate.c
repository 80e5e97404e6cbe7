/* job_validate.c -- `entente validate` and `entente explain` over PETRARCH
 * validation records.
 *
 * A record passes when the set of (source, target, code) triples coded
 * equals the set it expects, order aside; a `noevents` record when nothing
 * is coded; an `error` record when the coder reports that condition
 * (an unreadable parse, a story or sentence discard).
 *
 * Two more questions are asked of the same records: does entente code what
 * another coder codes from them (--compare, each difference listed for a
 * person to judge), and how close is the built-in parser to the records'
 * own parses (--parser-agreement).  A failure under the built-in parser is
 * coded again with the record's parse, so the list can say whether the
 * parser or the coder and dictionaries are to blame.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "agree.h"
#include "coder.h"
#include "dict.h"
#include "entente.h"
#include "jobs.h"
#include "parse.h"
#include "petrxml.h"
#include "pipeline.h"
#include "runner.h"
#include "sink.h"

/* Directory part of a path ("." when none), into out. */
static void dir_of(const char *path, char *out, size_t cap) {
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(out, cap, ".");
    else snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

/* Load the set the records' <Environment> names, from `dicts_dir`. */
static ent_dict *load_env_dict(const ent_environment *env, const char *dicts_dir,
                               const char *records, ent_diags *diags) {
    char dir[4096];
    if (!env->verbfile && !env->n_actorfiles)   /* the records name no files */
        return ent_dict_load(dicts_dir ? dicts_dir : ent_jobs_default_dicts(dir, sizeof dir), diags);
    if (dicts_dir) snprintf(dir, sizeof dir, "%s", dicts_dir);
    else dir_of(records, dir, sizeof dir);
    ent_dict_files files = {0};
    files.verbs = env->verbfile;
    for (int i = 0; i < env->n_actorfiles && i < 16; i++) files.actors[files.n_actors++] = env->actorfiles[i];
    files.agents = env->agentfile;
    files.discards = env->discardfile;
    files.issues = env->issuefile;
    return ent_dict_load_files(dir, &files, diags);
}

typedef struct triple {
    char s[72], t[72], c[16];
} triple;

/* Expected codes may be quoted ('"INJURY TOLL"'); compare them bare. */
static void unquote(const char *in, char *out, size_t cap) {
    size_t n = strlen(in);
    if (n >= 2 && in[0] == '"' && in[n - 1] == '"') snprintf(out, cap, "%.*s", (int)(n - 2), in + 1);
    else snprintf(out, cap, "%s", in);
}

static int triple_in(const triple *set, int n, const triple *x) {
    for (int i = 0; i < n; i++)
        if (!strcmp(set[i].s, x->s) && !strcmp(set[i].t, x->t) && !strcmp(set[i].c, x->c)) return 1;
    return 0;
}

typedef struct vstate {
    ent_petrxml *r;
    ent_dict *d;
    ent_options opt;
    ent_tree tree, given;
    const ent_tree *coded;    /* the tree the last record was coded from */
    ent_parser *parser;
    ent_pipeline *pipe;
    int mode;                 /* enum entente_parser */
    ent_diags diags;
} vstate;

static int vstate_open(vstate *v, const char *records, const char *dicts_dir, FILE *err) {
    memset(v, 0, sizeof *v);
    (void)dicts_dir;
    ent_diags_init(&v->diags, err, 0);
    v->r = ent_petrxml_open(records, &v->diags);
    if (!v->r) return -1;
    /* The environment comes before the first record: read one record to
     * make it available, and hand it back through `pending`. */
    return 0;
}

static int vstate_start(vstate *v, const char *records, const char *dicts_dir) {
    const ent_environment *env = ent_petrxml_env(v->r);
    v->d = load_env_dict(env, dicts_dir, records, &v->diags);
    if (!v->d) return -1;
    v->opt = v->d->options;
    for (int i = 0; i < env->n_config; i++)
        ent_options_set(&v->opt, env->config_option[i], env->config_value[i]);
    ent_tree_init(&v->tree);
    ent_tree_init(&v->given);
    v->parser = ent_parser_new();
    v->pipe = ent_pipeline_new(v->d, &v->opt);
    return v->parser && v->pipe ? 0 : -1;
}

static void vstate_set_options(vstate *v) {
    if (v->pipe) ent_pipeline_set_options(v->pipe, &v->opt);
}

static void vstate_close(vstate *v) {
    ent_tree_free(&v->tree);
    ent_tree_free(&v->given);
    ent_parser_free(v->parser);
    ent_pipeline_free(v->pipe);
    ent_dict_free(v->d);
    if (v->r) ent_petrxml_close(v->r);
    ent_diags_free(&v->diags);
}

/* Code one record; fills got[] and the status.  Returns the number of
 * triples, or -1 when the parse could not be read.  v->coded is the tree
 * coded. */
static int code_record(vstate *v, const ent_record *rec, int mode, triple *got, int cap,
                       int *status, const char *records) {
    *status = ENT_CODED;
    ent_diags quiet;
    ent_diags_init(&quiet, NULL, 0);
    if (mode == ENTENTE_PARSER_AUTO) mode = rec->parse ? ENTENTE_PARSER_GIVEN : ENTENTE_PARSER_BUILTIN;
    const char *parse = rec->parse ? rec->parse : "";
    int32_t date = rec->date ? ent_parse_date(rec->date, strlen(rec->date)) : 0;
    ent_sentence_in in = {.date = date > 0 ? date : 0, .where = records, .line = rec->parse_line};
    int rc = 0;
    if (mode == ENTENTE_PARSER_BUILTIN) {
        in.text = rec->text ? rec->text : "";
        in.span = (ent_span){0, (int32_t)strlen(in.text)};
        in.dateline = 1;
    } else if (mode == ENTENTE_PARSER_REPARSE) {
        rc = ent_pipeline_read_parse(&v->given, parse, strlen(parse), &quiet, records, rec->parse_line);
        if (rc == 0) rc = ent_jobs_reparse(v->parser, &v->given, &v->tree);
        in.tree = &v->tree;
    } else {
        in.parse = parse;
        in.parse_len = strlen(parse);
    }
    ent_coded_sentence cs = {0};
    if (rc == 0) rc = ent_pipeline_code_sentence(v->pipe, &in, &quiet, &cs);
    ent_diags_free(&quiet);
    v->coded = cs.tree ? cs.tree : &v->tree;
    if (rc) {
        return -1;
    }
    *status = cs.status;
    int k = 0;
    for (int i = 0; i < cs.n_events && k < cap; i++) {
        snprintf(got[k].s, sizeof got[k].s, "%s", cs.events[i].source);
        snprintf(got[k].t, sizeof got[k].t, "%s", cs.events[i].target);
        snprintf(got[k].c, sizeof got[k].c, "%s", cs.events[i].code);
        k++;
    }
    return k;
}

static void print_triples(FILE *out, const char *label, const triple *t, int n) {
    fprintf(out, "  %s:", label);
    if (!n) fprintf(out, " (none)");
    for (int i = 0; i < n; i++) fprintf(out, " %s>%s:%s", t[i].s, t[i].t, t[i].c);
    fputc('\n', out);
}

static const char *status_name(int st) {
    return st == ENT_DISCARD_STORY_HIT ? "storydiscard"
         : st == ENT_DISCARD_SENTENCE  ? "sentencediscard"
         : st == ENT_DATELINE          ? "dateline"
                                       : "coded";
}

/* Precision/recall counts for one comparison level. */
typedef struct score {
    long matched, got, want;
} score;

/* Multiset match of (source country, target country, code prefix of
 * `code_len` chars; 0 = whole code). */
static void score_add(score *sc, const triple *got, int ng, const triple *want, int nw,
                      size_t code_len) {
    int used[256] = {0};
    for (int i = 0; i < nw; i++)
        for (int j = 0; j < ng && j < 256; j++) {
            if (used[j]) continue;
            if (strncmp(got[j].s, want[i].s, 3) || strncmp(got[j].t, want[i].t, 3)) continue;
            if (code_len ? strncmp(got[j].c, want[i].c, code_len) : strcmp(got[j].c, want[i].c))
                continue;
            used[j] = 1;
            sc->matched++;
            break;
        }
    sc->got += ng;
    sc->want += nw;
}

static void score_print(FILE *out, const char *what, const score *sc) {
    double p = sc->got ? (double)sc->matched / (double)sc->got : 0.0;
    double r = sc->want ? (double)sc->matched / (double)sc->want : 0.0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    fprintf(out, "%s: precision %.3f recall %.3f F1 %.3f (%ld matched, %ld coded, %ld expected)\n",
            what, p, r, f, sc->matched, sc->got, sc->want);
}

/* Read records, apply <Config> elements, and hand each sentence to fn;
 * shared by validate and explain.  On the runner with no coder threads
 * (runner.h): records are coded in turn on this thread, because a
 * <Config> element changes the options of every record after it. */
typedef int (*record_fn)(vstate *v, const ent_record *rec, void *user);

typedef struct record_run {
    vstate *v;
    const char *records;
    const entente_validate_opts *o;
    FILE *err;
    record_fn fn;
    void *user;
    int started;
    int rc;                   /* the result: 0, or 1 when the file failed */
    ent_record rec;           /* the one record of the batch */
    int fn_rc;                /* what fn said of it */
} record_run;

static int record_fill(void *ctx, void *batch, int *n) {
    record_run *x = ctx;
    (void)batch;
    *n = 0;
    x->fn_rc = 0;
    for (;;) {
        int r = ent_petrxml_next(x->v->r, &x->rec);
        if (r < 0) {
            x->rc = 1;
            return -1;
        }
        if (!x->started) {
            if (vstate_start(x->v, x->records, x->o->dicts) < 0) {
                x->rc = 1;
                return -1;
            }
            x->started = 1;
        }
        if (r == 0) return 0;
        if (x->rec.kind == ENT_REC_CONFIG) {
            if (ent_options_set(&x->v->opt, x->rec.option, x->rec.value) < 0)
                fprintf(x->err, "%s:%ld: unknown option %s\n", x->records, x->rec.line, x->rec.option);
            vstate_set_options(x->v);
            continue;
        }
        *n = 1;
        return 1;
    }
}

static void record_code(void *ctx, int worker, void *batch, int from, int to) {
    record_run *x = ctx;
    (void)worker;
    (void)batch;
    (void)from;
    (void)to;
    x->fn_rc = x->fn(x->v, &x->rec, x->user);
}

/* fn < 0 is a failure, > 0 a stop once done (explain found its record) */
static int record_write(void *ctx, void *batch) {
    record_run *x = ctx;
    (void)batch;
    if (x->fn_rc < 0) x->rc = 1;
    return x->fn_rc;
}

static int for_each_record(vstate *v, const char *records, const entente_validate_opts *o,
                           FILE *err, record_fn fn, void *user) {
    if (vstate_open(v, records, o->dicts, err) < 0) return 1;
    v->mode = o->parser;
    record_run x = {.v = v, .records = records, .o = o, .err = err, .fn = fn, .user = user};
    ent_runner_job job = {.ctx = &x, .fill = record_fill, .code = record_code, .write = record_write};
    void *batches[1] = {&x.rec};
    ent_runner_run(&job, batches, 1, 0, err);
    return x.rc;
}

/* An event entente coded, kept for the comparison with another coder. */
typedef struct kept_event {
    triple t;
    int rec;        /* index in vrun.recs */
    int agreed;
} kept_event;

/* A record as the comparison lists it. */
typedef struct kept_record {
    const char *id, *text;
} kept_record;

typedef struct vrun {
    const char *records;
    const entente_validate_opts *o;
    FILE *out;
    int passed, failed;
    int blame_parser, blame_coder;   /* built-in failures that pass / fail with the parse */
    int blame_words;                 /* pass with a parse of other words than the text */
    score root, exact;
    /* --compare */
    ent_agree_events other;
    ent_agree_judgements judged;      /* --judged */
    long n_judged[4], n_differ;       /* by verdict (see verdict_kind); disagreements */
    ent_vec unjudged;                 /* const char *: each disagreement not judged */
    ent_vec kept;                     /* kept_event */
    ent_vec recs;                     /* kept_record */
    ent_arena arena;
    /* --parser-agreement */
    ent_parseval pv;
    long no_treebank;
    int oom;
} vrun;

/* The expected triples of a record, into want (cap); returns how many. */
static int expected_triples(const ent_record *rec, triple *want, int cap) {
    int nw = 0;
    for (int i = 0; i < rec->n_expect && nw < cap; i++, nw++) {
        unquote(rec->expect[i].source ? rec->expect[i].source : "", want[nw].s, sizeof want[nw].s);
        unquote(rec->expect[i].target ? rec->expect[i].target : "", want[nw].t, sizeof want[nw].t);
        snprintf(want[nw].c, sizeof want[nw].c, "%s", rec->expect[i].code ? rec->expect[i].code : "");
    }
    return nw;
}

/* Does a coding (n triples, -1: unreadable parse) pass the record? */
static int record_passes(const ent_record *rec, const triple *got, int n, int status,
                         const triple *want, int nw) {
    if (rec->expect_error) {
        if (!strcmp(rec->expect_error, "bad_input_parse")) return n < 0;
        return n >= 0 && !strcmp(rec->expect_error, status_name(status));
    }
    if (n < 0) return 0;
    if (rec->expect_noevents || nw == 0) return n == 0;
    for (int i = 0; i < nw; i++)
        if (!triple_in(got, n, &want[i])) return 0;
    for (int i = 0; i < n; i++)
        if (!triple_in(want, nw, &got[i])) return 0;
    return 1;
}

/* Code the record and unquote what came out; -1: unreadable parse. */
static int code_unquoted(vstate *v, const ent_record *rec, int mode, triple *got, int cap,
                         int *status, const char *records) {
    int n = code_record(v, rec, mode, got, cap, status, records);
    for (int i = 0; i < n; i++) {
        char tmp[72];
        unquote(got[i].s, tmp, sizeof tmp);
        memcpy(got[i].s, tmp, sizeof tmp);
        unquote(got[i].t, tmp, sizeof tmp);
        memcpy(got[i].t, tmp, sizeof tmp);
    }
    return n;
}

/* Keep the record and its events (each once) for the comparison.  A
 * record with an empty <Text> is shown by the words of the tree it was
 * coded from, so a person can still judge it. */
static int keep_for_compare(vrun *vr, const ent_record *rec, const ent_tree *tree,
                            const triple *got, int n) {
    kept_record *kr = ent_vec_push(&vr->recs);
    if (!kr) return -1;
    kr->id = ent_arena_strdup(&vr->arena, rec->id ? rec->id : "");
    if (rec->text && *rec->text) {
        kr->text = ent_arena_strdup(&vr->arena, rec->text);
    } else {
        ent_buf words = {0};
        int bad = ent_buf_puts(&words, "[words of the parse]");
        for (int32_t i = 0; i < tree->n_tokens && !bad && words.len < 200; i++)
            bad = ent_buf_printf(&words, " %s", tree->tokens[i].text) < 0;
        kr->text = bad ? NULL : ent_arena_strdup(&vr->arena, words.data);
        ent_buf_free(&words);
    }
    if (!kr->id || !kr->text) return -1;
    for (int i = 0; i < n; i++) {
        if (triple_in(got, i, &got[i])) continue;   /* a record's events are a set */
        kept_event *ke = ent_vec_push(&vr->kept);
        if (!ke) return -1;
        ke->t = got[i];
        ke->rec = (int)vr->recs.len - 1;
    }
    return 0;
}

static int validate_one(vstate *v, const ent_record *rec, void *user) {
    vrun *vr = user;
    triple got[256], want[64];
    int status;
    int n = code_unquoted(v, rec, v->mode, got, 256, &status, vr->records);
    int nw = expected_triples(rec, want, 64);
    if (!rec->expect_error) {
        score_add(&vr->root, got, n < 0 ? 0 : n, want, nw, 2);
        score_add(&vr->exact, got, n < 0 ? 0 : n, want, nw, 0);
    }
    if (vr->o->compare && keep_for_compare(vr, rec, v->coded, got, n < 0 ? 0 : n) < 0) {
        vr->oom = 1;
        return -1;
    }
    if (record_passes(rec, got, n, status, want, nw)) {
        vr->passed++;
        return 0;
    }
    vr->failed++;
    /* Coding the record again with its own parse tells a parser error (it
     * passes then) from a coder or dictionary one; only failures pay. */
    const char *blame = NULL;
    if ((v->mode == ENTENTE_PARSER_BUILTIN || v->mode == ENTENTE_PARSER_REPARSE) && rec->parse &&
        rec->parse[strspn(rec->parse, " \t\r\n")]) {
        /* PETRARCH's records sometimes give a parse of other words than
         * their text: passing with such a parse proves nothing about ours. */
        int same_words = 1;
        if (v->mode == ENTENTE_PARSER_BUILTIN) {
            ent_diags quiet;
            ent_diags_init(&quiet, NULL, 0);
            ent_parseval sum = {0};
            if (ent_pipeline_read_parse(&v->given, rec->parse, strlen(rec->parse), &quiet, vr->records,
                                   rec->parse_line) == 0)
                same_words = ent_parseval_add(&sum, NULL, &v->given, v->coded) != 1;
            ent_diags_free(&quiet);
        }
        triple again[256];
        int st2;
        int n2 = code_unquoted(v, rec, ENTENTE_PARSER_GIVEN, again, 256, &st2, vr->records);
        if (record_passes(rec, again, n2, st2, want, nw) && !same_words) {
            vr->blame_words++;
            blame = "text/parse: passes with the given parse, whose words are not the text's";
        } else if (record_passes(rec, again, n2, st2, want, nw)) {
            vr->blame_parser++;
            blame = "parser: passes with the given parse";
        } else {
            vr->blame_coder++;
            blame = "coder/dictionary: fails with the given parse too";
        }
    }
    if (vr->o->quiet || vr->o->compare) return 0;
    FILE *out = vr->out;
    fprintf(out, "FAIL %s (%s:%ld)%s%s%s\n  text: %s\n", rec->id ? rec->id : "?", vr->records,
            rec->line, blame ? " [" : "", blame ? blame : "", blame ? "]" : "",
            rec->text ? rec->text : "");
    if (rec->expect_error) fprintf(out, "  expected: error %s\n", rec->expect_error);
    else if (rec->expect_noevents || nw == 0) fprintf(out, "  expected: no events\n");
    else print_triples(out, "expected", want, nw);
    if (n < 0) fprintf(out, "  got: unreadable parse\n");
    else if (status != ENT_CODED) fprintf(out, "  got: %s\n", status_name(status));
    else print_triples(out, "got", got, n);
    return 0;
}

/* The text cut to about 120 bytes, on a UTF-8 character boundary. */
static void print_cut(FILE *out, const char *text) {
    size_t n = strlen(text), cap = 120;
    if (n <= cap) {
        fprintf(out, "%s", text);
        return;
    }
    while (cap > 0 && ((unsigned char)text[cap] & 0xC0) == 0x80) cap--;
    fprintf(out, "%.*s...", (int)cap, text);
}

/* 0 entente-right, 1 the other's right, 2 both-wrong, 3 open. */
static int verdict_kind(const char *verdict) {
    return !strcmp(verdict, "entente-right") ? 0
         : !strcmp(verdict, "both-wrong")    ? 2
         : !strcmp(verdict, "open")          ? 3
                                             : 1;
}

/* Count the disagreement by its judgement, or keep it to be listed as
 * not judged. */
static void judge_difference(vrun *vr, const char *id, int entente_side, const char *s,
                             const char *t, const char *c) {
    vr->n_differ++;
    if (!vr->o->judged) return;
    char ev[256];
    snprintf(ev, sizeof ev, "%s>%s:%s", s, t, c);
    const ent_agree_judgement *j = ent_agree_judged(&vr->judged, id, entente_side, ev);
    if (j) {
        vr->n_judged[verdict_kind(j->verdict)]++;
        return;
    }
    char line[512];
    snprintf(line, sizeof line, "%s\t%s-only\t%s", id, entente_side ? "entente" : vr->judged.other,
             ev);
    const char **slot = ent_vec_push(&vr->unjudged);
    if (!slot || !(*slot = ent_arena_strdup(&vr->arena, line))) vr->oom = 1;
}

static void print_difference(vrun *vr, const char *id, const char *side, const char *s,
                             const char *t, const char *c, const char *text) {
    FILE *out = vr->out;
    judge_difference(vr, id, !strcmp(side, "only-entente"), s, t, c);
    if (vr->o->quiet) return;
    fprintf(out, "%s\t%s\t%s>%s:%s\t", id, side, s, t, c);
    print_cut(out, text ? text : "(no record with this id)");
    fputc('\n', out);
}

/* After the agreement: the disagreements by verdict, each one not judged
 * (a new disagreement shows up here), and each judgement that matches no
 * disagreement any more (fixed, or changed into another). */
static void judged_report(vrun *vr) {
    FILE *out = vr->out;
    const long *k = vr->n_judged;
    fprintf(out,
            "judged %ld of %ld disagreements (%s): entente-right %ld, %s-right %ld, both-wrong %ld, "
            "open %ld; not judged %zu\n",
            k[0] + k[1] + k[2] + k[3], vr->n_differ, vr->o->judged, k[0], vr->judged.other, k[1],
            k[2], k[3], vr->unjudged.len);
    for (size_t i = 0; i < vr->unjudged.len; i++)
        fprintf(out, "not judged\t%s\n", ENT_VEC_AT(&vr->unjudged, const char *, i));
    for (size_t i = 0; i < vr->judged.n; i++) {
        const ent_agree_judgement *j = &vr->judged.j[i];
        if (j->used) continue;
        fprintf(out, "judged, no longer a disagreement\t%s\t%s-only\t%s\t(line %ld)\n", j->id,
                j->entente_side ? "entente" : vr->judged.other, j->event, j->line);
    }
}

/* Match entente's events with the other coder's, record id by record id,
 * list each event only one side has (in the records' order, the other
 * coder's events for ids no record has last), then the agreement. */
static int compare_report(vrun *vr) {
    FILE *out = vr->out;
    ent_agree_events *o = &vr->other;
    kept_event *ke = vr->kept.items;
    kept_record *kr = vr->recs.items;
    ent_strmap first;   /* id -> its first record: a repeated id pools its records */
    if (ent_strmap_init(&first, 64) < 0) return -1;
    long dup_ids = 0;
    for (size_t r = 0; r < vr->recs.len; r++) {
        int32_t at = ent_strmap_intern(&first, kr[r].id, strlen(kr[r].id), (int32_t)r);
        if (at == -2) return ent_strmap_free(&first), -1;
        if (at != (int32_t)r) dup_ids++;
    }
    long agreed = 0;
    for (size_t i = 0; i < vr->kept.len; i++) {
        size_t f, k = ent_agree_find(o, kr[ke[i].rec].id, &f);
        for (size_t j = f; j < f + k && !ke[i].agreed; j++) {
            ent_agree_event *x = &o->ev[j];
            if (x->matched || strcmp(x->source, ke[i].t.s) || strcmp(x->target, ke[i].t.t) ||
                strcmp(x->code, ke[i].t.c))
                continue;
            x->matched = 1;
            ke[i].agreed = 1;
            agreed++;
        }
    }
    if (!vr->o->quiet)
        fprintf(out, "# events one side has and the other not: id, side, source>target:code, "
                     "text\n");
    size_t next = 0;
    for (size_t r = 0; r < vr->recs.len; r++) {
        for (; next < vr->kept.len && ke[next].rec == (int)r; next++)
            if (!ke[next].agreed)
                print_difference(vr, kr[r].id, "only-entente", ke[next].t.s, ke[next].t.t,
                                 ke[next].t.c, kr[r].text);
        if (ent_strmap_get(&first, kr[r].id, strlen(kr[r].id)) != (int32_t)r) continue;
        size_t f, k = ent_agree_find(o, kr[r].id, &f);
        for (size_t j = f; j < f + k; j++)
            if (!o->ev[j].matched)
                print_difference(vr, kr[r].id, "only-other", o->ev[j].source, o->ev[j].target,
                                 o->ev[j].code, kr[r].text);
    }
    long unknown = 0;
    for (size_t j = 0; j < o->n; j++) {
        if (ent_strmap_get(&first, o->ev[j].id, strlen(o->ev[j].id)) >= 0) continue;
        unknown++;
        print_difference(vr, o->ev[j].id, "only-other", o->ev[j].source, o->ev[j].target,
                         o->ev[j].code, NULL);
    }
    ent_strmap_free(&first);
    if (dup_ids)
        fprintf(out, "# %ld records repeat the id of an earlier one: their events are pooled\n",
                dup_ids);
    if (unknown) fprintf(out, "# %ld of the other coder's events name no record here\n", unknown);
    double p = vr->kept.len ? (double)agreed / (double)vr->kept.len : 0.0;
    double r = o->n ? (double)agreed / (double)o->n : 0.0;
    fprintf(out,
            "agreement with %s: precision %.3f recall %.3f F1 %.3f (%ld agreed, %zu entente, "
            "%zu other, %zu records)\n",
            vr->o->compare, p, r, ent_agree_f1(p, r), agreed, vr->kept.len, o->n, vr->recs.len);
    if (vr->o->judged) judged_report(vr);
    return vr->oom ? -1 : 0;
}

/* --parser-agreement: the built-in parser on the record's text against
 * the record's Treebank parse. */
static int agreement_one(vstate *v, const ent_record *rec, void *user) {
    vrun *vr = user;
    const char *parse = rec->parse ? rec->parse + strspn(rec->parse, " \t\r\n") : "";
    const char *id = rec->id ? rec->id : "?";
    if (*parse != '(') {   /* none, or CoNLL-U: no constituents to compare */
        vr->no_treebank++;
        return 0;
    }
    ent_diags quiet;
    ent_diags_init(&quiet, NULL, 0);
    int rc = ent_pipeline_read_parse(&v->given, parse, strlen(parse), &quiet, vr->records,
                                rec->parse_line);
    ent_diags_free(&quiet);
    if (rc < 0) {
        vr->no_treebank++;
        if (vr->o->verbose) fprintf(vr->out, "%s\tunreadable parse\n", id);
        return 0;
    }
    const char *text = rec->text ? rec->text : "";
    if (ent_pipeline_parse_text(v->pipe, text, (int32_t)strlen(text), &v->tree) < 0) {
        vr->oom = 1;
        return -1;
    }
    ent_parseval one;
    rc = ent_parseval_add(&vr->pv, &one, &v->given, &v->tree);
    if (rc < 0) {
        vr->oom = 1;
        return -1;
    }
    if (!vr->o->verbose) return 0;
    if (rc == 1) {
        fprintf(vr->out, "%s\tskipped: the parse and the built-in parse spell other words %s\n",
                id, one.differ);
        return 0;
    }
    fprintf(vr->out, "%s\tbrackets P %.3f R %.3f F1 %.3f (%ld/%ld/%ld)\t", id,
            ent_parseval_precision(&one), ent_parseval_recall(&one), ent_parseval_f1(&one),
            one.matched, one.test, one.gold);
    if (one.tok_differ) fprintf(vr->out, "tags: tokens differ\n");
    else fprintf(vr->out, "tags %ld/%ld\n", one.tags_right, one.tags);
    return 0;
}

static void agreement_report(const vrun *vr) {
    const ent_parseval *p = &vr->pv;
    fprintf(vr->out,
            "parser agreement, brackets: precision %.3f recall %.3f F1 %.3f (%ld matched, %ld "
            "built-in, %ld given; %ld records)\n",
            ent_parseval_precision(p), ent_parseval_recall(p), ent_parseval_f1(p), p->matched,
            p->test, p->gold, p->scored);
    fprintf(vr->out,
            "parser agreement, tags: accuracy %.3f (%ld of %ld tokens, in the %ld records whose "
            "tokens agree)\n",
            ent_parseval_tag_accuracy(p), p->tags_right, p->tags, p->scored - p->tok_differ);
    fprintf(vr->out,
            "parser agreement, skipped: %ld records whose parse spells other words, %ld without "
            "a readable Treebank parse\n",
            p->skipped, vr->no_treebank);
}

static void vrun_free(vrun *vr) {
    ent_agree_events_free(&vr->other);
    ent_agree_judgements_free(&vr->judged);
    ent_vec_free(&vr->unjudged);
    ent_vec_free(&vr->kept);
    ent_vec_free(&vr->recs);
    ent_arena_free(&vr->arena);
}

int entente_validate(const char *records, const entente_validate_opts *o, FILE *out, FILE *err) {
    vstate v;
    vrun vr = {.records = records, .o = o, .out = out};
    ent_vec_init(&vr.kept, sizeof(kept_event));
    ent_vec_init(&vr.recs, sizeof(kept_record));
    ent_vec_init(&vr.unjudged, sizeof(const char *));
    ent_arena_init(&vr.arena, 16 * 1024);
    if (o->judged && !o->compare) {
        fprintf(err, "--judged goes with --compare\n");
        vrun_free(&vr);
        return 1;
    }
    if (o->compare) {
        ent_diags d;
        ent_diags_init(&d, err, 0);
        int bad = ent_agree_read_events(&vr.other, o->compare, &d);
        if (!bad && o->judged) bad = ent_agree_read_judgements(&vr.judged, o->judged, &d);
        ent_diags_free(&d);
        if (bad) {
            vrun_free(&vr);
            return 1;
        }
    }
    entente_validate_opts oo = *o;
    if (o->parser_agreement) oo.parser = ENTENTE_PARSER_BUILTIN;
    int rc = for_each_record(&v, records, &oo, err, o->parser_agreement ? agreement_one : validate_one,
                             &vr);
    long seen = o->parser_agreement ? vr.pv.scored + vr.pv.skipped + vr.no_treebank
                                    : vr.passed + vr.failed;
    if (vr.oom) fprintf(err, "%s: out of memory\n", records);
    /* A file that could not be read to its end, or that held no record,
     * must never look like a clean pass. */
    if (!rc && seen == 0) {
        fprintf(err, "%s: no records were read: nothing validated\n", records);
        rc = 1;
    }
    if (rc) {
        fprintf(out, "stopped after %ld records: %s could not be read or coded to its end\n", seen,
                records);
        vstate_close(&v);
        vrun_free(&vr);
        return 1;
    }
    if (o->parser_agreement) {
        agreement_report(&vr);
    } else {
        if (o->compare && compare_report(&vr) < 0) {
            fprintf(err, "%s: out of memory\n", records);
            rc = 1;
        }
        if (o->score) {
            score_print(out, "source country, target country, root", &vr.root);
            score_print(out, "source country, target country, code", &vr.exact);
        }
        if (vr.blame_parser + vr.blame_coder + vr.blame_words)
            fprintf(out,
                    "failures: %d parser (pass with the given parse), %d coder/dictionary, %d "
                    "text/parse (pass with a parse of other words)\n",
                    vr.blame_parser, vr.blame_coder, vr.blame_words);
        fprintf(out, "%d passed, %d failed\n", vr.passed, vr.failed);
    }
    /* a report that did not reach its reader is no pass */
    if (ent_jobs_out_finish(out, 0, "the validation report", err) < 0) rc = 1;
    vstate_close(&v);
    vrun_free(&vr);
    return rc ? 1 : o->parser_agreement ? 0 : vr.failed ? 2 : 0;
}

typedef struct xrun {
    const char *records, *id;
    FILE *out;
    int found;
} xrun;

static int explain_one(vstate *v, const ent_record *rec, void *user) {
    xrun *x = user;
    if (!rec->id || strcmp(rec->id, x->id)) return 0;
    x->found = 1;
    FILE *out = x->out;
    fprintf(out, "record %s (%s:%ld) date %s\ntext: %s\n", rec->id, x->records, rec->line,
            rec->date ? rec->date : "-", rec->text ? rec->text : "");
    ent_buf tr = {0};
    ent_pipeline_set_trace(v->pipe, &tr);
    triple got[256];
    int status;
    int n = code_record(v, rec, v->mode, got, 256, &status, x->records);
    if (n < 0) {
        fprintf(out, "the parse could not be read\n");
    } else {
        ent_jobs_print_tree(out, v->coded);
        fprintf(out, "coding:\n%s", tr.data ? tr.data : "");
        fprintf(out, "status: %s\n", status_name(status));
        print_triples(out, "events", got, n);
        if (rec->n_expect) {
            fprintf(out, "  expected:");
            for (int i = 0; i < rec->n_expect; i++)
                fprintf(out, " %s>%s:%s", rec->expect[i].source, rec->expect[i].target,
                        rec->expect[i].code);
            fputc('\n', out);
        } else if (rec->expect_noevents) {
            fprintf(out, "  expected: no events\n");
        } else if (rec->expect_error) {
            fprintf(out, "  expected: error %s\n", rec->expect_error);
        }
    }
    ent_pipeline_set_trace(v->pipe, NULL);
    ent_buf_free(&tr);
    return 1;
}

int entente_explain(const char *records, const char *id, const entente_validate_opts *o,
                    FILE *out, FILE *err) {
    vstate v;
    xrun x = {records, id, out, 0};
    int rc = for_each_record(&v, records, o, err, explain_one, &x);
    if (!x.found && !rc) {
        fprintf(err, "%s: no record with id %s\n", records, id);
        rc = 1;
    }
    vstate_close(&v);
    return rc;
}

/* The tree as `entente explain` prints it, as a string (malloc'd). */
static char *tree_text(const ent_tree *t) {
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) return NULL;
    ent_jobs_print_tree(mem, t);
    if (fclose(mem) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Add v to o under key; v is o's, or freed, either way. */
static int json_put(json_object *o, const char *key, json_object *v) {
    if (v && !json_object_object_add(o, key, v)) return 0;
    json_object_put(v);
    return -1;
}

/* *p, which the caller no longer owns (json_put takes it). */
static json_object *json_take(json_object **p) {
    json_object *v = *p;
    *p = NULL;
    return v;
}

/* The explanation as one JSON object (see jobs.h). */
static int explain_json(const ent_tree *t, const char *text, int32_t date, const char *trace,
                        int st, const ent_event *ev, int n, FILE *out) {
    json_object *o = json_object_new_object(), *toks = json_object_new_array(), *evs = NULL;
    char day[11], *tree = tree_text(t);
    ent_format_date(date, day);
    ent_buf lines = {0};
    ent_sentence_ref ref = {"explain", 0, date};
    int rc = !o || !toks || !tree || (n > 0 && ent_sink_render(&lines, ENTENTE_OUT_JSONL, &ref, t, ev, n) < 0);
    for (int i = 0; !rc && i < t->n_tokens; i++) {
        json_object *k = json_object_new_object();
        rc = !k || json_put(k, "text", json_object_new_string(t->tokens[i].text)) ||
             json_put(k, "tag", json_object_new_string(t->tokens[i].tag)) ||
             json_put(k, "start", json_object_new_int(t->tokens[i].start));
        if (rc || json_object_array_add(toks, k)) json_object_put(k), rc = 1;
    }
    if (!rc) rc = ent_jobs_jsonl_array(lines.data ? lines.data : "", lines.len, &evs) < 0;
    if (!rc)
        rc = json_put(o, "text", json_object_new_string(text)) ||
             (date ? json_put(o, "date", json_object_new_string(day))
                   : json_object_object_add(o, "date", NULL) != 0) ||   /* json-c's null */
             json_put(o, "tokens", json_take(&toks)) ||
             json_put(o, "tree", json_object_new_string(tree)) ||
             json_put(o, "coding", json_object_new_string(trace ? trace : "")) ||
             json_put(o, "status", json_object_new_string(st < 0 ? "error" : status_name(st))) ||
             json_put(o, "events", json_take(&evs));
    const char *js = rc ? NULL : json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                                      JSON_C_TO_STRING_NOSLASHESCAPE);
    if (js) fprintf(out, "%s\n", js);
    json_object_put(evs);
    json_object_put(toks);
    json_object_put(o);
    ent_buf_free(&lines);
    free(tree);
    return js ? 0 : -1;
}

/* Where the event happened (place.h): the gazetteer's place and the
 * words that say so, or none. */
static void explain_place(FILE *out, const ent_tree *t, const ent_event *e) {
    const ent_gaz_place *g = ent_place_get(e->where.place);
    fprintf(out, "place of %s>%s:%s: ", e->source, e->target, e->code);
    if (!g) {
        fprintf(out, "none (no place in its clause)\n");
        return;
    }
    char words[128];
    ent_evdate_text(t, e->where.begin, e->where.end, words, sizeof words);
    fprintf(out, "%s, %s%s%s (%s", g->name, g->country[0] ? g->country : "no country",
            g->adm1[0] ? " " : "", g->adm1, ent_place_kind_name(g->kind));
    if (!isnan(g->lat) && !isnan(g->lon)) fprintf(out, " at %.4f, %.4f", g->lat, g->lon);
    fprintf(out, ") ('%s')\n", words);
}

int ent_jobs_explain_text(const ent_dict *d, const char *text, int32_t date, int json, FILE *out,
                          const ent_event_view *want) {
    int rc = 1;
    ent_pipeline *pipe = ent_pipeline_new(d, &d->options);
    ent_buf tr = {0};
    ent_sentence_in in = {.text = text, .span = {0, (int32_t)strlen(text)}, .dateline = 1, .date = date};
    ent_coded_sentence cs;
    if (pipe) ent_pipeline_set_trace(pipe, &tr);
    if (pipe && ent_pipeline_code_sentence(pipe, &in, NULL, &cs) == 0) {
        const ent_tree *t = cs.tree;
        const ent_event *ev = cs.events;
        int n = cs.n_events, st = cs.status;
        if (json) {
            rc = explain_json(t, text, date, tr.data, st, ev, st < 0 ? 0 : n, out) < 0 || st < 0;
        } else {
            fprintf(out, "text: %s\n", text);
            fprintf(out, "tokens:");
            for (int i = 0; i < t->n_tokens; i++)
                fprintf(out, " %s/%s@%d", t->tokens[i].text, t->tokens[i].tag, t->tokens[i].start);
            fputc('\n', out);
            ent_jobs_print_tree(out, t);
            fprintf(out, "coding:\n%s", tr.data ? tr.data : "");
            fprintf(out, "status: %s\n", st < 0 ? "error" : status_name(st));
            fprintf(out, "events:");
            if (n <= 0) fprintf(out, " (none)");
            for (int i = 0; i < n; i++)
                fprintf(out, " %s>%s:%s", ev[i].source, ev[i].target, ev[i].code);
            fputc('\n', out);
            for (int i = 0; i < n; i++) {   /* when each happened, and the words that say so */
                char day[11], words[96];
                ent_format_date(ev[i].when.date, day);
                ent_evdate_text(t, ev[i].when.begin, ev[i].when.end, words, sizeof words);
                fprintf(out, "date of %s>%s:%s: %s %s%s%s%s\n", ev[i].source, ev[i].target,
                        ev[i].code, day[0] ? day : "unknown",
                        ent_evdate_precision_name(ev[i].when.precision), words[0] ? " ('" : "",
                        words, words[0] ? "')" : " (the story's date)");
            }
            for (int i = 0; i < n; i++) explain_place(out, t, &ev[i]);
            if (want) {
                /* the stored event, found again or not: a sentence coded
                 * alone lacks what the story before it said */
                int again = 0;
                for (int i = 0; i < n; i++)
                    again |= !strcmp(ev[i].source, want->source) &&
                             !strcmp(ev[i].target, want->target) && !strcmp(ev[i].code, want->code);
                fprintf(out, "stored event %s>%s:%s: %s\n", want->source, want->target, want->code,
                        again ? "found again"
                              : "not found again (coded alone, the sentence lacks what the story "
                                "before it said: its dateline, the names its pronouns stand for; "
                                "or the dictionaries differ)");
            }
            rc = st < 0;
        }
    }
    ent_pipeline_free(pipe);
    ent_buf_free(&tr);
    return rc;
}

int entente_explain_text(const char *text, const char *dicts, int32_t date, FILE *out, FILE *err) {
    ent_dict *d = ent_jobs_load_dicts(dicts, 0, err);
    if (!d) return 1;
    int rc = ent_jobs_explain_text(d, text, date, 0, out, NULL);
    ent_dict_free(d);
    return rc;
}
