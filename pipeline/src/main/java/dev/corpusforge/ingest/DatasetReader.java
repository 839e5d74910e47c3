package dev.corpusforge.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A reader for a format Spark reads natively (Parquet): it builds the records as a Dataset instead of per file. */
public interface DatasetReader extends SourceReader {
  /** Document columns plus the reject columns, as {@link IngestStage} writes them. */
  Dataset<Row> records(SparkSession spark, List<InputFile> files);
}
