/* urlquery.h -- the query string of a request URL ("a=1&b=x%20y") read
 * into decoded key/value pairs, strictly.
 *
 * The HTTP server reads its parameters here and not through the HTTP
 * library's lenient decoder, so what it accepts is one small function that
 * is fuzzed on its own: a bad escape, a NUL or an invalid UTF-8 byte, an
 * empty or repeated key, or more than ENT_URLQUERY_MAX pairs is an error
 * with a message, never a value the handlers would have to doubt.
 */
#ifndef ENT_URLQUERY_H
#define ENT_URLQUERY_H

#include <stddef.h>

#define ENT_URLQUERY_MAX 32          /* pairs */
#define ENT_URLQUERY_MAX_LEN 16384   /* bytes of query string */

typedef struct ent_urlquery {
    int n;
    const char *key[ENT_URLQUERY_MAX];
    const char *val[ENT_URLQUERY_MAX];   /* "" for "key" without "=" */
    char *mem;                           /* the decoded strings, one block */
} ent_urlquery;

/* Prototypes */
/* Read s[0..len) (the part after '?', without it) into q.  0, or -1 with
 * a message in err[cap]; q needs ent_urlquery_free either way. */
int ent_urlquery_parse(ent_urlquery *q, const char *s, size_t len, char *err, size_t cap);
/* The value of `key`, or NULL when absent. */
const char *ent_urlquery_get(const ent_urlquery *q, const char *key);
void ent_urlquery_free(ent_urlquery *q);
/* Decode one %-escaped component s[0..len) into out (at least len + 1
 * bytes), '+' as a space when `plus` is set.  Its length, or -1 when an
 * escape is malformed or the result holds a NUL or is not UTF-8. */
long ent_urlquery_decode(const char *s, size_t len, int plus, char *out);

#endif
