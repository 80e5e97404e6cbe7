/* args.h -- what every subcommand shares: the command table's row, the
 * option reader over getopt_long, and the usage and value helpers. */
#ifndef ENTENTE_CLI_ARGS_H
#define ENTENTE_CLI_ARGS_H

#include <getopt.h>
#include <stdint.h>

/* One row of main.c's command table. */
typedef struct cli_command {
    const char *name;    /* what follows `entente` */
    const char *args;    /* its arguments as `entente --help` lists them */
    const char *summary; /* one line for `entente --help` */
    const char *usage;   /* `entente NAME --help`, and after a usage error */
    /* argc and argv from the command's name on, as getopt_long wants
     * them; the exit status */
    int (*run)(int argc, char **argv);
} cli_command;

/* A command's options read in order by getopt_long.  Positional
 * arguments come back in their place among the options (CLI_ARG), so a
 * command takes files before, after and between its options, and reports
 * the first bad argument as it meets it. */
typedef struct cli_opts {
    int argc;
    char **argv;
    const struct option *longs;
    const char *usage;
    /* What an unknown option is called when an argument follows it: some
     * commands say "unknown option", others "unknown or incomplete option"
     * throughout (NULL). */
    const char *unknown;
    const char *shorts; /* CLI_SHORTS(the command's short options) */
    int at;             /* index of the argument being read */
    int rest;           /* after "--": the next argument to hand back */
    const char *value;  /* the option's value, or the positional argument */
    /* the value as a message names it: the whole argument when the value
     * was attached to its option (-j0, --batch=0) */
    const char *shown;
} cli_opts;

/* getopt's short options for cli_begin.  "-": positional arguments come
 * back in order, as CLI_ARG, whatever POSIXLY_CORRECT says; ":" keeps
 * getopt_long quiet, so that the command says what went wrong in its own
 * words. */
#define CLI_SHORTS(s) "-:" s

/* Codes cli_next returns besides an option's own. */
enum { CLI_END = 0, CLI_ARG = 1, CLI_ERROR = -1 };

/* Prototypes */
/* Print "entente: WHAT: ARG" and the usage on stderr; returns 64. */
int cli_usage_error(const char *usage, const char *what, const char *arg);
/* Is --help or -h among the arguments? */
int cli_wants_help(int argc, char **argv);
/* Start reading argv[1..argc) (argv[0] is the command's name) with the
 * short options `shorts`, written CLI_SHORTS("j:"), and `longs`. */
void cli_begin(cli_opts *p, int argc, char **argv, const char *shorts, const struct option *longs,
               const char *usage, const char *unknown);
/* The next option's code (its struct option val, or its short letter),
 * CLI_ARG with p->value the positional argument (the arguments after "--"
 * are all positional), CLI_END, or CLI_ERROR after reporting an unknown
 * option or a missing value (exit 64).  A long option is taken only as
 * spelt in full (--name or --name=VALUE), never abbreviated: an
 * abbreviation that works today would break when a later option shares
 * its start. */
int cli_next(cli_opts *p);
/* Report the argument just read as one the command does not take, the
 * way an unknown option is reported; returns 64. */
int cli_unexpected(const cli_opts *p);
/* A decimal integer in [lo, hi] into *out: 0, or -1 when malformed. */
int cli_int(const char *s, int lo, int hi, int *out);
/* A --from value (petrarch-xml, conllu, text, jsonl) into *from as
 * ENTENTE_IN_*: 0, or 64 after a usage error when it names no input form. */
int cli_input_form(const char *usage, const char *v, int *from);
/* A date YYYY-MM-DD (as entente_parse_date reads it) into *date: 0, or 64
 * after a usage error. */
int cli_date(const char *usage, const char *v, int32_t *date);
/* A --date-field value (event, published) into *field as ENTENTE_DATE_*:
 * 0, or -1 when it names neither. */
int cli_date_field(const char *v, int *field);
/* "happenings" or "mentions" -> enum entente_count; -1 when neither. */
int cli_count(const char *v, int *count);
/* The usage line of --count, the same in every command. */
#define CLI_USAGE_COUNT                                                                            \
    "  --count happenings|mentions  count each happening once, by its first mention\n"             \
    "                               (default), or every mention of it\n"
/* The usage line of --date-field, the same in every command. */
#define CLI_USAGE_DATE_FIELD                                                                       \
    "  --date-field event|published   dates from the text (default) or of publication\n"

#endif
