/* cmd_serve.h -- `entente serve`: the JSON API over a store. */
#ifndef ENT_CMD_SERVE_H
#define ENT_CMD_SERVE_H

/* Prototypes */
/* `entente serve ARGS` (argv[0] is "serve"): answer until SIGINT or
 * SIGTERM; the exit status.  The usage is what `entente serve --help`
 * prints. */
int cmd_serve(int argc, char **argv);
extern const char cmd_serve_usage[];

#endif
