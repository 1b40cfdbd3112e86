package io.github.gadn.tensorflow.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.gadn.CorruptCheckpointException;
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
      long n = elements(shape);
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
    write(
        file,
        metadata,
        orderedShapes(),
        (name, offset, dst, length) ->
            System.arraycopy(tensors.get(name), (int) offset, dst, 0, length));
  }

  /** The size in bytes of the file {@link #write} writes. */
  public long fileSize() {
    return fileSize(metadata, orderedShapes());
  }

  /** The shapes in the order of {@link #tensors}. */
  private Map<String, long[]> orderedShapes() {
    Map<String, long[]> ordered = new LinkedHashMap<>();
    tensors.keySet().forEach(name -> ordered.put(name, shapes.get(name)));
    return ordered;
  }

  /**
   * Where a streamed checkpoint's values come from: {@link #write(Path, Map, Map, TensorSource)}
   * asks for each tensor's values in file order, a slice at a time, so a checkpoint of any size
   * is written through one small buffer instead of being held in memory.
   */
  @FunctionalInterface
  public interface TensorSource {
    /**
     * Copies elements {@code offset … offset + length − 1} (row-major) of tensor {@code name}
     * into {@code dst[0 … length − 1]}.
     */
    void read(String name, long offset, float[] dst, int length) throws IOException;
  }

  /** Floats per slice of a streamed write (a 64 KiB buffer). */
  private static final int SLICE = 1 << 14;

  /**
   * Writes a checkpoint whose tensor values are streamed from {@code source}, atomically (as
   * {@link #write(Path)}); the file is identical to that of a {@code Checkpoint} holding the same
   * values.
   *
   * @param shapes tensor name → shape, in file order
   * @throws IOException if the folder is not writable, the disk is full or the source fails (the
   *     previous file, if any, is left intact)
   */
  public static void write(
      Path file, Map<String, String> metadata, Map<String, long[]> shapes, TensorSource source)
      throws IOException {
    AtomicFiles.write(file, raw -> writeTo(raw, metadata, shapes, source));
  }

  private static void writeTo(
      OutputStream raw, Map<String, String> metadata, Map<String, long[]> shapes,
      TensorSource source) throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(metadata.size());
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
    out.writeInt(shapes.size());
    ByteBuffer buffer = ByteBuffer.allocate(SLICE * 4).order(ByteOrder.LITTLE_ENDIAN);
    float[] slice = new float[SLICE];
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      writeString(out, e.getKey());
      long[] shape = e.getValue();
      out.writeInt(shape.length);
      for (long d : shape) {
        out.writeLong(d);
      }
      long size = elements(shape);
      for (long i = 0; i < size; ) {
        int n = (int) Math.min(size - i, SLICE);
        source.read(e.getKey(), i, slice, n);
        buffer.clear();
        buffer.asFloatBuffer().put(slice, 0, n);
        out.write(buffer.array(), 0, n * 4);
        i += n;
      }
    }
    out.flush();
    new DataOutputStream(raw).writeLong(crc.getValue());
  }

  /** The size in bytes of the file a checkpoint of these tensors and metadata takes. */
  public static long fileSize(Map<String, String> metadata, Map<String, long[]> shapes) {
    long n = MAGIC.length + 4 + 4 + 4 + 8;
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      n += 8 + e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      n += 4 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4
          + 8L * e.getValue().length + 4L * elements(e.getValue());
    }
    return n;
  }

  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /**
   * Reads and verifies a checkpoint, holding every value in memory (for checkpoints of networks,
   * {@link #stream} needs only a small buffer).
   *
   * @throws CorruptCheckpointException naming the file if it is truncated, not a checkpoint, or
   *     fails its checksum
   * @throws IOException if it cannot be read
   */
  public static Checkpoint read(Path file) throws IOException {
    return read(file, name -> true);
  }

  /**
   * Reads and verifies a checkpoint, keeping only the tensors whose name {@code keep} accepts
   * (the others are skipped, not loaded): e.g. the weights without the optimiser slots.
   *
   * @throws CorruptCheckpointException naming the file if it is truncated, not a checkpoint, or
   *     fails its checksum
   */
  public static Checkpoint read(Path file, java.util.function.Predicate<String> keep)
      throws IOException {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Header header =
        scan(
            file,
            (name, shape, values) -> {
              if (keep.test(name)) {
                float[] v = new float[(int) elements(shape)];
                values.read(v, 0, v.length);
                tensors.put(name, v);
              }
            });
    Map<String, long[]> shapes = new LinkedHashMap<>();
    tensors.keySet().forEach(name -> shapes.put(name, header.shapes().get(name)));
    return new Checkpoint(header.metadata(), tensors, shapes);
  }

  /** Accepts every tensor but the optimiser slots (names under {@code opt/}). */
  public static boolean notOptimizerSlot(String name) {
    return !name.startsWith("opt/");
  }

  /**
   * A checkpoint's metadata and tensor shapes (file order), its values left in the file.
   *
   * @param metadata string metadata
   * @param shapes tensor name → shape
   */
  public record Header(Map<String, String> metadata, Map<String, long[]> shapes) {
    /** Copies the maps. */
    public Header {
      metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
      shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
    }
  }

  /** The values of one tensor, read in order, a slice at a time. */
  @FunctionalInterface
  public interface FloatReader {
    /** Reads the next {@code length} values into {@code dst[offset …]}. */
    void read(float[] dst, int offset, int length) throws IOException;
  }

  /** Receives the tensors of a checkpoint in file order. */
  @FunctionalInterface
  public interface TensorSink {
    /**
     * One tensor: its values may be read (all of them, in order) from {@code values} during the
     * call; values left unread are skipped.
     */
    void accept(String name, long[] shape, FloatReader values) throws IOException;
  }

  /**
   * Reads and verifies a checkpoint without keeping its values.
   *
   * @throws CorruptCheckpointException naming the file if it is truncated, not a checkpoint, or
   *     fails its checksum
   */
  public static Header readHeader(Path file) throws IOException {
    return scan(file, (name, shape, values) -> {});
  }

  /**
   * Verifies a checkpoint, then hands its tensors one at a time to {@code sink}: the file is read
   * twice, so that nothing reaches the sink from a file that fails its checksum. Memory use is a
   * small buffer whatever the checkpoint's size.
   *
   * @throws CorruptCheckpointException naming the file if it is truncated, not a checkpoint, or
   *     fails its checksum (then {@code sink} has not been called)
   */
  public static Header stream(Path file, TensorSink sink) throws IOException {
    return stream(file, readHeader(file), sink);
  }

  /**
   * Hands the tensors of a checkpoint that {@link #readHeader} has already verified to {@code
   * sink}, reading the file once more (not twice). The checksum is checked again at the end: if
   * the file changed since {@code verified} was read, the sink has seen its values by the time
   * that is reported, so a caller that cannot undo them discards what it built from them.
   *
   * @param verified the header {@link #readHeader} returned for this file
   * @throws CorruptCheckpointException naming the file if it no longer matches its checksum
   */
  public static Header stream(Path file, Header verified, TensorSink sink) throws IOException {
    Header now = scan(file, sink);
    if (!now.metadata().equals(verified.metadata())
        || !now.shapes().keySet().equals(verified.shapes().keySet())) {
      throw new CorruptCheckpointException(file, "it changed while it was being read");
    }
    return now;
  }

  /**
   * Parses {@code file}, handing each tensor to {@code sink} as it goes, and checks the checksum
   * at the end.
   */
  private static Header scan(Path file, TensorSink sink) throws IOException {
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
      Map<String, long[]> shapes = new LinkedHashMap<>();
      byte[] bytes = new byte[SLICE * 4];
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
        if (n < 0 || n * 4 > size || n > Integer.MAX_VALUE) {
          throw new CorruptCheckpointException(file, "tensor " + name + " has a bad shape");
        }
        long[] remaining = {n};
        FloatReader values =
            (dst, offset, length) -> {
              checkArgument(
                  length <= remaining[0], "tensor %s: %s values asked, %s left",
                  name, length, remaining[0]);
              for (int i = 0; i < length; ) {
                int k = Math.min(length - i, SLICE);
                in.readFully(bytes, 0, k * 4);
                ByteBuffer.wrap(bytes, 0, k * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .get(dst, offset + i, k);
                i += k;
              }
              remaining[0] -= length;
            };
        sink.accept(name, shape.clone(), values);
        in.skipNBytes(4 * remaining[0]);
        shapes.put(name, shape);
      }
      if (in.read() != -1) {
        throw new CorruptCheckpointException(file, "it has trailing data");
      }
      long expected = new DataInputStream(raw).readLong();
      if (expected != crc.getValue()) {
        throw new CorruptCheckpointException(file, "its checksum does not match (corrupt)");
      }
      return new Header(metadata, shapes);
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
