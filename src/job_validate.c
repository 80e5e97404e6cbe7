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
#include "petrxml.h"
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
    if (dicts_dir) snprintf(dir, sizeof dir, "%s", dicts_dir);
    else dir_of(records, dir, sizeof dir);
    if (!env->verbfile && !env->n_actorfiles) return ent_dict_load(dir, diags);
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
    ent_tree tree;
    ent_diags diags;
} vstate;

static int vstate_open(vstate *v, const char *records, const char *dicts_dir, FILE *err) {
    memset(v, 0, sizeof *v);
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
    return v->coder ? 0 : -1;
}

static void vstate_close(vstate *v) {
    ent_coder_free(v->coder);
    ent_tree_free(&v->tree);
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
    const char *parse = rec->parse ? rec->parse : "";
    int rc = ent_jobs_read_tree(&v->tree, parse, strlen(parse), &quiet, records, rec->parse_line);
    ent_diags_free(&quiet);
    if (rc < 0) return -1;
    int32_t date = rec->date ? ent_parse_record_date(rec->date) : 0;
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
                                       : "coded";
}

int entente_validate(const char *records, const char *dicts_dir, int quiet, FILE *out, FILE *err) {
    vstate v;
    if (vstate_open(&v, records, dicts_dir, err) < 0) {
        vstate_close(&v);
        return 1;
    }
    int passed = 0, failed = 0, started = 0, rc = 0;
    ent_record rec;
    triple got[256], want[64];
    for (;;) {
        int r = ent_petrxml_next(v.r, &rec);
        if (r < 0) { rc = 1; break; }
        if (!started) {
            if (vstate_start(&v, records, dicts_dir) < 0) { rc = 1; break; }
            started = 1;
        }
        if (r == 0) break;
        if (rec.kind == ENT_REC_CONFIG) {
            if (ent_options_set(&v.opt, rec.option, rec.value) < 0)
                fprintf(err, "%s:%ld: unknown option %s\n", records, rec.line, rec.option);
            ent_coder_set_options(v.coder, &v.opt);
            continue;
        }
        int status;
        int n = code_record(&v, &rec, got, 256, &status, records);
        int nw = 0;
        for (int i = 0; i < rec.n_expect && nw < 64; i++, nw++) {
            unquote(rec.expect[i].source ? rec.expect[i].source : "", want[nw].s, sizeof want[nw].s);
            unquote(rec.expect[i].target ? rec.expect[i].target : "", want[nw].t, sizeof want[nw].t);
            snprintf(want[nw].c, sizeof want[nw].c, "%s", rec.expect[i].code ? rec.expect[i].code : "");
        }
        for (int i = 0; i < n; i++) {
            char tmp[72];
            unquote(got[i].s, tmp, sizeof tmp); memcpy(got[i].s, tmp, sizeof tmp);
            unquote(got[i].t, tmp, sizeof tmp); memcpy(got[i].t, tmp, sizeof tmp);
        }
        int ok;
        if (rec.expect_error) {
            if (!strcmp(rec.expect_error, "bad_input_parse")) ok = n < 0;
            else ok = n >= 0 && !strcmp(rec.expect_error, status_name(status));
        } else if (n < 0) {
            ok = 0;
        } else if (rec.expect_noevents || nw == 0) {
            ok = n == 0;
        } else {
            ok = 1;
            for (int i = 0; i < nw && ok; i++) ok = triple_in(got, n, &want[i]);
            for (int i = 0; i < n && ok; i++) ok = triple_in(want, nw, &got[i]);
        }
        if (ok) {
            passed++;
            continue;
        }
        failed++;
        if (quiet) continue;
        fprintf(out, "FAIL %s (%s:%ld)\n  text: %s\n", rec.id ? rec.id : "?", records, rec.line,
                rec.text ? rec.text : "");
        if (rec.expect_error) fprintf(out, "  expected: error %s\n", rec.expect_error);
        else if (rec.expect_noevents || nw == 0) fprintf(out, "  expected: no events\n");
        else print_triples(out, "expected", want, nw);
        if (n < 0) fprintf(out, "  got: unreadable parse\n");
        else if (status != ENT_CODED) fprintf(out, "  got: %s\n", status_name(status));
        else print_triples(out, "got", got, n);
    }
    fprintf(out, "%d passed, %d failed\n", passed, failed);
    vstate_close(&v);
    return rc ? 1 : failed ? 2 : 0;
}

int entente_explain(const char *records, const char *id, const char *dicts_dir, FILE *out,
                    FILE *err) {
    vstate v;
    if (vstate_open(&v, records, dicts_dir, err) < 0) {
        vstate_close(&v);
        return 1;
    }
    int started = 0, found = 0, rc = 0;
    ent_record rec;
    for (;;) {
        int r = ent_petrxml_next(v.r, &rec);
        if (r < 0) { rc = 1; break; }
        if (!started) {
            if (vstate_start(&v, records, dicts_dir) < 0) { rc = 1; break; }
            started = 1;
        }
        if (r == 0) break;
        if (rec.kind == ENT_REC_CONFIG) {
            ent_options_set(&v.opt, rec.option, rec.value);
            ent_coder_set_options(v.coder, &v.opt);
            continue;
        }
        if (!rec.id || strcmp(rec.id, id)) continue;
        found = 1;
        fprintf(out, "record %s (%s:%ld) date %s\ntext: %s\n", rec.id, records, rec.line,
                rec.date ? rec.date : "-", rec.text ? rec.text : "");
        ent_buf tr = {0};
        ent_coder_set_trace(v.coder, &tr);
        triple got[256];
        int status;
        int n = code_record(&v, &rec, got, 256, &status, records);
        if (n < 0) {
            fprintf(out, "the parse could not be read\n");
        } else {
            ent_buf tree = {0};
            ent_tree_to_text(&v.tree, &tree);
            fprintf(out, "tree:\n%s\n", tree.data ? tree.data : "");
            ent_buf_free(&tree);
            fprintf(out, "tokens:");
            for (int i = 0; i < v.tree.n_tokens; i++)
                fprintf(out, " %s/%s%s", v.tree.tokens[i].text, v.tree.tokens[i].tag,
                        v.tree.tokens[i].word ? "" : "?");
            fprintf(out, "\n(words marked ? are in no dictionary)\ncoding:\n%s",
                    tr.data ? tr.data : "");
            fprintf(out, "status: %s\n", status_name(status));
            print_triples(out, "events", got, n);
            if (rec.n_expect) {
                fprintf(out, "  expected:");
                for (int i = 0; i < rec.n_expect; i++)
                    fprintf(out, " %s>%s:%s", rec.expect[i].source, rec.expect[i].target,
                            rec.expect[i].code);
                fputc('\n', out);
            } else if (rec.expect_noevents) {
                fprintf(out, "  expected: no events\n");
            } else if (rec.expect_error) {
                fprintf(out, "  expected: error %s\n", rec.expect_error);
            }
        }
        ent_coder_set_trace(v.coder, NULL);
        ent_buf_free(&tr);
        break;
    }
    if (!found && !rc) {
        fprintf(err, "%s: no record with id %s\n", records, id);
        rc = 1;
    }
    vstate_close(&v);
    return rc;
}
