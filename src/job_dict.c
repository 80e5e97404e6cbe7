/* job_dict.c -- dictionary reports and lookups, the dictionary set a job
 * loads (named, or the default one found), and the helpers the jobs share
 * on input forms, ids and dates. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder.h"
#include "dict.h"
#include "dict_lint.h"
#include "entente.h"
#include "jobs.h"
#include "parse.h"
#include "pipeline.h"
#include "petrxml.h"

#include <unistd.h>

#ifndef ENTENTE_DATADIR
#define ENTENTE_DATADIR "/usr/local/share/entente"
#endif

/* Beside the program: BIN/../share/entente/dict, so an installed tree
 * finds its set wherever it was moved (and whatever PREFIX it was built
 * with).  The path is computed per call into a caller-owned buffer: no
 * mutable global state. */
static int beside_program(char *out, size_t cap) {
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return 0;
    *slash = '\0';
    int k = snprintf(out, cap, "%s/../share/entente/dict", exe);
    if (k < 0 || (size_t)k >= cap) return 0;
    char ini[4200];
    snprintf(ini, sizeof ini, "%s/PETR_config.ini", out);
    return access(ini, R_OK) == 0;
}

const char *ent_jobs_default_dicts(char *buf, size_t cap) {
    const char *env = getenv("ENTENTE_DICTS");
    if (env && *env) return env;
    if (access(ENTENTE_DATADIR "/dict/PETR_config.ini", R_OK) == 0) return ENTENTE_DATADIR "/dict";
    if (beside_program(buf, cap)) return buf;
    return "dict";
}

const char *entente_default_dicts(char *buf, size_t cap) { return ent_jobs_default_dicts(buf, cap); }

/* After the built-in set failed to load: every place it was looked for,
 * as absolute paths, and how to name one, so a run outside the source tree
 * says more than "dict: cannot read". */
static void say_where_dicts_are(FILE *err) {
    const char *env = getenv("ENTENTE_DICTS");
    if (env && *env) {
        fprintf(err, "entente: the dictionary set ENTENTE_DICTS names (%s) cannot be loaded\n", env);
        return;
    }
    char beside[4096] = "", here[4096];
    if (!beside_program(beside, sizeof beside) && !beside[0]) snprintf(beside, sizeof beside, "?");
    if (!getcwd(here, sizeof here)) snprintf(here, sizeof here, ".");
    fprintf(err,
            "entente: no dictionary set found; looked in %s/dict (the installed set), %s (beside "
            "the program) and %s/dict (this directory); name one with --dicts PATH or "
            "ENTENTE_DICTS=PATH\n",
            ENTENTE_DATADIR, beside, here);
}
/* The default set fell back to ./dict and there is none: its "dict:
 * cannot read" says nothing that say_where_dicts_are does not say better. */
static int fallback_missing(const ent_dict *d, int defaulted, const char *path,
                            const ent_diags *diags) {
    return !d && defaulted && diags->count == 1 && !strcmp(path, "dict") && access("dict", F_OK) < 0;
}

int32_t entente_parse_date(const char *s) { return s ? ent_parse_date(s, strlen(s)) : -1; }

ent_dict *ent_jobs_load_dicts(const char *path, int strict, FILE *err) {
    char where[4096];
    int defaulted = !path;
    if (!path) path = ent_jobs_default_dicts(where, sizeof where);
    ent_diags diags;
    ent_diags_init(&diags, NULL, strict);
    ent_dict *d = ent_dict_load(path, &diags);
    if (diags.count && !fallback_missing(d, defaulted, path, &diags)) {
        char msg[1200];
        ent_diag_format(&diags, 0, msg, sizeof msg);
        fprintf(err, "%s\n", msg);
        if (diags.count > 1)
            fprintf(err, "entente: %d more dictionary messages (entente dict check --dicts %s)\n",
                    diags.count - 1, path);
    }
    ent_diags_free(&diags);
    if (!d && defaulted) say_where_dicts_are(err);
    return d;
}

int ent_jobs_reparse(struct ent_parser *p, const ent_tree *given, ent_tree *out) {
    int n = given->n_tokens;
    const char **words = malloc((size_t)(n + 1) * sizeof *words);
    char (*tags)[8] = malloc((size_t)(n + 1) * sizeof *tags);
    int rc = -1;
    if (words && tags) {
        for (int i = 0; i < n; i++) {
            words[i] = given->tokens[i].text;
            memcpy(tags[i], given->tokens[i].tag, sizeof tags[i]);
        }
        rc = ent_parse(p, out, words, (const char(*)[8])tags, NULL, NULL, n);
    }
    free(words);
    free(tags);
    return rc;
}

void ent_jobs_print_tree(FILE *out, const ent_tree *t) {
    ent_buf tree = {0};
    ent_tree_to_text(t, &tree);
    fprintf(out, "tree:\n%s\n", tree.data ? tree.data : "");
    ent_buf_free(&tree);
    fprintf(out, "tokens:");
    for (int i = 0; i < t->n_tokens; i++)
        fprintf(out, " %s/%s%s", t->tokens[i].text, t->tokens[i].tag, t->tokens[i].word ? "" : "?");
    fprintf(out, "\n(words marked ? are in no dictionary)\n");
}

int entente_dict_report(const char *dicts, int check, FILE *out, FILE *err) {
    ent_diags diags;
    ent_diags_init(&diags, NULL, 0);
    char where[4096];
    int defaulted = !dicts;
    if (!dicts) dicts = ent_jobs_default_dicts(where, sizeof where);
    double t0 = ent_now();
    ent_dict *d = ent_dict_load(dicts, &diags);
    double ms = (ent_now() - t0) * 1000.0;
    /* the whole-set checks: codes, shadowed phrases, overlapping dates,
     * patterns that can never win */
    if (d && check) ent_dict_lint(d, &diags);
    int shown = fallback_missing(d, defaulted, dicts, &diags) ? 0 : diags.count;
    for (int i = 0; i < shown && (check || i < 20); i++) {
        char msg[1200];
        ent_diag_format(&diags, i, msg, sizeof msg);
        fprintf(err, "%s\n", msg);
    }
    if (!check && diags.count > 20)
        fprintf(err, "... %d more messages (entente dict check lists them all)\n", diags.count - 20);
    if (!d) {
        ent_diags_free(&diags);
        if (defaulted) say_where_dicts_are(err);
        return 1;
    }
    fprintf(out, "dictionaries %s\n", dicts);
    fprintf(out, "actors %zu\nactor_phrases %d\nagents %zu\nagent_phrases %d\n", d->actors.len,
            d->actor_ix.n_phrases, d->agents.len, d->agent_ix.n_phrases);
    fprintf(out, "verb_blocks %zu\nverbs %zu\nverb_forms %zu\npatterns %zu\nsynsets %zu\n",
            d->blocks.len, d->verbs.len, d->forms.len, d->patterns.len, d->synsets.len);
    fprintf(out, "transformations %zu\ncombine_verbs %s\n", d->transforms.len,
            d->combine_verbs ? "yes" : "no");
    fprintf(out, "discards %d\nissues %zu\nissue_phrases %d\nevent_nouns %zu\nwords %d\n",
            d->discard_ix.n_phrases, d->issues.len, d->issue_ix.n_phrases, d->nouns.len, d->n_words);
    fprintf(out, "messages %d\n", diags.count);
    fprintf(out, "identity %016llx\n", (unsigned long long)d->identity);
    fprintf(out, "load_ms %.1f\npeak_rss_kb %ld\n", ms, ent_peak_rss_kb());
    int rc = check && diags.count ? 2 : 0;
    ent_dict_free(d);
    ent_diags_free(&diags);
    return rc;
}

int entente_dict_lookup(const char *dicts, const char *phrase, int32_t date, FILE *out, FILE *err) {
    ent_dict *d = ent_jobs_load_dicts(dicts, 0, err);
    if (!d) return 1;
    int n = ent_dict_lookup(d, phrase, date, out);
    ent_dict_free(d);
    return n > 0 ? 0 : 2;
}

static int ends_with(const char *s, const char *suf) {
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

int ent_jobs_input_form(const char *path, int from, const char *head) {
    if (from != ENTENTE_IN_AUTO) return from;
    if (head) {
        /* a byte-order mark some editors write says nothing of the form */
        if (!strncmp(head, "\xEF\xBB\xBF", 3)) head += 3;
        while (*head == ' ' || *head == '\n' || *head == '\r' || *head == '\t') head++;
        if (*head == '<') return ENTENTE_IN_PETRARCH_XML;
        if (*head == '{') return ENTENTE_IN_JSONL;
        /* CoNLL-U: past its comment and blank lines, a word line "1<TAB>..." */
        const char *l = head;
        for (;;) {
            const char *t = l;
            while (*t == ' ' || *t == '\t' || *t == '\r') t++;
            const char *nl = strchr(l, '\n');
            if ((*t != '#' && *t != '\n') || !nl) break;
            l = nl + 1;
        }
        const char *d = l;
        while (*d >= '0' && *d <= '9') d++;
        return d > l && *d == '\t' ? ENTENTE_IN_CONLLU : ENTENTE_IN_TEXT;
    }
    if (!path || !strcmp(path, "-")) return ENTENTE_IN_TEXT;
    if (ends_with(path, ".xml")) return ENTENTE_IN_PETRARCH_XML;
    if (ends_with(path, ".conllu") || ends_with(path, ".conll")) return ENTENTE_IN_CONLLU;
    if (ends_with(path, ".jsonl") || ends_with(path, ".json")) return ENTENTE_IN_JSONL;
    return ENTENTE_IN_TEXT;
}

const char *ent_jobs_doc_id(char *buf, size_t cap, const char *name, int n) {
    snprintf(buf, cap, "%s#%d", name, n);
    return buf;
}

void ent_jobs_report_cut(ent_diags *d, const char *where, long line, const char *doc,
                         const ent_coded_sentence *s) {
    ent_diag(d, where, line,
             "document %s, sentence %d: longer than %d tokens; the last %d were not coded",
             doc ? doc : "?", s->index, ENT_PIPELINE_MAX_TOKENS, s->cut);
}

int32_t ent_jobs_date(const char *s, size_t n, int32_t dflt, ent_diags *d, const char *where,
                      long line) {
    if (!s) return dflt;
    int32_t date = ent_parse_date(s, n);
    if (date > 0) return date;
    ent_diag_bad_date(d, where, line, s, n, dflt);
    return dflt;
}
