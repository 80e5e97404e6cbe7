/* cmd_queue.h -- the work queue's subcommands: publish, worker, status. */
#ifndef ENT_CMD_QUEUE_H
#define ENT_CMD_QUEUE_H

/* Prototypes */
/* Each runs its command on argv[1..argc) (argv[0] is its name) and returns
 * the exit status; each usage is what `entente NAME --help` prints. */
int cmd_publish(int argc, char **argv);
int cmd_worker(int argc, char **argv);
int cmd_status(int argc, char **argv);
extern const char cmd_publish_usage[], cmd_worker_usage[], cmd_status_usage[];

#endif
