package org.uffdvisualizer.render;

/**
 * The tooltip of a cell as HTML for a Swing tooltip: what the cell shows, its owners, NMT
 * categories and first fault ({@link CellDescription}); for a cell of several pages
 * ({@link PageGrid#framesPerCell()} above 1) its range and counts ({@link CellRange}) first.
 * Text only, so that it can be checked without a window.
 */
public final class CellTooltip {

    private CellTooltip() {
    }

    /** The tooltip for {@code frame} (a frame the cell shows, see {@link PageGrid#shownFrameOf}). */
    public static String html(PageGrid grid, long frame) {
        CellDescription d = CellDescription.of(grid, frame);
        StringBuilder b = new StringBuilder("<html>");
        if (grid.framesPerCell() > 1) {
            // A cell of several pages: its range first, then the page whose class it shows.
            CellRange range = CellRange.of(grid, grid.cellOf(frame));
            b.append("<b>").append(esc(range.headline())).append("</b><br>").append(esc(range.counts()))
                    .append("<br>shown as: ").append(esc(d.state())).append(" (its most notable page, below)<br><b>")
                    .append(esc(d.headline())).append("</b>");
        } else {
            b.append("<b>").append(esc(d.headline())).append("</b><br>shown as: ").append(esc(d.state()));
        }
        for (String o : d.owners()) {
            b.append("<br>").append(esc(o));
        }
        if (d.owners().isEmpty() && grid.classOf((int) frame) != PageClass.HOLE) {
            b.append("<br>no owner in the dump");
        }
        for (String n : d.nmt()) {
            b.append("<br>").append(esc(n));
        }
        if (!d.fault().isEmpty()) {
            b.append("<br>").append(esc(d.fault()));
        }
        return b.append("</html>").toString();
    }

    /** Escapes the HTML specials; a line break inside a value becomes an indented new line. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "")
                .replace("\n", "<br>&nbsp;&nbsp;&nbsp;&nbsp;");
    }
}
