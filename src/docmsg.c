/* docmsg.c -- documents as queue messages (see docmsg.h).  Encoding
 * writes JSON by hand into a buffer (publish's hot loop); decoding reads
 * it with json-c and checks every field, since anyone who can publish to
 * the subject can put anything there. */
#include "docmsg.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "store.h"

/* ,"key":"value" when value is set. */
static int put_str(ent_buf *out, const char *key, const char *value) {
    if (!value) return 0;
    return ent_buf_printf(out, ",\"%s\":", key) < 0 || ent_buf_json_str(out, value) ? -1 : 0;
}

int ent_docmsg_encode(const ent_batch_doc *d, ent_buf *out) {
    int rc = ent_buf_puts(out, "{\"id\":") || ent_buf_json_str(out, d->d.id ? d->d.id : "") ||
             ent_buf_printf(out, ",\"date\":%ld,\"line\":%ld", (long)d->d.date, d->line) < 0 ||
             put_str(out, "where", d->where) || put_str(out, "source", d->d.source) ||
             put_str(out, "url", d->d.url) || put_str(out, "title", d->d.title);
    if (rc) return -1;
    if (d->text) {
        if (put_str(out, "text", d->text)) return -1;
    } else if (d->n_sents == 1) {
        const ent_store_sentence *s = &d->sents[0];
        if (ent_buf_puts(out, ",\"sentence\":{\"text\":") ||
            ent_buf_json_str(out, s->text ? s->text : "") || ent_buf_puts(out, ",\"parse\":") ||
            (s->parse ? ent_buf_json_str(out, s->parse) : ent_buf_puts(out, "null")) ||
            ent_buf_putc(out, '}'))
            return -1;
    }
    return ent_buf_putc(out, '}');
}

/* The string member key of o copied into b (NULL when absent or null);
 * -1 when present and not a string, or out of memory. */
static int get_str(ent_batch *b, json_object *o, const char *key, const char **out) {
    json_object *v;
    *out = NULL;
    if (!json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null)) return 0;
    if (!json_object_is_type(v, json_type_string)) return -1;
    *out = ent_batch_dup(b, json_object_get_string(v), (size_t)json_object_get_string_len(v));
    return *out ? 0 : -1;
}

static long get_int(json_object *o, const char *key, long lo, long hi, int *ok) {
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v)) return 0;
    if (!json_object_is_type(v, json_type_int)) return *ok = 0, 0;
    int64_t n = json_object_get_int64(v);
    if (n < lo || n > hi) return *ok = 0, 0;
    return (long)n;
}

/* Fill doc from o; the reason for refusing it in why. */
static int decode_doc(ent_batch *b, ent_batch_doc *doc, json_object *o, char *why, size_t cap) {
    int ok = 1;
    const char *text = NULL;
    if (get_str(b, o, "id", &doc->d.id) || !doc->d.id || !*doc->d.id)
        return snprintf(why, cap, "no \"id\" string"), -1;
    doc->d.date = (int32_t)get_int(o, "date", 0, 99991231, &ok);
    doc->line = get_int(o, "line", 0, 2000000000L, &ok);
    if (!ok) return snprintf(why, cap, "\"date\" or \"line\" is not a number in range"), -1;
    if (get_str(b, o, "where", &doc->where) || get_str(b, o, "source", &doc->d.source) ||
        get_str(b, o, "url", &doc->d.url) || get_str(b, o, "title", &doc->d.title) ||
        get_str(b, o, "text", &text))
        return snprintf(why, cap, "a field that should be a string is not"), -1;
    if (!doc->where) doc->where = doc->d.id;
    json_object *sent;
    if (text) {
        doc->text = text;
        size_t n = strlen(text);
        doc->d.text_hash = ent_store_text_hash(text, n);
        doc->d.norm_hash = ent_store_norm_hash(text, n);
        return 0;
    }
    if (!json_object_object_get_ex(o, "sentence", &sent) ||
        !json_object_is_type(sent, json_type_object))
        return snprintf(why, cap, "neither \"text\" nor a \"sentence\" object"), -1;
    const char *stext, *parse;
    if (get_str(b, sent, "text", &stext) || get_str(b, sent, "parse", &parse))
        return snprintf(why, cap, "the sentence's \"text\" or \"parse\" is not a string"), -1;
    if (!stext) stext = "";
    if (!*stext && !parse) return snprintf(why, cap, "a sentence with neither text nor parse"), -1;
    if (ent_batch_sentence_doc(b, doc, stext, parse))
        return snprintf(why, cap, "out of memory"), -1;
    if (!parse) { /* the pipeline splits and parses it, as ingest does */
        doc->text = stext;
        doc->n_sents = 0;
    }
    return 0;
}

ent_batch_doc *ent_docmsg_decode(ent_batch *b, const char *data, size_t len, char *why,
                                 size_t cap) {
    if (len > 0x7fffffff) return snprintf(why, cap, "too large"), NULL;
    json_tokener *tok = json_tokener_new();
    if (!tok) return snprintf(why, cap, "out of memory"), NULL;
    json_object *o = json_tokener_parse_ex(tok, data, (int)len);
    enum json_tokener_error e = json_tokener_get_error(tok);
    size_t used = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    ent_batch_doc *doc = NULL;
    if (!o || e != json_tokener_success || used != len) {
        snprintf(why, cap, "not a document: %s",
                 e == json_tokener_continue  ? "JSON cut short"
                 : e != json_tokener_success ? json_tokener_error_desc(e)
                                             : "not one whole JSON value");
    } else if (!json_object_is_type(o, json_type_object)) {
        snprintf(why, cap, "not a document: not a JSON object");
    } else if (!(doc = ent_batch_push(b))) {
        snprintf(why, cap, "out of memory");
    } else if (decode_doc(b, doc, o, why, cap)) {
        b->n--; /* the slot is given back */
        doc = NULL;
    }
    json_object_put(o);
    return doc;
}
