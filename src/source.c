/* source.c -- the input front (see source.h): what ingest, publish and
 * the tests read, read one way. */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conllu.h"
#include "entente.h"
#include "jobs.h"


int ent_inputs_add(ent_inputs *in, const char *path) {
    if (in->n == in->cap) {
        int cap = in->cap ? in->cap * 2 : 16;
        char **np = realloc(in->paths, (size_t)cap * sizeof *np);
        if (!np) return -1;
        in->paths = np;
        in->cap = cap;
    }
    in->paths[in->n] = strdup(path);
    return in->paths[in->n++] ? 0 : -1;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories from a walk's start down to where it is, so a link
 * back up (a loop) is seen and not followed. */
typedef struct walk_up {
    dev_t dev;
    ino_t ino;
    const struct walk_up *up;
} walk_up;

/* Files of a directory, recursively, in name order (hidden ones left).
 * What cannot be read, or is neither a file nor a directory, is said and
 * passed over: the rest is still ingested. */
static int inputs_walk(ent_inputs *in, const char *dir, const walk_up *up, FILE *err, long *said) {
    struct stat self;
    if (stat(dir, &self) < 0) {
        fprintf(err, "%s: cannot read directory: %s\n", dir, strerror(errno));
        return -1;
    }
    for (const walk_up *a = up; a; a = a->up)
        if (a->dev == self.st_dev && a->ino == self.st_ino) {
            fprintf(err, "%s: links back to a directory above it; not followed\n", dir);
            ++*said;
            return 0;
        }
    walk_up here_up = {self.st_dev, self.st_ino, up};
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(err, "%s: cannot read directory: %s\n", dir, strerror(errno));
        return -1;
    }
    ent_inputs here = {0};
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) && !rc) {
        if (e->d_name[0] == '.') continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, n, "%s/%s", dir, e->d_name);
        rc = ent_inputs_add(&here, p);
        free(p);
    }
    closedir(d);
    if (here.n) qsort(here.paths, (size_t)here.n, sizeof *here.paths, cmp_str);
    for (int i = 0; i < here.n && !rc; i++) {
        struct stat st;
        if (stat(here.paths[i], &st) < 0)
            ++*said, fprintf(err, "%s: cannot read: %s; passed over\n", here.paths[i], strerror(errno));
        else if (S_ISDIR(st.st_mode)) rc = inputs_walk(in, here.paths[i], &here_up, err, said);
        else if (S_ISREG(st.st_mode)) rc = ent_inputs_add(in, here.paths[i]);
        else ++*said, fprintf(err, "%s: not a file or a directory; passed over\n", here.paths[i]);
    }
    for (int i = 0; i < here.n; i++) free(here.paths[i]);
    free(here.paths);
    return rc;
}

void ent_inputs_free(ent_inputs *in) {
    for (int i = 0; i < in->n; i++) free(in->paths[i]);
    free(in->paths);
}

long long ent_count_lines(const char *buf, size_t n) {
    long long k = 1;
    for (const char *p = buf; (p = memchr(p, '\n', n - (size_t)(p - buf))); p++) k++;
    return k;
}


int ent_source_open(ent_source *s, const char *path, int from, int32_t date, ent_diags *d) {
    memset(s, 0, sizeof *s);
    int in_stdin = !path || !strcmp(path, "-");
    s->name = in_stdin ? "<stdin>" : path;
    s->default_date = date;
    s->line = 1;
    if (ent_jobs_read_input(path, from, &s->buf, &s->len, &s->form, d) < 0) return -1;
    if (s->form == ENTENTE_IN_TEXT || s->form == ENTENTE_IN_JSONL) {
        s->docs = ent_doc_open_mem(s->buf, s->len, s->name,
                                   s->form == ENTENTE_IN_JSONL ? ENT_DOC_JSONL : ENT_DOC_TEXT,
                                   date, d);
        return s->docs ? 0 : -1;
    }
    if (s->form == ENTENTE_IN_PETRARCH_XML) {
        s->xml = ent_petrxml_open_mem(s->buf, s->len, s->name, d);
        if (!s->xml) return -1;
    }
    return 0;
}

void ent_source_close(ent_source *s) {
    if (s->docs) ent_doc_close(s->docs);
    s->docs = NULL;
    if (s->xml) ent_petrxml_close(s->xml);
    free(s->buf);
    s->xml = NULL;
    s->buf = NULL;
}

/* Next document of s into a new slot of b: 1, 0 at the end, -1 on error. */
int ent_source_next(ent_source *s, ent_batch *b, ent_diags *d, long long *line_out) {
    if (s->form == ENTENTE_IN_PETRARCH_XML) {
        ent_record r;
        for (;;) {
            int rc = ent_petrxml_next(s->xml, &r);
            if (rc <= 0) return rc;
            if (r.kind == ENT_REC_SENTENCE) break;
        }
        ent_batch_doc *doc = ent_batch_push(b);
        if (!doc) return -1;
        char idbuf[300];
        if (!r.id) snprintf(idbuf, sizeof idbuf, "%s#%d", s->name, s->n);
        s->n++;
        doc->where = s->name;
        doc->line = r.line;
        *line_out = r.line;
        doc->d.id = ent_batch_dup(b, r.id ? r.id : idbuf, strlen(r.id ? r.id : idbuf));
        doc->d.date = ent_jobs_date(r.date, r.date ? strlen(r.date) : 0, s->default_date, d,
                                    s->name, r.line);
        doc->d.source = r.category ? ent_batch_dup(b, r.category, strlen(r.category)) : NULL;
        const char *text = ent_batch_dup(b, r.text, r.text ? strlen(r.text) : 0);
        const char *parse = r.parse ? ent_batch_dup(b, r.parse, strlen(r.parse)) : NULL;
        if (!doc->d.id || !text || (r.parse && !parse)) return -1;
        if (ent_batch_sentence_doc(b, doc, text, parse)) return -1;
        if (!parse) {   /* no parse given: the pipeline splits and parses */
            doc->text = text;
            doc->n_sents = 0;
        }
        return 1;
    }
    if (s->form == ENTENTE_IN_CONLLU) {
        /* blocks separated by blank lines; "# sent_id", "# date" and
         * "# text" comments give the document's id, date and text */
        ent_conllu_block blk;
        if (!ent_conllu_next_block(s->buf, s->len, &s->pos, &s->line, &blk)) return 0;
        ent_batch_doc *doc = ent_batch_push(b);
        if (!doc) return -1;
        s->n++;
        doc->where = s->name;
        doc->line = blk.body_line;   /* the parse's messages count from its first line */
        *line_out = s->line;
        char idbuf[4200];
        const char *id = blk.sent_id ? NULL : ent_jobs_doc_id(idbuf, sizeof idbuf, s->name, s->n);
        doc->d.id = id ? ent_batch_dup(b, id, strlen(id)) : ent_batch_dup(b, blk.sent_id, blk.sent_id_len);
        doc->d.date = ent_jobs_date(blk.date, blk.date_len, s->default_date, d, s->name, blk.line);
        const char *parse = ent_batch_dup(b, s->buf + blk.body, blk.end - blk.body);
        const char *text = ent_batch_dup(b, blk.text, blk.text_len);   /* NULL: "" */
        if (!doc->d.id || !parse || !text) return -1;
        return ent_batch_sentence_doc(b, doc, text, parse) ? -1 : 1;
    }
    /* text and JSONL: the document reader of doc.h, text normalised */
    ent_doc x;
    int rc = ent_doc_next(s->docs, &x);
    if (rc <= 0) return rc;
    ent_batch_doc *doc = ent_batch_push(b);
    if (!doc) return -1;
    s->n++;
    doc->where = s->name;
    doc->line = x.line;
    *line_out = x.line;
    doc->d.id = ent_batch_dup(b, x.id, strlen(x.id));
    doc->d.date = x.date;
    doc->d.source = x.source ? ent_batch_dup(b, x.source, strlen(x.source)) : NULL;
    doc->d.url = x.url ? ent_batch_dup(b, x.url, strlen(x.url)) : NULL;
    doc->d.title = x.title ? ent_batch_dup(b, x.title, strlen(x.title)) : NULL;
    doc->text = ent_batch_dup(b, x.text, x.len);
    if (!doc->d.id || !doc->text) return -1;
    doc->d.text_hash = ent_store_text_hash(x.text, x.len);
    doc->d.norm_hash = ent_store_norm_hash(x.text, x.len);
    return 1;
    ent_diag(d, s->name, 0,
             "raw text and JSONL need the built-in parser, not built yet; give PETRARCH XML "
             "or CoNLL-U with parses (--from petrarch-xml|conllu)");
    return -1;
}


int ent_inputs_add_path(ent_inputs *in, const char *path, FILE *err, long *said) {
    struct stat sb;
    if (strcmp(path, "-") && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return inputs_walk(in, path, NULL, err, said);
    return ent_inputs_add(in, path);
}
