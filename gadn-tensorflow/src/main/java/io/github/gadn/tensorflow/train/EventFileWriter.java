package io.github.gadn.tensorflow.train;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * A TensorBoard event file: a sequence of TFRecord records, each holding one serialised {@link
 * Event}. A record is laid out as
 *
 * <pre>
 *   uint64  length of the data, little-endian
 *   uint32  masked CRC-32C of those 8 length bytes, little-endian
 *   byte[]  data
 *   uint32  masked CRC-32C of the data, little-endian
 * </pre>
 *
 * where the mask of a CRC {@code c} is {@code ((c >>> 15) | (c << 17)) + 0xa282ead8} in 32-bit
 * arithmetic. The file is named {@code events.out.tfevents.<unix seconds>.<host>} (with a suffix
 * {@code .1}, {@code .2}, … if that name is taken), is created new, never overwritten, and its first
 * record is the version event ({@code file_version: "brain.Event:2"}).
 *
 * <p>Records go through a buffer, each written whole; {@link #flush()} hands the buffered records
 * to the operating system (it does not force them to disk), so a killed process keeps every record
 * written before the last flush.
 */
final class EventFileWriter implements AutoCloseable {
  /** The name every event file starts with; TensorBoard reads files whose name holds "tfevents". */
  static final String PREFIX = "events.out.tfevents.";

  /** The version string of the first event. */
  static final String FILE_VERSION = "brain.Event:2";

  private static final int MASK_DELTA = 0xa282ead8;
  private static final int BUFFER = 1 << 16;

  private final Path file;
  private final OutputStream out;

  private EventFileWriter(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Creates a new event file in {@code dir} (created if missing) and writes the version event.
   *
   * @param dir the folder
   * @param wallTime the current time in seconds since the epoch; its whole seconds name the file
   * @param host the host name in the file name (characters other than letters, digits, {@code .},
   *     {@code -} and {@code _} become {@code _})
   */
  static EventFileWriter create(Path dir, double wallTime, String host) throws IOException {
    Files.createDirectories(dir);
    String base = PREFIX + (long) Math.floor(wallTime) + "." + host.replaceAll("[^A-Za-z0-9._-]", "_");
    for (int n = 0; ; n++) {
      Path file = dir.resolve(n == 0 ? base : base + "." + n);
      OutputStream stream;
      try {
        stream = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        continue; // another run (or this one, resumed within the same second) has this name
      }
      EventFileWriter writer = new EventFileWriter(file, new BufferedOutputStream(stream, BUFFER));
      try {
        writer.write(Event.newBuilder().setWallTime(wallTime).setFileVersion(FILE_VERSION).build());
        writer.flush();
      } catch (IOException | RuntimeException e) {
        writer.close();
        throw e;
      }
      return writer;
    }
  }

  /** Creates a new event file named after the current time and this machine. */
  static EventFileWriter create(Path dir) throws IOException {
    return create(dir, System.currentTimeMillis() / 1000.0, Host.NAME);
  }

  /** The file written. */
  Path file() {
    return file;
  }

  /** Appends one event (buffered). */
  void write(Event event) throws IOException {
    writeRecord(event.toByteArray());
  }

  /** Appends one record holding {@code data} (buffered; the record is written in one piece). */
  void writeRecord(byte[] data) throws IOException {
    byte[] record = new byte[8 + 4 + data.length + 4];
    long length = data.length;
    for (int i = 0; i < 8; i++) {
      record[i] = (byte) (length >>> (8 * i));
    }
    putInt(record, 8, maskedCrc(record, 0, 8));
    System.arraycopy(data, 0, record, 12, data.length);
    putInt(record, 12 + data.length, maskedCrc(data, 0, data.length));
    out.write(record);
  }

  /** Hands the buffered records to the operating system. */
  void flush() throws IOException {
    out.flush();
  }

  /** Flushes and closes the file. */
  @Override
  public void close() throws IOException {
    out.close();
  }

  /** The masked CRC-32C of {@code len} bytes of {@code b} from {@code off}. */
  static int maskedCrc(byte[] b, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(b, off, len);
    return mask((int) crc.getValue());
  }

  /** {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}, in 32-bit arithmetic. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  private static void putInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  /** This machine's name, looked up once; {@code localhost} if it cannot be found. */
  private static final class Host {
    static final String NAME = lookUp();

    private static String lookUp() {
      try {
        String name = InetAddress.getLocalHost().getHostName();
        return name == null || name.isEmpty() ? "localhost" : name;
      } catch (IOException | SecurityException e) {
        return "localhost";
      }
    }
  }
}
