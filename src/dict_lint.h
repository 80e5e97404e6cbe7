/* dict_lint.h -- checks on a loaded dictionary set that a loader cannot
 * make line by line, and phrase lookups for people maintaining a set.
 *
 * Lint: event codes CAMEO does not have, the same phrase naming two
 * different actors (only the first can ever be found), the same phrase
 * both an actor and an agent, overlapping date ranges within one actor,
 * and patterns that can never win (an earlier pattern of the same block
 * has the same elements).  Every finding names the entries' files and
 * lines.
 */
#ifndef ENT_DICT_LINT_H
#define ENT_DICT_LINT_H

#include <stdint.h>
#include <stdio.h>

#include "dict.h"
#include "diag.h"

/* Prototypes */
/* Append one message per finding to `d`; returns the number found. */
int ent_dict_lint(const ent_dict *dict, ent_diags *d);
/* Explain what `phrase` resolves to on `date` (YYYYMMDD, 0 = no date):
 * the actors and agents it names, every dated code and the one that
 * applies, and the verb block when it is a verb form.  Returns the
 * number of entries found. */
int ent_dict_lookup(const ent_dict *dict, const char *phrase, int32_t date, FILE *out);

#endif
