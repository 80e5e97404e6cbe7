/* pieces.c -- the sentence-level pieces of entente.h: open a dictionary
 * set once, make a coder per thread, code one Treebank parse at a time
 * and get its events as the JSON lines `entente code` writes.
 *
 * A coder is a pipeline (pipeline.h) and a buffer of its own, so threads
 * share the read-only set and nothing else.  Errors are said on the
 * caller's err, as every function of entente.h says them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "entente.h"
#include "pipeline.h"
#include "sink.h"

entente_dict *entente_dict_open(const char *path, FILE *err) {
    ent_diags diags;
    ent_diags_init(&diags, err, 0);
    ent_dict *d = ent_dict_load(path, &diags);
    ent_diags_free(&diags);
    return d;
}

void entente_dict_close(entente_dict *d) { ent_dict_free(d); }

struct entente_sentence_coder {
    ent_pipeline *pipe;
    ent_buf out;
};

entente_sentence_coder *entente_coder_new(const entente_dict *d) {
    entente_sentence_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->pipe = ent_pipeline_new(d, &d->options);
    if (!c->pipe) {
        free(c);
        return NULL;
    }
    return c;
}

void entente_coder_free(entente_sentence_coder *c) {
    if (!c) return;
    ent_pipeline_free(c->pipe);
    ent_buf_free(&c->out);
    free(c);
}

int entente_code_ptb(entente_sentence_coder *c, const char *doc, int sent, int32_t date,
                     const char *ptb, FILE *out, FILE *err) {
    ent_diags diags;
    ent_diags_init(&diags, err, 0);
    ent_sentence_in in = {.parse = ptb, .parse_len = strlen(ptb), .date = date, .where = doc, .line = 1};
    ent_coded_sentence cs;
    int rc = ent_pipeline_code_sentence(c->pipe, &in, &diags, &cs);
    ent_diags_free(&diags);
    if (rc) return -1;
    ent_sentence_ref ref = {doc, sent, date};
    ent_buf_clear(&c->out);
    if (ent_sink_render(&c->out, ENT_SINK_JSONL, &ref, cs.tree, cs.events, cs.n_events) < 0) {
        fprintf(err, "%s: out of memory\n", doc);
        return -1;
    }
    if (c->out.len && fwrite(c->out.data, 1, c->out.len, out) != c->out.len) {
        fprintf(err, "%s: cannot write the events: %s\n", doc, strerror(errno ? errno : EIO));
        return -1;
    }
    return cs.n_events;
}
