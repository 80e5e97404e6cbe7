/* fuzz_jsonl.c -- libFuzzer entry for the document reader on JSONL:
 * every document is normalised, split into sentences and tokenized, with
 * the invariants checked in fuzz_doc.h. */
#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return fuzz_docs(data, size, "fuzz.jsonl", ENT_DOC_JSONL);
}
