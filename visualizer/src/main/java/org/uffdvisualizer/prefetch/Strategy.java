package org.uffdvisualizer.prefetch;

import java.util.Locale;

/**
 * One way of bringing pages in, by name as {@code prefetch --strategy} takes it:
 * {@code none}; {@code around-K} (each fault also fetches the next K pages, 1 to 512);
 * {@code block-2m} (each fault fetches its aligned 2 MiB block); {@code recorded} (a recorded
 * restore's pages installed before the guest resumes, REAP-like); {@code extents-G} (the recorded
 * pages grouped into extents with gap tolerance G pages, installed in first-touch order in the
 * background while the guest runs, FaaSnap-like); {@code union} and {@code intersection} (the
 * pages of several recordings, installed before resume).
 */
public record Strategy(Kind kind, int parameter) {
    public static final int MAX_AROUND = 512;

    public enum Kind {
        NONE, AROUND, BLOCK_2M, RECORDED, EXTENTS, UNION, INTERSECTION
    }

    public static final Strategy NONE = new Strategy(Kind.NONE, 0);
    public static final Strategy BLOCK_2M = new Strategy(Kind.BLOCK_2M, 0);
    public static final Strategy RECORDED = new Strategy(Kind.RECORDED, 0);
    public static final Strategy UNION = new Strategy(Kind.UNION, 0);
    public static final Strategy INTERSECTION = new Strategy(Kind.INTERSECTION, 0);

    public static Strategy around(int k) {
        if (k < 1 || k > MAX_AROUND) {
            throw new IllegalArgumentException("around-K needs K from 1 to " + MAX_AROUND + ", not " + k);
        }
        return new Strategy(Kind.AROUND, k);
    }

    public static Strategy extents(int gap) {
        if (gap < 0 || gap > MAX_AROUND) {
            throw new IllegalArgumentException("extents-G needs G from 0 to " + MAX_AROUND + ", not " + gap);
        }
        return new Strategy(Kind.EXTENTS, gap);
    }

    /**
     * The strategy named {@code name}.
     *
     * @throws IllegalArgumentException with a message for the user naming the valid forms
     */
    public static Strategy parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        try {
            if (n.startsWith("around-")) {
                return around(Integer.parseInt(n.substring("around-".length())));
            }
            if (n.startsWith("extents-")) {
                return extents(Integer.parseInt(n.substring("extents-".length())));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        return switch (n) {
            case "none" -> NONE;
            case "block-2m" -> BLOCK_2M;
            case "recorded" -> RECORDED;
            case "union" -> UNION;
            case "intersection" -> INTERSECTION;
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "': expected none, around-K"
                    + " (K 1-512), block-2m, recorded, extents-G (G 0-512), union or intersection");
        };
    }

    /** Whether it installs a recorded set (and so has a training run and can be exported). */
    public boolean usesRecording() {
        return kind == Kind.RECORDED || kind == Kind.EXTENTS || kind == Kind.UNION || kind == Kind.INTERSECTION;
    }

    /** Whether it needs two or more recordings. */
    public boolean combinesRecordings() {
        return kind == Kind.UNION || kind == Kind.INTERSECTION;
    }

    /** Whether its set is installed while the guest runs rather than before. */
    public boolean isBackground() {
        return kind == Kind.EXTENTS;
    }

    public String label() {
        return switch (kind) {
            case NONE -> "none";
            case AROUND -> "around-" + parameter;
            case BLOCK_2M -> "block-2m";
            case RECORDED -> "recorded";
            case EXTENTS -> "extents-" + parameter;
            case UNION -> "union";
            case INTERSECTION -> "intersection";
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
