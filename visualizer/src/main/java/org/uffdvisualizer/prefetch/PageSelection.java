package org.uffdvisualizer.prefetch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.render.Selection;
import org.uffdvisualizer.render.SelectionSpec;

/**
 * A named restriction of a working set: the memory-file pages it keeps (e.g. the JVM's heap and
 * code cache, or everything but the page cache).
 *
 * @param pages holds a memory-file page number
 */
public record PageSelection(String label, IntPredicate pages) {

    /**
     * The pages of {@code selection}: those whose guest-physical frame (as {@code run} translates
     * memory-file offsets) it holds.
     */
    public static PageSelection of(Selection selection, RestoreRun run) {
        return new PageSelection(selection.label(), p -> selection.containsFrame((int) run.frameOf(p)));
    }

    /**
     * Resolves {@code SPEC[+SPEC...]}, each as {@code summary --select} takes it ({@code PID},
     * {@code PID/MAPPING}, {@code PID/NMT-CATEGORY}), joined; a leading {@code !} keeps every page
     * but those: {@code 146/Java Heap+146/Code} is the JVM's heap and code cache, {@code !-1}
     * everything but the page cache.
     *
     * @throws IllegalArgumentException with a message for the user if a part matches nothing
     */
    public static PageSelection parse(Capture capture, String spec, RestoreRun run) {
        boolean not = spec.startsWith("!");
        List<Selection> parts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String part : spec.substring(not ? 1 : 0).split("\\+")) {
            Selection s = SelectionSpec.resolve(capture, part);
            parts.add(s);
            labels.add(s.label());
        }
        IntPredicate any = p -> {
            int frame = (int) run.frameOf(p);
            for (Selection s : parts) {
                if (s.containsFrame(frame)) {
                    return true;
                }
            }
            return false;
        };
        String label = String.join(" + ", labels);
        return not ? new PageSelection("all but " + label, any.negate()) : new PageSelection(label, any);
    }
}
