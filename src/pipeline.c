/* pipeline.c -- raw text through every stage; see pipeline.h.
 *
 * The stages are separate modules (split, tokenize, tagger, parse, coder);
 * this file only owns their per-thread state and the buffers that carry a
 * sentence from one to the next, grown as needed and reused, so a warm
 * pipeline allocates nothing per sentence.  Sentences longer than
 * MAX_TOKENS tokens are cut there: hostile input stays linear and bounded.
 */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conllu.h"
#include "parse.h"
#include "ptb.h"
#include "tagger.h"
#include "tokenize.h"

#define MAX_TOKENS ENT_PIPELINE_MAX_TOKENS

struct ent_pipeline {
    const ent_dict *d;
    ent_options opt;
    ent_coder *coder;
    ent_parser *parser;
    ent_tagger_state *tagger;
    ent_tree tree;
    ent_span *spans;
    int cap_spans;
    ent_tok toks[MAX_TOKENS];
    const char *words[MAX_TOKENS];
    char tags[MAX_TOKENS][8];
    int32_t tb[MAX_TOKENS], te[MAX_TOKENS];
    ent_wid wids[MAX_TOKENS];   /* tag_names: each word's id, -1 not yet read */
    int timed;
    ent_stage_times times;
};

ent_pipeline *ent_pipeline_new(const ent_dict *d, const ent_options *opt) {
    ent_pipeline *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->d = d;
    if (opt) p->opt = *opt;
    else ent_options_default(&p->opt);
    p->coder = ent_coder_new(d, &p->opt);
    p->parser = ent_parser_new();
    p->tagger = ent_tagger_state_new();
    ent_tree_init(&p->tree);
    if (!p->coder || !p->parser || !p->tagger) {
        ent_pipeline_free(p);
        return NULL;
    }
    return p;
}

void ent_pipeline_free(ent_pipeline *p) {
    if (!p) return;
    ent_coder_free(p->coder);
    ent_parser_free(p->parser);
    ent_tagger_state_free(p->tagger);
    ent_tree_free(&p->tree);
    free(p->spans);
    free(p);
}

void ent_pipeline_set_options(ent_pipeline *p, const ent_options *opt) {
    p->opt = *opt;
    ent_coder_set_options(p->coder, opt);
}

void ent_pipeline_set_timing(ent_pipeline *p, int timed) { p->timed = timed; }

const ent_stage_times *ent_pipeline_times(const ent_pipeline *p) { return &p->times; }

void ent_pipeline_set_trace(ent_pipeline *p, ent_buf *trace) { ent_coder_set_trace(p->coder, trace); }

static double clock_if(const ent_pipeline *p) { return p->timed ? ent_now() : 0.0; }

/* Is `word` a one-word form of a verb the dictionaries code? */
static int known_verb(const ent_dict *d, const char *word) {
    char up[64];
    size_t n = ent_upper(up, sizeof up, word, strlen(word));
    ent_wid w = ent_dict_word(d, up, n);
    if (w <= 0 || !d->form_start || w >= d->n_words) return 0;
    for (int32_t i = d->form_start[w]; i < d->form_start[w + 1]; i++)
        if (ENT_FORM(d, d->form_order[i])->n_words == 1) return 1;
    return 0;
}

/* Is `word` a form of a verb of beginning, going on or stopping, whose
 * complement is an -ing verb ("began landing")? */
static int aspect_verb(const char *word) {
    static const char *const stems[] = {"BEGIN", "BEGAN", "BEGUN", "START", "CONTINU", "RESUM", "KEEP",
                                        "KEPT", "STOPP", "STOPS", "STOP", "FINISH", NULL};
    char up[32];
    size_t n = ent_upper(up, sizeof up, word, strlen(word));
    if (n >= sizeof up - 1) return 0;
    for (int k = 0; stems[k]; k++)
        if (!strncmp(up, stems[k], strlen(stems[k]))) return 1;
    return 0;
}

/* Is `word` a one-word verb form of the dictionaries that is neither the
 * lemma nor an -s or -ing form: a past ("overran", "seized")? */
static int past_form(const ent_dict *d, const char *word) {
    char up[64];
    size_t n = ent_upper(up, sizeof up, word, strlen(word));
    ent_wid w = ent_dict_word(d, up, n);
    if (w <= 0 || !d->form_start || w >= d->n_words || n < 3) return 0;
    if (up[n - 1] == 'S' || (n > 4 && !strcmp(up + n - 3, "ING"))) return 0;
    for (int32_t i = d->form_start[w]; i < d->form_start[w + 1]; i++) {
        const ent_verb_form *f = ENT_FORM(d, d->form_order[i]);
        if (f->n_words != 1) continue;
        const char *lemma = ENT_VEC_AT(&d->verbs, ent_verb, f->verb).lemma;
        if (strcmp(lemma, up)) return 1;
    }
    return 0;
}

/* Is `word` an agent of one word in the set ("inspectors")? */
static int known_agent(const ent_dict *d, const char *word) {
    char up[64];
    size_t n = ent_upper(up, sizeof up, word, strlen(word));
    ent_wid w = ent_dict_word(d, up, n);
    const ent_phrase_index *ix = &d->agent_ix;
    if (w <= 0 || !ix->start || w >= d->n_words) return 0;
    for (int32_t i = ix->start[w]; i < ix->start[w + 1]; i++)
        if (ix->phrases[i].n_words == 1) return 1;
    return 0;
}

/* Called for every token by each repair rule, with a literal u: always
 * inlined, strlen(u) folds to a constant and the compare to a load or two.
 * t is an 8-byte tag buffer, or "", which its first byte rejects. */
static inline __attribute__((always_inline)) int tag_is(const char *t, const char *u) {
    size_t n = strlen(u);
    return t[0] == u[0] && memcmp(t + 1, u + 1, n) == 0;
}

/* strcasecmp(w, lower) == 0 for a lower-case literal, inline: the rules ask
 * it of every token.  The program runs in the C locale, where strcasecmp
 * folds ASCII letters only, as this does. */
static inline int word_is(const char *w, const char *lower) {
    for (; *lower; w++, lower++) {
        unsigned char c = (unsigned char)*w;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (c != (unsigned char)*lower) return 0;
    }
    return *w == '\0';
}

/* Do the tokens before i, back over determiners, numbers, adjectives
 * and common nouns, reach a verb: is token i inside the verb's object? */
static int object_begun(const ent_pipeline *p, int i) {
    int k = i - 1;
    while (k >= 0 && (tag_is(p->tags[k], "DT") || tag_is(p->tags[k], "CD") || tag_is(p->tags[k], "JJ") ||
                      tag_is(p->tags[k], "NN") || tag_is(p->tags[k], "PRP$")))
        k--;
    return k >= 0 && k < i - 1 &&
           (tag_is(p->tags[k], "VB") || tag_is(p->tags[k], "VBD") || tag_is(p->tags[k], "VBG") ||
            tag_is(p->tags[k], "VBP") || tag_is(p->tags[k], "VBZ"));
}


static int aux_word(const char *w) {
    static const char *a[] = {"have", "has", "had", "having", "be", "is", "are", "was", "were",
                              "been", "being", NULL};
    for (int i = 0; a[i]; i++)
        if (word_is(w, a[i])) return 1;
    return 0;
}

/* Repairs of the tagger's output where the dictionaries know better: a
 * lexical model trained on the Wall Street Journal has never seen most
 * verbs of political news in their verb use ("Ethiopia departs", "to
 * accord with"), but the verb dictionary lists them.  Only positions where
 * a verb is the sole reasonable reading are changed:
 *   - a noun right after the opening subject, before any verb, that is a
 *     verb form the dictionary knows ("Ethiopia act on", "departs"); a
 *     clause opened by "that" or by ", and" opens a subject again
 *     ("demanded that the Taliban hand over");
 *   - an -ed word tagged adjective or participle right after the opening
 *     subject, before any verb ("Boko Haram militants massacred ...",
 *     "police arrested ...") when the dictionary knows it as a verb;
 *   - a singular noun right after "to" that is a known verb ("to accord");
 *   - an -ed adjective right after have/be ("has celebrated"). */
/* Names the actor dictionaries know, written in capitals, are proper
 * nouns whatever the tagger guessed for their words ("Human Rights
 * Watch" is not an adjective, a noun and a verb; nor "Islamic State" an
 * adjective and a noun): the parser must see one name.  Only phrases of
 * two or more words, every word capitalised, are retagged. */
/* The dictionary word of token i, read once a sentence: the phrases
 * tried at one position share their later words with the next. */
static ent_wid token_word(ent_pipeline *p, int i) {
    if (p->wids[i] < 0) {
        char up[64];
        const char *w = p->words[i];
        size_t len = ent_upper(up, sizeof up, w, strlen(w));
        p->wids[i] = ent_dict_word(p->d, up, len);
    }
    return p->wids[i];
}

static void tag_names(ent_pipeline *p, int n) {
    const ent_dict *d = p->d;
    const ent_phrase_index *ix = &d->actor_ix;
    if (!ix->start) return;
    for (int i = 0; i < n; i++) p->wids[i] = -1;
    for (int i = 0; i + 1 < n; i++) {
        const char *w = p->words[i];
        if (!(w[0] >= 'A' && w[0] <= 'Z') || !(p->words[i + 1][0] >= 'A' && p->words[i + 1][0] <= 'Z'))
            continue;
        /* two proper nouns already: nothing to mend, and no lookup to pay */
        if (!strncmp(p->tags[i], "NNP", 3) && !strncmp(p->tags[i + 1], "NNP", 3)) continue;
        ent_wid first = token_word(p, i);
        if (first <= 0 || first >= d->n_words) continue;
        int best = 0;
        for (int32_t k = ix->start[first]; k < ix->start[first + 1] && !best; k++) {
            const ent_phrase *ph = &ix->phrases[k];
            if (ph->n_words < 2 || ph->n_words > n - i) continue;
            int ok = 1;
            for (int j = 1; j < ph->n_words && ok; j++) {
                const char *wj = p->words[i + j];
                ok = wj[0] >= 'A' && wj[0] <= 'Z' && token_word(p, i + j) == ph->words[j];
            }
            if (ok) best = ph->n_words;   /* longest first: the index is sorted so */
        }
        for (int j = 0; j < best; j++)
            if (p->tags[i + j][0] != 'N' || p->tags[i + j][1] != 'N' || p->tags[i + j][2] != 'P')
                snprintf(p->tags[i + j], 8, "NNP");
        if (best) i += best - 1;
    }
}

/* Verbs whose past tense and participle are the bare word ("stormed the
 * headquarters and set fire to ..."), or one irregular form ("shook hands
 * and held talks"). */
static int same_past(const char *w) {
    static const char *const words[] = {"set", "put", "hit", "cut", "shut", "let", "spread", "burst",
                                        "quit", "cast", "upset", "held", "met", "led", "left", "sent",
                                        "fought", "struck", "shot", "won", "made", "told", "sought",
                                        "brought", "kept", "laid", "paid", "fled", "found", "lost",
                                        "built", "bought", "caught", "withheld", "upheld", NULL};
    for (int k = 0; words[k]; k++)
        if (word_is(w, words[k])) return 1;
    return 0;
}

/* Lower-case words that join the parts of a personal name. */
static int name_particle(const char *w) {
    static const char *const words[] = {"de", "da", "do", "dos", "das", "del", "della", "di", "du",
                                        "van", "von", "der", "den", "ter", "bin", "ibn", "al", "el",
                                        "la", "le", "y", NULL};
    switch (w[0]) {   /* the particles' first letters: most words stop here */
    case 'a': case 'b': case 'd': case 'e': case 'i': case 'l': case 't': case 'v': case 'y': break;
    default: return 0;
    }
    for (int k = 0; words[k]; k++)
        if (w[0] == words[k][0] && !strcmp(w, words[k])) return 1;
    return 0;
}

/* Does a word of accusing come among the six words before token i
 * ("accused Russia on Friday of bombing villages")? */
static int accusation_before(const ent_pipeline *p, int i) {
    static const char *const stems[] = {"accus", "blam", "charg", "condemn", "denounc", NULL};
    for (int k = i - 1; k >= 0 && k >= i - 6; k--) {
        unsigned char c = (unsigned char)p->words[k][0];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (c < 'a' || c > 'd') continue;   /* no stem starts otherwise */
        for (int s = 0; stems[s]; s++)
            if (!strncasecmp(p->words[k], stems[s], strlen(stems[s]))) return 1;
    }
    return 0;
}

/* Is `word` a participle mostly used as an adjective before a noun
 * ("allied militias", "armed groups", "disputed islands")? */
static int participial_adjective(const char *word) {
    static const char *const words[] = {"allied", "armed", "united", "suspected", "alleged", "disputed",
                                        "occupied", "deposed", "ousted", "exiled", "besieged", "embattled",
                                        "isolated", "detained", "jailed", "wounded", "displaced", "elected",
                                        "organised", "organized", "coordinated", NULL};
    for (int k = 0; words[k]; k++)
        if (word_is(word, words[k])) return 1;
    return 0;
}

/* Is token i preceded by "ordered" (or "order", "orders") and a noun
 * phrase only: determiners, adjectives, nouns and numbers? */
static int ordered_object(const ent_pipeline *p, int i) {
    for (int k = i - 1; k >= 0 && k >= i - 8; k--) {
        const char *t = p->tags[k];
        if (!strncasecmp(p->words[k], "order", 5)) return k < i - 1;
        if (!(t[0] == 'N' || t[0] == 'J' || tag_is(t, "DT") || tag_is(t, "CD") || tag_is(t, "POS"))) return 0;
    }
    return 0;
}

/* Does "ago", "earlier" or "last year" come among the eight words after
 * token i, before any comma? */
static int long_ago_after(const ent_pipeline *p, int i, int n) {
    for (int k = i + 1; k < n && k <= i + 8 && !tag_is(p->tags[k], ","); k++) {
        const char *w = p->words[k];
        if (word_is(w, "ago") || word_is(w, "earlier")) return 1;
        if (word_is(w, "last") && k + 1 < n &&
            (word_is(p->words[k + 1], "year") || word_is(p->words[k + 1], "month")))
            return 1;
    }
    return 0;
}

/* Do the words before token i, back to a comma and a conjunction of
 * time or cause ("..., as Tuareg rebels | overran"), form the subject of
 * a clause of their own that has no verb yet? */
static int clause_subject_before(const ent_pipeline *p, int i) {
    static const char *const conj[] = {"as", "while", "after", "when", "because", "although", "though",
                                       "whereas", "before", "since", "until", NULL};
    int k = i - 1;
    while (k >= 0 && (p->tags[k][0] == 'N' || tag_is(p->tags[k], "JJ") || tag_is(p->tags[k], "DT") ||
                      tag_is(p->tags[k], "CD") || tag_is(p->tags[k], "POS") || tag_is(p->tags[k], "PRP$")))
        k--;
    if (k < 1 || k == i - 1 || !tag_is(p->tags[k - 1], ",")) return 0;
    for (int c = 0; conj[c]; c++)
        if (!strcasecmp(p->words[k], conj[c])) return 1;
    return 0;
}

static void repair_tags(ent_pipeline *p, int n) {
    int seen_verb = 0, seen_past = 0;
    for (int i = 0; i < n; i++) {
        char *t = p->tags[i];
        const char *w = p->words[i];
        size_t len = strlen(w);
        if (((tag_is(t, "IN") || tag_is(t, "WDT")) && word_is(w, "that")) ||
            (tag_is(t, "CC") && i > 0 && tag_is(p->tags[i - 1], ","))) {
            seen_verb = 0;
            continue;
        }
        const char *prev = i ? p->tags[i - 1] : "";
        /* "A$", "US$", "HK$": a currency sign, whatever the tagger made
         * of the letters before it */
        if (len >= 2 && len <= 4 && w[len - 1] == '$') {
            snprintf(t, 8, "$");
            continue;
        }
        /* "ECOWAS heads of state met": the office, not a verb */
        if (i + 2 < n && !strcasecmp(w, "heads") && !strcasecmp(p->words[i + 1], "of") &&
            (!strcasecmp(p->words[i + 2], "state") || !strcasecmp(p->words[i + 2], "government"))) {
            snprintf(t, 8, "NNS");
            continue;
        }
        /* "Gulf allies Saudi Arabia and Qatar promised ...": a word of
         * alliance after a name and before one is the noun the names
         * stand in apposition to */
        if ((tag_is(t, "VBZ") || tag_is(t, "NNS")) && i > 0 && i + 1 < n && tag_is(prev, "NNP") &&
            tag_is(p->tags[i + 1], "NNP") &&
            (!strcasecmp(w, "allies") || !strcasecmp(w, "partners") || !strcasecmp(w, "neighbours") ||
             !strcasecmp(w, "neighbors") || !strcasecmp(w, "rivals"))) {
            snprintf(t, 8, "NNS");
            continue;
        }
        /* "ordered former President Pedro Castillo held for seven days":
         * after a verb of ordering and its object, a past form is the
         * participle of what is ordered done to the object */
        if (tag_is(t, "VBD") && i > 2 && (p->tags[i - 1][0] == 'N') && ordered_object(p, i)) {
            snprintf(t, 8, "VBN");
            continue;
        }
        /* "militants who overran a military base", "... and massacred
         * hundreds": a past form the dictionaries know, right after a
         * relative pronoun, or after "and" once a verb has been seen, is
         * the verb whatever the tagger guessed */
        if ((tag_is(t, "JJ") || tag_is(t, "NN") || tag_is(t, "VBN")) && i > 0 && i + 1 < n &&
            (tag_is(prev, "WP") || tag_is(prev, "WDT") || (tag_is(prev, "CC") && seen_verb)) &&
            !tag_is(p->tags[i + 1], "IN") && !ent_tree_is_verb_tag(p->tags[i + 1]) && !participial_adjective(w) &&
            ((len > 3 && !strcmp(w + len - 2, "ed") && known_verb(p->d, w)) || past_form(p->d, w))) {
            snprintf(t, 8, "VBD");
            seen_verb = seen_past = 1;
            continue;
        }
        /* "two months of bloodshed that killed 1,000 people": a past
         * form no dictionary knows as a verb, right before "that" or
         * "which" and the relative clause's own verb, is the noun the
         * clause describes */
        if ((tag_is(t, "VBN") || tag_is(t, "VBD")) && i > 0 && i + 2 < n &&
            (!strcasecmp(p->words[i + 1], "that") || !strcasecmp(p->words[i + 1], "which")) &&
            (tag_is(p->tags[i + 2], "VBD") || tag_is(p->tags[i + 2], "VBZ") || tag_is(p->tags[i + 2], "VBP") ||
             tag_is(p->tags[i + 2], "MD")) &&
            !known_verb(p->d, w) && !past_form(p->d, w)) {
            snprintf(t, 8, "NN");
            continue;
        }
        /* "began landing in Port-au-Prince", "kept firing": an -ing
         * word the dictionaries know as a verb, right after a verb of
         * beginning, going on or stopping, is that verb's gerund */
        if ((tag_is(t, "NN") || tag_is(t, "JJ")) && i > 0 && len > 4 && !strcmp(w + len - 3, "ing") &&
            aspect_verb(p->words[i - 1]) && known_verb(p->d, w)) {
            snprintf(t, 8, "VBG");
            continue;
        }
        /* "to hold large-scale joint military exercises": an -s form
         * after a verb's object has begun (a determiner, adjectives or
         * nouns after the verb) is the object's plural head */
        if (tag_is(t, "VBZ") && i >= 2 && len > 3 && w[len - 1] == 's' &&
            (tag_is(prev, "NN") || tag_is(prev, "JJ")) && object_begun(p, i)) {
            snprintf(t, 8, "NNS");
            continue;
        }
        /* "after flash floods in eastern Spain": a bare verb right after
         * a preposition is a noun or its modifier */
        if ((tag_is(t, "VB") || tag_is(t, "VBP")) && i > 0 && tag_is(prev, "IN") && i + 1 < n &&
            p->tags[i + 1][0] == 'N') {
            snprintf(t, 8, "NN");
            continue;
        }
        /* "killings, torture and rape": a bare form between a noun's
         * comma and "and" before a noun is one more item of the list */
        if ((tag_is(t, "VB") || tag_is(t, "VBP")) && i > 1 && i + 2 < n && tag_is(prev, ",") &&
            p->tags[i - 2][0] == 'N' && (!strcasecmp(p->words[i + 1], "and") || !strcasecmp(p->words[i + 1], "or")) &&
            p->tags[i + 2][0] == 'N') {
            snprintf(t, 8, "NN");
            continue;
        }
        /* "closed its airspace", "the replace": a determiner or possessive
         * is never followed by a bare verb, so a word tagged one there is
         * the noun it determines */
        if ((tag_is(t, "VB") || tag_is(t, "VBP")) && i > 0 && (tag_is(prev, "PRP$") || tag_is(prev, "DT")) &&
            strcasecmp(p->words[i - 1], "that") && strcasecmp(p->words[i - 1], "all") &&
            strcasecmp(p->words[i - 1], "both")) {
            snprintf(t, 8, "NN");
            continue;
        }
        /* "accused the United States of arming Kurdish militants": an -ing
         * noun after "of", "for" or "by" that the dictionaries know as a
         * verb, before what could be its object, is the gerund; after an
         * accusation or "by" also before a bare plural ("of bombing
         * villages", "responded by firing missiles") */
        if ((tag_is(t, "NN") || (tag_is(t, "JJ") && accusation_before(p, i))) && i > 0 && tag_is(prev, "IN") &&
            len > 4 && !strcmp(w + len - 3, "ing") &&
            i + 1 < n &&
            (tag_is(p->tags[i + 1], "DT") || tag_is(p->tags[i + 1], "JJ") || tag_is(p->tags[i + 1], "NNP") ||
             tag_is(p->tags[i + 1], "PRP$") || (tag_is(p->tags[i + 1], "NNS") && (accusation_before(p, i) || !strcasecmp(p->words[i - 1], "by")))) &&
            known_verb(p->d, w)) {
            snprintf(t, 8, "VBG");
            continue;
        }
        /* "shot dead the president": "dead" after a verb is the act's
         * result, not the first word of its object */
        if (word_is(w, "dead") && i > 0 && (tag_is(prev, "VBD") || tag_is(prev, "VBN")) && i + 1 < n &&
            (tag_is(p->tags[i + 1], "DT") || tag_is(p->tags[i + 1], "NNP") || tag_is(p->tags[i + 1], "CD") ||
             tag_is(p->tags[i + 1], "JJ") || tag_is(p->tags[i + 1], "PRP$"))) {
            snprintf(t, 8, "RB");
            continue;
        }
        /* "rival militias massacred hundreds of civilians": a past form the
         * tagger read as an adjective, right after a plural noun and before
         * what can only be its object, is the verb */
        if (tag_is(t, "JJ") && i > 0 && tag_is(prev, "NNS") && len > 4 && !strcmp(w + len - 2, "ed") &&
            i + 1 < n &&
            (tag_is(p->tags[i + 1], "DT") || tag_is(p->tags[i + 1], "CD") || tag_is(p->tags[i + 1], "PRP$") ||
             tag_is(p->tags[i + 1], "NNS") || tag_is(p->tags[i + 1], "NNP")) &&
            known_verb(p->d, w)) {
            snprintf(t, 8, "VBD");
            continue;
        }
        /* "A gunman shot and seriously wounded ...": a noun the
         * dictionaries know as a verb, right after the subject and before
         * "and" and a past verb, is the first verb of the pair */
        if (!seen_verb && i > 0 && prev[0] == 'N' && (tag_is(t, "NN") || tag_is(t, "NNS")) && i + 2 < n &&
            tag_is(p->tags[i + 1], "CC") &&
            (tag_is(p->tags[i + 2], "VBD") || tag_is(p->tags[i + 2], "VBN") ||
             (tag_is(p->tags[i + 2], "RB") && i + 3 < n &&
              (tag_is(p->tags[i + 3], "VBD") || tag_is(p->tags[i + 3], "VBN")))) &&
            known_verb(p->d, w)) {
            snprintf(t, 8, "VBD");
            continue;
        }
        /* "Suspected Islamist militants set off bombs ...": opening a
         * sentence before a noun, "suspected" or "alleged" describes it */
        if (i == 0 && (!strcasecmp(w, "suspected") || !strcasecmp(w, "alleged")) && i + 1 < n &&
            (p->tags[i + 1][0] == 'N' || tag_is(p->tags[i + 1], "JJ"))) {
            snprintf(t, 8, "JJ");
            continue;
        }
        /* "Flash floods in eastern Spain killed ...": wire copy has no
         * commands, so a base verb that opens the sentence before a noun,
         * with a verb still to come, modifies that noun */
        if (i == 0 && tag_is(t, "VB") && i + 1 < n && p->tags[i + 1][0] == 'N') {
            int later = 0;
            for (int k = i + 2; k < n && !later; k++)
                later = tag_is(p->tags[k], "VBD") || tag_is(p->tags[k], "VBZ") || tag_is(p->tags[k], "VBP");
            if (later) {
                snprintf(t, 8, "NN");
                continue;
            }
        }
        /* "Gonzalo Sanchez de Lozada", "Osama bin Laden", "Fernando de la
         * Rua": the particles of a name between two proper nouns belong to
         * the name */
        if (i > 0 && i + 1 < n && tag_is(prev, "NNP") && name_particle(w) &&
            (tag_is(p->tags[i + 1], "NNP") ||
             (i + 2 < n && name_particle(p->words[i + 1]) && tag_is(p->tags[i + 2], "NNP")))) {
            snprintf(t, 8, "NNP");
            continue;
        }
        /* "fired tear gas": a verb tag on "tear" before "gas" */
        if (i + 1 < n && word_is(w, "tear") && word_is(p->words[i + 1], "gas")) {
            snprintf(t, 8, "NN");
            continue;
        }
        /* "weapons inspectors", "IAEA inspectors": after a noun, a word the
         * dictionaries know as an agent, or one in -ors with no object
         * after it, is a plural noun, not a verb in -s */
        if (tag_is(t, "VBZ") && i > 0 && (prev[0] == 'N' || tag_is(prev, "JJ")) &&
            (known_agent(p->d, w) ||
             (len > 4 && !strcmp(w + len - 3, "ors") &&
              !(i + 1 < n && (tag_is(p->tags[i + 1], "DT") || p->tags[i + 1][0] == 'N'))))) {
            snprintf(t, 8, "NNS");
            continue;
        }
        /* "handed senior al Qaeda suspect Khalid Sheikh Mohammed over":
         * after a verb, a bare present form between a noun and a name is
         * a noun of the phrase */
        if (tag_is(t, "VBP") && seen_verb && i > 0 && (tag_is(prev, "NNP") || tag_is(prev, "NN")) &&
            i + 1 < n && tag_is(p->tags[i + 1], "NNP")) {
            snprintf(t, 8, "NN");
            continue;
        }
        /* "launched joint combat exercises on Tuesday": after a verb, an
         * -s word closing an adjective and a noun, with no object after it,
         * is the plural head of the object */
        if (tag_is(t, "VBZ") && seen_verb && i > 1 && tag_is(prev, "NN") && tag_is(p->tags[i - 2], "JJ") &&
            (i + 1 >= n || tag_is(p->tags[i + 1], "IN") || tag_is(p->tags[i + 1], ",") ||
             tag_is(p->tags[i + 1], ".") || tag_is(p->tags[i + 1], "CC"))) {
            snprintf(t, 8, "NNS");
            continue;
        }
        /* "Myanmar's military seized power": a participle right after the
         * subject, before any verb, is the finite verb (a head noun
         * tagged as an adjective counts as the subject's end) */
        int subject_end = prev[0] == 'N' || tag_is(prev, "PRP") ||
                          (tag_is(prev, "JJ") && i > 1 &&
                           (tag_is(p->tags[i - 2], "POS") || tag_is(p->tags[i - 2], "DT")));
        if (!seen_verb && tag_is(t, "VBN") && subject_end && len > 3 && !strcmp(w + len - 2, "ed") &&
            i + 1 < n && !ent_tree_is_verb_tag(p->tags[i + 1]) && !tag_is(p->tags[i + 1], "IN")) {
            snprintf(t, 8, "VBD");
            seen_verb = seen_past = 1;
            continue;
        }
        /* "recalled its ambassador and suspended military cooperation":
         * an -ed participle right after "and", once a past verb has been
         * seen, is the second verb of the pair */
        if (seen_past && tag_is(t, "VBN") && tag_is(prev, "CC") && (same_past(w) || (len > 3 && !strcmp(w + len - 2, "ed"))) &&
            i + 1 < n && !tag_is(p->tags[i + 1], "IN") && !ent_tree_is_verb_tag(p->tags[i + 1])) {
            snprintf(t, 8, "VBD");
            continue;
        }
        /* "marched very close to the border": "very" and "too" grade
         * adjectives and adverbs, never a verb, so a base verb after one
         * is the adjective or, before a preposition, the adverb */
        if ((tag_is(t, "VB") || tag_is(t, "VBP")) && i > 0 &&
            (!strcasecmp(p->words[i - 1], "very") || !strcasecmp(p->words[i - 1], "too"))) {
            int before_prep =
                i + 1 < n && (tag_is(p->tags[i + 1], "TO") || tag_is(p->tags[i + 1], "IN"));
            snprintf(t, 8, "%s", before_prep ? "RB" : "JJ");
            continue;
        }
        /* "captured a bearded and dishevelled Saddam Hussein": an -ed word
         * the dictionaries do not know as a verb, after "adjective and"
         * and before a noun, is the second adjective */
        if ((tag_is(t, "VBD") || tag_is(t, "VBN")) && i > 1 && tag_is(prev, "CC") &&
            tag_is(p->tags[i - 2], "JJ") && i + 1 < n && p->tags[i + 1][0] == 'N' &&
            !known_verb(p->d, w)) {
            snprintf(t, 8, "JJ");
            continue;
        }
        /* "Heavy rains and flash floods swept ...": in the subject, a base
         * verb between "and" after a noun and a plural noun that a verb
         * follows modifies that noun */
        if (!seen_verb && (tag_is(t, "VB") || tag_is(t, "VBP")) && i > 1 && tag_is(prev, "CC") &&
            p->tags[i - 2][0] == 'N' && i + 2 < n && tag_is(p->tags[i + 1], "NNS") &&
            ent_tree_is_verb_tag(p->tags[i + 2])) {
            snprintf(t, 8, "NN");
            continue;
        }
        /* "to restore relations severed five decades ago": after the
         * clause's verb, a past form right after a noun and before "ago",
         * "earlier" or "last year" is a participle describing the noun */
        if (tag_is(t, "VBD") && seen_verb && i > 0 && prev[0] == 'N' && long_ago_after(p, i, n)) {
            snprintf(t, 8, "VBN");
            continue;
        }
        /* "were shelled by", "had been seized": an -ed form (past or
         * adjective) right after "be" or "have", adverbs between, is the
         * participle */
        if ((tag_is(t, "VBD") || tag_is(t, "JJ")) && len > 3 && !strcmp(w + len - 2, "ed")) {
            int k = i - 1;
            while (k >= 0 && tag_is(p->tags[k], "RB")) k--;
            if (k >= 0 && aux_word(p->words[k])) snprintf(t, 8, "VBN");
        }
        if (t[0] == 'V' || !strcmp(t, "MD")) {
            /* "troops backed by tanks besieged ...", "militants armed
             * with knives raided ...": a participle before "by" or "with"
             * modifies the subject; the verb is still to come */
            if (!(tag_is(t, "VBN") && i + 1 < n &&
                  (!strcasecmp(p->words[i + 1], "by") || !strcasecmp(p->words[i + 1], "with"))))
                seen_verb = 1;
            if (tag_is(t, "VBD")) seen_past = 1;
            continue;
        }
        /* "the presidential guard burst into a cabinet meeting": a noun
         * the dictionaries know as a verb, after the subject's noun and
         * before a preposition of movement, is the verb */
        if (!seen_verb && i > 0 && prev[0] == 'N' && tag_is(t, "NN") && i + 1 < n &&
            (!strcasecmp(p->words[i + 1], "into") || !strcasecmp(p->words[i + 1], "onto") ||
             !strcasecmp(p->words[i + 1], "across") || !strcasecmp(p->words[i + 1], "through")) &&
            known_verb(p->d, w)) {
            snprintf(t, 8, "VBD");
            seen_verb = seen_past = 1;
            continue;
        }
        if (!seen_verb && i > 0 && (tag_is(prev, "NNP") || tag_is(prev, "NNPS") || tag_is(prev, "PRP")) &&
            (tag_is(t, "NN") || tag_is(t, "NNS")) && i + 1 < n &&
            (tag_is(p->tags[i + 1], "IN") || tag_is(p->tags[i + 1], "DT") ||
             tag_is(p->tags[i + 1], "TO") || tag_is(p->tags[i + 1], "NNP")) &&
            known_verb(p->d, w)) {
            snprintf(t, 8, "%s", len > 2 && w[len - 1] == 's' ? "VBZ" : len > 2 && !strcmp(w + len - 2, "ed") ? "VBD" : "VBP");
            seen_verb = 1;
            continue;
        }
        if (i > 0 && (prev[0] == 'N' || tag_is(prev, "PRP")) &&
            (tag_is(t, "JJ") || tag_is(t, "VBN") || (tag_is(t, "NN") && len > 4 && !strcmp(w + len - 2, "ed"))) &&
            i + 1 < n && !ent_tree_is_verb_tag(p->tags[i + 1]) && (!seen_verb || clause_subject_before(p, i)) &&
            ((len > 3 && !strcmp(w + len - 2, "ed") && known_verb(p->d, w)) || past_form(p->d, w))) {
            snprintf(t, 8, "VBD");
            seen_verb = seen_past = 1;
            continue;
        }
        if (i > 0 && (tag_is(prev, "TO") || tag_is(prev, "MD")) && tag_is(t, "NN") && known_verb(p->d, w)) {
            /* "to accord", "would boycott": after "to" or a modal, a verb */
            snprintf(t, 8, "VB");
            continue;
        }
    }
}

/* Tokenize, tag and parse text[b..e) into t; *cut: the tokens past
 * MAX_TOKENS, left out. */
static int parse_span(ent_pipeline *p, const char *text, int32_t b, int32_t e, ent_tree *t,
                      int *cut) {
    double t0 = clock_if(p);
    int n = ent_tokenize(text, b, e, p->toks, MAX_TOKENS);
    *cut = n > MAX_TOKENS ? n - MAX_TOKENS : 0;
    if (n > MAX_TOKENS) n = MAX_TOKENS;
    if (n < 0) n = 0;
    for (int i = 0; i < n; i++) {
        p->words[i] = p->toks[i].ptb;
        p->tb[i] = p->toks[i].begin;
        p->te[i] = p->toks[i].end;
    }
    double t1 = clock_if(p);
    if (n && ent_tag(p->tagger, p->words, n, p->tags) < 0) return -1;
    tag_names(p, n);
    repair_tags(p, n);
    double t2 = clock_if(p);
    int rc = ent_parse(p->parser, t, p->words, (const char(*)[8])p->tags, p->tb, p->te, n);
    double t3 = clock_if(p);
    if (p->timed) {
        p->times.tokenize += t1 - t0;
        p->times.tag += t2 - t1;
        p->times.parse += t3 - t2;
    }
    p->times.tokens += n;
    return rc;
}

/* Parse text[b..e) into t; with `dateline`, a dateline at its head is
 * left out and the state it names goes to t->home (a record's text is one
 * sentence, but may still open a story). */
static int parse_text_span(ent_pipeline *p, const char *text, int32_t b, int32_t e, int dateline,
                           ent_tree *t, int *cut) {
    int32_t dl = dateline && e > b ? (int32_t)ent_split_dateline(text + b, (size_t)(e - b)) : 0;
    if (parse_span(p, text, b + dl, e, t, cut) < 0) return -1;
    if (dl > 0) ent_coder_dateline_country(p->d, text + b, (size_t)dl, t->home);
    return 0;
}

int ent_pipeline_parse_text(ent_pipeline *p, const char *text, int32_t len, ent_tree *t) {
    int cut;
    return parse_text_span(p, text, 0, len, 1, t, &cut);
}

int ent_pipeline_read_parse(ent_tree *t, const char *parse, size_t len, ent_diags *d,
                            const char *where, long line) {
    size_t k = 0;
    while (k < len && (parse[k] == ' ' || parse[k] == '\n' || parse[k] == '\t' || parse[k] == '\r'))
        k++;
    /* CoNLL-U opens with a word line's number or a comment ("# text = ...");
     * a Treebank parse with "(" */
    if (k < len && ((parse[k] >= '0' && parse[k] <= '9') || parse[k] == '#'))
        return ent_conllu_read(t, parse, len, d, where, line);
    return ent_ptb_read(t, parse, len, d, where, line);
}

int ent_pipeline_code_sentence(ent_pipeline *p, const ent_sentence_in *in, ent_diags *d,
                               ent_coded_sentence *out) {
    ent_tree *t = in->tree ? in->tree : &p->tree;
    int cut = 0;
    if (in->tree) {
        /* built by the caller */
    } else if (in->parse) {
        if (ent_pipeline_read_parse(t, in->parse, in->parse_len, d, in->where, in->line) < 0) {
            /* nothing coded, but what was read shows what the parse held */
            *out = (ent_coded_sentence){0, in->span, t, NULL, 0, ENT_CODED, 0};
            return 1;
        }
    } else if (parse_text_span(p, in->text, in->span.begin, in->span.end, in->dateline, t, &cut) < 0) {
        return -1;
    }
    if (in->home && in->home[0]) memcpy(t->home, in->home, 4);
    double c0 = clock_if(p);
    const ent_event *ev;
    int n;
    int st = ent_coder_code(p->coder, t, in->date, &ev, &n);
    if (p->timed) p->times.code += ent_now() - c0;
    if (st < 0) return -1;
    *out = (ent_coded_sentence){0, in->span, t, ev, n, st, cut};
    return 0;
}

int ent_pipeline_code_doc(ent_pipeline *p, const ent_doc *doc, ent_sentence_fn fn, void *user) {
    double t0 = clock_if(p);
    int ns = ent_split(doc->text, doc->len, p->spans, p->cap_spans);
    if (ns > p->cap_spans) {
        int cap = ns + 16;
        ent_span *sp = realloc(p->spans, (size_t)cap * sizeof *sp);
        if (!sp) return -1;
        p->spans = sp;
        p->cap_spans = cap;
        ns = ent_split(doc->text, doc->len, p->spans, p->cap_spans);
        if (ns > p->cap_spans) ns = p->cap_spans;
    }
    if (p->timed) p->times.split += ent_now() - t0;
    /* the story's dateline places the agents no sentence places */
    char home[4] = "";
    size_t dl = ent_split_dateline(doc->text, doc->len);
    if (dl > 0) ent_coder_dateline_country(p->d, doc->text, dl, home);
    int discarded = 0;
    for (int i = 0; i < ns; i++) {
        ent_coded_sentence cs = {i, p->spans[i], NULL, NULL, 0, ENT_DISCARD_STORY_HIT, 0};
        if (!discarded) {
            ent_sentence_in in = {.text = doc->text, .span = p->spans[i], .home = home,
                                  .date = doc->date, .where = doc->where, .line = doc->line};
            if (ent_pipeline_code_sentence(p, &in, NULL, &cs) < 0) return -1;
            cs.index = i;
            p->times.sentences++;
            discarded = cs.status == ENT_DISCARD_STORY_HIT;
        }
        if (fn && fn(user, doc, &cs)) return i + 1;
    }
    return ns;
}
