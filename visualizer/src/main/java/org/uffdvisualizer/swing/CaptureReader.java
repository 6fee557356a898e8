package org.uffdvisualizer.swing;

import javax.swing.tree.DefaultMutableTreeNode;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * How a load reads a capture's model: from its files ({@link #FILES}), or from a load that is
 * already running ({@link Preload}). Called on a background thread; reports to, and stops when
 * asked by, {@code progress}.
 */
@FunctionalInterface
interface CaptureReader {
    /** Parses the source's files now. */
    CaptureReader FILES = (source, progress) -> CaptureLoader.load(source.resolve(), source.options(), progress);

    LoadedCapture read(CaptureSource source, ProgressListener progress) throws Exception;

    /** The tree of the capture {@link #read} returned: built now, unless the reader built it already. */
    default DefaultMutableTreeNode tree(LoadedCapture loaded) throws Exception {
        return CaptureTree.build(loaded.capture());
    }
}
