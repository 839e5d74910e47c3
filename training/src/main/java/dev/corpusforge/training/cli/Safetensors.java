package dev.corpusforge.training.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a float32 safetensors file (huggingface/safetensors, docs "Format"):
 * <pre>
 *   u64 little-endian   N, the byte length of the header
 *   N bytes             JSON header: {"__metadata__": {...}, name: {"dtype": "F32", "shape": [...],
 *                       "data_offsets": [begin, end]}, ...}, offsets relative to the data start, padded with spaces
 *                       so that the data starts 8-byte aligned
 *   data                each tensor's values, row-major, little-endian, in header order, back to back
 * </pre>
 * Written by hand: the format is this table, and Maven Central has no maintained Java writer for it.
 */
public final class Safetensors {
  private final Map<String, float[]> data = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();

  /** Adds a tensor; {@code values} are row-major for {@code shape}. */
  public Safetensors put(String name, long[] shape, float[] values) {
    long n = 1;
    for (long s : shape) n *= s;
    if (n != values.length)
      throw new IllegalArgumentException(name + ": shape " + java.util.Arrays.toString(shape) + " needs " + n
          + " values, got " + values.length);
    if (data.put(name, values) != null) throw new IllegalArgumentException("tensor " + name + " added twice");
    shapes.put(name, shape);
    return this;
  }

  public void write(Path file, Map<String, String> metadata) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("__metadata__", metadata);
    long offset = 0;
    for (Map.Entry<String, float[]> e : data.entrySet()) {
      long end = offset + 4L * e.getValue().length;
      header.put(e.getKey(), Map.of("dtype", "F32", "shape", shapes.get(e.getKey()), "data_offsets", new long[] {offset, end}));
      offset = end;
    }
    StringBuilder json = new StringBuilder(new ObjectMapper().writeValueAsString(header));
    while (json.length() % 8 != 0) json.append(' '); // ASCII only, so characters are bytes
    byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
      out.write(headerBytes);
      for (float[] values : data.values()) writeFloats(out, values);
    }
  }

  static void writeFloats(OutputStream out, float[] values) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      if (!buffer.hasRemaining()) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      buffer.putFloat(v);
    }
    out.write(buffer.array(), 0, buffer.position());
  }
}
