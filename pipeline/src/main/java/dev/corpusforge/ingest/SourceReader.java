package dev.corpusforge.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;

/**
 * Reads one input file into records, lazily: the iterator pulls from the stream as Spark consumes it, so a file of
 * any size streams through in bounded memory. Content problems become rejected records; an exception escaping the
 * iterator (a truncated archive) is turned into a final `corrupt` reject by {@link IngestStage}, keeping what was read.
 */
public interface SourceReader extends Serializable {

  /** Opens one file; {@code file} names the path and carries the Hadoop configuration to open it with. */
  Iterator<ReadRecord> read(InputFile file) throws IOException;

  /**
   * Whether a directory met while listing the inputs is one record unit (a code repository, an unpacked arXiv paper)
   * rather than a folder of input files to recurse into.
   */
  default boolean isUnit(org.apache.hadoop.fs.Path dir, org.apache.hadoop.fs.FileSystem fs) throws IOException {
    return false;
  }
}
