package org.uffdvisualizer.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The colour of an NMT category, by its name: the same in every capture, every palette and every
 * export, so "Java Heap" is tan whether a JVM lists it first or fifth, and a category one capture
 * lacks shifts nothing. {@link #TABLE} covers the categories (HotSpot memory tags) of JDK 17 to 26;
 * a name not in it gets a colour derived from the name alone ({@link #derived}).
 *
 * <p>The table's colours were chosen once (farthest-point sampling of an sRGB grid in CIELAB,
 * the first fourteen among moderate saturations) and are checked by PaletteDistanceTest: each at
 * least {@link Palette#MIN_DELTA_E} from every other table colour and from every fixed class of
 * all four palettes, and {@link Palette#MIN_DELTA_E_BACKGROUND} from both backgrounds. One colour
 * serves all palettes; the colour-blind ones keep Okabe-Ito for their fixed classes, but 29
 * categories cannot all be told apart with colour blindness anyway (the tooltip names the category).
 */
public final class NmtColours {
    /**
     * Category name to 0xRRGGBB; table order is the legend's order. The categories a JVM reserves
     * virtual memory for (the only ones that colour pages) come first.
     */
    public static final Map<String, Integer> TABLE = table();

    private NmtColours() {
    }

    private static Map<String, Integer> table() {
        Map<String, Integer> t = new LinkedHashMap<>();
        t.put("Java Heap", 0xb5835a);
        t.put("Metaspace", 0x4444dd);
        t.put("Shared class space", 0x44dd44);
        t.put("Class", 0x44dddd);
        t.put("GC", 0x224466);
        t.put("Thread Stack", 0xbb3388);
        t.put("Code", 0x226622);
        t.put("Internal", 0xbbdd88);
        t.put("Safepoint", 0x662233);
        t.put("Synchronization", 0x332277);
        t.put("Serviceability", 0xcc44dd);
        t.put("Tracing", 0xddbb44);
        t.put("Other", 0x44dd99);
        t.put("Unknown", 0xcc6677);
        t.put("GCCardSet", 0xff0000);
        t.put("Module", 0xbbbbff);
        t.put("Symbol", 0xddff00);
        t.put("Thread", 0x0000ff);
        t.put("Compiler", 0x993300);
        t.put("JVMCI", 0xff0055);
        t.put("Native Memory Tracking", 0x443300);
        t.put("Arena Chunk", 0xaa88ff);
        t.put("Test", 0x003322);
        t.put("Logging", 0x779977);
        t.put("Statistics", 0xff8855);
        t.put("Arguments", 0x88aa00);
        t.put("String Deduplication", 0xff99ee);
        t.put("Object Monitors", 0xeebbcc);
        t.put("JNI", 0xbb00ff);
        return Collections.unmodifiableMap(t);
    }

    /** The colour of category {@code name}: the table's, or {@link #derived} for a name not in it. */
    public static int rgb(String name) {
        Integer c = TABLE.get(name);
        return c != null ? c : derived(name);
    }

    /** Whether {@code name} has a colour of its own in the table. */
    public static boolean inTable(String name) {
        return TABLE.containsKey(name);
    }

    /**
     * The colour of a name not in the table: one of the colours that keep the minimum distances
     * to every fixed class of every palette and to every table colour, picked by a hash of the
     * name's UTF-8 bytes (FNV-1a, defined here rather than {@code String.hashCode} so that the
     * choice is written down), so the same name has the same colour in every run. Two such names
     * may come out close to each other; captures rarely have even one.
     */
    public static int derived(String name) {
        int h = 0x811c9dc5;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x01000193;
        }
        return Derived.CANDIDATES[Integer.remainderUnsigned(h, Derived.CANDIDATES.length)];
    }

    /**
     * Colours a derived name may take: far enough from the fixed classes and the table. Computed when
     * a name first needs one (a holder class): the checks of 4,913 colours (0.1 s on a loaded machine)
     * were part of the first grid's build, and so of the start, also for captures whose categories
     * are all in the table.
     */
    private static final class Derived {
        static final int[] CANDIDATES = derivedCandidates();
    }

    /** The colours {@link #derived} picks from, in a fixed order (an sRGB grid, 17 levels per channel). */
    static int[] derivedCandidates() {
        List<Integer> fixed = new ArrayList<>(TABLE.values());
        List<Integer> backgrounds = new ArrayList<>();
        for (Palette p : Palette.all()) {
            backgrounds.add(p.rgb(PageClass.HOLE));
            for (int c = PageClass.FREE; c <= PageClass.FAULTED_UNOWNED; c++) {
                fixed.add(p.rgb(c));
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r <= 0xff; r += 0x11) {
            for (int g = 0; g <= 0xff; g += 0x11) {
                for (int b = 0; b <= 0xff; b += 0x11) {
                    int c = r << 16 | g << 8 | b;
                    if (atLeast(c, backgrounds, Palette.MIN_DELTA_E_BACKGROUND) && atLeast(c, fixed, Palette.MIN_DELTA_E)) {
                        out.add(c);
                    }
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean atLeast(int c, List<Integer> others, double min) {
        for (int o : others) {
            if (ColourDistance.deltaE76(c, o) < min) {
                return false;
            }
        }
        return true;
    }
}
