/* cmd_analysis.h -- the analysis subcommands: dyad, trends, blocs, actors. */
#ifndef ENT_CMD_ANALYSIS_H
#define ENT_CMD_ANALYSIS_H

/* Prototypes */
/* Each runs its command on argv[1..argc) (argv[0] is its name) and returns
 * the exit status; each usage is what `entente NAME --help` prints. */
int cmd_dyad(int argc, char **argv);
int cmd_trends(int argc, char **argv);
int cmd_blocs(int argc, char **argv);
int cmd_actors(int argc, char **argv);
extern const char cmd_dyad_usage[], cmd_trends_usage[], cmd_blocs_usage[], cmd_actors_usage[];

#endif
