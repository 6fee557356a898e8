package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Theme, palette and recent captures survive in java.util.prefs. */
class AppPreferencesTest {
    private final Preferences node = Preferences.userRoot().node("org/uffdvisualizer/prefs-test-" + ProcessHandle.current().pid());

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void rememberedBetweenInstances() {
        AppPreferences p = new AppPreferences(node);
        assertThat(p.darkTheme()).isFalse();
        p.setDarkTheme(true);
        p.setColorBlind(true);
        assertThat(new AppPreferences(node).darkTheme()).isTrue();
        assertThat(new AppPreferences(node).colorBlind()).isTrue();
    }

    @Test
    void recentCapturesAreMostRecentFirstWithoutDuplicatesAndBounded() {
        AppPreferences p = new AppPreferences(node);
        for (int i = 0; i < AppPreferences.RECENT_MAX + 3; i++) {
            p.addRecent("dir\t/captures/" + i);
        }
        p.addRecent("dir\t/captures/5");
        assertThat(p.recent()).hasSize(AppPreferences.RECENT_MAX).startsWith("dir\t/captures/5", "dir\t/captures/10")
                .doesNotHaveDuplicates();
    }
}
