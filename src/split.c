/* split.c -- sentence boundaries in news text (see split.h).
 *
 * Hand-written rather than built on a regex or a trained model because it
 * runs on every byte of every document and must cost a few hundred
 * nanoseconds per sentence.  One forward pass classifies bytes through a
 * 256-entry table; the only decisions are taken at '.', '!', '?' and at
 * newlines, and each one looks at a bounded window (the word before the
 * stop, a few closing quotes, the next word), so the whole pass is linear
 * and hostile input (10 MB without a stop, a million dots) costs the same
 * per byte as news.
 *
 * A full stop ends a sentence unless the word before it says otherwise:
 * titles (Gen., Mr.) never end one, number words (No., pp.) do not before
 * a digit, months (Jan.) do not before a digit, and words that may end a
 * sentence (Inc., U.S., a.m., J.) end one only when the next word is a
 * usual sentence opener ("The", "He", "But", ...).  A lowercase next word
 * never starts a sentence.  The rules are ordered from cheap to dear so a
 * plain word followed by a capital costs one table look-up.
 */
#include "split.h"

#include <stdint.h>
#include <string.h>

/* ---- Character classes. ------------------------------------------------ */
enum {
    C_SPACE = 1, /* space, tab, CR, VT, FF, newline */
    C_UPPER = 2,
    C_LOWER = 4,
    C_DIGIT = 8,
    C_TERM = 16,  /* . ! ? */
    C_CLOSE = 32, /* " ' ) ] } : may follow a full stop */
    C_OPEN = 64,  /* " ' ( [ { ` : may precede a word */
    C_HIGH = 128  /* UTF-8 byte */
};

#define CLS(c)                                                                                     \
    (((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n' || (c) == '\v' || (c) == '\f')       \
         ? C_SPACE                                                                                 \
     : ((c) >= 'A' && (c) <= 'Z')                             ? C_UPPER                            \
     : ((c) >= 'a' && (c) <= 'z')                             ? C_LOWER                            \
     : ((c) >= '0' && (c) <= '9')                             ? C_DIGIT                            \
     : ((c) == '.' || (c) == '!' || (c) == '?')               ? C_TERM                             \
     : ((c) == '"' || (c) == '\'')                            ? (C_CLOSE | C_OPEN)                 \
     : ((c) == ')' || (c) == ']' || (c) == '}')               ? C_CLOSE                            \
     : ((c) == '(' || (c) == '[' || (c) == '{' || (c) == '`') ? C_OPEN                             \
     : ((c) >= 0x80)                                          ? C_HIGH                             \
                                                              : 0)
#define R4(b)  CLS(b), CLS((b) + 1), CLS((b) + 2), CLS((b) + 3)
#define R16(b) R4(b), R4((b) + 4), R4((b) + 8), R4((b) + 12)
#define R64(b) R16(b), R16((b) + 16), R16((b) + 32), R16((b) + 48)
static const unsigned char cls[256] = {R64(0), R64(64), R64(128), R64(192)};

#define IS(c, k)     (cls[(unsigned char)(c)] & (k))
#define IS_HSPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\r')

/* Bounds on every look-around, so that each byte is examined a bounded
 * number of times whatever the input. */
enum {
    WORD_BACK = 40,    /* longest word checked for an abbreviation */
    MAX_CLOSERS = 8,   /* quotes/brackets after a stop */
    MAX_RUN = 16,      /* stops in one run ("?!", "....") */
    GAP_AHEAD = 64,    /* whitespace looked through for the next word */
    DATELINE_MAX = 200 /* longest dateline */
};

/* ---- Abbreviations. ------------------------------------------------------ */
typedef struct {
    const char *w;
    unsigned char len, cls;
} abbr;

#define A(s, c)                                                                                    \
    { s, sizeof s - 1, c }
/* Sorted by bytes (strcmp order) for binary search; written without the
 * final full stop.  Case matters: "No." is a number word, "no." a word. */
static const abbr abbrs[] = {
    A("Adm", ENT_ABBR_TITLE),    A("Ala", ENT_ABBR_END),    A("Amb", ENT_ABBR_TITLE),
    A("Apr", ENT_ABBR_MONTH),    A("Ariz", ENT_ABBR_END),   A("Ark", ENT_ABBR_END),
    A("Art", ENT_ABBR_NUMBER),   A("Assn", ENT_ABBR_END),   A("Atty", ENT_ABBR_TITLE),
    A("Aug", ENT_ABBR_MONTH),    A("Ave", ENT_ABBR_END),    A("Blvd", ENT_ABBR_END),
    A("Brig", ENT_ABBR_TITLE),   A("Bros", ENT_ABBR_END),   A("Calif", ENT_ABBR_END),
    A("Capt", ENT_ABBR_TITLE),   A("Cdr", ENT_ABBR_TITLE),  A("Ch", ENT_ABBR_NUMBER),
    A("Cmdr", ENT_ABBR_TITLE),   A("Co", ENT_ABBR_END),     A("Col", ENT_ABBR_TITLE),
    A("Colo", ENT_ABBR_END),     A("Conn", ENT_ABBR_END),   A("Corp", ENT_ABBR_END),
    A("Cos", ENT_ABBR_END),      A("Cpl", ENT_ABBR_TITLE),  A("Dec", ENT_ABBR_MONTH),
    A("Del", ENT_ABBR_END),      A("Dept", ENT_ABBR_END),   A("Det", ENT_ABBR_TITLE),
    A("Dr", ENT_ABBR_TITLE),     A("Feb", ENT_ABBR_MONTH),  A("Fig", ENT_ABBR_NUMBER),
    A("Fla", ENT_ABBR_END),      A("Fr", ENT_ABBR_TITLE),   A("Ft", ENT_ABBR_TITLE),
    A("Ga", ENT_ABBR_END),       A("Gen", ENT_ABBR_TITLE),  A("Gens", ENT_ABBR_TITLE),
    A("Gov", ENT_ABBR_TITLE),    A("Govt", ENT_ABBR_END),   A("Hon", ENT_ABBR_TITLE),
    A("Ill", ENT_ABBR_END),      A("Inc", ENT_ABBR_END),    A("Ind", ENT_ABBR_END),
    A("Insp", ENT_ABBR_TITLE),   A("Intl", ENT_ABBR_END),   A("Jan", ENT_ABBR_MONTH),
    A("Jr", ENT_ABBR_END),       A("Jul", ENT_ABBR_MONTH),  A("Jun", ENT_ABBR_MONTH),
    A("Kan", ENT_ABBR_END),      A("Ky", ENT_ABBR_END),     A("La", ENT_ABBR_END),
    A("Lt", ENT_ABBR_TITLE),     A("Ltd", ENT_ABBR_END),    A("Maj", ENT_ABBR_TITLE),
    A("Mar", ENT_ABBR_MONTH),    A("Mass", ENT_ABBR_END),   A("Md", ENT_ABBR_END),
    A("Messrs", ENT_ABBR_TITLE), A("Mich", ENT_ABBR_END),   A("Minn", ENT_ABBR_END),
    A("Mo", ENT_ABBR_END),       A("Mr", ENT_ABBR_TITLE),   A("Mrs", ENT_ABBR_TITLE),
    A("Ms", ENT_ABBR_TITLE),     A("Msgr", ENT_ABBR_TITLE), A("Mt", ENT_ABBR_TITLE),
    A("Neb", ENT_ABBR_END),      A("Nev", ENT_ABBR_END),    A("No", ENT_ABBR_NUMBER),
    A("Nos", ENT_ABBR_NUMBER),   A("Nov", ENT_ABBR_MONTH),  A("Oct", ENT_ABBR_MONTH),
    A("Okla", ENT_ABBR_END),     A("Ore", ENT_ABBR_END),    A("Pa", ENT_ABBR_END),
    A("Pres", ENT_ABBR_TITLE),   A("Prof", ENT_ABBR_TITLE), A("Pt", ENT_ABBR_NUMBER),
    A("Pvt", ENT_ABBR_TITLE),    A("Rd", ENT_ABBR_END),     A("Rep", ENT_ABBR_TITLE),
    A("Reps", ENT_ABBR_TITLE),   A("Rev", ENT_ABBR_TITLE),  A("Sec", ENT_ABBR_TITLE),
    A("Sen", ENT_ABBR_TITLE),    A("Sens", ENT_ABBR_TITLE), A("Sep", ENT_ABBR_MONTH),
    A("Sept", ENT_ABBR_MONTH),   A("Sgt", ENT_ABBR_TITLE),  A("Sr", ENT_ABBR_END),
    A("St", ENT_ABBR_END),       A("Supt", ENT_ABBR_TITLE), A("Tenn", ENT_ABBR_END),
    A("Tex", ENT_ABBR_END),      A("Univ", ENT_ABBR_END),   A("Va", ENT_ABBR_END),
    A("Vol", ENT_ABBR_NUMBER),   A("Vt", ENT_ABBR_END),     A("Wash", ENT_ABBR_END),
    A("Wis", ENT_ABBR_END),      A("Wyo", ENT_ABBR_END),    A("al", ENT_ABBR_END),
    A("approx", ENT_ABBR_NEVER), A("ca", ENT_ABBR_NEVER),   A("cf", ENT_ABBR_NEVER),
    A("e.g", ENT_ABBR_NEVER),    A("etc", ENT_ABBR_END),    A("fig", ENT_ABBR_NUMBER),
    A("i.e", ENT_ABBR_NEVER),    A("no", ENT_ABBR_NUMBER),  A("nos", ENT_ABBR_NUMBER),
    A("p", ENT_ABBR_NUMBER),     A("pp", ENT_ABBR_NUMBER),  A("v", ENT_ABBR_NEVER),
    A("viz", ENT_ABBR_NEVER),    A("vol", ENT_ABBR_NUMBER), A("vs", ENT_ABBR_NEVER),
};

/* Words that usually open a news sentence: after "U.S." or "Inc." they
 * tell a sentence end from a name going on ("U.S. officials" vs. "U.S.
 * The").  Sorted for binary search. */
static const char *const openers[] = {
    "A",      "After",   "Also",  "Although",  "An",    "And",     "As",   "At",    "Because",
    "Before", "Both",    "But",   "During",    "Each",  "Earlier", "For",  "He",    "Her",
    "Here",   "His",     "How",   "However",   "I",     "If",      "In",   "It",    "Its",
    "Last",   "Later",   "Many",  "Meanwhile", "Most",  "My",      "No",   "Now",   "On",
    "Our",    "Several", "She",   "Since",     "So",    "Some",    "That", "The",   "Their",
    "There",  "These",   "They",  "This",      "Those", "Thus",    "To",   "Today", "We",
    "What",   "When",    "Where", "While",     "Who",   "Why",     "Yet",  "You",
};

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn) {
    size_t m = an < bn ? an : bn;
    int c = memcmp(a, b, m);
    if (c) return c;
    return an < bn ? -1 : an > bn;
}

/* A dotted acronym without its final stop: "U.S", "a.m", "Ph.D", "U.S.A":
 * letters in runs of one to three, separated by single dots. */
static int is_dotted(const char *w, size_t n) {
    if (n < 3 || n > 12) return 0;
    int dots = 0;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c == '.') {
            if (run == 0) return 0;
            dots++;
            run = 0;
        } else if (IS(c, C_UPPER | C_LOWER)) {
            if (++run > 3) return 0;
        } else {
            return 0;
        }
    }
    return dots > 0 && run > 0;
}

int ent_abbrev_class(const char *w, size_t n) {
    if (n == 0 || n > WORD_BACK) return ENT_ABBR_NONE;
    size_t lo = 0, hi = sizeof abbrs / sizeof abbrs[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_bytes(w, n, abbrs[mid].w, abbrs[mid].len);
        if (c == 0) return abbrs[mid].cls;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    if (n == 1 && IS(w[0], C_UPPER)) return ENT_ABBR_INITIAL;
    if (is_dotted(w, n)) return ENT_ABBR_ACRONYM;
    return ENT_ABBR_NONE;
}

static int is_opener_word(const unsigned char *t, size_t m, size_t n) {
    size_t e = m;
    while (e < n && e - m < 12 && IS(t[e], C_UPPER | C_LOWER)) e++;
    if (e == m || (e < n && IS(t[e], C_UPPER | C_LOWER | C_DIGIT))) return 0;
    size_t lo = 0, hi = sizeof openers / sizeof openers[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_bytes((const char *)t + m, e - m, openers[mid], strlen(openers[mid]));
        if (c == 0) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

/* ---- Boundaries. --------------------------------------------------------- */

/* Is the run of stops at t[i] the end of the sentence begun at `start`?
 * *run_end receives the end of the run of stops; on yes, *after receives
 * the end of the sentence (past closing quotes and brackets). */
static int ends_sentence(const unsigned char *t, size_t n, size_t start, size_t i, size_t *run_end,
                         size_t *after) {
    size_t j = i;
    int dots = 0, other = 0;
    while (j < n && j - i < MAX_RUN && IS(t[j], C_TERM)) {
        if (t[j] == '.') dots++;
        else other++;
        j++;
    }
    *run_end = j;
    size_t k = j;
    while (k < n && k - j < MAX_CLOSERS && IS(t[k], C_CLOSE)) k++;
    /* "3.5", "U.S.-led", "example.com": a stop inside a word. */
    if (k < n && !IS(t[k], C_SPACE)) return 0;
    *after = k;
    size_t m = k;
    while (m < n && m - k < GAP_AHEAD && IS(t[m], C_SPACE)) m++;
    if (m >= n || m - k >= GAP_AHEAD) return 1;
    unsigned char nc = t[m];
    if (IS(nc, C_LOWER)) return 0;
    if (other) return 1;
    if (dots >= 2) return IS(nc, C_UPPER | C_OPEN) != 0;
    /* A single full stop: what is the word before it? */
    size_t w = i;
    while (w > start && i - w <= WORD_BACK && !IS(t[w - 1], C_SPACE | C_OPEN)) w--;
    if (i - w > WORD_BACK) return 1;
    switch (ent_abbrev_class((const char *)t + w, i - w)) {
    case ENT_ABBR_NONE: return 1;
    case ENT_ABBR_TITLE:
    case ENT_ABBR_NEVER: return 0;
    case ENT_ABBR_NUMBER: return !IS(nc, C_DIGIT);
    case ENT_ABBR_MONTH:
        if (IS(nc, C_DIGIT)) return 0;
        return is_opener_word(t, m, n);
    default: /* END, INITIAL, ACRONYM */
        return (nc != '\'' && IS(nc, C_OPEN)) || is_opener_word(t, m, n);
    }
}

/* A bullet at t[k]: "- ", "* ", "+ ", "• ", "· ", "1. ", "12) ".  Returns
 * the index after the marker and its spaces, or 0. */
static size_t bullet_end(const unsigned char *t, size_t k, size_t n) {
    size_t p = k;
    if (p < n && (t[p] == '-' || t[p] == '*' || t[p] == '+')) {
        p++;
    } else if (p + 2 < n && t[p] == 0xE2 && t[p + 1] == 0x80 && t[p + 2] == 0xA2) {
        p += 3;
    } else if (p + 1 < n && t[p] == 0xC2 && t[p + 1] == 0xB7) {
        p += 2;
    } else if (p < n && IS(t[p], C_DIGIT)) {
        p++;
        if (p < n && IS(t[p], C_DIGIT)) p++;
        if (p < n && (t[p] == '.' || t[p] == ')')) p++;
        else return 0;
    } else {
        return 0;
    }
    if (p >= n || !IS_HSPACE(t[p])) return 0;
    while (p < n && IS_HSPACE(t[p])) p++;
    return p;
}

/* Wire slugs written like a city before a colon ("UPDATE: ..."). */
static int slug_word(const unsigned char *w, size_t n) {
    static const char *slugs[] = {"UPDATE", "BREAKING", "EXCLUSIVE", "URGENT", "FLASH", "ANALYSIS",
                                  "FACTBOX", "CORRECTED", "WRAPUP", "REFILE", "NEWS", NULL};
    for (int k = 0; slugs[k]; k++)
        if (strlen(slugs[k]) == n && !memcmp(w, slugs[k], n)) return 1;
    return 0;
}

/* A dateline at t[i]: CITY[, Region] [(Agency)] [-|--], for instance
 * "MOSCOW (Reuters) -", "WASHINGTON, April 26 (AP) --", "KYIV, Ukraine --",
 * "(Reuters) -", "Moscow, Jan 5 (AFP) -" (a title-case city needs the
 * agency), "LYON: " (a capitalised city and a colon, at a paragraph's
 * start only).  `strict` (a line that is not the first of a paragraph)
 * asks for the dash.  Returns the index of the text after it, or 0. */
static size_t dateline_end(const unsigned char *t, size_t i, size_t n, int strict) {
    size_t lim = n < i + DATELINE_MAX ? n : i + DATELINE_MAX;
    size_t p = i;
    int caps_run = 0, best_run = 0, letters = 0;
    while (p < lim) {
        unsigned char c = t[p];
        if (IS(c, C_UPPER)) {
            letters++;
            if (++caps_run > best_run) best_run = caps_run;
            p++;
        } else if (c >= 0x80 && letters) {
            p++; /* SÃO PAULO */
        } else if ((c == '.' || c == '\'') && letters) {
            caps_run = 0;
            p++;
        } else if ((c == '-' || c == ' ') && letters && p + 1 < lim && IS(t[p + 1], C_UPPER)) {
            caps_run = 0;
            p++;
        } else {
            break;
        }
    }
    /* A city has a run of three capitals (not "U.S."), and ends at a word
     * boundary (not "NATOs"). */
    int city = best_run >= 3 && !(p < lim && IS(t[p], C_LOWER | C_DIGIT));
    int titled = 0;
    if (!city) {
        /* "Moscow, Jan 5 (AFP) -", "New Delhi (Reuters) -": a city in
         * title case is a dateline only with an agency after it (checked
         * below), since "Russia - the" or "Putin (left)" are not. */
        p = i;
        int words = 0;
        while (p < lim && words < 4 && IS(t[p], C_UPPER)) {
            size_t q = p + 1;
            while (q < lim && (IS(t[q], C_LOWER) || t[q] >= 0x80 || t[q] == '\'')) q++;
            if (q == p + 1) break;
            words++;
            p = q;
            if (p + 1 < lim && (t[p] == ' ' || t[p] == '-') && IS(t[p + 1], C_UPPER)) p++;
            else break;
        }
        titled = words > 0 && p < lim && (t[p] == ',' || t[p] == ' ');
        if (!titled) p = i;
    }
    if (city && p < lim && t[p] == ':' && !strict && p + 1 < lim && t[p + 1] == ' ' &&
        !slug_word(t + i, p - i)) {
        /* "LYON: Interpol said ...": a capitalised city and a colon at the
         * head of a story */
        size_t q = p + 1;
        while (q < n && q - i < DATELINE_MAX && IS_HSPACE(t[q])) q++;
        if (q < n && IS(t[q], C_UPPER)) return q;
    }
    city |= titled;
    if (city && p < lim && t[p] == ',') {
        /* ", Ukraine" or ", April 26": words that start with a capital or
         * a digit, up to the agency or the dash. */
        size_t q = p + 1;
        while (q < lim && q - p < 60) {
            unsigned char c = t[q];
            if (c == '(' || c == ':' || c == '\n' || (c == '-' && t[q - 1] == ' ')) break;
            if (t[q - 1] == ' ' && !IS(c, C_UPPER | C_DIGIT | C_SPACE) && c != ',') return 0;
            q++;
        }
        if (q >= lim || q - p >= 60 || t[q] == '\n') return 0;
        p = q;
    }
    while (p < lim && IS_HSPACE(t[p])) p++;
    int agency = 0;
    if (p < lim && t[p] == '(') {
        size_t q = p + 1;
        while (q < lim && q - p < 40 && t[q] != ')' && t[q] != '(' && t[q] != '\n') q++;
        if (!(q < lim && t[q] == ')' && q > p + 1 && IS(t[p + 1], C_UPPER))) return 0;
        agency = 1;
        p = q + 1;
    }
    if (!city && !agency) return 0;
    if (titled && !agency) return 0;
    while (p < lim && IS_HSPACE(t[p])) p++;
    int dash = 0;
    if (p < lim && t[p] == '-') {
        while (p < lim && t[p] == '-') p++;
        dash = 1;
    }
    if (dash && (p >= n || !IS(t[p], C_SPACE))) return 0;
    if (!dash && (strict || !city || !agency)) return 0;
    while (p < n && p - i < DATELINE_MAX && IS(t[p], C_SPACE)) p++;
    if (p >= n || p - i >= DATELINE_MAX) return 0;
    /* "WASHINGTON - the" is more likely a sentence than a dateline. */
    if (!agency && IS(t[p], C_LOWER)) return 0;
    return p;
}

/* ---- The pass. ----------------------------------------------------------- */
typedef struct {
    ent_span *out;
    int cap, count;
} sink;

static void emit(sink *s, const unsigned char *t, size_t b, size_t e) {
    while (e > b && IS(t[e - 1], C_SPACE)) e--;
    if (e <= b) return;
    if (s->count < s->cap) {
        s->out[s->count].begin = (int32_t)b;
        s->out[s->count].end = (int32_t)e;
    }
    if (s->count < INT32_MAX) s->count++;
}

/* Where to cut a sentence that reached the length limit: the last space
 * in its second half, else the limit itself moved back to a character
 * boundary. */
static size_t cut_point(const unsigned char *t, size_t start) {
    size_t lim = start + ENT_SPLIT_MAX_BYTES;
    for (size_t p = lim; p > start + ENT_SPLIT_MAX_BYTES / 2; p--)
        if (IS(t[p - 1], C_SPACE)) return p - 1;
    size_t p = lim;
    while (p > start + 1 && p > lim - 3 && (t[p] & 0xC0) == 0x80) p--;
    return p;
}

int ent_split(const char *text, size_t n, ent_span *out, int cap) {
    if (!text) return 0;
    if (n > INT32_MAX) n = INT32_MAX; /* spans are 32-bit */
    const unsigned char *t = (const unsigned char *)text;
    sink s = {out, out ? cap : 0, 0};
    size_t i = 0;
    int line_start = 1, para_start = 1;
    while (i < n) {
        /* Between sentences: whitespace, noting lines and blank lines. */
        while (i < n && IS(t[i], C_SPACE)) {
            if (t[i] == '\n') {
                if (line_start) para_start = 1;
                line_start = 1;
            }
            i++;
        }
        if (i >= n) break;
        if (line_start) {
            size_t b = bullet_end(t, i, n);
            if (b) i = b;
            size_t d = dateline_end(t, i, n, !para_start);
            if (d) i = d;
        }
        line_start = para_start = 0;
        if (i >= n) break;

        size_t start = i, j = i, stop, resume;
        for (;;) {
            if (j >= n) {
                stop = resume = n;
                break;
            }
            if (j - start >= ENT_SPLIT_MAX_BYTES) {
                stop = resume = cut_point(t, start);
                break;
            }
            unsigned char c = t[j];
            if (c == '\n') {
                /* A blank line, a bullet or a dateline on the next line
                 * ends the sentence (headlines, lists); a lone newline
                 * is only wrapping. */
                size_t k = j + 1;
                while (k < n && k - j < GAP_AHEAD && IS_HSPACE(t[k])) k++;
                if (k >= n || t[k] == '\n' || bullet_end(t, k, n) ||
                    (k - j < GAP_AHEAD && dateline_end(t, k, n, 1))) {
                    stop = resume = j;
                    break;
                }
                j++;
                continue;
            }
            if (IS(c, C_TERM)) {
                size_t run_end, after;
                if (ends_sentence(t, n, start, j, &run_end, &after)) {
                    stop = resume = after;
                    break;
                }
                j = run_end;
                continue;
            }
            j++;
        }
        emit(&s, t, start, stop);
        i = resume;
    }
    return s.count;
}

size_t ent_split_dateline(const char *text, size_t n) {
    if (!text) return 0;
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    while (i < n && IS(t[i], C_SPACE)) i++;
    size_t d = i < n ? dateline_end(t, i, n, 0) : 0;
    return d ? d : 0;
}
