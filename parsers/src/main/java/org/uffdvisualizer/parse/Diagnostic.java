package org.uffdvisualizer.parse;

import java.nio.file.Path;

/**
 * One input line that could not be used: where it is, what it says and what was expected there.
 *
 * @param file    the file it is in
 * @param line    its 1-based line number, or 0 when the problem concerns the whole file
 * @param text    the line itself (shortened when very long), or empty
 * @param problem what was wrong or expected, in words for the user
 */
public record Diagnostic(Path file, long line, String text, String problem) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file.toString();
        return text.isEmpty() ? where + ": " + problem : where + ": " + problem + ": \"" + text + "\"";
    }
}
