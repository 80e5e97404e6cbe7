/* test_table.c -- the one table writer (table.h): each format from the
 * same rows, and a write that fails stops the table with its errno. */
#include <errno.h>

#include "testutil.h"

#include "table.h"

static const char *const cols[3] = {"name", "#count", "note"};

/* The rows every format writes: a wide name, a note with a comma, a
 * quote, a tab and a line break, and an empty number. */
static void fill(ent_table *t) {
    const char *r1[3] = {"Russia", "12", "said, \"no\""};
    const char *r2[3] = {"Côte d'Ivoire", "7", "two\tparts\nlines"};
    const char *r3[3] = {"IGO", "", NULL};
    assert_int_equal(ent_table_row(t, r1, NULL), 0);
    assert_int_equal(ent_table_row(t, r2, ", \"extra\": [1]"), 0);
    assert_int_equal(ent_table_row(t, r3, NULL), 0);
}

static char *write_all(int format) {
    FILE *f = tmpfile();
    assert_non_null(f);
    ent_table t;
    assert_int_equal(ent_table_open(&t, f, format, 3, cols), 0);
    fill(&t);
    assert_int_equal(ent_table_end(&t), 0);
    assert_int_equal(t.lost, 0);
    ent_table_free(&t);
    char *text = tu_capture(f);
    fclose(f);
    return text;
}

/* Aligned by characters, not bytes (ô is two); numbers to the right; a
 * cell's tab and line break become spaces so each row is one line. */
static void test_table_columns_align_by_characters(void **state) {
    (void)state;
    char *got = write_all(ENT_TABLE_COLUMNS);
    assert_string_equal(got, "name           count  note\n"
                             "Russia            12  said, \"no\"\n"
                             "Côte d'Ivoire      7  two parts lines\n"
                             "IGO                   \n");
    free(got);
}

static void test_table_csv_quotes_and_tsv_keeps_lines(void **state) {
    (void)state;
    char *csv = write_all(ENT_TABLE_CSV);
    assert_string_equal(csv, "name,count,note\n"
                             "Russia,12,\"said, \"\"no\"\"\"\n"
                             "Côte d'Ivoire,7,\"two\tparts\nlines\"\n"
                             "IGO,,\n");
    free(csv);
    char *tsv = write_all(ENT_TABLE_TSV);
    assert_string_equal(tsv, "name\tcount\tnote\n"
                             "Russia\t12\tsaid, \"no\"\n"
                             "Côte d'Ivoire\t7\ttwo parts lines\n"
                             "IGO\t\t\n");
    free(tsv);
}

/* Numbers bare, an empty number null, strings escaped, the row's extra
 * members after its cells. */
static void test_table_jsonl_types_and_extra_members(void **state) {
    (void)state;
    char *got = write_all(ENT_TABLE_JSONL);
    assert_string_equal(got, "{\"name\": \"Russia\", \"count\": 12, \"note\": \"said, \\\"no\\\"\"}\n"
                             "{\"name\": \"Côte d'Ivoire\", \"count\": 7, \"note\": \"two\\tparts\\nlines\", \"extra\": [1]}\n"
                             "{\"name\": \"IGO\", \"count\": null, \"note\": \"\"}\n");
    free(got);
}

/* A stream whose writes fail (as a full disk's) after `room` bytes. */
typedef struct full {
    size_t room, taken;
} full;

static ssize_t full_write(void *c, const char *buf, size_t size) {
    full *f = c;
    (void)buf;
    if (f->taken + size > f->room) {
        errno = ENOSPC;
        return -1;
    }
    f->taken += size;
    return (ssize_t)size;
}

/* The first failed write stops the table: its errno is kept, later rows
 * are refused, and the end says it failed. */
static void test_table_a_failed_write_stops_it(void **state) {
    (void)state;
    full room = {40, 0};
    cookie_io_functions_t io = {.write = full_write};
    FILE *f = fopencookie(&room, "w", io);
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0);   /* each write reaches the device */
    ent_table t;
    assert_int_equal(ent_table_open(&t, f, ENT_TABLE_CSV, 3, cols), 0);
    const char *row[3] = {"Russia", "12", "a note long enough to pass the room left"};
    assert_int_equal(ent_table_row(&t, row, NULL), -1);
    assert_int_equal(t.lost, ENOSPC);
    assert_int_equal(ent_table_row(&t, row, NULL), -1);
    assert_int_equal(ent_table_printf(&t, "more\n"), -1);
    assert_int_equal(ent_table_end(&t), -1);
    /* the header went out before the failure */
    assert_true(room.taken >= strlen("name,count,note\n") && room.taken <= room.room);
    ent_table_free(&t);
    fclose(f);
}

/* Rows kept for columns can be laid out by the caller; a cell outside
 * the table is "", never NULL. */
static void test_table_kept_rows_read_back(void **state) {
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    ent_table t;
    assert_int_equal(ent_table_open(&t, f, ENT_TABLE_COLUMNS, 3, cols), 0);
    fill(&t);
    assert_int_equal(ent_table_rows(&t), 3);
    assert_string_equal(ent_table_cell(&t, 1, 0), "Côte d'Ivoire");
    assert_string_equal(ent_table_cell(&t, 2, 2), "");
    assert_string_equal(ent_table_cell(&t, 3, 0), "");
    assert_string_equal(ent_table_cell(&t, 0, 3), "");
    ent_table_free(&t);
    fclose(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_columns_align_by_characters),
        cmocka_unit_test(test_table_csv_quotes_and_tsv_keeps_lines),
        cmocka_unit_test(test_table_jsonl_types_and_extra_members),
        cmocka_unit_test(test_table_a_failed_write_stops_it),
        cmocka_unit_test(test_table_kept_rows_read_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
