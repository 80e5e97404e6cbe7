/* evdate.c -- event dates from the text; see evdate.h.
 *
 * The finder is a hand-written reader of a few dozen word forms, not a
 * grammar: it runs on every coded sentence, so each token is rejected
 * after a look at its first letter or digit, and nothing is allocated.
 * Calendar arithmetic is on day numbers (util.h), so month, year and
 * leap-year boundaries need no cases of their own.
 */
#include "evdate.h"

#include <string.h>

#include "util.h"

enum kind {
    K_DAY = 1,     /* month + day, perhaps a year: "April 25", "25 April 2024" */
    K_MONTH,       /* a month, perhaps a year: "in December", "August 2023" */
    K_YEAR,        /* "in 2022", "since 2022", "mid-2022" */
    K_WDAY,        /* "on Tuesday", "last Friday", "Monday night" */
    K_RDAY,        /* n days from the story: "yesterday" (-1), "overnight" (0) */
    K_WEEK,        /* "last week", "earlier this week" */
    K_RMONTH,      /* "last month", "earlier this month" */
    K_RYEAR,       /* "last year", "earlier this year" */
    K_WEEKEND,     /* "over the weekend", "last weekend" */
    K_AGO_DAYS,    /* "three days ago" */
    K_AGO_WEEKS,
    K_AGO_MONTHS,
    K_AGO_YEARS
};

/* ---- Words ------------------------------------------------------------------ */

static const char *up(const ent_tree *t, int32_t i) {
    return i >= 0 && i < t->n_tokens ? t->tokens[i].upper : "";
}

static int is(const ent_tree *t, int32_t i, const char *w) { return !strcmp(up(t, i), w); }

static int capitalised(const ent_tree *t, int32_t i) {
    char c = i >= 0 && i < t->n_tokens ? t->tokens[i].text[0] : '\0';
    return c >= 'A' && c <= 'Z';
}

static const char *month_name(int m) {
    static const char *const full[12] = {"JANUARY", "FEBRUARY", "MARCH",     "APRIL",
                                         "MAY",     "JUNE",     "JULY",      "AUGUST",
                                         "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
    return full[m - 1];
}

/* 1..12 for a month's name or its abbreviation (with or without its
 * period), else 0. */
static int month_of(const char *u) {
    if (u[0] < 'A' || u[0] > 'S') return 0;
    size_t n = strlen(u);
    if (n && u[n - 1] == '.') n--;
    if (n < 3) return 0;
    for (int m = 1; m <= 12; m++) {
        const char *full = month_name(m);
        if (u[0] != full[0]) continue;
        if (!strncmp(u, full, n) && (full[n] == '\0' || n == 3 || (m == 9 && n == 4))) return m;
    }
    return 0;
}

static int weekday_of(const char *u) {
    static const char *const names[7] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                                         "FRIDAY", "SATURDAY", "SUNDAY"};
    if (u[0] != 'M' && u[0] != 'T' && u[0] != 'W' && u[0] != 'F' && u[0] != 'S') return -1;
    for (int d = 0; d < 7; d++)
        if (!strcmp(u, names[d])) return d;
    return -1;
}

/* The value of a token of digits, perhaps with an ordinal ending ("25th"),
 * else -1. */
static int number_of(const char *u, int ordinal_ok) {
    int v = 0, k = 0;
    for (; u[k] >= '0' && u[k] <= '9'; k++) {
        if (k >= 5) return -1;
        v = v * 10 + (u[k] - '0');
    }
    if (k == 0) return -1;
    if (u[k] == '\0') return v;
    if (ordinal_ok && (!strcmp(u + k, "ST") || !strcmp(u + k, "ND") || !strcmp(u + k, "RD") ||
                       !strcmp(u + k, "TH")))
        return v;
    return -1;
}

static int day_of(const ent_tree *t, int32_t i) {
    int d = number_of(up(t, i), 1);
    return d >= 1 && d <= 31 ? d : -1;
}

static int year_value(const char *u) {
    int y = number_of(u, 0);
    return y >= 1900 && y <= 2100 && strlen(u) == 4 ? y : -1;
}

static int count_of(const char *u) {
    static const char *const words[] = {"A", "AN", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX",
                                        "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE"};
    static const int vals[] = {1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    int v = number_of(u, 0);
    if (v >= 1 && v <= 400) return v;
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (!strcmp(u, words[k])) return vals[k];
    return -1;
}

/* Words before a bare month or year that make it a date: "in December",
 * "since 2022", "by the end of 2024". */
static int date_lead(const char *u) {
    static const char *const leads[] = {"IN", "ON", "SINCE", "DURING", "BY", "UNTIL", "TILL",
                                        "FROM", "THROUGH", "THROUGHOUT", "AFTER", "BEFORE", "OF",
                                        "EARLY", "LATE", "MID", "EARLIER", "LATER", "LAST",
                                        "NEXT", "THIS", "AND", "OR", "TO", "BETWEEN", "FOR"};
    for (size_t k = 0; k < sizeof leads / sizeof *leads; k++)
        if (!strcmp(u, leads[k])) return 1;
    return 0;
}

/* "early", "mid", "late" before a month or year: kept in the words only. */
static int qualifier(const char *u) {
    return !strcmp(u, "EARLY") || !strcmp(u, "MID") || !strcmp(u, "LATE");
}

/* "mid-2022", "early-April": the token's part after its qualifier. */
static const char *after_qualifier(const char *u) {
    static const char *const q[] = {"MID-", "EARLY-", "LATE-"};
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(q[k]);
        if (!strncmp(u, q[k], n)) return u + n;
    }
    return NULL;
}

static int time_of_day(const char *u) {
    return !strcmp(u, "NIGHT") || !strcmp(u, "MORNING") || !strcmp(u, "AFTERNOON") ||
           !strcmp(u, "EVENING");
}

/* ---- Reading one expression ------------------------------------------------ */

/* A month name at i that is a date there: "May" and "March" are also a
 * modal and a verb, and abbreviations also names ("Dong Jun"), so they
 * need a number after or a date word before (an abbreviation without its
 * period, a number). */
static int month_at(const ent_tree *t, int32_t i) {
    const char *u = up(t, i);
    int m = month_of(u);
    if (!m || !capitalised(t, i)) return 0;
    size_t n = strlen(u) - (u[strlen(u) - 1] == '.');
    int abbrev = n < strlen(month_name(m));
    if (!abbrev && strcmp(u, "MAY") && strcmp(u, "MARCH")) return m;
    if (abbrev && u[n] != '.' && day_of(t, i + 1) < 0 && year_value(up(t, i + 1)) < 0) return 0;
    if (day_of(t, i + 1) > 0 || year_value(up(t, i + 1)) > 0 || date_lead(up(t, i - 1))) return m;
    return 0;
}

/* An optional year after position i (", 2024" or " 2024"): the year, and
 * *end past it; 0 when none. */
static int year_after(const ent_tree *t, int32_t i, int32_t *end) {
    int32_t k = is(t, i, ",") ? i + 1 : i;
    int y = year_value(up(t, k));
    if (y > 0) *end = k + 1;
    return y > 0 ? y : 0;
}

/* A month (perhaps with its day and year) at i: K_DAY or K_MONTH. */
static int read_month(const ent_tree *t, int32_t i, ent_evdate_expr *x) {
    int m = month_at(t, i);
    if (!m) return 0;
    x->month = (int8_t)m;
    x->end = i + 1;
    int d = day_of(t, i + 1);
    if (d > 0 && year_value(up(t, i + 1)) < 0) {
        x->kind = K_DAY;
        x->day = (int8_t)d;
        x->end = i + 2;
        x->year = (int16_t)year_after(t, i + 2, &x->end);
        return 1;
    }
    x->kind = K_MONTH;
    x->year = (int16_t)year_after(t, i + 1, &x->end);
    return 1;
}

/* "last", "this", "next" (and "earlier this", "later this"): *rel and the
 * token after them; 0 when none. */
static int read_rel(const ent_tree *t, int32_t i, int *rel, int32_t *next) {
    const char *u = up(t, i);
    if ((!strcmp(u, "EARLIER") || !strcmp(u, "LATER") || qualifier(u)) &&
        (is(t, i + 1, "THIS") || is(t, i + 1, "LAST") || is(t, i + 1, "NEXT")))
        u = up(t, ++i);
    if (!strcmp(u, "LAST") || !strcmp(u, "PREVIOUS")) *rel = -1;
    else if (!strcmp(u, "THIS")) *rel = 0;
    else if (!strcmp(u, "NEXT") || !strcmp(u, "COMING")) *rel = 1;
    else return 0;
    *next = i + 1;
    return 1;
}

/* The expression starting at token i, into x; 0 when none starts there. */
static int read_at(const ent_tree *t, int32_t i, ent_evdate_expr *x) {
    memset(x, 0, sizeof *x);
    x->wday = -1;
    x->begin = i;
    const char *u = up(t, i);
    char c = u[0];
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return 0;
    int32_t j = i;
    /* "early", "mid", "late" before what they qualify */
    if (qualifier(u) && (month_at(t, i + 1) || year_value(up(t, i + 1)) > 0)) u = up(t, ++j);
    const char *rest = after_qualifier(u);
    if (rest) {
        int y = year_value(rest), m = month_of(rest);
        if (y > 0) {
            x->kind = K_YEAR, x->year = (int16_t)y, x->end = j + 1;
            return 1;
        }
        if (m) {
            x->kind = K_MONTH, x->month = (int8_t)m, x->end = j + 1;
            x->year = (int16_t)year_after(t, j + 1, &x->end);
            return 1;
        }
        return 0;
    }
    /* "Wednesday, April 24": the weekday goes with the date */
    int wd = weekday_of(u);
    if (wd >= 0 && capitalised(t, j)) {
        int32_t k = is(t, j + 1, ",") ? j + 2 : j + 1;
        if (month_at(t, k) && day_of(t, k + 1) > 0 && read_month(t, k, x)) return 1;
        x->kind = K_WDAY, x->wday = (int8_t)wd, x->end = j + 1;
        if (time_of_day(up(t, j + 1))) x->end = j + 2;
        return 1;
    }
    if (read_month(t, j, x)) return 1;
    int d = day_of(t, j), y = year_value(u);
    if (d > 0 && month_of(up(t, j + 1)) && capitalised(t, j + 1)) {   /* "25 April 2024" */
        x->kind = K_DAY, x->day = (int8_t)d, x->month = (int8_t)month_of(up(t, j + 1));
        x->end = j + 2;
        x->year = (int16_t)year_after(t, j + 2, &x->end);
        return 1;
    }
    if (y > 0 && (j > i || date_lead(up(t, i - 1)))) {
        x->kind = K_YEAR, x->year = (int16_t)y, x->end = j + 1;
        return 1;
    }
    if (j > i) return 0;
    if (!strcmp(u, "YESTERDAY")) x->kind = K_RDAY, x->n = -1;
    else if (!strcmp(u, "TODAY") || !strcmp(u, "TONIGHT") || !strcmp(u, "OVERNIGHT")) x->kind = K_RDAY;
    if (x->kind) {
        x->end = i + 1;
        return 1;
    }
    if ((!strcmp(u, "LAST") && is(t, i + 1, "NIGHT")) ||
        (!strcmp(u, "THIS") && time_of_day(up(t, i + 1)))) {
        x->kind = K_RDAY, x->n = !strcmp(u, "LAST") ? -1 : 0, x->end = i + 2;
        return 1;
    }
    int rel;
    int32_t k;
    if (read_rel(t, i, &rel, &k)) {
        const char *w = up(t, k);
        int m = month_at(t, k), dd = weekday_of(w);
        x->rel = (int8_t)rel;
        x->end = k + 1;
        if (!strcmp(w, "WEEK")) x->kind = K_WEEK;
        else if (!strcmp(w, "MONTH")) x->kind = K_RMONTH;
        else if (!strcmp(w, "YEAR")) x->kind = K_RYEAR;
        else if (!strcmp(w, "WEEKEND")) x->kind = K_WEEKEND;
        else if (m) x->kind = K_MONTH, x->month = (int8_t)m;
        else if (dd >= 0) {
            x->kind = K_WDAY, x->wday = (int8_t)dd;
            if (time_of_day(up(t, k + 1))) x->end = k + 2;
        }
        return x->kind != 0;
    }
    /* "over the weekend", "at the weekend" */
    if (!strcmp(u, "THE") && is(t, i + 1, "WEEKEND") &&
        (is(t, i - 1, "OVER") || is(t, i - 1, "AT") || is(t, i - 1, "DURING") || is(t, i - 1, "ON"))) {
        x->kind = K_WEEKEND, x->end = i + 2;
        return 1;
    }
    /* "three days ago" */
    int n = count_of(u);
    if (n > 0 && is(t, i + 2, "AGO")) {
        const char *w = up(t, i + 1);
        if (!strncmp(w, "DAY", 3)) x->kind = K_AGO_DAYS;
        else if (!strncmp(w, "WEEK", 4)) x->kind = K_AGO_WEEKS;
        else if (!strncmp(w, "MONTH", 5)) x->kind = K_AGO_MONTHS;
        else if (!strncmp(w, "YEAR", 4)) x->kind = K_AGO_YEARS;
        x->n = (int16_t)n, x->end = i + 3;
        return x->kind != 0;
    }
    return 0;
}

/* A month's or weekday's first three letters ("JAN", "THU"). */
static int calendar_prefix(const char *u) {
    char b = u[1], c = b ? u[2] : '\0';
    switch (u[0]) {
    case 'A': return (b == 'P' && c == 'R') || (b == 'U' && c == 'G');
    case 'D': return b == 'E' && c == 'C';
    case 'F': return (b == 'E' && c == 'B') || (b == 'R' && c == 'I');
    case 'J': return (b == 'A' && c == 'N') || (b == 'U' && (c == 'N' || c == 'L'));
    case 'M': return (b == 'A' && (c == 'R' || c == 'Y')) || (b == 'O' && c == 'N');
    case 'N': return b == 'O' && c == 'V';
    case 'O': return b == 'C' && c == 'T';
    case 'S': return (b == 'E' && c == 'P') || (b == 'A' && c == 'T') || (b == 'U' && c == 'N');
    case 'T': return (b == 'U' && c == 'E') || (b == 'H' && c == 'U');
    case 'W': return b == 'E' && c == 'D';
    default: return 0;
    }
}

/* u is one of the words, which share its first letter. */
static int one_of(const char *u, const char *const *words) {
    for (; *words; words++)
        if (u[1] == (*words)[1] && !strcmp(u, *words)) return 1;
    return 0;
}

/* Can an expression start at token i?  The one test every token of a
 * coded sentence meets: a switch on its first letter, then the few words
 * of that letter, so the finder costs a few percent of coding. */
static int may_start(const ent_tree *t, int32_t i) {
    static const char *const e[] = {"EARLY", "EARLIER", "EIGHT", "ELEVEN", NULL};
    static const char *const f[] = {"FIVE", "FOUR", NULL};
    static const char *const l[] = {"LAST", "LATE", "LATER", NULL};
    static const char *const n[] = {"NEXT", "NINE", NULL};
    static const char *const o[] = {"ONE", "OVERNIGHT", NULL};
    static const char *const s[] = {"SIX", "SEVEN", NULL};
    static const char *const th[] = {"THIS", "THREE", "TEN", "TWO", "TWELVE", "TODAY", "TONIGHT", NULL};
    const char *u = t->tokens[i].upper;
    if (u[0] >= '0' && u[0] <= '9') return 1;
    if (capitalised(t, i) && calendar_prefix(u)) return 1;
    switch (u[0]) {
    case 'A':   /* "a day after", "a week ago" */
        if (u[1] && strcmp(u, "AN")) return 0;
        return !strncmp(up(t, i + 1), "DAY", 3) || !strncmp(up(t, i + 1), "WEEK", 4) ||
               !strncmp(up(t, i + 1), "MONTH", 5) || !strncmp(up(t, i + 1), "YEAR", 4);
    case 'C': return !strcmp(u, "COMING");
    case 'E': return one_of(u, e) || !strncmp(u, "EARLY-", 6);
    case 'F': return one_of(u, f);
    case 'L': return one_of(u, l) || !strncmp(u, "LATE-", 5);
    case 'M': return !strcmp(u, "MID") || !strncmp(u, "MID-", 4);
    case 'N': return one_of(u, n);
    case 'O': return one_of(u, o);
    case 'P': return !strcmp(u, "PREVIOUS");
    case 'S': return one_of(u, s);
    case 'T': return !strcmp(u, "THE") ? is(t, i + 1, "WEEKEND") : one_of(u, th);
    case 'Y': return !strcmp(u, "YESTERDAY");
    default: return 0;
    }
}

int ent_evdate_find(const ent_tree *t, ent_evdate_expr *out, int cap) {
    int n = 0;
    for (int32_t i = 0; i < t->n_tokens && n < cap; i++) {
        if (!may_start(t, i)) continue;
        ent_evdate_expr *x = &out[n];
        /* "a day after April 25", "two weeks before the vote on May 3" */
        int cnt = count_of(up(t, i));
        const char *unit = up(t, i + 1);
        int per = !strncmp(unit, "DAY", 3) ? 1 : !strncmp(unit, "WEEK", 4) ? 7 : 0;
        int dir = is(t, i + 2, "AFTER") ? 1 : is(t, i + 2, "BEFORE") ? -1 : 0;
        if (cnt > 0 && per && dir && read_at(t, i + 3, x) && x->kind != K_AGO_DAYS) {
            x->begin = i;
            x->shift = (int16_t)(dir * cnt * per);
        } else if (!read_at(t, i, x)) {
            continue;
        }
        i = x->end - 1;
        n++;
    }
    return n;
}

/* ---- Resolving ---------------------------------------------------------------- */

static int weekday(int32_t day) { return (int)(((day % 7) + 7 + 3) % 7); }   /* 1970-01-01: Thu */

static int32_t monday(int32_t day) { return day - weekday(day); }

static int32_t month_first(int32_t mi) { return (mi / 12) * 10000 + (mi % 12 + 1) * 100 + 1; }

/* A month and day without a year: the latest on or before the story,
 * unless the event looks ahead or that is more than half a year back. */
static int32_t day_without_year(int m, int d, int32_t story, int ahead) {
    int sy = story / 10000;
    int32_t sd = ent_date_to_day(story), back = 0, fwd = 0;
    for (int y = sy - 1; y <= sy + 1; y++) {
        if (d > ent_month_days(y, m)) continue;   /* Feb. 29 outside leap years */
        int32_t day = ent_date_to_day(y * 10000 + m * 100 + d);
        if (day <= sd) back = day;
        if (day >= sd && !fwd) fwd = day;
    }
    if (!back || ((ahead || sd - back > 183) && fwd)) back = fwd;
    return back ? ent_day_to_date(back) : -1;
}

int ent_evdate_resolve(const ent_evdate_expr *x, int32_t story, int ahead, ent_evdate *out) {
    out->begin = x->begin;
    out->end = x->end;
    out->precision = ENT_EVDATE_DAY;
    if (x->kind == K_DAY && x->year) {
        if (x->day > ent_month_days(x->year, x->month)) return -1;
        out->date = x->year * 10000 + x->month * 100 + x->day;
    } else if (x->kind == K_MONTH && x->year) {
        out->date = x->year * 10000 + x->month * 100 + 1;
        out->precision = ENT_EVDATE_MONTH;
    } else if (x->kind == K_YEAR) {
        out->date = x->year * 10000 + 101;
        out->precision = ENT_EVDATE_YEAR;
    } else {
        if (story <= 0) return -1;
        int32_t sd = ent_date_to_day(story);
        int32_t si = (story / 10000) * 12 + story / 100 % 100 - 1;   /* month index */
        if (x->rel) ahead = x->rel > 0;
        switch (x->kind) {
        case K_DAY:
            if ((out->date = day_without_year(x->month, x->day, story, ahead)) < 0) return -1;
            break;
        case K_MONTH: {
            int32_t back = si - ((si % 12 - (x->month - 1) + 12) % 12);   /* latest <= story */
            int32_t fwd = back == si ? si : back + 12;                      /* earliest >= story */
            int32_t mi = ahead || si - back > 6 ? fwd : back;
            if (x->rel < 0) mi = back == si ? back - 12 : back;
            if (x->rel > 0) mi = back + 12;
            out->date = month_first(mi);
            out->precision = ENT_EVDATE_MONTH;
            break;
        }
        case K_WDAY: {
            int back = (weekday(sd) - x->wday + 7) % 7, fwd = (x->wday - weekday(sd) + 7) % 7;
            if (x->rel < 0 && back == 0) back = 7;
            if (x->rel > 0 && fwd == 0) fwd = 7;
            out->date = ent_day_to_date(ahead ? sd + fwd : sd - back);
            break;
        }
        case K_RDAY: out->date = ent_day_to_date(sd + x->n); break;
        case K_WEEK:
            out->date = ent_day_to_date(monday(sd) + 7 * x->rel);
            out->precision = ENT_EVDATE_WEEK;
            break;
        case K_RMONTH:
            out->date = month_first(si + x->rel);
            out->precision = ENT_EVDATE_MONTH;
            break;
        case K_RYEAR:
            out->date = (story / 10000 + x->rel) * 10000 + 101;
            out->precision = ENT_EVDATE_YEAR;
            break;
        case K_WEEKEND: {
            int32_t sat = x->rel ? monday(sd) + 5 + 7 * x->rel
                                 : ahead ? sd + (5 - weekday(sd) + 7) % 7
                                         : sd - (weekday(sd) - 5 + 7) % 7;
            out->date = ent_day_to_date(sat);
            break;
        }
        case K_AGO_DAYS: out->date = ent_day_to_date(sd - x->n); break;
        case K_AGO_WEEKS:
            out->date = ent_day_to_date(monday(sd - 7 * x->n));
            out->precision = ENT_EVDATE_WEEK;
            break;
        case K_AGO_MONTHS:
            out->date = month_first(si - x->n);
            out->precision = ENT_EVDATE_MONTH;
            break;
        case K_AGO_YEARS:
            out->date = (story / 10000 - x->n) * 10000 + 101;
            out->precision = ENT_EVDATE_YEAR;
            break;
        default: return -1;
        }
    }
    if (x->shift && out->precision == ENT_EVDATE_DAY)
        out->date = ent_day_to_date(ent_date_to_day(out->date) + x->shift);
    return 0;
}

/* ---- Picking an event's expression ---------------------------------------- */

/* "will meet", "would visit", "plans to sign": the event is to come. */
static int looks_ahead(const ent_tree *t, int32_t word) {
    for (int32_t k = word - 1; k >= 0 && k >= word - 4; k--) {
        const char *u = t->tokens[k].upper, *tag = t->tokens[k].tag;
        if (!strcmp(u, "WILL") || !strcmp(u, "'LL") || !strcmp(u, "SHALL") || !strcmp(u, "WOULD") ||
            !strcmp(tag, "TO"))
            return 1;
        if (strcmp(tag, "MD") && strcmp(tag, "RB") && !ent_tree_is_verb_tag(tag)) break;
    }
    return 0;
}

ent_evdate ent_evdate_pick(const ent_tree *t, const ent_evdate_expr *xs, int n, int32_t word,
                           int32_t story) {
    ent_evdate best = {.date = story > 0 ? story : 0, .begin = -1, .end = -1,
                       .precision = ENT_EVDATE_NONE};
    if (word < 0 || word >= t->n_tokens) return best;
    int32_t best_dist = -1, clause = ent_tree_clause_of(t, word);
    int ahead = -1;
    for (int k = 0; k < n; k++) {
        const ent_evdate_expr *x = &xs[k];
        int32_t dist = x->begin > word ? x->begin - word : word >= x->end ? word - x->end + 1 : 0;
        if (best_dist >= 0 && dist > best_dist) continue;
        if (ent_tree_clause_of(t, x->begin) != clause) continue;
        if (ahead < 0) ahead = looks_ahead(t, word);
        ent_evdate r;
        if (ent_evdate_resolve(x, story, ahead, &r) < 0) continue;
        if (dist == best_dist && r.precision <= best.precision) continue;   /* ties: the more exact */
        best = r;
        best_dist = dist;
    }
    return best;
}

const char *ent_evdate_precision_name(int precision) {
    static const char *const names[] = {"none", "year", "month", "week", "day"};
    return precision >= 0 && precision <= ENT_EVDATE_DAY ? names[precision] : "none";
}

int ent_evdate_precision_of(const char *name) {
    for (int p = ENT_EVDATE_NONE; p <= ENT_EVDATE_DAY; p++)
        if (name && !strcmp(name, ent_evdate_precision_name(p))) return p;
    return -1;
}

void ent_evdate_text(const ent_tree *t, int32_t begin, int32_t end, char *out, size_t cap) {
    size_t k = 0;
    if (cap == 0) return;
    for (int32_t i = begin < 0 ? 0 : begin; i < end && i < t->n_tokens; i++) {
        const ent_token *tok = &t->tokens[i];
        int space = i > begin && !(tok->start >= 0 && t->tokens[i - 1].end >= 0 &&
                                   tok->start == t->tokens[i - 1].end);
        size_t n = strlen(tok->text);
        if (k + (size_t)space + n + 1 > cap) break;
        if (space) out[k++] = ' ';
        memcpy(out + k, tok->text, n);
        k += n;
    }
    out[k] = '\0';
}
