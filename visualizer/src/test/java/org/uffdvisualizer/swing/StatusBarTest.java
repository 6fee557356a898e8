package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The status line shortened to the room there is: the replay position and the selection's figure last to go. */
class StatusBarTest {
    private static final String FULL = "fault 1,234 of 58,514 · loaded 1,200, zeroed 34 · 4,936 KB · Java Heap of 114:"
            + " 3,852 of 62,696 KB touched";

    @Test
    void partsBetweenThePositionAndTheSelectionGoFirst() {
        assertThat(StatusBar.abbreviate(FULL, t -> true)).isEqualTo(FULL);
        assertThat(StatusBar.abbreviate(FULL, t -> t.length() <= 90))
                .isEqualTo("fault 1,234 of 58,514 · 4,936 KB · Java Heap of 114: 3,852 of 62,696 KB touched");
        assertThat(StatusBar.abbreviate(FULL, t -> t.length() <= 70))
                .isEqualTo("fault 1,234 of 58,514 · Java Heap of 114: 3,852 of 62,696 KB touched");
        // Nothing fits: the two that matter most, for the label to end in "…".
        assertThat(StatusBar.abbreviate(FULL, t -> false))
                .isEqualTo("fault 1,234 of 58,514 · Java Heap of 114: 3,852 of 62,696 KB touched");
        assertThat(StatusBar.abbreviate("Loading jvm17-default…", t -> false)).isEqualTo("Loading jvm17-default…");
    }
}
