/* util.h -- arenas, growable buffers and a string-keyed hash map.
 *
 * These are the few containers every other module needs.  They never abort:
 * every allocating call returns NULL / -1 on failure and the caller
 * propagates the error.
 *
 * Errors (the convention of this lowest layer, with lines.h): -1 or NULL
 * with errno set, as the C library's own calls (ent_strerror also names
 * entente's few errno values); nothing here prints.
 */
#ifndef ENT_UTIL_H
#define ENT_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

/* ---- Arena: bump allocator, freed all at once. ---------------------------
 * Used for everything whose lifetime is "the dictionary" or "the sentence".
 * ent_arena_reset keeps the first block so a per-sentence arena stops
 * allocating after warm-up. */
typedef struct ent_arena_block ent_arena_block;
typedef struct ent_arena {
    ent_arena_block *head;
    size_t block_size;
    size_t total;          /* bytes handed out, for memory reports */
} ent_arena;

/* Prototypes */
void  ent_arena_init(ent_arena *a, size_t block_size);
void *ent_arena_alloc(ent_arena *a, size_t n);             /* 16-aligned, NULL on OOM */
void *ent_arena_calloc(ent_arena *a, size_t n);
char *ent_arena_strndup(ent_arena *a, const char *s, size_t n);
char *ent_arena_strdup(ent_arena *a, const char *s);
void  ent_arena_reset(ent_arena *a);
void  ent_arena_free(ent_arena *a);

/* ---- Growable byte buffer (always NUL-terminated when len > 0). -------- */
typedef struct ent_buf {
    char *data;
    size_t len, cap;
} ent_buf;

int  ent_buf_reserve(ent_buf *b, size_t extra);           /* 0 ok, -1 OOM */
int  ent_buf_append(ent_buf *b, const char *s, size_t n);
int  ent_buf_puts(ent_buf *b, const char *s);
int  ent_buf_putc(ent_buf *b, char c);
int  ent_buf_printf(ent_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string literal (with quotes), escaping as needed. */
int  ent_buf_json_str(ent_buf *b, const char *s);
/* A CSV field: as is, or quoted (quotes doubled) when it holds a comma,
 * quote or line break; NULL adds nothing. */
int  ent_buf_csv_field(ent_buf *b, const char *s);
void ent_buf_clear(ent_buf *b);
void ent_buf_free(ent_buf *b);

/* ---- Growable array of fixed-size items. ------------------------------- */
typedef struct ent_vec {
    void *items;
    size_t len, cap, size;    /* size = bytes per item */
} ent_vec;

void  ent_vec_init(ent_vec *v, size_t item_size);
void *ent_vec_push(ent_vec *v);                           /* zeroed slot or NULL */
void  ent_vec_free(ent_vec *v);
#define ENT_VEC_AT(v, type, i) (((type *)(v)->items)[i])

/* ---- String map: string -> int32, open addressing. ----------------------
 * Keys are copied into the map's own arena.  Lookups take (ptr,len) so
 * callers can probe with substrings without copying. */
typedef struct ent_strmap {
    uint32_t *hashes;
    const char **keys;
    uint32_t *klens;
    int32_t *vals;
    size_t cap, count;
    ent_arena keys_arena;
} ent_strmap;

uint32_t ent_hash(const char *s, size_t n);
int  ent_strmap_init(ent_strmap *m, size_t initial_cap);
/* Returns the value for key, or -1 when absent. */
int32_t ent_strmap_get(const ent_strmap *m, const char *key, size_t n);
/* Inserts or overwrites.  0 ok, -1 OOM. */
int  ent_strmap_put(ent_strmap *m, const char *key, size_t n, int32_t val);
/* Returns existing value, or inserts `val` and returns it; -2 on OOM. */
int32_t ent_strmap_intern(ent_strmap *m, const char *key, size_t n, int32_t val);
void ent_strmap_free(ent_strmap *m);

/* ---- Small string helpers. --------------------------------------------- */
/* Uppercase ASCII copy of s[0..n) into out (cap bytes incl. NUL); returns
 * length written, truncating at cap-1. */
size_t ent_upper(char *out, size_t cap, const char *s, size_t n);
/* errno for a named input that is a device or a socket: reading /dev/zero
 * would never end, and none of them holds a document.  (Standard input
 * may still be a terminal.) */
#define ENT_ENOTFILE 0x454e54
/* errno for a pipe (standard input, a named pipe) read whole that gives
 * more than ENT_STREAM_MAX bytes: it may never end (cat /dev/zero |). */
#define ENT_ETOOLONG 0x454e55
#define ENT_STREAM_MAX ((size_t)1 << 30)
/* strerror(e), which also knows ENT_ENOTFILE and ENT_ETOOLONG. */
const char *ent_strerror(int e);
/* 0 when the open descriptor fd is what entente reads as a named input (a
 * regular file or a pipe); else -1 with errno EISDIR or ENT_ENOTFILE. */
int ent_input_fd_ok(int fd);
/* Read a whole file, or the rest of an open stream such as stdin, into a
 * NUL-terminated malloc'd buffer; NULL on error (errno set: ent_strerror).
 * A file must pass ent_input_fd_ok; a named pipe is read up to
 * ENT_STREAM_MAX bytes, a stream up to `max` (else ENT_ETOOLONG). */
char *ent_read_file(const char *path, size_t *len_out);
char *ent_read_stream(FILE *f, size_t max, size_t *len_out);
/* Columns a UTF-8 string takes in a terminal (one per code point). */
int ent_utf8_width(const char *s);
/* A date in s[0..n), blanks around it allowed: "YYYY-MM-DD", "YYYYMMDD",
 * or either followed by a time ("2024-04-26T10:00Z", "2024-04-26 10:00",
 * the date as written) -> 20240426; -1 when malformed or not a real day.
 * The one date reader of every input form and of the command line. */
int32_t ent_parse_date(const char *s, size_t n);
/* Days in month m (1..12) of year y, leap years known. */
int ent_month_days(int y, int m);
/* YYYYMMDD -> days since 1970-01-01 (0 for 0), and back: the one
 * calendar arithmetic of the store, the analyses and event dates. */
int32_t ent_date_to_day(int32_t date);
int32_t ent_day_to_date(int32_t day);
/* Monotonic clock in seconds. */
double ent_now(void);
/* Peak resident set size of this process in kilobytes (from /proc). */
long ent_peak_rss_kb(void);

#endif
