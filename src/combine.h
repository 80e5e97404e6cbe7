/* combine.h -- PETRARCH-2's arithmetic of verb codes: a governing verb's
 * code combined with the code of the verb it governs ("agreed to lift
 * sanctions", "wants to help"), and the transformations that turn an
 * event reported inside another ("a says b attacked c") into one event.
 *
 * PETRARCH-2 does not combine CAMEO codes as strings: it maps each code to
 * a 16-bit value whose hex digits are facets (the top digit the kind of
 * speech act: say, appeal, intend, demand...; the lower ones the kind of
 * act and its topic), adds or picks values, and maps the result back.  A
 * result with no CAMEO code is no event.  The coder uses this only for
 * dictionary sets that carry transformations (ent_dict.combine_verbs), as
 * PETRARCH-2's own CAMEO.2.0.txt does; codes it emits then pass through
 * the same table, so they come out as PETRARCH-2's do (0841 as 0842, 046
 * as 044: the table gives those pairs one value).
 */
#ifndef ENT_COMBINE_H
#define ENT_COMBINE_H

#include <stdint.h>

#include "dict.h"

/* Values below zero are rejections (CAMEO 12x, and the negation of an
 * act): a rejection plus the value of what is rejected. */
#define ENT_COMBINE_NEG 0xFFFF

/* The variables of a nested event, as actor codes ("" for none). */
typedef struct ent_nested {
    const char *src;          /* the outer event's source */
    const char *in_src;       /* the inner event's source */
    const char *in_tgt;       /* the inner event's target */
    int32_t in_code;          /* the inner event's value */
    int32_t out_code;         /* the outer verb's value */
} ent_nested;

/* Prototypes */

/* The value of a CAMEO code (its first part, before any ':'); a code the
 * table lacks takes its two-digit family's ("174K" as 170).  0 for "---",
 * an empty code, or a family the table lacks. */
int32_t ent_combine_value(const char *code);

/* The CAMEO code of a value, or NULL when it has none (no event). */
const char *ent_combine_cameo(int32_t value);

/* The value of a governing verb's code `upper` over the governed verb's
 * `lower`. */
int32_t ent_combine_codes(int32_t upper, int32_t lower);

/* Apply the set's transformations, or PETRARCH-2's rule for a nested event
 * no transformation takes, to one nested event.  Returns 1 with the event
 * in *src, *tgt (pointers to strings of `n`) and *value (and the rule in
 * *rule, NULL for the built-in one), or 0 when the nested event makes no
 * event.  The rules' values are those ent_dict_freeze gives them. */
int ent_combine_nested(const ent_dict *d, const ent_nested *n, const char **src, const char **tgt,
                       int32_t *value, const ent_transform **rule);

#endif
