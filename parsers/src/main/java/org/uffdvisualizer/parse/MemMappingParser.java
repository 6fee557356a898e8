package org.uffdvisualizer.parse;

import java.nio.file.Path;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Reads a physical mapping dump ({@code mem_mapping.txt}, FORMATS.md section 1): sections
 * {@code = PID EXE}, mappings {@code v START END [NAME]}, and pages {@code p VIRT PHYS [EXCL FILE]}
 * in process sections or {@code p PHYS KPF} in the kernel and page-cache sections.
 */
public final class MemMappingParser extends LineParser {
    static final String WHAT = "a physical mapping dump (mem_mapping.txt: '= PID EXE', 'v START END NAME', 'p VIRT PHYS' lines)";

    private final PageMappings.Builder builder = PageMappings.builder();
    private SectionKind kind;

    private MemMappingParser(Path file, Diagnostics diagnostics, ProgressListener progress) {
        super(file, diagnostics, progress);
    }

    /** Parses {@code file}; bad lines go to {@code diagnostics}. */
    public static Result parse(Path file, Diagnostics diagnostics, ProgressListener progress) throws CaptureException {
        MemMappingParser p = new MemMappingParser(file, diagnostics, progress);
        p.run(WHAT);
        return new Result(p.builder.build(), p.stats());
    }

    /** The dump and what reading it cost. */
    public record Result(PageMappings mappings, FileStats stats) {
    }

    @Override
    protected boolean line(ByteCursor c) throws CaptureException {
        int tag = c.peek();
        if (tag == 'p' && c.peek(1) == ' ') {
            page(c);
        } else if (tag == 'v' && c.peek(1) == ' ') {
            mapping(c);
        } else if (tag == '=' && c.peek(1) == ' ') {
            section(c);
        } else if (!c.restIsBlank()) {
            bad("expected a line starting with '= ', 'v ' or 'p '");
        }
        return true;
    }

    private void section(ByteCursor c) throws CaptureException {
        c.skip(2);
        c.skipBlanks();
        long pid = c.decimal();
        if (c.failed() || pid < -1 || pid > Integer.MAX_VALUE || !(c.atEnd() || c.peek() == ' ')) {
            bad("expected '= PID EXE' with a decimal PID (0 kernel, -1 pagecache)");
            kind = null;
            return;
        }
        c.accept(' ');
        String exe = c.restTrimmed();
        builder.section((int) pid, exe);
        kind = builder.currentKind();
    }

    private void mapping(ByteCursor c) throws CaptureException {
        if (kind == null) {
            bad("a 'v' line outside a section: expected '= PID EXE' before it");
            return;
        }
        c.skip(2);
        long start = c.hex();
        c.expect(' ');
        long end = c.hex();
        if (c.failed() || !(c.atEnd() || c.peek() == ' ')) {
            bad("expected 'v START END [NAME]' with hexadecimal START and END");
            return;
        }
        c.accept(' ');
        builder.mapping(start, end, c.restTrimmed());
    }

    private void page(ByteCursor c) throws CaptureException {
        if (kind == null || !builder.hasOpenMapping()) {
            bad("a 'p' line before any 'v' line of its section");
            return;
        }
        c.skip(2);
        long first = c.hex();
        c.expect(' ');
        long second = c.hex();
        if (c.failed()) {
            bad(kind == SectionKind.PROCESS ? "expected 'p VIRT PHYS [EXCL FILE]' with hexadecimal addresses"
                    : "expected 'p PHYS KPAGEFLAGS' in hexadecimal");
            return;
        }
        if (kind == SectionKind.PROCESS) {
            int flags = 0;
            if (c.skipBlanks() > 0 && !c.atEnd()) {
                int excl = c.peek() - '0';
                c.skip(1);
                c.expect(' ');
                int fileFlag = c.peek() - '0';
                c.skip(1);
                if (c.failed() || (excl & ~1) != 0 || (fileFlag & ~1) != 0 || !c.restIsBlank()) {
                    bad("expected the pagemap flags EXCL and FILE as 0 or 1 after 'p VIRT PHYS'");
                    return;
                }
                flags = PageMappings.FLAG_HAS_PAGEMAP_FLAGS | excl * PageMappings.FLAG_EXCLUSIVE
                        | fileFlag * PageMappings.FLAG_FILE;
            }
            addPage(first, second, flags);
        } else {
            if (!c.restIsBlank()) {
                bad("expected 'p PHYS KPAGEFLAGS' and nothing after it");
                return;
            }
            addPage(second, first, 0);
        }
    }

    private void addPage(long word, long physical, int flags) throws CaptureException {
        long pfn = physical >>> PhysicalLayout.PAGE_SHIFT;
        if (pfn > Integer.MAX_VALUE) {
            bad("physical address beyond 8 TiB: not a guest-physical page address");
            return;
        }
        builder.page(word, (int) pfn, flags);
    }

    @Override
    protected void finish() throws CaptureException {
        if (builder.sectionCount() == 0) {
            throw new CaptureException(file + ": no '= PID EXE' section header found: this is not " + WHAT);
        }
    }
}
