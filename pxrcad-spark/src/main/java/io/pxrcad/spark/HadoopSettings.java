package io.pxrcad.spark;

import org.apache.hadoop.conf.Configuration;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The driver's Hadoop settings carried to the executors, so that files are read there with the
 * same file systems and credentials ({@code spark.hadoop.*}) that listed them. Hadoop's own
 * {@link Configuration} is not serializable.
 */
final class HadoopSettings implements Serializable {
    private final HashMap<String, String> entries = new HashMap<>();

    HadoopSettings(Configuration conf) {
        for (Map.Entry<String, String> e : conf) entries.put(e.getKey(), e.getValue());
    }

    Configuration configuration() {
        Configuration conf = new Configuration(false);
        entries.forEach(conf::set);
        return conf;
    }
}
