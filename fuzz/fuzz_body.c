/* fuzz_body.c -- libFuzzer entry for the reader of a POSTed body, as
 * /api/v1/code and /api/v1/documents read it: the bytes, held as the
 * server holds a body (NUL after the last byte), are coded with the
 * built-in dictionary set by ent_jobs_code_memory, in the form the
 * request names, and /code's answer is read back by ent_jobs_jsonl_array.
 *
 * The first byte stands for the request's choices (the rest is the body):
 *   bit 0  the form: 1 JSONL documents (application/x-ndjson or
 *          ?from=jsonl), 0 text stories (text/plain)
 *   bit 1  a ?date= given (2024-04-26), else none
 * so a seed starting with 'a' is JSONL without a date, 'c' JSONL with
 * one, '`' text without and 'b' text with.
 *
 * Any body is coded or refused, never a crash, and what the server would
 * answer 200 to keeps its promises: the events written are whole JSON
 * lines, each an object, as many as the count returned. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "dict.h"
#include "entente.h"
#include "jobs.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The set is loaded once: the server loads it once and shares it
 * read-only, and loading it for each of millions of inputs would leave no
 * time to fuzz.  libFuzzer gives its entry point no context, so this one
 * pointer, set before the first input and never changed after, is where
 * the set waits. */
static ent_dict *body_dict;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    body_dict = ent_jobs_load_dicts(NULL, 0, stderr);
    if (!body_dict) {
        fputs("fuzz_body: no dictionary set (set ENTENTE_DICTS to the source tree's dict/)\n",
              stderr);
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* the server refuses an empty body before reading it */
    if (size < 2) return 0;
    int form = data[0] & 1 ? ENTENTE_IN_JSONL : ENTENTE_IN_TEXT;
    int32_t date = data[0] & 2 ? 20240426 : 0;
    size_t len = size - 1;
    /* exactly as long as the body and its NUL, so a read past them is
     * caught; the reader may write into it, as into the server's buffer */
    char *body = malloc(len + 1);
    if (!body) return 0;
    memcpy(body, data + 1, len);
    body[len] = '\0';

    char *text = NULL;
    size_t text_len = 0;
    FILE *out = open_memstream(&text, &text_len);
    if (!out) {
        free(body);
        return 0;
    }
    ent_diags d;
    ent_diags_init(&d, NULL, 0);
    long n = ent_jobs_code_memory(body_dict, "body", body, len, form, date, out, &d);
    if (fclose(out) != 0) abort();
    /* what /code answers 200 to: read back, one object an event */
    if (n >= 0 && d.count == 0) {
        json_object *arr = NULL;
        if (ent_jobs_jsonl_array(text ? text : "", text_len, &arr) < 0) abort();
        if (json_object_array_length(arr) != (size_t)n) abort();
        for (size_t i = 0; i < (size_t)n; i++)
            if (!json_object_is_type(json_object_array_get_idx(arr, i), json_type_object)) abort();
        json_object_put(arr);
    }
    ent_diags_free(&d);
    free(text);
    free(body);
    return 0;
}
