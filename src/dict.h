/* dict.h -- a loaded dictionary set: actors, agents, verbs, synsets,
 * discards and issues, compiled into read-only indexes.
 *
 * Layering: the loaders (dict_config.c, dict_actors.c, dict_agents.c,
 * dict_verbs.c, dict_lists.c) fill an ent_dict through the builder calls
 * below; ent_dict_freeze() then sorts and indexes everything.  After that
 * the set is immutable and shared by every coder thread without locks.
 *
 * Words.  Every distinct upper-case word that any entry uses gets a word id
 * (ent_wid >= 1).  Sentence tokens are mapped to word ids once per
 * sentence (ent_dict_word), so all matching below is integer comparison.
 *
 * Phrases.  Actor names, agent names, discards, issue phrases and synset
 * members are all "phrases": sequences of word ids.  A phrase index maps a
 * first word to the phrases that start with it, longest first, so the
 * coder finds the longest match at a position with one array walk.
 */
#ifndef ENT_DICT_H
#define ENT_DICT_H

#include <stdint.h>

#include "diag.h"
#include "util.h"

typedef int32_t ent_wid;           /* word id; 0 = not in any dictionary */

/* Open-ended date bounds for date-restricted codes, as YYYYMMDD. */
#define ENT_DATE_MIN 0
#define ENT_DATE_MAX 99999999

/* ---- Options (PETR_config.ini [Options], record <Config>) --------------- */
typedef struct ent_options {
    int require_dyad;        /* drop events lacking source or target */
    int new_actor_length;    /* >0: unknown proper-noun NPs up to this many
                                words become quoted actors ("...") */
    int comma_min, comma_max;    /* comma-delimited clause deletion, middle */
    int comma_bmin, comma_bmax;  /* ... at the start of the sentence */
    int comma_emin, comma_emax;  /* ... at the end of the sentence */
    int null_actors;         /* a source or target phrase the actor dictionaries
                                do not know still makes an event, coded "---"
                                with its text (for dictionary work) */
    int null_verbs;          /* a verb the verb dictionary does not know still
                                makes an event between known actors, coded
                                "---" with its text (for dictionary work) */
    int code_issues;         /* attach issue codes */
    int infer_agent_country; /* an agent with no actor ("protesters", "the
                                government") takes its country from the other
                                side of the event, else from the first country
                                the sentence names: "---OPP" becomes "KENOPP";
                                PETRARCH leaves "---": off by default */
    int code_nested;         /* code clauses inside a verb phrase that already
                                gave a verb its code ("X said Y attacked Z");
                                PETRARCH does not: off by default */
    int code_nominal;        /* a noun that names an event with its actors
                                ("Israeli strikes on Gaza", "talks between
                                Serbia and Kosovo", "launched an invasion of")
                                is coded through the noun dictionary: on when
                                a set has one, unless turned off */
    int code_all_clauses;    /* a clause that reports an act of its own inside
                                a coded verb's phrase ("..., killing 30",
                                "after police raided the embassy", relative
                                clauses) is coded too, and "may", "might",
                                "could" and "should" leave an act undone;
                                PETRARCH does neither: off by default */
} ent_options;

void ent_options_default(ent_options *o);
/* Set one option by its PETRARCH name; value "true"/"false"/number, any
 * case.  Returns 0, or -1 for an unknown name or bad value. */
int  ent_options_set(ent_options *o, const char *name, const char *value);

/* ---- Phrases and phrase indexes ----------------------------------------- */
typedef struct ent_phrase {
    const ent_wid *words;
    int32_t n_words;
    int32_t value;       /* what the phrase names: actor, agent, discard... */
    int32_t flags;       /* per-kind flags, see below */
    ent_wid second;      /* words[1], 0 for one word: the test that turns
                            most candidates away, without reading words */
} ent_phrase;

typedef struct ent_phrase_index {
    ent_phrase *phrases;     /* sorted by (first word, length desc, order) */
    int32_t n_phrases;
    int32_t *start;          /* start[w] .. start[w+1]: phrases with first word w;
                                sized n_words + 2 at freeze time */
    ent_vec pending;         /* builder: ent_phrase items before freeze */
} ent_phrase_index;

/* ---- Actors ------------------------------------------------------------- */
typedef struct ent_actor_code {
    const char *code;        /* "RUSMIL", "---", "+++", ... */
    int32_t from, to;        /* inclusive YYYYMMDD bounds */
    int dated;               /* 0 for the undated default code */
} ent_actor_code;

typedef struct ent_actor {
    const char *name;        /* primary name as written, for explain */
    const ent_actor_code *codes;
    int32_t n_codes;         /* an actor may carry several codes ([ELR/GAL]) */
    const char *file;
    int32_t line;
} ent_actor;

/* ---- Agents ------------------------------------------------------------- */
typedef struct ent_agent {
    const char *name;
    const char *code;        /* "GOV", "NGO", "MILNAV" (without the ~) */
    int prefix;              /* 1 for [NGO~] (goes before the actor code) */
    const char *file;
    int32_t line;
} ent_agent;

/* ---- Verbs and patterns -------------------------------------------------
 * Both verb-file forms compile into the same structures.
 *
 *   PETRARCH-1 (PETR.Validate.verbs.txt):   - SAID * TO ATTEND [082]
 *   PETRARCH-2 (CAMEO.2.0.txt):             - * (TO {PEACE PLAN}) [037]
 *
 * A pattern is the elements before the verb (pre, in sentence order) and
 * after it (post).  `adjacent` on an element means it must immediately
 * follow the previous element (the `_` connector); otherwise words may
 * intervene.  PP_OPEN/PP_CLOSE bracket a prepositional phrase ( ... ),
 * NP_OPEN/NP_CLOSE a noun phrase { ... } (PETRARCH-2 form only). */
/* Adjacency, precisely: `adjacent` records a `_` between an element and
 * its neighbour on the verb's side.  Post elements: the previous post
 * element, or the verb itself for post[0] (`* _OUT` vs `*_OUT`).  Pre
 * elements, mirrored: the NEXT pre element, or the verb itself for
 * pre[n_pre - 1] (`IN_*`); so `SUGGESTED_+ *` sets it on SUGGESTED (joined
 * to +), not on + (which is not joined to the verb).  A `_` followed by a
 * space, a closing bracket or the end (`IN_ *`, `* OFF_`) only means "this
 * exact word" and sets nothing. */
enum ent_pelem_kind {
    ENT_PE_WORD = 1,     /* id = word id */
    ENT_PE_SYNSET,       /* id = synset index */
    ENT_PE_SOURCE,       /* $ */
    ENT_PE_TARGET,       /* + */
    ENT_PE_COMPOUND,     /* % : the source is also the target (compound) */
    ENT_PE_SKIP,         /* ^ : skip one noun phrase */
    ENT_PE_PP_OPEN,
    ENT_PE_PP_CLOSE,
    ENT_PE_NP_OPEN,
    ENT_PE_NP_CLOSE
};

typedef struct ent_pelem {
    uint8_t kind;
    uint8_t adjacent;
    int32_t id;
} ent_pelem;

typedef struct ent_pattern {
    const ent_pelem *pre, *post;
    int32_t n_pre, n_post;
    const char *code;        /* "064", "1717", "174K", "---" ... */
    const char *code2;       /* second event of [032:033], or NULL */
    const char *text;        /* the line as written, for explain and output */
    const char *file;
    int32_t line;
    int32_t block;
    int32_t value;           /* code's value for PETRARCH-2 arithmetic
                              * (combine.h), set at freeze when
                              * combine_verbs; 0 otherwise */
} ent_pattern;

/* One surface form of a verb: "RESTORED", "BROKE DOWN", "WIRE TAPPED".
 * `head` is the index in words[] of the inflected verb word; words before
 * it must precede the verb in the sentence, words after it follow. */
typedef struct ent_verb_form {
    const ent_wid *words;
    int32_t n_words;
    int32_t head;
    int32_t verb;            /* index into verbs */
} ent_verb_form;

typedef struct ent_verb {
    const char *lemma;       /* as written: "RESTORE", "BREAK_DOWN" */
    const char *code;        /* own code, or the block's when not given */
    const char *code2;
    int32_t block;
    const char *file;
    int32_t line;
    int32_t value;           /* as ent_pattern.value */
} ent_verb;

typedef struct ent_verb_block {
    const char *name;        /* from the "--- NAME [code] ---" line */
    const char *code, *code2;
    int32_t first_pattern, n_patterns;   /* patterns[first .. first+n) */
} ent_verb_block;

/* A synset: &NAME with members, each member a phrase (nested synsets are
 * expanded at load).  Members are kept in an index by first word like
 * every other phrase list; `phrase.value` is the synset index. */
typedef struct ent_synset {
    const char *name;        /* "&CURRENCY" */
} ent_synset;

/* A transformation (PETRARCH-2 verb files, the "~" lines at their end):
 *
 *     ~ a (b . ATTACK) SAY = a b 112
 *
 * reads "when a says that b attacked anyone, code a -> b 112".  The part
 * before '=' is an event nested in another: the outer source, then in
 * brackets the inner event's source, target and verb, then the outer verb.
 * Variables are single lower-case letters; `_` as the inner source means
 * the inner event has none, `.` as its target that any target will do.
 * A verb is a verb word of the file and stands for that verb's code; `Q`
 * as the inner verb is any code, which the result may repeat as its code.
 * Verb words are resolved to codes when the whole file has been read. */
typedef struct ent_transform {
    char outer_src;          /* variable letter */
    char inner_src;          /* variable letter, or '_' (none) */
    char inner_tgt;          /* variable letter, or '.' (any) */
    char res_src, res_tgt;   /* variables bound before the '=' */
    const char *inner_verb, *outer_verb;   /* as written; inner "Q" = any */
    const char *inner_code;  /* the inner verb's code; NULL for Q */
    const char *outer_code;  /* the outer verb's code */
    const char *res_code;    /* the result's code; NULL for Q (the inner code) */
    const char *text;        /* the line as written, for explain */
    const char *file;
    int32_t line;
    /* the three codes' values (combine.h), set at freeze: the rules are
     * tried for every nested event */
    int32_t outer_value;
    int32_t inner_value;     /* -1 for Q */
    int32_t res_value;       /* unused when res_code is NULL */
} ent_transform;

/* Actor phrase flags */
#define ENT_ACTOR_LOOSE 1    /* words written apart ("ITHILEN TELEVISION"), not
                                joined by "_": other words may come between
                                them ("Ithilen state-run television") */

/* Discard and issue flags */
#define ENT_DISCARD_STORY 1  /* `+` entries discard the whole story */
#define ENT_ISSUE_EXCLUDE 1        /* `~phrase`: a match here is no issue */
#define ENT_ISSUE_EXCLUDE_STORY 2  /* `~~phrase`: with EXCLUDE; no issues
                                      for the whole story */

/* A noun that names an event ("strikes on", "invasion of", "talks
 * between"): its code, and the prepositions that bring in its target;
 * `between` (BETWEEN among them) makes the PP's actors act on each
 * other. */
#define ENT_NOUN_MAX_PREPS 8
typedef struct ent_noun {
    const char *name;        /* as written: "AIR_STRIKE" */
    const char *code;
    ent_wid preps[ENT_NOUN_MAX_PREPS];
    int n_preps;
    const char *file;
    int32_t line;
} ent_noun;

typedef struct ent_issue {
    const char *code;        /* "OIL" */
    const char *category;    /* "ENERGY" */
} ent_issue;

/* ---- The set ------------------------------------------------------------- */
typedef struct ent_dict {
    ent_arena arena;         /* owns every string and array below */

    ent_strmap words;        /* upper-case word -> wid */
    int32_t n_words;         /* highest wid + 1 */
    ent_vec word_text;       /* const char *, indexed by wid (0 = "") */

    ent_vec actors;          /* ent_actor */
    ent_vec agents;          /* ent_agent */
    ent_vec verbs;           /* ent_verb */
    ent_vec blocks;          /* ent_verb_block */
    ent_vec patterns;        /* ent_pattern, grouped by block after freeze */
    ent_vec forms;           /* ent_verb_form */
    ent_vec synsets;         /* ent_synset */
    ent_vec issues;          /* ent_issue */
    ent_vec nouns;           /* ent_noun */
    ent_vec transforms;      /* ent_transform, in file order */
    ent_strmap synset_names; /* "&NAME" -> synset index */

    ent_phrase_index actor_ix;    /* value = actor index */
    ent_phrase_index agent_ix;    /* value = agent index */
    ent_phrase_index synset_ix;   /* value = synset index */
    ent_phrase_index discard_ix;  /* value unused; flags ENT_DISCARD_STORY */
    ent_phrase_index issue_ix;    /* value = issue index; flags 1 = exclusion (~),
                                     value -1; flags 3 = story exclusion (~~) */
    ent_phrase_index noun_ix;     /* value = noun index: event nouns, every form */

    /* Verb forms by head word after freeze: form_start[w]..form_start[w+1]
     * index into form_order. */
    int32_t *form_start;
    int32_t *form_order;

    ent_options options;     /* from the config's [Options] */
    char *name;              /* the config or directory it was loaded from */
    uint64_t identity;       /* hash of every file's bytes, for stores */
    int frozen;
    int verb_form2;          /* 1 if the verb file was PETRARCH-2 form
                                (it brackets phrases in patterns) */
    int combine_verbs;       /* 1 if the verb file has transformations ("~"
                                lines, even bad ones), as PETRARCH-2's own
                                CAMEO.2.0.txt: the coder then combines the
                                codes of governing and governed verbs and
                                applies the transformations as PETRARCH-2
                                does (combine.h); the bracket form alone does
                                not say this, other sets write it too */
    int owned;               /* set when ent_dict_load allocated the struct:
                                ent_dict_free then frees it too */
} ent_dict;

/* ---- Loading (dict_config.c) ---------------------------------------------
 * `path` is a PETR_config.ini or a directory holding one.  Messages go to
 * `diags`; with diags->strict the load stops at the first bad line.
 * Returns a frozen set or NULL (a message says why). */
ent_dict *ent_dict_load(const char *path, ent_diags *diags);

/* Load named files relative to `dir` (NULL entries are skipped); used by
 * validation records whose <Environment> names the files. */
typedef struct ent_dict_files {
    const char *verbs;
    const char *actors[16];
    int n_actors;
    const char *agents;
    const char *discards;
    const char *issues;
    const char *nouns;
} ent_dict_files;
ent_dict *ent_dict_load_files(const char *dir, const ent_dict_files *files,
                              ent_diags *diags);

void ent_dict_free(ent_dict *d);

/* ---- Builder calls used by the loaders ---------------------------------- */
int  ent_dict_init(ent_dict *d);
/* Intern an upper-case word (len bytes); returns its wid or -1 on OOM. */
ent_wid ent_dict_intern(ent_dict *d, const char *word, size_t len);
/* Split a dictionary phrase on spaces and underscores, upper-case and
 * intern each word into `out` (cap entries).  Returns the count, or -1. */
int  ent_dict_phrase(ent_dict *d, const char *text, size_t len, ent_wid *out, int cap);
/* Copy `n` wids into the arena and add a phrase to an index. */
int  ent_phrase_add(ent_dict *d, ent_phrase_index *ix, const ent_wid *w, int n,
                    int32_t value, int32_t flags);
int  ent_dict_freeze(ent_dict *d);

/* Each loader reads one file into d.  Returns 0, or -1 when it stopped
 * (I/O error, out of memory, or a bad line in strict mode). */
int ent_load_actors(ent_dict *d, const char *path, ent_diags *diags);
int ent_load_agents(ent_dict *d, const char *path, ent_diags *diags);
int ent_load_verbs(ent_dict *d, const char *path, ent_diags *diags);
int ent_load_discards(ent_dict *d, const char *path, ent_diags *diags);
int ent_load_issues(ent_dict *d, const char *path, ent_diags *diags);
int ent_load_nouns(ent_dict *d, const char *path, ent_diags *diags);

/* Read a whole dictionary file and fold its bytes into d->identity, so
 * every loader's input counts towards the set's identity.  Lone CR line
 * ends become LF, so every loader sees lines the same way.  Returns the
 * NUL-terminated text (free() it), or NULL after a message naming the
 * file when it cannot be read or holds a NUL byte (with its line). */
char *ent_dict_read_file(ent_dict *d, const char *path, size_t *len, ent_diags *diags);

/* Parse a TABARI date as used in actor restrictions: YYMMDD (two-digit
 * years <= 30 are 20xx) or YYYYMMDD.  Returns YYYYMMDD or -1. */
int32_t ent_parse_dict_date(const char *s, size_t n);

/* ---- Lookups used by the coder (thread-safe after freeze) --------------- */
/* Word id of an upper-case token, 0 when no dictionary uses it. */
ent_wid ent_dict_word(const ent_dict *d, const char *upper, size_t len);
const char *ent_dict_word_text(const ent_dict *d, ent_wid w);
/* The actor's dated code that holds on `date` (YYYYMMDD); with date 0
 * (not known) the open-ended one, when the actor has no undated code.
 * NULL when none applies. */
const char *ent_actor_dated_code(const ent_actor *a, int32_t date);
/* The actor's code valid on `date`: its dated code (above), else the k-th
 * undated one (`k` picks among several: [ELR/GAL]).  NULL if none. */
const char *ent_actor_code_on(const ent_actor *a, int32_t date, int k);

#define ENT_ACTOR(d, i)   (&ENT_VEC_AT(&(d)->actors, ent_actor, i))
#define ENT_AGENT(d, i)   (&ENT_VEC_AT(&(d)->agents, ent_agent, i))
#define ENT_VERB(d, i)    (&ENT_VEC_AT(&(d)->verbs, ent_verb, i))
#define ENT_BLOCK(d, i)   (&ENT_VEC_AT(&(d)->blocks, ent_verb_block, i))
#define ENT_PATTERN(d, i) (&ENT_VEC_AT(&(d)->patterns, ent_pattern, i))
#define ENT_FORM(d, i)    (&ENT_VEC_AT(&(d)->forms, ent_verb_form, i))
#define ENT_NOUN(d, i)    (&ENT_VEC_AT(&(d)->nouns, ent_noun, i))

#endif
