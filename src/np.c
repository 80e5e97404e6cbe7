/* np.c -- noun phrases into actors: the coder's step 5 (see coder.h).
 *
 * Design.  A noun phrase is resolved once per sentence and memoised by
 * node, because the pattern matcher, the subject search and the target
 * search all ask about the same phrases.  Resolution works on the tree:
 * coordination splits a phrase into conjuncts, a head without an actor
 * borrows the actors of its "of/in/from" attachment, and agents are shared
 * between conjuncts, so "Lawmakers and officials in Fornost and Gondor"
 * yields four actors without any special case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder_int.h"

/* Words a loose actor phrase may skip between two of its own. */
#define LOOSE_GAP 2

/* The longest phrase of `ix` starting at toks[k] (toks: token indices that
 * are treated as adjacent).  Phrases are sorted longest first.  *used
 * (when asked) gets the tokens the match covers: more than the phrase's
 * words when a loose actor phrase skips some. */
static const ent_phrase *phrase_at_used(const ent_coder *c, const ent_phrase_index *ix,
                                        const int32_t *toks, int n, int k, int *used) {
    ent_wid w = T(c, toks[k])->word;
    if (w <= 0 || !ix->start || w >= c->d->n_words) return NULL;
    ent_wid w1 = k + 1 < n ? T(c, toks[k + 1])->word : 0;
    /* longest first: the phrases longer than the tokens left are a prefix,
     * passed over by bisection rather than one by one */
    int32_t lo = ix->start[w], hi = ix->start[w + 1];
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (ix->phrases[mid].n_words > n - k) lo = mid + 1;
        else hi = mid;
    }
    for (int32_t i = lo; i < ix->start[w + 1]; i++) {
        const ent_phrase *p = &ix->phrases[i];
        if (p->n_words > n - k) continue;
        int loose = ix == &c->d->actor_ix && (p->flags & ENT_ACTOR_LOOSE);
        /* most candidates fail on their second word, kept in the phrase */
        if (!loose && p->n_words > 1 && p->second != w1) continue;
        int ok = 1, at = k;
        for (int j = 1; j < p->n_words && ok; j++) {
            ok = 0;
            for (int skip = 0; skip <= (loose ? LOOSE_GAP : 0) && !ok && at + 1 + skip < n; skip++) {
                const int32_t t = toks[at + 1 + skip];
                if (skip > 0 && TF(c, toks[at + skip], TF_CC | TF_COMMA)) break;
                if (T(c, t)->word == p->words[j]) {
                    ok = 1;
                    at += 1 + skip;
                }
            }
        }
        if (ok) {
            if (used) *used = at - k + 1;
            return p;
        }
    }
    return NULL;
}

static const ent_phrase *phrase_at(const ent_coder *c, const ent_phrase_index *ix,
                                   const int32_t *toks, int n, int k) {
    return phrase_at_used(c, ix, toks, n, k, NULL);
}

/* ---- Noun phrases into entities -------------------------------------------- */

int32_t ent_np_push(ent_coder *c, const entity *e) {
    entity *slot = ent_vec_push(&c->ents);
    if (!slot) return -1;
    *slot = *e;
    return (int32_t)c->ents.len - 1;
}


/* Tokens of a node's subtree that belong to the phrase itself: clauses
 * (relative clauses, reported speech) and parentheticals say something
 * else and are left out; prepositional phrases only when asked. */
static void collect_tokens(const ent_coder *c, int32_t node, int with_pp, int32_t *out, int *n) {
    const ent_node *nd = N(c, node);
    if (nd->token >= 0) {
        if (*n < MAX_NP_TOKENS) out[(*n)++] = nd->token;
        return;
    }
    for (int32_t ch = nd->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        int k = N(c, ch)->kind;
        if (k == ENT_N_S || k == ENT_N_SBAR || k == ENT_N_VP || k == ENT_N_PRN) continue;
        if (k == ENT_N_PP && !with_pp) continue;
        collect_tokens(c, ch, with_pp, out, n);
    }
}


/* Nouns of relations and acts: what an agent's adjective in front of them
 * ("military ties", "diplomatic relations", "military exercises")
 * describes is no party to an event. */
static int abstract_noun(const char *u) {
    static const char *nouns[] = {
        "TIES", "RELATIONS", "COOPERATION", "AID", "ASSISTANCE", "SUPPORT", "EXERCISES",
        "EXERCISE", "DRILLS", "DRILL", "OPERATION", "OPERATIONS", "SPENDING", "BUDGET",
        "PRESENCE", "ACTIVITY", "ACTIVITIES", "BUILDUP", "BUILD-UP", "INTERVENTION", "ACTION",
        "CAPABILITIES", "EQUIPMENT", "HARDWARE", "TECHNOLOGY", "TALKS", "DIALOGUE", "PACT",
        "ALLIANCE", "PARTNERSHIP", "CONTACTS", "EXCHANGES", "TRAINING", "INFRASTRUCTURE",
        "SITES", "TARGETS", "FACILITIES", "BASES", "BASE", "PLANES", "AIRCRAFT", "VEHICLES",
        "ASSETS", "REFORM", "REFORMS", "TRIBUNAL", "CAMPAIGN", "OFFENSIVE", NULL};
    for (int k = 0; nouns[k]; k++)
        if (!strcmp(u, nouns[k])) return 1;
    return 0;
}

static void add_agent(entity *e, int32_t agent) {
    for (int i = 0; i < e->n_agents; i++)
        if (e->agents[i] == agent) return;
    if (e->n_agents < MAX_AGENTS) e->agents[e->n_agents++] = agent;
}

/* Scan a token list for actors and agents, splitting it into conjuncts at
 * "and"/"or"/commas that follow a noun ("Danish media and government",
 * "Arnor, Osgiliath and Gondor"); a conjunct with agents but no actor
 * shares the actor (and modifiers) of the conjunct before it.  Appends
 * entities; returns how many. */
/* Is actor a a phrase kept from being read as an actor ("Chinatown",
 * "French fries"): its only code "---"? */
static int blocker(const ent_coder *c, int32_t a) {
    const ent_actor *act = ENT_ACTOR(c->d, a);
    for (int32_t i = 0; i < act->n_codes; i++)
        if (strcmp(act->codes[i].code, "---")) return 0;
    return 1;
}

static int scan_entities(ent_coder *c, const int32_t *toks, int n) {
    int made = 0;
    entity cur = {.actor = -1, .newactor = -1, .begin = -1};
    int32_t prev = -1;   /* last entity with an actor, for sharing */
    int k = 0;
    for (;;) {
        int split = k >= n, adjectival = 0;
        if (!split) {
            if (TF(c, toks[k], TF_CC | TF_COMMA) && k > 0 && TF(c, toks[k - 1], TF_NOUN | TF_COMMA))
                split = 1;
            /* "Indian and Chinese soldiers": an actor right before the
             * conjunction and another right after it */
            else if (TF(c, toks[k], TF_CC) && cur.actor >= 0 && !cur.n_agents && k + 1 < n &&
                     cur.end == toks[k - 1] + 1 && phrase_at(c, &c->d->actor_ix, toks, n, k + 1))
                split = adjectival = 1;
        }
        if (split) {
            if (entity_has_actor(&cur) || cur.n_agents) {
                if (!entity_has_actor(&cur) && prev >= 0) {
                    entity shared = *E(c, prev);
                    /* keep the shared modifiers, drop the other head noun */
                    if (shared.n_agents) shared.n_agents--;
                    for (int i = 0; i < cur.n_agents; i++) add_agent(&shared, cur.agents[i]);
                    shared.begin = cur.begin;
                    shared.end = cur.end;
                    cur = shared;
                }
                cur.share = adjectival;
                int32_t idx = ent_np_push(c, &cur);
                if (idx < 0) return made;
                if (entity_has_actor(&cur)) prev = idx;
                made++;
            }
            if (k >= n) break;
            cur = (entity){.actor = -1, .newactor = -1, .begin = -1};
            k++;
            continue;
        }
        int a_used = 0;
        const ent_phrase *a = phrase_at_used(c, &c->d->actor_ix, toks, n, k, &a_used);
        const ent_phrase *g = phrase_at(c, &c->d->agent_ix, toks, n, k);
        if (!a && !g && TF(c, toks[k], TF_FORMER)) {
            cur.former = 1;
            k++;
            continue;
        }
        if (a && k > 0 && c->opt.code_all_clauses && !strcmp(T(c, toks[k - 1])->upper, "ETHNIC")) {
            /* "ethnic Russian rioters" in Estonia, "ethnic Albanian
             * guerrillas" in Macedonia: a people, not the state */
            k += a_used;
            continue;
        }
        /* the longer phrase wins; an actor wins a tie */
        if (a && (!g || a->n_words >= g->n_words)) {
            /* "Nepal's Gyanendra": the owned actor is the one meant, and
             * its code carries the owner's state */
            if (cur.actor < 0 ||
                (c->opt.code_all_clauses && toks[k] > 0 && TF(c, toks[k] - 1, TF_POS) && !blocker(c, a->value)))
                cur.actor = a->value;
            if (cur.begin < 0) cur.begin = toks[k];
            cur.end = toks[k + a_used - 1] + 1;
            k += a_used;
        } else if (g && g->n_words == 1 && T(c, toks[k])->tag[0] == 'J' && k + 1 < n &&
                   abstract_noun(T(c, toks[k + 1])->upper)) {
            /* "military ties", "military aid": an agent's adjective on a
             * noun that names a relation or an act, not a party */
            k++;
        } else if (g) {
            add_agent(&cur, g->value);
            if (cur.begin < 0) cur.begin = toks[k];
            cur.end = toks[k + g->n_words - 1] + 1;
            k += g->n_words;
        } else {
            k++;
        }
    }
    /* adjectival conjuncts take the agents of the one after them */
    int32_t first = (int32_t)c->ents.len - made;
    for (int32_t i = (int32_t)c->ents.len - 2; i >= first; i--)
        if (E(c, i)->share && !E(c, i)->n_agents)
            for (int j = 0; j < E(c, i + 1)->n_agents; j++) add_agent(E(c, i), E(c, i + 1)->agents[j]);
    return made;
}



/* Copy an elist to the end of the pool (so results stay contiguous). */
static void append_copy(ent_coder *c, elist *dst, elist src) {
    for (int32_t i = 0; i < src.n; i++) {
        entity e = *E(c, src.off + i);
        if (ent_np_push(c, &e) < 0) return;
        dst->n++;
    }
}

int ent_np_has_actor(ent_coder *c, elist l) {
    for (int32_t i = 0; i < l.n; i++)
        if (entity_has_actor(E(c, l.off + i))) return 1;
    return 0;
}

/* A quoted new actor for an unknown proper-noun phrase of at most
 * new_actor_length words (option). */
static elist new_actor(ent_coder *c, int32_t node) {
    elist out = concat_begin(c);
    int32_t toks[MAX_NP_TOKENS];
    int n = 0, words = 0, proper = 0;
    collect_tokens(c, node, 1, toks, &n);
    for (int i = 0; i < n; i++) {
        if (TF(c, toks[i], TF_POS | TF_PUNCT)) continue;
        words++;
        if (TF(c, toks[i], TF_PROPER)) proper++;
    }
    if (!proper || words == 0 || words > c->opt.new_actor_length) return out;
    entity e = {.actor = -1, .newactor = node, .begin = N(c, node)->begin, .end = N(c, node)->end};
    if (ent_np_push(c, &e) >= 0) out.n = 1;
    return out;
}

static int is_coordination(const ent_coder *c, int32_t node) {
    int nps = 0, joins = 0;
    for (int32_t ch = N(c, node)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *n = N(c, ch);
        if (n->kind == ENT_N_NP) nps++;
        else if (n->token >= 0 && TF(c, n->token, TF_CC | TF_COMMA))
            joins++;
        else if (n->token >= 0 && TF(c, n->token, TF_DT | TF_PUNCT))
            ;
        else if (n->kind == ENT_N_ADVP)
            ;
        else
            return 0;
    }
    return nps >= 2 && joins >= 1;
}

/* Is node an apposition, two noun phrases set apart by a comma with no
 * conjunction ("Hezbollah, the Iran-backed group,")?  Returns the first
 * phrase, or -1. */
static int32_t apposition(const ent_coder *c, int32_t node) {
    int32_t first = -1;
    int nps = 0, commas = 0;
    for (int32_t ch = N(c, node)->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *n = N(c, ch);
        if (n->kind == ENT_N_NP) {
            if (first < 0) first = ch;
            nps++;
        } else if (n->token >= 0 && TF(c, n->token, TF_COMMA)) {
            if (nps == 0) return -1;
            commas++;
        } else {
            return -1;
        }
    }
    return nps == 2 && commas >= 1 ? first : -1;
}

/* Does entity list l name an actor with a code on the sentence's date?
 * ("David Petraeus" is in the set, but for other years than 2008.) */
static int names_dated_actor(ent_coder *c, elist l) {
    for (int32_t i = 0; i < l.n; i++) {
        char codes[MAX_CODES][72];
        int n = ent_np_entity_codes(c, E(c, l.off + i), codes, MAX_CODES);
        for (int k = 0; k < n; k++)
            if (strncmp(codes[k], "---", 3)) return 1;
    }
    return 0;
}

void ent_np_bag_add(ent_coder *c, ent_np_bag *bag, int32_t np) {
    elist sub = ent_np_entities(c, np);
    for (int32_t i = 0; i < sub.n; i++) {
        const entity *e = E(c, sub.off + i);
        for (int j = 0; j < e->n_agents; j++) {
            int seen = 0;
            for (int k = 0; k < bag->n_agents; k++) seen |= bag->agents[k] == e->agents[j];
            if (!seen && bag->n_agents < MAX_AGENTS) bag->agents[bag->n_agents++] = e->agents[j];
        }
        if (names_dated_actor(c, (elist){sub.off + i, 1}) && bag->n_actors < MAX_CODES) {
            bag->actors[bag->n_actors] = *e;
            bag->actors[bag->n_actors++].n_agents = 0;
        }
    }
}

elist ent_np_bag_push(ent_coder *c, const ent_np_bag *bag, int32_t begin, int32_t end) {
    elist out = concat_begin(c);
    if (!bag->n_actors && !bag->n_agents) return out;
    entity none = {.actor = -1, .newactor = -1, .begin = begin, .end = end};
    for (int i = 0; i < (bag->n_actors ? bag->n_actors : 1); i++) {
        entity e = bag->n_actors ? bag->actors[i] : none;
        for (int k = 0; k < bag->n_agents; k++)
            if (bag->n_agents == 1 || strcmp(ENT_AGENT(c->d, bag->agents[k])->code, "PPL"))
                add_agent(&e, bag->agents[k]);
        if (ent_np_push(c, &e) < 0) return out;
        out.n++;
    }
    return out;
}

/* With code_all_clauses, "the South" or "the North" among the head
 * tokens of a phrase (no actor of its own) stands for the state named
 * before it whose name begins with that word ("fired onto a South Korean
 * island ..., and the South's forces returned fire"): its actor, else -1. */
static int32_t compass_state(const ent_coder *c, const int32_t *head, int n_head) {
    if (!c->opt.code_all_clauses) return -1;
    for (int k = 1; k < n_head; k++) {
        const char *u = T(c, head[k])->upper;
        if ((strcmp(u, "SOUTH") && strcmp(u, "NORTH")) || strcmp(T(c, head[k - 1])->upper, "THE") ||
            strcmp(T(c, head[k])->tag, "NNP") ||
            (k + 1 < n_head && !strcmp(T(c, head[k + 1])->tag, "NNP")))
            continue;
        for (int m = c->n_mentions - 1; m >= 0; m--)
            if (c->mentions[m].tok < head[k] && !strcmp(T(c, c->mentions[m].tok)->upper, u))
                return c->mentions[m].actor;
    }
    return -1;
}

/* Is the head of tokens head[0..n) a word for a group's member or
 * leader ("leader", "commander", "spokesman"), which takes its party from
 * an "of" phrase naming the group? */
static int of_group_head(const ent_coder *c, const int32_t *head, int n) {
    static const char *const words[] = {"LEADER", "LEADERS", "HEAD", "CHIEF", "COMMANDER", "COMMANDERS",
                                        "SPOKESMAN", "SPOKESWOMAN", "MEMBER", "MEMBERS", NULL};
    if (n < 1) return 0;
    const char *u = T(c, head[n - 1])->upper;
    for (int k = 0; words[k]; k++)
        if (!strcmp(u, words[k])) return 1;
    return 0;
}

static elist np_entities_uncached(ent_coder *c, int32_t node) {
    const ent_node *nd = N(c, node);
    elist out = concat_begin(c);

    int32_t described = apposition(c, node);
    if (described >= 0 && !c->d->combine_verbs) {
        /* "the ELN, the country's second-largest guerrilla group": one
         * party, named by the first phrase or, when that names no actor
         * ("Manuel Marulanda, the commander of the FARC"), by the second */
        int32_t second = N(c, described)->next_sibling;
        while (second >= 0 && N(c, second)->kind != ENT_N_NP) second = N(c, second)->next_sibling;
        elist a = ent_np_entities(c, described);
        if (names_dated_actor(c, a) || second < 0) return a;
        elist b = ent_np_entities(c, second);
        return names_dated_actor(c, b) || !a.n ? b : a;
    }

    if (is_coordination(c, node)) {
        if (c->d->combine_verbs) {
            /* PETRARCH-2 reads the noun phrases inside a noun phrase as
             * one run of words (see ent_np_bag): so an apposition, "The
             * US commander in Iraq, General David Petraeus,", is one
             * party, USAMIL */
            ent_np_bag bag = {.n_actors = 0};
            for (int32_t ch = nd->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
                if (N(c, ch)->kind == ENT_N_NP) ent_np_bag_add(c, &bag, ch);
            out = ent_np_bag_push(c, &bag, nd->begin, nd->end);
            if (out.n) return out;
        }
        /* resolve every conjunct first: resolution appends to the pool,
         * and this phrase's own list must be contiguous */
        for (int32_t ch = nd->first_child; ch >= 0; ch = N(c, ch)->next_sibling)
            if (N(c, ch)->kind == ENT_N_NP) ent_np_entities(c, ch);
        out = concat_begin(c);
        int32_t prev_actor = -1;
        for (int32_t ch = nd->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
            if (N(c, ch)->kind != ENT_N_NP) continue;
            elist sub = c->memo[ch];
            for (int32_t i = 0; i < sub.n; i++) {
                entity e = *E(c, sub.off + i);
                if (!entity_has_actor(&e) && prev_actor >= 0) {
                    entity shared = *E(c, prev_actor);
                    if (shared.n_agents) shared.n_agents--;
                    for (int j = 0; j < e.n_agents; j++) add_agent(&shared, e.agents[j]);
                    shared.begin = e.begin;
                    shared.end = e.end;
                    e = shared;
                }
                int32_t idx = ent_np_push(c, &e);
                if (idx < 0) return out;
                if (entity_has_actor(&e)) prev_actor = idx;
                out.n++;
            }
        }
        return out;
    }

    /* A phrase that crosses into a prepositional attachment ("Ministry of
     * Silly Walks") is matched over the whole span first. */
    int32_t all[MAX_NP_TOKENS], head[MAX_NP_TOKENS];
    int n_all = 0, n_head = 0;
    collect_tokens(c, node, 1, all, &n_all);
    collect_tokens(c, node, 0, head, &n_head);
    int crosses = 0;
    if (n_all > n_head) {
        for (int k = 0; k < n_all && !crosses; k++) {
            const ent_phrase *p = phrase_at(c, &c->d->agent_ix, all, n_all, k);
            const ent_phrase *a = phrase_at(c, &c->d->actor_ix, all, n_all, k);
            if (a && (!p || a->n_words > p->n_words)) p = a;
            if (!p || p->n_words < 2) continue;
            /* does it span a head token and a non-head token? */
            int in_head = 0, out_head = 0;
            for (int j = 0; j < p->n_words; j++) {
                int found = 0;
                for (int h = 0; h < n_head; h++)
                    if (head[h] == all[k + j]) found = 1;
                if (found) in_head = 1; else out_head = 1;
            }
            crosses = in_head && out_head;
        }
    }
    if (crosses) {
        out.n = scan_entities(c, all, n_all);
        return out;
    }

    out.n = scan_entities(c, head, n_head);
    int head_actor = ent_np_has_actor(c, out);
    if (head_actor) return out;
    int32_t compass = compass_state(c, head, n_head);
    if (compass < 0) compass = compass_state(c, all, n_all);   /* "the South's forces" */
    if (compass >= 0) {
        /* "the South's forces returned fire": the state named before
         * whose name the compass point begins ("a South Korean island") */
        entity e = {.actor = compass, .newactor = -1, .begin = nd->begin, .end = nd->end};
        for (int32_t i = 0; i < out.n; i++)
            for (int j = 0; j < E(c, out.off + i)->n_agents; j++) add_agent(&e, E(c, out.off + i)->agents[j]);
        elist res = concat_begin(c);
        if (ent_np_push(c, &e) >= 0) res.n = 1;
        return res;
    }

    /* Head without an actor: take the actors of the first attached
     * prepositional phrase that has some, carrying the head's agents
     * ("ambassadors of Arnor, Osgiliath and Gondor"). */
    elist head_ents = out;
    for (int32_t ch = nd->first_child; ch >= 0; ch = N(c, ch)->next_sibling) {
        const ent_node *pp = N(c, ch);
        if (pp->kind != ENT_N_PP && pp->kind != ENT_N_NP) continue;
        if (pp->kind == ENT_N_NP && ch == nd->first_child) continue;  /* the head itself */
        int32_t np = -1;
        if (pp->kind == ENT_N_NP) {
            np = ch;
        } else {
            for (int32_t g = pp->first_child; g >= 0; g = N(c, g)->next_sibling)
                if (N(c, g)->kind == ENT_N_NP) { np = g; break; }
        }
        if (np < 0) continue;
        elist sub = ent_np_entities(c, np);
        int known = 0;
        for (int32_t i = 0; i < sub.n; i++) known |= E(c, sub.off + i)->actor >= 0;
        /* "thousands of protesters": with nothing in the head, an
         * attached phrase naming only an agent still names the actor */
        int agents_only = sub.n > 0;
        for (int32_t i = 0; i < sub.n; i++)
            agents_only &= E(c, sub.off + i)->newactor < 0 && E(c, sub.off + i)->n_agents > 0;
        if (!known && head_ents.n && agents_only && of_group_head(c, head, n_head)) {
            /* "the leader of the country's largest rebel group": the
             * leader of a group is of the group */
            elist res = concat_begin(c);
            append_copy(c, &res, sub);
            return res;
        }
        if (!known && (head_ents.n || !agents_only)) continue;
        elist res = concat_begin(c);
        if (head_ents.n == 0) {
            append_copy(c, &res, sub);
            return res;
        }
        /* agents of each head conjunct x each attached actor */
        for (int32_t h = 0; h < head_ents.n; h++)
            for (int32_t s = 0; s < sub.n; s++) {
                entity e = *E(c, sub.off + s);
                const entity *he = E(c, head_ents.off + h);
                for (int j = 0; j < he->n_agents; j++) add_agent(&e, he->agents[j]);
                e.former |= he->former;
                if (ent_np_push(c, &e) < 0) return res;
                res.n++;
            }
        return res;
    }
    if (!out.n && c->opt.new_actor_length > 0) return new_actor(c, node);
    return out;
}

elist ent_np_entities(ent_coder *c, int32_t node) {
    if (c->memo_done[node]) return c->memo[node];
    c->memo_done[node] = 1;                   /* guards against cycles */
    c->memo[node] = (elist){0, 0};
    elist r = np_entities_uncached(c, node);
    c->memo[node] = r;
    return r;
}

/* The largest NP that starts at token p and ends by `limit`. */
int32_t ent_np_starting_at(const ent_coder *c, int32_t p, int32_t limit) {
    int32_t best = -1;
    int32_t n = N(c, T(c, p)->node)->parent;
    while (n >= 0 && N(c, n)->begin == p && N(c, n)->end <= limit) {
        if (N(c, n)->kind == ENT_N_NP) best = n;
        n = N(c, n)->parent;
    }
    return best;
}

/* The largest NP that ends at token p (inclusive) and starts at or after
 * `floor`. */
int32_t ent_np_ending_at(const ent_coder *c, int32_t p, int32_t floor) {
    int32_t best = -1;
    int32_t n = N(c, T(c, p)->node)->parent;
    while (n >= 0 && N(c, n)->end == p + 1 && N(c, n)->begin >= floor) {
        if (N(c, n)->kind == ENT_N_NP) best = n;
        n = N(c, n)->parent;
    }
    return best;
}

/* The smallest NP that starts at token p. */
int32_t ent_np_smallest_at(const ent_coder *c, int32_t p, int32_t limit) {
    int32_t n = N(c, T(c, p)->node)->parent;
    while (n >= 0 && N(c, n)->begin == p && N(c, n)->end <= limit) {
        if (N(c, n)->kind == ENT_N_NP) return n;
        n = N(c, n)->parent;
    }
    return -1;
}

/* The smallest NP containing token p. */
int32_t ent_np_containing(const ent_coder *c, int32_t p) {
    int32_t n = N(c, T(c, p)->node)->parent;
    while (n >= 0 && N(c, n)->kind != ENT_N_NP) n = N(c, n)->parent;
    return n;
}

/* ---- Entity codes ------------------------------------------------------------ */



/* The codes an entity stands for on the sentence's date: one per code of
 * a multi-code actor ([FRO/BIL/SAM]).  Returns the count. */
int ent_np_entity_codes(ent_coder *c, const entity *e, char out[][72], int max) {
    const char *actor_codes[MAX_CODES];
    int n_actor = 0;
    char quoted[72];
    if (e->actor >= 0) {
        const ent_actor *a = ENT_ACTOR(c->d, e->actor);
        const char *dated = ent_actor_dated_code(a, c->date);
        if (dated) {
            actor_codes[n_actor++] = dated;
        } else {
            for (int i = 0; i < a->n_codes && n_actor < MAX_CODES; i++)
                if (!a->codes[i].dated) actor_codes[n_actor++] = a->codes[i].code;
        }
        if (!n_actor) actor_codes[n_actor++] = "---";
    } else if (e->newactor >= 0) {
        char text[64];
        const ent_node *nd = N(c, e->newactor);
        size_t n = 0;
        text[0] = '\0';
        for (int32_t i = nd->begin; i < nd->end; i++) {
            const ent_token *k = T(c, i);
            if (TF(c, i, TF_POS | TF_PUNCT)) continue;
            size_t len = strlen(k->upper);
            if (n + len + 2 >= sizeof text) break;
            if (n) text[n++] = ' ';
            memcpy(text + n, k->upper, len);
            n += len;
            text[n] = '\0';
        }
        snprintf(quoted, sizeof quoted, "\"%s\"", text);
        actor_codes[n_actor++] = quoted;
    } else {
        actor_codes[n_actor++] = "---";
    }
    int made = 0;
    for (int k = 0; k < n_actor && made < max; k++) {
        char code[72] = "";
        size_t len = 0;
        for (int i = 0; i < e->n_agents; i++) {
            const ent_agent *g = ENT_AGENT(c->d, e->agents[i]);
            if (g->prefix) cat(code, &len, sizeof code, g->code);
        }
        /* "human rights groups": an organisation's prefix with no actor
         * is the organisation alone (NGOHRI), not "NGOHRI---" */
        if (!(len && !strcmp(actor_codes[k], "---"))) cat(code, &len, sizeof code, actor_codes[k]);
        for (int i = 0; i < e->n_agents && !e->former; i++) {
            const ent_agent *g = ENT_AGENT(c->d, e->agents[i]);
            if (g->prefix) continue;
            /* an agent the code already carries is not added twice
             * (USAGOV + official stays USAGOV) */
            size_t gl = strlen(g->code);
            int present = 0;
            for (size_t p = 3; p + gl <= len && !present; p += 3)
                present = !strncmp(code + p, g->code, gl);
            if (present) continue;
            cat(code, &len, sizeof code, g->code);
        }
        /* "former President Lula": an elite, once (a people actor may
         * carry ELI already) */
        if (e->former && len + 3 < sizeof code && !(len >= 6 && !strcmp(code + len - 3, "ELI"))) {
            memcpy(code + len, "ELI", 4);
            len += 3;
        }
        memcpy(out[made++], code, len + 1);
    }
    return made;
}
