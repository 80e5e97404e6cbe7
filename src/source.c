/* source.c -- the input front (see source.h): what ingest, publish and
 * the tests read, read one way. */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
 * What cannot be read, or is neither a file nor a directory, is a
 * message on dg and passed over: the rest is still ingested. */
static int inputs_walk(ent_inputs *in, const char *dir, const walk_up *up, ent_diags *dg) {
    struct stat self;
    if (stat(dir, &self) < 0) {
        ent_diag(dg, dir, 0, "cannot read directory: %s", strerror(errno));
        return -1;
    }
    for (const walk_up *a = up; a; a = a->up)
        if (a->dev == self.st_dev && a->ino == self.st_ino)
            return ent_diag(dg, dir, 0, "links back to a directory above it; not followed");
    walk_up here_up = {self.st_dev, self.st_ino, up};
    DIR *d = opendir(dir);
    if (!d) {
        ent_diag(dg, dir, 0, "cannot read directory: %s", strerror(errno));
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
            rc = ent_diag(dg, here.paths[i], 0, "cannot read: %s; passed over", strerror(errno));
        else if (S_ISDIR(st.st_mode)) rc = inputs_walk(in, here.paths[i], &here_up, dg);
        else if (S_ISREG(st.st_mode)) rc = ent_inputs_add(in, here.paths[i]);
        else rc = ent_diag(dg, here.paths[i], 0, "not a file or a directory; passed over");
    }
    for (int i = 0; i < here.n; i++) free(here.paths[i]);
    free(here.paths);
    return rc;
}

void ent_inputs_free(ent_inputs *in) {
    for (int i = 0; i < in->n; i++) free(in->paths[i]);
    free(in->paths);
}

/* Standard input that is no file or pipe but ends all the same: a socket
 * (a service's connection), /dev/null. */
static int ends_anyway(int fd) {
    struct stat st, null;
    if (fstat(fd, &st) < 0) return 0;
    if (S_ISSOCK(st.st_mode)) return 1;
    return S_ISCHR(st.st_mode) && stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) &&
           st.st_rdev == null.st_rdev;
}

long long ent_count_file_lines(const char *path) {
    struct stat st;
    if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) return 0;   /* a pipe is read once */
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char chunk[65536];
    long long k = 1;
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        for (const char *p = chunk; (p = memchr(p, '\n', n - (size_t)(p - chunk))); p++) k++;
    fclose(f);
    return k;
}


/* Readers over s->buf[0..len) in form `from` (AUTO: by its first bytes). */
static int source_setup_mem(ent_source *s, int from, ent_diags *d) {
    s->form = from == ENTENTE_IN_AUTO ? ent_jobs_input_form(NULL, from, s->buf) : from;
    if (s->form == ENTENTE_IN_TEXT || s->form == ENTENTE_IN_JSONL) {
        s->docs = ent_doc_open_mem(s->buf, s->len, s->name,
                                   s->form == ENTENTE_IN_JSONL ? ENT_DOC_JSONL : ENT_DOC_TEXT,
                                   s->default_date, d);
        return s->docs ? 0 : -1;
    }
    size_t bom = s->len >= 3 && !memcmp(s->buf, "\xEF\xBB\xBF", 3) ? 3 : 0, k = bom;
    while (k < s->len && (s->buf[k] == ' ' || s->buf[k] == '\n' || s->buf[k] == '\r' ||
                          s->buf[k] == '\t'))
        k++;
    if (s->form == ENTENTE_IN_CONLLU && k < s->len && s->buf[k] == '{') {
        ent_diag(d, s->name, 0,
                 "read as CoNLL-U, but it holds JSON objects (JSONL); give --from jsonl, or no "
                 "--from to go by the name");
        return -1;
    }
    /* CoNLL-U also comes inside PETRARCH XML, as PETRARCH's unit tests have it */
    if (s->form == ENTENTE_IN_PETRARCH_XML || (k < s->len && s->buf[k] == '<')) {
        s->form = ENTENTE_IN_PETRARCH_XML;
        s->xml = ent_petrxml_open_mem(s->buf, s->len, s->name, d);
        return s->xml ? 0 : -1;
    }
    s->pos = bom;
    return 0;
}

/* What a stream's form is told by; the readers take up to this much
 * read ahead (doc.h, lines.h). */
#define HEAD_BYTES ENT_LINES_CHUNK

/* The stream fp (standard input, or an open CoNLL-U file): its first
 * bytes tell the form when `from` is AUTO and are checked against it.
 * Text, JSONL and CoNLL-U then stream from it (the bytes already read
 * first); XML, and CoNLL-U inside XML, are read whole. */
static int source_stream(ent_source *s, FILE *fp, int from, ent_diags *d) {
    char *head = malloc(HEAD_BYTES + 1);
    if (!head) {
        ent_diag(d, s->name, 0, "out of memory");
        return -1;
    }
    errno = 0;
    size_t n = fread(head, 1, HEAD_BYTES, fp);
    if (ferror(fp)) {
        ent_diag(d, s->name, 0, "cannot read input: %s", strerror(errno ? errno : EIO));
        free(head);
        return -1;
    }
    head[n] = '\0';
    s->form = ent_jobs_input_form(NULL, from, head);
    if (s->form == ENTENTE_IN_TEXT || s->form == ENTENTE_IN_JSONL) {
        s->docs = ent_doc_open_fp(fp, s->name,
                                  s->form == ENTENTE_IN_JSONL ? ENT_DOC_JSONL : ENT_DOC_TEXT, head,
                                  n, s->default_date, d);
        free(head);
        return s->docs ? 0 : -1;
    }
    const char *first = head + (n >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3) ? 3 : 0);
    while (*first == ' ' || *first == '\n' || *first == '\r' || *first == '\t') first++;
    if (s->form == ENTENTE_IN_CONLLU && *first != '<' && *first != '{') {
        s->fp = fp;
        int rc = ent_lines_init(&s->lines, fp, head, n, ENT_DOC_MAX_BYTES);
        free(head);
        if (rc < 0) ent_diag(d, s->name, 0, "out of memory");
        return rc;
    }
    size_t rest_n = 0;
    char *rest = n < HEAD_BYTES ? NULL : ent_read_stream(fp, ENT_STREAM_MAX - n, &rest_n);
    if (n == HEAD_BYTES && !rest) {
        ent_diag(d, s->name, 0, "cannot read input: %s", ent_strerror(errno));
        free(head);
        return -1;
    }
    char *all = rest_n ? realloc(head, n + rest_n + 1) : head;
    if (!all) {
        ent_diag(d, s->name, 0, "out of memory");
        free(head);
        free(rest);
        return -1;
    }
    memcpy(all + n, rest ? rest : "", rest_n);
    all[n + rest_n] = '\0';
    free(rest);
    s->buf = all;
    s->len = n + rest_n;
    s->owned = 1;
    return source_setup_mem(s, s->form, d);
}

static void source_init(ent_source *s, const char *name, int32_t date) {
    memset(s, 0, sizeof *s);
    s->name = name;
    s->default_date = date;
    s->line = 1;
}

int ent_source_open_mem(ent_source *s, const char *name, char *buf, size_t len, int from,
                        int32_t date, ent_diags *d) {
    source_init(s, name ? name : "<memory>", date);
    s->buf = buf;
    s->len = len;
    return source_setup_mem(s, from, d);
}

int ent_source_open(ent_source *s, const char *path, int from, int32_t date, ent_diags *d) {
    int in_stdin = !path || !strcmp(path, "-");
    source_init(s, in_stdin ? "<stdin>" : path, date);
    if (in_stdin) {
        /* a terminal ends when its user says so, /dev/null at once; any
         * other device never */
        if (!isatty(STDIN_FILENO) && ent_input_fd_ok(STDIN_FILENO) < 0 && errno != EISDIR &&
            !ends_anyway(STDIN_FILENO)) {
            ent_diag(d, s->name, 0, "cannot read input: %s", ent_strerror(errno));
            return -1;
        }
        return source_stream(s, stdin, from, d);
    }
    s->form = ent_jobs_input_form(path, from, NULL);
    if (s->form == ENTENTE_IN_TEXT || s->form == ENTENTE_IN_JSONL) {
        s->docs = ent_doc_open(path, s->form == ENTENTE_IN_JSONL ? ENT_DOC_JSONL : ENT_DOC_TEXT,
                               date, d);
        return s->docs ? 0 : -1;
    }
    if (s->form == ENTENTE_IN_PETRARCH_XML) {
        s->xml = ent_petrxml_open(path, d);
        return s->xml ? 0 : -1;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp || ent_input_fd_ok(fileno(fp)) < 0) {
        ent_diag(d, s->name, 0, "cannot read input: %s", ent_strerror(errno));
        if (fp) fclose(fp);
        return -1;
    }
    s->own_fp = 1;
    s->fp = fp;
    return source_stream(s, fp, s->form, d);
}

void ent_source_close(ent_source *s) {
    if (s->own_fp && s->fp) fclose(s->fp);
    s->fp = NULL;
    s->own_fp = 0;
    ent_lines_free(&s->lines);
    ent_buf_free(&s->block);
    if (s->docs) ent_doc_close(s->docs);
    s->docs = NULL;
    if (s->xml) ent_petrxml_close(s->xml);
    s->xml = NULL;
    if (s->owned) free(s->buf);
    s->buf = NULL;
}

/* The id of the n-th record, named or not. */
static void rec_id(ent_source *s, ent_source_rec *r, const char *id, size_t n) {
    if (!id) {
        id = ent_jobs_doc_id(s->id, sizeof s->id, s->name, s->n);
        n = strlen(id);
    }
    r->id = id;
    r->id_len = n;
}

/* The next CoNLL-U block of s->lines into s->block (its lines up to the
 * blank one after its word lines), cut as ent_conllu_next_block cuts a
 * whole input: 1, 0 at the end, -1 after a message. */
static int next_block_streamed(ent_source *s, ent_conllu_block *blk, ent_diags *d) {
    ent_buf_clear(&s->block);
    long first = s->line;
    int body = 0;
    for (;;) {
        const char *l;
        size_t n;
        int k = ent_lines_next(&s->lines, &l, &n);
        if (k < 0) {
            if (errno == EFBIG)
                ent_diag(d, s->name, s->line, "line longer than %zu MiB, the most a document may "
                         "be (the rest was not read)", ENT_DOC_MAX_BYTES >> 20);
            else
                ent_diag(d, s->name, s->line, "read error: %s (the rest was not read)",
                         strerror(errno));
            return -1;
        }
        if (k == 0) break;
        if (s->line == 1 && n >= 3 && !memcmp(l, "\xEF\xBB\xBF", 3)) l += 3, n -= 3;
        s->line++;
        if (ent_buf_append(&s->block, l, n) < 0) {
            ent_diag(d, s->name, s->line - 1, "out of memory");
            return -1;
        }
        if (s->block.len > ENT_DOC_MAX_BYTES) {
            ent_diag(d, s->name, first, "a sentence block longer than %zu MiB (the rest was not "
                     "read)", ENT_DOC_MAX_BYTES >> 20);
            return -1;
        }
        size_t t = n;
        while (t && (l[t - 1] == '\n' || l[t - 1] == '\r' || l[t - 1] == ' ' || l[t - 1] == '\t'))
            t--;
        if (!t && body) break;
        if (t && l[0] != '#') body = 1;
    }
    size_t pos = 0;
    long line = first;
    return s->block.len ? ent_conllu_next_block(s->block.data, s->block.len, &pos, &line, blk) : 0;
}

int ent_source_read(ent_source *s, ent_source_rec *r, ent_diags *d) {
    memset(r, 0, sizeof *r);
    if (s->form == ENTENTE_IN_PETRARCH_XML) {
        ent_record x;
        for (;;) {
            int rc = ent_petrxml_next(s->xml, &x);
            if (rc <= 0) return rc;
            if (x.kind == ENT_REC_SENTENCE) break;
        }
        s->n++;
        rec_id(s, r, x.id, x.id ? strlen(x.id) : 0);
        r->line = x.line;
        r->parse_line = x.parse_line ? x.parse_line : x.line;
        r->date = ent_jobs_date(x.date, x.date ? strlen(x.date) : 0, s->default_date, d, s->name,
                                x.line);
        r->source = x.category;
        r->text = x.text;
        r->text_len = x.text ? strlen(x.text) : 0;
        r->parse = x.parse;
        r->parse_len = x.parse ? strlen(x.parse) : 0;
        return 1;
    }
    if (s->form == ENTENTE_IN_CONLLU) {
        /* blocks separated by blank lines; "# sent_id", "# date" and
         * "# text" comments give the record's id, date and text */
        ent_conllu_block blk;
        const char *base = s->lines.chunk ? NULL : s->buf;
        int got;
        if (base) {
            got = ent_conllu_next_block(s->buf, s->len, &s->pos, &s->line, &blk);
        } else {
            got = next_block_streamed(s, &blk, d);
            if (got < 0) return -1;
            base = s->block.data;
        }
        if (!got) {
            if (!s->n) ent_diag(d, s->name, 0, "no sentences (the input is empty or only comments)");
            return 0;
        }
        s->n++;
        rec_id(s, r, blk.sent_id, blk.sent_id_len);
        r->line = blk.line;
        r->parse_line = blk.body_line;
        r->date = ent_jobs_date(blk.date, blk.date_len, s->default_date, d, s->name, blk.line);
        r->text = blk.text;
        r->text_len = blk.text_len;
        r->parse = base + blk.body;
        r->parse_len = blk.end - blk.body;
        return 1;
    }
    /* text and JSONL: the document reader of doc.h, text normalised */
    ent_doc x;
    int rc = ent_doc_next(s->docs, &x);
    if (rc <= 0) return rc;
    s->n++;
    rec_id(s, r, x.id, x.id ? strlen(x.id) : 0);
    r->line = r->parse_line = x.line;
    r->date = x.date;
    r->source = x.source;
    r->url = x.url;
    r->title = x.title;
    r->text = x.text;
    r->text_len = x.len;
    r->normalised = 1;
    return 1;
}

static const char *dup_or_null(ent_batch *b, const char *s) {
    return s ? ent_batch_dup(b, s, strlen(s)) : NULL;
}

int ent_source_next(ent_source *s, ent_batch *b, ent_diags *d, long long *line_out) {
    ent_source_rec r;
    int rc = ent_source_read(s, &r, d);
    if (rc <= 0) return rc;
    ent_batch_doc *doc = ent_batch_push(b);
    if (!doc) return -2;
    doc->where = s->name;
    doc->line = r.parse ? r.parse_line : r.line;
    *line_out = s->form == ENTENTE_IN_CONLLU ? s->line : r.line;
    doc->d.id = ent_batch_dup(b, r.id, r.id_len);
    doc->d.date = r.date;
    doc->d.source = dup_or_null(b, r.source);
    doc->d.url = dup_or_null(b, r.url);
    doc->d.title = dup_or_null(b, r.title);
    if (!doc->d.id || (r.source && !doc->d.source) || (r.url && !doc->d.url) ||
        (r.title && !doc->d.title))
        return -2;
    const char *text = ent_batch_dup(b, r.text, r.text_len);   /* NULL text: "" */
    if (!text) return -2;
    if (r.normalised) {
        doc->text = text;
        doc->d.text_hash = ent_store_text_hash(r.text, r.text_len);
        doc->d.norm_hash = ent_store_norm_hash(r.text, r.text_len);
        return 1;
    }
    const char *parse = r.parse ? ent_batch_dup(b, r.parse, r.parse_len) : NULL;
    if ((r.parse && !parse) || ent_batch_sentence_doc(b, doc, text, parse)) return -2;
    if (!parse) {   /* no parse given: the pipeline splits and parses */
        doc->text = text;
        doc->n_sents = 0;
    }
    return 1;
}


int ent_inputs_add_path(ent_inputs *in, const char *path, ent_diags *dg) {
    struct stat sb;
    if (strcmp(path, "-") && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return inputs_walk(in, path, NULL, dg);
    return ent_inputs_add(in, path);
}
