package org.uffdvisualizer.parse;

/** Strict mode stopped at the first line it could not use; {@link #diagnostic()} says which. */
public final class BadLineException extends CaptureException {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    public BadLineException(Diagnostic diagnostic) {
        super(diagnostic.toString());
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
