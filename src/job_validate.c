/* job_validate.c -- `entente validate` and `entente explain` over PETRARCH
 * validation records.
 *
 * A record passes when the set of (source, target, code) triples coded
 * equals the set it expects, order aside; a `noevents` record when nothing
 * is coded; an `error` record when the coder reports that condition
 * (an unreadable parse, a story or sentence discard).
 */
#include <stdlib.h>
#include <string.h>

#include "coder.h"
#include "dict.h"
#include "entente.h"
#include "jobs.h"
#include "parse.h"
#include "petrxml.h"
#include "pipeline.h"
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
    ent_coder *coder;
    ent_options opt;
    ent_tree tree, given;
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
    v->coder = ent_coder_new(v->d, &v->opt);
    ent_tree_init(&v->tree);
    ent_tree_init(&v->given);
    v->parser = ent_parser_new();
    v->pipe = ent_pipeline_new(v->d, &v->opt);
    return v->coder && v->parser && v->pipe ? 0 : -1;
}

static void vstate_set_options(vstate *v) {
    ent_coder_set_options(v->coder, &v->opt);
    if (v->pipe) ent_pipeline_set_options(v->pipe, &v->opt);
}

static void vstate_close(vstate *v) {
    ent_coder_free(v->coder);
    ent_tree_free(&v->tree);
    ent_tree_free(&v->given);
    ent_parser_free(v->parser);
    ent_pipeline_free(v->pipe);
    ent_dict_free(v->d);
    if (v->r) ent_petrxml_close(v->r);
    ent_diags_free(&v->diags);
}

/* Code one record; fills got[] and the status.  Returns the number of
 * triples, or -1 when the parse could not be read. */
static int code_record(vstate *v, const ent_record *rec, triple *got, int cap, int *status,
                       const char *records) {
    *status = ENT_CODED;
    ent_diags quiet;
    ent_diags_init(&quiet, NULL, 0);
    int mode = v->mode;
    if (mode == ENTENTE_PARSER_AUTO) mode = rec->parse ? ENTENTE_PARSER_GIVEN : ENTENTE_PARSER_BUILTIN;
    const char *parse = rec->parse ? rec->parse : "";
    int rc = 0;
    if (mode == ENTENTE_PARSER_BUILTIN) {
        const char *text = rec->text ? rec->text : "";
        rc = ent_pipeline_parse_text(v->pipe, text, (int32_t)strlen(text), &v->tree);
    } else if (mode == ENTENTE_PARSER_REPARSE) {
        rc = ent_jobs_read_tree(&v->given, parse, strlen(parse), &quiet, records, rec->parse_line);
        if (rc == 0) rc = ent_jobs_reparse(v->parser, &v->given, &v->tree);
    } else {
        rc = ent_jobs_read_tree(&v->tree, parse, strlen(parse), &quiet, records, rec->parse_line);
    }
    ent_diags_free(&quiet);
    if (rc < 0) return -1;
    int32_t date = rec->date ? ent_parse_date(rec->date, strlen(rec->date)) : 0;
    const ent_event *ev;
    int n;
    *status = ent_coder_code(v->coder, &v->tree, date > 0 ? date : 0, &ev, &n);
    int k = 0;
    for (int i = 0; i < n && k < cap; i++) {
        snprintf(got[k].s, sizeof got[k].s, "%s", ev[i].source);
        snprintf(got[k].t, sizeof got[k].t, "%s", ev[i].target);
        snprintf(got[k].c, sizeof got[k].c, "%s", ev[i].code);
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
 * shared by validate and explain. */
typedef int (*record_fn)(vstate *v, const ent_record *rec, void *user);

static int for_each_record(vstate *v, const char *records, const entente_validate_opts *o,
                           FILE *err, record_fn fn, void *user) {
    if (vstate_open(v, records, o->dicts, err) < 0) return 1;
    v->mode = o->parser;
    int started = 0;
    ent_record rec;
    for (;;) {
        int r = ent_petrxml_next(v->r, &rec);
        if (r < 0) return 1;
        if (!started) {
            if (vstate_start(v, records, o->dicts) < 0) return 1;
            started = 1;
        }
        if (r == 0) return 0;
        if (rec.kind == ENT_REC_CONFIG) {
            if (ent_options_set(&v->opt, rec.option, rec.value) < 0)
                fprintf(err, "%s:%ld: unknown option %s\n", records, rec.line, rec.option);
            vstate_set_options(v);
            continue;
        }
        int rc = fn(v, &rec, user);
        if (rc) return rc < 0 ? 1 : 0;   /* > 0: stop early, fine */
    }
}

typedef struct vrun {
    const char *records;
    const entente_validate_opts *o;
    FILE *out;
    int passed, failed;
    score root, exact;
} vrun;

static int validate_one(vstate *v, const ent_record *rec, void *user) {
    vrun *vr = user;
    triple got[256], want[64];
    int status;
    int n = code_record(v, rec, got, 256, &status, vr->records);
    int nw = 0;
    for (int i = 0; i < rec->n_expect && nw < 64; i++, nw++) {
        unquote(rec->expect[i].source ? rec->expect[i].source : "", want[nw].s, sizeof want[nw].s);
        unquote(rec->expect[i].target ? rec->expect[i].target : "", want[nw].t, sizeof want[nw].t);
        snprintf(want[nw].c, sizeof want[nw].c, "%s", rec->expect[i].code ? rec->expect[i].code : "");
    }
    for (int i = 0; i < n; i++) {
        char tmp[72];
        unquote(got[i].s, tmp, sizeof tmp);
        memcpy(got[i].s, tmp, sizeof tmp);
        unquote(got[i].t, tmp, sizeof tmp);
        memcpy(got[i].t, tmp, sizeof tmp);
    }
    if (!rec->expect_error) {
        score_add(&vr->root, got, n < 0 ? 0 : n, want, nw, 2);
        score_add(&vr->exact, got, n < 0 ? 0 : n, want, nw, 0);
    }
    int ok;
    if (rec->expect_error) {
        if (!strcmp(rec->expect_error, "bad_input_parse")) ok = n < 0;
        else ok = n >= 0 && !strcmp(rec->expect_error, status_name(status));
    } else if (n < 0) {
        ok = 0;
    } else if (rec->expect_noevents || nw == 0) {
        ok = n == 0;
    } else {
        ok = 1;
        for (int i = 0; i < nw && ok; i++) ok = triple_in(got, n, &want[i]);
        for (int i = 0; i < n && ok; i++) ok = triple_in(want, nw, &got[i]);
    }
    if (ok) {
        vr->passed++;
        return 0;
    }
    vr->failed++;
    if (vr->o->quiet) return 0;
    FILE *out = vr->out;
    fprintf(out, "FAIL %s (%s:%ld)\n  text: %s\n", rec->id ? rec->id : "?", vr->records, rec->line,
            rec->text ? rec->text : "");
    if (rec->expect_error) fprintf(out, "  expected: error %s\n", rec->expect_error);
    else if (rec->expect_noevents || nw == 0) fprintf(out, "  expected: no events\n");
    else print_triples(out, "expected", want, nw);
    if (n < 0) fprintf(out, "  got: unreadable parse\n");
    else if (status != ENT_CODED) fprintf(out, "  got: %s\n", status_name(status));
    else print_triples(out, "got", got, n);
    return 0;
}

int entente_validate(const char *records, const entente_validate_opts *o, FILE *out, FILE *err) {
    vstate v;
    vrun vr = {.records = records, .o = o, .out = out};
    int rc = for_each_record(&v, records, o, err, validate_one, &vr);
    if (o->score) {
        score_print(out, "source country, target country, root", &vr.root);
        score_print(out, "source country, target country, code", &vr.exact);
    }
    fprintf(out, "%d passed, %d failed\n", vr.passed, vr.failed);
    vstate_close(&v);
    return rc ? 1 : vr.failed ? 2 : 0;
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
    ent_coder_set_trace(v->coder, &tr);
    triple got[256];
    int status;
    int n = code_record(v, rec, got, 256, &status, x->records);
    if (n < 0) {
        fprintf(out, "the parse could not be read\n");
    } else {
        ent_jobs_print_tree(out, &v->tree);
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
    ent_coder_set_trace(v->coder, NULL);
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

int entente_explain_text(const char *text, const char *dicts, int32_t date, FILE *out, FILE *err) {
    ent_dict *d = ent_jobs_load_dicts(dicts, 0, err);
    if (!d) return 1;
    int rc = 1;
    ent_pipeline *pipe = ent_pipeline_new(d, &d->options);
    ent_coder *coder = ent_coder_new(d, &d->options);
    ent_tree t;
    ent_tree_init(&t);
    ent_buf tr = {0};
    if (pipe && coder && ent_pipeline_parse_text(pipe, text, (int32_t)strlen(text), &t) == 0) {
        fprintf(out, "text: %s\n", text);
        fprintf(out, "tokens:");
        for (int i = 0; i < t.n_tokens; i++)
            fprintf(out, " %s/%s@%d", t.tokens[i].text, t.tokens[i].tag, t.tokens[i].start);
        fputc('\n', out);
        ent_coder_set_trace(coder, &tr);
        const ent_event *ev;
        int n;
        int st = ent_coder_code(coder, &t, date, &ev, &n);
        ent_jobs_print_tree(out, &t);
        fprintf(out, "coding:\n%s", tr.data ? tr.data : "");
        fprintf(out, "status: %s\n", st < 0 ? "error" : status_name(st));
        fprintf(out, "events:");
        if (n <= 0) fprintf(out, " (none)");
        for (int i = 0; i < n; i++) fprintf(out, " %s>%s:%s", ev[i].source, ev[i].target, ev[i].code);
        fputc('\n', out);
        rc = st < 0;
    }
    ent_buf_free(&tr);
    ent_tree_free(&t);
    ent_coder_free(coder);
    ent_pipeline_free(pipe);
    ent_dict_free(d);
    return rc;
}
