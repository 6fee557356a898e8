package org.uffdvisualizer.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.render.Overlay;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns one of the lower-case words an option's help lists into its value; anything else is a
 * usage error whose message lists the words (picocli prefixes it with the option's name).
 */
abstract class WordConverter<T> implements ITypeConverter<T> {
    private final Map<String, T> words;
    private final String expected;

    WordConverter(Map<String, T> words, String expected) {
        this.words = words;
        this.expected = expected;
    }

    @Override
    public T convert(String value) {
        String word = value.trim().toLowerCase(Locale.ROOT);
        if (!words.containsKey(word)) {
            throw new TypeConversionException("expected " + expected + ", not '" + value + "'");
        }
        return words.get(word);
    }

    /** {@code --palette}: light, dark, colorblind, colorblind-dark (and the British spelling). */
    static final class PaletteConverter extends WordConverter<PaletteName> {
        PaletteConverter() {
            super(paletteWords(), "light, dark, colorblind or colorblind-dark");
        }

        private static Map<String, PaletteName> paletteWords() {
            Map<String, PaletteName> words = new LinkedHashMap<>();
            for (PaletteName p : PaletteName.values()) {
                words.put(p.toString(), p);
                words.put(p.toString().replace("color", "colour"), p);
            }
            return words;
        }
    }

    /** {@code --layout}: the memory layouts {@link MemoryLayout#parse} knows. */
    static final class LayoutConverter implements ITypeConverter<MemoryLayout> {
        @Override
        public MemoryLayout convert(String value) {
            MemoryLayout layout = MemoryLayout.parse(value.trim());
            if (layout == null) {
                throw new TypeConversionException("expected identity, x86_64 or aarch64, not '" + value + "'");
            }
            return layout;
        }
    }

    /**
     * One word of {@code --overlay}'s comma-separated list. "none" converts to null, which
     * {@link RenderCommand} reads as "no overlay" (an option's list cannot be empty).
     */
    static final class OverlayConverter extends WordConverter<Overlay> {
        OverlayConverter() {
            super(overlayWords(), "sharing, pagecache, kernel, nmt, zeroed, removed, order (comma-separated) or none");
        }

        private static Map<String, Overlay> overlayWords() {
            Map<String, Overlay> words = new LinkedHashMap<>();
            for (Overlay o : Overlay.values()) {
                words.put(o.key(), o);
            }
            words.put("none", null);
            return words;
        }
    }
}
