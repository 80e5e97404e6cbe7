/* petrxml.h -- stream the records of a PETRARCH XML file.
 *
 *   <Validation> or <Sentences> root
 *     <Environment> <Verbfile>..</Verbfile> <Actorfile>.. <Agentfile>..
 *                   <Discardfile>.. <Issuefile>.. <Config option= value=/>
 *     <Sentence date="19950101" id="DEMO-00" category="DEMO">
 *       <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>
 *       <EventCoding noevents="True"/>  or  <EventCoding error="..."/>
 *       <Text> ... </Text>
 *       <Parse> Treebank string or CoNLL-U block </Parse>
 *     </Sentence>
 *     <Config option="require_dyad" value="false"/>  (between sentences)
 *
 * Built on libxml2's streaming reader, so memory stays flat however large
 * the file.  Malformed XML ends the stream with a message naming the file
 * and line.  Records handed out before it stay valid, but libxml2 drops
 * the chunk it had read ahead, so a few complete records just before the
 * error may be lost: a second message names the line after which nothing
 * was read.  A second <Text> or <Parse> in a record is reported and the
 * first kept.  A <Sentence .../> written self-closed takes the
 * <EventCoding>, <Text> and <Parse> that follow it, up to the next record,
 * as its content, with a warning; closed again by a </Sentence>, the file
 * is malformed and a second message says so.
 */
#ifndef ENT_PETRXML_H
#define ENT_PETRXML_H

#include <stddef.h>

#include "diag.h"

typedef struct ent_petrxml ent_petrxml;

typedef struct ent_expect {
    char *source, *target, *code;   /* as written (may be quoted "...") */
} ent_expect;

enum ent_record_kind {
    ENT_REC_SENTENCE = 1,
    ENT_REC_CONFIG          /* a <Config option value> between sentences */
};

typedef struct ent_record {
    int kind;
    long line;              /* line of the <Sentence> or <Config> element */
    /* ENT_REC_SENTENCE */
    char *id, *date, *category;  /* attributes as written; NULL if absent */
    char *text;             /* <Text>, whitespace-collapsed */
    char *parse;            /* <Parse> content as written, NULL if absent */
    long parse_line;        /* line where <Parse> content starts */
    ent_expect *expect;     /* <EventCoding> with codes */
    int n_expect;
    int expect_noevents;    /* <EventCoding noevents="True"> */
    char *expect_error;     /* <EventCoding error="..."> */
    /* ENT_REC_CONFIG */
    char *option, *value;
} ent_record;

/* The <Environment> block, available once the first record was read (or
 * after ent_petrxml_next returned 0 for a file without records). */
typedef struct ent_environment {
    char *verbfile, *agentfile, *discardfile, *issuefile;
    char *actorfiles[16];
    int n_actorfiles;
    char *config_option[32], *config_value[32];
    int n_config;
} ent_environment;

/* Prototypes */
ent_petrxml *ent_petrxml_open(const char *path, ent_diags *d);
/* Read from memory (fuzzing, tests); `name` is used in messages. */
ent_petrxml *ent_petrxml_open_mem(const char *buf, size_t n, const char *name,
                                  ent_diags *d);
/* Fill `rec` with the next record.  Returns 1 for a record, 0 at the end,
 * -1 on malformed input (message in d).  The record's strings stay valid
 * until the next call or close. */
int ent_petrxml_next(ent_petrxml *r, ent_record *rec);
const ent_environment *ent_petrxml_env(const ent_petrxml *r);
void ent_petrxml_close(ent_petrxml *r);

#endif
