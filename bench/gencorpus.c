/* gencorpus.c -- write a reproducible, news-like corpus for the benchmark.
 *
 *   gencorpus N OUT.xml [SEED]          N parsed sentences, PETRARCH XML
 *   gencorpus --jsonl N OUT.jsonl [SEED] the same kind of sentences as raw
 *                                        text, 20 to a document, JSONL
 *
 * Writes N sentences in PETRARCH XML, each with its text and a Penn Treebank
 * parse in the shape Stanford CoreNLP gives:
 *
 *   <Sentences>
 *   <Sentence date="20240426" id="bench-000001" source="gencorpus">
 *   <Text>...</Text>
 *   <Parse>(ROOT (S (NP ...) (VP ...) (. .)))</Parse>
 *   </Sentence>
 *   ...
 *   </Sentences>
 *
 * Every sentence is grown from hand-written templates: a subject noun phrase
 * (a country, a national agent such as "Israeli troops", a leader with title
 * and name, or two of them joined by "and"), a verb group (past, perfect,
 * future, negated, "agreed to"), an object (an actor, a fixed noun with a
 * preposition and an actor, an infinitive clause), optional prepositional
 * phrases, relative clauses, a fronted time phrase, a reported-speech lead
 * ("X said that ...") or tail (", officials said on Tuesday").  The text and
 * the tree are built together from the same leaves, so they always agree.
 *
 * Randomness comes from a 64-bit linear congruential generator with a fixed
 * seed, never rand(): the same N and SEED give the same bytes on every
 * machine.  Needs only a C compiler.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers ---------------------------------------------------- */

static uint64_t lcg_state;

static uint32_t lcg_next(void) {
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}

/* Uniform in [0, n). */
static int pick(int n) { return (int)(((uint64_t)lcg_next() * (uint64_t)n) >> 31); }

/* True with probability pct/100. */
static int chance(int pct) { return pick(100) < pct; }

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- the tree being built ---------------------------------------------- */

#define MAX_NODES 1024
#define MAX_KIDS  24

typedef struct node {
    const char *label; /* phrase label, or POS tag of a preterminal */
    const char *word;  /* preterminals only */
    int kids[MAX_KIDS];
    int nk;
} node;

static node pool[MAX_NODES];
static int npool;

static int new_node(const char *label, const char *word) {
    if (npool == MAX_NODES) {
        fprintf(stderr, "gencorpus: sentence too large\n");
        exit(1);
    }
    node *n = &pool[npool];
    n->label = label;
    n->word = word;
    n->nk = 0;
    return npool++;
}

static void add(int parent, int child) {
    if (child < 0) return;
    if (pool[parent].nk == MAX_KIDS) {
        fprintf(stderr, "gencorpus: too many children\n");
        exit(1);
    }
    pool[parent].kids[pool[parent].nk++] = child;
}

static int leaf(const char *tag, const char *word) { return new_node(tag, word); }

/* A phrase with the given children; a child of -1 is skipped.  The list
 * ends with -2.  C leaves the order in which arguments are evaluated open,
 * so no call passes more than one argument that draws random numbers:
 * the output must not depend on the compiler. */
static int phrase(const char *label, ...) {
    int p = new_node(label, NULL);
    va_list ap;
    va_start(ap, label);
    for (;;) {
        int k = va_arg(ap, int);
        if (k == -2) break;
        add(p, k);
    }
    va_end(ap);
    return p;
}
#define P(label, ...) phrase(label, __VA_ARGS__, -2)

/* Append the leaves of a spec such as "DT:the NNP:United NNPS:States" to
 * parent. Words are pointers into a static copy kept for the run. */
static char spec_store[1 << 20];
static size_t spec_used;

static void add_spec(int parent, const char *spec) {
    const char *s = spec;
    while (*s) {
        while (*s == ' ') s++;
        if (!*s) break;
        const char *e = s;
        while (*e && *e != ' ') e++;
        const char *colon = memchr(s, ':', (size_t)(e - s));
        if (!colon) {
            fprintf(stderr, "gencorpus: bad spec '%s'\n", spec);
            exit(1);
        }
        size_t tl = (size_t)(colon - s), wl = (size_t)(e - colon - 1);
        if (spec_used + tl + wl + 2 > sizeof spec_store) spec_used = 0; /* recycle */
        char *tag = spec_store + spec_used;
        memcpy(tag, s, tl);
        tag[tl] = 0;
        spec_used += tl + 1;
        char *word = spec_store + spec_used;
        memcpy(word, colon + 1, wl);
        word[wl] = 0;
        spec_used += wl + 1;
        add(parent, leaf(tag, word));
        s = e;
    }
}

static int np_spec(const char *spec) {
    int np = new_node("NP", NULL);
    add_spec(np, spec);
    return np;
}

/* ---- vocabulary --------------------------------------------------------- */

typedef struct country {
    const char *name;    /* spec of the name as a noun phrase */
    const char *adj;     /* adjective (JJ) */
    const char *capital; /* NNP, possibly two words "NNP:Tel NNP:Aviv" */
} country;

static const country countries[] = {
    {"NNP:Russia", "Russian", "NNP:Moscow"},
    {"NNP:Ukraine", "Ukrainian", "NNP:Kyiv"},
    {"DT:the NNP:United NNPS:States", "American", "NNP:Washington"},
    {"NNP:China", "Chinese", "NNP:Beijing"},
    {"NNP:Iran", "Iranian", "NNP:Tehran"},
    {"NNP:Israel", "Israeli", "NNP:Jerusalem"},
    {"NNP:France", "French", "NNP:Paris"},
    {"NNP:Germany", "German", "NNP:Berlin"},
    {"NNP:Britain", "British", "NNP:London"},
    {"NNP:Turkey", "Turkish", "NNP:Ankara"},
    {"NNP:Syria", "Syrian", "NNP:Damascus"},
    {"NNP:Iraq", "Iraqi", "NNP:Baghdad"},
    {"NNP:Egypt", "Egyptian", "NNP:Cairo"},
    {"NNP:Japan", "Japanese", "NNP:Tokyo"},
    {"NNP:India", "Indian", "NNP:New NNP:Delhi"},
    {"NNP:Pakistan", "Pakistani", "NNP:Islamabad"},
    {"NNP:Afghanistan", "Afghan", "NNP:Kabul"},
    {"NNP:Saudi NNP:Arabia", "Saudi", "NNP:Riyadh"},
    {"NNP:Qatar", "Qatari", "NNP:Doha"},
    {"NNP:Jordan", "Jordanian", "NNP:Amman"},
    {"NNP:Lebanon", "Lebanese", "NNP:Beirut"},
    {"NNP:Poland", "Polish", "NNP:Warsaw"},
    {"NNP:Italy", "Italian", "NNP:Rome"},
    {"NNP:Spain", "Spanish", "NNP:Madrid"},
    {"NNP:Canada", "Canadian", "NNP:Ottawa"},
    {"NNP:Mexico", "Mexican", "NNP:Mexico NNP:City"},
    {"NNP:Brazil", "Brazilian", "NNP:Brasilia"},
    {"NNP:Venezuela", "Venezuelan", "NNP:Caracas"},
    {"NNP:Colombia", "Colombian", "NNP:Bogota"},
    {"NNP:Nigeria", "Nigerian", "NNP:Abuja"},
    {"NNP:Ethiopia", "Ethiopian", "NNP:Addis NNP:Ababa"},
    {"NNP:Sudan", "Sudanese", "NNP:Khartoum"},
    {"NNP:Kenya", "Kenyan", "NNP:Nairobi"},
    {"NNP:South NNP:Korea", "South Korean", "NNP:Seoul"},
    {"NNP:North NNP:Korea", "North Korean", "NNP:Pyongyang"},
    {"NNP:Vietnam", "Vietnamese", "NNP:Hanoi"},
    {"NNP:Indonesia", "Indonesian", "NNP:Jakarta"},
    {"NNP:Australia", "Australian", "NNP:Canberra"},
    {"NNP:Armenia", "Armenian", "NNP:Yerevan"},
    {"NNP:Azerbaijan", "Azerbaijani", "NNP:Baku"},
    {"NNP:Serbia", "Serbian", "NNP:Belgrade"},
    {"NNP:Kazakhstan", "Kazakh", "NNP:Astana"},
    {"NNP:Yemen", "Yemeni", "NNP:Sanaa"},
    {"NNP:Libya", "Libyan", "NNP:Tripoli"},
    {"NNP:Somalia", "Somali", "NNP:Mogadishu"},
    {"NNP:Mali", "Malian", "NNP:Bamako"},
};
#define NCOUNTRY NELEM(countries)

/* National agents that follow a country adjective: "Israeli troops". */
typedef struct agent {
    const char *spec;
    int plural;
    int det; /* takes "the" in front of the adjective */
} agent;

static const agent agents[] = {
    {"NN:government", 0, 1},
    {"NNS:officials", 1, 0},
    {"NNS:troops", 1, 0},
    {"NN:army", 0, 1},
    {"NN:police", 1, 0},
    {"NNS:diplomats", 1, 0},
    {"NN:foreign NN:ministry", 0, 1},
    {"NN:defense NN:ministry", 0, 1},
    {"NNS:forces", 1, 0},
    {"NNS:lawmakers", 1, 0},
    {"NNS:rebels", 1, 0},
    {"NNS:protesters", 1, 0},
    {"NN:parliament", 0, 1},
    {"NN:navy", 0, 1},
    {"NNS:authorities", 1, 0},
    {"NN:president", 0, 1},
    {"NN:prime NN:minister", 0, 1},
    {"NN:opposition", 0, 1},
    {"NNS:militants", 1, 0},
    {"NN:delegation", 0, 1},
};

/* Leaders: title and name, with the country they belong to. */
typedef struct leader {
    const char *title; /* NNP words */
    const char *name;
    int country; /* index in countries[] */
} leader;

static const leader leaders[] = {
    {"NNP:President", "NNP:Vladimir NNP:Putin", 0},
    {"NNP:Foreign NNP:Minister", "NNP:Sergei NNP:Lavrov", 0},
    {"NNP:Defense NNP:Minister", "NNP:Sergei NNP:Shoigu", 0},
    {"NNP:President", "NNP:Volodymyr NNP:Zelenskiy", 1},
    {"NNP:Foreign NNP:Minister", "NNP:Dmytro NNP:Kuleba", 1},
    {"NNP:President", "NNP:Joe NNP:Biden", 2},
    {"NNP:National NNP:Security NNP:Adviser", "NNP:Jake NNP:Sullivan", 2},
    {"NNP:President", "NNP:Xi NNP:Jinping", 3},
    {"NNP:Foreign NNP:Minister", "NNP:Wang NNP:Yi", 3},
    {"NNP:President", "NNP:Ebrahim NNP:Raisi", 4},
    {"NNP:Prime NNP:Minister", "NNP:Benjamin NNP:Netanyahu", 5},
    {"NNP:President", "NNP:Emmanuel NNP:Macron", 6},
    {"NNP:Chancellor", "NNP:Olaf NNP:Scholz", 7},
    {"NNP:Prime NNP:Minister", "NNP:Rishi NNP:Sunak", 8},
    {"NNP:President", "NNP:Recep NNP:Tayyip NNP:Erdogan", 9},
    {"NNP:President", "NNP:Bashar NNP:al-Assad", 10},
    {"NNP:President", "NNP:Abdel NNP:Fattah NNP:al-Sisi", 12},
    {"NNP:Prime NNP:Minister", "NNP:Fumio NNP:Kishida", 13},
    {"NNP:Prime NNP:Minister", "NNP:Narendra NNP:Modi", 14},
    {"NNP:President", "NNP:Luiz NNP:Inacio NNP:Lula NNP:da NNP:Silva", 26},
    {"NNP:President", "NNP:Nicolas NNP:Maduro", 27},
    {"NNP:President", "NNP:Bola NNP:Tinubu", 29},
    {"NNP:President", "NNP:William NNP:Ruto", 32},
    {"NNP:Prime NNP:Minister", "NNP:Abiy NNP:Ahmed", 30},
    {"NNP:President", "NNP:Yoon NNP:Suk NNP:Yeol", 33},
    {"NNP:Prime NNP:Minister", "NNP:Nikol NNP:Pashinyan", 38},
    {"NNP:President", "NNP:Ilham NNP:Aliyev", 39},
};
#define NLEADER NELEM(leaders)

/* International actors. */
static const char *const igos[] = {
    "DT:the NNP:United NNPS:Nations",
    "DT:the NNP:European NNP:Union",
    "NNP:NATO",
    "DT:the NNP:African NNP:Union",
    "DT:the NNP:Red NNP:Cross",
    "DT:the NNP:International NNP:Atomic NNP:Energy NNP:Agency",
    "DT:the NNP:World NNP:Bank",
    "DT:the NNP:Arab NNP:League",
};

/* Verbs: forms and the frame they take. */
enum frame {
    F_NP,       /* condemned Russia */
    F_PP,       /* met with Iranian officials     (prep) */
    F_FIX_PP,   /* imposed sanctions on Iran      (fixed object, prep) */
    F_NP_OF,    /* accused Israel of violating the truce   (prep, gerund clause) */
    F_NP_FOR,   /* blamed the rebels for the attack       (prep, fixed noun) */
    F_NP_TO_VP, /* urged Turkey to resume talks */
};

typedef struct verb {
    const char *base, *vbz, *vbd, *vbn;
    int frame;
    const char *fixed; /* fixed object spec */
    const char *prep;
} verb;

static const verb verbs[] = {
    {"meet", "meets", "met", "met", F_NP, NULL, NULL},
    {"meet", "meets", "met", "met", F_PP, NULL, "with"},
    {"visit", "visits", "visited", "visited", F_NP, NULL, NULL},
    {"condemn", "condemns", "condemned", "condemned", F_NP, NULL, NULL},
    {"criticize", "criticizes", "criticized", "criticized", F_NP, NULL, NULL},
    {"praise", "praises", "praised", "praised", F_NP, NULL, NULL},
    {"welcome", "welcomes", "welcomed", "welcomed", F_NP, NULL, NULL},
    {"attack", "attacks", "attacked", "attacked", F_NP, NULL, NULL},
    {"threaten", "threatens", "threatened", "threatened", F_NP, NULL, NULL},
    {"warn", "warns", "warned", "warned", F_NP, NULL, NULL},
    {"host", "hosts", "hosted", "hosted", F_NP, NULL, NULL},
    {"thank", "thanks", "thanked", "thanked", F_NP, NULL, NULL},
    {"support", "supports", "supported", "supported", F_NP, NULL, NULL},
    {"invite", "invites", "invited", "invited", F_NP, NULL, NULL},
    {"accuse", "accuses", "accused", "accused", F_NP_OF, NULL, "of"},
    {"blame", "blames", "blamed", "blamed", F_NP_FOR, NULL, "for"},
    {"urge", "urges", "urged", "urged", F_NP_TO_VP, NULL, NULL},
    {"ask", "asks", "asked", "asked", F_NP_TO_VP, NULL, NULL},
    {"negotiate", "negotiates", "negotiated", "negotiated", F_PP, NULL, "with"},
    {"cooperate", "cooperates", "cooperated", "cooperated", F_PP, NULL, "with"},
    {"protest", "protests", "protested", "protested", F_PP, NULL, "against"},
    {"sign", "signs", "signed", "signed", F_FIX_PP, "DT:an NN:agreement", "with"},
    {"sign", "signs", "signed", "signed", F_FIX_PP, "DT:a NN:trade NN:deal", "with"},
    {"hold", "holds", "held", "held", F_FIX_PP, "NNS:talks", "with"},
    {"impose", "imposes", "imposed", "imposed", F_FIX_PP, "JJ:new NNS:sanctions", "on"},
    {"impose", "imposes", "imposed", "imposed", F_FIX_PP, "NNS:sanctions", "on"},
    {"lift", "lifts", "lifted", "lifted", F_FIX_PP, "NNS:sanctions", "on"},
    {"provide", "provides", "provided", "provided", F_FIX_PP, "JJ:humanitarian NN:aid", "to"},
    {"send", "sends", "sent", "sent", F_FIX_PP, "NNS:troops", "to"},
    {"send", "sends", "sent", "sent", F_FIX_PP, "NNS:weapons", "to"},
    {"cut", "cuts", "cut", "cut", F_FIX_PP, "JJ:diplomatic NNS:ties", "with"},
    {"restore", "restores", "restored", "restored", F_FIX_PP, "JJ:diplomatic NNS:relations",
     "with"},
    {"discuss", "discusses", "discussed", "discussed", F_FIX_PP, "JJ:military NN:cooperation",
     "with"},
    {"launch", "launches", "launched", "launched", F_FIX_PP, "NN:air NNS:strikes", "on"},
    {"fire", "fires", "fired", "fired", F_FIX_PP, "NNS:rockets", "at"},
    {"offer", "offers", "offered", "offered", F_FIX_PP, "JJ:financial NN:assistance", "to"},
    {"demand", "demands", "demanded", "demanded", F_FIX_PP, "DT:an NN:apology", "from"},
    {"expel", "expels", "expelled", "expelled", F_FIX_PP, "NNS:diplomats", "from"},
};
#define NVERB NELEM(verbs)

/* Infinitive tails for "urged X to ...": base verb and its object. */
static const char *const to_vps[] = {
    "VB:resume NNS:talks",
    "VB:end DT:the NN:violence",
    "VB:release DT:the NNS:prisoners",
    "VB:respect DT:the NN:ceasefire",
    "VB:withdraw PRP$:its NNS:troops",
    "VB:halt NN:uranium NN:enrichment",
    "VB:open DT:the NN:border",
    "VB:join DT:the NN:peace NNS:negotiations",
};

/* Gerund clauses for "accused X of ...". */
static const char *const gerunds[] = {
    "VBG:violating DT:the NN:ceasefire",  "VBG:supporting NN:terrorism",
    "VBG:shelling JJ:civilian NNS:areas", "VBG:interfering",
    "VBG:smuggling NNS:weapons",          "VBG:spreading NN:disinformation",
    "VBG:detaining NNS:journalists",
};

static const char *const for_objs[] = {
    "DT:the NN:attack",
    "DT:the NN:bombing",
    "DT:the NN:collapse",
    "DT:the NNS:clashes",
    "DT:the JJ:border NN:incident",
    "DT:the NN:drone NN:strike",
};

static const char *const weekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};

/* ---- noun phrases --------------------------------------------------------- */

static int country_np(int c) { return np_spec(countries[c].name); }

/* "Russian" may be two words ("South Korean"): all JJ except a first NNP. */
static void add_adj(int np, const char *adj) {
    const char *sp = strchr(adj, ' ');
    if (!sp) {
        add(np, leaf("JJ", adj));
        return;
    }
    /* "South Korean", "North Korean": CoreNLP tags NNP JJ */
    size_t l = (size_t)(sp - adj);
    if (spec_used + l + 1 > sizeof spec_store) spec_used = 0;
    char *w = spec_store + spec_used;
    memcpy(w, adj, l);
    w[l] = 0;
    spec_used += l + 1;
    add(np, leaf("NNP", w));
    add(np, leaf("JJ", sp + 1));
}

static int agent_np(int c, int *plural) {
    const agent *a = &agents[pick(NELEM(agents))];
    int np = new_node("NP", NULL);
    if (a->det) add(np, leaf("DT", "the"));
    add_adj(np, countries[c].adj);
    add_spec(np, a->spec);
    *plural = a->plural;
    return np;
}

static int leader_np(int li) {
    const leader *l = &leaders[li];
    int np = new_node("NP", NULL);
    if (chance(60)) add_adj(np, countries[l->country].adj);
    add_spec(np, l->title);
    add_spec(np, l->name);
    return np;
}

/* An actor noun phrase; sets *plural. depth limits coordination. */
static int actor_np(int *plural, int allow_coord) {
    int r = pick(100);
    int np;
    *plural = 0;
    if (allow_coord && r < 10) {
        int p1, p2;
        int a = actor_np(&p1, 0), b = actor_np(&p2, 0);
        *plural = 1;
        return P("NP", a, leaf("CC", "and"), b);
    }
    if (r < 40) {
        np = country_np(pick(NCOUNTRY));
    } else if (r < 70) {
        np = agent_np(pick(NCOUNTRY), plural);
    } else if (r < 88) {
        np = leader_np(pick(NLEADER));
    } else if (r < 94) {
        np = np_spec(igos[pick(NELEM(igos))]);
    } else {
        /* "the government of Iraq" */
        const char *heads[] = {"NN:government", "NNS:leaders", "NN:president"};
        int h = pick(3);
        int inner = new_node("NP", NULL);
        add(inner, leaf("DT", "the"));
        add_spec(inner, heads[h]);
        *plural = (h == 1);
        np = P("NP", inner, P("PP", leaf("IN", "of"), country_np(pick(NCOUNTRY))));
    }
    return np;
}

/* A relative clause after an object: "who seized the town",
 * ", which has accused Moscow of shelling civilian areas". */
static int relative_clause(int plural) {
    if (chance(50)) {
        int vp = P("VP", leaf("VBD", "seized"), np_spec("DT:the NN:town"));
        if (chance(50))
            vp = P("VP", leaf("VBD", "attacked"), np_spec("DT:a JJ:military NN:convoy"));
        return P("SBAR", P("WHNP", leaf("WP", "who")), P("S", vp));
    }
    int cap = pick(NCOUNTRY);
    int capnp = np_spec(countries[cap].capital);
    int ger = new_node("VP", NULL);
    add_spec(ger, gerunds[pick(NELEM(gerunds))]);
    /* a gerund with an object: (VP (VBG violating) (NP ...)) */
    node *g = &pool[ger];
    if (g->nk > 1) {
        int obj = new_node("NP", NULL);
        for (int i = 1; i < g->nk; i++) add(obj, g->kids[i]);
        g->nk = 1;
        add(ger, obj);
    }
    int vp = P("VP", leaf(plural ? "VBP" : "VBZ", plural ? "have" : "has"),
               P("VP", leaf("VBN", "accused"), capnp, P("PP", leaf("IN", "of"), P("S", ger))));
    return P("SBAR", P("WHNP", leaf("WDT", "which")), P("S", vp));
}

static int object_actor(void) {
    int pl;
    int np = actor_np(&pl, 1);
    if (chance(8)) {
        int rel = relative_clause(pl);
        np = P("NP", np, leaf(",", ","), rel);
    }
    return np;
}

/* (NP (DT the) (NN x) ...) from a spec, or a VP whose first leaf is the verb
 * and the rest its object NP. */
static int vp_with_object(const char *spec) {
    int vp = new_node("VP", NULL);
    add_spec(vp, spec);
    node *v = &pool[vp];
    if (v->nk > 1) {
        int obj = new_node("NP", NULL);
        for (int i = 1; i < v->nk; i++) add(obj, v->kids[i]);
        v->nk = 1;
        add(vp, obj);
    }
    return vp;
}

/* Trailing prepositional phrases on the main verb phrase. */
static int trailing_pp(void) {
    int r = pick(6);
    switch (r) {
    case 0: return P("PP", leaf("IN", "in"), np_spec(countries[pick(NCOUNTRY)].capital));
    case 1: return P("PP", leaf("IN", "on"), P("NP", leaf("NNP", weekdays[pick(7)])));
    case 2:
        return P("PP", leaf("IN", "during"),
                 P("NP", np_spec("DT:a NN:visit"),
                   P("PP", leaf("TO", "to"), np_spec(countries[pick(NCOUNTRY)].capital))));
    case 3:
        return P("PP", leaf("IN", "after"),
                 P("NP", np_spec("NNS:weeks"), P("PP", leaf("IN", "of"), np_spec("NN:tension"))));
    case 4: return P("PP", leaf("IN", "over"), np_spec("DT:the JJ:border NN:dispute"));
    default:
        return P("PP", leaf("IN", "for"),
                 P("NP", np_spec("DT:the JJ:first NN:time"),
                   P("PP", leaf("IN", "since"), np_spec(pick(2) ? "CD:2019" : "CD:2015"))));
    }
}

/* ---- verb phrases ----------------------------------------------------------- */

/* The part after the verb, appended to vp. */
static void add_complements(int vp, const verb *v) {
    switch (v->frame) {
    case F_NP: add(vp, object_actor()); break;
    case F_PP: add(vp, P("PP", leaf("IN", v->prep), object_actor())); break;
    case F_FIX_PP:
        add(vp, np_spec(v->fixed));
        add(vp, P("PP", leaf(strcmp(v->prep, "to") ? "IN" : "TO", v->prep), object_actor()));
        break;
    case F_NP_OF: {
        add(vp, object_actor());
        int ger = vp_with_object(gerunds[pick(NELEM(gerunds))]);
        add(vp, P("PP", leaf("IN", "of"), P("S", ger)));
        break;
    }
    case F_NP_FOR:
        add(vp, object_actor());
        add(vp, P("PP", leaf("IN", "for"), np_spec(for_objs[pick(NELEM(for_objs))])));
        break;
    case F_NP_TO_VP: {
        int to = vp_with_object(to_vps[pick(NELEM(to_vps))]);
        add(vp, P("S", object_actor(), P("VP", leaf("TO", "to"), to)));
        break;
    }
    }
}

static int clause_depth;
static int clause(void);

/* Optional modifiers after the complements: one or two prepositional
 * phrases, sometimes an "after ..." clause. */
static void add_modifiers(int vp) {
    if (chance(65)) add(vp, trailing_pp());
    if (chance(30)) add(vp, trailing_pp());
    if (clause_depth < 2 && chance(25)) {
        static const char *const subs[] = {"after", "as", "while", "because"};
        const char *sub = subs[pick(NELEM(subs))];
        add(vp, P("SBAR", leaf("IN", sub), clause()));
    }
}

/* A verb group around verb v in a random tense, agreeing with the subject. */
static int verb_group(const verb *v, int plural) {
    int r = pick(100);
    int inner;
    if (r < 55) { /* past */
        int vp = P("VP", leaf("VBD", v->vbd));
        add_complements(vp, v);
        add_modifiers(vp);
        return vp;
    }
    if (r < 62) { /* present */
        int vp = P("VP", plural ? leaf("VBP", v->base) : leaf("VBZ", v->vbz));
        add_complements(vp, v);
        add_modifiers(vp);
        return vp;
    }
    inner = new_node("VP", NULL);
    if (r < 77) { /* perfect */
        add(inner, leaf("VBN", v->vbn));
        add_complements(inner, v);
        add_modifiers(inner);
        return P("VP", leaf(plural ? "VBP" : "VBZ", plural ? "have" : "has"), inner);
    }
    add(inner, leaf("VB", v->base));
    add_complements(inner, v);
    add_modifiers(inner);
    if (r < 86) return P("VP", leaf("MD", "will"), inner); /* future */
    if (r < 93)                                            /* negated past */
        return P("VP", leaf("VBD", "did"), leaf("RB", "not"), inner);
    /* agreed to */
    return P("VP", leaf("VBD", "agreed"), P("S", P("VP", leaf("TO", "to"), inner)));
}

/* A clause: subject and verb group, sometimes two coordinated verb phrases. */
static int clause(void) {
    int plural;
    clause_depth++;
    int subj = actor_np(&plural, 1);
    int vp = verb_group(&verbs[pick(NVERB)], plural);
    if (chance(8)) {
        int vp2 = new_node("VP", NULL);
        const verb *v2 = &verbs[pick(NVERB)];
        add(vp2, leaf("VBD", v2->vbd));
        add_complements(vp2, v2);
        vp = P("VP", vp, leaf("CC", "and"), vp2);
    }
    clause_depth--;
    return P("S", subj, vp);
}

/* ---- sentences ---------------------------------------------------------- */

static int fronted(void) {
    switch (pick(4)) {
    case 0: return P("PP", leaf("IN", "On"), P("NP", leaf("NNP", weekdays[pick(7)])));
    case 1: return P("ADVP", leaf("RB", "Earlier"), np_spec("DT:this NN:week"));
    case 2: return P("PP", leaf("IN", "In"), np_spec("DT:a NN:statement"));
    default:
        return P("PP", leaf("IN", "After"),
                 P("NP", np_spec("NNS:months"), P("PP", leaf("IN", "of"), np_spec("NNS:talks"))));
    }
}

/* ", officials said on Tuesday" and friends: the NP and VP of the tail. */
static void add_report_tail(int s) {
    add(s, leaf(",", ","));
    switch (pick(4)) {
    case 0:
        add(s, np_spec("NNS:officials"));
        add(s, P("VP", leaf("VBD", "said"),
                 P("PP", leaf("IN", "on"), P("NP", leaf("NNP", weekdays[pick(7)])))));
        break;
    case 1:
        add(s, np_spec("DT:the NN:ministry"));
        add(s,
            P("VP", leaf("VBD", "said"), P("PP", leaf("IN", "in"), np_spec("DT:a NN:statement"))));
        break;
    case 2:
        add(s, np_spec("NN:state NNS:media"));
        add(s, P("VP", leaf("VBD", "reported")));
        break;
    default: {
        int pl;
        add(s, agent_np(pick(NCOUNTRY), &pl));
        add(s, P("VP", leaf("VBD", "said")));
        break;
    }
    }
}

/* "the Lebanese government said ..." -> "The ...": in the text and the tree. */
static void capitalize_first(int n) {
    while (!pool[n].word) n = pool[n].kids[0];
    const char *w = pool[n].word;
    if (w[0] < 'a' || w[0] > 'z') return;
    size_t l = strlen(w);
    if (spec_used + l + 1 > sizeof spec_store) spec_used = 0;
    char *c = spec_store + spec_used;
    memcpy(c, w, l + 1);
    c[0] = (char)(c[0] - 'a' + 'A');
    spec_used += l + 1;
    pool[n].word = c;
}

static int sentence(void) {
    int r = pick(100);
    int s;
    if (r < 20) {
        /* "Iranian officials said on Monday that Iraq ..." */
        int pl;
        int subj = actor_np(&pl, 0);
        int vp = P("VP", leaf("VBD", "said"));
        if (chance(50)) add(vp, P("PP", leaf("IN", "on"), P("NP", leaf("NNP", weekdays[pick(7)]))));
        add(vp, P("SBAR", leaf("IN", "that"), clause()));
        s = P("S", subj, vp);
    } else if (r < 55) {
        /* "Russia condemned Ukraine, officials said on Tuesday." */
        s = P("S", clause());
        add_report_tail(s);
    } else if (r < 70) {
        /* "On Tuesday, Russia condemned Ukraine." */
        int c = clause();
        s = P("S", fronted(), leaf(",", ","));
        for (int i = 0; i < pool[c].nk; i++) add(s, pool[c].kids[i]);
    } else {
        s = clause();
    }
    add(s, leaf(".", "."));
    capitalize_first(s);
    return P("ROOT", s);
}

/* ---- output -------------------------------------------------------------- */

static void put_xml(FILE *f, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        default: fputc(*s, f);
        }
    }
}

static int first_word;

static void put_text(FILE *f, int n) {
    node *x = &pool[n];
    if (x->word) {
        int punct = !strcmp(x->label, ",") || !strcmp(x->label, ".");
        if (!first_word && !punct) fputc(' ', f);
        put_xml(f, x->word);
        first_word = 0;
        return;
    }
    for (int i = 0; i < x->nk; i++) put_text(f, x->kids[i]);
}

static void put_parse(FILE *f, int n) {
    node *x = &pool[n];
    fputc('(', f);
    put_xml(f, x->label);
    if (x->word) {
        fputc(' ', f);
        put_xml(f, x->word);
    } else {
        for (int i = 0; i < x->nk; i++) {
            fputc(' ', f);
            put_parse(f, x->kids[i]);
        }
    }
    fputc(')', f);
}

static int count_tokens(int n) {
    node *x = &pool[n];
    if (x->word) return 1;
    int c = 0;
    for (int i = 0; i < x->nk; i++) c += count_tokens(x->kids[i]);
    return c;
}

/* Raw text as a writer would type it: clitics, possessives and
 * punctuation join the word before them ("didn't", "Iran's", "Tehran,"). */
static void put_raw(FILE *f, int n) {
    node *x = &pool[n];
    if (x->word) {
        const char *w = x->word;
        int join = !strcmp(x->label, ",") || !strcmp(x->label, ".") || w[0] == '\'' ||
                   !strcmp(w, "n't");
        if (!first_word && !join) fputc(' ', f);
        for (; *w; w++) {
            if (*w == '"' || *w == '\\') fputc('\\', f);
            fputc(*w, f);
        }
        first_word = 0;
        return;
    }
    for (int i = 0; i < x->nk; i++) put_raw(f, x->kids[i]);
}

/* Dates step through 2023-2024 one day per 100 sentences. */
static void date_of(long i, char out[16]) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    long day = (i / 100) % 731;
    int y = 2023, m = 0;
    for (;;) {
        int dim = mdays[m] + (m == 1 && y % 4 == 0);
        if (day < dim) break;
        day -= dim;
        if (++m == 12) {
            m = 0;
            y++;
        }
    }
    snprintf(out, 16, "%04d%02d%02d", y % 10000, (m + 1) % 100, (int)(day + 1) % 100);
}

int main(int argc, char **argv) {
    int jsonl = argc > 1 && !strcmp(argv[1], "--jsonl");
    if (jsonl) {
        argv++;
        argc--;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: gencorpus [--jsonl] N OUT [SEED]\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 20240426ULL;
    lcg_state = seed;
    FILE *f = fopen(argv[2], "w");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    long tokens = 0;
    if (jsonl) {
        enum { PER_DOC = 20 };
        for (long i = 0; i < n; i++) {
            npool = 0;
            int root = sentence();
            char date[16];
            date_of(i, date);
            if (i % PER_DOC == 0)
                fprintf(f, "%s{\"id\": \"bench-doc-%06ld\", \"date\": \"%.4s-%.2s-%.2s\", "
                           "\"source\": \"gencorpus\", \"text\": \"",
                        i ? "\"}\n" : "", i / PER_DOC + 1, date, date + 4, date + 6);
            else
                fputc(' ', f);
            first_word = 1;
            put_raw(f, root);
            tokens += count_tokens(root);
        }
        if (n) fputs("\"}\n", f);
        if (fclose(f) != 0) {
            perror(argv[2]);
            return 1;
        }
        fprintf(stderr, "gencorpus: %ld sentences, %ld tokens, %.1f tokens/sentence -> %s\n", n,
                tokens, n ? (double)tokens / (double)n : 0.0, argv[2]);
        return 0;
    }
    fputs("<Sentences>\n", f);
    for (long i = 0; i < n; i++) {
        npool = 0;
        int root = sentence();
        char date[16];
        date_of(i, date);
        fprintf(f, "<Sentence date=\"%s\" id=\"bench-%06ld\" source=\"gencorpus\">\n<Text>", date,
                i + 1);
        first_word = 1;
        put_text(f, root);
        fputs("</Text>\n<Parse>", f);
        put_parse(f, root);
        fputs("</Parse>\n</Sentence>\n", f);
        tokens += count_tokens(root);
    }
    fputs("</Sentences>\n", f);
    if (fclose(f) != 0) {
        perror(argv[2]);
        return 1;
    }
    fprintf(stderr, "gencorpus: %ld sentences, %ld tokens, %.1f tokens/sentence -> %s\n", n, tokens,
            n ? (double)tokens / (double)n : 0.0, argv[2]);
    return 0;
}
