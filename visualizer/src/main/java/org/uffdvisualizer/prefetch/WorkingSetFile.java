package org.uffdvisualizer.prefetch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.uffdvisualizer.render.ExportTarget;

/**
 * Writes a working set in the handler's {@code --prefetch} format 2 (docs/formats.md, "Working
 * set"): a header comment naming what made it, then one extent per line in install order,
 * {@code OFFSET LENGTH [zero]}, offsets and lengths in bytes of the memory file ({@code 0x} hex).
 * LENGTH is always written, so a handler on 2 MiB pages reads the same bytes. A name ending in
 * {@code .gz} is written compressed. The file appears whole or not at all ({@link ExportTarget}).
 */
public final class WorkingSetFile {
    /** The first line, which tells the format. */
    public static final String HEADER = "# uffdvisualizer working set 2";
    private static final long PAGE = 4096;

    private WorkingSetFile() {
    }

    /**
     * What made the set, for the header comment.
     *
     * @param capture   the capture (directory or mapping dump), or null
     * @param train     the trace(s) the set was recorded from
     * @param strategy  the strategy's name
     * @param selection the selection's label, or null for all pages
     */
    public record Provenance(String capture, String train, String strategy, String selection) {
    }

    /**
     * Builds the set {@code strategy} installs from {@code train} (restricted to {@code selection}
     * when not null) and writes it to {@code target} atomically, the header naming {@code capture},
     * the training runs, the strategy and the selection; returns the plan written.
     */
    public static InstallPlan export(Path target, Strategy strategy, List<RestoreRun> train, PageSelection selection,
            String capture) throws IOException {
        InstallPlan plan = Simulator.plan(strategy, train, selection == null ? null : selection.pages());
        List<RestoreRun> used = Simulator.trainingRuns(strategy, train);
        write(target, plan, new Provenance(capture, String.join(", ", used.stream().map(RestoreRun::name).toList()),
                strategy.label(), selection == null ? null : selection.label()),
                used.stream().mapToInt(RestoreRun::removedRanges).sum());
        return plan;
    }

    /** Writes {@code plan} to {@code target} atomically. */
    public static void write(Path target, InstallPlan plan, Provenance from, int removedRanges) throws IOException {
        ExportTarget.writeAtomically(target, tmp -> {
            try (OutputStream raw = Files.newOutputStream(tmp);
                    OutputStream out = target.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16)) {
                write(w, plan, from, removedRanges);
            }
        });
    }

    /** Writes {@code plan} as format 2 text. */
    public static void write(Writer w, InstallPlan plan, Provenance from, int removedRanges) throws IOException {
        long zeroPages = 0;
        for (int e = 0; e < plan.extents(); e++) {
            zeroPages += plan.isZero(e) ? plan.length(e) : 0;
        }
        w.write(HEADER + "\n");
        w.write("# capture: " + oneLine(from.capture() == null ? "(none)" : from.capture()) + "\n");
        w.write("# trace: " + oneLine(from.train()) + "\n");
        w.write("# strategy: " + oneLine(from.strategy()) + "\n");
        w.write("# selection: " + oneLine(from.selection() == null ? "all pages" : from.selection()) + "\n");
        w.write(String.format("# %,d pages (%,d bytes) in %,d extents, first-touch order; %,d zero-filled pages"
                + " marked zero; pages of %d UFFD_EVENT_REMOVE ranges left out\n", plan.pages(), plan.pages() * PAGE,
                plan.extents(), zeroPages, removedRanges));
        w.write("# OFFSET LENGTH [zero]: bytes of the memory file\n");
        StringBuilder line = new StringBuilder(48);
        for (int e = 0; e < plan.extents(); e++) {
            line.setLength(0);
            line.append("0x").append(Long.toHexString(plan.start(e) * PAGE))
                    .append(" 0x").append(Long.toHexString(plan.length(e) * PAGE));
            if (plan.isZero(e)) {
                line.append(" zero");
            }
            w.write(line.append('\n').toString());
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
