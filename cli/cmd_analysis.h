/* cmd_analysis.h -- the analysis subcommands: dyad, trends, blocs, actors. */
#ifndef ENT_CMD_ANALYSIS_H
#define ENT_CMD_ANALYSIS_H

/* Prototypes */
/* Run `cmd` when it is one of the analysis subcommands and return its exit
 * status; -1 when `cmd` is not one of them. */
int cmd_analysis(const char *cmd, int argc, char **argv);

#endif
