/* util.c -- containers shared by every module; see util.h. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---- Arena -------------------------------------------------------------- */

struct ent_arena_block {
    ent_arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

void ent_arena_init(ent_arena *a, size_t block_size) {
    a->head = NULL;
    a->block_size = block_size ? block_size : 64 * 1024;
    a->total = 0;
}

void *ent_arena_alloc(ent_arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    ent_arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = a->block_size > n ? a->block_size : n;
        ent_arena_block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        nb->used = 0;
        nb->cap = cap;
        /* An oversized request gets its own block behind the current one so
         * the remaining room in the head block is not wasted. */
        if (b && cap == n && b->cap - b->used >= 256) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    return p;
}

void *ent_arena_calloc(ent_arena *a, size_t n) {
    void *p = ent_arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

char *ent_arena_strndup(ent_arena *a, const char *s, size_t n) {
    char *p = ent_arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ent_arena_strdup(ent_arena *a, const char *s) {
    return ent_arena_strndup(a, s, strlen(s));
}

void ent_arena_reset(ent_arena *a) {
    ent_arena_block *b = a->head;
    if (!b) return;
    /* Keep the last (oldest, normally block_size) block, free the rest. */
    while (b->next) {
        ent_arena_block *n = b->next;
        free(b);
        b = n;
    }
    b->used = 0;
    a->head = b;
    a->total = 0;
}

void ent_arena_free(ent_arena *a) {
    ent_arena_block *b = a->head;
    while (b) {
        ent_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
    a->total = 0;
}

/* ---- Buffers ------------------------------------------------------------ */

int ent_buf_reserve(ent_buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) return -1;
    b->data = d;
    b->cap = cap;
    return 0;
}

int ent_buf_append(ent_buf *b, const char *s, size_t n) {
    if (ent_buf_reserve(b, n) < 0) return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int ent_buf_puts(ent_buf *b, const char *s) { return ent_buf_append(b, s, strlen(s)); }

int ent_buf_putc(ent_buf *b, char c) {
    if (ent_buf_reserve(b, 1) < 0) return -1;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

int ent_buf_printf(ent_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || ent_buf_reserve(b, (size_t)n) < 0) return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int ent_buf_json_str(ent_buf *b, const char *s) {
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    /* Most strings (codes, names, a sentence's words) need no escape: one
     * reserve and one copy between the quotes, as every field of every
     * event line goes through here. */
    const unsigned char *q = p;
    while (*q >= 0x20 && *q != '"' && *q != '\\') q++;
    if (!*q) {
        size_t n = (size_t)(q - p);
        if (ent_buf_reserve(b, n + 2) < 0) return -1;
        char *d = b->data + b->len;
        d[0] = '"';
        memcpy(d + 1, p, n);
        d[n + 1] = '"';
        b->len += n + 2;
        b->data[b->len] = '\0';
        return 0;
    }
    if (ent_buf_putc(b, '"') < 0) return -1;
    for (;;) {
        /* copy the run of characters that need no escape in one append */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '"' && *p != '\\') p++;
        if (p > run && ent_buf_append(b, (const char *)run, (size_t)(p - run)) < 0) return -1;
        if (!*p) break;
        char esc[8];
        const char *out;
        switch (*p) {
        case '"': out = "\\\""; break;
        case '\\': out = "\\\\"; break;
        case '\n': out = "\\n"; break;
        case '\r': out = "\\r"; break;
        case '\t': out = "\\t"; break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            out = esc;
        }
        if (ent_buf_puts(b, out) < 0) return -1;
        p++;
    }
    return ent_buf_putc(b, '"');
}

int ent_buf_csv_field(ent_buf *b, const char *s) {
    if (!s) return 0;
    if (!strpbrk(s, ",\"\n\r")) return ent_buf_puts(b, s);
    int rc = ent_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"') rc |= ent_buf_putc(b, '"');
        rc |= ent_buf_putc(b, *s);
    }
    return rc | ent_buf_putc(b, '"');
}

void ent_buf_clear(ent_buf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void ent_buf_free(ent_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ---- Vectors ------------------------------------------------------------ */

void ent_vec_init(ent_vec *v, size_t item_size) {
    v->items = NULL;
    v->len = v->cap = 0;
    v->size = item_size;
}

void *ent_vec_push(ent_vec *v) {
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *n = realloc(v->items, cap * v->size);
        if (!n) return NULL;
        v->items = n;
        v->cap = cap;
    }
    void *slot = (char *)v->items + v->len * v->size;
    memset(slot, 0, v->size);
    v->len++;
    return slot;
}

void ent_vec_free(ent_vec *v) {
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

/* ---- String map --------------------------------------------------------- */

/* FNV-1a: short keys (words), so a simple byte hash is as fast as any. */
uint32_t ent_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1; /* 0 marks an empty slot */
}

int ent_strmap_init(ent_strmap *m, size_t cap) {
    size_t c = 16;
    while (c < cap * 2) c *= 2;
    m->cap = c;
    m->count = 0;
    m->hashes = calloc(c, sizeof *m->hashes);
    m->keys = calloc(c, sizeof *m->keys);
    m->klens = calloc(c, sizeof *m->klens);
    m->vals = calloc(c, sizeof *m->vals);
    ent_arena_init(&m->keys_arena, 64 * 1024);
    if (!m->hashes || !m->keys || !m->klens || !m->vals) {
        ent_strmap_free(m);
        return -1;
    }
    return 0;
}

static size_t strmap_find(const ent_strmap *m, const char *key, size_t n, uint32_t h) {
    size_t mask = m->cap - 1, i = h & mask;
    while (m->hashes[i]) {
        if (m->hashes[i] == h && m->klens[i] == n && memcmp(m->keys[i], key, n) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

int32_t ent_strmap_get(const ent_strmap *m, const char *key, size_t n) {
    if (!m->cap) return -1;
    size_t i = strmap_find(m, key, n, ent_hash(key, n));
    return m->hashes[i] ? m->vals[i] : -1;
}

static int strmap_grow(ent_strmap *m) {
    ent_strmap n = {0};
    n.cap = m->cap * 2;
    n.hashes = calloc(n.cap, sizeof *n.hashes);
    n.keys = calloc(n.cap, sizeof *n.keys);
    n.klens = calloc(n.cap, sizeof *n.klens);
    n.vals = calloc(n.cap, sizeof *n.vals);
    if (!n.hashes || !n.keys || !n.klens || !n.vals) {
        free(n.hashes); free(n.keys); free(n.klens); free(n.vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->hashes[i]) continue;
        size_t j = m->hashes[i] & (n.cap - 1);
        while (n.hashes[j]) j = (j + 1) & (n.cap - 1);
        n.hashes[j] = m->hashes[i];
        n.keys[j] = m->keys[i];
        n.klens[j] = m->klens[i];
        n.vals[j] = m->vals[i];
    }
    free(m->hashes); free(m->keys); free(m->klens); free(m->vals);
    m->hashes = n.hashes; m->keys = n.keys; m->klens = n.klens; m->vals = n.vals;
    m->cap = n.cap;
    return 0;
}

static int32_t strmap_insert(ent_strmap *m, const char *key, size_t n, int32_t val, int overwrite) {
    if ((m->count + 1) * 4 >= m->cap * 3 && strmap_grow(m) < 0) return -2;
    uint32_t h = ent_hash(key, n);
    size_t i = strmap_find(m, key, n, h);
    if (m->hashes[i]) {
        if (overwrite) m->vals[i] = val;
        return m->vals[i];
    }
    char *k = ent_arena_strndup(&m->keys_arena, key, n);
    if (!k) return -2;
    m->hashes[i] = h;
    m->keys[i] = k;
    m->klens[i] = (uint32_t)n;
    m->vals[i] = val;
    m->count++;
    return val;
}

int ent_strmap_put(ent_strmap *m, const char *key, size_t n, int32_t val) {
    return strmap_insert(m, key, n, val, 1) == -2 ? -1 : 0;
}

int32_t ent_strmap_intern(ent_strmap *m, const char *key, size_t n, int32_t val) {
    return strmap_insert(m, key, n, val, 0);
}

void ent_strmap_free(ent_strmap *m) {
    free(m->hashes); free(m->keys); free(m->klens); free(m->vals);
    m->hashes = NULL; m->keys = NULL; m->klens = NULL; m->vals = NULL;
    m->cap = m->count = 0;
    ent_arena_free(&m->keys_arena);
}

/* ---- Strings, files, clocks -------------------------------------------- */

size_t ent_upper(char *out, size_t cap, const char *s, size_t n) {
    if (cap == 0) return 0;
    size_t k = n < cap - 1 ? n : cap - 1;
    for (size_t i = 0; i < k; i++) out[i] = (char)toupper((unsigned char)s[i]);
    out[k] = '\0';
    return k;
}

char *ent_read_stream(FILE *f, size_t max, size_t *len_out) {
    ent_buf b = {0};
    char chunk[65536];
    size_t n;
    errno = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n > max - b.len) {
            ent_buf_free(&b);
            errno = ENT_ETOOLONG;
            return NULL;
        }
        if (ent_buf_append(&b, chunk, n) < 0) {
            ent_buf_free(&b);
            errno = ENOMEM;
            return NULL;
        }
    }
    if (ferror(f)) {
        int e = errno;   /* read(2)'s reason: EISDIR, EIO, ... */
        ent_buf_free(&b);
        errno = e ? e : EIO;
        return NULL;
    }
    if (!b.data && ent_buf_reserve(&b, 0) < 0) return NULL;
    b.data[b.len] = '\0';
    if (len_out) *len_out = b.len;
    return b.data;
}

const char *ent_strerror(int e) {
    if (e == ENT_ENOTFILE) return "not a regular file (a device or a socket)";
    if (e == ENT_ETOOLONG) return "longer than 1 GiB, the most read whole from a pipe";
    return strerror(e);
}

int ent_input_fd_ok(int fd) {
    struct stat st;
    if (fstat(fd, &st) < 0) return -1;
    if (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)) return 0;
    errno = S_ISDIR(st.st_mode) ? EISDIR : ENT_ENOTFILE;
    return -1;
}

char *ent_read_file(const char *path, size_t *len_out) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    if (ent_input_fd_ok(fileno(f)) < 0) {
        int e = errno;
        fclose(f);
        errno = e;
        return NULL;
    }
    struct stat st;
    size_t max = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) ? SIZE_MAX : ENT_STREAM_MAX;
    char *data = ent_read_stream(f, max, len_out);
    int saved = errno;
    fclose(f);
    errno = saved;
    return data;
}

int ent_utf8_width(const char *s) {
    int w = 0;
    for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

double ent_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long ent_peak_rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) {
            kb = strtol(line + 6, NULL, 10);
            break;
        }
    fclose(f);
    return kb;
}

static int date_digits(const char *s, int k, int *v) {
    int x = 0;
    for (int i = 0; i < k; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

int32_t ent_parse_date(const char *s, size_t n) {
    if (!s) return -1;
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    int y, m, d;
    size_t used;
    if (n >= 10 && date_digits(s, 4, &y) && s[4] == '-' && date_digits(s + 5, 2, &m) &&
        s[7] == '-' && date_digits(s + 8, 2, &d))
        used = 10;
    else if (n >= 8 && date_digits(s, 4, &y) && date_digits(s + 4, 2, &m) &&
             date_digits(s + 6, 2, &d))
        used = 8;
    else
        return -1;
    /* a time may follow, after 'T' or a space, starting with a digit */
    if (used < n && !((s[used] == 'T' || s[used] == ' ') && used + 1 < n && s[used + 1] >= '0' &&
                      s[used + 1] <= '9'))
        return -1;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > ent_month_days(y, m)) return -1;
    return y * 10000 + m * 100 + d;
}

int ent_month_days(int y, int m) {
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) return 29;
    return mdays[m - 1];
}

int32_t ent_date_to_day(int32_t date) {
    if (date <= 0) return 0;
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    /* days from civil: March-based years make leap days fall last */
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t ent_day_to_date(int32_t day) {
    /* civil from days, the inverse of the above */
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    return y * 10000 + m * 100 + d;
}
