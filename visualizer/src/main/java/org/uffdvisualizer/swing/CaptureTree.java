package org.uffdvisualizer.swing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.tree.DefaultMutableTreeNode;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.render.Selection;

/**
 * The tree the window shows beside the grid: processes (kernel and page cache included) with
 * their mappings, and for JVMs with NMT the categories, their reserved regions and those
 * regions' committed parts. Each node carries its sizes and knows which pages it selects.
 * Building it touches no Swing component, so it is tested headless.
 */
public final class CaptureTree {

    /** What a node is. */
    public enum Kind { ROOT, PROCESS, MAPPING, NMT, NMT_CATEGORY, NMT_RESERVED, NMT_COMMITTED }

    /**
     * One node.
     *
     * @param kind    what it is
     * @param label   its name ("20296 java", "[heap]", "Java Heap")
     * @param sizes   its sizes in one line ("RSS 201,568 KB · PSS ... · uffd ...")
     * @param tooltip longer description
     * @param section the mem_mapping section, or -1
     * @param index   mapping index (MAPPING), category (NMT_CATEGORY), reserved (NMT_RESERVED) or committed
     *                (NMT_COMMITTED) region, else -1
     * @param usage   the JVM's NMT, for NMT kinds
     */
    public record Node(Kind kind, String label, String sizes, String tooltip, int section, int index,
            NmtUsage usage) {

        /** The pages this node highlights. */
        public Selection select(Capture capture) {
            return switch (kind) {
                case PROCESS -> Selection.ofSection(capture, section);
                case MAPPING -> Selection.ofMapping(capture, index);
                case NMT_CATEGORY -> Selection.ofNmtCategory(capture, usage, index);
                case NMT_RESERVED -> Selection.ofNmtReserved(capture, usage, index);
                case NMT_COMMITTED -> Selection.ofNmtCommitted(capture, usage, index);
                default -> Selection.none();
            };
        }

        boolean matches(String filter) {
            return label.toLowerCase(Locale.ROOT).contains(filter);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private CaptureTree() {
    }

    /** The whole tree. */
    public static DefaultMutableTreeNode build(Capture capture) {
        PageMappings m = capture.mappings();
        DefaultMutableTreeNode root = new DefaultMutableTreeNode(new Node(Kind.ROOT, "capture", "", "", -1, -1, null));
        for (int s = 0; s < m.sectionCount(); s++) {
            Capture.SectionTotals t = capture.sectionTotals(s);
            long virtual = 0;
            for (int k = m.sectionFirstMapping(s); k < m.sectionFirstMapping(s) + m.sectionMappingCount(s); k++) {
                virtual += m.mappingEnd(k) - m.mappingStart(k);
            }
            SectionKind kind = m.sectionKind(s);
            String name = kind == SectionKind.PROCESS ? t.pid() + " " + shortName(t.name()) : "[" + t.name() + "]";
            long pss = kind == SectionKind.PROCESS ? (long) (t.pssPages() * 4) : -1;
            String sizes = compact(pagesKb(t.residentPages()), pss, pagesKb(t.uffdLoadedPages() + t.uffdZeroedPages()));
            String tip = (kind == SectionKind.PROCESS ? "pid " + t.pid() + " " + t.name() : t.name()) + ": " + t.mappings()
                    + " mappings, " + sizes(kind == SectionKind.PROCESS ? virtual : -1, pagesKb(t.residentPages()), pss,
                    pagesKb(t.uffdLoadedPages()), pagesKb(t.uffdZeroedPages()));
            DefaultMutableTreeNode p = new DefaultMutableTreeNode(new Node(Kind.PROCESS, name, sizes, tip, s, -1, null));
            root.add(p);
            for (NmtUsage u : capture.nmt()) {
                if (u.section() == s) {
                    p.add(nmt(u));
                }
            }
            for (int k = m.sectionFirstMapping(s); k < m.sectionFirstMapping(s) + m.sectionMappingCount(s); k++) {
                p.add(new DefaultMutableTreeNode(mapping(capture, s, k, kind)));
            }
        }
        return root;
    }

    private static Node mapping(Capture capture, int s, int k, SectionKind kind) {
        PageMappings m = capture.mappings();
        String name = m.mappingName(k).isEmpty() ? "[anonymous]" : m.mappingName(k);
        String label = NodeText.hex12(m.mappingStart(k)) + " " + (kind == SectionKind.PROCESS ? shortName(name) : name);
        long pss = kind == SectionKind.PROCESS ? (long) (m.mappingPss(k) * 4) : -1;
        String sizes = compact(pagesKb(m.mappingEntryCount(k)), -1,
                pagesKb(capture.mappingLoadedPages(k) + capture.mappingZeroedPages(k)));
        String tip = range(m.mappingStart(k), m.mappingEnd(k)) + name + ": "
                + sizes(m.mappingEnd(k) - m.mappingStart(k), pagesKb(m.mappingEntryCount(k)), pss,
                        pagesKb(capture.mappingLoadedPages(k)), pagesKb(capture.mappingZeroedPages(k)));
        return new Node(Kind.MAPPING, label, sizes, tip, s, k, null);
    }

    private static DefaultMutableTreeNode nmt(NmtUsage u) {
        NmtMap map = u.map();
        DefaultMutableTreeNode top = new DefaultMutableTreeNode(new Node(Kind.NMT, "NMT (" + map.source().getFileName()
                + ")", map.reservedCount() + " reserved regions", "Native Memory Tracking of pid " + map.pid() + " from "
                + map.source(), u.section(), -1, u));
        for (int c = 0; c < map.categoryCount(); c++) {
            NmtUsage.CategoryTotals t = u.categoryTotals(c);
            String full = "reserved " + kb(t.reservedBytes()) + " · committed " + kb(t.committedBytes()) + " · resident "
                    + kb(t.residentBytes()) + " · uffd " + kb(t.uffdBytes());
            String sizes = "committed " + human(t.committedBytes() / 1024) + " · " + compact(t.residentBytes() / 1024, -1,
                    t.uffdBytes() / 1024);
            DefaultMutableTreeNode cat = new DefaultMutableTreeNode(new Node(Kind.NMT_CATEGORY, t.name(), sizes,
                    t.name() + " of pid " + map.pid() + ": " + full, u.section(), c, u));
            top.add(cat);
            for (int r = 0; r < map.reservedCount(); r++) {
                if (map.reservedCategory(r) != c) {
                    continue;
                }
                String rs = "reserved " + kb(map.reservedEnd(r) - map.reservedStart(r)) + " · committed " + kb(map.committedBytes(r))
                        + " · resident " + kb(u.reservedResidentBytes(r)) + " · uffd " + kb(u.reservedUffdBytes(r));
                String label = NodeText.hex12(map.reservedStart(r)) + " reserved"
                        + (map.isReservedAndCommitted(r) ? " and committed" : "");
                String rc = "committed " + human(map.committedBytes(r) / 1024) + " · " + compact(
                        u.reservedResidentBytes(r) / 1024, -1, u.reservedUffdBytes(r) / 1024);
                DefaultMutableTreeNode res = new DefaultMutableTreeNode(new Node(Kind.NMT_RESERVED, label, rc,
                        range(map.reservedStart(r), map.reservedEnd(r)) + t.name() + ": " + rs,
                        u.section(), r, u));
                cat.add(res);
                for (int k = map.firstCommitted(r); k < map.firstCommitted(r) + map.committedCountOf(r); k++) {
                    String cs = "committed " + kb(map.committedEnd(k) - map.committedStart(k)) + " · resident "
                            + kb(u.committedResidentBytes(k)) + " · uffd " + kb(u.committedUffdBytes(k));
                    String cc = compact(u.committedResidentBytes(k) / 1024, -1, u.committedUffdBytes(k) / 1024);
                    res.add(new DefaultMutableTreeNode(new Node(Kind.NMT_COMMITTED,
                            NodeText.hex12(map.committedStart(k)) + " committed", cc,
                            range(map.committedStart(k), map.committedEnd(k)) + t.name() + ": " + cs,
                            u.section(), k, u)));
                }
            }
        }
        return top;
    }

    /**
     * A copy of {@code full} with the nodes whose label contains {@code filter} (any case), their
     * ancestors and their descendants; the whole tree for an empty filter.
     */
    public static DefaultMutableTreeNode filter(DefaultMutableTreeNode full, String filter) {
        String f = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) {
            return full;
        }
        DefaultMutableTreeNode copy = copyMatching(full, f, false);
        return copy != null ? copy : new DefaultMutableTreeNode(full.getUserObject());
    }

    private static DefaultMutableTreeNode copyMatching(DefaultMutableTreeNode node, String f, boolean ancestorMatched) {
        Node n = (Node) node.getUserObject();
        boolean self = n.kind() != Kind.ROOT && n.matches(f);
        List<DefaultMutableTreeNode> kids = new ArrayList<>();
        for (int i = 0; i < node.getChildCount(); i++) {
            DefaultMutableTreeNode c = copyMatching((DefaultMutableTreeNode) node.getChildAt(i), f, ancestorMatched || self);
            if (c != null) {
                kids.add(c);
            }
        }
        if (!self && !ancestorMatched && kids.isEmpty() && n.kind() != Kind.ROOT) {
            return null;
        }
        DefaultMutableTreeNode copy = new DefaultMutableTreeNode(n);
        kids.forEach(copy::add);
        return copy;
    }

    private static String shortName(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 && !path.startsWith("[") ? path.substring(slash + 1) : path;
    }

    private static long pagesKb(long pages) {
        return pages * PhysicalLayout.PAGE_SIZE / 1024;
    }

    /** "RSS 196.8 MiB · PSS 186.1 MiB · uffd 156.5 MiB" (PSS left out when negative), for the label. */
    private static String compact(long rssKb, long pssKb, long uffdKb) {
        return "RSS " + human(rssKb) + (pssKb >= 0 ? " · PSS " + human(pssKb) : "") + " · uffd " + human(uffdKb);
    }

    /** KiB as "468 KiB", "196.8 MiB", "1.1 GiB". */
    static String human(long kb) {
        if (kb < 1024) {
            return kb + " KiB";
        }
        if (kb < 1024 * 1024) {
            return NodeText.tenths(kb, 1024) + " MiB";
        }
        return NodeText.tenths(kb, 1024 * 1024) + " GiB";
    }

    /** "[0x1000 - 0x2000] " */
    private static String range(long start, long end) {
        return "[" + NodeText.hex(start) + " - " + NodeText.hex(end) + "] ";
    }

    /** Bytes as "1,234 KB" (whole KiB, rounded down). */
    private static String kb(long bytes) {
        return NodeText.grouped(bytes / 1024) + " KB";
    }

    private static String sizes(long virtualBytes, long rssKb, long pssKb, long uffdKb, long zeroedKb) {
        StringBuilder b = new StringBuilder();
        if (virtualBytes >= 0) {
            b.append("virtual ").append(kb(virtualBytes)).append(" · ");
        }
        b.append("RSS ").append(NodeText.grouped(rssKb)).append(" KB");
        if (pssKb >= 0) {
            b.append(" · PSS ").append(NodeText.grouped(pssKb)).append(" KB");
        }
        b.append(" · uffd ").append(NodeText.grouped(uffdKb)).append(" KB");
        if (zeroedKb > 0) {
            b.append(" (+").append(NodeText.grouped(zeroedKb)).append(" KB zeroed)");
        }
        return b.toString();
    }
}
