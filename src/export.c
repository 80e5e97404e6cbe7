/* export.c -- the GDELT 2.0 event table and PLOVER lines (see export.h).
 *
 * Design.  Both render one stored event into a caller's buffer, as
 * sink.c renders JSONL, so `entente events` and the server stream them
 * row by row.  GDELT's actor columns are read off the CAMEO code, whose
 * three-letter parts say what they are: a country (or region) first, or
 * an organisation kind (IGO, NGO, ...) followed by the organisation's
 * code, then roles and religions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evdate.h"
#include "export.h"
#include "place.h"
#include "sink.h"

const char *const ent_export_gdelt_columns[ENT_EXPORT_GDELT_COLUMNS] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
};

static int plover_cmp(const void *k, const void *e) {
    return strcmp(k, ((const ent_plover *)e)->code);
}

static const ent_plover *plover_exact(const char *k) {
    return bsearch(k, ent_plover_table, (size_t)ent_plover_count, sizeof *ent_plover_table,
                   plover_cmp);
}

const ent_plover *ent_plover_find(const char *code) {
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return NULL;
    /* the code, then its three-digit base, then the root's general code
     * ("0345": 0345, 034, 030; "03" is 030) */
    char k[3][5];
    snprintf(k[0], sizeof k[0], "%.4s", code);
    snprintf(k[1], sizeof k[1], "%.3s", code);
    snprintf(k[2], sizeof k[2], "%.2s0", code);
    for (int i = 0; i < 3; i++) {
        const ent_plover *p = plover_exact(k[i]);
        if (p) return p;
    }
    return NULL;
}

/* Three-letter parts of a CAMEO actor code that are roles or kinds of
 * actor (GDELT's Type codes), and religions (Religion1 and, for the
 * branches, Religion2). */
static const char *const actor_types[] = {
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
    "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP", "PTY", "RAD",
    "REB", "REF", "SEP", "SPY", "UAF", "UIS",
};
static const char *const religions1[] = {"ADR", "ATH", "BAH", "BUD", "CHR", "CON", "HIN", "ITR",
                                         "JAN", "JEW", "MOS", "NRM", "SHN", "SIK", "TAO", "ZRO"};
static const char *const religions2[] = {"ALE", "ANG", "CTH", "DOX", "ORT", "PRO", "SFI", "SHI",
                                         "SUN", "MAH", "THR"};

static int in_list(const char *part, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!strncmp(part, list[i], 3)) return 1;
    return 0;
}
#define IN(part, list) in_list(part, list, sizeof list / sizeof *list)

typedef struct gdelt_actor {
    char country[4], group[4], rel1[4], rel2[4], type[3][4];
} gdelt_actor;

static void actor_parts(const char *code, gdelt_actor *a) {
    memset(a, 0, sizeof *a);
    size_t n = strlen(code);
    int types = 0;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        const char *p = code + i;
        int letters = 1;
        for (int k = 0; k < 3; k++) letters &= p[k] >= 'A' && p[k] <= 'Z';
        if (!letters) return;   /* "---", "+++": no actor code */
        char part[4] = {p[0], p[1], p[2], '\0'};
        int org = i == 0 && (!strcmp(part, "IGO") || !strcmp(part, "NGO") ||
                             !strcmp(part, "NGM") || !strcmp(part, "MNC"));
        if (org) {
            /* an organisation: its kind, then its own code (IGOUNO: UNO) */
            memcpy(a->type[types++], part, 4);
            if (i + 6 <= n) memcpy(a->group, p + 3, 3), i += 3;
        } else if (i == 0 && !IN(part, actor_types) && !IN(part, religions1)) {
            memcpy(a->country, part, 4);
        } else if (IN(part, religions1) && !a->rel1[0]) {
            memcpy(a->rel1, part, 4);
        } else if (IN(part, religions2) && !a->rel2[0]) {
            memcpy(a->rel2, part, 4);
        } else if (IN(part, actor_types) && types < 3) {
            memcpy(a->type[types++], part, 4);
        }
    }
}

/* When the event happened: its own date, or its story's. */
static int32_t event_date(const ent_event_view *e) {
    return e->event_date > 0 ? e->event_date : e->date;
}

/* A field of a tab-separated line: tabs and line breaks become spaces. */
static int put_field(ent_buf *b, const char *s) {
    int rc = ent_buf_putc(b, '\t');
    for (; s && *s && !rc; s++)
        rc = ent_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
    return rc;
}

static int put_actor(ent_buf *b, const char *code, const char *name) {
    gdelt_actor a;
    int known = code && code[0] >= 'A' && code[0] <= 'Z';
    actor_parts(known ? code : "", &a);
    const char *f[10] = {known ? code : "", known ? name : "", a.country, a.group, "",
                         a.rel1, a.rel2, a.type[0], a.type[1], a.type[2]};
    int rc = 0;
    for (int i = 0; i < 10; i++) rc |= put_field(b, f[i]);
    return rc;
}

/* GDELT's geographic type: 1 a country, 2 a US state, 3 a US city, 4 a
 * city elsewhere (and, as GDELT has no type for them, a sea or region),
 * 5 a first-level division elsewhere. */
static int geo_type(const ent_event_view *e) {
    const char *k = e->place_kind ? e->place_kind : "";
    int us = e->place_country && !strcmp(e->place_country, "USA");
    if (!strcmp(k, "country")) return 1;
    if (!strcmp(k, "adm1")) return us ? 2 : 5;
    return us && !strcmp(k, "city") ? 3 : 4;
}

/* ActionGeo's 8 columns from the event's place (event_view.h), each after a
 * tab; empty when it has none.  Country codes are ISO 3166-1 alpha-2
 * where GDELT writes FIPS 10-4 (the same for most states); the ADM1 code
 * is that code and the division's ("US-TX" -> "USTX", GeoNames' "UA.07"
 * -> "UA07"); FeatureID is left empty. */
static int put_action_geo(ent_buf *out, const ent_event_view *e) {
    if (!ent_sink_has_place(e)) return ent_buf_puts(out, "\t\t\t\t\t\t\t\t");
    const char *cc = e->place_country ? e->place_country : "";
    const char *a2 = ent_place_alpha2(cc);
    const ent_gaz_place *country = ent_place_country(cc);
    char full[256], adm1[16];
    int is_country = country && !strcmp(e->place_kind ? e->place_kind : "", "country");
    snprintf(full, sizeof full, "%s%s%s", e->place_name, country && !is_country ? ", " : "",
             country && !is_country ? country->name : "");
    size_t k = 0;
    const char *src = e->place_adm1 && e->place_adm1[0] ? e->place_adm1 : a2;
    for (const char *p = src; *p && k + 1 < sizeof adm1; p++)
        if (*p != '-' && *p != '.') adm1[k++] = *p;
    adm1[k] = '\0';
    int rc = ent_buf_printf(out, "\t%d", geo_type(e));
    rc |= put_field(out, full);
    rc |= put_field(out, a2);
    rc |= put_field(out, adm1);
    rc |= ent_buf_putc(out, '\t');   /* ADM2 */
    if (isnan(e->lat) || isnan(e->lon)) rc |= ent_buf_puts(out, "\t\t");
    else rc |= ent_buf_printf(out, "\t%.4f\t%.4f", e->lat, e->lon);
    rc |= ent_buf_putc(out, '\t');   /* FeatureID */
    return rc;
}

int ent_export_gdelt_line(ent_buf *out, const ent_event_view *e) {
    int32_t d = event_date(e);
    int rc = ent_buf_printf(out, "%lld", (long long)e->event_id);
    if (d > 0) {
        int y = d / 10000, m = d / 100 % 100, day = d % 100;
        /* GDELT's FractionDate: (MONTH * 30 + DAY) / 365 past the year */
        rc |= ent_buf_printf(out, "\t%d\t%d\t%d\t%.4f", (int)d, (int)(d / 100), y,
                             y + (m * 30 + day) / 365.0);
    } else {
        rc |= ent_buf_puts(out, "\t\t\t\t");
    }
    rc |= put_actor(out, e->source, e->source_text);
    rc |= put_actor(out, e->target, e->target_text);
    /* the root event: GDELT's is one from the lead paragraph */
    char base[4];
    snprintf(base, sizeof base, "%.3s", e->code ? e->code : "");
    rc |= ent_buf_printf(out, "\t%d", e->sent == 0);
    rc |= put_field(out, e->code);
    rc |= put_field(out, base);
    rc |= put_field(out, e->root);
    /* NumMentions, NumSources, NumArticles: the happening's */
    rc |= ent_buf_printf(out, "\t%d\t%.1f\t%d\t%d\t%d\t", e->quad, e->goldstein,
                         e->mentions > 0 ? e->mentions : 1, e->sources > 0 ? e->sources : 1,
                         e->documents > 0 ? e->documents : 1);
    /* AvgTone, then Actor1 and Actor2 geography (8 each): empty */
    for (int i = 0; i < 16; i++) rc |= ent_buf_putc(out, '\t');
    rc |= put_action_geo(out, e);
    /* DATEADDED: when the story was stored, YYYYMMDDHHMMSS, as GDELT 2.0
     * stamps when it saw the article; the story's date where that is
     * missing */
    char added[16];
    size_t k = 0;
    for (const char *p = e->stored_at; p && *p && k < 14; p++)
        if (*p >= '0' && *p <= '9') added[k++] = *p;
    added[k] = '\0';
    if (k == 14) rc |= ent_buf_printf(out, "\t%s", added);
    else if (e->date > 0) rc |= ent_buf_printf(out, "\t%d000000", (int)e->date);
    else rc |= ent_buf_putc(out, '\t');
    rc |= put_field(out, e->url);
    rc |= ent_buf_putc(out, '\n');
    return rc ? -1 : 0;
}

int ent_export_plover_line(ent_buf *out, const ent_event_view *e) {
    const ent_plover *p = ent_plover_find(e->code);
    if (!p) return 1;
    char date[11];
    ent_format_date(event_date(e), date);
    int rc = ent_buf_printf(out, "{\"event_id\": %lld, \"doc\": ", (long long)e->event_id);
    rc |= ent_buf_json_str(out, e->doc);
    rc |= ent_buf_printf(out, ", \"sent\": %d, \"date\": ", e->sent);
    rc |= date[0] ? ent_buf_json_str(out, date) : ent_buf_puts(out, "null");
    rc |= ent_buf_puts(out, ", \"date_precision\": ");
    rc |= ent_buf_json_str(out, ent_evdate_precision_name(e->date_precision));
    const char *k[4] = {"source", "target", "source_text", "target_text"};
    const char *v[4] = {e->source, e->target, e->source_text, e->target_text};
    for (int i = 0; i < 4; i++) {
        rc |= ent_buf_printf(out, ", \"%s\": ", k[i]);
        rc |= ent_buf_json_str(out, v[i] ? v[i] : "");
    }
    rc |= ent_buf_puts(out, ", \"cameo\": ");
    rc |= ent_buf_json_str(out, e->code);
    rc |= ent_buf_puts(out, ", \"event_type\": ");
    rc |= ent_buf_json_str(out, p->type);
    rc |= ent_buf_puts(out, ", \"mode\": ");
    rc |= p->mode[0] ? ent_buf_json_str(out, p->mode) : ent_buf_puts(out, "null");
    rc |= ent_buf_puts(out, ", \"context\": [");
    /* the mapping's contexts, one string each */
    for (const char *c = p->context; *c;) {
        const char *end = strchr(c, ';');
        size_t n = end ? (size_t)(end - c) : strlen(c);
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)n, c);
        if (c != p->context) rc |= ent_buf_puts(out, ", ");
        rc |= ent_buf_json_str(out, word);
        c += n + (end != NULL);
    }
    rc |= ent_buf_puts(out, "]");
    rc |= ent_sink_json_story(out, e);
    rc |= ent_buf_puts(out, "}\n");
    return rc ? -1 : 0;
}
