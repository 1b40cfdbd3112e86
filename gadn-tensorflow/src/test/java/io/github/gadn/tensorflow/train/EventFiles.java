package io.github.gadn.tensorflow.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/**
 * Reads TensorBoard event files for tests, independently of {@link EventFileWriter}: splits the
 * TFRecord framing (uint64 length, masked CRC-32C of the length bytes, data, masked CRC-32C of the
 * data, all little-endian), verifies both checksums of every record and parses the events.
 */
final class EventFiles {
  private EventFiles() {}

  /** The records of a file; fails on a bad checksum, a truncated record or trailing bytes. */
  static List<byte[]> records(byte[] file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> out = new ArrayList<>();
    while (in.hasRemaining()) {
      int start = in.position();
      if (in.remaining() < 12) {
        throw new IOException("truncated record header at byte " + start);
      }
      byte[] lengthBytes = new byte[8];
      in.get(lengthBytes);
      long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
      int lengthCrc = in.getInt();
      if (lengthCrc != masked(lengthBytes)) {
        throw new IOException("bad length checksum in the record at byte " + start);
      }
      if (length < 0 || length > in.remaining() - 4) {
        throw new IOException("truncated record of " + length + " bytes at byte " + start);
      }
      byte[] data = new byte[(int) length];
      in.get(data);
      if (in.getInt() != masked(data)) {
        throw new IOException("bad data checksum in the record at byte " + start);
      }
      out.add(data);
    }
    return out;
  }

  /**
   * The masked CRC-32C as TFRecord defines it: the CRC rotated right by 15 bits plus {@code
   * 0xa282ead8} (written here as a rotation, the writer spells it as two shifts).
   */
  static int masked(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return Integer.rotateRight((int) crc.getValue(), 15) + 0xa282ead8;
  }

  /** The events of a file, checksums verified. */
  static List<Event> events(Path file) throws IOException {
    List<Event> out = new ArrayList<>();
    for (byte[] record : records(Files.readAllBytes(file))) {
      out.add(Event.parseFrom(record));
    }
    return out;
  }

  /** The event files of a folder, in the order TensorBoard reads them (by name). */
  static List<Path> files(Path dir) throws IOException {
    try (var list = Files.list(dir)) {
      return list.filter(f -> f.getFileName().toString().contains("tfevents")).sorted().toList();
    }
  }

  /** The events of every event file of a folder, file after file. */
  static List<Event> allEvents(Path dir) throws IOException {
    List<Event> out = new ArrayList<>();
    for (Path f : files(dir)) {
      out.addAll(events(f));
    }
    return out;
  }

  /** A scalar or image read back: the event's step and the summary value. */
  record Tagged(long step, Summary.Value value) {}

  /**
   * The values with {@code tag} that TensorBoard shows for a folder's events read file after file:
   * in files of version 2, a session-start event at step {@code s} drops the values seen so far at
   * steps {@code >= s} (TensorBoard's rule for a restarted run).
   */
  static List<Tagged> merged(List<Event> events, String tag) {
    List<Tagged> out = new ArrayList<>();
    for (Event e : events) {
      if (e.hasSessionLog() && e.getSessionLog().getStatus() == SessionLog.SessionStatus.START) {
        out.removeIf(v -> v.step() >= e.getStep());
      }
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getTag().equals(tag)) {
          out.add(new Tagged(e.getStep(), v));
        }
      }
    }
    return out;
  }

  /**
   * The scalar with {@code tag} at {@code step}.
   *
   * @throws AssertionError unless there is exactly one
   */
  static float scalarAt(List<Event> events, String tag, long step) {
    List<Float> at = new ArrayList<>();
    for (Tagged v : values(events, tag)) {
      if (v.step() == step) {
        at.add(v.value().getSimpleValue());
      }
    }
    if (at.size() != 1) {
      throw new AssertionError(at.size() + " values of " + tag + " at step " + step + ": " + at);
    }
    return at.get(0);
  }

  /** Every summary value with {@code tag}, in file order. */
  static List<Tagged> values(List<Event> events, String tag) {
    List<Tagged> out = new ArrayList<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getTag().equals(tag)) {
          out.add(new Tagged(e.getStep(), v));
        }
      }
    }
    return out;
  }
}
