package org.uffdvisualizer.parse;

import java.util.Locale;

/**
 * The capture (or the image made of it) needs more heap than this JVM may use. The message says
 * about how much and how to get it: "not enough memory for this capture (about N MB needed); run
 * with -Xmx...". Thrown before loading when the file sizes already tell, and in place of an
 * {@link OutOfMemoryError} when loading runs out after all.
 */
public final class NotEnoughMemoryException extends CaptureException {
    private static final long serialVersionUID = 1L;
    private static final long MB = 1L << 20;

    private final long neededBytes;

    /**
     * @param what        what needs the memory, for the message ("this capture", "this image")
     * @param neededBytes about how many bytes of heap it needs, or 0 if that is not known
     */
    public NotEnoughMemoryException(String what, long neededBytes) {
        super(message(what, neededBytes, Runtime.getRuntime().maxMemory()));
        this.neededBytes = neededBytes;
    }

    public NotEnoughMemoryException(String what, long neededBytes, OutOfMemoryError cause) {
        super(message(what, neededBytes, Runtime.getRuntime().maxMemory()), cause);
        this.neededBytes = neededBytes;
    }

    /** About how many bytes of heap were needed; 0 if not known. */
    public long neededBytes() {
        return neededBytes;
    }

    /**
     * The sentence for the user. The suggested heap is the need with a quarter more (garbage and
     * the JVM's own objects), rounded up to a GiB, and at least twice the heap this JVM has.
     */
    static String message(String what, long neededBytes, long maxHeap) {
        long suggested = Math.max(neededBytes + neededBytes / 4, neededBytes > 0 ? 0 : 2 * maxHeap);
        long gib = Math.max(1, (suggested + (1L << 30) - 1) >> 30);
        String need = neededBytes > 0 ? String.format(Locale.ROOT, " (about %,d MB needed)", (neededBytes + MB - 1) / MB) : "";
        return String.format(Locale.ROOT, "not enough memory for %s%s; this JVM may use %,d MB: run with -Xmx%dg"
                + " (java -Xmx%dg -jar UffdVisualizer.jar ...)", what, need, maxHeap / MB, gib, gib);
    }
}
