/* sink.c -- event rendering; see sink.h. */
#include "sink.h"

#include "evdate.h"
#include "place.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void ent_format_date(int32_t date, char out[11]) {
    if (date <= 0) {
        out[0] = '\0';
        return;
    }
    int y = (int)(date / 10000) % 10000, m = (int)(date / 100) % 100, d = (int)date % 100;
    const int v[3] = {y, m, d}, w[3] = {4, 2, 2};
    int k = 0;
    for (int f = 0; f < 3; f++) {
        if (f) out[k++] = '-';
        for (int i = w[f] - 1, x = v[f]; i >= 0; i--, x /= 10) out[k + i] = (char)('0' + x % 10);
        k += w[f];
    }
    out[k] = '\0';
}

const char *ent_sink_header(int format) {
    if (format == ENT_SINK_TSV)
        return "doc\tsent\tdate\tsource\ttarget\tcode\troot\tquad\tgoldstein\tsource_text\t"
               "target_text\tverb\tpattern\tevent_date\tdate_precision\tdate_text\tplace\tplace_name\t"
               "place_country\tplace_adm1\tlat\tlon\tplace_kind\n";
    return "";
}

/* Integers and one-decimal scores without printf: rendering is on the hot
 * path of `entente code`. */
static int put_int(ent_buf *b, long v) {
    char tmp[24];
    int n = 0, neg = v < 0;
    unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;
    do tmp[n++] = (char)('0' + u % 10); while ((u /= 10) && n < 22);
    if (neg) tmp[n++] = '-';
    char out[24];
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    return ent_buf_append(b, out, (size_t)n);
}

static int put_score(ent_buf *b, double g) {
    long tenths = (long)(g * 10.0 + (g < 0 ? -0.5 : 0.5));
    int rc = 0;
    if (tenths < 0) {
        rc |= ent_buf_putc(b, '-');
        tenths = -tenths;
    }
    rc |= put_int(b, tenths / 10);
    rc |= ent_buf_putc(b, '.');
    rc |= ent_buf_putc(b, (char)('0' + tenths % 10));
    return rc;
}

/* TSV fields must not carry tabs or newlines. */
static int put_tsv_field(ent_buf *b, const char *s) {
    for (; s && *s; s++)
        if (ent_buf_putc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s) < 0) return -1;
    return 0;
}

int ent_sink_has_place(const ent_event_view *e) { return e->place_name && e->place_name[0]; }

/* A coordinate with five decimals (about a metre) into out, its length,
 * or 0 when there is none; by hand, as printf's doubles cost more than
 * the rest of an event's line. */
static size_t coord_text(double v, char out[24]) {
    if (isnan(v) || v < -1000.0 || v > 1000.0) return out[0] = '\0', 0;
    long u = (long)(v * 100000.0 + (v < 0 ? -0.5 : 0.5));
    size_t n = 0;
    if (u < 0) {
        out[n++] = '-';
        u = -u;
    }
    char whole[12];
    int k = 0;
    long w = u / 100000;
    do whole[k++] = (char)('0' + w % 10); while ((w /= 10) && k < 10);
    while (k) out[n++] = whole[--k];
    out[n++] = '.';
    for (int i = 4; i >= 0; i--) out[n + (size_t)i] = (char)('0' + u % 10), u /= 10;
    n += 5;
    out[n] = '\0';
    return n;
}

/* The coordinate, or `none`. */
static int put_coord(ent_buf *b, double v, const char *none) {
    char t[24];
    size_t n = coord_text(v, t);
    return n ? ent_buf_append(b, t, n) : ent_buf_puts(b, none);
}

/* ", \"place\": ..., \"place_kind\": ...": null for each when unplaced. */
static int put_json_place(ent_buf *out, const ent_event_view *e) {
    if (!ent_sink_has_place(e))
        return ent_buf_puts(out, ", \"place\": null, \"place_name\": null, \"place_country\": null,"
                                 " \"place_adm1\": null, \"lat\": null, \"lon\": null,"
                                 " \"place_kind\": null");
    static const char *const k[5] = {", \"place\": ", ", \"place_name\": ", ", \"place_country\": ",
                                     ", \"place_adm1\": ", ", \"place_kind\": "};
    const char *v[5] = {e->place, e->place_name, e->place_country, e->place_adm1, e->place_kind};
    int rc = 0;
    for (int i = 0; i < 5; i++) {
        rc |= ent_buf_puts(out, k[i]);
        rc |= v[i] && v[i][0] ? ent_buf_json_str(out, v[i]) : ent_buf_puts(out, "null");
        if (i == 3) {
            rc |= ent_buf_puts(out, ", \"lat\": ");
            rc |= put_coord(out, e->lat, "null");
            rc |= ent_buf_puts(out, ", \"lon\": ");
            rc |= put_coord(out, e->lon, "null");
        }
    }
    return rc;
}

void ent_sink_place_cells(const ent_event_view *e, char coords[2][24], const char *cells[7]) {
    int has = ent_sink_has_place(e);
    coord_text(has ? e->lat : NAN, coords[0]);
    coord_text(has ? e->lon : NAN, coords[1]);
    const char *v[7] = {e->place, e->place_name, e->place_country, e->place_adm1,
                        coords[0], coords[1], e->place_kind};
    for (int i = 0; i < 7; i++) cells[i] = (has || i == 4 || i == 5) && v[i] ? v[i] : "";
}

/* The place columns as TSV fields. */
static int put_tsv_place(ent_buf *out, const ent_event_view *e) {
    char coords[2][24];
    const char *cells[7];
    ent_sink_place_cells(e, coords, cells);
    int rc = 0;
    for (int i = 0; i < 7; i++) {
        if (i) rc |= ent_buf_putc(out, '\t');
        rc |= put_tsv_field(out, cells[i]);
    }
    return rc;
}

void ent_sink_set_place(ent_event_view *x, const ent_place *p, const char *words) {
    const ent_gaz_place *g = ent_place_get(p->place);
    x->place = g ? words : "";
    x->place_name = g ? g->name : "";
    x->place_country = g ? g->country : "";
    x->place_adm1 = g ? g->adm1 : "";
    x->place_kind = g ? ent_place_kind_name(g->kind) : "";
    x->lat = g ? g->lat : NAN;
    x->lon = g ? g->lon : NAN;
}

int ent_sink_json_line(ent_buf *out, const ent_event_view *e) {
    char date[11];
    ent_format_date(e->date, date);
    int rc = 0;
    /* a stored event leads with its id and ends with its sentence and
     * story; a coded one (no id) has neither, its fields are the rest */
    if (e->event_id) rc |= ent_buf_printf(out, "{\"event_id\": %lld, ", (long long)e->event_id);
    rc |= ent_buf_puts(out, e->event_id ? "\"doc\": " : "{\"doc\": ");
    rc |= ent_buf_json_str(out, e->doc);
    rc |= ent_buf_puts(out, ", \"sent\": ");
    rc |= put_int(out, e->sent);
    rc |= ent_buf_puts(out, ", \"date\": ");
    rc |= date[0] ? ent_buf_json_str(out, date) : ent_buf_puts(out, "null");
    ent_format_date(e->event_date, date);
    rc |= ent_buf_puts(out, ", \"event_date\": ");
    rc |= date[0] ? ent_buf_json_str(out, date) : ent_buf_puts(out, "null");
    rc |= ent_buf_puts(out, ", \"date_precision\": ");
    rc |= ent_buf_json_str(out, ent_evdate_precision_name(e->date_precision));
    rc |= ent_buf_puts(out, ", \"date_text\": ");
    rc |= ent_buf_json_str(out, e->date_text ? e->date_text : "");
    rc |= ent_buf_puts(out, ", \"source\": ");
    rc |= ent_buf_json_str(out, e->source);
    rc |= ent_buf_puts(out, ", \"target\": ");
    rc |= ent_buf_json_str(out, e->target);
    rc |= ent_buf_puts(out, ", \"code\": ");
    rc |= ent_buf_json_str(out, e->code);
    rc |= ent_buf_puts(out, ", \"root\": ");
    rc |= ent_buf_json_str(out, e->root);
    rc |= ent_buf_puts(out, ", \"quad\": ");
    rc |= put_int(out, e->quad);
    rc |= ent_buf_puts(out, ", \"goldstein\": ");
    rc |= put_score(out, e->goldstein);
    rc |= ent_buf_puts(out, ", \"source_text\": ");
    rc |= ent_buf_json_str(out, e->source_text);
    rc |= ent_buf_puts(out, ", \"target_text\": ");
    rc |= ent_buf_json_str(out, e->target_text);
    rc |= ent_buf_puts(out, ", \"verb\": ");
    rc |= ent_buf_json_str(out, e->verb);
    rc |= ent_buf_puts(out, ", \"pattern\": ");
    rc |= ent_buf_json_str(out, e->pattern);
    if (e->issue) {
        rc |= ent_buf_puts(out, ", \"issue\": ");
        rc |= ent_buf_json_str(out, e->issue);
    }
    rc |= put_json_place(out, e);
    if (e->event_id) rc |= ent_sink_json_story(out, e);
    rc |= ent_buf_puts(out, "}\n");
    return rc ? -1 : 0;
}

int ent_sink_json_story(ent_buf *out, const ent_event_view *e) {
    const char *k[4] = {"sentence", "outlet", "url", "title"};
    const char *v[4] = {e->sentence, e->outlet, e->url, e->title};
    int rc = 0;
    for (int i = 0; i < 4; i++) {
        rc |= ent_buf_printf(out, ", \"%s\": ", k[i]);
        rc |= v[i] ? ent_buf_json_str(out, v[i]) : ent_buf_puts(out, "null");
    }
    rc |= ent_buf_printf(out,
                         ", \"happening\": %lld, \"mentions\": %d, \"documents\": %d,"
                         " \"sources\": %d",
                         (long long)e->happening, e->mentions, e->documents, e->sources);
    return rc ? -1 : 0;
}

int ent_sink_render(ent_buf *out, int format, const ent_sentence_ref *ref, const ent_tree *t,
                    const ent_event *ev, int n) {
    char date[11], edate[11], stext[256], ttext[256], vtext[64], dtext[96], ptext[128];
    stext[0] = ttext[0] = vtext[0] = dtext[0] = ptext[0] = '\0';
    ent_format_date(ref->date, date);
    for (int i = 0; i < n; i++) {
        const ent_event *e = &ev[i];
        if (format != ENT_SINK_PETRARCH) {   /* PETRARCH's lines carry no texts */
            ent_tree_span_text(t, e->src_begin, e->src_end, stext, sizeof stext);
            ent_tree_span_text(t, e->tgt_begin, e->tgt_end, ttext, sizeof ttext);
            ent_tree_span_text(t, e->verb_tok, e->verb_tok + 1, vtext, sizeof vtext);
            ent_evdate_text(t, e->when.begin, e->when.end, dtext, sizeof dtext);
            ent_evdate_text(t, e->where.begin, e->where.end, ptext, sizeof ptext);
        }
        ent_event_view se = {
            .doc = ref->doc, .sent = ref->sent, .date = ref->date,
            .event_date = e->when.date, .date_precision = e->when.precision,
            .date_text = dtext, .source = e->source,
            .target = e->target, .code = e->code, .root = e->root, .quad = e->quad,
            .goldstein = e->goldstein, .source_text = stext, .target_text = ttext,
            .verb = vtext, .pattern = e->pattern ? e->pattern->text : "", .issue = e->issue};
        ent_sink_set_place(&se, &e->where, ptext);
        const char *pat = e->pattern ? e->pattern->text : "";
        int rc = 0;
        switch (format) {
        case ENT_SINK_TSV:
            rc |= ent_buf_printf(out, "%s\t%d\t%s\t", ref->doc, ref->sent, date);
            rc |= put_tsv_field(out, e->source);
            rc |= ent_buf_putc(out, '\t');
            rc |= put_tsv_field(out, e->target);
            rc |= ent_buf_printf(out, "\t%s\t%s\t%d\t%.1f\t", e->code, e->root, e->quad,
                                 e->goldstein);
            rc |= put_tsv_field(out, stext);
            rc |= ent_buf_putc(out, '\t');
            rc |= put_tsv_field(out, ttext);
            rc |= ent_buf_putc(out, '\t');
            rc |= put_tsv_field(out, vtext);
            rc |= ent_buf_putc(out, '\t');
            rc |= put_tsv_field(out, pat);
            ent_format_date(e->when.date, edate);
            rc |= ent_buf_printf(out, "\t%s\t%s\t", edate,
                                 ent_evdate_precision_name(e->when.precision));
            rc |= put_tsv_field(out, dtext);
            rc |= ent_buf_putc(out, '\t');
            rc |= put_tsv_place(out, &se);
            rc |= ent_buf_putc(out, '\n');
            break;
        case ENT_SINK_PETRARCH:
            /* PETRARCH's event line: date, source, target, code, then ids */
            rc |= ent_buf_printf(out, "%08d\t", (int)ref->date);
            rc |= put_tsv_field(out, e->source);
            rc |= ent_buf_putc(out, '\t');
            rc |= put_tsv_field(out, e->target);
            rc |= ent_buf_printf(out, "\t%s\t%s-%d\t", e->code, ref->doc, ref->sent);
            rc |= put_tsv_field(out, e->issue ? e->issue : "");
            rc |= ent_buf_putc(out, '\n');
            break;
        default:
            rc |= ent_sink_json_line(out, &se);
        }
        if (rc) return -1;
    }
    return 0;
}
