package dev.corpusforge.io;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/** A Hadoop configuration that travels to executors (the real one is not serializable). */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TreeMap<String, String> entries = new TreeMap<>();
  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    for (Map.Entry<String, String> e : conf) entries.put(e.getKey(), e.getValue());
    this.conf = conf;
  }

  public Configuration get() {
    if (conf == null) {
      Configuration c = new Configuration(false);
      entries.forEach(c::set);
      conf = c;
    }
    return conf;
  }
}
