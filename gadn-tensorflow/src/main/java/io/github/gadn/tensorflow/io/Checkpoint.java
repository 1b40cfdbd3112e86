package io.github.gadn.tensorflow.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A checkpoint: named float32 tensors (weights, optimiser slots) and string metadata (iteration,
 * data position, …), in one file with a CRC-32 of its whole content.
 *
 * <p>Format (big-endian): magic {@code GADNCKPT}, version 1, metadata count and UTF-8 key/value
 * pairs, tensor count, then per tensor a UTF-8 name, rank, dimensions and little-endian float
 * data; last the CRC-32 of everything before it. Files are written with {@link AtomicFiles}, so
 * a crash never leaves a half-written checkpoint under the final name.
 *
 * @param metadata string metadata
 * @param tensors name → values (row-major)
 * @param shapes name → shape
 */
public record Checkpoint(
    Map<String, String> metadata, Map<String, float[]> tensors, Map<String, long[]> shapes) {

  private static final byte[] MAGIC = "GADNCKPT".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  /** Creates a checkpoint; checks that every tensor has a shape of matching size. */
  public Checkpoint {
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
    for (Map.Entry<String, float[]> e : tensors.entrySet()) {
      long[] shape = shapes.get(e.getKey());
      checkArgument(shape != null, "tensor %s has no shape", e.getKey());
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      checkArgument(
          n == e.getValue().length,
          "tensor %s: %s values for %s elements",
          e.getKey(),
          e.getValue().length,
          n);
    }
  }

  /**
   * Writes atomically ({@link AtomicFiles}): temporary file in the same folder, flushed and
   * forced to disk, then renamed over {@code file}.
   *
   * @throws IOException if the folder is not writable or the disk is full (the previous file, if
   *     any, is left intact)
   */
  public void write(Path file) throws IOException {
    AtomicFiles.write(file, this::writeTo);
  }

  private void writeTo(OutputStream raw) throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(metadata.size());
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
    out.writeInt(tensors.size());
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (Map.Entry<String, float[]> e : tensors.entrySet()) {
      writeString(out, e.getKey());
      long[] shape = shapes.get(e.getKey());
      out.writeInt(shape.length);
      for (long d : shape) {
        out.writeLong(d);
      }
      float[] values = e.getValue();
      for (int i = 0; i < values.length; ) {
        buffer.clear();
        int n = Math.min(values.length - i, buffer.capacity() / 4);
        buffer.asFloatBuffer().put(values, i, n);
        out.write(buffer.array(), 0, n * 4);
        i += n;
      }
    }
    out.flush();
    new DataOutputStream(raw).writeLong(crc.getValue());
  }

  /** The size in bytes of the file {@link #write} writes. */
  public long fileSize() {
    long n = MAGIC.length + 4 + 4 + 4 + 8;
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      n += 8 + e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, float[]> e : tensors.entrySet()) {
      n += 4 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4
          + 8L * shapes.get(e.getKey()).length + 4L * e.getValue().length;
    }
    return n;
  }

  /**
   * Reads and verifies a checkpoint.
   *
   * @throws CorruptCheckpointException naming the file if it is truncated, not a checkpoint, or
   *     fails its checksum
   * @throws IOException if it cannot be read
   */
  public static Checkpoint read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.io.FileNotFoundException("checkpoint " + file + " does not exist");
    }
    long size = Files.size(file);
    if (size < MAGIC.length + 8 + 8) {
      throw new CorruptCheckpointException(file, "it is truncated (" + size + " bytes)");
    }
    CRC32 crc = new CRC32();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      // Everything but the last 8 bytes is covered by the checksum.
      InputStream limited = com.google.common.io.ByteStreams.limit(raw, size - 8);
      DataInputStream in = new DataInputStream(new CheckedInputStream(limited, crc));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new CorruptCheckpointException(file, "it is not a gadn checkpoint (bad magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new CorruptCheckpointException(file, "unsupported version " + version);
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      int nmeta = in.readInt();
      checkCount(file, nmeta);
      for (int i = 0; i < nmeta; i++) {
        metadata.put(readString(in, file), readString(in, file));
      }
      int ntensors = in.readInt();
      checkCount(file, ntensors);
      Map<String, float[]> tensors = new LinkedHashMap<>();
      Map<String, long[]> shapes = new LinkedHashMap<>();
      byte[] bytes = new byte[1 << 16];
      for (int t = 0; t < ntensors; t++) {
        String name = readString(in, file);
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
          throw new CorruptCheckpointException(file, "tensor " + name + " has rank " + rank);
        }
        long[] shape = new long[rank];
        long n = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = in.readLong();
          n *= shape[d];
        }
        if (n < 0 || n * 4 > size) {
          throw new CorruptCheckpointException(file, "tensor " + name + " has a bad shape");
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; ) {
          int k = Math.min(values.length - i, bytes.length / 4);
          in.readFully(bytes, 0, k * 4);
          ByteBuffer.wrap(bytes, 0, k * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
              .get(values, i, k);
          i += k;
        }
        tensors.put(name, values);
        shapes.put(name, shape);
      }
      if (in.read() != -1) {
        throw new CorruptCheckpointException(file, "it has trailing data");
      }
      long expected = new DataInputStream(raw).readLong();
      if (expected != crc.getValue()) {
        throw new CorruptCheckpointException(file, "its checksum does not match (corrupt)");
      }
      return new Checkpoint(metadata, tensors, shapes);
    } catch (EOFException e) {
      throw new CorruptCheckpointException(file, "it is truncated");
    }
  }

  private static void checkCount(Path file, int n) throws CorruptCheckpointException {
    if (n < 0 || n > 10_000_000) {
      throw new CorruptCheckpointException(file, "it has an impossible entry count " + n);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in, Path file) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 24)) {
      throw new CorruptCheckpointException(file, "it has a string of impossible length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
