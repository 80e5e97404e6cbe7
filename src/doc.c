/* doc.c -- documents from outside: plain text, JSONL, PETRARCH XML (see
 * doc.h).
 *
 * Each format is read with the tool made for it: JSONL lines with json-c
 * (strict mode, one tokener reused for every line), PETRARCH XML with the
 * project's streaming reader (petrxml.h, itself on libxml2), and Unicode
 * with utf8proc.  Plain text is read whole, because one file is one story
 * (or a few); JSONL is streamed line by line from files, so an archive of
 * any size reads in the memory of its longest line.
 *
 * Normalisation is one pass with an ASCII fast path: bytes below 0x80 are
 * copied (controls made spaces) and map to themselves; only runs of
 * non-ASCII bytes are decoded.  Typographic characters are folded there,
 * and utf8proc's NFC is called only for a run holding a character that
 * NFC could change (a combining mark, a character with a canonical
 * decomposition, a conjoining jamo), so news text in Latin, Cyrillic or
 * Arabic script rarely pays for it.  Every output byte records the source
 * byte it came from; the map is handed out only when it is not the
 * identity.
 *
 * A document's strings live in buffers owned by the reader and reused by
 * the next document, so a long stream allocates only while its documents
 * keep growing.
 */
#include "doc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>
#include <utf8proc.h>

#include "lines.h"
#include "petrxml.h"
#include "util.h"

/* Invalid bytes reported one by one per document; beyond, one summary. */
enum { MAX_BAD_BYTES_REPORTED = 10 };

struct ent_doc_reader {
    int format;
    char *name; /* for messages and text document ids */
    int32_t default_date;
    ent_diags *d;

    /* Whole input in memory (text, JSONL from memory or stdin). */
    char *owned; /* malloc'd by us, or NULL */
    const char *buf;
    size_t n, pos;
    long line; /* lines consumed so far */

    /* JSONL (and text in stories) streamed from fp, a line at most `max`
     * bytes */
    FILE *fp;
    ent_lines lines;
    int own_fp;        /* fp is ours to close */
    size_t max;
    const char *cur;   /* the line in hand, from `lines` */
    json_tokener *tok;
    json_object *obj; /* the current document's line, kept for its strings */
    int seen_line;    /* any non-blank line */
    long bad_lines;   /* lines skipped as no document; the first DOC_BAD_SHOWN said */

    ent_petrxml *xml;

    char where[600];  /* "FILE:LINE: document ID, FIELD", for messages on a field */

    /* text: split into blank-line stories? */
    int stories;
    /* ... streamed from fp (a date given): the story in hand and, at the
     * start, the one after it, read ahead to tell one story from several;
     * `whole` keeps every byte until the second story is seen */
    int streamed;
    ent_buf sbuf[2];
    long sline[2];
    size_t sbase[2];
    int scur, sstarted, sfailed;
    size_t consumed;   /* bytes of fp read so far */
    ent_buf whole;
    int story;
    int finished;

    /* The current document. */
    ent_buf text;
    int keep_offsets;  /* make orig_offset (ent_doc_keep_offsets) */
    ent_vec offs;      /* int32_t, when keep_offsets */
    ent_buf meta;      /* scratch for metadata normalisation */
    ent_arena strings; /* id, source, url, title; reset per document */
};

/* ---- Normalisation. ------------------------------------------------------ */

typedef struct {
    ent_buf *out;
    ent_vec *offs; /* NULL: no map wanted */
    ent_diags *d;
    const char *where;
    long bad;    /* invalid bytes seen */
    int shifted; /* some output byte is not at its source offset */
    int stop;    /* the diagnostics asked us to stop */
} norm;

static int offs_reserve(ent_vec *v, size_t extra) {
    if (v->len + extra <= v->cap) return 0;
    size_t cap = v->cap ? v->cap : 256;
    while (cap < v->len + extra) {
        if (cap > SIZE_MAX / 2 / sizeof(int32_t)) return -1;
        cap *= 2;
    }
    void *p = realloc(v->items, cap * sizeof(int32_t));
    if (!p) return -1;
    v->items = p;
    v->cap = cap;
    return 0;
}

/* Append k bytes all mapped to source offset `orig`. */
static int put(norm *z, const char *bytes, size_t k, size_t orig) {
    if (ent_buf_reserve(z->out, k) < 0) return -1;
    memcpy(z->out->data + z->out->len, bytes, k);
    if (z->offs) {
        if (offs_reserve(z->offs, k + 1) < 0) return -1;
        int32_t *o = (int32_t *)z->offs->items + z->offs->len;
        for (size_t j = 0; j < k; j++) o[j] = (int32_t)orig;
        z->offs->len += k;
    }
    z->out->len += k;
    return 0;
}

/* Typographic characters folded to ASCII (NULL: keep the character). */
static const char *fold(int32_t cp) {
    if (cp < 0xA0) return cp == 0x85 ? "\n" : " "; /* C1 controls */
    switch (cp) {
    case 0xA0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000: return " ";
    case 0xAD:
    case 0x200B:
    case 0x2060:
    case 0xFEFF: return ""; /* invisible */
    case 0xAB:
    case 0xBB:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033: return "\"";
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032: return "'";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2212:
    case 0xFE63:
    case 0xFF0D: return "-";
    case 0x2014:
    case 0x2015: return "--";
    case 0x2026: return "...";
    case 0x2028:
    case 0x2029: return "\n";
    default: break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) return " ";
    return NULL;
}

/* Could NFC change this character or the one before it? */
static int nfc_sensitive(int32_t cp) {
    if (cp < 0x300) return 0; /* Latin-1 and Latin Extended are composed */
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->combining_class != 0 || p->comp_exclusion ||
           (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) ||
           p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC ||
           p->category == UTF8PROC_CATEGORY_ME || (cp >= 0x1100 && cp <= 0x11FF);
}

static int report_bad(norm *z, size_t at, unsigned char byte) {
    z->bad++;
    if (!z->d || z->bad > MAX_BAD_BYTES_REPORTED) return 0;
    int rc;
    /* diag.c prints no location for offset 0, so it is said in the text. */
    if (at == 0)
        rc = ent_diag(z->d, z->where, 0, "offset 0: invalid UTF-8 byte 0x%02X replaced by U+FFFD",
                      byte);
    else
        rc = ent_diag_at(z->d, z->where, (long)at, "invalid UTF-8 byte 0x%02X replaced by U+FFFD",
                         byte);
    if (rc < 0) z->stop = 1;
    return rc;
}

/* A run of non-ASCII bytes s[i..) (stops at the next ASCII byte).  Returns
 * the index after it, or (size_t)-1 on OOM. */
static size_t norm_high(norm *z, const unsigned char *s, size_t n, size_t i, size_t base) {
    size_t seg_out = z->out->len;
    int need_nfc = 0;
    while (i < n && s[i] >= 0x80) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            report_bad(z, base + i, s[i]);
            if (put(z, "\xEF\xBF\xBD", 3, base + i) < 0) return (size_t)-1;
            z->shifted = 1;
            i++;
            continue;
        }
        const char *f = fold(cp);
        if (f) {
            size_t fl = strlen(f);
            if (put(z, f, fl, base + i) < 0) return (size_t)-1;
            if (fl != (size_t)k) z->shifted = 1;
        } else {
            if (nfc_sensitive(cp)) need_nfc = 1;
            if (ent_buf_reserve(z->out, (size_t)k) < 0) return (size_t)-1;
            memcpy(z->out->data + z->out->len, s + i, (size_t)k);
            if (z->offs) {
                if (offs_reserve(z->offs, (size_t)k + 1) < 0) return (size_t)-1;
                int32_t *o = (int32_t *)z->offs->items + z->offs->len;
                for (utf8proc_ssize_t j = 0; j < k; j++) o[j] = (int32_t)(base + i + (size_t)j);
                z->offs->len += (size_t)k;
            }
            z->out->len += (size_t)k;
        }
        i += (size_t)k;
    }
    if (need_nfc) {
        /* A combining mark may attach to the ASCII letter before the run. */
        size_t from = seg_out;
        if (from > 0) {
            unsigned char c = (unsigned char)z->out->data[from - 1];
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') from--;
        }
        utf8proc_uint8_t *res = NULL;
        utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)z->out->data + from,
                                          (utf8proc_ssize_t)(z->out->len - from), &res,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (m == UTF8PROC_ERROR_NOMEM) return (size_t)-1;
        if (m >= 0 &&
            ((size_t)m != z->out->len - from || memcmp(res, z->out->data + from, (size_t)m) != 0)) {
            /* Composed characters point at the start of the run. */
            size_t orig = z->offs ? (size_t)((int32_t *)z->offs->items)[from] : 0;
            z->out->len = from;
            if (z->offs) z->offs->len = from;
            if (put(z, (const char *)res, (size_t)m, orig) < 0) {
                free(res);
                return (size_t)-1;
            }
            z->shifted = 1;
        }
        free(res);
    }
    return i;
}

/* Normalise s[0..n) (source offsets start at `base`) into out and offs. */
static int normalize(const char *src, size_t n, size_t base, ent_buf *out, ent_vec *offs,
                     ent_diags *d, const char *where, int *shifted) {
    const unsigned char *s = (const unsigned char *)src;
    norm z = {out, offs, d, where, 0, 0, 0};
    out->len = 0;
    if (offs) offs->len = 0;
    if (base + n > (size_t)INT32_MAX) {
        if (d) ent_diag(d, where, 0, "document of %zu bytes is too large (limit %d)", n, INT32_MAX);
        return -1;
    }
    if (ent_buf_reserve(out, n + 1) < 0) return -1;
    if (offs && offs_reserve(offs, n + 1) < 0) return -1;
    size_t i = 0;
    while (i < n) {
        /* ASCII: one byte out per byte in, mapped to itself. */
        size_t room = out->cap - out->len - 1;
        if (offs && offs->cap - offs->len - 1 < room) room = offs->cap - offs->len - 1;
        char *o = out->data + out->len;
        int32_t *oo = offs ? (int32_t *)offs->items + offs->len : NULL;
        size_t j = 0;
        while (i + j < n && j < room && s[i + j] < 0x80) {
            unsigned char c = s[i + j];
            o[j] = (char)((c >= 0x20 && c != 0x7F) || c == '\n' || c == '\t' ? c : ' ');
            if (oo) oo[j] = (int32_t)(base + i + j);
            j++;
        }
        out->len += j;
        if (offs) offs->len += j;
        i += j;
        if (i >= n) break;
        if (s[i] >= 0x80) {
            i = norm_high(&z, s, n, i, base);
            if (i == (size_t)-1) return -1;
            if (z.stop) return -1;
        }
        if (ent_buf_reserve(out, n - i + 8) < 0) return -1;
        if (offs && offs_reserve(offs, n - i + 8) < 0) return -1;
    }
    if (z.bad > MAX_BAD_BYTES_REPORTED && d &&
        ent_diag(d, where, 0, "%ld more invalid UTF-8 bytes replaced by U+FFFD",
                 z.bad - MAX_BAD_BYTES_REPORTED) < 0)
        return -1;
    out->data[out->len] = '\0';
    if (offs) {
        if (offs_reserve(offs, 1) < 0) return -1;
        ((int32_t *)offs->items)[offs->len++] = (int32_t)(base + n);
    }
    if (shifted) *shifted = z.shifted;
    return 0;
}

int ent_normalize(const char *s, size_t n, struct ent_buf *out, struct ent_vec *offsets,
                  ent_diags *d, const char *where) {
    if (offsets) offsets->size = sizeof(int32_t);
    return normalize(s, n, 0, out, offsets, d, where, NULL);
}

/* ---- Reader. ------------------------------------------------------------- */

static int format_for(const char *path, int format) {
    if (format != ENT_DOC_AUTO) return format;
    if (!path) return ENT_DOC_TEXT;
    const char *dot = strrchr(path, '.');
    if (dot &&
        (strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".json") == 0 || strcmp(dot, ".ndjson") == 0))
        return ENT_DOC_JSONL;
    if (dot && strcmp(dot, ".xml") == 0) return ENT_DOC_XML;
    return ENT_DOC_TEXT;
}

static ent_doc_reader *reader_new(const char *name, int format, int32_t default_date,
                                  ent_diags *d) {
    ent_doc_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->max = ENT_DOC_MAX_BYTES;
    r->format = format;
    r->name = strdup(name);
    r->default_date = default_date;
    r->d = d;
    ent_vec_init(&r->offs, sizeof(int32_t));
    ent_arena_init(&r->strings, 4096);
    if (!r->name) {
        free(r);
        return NULL;
    }
    if (format == ENT_DOC_JSONL && !(r->tok = json_tokener_new())) {
        free(r->name);
        free(r);
        return NULL;
    }
    if (r->tok) json_tokener_set_flags(r->tok, JSON_TOKENER_STRICT);
    return r;
}

/* Count blank-line-separated blocks of buf, stopping at two. */
static int count_blocks(const char *buf, size_t n);

static int setup_memory(ent_doc_reader *r) {
    if (r->format == ENT_DOC_XML) {
        r->xml = ent_petrxml_open_mem(r->buf, r->n, r->name, r->d);
        return r->xml ? 0 : -1;
    }
    if (r->format == ENT_DOC_TEXT) r->stories = r->default_date && count_blocks(r->buf, r->n) >= 2;
    return 0;
}

/* r reads from fp, `head` (n bytes, at most ENT_LINES_CHUNK) first. */
static int stream_from(ent_doc_reader *r, FILE *fp, const char *head, size_t n) {
    if (ent_lines_init(&r->lines, fp, head, n, r->max) < 0) return -1;
    r->fp = fp;
    return 0;
}

ent_doc_reader *ent_doc_open(const char *path, int format, int32_t default_date, ent_diags *d) {
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    format = format_for(is_stdin ? NULL : path, format);
    if (is_stdin && format != ENT_DOC_XML)
        return ent_doc_open_fp(stdin, name, format, NULL, 0, default_date, d);
    struct stat st;
    if (format == ENT_DOC_TEXT && default_date) {
        /* stories split by blank lines: streamed, one story in memory */
        ent_doc_reader *r = reader_new(name, format, default_date, d);
        FILE *fp = r ? fopen(path, "rb") : NULL;
        if (!fp || ent_input_fd_ok(fileno(fp)) < 0 || stream_from(r, fp, NULL, 0) < 0) {
            int e = r ? errno : ENOMEM;
            if (fp) fclose(fp);
            if (r) r->fp = NULL;
            ent_diag(d, name, 0, "cannot read: %s", ent_strerror(e));
            ent_doc_close(r);
            return NULL;
        }
        r->own_fp = 1;
        r->streamed = 1;
        return r;
    }
    if (format == ENT_DOC_TEXT && stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) {
        /* a named pipe may never end either: text from it is bounded as
         * from standard input (read whole at once, so it closes here) */
        FILE *fp = fopen(path, "rb");
        if (!fp) {
            ent_diag(d, name, 0, "cannot read: %s", strerror(errno));
            return NULL;
        }
        ent_doc_reader *r = ent_doc_open_fp(fp, name, ENT_DOC_TEXT, NULL, 0, default_date, d);
        fclose(fp);
        return r;
    }
    ent_doc_reader *r = reader_new(name, format, default_date, d);
    if (!r) {
        ent_diag(d, name, 0, "out of memory");
        return NULL;
    }
    if (format == ENT_DOC_JSONL) {
        FILE *fp = fopen(path, "rb");
        if (!fp || ent_input_fd_ok(fileno(fp)) < 0 || stream_from(r, fp, NULL, 0) < 0) {
            int e = errno;
            if (fp) fclose(fp);
            r->fp = NULL;
            ent_diag(d, name, 0, "cannot open: %s", ent_strerror(e));
            ent_doc_close(r);
            return NULL;
        }
        r->own_fp = 1;
        return r;
    }
    if (format == ENT_DOC_XML && !is_stdin) {
        r->xml = ent_petrxml_open(path, d);
        if (!r->xml) {
            ent_doc_close(r);
            return NULL;
        }
        return r;
    }
    r->owned = is_stdin ? ent_read_stream(stdin, ENT_STREAM_MAX, &r->n)
                        : ent_read_file(path, &r->n);
    if (!r->owned) {
        ent_diag(d, name, 0, "cannot read: %s", ent_strerror(errno));
        ent_doc_close(r);
        return NULL;
    }
    r->buf = r->owned;
    if (setup_memory(r) < 0) {
        ent_doc_close(r);
        return NULL;
    }
    return r;
}

ent_doc_reader *ent_doc_open_fp(FILE *fp, const char *name, int format, const char *head,
                                size_t n, int32_t default_date, ent_diags *d) {
    if (!name) name = "<stream>";
    format = format == ENT_DOC_JSONL ? ENT_DOC_JSONL : ENT_DOC_TEXT;
    ent_doc_reader *r = reader_new(name, format, default_date, d);
    if (!r) {
        ent_diag(d, name, 0, "out of memory");
        return NULL;
    }
    if (format == ENT_DOC_JSONL || default_date) {   /* lines, or stories: streamed */
        if (stream_from(r, fp, head, n) < 0) {
            ent_diag(d, name, 0, "out of memory");
            r->fp = NULL;
            ent_doc_close(r);
            return NULL;
        }
        r->streamed = format == ENT_DOC_TEXT;
        return r;
    }
    /* text is one document, or stories split by date: read whole, up to
     * the most a document may be (a stream may never end) */
    ent_buf all = {0};
    size_t got = 0;
    int e = 0;
    errno = 0;
    if (n && ent_buf_append(&all, head, n) < 0) e = ENOMEM;
    char part[ENT_LINES_CHUNK];
    while (!e && (got = fread(part, 1, sizeof part, fp)) > 0) {
        if (all.len + got > r->max) e = EFBIG;
        else if (ent_buf_append(&all, part, got) < 0) e = ENOMEM;
    }
    if (!e && ferror(fp)) e = errno ? errno : EIO;
    if (!e && !all.data && ent_buf_reserve(&all, 0) < 0) e = ENOMEM;
    if (e) {
        if (e == EFBIG)
            ent_diag(d, name, 0, "cannot read: longer than %zu MiB, the most a document of text "
                                 "may be; split it, or give one document a line as JSONL",
                     r->max >> 20);
        else
            ent_diag(d, name, 0, "cannot read: %s", strerror(e));
        ent_buf_free(&all);
        ent_doc_close(r);
        return NULL;
    }
    all.data[all.len] = '\0';
    r->owned = all.data;
    r->buf = r->owned;
    r->n = all.len;
    if (setup_memory(r) < 0) {
        ent_doc_close(r);
        return NULL;
    }
    return r;
}

void ent_doc_set_max(ent_doc_reader *r, size_t max) {
    if (r && max) r->max = r->lines.max = max;
}

ent_doc_reader *ent_doc_open_mem(const char *buf, size_t n, const char *name, int format,
                                 int32_t default_date, ent_diags *d) {
    if (!name) name = "<memory>";
    ent_doc_reader *r = reader_new(name, format_for(name, format), default_date, d);
    if (!r) {
        ent_diag(d, name, 0, "out of memory");
        return NULL;
    }
    r->buf = buf ? buf : "";
    r->n = buf ? n : 0;
    if (setup_memory(r) < 0) {
        ent_doc_close(r);
        return NULL;
    }
    return r;
}

void ent_doc_keep_offsets(ent_doc_reader *r) { r->keep_offsets = 1; }

void ent_doc_close(ent_doc_reader *r) {
    if (!r) return;
    if (r->own_fp) fclose(r->fp);
    if (r->obj) json_object_put(r->obj);
    if (r->tok) json_tokener_free(r->tok);
    if (r->xml) ent_petrxml_close(r->xml);
    ent_lines_free(&r->lines);
    ent_buf_free(&r->sbuf[0]);
    ent_buf_free(&r->sbuf[1]);
    ent_buf_free(&r->whole);
    free(r->owned);
    free(r->name);
    ent_buf_free(&r->text);
    ent_buf_free(&r->meta);
    ent_vec_free(&r->offs);
    ent_arena_free(&r->strings);
    free(r);
}

/* Where a message on a field of doc is: its file and line, its id and
 * the field (an offset follows, counted in the field). */
static const char *field_where(ent_doc_reader *r, const ent_doc *doc, const char *field) {
    snprintf(r->where, sizeof r->where, "%s:%ld: document %s, %s", r->name, doc->line,
             doc->id ? doc->id : "?", field);
    return r->where;
}

/* Normalise the document's text and point doc at it. */
static int fill_text(ent_doc_reader *r, ent_doc *doc, const char *s, size_t n, size_t base) {
    int shifted = 0, before = r->d->count;
    const char *where = field_where(r, doc, "text");
    ent_vec *offs = r->keep_offsets ? &r->offs : NULL;
    if (normalize(s, n, base, &r->text, offs, r->d, where, &shifted) < 0) {
        if (r->d->count == before) ent_diag(r->d, where, 0, "out of memory");
        return -1;
    }
    doc->text = r->text.data;
    doc->len = r->text.len;
    doc->orig_offset = offs && (shifted || base) ? (const int32_t *)r->offs.items : NULL;
    return 0;
}

/* A metadata string, made valid UTF-8 without control characters, in the
 * per-document arena.  NULL for NULL. */
static const char *meta(ent_doc_reader *r, const char *s, size_t n, const char *where) {
    if (!s) return NULL;
    if (normalize(s, n, 0, &r->meta, NULL, r->d, where, NULL) < 0) return NULL;
    for (size_t i = 0; i < r->meta.len; i++)
        if (r->meta.data[i] == '\n' || r->meta.data[i] == '\t') r->meta.data[i] = ' ';
    return ent_arena_strndup(&r->strings, r->meta.data, r->meta.len);
}

static void doc_reset(ent_doc_reader *r, ent_doc *doc) {
    ent_arena_reset(&r->strings);
    memset(doc, 0, sizeof *doc);
    doc->where = r->name;
    doc->date = r->default_date;
}

/* ---- Plain text. --------------------------------------------------------- */

/* Blank: nothing but spaces and control characters (NUL among them),
 * which normalisation makes spaces anyway. */
static int blank_line(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > ' ' && c != 0x7f) return 0;
    }
    return 1;
}

/* The next block of non-blank lines from *pos: [*b, *e), first line *line
 * (1-based).  *pos and *nlines advance past it.  0 at the end. */
static int next_block(const char *buf, size_t n, size_t *pos, long *nlines, size_t *b, size_t *e,
                      long *line) {
    size_t p = *pos;
    long ln = *nlines;
    for (;;) {
        if (p >= n) {
            *pos = p;
            *nlines = ln;
            return 0;
        }
        const char *nl = memchr(buf + p, '\n', n - p);
        size_t le = nl ? (size_t)(nl - buf) : n;
        if (!blank_line(buf + p, le - p)) break;
        p = nl ? le + 1 : n;
        ln++;
    }
    *b = p;
    *line = ln + 1;
    while (p < n) {
        const char *nl = memchr(buf + p, '\n', n - p);
        size_t le = nl ? (size_t)(nl - buf) : n;
        if (blank_line(buf + p, le - p)) break;
        p = nl ? le + 1 : n;
        ln++;
    }
    *e = p;
    *pos = p;
    *nlines = ln;
    return 1;
}

static int count_blocks(const char *buf, size_t n) {
    size_t pos = 0, b, e;
    long lines = 0, line;
    int k = 0;
    while (k < 2 && next_block(buf, n, &pos, &lines, &b, &e, &line)) k++;
    return k;
}


/* The id of a document that names none: the input's name, `sep` and its
 * place in it ("news.txt#3", "feed.jsonl:12"), whole however long the
 * name.  NULL on out of memory. */
static const char *place_id(ent_doc_reader *r, char sep, long n) {
    char suf[24];
    int sl = snprintf(suf, sizeof suf, "%c%ld", sep, n);
    size_t nl = strlen(r->name);
    char *id = ent_arena_alloc(&r->strings, nl + (size_t)sl + 1);
    if (!id) return NULL;
    memcpy(id, r->name, nl);
    memcpy(id + nl, suf, (size_t)sl + 1);
    return id;
}

static int next_text_streamed(ent_doc_reader *r, ent_doc *doc);

static int next_text(ent_doc_reader *r, ent_doc *doc) {
    if (r->streamed) return next_text_streamed(r, doc);
    if (r->finished) return 0;
    size_t b, e;
    long line;
    if (!r->stories) {
        r->finished = 1;
        size_t pos = 0;
        long lines = 0;
        if (!next_block(r->buf, r->n, &pos, &lines, &b, &e, &line)) {
            ent_diag(r->d, r->name, 0, "no text (the input is empty, or only whitespace and control characters)");
            return 0;
        }
        doc->id = r->name;
        doc->line = 1;
        int rc = fill_text(r, doc, r->buf, r->n, 0) < 0 ? -1 : 1;
        if (r->owned) {
            /* the one document is in r->text now: the bytes as read, ours,
             * need not wait for the close */
            free(r->owned);
            r->owned = NULL;
            r->buf = NULL;
            r->n = 0;
        }
        return rc;
    }
    if (!next_block(r->buf, r->n, &r->pos, &r->line, &b, &e, &line)) {
        r->finished = 1;
        return 0;
    }
    r->story++;
    doc->id = place_id(r, '#', r->story);
    if (!doc->id) {
        ent_diag(r->d, r->name, line, "out of memory");
        return -1;
    }
    doc->line = line;
    return fill_text(r, doc, r->buf + b, e - b, b) < 0 ? -1 : 1;
}

/* ---- Plain text, streamed. ---------------------------------------------- */

static int stream_line(ent_doc_reader *r, size_t *n);

/* Why stream_line failed (errno), at the line it was reading. */
static void say_stream_error(ent_doc_reader *r) {
    if (errno == EFBIG)
        ent_diag(r->d, r->name, r->line + 1,
                 "line longer than %zu %s, the most a document may be (the rest was not read)",
                 r->max >= (1 << 20) ? r->max >> 20 : r->max, r->max >= (1 << 20) ? "MiB" : "bytes");
    else
        ent_diag(r->d, r->name, r->line + 1, "read error: %s (the rest was not read)",
                 strerror(errno));
}

/* The next story of r->fp (lines up to a blank one, blank lines before it
 * passed over), its first line and byte offset in *line and *base; every
 * byte read is also added to keep, when given.  The story goes into out,
 * or, given `span`, is not copied: it stands in keep at [span[0],
 * span[1]) (one copy of a story that may be the whole input).  1, 0 at
 * the end, -1 after a message. */
static int read_story(ent_doc_reader *r, ent_buf *out, long *line, size_t *base, ent_buf *keep,
                      size_t span[2]) {
    ent_buf_clear(out);
    size_t story = 0;   /* its bytes so far */
    for (;;) {
        size_t n;
        int k = stream_line(r, &n);
        if (k < 0) {
            say_stream_error(r);
            return -1;
        }
        if (k == 0) break;
        r->line++;
        int blank = blank_line(r->cur, n);
        if (!blank && !story) {
            *line = r->line;
            *base = r->consumed;
            if (span) span[0] = keep->len;
        }
        r->consumed += n;
        if ((keep && ent_buf_append(keep, r->cur, n) < 0) ||
            (!span && !blank && ent_buf_append(out, r->cur, n) < 0)) {
            ent_diag(r->d, r->name, r->line, "out of memory");
            return -1;
        }
        if (!blank) story += n;
        if (!blank && (keep ? keep->len : story) > r->max) {
            ent_diag(r->d, r->name, *line, "a story longer than %zu MiB, the most a document may "
                     "be (the rest was not read)", r->max >> 20);
            return -1;
        }
        if (blank && story) break;
    }
    if (span && story) span[1] = span[0] + story;
    return story ? 1 : 0;
}

/* Stories as next_text gives them from memory, read a story at a time:
 * one story alone is the whole input, blank lines and all, named by the
 * input; two or more are NAME#1, NAME#2, ... */
static int next_text_streamed(ent_doc_reader *r, ent_doc *doc) {
    if (r->finished) return 0;
    if (r->sfailed) return -1;
    if (!r->sstarted) {
        r->sstarted = 1;
        size_t first[2] = {0, 0};
        int a = read_story(r, &r->sbuf[0], &r->sline[0], &r->sbase[0], &r->whole, first);
        if (a <= 0) {
            r->finished = 1;
            if (a == 0)
                ent_diag(r->d, r->name, 0,
                         "no text (the input is empty, or only whitespace and control characters)");
            return a;
        }
        int b = read_story(r, &r->sbuf[1], &r->sline[1], &r->sbase[1], &r->whole, NULL);
        if (b < 0) return -1;
        if (b == 0) {
            r->finished = 1;
            doc->id = r->name;
            doc->line = 1;
            int rc = fill_text(r, doc, r->whole.data, r->whole.len, 0) < 0 ? -1 : 1;
            /* the one story is in r->text now: its bytes as read need not
             * wait for the next call */
            ent_buf_free(&r->whole);
            return rc;
        }
        /* two stories or more: the first one's own copy, then every byte
         * need not be kept */
        if (ent_buf_append(&r->sbuf[0], r->whole.data + first[0], first[1] - first[0]) < 0) {
            ent_diag(r->d, r->name, r->sline[0], "out of memory");
            r->sfailed = 1;
            return -1;
        }
        ent_buf_free(&r->whole);
        r->scur = 0;
    } else if (!r->sbuf[r->scur].len) {
        r->finished = 1;
        return 0;
    }
    /* the story in hand; then the one after it is read into its place */
    int i = r->scur;
    r->story++;
    doc->id = place_id(r, '#', r->story);
    if (!doc->id) {
        ent_diag(r->d, r->name, r->sline[i], "out of memory");
        return -1;
    }
    doc->line = r->sline[i];
    if (fill_text(r, doc, r->sbuf[i].data, r->sbuf[i].len, r->sbase[i]) < 0) return -1;
    if (r->story == 1) {
        r->scur = 1;   /* the second was read ahead */
        ent_buf_clear(&r->sbuf[0]);
        return 1;
    }
    int k = read_story(r, &r->sbuf[i], &r->sline[i], &r->sbase[i], NULL, NULL);
    if (k < 0) r->sfailed = 1;   /* said now; the run ends after this story */
    return 1;
}

/* ---- JSONL. -------------------------------------------------------------- */

/* Bad lines named one by one; the rest are counted in one closing line,
 * so binary junk or a file in another form cannot flood the messages. */
#define DOC_BAD_SHOWN 10

/* The next line of r->fp, newline and all, in r->cur (*n bytes): as
 * ent_lines_next. */
static int stream_line(ent_doc_reader *r, size_t *n) {
    return ent_lines_next(&r->lines, &r->cur, n);
}

/* The next line (without its newline) into *s, *n; 0 at the end, -1 on a
 * read error. */
static int next_line(ent_doc_reader *r, const char **s, size_t *n) {
    if (r->fp) {
        int k = stream_line(r, n);
        if (k < 0) {
            /* only the end of the input ends the lines: a line that cannot
             * be read whole is an error, never the end */
            say_stream_error(r);
            return -1;
        }
        if (k == 0) return 0;
        r->line++;
        *s = r->cur;
    } else {
        if (r->pos >= r->n) return 0;
        const char *p = r->buf + r->pos;
        const char *nl = memchr(p, '\n', r->n - r->pos);
        size_t k = nl ? (size_t)(nl - p) : r->n - r->pos;
        r->pos += nl ? k + 1 : k;
        r->line++;
        *s = p;
        *n = k;
    }
    while (*n > 0 && ((*s)[*n - 1] == '\n' || (*s)[*n - 1] == '\r' || (*s)[*n - 1] == ' ' ||
                      (*s)[*n - 1] == '\t'))
        (*n)--;
    /* a byte-order mark some editors write is not part of the first object */
    if (r->line == 1 && *n >= 3 && !memcmp(*s, "\xEF\xBB\xBF", 3)) *s += 3, *n -= 3;
    return 1;
}

static const char *obj_str(json_object *o, const char *key, size_t *len) {
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    if (len) *len = (size_t)json_object_get_string_len(v);
    return json_object_get_string(v);
}

static int next_jsonl(ent_doc_reader *r, ent_doc *doc) {
    const char *s;
    size_t n;
    int rc;
    while ((rc = next_line(r, &s, &n)) == 1) {
        if (blank_line(s, n)) continue;
        r->seen_line = 1;
        long line = r->line;
        if (r->obj) {
            json_object_put(r->obj);
            r->obj = NULL;
        }
        json_tokener_reset(r->tok);
        json_object *o = json_tokener_parse_ex(r->tok, s, (int)(n > INT32_MAX ? INT32_MAX : n));
        enum json_tokener_error err = json_tokener_get_error(r->tok);
        const char *bad = NULL;
        char why[160];
        if (n > INT32_MAX) bad = "line too long";
        else if (err == json_tokener_continue) bad = "bad JSON: the line ends inside a value";
        else if (err != json_tokener_success) {
            snprintf(why, sizeof why, "bad JSON: %s", json_tokener_error_desc(err));
            bad = why;
        } else if (json_tokener_get_parse_end(r->tok) < n) bad = "bad JSON: text after the value";
        else if (!json_object_is_type(o, json_type_object)) bad = "not a JSON object";
        else if (!obj_str(o, "text", NULL)) bad = "no \"text\" string";
        if (o) r->obj = o;
        if (bad) {
            if (++r->bad_lines <= DOC_BAD_SHOWN &&
                ent_diag(r->d, r->name, line, "%s; line skipped", bad) < 0)
                return -1;
            continue;
        }
        doc->line = line;
        /* id: a string or a number; else the line's place */
        json_object *v;
        if (json_object_object_get_ex(o, "id", &v) &&
            (json_object_is_type(v, json_type_string) || json_object_is_type(v, json_type_int))) {
            /* its length as JSON gives it: an id with \u0000 in it is not
             * cut there (ids that differ after it would be one) */
            const char *idv = json_object_get_string(v);
            size_t idn = json_object_is_type(v, json_type_string)
                             ? (size_t)json_object_get_string_len(v) : strlen(idv);
            doc->id = meta(r, idv, idn, r->name);
        } else {
            doc->id = place_id(r, ':', line);
        }
        if (!doc->id) {
            ent_diag(r->d, r->name, line, "out of memory");
            return -1;
        }
        if (json_object_object_get_ex(o, "date", &v) && !json_object_is_type(v, json_type_null)) {
            /* a string, or a number YYYYMMDD */
            int is_str = json_object_is_type(v, json_type_string);
            int is_num = json_object_is_type(v, json_type_int);
            const char *ds = is_str || is_num ? json_object_get_string(v)
                                              : json_object_to_json_string(v);
            size_t dn = is_str ? (size_t)json_object_get_string_len(v) : strlen(ds);
            int32_t date = is_str || is_num ? ent_parse_date(ds, dn) : -1;
            if (date < 0) {
                if (ent_diag_bad_date(r->d, r->name, line, ds, dn, r->default_date) < 0) return -1;
            } else {
                doc->date = date;
            }
        }
        size_t len;
        const char *f;
        if ((f = obj_str(o, "source", &len)) && !(doc->source = meta(r, f, len, field_where(r, doc, "source")))) goto oom;
        if ((f = obj_str(o, "url", &len)) && !(doc->url = meta(r, f, len, field_where(r, doc, "url")))) goto oom;
        if ((f = obj_str(o, "title", &len)) && !(doc->title = meta(r, f, len, field_where(r, doc, "title")))) goto oom;
        const char *text = obj_str(o, "text", &len);
        return fill_text(r, doc, text, len, 0) < 0 ? -1 : 1;
    oom:
        ent_diag(r->d, r->name, line, "out of memory");
        return -1;
    }
    if (rc == 0 && r->bad_lines > DOC_BAD_SHOWN) {
        long more = r->bad_lines - DOC_BAD_SHOWN;
        r->bad_lines = DOC_BAD_SHOWN;   /* said once */
        if (ent_diag(r->d, r->name, 0,
                     "%ld more lines skipped as not documents (%ld in all; the first %d are "
                     "named above)",
                     more, more + DOC_BAD_SHOWN, DOC_BAD_SHOWN) < 0)
            return -1;
    }
    if (rc == 0 && !r->seen_line) {
        r->seen_line = 1;
        ent_diag(r->d, r->name, 0, "no documents (the input is empty or only whitespace)");
    }
    return rc;
}

/* ---- PETRARCH XML. ------------------------------------------------------- */

static int next_xml(ent_doc_reader *r, ent_doc *doc) {
    ent_record rec;
    int rc;
    while ((rc = ent_petrxml_next(r->xml, &rec)) == 1) {
        if (rec.kind != ENT_REC_SENTENCE) continue;
        doc->line = rec.line;
        if (rec.id) {
            doc->id = meta(r, rec.id, strlen(rec.id), r->name);
        } else {
            doc->id = place_id(r, ':', rec.line);
        }
        if (!doc->id) {
            ent_diag(r->d, r->name, rec.line, "out of memory");
            return -1;
        }
        if (rec.date) {
            int32_t date = ent_parse_date(rec.date, strlen(rec.date));
            if (date < 0) {
                if (ent_diag_bad_date(r->d, r->name, rec.line, rec.date, strlen(rec.date),
                                      r->default_date) < 0)
                    return -1;
            } else {
                doc->date = date;
            }
        }
        const char *text = rec.text ? rec.text : "";
        return fill_text(r, doc, text, strlen(text), 0) < 0 ? -1 : 1;
    }
    return rc;
}

int ent_doc_next(ent_doc_reader *r, ent_doc *doc) {
    if (!r || !doc) return -1;
    doc_reset(r, doc);
    switch (r->format) {
    case ENT_DOC_JSONL: return next_jsonl(r, doc);
    case ENT_DOC_XML: return next_xml(r, doc);
    default: return next_text(r, doc);
    }
}
