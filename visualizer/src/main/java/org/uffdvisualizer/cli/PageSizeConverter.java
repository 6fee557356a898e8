package org.uffdvisualizer.cli;

import org.uffdvisualizer.render.PageGrid;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --page-size BYTES} as the number of 4 KiB frames one grid cell stands for. */
final class PageSizeConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        try {
            return PageGrid.framesPerCell(ByteSizeConverter.parse(value));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
