/* cmd_store.h -- the store's subcommands: ingest, recode, events, index. */
#ifndef ENT_CMD_STORE_H
#define ENT_CMD_STORE_H

/* Prototypes */
/* Each runs its command on argv[1..argc) (argv[0] is its name) and returns
 * the exit status; each usage is what `entente NAME --help` prints. */
int cmd_ingest(int argc, char **argv);
int cmd_recode(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_index(int argc, char **argv);
extern const char cmd_ingest_usage[], cmd_recode_usage[], cmd_events_usage[], cmd_index_usage[];

#endif
