/* cmd_store.h -- the store's subcommands: ingest, recode, events. */
#ifndef ENT_CMD_STORE_H
#define ENT_CMD_STORE_H

/* Prototypes */
/* Run `cmd` when it is one of the store's subcommands and return its exit
 * status; -1 when `cmd` is not one of them. */
int cmd_store(const char *cmd, int argc, char **argv);

#endif
