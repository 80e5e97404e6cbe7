/* combine.c -- PETRARCH-2's arithmetic of verb codes; the contract is in
 * combine.h.
 *
 * Design.  The value table is PETRARCH-2's facet encoding of CAMEO, kept
 * as data: one row per code, searched linearly (about 230 rows, used only
 * where a verb chain or a nested clause is coded, never per token).  The
 * reverse lookup takes the first row of a value; where several codes share
 * one (044/046, 082/0841/0842, 080/"08", 137/1323) the row that comes
 * first is the code PETRARCH-2 writes for it, as its output shows for the
 * first three.
 *
 * Transformations are matched by binding their variables to actor codes,
 * as PETRARCH-2 does, but with one difference: PETRARCH-2 lets a variable
 * it has not bound yet take a code another variable already holds (and
 * then writes the variable's name as the actor); here a new variable only
 * takes a code no other variable holds.
 */
#include "combine.h"

#include <string.h>

typedef struct cvalue {
    const char *code;
    int32_t value;
} cvalue;

#define N_ ENT_COMBINE_NEG

/* Top hex digit: 1 say, 2 appeal, 3 intend, 4 demand, 5 protest, 6
 * threaten, 7 disapprove, 8 posture, 9 coerce, A investigate, B consult;
 * 0 for material acts, whose lower digits say which. */
static const cvalue table[] = {
    /* make a public statement */
    {"010", 0x1000}, {"011", 0x1000 - N_}, {"012", 0x100C}, {"013", 0x1001}, {"014", 0x1002},
    {"015", 0x10A0}, {"016", 0x10A0 - N_}, {"017", 0x1003}, {"018", 0x1004}, {"019", 0x1005},
    /* appeal */
    {"020", 0x2000}, {"021", 0x2070}, {"0211", 0x2075}, {"0212", 0x2076}, {"0213", 0x2078},
    {"0214", 0x207A}, {"022", 0x2080}, {"023", 0x2040}, {"0231", 0x2045}, {"0232", 0x2046},
    {"0233", 0x2047}, {"0234", 0x2049}, {"024", 0x2060}, {"0241", 0x2061}, {"0242", 0x2062},
    {"0243", 0x2063}, {"0244", 0x2064}, {"025", 0x2200}, {"0251", 0x220B}, {"0252", 0x220C},
    {"0253", 0x220D}, {"0254", 0x2205}, {"0255", 0x220E}, {"0256", 0x220F}, {"026", 0x2010},
    {"027", 0x2020}, {"028", 0x2030},
    /* express intent */
    {"030", 0x3000}, {"031", 0x3070}, {"0311", 0x3075}, {"0312", 0x3076}, {"0313", 0x3078},
    {"0314", 0x307A}, {"032", 0x3080}, {"033", 0x3040}, {"0331", 0x3045}, {"0332", 0x3046},
    {"0333", 0x3047}, {"0334", 0x3049}, {"034", 0x3060}, {"0341", 0x3061}, {"0342", 0x3062},
    {"0343", 0x3063}, {"0344", 0x3064}, {"035", 0x3200}, {"0351", 0x320B}, {"0352", 0x320C},
    {"0353", 0x320D}, {"0354", 0x3205}, {"0355", 0x320E}, {"0356", 0x320F}, {"036", 0x3010},
    {"037", 0x3020}, {"038", 0x3230}, {"039", 0x3030},
    /* consult */
    {"040", 0xB000}, {"041", 0xB001}, {"042", 0xB002}, {"043", 0xB003}, {"044", 0xB010},
    {"045", 0xB030}, {"046", 0xB010},
    /* diplomatic and material cooperation, aid */
    {"050", 0x0080}, {"051", 0x0081}, {"052", 0x0082}, {"053", 0x0083}, {"054", 0x0084},
    {"055", 0x0085}, {"056", 0x0086}, {"057", 0x0087},
    {"060", 0x0070}, {"061", 0x0075}, {"062", 0x0076}, {"063", 0x0078}, {"064", 0x007A},
    {"070", 0x0040}, {"071", 0x0045}, {"072", 0x0046}, {"073", 0x0047}, {"074", 0x0049},
    {"075", 0x004E},
    /* yield */
    {"080", 0x0200}, {"08", 0x0200}, {"081", 0x020B}, {"0811", 0x0203}, {"0812", 0x0201},
    {"0813", 0x0204}, {"0814", 0x0206}, {"0842", 0x020C}, {"082", 0x020C}, {"083", 0x0260},
    {"0831", 0x0261}, {"0832", 0x0262}, {"0833", 0x0263}, {"0834", 0x0264}, {"084", 0x0250},
    {"0841", 0x020C}, {"085", 0x0205}, {"086", 0x020E}, {"0861", 0x0209}, {"0862", 0x020A},
    {"0863", 0x0207}, {"087", 0x02C0}, {"0871", 0x02C9}, {"0872", 0x02C1}, {"0873", 0x02C6},
    {"0874", 0x02C2},
    /* investigate */
    {"090", 0xA000}, {"091", 0xA001}, {"092", 0xA002}, {"093", 0xA003}, {"094", 0xA004},
    /* demand */
    {"100", 0x4000}, {"101", 0x4070}, {"1011", 0x4075}, {"1012", 0x4076}, {"1013", 0x4078},
    {"1014", 0x407A}, {"102", 0x4080}, {"103", 0x4040}, {"1031", 0x4045}, {"1032", 0x4046},
    {"1033", 0x4047}, {"1034", 0x4049}, {"104", 0x4060}, {"1041", 0x4061}, {"1042", 0x4062},
    {"1043", 0x4063}, {"1044", 0x4064}, {"105", 0x4200}, {"1051", 0x420B}, {"1052", 0x420C},
    {"1053", 0x420D}, {"1054", 0x4205}, {"1055", 0x420E}, {"1056", 0x420F}, {"106", 0x4010},
    {"107", 0x4020}, {"108", 0x4030},
    /* disapprove */
    {"110", 0x7000}, {"111", 0x7001}, {"112", 0x70A0}, {"1121", 0x70A1}, {"1122", 0x70A2},
    {"1123", 0x70A3}, {"1124", 0x70A4}, {"1125", 0x70A5}, {"113", 0x7002}, {"114", 0x7003},
    {"115", 0x7008}, {"116", 0x7005},
    /* reject: a rejection of what the value names; requests (122, 123)
     * carry 0x300 so that "refuse to request aid" is not one */
    {"120", -N_}, {"121", -N_ + 0x0070}, {"1211", -N_ + 0x0075}, {"1212", -N_ + 0x0076},
    {"122", -N_ + 0x2340}, {"1221", -N_ + 0x2345}, {"1222", -N_ + 0x2346},
    {"1223", -N_ + 0x2347}, {"1224", -N_ + 0x2349}, {"123", -N_ + 0x2360},
    {"1231", -N_ + 0x2361}, {"1232", -N_ + 0x2362}, {"1233", -N_ + 0x2363},
    {"1234", -N_ + 0x2364}, {"124", -N_ + 0x0200}, {"1241", -N_ + 0x020B},
    {"1242", -N_ + 0x020C}, {"1243", -N_ + 0x020D}, {"1244", -N_ + 0x0205},
    {"1245", -N_ + 0x020E}, {"1246", -N_ + 0x02C0}, {"125", -N_ + 0x0010},
    {"126", -N_ + 0x0030}, {"127", -N_ + 0x0020}, {"128", -N_ + 0x0002}, {"129", -N_ + 0x0001},
    /* threaten */
    {"130", 0x6000}, {"131", 0x6100}, {"1311", 0x6140}, {"1312", 0x6105}, {"1313", 0x6180},
    {"132", 0x600B}, {"1321", 0x6003}, {"1322", 0x6001}, {"137", 0x6004}, {"1323", 0x6004},
    {"1324", 0x6006}, {"133", 0x600C}, {"134", 0x6010}, {"135", 0x6030}, {"136", 0x600E},
    {"138", 0x60A0}, {"1381", 0x60A1}, {"1382", 0x60A2}, {"1383", 0x60A3}, {"1384", 0x60A4},
    {"1385", 0x60B0}, {"139", 0x6005},
    /* protest, posture */
    {"140", 0x5000}, {"145", 0x50A0},
    {"150", 0x8000}, {"151", 0x8001}, {"152", 0x8002}, {"153", 0x8003}, {"154", 0x8004},
    /* reduce relations */
    {"160", 0x0100}, {"161", 0x0180}, {"162", 0x0140}, {"1621", 0x0145}, {"1622", 0x0146},
    {"1623", 0x0147}, {"163", 0x000B}, {"164", 0x0110}, {"165", 0x0130}, {"166", 0x0150},
    {"1661", 0x0159}, {"1662", 0x015A}, {"1663", 0x015E},
    /* coerce */
    {"170", 0x9000}, {"171", 0x9010}, {"1711", 0x9011}, {"1712", 0x9012}, {"172", 0x900B},
    {"1721", 0x9003}, {"1722", 0x9001}, {"1723", 0x9004}, {"1724", 0x9006}, {"173", 0x9020},
    {"174", 0x9030}, {"175", 0x9040},
    /* assault, fight, mass violence */
    {"180", 0x0090}, {"181", 0x0091}, {"182", 0x0092}, {"1821", 0x0093}, {"1822", 0x0094},
    {"1823", 0x0095}, {"1824", 0x0096}, {"183", 0x0097}, {"1831", 0x0098}, {"1832", 0x0099},
    {"1833", 0x009A}, {"1834", 0x009B}, {"184", 0x009C}, {"185", 0x009D}, {"186", 0x009E},
    {"190", 0x00A0}, {"191", 0x00A1}, {"192", 0x00A2}, {"193", 0x00A3}, {"194", 0x00A4},
    {"195", 0x00A5}, {"1951", 0x00A6}, {"1952", 0x00A7}, {"196", 0x00A8},
    {"200", 0x00B0},
    /* intent to attack, the value of "want" over "attack", is written as a
     * threat to use force; last, so that "138" itself reads as 0x60A0 */
    {"138", 0x30A0},
};
#undef N_

#define N_ROWS (sizeof table / sizeof table[0])

/* The first row of a code as written. */
static const cvalue *row_of(const char *code, size_t n) {
    /* every coded verb of a PETRARCH-2 set asks this: the first two
     * characters rule out almost every row before a length is taken */
    if (n < 2) return NULL;
    for (size_t i = 0; i < N_ROWS; i++) {
        const char *t = table[i].code;
        if (t[0] != code[0] || t[1] != code[1]) continue;
        if (strlen(t) == n && !memcmp(t, code, n)) return &table[i];
    }
    return NULL;
}

int32_t ent_combine_value(const char *code) {
    if (!code) return 0;
    size_t n = strcspn(code, ":");
    const cvalue *r = row_of(code, n);
    if (r) return r->value;
    if (n < 2 || !strncmp(code, "---", 3)) return 0;
    char fam[4] = {code[0], code[1], '0', '\0'};
    r = row_of(fam, 3);
    return r ? r->value : 0;
}

const char *ent_combine_cameo(int32_t value) {
    if (value == 0) return NULL;
    for (size_t i = 0; i < N_ROWS; i++)
        if (table[i].value == value) return table[i].code;
    return NULL;
}

int32_t ent_combine_codes(int32_t upper, int32_t lower) {
    if (lower < 0) return lower + upper;          /* a rejection below keeps its object */
    /* PETRARCH-2 lets any act win over a rejection above it, so "refused
     * to lift sanctions" came out as lifting them; the rejection of the
     * act is meant, and a value with no code makes no event */
    if (upper < 0) return upper + lower;
    if (upper >= 0x1000 && lower >= 0x1000) return lower;   /* "say" + "intend": intend */
    if (lower >= upper) return lower;
    return upper + lower;
}

/* ---- Transformations ------------------------------------------------------ */

/* Variables of one match: letter -> actor code. */
typedef struct binding {
    char var[8];
    const char *val[8];
    int n;
} binding;

static const char *bound(const binding *b, char v) {
    for (int i = 0; i < b->n; i++)
        if (b->var[i] == v) return b->val[i];
    return NULL;
}

static int holds(const binding *b, const char *val) {
    for (int i = 0; i < b->n; i++)
        if (!strcmp(b->val[i], val)) return 1;
    return 0;
}

/* Bind variable v to val: a bound variable must hold val already, a new
 * one must not take a code another holds.  Returns 1 when it fits. */
static int bind(binding *b, char v, const char *val) {
    const char *have = bound(b, v);
    if (have) return !strcmp(have, val);
    if (holds(b, val) || b->n == 8) return 0;
    b->var[b->n] = v;
    b->val[b->n++] = val;
    return 1;
}

/* Value with its last k hex digits cleared. */
static int32_t masked(int32_t value, int k) { return value - value % (1 << (4 * k)); }

/* Does rule t take the nested event?  Fills the result when it does. */
static int rule_takes(const ent_transform *t, const ent_nested *n, const char **src,
                      const char **tgt, int32_t *value) {
    binding b = {.n = 0};
    if (!bind(&b, t->outer_src, n->src)) return 0;
    if (t->inner_src == '_') {
        if (n->in_src[0]) return 0;
    } else if (!n->in_src[0] || !bind(&b, t->inner_src, n->in_src)) {
        return 0;
    }
    if (!n->in_tgt[0] || (t->inner_tgt != '.' && !bind(&b, t->inner_tgt, n->in_tgt))) return 0;
    *src = bound(&b, t->res_src);
    *tgt = bound(&b, t->res_tgt);
    *value = t->res_code ? t->res_value : n->in_code;
    return *src && *tgt;
}

int ent_combine_nested(const ent_dict *d, const ent_nested *n, const char **src, const char **tgt,
                       int32_t *value, const ent_transform **rule) {
    *rule = NULL;
    size_t nt = d->transforms.len;
    const ent_transform *rules = nt ? &ENT_VEC_AT(&d->transforms, ent_transform, 0) : NULL;
    /* As PETRARCH-2 walks its tree of rules: the most specific mask of the
     * outer value that some rule has picks the rules; among those, the
     * most specific mask of the inner value that one of them has, else
     * the ones with Q. */
    int32_t om = -1, im = -1;
    for (int k = 0; k < 4 && om == -1 && n->src[0]; k++)
        for (size_t i = 0; i < nt && om == -1; i++)
            if (rules[i].outer_value == masked(n->out_code, k)) om = masked(n->out_code, k);
    for (int k = 0; k < 4 && om != -1 && im == -1; k++)
        for (size_t i = 0; i < nt && im == -1; i++)
            if (rules[i].outer_value == om && rules[i].inner_value == masked(n->in_code, k))
                im = masked(n->in_code, k);
    for (size_t i = 0; i < nt && om != -1 && !*rule; i++) {
        if (rules[i].outer_value != om || rules[i].inner_value != im) continue;
        if (rule_takes(&rules[i], n, src, tgt, value)) *rule = &rules[i];
    }
    if (*rule) return 1;
    /* No rule: "a P (b ... Q)" becomes a -> b, when Q is an act rather than
     * speech (below 0x1000).  PETRARCH-2 then puts the inner value under
     * the outer one (upper and lower swapped against a verb chain), so the
     * outer verb's kind decides: "a said b signed a deal" is a statement to
     * b, "a wants b to sign" an appeal to b. */
    if (!n->src[0] || !n->in_src[0] || n->out_code == 0 || n->in_code < 0 || n->in_code >= 0x1000)
        return 0;
    *src = n->src;
    *tgt = n->in_src;
    *value = ent_combine_codes(n->in_code, n->out_code);
    return 1;
}
