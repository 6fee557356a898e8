package org.uffdvisualizer.parse;

/**
 * A capture cannot be used: a file is missing, unreadable, empty, of the wrong kind, or (in strict
 * mode) has a bad line. The message is written for the user and names the file; callers show it
 * as it is, without a stack trace.
 */
public class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
