package org.uffdvisualizer.cli;

/** Exit codes of every command. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** {@code --strict} and a line could not be used. */
    static final int BAD_LINE = 1;
    /** Unusable arguments, or files that cannot be read or are not what they should be. */
    static final int USAGE = 2;
    /** Cancelled by the user. */
    static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
