/* args.h -- helpers every subcommand's argument parser shares. */
#ifndef ENTENTE_CLI_ARGS_H
#define ENTENTE_CLI_ARGS_H

#include <stdint.h>

/* Prototypes */
/* Print "entente: WHAT: ARG" and the usage on stderr; returns 64. */
int cli_usage_error(const char *usage, const char *what, const char *arg);
/* Is --help or -h among the arguments? */
int cli_wants_help(int argc, char **argv);
/* A decimal integer in [lo, hi] into *out: 0, or -1 when malformed. */
int cli_int(const char *s, int lo, int hi, int *out);
/* A --from value (petrarch-xml, conllu, text, jsonl) into *from as
 * ENTENTE_IN_*: 0, or -1 when it names no input form. */
int cli_input_form(const char *v, int *from);
/* A --date-field value (event, published) into *field as ENTENTE_DATE_*:
 * 0, or -1 when it names neither. */
int cli_date_field(const char *v, int *field);
/* The usage line of --date-field, the same in every command. */
#define CLI_USAGE_DATE_FIELD \
    "  --date-field event|published   dates from the text (default) or of publication\n"

#endif
