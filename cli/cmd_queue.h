/* cmd_queue.h -- the work queue's subcommands: publish, worker, status. */
#ifndef ENT_CMD_QUEUE_H
#define ENT_CMD_QUEUE_H

/* Prototypes */
/* Run `cmd` when it is one of the work queue's subcommands and return its
 * exit status; -1 when `cmd` is not one of them. */
int cmd_queue(const char *cmd, int argc, char **argv);

#endif
