/* cameo.h -- the CAMEO event code table: names, Goldstein scores, QuadClass.
 *
 * The table is generated at build time from data/cameo-*.tsv (public
 * CAMEO figures) by scripts/gen-cameo-table.sh.
 */
#ifndef ENT_CAMEO_H
#define ENT_CAMEO_H

typedef struct ent_cameo {
    const char *code;      /* "0312" */
    const char *name;      /* "Express intent to cooperate militarily" */
    double goldstein;
} ent_cameo;

/* Generated: sorted by code. */
extern const ent_cameo ent_cameo_table[];
extern const int ent_cameo_count;

/* Prototypes */
/* Entry for a code, or for its longest known prefix ("0311X" -> "031");
 * NULL for codes outside CAMEO ("---", "+++", "abc"). */
const ent_cameo *ent_cameo_find(const char *code);
/* QuadClass 1..4 from the root ("01".."20"); 0 when the code has none. */
int ent_cameo_quad(const char *code);
/* Two-digit root ("064" -> "06"), written to out[3]; "" if not numeric. */
void ent_cameo_root(const char *code, char out[3]);

#endif
