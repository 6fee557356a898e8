package org.uffdvisualizer.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.uffdvisualizer.format.NmtWriter;

/** Writes a JVM's NMT detail: JDK 17 lists regions by ascending address, JDK 25 by descending. */
final class NmtGenerator {
    private NmtGenerator() {
    }

    static void write(NmtPlan plan, Writer out) throws IOException {
        NmtWriter w = new NmtWriter(out, plan.jdk25 ? NmtWriter.Style.JDK25 : NmtWriter.Style.JDK17);
        w.header(plan.pid);
        List<NmtPlan.Region> regions = new ArrayList<>(plan.regions);
        Comparator<NmtPlan.Region> byAddress = Comparator.comparingLong(r -> r.start);
        regions.sort(plan.jdk25 ? byAddress.reversed() : byAddress);
        for (NmtPlan.Region r : regions) {
            w.reserved(r.start, r.end, r.alsoCommitted, r.category);
            for (long[] c : r.committed) {
                w.committed(c[0], c[1], c[2] != 0);
            }
        }
        w.end();
    }
}
