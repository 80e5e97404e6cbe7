/* evdate.h -- when an event happened, from the date words of its sentence.
 *
 * News dates most events by words resolved against the story's date:
 * "on April 25", "on Jan. 22, 2024", "on Tuesday", "yesterday",
 * "overnight", "last week", "earlier this month", "in December",
 * "in mid-2022", "since 2022", "three days ago", "a day after April 25".
 * ent_evdate_find reads every such expression of a sentence once;
 * ent_evdate_pick gives one event its date: the expression in the event
 * word's own clause nearest to it (of two as near, the more exact),
 * resolved against the story date, or the
 * story date itself with precision NONE when its clause has none.
 *
 * Own clause: the expression and the event word must have the same
 * nearest clause: an SBAR, an S with a subject, a verb phrase modifying a
 * noun, or the root (a subjectless S, a non-finite complement, is part of
 * the clause above it).  So "said on Monday that Russia attacked Kyiv"
 * does not lend Monday to the attack, nor "violated the deal signed in
 * 2015" lend 2015 to the violation, nor one conjoined clause its date to
 * the other; "approved the bid to join NATO on Monday" dates the approval.
 *
 * Resolution.  A date is the first day of the period the words name
 * (month precision: day 01; week: its Monday; year: January 1); "mid-",
 * "early", "late" are kept in the text but do not move it.  Words without
 * a year ("on April 25", "in December", "on Tuesday") take the latest such
 * date on or before the story date, or the next one on or after it when
 * the event looks ahead ("will", "would", "to" before its word, or
 * "next"); a past reading more than half a year back is taken forward
 * instead ("is scheduled for May 3" in an April story).  "Overnight" is
 * the story's day.  Without a story date only words with a year resolve.
 *
 * Pure functions over a finished tree; nothing is allocated.
 */
#ifndef ENT_EVDATE_H
#define ENT_EVDATE_H

#include <stddef.h>
#include <stdint.h>

#include "tree.h"

/* How exact a date is; NONE: no words dated the event, the story's date
 * stands in. */
enum ent_evdate_precision {
    ENT_EVDATE_NONE = 0,
    ENT_EVDATE_YEAR,
    ENT_EVDATE_MONTH,
    ENT_EVDATE_WEEK,
    ENT_EVDATE_DAY
};

/* One date expression as read, not yet resolved. */
typedef struct ent_evdate_expr {
    int32_t begin, end;       /* token span [begin, end) */
    uint8_t kind;             /* internal: which form (evdate.c) */
    int8_t rel;               /* -1 last/previous, 0 this or bare, 1 next */
    int8_t month;             /* 1..12, 0 none */
    int8_t day;               /* 1..31, 0 none */
    int8_t wday;              /* 0 Monday .. 6 Sunday, -1 none */
    int16_t year;             /* 0 none */
    int16_t n;                /* "three days ago": 3 */
    int16_t shift;            /* "a day after ...": +1 day */
} ent_evdate_expr;

/* An event's date. */
typedef struct ent_evdate {
    int32_t date;             /* YYYYMMDD; the story date (0 when none) for NONE */
    int32_t begin, end;       /* tokens of the words; -1 for NONE */
    uint8_t precision;        /* enum ent_evdate_precision */
} ent_evdate;

/* More expressions than this in one sentence are left unread. */
#define ENT_EVDATE_MAX 16

/* Prototypes */
/* Read the date expressions of t into out[0..cap), in sentence order.
 * Returns how many. */
int ent_evdate_find(const ent_tree *t, ent_evdate_expr *out, int cap);
/* Resolve one expression against the story date (YYYYMMDD, 0 none);
 * `ahead` reads words without a year forward.  0, or -1 when it cannot be
 * resolved (no story date for relative words, "Feb. 30"). */
int ent_evdate_resolve(const ent_evdate_expr *x, int32_t story, int ahead, ent_evdate *out);
/* The date of the event whose word is token `word` of t (see above). */
ent_evdate ent_evdate_pick(const ent_tree *t, const ent_evdate_expr *xs, int n, int32_t word,
                           int32_t story);
/* "day", "week", "month", "year" or "none". */
const char *ent_evdate_precision_name(int precision);
/* The precision a name gives, -1 for an unknown name. */
int ent_evdate_precision_of(const char *name);
/* The words of tokens [begin, end) as written (spaced as in the source
 * when the offsets are known) into out[cap]; "" for an empty span. */
void ent_evdate_text(const ent_tree *t, int32_t begin, int32_t end, char *out, size_t cap);

#endif
