package org.uffdvisualizer.compare;

import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.model.FaultTrace;

/** Finds the ways each run differs from the baseline that make their difference hard to read. */
final class ComparabilityCheck {
    /** Fault counts further apart than this factor are not two restores of one workload. */
    static final int FAULT_RATIO = 10;

    private ComparabilityCheck() {
    }

    static List<ComparabilityWarning> warnings(List<ComparedRun> runs, int baseline) {
        List<ComparabilityWarning> list = new ArrayList<>();
        ComparedRun base = runs.get(baseline);
        for (int r = 0; r < runs.size(); r++) {
            ComparedRun run = runs.get(r);
            if (run.capture().trace().faultCount() == 0) {
                list.add(new ComparabilityWarning(ComparabilityWarning.Kind.NO_UFFD_LOG, run.facts().name()
                        + " has no uffd log (or one without faults): its loaded, zero-filled and touched figures are 0"
                        + " and its fault set is empty"));
            }
            if (r != baseline) {
                compare(base, run, list);
            }
        }
        return list;
    }

    private static void compare(ComparedRun base, ComparedRun run, List<ComparabilityWarning> list) {
        String pair = base.facts().name() + " and " + run.facts().name();
        long fileA = base.capture().trace().memoryFileSize();
        long fileB = run.capture().trace().memoryFileSize();
        long endA = base.capture().mappings().ramEndHint();
        long endB = run.capture().mappings().ramEndHint();
        if (fileA > 0 && fileB > 0 && fileA != fileB) {
            list.add(new ComparabilityWarning(ComparabilityWarning.Kind.GUEST_RAM, "guest RAM differs: "
                    + base.facts().name() + " " + Bytes.human(fileA) + ", " + run.facts().name() + " " + Bytes.human(fileB)
                    + " (the memory files' sizes)"));
        } else if ((fileA <= 0 || fileB <= 0) && endA > 0 && endB > 0 && endA != endB) {
            list.add(new ComparabilityWarning(ComparabilityWarning.Kind.GUEST_RAM, "guest RAM differs: it ends at "
                    + Bytes.human(endA) + " in " + base.facts().name() + ", at " + Bytes.human(endB) + " in "
                    + run.facts().name() + " (the mapping dumps' page-cache range)"));
        }
        FaultTrace ta = base.capture().trace();
        FaultTrace tb = run.capture().trace();
        if (ta.faultCount() > 0 && tb.faultCount() > 0 && !sameLayout(ta, tb)) {
            list.add(new ComparabilityWarning(ComparabilityWarning.Kind.LAYOUT, "guest memory layout differs ("
                    + layout(ta) + " against " + layout(tb) + "): " + pair + " place RAM differently"));
        }
        String exeA = base.facts().executable();
        String exeB = run.facts().executable();
        if (!exeA.isEmpty() && !exeB.isEmpty() && !exeA.equals(exeB)) {
            list.add(new ComparabilityWarning(ComparabilityWarning.Kind.EXECUTABLE, "different executables: "
                    + exeA + " against " + exeB));
        }
        String jdkA = base.facts().jdk();
        String jdkB = run.facts().jdk();
        if (!jdkA.isEmpty() && !jdkB.isEmpty() && !jdkA.equals(jdkB)) {
            list.add(new ComparabilityWarning(ComparabilityWarning.Kind.JDK, "different JDK versions: " + jdkA
                    + " against " + jdkB + " (NMT categories and library layouts differ between them)"));
        }
        long fa = ta.faultCount();
        long fb = tb.faultCount();
        if (fa > 0 && fb > 0 && Math.max(fa, fb) > FAULT_RATIO * Math.min(fa, fb)) {
            list.add(new ComparabilityWarning(ComparabilityWarning.Kind.FAULT_COUNT, String.format(
                    "fault counts more than %dx apart: %,d in %s, %,d in %s", FAULT_RATIO, fa, base.facts().name(), fb,
                    run.facts().name())));
        }
    }

    private static boolean sameLayout(FaultTrace a, FaultTrace b) {
        if (a.layout() != b.layout() || a.regionCount() != b.regionCount()) {
            return false;
        }
        for (int r = 0; r < a.regionCount(); r++) {
            if (a.regionSize(r) != b.regionSize(r) || a.regionPhysical(r) != b.regionPhysical(r)) {
                return false;
            }
        }
        return true;
    }

    private static String layout(FaultTrace t) {
        return t.layout().label() + (t.regionCount() > 0 ? ", " + t.regionCount() + " region(s)" : "");
    }
}
