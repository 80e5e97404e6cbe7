/* cmd_serve.h -- `entente serve`: the JSON API over a store. */
#ifndef ENT_CMD_SERVE_H
#define ENT_CMD_SERVE_H

/* Prototypes */
/* `entente serve ARGS`: answer until SIGINT or SIGTERM; the exit status. */
int cmd_serve(int argc, char **argv);

#endif
