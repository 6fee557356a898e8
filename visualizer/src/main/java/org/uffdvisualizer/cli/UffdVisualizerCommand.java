package org.uffdvisualizer.cli;

import picocli.CommandLine.Command;

/** The top-level command; its subcommands do the work. */
@Command(name = "UffdVisualizer",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows which guest-physical pages of a microVM belong to which process, kernel, page cache"
                + " or JVM memory category, and in which order a userfaultfd restore faulted them back.",
            "",
            "The original tool's form still works: UffdVisualizer MAPPINGS UFFD [NMT]"},
        subcommands = {SummaryCommand.class, AnalyzeCommand.class, RenderCommand.class, AnimateCommand.class, ChartCommand.class, CompareCommand.class, GenerateCommand.class, GuiCommand.class})
final class UffdVisualizerCommand {
}
