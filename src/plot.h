/* plot.h -- charts of the analysis results, drawn with PLplot into PNG
 * (pngcairo) or SVG files, the format chosen by the file's extension.
 *
 * PLplot keeps its streams in library state, so a plot is drawn on a
 * stream of its own (plmkstrm ... plend1) from one thread at a time.
 */
#ifndef ENT_PLOT_H
#define ENT_PLOT_H

#include <stddef.h>

#include "analysis.h"

/* Prototypes */
/* Cooperation (quad 1+2) above the axis, conflict (quad 3+4) below, per
 * period, A->B and B->A as bars side by side.  0, or -1 with a message. */
int ent_plot_dyad(const char *file, const ent_dyad_series *d, char *err, size_t errcap);
/* The kept ties of b: nodes coloured by bloc and placed by igraph's
 * Kamada-Kawai layout, edges green (cooperation) or red (conflict). */
int ent_plot_blocs(const char *file, const ent_blocs *b, char *err, size_t errcap);

#endif
