package org.uffdvisualizer.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Default values of a command's options by option name; the help shows them as ${DEFAULT-VALUE}. */
abstract class GridDefaults implements IDefaultValueProvider {
    private final Map<String, String> values;

    GridDefaults(Map<String, String> values) {
        this.values = values;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return arg instanceof OptionSpec o ? values.get(o.longestName()) : null;
    }

    /** {@code render}: 2 px per page, one page per cell, a square grid. */
    static final class Render extends GridDefaults {
        Render() {
            super(Map.of("--scale", "2", "--width", "0", "--page-size", "4096"));
        }
    }

    /** {@code animate}: 1 px per cell of 64 KiB (16 pages), so that a large guest still makes a small GIF. */
    static final class Animate extends GridDefaults {
        Animate() {
            super(Map.of("--scale", "1", "--width", "0", "--page-size", "65536"));
        }
    }

    /**
     * {@code gui}: the original tool's system properties ({@link OriginalToolProperties}) when set, else a grid
     * fitted to the window, one page per cell, all of the capture's memory.
     */
    static final class Gui extends GridDefaults {
        Gui() {
            super(Map.of("--scale", "0", "--width", "0", "--physical-memory", "0", "--page-size", "4096"));
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            String property = arg instanceof OptionSpec o ? OriginalToolProperties.BY_OPTION.get(o.longestName()) : null;
            String set = property == null ? null : System.getProperty(property);
            return set != null ? set : super.defaultValue(arg);
        }

        /**
         * Says where a bad value came from when it is a system property's rather than the command
         * line's, so that a user who never typed {@code --page-size} learns what to fix.
         */
        static ParameterException explain(ParameterException ex, String[] args) {
            if (!(ex.getCommandLine().getCommand() instanceof GuiCommand) || !(ex.getArgSpec() instanceof OptionSpec o)) {
                return ex;
            }
            String property = OriginalToolProperties.BY_OPTION.get(o.longestName());
            if (property == null || System.getProperty(property) == null || given(o, args)) {
                return ex;
            }
            return new ParameterException(ex.getCommandLine(), ex.getMessage() + " (from the system property " + property
                    + ", which gives " + o.longestName() + " its default)", ex, o, ex.getValue());
        }

        private static boolean given(OptionSpec o, String[] args) {
            for (String a : args) {
                for (String name : o.names()) {
                    if (a.equals(name) || a.startsWith(name + "=")) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
