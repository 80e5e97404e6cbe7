/* tokenize.c -- Penn Treebank tokens with byte offsets (see tokenize.h).
 *
 * Hand-written, not generated from a lexer specification or built on
 * regular expressions, because the whole pipeline has a budget of a few
 * microseconds per sentence: one pass over the bytes, a 256-entry class
 * table, no allocation (tokens go to the caller's array), and every
 * decision looks at a bounded neighbourhood except runs of one character,
 * which become one token, so the pass is linear.
 *
 * A word is scanned greedily (letters, digits, UTF-8 letters, and the
 * joiners that keep "1,200", "3.5", "9:30", "U.S.", "Russian-made",
 * "AT&T", "and/or" whole), then trimmed: a clitic or possessive after an
 * apostrophe is split off ("do n't", "Russia 's", "Russians '"), a unit
 * after a number is split off ("1.2 bn", but "3rd" and "1990s" stay), and
 * a following full stop joins the word when the word is an abbreviation
 * (ent_abbrev_class) or, inside the sentence, when a lowercase word
 * follows.  As in Stanford CoreNLP, an abbreviation that ends the sentence
 * keeps its stop and a separate "." token is added; that token's span is
 * the stop's byte, which it shares with the abbreviation.
 *
 * Punctuation follows the Treebank: brackets -LRB- -RRB- -LSB- -RSB-
 * -LCB- -RCB-; a double quote is `` after a space or an opening bracket
 * and before a non-space, '' otherwise (single quotes: ` and '); "..." for
 * a run of dots; "--" for a run of hyphens and for a lone hyphen between
 * spaces (a dash); currency signs and % are tokens of their own.  Raw
 * typographic characters (quotes, dashes, ellipsis, no-break space) are
 * understood too, so text that skipped normalisation still tokenizes.
 */
#include "tokenize.h"

#include <string.h>

#include "split.h"

/* ---- Character classes. ------------------------------------------------ */
enum { T_SPACE = 1, T_UPPER = 2, T_LOWER = 4, T_DIGIT = 8, T_HIGH = 16, T_OPEN = 32 };
#define T_ALPHA (T_UPPER | T_LOWER)
#define T_ALNUM (T_UPPER | T_LOWER | T_DIGIT)

/* Control characters count as spaces: normalised text has none, and raw
 * text's NUL or BEL is no token. */
#define TCLS(c)                                                                                    \
    (((c) < 0x20 || (c) == 0x7F || (c) == ' ')                              ? T_SPACE              \
     : ((c) >= 'A' && (c) <= 'Z')                                           ? T_UPPER              \
     : ((c) >= 'a' && (c) <= 'z')                                           ? T_LOWER              \
     : ((c) >= '0' && (c) <= '9')                                           ? T_DIGIT              \
     : ((c) == '(' || (c) == '[' || (c) == '{' || (c) == '`' || (c) == '"') ? T_OPEN               \
     : ((c) >= 0x80)                                                        ? T_HIGH               \
                                                                            : 0)
#define R4(b)  TCLS(b), TCLS((b) + 1), TCLS((b) + 2), TCLS((b) + 3)
#define R16(b) R4(b), R4((b) + 4), R4((b) + 8), R4((b) + 12)
#define R64(b) R16(b), R16((b) + 16), R16((b) + 32), R16((b) + 48)
static const unsigned char tcls[256] = {R64(0), R64(64), R64(128), R64(192)};

#define IS(c, k) (tcls[(unsigned char)(c)] & (k))

/* ---- Output. ------------------------------------------------------------- */
typedef struct {
    const unsigned char *t;
    ent_tok *out;
    int cap, count;
} toks;

/* Copy at most 31 bytes, not splitting a UTF-8 character. */
static void copy_ptb(char *dst, const unsigned char *s, size_t n) {
    if (n > 31) {
        size_t m = 31;
        while (m > 0 && (s[m] & 0xC0) == 0x80) m--;
        n = m > 0 ? m : 31; /* not UTF-8 anyway: cut anywhere */
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* A token whose Treebank form is its text (ptb NULL) or `ptb`. */
static void emit(toks *k, size_t b, size_t e, const char *ptb) {
    if (k->count < k->cap) {
        ent_tok *o = &k->out[k->count];
        o->begin = (int32_t)b;
        o->end = (int32_t)e;
        if (ptb) copy_ptb(o->ptb, (const unsigned char *)ptb, strlen(ptb));
        else copy_ptb(o->ptb, k->t + b, e - b);
    }
    if (k->count < INT32_MAX) k->count++;
}

/* ---- UTF-8 symbols that are tokens (or spaces) of their own. ------------- */
enum { SYM_NONE = 0, SYM_TOKEN, SYM_SPACE, SYM_APOS };

/* At t[q] (q < e): a non-ASCII character that is punctuation, not part of
 * a word.  Sets *len and *ptb (NULL: the text itself). */
static int sym_at(const unsigned char *t, size_t q, size_t e, size_t *len, const char **ptb) {
    *ptb = NULL;
    if (t[q] == 0xC2 && q + 1 < e) {
        *len = 2;
        switch (t[q + 1]) {
        case 0xA0: return SYM_SPACE; /* no-break space */
        case 0xA3:
        case 0xA5:
        case 0xA2: return SYM_TOKEN;              /* £ ¥ ¢ */
        case 0xAB: *ptb = "``"; return SYM_TOKEN; /* « */
        case 0xBB: *ptb = "''"; return SYM_TOKEN; /* » */
        case 0xB7:
        case 0xA7:
        case 0xB0: return SYM_TOKEN; /* · § ° */
        default: return SYM_NONE;
        }
    }
    if (t[q] == 0xE2 && q + 2 < e) {
        *len = 3;
        unsigned b1 = t[q + 1], b2 = t[q + 2];
        if (b1 == 0x80) {
            switch (b2) {
            case 0x98: *ptb = "`"; return SYM_TOKEN;  /* ‘ */
            case 0x99: *ptb = "'"; return SYM_APOS;   /* ’ */
            case 0x9C: *ptb = "``"; return SYM_TOKEN; /* “ */
            case 0x9D: *ptb = "''"; return SYM_TOKEN; /* ” */
            case 0x93:
            case 0x94:
            case 0x95: *ptb = "--"; return SYM_TOKEN;  /* – — ― */
            case 0xA6: *ptb = "..."; return SYM_TOKEN; /* … */
            case 0xA2: return SYM_TOKEN;               /* • */
            case 0xAF: return SYM_SPACE;               /* narrow no-break */
            default:
                if (b2 >= 0x80 && b2 <= 0x8A) return SYM_SPACE; /* en quad .. hair */
                return SYM_NONE;
            }
        }
        if (b1 == 0x82 && b2 >= 0xA0 && b2 <= 0xBF) return SYM_TOKEN; /* € ₽ ₹ ₴ ... */
        return SYM_NONE;
    }
    return SYM_NONE;
}

static size_t utf8_len(unsigned char c) {
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
}

static int lower_eq(const unsigned char *s, size_t n, const char *w) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (c != (unsigned char)w[i]) return 0;
    }
    return w[n] == '\0';
}

/* An apostrophe at t[a] (length al) inside a word begun at p: is it a
 * clitic ('s 're 've 'll 'd 'm, or n't when the n is before it)?  Sets
 * *cb (clitic begin) and *ce (end). */
static int clitic_at(const unsigned char *t, size_t p, size_t a, size_t al, size_t e, size_t *cb,
                     size_t *ce) {
    size_t r = a + al, le = r;
    while (le < e && le - r < 3 && IS(t[le], T_ALPHA)) le++;
    if (le < e && IS(t[le], T_ALNUM)) return 0;
    size_t L = le - r;
    if (L == 1 && (t[r] == 't' || t[r] == 'T') && a > p + 1 &&
        (t[a - 1] == 'n' || t[a - 1] == 'N')) {
        *cb = a - 1;
        *ce = le;
        return 1;
    }
    if ((L == 1 &&
         (lower_eq(t + r, 1, "s") || lower_eq(t + r, 1, "d") || lower_eq(t + r, 1, "m"))) ||
        (L == 2 &&
         (lower_eq(t + r, 2, "re") || lower_eq(t + r, 2, "ve") || lower_eq(t + r, 2, "ll")))) {
        *cb = a;
        *ce = le;
        return 1;
    }
    return 0;
}

/* The Treebank spelling of a clitic: as written, with a typographic
 * apostrophe made ASCII. */
static void emit_clitic(toks *k, size_t b, size_t e) {
    char buf[8];
    size_t n = 0;
    for (size_t i = b; i < e && n < sizeof buf - 1; i++) {
        if (k->t[i] == 0xE2 && i + 2 < e && k->t[i + 1] == 0x80 && k->t[i + 2] == 0x99) {
            buf[n++] = '\'';
            i += 2;
        } else {
            buf[n++] = (char)k->t[i];
        }
    }
    buf[n] = '\0';
    emit(k, b, e, buf);
}

/* Only closing quotes, brackets and spaces between q and e? */
static int only_closers(const unsigned char *t, size_t q, size_t e) {
    for (; q < e; q++) {
        unsigned char c = t[q];
        if (IS(c, T_SPACE) || c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') continue;
        if (c == 0xE2 && q + 2 < e && t[q + 1] == 0x80 && (t[q + 2] == 0x9D || t[q + 2] == 0x99)) {
            q += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

static int is_url_start(const unsigned char *t, size_t p, size_t e) {
    size_t n = e - p;
    return (n > 7 && memcmp(t + p, "http://", 7) == 0) ||
           (n > 8 && memcmp(t + p, "https://", 8) == 0) || (n > 4 && memcmp(t + p, "www.", 4) == 0);
}

/* A suspended prefix: the hyphen at t[q] ends a word of lower-case
 * letters and a space and a letter follow ("an anti- Gondor parade",
 * "pre- and post-war").  The prefix keeps its hyphen, as the Treebank
 * writes it ("anti-"), and modifies the words after it; split off, the
 * hyphen would read as a dash and cut the phrase in two. */
static int suspended_prefix(const unsigned char *t, size_t p, size_t q, size_t e) {
    if (q - p < 2 || q + 2 >= e || !IS(t[q + 1], T_SPACE) || !IS(t[q + 2], T_ALPHA)) return 0;
    for (size_t i = p; i < q; i++)
        if (!IS(t[i], T_LOWER)) return 0;
    return 1;
}

/* Is the '_' at t[p] the joint of a multiword name ("Dol_Amroth",
 * "New_York")?  Producers that cannot write a space inside a word join a
 * name's words so; the dictionaries match them word by word, as the
 * Treebank writes them, so both parts must be capitalised words.
 * Identifiers such as "snake_case" stay as they are. */
static int name_joint(const unsigned char *t, size_t p, size_t begin, size_t e) {
    if (p == begin || p + 1 >= e || !IS(t[p - 1], T_ALNUM) || !IS(t[p + 1], T_UPPER)) return 0;
    size_t w = p;
    while (w > begin && IS(t[w - 1], T_ALNUM)) w--;
    return IS(t[w], T_UPPER) && (w == begin || IS(t[w - 1], T_SPACE) || t[w - 1] == '_');
}

/* A word at t[p] (a letter, digit, UTF-8 letter, or a sign or point
 * before a digit).  Emits its tokens and returns where scanning goes on. */
static size_t word(toks *k, size_t p, size_t begin, size_t e) {
    const unsigned char *t = k->t;
    size_t q = p;
    if ((t[p] == 'h' || t[p] == 'w') && is_url_start(t, p, e)) {
        while (q < e && !IS(t[q], T_SPACE)) q++;
        while (q > p + 1 && strchr(".,;:!?)]}\"'", t[q - 1])) q--;
        emit(k, p, q, NULL);
        return q;
    }
    if (t[q] == '-') q++; /* -5 */
    if (t[q] == '.') q++; /* .5 -.5 */
    int has_alpha = 0, dots = 0;
    size_t cb = 0, ce = 0; /* clitic or possessive split off the end */
    while (q < e) {
        unsigned char c = t[q];
        if (IS(c, T_ALNUM)) {
            if (IS(c, T_ALPHA)) has_alpha = 1;
            q++;
            continue;
        }
        if (c >= 0x80) {
            size_t sl;
            const char *sp;
            int s = sym_at(t, q, e, &sl, &sp);
            if (s == SYM_APOS) goto apostrophe;
            if (s != SYM_NONE) break;
            size_t l = utf8_len(c);
            if (q + l > e) l = e - q;
            has_alpha = 1;
            q += l;
            continue;
        }
        if (q > p && q + 1 < e) {
            unsigned char prev = t[q - 1], next = t[q + 1];
            int joins = 0;
            switch (c) {
            case '.':
                /* 3.5, U.S, and the U.S.-led of an acronym */
                joins = IS(prev, T_ALNUM) &&
                        (IS(next, T_ALNUM) ||
                         (dots && next == '-' && q + 2 < e && IS(t[q + 2], T_ALNUM)));
                dots += joins;
                break;
            case ',':
            case ':': joins = IS(prev, T_DIGIT) && IS(next, T_DIGIT); break;
            case '/': joins = IS(prev, T_ALNUM) && IS(next, T_ALNUM); break;
            case '-':
                joins = ((IS(next, T_ALNUM) || next >= 0xC0) && prev != '-') ||
                        suspended_prefix(t, p, q, e);
                break;
            case '&': joins = IS(prev, T_UPPER) && IS(next, T_UPPER); break;
            default: break;
            }
            if (joins) {
                q++;
                continue;
            }
        }
        if (c == '\'') goto apostrophe;
        break;
    apostrophe : {
        size_t al = c == '\'' ? 1 : 3;
        if (q + al > e) break;
        if (clitic_at(t, p, q, al, e, &cb, &ce)) break;
        if (q + al < e && IS(t[q + al], T_ALPHA) && q > p) { /* O'Brien */
            q += al;
            continue;
        }
        if (q > p && (t[q - 1] == 's' || t[q - 1] == 'S') &&
            !(q + al < e && IS(t[q + al], T_ALNUM))) { /* Russians' */
            cb = q;
            ce = q + al;
        }
        break;
    }
    }
    size_t we = cb ? cb : q; /* end of the word proper */
    if (we <= p) {           /* "n't" alone */
        emit_clitic(k, cb, ce);
        return ce;
    }

    /* US$, C$, HK$ */
    if (!cb && we < e && t[we] == '$' && we - p <= 3) {
        int caps = 1;
        for (size_t i = p; i < we; i++) caps &= IS(t[i], T_UPPER) != 0;
        if (caps) {
            emit(k, p, we + 1, NULL);
            return we + 1;
        }
    }
    /* cannot -> can not */
    if (we - p == 6 && lower_eq(t + p, 6, "cannot")) {
        emit(k, p, p + 3, NULL);
        emit(k, p + 3, we, NULL);
    } else if (IS(t[p], T_DIGIT) && has_alpha) {
        /* 1.2bn -> 1.2 bn; 3rd, 1990s, 12-year, F16 stay whole */
        size_t u = p;
        while (u < we && (IS(t[u], T_DIGIT) || t[u] == '.' || t[u] == ',' || t[u] == ':')) u++;
        size_t v = u;
        while (v < we && IS(t[v], T_ALPHA)) v++;
        size_t ul = v - u;
        int ordinal = (ul == 1 && (t[u] == 's' || t[u] == 'S')) ||
                      (ul == 2 && (lower_eq(t + u, 2, "st") || lower_eq(t + u, 2, "nd") ||
                                   lower_eq(t + u, 2, "rd") || lower_eq(t + u, 2, "th")));
        if (v == we && u > p && ul > 0 && !ordinal) {
            emit(k, p, u, NULL);
            emit(k, u, we, NULL);
        } else {
            emit(k, p, we, NULL);
        }
    } else if (!cb && we < e && t[we] == '.' && !(we + 1 < e && t[we + 1] == '.')) {
        /* A full stop after the word: the abbreviation's, or the sentence's. */
        int final = only_closers(t, we + 1, e);
        int cls = ent_abbrev_class((const char *)t + p, we - p);
        size_t m = we + 1;
        while (m < e && IS(t[m], T_SPACE)) m++;
        int keep;
        if (cls == ENT_ABBR_NUMBER) /* "No. 5" but "said no." */
            keep = m > we + 1 && m < e && IS(t[m], T_DIGIT);
        else if (cls != ENT_ABBR_NONE) keep = 1;
        else /* an unlisted abbreviation inside the sentence: "approx. five" */
            keep = !final && m > we + 1 && m < e && IS(t[m], T_LOWER);
        if (keep) {
            emit(k, p, we + 1, NULL);
            if (final) emit(k, we, we + 1, ".");
            return we + 1;
        }
        emit(k, p, we, NULL);
    } else {
        emit(k, p, we, NULL);
    }
    (void)begin;
    if (cb) {
        emit_clitic(k, cb, ce);
        return ce;
    }
    return we;
}

int ent_tokenize(const char *text, int32_t begin, int32_t end, ent_tok *out, int cap) {
    if (!text || begin < 0 || end <= begin) return 0;
    toks k = {(const unsigned char *)text, out, out ? cap : 0, 0};
    const unsigned char *t = k.t;
    size_t e = (size_t)end, p = (size_t)begin;
    while (p < e) {
        unsigned char c = t[p];
        if (IS(c, T_SPACE)) {
            p++;
            continue;
        }
        /* "after a space": the start, a space or an opening bracket/quote */
        int after_space = p == (size_t)begin || IS(t[p - 1], T_SPACE | T_OPEN);
        unsigned char next = p + 1 < e ? t[p + 1] : ' ';
        if (IS(c, T_ALNUM)) {
            p = word(&k, p, (size_t)begin, e);
            continue;
        }
        if (c >= 0x80) {
            size_t sl;
            const char *sp;
            int s = sym_at(t, p, e, &sl, &sp);
            if (s == SYM_SPACE) {
                p += sl;
            } else if (s == SYM_APOS) {
                /* ’ outside a word: a clitic after a closing quote, or a quote */
                size_t cb, ce;
                if (p > (size_t)begin && !after_space && clitic_at(t, p, p, 3, e, &cb, &ce) &&
                    cb == p) {
                    emit_clitic(&k, p, ce);
                    p = ce;
                } else {
                    emit(&k, p, p + 3,
                         after_space && p + 3 < e && !IS(t[p + 3], T_SPACE) ? "`" : "'");
                    p += 3;
                }
            } else if (s == SYM_TOKEN) {
                emit(&k, p, p + sl, sp);
                p += sl;
            } else {
                p = word(&k, p, (size_t)begin, e);
            }
            continue;
        }
        switch (c) {
        case '"':
            emit(&k, p, p + 1, after_space && !IS(next, T_SPACE) ? "``" : "''");
            p++;
            break;
        case '`':
            if (next == '`') {
                emit(&k, p, p + 2, "``");
                p += 2;
            } else {
                emit(&k, p, p + 1, "`");
                p++;
            }
            break;
        case '\'': {
            size_t cb, ce;
            if (next == '\'') {
                emit(&k, p, p + 2, "''");
                p += 2;
            } else if (after_space && p + 2 < e && IS(next, T_DIGIT) && IS(t[p + 2], T_DIGIT) &&
                       !(p + 3 < e && IS(t[p + 3], T_DIGIT))) {
                /* '90s, '03 */
                size_t q = p + 3;
                if (q < e && t[q] == 's') q++;
                emit(&k, p, q, NULL);
                p = q;
            } else if (!after_space && clitic_at(t, p, p, 1, e, &cb, &ce) && cb == p) {
                emit_clitic(&k, p, ce);
                p = ce;
            } else {
                emit(&k, p, p + 1, after_space && !IS(next, T_SPACE) ? "`" : "'");
                p++;
            }
            break;
        }
        case '(':
            emit(&k, p, p + 1, "-LRB-");
            p++;
            break;
        case ')':
            emit(&k, p, p + 1, "-RRB-");
            p++;
            break;
        case '[':
            emit(&k, p, p + 1, "-LSB-");
            p++;
            break;
        case ']':
            emit(&k, p, p + 1, "-RSB-");
            p++;
            break;
        case '{':
            emit(&k, p, p + 1, "-LCB-");
            p++;
            break;
        case '}':
            emit(&k, p, p + 1, "-RCB-");
            p++;
            break;
        case '.': {
            if (IS(next, T_DIGIT) && after_space) {
                p = word(&k, p, (size_t)begin, e);
                break;
            }
            size_t q = p;
            while (q < e && t[q] == '.') q++;
            emit(&k, p, q, q - p > 1 ? "..." : ".");
            p = q;
            break;
        }
        case '-': {
            if ((IS(next, T_DIGIT) || (next == '.' && p + 2 < e && IS(t[p + 2], T_DIGIT))) &&
                after_space) {
                p = word(&k, p, (size_t)begin, e); /* -5, -.5 */
                break;
            }
            size_t q = p;
            while (q < e && t[q] == '-') q++;
            int dash = q - p > 1 || (after_space && (q >= e || IS(t[q], T_SPACE)));
            emit(&k, p, q, dash ? "--" : NULL);
            p = q;
            break;
        }
        case '_':
            if (name_joint(t, p, (size_t)begin, e)) {
                p++; /* nothing emitted: the two parts are two words */
                break;
            }
            emit(&k, p, p + 1, NULL);
            p++;
            break;
        case '!':
        case '?': {
            size_t q = p;
            while (q < e && t[q] == c) q++;
            emit(&k, p, q, NULL);
            p = q;
            break;
        }
        default:
            emit(&k, p, p + 1, NULL);
            p++;
            break;
        }
    }
    return k.count;
}
