/* petrxml.c -- stream the records of a PETRARCH XML file (see petrxml.h).
 *
 * Built on libxml2's xmlTextReader so a file of any size is read with flat
 * memory: the reader hands us one node at a time and we keep only the
 * record being assembled.  Each record's strings live in an arena that is
 * reset by the next call, so steady-state reading does not allocate per
 * record; the <Environment> strings have an arena of their own that lives
 * as long as the reader.
 *
 * libxml2 is told never to touch the network (XML_PARSE_NONET) and not to
 * substitute entities (no XML_PARSE_NOENT), and its messages are routed
 * through a per-reader error handler into the caller's diagnostics, so it
 * never prints on its own.  The file is opened by us rather than by
 * libxml2 so that a missing file is one clear message too.
 *
 * Malformed XML stops the stream with its file and line rather than being
 * repaired: libxml2's streaming reader gives up at the first fatal error
 * even when asked to recover, and a guessed repair could hand out records
 * with the wrong text, which is worse for validation than no records.  One
 * slip of PETRARCH's hand-made files is well-formed and read as meant: a
 * <Sentence .../> written self-closed with its <EventCoding>, <Text> and
 * <Parse> after it gets them as its content, with a warning, instead of
 * being coded as an empty record.  When such a file also closes the
 * sentence with a </Sentence>, it is malformed, and the error says why.
 */
#include "petrxml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "util.h"

/* Which text the reader is currently collecting. */
enum capture {
    CAP_NONE = 0,
    CAP_TEXT,
    CAP_PARSE,
    CAP_ENV, /* a file name inside <Environment> */
    CAP_SKIP /* a second <Text> or <Parse>: read past, kept nowhere */
};

struct ent_petrxml {
    xmlTextReaderPtr xr;
    int fd; /* -1 when reading from memory */
    char *name;
    ent_diags *d;
    int n_errors;      /* messages routed from libxml2 */
    int finished;      /* end, <Stop> or a fatal error seen */
    char generic[256]; /* first line libxml2 sent to its generic channel */
    size_t generic_len;
    int generic_done;
    int failed;
    long last_line;    /* line of the last record handed out, for an error */
    int replay;        /* the current node ends a record: handle it on the next call */

    ent_arena rec_arena; /* current record's strings */
    ent_arena env_arena; /* environment strings */
    ent_buf text;        /* text being collected */
    ent_vec expects;     /* ent_expect of the current record */
    ent_environment env;
};

static void route_error(void *ctx, xmlErrorPtr err) {
    ent_petrxml *r = ctx;
    if (!err) return;
    char msg[512];
    const char *m = err->message ? err->message : "malformed XML";
    size_t n = strlen(m);
    while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == '\r' || m[n - 1] == ' ')) n--;
    if (n >= sizeof msg) n = sizeof msg - 1;
    memcpy(msg, m, n);
    msg[n] = '\0';
    if (err->level == XML_ERR_WARNING) {
        ent_diag(r->d, r->name, err->line, "XML warning: %s", msg);
        return;
    }
    r->n_errors++;
    ent_diag(r->d, r->name, err->line, "malformed XML: %s", msg);
    /* "...tag mismatch: Sentences line 1 and Sentence": a </Sentence> where
     * no <Sentence> is open, which in PETRARCH's files means one written
     * self-closed above it.  libxml2 fails before handing us that element,
     * so the message is all there is to go on. */
    static const char mm[] = "Opening and ending tag mismatch: ";
    size_t ml = strlen(msg);
    if (!strncmp(msg, mm, sizeof mm - 1) && ml > 13 && !strcmp(msg + ml - 13, " and Sentence")) {
        const char *open = msg + sizeof mm - 1;
        size_t ol = strcspn(open, " ");
        static const char *const inner[] = {"Sentence", "Text", "Parse", "EventCoding"};
        int is_inner = 0;
        for (size_t i = 0; i < sizeof inner / sizeof inner[0]; i++)
            is_inner |= ol == strlen(inner[i]) && !strncmp(open, inner[i], ol);
        if (!is_inner)
            ent_diag(r->d, r->name, err->line,
                     "this </Sentence> closes no open <Sentence>: is the <Sentence> before it "
                     "written self-closed (<Sentence .../>)? Drop the '/' before its '>'");
    }
}

/* Some libxml2 errors (encoding conversion, I/O) bypass the structured
 * handler and go to the thread's generic error channel.  The channel is
 * pointed at the reader only while libxml2 runs on its behalf, then
 * restored, so nothing reaches stderr and no global stays changed. */
static void generic_error(void *ctx, const char *fmt, ...) {
    ent_petrxml *r = ctx;
    if (r->generic_done) return;
    char part[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(part, sizeof part, fmt, ap);
    va_end(ap);
    for (const char *p = part; *p; p++) {
        if (*p == '\n') {
            if (r->generic_len > 0) r->generic_done = 1;
            if (r->generic_done) return;
            continue;
        }
        if (r->generic_len + 1 < sizeof r->generic) r->generic[r->generic_len++] = *p;
    }
    r->generic[r->generic_len] = '\0';
}

typedef struct channel {
    xmlGenericErrorFunc fn;
    void *ctx;
} channel;

static channel channel_take(ent_petrxml *r) {
    channel saved = {xmlGenericError, xmlGenericErrorContext};
    xmlSetGenericErrorFunc(r, generic_error);
    return saved;
}

/* Restores the channel and turns anything it caught into a diagnostic. */
static void channel_give_back(ent_petrxml *r, channel saved, long line) {
    xmlSetGenericErrorFunc(saved.ctx, saved.fn);
    if (r->generic_len > 0) {
        r->n_errors++;
        ent_diag(r->d, r->name, line, "malformed XML: %s", r->generic);
    }
    r->generic_len = 0;
    r->generic_done = 0;
    r->generic[0] = '\0';
}

static ent_petrxml *reader_new(const char *name, ent_diags *d) {
    ent_petrxml *r = calloc(1, sizeof *r);
    if (!r) {
        ent_diag(d, name, 0, "out of memory");
        return NULL;
    }
    r->fd = -1;
    r->d = d;
    r->name = strdup(name ? name : "-");
    if (!r->name) {
        free(r);
        ent_diag(d, name, 0, "out of memory");
        return NULL;
    }
    ent_arena_init(&r->rec_arena, 16 * 1024);
    ent_arena_init(&r->env_arena, 4 * 1024);
    ent_vec_init(&r->expects, sizeof(ent_expect));
    return r;
}

static const int xml_options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;

static ent_petrxml *reader_attach(ent_petrxml *r, xmlTextReaderPtr xr) {
    if (!xr) {
        ent_diag(r->d, r->name, 0, "cannot start the XML reader");
        ent_petrxml_close(r);
        return NULL;
    }
    r->xr = xr;
    xmlTextReaderSetStructuredErrorHandler(xr, route_error, r);
    return r;
}

ent_petrxml *ent_petrxml_open(const char *path, ent_diags *d) {
    ent_petrxml *r = reader_new(path, d);
    if (!r) return NULL;
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0 || ent_input_fd_ok(r->fd) < 0) {
        ent_diag(d, path, 0, "cannot open: %s", ent_strerror(errno));
        ent_petrxml_close(r);
        return NULL;
    }
    channel saved = channel_take(r);
    xmlTextReaderPtr xr = xmlReaderForFd(r->fd, path, NULL, xml_options);
    channel_give_back(r, saved, 1);
    return reader_attach(r, xr);
}

ent_petrxml *ent_petrxml_open_mem(const char *buf, size_t n, const char *name, ent_diags *d) {
    ent_petrxml *r = reader_new(name, d);
    if (!r) return NULL;
    if (n > (size_t)INT32_MAX) {
        ent_diag(d, r->name, 0, "input too large");
        ent_petrxml_close(r);
        return NULL;
    }
    channel saved = channel_take(r);
    xmlTextReaderPtr xr = xmlReaderForMemory(buf, (int)n, name, NULL, xml_options);
    channel_give_back(r, saved, 1);
    return reader_attach(r, xr);
}

void ent_petrxml_close(ent_petrxml *r) {
    if (!r) return;
    if (r->xr) {
        channel saved = channel_take(r);
        xmlFreeTextReader(r->xr);
        r->xr = NULL;
        xmlSetGenericErrorFunc(saved.ctx, saved.fn);
    }
    if (r->fd >= 0) close(r->fd);
    ent_arena_free(&r->rec_arena);
    ent_arena_free(&r->env_arena);
    ent_buf_free(&r->text);
    ent_vec_free(&r->expects);
    free(r->name);
    free(r);
}

const ent_environment *ent_petrxml_env(const ent_petrxml *r) { return &r->env; }

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int name_is(const xmlChar *name, const char *want) {
    return name && strcmp((const char *)name, want) == 0;
}

/* Copies attribute `attr` of the current element into `arena`; *out stays
 * NULL when absent.  Returns -1 on OOM. */
static int get_attr(ent_petrxml *r, ent_arena *arena, const char *attr, char **out) {
    *out = NULL;
    xmlChar *v = xmlTextReaderGetAttribute(r->xr, (const xmlChar *)attr);
    if (!v) return 0;
    *out = ent_arena_strdup(arena, (const char *)v);
    xmlFree(v);
    return *out ? 0 : -1;
}

/* Element start line: libxml2 records it on the node as it builds it. */
static long node_line(ent_petrxml *r) {
    xmlNodePtr n = xmlTextReaderCurrentNode(r->xr);
    long line = n ? xmlGetLineNo(n) : -1;
    if (line <= 0) line = xmlTextReaderGetParserLineNumber(r->xr);
    return line;
}

/* Collapses whitespace runs to one space and trims, into the arena. */
static char *collapse_ws(ent_arena *a, const char *s, size_t n) {
    char *out = ent_arena_alloc(a, n + 1);
    if (!out) return NULL;
    size_t k = 0;
    int pending = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_ws((unsigned char)s[i])) {
            pending = k > 0;
            continue;
        }
        if (pending) out[k++] = ' ';
        pending = 0;
        out[k++] = s[i];
    }
    out[k] = '\0';
    return out;
}

static char *trim_dup(ent_arena *a, const char *s, size_t n) {
    while (n > 0 && is_ws((unsigned char)*s)) s++, n--;
    while (n > 0 && is_ws((unsigned char)s[n - 1])) n--;
    return ent_arena_strndup(a, s, n);
}

static int oom(ent_petrxml *r) {
    ent_diag(r->d, r->name, xmlTextReaderGetParserLineNumber(r->xr), "out of memory");
    r->finished = r->failed = 1;
    return -1;
}

/* Environment file fields; Actorfile may repeat and may list several names
 * separated by commas. */
static int env_store(ent_petrxml *r, const char *field, long line) {
    ent_environment *e = &r->env;
    const char *s = r->text.data ? r->text.data : "";
    size_t n = r->text.len;
    if (!strcmp(field, "Actorfile")) {
        size_t b = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != ',') continue;
            char *one = trim_dup(&r->env_arena, s + b, i - b);
            if (!one) return oom(r);
            b = i + 1;
            if (!*one) continue;
            if (e->n_actorfiles == (int)(sizeof e->actorfiles / sizeof e->actorfiles[0])) {
                ent_diag(r->d, r->name, line, "too many actor files; '%s' ignored", one);
                continue;
            }
            e->actorfiles[e->n_actorfiles++] = one;
        }
        return 0;
    }
    char **slot = !strcmp(field, "Verbfile")      ? &e->verbfile
                  : !strcmp(field, "Agentfile")   ? &e->agentfile
                  : !strcmp(field, "Discardfile") ? &e->discardfile
                  : !strcmp(field, "Issuefile")   ? &e->issuefile
                                                  : NULL;
    if (!slot) return 0;
    *slot = trim_dup(&r->env_arena, s, n);
    return *slot ? 0 : oom(r);
}

static int env_config(ent_petrxml *r, long line) {
    ent_environment *e = &r->env;
    char *opt, *val;
    if (get_attr(r, &r->env_arena, "option", &opt) < 0 ||
        get_attr(r, &r->env_arena, "value", &val) < 0)
        return oom(r);
    if (!opt) {
        ent_diag(r->d, r->name, line, "<Config> without an option attribute");
        return 0;
    }
    if (e->n_config == (int)(sizeof e->config_option / sizeof e->config_option[0])) {
        ent_diag(r->d, r->name, line, "too many <Config> options; '%s' ignored", opt);
        return 0;
    }
    e->config_option[e->n_config] = opt;
    e->config_value[e->n_config] = val;
    e->n_config++;
    return 0;
}

static int truthy(const char *v) {
    return v && (!strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes"));
}

static int event_coding(ent_petrxml *r, ent_record *rec) {
    char *src, *tgt, *code, *noev, *err;
    ent_arena *a = &r->rec_arena;
    if (get_attr(r, a, "sourcecode", &src) < 0 || get_attr(r, a, "targetcode", &tgt) < 0 ||
        get_attr(r, a, "eventcode", &code) < 0 || get_attr(r, a, "noevents", &noev) < 0 ||
        get_attr(r, a, "error", &err) < 0)
        return oom(r);
    if (truthy(noev)) rec->expect_noevents = 1;
    if (err) rec->expect_error = err;
    if (src || tgt || code) {
        ent_expect *x = ent_vec_push(&r->expects);
        if (!x) return oom(r);
        x->source = src;
        x->target = tgt;
        x->code = code;
    }
    return 0;
}

static int collect(ent_petrxml *r) {
    const xmlChar *v = xmlTextReaderConstValue(r->xr);
    if (!v) return 0;
    if (ent_buf_puts(&r->text, (const char *)v) < 0) return oom(r);
    return 0;
}

/* The record is complete: hand out its expected events. */
static int record_done(ent_petrxml *r, ent_record *rec) {
    rec->expect = r->expects.len ? (ent_expect *)r->expects.items : NULL;
    rec->n_expect = (int)r->expects.len;
    r->last_line = node_line(r);
    return 1;
}

int ent_petrxml_next(ent_petrxml *r, ent_record *rec) {
    memset(rec, 0, sizeof *rec);
    if (r->failed) return -1;
    if (r->finished) return 0;
    ent_arena_reset(&r->rec_arena);
    r->expects.len = 0;

    int in_env = 0, in_sentence = 0;
    int selfclosed = 0, sentence_depth = -1, warned = 0; /* a <Sentence .../> taking content */
    int cap = CAP_NONE, cap_depth = -1;
    const char *env_field = NULL;
    long cap_line = 0;

    for (;;) {
        int rc = 1;
        if (r->replay) {
            r->replay = 0;   /* the node that ended the last record, again */
        } else {
            channel saved = channel_take(r);
            rc = xmlTextReaderRead(r->xr);
            channel_give_back(r, saved, xmlTextReaderGetParserLineNumber(r->xr));
        }
        /* The parser reads ahead of the node handed to us, so an error may be
         * reported while earlier records are still to come: deliver them,
         * and fail only when the reader gives up or the document ends. */
        if (rc < 0 || (rc == 0 && r->n_errors > 0)) {
            long at = xmlTextReaderGetParserLineNumber(r->xr);
            if (r->n_errors == 0) ent_diag(r->d, r->name, at, "malformed XML");
            /* libxml2 gives up on the whole chunk it read ahead, so complete
             * records just before the error can be lost too: say from where
             * (with none handed out, the error alone says it). */
            if (r->last_line > 0)
                ent_diag(r->d, r->name, at, "reading stopped: records after line %ld were not read",
                         r->last_line);
            r->finished = r->failed = 1;
            memset(rec, 0, sizeof *rec);
            return -1;
        }
        if (rc == 0) {
            r->finished = 1;
            if (selfclosed) return record_done(r, rec);
            if (in_sentence) {
                ent_diag(r->d, r->name, rec->line, "<Sentence> is never closed");
                r->failed = 1;
                memset(rec, 0, sizeof *rec);
                return -1;
            }
            return 0;
        }
        int type = xmlTextReaderNodeType(r->xr);
        int depth = xmlTextReaderDepth(r->xr);
        const xmlChar *name = xmlTextReaderConstLocalName(r->xr);

        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) {
            if (cap != CAP_NONE && collect(r) < 0) return -1;
            continue;
        }

        if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(r->xr);
            long line = node_line(r);
            if (cap != CAP_NONE) continue; /* markup inside <Text>/<Parse>: keep its text */
            if (selfclosed && depth <= sentence_depth && !name_is(name, "EventCoding") &&
                !name_is(name, "Text") && !name_is(name, "Parse")) {
                r->replay = 1;   /* the next record's start ends this one */
                return record_done(r, rec);
            }
            if (name_is(name, "Stop")) {
                r->finished = 1;
                if (in_sentence) {
                    ent_diag(r->d, r->name, line, "<Stop> inside a <Sentence>");
                    r->failed = 1;
                    memset(rec, 0, sizeof *rec);
                    return -1;
                }
                return 0;
            }
            if (in_env) {
                if (name_is(name, "Config")) {
                    if (env_config(r, line) < 0) return -1;
                } else if (!empty && (name_is(name, "Verbfile") || name_is(name, "Actorfile") ||
                                      name_is(name, "Agentfile") || name_is(name, "Discardfile") ||
                                      name_is(name, "Issuefile"))) {
                    cap = CAP_ENV;
                    cap_depth = depth;
                    env_field = (const char *)name;
                    ent_buf_clear(&r->text);
                }
                continue;
            }
            if (!in_sentence) {
                if (name_is(name, "Environment")) {
                    in_env = !empty;
                } else if (name_is(name, "Config")) {
                    rec->kind = ENT_REC_CONFIG;
                    rec->line = line;
                    if (get_attr(r, &r->rec_arena, "option", &rec->option) < 0 ||
                        get_attr(r, &r->rec_arena, "value", &rec->value) < 0)
                        return oom(r);
                    if (!rec->option) {
                        ent_diag(r->d, r->name, line, "<Config> without an option attribute");
                        memset(rec, 0, sizeof *rec);
                        continue;
                    }
                    return 1;
                } else if (name_is(name, "Sentence")) {
                    rec->kind = ENT_REC_SENTENCE;
                    rec->line = line;
                    if (get_attr(r, &r->rec_arena, "id", &rec->id) < 0 ||
                        get_attr(r, &r->rec_arena, "date", &rec->date) < 0 ||
                        get_attr(r, &r->rec_arena, "category", &rec->category) < 0)
                        return oom(r);
                    in_sentence = 1;
                    selfclosed = empty;
                    sentence_depth = depth;
                }
                continue;
            }
            /* Inside a <Sentence>. */
            if (selfclosed && !warned && (name_is(name, "EventCoding") || name_is(name, "Text") ||
                                          name_is(name, "Parse"))) {
                warned = 1;
                ent_diag(r->d, r->name, rec->line,
                         "<Sentence id=\"%s\"> is self-closed (<Sentence .../>): the <EventCoding>, "
                         "<Text> and <Parse> after it are read as its content",
                         rec->id ? rec->id : "");
            }
            if (name_is(name, "EventCoding")) {
                if (event_coding(r, rec) < 0) return -1;
            } else if (name_is(name, "Text") || name_is(name, "Parse")) {
                int is_parse = name_is(name, "Parse");
                ent_buf_clear(&r->text);
                /* A record has one text and one parse; a second would
                 * silently replace what the first said. */
                if (is_parse ? rec->parse != NULL : rec->text != NULL) {
                    ent_diag(r->d, r->name, line, "a second <%s> in <Sentence>: the first is kept",
                             is_parse ? "Parse" : "Text");
                    if (empty) continue;
                    cap = CAP_SKIP;
                    cap_depth = depth;
                    continue;
                }
                if (empty) {
                    if (is_parse) {
                        rec->parse = ent_arena_strdup(&r->rec_arena, "");
                        rec->parse_line = line;
                        if (!rec->parse) return oom(r);
                    } else {
                        rec->text = ent_arena_strdup(&r->rec_arena, "");
                        if (!rec->text) return oom(r);
                    }
                    continue;
                }
                cap = is_parse ? CAP_PARSE : CAP_TEXT;
                cap_depth = depth;
                cap_line = line;
            }
            continue;
        }

        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (cap != CAP_NONE) {
                if (depth != cap_depth) continue;
                const char *s = r->text.data ? r->text.data : "";
                if (cap == CAP_ENV) {
                    if (env_store(r, env_field, node_line(r)) < 0) return -1;
                } else if (cap == CAP_SKIP) {
                    /* a second <Text> or <Parse>, reported at its start */
                } else if (cap == CAP_TEXT) {
                    rec->text = collapse_ws(&r->rec_arena, s, r->text.len);
                    if (!rec->text) return oom(r);
                } else {
                    rec->parse = ent_arena_strndup(&r->rec_arena, s, r->text.len);
                    if (!rec->parse) return oom(r);
                    rec->parse_line = cap_line;
                }
                cap = CAP_NONE;
                continue;
            }
            if (in_env && name_is(name, "Environment")) {
                in_env = 0;
            } else if (selfclosed && depth < sentence_depth) {
                return record_done(r, rec);   /* its parent closes */
            } else if (in_sentence && !selfclosed && name_is(name, "Sentence")) {
                return record_done(r, rec);
            }
        }
        /* Comments, processing instructions, DOCTYPE: nothing to keep. */
    }
}

