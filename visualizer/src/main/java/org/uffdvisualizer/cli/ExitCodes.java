package org.uffdvisualizer.cli;

/** Exit codes of every command. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** {@code --strict} and a line could not be used. */
    static final int BAD_LINE = 1;
    /** Unusable arguments, or files that cannot be read or are not what they should be. */
    static final int USAGE = 2;
    /** Not enough memory for the capture or the image: the message says how much heap to give. */
    static final int OUT_OF_MEMORY = 3;
    /** Cancelled by the user. */
    static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
