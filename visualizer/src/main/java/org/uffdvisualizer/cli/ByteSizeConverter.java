package org.uffdvisualizer.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one reader of byte sizes on the command line ({@code --page-size}, {@code --physical-memory},
 * {@code generate --guest}): a number of bytes, optionally with a binary suffix k, m, g or t
 * (1024-based, upper or lower case, optionally followed by "b" or "ib": 2m, 2M, 2MiB).
 */
final class ByteSizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmgt])(?:i?b)?)?");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            int shift = m.group(2) == null ? 0 : 10 * ("kmgt".indexOf(m.group(2).charAt(0)) + 1);
            try {
                long number = Long.parseLong(m.group(1));
                if (number <= Long.MAX_VALUE >>> shift) {
                    return number << shift;
                }
            } catch (NumberFormatException tooLong) {
                // falls through to the message below
            }
        }
        throw new TypeConversionException("expected a size in bytes such as 4096, 2m or 4g (suffix k, m, g or t),"
                + " not '" + value + "'");
    }
}
