/* plot.c -- the dyad chart and the blocs network, drawn with PLplot.
 *
 * Design.  PLplot does the drawing, fonts and file formats (pngcairo for
 * PNG, its own svg driver for SVG); this file only decides geometry and
 * colours.  Each plot opens a fresh PLplot stream and ends it before
 * returning, so no PLplot state outlives a call.  PLplot stops the
 * process when asked for a device it lacks, so the device list is checked
 * first.  PLplot and cairo do not report a failed write (a full disk
 * leaves a cut-off PNG behind a success), so the chart is drawn into a
 * temporary file beside the target, which is made first (an unwritable
 * place is then a message, not PLplot's exit); the file is kept, by a
 * rename over the target, only when it ends as a whole PNG or SVG does.
 * The target is never left half-written.  The network's layout comes from
 * igraph's Kamada-Kawai started from a circle: deterministic, so the same
 * store draws the same picture.
 */
#include "plot.h"

#include <errno.h>
#include <igraph.h>
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The device for a file name, by extension; NULL when unsupported. */
static const char *device_for(const char *file) {
    const char *dot = strrchr(file, '.');
    if (!dot) return NULL;
    if (!strcasecmp(dot, ".png")) return "pngcairo";
    if (!strcasecmp(dot, ".svg")) return "svgcairo";
    return NULL;
}

static int device_ok(const char *dev) {
    /* the caller owns the arrays; n says their size going in, the count
     * coming out */
    const char *menu[128], *names[128];
    const char **pm = menu, **pn = names;
    int n = 128;
    plgFileDevs(&pm, &pn, &n);
    for (int i = 0; i < n && i < 128; i++)
        if (names[i] && !strcmp(names[i], dev)) return 1;
    return 0;
}

/* Start a stream drawing into a new temporary file beside `file`, its name
 * in tmp[cap]: 0, or -1 with a message. */
static int begin(const char *file, char *tmp, size_t tcap, int w, int h, char *err, size_t cap) {
    const char *dev = device_for(file);
    if (!dev) {
        snprintf(err, cap, "%s: plot files end in .png or .svg", file);
        return -1;
    }
    if (!device_ok(dev)) {
        snprintf(err, cap, "%s: PLplot has no %s device here (Debian: plplot-driver-cairo)", file,
                 dev);
        return -1;
    }
    /* the extension stays last: PLplot and viewers go by it */
    const char *ext = strrchr(file, '.');
    if ((size_t)snprintf(tmp, tcap, "%.*s.XXXXXX%s", (int)(ext - file), file, ext) >= tcap) {
        snprintf(err, cap, "%s: file name too long", file);
        return -1;
    }
    int fd = mkstemps(tmp, (int)strlen(ext));
    if (fd < 0) {
        snprintf(err, cap, "%s: cannot write: %s", file, strerror(errno));
        return -1;
    }
    /* mkstemps makes it private; the chart gets the mode a new file would
     * (umask has no read-only form, so it is set back at once) */
    mode_t um = umask(022);
    umask(um);
    int e = fchmod(fd, 0666 & ~um) == 0 ? 0 : errno;
    close(fd);
    if (e) {
        snprintf(err, cap, "%s: cannot write: %s", file, strerror(e));
        unlink(tmp);
        return -1;
    }
    PLINT strm;
    plmkstrm(&strm);
    plsdev(dev);
    plsfnam(tmp);
    plspage(0, 0, w, h, 0, 0);
    plscolbg(255, 255, 255);
    plscmap0n(32);   /* room for the palette below (16 by default) */
    plinit();
    plfontld(1);
    return 0;
}

/* Whether the file at `path` ends as a whole PNG (its IEND chunk) or SVG
 * (its closing tag) does: what a write cut short by a full disk lacks. */
static int complete_file(const char *path) {
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    unsigned char tail[32];
    size_t n = 0;
    if (fseek(f, -(long)sizeof tail, SEEK_END) == 0) n = fread(tail, 1, sizeof tail, f);
    fclose(f);
    if (n != sizeof tail) return 0;
    if (!memcmp(tail + sizeof tail - sizeof iend, iend, sizeof iend)) return 1;
    size_t k = n;
    while (k > 0 && (tail[k - 1] == '\n' || tail[k - 1] == '\r' || tail[k - 1] == ' ')) k--;
    return k >= 6 && !memcmp(tail + k - 6, "</svg>", 6);
}

/* End the stream; keep the drawing as `file` only when all of it reached
 * the disk.  0, or -1 with a message (the temporary file removed). */
static int end(const char *file, const char *tmp, char *err, size_t cap) {
    plend1();
    if (!complete_file(tmp)) {
        snprintf(err, cap, "%s: the chart could not be written in full (disk full or file size "
                           "limit?); nothing written", file);
        unlink(tmp);
        return -1;
    }
    if (rename(tmp, file) < 0) {
        snprintf(err, cap, "%s: cannot write: %s", file, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* cmap0 entries used below; 0 stays the background. */
enum { C_BG = 0, C_FG = 1, C_GRID = 2, C_AB_COOP, C_AB_CONF, C_BA_COOP, C_BA_CONF, C_GREEN, C_RED,
       C_LONE, C_BLOC0 };

static const int bloc_rgb[10][3] = {
    {31, 119, 180}, {255, 127, 14}, {148, 103, 189}, {23, 190, 207}, {140, 86, 75},
    {227, 119, 194}, {188, 189, 34}, {127, 127, 127}, {44, 160, 44}, {214, 39, 40},
};

static void palette(void) {
    plscol0(C_FG, 0, 0, 0);
    plscol0(C_GRID, 200, 200, 200);
    plscol0(C_AB_COOP, 27, 120, 55);
    plscol0(C_AB_CONF, 178, 24, 43);
    plscol0(C_BA_COOP, 127, 191, 123);
    plscol0(C_BA_CONF, 244, 165, 130);
    plscol0(C_GREEN, 40, 150, 60);
    plscol0(C_RED, 200, 40, 40);
    plscol0(C_LONE, 170, 170, 170);
    for (int i = 0; i < 10; i++) plscol0(C_BLOC0 + i, bloc_rgb[i][0], bloc_rgb[i][1], bloc_rgb[i][2]);
}

/* ---- Dyad --------------------------------------------------------------------- */

/* The x axis is time: days since 1970, each period's bars spanning its
 * own days, so a month is as wide as its days and a stretch without
 * events shows as the gap it is.  A tick is labelled with the period it
 * falls in, at the series' own grain. */
typedef struct xlabels {
    int by;
} xlabels;

static void period_label(PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data) {
    const xlabels *x = data;
    if (axis != PL_X_AXIS) {
        double v = fabs(value);   /* conflict is below 0 */
        snprintf(label, (size_t)length, v >= 1 || v == 0 ? "%.0f" : "%.3g", v);   /* shares < 1 */
        return;
    }
    int32_t date = ent_store_date((int32_t)floor(value + 1e-6));
    int y = (int)(date / 10000), m = (int)(date / 100 % 100), d = (int)(date % 100);
    switch (x->by) {
    case ENT_PERIOD_DAY:
    case ENT_PERIOD_WEEK: snprintf(label, (size_t)length, "%04d-%02d-%02d", y, m, d); break;
    case ENT_PERIOD_MONTH: snprintf(label, (size_t)length, "%04d-%02d", y, m); break;
    case ENT_PERIOD_QUARTER: snprintf(label, (size_t)length, "%04dQ%d", y, (m + 2) / 3); break;
    default: snprintf(label, (size_t)length, "%04d", y); break;
    }
}

static void bar(double x0, double x1, double y, int colour) {
    if (y == 0) return;
    PLFLT xs[4] = {x0, x1, x1, x0}, ys[4] = {0, 0, y, y};
    plcol0(colour);
    plfill(4, xs, ys);
}

/* A cell's value: its count, or its share of the period's events when
 * the series has them (--normalize). */
static double plot_value(const ent_dyad_row *r, long count) {
    if (r->all < 0) return (double)count;
    return r->all > 0 ? (double)count / (double)r->all : 0.0;
}

/* The first day after row i's period: the next row's first day, and
 * for the last row, the day its period's grain reaches. */
static double period_end(const ent_dyad_series *d, int i) {
    if (i + 1 < d->n) return d->rows[i + 1].first_day;
    int32_t first = d->rows[i].first_day, date = ent_store_date(first);
    int y = (int)(date / 10000), m = (int)(date / 100 % 100);
    switch (d->by) {
    case ENT_PERIOD_DAY: return first + 1;
    case ENT_PERIOD_WEEK: return first + 7;
    case ENT_PERIOD_MONTH: m += 1; break;
    case ENT_PERIOD_QUARTER: m += 3; break;
    default: y += 1; break;
    }
    if (m > 12) m -= 12, y += 1;
    return ent_store_day(y * 10000 + m * 100 + 1);
}

int ent_plot_dyad(const char *file, const ent_dyad_series *d, char *err, size_t errcap) {
    static const char *const by[5] = {"day", "week", "month", "quarter", "year"};
    int n = d->n;
    int shares = n > 0 && d->rows[0].all >= 0;
    double top = 0, bottom = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 2; k++) {
            const ent_dyad_cell *c = &d->rows[i].dir[k];
            double coop = plot_value(&d->rows[i], c->coop);
            double conf = plot_value(&d->rows[i], c->conflict);
            if (coop > top) top = coop;
            if (conf > bottom) bottom = conf;
        }
    if (top == 0 && bottom == 0) top = bottom = 1;
    top *= 1.25;   /* room for the legend */
    bottom *= 1.1;
    double x0 = n > 0 ? d->rows[0].first_day : 0, x1 = n > 0 ? period_end(d, n - 1) : 1;
    if (x1 <= x0) x1 = x0 + 1;
    char tmp[4096];
    if (begin(file, tmp, sizeof tmp, 1200, 700, err, errcap)) return -1;
    palette();
    pladv(0);
    plvpor(0.10, 0.97, 0.14, 0.9); /* room for the y-axis label */
    plwind(x0, x1, -bottom, top);
    plcol0(C_FG);
    xlabels xl = {d->by};
    plslabelfunc(period_label, &xl);
    plschr(0, 0.8);
    plbox("bcnsto", 0, 0, "bcnstvo", 0, 0);   /* PLplot spaces the ticks over the days */
    plslabelfunc(NULL, NULL);
    plcol0(C_GRID);
    pljoin(x0, 0, x1, 0);
    for (int i = 0; i < n; i++) {
        const ent_dyad_row *r = &d->rows[i];
        const ent_dyad_cell *ab = &r->dir[0], *ba = &r->dir[1];
        double a = r->first_day, w = period_end(d, i) - a;
        double mid = a + w / 2, gap = w * 0.02;
        bar(a + w * 0.1, mid - gap, plot_value(r, ab->coop), C_AB_COOP);
        bar(a + w * 0.1, mid - gap, -plot_value(r, ab->conflict), C_AB_CONF);
        bar(mid + gap, a + w * 0.9, plot_value(r, ba->coop), C_BA_COOP);
        bar(mid + gap, a + w * 0.9, -plot_value(r, ba->conflict), C_BA_CONF);
    }
    plcol0(C_FG);
    plschr(0, 1.0);
    char title[240], xlab[32];
    snprintf(title, sizeof title,
             "%s - %s: cooperation (up) and conflict (down) by %s, neutral events left out",
             d->a, d->b, by[d->by >= 0 && d->by < 5 ? d->by : 0]);
    snprintf(xlab, sizeof xlab, "time (%s)", by[d->by >= 0 && d->by < 5 ? d->by : 0]);
    pllab(xlab, shares ? "share of all events (conflict below the axis)"
                       : "events (conflict below the axis)",
          title);
    char t[4][160];
    snprintf(t[0], sizeof t[0], "%s->%s cooperation", d->a, d->b);
    snprintf(t[1], sizeof t[1], "%s->%s conflict", d->a, d->b);
    snprintf(t[2], sizeof t[2], "%s->%s cooperation", d->b, d->a);
    snprintf(t[3], sizeof t[3], "%s->%s conflict", d->b, d->a);
    const char *text[4] = {t[0], t[1], t[2], t[3]};
    PLINT opts[4] = {PL_LEGEND_COLOR_BOX, PL_LEGEND_COLOR_BOX, PL_LEGEND_COLOR_BOX,
                     PL_LEGEND_COLOR_BOX};
    PLINT tcol[4] = {C_FG, C_FG, C_FG, C_FG};
    PLINT bcol[4] = {C_AB_COOP, C_AB_CONF, C_BA_COOP, C_BA_CONF};
    PLINT pat[4] = {0, 0, 0, 0};
    PLFLT scale[4] = {0.8, 0.8, 0.8, 0.8}, lw[4] = {1, 1, 1, 1};
    PLFLT lwid, lhei;
    plschr(0, 0.8);
    pllegend(&lwid, &lhei, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
             PL_POSITION_INSIDE | PL_POSITION_TOP | PL_POSITION_RIGHT, 0.01, 0.01, 0.05, C_BG,
             C_FG, 1, 2, 2, 4, opts, 1.0, 1.0, 2.0, 0.0, tcol, text, bcol, pat, scale, lw, NULL,
             NULL, NULL, NULL, NULL, NULL, NULL);
    return end(file, tmp, err, errcap);
}

/* ---- Blocs -------------------------------------------------------------------- */

int ent_plot_blocs(const char *file, const ent_blocs *b, char *err, size_t errcap) {
    int nv = b->g.n_actors;
    int *node = malloc((size_t)(nv + 1) * sizeof *node);   /* actor -> vertex, -1 none */
    int *actor = malloc((size_t)(nv + 1) * sizeof *actor); /* vertex -> actor */
    if (!node || !actor) {
        free(node);
        free(actor);
        snprintf(err, errcap, "%s: out of memory", file);
        return -1;
    }
    int n = 0;
    for (int i = 0; i < nv; i++) {
        node[i] = b->bloc[i] >= 0 ? n : -1;
        if (b->bloc[i] >= 0) actor[n++] = i;
    }
    igraph_vector_int_t edges;
    igraph_matrix_t xy;
    igraph_t g;
    int rc = -1, have_g = 0;
    igraph_vector_int_init(&edges, 0);
    igraph_matrix_init(&xy, 0, 0);
    for (int i = 0; i < b->n_ties; i++)
        if (igraph_vector_int_push_back(&edges, node[b->ties[i].a]) ||
            igraph_vector_int_push_back(&edges, node[b->ties[i].b])) {
            snprintf(err, errcap, "%s: out of memory", file);
            goto done;
        }
    if (igraph_create(&g, &edges, n, IGRAPH_UNDIRECTED)) {
        snprintf(err, errcap, "%s: igraph_create failed", file);
        goto done;
    }
    have_g = 1;
    if (n > 0 && igraph_layout_kamada_kawai(&g, &xy, 0, 50 * n, 0, n, NULL, NULL, NULL, NULL,
                                            NULL)) {
        snprintf(err, errcap, "%s: igraph_layout_kamada_kawai failed", file);
        goto done;
    }
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    for (int v = 0; v < n; v++) {
        double x = MATRIX(xy, v, 0), y = MATRIX(xy, v, 1);
        if (v == 0 || x < x0) x0 = x;
        if (v == 0 || x > x1) x1 = x;
        if (v == 0 || y < y0) y0 = y;
        if (v == 0 || y > y1) y1 = y;
    }
    /* a square window on a square viewport keeps circles round */
    double span = (x1 - x0) > (y1 - y0) ? (x1 - x0) : (y1 - y0);
    double pad = 0.08 * span + 0.5, cx0 = (x0 + x1) / 2, cy0 = (y0 + y1) / 2;
    double half = span / 2 + pad;
    double wmax = 1;
    for (int i = 0; i < b->n_ties; i++)
        if (fabs(b->ties[i].w) > wmax) wmax = fabs(b->ties[i].w);
    char tmp[4096];
    if (begin(file, tmp, sizeof tmp, 1000, 1000, err, errcap)) goto done;
    palette();
    pladv(0);
    plvpor(0.02, 0.98, 0.02, 0.94);
    plwind(cx0 - half, cx0 + half, cy0 - half, cy0 + half);
    /* weak ties first, so strong ones are drawn on top */
    for (int i = b->n_ties - 1; i >= 0; i--) {
        const ent_tie *t = &b->ties[i];
        int va = node[t->a], vb = node[t->b];
        PLFLT xs[2] = {MATRIX(xy, va, 0), MATRIX(xy, vb, 0)};
        PLFLT ys[2] = {MATRIX(xy, va, 1), MATRIX(xy, vb, 1)};
        plcol0(t->w >= 0 ? C_GREEN : C_RED);
        plwidth(0.5 + 4.0 * fabs(t->w) / wmax);
        plline(2, xs, ys);
    }
    plwidth(1);
    double r = half * 0.018;
    int n_real = 0;   /* blocs of two or more come first (numbered by size) */
    {
        int *size = calloc((size_t)b->n_blocs + 1, sizeof *size);
        if (!size) {
            plend1();
            snprintf(err, errcap, "%s: out of memory", file);
            goto done;
        }
        for (int i = 0; i < nv; i++)
            if (b->bloc[i] >= 0) size[b->bloc[i]]++;
        while (n_real < b->n_blocs && size[n_real] > 1) n_real++;
        free(size);
    }
    for (int v = 0; v < n; v++) {
        PLFLT cx[24], cy[24];
        for (int k = 0; k < 24; k++) {
            cx[k] = MATRIX(xy, v, 0) + r * cos(k * 2 * M_PI / 24);
            cy[k] = MATRIX(xy, v, 1) + r * sin(k * 2 * M_PI / 24);
        }
        /* actors without a positive tie are blocs of one: grey */
        int bl = b->bloc[actor[v]];
        plcol0(bl < n_real ? C_BLOC0 + bl % 10 : C_LONE);
        plfill(24, cx, cy);
        plcol0(C_FG);
        plschr(0, 0.7);
        plptex(MATRIX(xy, v, 0), MATRIX(xy, v, 1) + 1.6 * r, 1, 0, 0.5, b->g.actors[actor[v]]);
    }
    plschr(0, 1.0);
    char title[160];
    snprintf(title, sizeof title, "blocs: %d communities of %d actors", n_real, n);
    plcol0(C_FG);
    plmtex("t", 1.5, 0.5, 0.5, title);
    /* legend: the first ten blocs, then the two tie colours */
    int nb = n_real < 10 ? n_real : 10;
    char names[13][32];
    const char *text[13];
    PLINT opts[13], tcol[13], bcol[13], pat[13], lcol[13], lsty[13];
    PLFLT bscale[13], bw[13], lw[13];
    int m = 0;
    for (int k = 0; k < nb; k++, m++) {
        snprintf(names[m], sizeof names[m], "bloc %d", k + 1);
        opts[m] = PL_LEGEND_COLOR_BOX;
        bcol[m] = C_BLOC0 + k;
    }
    if (n_real < b->n_blocs) {
        snprintf(names[m], sizeof names[m], "no positive tie");
        opts[m] = PL_LEGEND_COLOR_BOX;
        bcol[m++] = C_LONE;
    }
    snprintf(names[m], sizeof names[m], "cooperation");
    opts[m] = PL_LEGEND_LINE;
    lcol[m++] = C_GREEN;
    snprintf(names[m], sizeof names[m], "conflict");
    opts[m] = PL_LEGEND_LINE;
    lcol[m++] = C_RED;
    for (int k = 0; k < m; k++) {
        text[k] = names[k];
        tcol[k] = C_FG;
        pat[k] = 0;
        bscale[k] = 0.8;
        bw[k] = 1;
        lsty[k] = 1;
        lw[k] = 3;
        if (opts[k] == PL_LEGEND_COLOR_BOX) lcol[k] = C_FG;
        else bcol[k] = C_BG;
    }
    PLFLT lwid, lhei;
    plschr(0, 0.8);
    pllegend(&lwid, &lhei, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
             PL_POSITION_INSIDE | PL_POSITION_RIGHT | PL_POSITION_BOTTOM, 0.01, 0.01, 0.05, C_BG,
             C_FG, 1, m, 1, m, opts, 1.0, 0.6, 2.0, 0.0, tcol, text, bcol, pat, bscale, bw, lcol,
             lsty, lw, NULL, NULL, NULL, NULL);
    rc = end(file, tmp, err, errcap);
done:
    if (have_g) igraph_destroy(&g);
    igraph_matrix_destroy(&xy);
    igraph_vector_int_destroy(&edges);
    free(node);
    free(actor);
    return rc;
}
